"""The `pilotgraph` command. Each module registers the commands of one concern on `app`."""

from pilotgraph.api.cli import store_commands  # noqa: F401  stats, reports, delete
from pilotgraph.api.cli import load_commands  # noqa: F401  load, extract, eval
from pilotgraph.api.cli import query_commands  # noqa: F401  query ..., export
from pilotgraph.api.cli import serve_commands  # noqa: F401  serve
from pilotgraph.api.cli import brief_commands  # noqa: F401  brief
from pilotgraph.api.cli import demo_commands  # noqa: F401  demo
from pilotgraph.api.cli.app import app, main  # noqa: F401
