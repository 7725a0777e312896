"""The `store` fixture: every contract test runs once per store, on an empty graph."""

from __future__ import annotations

import pytest

from pilotgraph.graph.local_store import LocalStore


def _empty_neo4j_store(request):
    import neo4j

    from pilotgraph.graph.neo4j_store import Neo4jStore

    conn = request.getfixturevalue("neo4j_connection")
    driver = neo4j.GraphDatabase.driver(conn["uri"], auth=(conn["user"], conn["password"]))
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=conn["database"])
    store = Neo4jStore(driver, conn["database"], owns_driver=True)
    store.ensure_schema()
    return store


@pytest.fixture(params=["local", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "local":
        s = LocalStore(tmp_path / "graph.sqlite")
    else:
        s = _empty_neo4j_store(request)
    yield s
    s.close()


@pytest.fixture
def reopen(request, tmp_path):
    """A function giving a fresh store object over the same data (a new process would see this)."""
    def _reopen(store):
        if store.kind == "local":
            return LocalStore(store.path)
        from pilotgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore(store.driver, store.database)
    return _reopen
