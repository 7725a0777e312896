"""Commands about the store itself: stats, reports, delete."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from pilotgraph.api.cli.app import app, console, state


@app.command()
def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Node counts by label and relationship counts by type (统计) of the configured store."""
    with state(ctx).open_store() as store:
        counts = store.counts()
        kind = store.kind
    if as_json:
        print(json.dumps({"store": kind, **counts}, ensure_ascii=False, indent=2))
        return
    for title, part in (("节点 nodes", counts["nodes"]), ("关系 relationships", counts["relationships"])):
        table = Table(title=f"{title} ({kind})")
        table.add_column("name")
        table.add_column("count", justify="right")
        for name, n in part.items():
            table.add_row(name, str(n))
        console.print(table)


@app.command()
def reports(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the loaded reports (报告) with their issuer, region and periods."""
    with state(ctx).open_store() as store:
        rows = [r.to_dict() for r in store.reports()]
    if as_json:
        print(json.dumps({"data": rows, "count": len(rows)}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"报告 reports ({len(rows)})")
    for col in ("key", "title", "issuer", "periods"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["key"], r["title"], r["issuer"], ", ".join(r["periods"]))
    console.print(table)


@app.command()
def delete(
    ctx: typer.Context,
    report: Annotated[str, typer.Argument(help="Key of the report to remove (see `pilotgraph reports`).")],
) -> None:
    """Delete one report and exactly what only it supported (删除报告)."""
    with state(ctx).open_store() as store:
        removed = store.delete_report(report)
    console.print(f"deleted {report}: " + ", ".join(f"{k} {v}" for k, v in removed.items()))
