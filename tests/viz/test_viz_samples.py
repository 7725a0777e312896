"""The views on the bundled sample reports, loaded by the real loaders (the demo's data)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.fixture(scope="module")
def samples_client():
    from fastapi.testclient import TestClient

    from pilotgraph.api.app import create_app
    from pilotgraph.graph.local_store import LocalStore
    from pilotgraph.loaders.pipeline import load_paths
    from pilotgraph.settings import Settings

    store = LocalStore(":memory:")
    store.ensure_schema()
    load_paths(store, [SAMPLES], progress=False)
    with TestClient(create_app(Settings(_env_file=None, neo4j_uri=None), store=store)) as client:
        yield client, store
    store.close()


def test_ccc_lineage_page_shows_2021_2022_2025_across_city_and_district(samples_client):
    client, store = samples_client
    found, _ = store.search_entities("CCC免办", limit=1)
    assert found, "the samples name CCC免办"
    html = client.get("/view/lineage/" + quote(found[0].key, safe="")).text
    payload = json.loads(re.search(r'id="lineage-data">(.*?)</script>', html, re.S).group(1))
    obs = sorted((n for n in payload["nodes"] if n.get("observation")), key=lambda n: n["x"])
    assert [(n["years"][0], n["level"]) for n in obs] == [(2021, "city"), (2022, "city"), (2025, "district")]
    assert all("CCC" in ev["text"] or "3C" in ev["text"] for n in obs for ev in n["evidence"])
    assert all(ev["reportTitle"] for n in obs for ev in n["evidence"])


def test_binjiang_pages_and_briefing(samples_client):
    client, _ = samples_client
    region = client.get("/view/region/330108").text
    assert region.count("/view/lineage/") >= 1
    brief = client.get("/briefing", params={"region": "滨江区"}).text
    assert 'id="originated"' in brief and "<svg" in brief and "国家级" in brief
