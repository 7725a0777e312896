"""Reading report files: encodings detected deterministically, bad files refused by name."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pilotgraph.errors import LoadError
from pilotgraph.loaders.read import decode_text, iter_report_paths, read_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
BAD = ROOT / "tests" / "fixtures" / "bad"
SAMPLE = SAMPLES / "binjiang-amr-2025-h1.txt"


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
])
def test_same_text_in_every_supported_encoding(tmp_path, sample_text, encoding, expected):
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(sample_text.encode(encoding))
    text, detected, sha256 = read_text(path)
    assert text == sample_text
    assert detected == expected
    assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_line_endings_are_normalised_and_offsets_index_the_stored_text(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("一、2021年工作总结\r\n开展试点。\r获评案例。\r\n".encode("utf-8"))
    text, _, _ = read_text(path)
    assert text == "一、2021年工作总结\n开展试点。\n获评案例。\n"


@pytest.mark.parametrize("name, words", [
    ("empty.txt", "empty"),
    ("blank.txt", "empty"),
    ("latin1.txt", "unknown encoding"),
])
def test_bad_fixture_files_are_refused_with_the_file_name(name, words):
    with pytest.raises(LoadError) as info:
        read_text(BAD / name)
    assert name in str(info.value)
    assert words in str(info.value)


def test_binary_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(LoadError, match="image.txt.*binary"):
        read_text(path)


def test_control_characters_make_a_file_binary(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(("开展试点" * 50).encode("utf-8") + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20)
    with pytest.raises(LoadError, match="controls.txt.*binary"):
        read_text(path)


def test_utf16_is_refused_not_misread(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("一、2021年工作总结\n开展试点。".encode("utf-16"))
    with pytest.raises(LoadError, match="utf16.txt.*UTF-16"):
        read_text(path)


def test_latin1_that_gb18030_would_decode_is_refused(tmp_path):
    # every byte pair is valid GB18030, but the result is rare ideographs, not Chinese prose
    path = tmp_path / "french.txt"
    path.write_bytes("Mémoire déposée à la préfecture, résumé complété.".encode("latin-1"))
    with pytest.raises(LoadError, match="french.txt.*unknown encoding"):
        read_text(path)


def test_invalid_utf8_after_a_bom_is_refused(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "开展试点".encode("gb18030"))
    with pytest.raises(LoadError, match="bom.txt.*byte-order mark"):
        read_text(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(LoadError, match="nowhere.txt.*no such file"):
        read_text(tmp_path / "nowhere.txt")


def test_docx_paragraphs_are_joined_by_newlines(tmp_path):
    import docx
    document = docx.Document()
    for line in ("一、2021年工作总结", "开展电梯智慧监管改革全国试点。", "二、2022年工作计划"):
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))
    text, encoding, sha256 = read_text(path)
    assert text == "一、2021年工作总结\n开展电梯智慧监管改革全国试点。\n二、2022年工作计划"
    assert encoding == "docx"
    assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_broken_docx_is_refused(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LoadError, match="broken.docx.*docx"):
        read_text(path)


def test_directories_are_walked_sorted_taking_only_reports(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"")
    (tmp_path / "manifest.csv").write_text("file\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_report_paths([tmp_path])]
    assert found == ["a.md", "b/z.txt", "c.docx"]
    # a file named twice is read once
    assert len(list(iter_report_paths([tmp_path / "a.md", tmp_path]))) == 3


def test_decode_text_doctest_shape():
    assert decode_text("开展试点".encode("utf-8"), "x") == ("开展试点", "utf-8")


def test_files_beyond_the_size_limit_are_refused_before_reading(tmp_path, monkeypatch):
    from pilotgraph.loaders import read

    path = tmp_path / "big.txt"
    path.write_text("开展试点。" * 100, encoding="utf-8")
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    with pytest.raises(LoadError, match="big.txt.*split the file"):
        read_text(path)
