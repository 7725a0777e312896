"""`Neo4jStore`: the graph in Neo4j through the official driver.

One driver per store (built once by `from_settings`, or passed in); writes in managed write
transactions of UNWIND batches; reads through `execute_query` routed as READ. Labels and
relationship types are interpolated only from the allowlist in `graph.model`; every value is a
parameter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import neo4j
from neo4j import GraphDatabase, RoutingControl, unit_of_work
from neo4j import exceptions as neo4j_errors

from pilotgraph.errors import ConfigurationError, InvalidInput, NotFound, QueryTimeout, ReadOnlyViolation, \
    StoreUnavailable
from pilotgraph.graph.merge import decode_support, encode_support, extended_by, merged_entity
from pilotgraph.graph.model import (
    ENTITY, ENTITY_TYPES, FACT_TYPES, IN, MENTIONED_IN, PART_OF, REPORT, SENTENCE, Entity, Fact,
    LoadResult, Mention, Report, ReportBatch, Sentence, check_fact_type,
)
from pilotgraph.graph.neo4j_load import LOAD_REPORTS, ChunkRows, chunks, entity_row
from pilotgraph.graph.neo4j_reads import Neo4jReads
from pilotgraph.graph.store import GraphStore, fact_sort_key, rank_page

#: procedures read-only Cypher may call
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
})
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.IGNORECASE)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_ADMIN = re.compile(r"^\s*(SHOW|GRANT|DENY|REVOKE|CREATE|ALTER|DROP|START|STOP|TERMINATE|ENABLE|DISABLE|USE)\b",
                    re.IGNORECASE)
_USE = re.compile(r"\bUSE\s+[A-Za-z_`]", re.IGNORECASE)


def _fact_types(types: Sequence[str] | None) -> str:
    """A relationship-type expression from the allowlist, e.g. ``RUNS|PROMOTED_TO``."""
    return "|".join(check_fact_type(t) for t in (types or FACT_TYPES))


def _to_entity(props: dict) -> Entity:
    return Entity(key=props["key"], type=props["type"], name=props["name"],
                  aliases=list(props.get("aliases") or []), level=props.get("level"),
                  code=props.get("code"), reports=sorted(props.get("reports") or []))  # appended per chunk


def _record(cls, props: dict):
    """A Report or Sentence from node properties, ignoring the store's own extras (entity_keys)."""
    fields = cls.__dataclass_fields__
    return cls(**{k: v for k, v in props.items() if k in fields})


def _to_fact(row) -> Fact:
    r = row["r"]
    return Fact(fact_id=r["fact_id"], type=row["type"], source=row["source"], target=row["target"],
                year=r.get("year"), status=r.get("status"), report=r["report"], sentence=r["sentence"],
                start=r.get("start"), end=r.get("end"), text=row["text"], section=row["section"])


