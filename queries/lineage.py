"""Lineage of an entity, upstream and downstream, shaped like Marquez's lineage graph.

Each relationship type has a direction of flow. Upstream of a programme are its origins: who ran
it first, what it evolved from, what was absorbed into it, where it sits. Downstream is where it
went: where it was promoted, what recognised it, what succeeded it, who adopted it later, what it
was absorbed into. `RUNS` is split by time: the runners of the earliest year are the origin
(upstream), later runners are adopters (downstream).

The region a programme was promoted to, the award it received and the place it sits in are
endpoints: they appear in the lineage but it does not continue through them.

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
    ("RUNS", "in"),            # the origin runners (earliest year; see _origin_runners)
    ("SUCCEEDS", "out"),       # what it evolved from
    ("ABSORBED_INTO", "in"),   # what was absorbed into it
    ("LOCATED_IN", "out"),     # where it sits
})
DOWNSTREAM: frozenset[tuple[str, str]] = frozenset({
    ("RUNS", "in"),            # later runners: adopters (see _origin_runners)
    ("PARTICIPATES_IN", "in"),  # who took part in it
    ("PROMOTED_TO", "out"),    # where it was promoted
    ("RECOGNIZED_AS", "out"),  # what recognised it
    ("SUCCEEDS", "in"),        # what succeeded it
    ("ABSORBED_INTO", "out"),  # what took it in
})

#: the targets of these facts are scopes, honours and places: they end a lineage. Walking on
#: from 浙江省 or from an award would join every programme promoted there or so honoured,
#: unrelated lineages all, and would read the biggest hubs of the graph at every step.
ENDPOINT_TYPES: frozenset[str] = frozenset({"PROMOTED_TO", "RECOGNIZED_AS", "LOCATED_IN"})


def _origin_runners(facts: list[Fact]) -> dict[str, set[str]]:
    """For each node run by someone: the runners whose RUNS is in the earliest year seen."""
    years: dict[str, list[int | None]] = {}
    runners: dict[str, list[tuple[int | None, str]]] = {}
    for f in facts:
        if f.type == "RUNS":
            runners.setdefault(f.target, []).append((f.year, f.source))
            years.setdefault(f.target, []).append(f.year)
    origins = {}
    for node, runs in runners.items():
        known = [y for y in years[node] if y is not None]
        first = min(known) if known else None
        origins[node] = {src for y, src in runs if first is None or y == first}
    return origins


def _step(facts: list[Fact], frontier: set[str], flow: frozenset[tuple[str, str]],
          upstream: bool) -> list[tuple[Fact, str]]:
    """The facts that move along `flow` from the frontier, with the node they reach."""
    origins = _origin_runners(facts)
    taken: list[tuple[Fact, str]] = []
    for fact in facts:
        for here, there, end in ((fact.source, fact.target, "out"), (fact.target, fact.source, "in")):
            if here not in frontier or (fact.type, end) not in flow:
                continue
            if fact.type == "RUNS" and (there in origins.get(here, ())) != upstream:
                continue
            taken.append((fact, there))
    return taken


def _walk(store: GraphStore, key: str, depth: int, types: Sequence[str] | None, sides: Sequence[str],
          year_from: int | None, year_to: int | None) -> tuple[dict[str, dict[str, int]], dict[str, Fact]]:
    """Breadth-first along the flow of each side ("up", "down"), the sides in lockstep.

    Each hop asks the store twice at most (facts out of, and into, the frontiers) and only for the
    (type, direction) pairs that flow: a province is the target of thousands of promotions, none
    of which lead anywhere downstream of it. RUNS-in is fetched whole, so the earliest runners of
    a node are known when the runners are split into origin and adopters.
    """
    wanted = set(types) if types else None
    plan = {}
    for side in sides:
        flow = UPSTREAM if side == "up" else DOWNSTREAM
        plan[side] = {
            "flow": flow,
            "out": {t for t, end in flow if end == "out" and (wanted is None or t in wanted)},
            "in": {t for t, end in flow if end == "in" and (wanted is None or t in wanted)},
            "distance": {key: 0},
            "frontier": {key},
        }
    collected: dict[str, Fact] = {}
    for hop in range(1, depth + 1):
        active = [p for p in plan.values() if p["frontier"] and (p["out"] or p["in"])]
        if not active:
            break
        out_keys = sorted({k for p in active if p["out"] for k in p["frontier"]})
        in_keys = sorted({k for p in active if p["in"] for k in p["frontier"]})
        out_types = sorted({t for p in active for t in p["out"]})
        in_types = sorted({t for p in active for t in p["in"]})
        facts = store.facts(out_keys, out_types, "out", year_from, year_to) if out_keys else []
        if in_keys:
            facts = facts + store.facts(in_keys, in_types, "in", year_from, year_to)
        active_ids = {id(p) for p in active}
        for side, p in plan.items():
            if id(p) not in active_ids:
                continue
            nxt: set[str] = set()
            for fact, there in _step(facts, p["frontier"], p["flow"], side == "up"):
                collected.setdefault(fact.fact_id, fact)
                if there not in p["distance"]:
                    p["distance"][there] = hop
                    if not (fact.type in ENDPOINT_TYPES and there == fact.target):
                        nxt.add(there)
            p["frontier"] = nxt
    return {side: p["distance"] for side, p in plan.items()}, collected


def _flow_types(types: Sequence[str] | None, sides: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fact types `_walk` reads out of and into its frontiers, over all `sides`."""
    wanted = set(types) if types else None
    flows = [pair for side in sides for pair in (UPSTREAM if side == "up" else DOWNSTREAM)]
    return tuple(sorted({t for t, end in flows if end == e and (wanted is None or t in wanted)})
                 for e in ("out", "in"))


def lineage(store: GraphStore, key: str, *, direction: str = "both", depth: int = 2,
            types: Sequence[str] | None = None, as_of: int | None = None,
            year_from: int | None = None, year_to: int | None = None) -> dict:
    """Upstream (`up`), downstream (`down`) or both, `depth` hops from `key`.

    `as_of` keeps the facts of reports up to that year (the graph as it was known then);
    `year_from`/`year_to` keep a window. Unknown keys raise NotFound, bad values InvalidInput.
    """
    if direction not in ("up", "down", "both"):
        raise InvalidInput(f"unknown direction {direction!r}; expected up, down or both")
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    for t in types or ():
        check_fact_type(t)
    year_from, year_to = check_year_window(as_of, year_from, year_to)

    wanted_sides = ("up", "down") if direction == "both" else (direction,)
    # one read of everything the walk can reach, then the walk runs in memory over it
    view = store.neighbourhood([key], depth, *_flow_types(types, wanted_sides), stop_types=sorted(ENDPOINT_TYPES),
                               year_from=year_from, year_to=year_to).view(store)
    sides, facts = _walk(view, key, depth, types, wanted_sides, year_from, year_to)

    keys = sorted({k for dist in sides.values() for k in dist})
    entities = view.get_entities(keys)
    if key not in entities:
        raise store.entity_not_found(key)
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
