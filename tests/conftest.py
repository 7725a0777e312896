"""Shared test set-up: the Neo4j plugin and the rule that Neo4j tests never skip silently in CI."""

from __future__ import annotations

import os

import pytest

# tests/ is not a package, so its modules import by bare name (`neo4j_server`); were it one, by `tests.*`.
pytest_plugins = [f"{__package__}.neo4j_server" if __package__ else "neo4j_server"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """With ``CI`` set, a skipped test marked `neo4j` is reported as failed, with the skip's reason."""
    report = yield
    if report.skipped and _in_ci() and item.get_closest_marker("neo4j") and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"test marked neo4j was skipped while CI is set; skip reason: {reason}"
    return report
