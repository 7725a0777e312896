"""`pilotgraph query ...` and `pilotgraph export`: the API's answers in the terminal.

Each command calls one function of `pilotgraph.queries` and prints its answer as tables, or as
the same JSON the API returns with `--json`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pilotgraph import queries
from pilotgraph.api.cli.app import app, console, state

query_app = typer.Typer(name="query", help="Ask the graph a lineage question (查询): timeline, lineage, spread, "
                        "originated, recognitions, path, search, profile, plans.", no_args_is_help=True)
app.add_typer(query_app, name="query")

AsJson = Annotated[bool, typer.Option("--json", help="Print the API's JSON instead of tables.")]
Key = Annotated[str, typer.Argument(help="Entity key, e.g. pilot:电梯智慧监管改革全国试点 (see `query search`).")]


def _print_json(answer) -> None:
    print(json.dumps(answer, ensure_ascii=False, indent=2))


def _table(title: str, columns: list[str], rows: list[list]) -> None:
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)


def _clip(text: str | None, n: int = 60) -> str:
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


@query_app.command()
def timeline(
    ctx: typer.Context,
    key: Key,
    no_succeeds: Annotated[bool, typer.Option("--no-succeeds", help="Do not follow SUCCEEDS links.")] = False,
    status: Annotated[str | None, typer.Option(help="achieved or planned.")] = None,
    year_from: Annotated[int | None, typer.Option(help="First year kept.")] = None,
    year_to: Annotated[int | None, typer.Option(help="Last year kept.")] = None,
    no_mentions: Annotated[bool, typer.Option("--no-mentions", help="Facts only, no MENTIONED sentences.")] = False,
    as_json: AsJson = False,
) -> None:
    """Every observation of a programme and its SUCCEEDS stages, by year, with evidence (时间线)."""
    with state(ctx).open_store() as store:
        answer = queries.timeline(store, key, follow_succeeds=not no_succeeds, status=status,
                                  year_from=year_from, year_to=year_to, include_mentions=not no_mentions)
    if as_json:
        return _print_json(answer)
    _table(f"时间线 timeline of {answer['entity']['name']} ({answer['count']})",
           ["year", "status", "type", "dir", "other", "report", "evidence"],
           [[o["year"], o["status"], o["type"], o["direction"], (o["other"] or {}).get("name", ""),
             o["evidence"]["report"], _clip(o["evidence"]["text"])] for o in answer["data"]])


@query_app.command()
def lineage(
    ctx: typer.Context,
    key: Key,
    direction: Annotated[str, typer.Option(help="up, down or both.")] = "both",
    depth: Annotated[int, typer.Option(help="Hops from the entity (1-10).")] = 2,
    types: Annotated[list[str] | None, typer.Option("--type", help="Relationship type to follow (repeatable).")] = None,
    as_of: Annotated[int | None, typer.Option(help="The graph as reports up to this year showed it.")] = None,
    year_from: Annotated[int | None, typer.Option(help="First year kept.")] = None,
    year_to: Annotated[int | None, typer.Option(help="Last year kept.")] = None,
    as_json: AsJson = False,
) -> None:
    """Upstream (origins) and downstream (promotions, recognitions, successors, adopters) (谱系)."""
    with state(ctx).open_store() as store:
        answer = queries.lineage(store, key, direction=direction, depth=depth, types=types or None, as_of=as_of,
                                 year_from=year_from, year_to=year_to)
    if as_json:
        return _print_json(answer)
    _table(f"谱系 lineage of {key} ({answer['count']} nodes, {answer['edge_count']} edges)",
           ["distance", "side", "type", "name", "level", "in", "out"],
           [[n["distance"], n["side"], n["type"], n["name"], n["level"], len(n["in_edges"]), len(n["out_edges"])]
            for n in answer["nodes"]])


@query_app.command()
def spread(
    ctx: typer.Context,
    key: Key,
    follow_succeeds: Annotated[bool, typer.Option("--follow-succeeds", help="Count SUCCEEDS stages as one.")] = False,
    as_json: AsJson = False,
) -> None:
    """Origin, the first year each level was reached and by what, adopters over time (扩散)."""
    with state(ctx).open_store() as store:
        answer = queries.spread(store, key, follow_succeeds=follow_succeeds)
    if as_json:
        return _print_json(answer)
    origin = answer["origin"] or {}
    console.print(f"[bold]{answer['entity']['name']}[/]  origin: "
                  f"{(origin.get('region') or {}).get('name', '?')} ({origin.get('level') or '?'}, "
                  f"{origin.get('year') or '?'})  highest: {answer['highest_level'] or '-'} "
                  f"({answer['highest_level_year'] or '-'})", highlight=False)
    _table("层级 levels", ["level", "reached", "first year", "by", "via", "evidence"],
           [[f"{lv['label']} {lv['level']}", "yes" if lv["reached"] else "no", lv["first_year"], lv["kind"],
             (lv["via"] or {}).get("name"), _clip((lv["evidence"] or {}).get("evidence", {}).get("text"), 50)]
            for lv in answer["levels"]])
    _table("采纳 adopters", ["region", "first year", "via"],
           [[a["region"]["name"], a["first_year"], a["type"]] for a in answer["adopters"]])


@query_app.command()
def originated(
    ctx: typer.Context,
    region: Annotated[str, typer.Argument(help="GB/T 2260 code or region key, e.g. 330108.")],
    no_subregions: Annotated[bool, typer.Option("--no-subregions", help="Only the region itself.")] = False,
    sort: Annotated[str, typer.Option(help="year, level, name or recognitions.")] = "year",
    descending: Annotated[bool, typer.Option("--desc", help="Reverse the order.")] = False,
    as_json: AsJson = False,
) -> None:
    """Programmes a region (and its sub-regions) ran first, with highest level and recognitions (首创)."""
    with state(ctx).open_store() as store:
        answer = queries.originated(store, region, include_subregions=not no_subregions, sort=sort,
                                    descending=descending)
    if as_json:
        return _print_json(answer)
    _table(f"首创 originated by {answer['region']['name']} ({answer['count']})",
           ["first year", "programme", "type", "origin", "highest level", "reached", "recognitions"],
           [[d["first_year"], d["entity"]["name"], d["entity"]["type"], d["origin_region"]["name"],
             d["highest_level"], d["highest_level_year"], len(d["recognitions"])] for d in answer["data"]])


@query_app.command()
def recognitions(
    ctx: typer.Context,
    level: Annotated[str | None, typer.Option(help="district, city, province, national or zone.")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the recognition.")] = None,
    region: Annotated[str | None, typer.Option(help="Region code or key; sub-regions included.")] = None,
    limit: Annotated[int, typer.Option(help="Rows shown.")] = 100,
    as_json: AsJson = False,
) -> None:
    """Awards and case selections by level, year and region (荣誉)."""
    with state(ctx).open_store() as store:
        answer = queries.recognitions(store, level=level, year=year, region=region, limit=limit)
    if as_json:
        return _print_json(answer)
    _table(f"荣誉 recognitions ({answer['count']})", ["year", "level", "recipient", "award", "report"],
           [[r["year"], r["level"], r["recipient"]["name"], r["award"]["name"], r["evidence"]["report"]]
            for r in answer["data"]])


@query_app.command()
def path(
    ctx: typer.Context,
    source: Key,
    target: Key,
    max_depth: Annotated[int, typer.Option(help="Longest path searched (1-8).")] = 6,
    as_json: AsJson = False,
) -> None:
    """The shortest path between two entities, with the evidence of each step (路径)."""
    with state(ctx).open_store() as store:
        answer = queries.path(store, source, target, max_depth=max_depth)
    if as_json:
        return _print_json(answer)
    if not answer["found"]:
        console.print(f"no path between {source} and {target} within {max_depth} steps")
        return
    _table(f"路径 path ({answer['length']} steps)", ["from", "to", "facts", "evidence"],
           [[s["from"], s["to"], ", ".join(f"{f['type']} {f['year']}" for f in s["facts"]),
             _clip(s["facts"][0]["evidence"]["text"] if s["facts"] else "", 50)] for s in answer["steps"]])


@query_app.command()
def search(
    ctx: typer.Context,
    q: Annotated[str | None, typer.Argument(help="Name, alias or substring; empty lists all.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Entity type, e.g. Pilot.")] = None,
    level: Annotated[str | None, typer.Option(help="Administrative level.")] = None,
    limit: Annotated[int, typer.Option(help="Page size (at most 500).")] = 50,
    offset: Annotated[int, typer.Option(help="Rows skipped.")] = 0,
    as_json: AsJson = False,
) -> None:
    """Search entities by name, alias or substring (搜索)."""
    with state(ctx).open_store() as store:
        answer = queries.search(store, q, type=type, level=level, limit=limit, offset=offset)
    if as_json:
        return _print_json(answer)
    _table(f"搜索 search {q or ''} ({answer['count']})", ["key", "type", "name", "level", "aliases"],
           [[e["key"], e["type"], e["name"], e["level"], ", ".join(e["aliases"])] for e in answer["data"]])


@query_app.command()
def profile(ctx: typer.Context, key: Key, as_json: AsJson = False) -> None:
    """One entity with its facts by type, years, reports and neighbours (概况)."""
    with state(ctx).open_store() as store:
        answer = queries.profile(store, key)
    if as_json:
        return _print_json(answer)
    e = answer["entity"]
    console.print(f"[bold]{e['name']}[/] {e['type']} {e['level'] or ''}  {answer['facts']} facts, "
                  f"{answer['first_year'] or '?'}–{answer['last_year'] or '?'}, {len(answer['reports'])} reports",
                  highlight=False)
    _table("关系 facts by type", ["type", "direction", "count"],
           [[f["type"], f["direction"], f["count"]] for f in answer["facts_by_type"]])


@query_app.command()
def plans(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Year the plans are for.")] = None,
    region: Annotated[str | None, typer.Option(help="Reports of this region (code or key) and sub-regions.")] = None,
    as_json: AsJson = False,
) -> None:
    """Plans of year N beside what later reports say was achieved (计划与成效)."""
    with state(ctx).open_store() as store:
        answer = queries.plan_vs_outcome(store, year=year, region=region)
    if as_json:
        return _print_json(answer)
    _table(f"计划与成效 plans ({answer['achieved']} of {answer['count']} achieved)",
           ["year", "type", "source", "target", "outcome", "report"],
           [[d["plan"]["year"], d["plan"]["type"], d["plan"]["source_ref"]["name"], d["plan"]["target_ref"]["name"],
             (d["outcome"] or {}).get("year", "—"), (d["outcome"] or {}).get("evidence", {}).get("report", "")]
            for d in answer["data"]])


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", "-f", help="graphml, gexf, json or panel-csv.")] = "graphml",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    keys: Annotated[list[str] | None, typer.Option("--key", help="Neighbourhood of this entity, or panel "
                                                                 "programme (repeatable).")] = None,
    depth: Annotated[int, typer.Option(help="Hops around --key.")] = 1,
    level: Annotated[str | None, typer.Option(help="panel-csv: regions of this level only.")] = None,
) -> None:
    """Export the graph (GraphML, GEXF for Gephi, JSON) or the region-year panel CSV (导出)."""
    from pilotgraph.errors import InvalidInput
    from pilotgraph.queries.export import export_graph
    from pilotgraph.queries.panel import panel_csv, region_year_panel

    if format not in ("graphml", "gexf", "json", "panel-csv"):
        raise InvalidInput(f"unknown export format {format!r}; expected graphml, gexf, json or panel-csv")
    with state(ctx).open_store() as store:
        if format == "panel-csv":
            text = panel_csv(region_year_panel(store, keys or None, level=level))
        else:
            text = export_graph(store, format, keys or None, depth)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output} ({len(text.encode('utf-8'))} bytes)")
