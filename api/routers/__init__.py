"""One APIRouter per resource, collected in `ROUTERS` (mounted by `create_app`)."""

from pilotgraph.api.routers import (
    cypher, entities, export, health, paths, recognitions, regions, reports, stats,
)

#: (router, prefix) in the order they appear in the OpenAPI document
ROUTERS = [
    (entities.router, "/api/v1"),
    (regions.router, "/api/v1"),
    (recognitions.router, "/api/v1"),
    (paths.router, "/api/v1"),
    (stats.router, "/api/v1"),
    (export.router, "/api/v1"),
    (reports.router, "/api/v1"),
    (cypher.router, "/api/v1"),
    (health.router, ""),
]
