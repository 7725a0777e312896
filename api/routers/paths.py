"""Paths: how two entities are connected, with the evidence of each step."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from pilotgraph import queries
from pilotgraph.api.deps import StoreDep
from pilotgraph.api.schemas import ERRORS, PathResponse
from pilotgraph.graph.model import FACT_TYPES
from pilotgraph.queries.path import MAX_DEPTH

router = APIRouter(prefix="/path", tags=["paths"], responses=ERRORS)


@router.get("", response_model=PathResponse, summary="Shortest path between two entities")
def path(
    store: StoreDep,
    source: Annotated[str, Query(description="entity key", examples=["region:330108"])],
    target: Annotated[str, Query(description="entity key", examples=["region:100000"])],
    types: Annotated[list[Literal[FACT_TYPES]] | None, Query()] = None,  # type: ignore[valid-type]
    max_depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 6,
    year_from: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1949, le=2100)] = None,
):
    """A shortest undirected path over facts (the same one on every store), with every fact that
    joins each pair of consecutive entities. `found` is false when none exists within `max_depth`."""
    return queries.path(store, source, target, types=types, max_depth=max_depth, year_from=year_from,
                        year_to=year_to)
