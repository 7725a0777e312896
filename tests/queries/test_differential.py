"""Differential test: every query gives the same answer on the embedded store and on Neo4j.

Datasets: the hand-built corpus, a synthetic corpus (about 3,000 facts) and the bundled sample
reports (through the loaders). The embedded store is the reference; each answer is compared as
JSON, so ordering differences count as failures too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pilotgraph import queries
from pilotgraph.graph.local_store import LocalStore
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.export import export_graph
from pilotgraph.queries.panel import plan_vs_outcome, region_year_panel

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/synthetic.py

from lineage_dataset import corpus  # noqa: E402
from synthetic import synthetic_corpus  # noqa: E402

pytestmark = pytest.mark.neo4j

SAMPLES = Path(__file__).parents[2] / "data" / "samples"
DATASETS = ["hand", "synthetic", "samples"]


def _load(store: GraphStore, dataset: str) -> None:
    if dataset == "hand":
        store.load_many(corpus())
    elif dataset == "synthetic":
        store.load_many(synthetic_corpus(3_000, seed=7))
    else:
        from pilotgraph.loaders.pipeline import load_paths

        summary = load_paths(store, [SAMPLES], progress=False)
        assert summary.ok, summary.failures


@pytest.fixture(scope="module", params=DATASETS)
def store_pair(request):
    import neo4j

    from pilotgraph.graph.neo4j_store import Neo4jStore

    conn = request.getfixturevalue("neo4j_connection")
    driver = neo4j.GraphDatabase.driver(conn["uri"], auth=(conn["user"], conn["password"]))
    _clear(driver, conn["database"])
    remote = Neo4jStore(driver, conn["database"], owns_driver=True)
    remote.ensure_schema()
    local = LocalStore(":memory:")
    _load(local, request.param)
    _load(remote, request.param)
    yield request.param, local, remote
    local.close()
    remote.close()


def _clear(driver, database: str) -> None:
    while True:
        records, _, _ = driver.execute_query("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n",
                                             database_=database)
        if records[0]["n"] == 0:
            return


def _keys(store: GraphStore) -> dict[str, list[str]]:
    """A deterministic selection of keys to ask about: programmes, regions, awards, agencies."""
    def first(types, n):
        found, _ = store.search_entities(None, types, None, None, 0)
        keys = sorted(e.key for e in found)
        step = max(1, len(keys) // n)
        return keys[::step][:n]
    return {"programmes": first(["Pilot", "Initiative", "Platform"], 12), "regions": first(["Region"], 6),
            "awards": first(["Award"], 3), "agencies": first(["Agency"], 3)}


def _same(local_answer, remote_answer, what: str) -> None:
    a = json.dumps(local_answer, ensure_ascii=False, sort_keys=True, default=str)
    b = json.dumps(remote_answer, ensure_ascii=False, sort_keys=True, default=str)
    assert a == b, f"{what}: the stores disagree"


def test_counts_agree(store_pair):
    _, local, remote = store_pair
    _same(local.counts(), remote.counts(), "counts")
    s1, s2 = queries.stats(local), queries.stats(remote)
    s1.pop("store"), s2.pop("store")
    _same(s1, s2, "stats")


def test_entity_queries_agree(store_pair):
    dataset, local, remote = store_pair
    keys = _keys(local)
    assert keys["programmes"], f"{dataset}: nothing to ask about"
    for key in keys["programmes"]:
        _same(queries.timeline(local, key), queries.timeline(remote, key), f"timeline {key}")
        _same(queries.spread(local, key), queries.spread(remote, key), f"spread {key}")
        _same(queries.spread(local, key, follow_succeeds=True), queries.spread(remote, key, follow_succeeds=True),
              f"spread+succeeds {key}")
        for direction in ("up", "down", "both"):
            _same(queries.lineage(local, key, direction=direction, depth=3),
                  queries.lineage(remote, key, direction=direction, depth=3), f"lineage {direction} {key}")
        _same(queries.lineage(local, key, as_of=2021), queries.lineage(remote, key, as_of=2021), f"as_of {key}")
        _same(queries.profile(local, key), queries.profile(remote, key), f"profile {key}")
    for key in keys["regions"] + keys["awards"] + keys["agencies"]:
        _same(queries.profile(local, key), queries.profile(remote, key), f"profile {key}")
        _same(queries.lineage(local, key, depth=2), queries.lineage(remote, key, depth=2), f"lineage {key}")


def test_region_queries_agree(store_pair):
    _, local, remote = store_pair
    keys = _keys(local)
    for region in keys["regions"]:
        for sort in ("year", "level"):
            _same(queries.originated(local, region, sort=sort), queries.originated(remote, region, sort=sort),
                  f"originated {region} {sort}")
        _same(queries.recognitions(local, region=region), queries.recognitions(remote, region=region),
              f"recognitions {region}")
    for level in (None, "province", "national"):
        _same(queries.recognitions(local, level=level, limit=50, offset=3),
              queries.recognitions(remote, level=level, limit=50, offset=3), f"recognitions {level}")


def test_search_path_panel_export_agree(store_pair):
    _, local, remote = store_pair
    keys = _keys(local)
    for q in ("试点", "区", "CCC", "电梯", "滨江"):
        _same(queries.search(local, q, limit=20), queries.search(remote, q, limit=20), f"search {q}")
    ends = keys["programmes"][:4] + keys["regions"][:2] + keys["awards"][:1]
    for a, b in zip(ends, ends[1:]):
        _same(queries.path(local, a, b), queries.path(remote, a, b), f"path {a} {b}")
    _same(region_year_panel(local, keys["programmes"][:3]), region_year_panel(remote, keys["programmes"][:3]), "panel")
    _same(plan_vs_outcome(local), plan_vs_outcome(remote), "plan vs outcome")
    _same(json.loads(export_graph(local, "json")), json.loads(export_graph(remote, "json")), "export json")


class _ReadsNothingAhead:
    """The store with a `neighbourhood` that reads nothing: queries fall back to the small primitives."""

    def __init__(self, store: GraphStore):
        self.store = store

    def __getattr__(self, name):
        return getattr(self.store, name)

    def neighbourhood(self, keys, *args, **kwargs):
        from pilotgraph.graph.neighbourhood import Neighbourhood

        return Neighbourhood(keys=list(keys))


def test_one_read_ahead_changes_no_answer(store_pair):
    """Lineage and spread read their neighbourhood at once; asking primitive by primitive agrees."""
    dataset, local, remote = store_pair
    keys = _keys(local)
    for store in (local, remote):
        slow = _ReadsNothingAhead(store)
        for key in keys["programmes"] + keys["regions"][:2] + keys["agencies"][:2]:
            for follow in (False, True):
                _same(queries.spread(slow, key, follow_succeeds=follow), queries.spread(store, key, follow_succeeds=follow),
                      f"{store.kind} spread {key}")
            for direction, depth in (("up", 3), ("down", 3), ("both", 2), ("both", 4)):
                _same(queries.lineage(slow, key, direction=direction, depth=depth),
                      queries.lineage(store, key, direction=direction, depth=depth),
                      f"{store.kind} lineage {direction} {depth} {key}")
            _same(queries.lineage(slow, key, as_of=2021), queries.lineage(store, key, as_of=2021),
                  f"{store.kind} as_of {key}")
            _same(queries.lineage(slow, key, year_from=2019, year_to=2023, types=["RUNS", "SUCCEEDS", "PROMOTED_TO"]),
                  queries.lineage(store, key, year_from=2019, year_to=2023, types=["RUNS", "SUCCEEDS", "PROMOTED_TO"]),
                  f"{store.kind} window {key}")
