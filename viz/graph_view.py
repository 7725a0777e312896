"""Turn a `Subgraph` into what vis-network draws: styled nodes, evidence-carrying edges, options.

The nodes and edges are built with pyvis (`Network.add_node` / `add_edge`) and rendered by our own
template, never pyvis's (its template loads Bootstrap and vis from CDNs). Three layouts:

* ``force``: physics for a bounded number of iterations, then the page switches physics off;
* ``rings``: for big graphs, positions computed here (breadth-first rings around the focus,
  grouped by type) and physics off, so thousands of nodes are interactive at once;
* ``lineage``: fixed positions, administrative level as horizontal bands (national on top,
  district at the bottom) and year from left to right.

Facts between the same two entities with the same type become one edge carrying every
observation (year, status, report, sentence), which the page shows when the edge is clicked.

>>> from pilotgraph.graph.model import Entity, Fact, Subgraph
>>> sg = Subgraph(nodes={"pilot:a": Entity("pilot:a", "Pilot", "甲试点"), "region:1": Entity("region:1", "Region", "乙区")},
...               facts=[Fact("f1", "LOCATED_IN", "pilot:a", "region:1", 2021, "achieved", "r1", "r1#0", text="甲试点在乙区。")])
>>> view = build_view(sg, focus=["pilot:a"])
>>> [n["id"] for n in view.nodes], view.edges[0]["label"], view.edges[0]["evidence"][0]["year"]
(['pilot:a', 'region:1'], '位于', 2021)
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pyvis.network import Network

from pilotgraph.graph.model import (
    ENTITY_TYPE_LABELS_ZH, ENTITY_TYPES, FACT_TYPE_LABELS_ZH, FACT_TYPES, LEVEL_LABELS_ZH, LEVELS, Entity, Fact,
    Subgraph,
)
from pilotgraph.viz.render import entity_url

#: colour and shape of each entity type (shapes with the label outside, so names stay readable)
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Pilot": ("#c62828", "dot"),
    "Initiative": ("#ef6c00", "diamond"),
    "Platform": ("#6a1b9a", "triangle"),
    "Award": ("#f9a825", "star"),
    "Region": ("#1565c0", "square"),
    "Agency": ("#2e7d32", "hexagon"),
    "Organization": ("#00838f", "triangleDown"),
    "Document": ("#5d4037", "square"),
    "Event": ("#ad1457", "diamond"),
}
AGGREGATE_STYLE = ("#90a4ae", "ellipse")
OBSERVATION_STYLE = ("#c62828", "box")
#: colour of each relation type's edges
FACT_COLORS: dict[str, str] = {
    "RUNS": "#607d8b", "RECOGNIZED_AS": "#f9a825", "PROMOTED_TO": "#c62828", "ABSORBED_INTO": "#6a1b9a",
    "LOCATED_IN": "#90a4ae", "PARTICIPATES_IN": "#00838f", "SUCCEEDS": "#ef6c00",
    "ATTRIBUTED_TO": "#1565c0", "PART_OF": "#5c6bc0",
}
#: edges a view derives rather than reads as one fact: a mention, an actor attributed to a region by
#: the region of the report it speaks in, the administrative hierarchy (GB/T 2260)
DERIVED_EDGE_LABELS_ZH: dict[str, str] = {"MENTIONED": "提及", "ATTRIBUTED_TO": "归属", "PART_OF": "隶属"}
#: what a derived edge means, shown when it is hovered
DERIVED_EDGE_NOTES: dict[str, str] = {
    "ATTRIBUTED_TO": "据报告所属地区归属 attributed by the region of the reports it speaks in",
    "PART_OF": "行政区划 administrative division (GB/T 2260)",
}
#: Chinese label of every edge type a view draws
EDGE_LABELS_ZH: dict[str, str] = {**FACT_TYPE_LABELS_ZH, **DERIVED_EDGE_LABELS_ZH}
#: how the evidence panel names each type: derived edges say where they come from
EVIDENCE_LABELS_ZH: dict[str, str] = {**EDGE_LABELS_ZH, "ATTRIBUTED_TO": "归属（据报告所属地区）",
                                      "PART_OF": "隶属（行政区划）"}
#: derived edges that hold whatever the year (the year filter leaves them drawn)
TIMELESS_EDGE_TYPES = ("PART_OF",)
#: above this many nodes the force layout is replaced by computed positions with physics off
PHYSICS_NODE_LIMIT = 350
#: default cap on drawn nodes; the rest are aggregated by type
DEFAULT_MAX_NODES = 300
#: hard cap on drawn nodes whatever the request asks
HARD_MAX_NODES = 6000
#: lineage bands, top to bottom
BAND_ORDER: tuple[str, ...] = ("national", "province", "city", "district", "other")
BAND_HEIGHT = 200
YEAR_WIDTH = 300
#: offsets of the entities placed around an observation in one (year, level) cell
CELL_SLOTS: tuple[tuple[int, int], ...] = (
    (0, -76), (0, 76), (-105, -60), (105, -60), (-105, 60), (105, 60), (-120, 0), (120, 0))


@dataclass
class GraphView:
    """Everything the page script needs to draw and filter one graph."""

    nodes: list[dict]
    edges: list[dict]
    options: dict
    layout: str = "force"
    focus: list[str] = field(default_factory=list)
    #: nodes in the subgraph before aggregation
    total_nodes: int = 0
    aggregated: int = 0
    years: list[int] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    fact_types: list[str] = field(default_factory=list)
    bands: list[dict] = field(default_factory=list)
    columns: list[dict] = field(default_factory=list)

    def to_payload(self) -> dict:
        return {
            "nodes": self.nodes, "edges": self.edges, "options": self.options, "layout": self.layout,
            "focus": self.focus, "totalNodes": self.total_nodes, "aggregated": self.aggregated,
            "years": self.years, "types": [{"type": t, "label": ENTITY_TYPE_LABELS_ZH.get(t, t),
                                            "color": TYPE_STYLE.get(t, AGGREGATE_STYLE)[0],
                                            "shape": TYPE_STYLE.get(t, AGGREGATE_STYLE)[1]} for t in self.types],
            "factTypes": [{"type": t, "label": EDGE_LABELS_ZH.get(t, t), "color": FACT_COLORS.get(t, "#999")}
                          for t in self.fact_types],
            "bands": self.bands, "columns": self.columns,
        }


class _IdList(list):
    """pyvis keeps node ids in a list and scans it on every add: quadratic at thousands of nodes.

    This list answers `in` from a set, so `Network.add_node` / `add_edge` stay linear.
    """

    def __init__(self):
        super().__init__()
        self._members: set = set()

    def append(self, item) -> None:
        self._members.add(item)
        super().append(item)

    def __contains__(self, item) -> bool:
        return item in self._members


def _network() -> Network:
    # directed=True also skips pyvis's quadratic duplicate-edge scan (we merge edges ourselves)
    net = Network(directed=True, cdn_resources="local")
    net.node_ids = _IdList()
    return net


def _short(text: str, n: int = 16) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _tooltip(entity: Entity) -> str:
    lines = [entity.name, f"类型 type: {ENTITY_TYPE_LABELS_ZH.get(entity.type, entity.type)} {entity.type}"]
    if entity.aliases:
        lines.append("别名 aliases: " + "、".join(entity.aliases))
    if entity.level:
        lines.append(f"级别 level: {LEVEL_LABELS_ZH.get(entity.level, entity.level)} {entity.level}")
    if entity.code:
        lines.append(f"代码 code: {entity.code}")
    return "\n".join(lines)


def evidence_of(fact: Fact, report_titles: dict[str, str] | None = None) -> dict:
    return {
        "year": fact.year, "status": fact.status, "report": fact.report,
        "reportTitle": (report_titles or {}).get(fact.report, ""), "text": fact.text or "",
        "section": fact.section or "", "start": fact.start, "end": fact.end, "type": fact.type,
        "typeLabel": EVIDENCE_LABELS_ZH.get(fact.type, fact.type), "factId": fact.fact_id,
    }


def _merge_facts(facts: Iterable[Fact]) -> dict[tuple[str, str, str], list[Fact]]:
    merged: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        merged[(fact.source, fact.target, fact.type)].append(fact)
    return merged


def _node_style(entity: Entity, focus: bool) -> dict:
    """Focus nodes are styled one by one; the others by their type's group (set once in the options)."""
    color, shape = TYPE_STYLE.get(entity.type, AGGREGATE_STYLE)
    if not focus:
        return {"group": entity.type, "shape": shape}
    return {"color": color, "shape": shape, "size": 22, "borderWidth": 3, "font": {"size": 18, "bold": True}}


