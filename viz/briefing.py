"""The one-page leadership briefing for a region (or the whole corpus) and a year range.

What a leader asks: what did we originate, how far did it go, what did it win, and did we do what
we planned. `briefing()` gathers the answers from the queries; `render_briefing()` writes a
self-contained HTML page (inline CSS, SVG charts, no script, no external asset) that the server
serves at `/briefing` and the CLI prints to PDF with headless Chromium (`pdf.html_to_pdf`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from pilotgraph.errors import InvalidInput, NotFound
from pilotgraph.graph.model import LEVEL_LABELS_ZH, LEVELS, Report
from pilotgraph.graph.store import GraphStore, in_window
from pilotgraph.viz.render import STATIC_DIR, render

#: how many lineages the briefing draws (side by side)
TOP_LINEAGES = 2
#: rows of each list on the page; the rest is counted in a "及另外N项" line, so the briefing keeps to one A4 sheet
LIST_LIMITS = {"originated": 8, "lineages": TOP_LINEAGES, "plans": 5, "earlier_plans": 6, "sources": 3}
#: shorter lists, tried in turn when a PDF still runs onto a second sheet (long names on every row)
FALLBACK_LIMITS: tuple[dict[str, int], ...] = (
    {"originated": 6, "lineages": 2, "plans": 4, "earlier_plans": 4, "sources": 2},
    {"originated": 5, "lineages": 1, "plans": 3, "earlier_plans": 3, "sources": 1},
    {"originated": 3, "lineages": 1, "plans": 2, "earlier_plans": 2, "sources": 1},
)
#: the chart and the lineage drawings are made at the size they are shown, so their text prints at 9 pt
CHART_SIZE = {"width": 2.45, "height": 1.8, "font_size": 9}
LINEAGE_SIZE = {"width": 330, "y_scale": 0.2, "font_size": 12, "name_chars": 7}


def resolve_region(store: GraphStore, region: str | None) -> str | None:
    """A region key from a code (330108), a key (region:330108) or an exact name (滨江区)."""
    if region is None or not region.strip():
        return None
    value = region.strip()
    if value.startswith("region:"):
        return store.get_entity(value).key
    if value.isdigit():
        return store.get_entity(f"region:{value}").key
    found, _ = store.search_entities(value, types=["Region"], limit=5)
    exact = [e for e in found if e.name == value or value in e.aliases]
    if not exact:
        raise NotFound(f"no region named {value!r}; give its GB/T 2260 code (e.g. 330108) or exact name")
    return exact[0].key


def _report_years(report: Report) -> list[int]:
    years = []
    for period in report.periods:
        head = str(period).split(":", 1)[0]
        if head.isdigit():
            years.append(int(head))
    return years


def _in_years(year: int | None, year_from: int | None, year_to: int | None) -> bool:
    return in_window(year, year_from, year_to)


def briefing(store: GraphStore, region: str | None = None, year_from: int | None = None,
             year_to: int | None = None) -> dict:
    """Everything the briefing shows, as plain data (the template lays it out)."""
    from pilotgraph.queries.originated import originated
    from pilotgraph.queries.panel import plan_vs_outcome
    from pilotgraph.queries.recognitions import recognitions
    from pilotgraph.viz.charts import inline_svg, recognitions_chart
    from pilotgraph.viz.lineage_svg import lineage_svg
    from pilotgraph.viz.pages import lineage_view, report_titles

    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidInput(f"year_from ({year_from}) is after year_to ({year_to})")
    region_key = resolve_region(store, region)
    region_entity = store.get_entity(region_key) if region_key else None
    scope = {region_key, *store.region_hierarchy(region_key, "down")} if region_key else None

    reports = [r for r in store.reports() if scope is None or r.region in scope]
    reports = [r for r in reports if not _report_years(r) or any(_in_years(y, year_from, year_to)
                                                                  for y in _report_years(r))]
    titles = report_titles(store)

    # programmes originated (for the corpus: every region with reports)
    if region_key:
        origin_rows = originated(store, region_key, sort="level")["data"]
    else:
        # the whole corpus: what the top of each hierarchy (and its sub-regions) originated
        origin_rows, seen = [], set()
        tops = set()
        for key in sorted({r.region for r in store.reports() if r.region}):
            up = store.region_hierarchy(key, "up")
            tops.add(up[-1] if up else key)
        for key in sorted(tops):
            try:
                rows = originated(store, key, sort="level")["data"]
            except NotFound:
                continue
            for row in rows:
                if row["entity"]["key"] not in seen:
                    seen.add(row["entity"]["key"])
                    origin_rows.append(row)
    origin_rows = [r for r in origin_rows if _in_years(r["first_year"], year_from, year_to)]
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    origin_rows.sort(key=lambda r: (-rank.get(r["highest_level"] or "", -1), r["first_year"] or 0,
                                    r["entity"]["name"]))

    recs = recognitions(store, region=region_key)["data"] if region_key else recognitions(store)["data"]
    recs = [r for r in recs if _in_years(r["year"], year_from, year_to)]
    by_level = Counter(r["level"] for r in recs)

    # the most travelled lineages: most levels crossed, then the highest reached, then the longest
    # journey in years, then recognitions
    def journey(r: dict) -> int:
        return (r["highest_level_year"] or 0) - (r["first_year"] or 0) if r["highest_level_year"] else 0

    travelled = sorted(origin_rows, key=lambda r: (-len(r["levels"]), -rank.get(r["highest_level"] or "", -1),
                                                   -journey(r), -len(r["recognitions"]),
                                                   r["entity"]["key"]))[:TOP_LINEAGES]
    drawn = []
    for row in travelled:
        key = row["entity"]["key"]
        _, _, view = lineage_view(store, key, direction="both", depth=1, year_from=year_from, year_to=year_to,
                                  titles=titles)
        drawn.append({"row": row, "svg": lineage_svg(view, **LINEAGE_SIZE),
                      "observations": sum(1 for n in view.nodes if n.get("observation"))})

    # plans of the last report, and what later reports say of them
    last = max(reports, key=lambda r: (max(_report_years(r), default=0), r.date, r.key), default=None)
    plans = []
    if last is not None:
        answer = plan_vs_outcome(store, region=region_key) if region_key else plan_vs_outcome(store)
        plans = [d for d in answer["data"] if d["plan"]["evidence"]["report"] == last.key]
    earlier = []
    if region_key:
        answer = plan_vs_outcome(store, region=region_key)
        earlier = [d for d in answer["data"] if d["outcome"] and (last is None or d["plan"]["evidence"]["report"]
                                                                   != last.key)
                   and _in_years(d["plan"]["year"], year_from, year_to)]

    facts_in_scope = 0
    report_keys = {r.key for r in reports}
    if report_keys:
        facts_in_scope = sum(1 for f in store.facts(None, year_from=year_from, year_to=year_to)
                             if f.report in report_keys)
    headline = {
        "reports": len(reports), "originated": len(origin_rows),
        "national": sum(1 for r in origin_rows if r["highest_level"] == "national"),
        "province_or_higher": sum(1 for r in origin_rows if rank.get(r["highest_level"] or "", -1) >= 2),
        "recognitions": len(recs), "facts": facts_in_scope, "plans": len(plans),
    }
    # the period shown is what the reports in scope cover, clipped to the window asked for
    covered = [y for r in reports for y in _report_years(r) if _in_years(y, year_from, year_to)]
    return {
        "region": region_entity, "region_key": region_key, "year_from": year_from, "year_to": year_to,
        "period": (min(covered), max(covered)) if covered else (year_from, year_to),
        "reports": reports, "headline": headline, "originated": origin_rows, "recognitions": recs,
        "recognitions_by_level": [(lv, by_level.get(lv, 0)) for lv in (*reversed(LEVELS), "zone", None)
                                  if by_level.get(lv)],
        "chart_svg": inline_svg(recognitions_chart(recs, **CHART_SIZE)), "lineages": drawn, "last_report": last,
        "plans": plans, "earlier_plans": earlier, "report_titles": titles, "limits": LIST_LIMITS,
        "generated": date.today().isoformat(), "level_zh": LEVEL_LABELS_ZH,
    }


def briefing_pdf(data: dict, out: str | Path) -> tuple[Path, str]:
    """Print the briefing to a one-sheet A4 PDF at `out`; returns its path and the HTML printed.

    Text never shrinks below 9 pt to make the sheet: when a briefing runs onto a second sheet it is
    printed again with the shorter lists of FALLBACK_LIMITS (the rest counted in "及另外N项" lines).
    """
    from pilotgraph.viz.pdf import html_to_pdf, pdf_page_count

    for limits in (data.get("limits", LIST_LIMITS), *FALLBACK_LIMITS):
        html = render_briefing({**data, "limits": limits}, standalone=True)
        path = html_to_pdf(html, out)
        if pdf_page_count(path) <= 1:
            break
    return path, html


def render_briefing(data: dict, *, standalone: bool = False) -> str:
    """The briefing page; `standalone` inlines the stylesheet so the file works on its own."""
    css = (STATIC_DIR / "briefing.css").read_text(encoding="utf-8")
    return render("briefing.html", **data, css=css, standalone=standalone)
