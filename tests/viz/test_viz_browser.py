"""The pages in headless Chromium: no console errors, no request off localhost, nodes drawn,
evidence on edge click, node click opens its page. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from viz_sample_data import CCC

pytestmark = pytest.mark.browser
#: test artefacts (git-ignored): one screenshot per page
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

CCC_Q = quote(CCC)
PAGES = {
    "home": ("/?q=CCC", None),
    "entity": (f"/view/entity/{CCC_Q}", "graph"),
    "lineage": (f"/view/lineage/{CCC_Q}", "lineage"),
    "region": ("/view/region/330108", "region-graph"),
    "briefing": ("/briefing?region=330108", None),
}
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _drain(driver, kind: str) -> list[dict]:
    return driver.get_log(kind)


def _requests(entries: list[dict]) -> list[str]:
    urls = []
    for entry in entries:
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _wait(driver, script: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


def _scroll_to_graph(driver, gid: str) -> None:
    """Bring the whole graph into the viewport first, so a click lands where it was aimed."""
    driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", gid)
    time.sleep(0.2)


def _open(driver, base: str, path: str, gid: str | None) -> tuple[list[str], list[dict]]:
    _drain(driver, "browser")
    _drain(driver, "performance")
    driver.get(base + path)
    _wait(driver, "return document.readyState === 'complete'")
    if gid:
        _wait(driver, f"return document.getElementById({gid!r}).getAttribute('data-graph-ready') === '1'")
    time.sleep(0.2)
    return _requests(_drain(driver, "performance")), _drain(driver, "browser")


def _canvas_ink(driver, gid: str) -> int:
    """Pixels of the graph canvas that are neither blank nor white."""
    return driver.execute_script("""
        const c = document.getElementById(arguments[0]).querySelector('canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 16) {
          if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
        }
        return n;""", gid)


def _click_canvas(driver, gid: str, x: float, y: float) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", f"#{gid} canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - size["width"] / 2),
                                                     int(y - size["height"] / 2)).click().perform()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_offline_without_errors_and_draws(browser, live_server, name):
    path, gid = PAGES[name]
    requests, console = _open(browser, live_server, path, gid)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    # Chromium's own pages (chrome://, e.g. a new-tab page still loading at start-up) are not ours
    errors = [e for e in console if e["level"] == "SEVERE" and not e["message"].startswith("chrome://")]
    assert errors == [], errors
    assert requests, "no request recorded"
    off_host = [u for u in requests if not u.startswith(live_server) and not u.startswith(LOCAL_SCHEMES)]
    assert off_host == [], off_host
    if gid:
        drawn = browser.execute_script(f"return window.PG_VIEWS[{gid!r}].entityCount()")
        assert drawn >= 3
        assert _canvas_ink(browser, gid) > 500


def test_edge_click_shows_its_evidence(browser, live_server):
    _open(browser, live_server, f"/view/lineage/{CCC_Q}", "lineage")
    _scroll_to_graph(browser, "lineage")
    # the longest edge on screen, clicked at the middle of its drawn curve
    target = browser.execute_script("""
        const v = window.PG_VIEWS['lineage'];
        let best = null;
        for (const id of v.edgeView.getIds()) {
          const e = v.network.body.edges[id];
          if (!e || !e.from || !e.to) continue;
          const a = v.network.canvasToDOM({x: e.from.x, y: e.from.y}), b = v.network.canvasToDOM({x: e.to.x, y: e.to.y});
          const len = Math.hypot(a.x - b.x, a.y - b.y);
          if (!best || len > best.len) {
            const p = v.network.canvasToDOM(e.edgeType.getPoint(0.5));
            best = {id: id, len: len, x: p.x, y: p.y, text: v.edges.get(id).evidence[0].text};
          }
        }
        return best;""")
    _click_canvas(browser, "lineage", target["x"], target["y"])
    _wait(browser, "return document.getElementById('lineage-panel').getAttribute('data-edge') !== null")
    panel = browser.find_element("id", "lineage-panel")
    assert panel.get_attribute("data-edge") == str(target["id"])
    assert target["text"] in panel.text
    assert "报告" in panel.text and "20" in panel.text  # report and year
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "lineage-evidence.png"))


def test_region_graph_edge_click_shows_why_the_agency_belongs_to_the_region(browser, live_server):
    _open(browser, live_server, "/view/region/330108", "region-graph")
    _scroll_to_graph(browser, "region-graph")
    target = browser.execute_script("""
        const v = window.PG_VIEWS['region-graph'];
        const id = v.edgeView.getIds().find(i => v.edges.get(i).type === 'ATTRIBUTED_TO');
        const p = v.network.canvasToDOM(v.network.body.edges[id].edgeType.getPoint(0.5));
        return {id: id, x: p.x, y: p.y, text: v.edges.get(id).evidence[0].text};""")
    _click_canvas(browser, "region-graph", target["x"], target["y"])
    _wait(browser, "return document.getElementById('region-graph-panel').getAttribute('data-edge') !== null")
    panel = browser.find_element("id", "region-graph-panel")
    assert panel.get_attribute("data-edge") == str(target["id"])
    assert "归属" in panel.text and "滨江区" in panel.text and target["text"] in panel.text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "region-evidence.png"))


def test_lineage_shows_three_observations_across_city_and_district(browser, live_server):
    _open(browser, live_server, f"/view/lineage/{CCC_Q}", "lineage")
    obs = browser.execute_script("""
        return window.PG_VIEWS['lineage'].nodes.get({filter: n => n.observation})
          .map(n => [n.years[0], n.level]).sort();""")
    assert obs == [[2021, "city"], [2022, "city"], [2025, "district"]]


def test_node_click_opens_its_page(browser, live_server):
    _open(browser, live_server, f"/view/entity/{CCC_Q}", "graph")
    _scroll_to_graph(browser, "graph")
    target = browser.execute_script("""
        const v = window.PG_VIEWS['graph'];
        const id = v.nodeView.getIds().find(i => i.startsWith('region:'));
        const p = v.network.canvasToDOM(v.network.getPositions([id])[id]);
        return {id: id, x: p.x, y: p.y};""")
    _click_canvas(browser, "graph", target["x"], target["y"])
    _wait(browser, "return location.pathname.indexOf('/view/entity/region') === 0")
    assert unquote(browser.execute_script("return location.pathname")) == "/view/entity/" + target["id"]


def test_filters_and_exports(browser, live_server):
    _open(browser, live_server, f"/view/entity/{CCC_Q}", "graph")
    before = browser.execute_script("return window.PG_VIEWS['graph'].nodeView.length")
    browser.find_element("css selector", "#graph-controls input[data-type='Region']").click()
    after = browser.execute_script("return window.PG_VIEWS['graph'].nodeView.length")
    assert after < before
    year_to = browser.find_element("css selector", "#graph-controls input[name='year_to']")
    year_to.send_keys("2021")
    browser.execute_script("arguments[0].dispatchEvent(new Event('change'))", year_to)
    years = browser.execute_script("return window.PG_VIEWS['graph'].edgeView.get().map(e => Math.min(...e.years))")
    assert years and all(y <= 2021 for y in years)
    png = browser.execute_script("return document.querySelector('#graph canvas').toDataURL('image/png')")
    assert png.startswith("data:image/png;base64,") and len(png) > 1000
    graphml = browser.execute_script("return window.PG_VIEWS['graph'].graphml()")
    assert graphml.startswith("<?xml") and "<graphml" in graphml and "CCC免办服务" in graphml
    # the export buttons run without errors (the download itself stays in the browser)
    browser.find_element("css selector", "#graph-controls [data-role=png]").click()
    browser.find_element("css selector", "#graph-controls [data-role=graphml]").click()
    assert [e for e in browser.get_log("browser")
            if e["level"] == "SEVERE" and not e["message"].startswith("chrome://")] == []
