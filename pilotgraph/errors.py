"""One exception root for pilotgraph; the API maps these to HTTP in exactly one handler.

Every message names what was wrong and, where a user can act, what to do.
"""

from __future__ import annotations


class PilotgraphError(Exception):
    """Root of every error pilotgraph raises on purpose."""

    #: machine-readable code used in the API's error shape
    code = "error"
    #: HTTP status the API answers with
    http_status = 500

    def __init__(self, message: str, *, detail: object | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class ConfigurationError(PilotgraphError):
    """A setting is missing, malformed, or points at something unusable (server, path)."""

    code = "configuration_error"
    http_status = 503


class StoreUnavailable(ConfigurationError):
    """The configured graph store cannot be reached or opened."""

    code = "store_unavailable"


class NotFound(PilotgraphError):
    """A key (entity, report, region) does not exist in the store."""

    code = "not_found"
    http_status = 404


class InvalidInput(PilotgraphError):
    """A parameter or a value in an input file is not acceptable."""

    code = "invalid_input"
    http_status = 422


class LoadError(InvalidInput):
    """A report file could not be read or parsed; names the file and the field."""

    code = "load_error"

    def __init__(self, message: str, *, path: str | None = None, field: str | None = None,
                 detail: object | None = None):
        prefix = f"{path}: " if path else ""
        where = f"{field}: " if field else ""
        super().__init__(f"{prefix}{where}{message}", detail=detail)
        self.path = path
        self.field = field


class ReadOnlyViolation(PilotgraphError):
    """A query submitted as read-only would write or call a disallowed procedure."""

    code = "read_only_violation"
    http_status = 403


class QueryTimeout(PilotgraphError):
    """A read-only query ran past its time limit and was stopped by the server."""

    code = "query_timeout"
    http_status = 408


class NotSupported(PilotgraphError):
    """The operation exists only on another store (read-only Cypher needs Neo4j)."""

    code = "not_supported"
    http_status = 501


class Unauthorized(PilotgraphError):
    """A protected endpoint was called without the configured bearer token."""

    code = "unauthorized"
    http_status = 401