def _compact(nodes: list[dict], edges: list[dict]) -> None:
    """Drop what the options or the page script already supply: big views stay small to parse.

    Grouped nodes take colour and shape from their group, arrows come from the edge options,
    coordinates need no sub-pixel digits. (An entity node carries no URL: the page script derives
    `/view/entity/{key}` from its id; only observations and aggregates carry one.)
    """
    for n in nodes:
        if "group" in n:
            n.pop("shape", None)
        if "x" in n:
            n["x"], n["y"] = round(n["x"], 1), round(n["y"], 1)
    for e in edges:
        if e.get("arrows") == "to":
            del e["arrows"]
        for unset in ("label", "width"):
            if unset in e and e[unset] is None:
                del e[unset]


def _options(layout: str, n_nodes: int, edge_labels: bool) -> dict:
    font = {"face": "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif", "size": 14}
    options: dict = {
        "autoResize": True,
        "nodes": {"font": dict(font), "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"face": font["face"], "size": 11, "align": "middle", "strokeWidth": 3},
                  "smooth": False if layout != "force" or n_nodes > 120 else {"type": "continuous"},
                  "width": 1.2, "selectionWidth": 2.5},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
        "layout": {"improvedLayout": layout == "force" and n_nodes <= 100, "randomSeed": 7},
        "groups": {t: {"color": c, "shape": shape, "size": 14} for t, (c, shape) in TYPE_STYLE.items()},
    }
    if layout == "force":
        options["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 150, "springConstant": 0.03,
                          "damping": 0.3, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 150 if n_nodes <= 150 else 80,
                              "updateInterval": 50, "fit": True},
            "minVelocity": 1.0, "maxVelocity": 60,
        }
    else:
        options["physics"] = {"enabled": False}
        options["interaction"].update({"hideEdgesOnDrag": n_nodes > 1000, "hideEdgesOnZoom": n_nodes > 1000})
        if n_nodes > 1000:  # thousands of arrowheads cost more to draw than they tell at that scale
            options["edges"]["arrows"]["to"]["enabled"] = False
            options["edges"]["color"] = {"opacity": 0.3}
            options["edges"]["width"] = 0.6
    if not edge_labels:
        options["edges"]["font"]["size"] = 0
    return options


