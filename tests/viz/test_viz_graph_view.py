"""Graph rendering: styling, evidence on edges, aggregation, layouts (no browser)."""

from __future__ import annotations

from pilotgraph.graph.model import Entity, Fact, Subgraph
from pilotgraph.viz.graph_view import (
    PHYSICS_NODE_LIMIT, TYPE_STYLE, build_lineage_view, build_view,
)
from viz_sample_data import BINJIANG, CCC, HANGZHOU


def _star(n: int, types=("Pilot", "Agency", "Region", "Award")) -> Subgraph:
    nodes = {"pilot:hub": Entity("pilot:hub", "Pilot", "中心试点")}
    facts = []
    for i in range(n):
        t = types[i % len(types)]
        key = f"{t.lower()}:n{i}"
        nodes[key] = Entity(key, t, f"节点{i}")
        facts.append(Fact(f"f{i}", "RUNS", key, "pilot:hub", 2015 + i % 10, "achieved", "r", f"r#{i}", text=f"句{i}"))
    return Subgraph(nodes=nodes, facts=facts)


def test_nodes_are_styled_by_type_and_carry_hover_and_link(sample_store):
    sub = sample_store.expand([CCC], depth=1)
    view = build_view(sub, [CCC])
    node = {n["id"]: n for n in view.nodes}
    assert node[CCC]["color"] == TYPE_STYLE["Pilot"][0] and node[CCC]["focus"] is True
    assert node[HANGZHOU]["group"] == "Region"
    assert view.options["groups"]["Region"] == {"color": TYPE_STYLE["Region"][0], "shape": TYPE_STYLE["Region"][1],
                                                "size": 14}
    assert "3C免办" in node[CCC]["title"] and "市级" in node[CCC]["title"]
    assert "url" not in node[CCC]  # the page derives /view/entity/{key} from the id


def test_same_relation_between_two_entities_is_one_edge_with_every_observation(sample_store):
    view = build_view(sample_store.expand([CCC], depth=1), [CCC])
    runs = [e for e in view.edges if e["type"] == "RUNS" and e["to"] == CCC and e["from"].endswith("杭州市市场监督管理局")]
    assert len(runs) == 1
    assert [ev["year"] for ev in runs[0]["evidence"]] == [2021, 2022]
    assert runs[0]["label"] == "开展" and runs[0]["years"] == [2021, 2022]
    assert {ev["status"] for ev in runs[0]["evidence"]} == {"achieved", "planned"}
    assert all(ev["text"] for ev in runs[0]["evidence"])


def test_small_graph_uses_bounded_physics():
    view = build_view(_star(20), ["pilot:hub"])
    assert view.layout == "force"
    stab = view.options["physics"]["stabilization"]
    assert stab["enabled"] and stab["iterations"] <= 150


def test_big_graph_is_aggregated_by_type():
    view = build_view(_star(1000), ["pilot:hub"], max_nodes=300)
    groups = [n for n in view.nodes if n.get("aggregate")]
    assert len(view.nodes) == 300 + len(groups)
    assert {g["id"] for g in groups} <= {"group:Pilot", "group:Agency", "group:Region", "group:Award"}
    assert sum(g["aggregate"] for g in groups) == view.aggregated == 1001 - 300
    assert view.nodes[0]["id"] == "pilot:hub"


def test_thousands_of_nodes_get_positions_and_no_physics():
    view = build_view(_star(4999), ["pilot:hub"], max_nodes=5000)
    assert len(view.nodes) == 5000 and view.layout == "rings" and len(view.nodes) > PHYSICS_NODE_LIMIT
    assert view.options["physics"] == {"enabled": False}
    assert view.options["layout"]["improvedLayout"] is False
    assert all("x" in n and "y" in n for n in view.nodes)
    assert len({(round(n["x"]), round(n["y"])) for n in view.nodes}) == 5000  # nobody on top of another
    assert "label" not in view.edges[0]  # edge labels only on small graphs; the title keeps the type
    hub, other = view.nodes[0], view.nodes[1]
    assert hub["label"] == "中心试点" and "label" not in other and other["deferredLabel"].startswith("节点")


def test_lineage_view_places_observations_by_year_and_level(sample_store):
    levels = {r.key: r.level for r in sample_store.reports()}
    view = build_lineage_view(sample_store.expand([CCC], depth=1), CCC, report_levels=levels)
    obs = sorted((n for n in view.nodes if n.get("observation")), key=lambda n: n["x"])
    assert [(n["years"][0], n["level"]) for n in obs] == [(2021, "city"), (2022, "city"), (2025, "district")]
    assert obs[0]["x"] < obs[1]["x"] < obs[2]["x"]
    bands = {b["level"]: b["y"] for b in view.bands}
    assert bands["city"] < bands["district"]  # higher levels above
    assert obs[0]["y"] == bands["city"] and obs[2]["y"] == bands["district"]
    chain = [e for e in view.edges if e["type"] == "TIMELINE"]
    assert [e["label"] for e in chain] == ["2021→2022", "2022→2025"]
    assert all(e["evidence"] for e in view.edges)
    region = next(n for n in view.nodes if n["id"] == BINJIANG)
    assert region["y"] != obs[2]["y"] or region["x"] != obs[2]["x"]
    assert view.options["physics"] == {"enabled": False}


def test_wide_lineage_keeps_its_earliest_links():
    view = build_lineage_view(_star(500), "pilot:hub", max_nodes=50)
    drawn = [n for n in view.nodes if not n.get("observation") and not n.get("caption")]
    assert len(drawn) == 50 and view.aggregated == 450
    assert max(n["years"][0] for n in drawn) <= min(2015 + i % 10 for i in range(500)) + 1


def test_dated_mentions_are_observations_of_the_lineage(sample_store):
    levels = {r.key: r.level for r in sample_store.reports()}
    mention = Fact("mention:x", "MENTIONED", CCC, CCC, 2023, "planned", "binjiang-amr-2025-h1", "s", text="提到CCC免办。")
    view = build_lineage_view(sample_store.expand([CCC], depth=1), CCC, report_levels=levels, mentions=[mention])
    obs = sorted((n for n in view.nodes if n.get("observation")), key=lambda n: n["x"])
    assert [n["years"][0] for n in obs] == [2021, 2022, 2023, 2025]
    assert obs[2]["evidence"][0]["typeLabel"] == "提及" and obs[2]["level"] == "district"
    assert 2023 in view.years
