"""Recognitions (荣誉, 案例): who received which award, at which level, in which year."""

from __future__ import annotations

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import LEVEL_LABELS_ZH
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.common import RegionResolver, entity_ref, fact_public, normalize_region, sort_facts


def recognitions(store: GraphStore, *, level: str | None = None, year: int | None = None,
                 region: str | None = None, limit: int | None = None, offset: int = 0) -> dict:
    """Every RECOGNIZED_AS observation, filtered by the award's level, the year and the region.

    `region` (code or key) keeps recipients attributed to it or to one of its sub-regions.
    Returns ``{"data", "count"}`` in the store's fact order; `count` is before paging.
    """
    if level is not None and level not in LEVEL_LABELS_ZH:
        raise InvalidInput(f"unknown level {level!r}; expected one of {', '.join(LEVEL_LABELS_ZH)}")
    if offset < 0 or (limit is not None and limit < 0):
        raise InvalidInput("limit and offset must not be negative")
    facts = sort_facts(store.facts(None, ["RECOGNIZED_AS"], "both", year, year))
    entities = store.get_entities(sorted({f.source for f in facts} | {f.target for f in facts}))
    if level is not None:
        facts = [f for f in facts if f.target in entities and entities[f.target].level == level]
    region_keys: set[str] | None = None
    if region is not None:
        key = normalize_region(region)
        store.get_entity(key)
        region_keys = {key, *store.region_hierarchy(key, "down")}
        attributed = RegionResolver(store).actor_regions(facts, entities)
        facts = [f for f in facts if attributed.get(f.fact_id) in region_keys]
        regions = store.get_entities(sorted({r for r in attributed.values() if r}))
    else:
        attributed, regions = {}, {}
    total = len(facts)
    page = facts[offset:offset + limit] if limit is not None else facts[offset:]
    data = [{
        "recipient": entity_ref(f.source, entities),
        "award": entity_ref(f.target, entities),
        "level": entities[f.target].level if f.target in entities else None,
        "year": f.year,
        "status": f.status,
        "region": entity_ref(attributed[f.fact_id], regions) if attributed.get(f.fact_id) else None,
        "evidence": fact_public(f)["evidence"],
        "fact_id": f.fact_id,
    } for f in page]
    return {"data": data, "count": total}
