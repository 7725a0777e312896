"""Entities: search, profile, and the lineage questions asked of one entity.

Keys contain ':' and Chinese (`pilot:电梯智慧监管改革全国试点`); send them URL-encoded.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from pilotgraph import queries
from pilotgraph.api.deps import StoreDep
from pilotgraph.api.schemas import (
    ERRORS, EntityPublic, LineageResponse, Page, ProfileResponse, SpreadResponse, TimelineResponse,
)
from pilotgraph.graph.model import ENTITY_TYPES, FACT_TYPES
from pilotgraph.queries.lineage import MAX_DEPTH
from pilotgraph.queries.search import MAX_LIMIT

router = APIRouter(prefix="/entities", tags=["entities"], responses=ERRORS)

EntityKey = Annotated[str, Path(description="entity key, URL-encoded, e.g. `pilot:电梯智慧监管改革全国试点`",
                                 examples=["pilot:电梯智慧监管改革全国试点"])]
EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
FactType = Literal[FACT_TYPES]  # type: ignore[valid-type]
Level = Literal["district", "city", "province", "national", "zone"]


@router.get("", response_model=Page[EntityPublic], summary="Search entities by name or alias")
def search_entities(
    store: StoreDep,
    q: Annotated[str | None, Query(description="name, alias or substring", examples=["电梯"])] = None,
    type: Annotated[EntityType | None, Query(description="entity type")] = None,
    level: Annotated[Level | None, Query(description="administrative level")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    """Entities whose canonical name or an alias equals or contains `q`: exact name first, then
    exact alias, name prefix, substring of the name, substring of an alias."""
    return queries.search(store, q, type=type, level=level, limit=limit, offset=offset)


@router.get("/{key:path}/timeline", response_model=TimelineResponse, summary="Timeline of a programme")
def timeline(
    store: StoreDep,
    key: EntityKey,
    follow_succeeds: Annotated[bool, Query(description="join the SUCCEEDS stages into one timeline")] = True,
    types: Annotated[list[FactType] | None, Query(description="relationship types to keep")] = None,
    status: Annotated[Literal["achieved", "planned"] | None, Query()] = None,
    year_from: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    include_mentions: Annotated[bool, Query(description="add dated sentences that only mention it (MENTIONED)")] = True,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")] = MAX_LIMIT,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    """Every dated observation of the entity and of the programmes it evolved from or into,
    ordered by year, each with its status (planned/achieved) and evidence."""
    return queries.timeline(store, key, follow_succeeds=follow_succeeds, types=types, status=status,
                            year_from=year_from, year_to=year_to, include_mentions=include_mentions,
                            limit=limit, offset=offset)


@router.get("/{key:path}/lineage", response_model=LineageResponse, summary="Lineage up and down")
def lineage(
    store: StoreDep,
    key: EntityKey,
    direction: Annotated[Literal["up", "down", "both"], Query(description="upstream, downstream or both")] = "both",
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="hops from the entity")] = 2,
    types: Annotated[list[FactType] | None, Query(description="relationship types to follow")] = None,
    as_of: Annotated[int | None, Query(ge=1949, le=2100, description="the graph as reports up to this year showed it")] = None,
    year_from: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1949, le=2100)] = None,
):
    """Upstream: who ran it first, what it evolved from, what was absorbed into it. Downstream:
    where it was promoted, what recognised it, what succeeded it, who adopted it. Nodes carry
    their in/out edges (Marquez's shape)."""
    return queries.lineage(store, key, direction=direction, depth=depth, types=types, as_of=as_of,
                           year_from=year_from, year_to=year_to)


@router.get("/{key:path}/spread", response_model=SpreadResponse, summary="Spread across levels and regions")
def spread(
    store: StoreDep,
    key: EntityKey,
    follow_succeeds: Annotated[bool, Query(description="count the SUCCEEDS stages as one programme")] = False,
):
    """Origin (region, level, year); the first year each level (district → city → province →
    national) was reached and by what evidence; years between levels; adopters with first year."""
    return queries.spread(store, key, follow_succeeds=follow_succeeds)


@router.get("/{key:path}", response_model=ProfileResponse, summary="Entity profile")
def profile(store: StoreDep, key: EntityKey):
    """The entity with a summary: facts by type and direction, years, reports, neighbours, and for
    regions their parents and sub-regions."""
    return queries.profile(store, key)
