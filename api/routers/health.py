"""Health: the store answers, with its counts (what docker compose probes)."""

from __future__ import annotations

from fastapi import APIRouter

from pilotgraph.api.deps import StoreDep
from pilotgraph.api.schemas import ErrorResponse, HealthResponse
from pilotgraph.errors import PilotgraphError, StoreUnavailable

router = APIRouter(tags=["health"], responses={503: {"model": ErrorResponse, "description": "store unreachable"}})


@router.get("/health", response_model=HealthResponse, summary="Store reachable, with counts")
def health(store: StoreDep):
    """`ok` with node and relationship totals when the store answers; 503 in the error shape when not."""
    try:
        counts = store.counts()
    except PilotgraphError:
        raise
    except Exception as exc:  # a driver error: the server went away
        raise StoreUnavailable(f"the {store.kind} store does not answer: {exc}") from None
    return {"status": "ok", "store": store.kind, "nodes": counts["nodes"].get("Entity", 0),
            "relationships": sum(n for t, n in counts["relationships"].items()
                                 if t not in ("IN", "MENTIONED_IN", "PART_OF")),
            "counts": counts}
