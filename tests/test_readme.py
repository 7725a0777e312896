"""The README is part of the interface: its two set-up commands, every CLI command and every route."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from pilotgraph.api.app import create_app
from pilotgraph.api.cli import app as cli_app
from pilotgraph.graph.local_store import LocalStore

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_exactly_two_setup_commands_and_ci_runs_the_test_one():
    block = README.split("## 两条命令", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_cli_command_is_documented():
    command = typer.main.get_command(cli_app)
    for name, sub in command.commands.items():
        assert f"pilotgraph {name}" in README, f"README does not document `pilotgraph {name}`"
        assert sub.help, f"`pilotgraph {name}` has no --help text"
        for child_name, child in getattr(sub, "commands", {}).items():
            assert child_name in README, f"README does not mention `pilotgraph {name} {child_name}`"
            assert child.help, f"`pilotgraph {name} {child_name}` has no --help text"


def test_every_api_route_is_documented():
    spec = create_app(store=LocalStore(":memory:")).openapi()
    documented = set(re.findall(r"`(?:GET|POST) ([^`?\s]+)", README))
    documented |= {p for p in re.findall(r"`(?:GET|POST) [^`]*`, `(?:GET|POST) ([^`?\s]+)", README)}
    for path in spec["paths"]:
        assert path in documented, f"README does not document {path}"
