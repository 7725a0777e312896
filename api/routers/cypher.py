"""Read-only Cypher for power users (Neo4j store only)."""

from __future__ import annotations

from fastapi import APIRouter

from pilotgraph.api.deps import SettingsDep, StoreDep
from pilotgraph.api.schemas import CypherRequest, CypherResponse, ErrorResponse

router = APIRouter(prefix="/cypher", tags=["cypher"], responses={
    403: {"model": ErrorResponse, "description": "the query would write or call a disallowed procedure"},
    408: {"model": ErrorResponse, "description": "the query ran past the time limit and was stopped"},
    422: {"model": ErrorResponse, "description": "syntax error or invalid request"},
    501: {"model": ErrorResponse, "description": "the embedded store has no Cypher"},
})


@router.post("", response_model=CypherResponse, summary="Run read-only Cypher")
def cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep):
    """Safe in layers: no LOAD CSV, admin commands or non-allowlisted procedures; an EXPLAIN check
    that the query is read-only; a READ transaction with a server-side timeout
    (PILOTGRAPH_CYPHER_TIMEOUT); at most PILOTGRAPH_CYPHER_MAX_ROWS rows, `truncated` when more
    existed. On the embedded store it answers 501."""
    return store.cypher(body.query, body.params, timeout=settings.cypher_timeout,
                        max_rows=settings.cypher_max_rows)
