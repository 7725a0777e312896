"""What each page shows, gathered from a `GraphStore` (no HTML here: templates render it)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import ENTITY_TYPES, LEVELS, Fact, Subgraph
from pilotgraph.graph.store import GraphStore, fact_sort_key
from pilotgraph.viz.graph_view import DEFAULT_MAX_NODES, HARD_MAX_NODES, TYPE_STYLE, build_lineage_view, build_view
from pilotgraph.viz.render import entity_url


#: most observed programmes per store, remembered while the store's fact count stays the same
_TOP_PROGRAMMES: dict[int, tuple[int, list]] = {}
#: reports listed on the home page (the latest first)
HOME_REPORTS = 20


def top_programmes(store: GraphStore, n: int = 12, counts: dict | None = None) -> list[tuple]:
    """The pilots, initiatives and platforms with the most observations, with their counts."""
    from pilotgraph.graph.model import FACT_TYPES

    relationships = (counts or store.counts())["relationships"]
    version = sum(relationships.get(t, 0) for t in FACT_TYPES)
    cached = _TOP_PROGRAMMES.get(id(store))
    if cached and cached[0] == version:
        return cached[1][:n]
    seen: Counter = Counter()
    for fact in store.facts():
        seen[fact.source] += 1
        seen[fact.target] += 1
    top_keys = [k for k, _ in seen.most_common(400)]
    ents = store.get_entities(top_keys)
    top = [(ents[k], seen[k]) for k in top_keys if k in ents and ents[k].type in PROGRAMME_TYPES][:50]
    _TOP_PROGRAMMES[id(store)] = (version, top)
    return top[:n]


def _latest_first(report) -> tuple:
    years = [int(p.split(":", 1)[0]) for p in report.periods if str(p).split(":", 1)[0].isdigit()]
    return (-max(years, default=0), report.key)


def home(store: GraphStore, q: str | None = None, type_: str | None = None, limit: int = 50) -> dict:
    """Search results (when asked) and corpus statistics."""
    from pilotgraph.graph.model import FACT_TYPES

    if type_ is not None and type_ not in ENTITY_TYPES:
        raise InvalidInput(f"unknown entity type {type_!r}; expected one of {', '.join(ENTITY_TYPES)}")
    results, total = [], 0
    if q or type_:
        results, total = store.search_entities(q or None, types=[type_] if type_ else None, limit=limit)
    counts = store.counts()
    nodes = counts.get("nodes", {})
    rels = counts.get("relationships", {})
    by_type = [(t, nodes.get(t, 0)) for t in ENTITY_TYPES if nodes.get(t, 0)]
    reports = sorted(store.reports(), key=_latest_first)
    return {
        "q": q, "type": type_, "results": results, "total": total, "entity_types": ENTITY_TYPES,
        "n_reports": len(reports), "n_entities": nodes.get("Entity", sum(n for _, n in by_type)),
        "n_facts": sum(rels.get(t, 0) for t in FACT_TYPES), "by_type": by_type,
        "reports": reports[:HOME_REPORTS], "top_entities": top_programmes(store, counts=counts),
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


def _lineage_subgraph(store: GraphStore, answer: dict) -> Subgraph:
    """The lineage answer (Marquez-shaped nodes with in/out edges) back as entities and facts."""
    nodes = store.get_entities([n["key"] for n in answer["nodes"]])
    facts: dict[str, Fact] = {}
    for node in answer["nodes"]:
        for edge in node["out_edges"]:
            for obs in edge["observations"]:
                ev = obs["evidence"]
                facts[obs["fact_id"]] = Fact(obs["fact_id"], edge["type"], edge["origin"], edge["destination"],
                                             obs["year"], obs["status"], ev["report"], ev["sentence"],
                                             ev.get("start"), ev.get("end"), ev.get("text"), ev.get("section"))
    return Subgraph(nodes=nodes, facts=sorted(facts.values(), key=fact_sort_key))


def mention_facts(timeline_answer: dict, key: str) -> list[Fact]:
    """The timeline's MENTIONED observations of `key` as pseudo-facts the lineage view can place."""
    out = []
    for obs in timeline_answer["data"]:
        if obs["type"] != "MENTIONED" or obs["subject"] != key:
            continue
        ev = obs["evidence"]
        out.append(Fact(f"mention:{ev['sentence']}", "MENTIONED", key, key, obs["year"], obs["status"],
                        ev["report"], ev["sentence"], ev.get("start"), ev.get("end"), ev.get("text"),
                        ev.get("section")))
    return out


