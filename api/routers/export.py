"""Export: the graph (or a neighbourhood) as GraphML, GEXF or JSON; the region-year panel as CSV."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from pilotgraph.api.deps import StoreDep
from pilotgraph.api.schemas import ERRORS
from pilotgraph.queries.export import MEDIA_TYPES, export_graph
from pilotgraph.queries.panel import panel_csv, region_year_panel

router = APIRouter(prefix="/export", tags=["export"], responses=ERRORS)

_SUFFIX = {"graphml": "graphml", "gexf": "gexf", "json": "json", "panel-csv": "csv"}


@router.get("", summary="Export the graph or the region-year panel",
            responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()},
                             "description": "the file, as an attachment"}})
def export(
    store: StoreDep,
    format: Annotated[Literal["graphml", "gexf", "json", "panel-csv"], Query(description="file format")] = "graphml",
    keys: Annotated[list[str] | None, Query(description="export the neighbourhood of these entities "
                                                        "(graph formats) or these programmes (panel)")] = None,
    depth: Annotated[int, Query(ge=1, le=5, description="hops around `keys`")] = 1,
    level: Annotated[Literal["district", "city", "province", "national"] | None,
                     Query(description="panel: regions of this level only")] = None,
    year_from: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1949, le=2100)] = None,
) -> Response:
    """GraphML and GEXF (Gephi) via networkx, JSON nodes/edges, or `panel-csv`: one row per
    programme × region × year with `adopted` and `event` columns for event-history analysis."""
    if format == "panel-csv":
        body = panel_csv(region_year_panel(store, keys, level=level, year_from=year_from, year_to=year_to))
    else:
        body = export_graph(store, format, keys, depth)
    return Response(body, media_type=f"{MEDIA_TYPES[format]}; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="pilotgraph.{_SUFFIX[format]}"'})
