"""The Neo4j the tests get: reachable with auth, able to hold the constraints the stores create.

Also checks the CI rule of tests/conftest.py: with ``CI`` set, a skipped `neo4j` test fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

TESTS_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.neo4j
def test_bolt_answers_with_auth(neo4j_connection, neo4j_driver):
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS one", database_=neo4j_connection["database"])
    assert records[0]["one"] == 1
    assert set(neo4j_connection) == {"uri", "user", "password", "database"}
    wrong = neo4j.GraphDatabase.driver(neo4j_connection["uri"], auth=(neo4j_connection["user"], "wrong-password"))
    with wrong, pytest.raises(neo4j.exceptions.AuthError):
        wrong.verify_connectivity()


@pytest.mark.neo4j
def test_relationship_uniqueness_constraint_holds(neo4j_connection, neo4j_driver):
    db = neo4j_connection["database"]
    neo4j_driver.execute_query("CREATE CONSTRAINT neo4j_server_smoke IF NOT EXISTS "
                               "FOR ()-[r:NEO4J_SERVER_SMOKE]-() REQUIRE r.fact_id IS UNIQUE", database_=db)
    try:
        neo4j_driver.execute_query("CREATE (:SmokeA {name: '杭州市市场监管局'})-[:NEO4J_SERVER_SMOKE {fact_id: 'f1'}]->"
                                   "(:SmokeB {name: '电梯智慧监管试点'})", database_=db)
        with pytest.raises(neo4j.exceptions.ConstraintError):
            neo4j_driver.execute_query("MATCH (a:SmokeA), (b:SmokeB) "
                                       "CREATE (a)-[:NEO4J_SERVER_SMOKE {fact_id: 'f1'}]->(b)", database_=db)
        records, _, _ = neo4j_driver.execute_query("MATCH (a:SmokeA)-[:NEO4J_SERVER_SMOKE]->(b) RETURN a.name, b.name",
                                                   database_=db)
        assert [tuple(r.values()) for r in records] == [("杭州市市场监管局", "电梯智慧监管试点")]
    finally:
        neo4j_driver.execute_query("MATCH (n) WHERE n:SmokeA OR n:SmokeB DETACH DELETE n", database_=db)
        neo4j_driver.execute_query("DROP CONSTRAINT neo4j_server_smoke IF EXISTS", database_=db)


@pytest.mark.neo4j
def test_launcher_stops_cleanly_when_its_stdin_closes(neo4j_server_factory):
    """The server never outlives its parent: closing stdin (as a dying parent does) shuts Neo4j down."""
    if os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI points at another server; the launcher is not used")  # not reached in CI
    server = neo4j_server_factory(password="stdin-close-test-pw", page_cache="16m",
                                  java_opts="-Xms64m -Xmx384m -XX:+UseSerialGC")
    try:
        server.start(timeout=240)
        assert server.uri.startswith("bolt://127.0.0.1:")
    finally:
        server.process.stdin.close()
        returncode = server.process.wait(60)
    deadline = time.monotonic() + 5
    while "NEO4J_STOPPED" not in server.output_tail() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert returncode == 0, server.output_tail()
    assert "NEO4J_STOPPED" in server.output_tail()


def _run_skipping_neo4j_test(tmp_path, ci: str | None) -> subprocess.CompletedProcess:
    for name in ("conftest.py", "neo4j_server.py"):
        shutil.copy(TESTS_DIR / name, tmp_path / name)
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.neo4j\n"
        "def test_needs_neo4j():\n"
        "    pytest.skip('no server here')\n\n"
        "def test_plain():\n"
        "    pytest.skip('fine to skip')\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                           "-o", "markers=neo4j: needs neo4j", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_any_skip_fails_in_ci(tmp_path):
    done = _run_skipping_neo4j_test(tmp_path, ci="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 failed" in done.stdout and "skipped" not in done.stdout.splitlines()[-1]
    assert "skipped while CI is set" in done.stdout
    assert "neo4j-marked tests: passed=0 skipped=0 failed=1" in done.stdout


def test_neo4j_skip_is_a_skip_outside_ci(tmp_path):
    done = _run_skipping_neo4j_test(tmp_path, ci=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 skipped" in done.stdout
