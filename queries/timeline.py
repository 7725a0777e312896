"""Timeline of a programme: every dated observation touching it, following SUCCEEDS links.

Aliases are already one entity (the loaders resolve 3C免办 and CCC免办 to one key), so following
aliases means reading the entity's own facts; SUCCEEDS links join the earlier and later stages
of one programme (进口产品CCC免办 → CCC免办服务新模式) into one timeline.
"""

from __future__ import annotations

from collections.abc import Sequence

from pilotgraph.graph.model import STATUSES, check_fact_type
from pilotgraph.graph.store import GraphStore
from pilotgraph.errors import InvalidInput
from pilotgraph.queries.common import entity_public, first_dated, observation, sort_facts

#: longest SUCCEEDS chain followed; programmes rarely have more than a handful of stages
MAX_STAGES = 50


def succession(store: GraphStore, key: str, max_stages: int = MAX_STAGES) -> list[str]:
    """Keys of every stage joined to `key` by SUCCEEDS links (either way), `key` included, sorted."""
    seen = {key}
    frontier = [key]
    while frontier and len(seen) < max_stages:
        nxt: set[str] = set()
        for fact in store.facts(frontier, ["SUCCEEDS"], "both"):
            for end in (fact.source, fact.target):
                if end not in seen:
                    nxt.add(end)
        seen |= nxt
        frontier = sorted(nxt)
    return sorted(seen)


def timeline(store: GraphStore, key: str, *, follow_succeeds: bool = True,
             types: Sequence[str] | None = None, status: str | None = None,
             year_from: int | None = None, year_to: int | None = None) -> dict:
    """Every observation of `key` (and of its SUCCEEDS stages), ordered by year.

    Returns ``{"entity", "stages", "data", "count"}``: `stages` are the programmes joined into
    the timeline (each with its first and last year); each item of `data` is an observation
    with ``year, status, type, direction, subject, other, evidence``. Unknown keys raise NotFound.
    """
    root = store.get_entity(key)
    for t in types or ():
        check_fact_type(t)
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
    stage_keys = succession(store, key) if follow_succeeds else [key]
    facts = sort_facts(store.facts(stage_keys, types, "both", year_from, year_to, status))
    stage_set = set(stage_keys)
    others = {f.target if f.source in stage_set else f.source for f in facts}
    entities = store.get_entities(sorted(stage_set | others))

    data = []
    by_stage: dict[str, list] = {k: [] for k in stage_keys}
    for fact in facts:
        subject = fact.source if fact.source in stage_set else fact.target
        data.append(observation(fact, subject, entities))
        by_stage[subject].append(fact)
        if fact.target in stage_set and fact.target != subject:
            by_stage[fact.target].append(fact)
    stages = []
    for k in stage_keys:
        years = [f.year for f in by_stage[k] if f.year is not None]
        first = first_dated(by_stage[k])
        stages.append({
            **(entity_public(entities[k]) if k in entities else {"key": k}),
            "first_year": first.year if first else None,
            "last_year": max(years) if years else None,
            "observations": len(by_stage[k]),
        })
    stages.sort(key=lambda s: (s["first_year"] is None, s["first_year"] or 0, s["key"]))
    return {"entity": entity_public(root), "stages": stages, "data": data, "count": len(data)}
