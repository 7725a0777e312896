"""The views' router: HTML pages and the package's own static assets.

The API app includes `router`; every page and asset is served from this process, so the views
work on an intranet with no internet access.
"""

from __future__ import annotations

import mimetypes
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse, Response

from pilotgraph.api.deps import StoreDep
from pilotgraph.errors import NotFound, PilotgraphError
from pilotgraph.viz import pages
from pilotgraph.viz.render import STATIC_DIR, render

router = APIRouter(tags=["views 页面"], include_in_schema=False)


def _html(text: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status_code)


def _page(template: str, gather, *args, **kwargs) -> HTMLResponse:
    """Render a page; pilotgraph's own errors become an HTML page with the same status the API uses."""
    try:
        context = gather(*args, **kwargs)
    except PilotgraphError as exc:
        return _html(render("error.html", error=exc, status=exc.http_status), exc.http_status)
    return _html(render(template, **context))


@router.get("/", response_class=HTMLResponse)
def home(store: StoreDep, q: str | None = None, type: str | None = None) -> HTMLResponse:
    """Home: search and corpus statistics (首页)."""
    return _page("home.html", pages.home, store, q=q, type_=type or None)


@router.get("/viz-static/{path:path}")
def static_asset(path: str) -> Response:
    """Vendored and own assets (vis-network, CSS, JS), from the package directory only."""
    target = (STATIC_DIR / path).resolve()
    if STATIC_DIR.resolve() not in target.parents or not target.is_file():
        raise NotFound(f"no static asset {path!r}")
    media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.suffix == ".js":
        media_type = "text/javascript"
    return FileResponse(target, media_type=media_type,
                        headers={"Cache-Control": "public, max-age=3600"})


@router.get("/view/entity/{key:path}", response_class=HTMLResponse)
def entity_page(store: StoreDep, key: str, depth: Annotated[int, Query(ge=1, le=pages.MAX_DEPTH)] = 1,
                max_nodes: Annotated[int, Query(ge=1, le=6000)] = 300) -> HTMLResponse:
    """An entity: profile, timeline and interactive neighbourhood graph (实体)."""
    return _page("entity.html", pages.entity, store, key, depth=depth, max_nodes=max_nodes)


@router.get("/view/lineage/{key:path}", response_class=HTMLResponse)
def lineage_page(store: StoreDep, key: str, depth: Annotated[int, Query(ge=1, le=pages.MAX_DEPTH)] = 2,
                 direction: Annotated[str, Query(pattern="^(up|down|both)$")] = "both",
                 year_from: int | None = None, year_to: int | None = None,
                 max_nodes: Annotated[int, Query(ge=1, le=2000)] = 300) -> HTMLResponse:
    """A lineage laid out by administrative level (bands) and year (left to right) (演进)."""
    return _page("lineage.html", pages.lineage, store, key, direction=direction, depth=depth,
                 year_from=year_from, year_to=year_to, max_nodes=max_nodes)


@router.get("/view/region/{code:path}", response_class=HTMLResponse)
def region_page(store: StoreDep, code: str,
                sort: Annotated[str, Query(pattern="^(year|level|name|recognitions)$")] = "year") -> HTMLResponse:
    """What a region originated and how far each programme went (地区首创)."""
    return _page("region.html", pages.region, store, code, sort=sort)


@router.get("/briefing", response_class=HTMLResponse)
def briefing_page(store: StoreDep, region: str | None = None, year_from: int | None = None,
                  year_to: int | None = None) -> HTMLResponse:
    """The leadership briefing for a region (or the corpus) and a year range (领导简报)."""
    from pilotgraph.viz.briefing import briefing, render_briefing

    try:
        data = briefing(store, region or None, year_from, year_to)
    except PilotgraphError as exc:
        return _html(render("error.html", error=exc, status=exc.http_status), exc.http_status)
    return _html(render_briefing(data))


@router.get("/view/evidence")
def edge_evidence(store: StoreDep, source: str, target: str, type: str) -> dict:
    """Evidence of one drawn edge, fetched by big views when the edge is clicked (JSON)."""
    return pages.edge_evidence(store, source, target, type)
