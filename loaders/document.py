"""The records a report becomes on its way through the loaders.

read -> `Document` (text + metadata) -> segment -> `SentenceSpan`s with section path and period
-> extract -> `Extraction` (entities with mentions, relations with evidence) -> resolve ->
`ReportBatch` for the store.

All offsets are character offsets into `Document.text`, the decoded file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pilotgraph.graph.model import Period


@dataclass
class ReportMeta:
    """Metadata of one report: from the manifest where given, else inferred from the text."""

    key: str                          # stable identity: manifest `key`/file name
    title: str = ""
    issuer: str = ""                  # full name of the issuing agency
    region: str = ""                  # canonical region name, e.g. 滨江区
    region_code: str = ""             # GB/T 2260 code, e.g. 330108
    level: str = ""                   # district / city / province / national
    periods: list[Period] = field(default_factory=list)
    date: str = ""
    source: str = ""
    #: field name -> "manifest" or "inferred", so users can check what was guessed
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass
class Section:
    """A heading and the span it governs; `path` joins the headings from the top, " / "-separated."""

    title: str
    path: str
    depth: int
    start: int
    end: int
    year: int | None = None
    kind: str | None = None           # summary / plan


@dataclass
class SentenceSpan:
    text: str
    start: int
    end: int
    section: str                      # section path
    year: int | None = None
    status: str | None = None         # achieved (summary) / planned (plan)


@dataclass
class Document:
    path: str
    text: str
    sha256: str                       # of the raw file bytes
    encoding: str
    meta: ReportMeta
    sections: list[Section] = field(default_factory=list)
    sentences: list[SentenceSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ExtractedEntity:
    type: str                         # an ENTITY_TYPES label
    name: str                         # canonical name
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    code: str | None = None           # GB/T 2260 code for regions
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in Document.text

    @property
    def ref(self) -> tuple[str, str]:
        return (self.type, self.name)


@dataclass
class ExtractedRelation:
    type: str                         # a FACT_TYPES name
    source: tuple[str, str]           # (type, canonical name)
    target: tuple[str, str]
    year: int | None
    status: str                       # achieved / planned
    sentence: SentenceSpan            # the evidence


@dataclass
class Extraction:
    document: Document
    entities: list[ExtractedEntity] = field(default_factory=list)
    relations: list[ExtractedRelation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