def _plain(value: Any) -> Any:
    """Driver values (nodes, relationships, paths, temporals) as JSON-ready data."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": _plain(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "start": value.start_node.get("key"), "end": value.end_node.get("key"),
                "properties": _plain(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class Neo4jStore(Neo4jReads, GraphStore):
    """The graph in Neo4j 5. Pass a driver in, or build one from settings with `from_settings`."""

    kind = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j", *, owns_driver: bool = False):
        self.driver = driver
        self.database = database
        self._owns_driver = owns_driver
        self._schema_ready = False

    @classmethod
    def from_settings(cls, settings) -> Neo4jStore:
        """Connect, verify, and turn every failure into a message naming the setting to fix."""
        uri = settings.neo4j_uri
        if uri.split("://", 1)[0] not in _SCHEMES or "://" not in uri:
            raise ConfigurationError(f"NEO4J_URI={uri!r} is not a Bolt URI; expected one of "
                                     f"{', '.join(s + '://' for s in _SCHEMES)} e.g. bolt://localhost:7687")
        if not settings.neo4j_password:
            raise ConfigurationError(f"NEO4J_PASSWORD is not set but NEO4J_URI={uri} is; set the password "
                                     "(or unset NEO4J_URI to use the embedded store)")
        # Optional properties (level, code …) are absent on many nodes by design; the server's
        # "property key does not exist" notices would otherwise reach stderr on every query.
        # A logger the user configured keeps its level.
        notices = logging.getLogger("neo4j.notifications")
        if notices.level == logging.NOTSET:
            notices.setLevel(logging.ERROR)
        try:
            driver = GraphDatabase.driver(uri, auth=(settings.neo4j_username, settings.neo4j_password),
                                          connection_timeout=10, connection_acquisition_timeout=30)
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise ConfigurationError(f"NEO4J_URI={uri!r} is not a usable Neo4j URI ({exc}); "
                                     "expected e.g. bolt://localhost:7687 or neo4j://host:7687") from None
        try:
            driver.verify_connectivity()
            driver.execute_query("RETURN 1", database_=settings.neo4j_database, routing_=RoutingControl.READ)
        except neo4j_errors.AuthError:
            driver.close()
            raise ConfigurationError(
                f"NEO4J_USERNAME / NEO4J_PASSWORD: Neo4j at {uri} rejected the credentials of user "
                f"{settings.neo4j_username!r}; check both settings") from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            driver.close()
            raise StoreUnavailable(
                f"NEO4J_URI={uri}: cannot reach Neo4j ({exc.__class__.__name__}); start the server or fix "
                "NEO4J_URI (unset it to use the embedded store)") from None
        except neo4j_errors.ClientError as exc:
            driver.close()
            raise ConfigurationError(f"NEO4J_DATABASE={settings.neo4j_database!r}: {exc.message}") from None
        return cls(driver, settings.neo4j_database, owns_driver=True)

    def close(self) -> None:
        if self._owns_driver:
            self.driver.close()

    # -- plumbing ----------------------------------------------------------------------------
    def _read(self, query: str, **params) -> list:
        records, _, _ = self.driver.execute_query(query, params, database_=self.database,
                                                  routing_=RoutingControl.READ)
        return records

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        statements = [
            f"CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE n.key IS UNIQUE",
            f"CREATE CONSTRAINT report_key IF NOT EXISTS FOR (n:{REPORT}) REQUIRE n.key IS UNIQUE",
            f"CREATE CONSTRAINT sentence_key IF NOT EXISTS FOR (n:{SENTENCE}) REQUIRE n.key IS UNIQUE",
            f"CREATE INDEX entity_name IF NOT EXISTS FOR (n:{ENTITY}) ON (n.name)",
        ]
        for label in ENTITY_TYPES:
            statements.append(f"CREATE CONSTRAINT {label.lower()}_key IF NOT EXISTS "
                              f"FOR (n:{label}) REQUIRE n.key IS UNIQUE")
        for rel in FACT_TYPES:
            statements.append(f"CREATE CONSTRAINT {rel.lower()}_fact_id IF NOT EXISTS "
                              f"FOR ()-[r:{rel}]-() REQUIRE r.fact_id IS UNIQUE")
            statements.append(f"CREATE INDEX {rel.lower()}_report IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.report)")
        for statement in statements:
            self.driver.execute_query(statement, database_=self.database)
        self.driver.execute_query("CALL db.awaitIndexes(300)", database_=self.database)
        self._schema_ready = True

    # -- writes ------------------------------------------------------------------------------
    def load_many(self, batches: Iterable[ReportBatch]) -> list[LoadResult]:
        """Load reports in chunks of about `CHUNK_ROWS` rows, one transaction each.

        Pipelined: while a worker thread writes one chunk (one transaction in flight), the next
        is drawn from `batches` (in `pilotgraph load`, that is the extraction) and its rows are
        prepared. A chunk the server refuses is written again report by report, so a bad report
        comes back `failed` and the others load. Other errors (a lost connection) propagate once
        the chunk in flight is done; what was committed stays, and a new load skips it as unchanged.
        """
        self.ensure_schema()
        results: list[LoadResult] = []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pilotgraph-neo4j-writer") as writer:
            in_flight: Future | None = None
            for chunk in chunks(batches):
                rows = ChunkRows(chunk)
                if in_flight is not None:
                    results.extend(in_flight.result())
                in_flight = writer.submit(self._write_chunk, rows)
            if in_flight is not None:
                results.extend(in_flight.result())
        return results

    def _write_chunk(self, rows: ChunkRows) -> list[LoadResult]:
        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(self._write_chunk_tx, rows)
        except (neo4j_errors.ClientError, neo4j_errors.DatabaseError) as exc:  # refused: the data, not the link
            if len(rows.batches) > 1:
                return [result for b in rows.batches for result in self._write_chunk(ChunkRows([b]))]
            return [LoadResult(rows.batches[0].report.key, "failed",
                               error=f"Neo4j refused the report: {exc.code}: {exc.message}")]

    def _write_chunk_tx(self, tx, rows: ChunkRows) -> list[LoadResult]:
        keys = [b.report.key for b in rows.batches]
        shas = {r["key"]: r["sha256"] for r in
                tx.run("UNWIND $keys AS k MATCH (r:Report {key: k}) RETURN r.key AS key, r.sha256 AS sha256",
                       keys=keys)}
        results, todo = [], []
        for batch in rows.batches:
            key = batch.report.key
            if shas.get(key) == batch.report.sha256:
                results.append(LoadResult(key, "unchanged"))
                continue
            if key in shas:
                self._delete_tx(tx, key)
            todo.append(batch)
            n_entities = len({e.key for e in batch.entities})
            results.append(LoadResult(key, "replaced" if key in shas else "created",
                                      len(batch.sentences), n_entities, len(batch.facts)))
        if todo:
            if len(todo) < len(rows.batches):  # some were unchanged: their rows must not be written
                rows = ChunkRows(todo)
            tx.run(LOAD_REPORTS, rows.parameters(self._entity_rows_tx(tx, rows))).consume()
        return results

    def _entity_rows_tx(self, tx, rows: ChunkRows) -> list[dict]:
        """The rows MERGing the chunk's entities with what the graph holds, in `rows.keys` order.

        Only the new supports travel: the node's aliases and level extend the stored ones
        (`extended_by`), and its support and report lists are appended to on the server, so an
        entity that thousands of reports mention is neither read nor re-encoded by every chunk.
        One record comes back, not one per entity: the driver's per-record cost is the larger one.
        """
        stored_rows = tx.run(
            "UNWIND range(0, size($keys) - 1) AS i OPTIONAL MATCH (e:Entity {key: $keys[i]}) "
            "WITH i, e ORDER BY i RETURN collect([e.name, e.aliases, e.level, e.code]) AS stored",
            keys=rows.keys).single()["stored"]
        entity_rows: list[dict] = []
        unsettled: dict[int, str] = {}
        for i, (key, (name, aliases, level, code)) in enumerate(zip(rows.keys, stored_rows)):
            incoming = rows.incoming[key]
            added_aliases, added_level = rows.summaries[key]
            reports = list(rows.contributions[key])
            if name is None:  # new to the graph
                base = Entity(key, incoming.type, incoming.name, code=incoming.code)
            else:
                base = Entity(key, incoming.type, name, list(aliases or []), level, code)
            entity = extended_by(base, added_aliases, added_level, reports)
            if entity is None:
                unsettled[i] = key
                entity_rows.append({})
                continue
            same = name is not None and entity.aliases == base.aliases and entity.level == base.level
            entity_rows.append(entity_row(entity, rows.supports[key], replace=False, unchanged=same))
        if unsettled:  # rare: merge these from their full supports, replacing the stored lists
            found = {r["key"]: r["props"] for r in tx.run(
                "UNWIND $keys AS k MATCH (e:Entity {key: k}) RETURN k AS key, properties(e) AS props",
                keys=list(unsettled.values()))}
            for i, key in unsettled.items():
                support = {**decode_support(found[key].get("support")), **rows.contributions[key]}
                entity = merged_entity(_to_entity(found[key]), support)
                entity_rows[i] = entity_row(entity, encode_support(support), replace=True)
        return entity_rows

    def delete_report(self, key: str) -> dict[str, int]:
        self.ensure_schema()
        with self.driver.session(database=self.database) as session:
            return session.execute_write(self._delete_tx, key)

    def _delete_tx(self, tx, key: str) -> dict[str, int]:
        found = tx.run("MATCH (r:Report {key: $key}) RETURN r.entity_keys AS keys", key=key).single()
        if found is None:
            raise NotFound(f"no report with key {key!r}; `pilotgraph reports` lists the loaded ones")
        facts = 0
        for rel in FACT_TYPES:
            facts += tx.run(f"MATCH ()-[f:{rel} {{report: $key}}]->() DELETE f RETURN count(*) AS n",
                            key=key).single()["n"]
        counted = tx.run("MATCH (s:Sentence)-[:IN]->(:Report {key: $key}) "
                         "OPTIONAL MATCH (s)<-[m:MENTIONED_IN]-() "
                         "RETURN count(DISTINCT s) AS sentences, count(m) AS mentions", key=key).single()
        tx.run("MATCH (s:Sentence)-[:IN]->(:Report {key: $key}) DETACH DELETE s", key=key).consume()
        orphans, updates = [], []
        for row in tx.run("UNWIND $keys AS k MATCH (e:Entity {key: k}) RETURN properties(e) AS props",
                          keys=found["keys"] or []):
            support = decode_support(row["props"].get("support"))
            support.pop(key, None)
            if not support:
                orphans.append(row["props"]["key"])
            else:
                updates.append(entity_row(merged_entity(_to_entity(row["props"]), support), encode_support(support),
                                          replace=True))
        tx.run("UNWIND $keys AS k MATCH (e:Entity {key: k}) DETACH DELETE e", keys=orphans).consume()
        tx.run("UNWIND $rows AS row MATCH (e:Entity {key: row.key}) "
               "SET e += row.props, e.support = row.support, e.reports = row.reports", rows=updates).consume()
        tx.run("MATCH (r:Report {key: $key}) DELETE r", key=key).consume()
        return {"reports": 1, "sentences": counted["sentences"], "mentions": counted["mentions"],
                "facts": facts, "entities": len(orphans)}

    # -- reads -------------------------------------------------------------------------------
    def reports(self) -> list[Report]:
        rows = self._read("MATCH (r:Report) RETURN properties(r) AS p ORDER BY r.key")
        return [_record(Report, row["p"]) for row in rows]

    def get_report(self, key: str) -> Report:
        rows = self._read("MATCH (r:Report {key: $key}) RETURN properties(r) AS p", key=key)
        if not rows:
            raise NotFound(f"no report with key {key!r}")
        return _record(Report, rows[0]["p"])

    def get_entities(self, keys: Sequence[str]) -> dict[str, Entity]:
        rows = self._read("UNWIND $keys AS k MATCH (e:Entity {key: k}) RETURN properties(e) AS p", keys=list(keys))
        found = {row["p"]["key"]: _to_entity(row["p"]) for row in rows}
        return {k: found[k] for k in keys if k in found}

    def search_entities(self, q=None, types=None, level=None, limit=50, offset=0):
        self._check_types(types)
        rows = self._read(
            "MATCH (e:Entity) WHERE ($types IS NULL OR e.type IN $types) AND ($level IS NULL OR e.level = $level) "
            "AND ($q IS NULL OR e.name CONTAINS $q OR any(a IN coalesce(e.aliases, []) WHERE a CONTAINS $q)) "
            "RETURN properties(e) AS p",
            q=q or None, types=list(types) if types else None, level=level or None)
        return rank_page((_to_entity(row["p"]) for row in rows), q, limit, offset)

    def facts(self, keys=None, types=None, direction="both", year_from=None, year_to=None, status=None):
        self._check_filters(types, direction)
        rels = _fact_types(types)
        where = ("WHERE ($yf IS NULL OR (r.year IS NOT NULL AND r.year >= $yf)) "
                 "AND ($yt IS NULL OR (r.year IS NOT NULL AND r.year <= $yt)) "
                 "AND ($status IS NULL OR r.status = $status) ")
        tail = ("OPTIONAL MATCH (s:Sentence {key: r.sentence}) "
                "RETURN startNode(r).key AS source, endNode(r).key AS target, type(r) AS type, "
                "properties(r) AS r, s.text AS text, s.section AS section")
        if keys is None:
            query = f"MATCH (:Entity)-[r:{rels}]->(:Entity) {where}{tail}"
        else:
            pattern = {"out": f"-[r:{rels}]->", "in": f"<-[r:{rels}]-", "both": f"-[r:{rels}]-"}[direction]
            query = f"UNWIND $keys AS k MATCH (:Entity {{key: k}}){pattern}(:Entity) {where}WITH DISTINCT r {tail}"
        rows = self._read(query, keys=list(keys) if keys is not None else None,
                          yf=year_from, yt=year_to, status=status)
        unique = {}
        for row in rows:
            fact = _to_fact(row)
            unique[fact.fact_id] = fact
        return sorted(unique.values(), key=fact_sort_key)

    def sentences(self, keys):
        rows = self._read("UNWIND $keys AS k MATCH (s:Sentence {key: k}) RETURN properties(s) AS p", keys=list(keys))
        return {row["p"]["key"]: _record(Sentence, row["p"]) for row in rows}

    def mentions(self, entity_keys):
        rows = self._read("UNWIND $keys AS k MATCH (e:Entity {key: k})-[m:MENTIONED_IN]->(s:Sentence) "
                          "RETURN e.key AS entity, s.key AS sentence, m.start AS start, m.`end` AS end, m.text AS text",
                          keys=list(entity_keys))
        found = [Mention(r["entity"], r["sentence"], r["start"], r["end"], r["text"] or "") for r in rows]
        return sorted(found, key=lambda m: (m.sentence, m.start, m.entity))

    def region_hierarchy(self, key, direction="down"):
        if direction == "down":
            rows = self._read("MATCH (c:Region)-[:PART_OF*1..]->(:Region {key: $key}) "
                              "RETURN DISTINCT c.key AS key ORDER BY key", key=key)
            return [r["key"] for r in rows]
        chain, here = [], key
        while True:
            rows = self._read("MATCH (:Region {key: $key})-[:PART_OF]->(p:Region) RETURN p.key AS key ORDER BY key",
                              key=here)
            if not rows or rows[0]["key"] in chain:
                return chain
            here = rows[0]["key"]
            chain.append(here)

    def counts(self):
        nodes = {}
        for label in (ENTITY, *ENTITY_TYPES, REPORT, SENTENCE):
            nodes[label] = self._read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]
        rels = {}
        for rel in (*FACT_TYPES, IN, MENTIONED_IN, PART_OF):
            rels[rel] = self._read(f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n")[0]["n"]
        return {"nodes": nodes, "relationships": rels}

    # -- read-only Cypher, safe in layers ----------------------------------------------------
    def cypher(self, query, params=None, *, timeout=5.0, max_rows=1000):
        """Run a read-only query for power users.

        Layers: (1) no LOAD CSV, no admin commands or USE, only allowlisted procedures;
        (2) EXPLAIN must report a read-only query type; (3) a READ transaction with a server-side
        timeout; (4) at most `max_rows` rows, `truncated` set when more existed.
        """
        if not query or not query.strip():
            raise InvalidInput("query is empty")
        if _LOAD_CSV.search(query):
            raise ReadOnlyViolation("LOAD CSV is not allowed in read-only queries")
        if _ADMIN.search(query) or _USE.search(query):
            raise ReadOnlyViolation("administration commands and USE are not allowed in read-only queries")
        for name in _CALL.findall(query):
            if name.lower() not in ALLOWED_PROCEDURES:
                raise ReadOnlyViolation(f"procedure {name} is not allowed; allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}")
        params = params or {}
        try:
            _, summary, _ = self.driver.execute_query(neo4j.Query("EXPLAIN " + query, timeout=timeout), params,
                                                      database_=self.database, routing_=RoutingControl.READ)
        except neo4j_errors.CypherSyntaxError as exc:
            raise InvalidInput(f"Cypher syntax error: {exc.message}") from None
        except neo4j_errors.ClientError as exc:
            raise InvalidInput(f"query refused by Neo4j: {exc.message}") from None
        if summary.query_type != "r":
            raise ReadOnlyViolation(f"only read queries are allowed; this one is of type {summary.query_type!r}")

        @unit_of_work(timeout=timeout)
        def work(tx):
            result = tx.run(query, params)
            keys = list(result.keys())
            rows = []
            for record in result:
                if len(rows) == max_rows:
                    return keys, rows, True
                rows.append([_plain(v) for v in record.values()])
            return keys, rows, False

        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                columns, rows, truncated = session.execute_read(work)
        except neo4j_errors.ClientError as exc:
            if "TransactionTimedOut" in (exc.code or "") or "terminated" in (exc.message or "").lower():
                raise QueryTimeout(f"query stopped after the {timeout:g} s limit") from None
            if "Forbidden" in (exc.code or "") or "AccessMode" in (exc.code or ""):
                raise ReadOnlyViolation(f"query refused as not read-only: {exc.message}") from None
            raise InvalidInput(f"query failed: {exc.message}") from None
        return {"columns": columns, "rows": rows, "truncated": truncated}
