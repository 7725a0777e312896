"""Segmentation: section trees, sentences with exact offsets, and periods, on both samples and edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotgraph.graph.model import Period
from pilotgraph.loaders.read import read_text
from pilotgraph.loaders.segment import MAX_SENTENCE_CHARS, heading_period, segment

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
CITY = SAMPLES / "hangzhou-amr-2021-summary-2022-plan.txt"
DISTRICT = SAMPLES / "binjiang-amr-2025-h1.txt"


def _segment(path: Path, **kwargs):
    text, _, _ = read_text(path)
    return text, segment(text, path=str(path), **kwargs)


def _top(seg):
    return [(s.title, s.year, s.kind) for s in seg.sections if s.depth == 1]


@pytest.mark.parametrize("path", [CITY, DISTRICT], ids=["city", "district"])
def test_offsets_are_exact_and_sentences_cover_the_text(path):
    text, seg = _segment(path)
    assert seg.sentences
    previous_end = 0
    for s in seg.sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.start >= previous_end
        # nothing but whitespace is left between sentences
        assert text[previous_end:s.start].strip() == ""
        previous_end = s.end
    assert text[previous_end:].strip() == ""


def test_city_report_sections_periods_and_the_20221_typo():
    text, seg = _segment(CITY)
    assert _top(seg) == [("一、20221年工作总结", 2021, "summary"), ("二、2022年工作计划", 2022, "plan")]
    assert seg.periods == [Period(2021, "summary"), Period(2022, "plan")]
    assert any("20221" in w and "2021" in w for w in seg.warnings)
    second_level = [s.title for s in seg.sections if s.depth == 2]
    assert second_level[:2] == ["(一)数字化改革纵深推进", "(二)质量促进体系日益完善"]
    assert len(second_level) == 14
    # the plan's 一是 and ① items nest under (一)
    sentence = next(s for s in seg.sentences if s.text.startswith("①做好亚运会"))
    assert sentence.section == ("二、2022年工作计划 / (一)聚焦亚运服务保障,开展隐患清零行动 / "
                                "一是织密疫情防控体系 / ①做好亚运会在疫情防控条件下召开准备")
    assert (sentence.year, sentence.status) == (2022, "planned")
    achieved = next(s for s in seg.sentences if "电动汽车充电桩检定新模式国家试点" in s.text)
    assert (achieved.year, achieved.status) == (2021, "achieved")
    assert achieved.section == "一、20221年工作总结 / (一)数字化改革纵深推进"


def test_typo_repair_prefers_the_manifest_period():
    text = "一、20231年工作总结\n开展试点。\n"
    assert _top(segment(text, periods=[Period(2023, "summary")])) == [("一、20231年工作总结", 2023, "summary")]
    assert _top(segment(text, periods=[Period(2021, "summary")])) == [("一、20231年工作总结", 2021, "summary")]


def test_district_report_half_years_and_problems_section():
    text, seg = _segment(DISTRICT)
    assert _top(seg) == [
        ("一、2025年上半年主要工作", 2025, "summary"),
        ("二、存在问题", 2025, "summary"),      # no cue: inherits the preceding period
        ("三、下半年工作思路", 2025, "plan"),
    ]
    assert seg.periods == [Period(2025, "summary"), Period(2025, "plan")]
    assert seg.warnings == []
    # the preface before the first heading belongs to the half-year summary
    first = seg.sentences[0]
    assert first.text.startswith("今年以来") and first.section == ""
    assert (first.year, first.status) == (2025, "achieved")
    # 一是 inside a paragraph opens a section under (一)
    plan = next(s for s in seg.sentences if s.text.startswith("一是创新知识产权运营机制"))
    assert plan.section == "三、下半年工作思路 / (一)知识产权探索再深化 / 一是创新知识产权运营机制"
    assert (plan.year, plan.status) == (2025, "planned")
    third = [s.title for s in seg.sections if s.path.startswith("二、存在问题 / ")]
    assert third == ["一是高价值知识产权培育体系尚未健全", "二是内外贸一体化调研不够深入", "三是队伍建设仍然存在不足"]


def test_section_spans_nest():
    text, seg = _segment(CITY)
    for s in seg.sections:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:].startswith(s.title.rstrip("…"))
    tops = [s for s in seg.sections if s.depth == 1]
    assert tops[0].end == tops[1].start and tops[1].end == len(text)


def test_quotes_keep_terminators_inside():
    text = "推进“浙冷链”建设。发布《杭州质量倡议。附则》文件；他说：“很好！继续。”然后结束。\n「甲。乙」丙。"
    seg = segment(text)
    assert [s.text for s in seg.sentences] == [
        "推进“浙冷链”建设。", "发布《杭州质量倡议。附则》文件；", "他说：“很好！继续。”然后结束。", "「甲。乙」丙。",
    ]


def test_unbalanced_quote_does_not_swallow_the_file():
    text = "开启“引号。" + "后面很长的句子。" * 200
    seg = segment(text)
    assert len(seg.sentences) > 100
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in seg.sentences)


def test_line_breaks_and_runs_of_terminators():
    seg = segment("第一行没有句号\n真的吗？！\n\n  第三行。  \n")
    assert [s.text for s in seg.sentences] == ["第一行没有句号", "真的吗？！", "第三行。"]
    assert seg.sentences[2].start == seg.sentences[1].end + 4


def test_marker_variants_and_ranks():
    text = ("一、总体情况\n（一）全角括号\n1. 阿拉伯数字\n一是第一项。(1)小项。②圈码。\n（二）第二\n二、第二部分\n")
    seg = segment(text)
    assert [(s.depth, s.title) for s in seg.sections] == [
        (1, "一、总体情况"), (2, "（一）全角括号"), (3, "1. 阿拉伯数字"), (4, "一是第一项"), (5, "(1)小项"),
        (6, "②圈码"), (2, "（二）第二"), (1, "二、第二部分"),
    ]
    # 一、 counts only at a line start
    assert len(segment("我们提出一、二两项。").sections) == 0


def test_government_work_report_headings_without_years():
    text = ("杭州市政府工作报告\n——2022年1月10日在杭州市第十四届人民代表大会第一次会议上\n各位代表：\n"
            "一、2021年工作回顾\n全市推进改革。\n二、今年工作安排\n全市深化改革。\n")
    seg = segment(text, skip_title=True)
    assert _top(seg) == [("一、2021年工作回顾", 2021, "summary"), ("二、今年工作安排", 2022, "plan")]


def test_unmarked_period_lines_are_top_level_sections():
    text = "2025年上半年主要工作\n开展试点。\n下半年工作思路\n推进试点。\n"
    seg = segment(text)
    assert _top(seg) == [("2025年上半年主要工作", 2025, "summary"), ("下半年工作思路", 2025, "plan")]
    # a title naming both periods is not a section
    assert segment("某局2021年工作总结和2022年工作计划\n正文。").sections == []


@pytest.mark.parametrize("title, kind, year", [
    ("一、2021年工作总结", "summary", 2021), ("二、2022年工作计划", "plan", 2022),
    ("三、2023年工作建议", "plan", 2023), ("一、过去一年工作回顾", "summary", None),
    ("三、下半年工作思路", "plan", None), ("一、2025年上半年主要工作", "summary", 2025),
    ("二、存在问题", None, None), ("一、2021年重点工作完成情况", "summary", 2021), ("二、2022年重点工作", "plan", 2022),
    ("一、今年以来主要工作", "summary", None), ("三、下步工作打算", "plan", None),
    ("一、上半年工作开展情况", "summary", None),
])
def test_heading_period(title, kind, year):
    period = heading_period(title)
    assert (period.kind, period.year) == (kind, year)


def test_fifty_megabyte_single_line_is_chunked_in_linear_time(tmp_path):
    """A 50 MB file on one line: bounded by design (one regex pass, chunks of fixed size), not timed."""
    unit = "开展电梯智慧监管改革全国试点，推进“浙冷链”建设"
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        block = (unit * 4096).encode("utf-8")
        written = 0
        while written < 50 * 1024 * 1024:
            f.write(block)
            written += len(block)
    text, _, _ = read_text(path)
    seg = segment(text, path=str(path))
    assert len(seg.sentences) >= len(text) // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in seg.sentences)
    assert seg.sentences[0].start == 0 and seg.sentences[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(seg.sentences, seg.sentences[1:]))
    # cut at commas where possible
    assert all(s.text.endswith("，") for s in seg.sentences[:-1])
    assert len(seg.warnings) == 1 and str(path) in seg.warnings[0] and "chunks" in seg.warnings[0]


def test_markdown_headings():
    text = "# 某局工作报告\n\n## 一、2021年工作总结\n\n### （一）数字化\n\n开展试点。\n\n## 二、2022年工作计划\n\n**（一）深化**。推进。\n"
    seg = segment(text, skip_title=True)
    assert [(s.depth, s.title, s.year, s.kind) for s in seg.sections] == [
        (1, "一、2021年工作总结", 2021, "summary"), (2, "（一）数字化", 2021, "summary"),
        (1, "二、2022年工作计划", 2022, "plan"), (2, "（一）深化", 2022, "plan")]
    assert all(text[s.start:s.end] == s.text for s in seg.sentences)


def test_a_single_period_report_with_thematic_headings_takes_its_announced_period():
    text = "一、强化市场监管\n开展试点。\n二、优化营商环境\n推进改革。\n"
    seg = segment(text, periods=[Period(2023, "plan")])
    assert {(s.year, s.status) for s in seg.sentences} == {(2023, "planned")}
    assert seg.periods == [Period(2023, "plan")]
    # with two announced periods and no period headings nothing is guessed
    seg = segment(text, periods=[Period(2022, "summary"), Period(2023, "plan")])
    assert {(s.year, s.status) for s in seg.sentences} == {(None, None)}


def test_sections_before_the_first_period_heading_take_the_first_period():
    seg = segment("一、总体要求\n坚持稳中求进。\n二、2023年重点任务\n推进试点。\n")
    assert _top(seg) == [("一、总体要求", 2023, "plan"), ("二、2023年重点任务", 2023, "plan")]
