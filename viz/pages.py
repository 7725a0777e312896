"""What each page shows, gathered from a `GraphStore` (no HTML here: templates render it)."""

from __future__ import annotations

from collections import Counter

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import ENTITY_TYPES
from pilotgraph.graph.store import GraphStore


def home(store: GraphStore, q: str | None = None, type_: str | None = None, limit: int = 50) -> dict:
    """Search results (when asked) and corpus statistics."""
    if type_ is not None and type_ not in ENTITY_TYPES:
        raise InvalidInput(f"unknown entity type {type_!r}; expected one of {', '.join(ENTITY_TYPES)}")
    results, total = [], 0
    if q or type_:
        results, total = store.search_entities(q or None, types=[type_] if type_ else None, limit=limit)
    counts = store.counts()
    nodes = counts.get("nodes", {})
    rels = counts.get("relationships", {})
    from pilotgraph.graph.model import FACT_TYPES

    by_type = [(t, nodes.get(t, 0)) for t in ENTITY_TYPES if nodes.get(t, 0)]
    facts = store.facts()
    seen = Counter()
    for f in facts:
        seen[f.source] += 1
        seen[f.target] += 1
    top_keys = [k for k, _ in seen.most_common(40)]
    ents = store.get_entities(top_keys)
    top = [(ents[k], seen[k]) for k in top_keys
           if k in ents and ents[k].type in ("Pilot", "Initiative", "Platform")][:12]
    return {
        "q": q, "type": type_, "results": results, "total": total, "entity_types": ENTITY_TYPES,
        "n_reports": nodes.get("Report", 0), "n_entities": nodes.get("Entity", sum(n for _, n in by_type)),
        "n_facts": sum(rels.get(t, 0) for t in FACT_TYPES), "by_type": by_type,
        "reports": store.reports(), "top_entities": top,
    }
