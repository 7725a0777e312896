"""The loading commands of the CLI: load, extract (and eval when the evaluation module exists)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilotgraph.api.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
BAD = ROOT / "tests" / "fixtures" / "bad"
ENV = {"NEO4J_URI": ""}

runner = CliRunner()


def _invoke(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), "--silent", *args], env=ENV)


def test_load_twice_reports_created_then_unchanged_with_identical_counts(tmp_path):
    db = tmp_path / "g.sqlite"
    first = _invoke(db, "load", str(SAMPLES))
    assert first.exit_code == 0, first.output
    assert "created" in first.stdout and "binjiang-amr-2025-h1.txt" in first.stdout
    counts = json.loads(_invoke(db, "stats", "--json").stdout)
    second = _invoke(db, "load", str(SAMPLES), "--json")
    assert second.exit_code == 0, second.output
    summary = json.loads(second.stdout)
    assert [r["status"] for r in summary["reports"]] == ["unchanged", "unchanged"]
    assert summary["totals"]["reports"] == 2 and summary["failures"] == []
    assert json.loads(_invoke(db, "stats", "--json").stdout) == counts


def test_failures_exit_1_with_one_line_per_file_and_the_rest_loads(tmp_path):
    db = tmp_path / "g.sqlite"
    result = _invoke(db, "load", str(SAMPLES / "binjiang-amr-2025-h1.txt"), str(BAD))
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 3
    for name in ("empty.txt", "blank.txt", "latin1.txt"):
        assert sum(name in line for line in failed) == 1
    assert "manifest.csv: row 3, field periods" in result.stderr
    listed = json.loads(_invoke(db, "reports", "--json").stdout)
    assert listed["count"] == 5


def test_inferred_metadata_is_printed(tmp_path):
    shutil.copy(SAMPLES / "binjiang-amr-2025-h1.txt", tmp_path / "r.txt")   # no manifest beside it
    result = _invoke(tmp_path / "g.sqlite", "load", str(tmp_path / "r.txt"))
    assert result.exit_code == 0, result.output
    assert "inferred" in result.stdout and "issuer=杭州市滨江区市场监督管理局" in result.stdout


def test_extract_json_touches_no_store(tmp_path):
    db = tmp_path / "never.sqlite"
    result = _invoke(db, "extract", str(SAMPLES / "binjiang-amr-2025-h1.txt"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    report = data["reports"][0]
    assert list(report) == ["file", "issuer", "region", "periods", "entities", "relations"]
    assert report["file"] == "binjiang-amr-2025-h1.txt" and report["region"] == "滨江区"
    assert not db.exists()


def test_extract_reports_bad_files_and_exits_1(tmp_path):
    result = _invoke(tmp_path / "g.sqlite", "extract", str(BAD / "empty.txt"), str(BAD / "good.txt"), "--json")
    assert result.exit_code == 1
    assert [r["file"] for r in json.loads(result.stdout)["reports"]] == ["good.txt"]
    assert "empty.txt" in result.stderr


@pytest.mark.parametrize("command", ["load", "extract", "eval"])
def test_help_is_bilingual(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stdout)
    assert "Example" in result.stdout


def test_eval_prints_scores_per_type(tmp_path):
    gold = ROOT / "tests" / "fixtures" / "gold"
    result = _invoke(tmp_path / "g.sqlite", "eval", "--gold", str(gold), str(SAMPLES), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert sorted(scores["reports"]) == sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert {"Pilot", "Platform", "Award", "Region"} <= set(scores["entities"])
    assert "RECOGNIZED_AS" in scores["relations"] and 0 <= scores["relations"]["RUNS"]["f1"] <= 1
    table = _invoke(tmp_path / "g.sqlite", "eval", "--gold", str(gold), str(SAMPLES))
    assert "F1" in table.stdout and "RUNS" in table.stdout


def test_a_missing_manifest_option_is_one_error_line(tmp_path, capsys):
    from pilotgraph.api.cli import main

    with pytest.raises(SystemExit) as info:
        main(["--db", str(tmp_path / "g.sqlite"), "load", str(SAMPLES), "--manifest", str(tmp_path / "nope.csv")])
    assert info.value.code == 2
    assert "nope.csv: no such file" in capsys.readouterr().err
