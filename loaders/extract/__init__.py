"""Entity and relation extraction: a segmented `Document` -> an `Extraction`.

The extractor generalises from cues and patterns (see `entities` and `relations`), with one
lexicon of general words (`lexicon`), the gazetteer for regions and scope words, and a `Resolver`
for canonical names. Everything costly is built once (`Extractor`) and reused for every report.

Per sentence: two automaton passes (head words; cue words, leftmost-longest), the quote and
title patterns, then the name and relation rules over what they found. Regions come from one
gazetteer pass over the whole document. Relations carry the sentence as evidence and its period
as year and status (summary -> achieved, plan -> planned); a sentence outside any period takes the
report's first period. Agencies in short form (总局, 省局, 市局, 区局, 市发改委 …) are expanded from
the issuer (`entities.IssuerContext`); the issuer is the subject when a work report leaves it
implicit. Measured with `pilotgraph eval` (see `loaders/evaluate.py`); speed with
``tests/benchmarks/bench_extract.py``.

>>> from pilotgraph.loaders.document import Document, ReportMeta, SentenceSpan
>>> text = "开展电梯智慧监管改革全国试点。"
>>> doc = Document(path="x.txt", text=text, sha256="", encoding="utf-8",
...                meta=ReportMeta(key="x", issuer="杭州市市场监督管理局"),
...                sentences=[SentenceSpan(text, 0, len(text), "", 2021, "achieved")])
>>> ex = extract(doc)
>>> [(e.type, e.name, e.level) for e in ex.entities if e.type == "Pilot"]
[('Pilot', '电梯智慧监管改革全国试点', 'national')]
>>> [(r.type, r.source[1], r.target[1], r.year) for r in ex.relations]
[('RUNS', '杭州市市场监督管理局', '电梯智慧监管改革全国试点', 2021)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from pilotgraph.loaders.document import (Document, ExtractedEntity, ExtractedRelation, Extraction,
                                         SentenceSpan)
from pilotgraph.loaders.extract.entities import IssuerContext, Mention, SentenceScanner
from pilotgraph.loaders.extract.lexicon import Lexicon, load_lexicon
from pilotgraph.loaders.extract.relations import RelationFinder
from pilotgraph.loaders.resolve import Resolver, normalize, written

__all__ = ["Extractor", "extract", "default_extractor"]

_SENTENCE_END = re.compile(r"[^。；！？!?;\n]+[。；！？!?;]?")
_NATIONAL = ("中华人民共和国", "000000")
#: `normalize` and `written`, remembered: a report writes the same surface forms again and again
_normal = lru_cache(maxsize=1 << 16)(normalize)
_written = lru_cache(maxsize=1 << 16)(written)


@lru_cache(maxsize=1 << 16)
def _surfaces(raw: str, name: str) -> tuple[str, str, str]:
    """The forms a mention adds as aliases: as normalised, as written, and its name normalised."""
    return _normal(raw), _written(raw), _normal(name)


def _fallback_sentences(document: Document) -> list[SentenceSpan]:
    """Sentences when the document was not segmented (year/status from the first period)."""
    period = document.meta.periods[0] if document.meta.periods else None
    year = period.year if period else None
    status = ("planned" if period.kind == "plan" else "achieved") if period else None
    return [SentenceSpan(m.group(), m.start(), m.end(), "", year, status)
            for m in _SENTENCE_END.finditer(document.text) if m.group().strip()]


class Extractor:
    """Holds the compiled lexicon and scanner; call it once per document."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon()
        self.scanner = SentenceScanner(self.lexicon)

    def __call__(self, document: Document, *, gazetteer=None, resolver: Resolver | None = None) -> Extraction:
        meta = document.meta
        resolver = resolver if resolver is not None else Resolver()
        ctx = IssuerContext.from_meta(meta, gazetteer)
        sentences = document.sentences or _fallback_sentences(document)
        issuer = Mention("Agency", meta.issuer, -1, -1, level=meta.level or None) if meta.issuer else None

        def scope(word: str) -> Mention | None:
            record = None
            if gazetteer is not None:
                try:
                    record = gazetteer.scope(word, ctx.region_code or None)
                except Exception:  # noqa: BLE001 - a gazetteer without the word gives no scope
                    record = None
            if record is not None:
                return Mention("Region", record.name, -1, -1, level=record.level, code=record.code)
            if word == "全国":
                return Mention("Region", _NATIONAL[0], -1, -1, level="national", code=_NATIONAL[1])
            if word == "全省" and ctx.province:
                return Mention("Region", ctx.province, -1, -1, level="province")
            if word == "全市" and ctx.city:
                return Mention("Region", ctx.city, -1, -1, level="city")
            return None

        finder = RelationFinder(issuer, scope)
        first_period = meta.periods[0] if meta.periods else None
        regions_by_sentence = self._regions(document, sentences, gazetteer, ctx)

        entities: dict[tuple[str, str], ExtractedEntity] = {}
        relations: list[ExtractedRelation] = []
        seen_facts: set = set()

        # per entity: the entity, its spans and its aliases as sets (a long report mentions one entity
        # thousands of times: membership by set)
        records: dict[tuple[str, str], tuple[ExtractedEntity, set[tuple[int, int]], set[str]]] = {}
        text = document.text

        # (type, name as written) -> canonical name: the resolver answers a repeated name the same way
        # (its own memo), so each name of a report is resolved once
        canonical: dict[tuple[str, str], str] = {}

        def entity_of(mention: Mention, offset: int | None) -> tuple[str, str]:
            type_ = mention.type
            if type_ == "Region":
                name = mention.name
            else:
                written_as = (type_, mention.name)
                name = canonical.get(written_as)
                if name is None:
                    if type_ == "Agency":
                        name = resolver.alias("Agency", mention.name) or _normal(mention.name)
                    else:
                        name = resolver.resolve(type_, mention.name)
                    canonical[written_as] = name
            key = (type_, name)
            record = records.get(key)
            if record is None:
                entity = entities[key] = ExtractedEntity(type_, name, level=mention.level, code=mention.code)
                record = records[key] = (entity, set(), set())
            else:
                entity = record[0]
                if entity.level is None and mention.level:
                    entity.level = mention.level
            if offset is not None and mention.start >= 0:
                span = (offset + mention.start, offset + mention.end)
                spans = record[1]
                if span not in spans:
                    spans.add(span)
                    entity.mentions.append(span)
                aliases = record[2]
                subject = mention.subject
                # 余杭径山茶追溯系统: the name as written with its region is an alias too
                whole = _normal(text[offset + subject.start:span[1]]) \
                    if subject is not None and 0 <= subject.start and subject.end == mention.start else ""
                for surface in (*_surfaces(text[span[0]:span[1]], mention.name), whole):
                    if surface and surface != name and surface not in aliases:
                        aliases.add(surface)
                        entity.aliases.append(surface)
            return key

        for index, sentence in enumerate(sentences):
            scan = self.scanner.scan(sentence.text, ctx, regions_by_sentence.get(index, []))
            # recording a mention twice changes nothing, and a relation's ends are mostly these mentions
            recorded = {id(mention): (mention, entity_of(mention, sentence.start)) for mention in scan.mentions}
            year, status = sentence.year, sentence.status
            if year is None and first_period is not None:
                year = first_period.year
            if status is None:
                status = "planned" if first_period is not None and first_period.kind == "plan" else "achieved"
            if not scan.mentions:
                continue   # nothing named: no fact (a promotion without a source adds no region either)
            for rel_type, source, target in finder.find(scan):
                seen = recorded.get(id(source))
                src = seen[1] if seen and seen[0] is source else \
                    entity_of(source, sentence.start if source.start >= 0 else None)
                seen = recorded.get(id(target))
                tgt = seen[1] if seen and seen[0] is target else \
                    entity_of(target, sentence.start if target.start >= 0 else None)
                fact = (rel_type, src, tgt, sentence.start)
                if fact in seen_facts:
                    continue
                seen_facts.add(fact)
                relations.append(ExtractedRelation(rel_type, src, tgt, year, status, sentence))

        for region in finder.scopes:
            entity_of(region, None)
        relations = _merge_short_names(entities, relations)
        return Extraction(document=document, entities=list(entities.values()), relations=relations,
                          warnings=list(document.warnings))

    @staticmethod
    def _regions(document: Document, sentences: list[SentenceSpan], gazetteer, ctx) -> dict[int, list[Mention]]:
        """Region mentions from one gazetteer pass over the whole text, bucketed by sentence."""
        if gazetteer is None:
            return {}
        try:
            hits = gazetteer.find_all(document.text, ctx.region_code or None)
        except Exception:  # noqa: BLE001 - no regions rather than no extraction
            return {}
        starts = [s.start for s in sentences]
        out: dict[int, list[Mention]] = {}
        for hit in hits:
            start, end, record = hit[0], hit[1], hit[2]
            i = bisect_right(starts, start) - 1
            if i < 0 or end > sentences[i].end:
                continue
            base = sentences[i].start
            out.setdefault(i, []).append(Mention("Region", record.name, start - base, end - base,
                                                 level=record.level, code=record.code))
        return out


