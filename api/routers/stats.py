"""Stats: counts of the graph."""

from __future__ import annotations

from fastapi import APIRouter

from pilotgraph import queries
from pilotgraph.api.deps import StoreDep
from pilotgraph.api.schemas import ERRORS, StatsResponse

router = APIRouter(prefix="/stats", tags=["stats"], responses=ERRORS)


@router.get("", response_model=StatsResponse, summary="Counts by type, level and year")
def stats(store: StoreDep):
    """Nodes by label, relationships by type, entities by type and level, facts by year and status."""
    return queries.stats(store)
