"""The API's response and request models: what `/docs` shows and what clients can rely on.

Names follow `XPublic` for records and `XResponse` for query answers; lists are `{data, count}`.
The queries return plain dicts of exactly these shapes; the models validate and document them.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

_ENTITY_EXAMPLE = {"key": "pilot:电梯智慧监管改革全国试点", "type": "Pilot", "name": "电梯智慧监管改革全国试点",
                   "aliases": ["电梯智慧监管试点"], "level": "national", "code": None}
_EVIDENCE_EXAMPLE = {"report": "hangzhou-amr-2021-summary-2022-plan.txt",
                     "sentence": "hangzhou-amr-2021-summary-2022-plan.txt#812",
                     "section": "一、2021年工作总结 / (一)数字化改革纵深推进",
                     "text": "开展电梯智慧监管改革全国试点,迭代“一图一库一码六大应用场景”。",
                     "start": 812, "end": 845}


class Page(BaseModel, Generic[T]):
    """One list shape for every list: the page of items and the total before paging."""

    data: list[T]
    count: int = Field(description="number of matching items before limit/offset")


class EntityPublic(BaseModel):
    """An entity: stable key, type label, canonical name, aliases, administrative level."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ENTITY_EXAMPLE]})

    key: str = Field(description="stable key, e.g. `pilot:…` or `region:330108` (GB/T 2260)")
    type: str = Field(description="entity type: Agency, Region, Pilot, Platform, Award, …")
    name: str
    aliases: list[str] = []
    level: str | None = Field(default=None, description="district / city / province / national / zone")
    code: str | None = Field(default=None, description="GB/T 2260 code of a region")


class EntityRef(BaseModel):
    """A short reference to an entity at the other end of a fact."""

    key: str
    type: str | None = None
    name: str
    level: str | None = None


