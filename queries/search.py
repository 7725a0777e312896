"""Search entities by name, alias or substring; an entity's profile."""

from __future__ import annotations

from collections import Counter

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import LEVEL_LABELS_ZH, check_entity_type
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.common import entity_public, entity_ref, sort_facts

MAX_LIMIT = 500


def search(store: GraphStore, q: str | None = None, *, type: str | None = None, level: str | None = None,
           limit: int = 50, offset: int = 0) -> dict:
    """Entities whose name or an alias equals or contains `q`, in the store's rank order.

    Returns ``{"data": [entity], "count": total}``; `limit` is at most 500.
    """
    if type is not None:
        check_entity_type(type)
    if level is not None and level not in LEVEL_LABELS_ZH:
        raise InvalidInput(f"unknown level {level!r}; expected one of {', '.join(LEVEL_LABELS_ZH)}")
    if not 0 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 0 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise InvalidInput(f"offset must not be negative, got {offset}")
    found, total = store.search_entities(q or None, [type] if type else None, level, limit, offset)
    return {"data": [entity_public(e) for e in found], "count": total}


def profile(store: GraphStore, key: str) -> dict:
    """One entity with what is known about it: facts by type and direction, years, reports,
    neighbours, mentions, and for regions their place in the hierarchy."""
    entity = store.get_entity(key)
    facts = sort_facts(store.facts([key], None, "both"))
    by_type: Counter = Counter()
    neighbours: Counter = Counter()
    for f in facts:
        direction = "out" if f.source == key else "in"
        by_type[f"{f.type}:{direction}"] += 1
        neighbours[f.target if direction == "out" else f.source] += 1
    years = sorted({f.year for f in facts if f.year is not None})
    top = sorted(neighbours.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    entities = store.get_entities([k for k, _ in top])
    answer = {
        "entity": entity_public(entity),
        "facts": len(facts),
        "facts_by_type": [{"type": k.split(":")[0], "direction": k.split(":")[1], "count": n}
                          for k, n in sorted(by_type.items())],
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "years": years,
        "reports": sorted({f.report for f in facts} | set(entity.reports)),
        "mentions": len(store.mentions([key])),
        "neighbours": [{**entity_ref(k, entities), "facts": n} for k, n in top],
        "parents": [],
        "children": [],
    }
    if entity.type == "Region":
        up = store.region_hierarchy(key, "up")
        parents = store.get_entities(up)
        answer["parents"] = [entity_ref(k, parents) for k in up]
        answer["children"] = store.region_hierarchy(key, "down")
    return answer
