"""`pilotgraph serve`: the API and the views with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from pilotgraph.api.cli.app import app, state


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0 for all).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    reload: Annotated[bool, typer.Option("--reload", help="Restart on code changes (development).")] = False,
) -> None:
    """Serve the JSON API (/api/v1, docs at /docs) and the views (服务)."""
    import uvicorn

    from pilotgraph.api.app import create_app

    cli = state(ctx)
    store = cli.open_store()  # fail early, with the configuration message, before binding the port
    app_ = create_app(cli.settings(), store=store)
    try:
        uvicorn.run(app_, host=host, port=port, reload=reload, log_level="info")
    finally:
        store.close()
