"""What each page shows, gathered from a `GraphStore` (no HTML here: templates render it)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import ENTITY_TYPES
from pilotgraph.graph.store import GraphStore
from pilotgraph.viz.graph_view import DEFAULT_MAX_NODES, HARD_MAX_NODES, TYPE_STYLE, build_lineage_view, build_view
from pilotgraph.viz.render import entity_url


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


def report_titles(store: GraphStore) -> dict[str, str]:
    return {r.key: r.title or r.key for r in store.reports()}


def report_levels(store: GraphStore) -> dict[str, str]:
    return {r.key: r.level for r in store.reports() if r.level}


PROGRAMME_TYPES = ("Pilot", "Initiative", "Platform")
MAX_DEPTH = 3


def entity(store: GraphStore, key: str, *, depth: int = 1, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """Profile, timeline and the neighbourhood graph of one entity."""
    from pilotgraph.queries.search import profile
    from pilotgraph.queries.spread import spread
    from pilotgraph.queries.timeline import timeline

    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    if not 1 <= max_nodes <= HARD_MAX_NODES:
        raise InvalidInput(f"max_nodes must be between 1 and {HARD_MAX_NODES}, got {max_nodes}")
    info = profile(store, key)
    ent = store.get_entity(key)
    titles = report_titles(store)
    sub = store.expand([key], depth=depth, max_nodes=HARD_MAX_NODES)
    view = build_view(sub, [key], max_nodes=max_nodes, report_titles=titles)
    spread_info = spread(store, key) if ent.type in PROGRAMME_TYPES else None
    more = None
    if view.aggregated:
        more = f"{entity_url(key)}?depth={depth}&max_nodes={min(max_nodes * 4, HARD_MAX_NODES)}"
    return {
        "entity": ent, "profile": info, "timeline": timeline(store, key)["data"], "spread": spread_info,
        "view": view.to_payload(), "depth": depth, "max_depth": MAX_DEPTH, "report_titles": titles,
        "color": TYPE_STYLE.get(ent.type, ("#607d8b", ""))[0],
        "export_url": "/api/v1/export?" + urlencode({"format": "graphml", "keys": key, "depth": depth}),
        "more_url": more,
    }
