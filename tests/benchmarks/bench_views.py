"""Time-to-interactive of a 5,000-node graph view in headless Chromium.

Builds a synthetic corpus whose 3-hop neighbourhood of one pilot holds exactly 5,000 entities,
serves the app on a free localhost port, opens `/view/entity/{key}?depth=3&max_nodes=5000` and
reports, for several runs:

* server: the time to build and send the page;
* time-to-interactive: from navigation start to the graph's first drawing with physics off
  (`data-graph-ready`, set on vis-network's `afterDrawing` / `stabilizationIterationsDone`);
* mount: from the page script creating the network to that first drawing;
* labels: when the labels, added in the background after the graph is interactive, are all in;
* redraw: one full redraw after interaction (zoom), i.e. how responsive the drawn view is;
* evidence: from clicking an edge to its evidence in the side panel (fetched on demand in big views).

The default view (aggregated to 300 drawn nodes) is measured too. Needs Debian's `chromium`
and `chromium-driver` and selenium; the target is time-to-interactive under 3 s.

Usage: python tests/benchmarks/bench_views.py [--runs 3] [--nodes 5000] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from urllib.parse import quote

from pilotgraph.graph.model import Entity, Fact, Report, ReportBatch, Sentence, fact_id, sentence_key

HUB = "pilot:基准试点"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000", "--force-device-scale-factor=1")


def synthetic_batch(nodes: int = 5000, agencies: int = 60, per_agency: int = 40) -> ReportBatch:
    """One report whose 3-hop neighbourhood of HUB holds exactly `nodes` entities.

    hub <- RUNS - agency (hop 1) - RUNS -> pilot (hop 2) - SUCCEEDS/RECOGNIZED_AS -> (hop 3).
    """
    report = Report("bench-report", "bench", "基准报告", "基准机构", "", "city", ["2024:summary"])
    batch = ReportBatch(report=report)
    ents: list[Entity] = [Entity(HUB, "Pilot", "基准试点", level="city")]
    facts: list[tuple[str, str, str, int]] = []
    pilots = []
    for a in range(agencies):
        agency = f"agency:机构{a}"
        ents.append(Entity(agency, "Agency", f"机构{a}", level=("district", "city")[a % 2]))
        facts.append(("RUNS", agency, HUB, 2015 + a % 10))
        for p in range(per_agency):
            pilot = f"pilot:试点{a}-{p}"
            ents.append(Entity(pilot, "Pilot", f"试点{a}-{p}", level="district"))
            facts.append(("RUNS", agency, pilot, 2016 + p % 9))
            pilots.append(pilot)
    i = 0
    while len(ents) < nodes:
        pilot = pilots[i % len(pilots)]
        if i < len(pilots):
            key = f"initiative:举措{i}"
            ents.append(Entity(key, "Initiative", f"举措{i}", level="city"))
            facts.append(("SUCCEEDS", key, pilot, 2020 + i % 6))
        else:
            key = f"award:荣誉{i}"
            ents.append(Entity(key, "Award", f"荣誉{i}", level=("province", "national")[i % 2]))
            facts.append(("RECOGNIZED_AS", pilot, key, 2021 + i % 5))
        i += 1
    batch.entities = ents
    offset = 0
    for rel, src, dst, year in facts:
        text = f"{src}{rel}{dst}。"
        skey = sentence_key(report.key, offset)
        batch.sentences.append(Sentence(skey, report.key, text, "一、工作总结", offset, offset + len(text), year, "achieved"))
        batch.facts.append(Fact(fact_id(report.key, skey, rel, src, dst), rel, src, dst, year, "achieved",
                                report.key, skey, offset, offset + len(text)))
        offset += len(text) + 1
    return batch


def _serve(store):
    import uvicorn

    from pilotgraph.api.app import create_app
    from pilotgraph.settings import Settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(_env_file=None, neo4j_uri=None), store=store),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chromium:
        sys.exit("chromium not found: apt-get install -y chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="pilotgraph-bench-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(service=Service(executable_path=driver), options=options), profile


def measure(driver, url: str) -> dict:
    import urllib.request

    t0 = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        size = len(response.read())
    server_ms = (time.perf_counter() - t0) * 1000
    driver.get("about:blank")
    driver.get(url)
    deadline = time.monotonic() + 60
    while not driver.execute_script("return !!(window.PG_VIEW && window.PG_VIEW.ready)"):
        if time.monotonic() > deadline:
            raise RuntimeError("the graph never became ready")
        time.sleep(0.02)
    ready = driver.execute_script("""
        const v = window.PG_VIEW;
        const nav = performance.getEntriesByType('navigation')[0];
        return {tti: v.readyAt, mount: v.readyAt - v.mountStart, drawn: v.nodeView.length,
                response: nav.responseEnd, dcl: nav.domContentLoadedEventStart, start: v.mountStart,
                edges: v.edgeView.length, physics: v.payload.options.physics.enabled};""")
    labels = driver.execute_script("""
        const v = window.PG_VIEW;
        return new Promise(r => { (function poll() {
          if (v.labelsDone || !v.payload.nodes.some(n => n.deferredLabel)) r(performance.now());
          else setTimeout(poll, 10);
        })(); });""")
    redraw = driver.execute_script("""
        const v = window.PG_VIEW, t = performance.now();
        v.network.moveTo({scale: v.network.getScale() * 1.5});
        v.network.redraw();
        return new Promise(r => requestAnimationFrame(() => r(performance.now() - t)));""")
    # evidence of an edge: fetched on demand in big views
    evidence = driver.execute_script("""
        const v = window.PG_VIEW, id = v.edgeView.getIds()[Math.floor(v.edgeView.length / 2)];
        const panel = document.getElementById('graph-panel'), t = performance.now();
        panel.removeAttribute('data-edge');
        v.showEdge(id);
        return new Promise(r => { (function poll() {
          if (panel.getAttribute('data-edge') === String(id)) r(performance.now() - t); else setTimeout(poll, 5);
        })(); });""")
    return {"response_ms": round(ready["response"]), "script_start_ms": round(ready["start"]),
            "server_ms": round(server_ms), "html_kb": round(size / 1024), "tti_ms": round(ready["tti"]),
            "mount_ms": round(ready["mount"]), "labels_ms": round(labels), "redraw_ms": round(redraw), "evidence_ms": round(evidence), "nodes": ready["drawn"],
            "edges": ready["edges"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from pilotgraph.graph.local_store import LocalStore

    t0 = time.perf_counter()
    store = LocalStore(":memory:")
    store.ensure_schema()
    store.load(synthetic_batch(args.nodes))
    load_s = time.perf_counter() - t0
    server, thread, base = _serve(store)
    driver, profile = _browser()
    results: dict[str, list[dict]] = {"full": [], "aggregated": []}
    try:
        page = f"{base}/view/entity/{quote(HUB)}"
        for _ in range(args.runs):
            results["full"].append(measure(driver, f"{page}?depth=3&max_nodes={args.nodes}"))
            results["aggregated"].append(measure(driver, f"{page}?depth=3"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
    summary = {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for name, runs in results.items()}
    if args.json:
        print(json.dumps({"load_s": round(load_s, 2), "runs": results, "median": summary}, ensure_ascii=False, indent=2))
    else:
        print(f"synthetic corpus: {args.nodes} entities in the 3-hop view, loaded in {load_s:.1f} s; "
              f"median of {args.runs} runs")
        print(f"{'view':<11}{'nodes':>7}{'edges':>7}{'server ms':>11}{'html KiB':>10}"
              f"{'TTI ms':>9}{'mount ms':>10}{'labels ms':>11}{'redraw ms':>11}{'evidence ms':>13}")
        for name, s in summary.items():
            print(f"{name:<11}{s['nodes']:>7.0f}{s['edges']:>7.0f}{s['server_ms']:>11.0f}{s['html_kb']:>10.0f}"
                  f"{s['tti_ms']:>9.0f}{s['mount_ms']:>10.0f}{s['labels_ms']:>11.0f}{s['redraw_ms']:>11.0f}"
                  f"{s['evidence_ms']:>13.0f}")
        verdict = "within" if summary["full"]["tti_ms"] <= 3000 else "OVER"
        print(f"time-to-interactive of the {args.nodes}-node view: {summary['full']['tti_ms']:.0f} ms "
              f"({verdict} the 3 s target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
