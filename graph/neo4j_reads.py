"""Reads of `Neo4jStore` that answer a whole query in one round trip.

A Bolt round trip (2-5 ms) costs more than the index seeks of a lineage (~200 db hits), so
`neighbourhood` runs the breadth-first expansion, the evidence lookup, the reports and the
entities in one Cypher statement and returns a single row. The statement text depends only on
the depth and the allowlisted relationship types, so the server caches a handful of plans;
every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pilotgraph.graph.model import Report
from pilotgraph.graph.neighbourhood import LOCATED_IN, Neighbourhood, check_plan
from pilotgraph.graph.store import fact_sort_key

#: a fact's year inside the window [$yf, $yt] (either end open when null), as in `facts`
_IN_WINDOW = ("($yf IS NULL OR (r.year IS NOT NULL AND r.year >= $yf)) "
              "AND ($yt IS NULL OR (r.year IS NOT NULL AND r.year <= $yt))")
#: no `reports`: a hub (the country, a province) lists every report that names it, ~2 MB at 1M
#: facts, and shipping that made a lineage touching a hub 40 ms instead of 8 (see `Neighbourhood`)
_ENTITY_FIELDS = ("key", "type", "name", "aliases", "level", "code")


@lru_cache(maxsize=64)
def neighbourhood_query(depth: int, outs: tuple[str, ...], ins: tuple[str, ...], located: bool) -> str:
    """The statement for `depth` hops out along `outs` and in along `ins` (allowlisted, sorted).

    Returns one row with everything collected. Directed patterns per type set, so a hub's other
    relationships (an agency's hundreds of RUNS when walking into it) are never expanded.
    """
    def step(stop: bool) -> str:
        """(a) -> r, b for each fact leaving `a` along `outs` or entering it along `ins`."""
        where = (" WHERE NOT type(r) IN $stop AND " if stop else " WHERE ") + _IN_WINDOW
        branches = ([f"MATCH (a)-[r:{'|'.join(outs)}]->(b:Entity){where} RETURN r, b"] if outs else []) + \
                   ([f"MATCH (a)<-[r:{'|'.join(ins)}]-(b:Entity){where} RETURN r, b"] if ins else [])
        # no types at all: a branch that matches nothing keeps the statement's shape
        return "CALL (a) { " + (" UNION ".join(branches) or "MATCH (a)-[r]->(b:Entity) WHERE false RETURN r, b") + " }"

    parts = ["MATCH (root:Entity) WHERE root.key IN $keys",
             "WITH collect(root) AS roots",
             "WITH roots, roots AS frontier, roots AS covered"]
    for _ in range(depth - 1):
        # one breadth-first hop; `covered` keeps each node at its first distance
        parts.append(
            "CALL (frontier, covered) { UNWIND frontier AS a "
            f"{step(True)} "
            "WITH DISTINCT b WHERE NOT b IN covered RETURN collect(b) AS next } "
            "WITH roots, next AS frontier, covered + next AS covered")
    parts.append(
        "CALL (covered) { UNWIND covered AS a "
        f"{step(False)} "
        "RETURN collect(DISTINCT r) AS rels }")
    if located:
        # where the actors sit: LOCATED_IN (any year) out of every end of what was read
        parts.append(
            "CALL (roots, rels) { UNWIND roots + [r IN rels | startNode(r)] + [r IN rels | endNode(r)] AS x "
            "WITH DISTINCT x "
            f"OPTIONAL MATCH (x)-[l:{LOCATED_IN}]->(:Entity) "
            "RETURN collect(DISTINCT x.key) AS located, collect(DISTINCT l) AS placed }")
    else:
        parts.append("WITH roots, covered, rels, [] AS located, [] AS placed")
    parts.append(
        "WITH roots, covered, located, rels + [l IN placed WHERE NOT l IN rels] AS facts "
        # evidence: one index seek per fact, inside the server
        "CALL (facts) { UNWIND facts AS r OPTIONAL MATCH (s:Sentence {key: r.sentence}) "
        "RETURN collect({source: startNode(r).key, target: endNode(r).key, type: type(r), r: properties(r), "
        "text: s.text, section: s.section}) AS rows } "
        "CALL (facts) { UNWIND facts AS r WITH DISTINCT r.report AS k MATCH (rep:Report {key: k}) "
        f"RETURN collect(rep {{{', '.join('.' + f for f in Report.__dataclass_fields__)}}}) AS reports }} "
        "WITH roots, covered, located, facts, rows, reports, "
        "[rep IN reports WHERE rep.region IS NOT NULL AND rep.region <> '' | rep.region] AS regions "
        "CALL (roots, facts) { "
        "UNWIND roots + [r IN facts | startNode(r)] + [r IN facts | endNode(r)] AS e WITH DISTINCT e "
        "RETURN collect(e.key) AS ends } "
        "CALL (ends, regions) { UNWIND ends + regions AS k WITH DISTINCT k MATCH (e:Entity {key: k}) "
        f"RETURN collect(e {{{', '.join('.' + f for f in _ENTITY_FIELDS)}}}) AS nodes }} "
        "RETURN [c IN covered | c.key] AS covered, located, rows, reports, regions, nodes")
    return "\n".join(parts)


class Neo4jReads:
    """Mixed into `Neo4jStore`: needs its `_read`."""

    def neighbourhood(self, keys: Sequence[str], depth: int = 1, out_types: Sequence[str] = (),
                      in_types: Sequence[str] = (), stop_types: Sequence[str] = (),
                      year_from: int | None = None, year_to: int | None = None,
                      located: bool = False) -> Neighbourhood:
        from pilotgraph.graph.neo4j_store import _to_entity, _to_fact  # the store imports this module

        outs, ins, stops = check_plan(depth, out_types, in_types, stop_types)
        keys = list(keys)
        rows = self._read(neighbourhood_query(depth, tuple(sorted(outs)), tuple(sorted(ins)), located),
                          keys=keys, stop=sorted(stops), yf=year_from, yt=year_to)
        row = rows[0]
        facts = {}
        for fact_row in row["rows"]:
            fact = _to_fact(fact_row)
            facts[fact.fact_id] = fact
        # absent properties keep the dataclass defaults, as `_record` does
        reports = {r["key"]: Report(**{k: v for k, v in r.items() if v is not None}) for r in row["reports"]}
        nodes = {n["key"]: _to_entity(n) for n in row["nodes"]}
        ends = set(keys) | {k for f in facts.values() for k in (f.source, f.target)}
        return Neighbourhood(
            keys=keys, covered=set(keys) | set(row["covered"]), out_types=outs, in_types=ins,
            year_from=year_from, year_to=year_to,
            located=set(keys) | set(row["located"]) if located else set(),
            facts=sorted(facts.values(), key=fact_sort_key),
            nodes={k: nodes[k] for k in sorted(nodes)}, looked_up=ends | set(row["regions"]), reports=reports)