def _years(facts: Iterable[Fact]) -> list[int]:
    return sorted({f.year for f in facts if f.year is not None})


def _aggregate(subgraph: Subgraph, focus: Sequence[str], max_nodes: int) -> tuple[set[str], dict[str, str]]:
    """Keep the focus and the best connected nodes; map the rest to one aggregate per type."""
    degree: Counter = Counter()
    for fact in subgraph.facts:
        degree[fact.source] += 1
        degree[fact.target] += 1
    focus_set = {k for k in focus if k in subgraph.nodes}
    # nearness first (neighbours of the focus), then degree, then key for a stable answer
    near = {f.target for f in subgraph.facts if f.source in focus_set} | \
           {f.source for f in subgraph.facts if f.target in focus_set}
    ranked = sorted((k for k in subgraph.nodes if k not in focus_set),
                    key=lambda k: (k not in near, -degree[k], k))
    keep = focus_set | set(ranked[: max(max_nodes - len(focus_set), 0)])
    folded = {k: f"group:{subgraph.nodes[k].type}" for k in subgraph.nodes if k not in keep}
    return keep, folded


def _ring_positions(keys: Sequence[str], facts: Sequence[tuple[str, str]], focus: Sequence[str],
                    types: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Breadth-first rings around the focus; each ring sorted by type so types form sectors.

    Ring radii grow with the square root of the nodes inside them, so density stays even and
    thousands of nodes need no physics.
    """
    adj: dict[str, set[str]] = defaultdict(set)
    for a, b in facts:
        adj[a].add(b)
        adj[b].add(a)
    order = {t: i for i, t in enumerate((*ENTITY_TYPES, "group"))}
    remaining = set(keys)
    start = [k for k in focus if k in remaining] or sorted(remaining, key=lambda k: -len(adj[k]))[:1]
    rings: list[list[str]] = []
    frontier = sorted(start)
    remaining -= set(frontier)
    while frontier:
        rings.append(frontier)
        nxt = sorted({n for k in frontier for n in adj[k] if n in remaining})
        remaining -= set(nxt)
        frontier = nxt
        if not frontier and remaining:  # disconnected parts: next ring, best connected first
            frontier = sorted(remaining)
            remaining = set()
    positions: dict[str, tuple[float, float]] = {}
    spacing = 46.0
    placed = 0
    for i, ring in enumerate(rings):
        ring = sorted(ring, key=lambda k: (order.get(types.get(k, "group"), 99), k))
        if i == 0 and len(ring) == 1:
            positions[ring[0]] = (0.0, 0.0)
            placed = 1
            continue
        r_inner = spacing * math.sqrt(placed + 1) * 1.1
        # several concentric sub-rings when a ring is crowded
        capacity_per_circle = max(int(2 * math.pi * r_inner / spacing), 6)
        idx = 0
        radius = r_inner + spacing
        while idx < len(ring):
            cap = max(int(2 * math.pi * radius / spacing), capacity_per_circle)
            chunk = ring[idx: idx + cap]
            for j, key in enumerate(chunk):
                angle = 2 * math.pi * j / len(chunk) + i * 0.37
                positions[key] = (radius * math.cos(angle), radius * math.sin(angle))
            idx += cap
            radius += spacing
        placed += len(ring)
    return positions


def build_view(subgraph: Subgraph, focus: Sequence[str] = (), *, max_nodes: int = DEFAULT_MAX_NODES,
               report_titles: dict[str, str] | None = None, layout: str | None = None,
               edge_labels: bool | None = None, inline_evidence: bool | None = None) -> GraphView:
    """Styled nodes and evidence-carrying edges of a subgraph, aggregated above `max_nodes`.

    Big views (more than PHYSICS_NODE_LIMIT drawn nodes) leave the evidence out of the page and
    mark each edge `lazy`: the page asks `/view/evidence` for it when the edge is clicked, which
    keeps a 5,000-node page small enough to parse quickly.
    """
    max_nodes = max(1, min(max_nodes, HARD_MAX_NODES))
    focus = [k for k in focus if k in subgraph.nodes]
    total = len(subgraph.nodes)
    keep, folded = (set(subgraph.nodes), {}) if total <= max_nodes else _aggregate(subgraph, focus, max_nodes)
    drawn = len(keep) + len(set(folded.values()))
    if layout is None:
        layout = "force" if drawn <= PHYSICS_NODE_LIMIT else "rings"
    if edge_labels is None:
        edge_labels = drawn <= 400
    if inline_evidence is None:
        inline_evidence = drawn <= PHYSICS_NODE_LIMIT
    net = _network()
    focus_set = set(focus)
    node_years: dict[str, set[int]] = defaultdict(set)
    for fact in subgraph.facts:
        if fact.year is not None:
            node_years[fact.source].add(fact.year)
            node_years[fact.target].add(fact.year)
    for key in sorted(keep, key=lambda k: (k not in focus_set, k)):
        entity = subgraph.nodes[key]
        net.add_node(key, label=_short(entity.name), title=_tooltip(entity), type=entity.type,
                     name=entity.name, aliases=list(entity.aliases), level=entity.level or "",
                     years=sorted(node_years[key]), focus=key in focus_set,
                     **_node_style(entity, key in focus_set))
    group_counts = Counter(folded.values())
    for group, n in sorted(group_counts.items()):
        type_ = group.split(":", 1)[1]
        years = sorted({y for k, g in folded.items() if g == group for y in node_years[k]})
        net.add_node(group, label=f"{ENTITY_TYPE_LABELS_ZH.get(type_, type_)} ×{n}",
                     title=f"另有 {n} 个{ENTITY_TYPE_LABELS_ZH.get(type_, type_)}（{type_}）已聚合\n"
                           f"{n} more {type_} nodes aggregated; raise the node limit to draw them",
                     type=type_, name=f"{type_} ×{n}", aliases=[], level="", aggregate=n,
                     url=f"/?type={type_}", years=years, focus=False,
                     color=AGGREGATE_STYLE[0], shape=AGGREGATE_STYLE[1], size=18 + min(n, 200) / 10)
    merged = _merge_facts(subgraph.facts)
    edge_groups: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for (src, dst, type_), facts in merged.items():
        a, b = folded.get(src, src), folded.get(dst, dst)
        if a == b:
            continue
        edge_groups[(a, b, type_)].extend(facts)
    for i, ((src, dst, type_), facts) in enumerate(sorted(edge_groups.items())):
        facts.sort(key=lambda f: (f.year is None, f.year or 0, f.report, f.start or 0))
        years = _years(facts)
        label = EDGE_LABELS_ZH.get(type_, type_)
        year_text = "、".join(str(y) for y in years)
        # `/view/evidence` reads facts from the store: derived edges always carry their evidence
        lazy = (not inline_evidence and type_ in FACT_TYPES
                and not src.startswith("group:") and not dst.startswith("group:"))
        evidence = {"lazy": True} if lazy else {"evidence": [evidence_of(f, report_titles) for f in facts[:50]]}
        if type_ in TIMELESS_EDGE_TYPES:
            evidence["timeless"] = True
        note = f"\n{DERIVED_EDGE_NOTES[type_]}" if type_ in DERIVED_EDGE_NOTES else ""
        net.add_edge(src, dst, id=f"e{i}", label=label if edge_labels else None, type=type_,
                     title=f"{label} {type_}" + (f"（{year_text}）" if year_text else "") + f" · {len(facts)} 条证据 evidence"
                           + note,
                     years=years, color=FACT_COLORS.get(type_, "#999"),
                     width=(1 + min(len(facts), 6) * 0.4) if len(facts) > 1 else None,
                     **evidence)
    nodes, edges = net.nodes, net.edges
    if layout == "rings":
        types = {n["id"]: (n["type"] if not n.get("aggregate") else "group") for n in nodes}
        pos = _ring_positions([n["id"] for n in nodes], [(e["from"], e["to"]) for e in edges], focus, types)
        for n in nodes:
            n["x"], n["y"] = pos[n["id"]]
        # labels of thousands of nodes are measured when the network is built; the page adds them
        # in the background once the graph is interactive (they only show when zoomed in anyway)
        for n in nodes:
            if not n.get("focus") and not n.get("aggregate"):
                n["deferredLabel"] = n.pop("label")
    _compact(nodes, edges)
    present_types = [t for t in ENTITY_TYPES if any(n["type"] == t for n in nodes)]
    fact_types = [t for t in EDGE_LABELS_ZH if any(e["type"] == t for e in edges)]
    return GraphView(nodes=nodes, edges=edges, options=_options(layout, len(nodes), edge_labels), layout=layout,
                     focus=list(focus), total_nodes=total, aggregated=total - len(keep),
                     years=_years(subgraph.facts), types=present_types, fact_types=fact_types)


def _band(level: str | None) -> str:
    return level if level in LEVELS else "other"


def build_lineage_view(subgraph: Subgraph, focus: str, *, report_levels: dict[str, str] | None = None,
                       report_titles: dict[str, str] | None = None, focus_keys: Sequence[str] = (),
                       max_nodes: int = DEFAULT_MAX_NODES, mentions: Sequence[Fact] = ()) -> GraphView:
    """A lineage drawn by level (bands, national on top) and year (left to right), fixed positions.

    The focus programme (and `focus_keys`, e.g. what it succeeded) appears once per observation:
    one node for each (report, year) that speaks of it, placed at the level of that report, and
    chained in time. Every other entity sits at its own level in the first year the lineage links
    it, joined to the observation that says so by an edge carrying the evidence. `mentions` are
    dated sentences that name the programme without a fact (type MENTIONED, source = target =
    the programme): they are observations too.
    """
    report_levels = report_levels or {}
    tracked = {focus, *focus_keys}
    facts = sorted(subgraph.facts, key=lambda f: (f.year is None, f.year or 0, f.report, f.start or 0))
    years = _years([*facts, *mentions])
    year_index = {y: i for i, y in enumerate(years)}
    unknown_x = -1

    def x_of(year: int | None) -> float:
        return (year_index.get(year, unknown_x) if year is not None else unknown_x) * YEAR_WIDTH

    net = _network()
    cells: dict[tuple[float, str], int] = Counter()
    centre_taken: set[tuple[float, str]] = set()

    def place(x: float, band: str, centre: bool = False) -> tuple[float, float]:
        """Observations take a cell's centre; other entities the slots around it."""
        y = 0  # offset inside the band; bands get their rows once every node is placed
        if centre and (x, band) not in centre_taken:
            centre_taken.add((x, band))
            return x, y
        slot = cells[(x, band)]
        cells[(x, band)] += 1
        if slot < len(CELL_SLOTS):
            dx, dy = CELL_SLOTS[slot]
        else:  # crowded cell: further columns to the right
            extra = slot - len(CELL_SLOTS)
            dx, dy = 120 + 60 * (extra // 3), (extra % 3 - 1) * 62
        return x + dx, y + dy

    # observations of the tracked programme(s): one per (report, year)
    observations: dict[tuple[str, int | None, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        for end in (fact.source, fact.target):
            if end in tracked:
                observations[(end, fact.year, fact.report)].append(fact)
    for mention in mentions:
        if mention.source in tracked:
            observations[(mention.source, mention.year, mention.report)].append(mention)
    obs_ids: dict[tuple[str, int | None, str], str] = {}
    for i, ((key, year, report), obs_facts) in enumerate(sorted(
            observations.items(), key=lambda kv: (kv[0][1] is None, kv[0][1] or 0, kv[0][2], kv[0][0]))):
        entity = subgraph.nodes.get(key) or Entity(key, "Pilot", key)
        level = report_levels.get(report) or entity.level
        band = _band(level)
        x, y = place(x_of(year), band, centre=True)
        node_id = f"obs:{i}"
        obs_ids[(key, year, report)] = node_id
        statuses = sorted({f.status for f in obs_facts})
        status_zh = "、".join({"planned": "计划", "achieved": "已完成"}.get(s, s) for s in statuses)
        color = "#c62828" if "achieved" in statuses else "#ef8a2a"
        net.add_node(node_id, label=f"{_short(entity.name, 12)}\n{year or '年份不详'} · {LEVEL_LABELS_ZH.get(level or '', '级别不详')}",
                     title=f"{entity.name}\n{year or '?'} 年 · {status_zh}\n报告 report: {(report_titles or {}).get(report, report)}",
                     type=entity.type, name=entity.name, aliases=list(entity.aliases), level=level or "",
                     url=entity_url(key), years=[year] if year is not None else [], focus=True,
                     observation=True, entity=key, x=x, y=y, band=band, shape=OBSERVATION_STYLE[1],
                     color={"background": color, "border": "#7f1d1d"},
                     font={"color": "#ffffff", "size": 14, "multi": False}, margin=8,
                     evidence=[evidence_of(f, report_titles) for f in obs_facts])
    # chain the observations of each tracked entity in time
    edge_no = 0
    by_entity: dict[str, list[tuple[int | None, str, str]]] = defaultdict(list)
    for (key, year, report), node_id in obs_ids.items():
        by_entity[key].append((year, report, node_id))
    for key, seq in by_entity.items():
        seq.sort(key=lambda t: (t[0] is None, t[0] or 0, t[1]))
        for (y1, r1, a), (y2, r2, b) in zip(seq, seq[1:]):
            ev = [evidence_of(f, report_titles) for f in observations[(key, y1, r1)] + observations[(key, y2, r2)]]
            net.add_edge(a, b, id=f"e{edge_no}", label=f"{y1 or '?'}→{y2 or '?'}", type="TIMELINE",
                         title=f"再次出现于 {y2} 年的报告 observed again in {y2}", years=[y for y in (y1, y2) if y],
                         color="#7f1d1d", width=3, dashes=False, evidence=ev)
            edge_no += 1
    # other entities, at their own level, in the first year the lineage links them
    first_year: dict[str, int | None] = {}
    for fact in facts:
        for end in (fact.source, fact.target):
            if end not in tracked and end not in first_year:
                first_year[end] = fact.year
    # a lineage wider than `max_nodes` keeps its earliest links (the origins) and counts the rest
    dropped = max(len(first_year) - max_nodes, 0)
    if dropped:
        keep = sorted(first_year, key=lambda k: (first_year[k] is None, first_year[k] or 0, k))[:max_nodes]
        first_year = {k: first_year[k] for k in keep}
    for key, year in first_year.items():
        entity = subgraph.nodes.get(key)
        if entity is None:
            continue
        band = _band(entity.level)
        x, y = place(x_of(year), band)
        net.add_node(key, label=_short(entity.name), title=_tooltip(entity), type=entity.type, name=entity.name,
                     aliases=list(entity.aliases), level=entity.level or "",
                     years=[year] if year is not None else [], focus=False, x=x, y=y, band=band,
                     **_node_style(entity, False))
    # fact edges: tracked ends attach to the observation of the same report and year
    merged: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        src = obs_ids.get((fact.source, fact.year, fact.report), fact.source)
        dst = obs_ids.get((fact.target, fact.year, fact.report), fact.target)
        if src == dst or src not in net.node_ids or dst not in net.node_ids:
            continue
        merged[(src, dst, fact.type)].append(fact)
    for (src, dst, type_), group in merged.items():
        label = EDGE_LABELS_ZH.get(type_, type_)
        years_ = _years(group)
        net.add_edge(src, dst, id=f"e{edge_no}", label=label, type=type_,
                     title=f"{label} {type_}（{'、'.join(map(str, years_))}）", years=years_,
                     color=FACT_COLORS.get(type_, "#999"), evidence=[evidence_of(f, report_titles) for f in group])
        edge_no += 1
    nodes, edges = net.nodes, net.edges
    _compact(nodes, edges)
    # only the levels present get a band, stacked without gaps
    used_bands = [b for b in BAND_ORDER if any(n.get("band") == b for n in nodes)]
    row = {b: i for i, b in enumerate(used_bands)}
    for n in nodes:
        n["y"] += row[n["band"]] * BAND_HEIGHT
    bands = [{"level": b, "label": LEVEL_LABELS_ZH.get(b, "其他 other") if b != "other" else "其他 other",
              "en": b, "y": row[b] * BAND_HEIGHT, "height": BAND_HEIGHT} for b in used_bands]
    columns = [{"year": y, "x": x_of(y)} for y in years]
    # band and year captions are text nodes, so `fit` keeps them in view
    left = min((n["x"] for n in nodes), default=0) - 190
    top = min((b["y"] - b["height"] / 2 for b in bands), default=0)
    caption = {"shape": "text", "chosen": False, "physics": False, "caption": True, "type": "caption",
               "years": [], "focus": True, "aliases": [], "level": ""}
    for b in bands:
        nodes.append({**caption, "id": f"band:{b['level']}", "label": f"{b['label']}\n{b['en']}", "name": b["label"],
                      "x": left, "y": b["y"], "font": {"size": 20, "color": "#475569", "bold": True}})
    for c in columns:
        nodes.append({**caption, "id": f"year:{c['year']}", "label": f"{c['year']} 年", "name": str(c["year"]),
                      "x": c["x"], "y": top - 28, "font": {"size": 22, "color": "#1f2933"}})
    options = _options("lineage", len(nodes), True)
    options["edges"]["smooth"] = {"type": "curvedCW", "roundness": 0.12}
    options["interaction"]["dragNodes"] = True
    view = GraphView(nodes=nodes, edges=edges, options=options, layout="lineage", focus=[focus],
                     total_nodes=len(subgraph.nodes), aggregated=dropped, years=years,
                     types=[t for t in ENTITY_TYPES if any(n["type"] == t for n in nodes)],
                     fact_types=[t for t in EDGE_LABELS_ZH if any(e["type"] == t for e in edges)],
                     bands=bands, columns=columns)
    return view
