"""A tiny in-memory GraphStore for view tests that must not wait for a real store.

It implements the read primitives with the ordering rules of `graph/store.py`; the browser and
page tests use LocalStore when it exists and fall back to this.
"""

from __future__ import annotations

from pilotgraph.errors import NotFound
from pilotgraph.graph.model import ENTITY_TYPES, FACT_TYPES, REL_TYPES, NODE_LABELS, ReportBatch
from pilotgraph.graph.store import GraphStore, fact_sort_key, in_window, search_rank


class FakeStore(GraphStore):
    kind = "fake"

    def __init__(self):
        self._reports, self._sentences, self._entities, self._facts, self._mentions = {}, {}, {}, {}, []
        self._parent = {}

    def ensure_schema(self):
        pass

    def load_many(self, batches):
        from pilotgraph.graph.model import LoadResult

        out = []
        for b in batches:
            self._reports[b.report.key] = b.report
            for s in b.sentences:
                self._sentences[s.key] = s
            for e in b.entities:
                self._entities.setdefault(e.key, e)
            for f in b.facts:
                self._facts[f.fact_id] = f
            self._mentions.extend(b.mentions)
            for p in b.part_of:
                self._parent[p.child] = p.parent
            out.append(LoadResult(b.report.key, "created", len(b.sentences), len(b.entities), len(b.facts)))
        return out

    def delete_report(self, key):
        raise NotFound(key)

    def reports(self):
        return [self._reports[k] for k in sorted(self._reports)]

    def get_entities(self, keys):
        return {k: self._entities[k] for k in keys if k in self._entities}

    def search_entities(self, q=None, types=None, level=None, limit=50, offset=0):
        hits = []
        for e in self._entities.values():
            if types and e.type not in types:
                continue
            if level and e.level != level:
                continue
            r = 0 if not q else search_rank(e, q)
            if r is not None:
                hits.append((r, e.name, e.key, e))
        hits.sort(key=lambda h: h[:3])
        page = [h[3] for h in hits[offset:(offset + limit) if limit else None]]
        return page, len(hits)

    def facts(self, keys=None, types=None, direction="both", year_from=None, year_to=None, status=None):
        ks = set(keys) if keys is not None else None
        out = []
        for f in self._facts.values():
            if types and f.type not in types:
                continue
            if status and f.status != status:
                continue
            if not in_window(f.year, year_from, year_to):
                continue
            if ks is not None:
                hit = ((direction in ("out", "both") and f.source in ks)
                       or (direction in ("in", "both") and f.target in ks))
                if not hit:
                    continue
            s = self._sentences.get(f.sentence)
            if s is not None:
                f.text, f.section = s.text, s.section
                f.start, f.end = s.start, s.end
            out.append(f)
        return sorted(out, key=fact_sort_key)

    def sentences(self, keys):
        return {k: self._sentences[k] for k in keys if k in self._sentences}

    def mentions(self, entity_keys):
        ks = set(entity_keys)
        return sorted((m for m in self._mentions if m.entity in ks), key=lambda m: (m.sentence, m.start))

    def region_hierarchy(self, key, direction="down"):
        if direction == "up":
            out, k = [], key
            while k in self._parent:
                k = self._parent[k]
                out.append(k)
            return out
        out, todo = set(), [key]
        while todo:
            k = todo.pop()
            for c, p in self._parent.items():
                if p == k and c not in out:
                    out.add(c)
                    todo.append(c)
        return sorted(out)

    def counts(self):
        nodes = {label: 0 for label in NODE_LABELS}
        for e in self._entities.values():
            nodes[e.type] += 1
            nodes["Entity"] += 1
        nodes["Report"] = len(self._reports)
        nodes["Sentence"] = len(self._sentences)
        rels = {t: 0 for t in REL_TYPES}
        for f in self._facts.values():
            rels[f.type] += 1
        return {"nodes": nodes, "relationships": rels}
