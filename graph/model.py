"""The domain model: labels, relationship types, keys and the records that cross the store seam.

Labels and relationship types are an allowlist: nothing else ever reaches a Cypher string,
and values always travel as parameters.

>>> fact_id("r1", "r1#0", "RUNS", "agency:a", "pilot:b") == fact_id("r1", "r1#0", "RUNS", "agency:a", "pilot:b")
True
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Literal

from pilotgraph.errors import InvalidInput

#: entity type labels (every entity also carries ENTITY)
ENTITY = "Entity"
ENTITY_TYPES: tuple[str, ...] = (
    "Agency", "Region", "Pilot", "Platform", "Award", "Initiative", "Organization", "Document", "Event",
)
#: Chinese display names of the entity types, Chinese first
ENTITY_TYPE_LABELS_ZH: dict[str, str] = {
    "Agency": "机构", "Region": "行政区划", "Pilot": "试点", "Platform": "平台", "Award": "荣誉",
    "Initiative": "改革举措", "Organization": "组织", "Document": "文件", "Event": "活动",
}
REPORT = "Report"
SENTENCE = "Sentence"
NODE_LABELS: tuple[str, ...] = (ENTITY, *ENTITY_TYPES, REPORT, SENTENCE)

#: fact relationship types (annotation-guide.md), source -> target
FACT_TYPES: tuple[str, ...] = (
    "RUNS", "RECOGNIZED_AS", "PROMOTED_TO", "ABSORBED_INTO", "LOCATED_IN", "PARTICIPATES_IN", "SUCCEEDS",
)
FACT_TYPE_LABELS_ZH: dict[str, str] = {
    "RUNS": "开展", "RECOGNIZED_AS": "获评", "PROMOTED_TO": "推广至", "ABSORBED_INTO": "被吸纳入",
    "LOCATED_IN": "位于", "PARTICIPATES_IN": "参与", "SUCCEEDS": "演进自",
}
#: structural relationship types
IN = "IN"                    # (:Sentence)-[:IN]->(:Report)
MENTIONED_IN = "MENTIONED_IN"  # (:Entity)-[:MENTIONED_IN {start, end}]->(:Sentence)
PART_OF = "PART_OF"          # (:Region)-[:PART_OF]->(:Region)
REL_TYPES: tuple[str, ...] = (*FACT_TYPES, IN, MENTIONED_IN, PART_OF)

#: administrative levels, lowest first; `zone` is outside the hierarchy
LEVELS: tuple[str, ...] = ("district", "city", "province", "national")
LEVEL_LABELS_ZH: dict[str, str] = {
    "district": "区县级", "city": "市级", "province": "省级", "national": "国家级", "zone": "区域",
}
STATUSES: tuple[str, ...] = ("achieved", "planned")
Direction = Literal["out", "in", "both"]
DIRECTIONS: tuple[str, ...] = ("out", "in", "both")


def check_label(label: str) -> str:
    if label not in NODE_LABELS:
        raise InvalidInput(f"unknown node label {label!r}; expected one of {', '.join(NODE_LABELS)}")
    return label


def check_entity_type(label: str) -> str:
    if label not in ENTITY_TYPES:
        raise InvalidInput(f"unknown entity type {label!r}; expected one of {', '.join(ENTITY_TYPES)}")
    return label


def check_fact_type(rel_type: str) -> str:
    if rel_type not in FACT_TYPES:
        raise InvalidInput(f"unknown relationship type {rel_type!r}; expected one of {', '.join(FACT_TYPES)}")
    return rel_type


def check_direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise InvalidInput(f"unknown direction {direction!r}; expected one of out, in, both")
    return direction


def entity_key(type_: str, name: str) -> str:
    """Stable key of a non-region entity: its type and canonical name.

    Region keys are GB/T 2260 codes (`region:330108`) so renamed divisions keep their identity.
    """
    return f"{type_.lower()}:{name}"


def region_key(code: str) -> str:
    return f"region:{code}"


def sentence_key(report_key: str, start: int) -> str:
    return f"{report_key}#{start}"


def fact_id(report: str, sentence: str, rel_type: str, source: str, target: str) -> str:
    """Hash of (report, sentence, type, source, target): the fact's identity, so reloads MERGE."""
    raw = "\x1f".join((report, sentence, rel_type, source, target)).encode("utf-8")
    return hashlib.sha1(raw).hexdigest()


@dataclass(frozen=True)
class Period:
    year: int
    kind: Literal["summary", "plan"]


@dataclass
class Report:
    key: str
    sha256: str
    title: str = ""
    issuer: str = ""
    region: str = ""           # region key of the issuer's jurisdiction, e.g. region:330108
    level: str = ""            # district / city / province / national
    periods: list[str] = field(default_factory=list)  # ["2021:summary", "2022:plan"]
    path: str = ""
    date: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Sentence:
    key: str
    report: str
    text: str
    section: str               # section path, e.g. "一、2021年工作总结 / (一)数字化改革纵深推进"
    start: int                 # character offsets in the decoded file
    end: int
    year: int | None = None
    status: str | None = None  # achieved / planned

    def to_dict(self) -> dict:
        # every field is a str, an int or None: a shallow copy is what asdict gives, without its
        # recursion (a load writes one per sentence)
        return {"key": self.key, "report": self.report, "text": self.text, "section": self.section,
                "start": self.start, "end": self.end, "year": self.year, "status": self.status}


@dataclass
class Entity:
    key: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    code: str | None = None    # GB/T 2260 code for regions
    reports: list[str] = field(default_factory=list)  # report keys supporting this node

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Mention:
    entity: str                # entity key
    sentence: str              # sentence key
    start: int
    end: int
    text: str = ""             # surface form as written


@dataclass
class Fact:
    """One dated observation: a relationship between two entities, with its evidence."""

    fact_id: str
    type: str
    source: str                # entity key
    target: str                # entity key
    year: int | None
    status: str                # achieved / planned
    report: str                # report key
    sentence: str              # sentence key
    start: int | None = None   # offsets of the evidence sentence in the file
    end: int | None = None
    text: str | None = None    # evidence sentence text, filled in by reads
    section: str | None = None  # filled in by reads

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class PartOf:
    """An administrative hierarchy edge: child region -> parent region."""

    child: str
    parent: str


@dataclass
class ReportBatch:
    """Everything one report contributes: the unit of idempotent loading."""

    report: Report
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    part_of: list[PartOf] = field(default_factory=list)


@dataclass
class LoadResult:
    report: str
    status: Literal["created", "unchanged", "replaced", "failed"]
    sentences: int = 0
    entities: int = 0
    facts: int = 0
    error: str | None = None  # why the store refused it (status `failed`); the report's old version stays


@dataclass
class Subgraph:
    """Nodes and fact edges, the shape expansions and paths return."""

    nodes: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
