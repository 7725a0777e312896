"""Every route of the API: answers, the one error shape, 404/422, pagination bounds, CORS."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest

CCC = "initiative:进口产品CCC免办"
DATA_IP = "pilot:数据知识产权试点"


def enc(key: str) -> str:
    return quote(key, safe="")


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


def test_search_list_shape_and_bounds(client):
    r = client.get("/api/v1/entities", params={"q": "3C免办"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"data", "count"} and body["count"] == 1
    assert set(body["data"][0]) >= {"key", "type", "name", "aliases", "level"}
    assert body["data"][0]["key"] == CCC
    page = client.get("/api/v1/entities", params={"type": "Region", "limit": 2, "offset": 1}).json()
    assert page["count"] == 5 and len(page["data"]) == 2
    assert client.get("/api/v1/entities", params={"limit": 500}).status_code == 200
    assert_error(client.get("/api/v1/entities", params={"limit": 501}), 422, "invalid_input")
    assert_error(client.get("/api/v1/entities", params={"limit": 0}), 422, "invalid_input")
    assert_error(client.get("/api/v1/entities", params={"offset": -1}), 422, "invalid_input")
    err = assert_error(client.get("/api/v1/entities", params={"type": "Planet"}), 422, "invalid_input")
    assert err["detail"][0]["loc"] == ["query", "type"]


def test_profile_with_encoded_chinese_key(client):
    r = client.get(f"/api/v1/entities/{enc(DATA_IP)}")
    assert r.status_code == 200, r.text
    assert r.json()["entity"]["name"] == "数据知识产权试点"
    # unencoded ':' works too
    assert client.get("/api/v1/entities/region:330108").json()["entity"]["name"] == "滨江区"
    assert_error(client.get(f"/api/v1/entities/{enc('pilot:不存在的试点')}"), 404, "not_found")


def test_timeline(client):
    body = client.get(f"/api/v1/entities/{enc(CCC)}/timeline").json()
    assert body["count"] == 6 and [o["year"] for o in body["data"]] == [2021, 2022, 2022, 2025, 2025, 2025]
    assert {o["type"] for o in body["data"]} >= {"MENTIONED", "RUNS"}
    facts_only = client.get(f"/api/v1/entities/{enc(CCC)}/timeline", params={"include_mentions": False}).json()
    assert facts_only["count"] == 5
    page = client.get(f"/api/v1/entities/{enc(CCC)}/timeline", params={"limit": 2, "offset": 1}).json()
    assert page["count"] == 6 and [o["year"] for o in page["data"]] == [2022, 2022]
    assert_error(client.get(f"/api/v1/entities/{enc(CCC)}/timeline", params={"limit": 501}), 422, "invalid_input")
    ev = body["data"][0]["evidence"]
    assert set(ev) >= {"report", "text", "start", "end"} and ev["report"] == "hz-2021"
    assert_error(client.get(f"/api/v1/entities/{enc('x:y')}/timeline"), 404, "not_found")
    assert_error(client.get(f"/api/v1/entities/{enc(CCC)}/timeline", params={"status": "x"}), 422, "invalid_input")


def test_lineage(client):
    r = client.get(f"/api/v1/entities/{enc(DATA_IP)}/lineage",
                   params={"direction": "down", "depth": 1, "types": ["PROMOTED_TO", "RECOGNIZED_AS"]})
    assert r.status_code == 200, r.text
    nodes = r.json()["nodes"]
    assert [n["key"] for n in nodes] == [DATA_IP, "award:全国优秀案例", "region:330000"]
    assert nodes[0]["out_edges"][0]["observations"][0]["evidence"]["report"] in ("hz-2023", "bj-2025")
    url = f"/api/v1/entities/{enc(DATA_IP)}/lineage"
    assert_error(client.get(url, params={"depth": 11}), 422, "invalid_input")
    assert_error(client.get(url, params={"direction": "sideways"}), 422, "invalid_input")
    assert_error(client.get(url, params={"types": ["LOVES"]}), 422, "invalid_input")
    assert_error(client.get(url, params={"as_of": 2022, "year_from": 2020}), 422, "invalid_input")
    assert client.get(url, params={"as_of": 2022}).json()["count"] == 2


def test_spread(client):
    body = client.get(f"/api/v1/entities/{enc(DATA_IP)}/spread").json()
    assert body["highest_level"] == "national"
    province = [lv for lv in body["levels"] if lv["level"] == "province"][0]
    assert province["first_year"] == 2023 and province["kind"] == "promotion"
    assert body["years_between"][0] == {"from": "district", "to": "province", "years": 2}


def test_originated(client):
    body = client.get("/api/v1/regions/330108/originated").json()
    assert body["count"] == 2 and body["data"][0]["highest_level"] == "national"
    assert client.get(f"/api/v1/regions/{enc('region:330108')}/originated").json()["count"] == 2
    assert client.get("/api/v1/regions/330100/originated", params={"sort": "name"}).status_code == 200
    assert_error(client.get("/api/v1/regions/999999/originated"), 404, "not_found")
    assert_error(client.get("/api/v1/regions/330100/originated", params={"sort": "x"}), 422, "invalid_input")


def test_recognitions(client):
    body = client.get("/api/v1/recognitions", params={"level": "national"}).json()
    assert body["count"] == 1 and body["data"][0]["award"]["name"] == "全国优秀案例"
    assert client.get("/api/v1/recognitions", params={"region": "330108", "year": 2025}).json()["count"] == 2
    assert_error(client.get("/api/v1/recognitions", params={"limit": 1000}), 422, "invalid_input")
    assert_error(client.get("/api/v1/recognitions", params={"level": "galactic"}), 422, "invalid_input")


def test_path(client):
    body = client.get("/api/v1/path", params={"source": "agency:杭州市滨江区市场监督管理局",
                                              "target": "award:全国优秀案例"}).json()
    assert body["found"] and body["length"] == 2
    assert body["steps"][0]["from"] == "agency:杭州市滨江区市场监督管理局"
    assert_error(client.get("/api/v1/path", params={"source": "x:1", "target": DATA_IP}), 404, "not_found")
    assert_error(client.get("/api/v1/path", params={"source": DATA_IP}), 422, "invalid_input")


def test_stats_and_health(client):
    st = client.get("/api/v1/stats").json()
    assert st["store"] == "local" and st["entities_by_type"]["Pilot"] == 2
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["relationships"] == 12 and health["store"] == "local"


def test_reports_and_plans(client):
    reports = client.get("/api/v1/reports").json()
    assert reports["count"] == 5 and reports["data"][0]["key"] == "bj-2021"
    plans = client.get("/api/v1/reports/plans", params={"year": 2022}).json()
    assert plans["count"] == 2 and plans["achieved"] == 1


@pytest.mark.parametrize("fmt,marker", [("graphml", "<graphml"), ("gexf", "<gexf"), ("json", '"nodes"'),
                                        ("panel-csv", "programme,programme_name")])
def test_export_formats(client, fmt, marker):
    r = client.get("/api/v1/export", params={"format": fmt})
    assert r.status_code == 200
    assert marker in r.text and "attachment" in r.headers["content-disposition"]


def test_export_neighbourhood_and_panel(client):
    near = json.loads(client.get("/api/v1/export", params={"format": "json", "keys": [DATA_IP]}).text)
    assert near["node_count"] == 5
    panel = client.get("/api/v1/export", params={"format": "panel-csv", "keys": [DATA_IP], "level": "district"})
    rows = list(csv.DictReader(io.StringIO(panel.text)))
    assert {r["region"] for r in rows} == {"region:330108", "region:330110"}
    assert_error(client.get("/api/v1/export", params={"format": "dot"}), 422, "invalid_input")
    assert_error(client.get("/api/v1/export", params={"keys": ["x:none"]}), 404, "not_found")


def test_cypher_on_the_embedded_store_is_501(client):
    err = assert_error(client.post("/api/v1/cypher", json={"query": "MATCH (n) RETURN n"}), 501, "not_supported")
    assert "NEO4J_URI" in err["message"]
    assert_error(client.post("/api/v1/cypher", json={"query": ""}), 422, "invalid_input")


def test_unknown_route_has_the_error_shape(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_cors_from_settings(client):
    r = client.options("/api/v1/stats", headers={"Origin": "https://research.example",
                                                "Access-Control-Request-Method": "GET"})
    assert r.headers.get("access-control-allow-origin") == "https://research.example"
    r = client.get("/api/v1/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_views_router_is_included(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
