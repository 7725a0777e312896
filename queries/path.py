"""The path between two entities, with the evidence of each step."""

from __future__ import annotations

from collections.abc import Sequence

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import check_fact_type
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.common import entity_public, fact_public, sort_facts

MAX_DEPTH = 8


def path(store: GraphStore, source: str, target: str, *, types: Sequence[str] | None = None,
         max_depth: int = 6, year_from: int | None = None, year_to: int | None = None) -> dict:
    """A shortest undirected path over facts (the store's deterministic choice) and every fact
    that joins each consecutive pair. ``found`` is False when no path of at most `max_depth` exists.
    Unknown keys raise NotFound.
    """
    if not 1 <= max_depth <= MAX_DEPTH:
        raise InvalidInput(f"max_depth must be between 1 and {MAX_DEPTH}, got {max_depth}")
    for t in types or ():
        check_fact_type(t)
    keys = store.shortest_path(source, target, types, max_depth, year_from, year_to)
    if keys is None:
        return {"source": source, "target": target, "found": False, "length": None, "nodes": [], "steps": []}
    entities = store.get_entities(keys)
    steps = []
    for a, b in zip(keys, keys[1:]):
        joining = [f for f in store.facts([a], types, "both", year_from, year_to)
                   if {f.source, f.target} == {a, b}]
        steps.append({"from": a, "to": b, "facts": [fact_public(f) for f in sort_facts(joining)]})
    return {"source": source, "target": target, "found": True, "length": len(keys) - 1,
            "nodes": [entity_public(entities[k]) for k in keys], "steps": steps}
