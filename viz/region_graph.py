"""The region page's graph: the region joined to what it ran and originated.

`queries.originated` attributes a programme to a region through its first actor, and most actors
are not joined to the region by any fact: an agency such as 区市场监管局 belongs to 滨江区 because it
speaks in 滨江区's report, and a programme of 余杭区 counts for 杭州市 because 余杭区 is PART_OF it.
Drawn from the programmes alone, the region node stood apart. This graph adds what makes the
attribution visible:

* the region's own facts (what it RUNS or PARTICIPATES_IN, what is LOCATED_IN it, PROMOTED_TO it);
* each origin actor joined to its origin region: by its LOCATED_IN fact when it has one, else by a
  derived ``ATTRIBUTED_TO`` edge (归属) whose evidence is the actor's sentences in that region's reports;
* the administrative hierarchy as derived ``PART_OF`` edges (隶属): every drawn sub-region up to the
  region, and the region up to its parent.

>>> from pilotgraph.graph.model import Entity
>>> f = part_of_fact(Entity("region:330108", "Region", "滨江区", code="330108"),
...                  Entity("region:330100", "Region", "杭州市", code="330100"))
>>> f.type, f.source, f.target, f.text
('PART_OF', 'region:330108', 'region:330100', '滨江区（330108）隶属杭州市（330100）')
"""

from __future__ import annotations

from collections.abc import Sequence

from pilotgraph.graph.model import Entity, Fact, Subgraph
from pilotgraph.graph.store import GraphStore
from pilotgraph.queries.common import RegionResolver

#: relation types drawn around the programmes a region originated
PROGRAMME_EDGE_TYPES = ("PROMOTED_TO", "RECOGNIZED_AS", "SUCCEEDS", "ABSORBED_INTO", "RUNS", "LOCATED_IN")
#: relation types drawn around the region itself
REGION_EDGE_TYPES = ("RUNS", "PARTICIPATES_IN", "LOCATED_IN", "PROMOTED_TO")
HIERARCHY_SECTION = "行政区划 GB/T 2260 administrative division"


def part_of_fact(child: Entity, parent: Entity) -> Fact:
    """A derived hierarchy edge child -隶属-> parent; its evidence names the two codes."""
    def named(e: Entity) -> str:
        return f"{e.name}（{e.code}）" if e.code else e.name

    return Fact(f"part_of:{child.key}>{parent.key}", "PART_OF", child.key, parent.key, None, "", "", "",
                text=f"{named(child)}隶属{named(parent)}", section=HIERARCHY_SECTION)


def attributed_fact(run: Fact, region: str) -> Fact:
    """A derived edge actor -归属-> region, read from one RUNS fact in a report of that region."""
    return Fact(f"attributed:{run.fact_id}", "ATTRIBUTED_TO", run.source, region, run.year, run.status,
                run.report, run.sentence, run.start, run.end, run.text, run.section)


def _merge(into: Subgraph, other: Subgraph) -> None:
    into.nodes.update(other.nodes)
    seen = {f.fact_id for f in into.facts}
    into.facts.extend(f for f in other.facts if f.fact_id not in seen)


def region_subgraph(store: GraphStore, answer: dict, programmes: Sequence[str], *, max_nodes: int) -> Subgraph:
    """The region, the `programmes` it originated (keys, in `answer`'s order) and the edges joining them.

    `answer` is `queries.originated(store, code)`; `max_nodes` bounds each expansion.
    """
    root = answer["region"]["key"]
    sub = store.expand([root], depth=1, types=list(REGION_EDGE_TYPES), max_nodes=max_nodes)
    if programmes:
        _merge(sub, store.expand(list(programmes), depth=1, types=list(PROGRAMME_EDGE_TYPES),
                                 max_nodes=max_nodes))
    sub.nodes.update(store.get_entities([root]))
    derived: list[Fact] = []

    # origin actors, joined to the region (or sub-region) the query attributed them to
    seeds = set(programmes)
    origins = {(d["origin_actor"]["key"], d["origin_region"]["key"]) for d in answer["data"]
               if d["entity"]["key"] in seeds and d.get("origin_actor") and d.get("origin_region")}
    origins = {(actor, region) for actor, region in origins if actor != region}  # a region's RUNS is drawn
    actors = sorted({actor for actor, _ in origins})
    if actors:
        resolver = RegionResolver(store)
        located = resolver.located_in(actors)
        located_facts = store.facts(actors, ["LOCATED_IN"], "out")
        runs = [f for f in store.facts(actors, ["RUNS"], "out") if f.target in seeds]
        for actor, region in sorted(origins):
            if located.get(actor) == region:
                derived.extend(f for f in located_facts if f.source == actor and f.target == region)
            else:
                derived.extend(attributed_fact(f, region) for f in runs
                               if f.source == actor and resolver.report_region(f.report) == region)
        sub.nodes.update(store.get_entities([*actors, *{region for _, region in origins}]))

    # the hierarchy: drawn sub-regions up to the region, the region up to its parent
    below = set(answer.get("regions", [])) - {root}
    chains: list[list[str]] = []
    for key in sorted(k for k, e in sub.nodes.items() if e.type == "Region" and k in below):
        up = store.region_hierarchy(key, "up")
        chains.append([key, *up[: up.index(root) + 1]] if root in up else [])
    parents = store.region_hierarchy(root, "up")[:1]
    chains.append([root, *parents])
    wanted = {k for chain in chains for k in chain}
    sub.nodes.update(store.get_entities(sorted(wanted - set(sub.nodes))))
    pairs = {(a, b) for chain in chains for a, b in zip(chain, chain[1:])}
    derived.extend(part_of_fact(sub.nodes[a], sub.nodes[b]) for a, b in sorted(pairs)
                   if a in sub.nodes and b in sub.nodes)

    _merge(sub, Subgraph(facts=derived))
    return sub
