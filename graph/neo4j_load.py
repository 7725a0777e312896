"""Writing reports into Neo4j: one Cypher statement per chunk of reports, and the rows it takes.

`Neo4jStore.load_many` draws chunks of about `CHUNK_ROWS` rows from its batches (`chunks`),
prepares each chunk's rows without the database (`ChunkRows`, while the previous chunk is being
written), then in one transaction computes the entity rows (`entity_row`) against what the graph
holds and runs `LOAD_REPORTS`. Labels and relationship types come from the allowlist in
`graph.model`; every value is a parameter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from pilotgraph.graph.merge import Support, added_summary, encode_support
from pilotgraph.graph.model import (
    ENTITY, IN, MENTIONED_IN, PART_OF, REPORT, SENTENCE, Entity, ReportBatch, check_entity_type,
    check_fact_type,
)
from pilotgraph.graph.store import check_batch

#: rows per transaction when loading many reports; big enough for throughput, small enough for memory
CHUNK_ROWS = 20_000


def _load_reports_query() -> str:
    """One statement writing a chunk: its entities, reports, sentences, mentions, facts and PART_OF.

    Entities are MERGEd first (label from the allowlist, `check_entity_type`); their support and
    report lists are appended to on the server unless the row replaces them. The reports are new or
    were just deleted, and every key below them contains the report's key, so their nodes and
    relationships are CREATEd, not MERGEd (the Report and Sentence key constraints still refuse a
    concurrent duplicate). Rows refer to entities by position in `$entities`: no lookup per row.
    """
    return "\n".join([
        "CALL () { UNWIND range(0, size($entities) - 1) AS i WITH i, $entities[i] AS row "
        f"MERGE (e:{ENTITY} {{key: row.key}}) ON CREATE SET e:$(row.label) "
        "SET e += row.props, "
        "e.support = CASE WHEN row.replace THEN row.support ELSE coalesce(e.support, []) + row.support END, "
        "e.reports = CASE WHEN row.replace THEN row.reports ELSE coalesce(e.reports, []) + row.reports END "
        "WITH i, e ORDER BY i RETURN collect(e) AS entities }",
        # keys, report keys, sections and mention texts the server can rebuild are sent as null (see ChunkRows)
        f"CALL (entities) {{ UNWIND $reports AS report CREATE (r:{REPORT}) SET r = report[0] "
        "WITH entities, r, report UNWIND report[1] AS sentence WITH entities, r, report, sentence, sentence[0] AS p "
        f"CREATE (s:{SENTENCE}) SET s.key = coalesce(p[0], r.key + '#' + toString(p[3])), s.report = r.key, "
        "s.text = p[1], s.section = report[2][p[2]], s.start = p[3], s.`end` = p[4], s.year = p[5], s.status = p[6] "
        f"CREATE (s)-[:{IN}]->(r) "
        "WITH entities, s, sentence UNWIND sentence[1] AS m WITH entities[m[0]] AS e, s, m "
        f"CREATE (e)-[:{MENTIONED_IN} {{start: m[1], `end`: m[2], "
        "text: coalesce(m[3], substring(s.text, m[1] - s.start, m[2] - m[1]))}]->(s) }",
        # fact types come from the allowlist: check_batch refused any other before a row was built
        "CALL (entities) { UNWIND $reports AS report WITH entities, report, report[0].key AS rk "
        "UNWIND report[3] AS f WITH entities[f[1]] AS a, entities[f[2]] AS b, f, rk "
        "CREATE (a)-[r:$(f[0])]->(b) SET r.fact_id = f[3], r.year = f[4], r.status = f[5], r.report = rk, "
        "r.sentence = coalesce(f[6], rk + '#' + toString(f[7])), r.start = f[7], r.`end` = f[8] }",
        f"CALL (entities) {{ UNWIND $part_of AS p WITH entities[p[0]] AS c, entities[p[1]] AS parent "
        f"MERGE (c)-[:{PART_OF}]->(parent) }}",
    ])


LOAD_REPORTS = _load_reports_query()

def chunks(batches: Iterable[ReportBatch]) -> Iterator[list[ReportBatch]]:
    """Checked batches in groups of about `CHUNK_ROWS` rows; a key seen again starts a new group."""
    chunk: list[ReportBatch] = []
    keys: set[str] = set()
    rows = 0
    for batch in batches:
        check_batch(batch)
        size = len(batch.sentences) + len(batch.mentions) + len(batch.facts) + len(batch.entities)
        if chunk and (rows + size > CHUNK_ROWS or batch.report.key in keys):
            yield chunk
            chunk, keys, rows = [], set(), 0
        chunk.append(batch)
        keys.add(batch.report.key)
        rows += size
    if chunk:
        yield chunk


class ChunkRows:
    """A chunk's rows, prepared without the database (so while the previous chunk is written).

    Entities are referred to by their position in `keys` (sorted, so concurrent writers would lock
    in one order); the transaction adds the entity rows themselves (`parameters`).
    """

    def __init__(self, batches: list[ReportBatch]):
        self.batches = batches
        self.incoming: dict[str, Entity] = {}
        self.contributions: dict[str, Support] = defaultdict(dict)
        for b in batches:
            for e in b.entities:
                self.incoming.setdefault(e.key, e)
                self.contributions[e.key][b.report.key] = (sorted(set(e.aliases)), e.level)
        self.keys = sorted(self.incoming)
        # everything about the new supports that does not depend on the graph, computed here
        self.summaries = {key: added_summary(added) for key, added in self.contributions.items()}
        self.supports = {key: encode_support(added) for key, added in self.contributions.items()}
        position = {key: i for i, key in enumerate(self.keys)}
        # What the server can rebuild is sent as null: a sentence key that is report#start, a fact's
        # report and sentence key, a mention's text when it is its sentence's slice (BMP text only:
        # Cypher's substring counts UTF-16 units), sections by index into the report's list.
        # Duplicates within a report are dropped, the last one winning as SET would.
        self._reports = []
        for b in batches:
            report = b.report.key
            sections: dict[str | None, int] = {}
            sentences: dict[str, list] = {}
            by_key: dict[str, tuple[str, int, bool]] = {}
            for s in b.sentences:
                key = s.key if s.key != f"{report}#{s.start}" else None
                section = sections.setdefault(s.section, len(sections)) if s.section is not None else None
                sentences[s.key] = [[key, s.text, section, s.start, s.end, s.year, s.status], {}]
                by_key[s.key] = (s.text, s.start, len(s.text.encode("utf-16-le")) == 2 * len(s.text))
            for m in b.mentions:
                text, start, bmp = by_key[m.sentence]
                derived = bmp and text[m.start - start:m.end - start] == m.text
                sentences[m.sentence][1][(m.entity, m.start, m.end)] = [position[m.entity], m.start, m.end,
                                                                       None if derived else m.text]
            facts: dict[str, list] = {}
            for f in b.facts:
                sentence = f.sentence if f.sentence != f"{report}#{f.start}" else None
                facts[f.fact_id] = [check_fact_type(f.type), position[f.source], position[f.target], f.fact_id,
                                    f.year, f.status, sentence, f.start, f.end]
            # vars(), not asdict(): a shallow copy is all the driver needs, and asdict recurses
            self._reports.append([{**vars(b.report), "entity_keys": sorted({e.key for e in b.entities})},
                                  [[props, list(mentions.values())] for props, mentions in sentences.values()],
                                  list(sections), list(facts.values())])
        self._part_of = [list(p) for p in sorted({(position[p.child], position[p.parent])
                                                  for b in batches for p in b.part_of})]

    def parameters(self, entity_rows: list[dict]) -> dict:
        """Parameters of `LOAD_REPORTS`, given the entity rows (in `keys` order) the transaction computed."""
        return {"entities": entity_rows, "reports": self._reports, "part_of": self._part_of}


def entity_row(entity: Entity, support: list[str], *, replace: bool, unchanged: bool = False) -> dict:
    """A row of the entity MERGE: support and reports are appended, or with `replace` replace the stored.

    `unchanged`: the node already holds these properties, so they are not written again.
    """
    props = {} if unchanged else {"type": entity.type, "name": entity.name, "aliases": entity.aliases,
                                  "level": entity.level, "code": entity.code}
    return {"key": entity.key, "label": check_entity_type(entity.type), "replace": replace, "props": props,
            "support": support, "reports": entity.reports}
