"""`pilotgraph demo`: the bundled sample reports, loaded and served, with no server to install."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import typer

from pilotgraph.api.cli.app import app, console, state
from pilotgraph.errors import ConfigurationError
from pilotgraph.graph.model import FACT_TYPES


def bundled_samples() -> Path:
    """data/samples of the source checkout this package runs from."""
    import pilotgraph

    return Path(pilotgraph.__file__).resolve().parents[1] / "data" / "samples"


@app.command()
def demo(
    ctx: typer.Context,
    samples: Annotated[Path | None, typer.Option(
        envvar="PILOTGRAPH_SAMPLES", help="Directory of sample reports with manifest.csv (default: data/samples).")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve after loading (default) or just load.")] = True,
) -> None:
    """Load the bundled sample reports and serve the API and views (演示: 载入示例报告并启动服务).

    Uses the configured store: the embedded one unless NEO4J_URI is set. Loading is idempotent, so
    running it again changes nothing.
    """
    from pilotgraph.loaders.pipeline import load_paths

    folder = samples or bundled_samples()
    if not (folder / "manifest.csv").is_file():
        raise ConfigurationError(f"--samples / PILOTGRAPH_SAMPLES: {folder} holds no manifest.csv; point it at a "
                                 "directory of reports with their manifest (the repository's data/samples)")
    cli = state(ctx)
    store = cli.open_store()
    try:
        summary = load_paths(store, [folder], progress=not cli.silent)
        for outcome in summary.reports:
            console.print(f"{outcome.status:>9}  {outcome.key}: {outcome.sentences} sentences, "
                          f"{outcome.entities} entities, {outcome.facts} facts")
        for failure in summary.failures:
            console.print(f"[red]failed[/]  {failure}")
        counts = store.counts()
        facts = sum(counts["relationships"][t] for t in FACT_TYPES)
        console.print(f"store ({store.kind}): {counts['nodes']['Entity']} entities, {facts} facts")
        base = f"http://{host}:{port}"
        found, _ = store.search_entities("CCC免办", limit=1)
        console.print(f"open {base}/  (API docs: {base}/docs)")
        if found:
            console.print(f"CCC免办 lineage: {base}/view/lineage/{quote(found[0].key, safe='')}")
        if not serve:
            return
        import uvicorn

        from pilotgraph.api.app import create_app

        uvicorn.run(create_app(cli.settings(), store=store), host=host, port=port, log_level="info")
    finally:
        store.close()
