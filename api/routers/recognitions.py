"""Recognitions: awards and case selections by level, year and region."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from pilotgraph import queries
from pilotgraph.api.deps import StoreDep
from pilotgraph.api.schemas import ERRORS, Page, Recognition
from pilotgraph.queries.search import MAX_LIMIT

router = APIRouter(prefix="/recognitions", tags=["recognitions"], responses=ERRORS)


@router.get("", response_model=Page[Recognition], summary="Recognitions by level, year and region")
def recognitions(
    store: StoreDep,
    level: Annotated[Literal["district", "city", "province", "national", "zone"] | None,
                     Query(description="level of the award")] = None,
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    region: Annotated[str | None, Query(description="GB/T 2260 code or region key; sub-regions included",
                                        examples=["330108"])] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    """Every RECOGNIZED_AS observation with recipient, award, level, year and evidence."""
    return queries.recognitions(store, level=level, year=year, region=region, limit=limit, offset=offset)
