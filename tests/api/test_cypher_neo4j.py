"""POST /api/v1/cypher against the real Neo4j: reads answer, writes and admin calls are refused,
the row cap sets `truncated`, and a query past the time limit is stopped."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pilotgraph.api.app import create_app
from pilotgraph.settings import Settings

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def neo_client(neo4j_connection):
    import neo4j

    from pilotgraph.graph.neo4j_store import Neo4jStore

    conn = neo4j_connection
    driver = neo4j.GraphDatabase.driver(conn["uri"], auth=(conn["user"], conn["password"]))
    while driver.execute_query("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n",
                               database_=conn["database"])[0][0]["n"]:
        pass
    store = Neo4jStore(driver, conn["database"], owns_driver=True)
    store.ensure_schema()
    from lineage_dataset import corpus

    store.load_many(corpus())
    settings = Settings(_env_file=None, neo4j_uri=None, cypher_timeout=1.0, cypher_max_rows=3)
    with TestClient(create_app(settings, store=store)) as client:
        yield client
    store.close()


def test_read_query_answers_with_a_row_cap(neo_client):
    r = neo_client.post("/api/v1/cypher", json={"query": "MATCH (r:Region) RETURN r.name AS name ORDER BY name"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["name"] and len(body["rows"]) == 3 and body["truncated"] is True
    r = neo_client.post("/api/v1/cypher", json={"query": "MATCH (p:Pilot {key: $k}) RETURN p.name AS name",
                                                "params": {"k": "pilot:数据知识产权试点"}})
    assert r.json() == {"columns": ["name"], "rows": [["数据知识产权试点"]], "truncated": False}


@pytest.mark.parametrize("query", [
    "CREATE (n:Pilot {key: 'x'}) RETURN n",
    "MERGE (n:Pilot {key: 'x'}) RETURN n",
    "MATCH (n:Pilot) DETACH DELETE n",
    "MATCH (n:Pilot) SET n.name = 'x' RETURN n",
    "MATCH (n:Pilot) REMOVE n.name RETURN n",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL dbms.killQueries(['query-1'])",
    "CALL dbms.security.createUser('x', 'y', false)",
    "CALL db.createLabel('Evil')",
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS RETURN 1",
])
def test_writes_and_admin_calls_are_refused(neo_client, query):
    r = neo_client.post("/api/v1/cypher", json={"query": query})
    assert r.status_code in (403, 422), r.text
    assert r.json()["error"]["code"] in ("read_only_violation", "invalid_input")
    still = neo_client.post("/api/v1/cypher", json={"query": "MATCH (p:Pilot) RETURN count(p) AS n"}).json()
    assert still["rows"] == [[2]]


def test_a_query_past_the_time_limit_is_stopped(neo_client):
    r = neo_client.post("/api/v1/cypher", json={
        "query": "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n"})
    assert r.status_code == 408, r.text
    assert r.json()["error"]["code"] == "query_timeout"
