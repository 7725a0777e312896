"""What a region originated (including its sub-regions) and how far each programme went.

A programme is originated by a region when the earliest RUNS observation of it is attributed to
that region or one of its sub-regions (GB/T 2260 hierarchy via `region_hierarchy`). Actors are
attributed to regions by `RegionResolver`: regions themselves, bodies LOCATED_IN a region, and
agencies speaking in a report of that region.
"""

from __future__ import annotations

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import Fact
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.common import (
    RegionResolver, entity_public, entity_ref, fact_public, level_rank, normalize_region,
    sort_facts,
)
from pilotgraph.queries.spread import highest_level, level_evidence, levels_reached

SORTS = ("year", "level", "name", "recognitions")
#: entity types that count as programmes a region can originate
PROGRAMME_TYPES = ("Pilot", "Initiative", "Platform")


def _candidates(store: GraphStore, regions: list[str]) -> set[str]:
    """Programmes some actor of `regions` ran (the origin check comes later)."""
    region_set = set(regions)
    found: set[str] = set()
    actors = set(regions)
    for fact in store.facts(regions, ["LOCATED_IN"], "in"):
        actors.add(fact.source)
    runs = store.facts(sorted(actors), ["RUNS"], "out")
    found |= {f.target for f in runs}
    # bodies attributed through the reports of these regions: those the reports support
    report_keys = {r.key for r in store.reports() if r.region in region_set}
    if report_keys:
        bodies, _ = store.search_entities(None, ["Agency", "Organization"], None, None, 0)
        speakers = sorted(e.key for e in bodies if report_keys.intersection(e.reports) and e.key not in actors)
        for fact in store.facts(speakers, ["RUNS"], "out") if speakers else []:
            if fact.report in report_keys:
                found.add(fact.target)
    return found


def originated(store: GraphStore, region: str, *, include_subregions: bool = True,
               sort: str = "year", descending: bool = False) -> dict:
    """Programmes first run in `region` (code or key), each with its highest level and recognitions.

    Returns ``{"region", "regions", "data", "count"}``; `data` items carry ``entity, first_year,
    origin_region, highest_level, highest_level_year, recognitions``. Sort by year, level, name or
    number of recognitions. Unknown regions raise NotFound.
    """
    if sort not in SORTS:
        raise InvalidInput(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
    key = normalize_region(region)
    root = store.get_entity(key)
    regions = [key] + (store.region_hierarchy(key, "down") if include_subregions else [])
    region_set = set(regions)
    resolver = RegionResolver(store)

    candidates = sorted(_candidates(store, regions))
    programmes = store.get_entities(candidates)
    candidates = [c for c in candidates if c in programmes and programmes[c].type in PROGRAMME_TYPES]
    all_facts = sort_facts(store.facts(candidates, None, "both")) if candidates else []
    by_key: dict[str, list[Fact]] = {c: [] for c in candidates}
    for fact in all_facts:
        if fact.source in by_key:
            by_key[fact.source].append(fact)
        if fact.target in by_key and fact.target != fact.source:
            by_key[fact.target].append(fact)
    ends = {f.source for f in all_facts} | {f.target for f in all_facts}
    entities = store.get_entities(sorted(ends | set(candidates) | region_set))

    data = []
    for c in candidates:
        facts = by_key[c]
        origin, evidence, _ = level_evidence(store, [c], facts, entities, resolver)
        if origin is None or origin["actor"] is None or origin["region"] is None:
            continue
        if origin["region"]["key"] not in region_set:
            continue
        levels = levels_reached(evidence)
        top = highest_level(levels)
        recognitions = [{"award": entity_ref(f.target, entities), "level": entities[f.target].level
                         if f.target in entities else None, "year": f.year, "evidence": fact_public(f)}
                        for f in facts if f.type == "RECOGNIZED_AS" and f.source == c]
        data.append({
            "entity": entity_public(entities[c]),
            "first_year": origin["year"],
            "origin_region": origin["region"],
            "origin_actor": origin["actor"],
            "highest_level": top["level"] if top else None,
            "highest_level_year": top["first_year"] if top else None,
            "levels": [lv["level"] for lv in levels if lv["reached"]],
            "recognitions": recognitions,
        })
    keys = {
        "year": lambda d: (d["first_year"] is None, d["first_year"] or 0, d["entity"]["key"]),
        "level": lambda d: (-level_rank(d["highest_level"]), d["highest_level_year"] or 0, d["entity"]["key"]),
        "name": lambda d: (d["entity"]["name"], d["entity"]["key"]),
        "recognitions": lambda d: (-len(d["recognitions"]), d["entity"]["key"]),
    }
    data.sort(key=keys[sort], reverse=descending)
    return {"region": entity_public(root), "regions": regions, "data": data, "count": len(data)}
