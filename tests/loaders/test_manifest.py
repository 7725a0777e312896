"""The manifest: format, validation naming file/row/field, and never aborting a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotgraph.graph.model import Period
from pilotgraph.loaders.manifest import find_manifest, load_manifest, parse_periods

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
BAD = ROOT / "tests" / "fixtures" / "bad"


def test_sample_manifest_is_valid_and_found_beside_the_reports():
    path = find_manifest(SAMPLES / "binjiang-amr-2025-h1.txt")
    assert path == SAMPLES / "manifest.csv"
    manifest = load_manifest(path)
    assert manifest.errors == []
    entry = manifest.find(SAMPLES / "binjiang-amr-2025-h1.txt")
    assert entry is not None and entry.row == 3
    assert entry.values["region_code"] == "330108"
    assert entry.values["level"] == "district"
    assert entry.values["periods"] == [Period(2025, "summary"), Period(2025, "plan")]
    assert entry.values["issuer"] == "杭州市滨江区市场监督管理局"


def test_periods_syntax():
    assert parse_periods("2021:summary;2022:plan") == [Period(2021, "summary"), Period(2022, "plan")]
    assert parse_periods(" 2021 : Summary ；2021:summary") == [Period(2021, "summary")]
    for bad in ("2021-summary", "2021:review", "21:plan", "3021:plan"):
        with pytest.raises(ValueError):
            parse_periods(bad)


def test_errors_name_the_manifest_the_row_and_the_field():
    manifest = load_manifest(BAD / "manifest.csv")
    errors = "\n".join(manifest.errors)
    assert len(manifest.errors) == 4, errors
    assert all(str(BAD / "manifest.csv") in e for e in manifest.errors)
    assert "row 3, field periods" in errors
    assert "row 4, field level" in errors and "prefecture" in errors
    assert "row 5, field region_code" in errors and "6 digits" in errors
    assert "row 6, field file" in errors and "duplicate" in errors


def test_bad_fields_are_dropped_and_good_fields_kept():
    manifest = load_manifest(BAD / "manifest.csv")
    good = manifest.find(BAD / "good.txt")
    assert good.row == 2 and good.values["title"].startswith("杭州市市场监督管理局")  # the duplicate row lost
    bad_periods = manifest.find(BAD / "bad-periods.txt")
    assert "periods" not in bad_periods.values and bad_periods.values["region_code"] == "330100"
    assert "level" not in manifest.find(BAD / "bad-level.txt").values
    assert "region_code" not in manifest.find(BAD / "bad-code.txt").values


@pytest.mark.parametrize("content, words", [
    ("title,issuer\nx,y\n", "no 'file' column"),
    ("", "empty"),
])
def test_unusable_manifests_become_errors_not_exceptions(tmp_path, content, words):
    path = tmp_path / "manifest.csv"
    path.write_text(content, encoding="utf-8")
    manifest = load_manifest(path)
    assert manifest.entries == []
    assert any(words in e and str(path) in e for e in manifest.errors)


def test_binary_manifest_is_reported(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_bytes(b"\x00\x01\x02" * 100)
    manifest = load_manifest(path)
    assert manifest.entries == [] and "binary" in manifest.errors[0]


def test_optional_key_and_date_columns_and_gb18030_manifest(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_bytes("file,key,date,level,periods\nr.txt,hz-2021,2022-01-10,市级,2021:summary\n"
                     "s.txt,hz-2021,2022-13-01,city,\n".encode("gb18030"))
    manifest = load_manifest(path)
    first = manifest.find(tmp_path / "r.txt")
    assert first.values == {"key": "hz-2021", "date": "2022-01-10", "level": "city",
                            "periods": [Period(2021, "summary")]}
    second = manifest.find(tmp_path / "s.txt")
    assert "key" not in second.values and "date" not in second.values
    assert any("row 3, field key" in e for e in manifest.errors)
    assert any("row 3, field date" in e for e in manifest.errors)


def test_rows_match_by_relative_path_or_unique_name(tmp_path):
    (tmp_path / "2021").mkdir()
    path = tmp_path / "manifest.csv"
    path.write_text("file,title\n2021/a.txt,A\nb.txt,B\n", encoding="utf-8")
    manifest = load_manifest(path)
    assert manifest.find(tmp_path / "2021" / "a.txt").values["title"] == "A"
    assert manifest.find(tmp_path / "elsewhere" / "b.txt").values["title"] == "B"
    assert manifest.find(tmp_path / "c.txt") is None