class Evidence(BaseModel):
    """Where a fact was read: report key, section path, sentence text and character offsets."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EVIDENCE_EXAMPLE]})

    report: str
    sentence: str | None = None
    section: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class FactPublic(BaseModel):
    """A fact as an edge with its evidence."""

    fact_id: str
    type: str
    source: str
    target: str
    year: int | None = None
    status: str
    evidence: Evidence


class MentionSpan(BaseModel):
    text: str = ""
    start: int
    end: int


class ObservationEvidence(Evidence):
    mention: MentionSpan | None = Field(default=None, description="the mention, for MENTIONED observations")


class Observation(BaseModel):
    """One dated observation seen from `subject`: a fact, or (type MENTIONED) a dated mention."""

    fact_id: str | None = Field(default=None, description="null for MENTIONED observations")
    year: int | None = None
    status: str = Field(description="achieved (from a summary) or planned (from a plan)")
    type: str = Field(description="a relationship type, or MENTIONED")
    direction: str = Field(description="out: subject is the source; in: subject is the target")
    subject: str
    other: EntityRef | None = None
    evidence: ObservationEvidence


class Stage(EntityPublic):
    first_year: int | None = None
    last_year: int | None = None
    observations: int = 0


class TimelineResponse(BaseModel):
    """Every observation of a programme and its SUCCEEDS stages, ordered by year."""

    entity: EntityPublic
    stages: list[Stage]
    data: list[Observation]
    count: int


class EdgeObservation(BaseModel):
    fact_id: str
    year: int | None = None
    status: str
    evidence: Evidence


class LineageEdge(BaseModel):
    """One (type, origin, destination) edge with the observations behind it."""

    type: str
    origin: str
    destination: str
    first_year: int | None = None
    last_year: int | None = None
    observations: list[EdgeObservation]


class LineageNode(EntityPublic):
    id: str
    side: str = Field(description="root, upstream, downstream or both")
    distance: int
    in_edges: list[LineageEdge]
    out_edges: list[LineageEdge]


class LineageResponse(BaseModel):
    """Marquez-like lineage: nodes with their in/out edges, up to `depth` hops."""

    root: str
    direction: str
    depth: int
    as_of: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    nodes: list[LineageNode]
    count: int
    edge_count: int


class Origin(BaseModel):
    year: int | None = None
    actor: EntityRef | None = None
    region: EntityRef | None = None
    level: str | None = None
    evidence: FactPublic | None = None


class LevelReached(BaseModel):
    """When a level was first reached and by what: origin, designation, recognition, promotion, adoption."""

    level: str
    label: str
    reached: bool
    first_year: int | None = None
    kind: str | None = None
    via: EntityRef | None = None
    evidence: FactPublic | None = None


class YearsBetween(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    years: int | None = None


class Adopter(BaseModel):
    region: EntityRef
    first_year: int
    type: str
    evidence: FactPublic


class CurvePoint(BaseModel):
    year: int
    new: int
    cumulative: int


class SpreadResponse(BaseModel):
    """How far a programme spread across levels and regions, and when."""

    entity: EntityPublic
    stages: list[str]
    origin: Origin | None = None
    levels: list[LevelReached]
    highest_level: str | None = None
    highest_level_year: int | None = None
    years_between: list[YearsBetween]
    adopters: list[Adopter]
    adoption_curve: list[CurvePoint]


class RecognitionBrief(BaseModel):
    award: EntityRef
    level: str | None = None
    year: int | None = None
    evidence: FactPublic


class OriginatedItem(BaseModel):
    entity: EntityPublic
    first_year: int | None = None
    origin_region: EntityRef
    origin_actor: EntityRef
    highest_level: str | None = None
    highest_level_year: int | None = None
    levels: list[str]
    recognitions: list[RecognitionBrief]


class OriginatedResponse(BaseModel):
    """Programmes a region (with its sub-regions) ran first, and how far each went."""

    region: EntityPublic
    regions: list[str]
    data: list[OriginatedItem]
    count: int


class Recognition(BaseModel):
    recipient: EntityRef
    award: EntityRef
    level: str | None = None
    year: int | None = None
    status: str
    region: EntityRef | None = None
    evidence: Evidence
    fact_id: str


class PathStep(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    facts: list[FactPublic]


class PathResponse(BaseModel):
    """A shortest path between two entities, each step with the facts that join it."""

    source: str
    target: str
    found: bool
    length: int | None = None
    nodes: list[EntityPublic]
    steps: list[PathStep]


class FactCount(BaseModel):
    type: str
    direction: str
    count: int


class NeighbourRef(EntityRef):
    facts: int


class ProfileResponse(BaseModel):
    """An entity with a summary of what the graph knows about it."""

    entity: EntityPublic
    facts: int
    facts_by_type: list[FactCount]
    first_year: int | None = None
    last_year: int | None = None
    years: list[int]
    reports: list[str]
    mentions: int
    neighbours: list[NeighbourRef]
    parents: list[EntityRef]
    children: list[str]


class StatsResponse(BaseModel):
    """Counts by label and relationship type, entities by type and level, facts by year."""

    store: str
    nodes: dict[str, int]
    relationships: dict[str, int]
    entities_by_type: dict[str, int]
    entities_by_level: dict[str, int]
    facts_by_year: dict[str, dict[str, int]]
    facts_by_status: dict[str, int]


class PlanOutcome(BaseModel):
    plan: dict[str, Any]
    outcome: FactPublic | None = None
    match: str | None = None


class PlanOutcomeResponse(BaseModel):
    """Facts planned in year N beside what later reports say was achieved."""

    data: list[PlanOutcome]
    count: int
    achieved: int
    not_reported: int


class ReportPublic(BaseModel):
    key: str
    sha256: str
    title: str = ""
    issuer: str = ""
    region: str = ""
    level: str = ""
    periods: list[str] = []
    path: str = ""
    date: str = ""


class CypherRequest(BaseModel):
    """A read-only Cypher query with its parameters (values always travel as parameters)."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"query": "MATCH (p:Pilot) RETURN p.name AS name LIMIT $n", "params": {"n": 5}}]})

    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = {}


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="true when more rows existed than the configured cap")


class LoadResultPublic(BaseModel):
    report: str
    status: str
    sentences: int = 0
    entities: int = 0
    facts: int = 0


class LoadResponse(BaseModel):
    """What loading did: each report's status (created/unchanged/replaced), failures, warnings."""

    data: list[dict[str, Any]]
    count: int
    failures: list[dict[str, Any]] = []
    warnings: list[str] = []
    totals: dict[str, int] = {}


class HealthResponse(BaseModel):
    status: str = Field(description="ok when the store answered")
    store: str
    nodes: int
    relationships: int
    counts: dict[str, dict[str, int]]


class ErrorBody(BaseModel):
    code: str = Field(description="machine-readable code, e.g. not_found, invalid_input")
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    """The one error shape of the API."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"error": {"code": "not_found", "message": "no entity with key 'pilot:x'", "detail": None}}]})

    error: ErrorBody


#: documented error answers, attached to every router
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "unknown key or route"},
    422: {"model": ErrorResponse, "description": "invalid parameter"},
}
