"""Each query on the hand-built corpus (lineage_dataset.py), with answers worked out by hand."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from pilotgraph import queries
from pilotgraph.errors import InvalidInput, NotFound
from pilotgraph.queries.export import export_graph
from pilotgraph.queries.panel import panel_csv, plan_vs_outcome, region_year_panel

from lineage_dataset import AWARD_N, AWARD_P, BJ_AMR, CCC, CCC2, CITY_AMR, DATA_IP, ELEVATOR, SMALL


# -- timeline -----------------------------------------------------------------------------------
def test_timeline_follows_succeeds_in_year_order(qstore):
    tl = queries.timeline(qstore, CCC.key, include_mentions=False)
    assert [s["key"] for s in tl["stages"]] == [CCC.key, CCC2.key]
    assert [(o["year"], o["type"], o["status"]) for o in tl["data"]] == [
        (2021, "RUNS", "achieved"), (2022, "PROMOTED_TO", "planned"),
        (2025, "SUCCEEDS", "achieved"), (2025, "RUNS", "achieved"), (2025, "RECOGNIZED_AS", "achieved")]
    assert tl["count"] == 5
    first = tl["data"][0]
    assert first["evidence"]["report"] == "hz-2021"
    assert first["evidence"]["text"] == "开通进口产品CCC免办企业自我承诺便捷通道。"
    assert first["evidence"]["start"] == 0 and first["evidence"]["end"] == len(first["evidence"]["text"])
    assert first["other"]["key"] == CITY_AMR.key and first["direction"] == "in"


def test_timeline_includes_dated_mentions_without_a_fact(qstore):
    tl = queries.timeline(qstore, CCC.key)
    mentioned = [o for o in tl["data"] if o["type"] == "MENTIONED"]
    assert len(mentioned) == 1 and mentioned[0]["year"] == 2022 and mentioned[0]["status"] == "planned"
    assert mentioned[0]["evidence"]["mention"]["text"] == "进口产品CCC免办"
    assert [o["year"] for o in tl["data"]] == [2021, 2022, 2022, 2025, 2025, 2025]


def test_timeline_without_succeeds_and_filters(qstore):
    assert queries.timeline(qstore, CCC.key, follow_succeeds=False, include_mentions=False)["count"] == 3
    assert queries.timeline(qstore, CCC.key, status="planned")["count"] == 2
    assert queries.timeline(qstore, CCC.key, year_from=2025)["count"] == 3
    with pytest.raises(NotFound):
        queries.timeline(qstore, "initiative:不存在")
    with pytest.raises(InvalidInput):
        queries.timeline(qstore, CCC.key, status="maybe")


# -- lineage ------------------------------------------------------------------------------------
def test_lineage_up_is_the_origin_runner(qstore):
    up = queries.lineage(qstore, DATA_IP.key, direction="up", depth=1)
    assert [n["key"] for n in up["nodes"]] == [DATA_IP.key, BJ_AMR.key]
    assert up["nodes"][1]["side"] == "upstream"
    edge = up["nodes"][0]["in_edges"][0]
    assert (edge["origin"], edge["destination"], edge["first_year"]) == (BJ_AMR.key, DATA_IP.key, 2021)
    assert edge["observations"][0]["evidence"]["report"] == "bj-2021"


def test_lineage_down_has_adopters_promotions_recognitions(qstore):
    down = queries.lineage(qstore, DATA_IP.key, direction="down", depth=1)
    assert {n["key"] for n in down["nodes"]} == {DATA_IP.key, "region:330110", "region:330000", AWARD_N.key}
    root = down["nodes"][0]
    assert {e["type"] for e in root["out_edges"]} == {"PROMOTED_TO", "RECOGNIZED_AS"}
    assert [e["origin"] for e in root["in_edges"]] == ["region:330110"]


def test_lineage_as_of_and_window(qstore):
    down = queries.lineage(qstore, DATA_IP.key, direction="down", as_of=2022)
    assert [n["key"] for n in down["nodes"]] == [DATA_IP.key]
    both = queries.lineage(qstore, CCC2.key, direction="both", depth=2)
    sides = {n["key"]: n["side"] for n in both["nodes"]}
    assert sides[CCC.key] == "upstream" and sides[CITY_AMR.key] == "upstream"
    assert sides[AWARD_P.key] == "downstream"
    win = queries.lineage(qstore, CCC2.key, year_from=2025, year_to=2025)
    assert CITY_AMR.key not in {n["key"] for n in win["nodes"]}
    with pytest.raises(InvalidInput):
        queries.lineage(qstore, CCC2.key, as_of=2022, year_from=2021)
    with pytest.raises(InvalidInput):
        queries.lineage(qstore, CCC2.key, depth=0)
    with pytest.raises(InvalidInput):
        queries.lineage(qstore, CCC2.key, direction="sideways")


def test_lineage_downstream_succession(qstore):
    down = queries.lineage(qstore, CCC.key, direction="down", depth=2, types=["SUCCEEDS", "RECOGNIZED_AS"])
    assert [n["key"] for n in down["nodes"]] == [CCC.key, CCC2.key, AWARD_P.key]


# -- spread -------------------------------------------------------------------------------------
def test_spread_of_a_pilot_promoted_to_the_province(qstore):
    sp = queries.spread(qstore, DATA_IP.key)
    assert sp["origin"]["region"]["key"] == "region:330108"
    assert (sp["origin"]["level"], sp["origin"]["year"]) == ("district", 2021)
    levels = {lv["level"]: lv for lv in sp["levels"]}
    assert (levels["district"]["first_year"], levels["district"]["kind"]) == (2021, "origin")
    assert levels["city"]["reached"] is False
    assert (levels["province"]["first_year"], levels["province"]["kind"]) == (2023, "promotion")
    assert levels["province"]["evidence"]["evidence"]["text"] == "数据知识产权试点经验全省推广。"
    assert (levels["national"]["first_year"], levels["national"]["kind"]) == (2025, "recognition")
    assert (sp["highest_level"], sp["highest_level_year"]) == ("national", 2025)
    assert sp["years_between"] == [{"from": "district", "to": "province", "years": 2},
                                   {"from": "province", "to": "national", "years": 2}]
    assert [(a["region"]["key"], a["first_year"]) for a in sp["adopters"]] == [
        ("region:330108", 2021), ("region:330110", 2023)]
    assert sp["adoption_curve"] == [{"year": 2021, "new": 1, "cumulative": 1},
                                    {"year": 2023, "new": 1, "cumulative": 2}]


def test_spread_designation_and_planned_promotion(qstore):
    sp = queries.spread(qstore, ELEVATOR.key)
    assert sp["origin"]["region"]["key"] == "region:330100"
    national = sp["levels"][-1]
    assert (national["reached"], national["kind"], national["first_year"]) == (True, "designation", 2021)
    ccc = queries.spread(qstore, CCC.key)
    # the 2022 promotion is only planned, but a promotion observation still names the scope
    assert ccc["highest_level"] == "province"
    with pytest.raises(NotFound):
        queries.spread(qstore, "pilot:无")


# -- originated ---------------------------------------------------------------------------------
def test_originated_by_a_district(qstore):
    got = queries.originated(qstore, "330108")
    assert [d["entity"]["key"] for d in got["data"]] == [DATA_IP.key, CCC2.key]
    first = got["data"][0]
    assert (first["first_year"], first["highest_level"], first["highest_level_year"]) == (2021, "national", 2025)
    assert [r["award"]["key"] for r in first["recognitions"]] == [AWARD_N.key]
    assert got["data"][1]["highest_level"] == "province"


def test_originated_includes_subregions_and_sorts(qstore):
    city = queries.originated(qstore, "region:330100")
    assert {d["entity"]["key"] for d in city["data"]} == {DATA_IP.key, CCC2.key, CCC.key, ELEVATOR.key, SMALL.key}
    own = queries.originated(qstore, "330100", include_subregions=False)
    assert {d["entity"]["key"] for d in own["data"]} == {CCC.key, ELEVATOR.key, SMALL.key}
    by_level = queries.originated(qstore, "330100", sort="level")
    assert by_level["data"][0]["highest_level"] == "national"
    with pytest.raises(NotFound):
        queries.originated(qstore, "999999")
    with pytest.raises(InvalidInput):
        queries.originated(qstore, "330100", sort="colour")


# -- recognitions, path, search, profile, stats -------------------------------------------------
def test_recognitions_filters(qstore):
    assert queries.recognitions(qstore)["count"] == 2
    national = queries.recognitions(qstore, level="national")
    assert [(r["recipient"]["key"], r["award"]["key"], r["year"]) for r in national["data"]] == [
        (DATA_IP.key, AWARD_N.key, 2025)]
    assert queries.recognitions(qstore, year=2024)["count"] == 0
    assert queries.recognitions(qstore, region="330108")["count"] == 2
    assert queries.recognitions(qstore, region="330110")["count"] == 0
    page = queries.recognitions(qstore, limit=1, offset=1)
    assert page["count"] == 2 and len(page["data"]) == 1


def test_path_with_evidence(qstore):
    p = queries.path(qstore, BJ_AMR.key, AWARD_N.key)
    assert p["found"] and p["length"] == 2
    assert [n["key"] for n in p["nodes"]] == [BJ_AMR.key, DATA_IP.key, AWARD_N.key]
    assert p["steps"][1]["facts"][0]["evidence"]["text"] == "数据知识产权试点获评全国优秀案例。"
    none = queries.path(qstore, ELEVATOR.key, AWARD_N.key, types=["RECOGNIZED_AS"])
    assert none["found"] is False
    with pytest.raises(NotFound):
        queries.path(qstore, "x:1", AWARD_N.key)


def test_search_and_profile(qstore):
    found = queries.search(qstore, "3C免办")
    assert [e["key"] for e in found["data"]] == [CCC.key]
    pilots = queries.search(qstore, type="Pilot", limit=1)
    assert pilots["count"] == 2 and len(pilots["data"]) == 1
    with pytest.raises(InvalidInput):
        queries.search(qstore, limit=501)
    prof = queries.profile(qstore, DATA_IP.key)
    assert prof["facts"] == 4 and prof["years"] == [2021, 2023, 2025]
    region = queries.profile(qstore, "region:330100")
    assert [p["key"] for p in region["parents"]] == ["region:330000", "region:100000"]
    assert region["children"] == ["region:330108", "region:330110"]


def test_stats(qstore):
    st = queries.stats(qstore)
    assert st["entities_by_type"]["Pilot"] == 2 and st["entities_by_type"]["Platform"] == 0
    assert st["facts_by_year"]["2025"] == {"RECOGNIZED_AS": 2, "RUNS": 1, "SUCCEEDS": 1}
    assert st["facts_by_status"] == {"achieved": 10, "planned": 2}


# -- panel, plan vs outcome, export -------------------------------------------------------------
def test_region_year_panel(qstore):
    rows = region_year_panel(qstore, [DATA_IP.key], level="district")
    assert {r["region"] for r in rows} == {"region:330108", "region:330110"}
    yh = {r["year"]: (r["adopted"], r["event"]) for r in rows if r["region"] == "region:330110"}
    assert yh[2022] == (0, 0) and yh[2023] == (1, 1) and yh[2025] == (1, 0)
    text = panel_csv(rows)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == len(rows) and parsed[0]["programme_name"] == "数据知识产权试点"


def test_plan_vs_outcome(qstore):
    pv = plan_vs_outcome(qstore)
    assert pv["count"] == 2 and pv["achieved"] == 1
    by_target = {d["plan"]["target"]: d for d in pv["data"]}
    assert by_target[SMALL.key]["match"] == "exact"
    assert by_target[SMALL.key]["outcome"]["year"] == 2023
    assert by_target["region:330000"]["outcome"] is None


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_xml_formats_parse(qstore, fmt):
    text = export_graph(qstore, fmt)
    root = ET.fromstring(text.encode("utf-8"))
    assert "数据知识产权试点" in text
    assert root.tag.endswith(fmt)


def test_export_json_and_neighbourhood(qstore):
    whole = json.loads(export_graph(qstore, "json"))
    assert whole["edge_count"] == 12
    near = json.loads(export_graph(qstore, "json", [DATA_IP.key], 1))
    assert {n["key"] for n in near["nodes"]} == {DATA_IP.key, BJ_AMR.key, "region:330110", "region:330000",
                                                 AWARD_N.key}
    with pytest.raises(InvalidInput):
        export_graph(qstore, "dot")
