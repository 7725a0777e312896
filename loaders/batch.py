"""Extraction -> ReportBatch: the records one report contributes to the graph.

Keys make loading idempotent (see graph/model.py): the report's key comes from the manifest's
``key`` column, else the file name; sentences are keyed by report and start offset; entities by
type and canonical name, regions by GB/T 2260 code; facts by `fact_id`. Every region the report
touches (its own, and every region entity) brings its ancestors and the PART_OF edges between
them, when a gazetteer is given, so the hierarchy is always complete in the store.

>>> from pilotgraph.loaders.document import Document, ExtractedEntity, ReportMeta, SentenceSpan
>>> doc = Document(path="a.txt", text="开展试点。", sha256="x", encoding="utf-8", meta=ReportMeta(key="a.txt"),
...                sentences=[SentenceSpan("开展试点。", 0, 5, "", 2021, "achieved")])
>>> batch = build_batch(Extraction(document=doc, entities=[ExtractedEntity("Pilot", "试点", mentions=[(2, 4)])]))
>>> batch.entities[0].key, batch.mentions[0].sentence
('pilot:试点', 'a.txt#0')
"""

from __future__ import annotations

import bisect
from typing import Any

from pilotgraph.graph.model import (
    ENTITY_TYPES, FACT_TYPES, STATUSES, Entity, Fact, Mention, PartOf, Report, ReportBatch, Sentence, entity_key, fact_id, region_key,
    sentence_key,
)
from pilotgraph.loaders.document import Document, Extraction, SentenceSpan

STATUS_OF_KIND = {"summary": "achieved", "plan": "planned"}


def report_record(document: Document) -> Report:
    meta = document.meta
    return Report(
        key=meta.key,
        sha256=document.sha256,
        title=meta.title,
        issuer=meta.issuer,
        region=region_key(meta.region_code) if meta.region_code else "",
        level=meta.level,
        periods=[f"{p.year}:{p.kind}" for p in meta.periods],
        path=document.path,
        date=meta.date,
    )


def key_of(type_: str, name: str, code: str | None = None) -> str:
    """The store key of an extracted entity: regions with a code by code, the rest by name."""
    if type_ == "Region" and code:
        return region_key(code)
    return entity_key(type_, name)


def _region_records(gazetteer: Any, code: str) -> tuple[list[Entity], list[PartOf]]:
    """A region and its ancestors as entities, with the PART_OF edges between them."""
    if gazetteer is None or not code:
        return [], []
    try:
        entities = list(gazetteer.region_entities(code))
        edges = list(gazetteer.part_of_edges(code))
    except Exception:  # a code the gazetteer does not know: the region stands alone
        return [], []
    return entities, edges


class _Entities:
    """Entities of one batch by key, merging duplicates (aliases union, first level/code kept)."""

    def __init__(self, report: str):
        self.report = report
        self.by_key: dict[str, Entity] = {}

    def add(self, entity: Entity) -> Entity:
        entity.reports = [self.report]
        known = self.by_key.get(entity.key)
        if known is None:
            self.by_key[entity.key] = entity
            return entity
        for alias in entity.aliases:
            if alias not in known.aliases and alias != known.name:
                known.aliases.append(alias)
        known.level = known.level or entity.level
        known.code = known.code or entity.code
        return known


