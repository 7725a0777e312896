"""The FastAPI application: versioned JSON API under /api/v1, the views, /health.

>>> from pilotgraph.graph.local_store import LocalStore
>>> app = create_app(store=LocalStore(":memory:"))
>>> app.title
'pilotgraph'
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from pilotgraph.api.errors import install_error_handlers
from pilotgraph.graph.store import GraphStore
from pilotgraph.settings import Settings

API_VERSION = "v1"

TAGS = [
    {"name": "entities", "description": "Search, profile, timeline, lineage and spread of one entity (实体)."},
    {"name": "regions", "description": "What a region and its sub-regions originated (地区首创)."},
    {"name": "recognitions", "description": "Awards and case selections by level, year and region (荣誉)."},
    {"name": "paths", "description": "How two entities are connected, with evidence (关联路径)."},
    {"name": "stats", "description": "Counts by type, level and year (统计)."},
    {"name": "export", "description": "GraphML, GEXF, JSON and the region-year panel CSV (导出)."},
    {"name": "reports", "description": "Loaded reports, plans against outcomes, loading with a token (报告)."},
    {"name": "cypher", "description": "Read-only Cypher for power users; Neo4j store only."},
    {"name": "health", "description": "Store reachable, with counts."},
]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app. `store` is injected (tests pass one); else the configured store is opened
    on first use. CORS origins come from PILOTGRAPH_CORS_ORIGINS."""
    from pilotgraph.api.routers import ROUTERS
    from pilotgraph.settings import get_settings

    settings = settings or get_settings()
    app = FastAPI(
        title="pilotgraph",
        version="0.1.0",
        summary="试点政策知识图谱 API: lineage and diffusion of Chinese regulatory pilots, with evidence.",
        description=("Every answer carries its evidence (report, sentence text, offsets). Lists are "
                     "`{data, count}`; errors are `{error: {code, message, detail}}`. Entity keys contain "
                     "':' and Chinese: URL-encode them."),
        openapi_tags=TAGS,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    install_error_handlers(app)
    if settings.cors_origin_list:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    for router, prefix in ROUTERS:
        app.include_router(router, prefix=prefix)
    try:
        from pilotgraph.viz.routes import router as views
    except ImportError:  # a build without the views
        views = None
    if views is not None:
        app.include_router(views)

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """Close the store at shutdown, but only one the app opened itself (not an injected one)."""
    injected = getattr(app.state, "store", None)
    yield
    opened = getattr(app.state, "store", None)
    if opened is not None and opened is not injected:
        opened.close()