def lineage_view(store: GraphStore, key: str, *, direction: str = "both", depth: int = 2,
                 year_from: int | None = None, year_to: int | None = None, max_nodes: int = DEFAULT_MAX_NODES,
                 titles: dict[str, str] | None = None):
    """The lineage answer, the timeline and the level-by-year view drawn from them."""
    from pilotgraph.queries.lineage import lineage as lineage_query
    from pilotgraph.queries.timeline import timeline

    answer = lineage_query(store, key, direction=direction, depth=depth, year_from=year_from, year_to=year_to)
    events = timeline(store, key, year_from=year_from, year_to=year_to)
    view = build_lineage_view(_lineage_subgraph(store, answer), key, report_levels=report_levels(store),
                              report_titles=titles if titles is not None else report_titles(store),
                              max_nodes=max_nodes, mentions=mention_facts(events, key))
    return answer, events, view


def lineage(store: GraphStore, key: str, *, direction: str = "both", depth: int = 2,
            year_from: int | None = None, year_to: int | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """A programme's lineage drawn by administrative level and year, with its observations."""
    from pilotgraph.queries.spread import spread

    ent = store.get_entity(key)
    titles = report_titles(store)
    answer, events, view = lineage_view(store, key, direction=direction, depth=depth, year_from=year_from,
                                        year_to=year_to, max_nodes=max_nodes, titles=titles)
    observations = [n for n in view.nodes if n.get("observation") and n.get("entity") == key]
    return {
        "entity": ent, "answer": answer, "view": view.to_payload(), "depth": depth, "max_depth": MAX_DEPTH,
        "direction": direction, "observations": observations, "report_titles": titles,
        "timeline": events["data"], "spread": spread(store, key) if ent.type in PROGRAMME_TYPES else None,
        "year_from": year_from, "year_to": year_to,
    }


#: programmes listed on a region page; the sort decides which come first
REGION_ROWS = 200
#: programmes the region graph starts from
REGION_GRAPH_SEEDS = 60


def region(store: GraphStore, code: str, *, sort: str = "year", max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """What a region (and its sub-regions) originated, how far each went, drawn as a graph."""
    from pilotgraph.queries.originated import originated
    from pilotgraph.viz.region_graph import region_subgraph

    answer = originated(store, code, sort=sort)
    key = answer["region"]["key"]
    # the graph starts from the first programmes in the chosen order; the table lists more
    programmes = [d["entity"]["key"] for d in answer["data"]][:REGION_GRAPH_SEEDS]
    titles = report_titles(store)
    sub = region_subgraph(store, answer, programmes, max_nodes=HARD_MAX_NODES)
    view = build_view(sub, [key, *programmes[:20]], max_nodes=max_nodes, report_titles=titles)
    rows = []
    for d in answer["data"]:
        rank = LEVELS.index(d["highest_level"]) + 1 if d["highest_level"] in LEVELS else 0
        rows.append({**d, "reach": rank})
    return {"region": answer["region"], "answer": answer, "rows": rows[:REGION_ROWS], "total_rows": len(rows),
            "view": view.to_payload(), "sort": sort, "levels": LEVELS, "report_titles": titles}


def edge_evidence(store: GraphStore, source: str, target: str, type_: str, limit: int = 50) -> dict:
    """The observations behind one drawn edge (source -type-> target), for views that load it lazily."""
    from pilotgraph.graph.model import check_fact_type
    from pilotgraph.viz.graph_view import evidence_of

    check_fact_type(type_)
    store.get_entity(source)
    facts = [f for f in store.facts([source], [type_], "out") if f.target == target]
    titles = report_titles(store)
    return {"data": [evidence_of(f, titles) for f in facts[:limit]], "count": len(facts)}
