"""Reports: the loaded reports, plans against outcomes, and loading through the API.

Loading (`POST /api/v1/reports`) is off unless PILOTGRAPH_API_TOKEN is set, and then needs
``Authorization: Bearer <token>``. There is no default token.
"""

from __future__ import annotations

import hmac
import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Header, Query, UploadFile

from pilotgraph import queries
from pilotgraph.api.deps import SettingsDep, StoreDep
from pilotgraph.api.schemas import ERRORS, ErrorResponse, LoadResponse, Page, PlanOutcomeResponse, ReportPublic
from pilotgraph.errors import ConfigurationError, InvalidInput, NotFound, Unauthorized

router = APIRouter(prefix="/reports", tags=["reports"], responses=ERRORS)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


class LoadingUnavailable(ConfigurationError):
    """The loaders' pipeline is not installed in this build."""

    code = "loading_unavailable"


@router.get("", response_model=Page[ReportPublic], summary="Loaded reports")
def list_reports(store: StoreDep):
    """Every loaded report with issuer, region, level and periods, ordered by key."""
    rows = [r.to_dict() for r in store.reports()]
    return {"data": rows, "count": len(rows)}


@router.get("/plans", response_model=PlanOutcomeResponse, summary="Plans in year N against later outcomes")
def plans(
    store: StoreDep,
    year: Annotated[int | None, Query(ge=1949, le=2100, description="year the plans are for")] = None,
    region: Annotated[str | None, Query(description="reports of this region (code or key) and its sub-regions")] = None,
    keys: Annotated[list[str] | None, Query(description="only plans touching these entities")] = None,
):
    """Every planned fact beside the first achieved fact of the same type and target that a
    report of that year or later gives (`exact` when the source matches too)."""
    return queries.plan_vs_outcome(store, keys, year=year, region=region)


def _check_token(settings, authorization: str | None) -> None:
    if not settings.api_token:
        raise NotFound("loading through the API is off; set PILOTGRAPH_API_TOKEN to turn it on")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.api_token.encode()):
        raise Unauthorized("loading needs the header `Authorization: Bearer <PILOTGRAPH_API_TOKEN>`")


@router.post("", response_model=LoadResponse, summary="Load report files (token required)", responses={
    401: {"model": ErrorResponse, "description": "missing or wrong bearer token"},
    503: {"model": ErrorResponse, "description": "the loaders are not available"},
})
async def upload_reports(
    store: StoreDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="report files (.txt, .docx) and optionally manifest.csv")],
    authorization: Annotated[str | None, Header(description="Bearer <PILOTGRAPH_API_TOKEN>")] = None,
):
    """Load reports through the loaders' pipeline, idempotently (same content: `unchanged`).
    Off (404) unless PILOTGRAPH_API_TOKEN is set; 401 without the right bearer token."""
    _check_token(settings, authorization)
    try:
        from pilotgraph.loaders.pipeline import load_paths
    except ImportError:
        raise LoadingUnavailable("loading through the API needs pilotgraph.loaders.pipeline, which this build "
                                 "does not have; load with the CLI instead") from None
    if not files:
        raise InvalidInput("no files uploaded")
    with tempfile.TemporaryDirectory(prefix="pilotgraph-upload-") as tmp:
        paths = []
        for upload in files:
            name = _SAFE_NAME.sub("_", Path(upload.filename or "report.txt").name).lstrip(".") or "report.txt"
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            if len(data) > MAX_UPLOAD_BYTES:
                raise InvalidInput(f"{name}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
            target = Path(tmp) / name
            target.write_bytes(data)
            if name != "manifest.csv":
                paths.append(target)
        summary = load_paths(store, paths, progress=False)
    answer = summary.to_dict()
    for row in answer["failures"] + answer["reports"]:  # name the uploaded file, not the temporary path
        row["path"] = Path(row["path"]).name
    return {"data": answer["reports"], "count": len(answer["reports"]), "failures": answer["failures"],
            "warnings": answer["warnings"], "totals": answer["totals"]}
