"""Region-year adoption panels for event-history analysis, and plans against outcomes.

The panel has one row per (programme, region, year) over the years the graph covers, for the
regions of the risk set (all regions, or those of one level). ``adopted`` is 1 from the first
year of adoption on; ``event`` is 1 only in that year, which is what a discrete-time
event-history model needs (drop rows after the event to keep the risk set).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import LEVEL_LABELS_ZH, Fact
from pilotgraph.graph.store import GraphStore, fact_sort_key
from pilotgraph.queries.common import (
    ADOPTION_TYPES, RegionResolver, entity_ref, fact_public, normalize_region, sort_facts,
)

PANEL_COLUMNS = ("programme", "programme_name", "region", "region_name", "region_level", "year",
                 "adopted", "event", "first_year")
PROGRAMME_TYPES = ("Pilot", "Initiative", "Platform")


def region_year_panel(store: GraphStore, programmes: Sequence[str] | None = None, *,
                      level: str | None = None, year_from: int | None = None,
                      year_to: int | None = None) -> list[dict]:
    """Rows of the region × year adoption panel (see the module docstring).

    `programmes` are entity keys (default: every pilot, initiative and platform with an
    adoption); `level` narrows the regions; the years default to the span of the facts.
    """
    if level is not None and level not in LEVEL_LABELS_ZH:
        raise InvalidInput(f"unknown level {level!r}; expected one of {', '.join(LEVEL_LABELS_ZH)}")
    if programmes:
        found = store.get_entities(list(programmes))
        missing = [p for p in programmes if p not in found]
        if missing:
            raise store.entity_not_found(missing[0])
        facts = store.facts(list(programmes), list(ADOPTION_TYPES), "in")
    else:
        facts = store.facts(None, list(ADOPTION_TYPES), "both")
    facts = sort_facts(facts)
    keys = sorted({f.source for f in facts} | {f.target for f in facts} | set(programmes or ()))
    entities = store.get_entities(keys)
    if not programmes:
        programmes = sorted({f.target for f in facts
                             if f.target in entities and entities[f.target].type in PROGRAMME_TYPES})
    prog_set = set(programmes)
    facts = [f for f in facts if f.target in prog_set]
    attributed = RegionResolver(store).actor_regions(facts, entities)

    first: dict[tuple[str, str], int] = {}
    for f in facts:
        region = attributed.get(f.fact_id)
        if region and f.year is not None:
            k = (f.target, region)
            first[k] = min(first.get(k, f.year), f.year)
    regions_page, _ = store.search_entities(None, ["Region"], level, None, 0)
    regions = sorted(regions_page, key=lambda e: e.key)
    region_by_key = {r.key: r for r in regions}
    years_all = [f.year for f in store.facts(None) if f.year is not None] if year_from is None or \
        year_to is None else []
    lo = year_from if year_from is not None else (min(years_all) if years_all else None)
    hi = year_to if year_to is not None else (max(years_all) if years_all else None)
    if lo is None or hi is None:
        return []
    rows = []
    for p in programmes:
        pname = entities[p].name if p in entities else p
        for r in regions:
            fy = first.get((p, r.key))
            for year in range(lo, hi + 1):
                rows.append({
                    "programme": p, "programme_name": pname, "region": r.key,
                    "region_name": region_by_key[r.key].name, "region_level": r.level or "",
                    "year": year, "adopted": int(fy is not None and year >= fy),
                    "event": int(fy is not None and year == fy), "first_year": fy if fy is not None else "",
                })
    return rows


def panel_csv(rows: list[dict]) -> str:
    """The panel as CSV text with a header row (UTF-8 when written; Chinese names kept)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PANEL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def plan_vs_outcome(store: GraphStore, keys: Sequence[str] | None = None, *, year: int | None = None,
                    region: str | None = None) -> dict:
    """Facts planned in year N beside what reports of later (or the same) years say was achieved.

    An outcome matches a plan when it is an achieved fact from another report, in year ≥ N, with the
    same type, target and source (``exact``), or, when the target is not a region (a programme
    someone else ended up running), the same type and target (``same_target``).
    Returns ``{"data": [{"plan", "outcome", "match"}], "count", "achieved", "not_reported"}``.
    """
    planned = store.facts(list(keys) if keys else None, None, "both", year, year, "planned")
    if region is not None:
        rkey = normalize_region(region)
        store.get_entity(rkey)
        region_keys = {rkey, *store.region_hierarchy(rkey, "down")}
        resolver = RegionResolver(store)
        planned = [f for f in planned if resolver.report_region(f.report) in region_keys]
    planned = sort_facts(planned)
    targets = sorted({f.target for f in planned})
    achieved = sort_facts(store.facts(targets, None, "in", status="achieved")) if targets else []
    by_target: dict[tuple[str, str], list[Fact]] = {}
    for f in achieved:
        by_target.setdefault((f.type, f.target), []).append(f)
    entities = store.get_entities(sorted({f.source for f in planned} | set(targets)))
    data = []
    for plan in planned:
        later = [f for f in by_target.get((plan.type, plan.target), [])
                 if f.report != plan.report and f.year is not None
                 and (plan.year is None or f.year >= plan.year)]
        exact = [f for f in later if f.source == plan.source]
        # another actor achieving it counts only when the target is the programme, not a place
        target = entities.get(plan.target)
        if target is None or target.type == "Region":
            later = exact
        chosen = min(exact or later, key=fact_sort_key) if (exact or later) else None
        data.append({
            "plan": {**fact_public(plan), "source_ref": entity_ref(plan.source, entities),
                     "target_ref": entity_ref(plan.target, entities)},
            "outcome": fact_public(chosen) if chosen else None,
            "match": "exact" if exact else "same_target" if later else None,
        })
    achieved_n = sum(1 for d in data if d["outcome"])
    return {"data": data, "count": len(data), "achieved": achieved_n, "not_reported": len(data) - achieved_n}
