"""The queries on the bundled sample reports, loaded through the loaders (the issue's acceptance)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotgraph import queries
from pilotgraph.graph.local_store import LocalStore

SAMPLES = Path(__file__).parents[2] / "data" / "samples"


@pytest.fixture(scope="module")
def samples():
    from pilotgraph.loaders.pipeline import load_paths

    store = LocalStore(":memory:")
    summary = load_paths(store, [SAMPLES], progress=False)
    assert summary.ok, summary.failures
    yield store
    store.close()


def _ccc(store) -> str:
    found = queries.search(store, "CCC免办", type="Initiative")["data"]
    assert found, "no CCC免办 initiative extracted from the samples"
    return found[0]["key"]


def test_ccc_timeline_has_2025_with_evidence(samples):
    tl = queries.timeline(samples, _ccc(samples))
    years = {o["year"] for o in tl["data"]}
    assert 2025 in years
    for o in tl["data"]:
        ev = o["evidence"]
        assert ev["report"] and ev["text"] and ev["end"] > ev["start"]


def test_ccc_timeline_spans_2021_2022_2025(samples):
    """进口产品CCC免办 (city, 2021) → “3C免办” (plan, 2022) → CCC免办服务新模式 (district, 2025)."""
    data = queries.timeline(samples, _ccc(samples))["data"]
    assert {2021, 2022, 2025} <= {o["year"] for o in data}
    by_year = {o["year"]: o for o in data}
    assert by_year[2021]["status"] == "achieved" and "CCC免办" in by_year[2021]["evidence"]["text"]
    assert by_year[2022]["status"] == "planned" and "3C免办" in by_year[2022]["evidence"]["text"]
    assert by_year[2021]["evidence"]["report"].startswith("hangzhou")
    assert by_year[2025]["evidence"]["report"].startswith("binjiang")


def test_spread_of_a_pilot_promoted_province_wide(samples):
    promoted = [f for f in samples.facts(None, ["PROMOTED_TO"]) if f.target == "region:330000"]
    assert promoted, "no 全省推广 promotion extracted"
    for fact in promoted:
        sp = queries.spread(samples, fact.source)
        province = [lv for lv in sp["levels"] if lv["level"] == "province"][0]
        assert province["reached"] and province["first_year"] == fact.year
        assert sp["highest_level"] in ("province", "national")


def test_binjiang_originated_is_not_empty_and_has_levels(samples):
    got = queries.originated(samples, "330108")
    assert got["count"] > 0
    assert all(d["highest_level"] for d in got["data"])
    assert {d["highest_level"] for d in got["data"]} >= {"district", "province"}
