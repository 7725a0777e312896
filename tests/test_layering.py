"""DESIGN.md's data flow, checked from the code's own imports: loaders -> graph <- queries <- api/viz.

Loaders never import api; queries never import a concrete store; graph imports nothing above it.
The views share one thing with the API: the store injected on the app (`api.deps`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONCRETE_STORES = ("pilotgraph.graph.local_store", "pilotgraph.graph.neo4j_store")

#: folder -> prefixes it may import from pilotgraph (its own folder is always allowed)
ALLOWED = {
    "graph": ("pilotgraph.errors", "pilotgraph.settings"),
    "loaders": ("pilotgraph.errors", "pilotgraph.graph.model", "pilotgraph.graph.store"),
    "queries": ("pilotgraph.errors", "pilotgraph.graph.model", "pilotgraph.graph.store"),
    "viz": ("pilotgraph.errors", "pilotgraph.settings", "pilotgraph.graph.model", "pilotgraph.graph.store",
            "pilotgraph.queries", "pilotgraph.api.deps"),
}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [name for name in found if name.startswith("pilotgraph")]


@pytest.mark.parametrize("folder", sorted(ALLOWED))
def test_folder_imports_only_what_the_design_allows(folder):
    own = f"pilotgraph.{folder}"
    bad = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for name in imports_of(path):
            if name == own or name.startswith(own + "."):
                continue
            if not any(name == p or name.startswith(p + ".") for p in ALLOWED[folder]):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    # the factory in graph/__init__.py is the one place that knows both concrete stores
    assert bad == []


def test_only_the_factory_and_the_cli_name_a_concrete_store():
    users = set()
    for folder in ("loaders", "queries", "api", "viz"):
        for path in (ROOT / folder).rglob("*.py"):
            if any(name in CONCRETE_STORES for name in imports_of(path)):
                users.add(str(path.relative_to(ROOT)))
    assert users == set()
