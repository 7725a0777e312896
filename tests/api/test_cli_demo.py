"""`pilotgraph demo --no-serve`: the bundled samples load into the embedded store, idempotently."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pilotgraph.api.cli import app

runner = CliRunner()


def test_demo_loads_the_samples_once(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    env = {"NEO4J_URI": ""}
    first = runner.invoke(app, ["--db", db, "--silent", "demo", "--no-serve"], env=env)
    assert first.exit_code == 0, first.output
    assert first.output.count("created") == 2
    assert "/view/lineage/initiative%3ACCC%E5%85%8D%E5%8A%9E" in first.output.replace("\n", "")
    counts = json.loads(runner.invoke(app, ["--db", db, "stats", "--json"], env=env).output)
    assert counts["nodes"]["Report"] == 2
    assert counts["nodes"]["Pilot"] > 0 and counts["relationships"]["RECOGNIZED_AS"] > 0
    second = runner.invoke(app, ["--db", db, "--silent", "demo", "--no-serve"], env=env)
    assert second.exit_code == 0 and second.output.count("unchanged") == 2
    assert json.loads(runner.invoke(app, ["--db", db, "stats", "--json"], env=env).output) == counts


def test_demo_without_samples_names_the_option(tmp_path):
    from pilotgraph.api.cli import main
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["--db", str(tmp_path / "d.sqlite"), "demo", "--no-serve", "--samples", str(tmp_path)])
    assert info.value.code == 1
