"""Graph export: GraphML and GEXF (Gephi) through networkx's writers, and JSON nodes/edges.

The whole graph, or the neighbourhood of some keys (`keys` with `depth`). Attributes are kept
to scalars (lists joined with "|") because GraphML and GEXF allow nothing else.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

import networkx as nx

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import Entity, Subgraph
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.common import entity_public, fact_public, sort_facts

FORMATS = ("graphml", "gexf", "json")
MEDIA_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
               "json": "application/json", "panel-csv": "text/csv"}


def subgraph(store: GraphStore, keys: Sequence[str] | None = None, depth: int = 1) -> Subgraph:
    """The neighbourhood of `keys` (k-hop over facts), or the whole graph when no keys are given."""
    if keys:
        for k in keys:
            store.get_entity(k)
        return store.expand(list(keys), depth=depth)
    entities, _ = store.search_entities(None, None, None, None, 0)
    facts = sort_facts(store.facts(None))
    return Subgraph(nodes={e.key: e for e in sorted(entities, key=lambda e: e.key)}, facts=facts)


def _scalar(value):
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    return value


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by entity key; each fact is one edge keyed by its fact_id."""
    graph = nx.MultiDiGraph()
    for key in sorted(sub.nodes):
        entity: Entity = sub.nodes[key]
        attrs = {k: _scalar(v) for k, v in entity.to_dict().items() if v is not None and k != "key"}
        attrs["label"] = entity.name
        graph.add_node(key, **attrs)
    for fact in sub.facts:
        for end in (fact.source, fact.target):
            if end not in graph:
                graph.add_node(end, label=end)
        attrs = {k: v for k, v in fact.to_dict().items()
                 if v is not None and k not in ("source", "target", "fact_id")}
        attrs["label"] = fact.type
        graph.add_edge(fact.source, fact.target, key=fact.fact_id, **attrs)
    return graph


def to_json(sub: Subgraph) -> dict:
    return {"nodes": [entity_public(sub.nodes[k]) for k in sorted(sub.nodes)],
            "edges": [fact_public(f) for f in sub.facts],
            "node_count": len(sub.nodes), "edge_count": len(sub.facts)}


def export_graph(store: GraphStore, fmt: str = "graphml", keys: Sequence[str] | None = None,
                 depth: int = 1) -> str:
    """The graph (or the neighbourhood of `keys`) as GraphML, GEXF or JSON text."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    sub = subgraph(store, keys, depth)
    if fmt == "json":
        return json.dumps(to_json(sub), ensure_ascii=False, indent=1)
    graph = to_networkx(sub)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buf, encoding="utf-8")
    else:
        nx.write_gexf(graph, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


__all__ = ["FORMATS", "MEDIA_TYPES", "export_graph", "subgraph", "to_json", "to_networkx"]
