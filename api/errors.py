"""The one place errors become HTTP answers, all in one shape:

``{"error": {"code": "not_found", "message": "no entity with key 'x'", "detail": null}}``

`PilotgraphError` subclasses carry their own code and status; FastAPI's validation errors become
422 `invalid_input` with the failing fields in `detail`; unknown routes 404 `not_found`.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pilotgraph.errors import PilotgraphError, Unauthorized


def error_body(code: str, message: str, detail: object | None = None) -> dict:
    return {"error": {"code": code, "message": message, "detail": jsonable_encoder(detail)}}


async def _pilotgraph_error(request: Request, exc: PilotgraphError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
    return JSONResponse(error_body(exc.code, exc.message, exc.detail), status_code=exc.http_status,
                        headers=headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [{"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
                for err in exc.errors()]
    where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in problems)
    return JSONResponse(error_body("invalid_input", f"invalid request: {where}", problems), status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}.get(
        exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no route {request.url.path}; see /docs for the API"
    return JSONResponse(error_body(code, message), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers: the one mapping from exceptions to the error shape."""
    app.add_exception_handler(PilotgraphError, _pilotgraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
