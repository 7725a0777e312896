"""Shared test set-up: the Neo4j plugin, and the rules for tests marked `neo4j`.

- With ``CI`` set, a skipped test is reported as failed: nothing skips silently there (Neo4j, Chromium).
- The terminal summary ends with one line counting the `neo4j` tests by outcome, which `.ci/run` checks.
"""

from __future__ import annotations

import os

import pytest

# tests/ is not a package, so its modules import by bare name (`neo4j_server`); were it one, by `tests.*`.
pytest_plugins = [f"{__package__}.neo4j_server" if __package__ else "neo4j_server"]

_NEO4J_OUTCOMES = pytest.StashKey[dict]()
_SEVERITY = {"passed": 0, "skipped": 1, "failed": 2}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # In CI nothing skips silently: a test that cannot run (no Neo4j, no Chromium ...) fails.
    if report.skipped and _in_ci() and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"test was skipped while CI is set; skip reason: {reason}"
    if item.get_closest_marker("neo4j") is None:
        return report
    if report.when == "call" or not report.passed:
        outcomes = item.config.stash.setdefault(_NEO4J_OUTCOMES, {})
        previous = outcomes.get(item.nodeid, "passed")
        outcomes[item.nodeid] = max(previous, report.outcome, key=_SEVERITY.__getitem__)
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    outcomes = config.stash.get(_NEO4J_OUTCOMES, {})
    if outcomes:
        counts = {name: sum(1 for o in outcomes.values() if o == name) for name in _SEVERITY}
        terminalreporter.write_line("neo4j-marked tests: " + " ".join(f"{k}={v}" for k, v in counts.items()))
