"""The domain model and its storage: labels, relationship types, keys, constraints; the
`GraphStore` seam and its two implementations.

>>> from pilotgraph.graph import open_store
>>> store = open_store(db_path=":memory:")   # embedded store, no server
>>> store.kind
'local'
"""

from __future__ import annotations

from pathlib import Path

from pilotgraph.graph.model import (  # noqa: F401 - re-exported
    ENTITY_TYPES, FACT_TYPES, Entity, Fact, LoadResult, Mention, PartOf, Report, ReportBatch,
    Sentence, Subgraph,
)
from pilotgraph.graph.store import GraphStore  # noqa: F401


def open_store(settings=None, *, db_path: str | Path | None = None) -> GraphStore:
    """Open the configured store: Neo4j when NEO4J_URI is set, else the embedded LocalStore.

    `db_path` overrides PILOTGRAPH_DB for the embedded store (":memory:" keeps nothing on disk).
    """
    from pilotgraph.settings import get_settings

    settings = settings or get_settings()
    if settings.neo4j_uri and db_path is None:
        from pilotgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from pilotgraph.graph.local_store import LocalStore

    return LocalStore(db_path if db_path is not None else settings.db_path)
