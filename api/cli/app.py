"""The Typer application and what every command shares: global options and the store.

Commands live in sibling modules (one per concern) and register on `app`; the CLI stays a thin
shell over the library: each command calls one library function and prints its answer.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pilotgraph.errors import ConfigurationError, InvalidInput, PilotgraphError

app = typer.Typer(
    name="pilotgraph",
    help="pilotgraph: 试点政策知识图谱 — a knowledge graph of Chinese regulatory pilots built from work reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
err_console = Console(stderr=True)


@dataclass
class CliState:
    db: Path | None = None
    silent: bool = False

    def settings(self):
        from pilotgraph.settings import get_settings

        return get_settings()

    def open_store(self):
        """The configured store; `--db` (or PILOTGRAPH_DB) picks the embedded store's file."""
        from pilotgraph.graph import open_store

        settings = self.settings()
        if self.db is not None and settings.neo4j_uri:
            raise ConfigurationError("--db selects the embedded store's file, but NEO4J_URI is set; "
                                     "unset NEO4J_URI to use the embedded store")
        return open_store(settings, db_path=self.db)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[Path | None, typer.Option(
        "--db", envvar="PILOTGRAPH_DB",
        help="SQLite file of the embedded store (default: the user's data directory).")] = None,
    silent: Annotated[bool, typer.Option("--silent", help="No progress bars.")] = False,
) -> None:
    """pilotgraph: 试点政策知识图谱. The store is Neo4j when NEO4J_URI is set, else the embedded one."""
    ctx.obj = CliState(db=db, silent=silent)


def state(ctx: typer.Context) -> CliState:
    return ctx.ensure_object(CliState)


def main(argv: list[str] | None = None) -> None:
    """Entry point: errors of pilotgraph's own become one line on stderr, not a traceback.

    Usage errors are Typer's own (standalone mode prints them with the command's usage).
    """
    try:
        app(args=argv, prog_name="pilotgraph")
    except PilotgraphError as exc:
        err_console.print(f"[bold red]error:[/] {exc.message}", highlight=False, soft_wrap=True)
        sys.exit(2 if isinstance(exc, InvalidInput) else 1)
