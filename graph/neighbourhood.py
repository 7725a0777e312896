"""A query's whole neighbourhood read at once, and a view that answers the read primitives from it.

Lineage and spread used to ask the store 4-7 times (facts per hop, entities, regions, reports);
on Neo4j each ask is a network round trip costing more than the plan itself. `GraphStore.neighbourhood`
returns everything such a query reads in one call, and `NeighbourhoodView` serves `facts` and
`get_entities` from it, so the query code stays written once over the seam.

The view only answers a `facts` call from memory when the neighbourhood *covers* it (every key,
direction and type asked was read whole, for a year window containing the one asked); anything
else goes to the store. A too-small neighbourhood therefore costs round trips, never answers.

>>> from pilotgraph.graph.local_store import LocalStore
>>> view = Neighbourhood(keys=["x"]).view(LocalStore(":memory:"))
>>> view.get_entities(["x"])
{}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from pilotgraph.errors import InvalidInput, NotFound
from pilotgraph.graph.model import FACT_TYPES, Entity, Fact, Report, check_fact_type
from pilotgraph.graph.store import GraphStore, fact_sort_key, in_window

#: the facts `neighbourhood(..., located=True)` adds for region attribution
LOCATED_IN = "LOCATED_IN"


@dataclass(frozen=True)
class Coverage:
    """`facts` of `types` in `direction` ("out"/"in") of each of `keys`, inside the window, were all read."""

    keys: frozenset[str]
    direction: str
    types: frozenset[str]
    year_from: int | None = None
    year_to: int | None = None

    def covers(self, key: str, direction: str, type_: str, year_from: int | None, year_to: int | None) -> bool:
        return (direction == self.direction and type_ in self.types and key in self.keys
                and (self.year_from is None or (year_from is not None and year_from >= self.year_from))
                and (self.year_to is None or (year_to is not None and year_to <= self.year_to)))


@dataclass
class Neighbourhood:
    """What one `GraphStore.neighbourhood` call read.

    `covered` are the keys (asked or reached) whose `out_types` facts out of them and `in_types`
    facts into them are all in `facts`; `located` are the keys whose LOCATED_IN facts out of them
    (any year) are too. `nodes` holds the existing entities among `looked_up` (the keys, every
    fact end, every report's region), without their `reports` lists: a hub's list names every
    report in the graph, and no lineage or spread reads it. `reports` are the reports stating the
    facts.
    """

    keys: list[str]
    covered: set[str] = field(default_factory=set)
    out_types: frozenset[str] = frozenset()
    in_types: frozenset[str] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    located: set[str] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)
    nodes: dict[str, Entity] = field(default_factory=dict)
    looked_up: set[str] = field(default_factory=set)
    reports: dict[str, Report] = field(default_factory=dict)

    def view(self, store: GraphStore) -> NeighbourhoodView:
        """A view answering from this neighbourhood, asking `store` for the rest."""
        return NeighbourhoodView(store, self)

    def coverage(self) -> list[Coverage]:
        window = (self.year_from, self.year_to)
        out = [Coverage(frozenset(self.covered), "out", self.out_types, *window),
               Coverage(frozenset(self.covered), "in", self.in_types, *window)]
        if self.located:
            out.append(Coverage(frozenset(self.located), "out", frozenset({LOCATED_IN})))
        return out


def check_plan(depth: int, out_types: Iterable[str], in_types: Iterable[str],
               stop_types: Iterable[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    if depth < 1:
        raise InvalidInput(f"neighbourhood depth must be at least 1, got {depth}")
    return (frozenset(check_fact_type(t) for t in out_types), frozenset(check_fact_type(t) for t in in_types),
            frozenset(check_fact_type(t) for t in stop_types))


def compose_neighbourhood(store: GraphStore, keys: Sequence[str], depth: int, out_types: Iterable[str],
                          in_types: Iterable[str], stop_types: Iterable[str], year_from: int | None,
                          year_to: int | None, located: bool) -> Neighbourhood:
    """The reference semantics of `GraphStore.neighbourhood`, composed of the small primitives.

    Breadth-first: hop i reads `out_types` facts out of, and `in_types` facts into, the frontier;
    the far ends not yet covered form the next frontier, except across `stop_types` facts.
    """
    outs, ins, stops = check_plan(depth, out_types, in_types, stop_types)
    covered = set(keys)
    frontier = sorted(covered)
    facts: dict[str, Fact] = {}
    for hop in range(depth):
        got = store.facts(frontier, sorted(outs), "out", year_from, year_to) if frontier and outs else []
        if frontier and ins:
            got = got + store.facts(frontier, sorted(ins), "in", year_from, year_to)
        front = set(frontier)
        nxt: set[str] = set()
        for fact in got:
            facts[fact.fact_id] = fact
            if fact.type in stops:
                continue
            if fact.type in outs and fact.source in front:
                nxt.add(fact.target)
            if fact.type in ins and fact.target in front:
                nxt.add(fact.source)
        if hop == depth - 1:
            break
        frontier = sorted(nxt - covered)
        covered |= nxt
    ends = set(keys) | {k for f in facts.values() for k in (f.source, f.target)}
    located_keys: set[str] = set()
    if located:
        located_keys = ends
        for fact in store.facts(sorted(ends), [LOCATED_IN], "out"):
            facts[fact.fact_id] = fact
    reports = {}
    for report in sorted({f.report for f in facts.values()}):
        try:
            reports[report] = store.get_report(report)
        except NotFound:  # a fact outliving its report would be a store bug; the view falls back then
            pass
    looked_up = (set(keys) | {k for f in facts.values() for k in (f.source, f.target)}
                 | {r.region for r in reports.values() if r.region})
    return Neighbourhood(
        keys=list(keys), covered=covered, out_types=outs, in_types=ins, year_from=year_from, year_to=year_to,
        located=located_keys, facts=sorted(facts.values(), key=fact_sort_key),
        nodes={k: replace(e, reports=[]) for k, e in store.get_entities(sorted(looked_up)).items()},
        looked_up=looked_up, reports=reports)


class NeighbourhoodView:
    """The read primitives a query needs, served from a `Neighbourhood`, else from the store.

    Only `facts` and `get_entities`/`get_entity` are answered from memory; every other attribute
    is the store's own. Entities come without their `reports` lists (see `Neighbourhood`): ask the
    store itself for those.
    """

    def __init__(self, store: GraphStore, neighbourhood: Neighbourhood):
        self.store = store
        self.neighbourhood = neighbourhood
        self._coverage = neighbourhood.coverage()
        self._out: dict[str, list[Fact]] = {}
        self._in: dict[str, list[Fact]] = {}
        for fact in neighbourhood.facts:
            self._out.setdefault(fact.source, []).append(fact)
            self._in.setdefault(fact.target, []).append(fact)
        #: store calls this view could not answer (for tests and benchmarks)
        self.misses = 0

    def __getattr__(self, name):
        return getattr(self.store, name)

    def _covered(self, keys: Sequence[str], types: Iterable[str], directions: Sequence[str],
                 year_from: int | None, year_to: int | None) -> bool:
        return all(any(c.covers(k, d, t, year_from, year_to) for c in self._coverage)
                   for k in keys for d in directions for t in types)

    def facts(self, keys=None, types=None, direction="both", year_from=None, year_to=None, status=None):
        GraphStore._check_filters(types, direction)
        wanted = set(types or FACT_TYPES)
        directions = ("out", "in") if direction == "both" else (direction,)
        if keys is None or not self._covered(keys, wanted, directions, year_from, year_to):
            self.misses += 1
            return self.store.facts(keys, types, direction, year_from, year_to, status)
        out: dict[str, Fact] = {}
        for key in keys:
            for d in directions:
                for fact in (self._out if d == "out" else self._in).get(key, ()):
                    if (fact.type in wanted and in_window(fact.year, year_from, year_to)
                            and (status is None or fact.status == status)):
                        out[fact.fact_id] = fact
        return sorted(out.values(), key=fact_sort_key)

    def get_entities(self, keys: Sequence[str]) -> dict[str, Entity]:
        nb = self.neighbourhood
        missing = [k for k in keys if k not in nb.looked_up]
        fetched = {}
        if missing:
            self.misses += 1
            fetched = self.store.get_entities(missing)
        return {k: nb.nodes[k] if k in nb.nodes else fetched[k] for k in keys if k in nb.nodes or k in fetched}

    def get_entity(self, key: str) -> Entity:
        return GraphStore.get_entity(self, key)  # through get_entities above