def build_batch(extraction: Extraction, *, gazetteer: Any = None) -> ReportBatch:
    """The ReportBatch of one extraction; warnings about dropped records go to `extraction.warnings`."""
    document = extraction.document
    report = report_record(document)
    key = report.key
    batch = ReportBatch(report=report)

    spans: list[SentenceSpan] = sorted(document.sentences, key=lambda s: s.start)
    starts = [s.start for s in spans]
    batch.sentences = [
        Sentence(key=sentence_key(key, s.start), report=key, text=s.text, section=s.section, start=s.start,
                 end=s.end, year=s.year, status=s.status)
        for s in spans
    ]

    def sentence_at(start: int, end: int) -> SentenceSpan | None:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and spans[i].start <= start and end <= spans[i].end:
            return spans[i]
        return None

    entities = _Entities(key)
    part_of: dict[tuple[str, str], PartOf] = {}

    def add_regions(code: str) -> None:
        records, edges = _region_records(gazetteer, code)
        for record in records:
            entities.add(Entity(key=record.key, type=record.type, name=record.name, aliases=list(record.aliases),
                                level=record.level, code=record.code))
        for edge in edges:
            part_of[(edge.child, edge.parent)] = edge

    if document.meta.region_code:
        add_regions(document.meta.region_code)

    keys: dict[tuple[str, str], str] = {}
    mentions: dict[tuple[str, int, int], Mention] = {}
    outside = 0
    dropped: list[str] = []
    for extracted in extraction.entities:
        if extracted.type not in ENTITY_TYPES or not extracted.name:
            dropped.append(f"entity {extracted.type}:{extracted.name!r}")
            continue
        ekey = key_of(extracted.type, extracted.name, extracted.code)
        keys[extracted.ref] = ekey
        entities.add(Entity(key=ekey, type=extracted.type, name=extracted.name,
                            aliases=[a for a in extracted.aliases if a != extracted.name],
                            level=extracted.level, code=extracted.code))
        if extracted.type == "Region" and extracted.code:
            add_regions(extracted.code)
        for start, end in extracted.mentions:
            span = sentence_at(start, end)
            if span is None:
                outside += 1
                continue
            mentions.setdefault((ekey, start, end), Mention(entity=ekey, sentence=sentence_key(key, span.start),
                                                            start=start, end=end, text=document.text[start:end]))
    batch.mentions = sorted(mentions.values(), key=lambda m: (m.start, m.end, m.entity))
    if outside:
        extraction.warnings.append(f"{document.path}: {outside} mention(s) outside every sentence were dropped")

    facts: dict[str, Fact] = {}
    defaulted = 0
    known_starts = set(starts)
    for relation in extraction.relations:
        ends = []
        if relation.source[0] not in ENTITY_TYPES or relation.target[0] not in ENTITY_TYPES:
            dropped.append(f"{relation.type} fact between {relation.source[0]!r} and {relation.target[0]!r}")
            continue
        for ref in (relation.source, relation.target):
            ekey = keys.get(tuple(ref))
            if ekey is None:  # an endpoint the extractor did not list: it still needs a node
                ekey = key_of(ref[0], ref[1])
                keys[tuple(ref)] = ekey
                entities.add(Entity(key=ekey, type=ref[0], name=ref[1]))
            ends.append(ekey)
        if relation.type not in FACT_TYPES:
            dropped.append(f"relation type {relation.type!r}")
            continue
        evidence = relation.sentence
        if evidence.start not in known_starts:  # evidence that is not one of the document's sentences
            evidence = sentence_at(evidence.start, evidence.end) or sentence_at(evidence.start, evidence.start)
            if evidence is None:
                dropped.append(f"{relation.type} fact with evidence outside every sentence")
                continue
        skey = sentence_key(key, evidence.start)
        year = relation.year if relation.year is not None else evidence.year
        status = relation.status if relation.status in STATUSES else evidence.status
        if status not in STATUSES:
            status = "achieved"
            defaulted += 1
        fid = fact_id(key, skey, relation.type, ends[0], ends[1])
        facts.setdefault(fid, Fact(fact_id=fid, type=relation.type, source=ends[0], target=ends[1], year=year,
                                   status=status, report=key, sentence=skey, start=evidence.start,
                                   end=evidence.end))
    if dropped:
        extraction.warnings.append(f"{document.path}: dropped {len(dropped)} invalid record(s): "
                                   + "; ".join(sorted(set(dropped))[:5]))
    if defaulted:
        extraction.warnings.append(f"{document.path}: {defaulted} fact(s) in sentences without a period were "
                                   "taken as achieved")
    batch.facts = list(facts.values())
    batch.entities = sorted(entities.by_key.values(), key=lambda e: e.key)
    batch.part_of = sorted(part_of.values(), key=lambda p: (p.child, p.parent))
    return batch
