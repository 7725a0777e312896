"""Query tests run on the embedded store loaded with the hand-built corpus (Neo4j in the differential test)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pilotgraph.graph.local_store import LocalStore

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: helpers import by bare name

from lineage_dataset import corpus  # noqa: E402


@pytest.fixture(scope="module")
def qstore():
    store = LocalStore(":memory:")
    store.load_many(corpus())
    yield store
    store.close()
