"""API tests: a TestClient over an app holding the embedded store with the hand-built corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pilotgraph.api.app import create_app
from pilotgraph.graph.local_store import LocalStore
from pilotgraph.settings import Settings

sys.path.insert(0, str(Path(__file__).parents[1] / "queries"))  # the hand-built corpus

from lineage_dataset import corpus  # noqa: E402

TOKEN = "s3cret-token-for-the-tests-0123456789"


def make_settings(**overrides) -> Settings:
    return Settings(_env_file=None, neo4j_uri=None, **overrides)


@pytest.fixture(scope="module")
def api_store():
    store = LocalStore(":memory:")
    store.load_many(corpus())
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(api_store):
    app = create_app(make_settings(cors_origins="https://research.example"), store=api_store)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def api_token() -> str:
    return TOKEN


@pytest.fixture
def token_client(tmp_path):
    store = LocalStore(tmp_path / "upload.sqlite")
    app = create_app(make_settings(api_token=TOKEN), store=store)
    with TestClient(app) as c:
        yield c
    store.close()
