"""Lineage of an entity, upstream and downstream, shaped like Marquez's lineage graph.

Each relationship type has a direction of flow. Upstream of a programme are its origins: who ran
it first, what it evolved from, what was absorbed into it, where it sits. Downstream is where it
went: where it was promoted, what recognised it, what succeeded it, who adopted it later, what it
was absorbed into. `RUNS` is split by time: the runners of the earliest year are the origin
(upstream), later runners are adopters (downstream).

The answer is ``{"root", "direction", "depth", "nodes": [...], "count"}``; each node carries
``in_edges`` and ``out_edges`` (``origin`` → ``destination``, the observations behind the edge).
"""

from __future__ import annotations

from collections.abc import Sequence

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import Fact, check_fact_type
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.common import check_year_window, entity_public, evidence, sort_facts

MAX_DEPTH = 10

#: (relationship type, which end of it the *current* node is) -> flow from the current node
#: "out" means the current node is the source of the fact
UPSTREAM: frozenset[tuple[str, str]] = frozenset({
    ("RUNS", "in"),            # the origin runner (earliest year only; see _runs_split)
    ("SUCCEEDS", "out"),       # what it evolved from
    ("ABSORBED_INTO", "in"),   # what was absorbed into it
    ("LOCATED_IN", "out"),     # where it sits
})
DOWNSTREAM: frozenset[tuple[str, str]] = frozenset({
    ("RUNS", "in"),            # later runners: adopters (see _runs_split)
    ("PARTICIPATES_IN", "in"),  # who took part in it
    ("PROMOTED_TO", "out"),    # where it was promoted
    ("RECOGNIZED_AS", "out"),  # what recognised it
    ("SUCCEEDS", "in"),        # what succeeded it
    ("ABSORBED_INTO", "out"),  # what took it in
})


def _origin_runners(facts: list[Fact], node: str) -> set[str]:
    """Runners of `node` whose first RUNS observation is in the earliest year seen."""
    runs = [f for f in facts if f.type == "RUNS" and f.target == node]
    years = [f.year for f in runs if f.year is not None]
    if not years:
        return {f.source for f in runs}
    first = min(years)
    return {f.source for f in runs if f.year == first}


def _step(facts: list[Fact], frontier: set[str], flow: frozenset[tuple[str, str]],
          upstream: bool) -> list[tuple[Fact, str]]:
    """The facts that move along `flow` from the frontier, with the node they reach."""
    origins: dict[str, set[str]] = {}
    taken: list[tuple[Fact, str]] = []
    for fact in facts:
        for here, there, end in ((fact.source, fact.target, "out"), (fact.target, fact.source, "in")):
            if here not in frontier or (fact.type, end) not in flow:
                continue
            if fact.type == "RUNS":
                if here not in origins:
                    origins[here] = _origin_runners(facts, here)
                if (there in origins[here]) != upstream:
                    continue
            taken.append((fact, there))
    return taken


def _walk(store: GraphStore, key: str, depth: int, types: Sequence[str] | None, upstream: bool,
          year_from: int | None, year_to: int | None) -> tuple[dict[str, int], dict[str, Fact]]:
    flow = UPSTREAM if upstream else DOWNSTREAM
    wanted = set(types) if types else {t for t, _ in flow}
    # ask only for the directions that flow: a province is the target of thousands of
    # promotions, none of which lead anywhere downstream of it
    out_types = sorted(t for t, end in flow if end == "out" and t in wanted)
    in_types = sorted(t for t, end in flow if end == "in" and t in wanted)
    distance = {key: 0}
    collected: dict[str, Fact] = {}
    frontier = {key}
    for hop in range(1, depth + 1):
        if not frontier or not (out_types or in_types):
            break
        keys = sorted(frontier)
        # RUNS in is fetched whole (every runner of the node), so the earliest runners are known
        facts = store.facts(keys, out_types, "out", year_from, year_to) if out_types else []
        if in_types:
            facts = facts + store.facts(keys, in_types, "in", year_from, year_to)
        nxt: set[str] = set()
        for fact, there in _step(facts, frontier, flow, upstream):
            collected.setdefault(fact.fact_id, fact)
            if there not in distance:
                distance[there] = hop
                nxt.add(there)
        frontier = nxt
    return distance, collected


def lineage(store: GraphStore, key: str, *, direction: str = "both", depth: int = 2,
            types: Sequence[str] | None = None, as_of: int | None = None,
            year_from: int | None = None, year_to: int | None = None) -> dict:
    """Upstream (`up`), downstream (`down`) or both, `depth` hops from `key`.

    `as_of` keeps the facts of reports up to that year (the graph as it was known then);
    `year_from`/`year_to` keep a window. Unknown keys raise NotFound, bad values InvalidInput.
    """
    store.get_entity(key)
    if direction not in ("up", "down", "both"):
        raise InvalidInput(f"unknown direction {direction!r}; expected up, down or both")
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    for t in types or ():
        check_fact_type(t)
    year_from, year_to = check_year_window(as_of, year_from, year_to)

    sides: dict[str, dict[str, int]] = {}
    facts: dict[str, Fact] = {}
    for side in (("up",) if direction == "up" else ("down",) if direction == "down" else ("up", "down")):
        dist, found = _walk(store, key, depth, types, side == "up", year_from, year_to)
        sides[side] = dist
        facts.update(found)

    keys = sorted({k for dist in sides.values() for k in dist})
    entities = store.get_entities(keys)
    # one edge per (type, origin, destination), carrying its observations in order
    edges: dict[tuple[str, str, str], dict] = {}
    for fact in sort_facts(facts.values()):
        edge = edges.setdefault((fact.type, fact.source, fact.target), {
            "type": fact.type, "origin": fact.source, "destination": fact.target,
            "first_year": None, "last_year": None, "observations": [],
        })
        edge["observations"].append({"fact_id": fact.fact_id, "year": fact.year, "status": fact.status,
                                     "evidence": evidence(fact)})
        if fact.year is not None:
            edge["first_year"] = fact.year if edge["first_year"] is None else min(edge["first_year"], fact.year)
            edge["last_year"] = fact.year if edge["last_year"] is None else max(edge["last_year"], fact.year)
    ins: dict[str, list[dict]] = {}
    outs: dict[str, list[dict]] = {}
    for k in sorted(edges):
        outs.setdefault(edges[k]["origin"], []).append(edges[k])
        ins.setdefault(edges[k]["destination"], []).append(edges[k])

    nodes = []
    for k in keys:
        up, down = sides.get("up", {}).get(k), sides.get("down", {}).get(k)
        side = "root" if k == key else "upstream" if up is not None and down is None else \
            "downstream" if up is None else "both"
        entity = entities.get(k)
        nodes.append({
            "id": k,
            **(entity_public(entity) if entity else {"key": k, "type": None, "name": k, "aliases": [],
                                                      "level": None, "code": None}),
            "side": side,
            "distance": min(d for d in (up, down) if d is not None),
            "in_edges": ins.get(k, []),
            "out_edges": outs.get(k, []),
        })
    nodes.sort(key=lambda n: (n["distance"], n["key"]))
    return {"root": key, "direction": direction, "depth": depth, "as_of": as_of,
            "year_from": year_from if as_of is None else None, "year_to": year_to if as_of is None else None,
            "nodes": nodes, "count": len(nodes), "edge_count": len(edges)}