_DEFAULT: Extractor | None = None


def _merge_short_names(entities: dict, relations: list) -> list:
    """An organisation's short name (吉利汽车) seen beside its full name (宁波吉利汽车研究开发有限公司) in the same
    report is an alias of it: its mentions and facts move to the full name."""
    orgs = [e for e in entities.values() if e.type == "Organization"]
    companies = [e for e in orgs if e.name.endswith("公司")]   # only companies have short trade names
    moved: dict[tuple[str, str], tuple[str, str]] = {}
    for short in orgs if companies else ():
        if len(short.name) < 2 or short.name.endswith("公司"):
            continue
        longer = [e for e in companies if short.name in e.name]
        if len(longer) != 1:
            continue
        full = longer[0]
        for alias in (short.name, *short.aliases):
            if alias != full.name and alias not in full.aliases:
                full.aliases.append(alias)
        full.mentions.extend(m for m in short.mentions if m not in full.mentions)
        moved[short.ref] = full.ref
    if not moved:
        return relations
    for key in moved:
        entities.pop(key, None)
    kept, seen = [], set()
    for relation in relations:
        relation.source = moved.get(relation.source, relation.source)
        relation.target = moved.get(relation.target, relation.target)
        fact = (relation.type, relation.source, relation.target, relation.sentence.start)
        if fact not in seen and relation.source != relation.target:
            seen.add(fact)
            kept.append(relation)
    return kept


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(document: Document, *, gazetteer=None, resolver: Resolver | None = None) -> Extraction:
    """Entities (with mentions) and relations (with evidence) of one segmented document."""
    return default_extractor()(document, gazetteer=gazetteer, resolver=resolver)
