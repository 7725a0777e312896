"""The pages, served by the app with a small store: content, encoded keys, errors, offline."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from pilotgraph.viz.render import STATIC_DIR, entity_url
from viz_offline import ALLOWED_IN_ASSETS, asset_links, remote_urls
from viz_sample_data import AMR_BJ, BINJIANG, CCC, HANGZHOU

CCC_URL = "/view/entity/" + quote(CCC, safe="")


def pages() -> list[str]:
    return ["/", "/?q=CCC", "/?type=Region", CCC_URL, "/view/entity/" + CCC, "/view/lineage/" + quote(CCC),
            "/view/region/330108", "/view/region/330100", "/view/entity/" + quote(BINJIANG),
            "/briefing", "/briefing?region=330108", "/briefing?region=%E6%BB%A8%E6%B1%9F%E5%8C%BA&year_from=2021&year_to=2025"]


def _payload(html: str, gid: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{gid}-data">(.*?)</script>', html, re.S)
    assert match, f"no graph payload {gid}"
    return json.loads(match.group(1))


def test_home_shows_search_and_corpus_stats(client):
    html = client.get("/").text
    assert 'id="corpus-stats"' in html and "报告" in html and "reports" in html
    assert "杭州市市场监督管理局2021年工作总结和2022年工作计划" in html
    found = client.get("/", params={"q": "3C免办"}).text
    assert "CCC免办服务" in found and entity_url(CCC) in found


def test_entity_page_with_url_encoded_chinese_key(client):
    response = client.get(CCC_URL)
    assert response.status_code == 200
    html = response.text
    assert "CCC免办服务" in html and 'id="timeline"' in html and 'id="profile"' in html
    view = _payload(html, "graph")
    assert CCC in {n["id"] for n in view["nodes"]}
    assert any(e["evidence"] for e in view["edges"])
    # raw (unencoded) Chinese and the colon work too
    assert client.get("/view/entity/" + CCC).status_code == 200


def test_entity_depth_control_widens_the_graph(client):
    one = _payload(client.get(CCC_URL, params={"depth": 1}).text, "graph")
    two = _payload(client.get(CCC_URL, params={"depth": 2}).text, "graph")
    assert len(two["nodes"]) > len(one["nodes"])
    assert client.get(CCC_URL, params={"depth": 9}).status_code == 422


def test_lineage_page_shows_three_observations_across_levels(client):
    html = client.get("/view/lineage/" + quote(CCC)).text
    view = _payload(html, "lineage")
    obs = sorted((n for n in view["nodes"] if n.get("observation")), key=lambda n: n["x"])
    assert [(n["years"][0], n["level"]) for n in obs] == [(2021, "city"), (2022, "city"), (2025, "district")]
    assert all(n["evidence"] and n["evidence"][0]["text"] for n in obs)
    assert [b["level"] for b in view["bands"]][:2] == ["province", "city"] or "city" in [b["level"] for b in view["bands"]]
    assert 'id="observations"' in html and html.count("<tr>") >= 4


def test_region_page_lists_what_it_originated(client):
    html = client.get("/view/region/330108").text
    assert "滨江区" in html and 'id="originated"' in html
    assert "同线同标同质" in html or "质量强区试点" in html


def _edges_of(view: dict, key: str) -> dict[tuple[str, str, str], dict]:
    return {(e["from"], e["type"], e["to"]): e for e in view["edges"] if key in (e["from"], e["to"])}


def test_region_graph_joins_the_region_to_what_it_originated(client):
    view = _payload(client.get("/view/region/330108").text, "region-graph")
    edges = _edges_of(view, BINJIANG)
    assert edges, "the region node is drawn without a single edge"
    # 区市场监管局 ran what 滨江区 originated; it belongs to 滨江区 because it speaks in 滨江区's report
    attributed = edges[(AMR_BJ, "ATTRIBUTED_TO", BINJIANG)]
    assert attributed["label"] == "归属" and attributed["evidence"]
    assert {ev["report"] for ev in attributed["evidence"]} == {"binjiang-amr-2025-h1"}
    assert all(ev["text"] and ev["reportTitle"] for ev in attributed["evidence"])
    assert edges[(CCC, "LOCATED_IN", BINJIANG)]["label"] == "位于"
    part_of = edges[(BINJIANG, "PART_OF", HANGZHOU)]
    assert part_of["label"] == "隶属" and part_of["timeless"] and "330100" in part_of["evidence"][0]["text"]
    assert {"归属", "隶属"} <= {t["label"] for t in view["factTypes"]}
    ends = {k for e in view["edges"] for k in (e["from"], e["to"])}
    assert [n["id"] for n in view["nodes"] if n["id"] not in ends] == []


def test_region_graph_joins_sub_regions_to_the_region(client):
    view = _payload(client.get("/view/region/330100").text, "region-graph")
    edges = _edges_of(view, HANGZHOU)
    assert (BINJIANG, "PART_OF", HANGZHOU) in edges
    ends = {k for e in view["edges"] for k in (e["from"], e["to"])}
    assert [n["id"] for n in view["nodes"] if n["id"] not in ends] == []


def test_briefing_page(client):
    html = client.get("/briefing", params={"region": "330108"}).text
    for part in ('id="headline"', 'id="originated"', 'id="recognitions-chart"', 'id="lineages"', 'id="plans"'):
        assert part in html
    assert "<svg" in html and "滨江区" in html


def test_unknown_entity_is_an_html_404(client):
    response = client.get("/view/entity/" + quote("pilot:不存在"))
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "没有找到" in response.text
    assert client.get("/view/region/999999").status_code == 404
    assert client.get("/briefing", params={"region": "不存在区"}).status_code == 404


def test_static_assets_are_served_and_confined(client):
    js = client.get("/viz-static/vendor/vis-network/vis-network.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"] and len(js.content) > 100_000
    assert client.get("/viz-static/%2E%2E/routes.py").status_code == 404
    assert client.get("/viz-static/nothing.js").status_code == 404


@pytest.mark.parametrize("path", pages())
def test_pages_name_no_remote_url(client, path):
    """Zero remote URLs in every served page, and in every asset it loads."""
    response = client.get(path)
    assert response.status_code == 200, path
    assert remote_urls(response.text) == [], path
    for link in asset_links(response.text):
        assert link.startswith(("/", "data:")) and not link.startswith("//"), link


def test_every_asset_names_no_remote_url_beyond_its_licence(client):
    files = sorted(p for p in STATIC_DIR.rglob("*") if p.is_file() and p.suffix in (".js", ".css", ".html", ".svg"))
    assert files
    for path in files:
        rel = path.relative_to(STATIC_DIR).as_posix()
        served = client.get(f"/viz-static/{rel}")
        assert served.status_code == 200, rel
        unexpected = set(remote_urls(served.text)) - ALLOWED_IN_ASSETS.get(rel, set())
        assert not unexpected, f"{rel}: {sorted(unexpected)}"
        # nothing loads from elsewhere: no @import / url(http...) / import from "http..."
        assert not re.search(r"""(@import|url\(\s*['"]?(https?:)?//|from\s+['"](https?:)?//)""", served.text), rel


def test_big_views_fetch_edge_evidence_on_demand(client):
    from viz_sample_data import AMR_HZ

    answer = client.get("/view/evidence", params={"source": AMR_HZ, "target": CCC, "type": "RUNS"}).json()
    assert answer["count"] == 2 and [e["year"] for e in answer["data"]] == [2021, 2022]
    assert all(e["text"] and e["reportTitle"] for e in answer["data"])
    assert client.get("/view/evidence", params={"source": AMR_HZ, "target": CCC, "type": "NOPE"}).status_code == 422


def test_server_graphml_link_of_the_entity_page(client):
    html = client.get(CCC_URL).text
    link = re.search(r'href="(/api/v1/export\?[^"]+)"', html).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 200 and "<graphml" in response.text and "CCC免办服务" in response.text
