"""`LocalStore`: the embedded default store. SQLite on disk is the record; networkx holds the graph
in memory for traversal. No server needed.

Each report loads in one SQLite transaction; memory is updated only after the commit, so a failed
load leaves both the file and the in-memory graph as they were.

>>> store = LocalStore(":memory:")
>>> store.counts()["nodes"]["Entity"]
0
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import networkx as nx

from pilotgraph.errors import ConfigurationError, NotFound
from pilotgraph.graph.merge import Support, merged_entity
from pilotgraph.graph.model import (
    ENTITY, ENTITY_TYPES, FACT_TYPES, IN, MENTIONED_IN, PART_OF, REPORT, SENTENCE, Entity, Fact,
    LoadResult, Mention, Report, ReportBatch, Sentence,
)
from pilotgraph.graph.store import GraphStore, check_batch, fact_sort_key, in_window, rank_page

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    key TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT, issuer TEXT, region TEXT, level TEXT,
    periods TEXT, path TEXT, date TEXT, entity_keys TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sentences (
    key TEXT PRIMARY KEY, report TEXT NOT NULL, text TEXT NOT NULL, section TEXT,
    start INTEGER, "end" INTEGER, year INTEGER, status TEXT
);
CREATE INDEX IF NOT EXISTS sentences_report ON sentences(report);
CREATE TABLE IF NOT EXISTS entities (
    key TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, code TEXT
);
CREATE TABLE IF NOT EXISTS supports (
    entity TEXT NOT NULL, report TEXT NOT NULL, aliases TEXT NOT NULL, level TEXT,
    PRIMARY KEY (entity, report)
);
CREATE INDEX IF NOT EXISTS supports_report ON supports(report);
CREATE TABLE IF NOT EXISTS mentions (
    entity TEXT NOT NULL, sentence TEXT NOT NULL, report TEXT NOT NULL, start INTEGER, "end" INTEGER,
    text TEXT, PRIMARY KEY (entity, sentence, start, "end")
);
CREATE INDEX IF NOT EXISTS mentions_report ON mentions(report);
CREATE TABLE IF NOT EXISTS facts (
    fact_id TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    year INTEGER, status TEXT, report TEXT NOT NULL, sentence TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS facts_report ON facts(report);
CREATE TABLE IF NOT EXISTS part_of (child TEXT NOT NULL, parent TEXT NOT NULL, PRIMARY KEY (child, parent));
"""


