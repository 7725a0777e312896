"""Counts of the graph: nodes and relationships, entities by type and level, facts by year."""

from __future__ import annotations

from collections import Counter

from pilotgraph.graph.model import ENTITY_TYPES, LEVEL_LABELS_ZH
from pilotgraph.graph.store import GraphStore


def stats(store: GraphStore) -> dict:
    """``{"store", "nodes", "relationships", "entities_by_type", "entities_by_level",
    "facts_by_year", "facts_by_status"}``; every entity type and level is present (zeros included)."""
    counts = store.counts()
    by_type = {t: store.search_entities(None, [t], None, 0, 0)[1] for t in ENTITY_TYPES}
    by_level = {lv: store.search_entities(None, None, lv, 0, 0)[1] for lv in LEVEL_LABELS_ZH}
    years: Counter = Counter()
    statuses: Counter = Counter()
    for fact in store.facts(None):
        years[(fact.year, fact.type)] += 1
        statuses[fact.status] += 1
    by_year: dict[str, dict[str, int]] = {}
    for (year, type_), n in sorted(years.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, kv[0][1])):
        by_year.setdefault("unknown" if year is None else str(year), {})[type_] = n
    return {
        "store": store.kind,
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "entities_by_type": by_type,
        "entities_by_level": by_level,
        "facts_by_year": by_year,
        "facts_by_status": dict(sorted(statuses.items())),
    }
