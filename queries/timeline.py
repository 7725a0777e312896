"""Timeline of a programme: every dated observation touching it, following SUCCEEDS links.

Aliases are already one entity (the loaders resolve 3C免办 and CCC免办 to one key), so following
aliases means reading the entity's own facts; SUCCEEDS links join the earlier and later stages
of one programme (进口产品CCC免办 → CCC免办服务新模式) into one timeline.
"""

from __future__ import annotations

from collections.abc import Sequence

from pilotgraph.graph.model import STATUSES, check_fact_type
from pilotgraph.graph.store import GraphStore, in_window
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


def _observation_order(o: dict) -> tuple:
    ev = o["evidence"]
    return (o["year"] is not None, o["year"] or 0, ev["report"], ev["start"] or 0, o["type"], o["fact_id"] or "")


def _mention_observations(store: GraphStore, keys: list[str], covered: set[tuple[str, str]], status: str | None,
                          year_from: int | None, year_to: int | None) -> list[dict]:
    """Dated mentions of the stages in sentences that carry no fact about them, one per sentence."""
    mentions = [m for m in store.mentions(keys) if (m.entity, m.sentence) not in covered]
    sentences = store.sentences(sorted({m.sentence for m in mentions}))
    seen: set[tuple[str, str]] = set()
    out = []
    for m in mentions:
        sentence = sentences.get(m.sentence)
        if sentence is None or (m.entity, m.sentence) in seen:
            continue
        if not in_window(sentence.year, year_from, year_to) or (status and sentence.status != status):
            continue
        seen.add((m.entity, m.sentence))
        out.append({
            "fact_id": None, "year": sentence.year, "status": sentence.status or "achieved", "type": "MENTIONED",
            "direction": "in", "subject": m.entity, "other": None,
            "evidence": {"report": sentence.report, "sentence": sentence.key, "section": sentence.section,
                         "text": sentence.text, "start": sentence.start, "end": sentence.end,
                         "mention": {"text": m.text, "start": m.start, "end": m.end}},
        })
    return out


def timeline(store: GraphStore, key: str, *, follow_succeeds: bool = True,
             types: Sequence[str] | None = None, status: str | None = None,
             year_from: int | None = None, year_to: int | None = None, include_mentions: bool = True,
             limit: int | None = None, offset: int = 0) -> dict:
    """Every observation of `key` (and of its SUCCEEDS stages), ordered by year.

    Observations are the facts touching the stages and, with `include_mentions`, the dated
    sentences that mention a stage without stating a fact about it (type ``MENTIONED``): a plan
    that only names 3C免办 is still a step of its timeline.

    Returns ``{"entity", "stages", "data", "count"}``: `stages` are the programmes joined into
    the timeline (each with its first and last year); each item of `data` is an observation
    with ``year, status, type, direction, subject, other, evidence``; `count` is the number of
    observations before `limit`/`offset`. Unknown keys raise NotFound.
    """
    root = store.get_entity(key)
    for t in types or ():
        check_fact_type(t)
    if offset < 0 or (limit is not None and limit < 0):
        raise InvalidInput("limit and offset must not be negative")
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
    stage_keys = succession(store, key) if follow_succeeds else [key]
    facts = sort_facts(store.facts(stage_keys, types, "both", year_from, year_to, status))
    stage_set = set(stage_keys)
    others = {f.target if f.source in stage_set else f.source for f in facts}
    entities = store.get_entities(sorted(stage_set | others))

    data = []
    by_stage: dict[str, list] = {k: [] for k in stage_keys}
    covered: set[tuple[str, str]] = set()
    for fact in facts:
        subject = fact.source if fact.source in stage_set else fact.target
        data.append(observation(fact, subject, entities))
        by_stage[subject].append(fact)
        covered.add((subject, fact.sentence))
        if fact.target in stage_set and fact.target != subject:
            by_stage[fact.target].append(fact)
            covered.add((fact.target, fact.sentence))
    if include_mentions and not types:
        data.extend(_mention_observations(store, stage_keys, covered, status, year_from, year_to))
        data.sort(key=_observation_order)
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
    page = data[offset:offset + limit] if limit is not None else data[offset:]
    return {"entity": entity_public(root), "stages": stages, "data": page, "count": len(data)}