class LocalStore(GraphStore):
    """networkx in memory, persisted in one SQLite file (or ":memory:")."""

    kind = "local"

    def __init__(self, path: str | Path = ":memory:"):
        self.path = str(path)
        self._lock = threading.RLock()
        self._conn = self._connect(self.path)
        self.ensure_schema()
        self._read_all()

    # -- opening -----------------------------------------------------------------------------
    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        if path != ":memory:":
            p = Path(path).expanduser()
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigurationError(
                    f"PILOTGRAPH_DB / --db: cannot create the directory {p.parent} ({exc.strerror}); "
                    "choose a writable path with --db PATH or PILOTGRAPH_DB") from None
            path = str(p)
        try:
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL" if path != ":memory:" else "PRAGMA journal_mode=MEMORY")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("BEGIN IMMEDIATE")  # proves the file is writable now, not at the first load
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise ConfigurationError(
                f"PILOTGRAPH_DB / --db: cannot open {path} as a writable SQLite database ({exc}); "
                "choose a writable path with --db PATH or PILOTGRAPH_DB") from None
        return conn

    def ensure_schema(self) -> None:
        with self._lock:
            self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _read_all(self) -> None:
        """Rebuild the in-memory graph from the SQLite record."""
        self._graph = nx.MultiDiGraph()        # entity keys; edges keyed by fact_id
        self._regions = nx.DiGraph()           # PART_OF: child -> parent
        self._entities: dict[str, Entity] = {}
        self._supports: dict[str, Support] = defaultdict(dict)
        self._reports: dict[str, tuple[Report, list[str]]] = {}
        self._sentences: dict[str, Sentence] = {}
        self._mentions: dict[str, list[Mention]] = defaultdict(list)
        self._by_report: dict[str, tuple[set[str], set[tuple[str, str, str]]]] = defaultdict(
            lambda: (set(), set()))  # report -> (sentence keys, fact edges)
        c = self._conn
        for row in c.execute("SELECT key, sha256, title, issuer, region, level, periods, path, date, "
                             "entity_keys FROM reports"):
            report = Report(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7], row[8])
            self._reports[report.key] = (report, json.loads(row[9]))
        for row in c.execute('SELECT key, report, text, section, start, "end", year, status FROM sentences'):
            self._sentences[row[0]] = Sentence(*row)
            self._by_report[row[1]][0].add(row[0])
        for entity, report, aliases, level in c.execute("SELECT entity, report, aliases, level FROM supports"):
            self._supports[entity][report] = (json.loads(aliases), level)
        for key, type_, name, code in c.execute("SELECT key, type, name, code FROM entities"):
            self._put_entity(Entity(key, type_, name, code=code))
        for row in c.execute('SELECT entity, sentence, start, "end", text FROM mentions'):
            self._mentions[row[0]].append(Mention(*row))
        for row in c.execute('SELECT fact_id, type, source, target, year, status, report, sentence, start, "end" '
                             "FROM facts"):
            self._put_fact(Fact(*row))
        for child, parent in c.execute("SELECT child, parent FROM part_of"):
            self._regions.add_edge(child, parent)

    def _put_entity(self, base: Entity) -> None:
        entity = merged_entity(base, self._supports[base.key])
        self._entities[entity.key] = entity
        self._graph.add_node(entity.key)

    def _put_fact(self, fact: Fact) -> None:
        sentence = self._sentences.get(fact.sentence)
        if sentence is not None:
            fact = replace(fact, text=sentence.text, section=sentence.section)
        self._graph.add_edge(fact.source, fact.target, key=fact.fact_id, fact=fact)
        self._by_report[fact.report][1].add((fact.source, fact.target, fact.fact_id))

    # -- writes ------------------------------------------------------------------------------
    def load_many(self, batches: Iterable[ReportBatch]) -> list[LoadResult]:
        results = []
        for batch in batches:
            check_batch(batch)
            with self._lock:
                try:
                    results.append(self._load_one(batch))
                except (sqlite3.IntegrityError, sqlite3.DataError) as exc:  # refused: the report's data
                    results.append(LoadResult(batch.report.key, "failed", error=f"SQLite refused the report: {exc}"))
        return results

    def _load_one(self, batch: ReportBatch) -> LoadResult:
        report = batch.report
        existing = self._reports.get(report.key)
        if existing is not None and existing[0].sha256 == report.sha256:
            return LoadResult(report.key, "unchanged")
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if existing is not None:
                self._delete_rows(report.key)
            entity_keys = sorted({e.key for e in batch.entities})
            c.execute("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (report.key, report.sha256, report.title, report.issuer, report.region, report.level,
                       json.dumps(report.periods, ensure_ascii=False), report.path, report.date,
                       json.dumps(entity_keys, ensure_ascii=False)))
            c.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?,?,?)",
                          [(s.key, report.key, s.text, s.section, s.start, s.end, s.year, s.status)
                           for s in batch.sentences])
            c.executemany("INSERT OR IGNORE INTO entities VALUES (?,?,?,?)",
                          [(e.key, e.type, e.name, e.code) for e in batch.entities])
            c.executemany("INSERT OR REPLACE INTO supports VALUES (?,?,?,?)",
                          [(e.key, report.key, json.dumps(sorted(set(e.aliases)), ensure_ascii=False), e.level)
                           for e in batch.entities])
            c.executemany('INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?)',
                          [(m.entity, m.sentence, report.key, m.start, m.end, m.text) for m in batch.mentions])
            c.executemany('INSERT OR REPLACE INTO facts VALUES (?,?,?,?,?,?,?,?,?,?)',
                          [(f.fact_id, f.type, f.source, f.target, f.year, f.status, f.report, f.sentence,
                            f.start, f.end) for f in batch.facts])
            c.executemany("INSERT OR IGNORE INTO part_of VALUES (?,?)", [(p.child, p.parent) for p in batch.part_of])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        # the record is committed: bring memory in line
        if existing is not None:
            self._delete_memory(report.key)
        self._reports[report.key] = (report, entity_keys)
        for s in batch.sentences:
            self._sentences[s.key] = replace(s, report=report.key)
            self._by_report[report.key][0].add(s.key)
        for e in batch.entities:
            self._supports[e.key][report.key] = (sorted(set(e.aliases)), e.level)
            known = self._entities.get(e.key)
            self._put_entity(known if known is not None else Entity(e.key, e.type, e.name, code=e.code))
        unique = {(m.entity, m.sentence, m.start, m.end): m for m in reversed(batch.mentions)}
        for m in unique.values():
            self._mentions[m.entity].append(m)
        for f in batch.facts:
            self._put_fact(f)
        for p in batch.part_of:
            self._regions.add_edge(p.child, p.parent)
        status = "replaced" if existing is not None else "created"
        return LoadResult(report.key, status, len(batch.sentences), len(entity_keys), len(batch.facts))

    def delete_report(self, key: str) -> dict[str, int]:
        with self._lock:
            if key not in self._reports:
                raise NotFound(f"no report with key {key!r}; `pilotgraph reports` lists the loaded ones")
            c = self._conn
            c.execute("BEGIN IMMEDIATE")
            try:
                removed = self._delete_rows(key)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            self._delete_memory(key)
            return removed

    def _delete_rows(self, key: str) -> dict[str, int]:
        """Delete a report's rows inside the caller's transaction; entities only it supported go too."""
        c = self._conn
        entity_keys = self._reports[key][1]
        facts = c.execute("DELETE FROM facts WHERE report = ?", (key,)).rowcount
        mentions = c.execute("DELETE FROM mentions WHERE report = ?", (key,)).rowcount
        sentences = c.execute("DELETE FROM sentences WHERE report = ?", (key,)).rowcount
        c.execute("DELETE FROM supports WHERE report = ?", (key,))
        orphans = [k for k in entity_keys if set(self._supports.get(k, {})) <= {key}]
        c.executemany("DELETE FROM entities WHERE key = ?", [(k,) for k in orphans])
        c.executemany("DELETE FROM part_of WHERE child = ? OR parent = ?", [(k, k) for k in orphans])
        c.execute("DELETE FROM reports WHERE key = ?", (key,))
        return {"reports": 1, "sentences": sentences, "mentions": mentions, "facts": facts, "entities": len(orphans)}

    def _delete_memory(self, key: str) -> None:
        _, entity_keys = self._reports.pop(key)
        gone_sentences, doomed = self._by_report.pop(key, (set(), set()))
        for k in gone_sentences:
            del self._sentences[k]
        self._graph.remove_edges_from(doomed)
        for entity_key in entity_keys:
            supports = self._supports.get(entity_key, {})
            supports.pop(key, None)
            self._mentions[entity_key] = [m for m in self._mentions.get(entity_key, [])
                                          if m.sentence not in gone_sentences]
            if not self._mentions[entity_key]:
                del self._mentions[entity_key]
            if not supports:
                self._supports.pop(entity_key, None)
                self._entities.pop(entity_key, None)
                if entity_key in self._graph:
                    self._graph.remove_node(entity_key)
                if entity_key in self._regions:
                    self._regions.remove_node(entity_key)
            else:
                self._put_entity(self._entities[entity_key])

    # -- reads -------------------------------------------------------------------------------
    def reports(self) -> list[Report]:
        with self._lock:
            return [replace(self._reports[k][0]) for k in sorted(self._reports)]

    def get_report(self, key: str) -> Report:
        with self._lock:
            if key not in self._reports:
                raise NotFound(f"no report with key {key!r}")
            return replace(self._reports[key][0])

    def get_entities(self, keys: Sequence[str]) -> dict[str, Entity]:
        with self._lock:
            return {k: replace(self._entities[k]) for k in keys if k in self._entities}

    def search_entities(self, q=None, types=None, level=None, limit=50, offset=0):
        self._check_types(types)
        wanted = set(types or ())
        with self._lock:
            candidates = [e for e in self._entities.values()
                          if (not wanted or e.type in wanted) and (not level or e.level == level)]
        page, total = rank_page(candidates, q, limit, offset)
        return [replace(e) for e in page], total

    def facts(self, keys=None, types=None, direction="both", year_from=None, year_to=None, status=None):
        self._check_filters(types, direction)
        wanted = set(types or FACT_TYPES)
        with self._lock:
            if keys is None:
                edges = self._graph.edges(keys=True, data="fact")
            else:
                # straight over networkx's adjacency dicts (node -> neighbour -> fact_id -> data): the edge
                # views count a hub's edges before listing them, which cost more than the filter below
                sides = [adj for adj, d in ((self._graph._succ, "out"), (self._graph._pred, "in"))
                         if direction in (d, "both")]
                edges = ((None, None, fid, data["fact"]) for key in keys for adj in sides
                         for nbrs in adj.get(key, {}).values() for fid, data in nbrs.items())
            out: dict[str, Fact] = {}
            for _, _, fid, fact in edges:
                if (fact.type in wanted and in_window(fact.year, year_from, year_to)
                        and (status is None or fact.status == status)):
                    out[fid] = fact
        return sorted((replace(f) for f in out.values()), key=fact_sort_key)

    def sentences(self, keys):
        with self._lock:
            return {k: replace(self._sentences[k]) for k in keys if k in self._sentences}

    def mentions(self, entity_keys):
        with self._lock:
            found = [replace(m) for k in entity_keys for m in self._mentions.get(k, [])]
        return sorted(found, key=lambda m: (m.sentence, m.start, m.entity))

    def region_hierarchy(self, key, direction="down"):
        with self._lock:
            if key not in self._regions:
                return []
            if direction == "down":
                return sorted(nx.ancestors(self._regions, key))  # edges point child -> parent
            chain, here = [], key
            while True:
                parents = sorted(self._regions.successors(here))
                if not parents or parents[0] in chain:
                    return chain
                here = parents[0]
                chain.append(here)

    def counts(self):
        with self._lock:
            nodes = {label: 0 for label in (ENTITY, *ENTITY_TYPES, REPORT, SENTENCE)}
            for e in self._entities.values():
                nodes[ENTITY] += 1
                nodes[e.type] += 1
            nodes[REPORT] = len(self._reports)
            nodes[SENTENCE] = len(self._sentences)
            rels = {t: 0 for t in (*FACT_TYPES, IN, MENTIONED_IN, PART_OF)}
            for _, _, fact in self._graph.edges(data="fact"):
                rels[fact.type] += 1
            rels[IN] = len(self._sentences)
            rels[MENTIONED_IN] = sum(len(v) for v in self._mentions.values())
            rels[PART_OF] = self._regions.number_of_edges()
        return {"nodes": nodes, "relationships": rels}
