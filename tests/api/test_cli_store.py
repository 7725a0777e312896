"""The store commands of the CLI: stats, reports, delete."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pilotgraph.api.cli import app
from pilotgraph.graph.local_store import LocalStore
from tests.graph import dataset as d

runner = CliRunner()


def test_stats_json_on_an_empty_embedded_store(tmp_path):
    result = runner.invoke(app, ["--db", str(tmp_path / "g.sqlite"), "stats", "--json"], env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert counts["store"] == "local"
    assert counts["nodes"]["Pilot"] == 0 and counts["relationships"]["RUNS"] == 0


def test_stats_reports_and_delete_on_loaded_data(tmp_path):
    db = tmp_path / "g.sqlite"
    with LocalStore(db) as store:
        store.load_many(d.all_batches())
    env = {"NEO4J_URI": ""}
    counts = json.loads(runner.invoke(app, ["--db", str(db), "stats", "--json"], env=env).output)
    assert counts["nodes"]["Report"] == 3 and counts["relationships"]["RECOGNIZED_AS"] == 2
    listed = json.loads(runner.invoke(app, ["--db", str(db), "reports", "--json"], env=env).output)
    assert listed["count"] == 3 and listed["data"][0]["key"] == "city-2021"
    deleted = runner.invoke(app, ["--db", str(db), "delete", "dist-2025"], env=env)
    assert deleted.exit_code == 0 and "facts 4" in deleted.output
    counts = json.loads(runner.invoke(app, ["--db", str(db), "stats", "--json"], env=env).output)
    assert counts["nodes"]["Report"] == 2


def test_delete_unknown_report_fails_with_a_message(tmp_path):
    from pilotgraph.api.cli import main
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["--db", str(tmp_path / "g.sqlite"), "delete", "nope"])
    assert info.value.code == 1
