"""`GraphStore`: the one seam between the graph and everything above it.

Loaders write through it, queries read through it, and the API and views receive one by
injection. Two implementations pass the same contract suite (tests/graph/test_contract.py):
`Neo4jStore` (official driver) and `LocalStore` (networkx in memory, SQLite on disk).

The primitives are deliberately small and their order is specified, so a query composed of
them gives the same answer on either store:

* facts are ordered by ``(year, report, start, type, fact_id)`` with a missing year first;
* entities from ``search_entities`` by rank (exact name, exact alias, name prefix, substring of
  name, substring of an alias), then name, then key;
* a year filter keeps only facts whose year is known and inside the window.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pilotgraph.errors import InvalidInput, NotFound, NotSupported
from pilotgraph.graph.model import (
    Entity, Fact, LoadResult, Mention, Report, ReportBatch, Sentence, Subgraph, check_direction,
    check_entity_type, check_fact_type,
)

if TYPE_CHECKING:
    from pilotgraph.graph.neighbourhood import Neighbourhood


def fact_sort_key(fact: Fact) -> tuple:
    return (fact.year is not None, fact.year or 0, fact.report, fact.start or 0, fact.type, fact.fact_id)


def search_rank(entity: Entity, q: str) -> int | None:
    """Rank of an entity for a search string, None when it does not match at all."""
    if entity.name == q:
        return 0
    if q in entity.aliases:
        return 1
    if entity.name.startswith(q):
        return 2
    if q in entity.name:
        return 3
    if any(q in alias for alias in entity.aliases):
        return 4
    return None


def rank_page(candidates: Iterable[Entity], q: str | None, limit: int | None,
              offset: int) -> tuple[list[Entity], int]:
    """The search order of every store: rank, then name, then key; one page and the total."""
    ranked = []
    for e in candidates:
        rank = search_rank(e, q) if q else 0
        if rank is not None:
            ranked.append((rank, e.name, e.key, e))
    ranked.sort(key=lambda t: t[:3])
    page = ranked[offset:offset + limit] if limit is not None else ranked[offset:]
    return [t[3] for t in page], len(ranked)


def in_window(year: int | None, year_from: int | None, year_to: int | None) -> bool:
    if year_from is None and year_to is None:
        return True
    if year is None:
        return False
    return (year_from is None or year >= year_from) and (year_to is None or year <= year_to)


class GraphStore(ABC):
    """What queries, loaders, the API and the views need from a graph store."""

    #: "local" or "neo4j"
    kind: str = ""

    # -- lifecycle ---------------------------------------------------------------------------
    @abstractmethod
    def ensure_schema(self) -> None:
        """Create constraints and indexes (idempotent); called before the first write."""

    def close(self) -> None:  # noqa: B027 - optional for stores without resources
        """Release connections; the store is unusable afterwards."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writes ------------------------------------------------------------------------------
    def load(self, batch: ReportBatch) -> LoadResult:
        """Load one report idempotently.

        Same key and same sha256 as stored: nothing changes (`unchanged`). Same key, other
        content: the report's own sentences, mentions and facts are replaced in one transaction
        (`replaced`), so a failure leaves the old version intact. New key: `created`.
        """
        return self.load_many([batch])[0]

    @abstractmethod
    def load_many(self, batches: Iterable[ReportBatch]) -> list[LoadResult]:
        """Load several reports; each report is atomic, stores may group them into one transaction.

        `batches` may be a generator: it is consumed once, in order, and stores may write while
        drawing the next batches. A report the store refuses comes back `failed`, with the reason
        in `error`, and the others still load; a malformed batch raises `InvalidInput`.
        """

    @abstractmethod
    def delete_report(self, key: str) -> dict[str, int]:
        """Remove a report and exactly what only it supported.

        Its sentences, mentions and facts go; an entity goes when no other report supports it.
        Returns counts of what was removed; raises NotFound for an unknown key.
        """

    # -- reads -------------------------------------------------------------------------------
    @abstractmethod
    def reports(self) -> list[Report]:
        """All reports, ordered by key."""

    def get_report(self, key: str) -> Report:
        for report in self.reports():
            if report.key == key:
                return report
        raise NotFound(f"no report with key {key!r}")

    @abstractmethod
    def get_entities(self, keys: Sequence[str]) -> dict[str, Entity]:
        """The entities among `keys` that exist, by key."""

    def get_entity(self, key: str) -> Entity:
        found = self.get_entities([key])
        if key not in found:
            raise self.entity_not_found(key)
        return found[key]

    def entity_not_found(self, key: str) -> NotFound:
        """NotFound for `key`, suggesting the keys of entities whose name matches (a name given for a key)."""
        name = key.split(":", 1)[1] if ":" in key else key
        suggestions = [e.key for e in self.search_entities(name, limit=3)[0]] if name.strip() else []
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        return NotFound(f"no entity with key {key!r}{hint} (keys are type:name; `query search` finds them)",
                        detail={"suggestions": suggestions} if suggestions else None)

    @abstractmethod
    def search_entities(self, q: str | None = None, types: Sequence[str] | None = None,
                        level: str | None = None, limit: int | None = 50,
                        offset: int = 0) -> tuple[list[Entity], int]:
        """Entities whose name or an alias equals or contains `q` (all when `q` is empty).

        Returns one page in rank order (see the module docstring) and the total count.
        """

    @abstractmethod
    def facts(self, keys: Sequence[str] | None = None, types: Sequence[str] | None = None,
              direction: str = "both", year_from: int | None = None, year_to: int | None = None,
              status: str | None = None) -> list[Fact]:
        """Facts touching `keys` (all facts when None), with evidence text and section filled in.

        `direction` is seen from `keys`: "out" = keys are sources, "in" = keys are targets.
        """

    @abstractmethod
    def sentences(self, keys: Sequence[str]) -> dict[str, Sentence]:
        """Sentences by key."""

    @abstractmethod
    def mentions(self, entity_keys: Sequence[str]) -> list[Mention]:
        """Mentions of the entities, ordered by (sentence, start)."""

    @abstractmethod
    def region_hierarchy(self, key: str, direction: str = "down") -> list[str]:
        """Region keys below (`down`, descendants) or above (`up`, ancestors) a region via PART_OF.

        Excludes the region itself; `down` is sorted by key, `up` is ordered nearest first.
        """

    @abstractmethod
    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` with every allowlisted name present."""

    # -- traversal, composed of `facts` so both stores share one semantics -------------------
    def expand(self, keys: Sequence[str], depth: int = 1, types: Sequence[str] | None = None,
               direction: str = "both", year_from: int | None = None, year_to: int | None = None,
               max_nodes: int | None = None) -> Subgraph:
        """Bounded k-hop expansion along facts.

        Breadth-first from `keys`: hop i takes every matching fact touching the frontier (in the
        given direction); the unseen far ends form the next frontier. Stops after `depth` hops, or
        when `max_nodes` nodes have been reached (the frontier that crosses it is still kept).
        """
        check_direction(direction)
        for t in types or ():
            check_fact_type(t)
        seen: set[str] = set(keys)
        frontier = sorted(seen)
        collected: dict[str, Fact] = {}
        for _ in range(max(depth, 0)):
            if not frontier or (max_nodes is not None and len(seen) >= max_nodes):
                break
            front = set(frontier)
            nxt: set[str] = set()
            for fact in self.facts(frontier, types, direction, year_from, year_to):
                collected.setdefault(fact.fact_id, fact)
                for end in (fact.source, fact.target):
                    if end not in seen:
                        # "out" follows source->target, "in" follows target->source
                        if direction == "out" and fact.source not in front:
                            continue
                        if direction == "in" and fact.target not in front:
                            continue
                        nxt.add(end)
            seen |= nxt
            frontier = sorted(nxt)
        nodes = self.get_entities(sorted(seen))
        return Subgraph(nodes=nodes, facts=sorted(collected.values(), key=fact_sort_key))

    def shortest_path(self, source: str, target: str, types: Sequence[str] | None = None,
                      max_depth: int = 6, year_from: int | None = None,
                      year_to: int | None = None) -> list[str] | None:
        """Node keys of a shortest undirected path over facts, or None.

        Among equally short paths the lexicographically smallest key sequence wins, so the
        answer is the same on every store.
        """
        self.get_entity(source)
        self.get_entity(target)
        if source == target:
            return [source]
        # breadth-first layers from the source; parents keep every shortest predecessor
        dist = {source: 0}
        layer = [source]
        for d in range(1, max_depth + 1):
            if not layer:
                break
            nxt: set[str] = set()
            here = set(layer)
            for fact in self.facts(layer, types, "both", year_from, year_to):
                for a, b in ((fact.source, fact.target), (fact.target, fact.source)):
                    if a in here and b not in dist:
                        nxt.add(b)
            for key in nxt:
                dist[key] = d
            if target in nxt:
                break
            layer = sorted(nxt)
        if target not in dist:
            return None
        # walk forward choosing the smallest neighbour that stays on a shortest path;
        # a node is on one iff its distance from the target side also adds up
        back = {target: 0}
        layer = [target]
        for d in range(1, dist[target] + 1):
            nxt = set()
            here = set(layer)
            for fact in self.facts(layer, types, "both", year_from, year_to):
                for a, b in ((fact.source, fact.target), (fact.target, fact.source)):
                    if a in here and b not in back and dist.get(b) == dist[target] - d:
                        nxt.add(b)
            for key in nxt:
                back[key] = d
            layer = sorted(nxt)
        path = [source]
        while path[-1] != target:
            here = path[-1]
            step = dist[here] + 1
            options = set()
            for fact in self.facts([here], types, "both", year_from, year_to):
                other = fact.target if fact.source == here else fact.source
                if dist.get(other) == step and back.get(other) == dist[target] - step:
                    options.add(other)
            path.append(min(options))
        return path

    def neighbourhood(self, keys: Sequence[str], depth: int = 1, out_types: Sequence[str] = (),
                      in_types: Sequence[str] = (), stop_types: Sequence[str] = (),
                      year_from: int | None = None, year_to: int | None = None,
                      located: bool = False) -> Neighbourhood:
        """Everything a lineage or spread reads, in one call (one round trip on Neo4j).

        Breadth-first from `keys`, `depth` hops: each hop reads the `out_types` facts out of and
        the `in_types` facts into the frontier (inside the year window); their far ends not seen
        yet form the next frontier, except across `stop_types` facts. With `located`, also the
        LOCATED_IN facts (any year) out of every fact end. Adds the entities of every fact end and
        of every stated report's region, and those reports. Serve it with `NeighbourhoodView`.
        This default composes `facts`, `reports` and `get_entities`; stores override it.
        """
        from pilotgraph.graph.neighbourhood import compose_neighbourhood

        return compose_neighbourhood(self, keys, depth, out_types, in_types, stop_types, year_from, year_to,
                                     located)

    # -- power users -------------------------------------------------------------------------
    def cypher(self, query: str, params: dict[str, Any] | None = None, *, timeout: float = 5.0,
               max_rows: int = 1000) -> dict[str, Any]:
        """Run read-only Cypher: ``{"columns", "rows", "truncated"}``. Neo4j only."""
        raise NotSupported("read-only Cypher needs the Neo4j store; set NEO4J_URI to use it")

    # -- helpers shared by implementations ----------------------------------------------------
    @staticmethod
    def _check_filters(types: Sequence[str] | None, direction: str) -> None:
        check_direction(direction)
        for t in types or ():
            check_fact_type(t)

    @staticmethod
    def _check_types(types: Sequence[str] | None) -> None:
        for t in types or ():
            check_entity_type(t)


def check_batch(batch: ReportBatch) -> None:
    """Refuse a batch whose records do not hang together, before anything is written.

    Every fact and mention must point at an entity of the batch and a sentence of the batch;
    labels and types must be allowlisted.
    """
    report = batch.report.key
    if not report:
        raise InvalidInput("report key is empty", detail={"path": batch.report.path})
    entity_keys = set()
    for e in batch.entities:
        check_entity_type(e.type)
        if not e.key or not e.name:
            raise InvalidInput(f"report {report}: entity with empty key or name: {e!r}")
        entity_keys.add(e.key)
    sentence_keys = {s.key for s in batch.sentences}
    for m in batch.mentions:
        if m.entity not in entity_keys or m.sentence not in sentence_keys:
            raise InvalidInput(f"report {report}: mention of {m.entity!r} in {m.sentence!r} points outside the batch")
    for f in batch.facts:
        check_fact_type(f.type)
        if f.source not in entity_keys or f.target not in entity_keys:
            raise InvalidInput(f"report {report}: fact {f.type} {f.source!r} -> {f.target!r} has an endpoint "
                               "that is not among the batch's entities")
        if f.sentence not in sentence_keys or f.report != report:
            raise InvalidInput(f"report {report}: fact {f.fact_id} cites a sentence outside the batch")
    for p in batch.part_of:
        if p.child not in entity_keys or p.parent not in entity_keys:
            raise InvalidInput(f"report {report}: PART_OF {p.child!r} -> {p.parent!r} points outside the batch")
