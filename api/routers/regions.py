"""Regions: what a region (with its sub-regions) originated."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from pilotgraph import queries
from pilotgraph.api.deps import StoreDep
from pilotgraph.api.schemas import ERRORS, OriginatedResponse

router = APIRouter(prefix="/regions", tags=["regions"], responses=ERRORS)


@router.get("/{code}/originated", response_model=OriginatedResponse, summary="What a region originated")
def originated(
    store: StoreDep,
    code: Annotated[str, Path(description="GB/T 2260 code or region key", examples=["330108"])],
    include_subregions: Annotated[bool, Query(description="count programmes first run in sub-regions")] = True,
    sort: Annotated[Literal["year", "level", "name", "recognitions"], Query()] = "year",
    descending: bool = False,
):
    """Pilots, initiatives and platforms whose earliest RUNS observation belongs to the region (or
    a sub-region), each with its highest level reached and its recognitions."""
    return queries.originated(store, code, include_subregions=include_subregions, sort=sort,
                              descending=descending)
