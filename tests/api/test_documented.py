"""Every route is in OpenAPI with a tag and a description; every CLI command has --help text."""

from __future__ import annotations

import typer
from typer.main import get_command
from typer.testing import CliRunner

from pilotgraph.api.cli import app as cli_app

EXPECTED = {
    ("get", "/api/v1/entities"), ("get", "/api/v1/entities/{key}"), ("get", "/api/v1/entities/{key}/timeline"),
    ("get", "/api/v1/entities/{key}/lineage"), ("get", "/api/v1/entities/{key}/spread"),
    ("get", "/api/v1/regions/{code}/originated"), ("get", "/api/v1/recognitions"), ("get", "/api/v1/path"),
    ("get", "/api/v1/stats"), ("get", "/api/v1/export"), ("post", "/api/v1/cypher"), ("post", "/api/v1/reports"),
    ("get", "/api/v1/reports"), ("get", "/api/v1/reports/plans"), ("get", "/health"),
}


def test_every_route_is_documented_with_a_tag(client):
    schema = client.get("/openapi.json").json()
    declared_tags = {t["name"] for t in schema["tags"]}
    found = set()
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            found.add((method, path))
            assert op.get("tags"), f"{method} {path} has no tag"
            assert set(op["tags"]) <= declared_tags, f"{method} {path} uses an undeclared tag"
            assert op.get("description") and op.get("summary"), f"{method} {path} has no description"
            if path.startswith("/api/v1"):
                assert "422" in op["responses"], f"{method} {path} does not document the error shape"
    assert EXPECTED <= found, EXPECTED - found
    assert "ErrorResponse" in schema["components"]["schemas"]


def test_every_api_route_is_in_openapi(client):
    from fastapi.routing import APIRoute

    from pilotgraph.api.routers import ROUTERS

    schema_paths = set(client.get("/openapi.json").json()["paths"])
    seen = 0
    for router, prefix in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute):
                seen += 1
                assert route.include_in_schema, route.path
                assert (prefix + route.path).replace(":path}", "}") in schema_paths, prefix + route.path
    assert seen >= len(EXPECTED)


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if getattr(cmd, "commands", None):  # a group (Typer vendors its own click)
            yield from _commands(cmd, (*prefix, name))


def test_every_cli_command_has_help():
    root = get_command(cli_app)
    runner = CliRunner()
    names = []
    for path, cmd in _commands(root):
        names.append(" ".join(path))
        assert (cmd.help or "").strip(), f"`pilotgraph {' '.join(path)}` has no help text"
        result = runner.invoke(cli_app, [*path, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output
        for param in cmd.params:
            if getattr(param, "param_type_name", "") == "option" and param.name != "help":
                assert (param.help or "").strip(), f"option {param.name} of `{' '.join(path)}` has no help"
    for expected in ("query timeline", "query lineage", "query spread", "query originated", "query recognitions",
                     "query path", "query search", "export", "serve"):
        assert expected in names


def test_typer_is_the_cli():
    assert isinstance(cli_app, typer.Typer)
