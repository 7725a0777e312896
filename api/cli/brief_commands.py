"""`pilotgraph brief`: the leadership briefing as an HTML file and a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pilotgraph.api.cli.app import app, console, state


@app.command()
def brief(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Output file: FILE.pdf and FILE.html are both written "
                                                    "(the suffix given picks nothing else).")],
    region: Annotated[str | None, typer.Option(help="Region code (330108), key (region:330108) or exact name "
                                                    "(滨江区); omit for the whole corpus.")] = None,
    year_from: Annotated[int | None, typer.Option("--year-from", help="First year of the period.")] = None,
    year_to: Annotated[int | None, typer.Option("--year-to", help="Last year of the period.")] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also print a PDF with headless Chromium.")] = True,
) -> None:
    """Write the leadership briefing (领导简报) of a region and period as HTML and PDF."""
    from pilotgraph.viz.briefing import briefing, briefing_pdf, render_briefing

    with state(ctx).open_store() as store:
        data = briefing(store, region, year_from, year_to)
    base = out.with_suffix("") if out.suffix.lower() in (".pdf", ".html", ".htm") else out
    html_path = base.with_suffix(".html")
    html_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path = None
    if pdf:  # the HTML written is the one printed on one sheet (its lists may be shorter)
        pdf_path, html = briefing_pdf(data, base.with_suffix(".pdf"))
    else:
        html = render_briefing(data, standalone=True)
    html_path.write_text(html, encoding="utf-8")
    console.print(f"wrote {html_path}")
    if pdf_path:
        console.print(f"wrote {pdf_path}")
