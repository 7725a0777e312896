"""How far a programme spread: origin, each administrative level reached, adopters over time.

A level counts as reached by one of these kinds of evidence, earliest first:

* ``origin``: the region that ran it first sits at that level;
* ``designation``: the programme itself carries that level (国家试点 is national from the start);
* ``recognition``: it received an award or case selection of that level;
* ``promotion``: it was promoted to a region of that level (全省推广 → the province);
* ``adoption``: a region of that level (or one of its bodies) took it up.
"""

from __future__ import annotations

from pilotgraph.graph.model import FACT_TYPES, LEVEL_LABELS_ZH, LEVELS, Entity, Fact
from pilotgraph.graph.store import GraphStore, fact_sort_key
from pilotgraph.queries.common import (
    ADOPTION_TYPES, RegionResolver, entity_public, entity_ref, fact_public, first_dated, level_rank,
    sort_facts,
)
from pilotgraph.queries.timeline import succession

#: among evidence of the same year, the more specific kind wins
KIND_ORDER = ("origin", "designation", "recognition", "promotion", "adoption")


def _candidate_key(c: dict) -> tuple:
    fact = c["fact"]
    return (c["year"] is None, c["year"] or 0, KIND_ORDER.index(c["kind"]),
            fact_sort_key(fact) if fact is not None else ())


def level_evidence(store: GraphStore, keys: list[str], facts: list[Fact], entities: dict[str, Entity],
                   resolver: RegionResolver) -> tuple[dict | None, list[dict], dict[str, str | None]]:
    """Origin, the candidate evidence of each level, and the actor region of each adoption fact.

    Shared by `spread` and `originated` so both report the same highest level. Regions it had to
    look up are added to `entities`.
    """
    key_set = set(keys)
    runs = [f for f in facts if f.type == "RUNS" and f.target in key_set]
    adoptions = [f for f in facts if f.type in ADOPTION_TYPES and f.target in key_set]
    actor_region = resolver.actor_regions(adoptions, entities)
    missing = sorted({r for r in actor_region.values() if r} - set(entities))
    if missing:
        entities.update(store.get_entities(missing))  # the caller sees them too

    origin = None
    first = first_dated(runs) or (runs[0] if runs else None)
    if first is not None:
        region = actor_region.get(first.fact_id)
        origin = {"year": first.year, "actor": entity_ref(first.source, entities),
                  "region": entity_ref(region, entities) if region else None,
                  "level": entities[region].level if region in entities else None,
                  "evidence": fact_public(first)}
    else:
        located = [f for f in facts if f.type == "LOCATED_IN" and f.source in key_set]
        dated = first_dated(facts)
        if located or dated:
            region = located[0].target if located else None
            origin = {"year": dated.year if dated else None, "actor": None,
                      "region": entity_ref(region, entities) if region else None,
                      "level": entities[region].level if region in entities else None,
                      "evidence": fact_public(located[0] if located else dated)}

    candidates: list[dict] = []
    if origin is not None and origin["level"] in LEVELS:
        candidates.append({"level": origin["level"], "year": origin["year"], "kind": "origin",
                           "fact": first, "via": origin["region"]})
    for k in keys:
        entity = entities.get(k)
        if entity is not None and entity.level in LEVELS:
            own = [f for f in runs if f.target == k]
            when = first_dated(own) or (own[0] if own else None)
            candidates.append({"level": entity.level, "year": when.year if when else None,
                               "kind": "designation", "fact": when, "via": entity_ref(k, entities)})
    for fact in facts:
        if fact.source in key_set and fact.type in ("RECOGNIZED_AS", "PROMOTED_TO"):
            target = entities.get(fact.target)
            if target is not None and target.level in LEVELS:
                kind = "recognition" if fact.type == "RECOGNIZED_AS" else "promotion"
                candidates.append({"level": target.level, "year": fact.year, "kind": kind, "fact": fact,
                                   "via": entity_ref(fact.target, entities)})
        elif fact.fact_id in actor_region:
            region = actor_region[fact.fact_id]
            if region in entities and entities[region].level in LEVELS:
                candidates.append({"level": entities[region].level, "year": fact.year, "kind": "adoption",
                                   "fact": fact, "via": entity_ref(region, entities)})
    return origin, candidates, actor_region


def levels_reached(candidates: list[dict]) -> list[dict]:
    """For each level, lowest first: reached or not, first year, and the evidence that shows it."""
    out = []
    for level in LEVELS:
        mine = sorted((c for c in candidates if c["level"] == level), key=_candidate_key)
        best = mine[0] if mine else None
        out.append({
            "level": level,
            "label": LEVEL_LABELS_ZH[level],
            "reached": best is not None,
            "first_year": best["year"] if best else None,
            "kind": best["kind"] if best else None,
            "via": best["via"] if best else None,
            "evidence": fact_public(best["fact"]) if best and best["fact"] is not None else None,
        })
    return out


def highest_level(levels: list[dict]) -> dict | None:
    reached = [lv for lv in levels if lv["reached"]]
    return max(reached, key=lambda lv: level_rank(lv["level"])) if reached else None


def spread(store: GraphStore, key: str, *, follow_succeeds: bool = False) -> dict:
    """Origin, levels reached (district → city → province → national), adopters with first year.

    Returns ``{"entity", "origin", "levels", "highest_level", "highest_level_year",
    "years_between", "adopters", "adoption_curve"}``. Unknown keys raise NotFound.
    """
    keys = succession(store, key) if follow_succeeds else [key]
    # one read: the stages' facts, where their actors are located, the reports and regions behind them
    nb = store.neighbourhood(keys, 1, FACT_TYPES, FACT_TYPES, located=True)
    view = nb.view(store)
    facts = sort_facts(view.facts(keys, None, "both"))
    entities = view.get_entities(sorted(set(keys) | {f.source for f in facts} | {f.target for f in facts}))
    if key not in entities:
        raise store.entity_not_found(key)
    root = entities[key]
    resolver = RegionResolver(view, reports=nb.reports)
    origin, candidates, actor_region = level_evidence(view, keys, facts, entities, resolver)
    levels = levels_reached(candidates)
    top = highest_level(levels)

    reached = [lv for lv in levels if lv["reached"]]
    between = []
    for lower, upper in zip(reached, reached[1:]):
        years = (upper["first_year"] - lower["first_year"]
                 if upper["first_year"] is not None and lower["first_year"] is not None else None)
        between.append({"from": lower["level"], "to": upper["level"], "years": years})

    first_by_region: dict[str, Fact] = {}
    for fact in facts:  # already in store order, so the first seen is the earliest
        region = actor_region.get(fact.fact_id)
        if region and region not in first_by_region and fact.year is not None:
            first_by_region[region] = fact
    adopters = sorted(({"region": entity_ref(r, entities), "first_year": f.year, "type": f.type,
                        "evidence": fact_public(f)} for r, f in first_by_region.items()),
                      key=lambda a: (a["first_year"], a["region"]["key"]))
    curve: list[dict] = []
    for a in adopters:
        if curve and curve[-1]["year"] == a["first_year"]:
            curve[-1]["new"] += 1
            curve[-1]["cumulative"] += 1
        else:
            curve.append({"year": a["first_year"], "new": 1,
                          "cumulative": (curve[-1]["cumulative"] if curve else 0) + 1})
    return {
        "entity": entity_public(root),
        "stages": keys,
        "origin": origin,
        "levels": levels,
        "highest_level": top["level"] if top else None,
        "highest_level_year": top["first_year"] if top else None,
        "years_between": between,
        "adopters": adopters,
        "adoption_curve": curve,
    }
