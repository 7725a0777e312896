"""The briefing: data, chart with a CJK font, the CLI writing HTML and PDF."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from pilotgraph.errors import ConfigurationError, NotFound
from pilotgraph.viz import charts
from pilotgraph.viz.briefing import briefing, render_briefing, resolve_region
from viz_offline import remote_urls
from viz_sample_data import BINJIANG, sample_batches


def test_region_is_found_by_code_key_or_name(sample_store):
    assert resolve_region(sample_store, "330108") == BINJIANG
    assert resolve_region(sample_store, BINJIANG) == BINJIANG
    assert resolve_region(sample_store, "滨江区") == BINJIANG
    assert resolve_region(sample_store, None) is None
    with pytest.raises(NotFound):
        resolve_region(sample_store, "不存在区")


def test_briefing_of_a_region(sample_store):
    data = briefing(sample_store, "330108")
    assert data["headline"]["reports"] == 1 and data["headline"]["originated"] == len(data["originated"]) >= 1
    assert data["last_report"].key == "binjiang-amr-2025-h1"
    assert [p["plan"]["target_ref"]["name"] for p in data["plans"]] == ["质量强区试点"]
    assert 1 <= len(data["lineages"]) <= 3 and all("<svg" in l["svg"] for l in data["lineages"])
    html = render_briefing(data, standalone=True)
    assert "滨江区" in html and "<style>" in html and "<svg" in html and "<script" not in html
    assert remote_urls(html) == []
    # the period is the years its reports cover, not a placeholder
    assert data["period"] == (2025, 2025) and "期间 2025年" in html


def test_briefing_of_the_corpus_and_a_window(sample_store):
    data = briefing(sample_store, None, 2021, 2022)
    assert data["region"] is None and data["headline"]["reports"] == 1
    assert data["period"] == (2021, 2022)
    assert all(r["first_year"] is None or 2021 <= r["first_year"] <= 2022 for r in data["originated"])


def test_chart_embeds_cjk_glyphs_as_paths():
    svg = charts.inline_svg(charts.recognitions_chart([{"year": 2024, "level": "city"},
                                                       {"year": 2025, "level": "national"}]))
    assert svg.startswith("<svg") and "<path" in svg and remote_urls(svg) == []


def test_chart_without_a_cjk_font_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PILOTGRAPH_CJK_FONT", "/nonexistent/font.ttc")
    charts.find_cjk_font.cache_clear()
    charts._pyplot.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match="PILOTGRAPH_CJK_FONT"):
            charts.recognitions_chart([])
    finally:
        monkeypatch.delenv("PILOTGRAPH_CJK_FONT")
        charts.find_cjk_font.cache_clear()
        charts._pyplot.cache_clear()
    monkeypatch.setattr(charts, "CJK_FONT_CANDIDATES", ())
    monkeypatch.setattr(charts.subprocess, "run", lambda *a, **k: (_ for _ in ()).throw(OSError("no fc-match")))
    try:
        with pytest.raises(ConfigurationError, match="fonts-noto-cjk"):
            charts.find_cjk_font()
    finally:
        charts.find_cjk_font.cache_clear()


def _db(tmp_path):
    from pilotgraph.graph.local_store import LocalStore

    path = tmp_path / "brief.sqlite"
    with LocalStore(path) as store:
        store.ensure_schema()
        store.load_many(sample_batches())
    return path


def test_brief_command_writes_html(tmp_path):
    from pilotgraph.api.cli import app

    result = CliRunner().invoke(app, ["--db", str(_db(tmp_path)), "brief", "--region", "滨江区",
                                      "--out", str(tmp_path / "out" / "binjiang.pdf"), "--no-pdf"],
                                env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "binjiang.html").read_text(encoding="utf-8")
    assert "滨江区" in html and not (tmp_path / "out" / "binjiang.pdf").exists()


@pytest.mark.browser
def test_brief_command_writes_a_pdf(tmp_path):
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from pilotgraph.api.cli import app

    result = CliRunner().invoke(app, ["--db", str(_db(tmp_path)), "brief", "--region", "330108",
                                      "--year-from", "2021", "--year-to", "2025", "--out", str(tmp_path / "b")],
                                env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "b.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    # a briefing for leaders: one A4 sheet, nothing spilling onto a second
    assert _pdf_pages(tmp_path / "b.pdf") == 1
    text = _pdf_text(tmp_path / "b.pdf")
    assert "滨江区" in text and "计划与落实" in text
    # legible: no Chinese text under 9 pt; every font (Noto CJK glyphs included) embedded in the file
    assert min(_cjk_text_sizes(tmp_path / "b.pdf")) >= 8.95
    fonts = _poppler("pdffonts", str(tmp_path / "b.pdf")).splitlines()[2:]
    assert fonts and all(row.split()[-5] == "yes" for row in fonts), fonts


def _poppler(tool: str, *args: str) -> str:
    import subprocess

    assert shutil.which(tool), f"{tool} missing: apt-get install poppler-utils (make test does)"
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def _pdf_pages(path) -> int:
    import re

    return int(re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", str(path)), re.M).group(1))


def _pdf_text(path) -> str:
    return _poppler("pdftotext", str(path), "-")


def _cjk_text_sizes(path) -> list[float]:
    """Point size of each all-Chinese word: a CJK glyph is one em wide, so size = width / characters."""
    import re
    import unicodedata

    sizes = []
    for x0, x1, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>',
                                   _poppler("pdftotext", "-bbox", str(path), "-")):
        if len(word) >= 2 and all(unicodedata.east_asian_width(c) in "WF" for c in word):
            sizes.append((float(x1) - float(x0)) / len(word))
    return sizes


@pytest.mark.browser
def test_a_briefing_too_long_for_one_sheet_prints_shorter_lists(sample_store, tmp_path):
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from pilotgraph.viz.briefing import briefing_pdf
    from pilotgraph.viz.pdf import html_to_pdf

    data = briefing(sample_store, "330100")
    long_name = "关于深化营商环境改革推进市场监管领域综合试点工作的实施方案"
    row = data["originated"][0]
    data["originated"] = [{**row, "entity": {**row["entity"], "name": f"{long_name}（第{i}批）"},
                           "recognitions": [{"award": {"name": "全国优秀制度创新案例推荐名单"}, "year": 2025}] * 2}
                          for i in range(40)]
    data["plans"] = (data["plans"] or data["earlier_plans"]) * 20
    done = data["earlier_plans"][0]
    data["earlier_plans"] = [{**done, "plan": {**done["plan"], "target_ref": {"name": f"{long_name}{i}"}}}
                             for i in range(20)]
    data["reports"] = data["reports"] * 10
    full = html_to_pdf(render_briefing(data, standalone=True), tmp_path / "full.pdf")
    assert _pdf_pages(full) >= 2  # the default lists do not fit: the fallback is exercised
    path, html = briefing_pdf(data, tmp_path / "one.pdf")
    assert _pdf_pages(path) == 1 and "及另外" in _pdf_text(path) and "及另外" in html
    assert min(_cjk_text_sizes(path)) >= 8.95
