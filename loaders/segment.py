"""Segmentation: text -> section tree, sentences, and the period (year, summary/plan) of each.

* **Sentences** end at 。；！？ (and ; ! ?) and at line breaks; a terminator inside “…” 「…」 『…』
  《…》 〈…〉 does not end a sentence, unless the quote has been open for more than
  `MAX_QUOTE_CHARS` characters (an unbalanced quote must not swallow the rest of the file).
  Leading and trailing whitespace is trimmed, and every span satisfies
  ``text[s.start:s.end] == s.text``.
* **Pathological input**: a sentence longer than `MAX_SENTENCE_CHARS` (a 50 MB file on one line)
  is cut into chunks of at most that length, at a comma near the end of each chunk where there
  is one, and the document gets one warning. The scan runs a regular expression over the
  boundary characters only, so time and memory stay linear in the size of the file.
* **Sections** open at headings. Markers are ranked ``一、`` > ``(一)``/``（一）`` > ``1.``/``1、``
  > ``一是`` > ``(1)`` > ``①``; a heading closes every open section of the same or a lower rank.
  ``一、`` and ``1.`` count only at the start of a line; ``(一)``, ``一是``, ``(1)`` and ``①`` at the
  start of any sentence (reports run ``一是…。二是…。`` on in one paragraph). A short unmarked
  line that names a period (``2025年上半年主要工作``, ``今年工作安排``) is a top-level heading.
* **Periods** come from the top-level headings: a year (``2021年``) and a kind, summary
  (总结, 回顾, 主要工作, 上半年 …) or plan (计划, 思路, 安排, 建议, 下半年 …). A heading without a
  year takes it from its neighbours (下半年 → the same year as the summary; 今年工作安排 after a
  2021 summary → 2022). A top-level section without a period cue (二、存在问题) inherits the
  preceding one's; text before the first period heading takes the first period; a report whose
  headings name no period takes the single period its title or manifest announces.
  Typos such as ``20221年`` (five digits) are repaired by deleting one digit, choosing the year
  that matches the manifest's periods, else the neighbouring headings, else the one the text
  mentions most, with a warning.

>>> seg = segment("一、2021年工作总结\\n开展试点。获评“优秀案例；金奖”。\\n二、2022年工作计划\\n推广。")
>>> [(s.text, s.year, s.status) for s in seg.sentences][1:3]
[('开展试点。', 2021, 'achieved'), ('获评“优秀案例；金奖”。', 2021, 'achieved')]
>>> [s.path for s in seg.sections]
['一、2021年工作总结', '二、2022年工作计划']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from pilotgraph.graph.model import Period
from pilotgraph.loaders.document import Section, SentenceSpan

#: longest sentence kept whole; longer runs are cut into chunks of at most this many characters
MAX_SENTENCE_CHARS = 1000
#: a quote open for longer than this no longer protects terminators inside it
MAX_QUOTE_CHARS = 500
#: longest section title kept in a path
MAX_TITLE_CHARS = 40
#: longest unmarked line taken as a period heading
MAX_UNMARKED_HEADING = 40

SECTION_SEPARATOR = " / "
_OPEN_QUOTES = "“「『《〈"
_CLOSE_QUOTES = "”」』》〉"
_TERMINATORS = "。；！？;!?"
_BOUNDARY = re.compile("[\n" + _TERMINATORS + _OPEN_QUOTES + _CLOSE_QUOTES + "]")
_SOFT_BREAKS = "，,、：:"

_CN_NUM = "[一二三四五六七八九十]{1,3}"
#: (rank, only at line start, pattern); lower rank = higher in the tree
_MARKERS: tuple[tuple[int, bool, re.Pattern], ...] = (
    (1, True, re.compile(_CN_NUM + "、")),
    (2, False, re.compile("[(（]" + _CN_NUM + "[)）]")),
    (3, True, re.compile(r"\d{1,2}[.．、](?!\d)")),
    (4, False, re.compile(_CN_NUM + "是")),
    (5, False, re.compile(r"[(（]\d{1,2}[)）]")),
    (6, False, re.compile("[\u2460-\u2473]")),  # ① … ⑳
)
UNMARKED_RANK = 0

SUMMARY_CUES: tuple[str, ...] = (
    "工作总结", "总结", "回顾", "工作情况", "完成情况", "开展情况", "主要成效", "取得成效", "工作成效",
    "工作成绩", "上半年", "一年来", "过去一年", "过去五年", "主要工作", "以来",
)
PLAN_CUES: tuple[str, ...] = (
    "工作计划", "计划", "思路", "安排", "打算", "建议", "要点", "下半年", "展望", "下步", "下一步",
    "目标任务", "主要任务", "重点工作", "重点任务", "工作任务", "工作目标", "部署",
)
#: cues that also occur in the other kind's headings (2021年重点工作完成情况 is a summary): they
#: decide only when no other cue does
WEAK_CUES: frozenset[str] = frozenset({
    "主要工作", "以来", "目标任务", "主要任务", "重点工作", "重点任务", "工作任务", "工作目标", "部署",
})
_TIME_WORDS = re.compile(r"\d{4,5}\s*年|上半年|下半年|今年|明年|一年来|过去一年|过去五年|下步|下一步")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_TYPO_YEAR = re.compile(r"(?<!\d)(20\d{3})\s*年")
STATUS_OF_KIND = {"summary": "achieved", "plan": "planned"}


@dataclass
class HeadingPeriod:
    """What a heading says about its period; `year` may be missing or repaired later."""

    kind: str | None
    year: int | None = None
    half: str | None = None          # "first" (上半年) / "second" (下半年)
    typo: str | None = None          # a five-digit year as written, e.g. "20221"
    cue: str | None = None           # the cue word found, e.g. 计划, 思路


def heading_period(title: str) -> HeadingPeriod:
    """Kind, year and half-year named by a heading.

    >>> heading_period("二、2022年工作计划")
    HeadingPeriod(kind='plan', year=2022, half=None, typo=None, cue='工作计划')
    >>> heading_period("三、下半年工作思路").half
    'second'
    >>> heading_period("一、20221年工作总结").typo
    '20221'
    """
    half = "first" if "上半年" in title else "second" if "下半年" in title else None
    found: list[tuple[int, int, str, str]] = []
    for kind, cues in (("summary", SUMMARY_CUES), ("plan", PLAN_CUES)):
        for cue in cues:
            at = title.find(cue)
            if at >= 0:
                found.append((at, -len(cue), kind, cue))
    kind = cue = None
    if half == "second":
        kind, cue = "plan", next((c for _, _, k, c in sorted(found) if k == "plan" and c != "下半年"), "下半年")
    elif found:
        # the earliest strong cue decides (else the earliest weak one); 上半年 makes it a summary
        found.sort(key=lambda f: (f[3] in WEAK_CUES, f[0], f[1]))
        _, _, kind, cue = found[0]
        if half == "first":
            kind = "summary"
    period = HeadingPeriod(kind=kind, half=half, cue=cue)
    if (match := _YEAR.search(title)) is not None:
        period.year = int(match.group(1))
    elif (match := _TYPO_YEAR.search(title)) is not None:
        period.typo = match.group(1)
    return period


def _is_period_title(title: str) -> bool:
    """An unmarked line that names exactly one kind of period (a title naming both is not a section)."""
    if len(title) > MAX_UNMARKED_HEADING or not _TIME_WORDS.search(title):
        return False
    kinds = {k for k, cues in (("summary", SUMMARY_CUES), ("plan", PLAN_CUES)) for c in cues if c in title}
    if "上半年" in title and "下半年" in title:
        return False
    if "下半年" in title:
        kinds.discard("summary")
    if "上半年" in title:
        kinds.discard("plan")
    return len(kinds) == 1


def heading_title(sentence: str) -> str:
    """The heading part of a sentence that opens a section, trimmed for use in a path."""
    title = re.split("[。；！？;!?：:]", sentence, maxsplit=1)[0].strip()
    title = re.sub(r"^#{1,6}\s*", "", title).replace("**", "").strip()   # Markdown headings
    if len(title) > MAX_TITLE_CHARS:
        title = re.split("[，,]", title, maxsplit=1)[0]
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS] + "…"
    return title


@dataclass
class Segmentation:
    sections: list[Section] = field(default_factory=list)
    sentences: list[SentenceSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the periods the headings name, in order of appearance (duplicates removed)
    periods: list[Period] = field(default_factory=list)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut [start, end) into pieces of at most MAX_SENTENCE_CHARS, preferring a comma near the end."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        floor = cut - MAX_SENTENCE_CHARS // 4
        best = max(text.rfind(ch, floor, cut) for ch in _SOFT_BREAKS)
        if best >= floor:
            cut = best + 1
        yield start, cut
        start = cut
    if end > start:
        yield start, end


def sentence_spans(text: str) -> Iterator[tuple[int, int, bool, bool]]:
    """``(start, end, at_line_start, whole_line)`` of every sentence, before chunking."""
    pieces: list[tuple[int, int]] = []   # sentences of the current line
    pos = 0
    depth = 0
    opened_at = -1

    def close(start: int, end: int) -> None:
        s, e = _trim(text, start, end)
        if e <= s:
            return
        if pieces and all(c in _TERMINATORS for c in text[s:e]):
            pieces[-1] = (pieces[-1][0], e)   # "？！" after a sentence belongs to it
        else:
            pieces.append((s, e))

    for match in _BOUNDARY.finditer(text):
        ch = match.group()
        i = match.start()
        if ch == "\n":
            close(pos, i)
            for k, (s, e) in enumerate(pieces):
                yield s, e, k == 0, len(pieces) == 1
            pieces.clear()
            pos, depth = i + 1, 0
        elif ch in _OPEN_QUOTES:
            if depth == 0:
                opened_at = i
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(depth - 1, 0)
        elif depth == 0 or i - opened_at > MAX_QUOTE_CHARS:
            depth = 0
            close(pos, i + 1)
            pos = i + 1
    close(pos, len(text))
    for k, (s, e) in enumerate(pieces):
        yield s, e, k == 0, len(pieces) == 1


_MARKDOWN_PREFIX = re.compile(r"(?:#{1,6}\s*|\*\*)")


def _marker(text: str, start: int, at_line_start: bool) -> int | None:
    head = text[start:start + 16]
    if at_line_start:
        head = _MARKDOWN_PREFIX.sub("", head, count=1) if _MARKDOWN_PREFIX.match(head) else head
    for rank, line_only, pattern in _MARKERS:
        if line_only and not at_line_start:
            continue
        if pattern.match(head):
            return rank
    return None


def _repair_year(typo: str, kind: str | None, hints: Sequence[Period], neighbours: Sequence[int],
                 text: str) -> int | None:
    candidates = sorted({int(typo[:i] + typo[i + 1:]) for i in range(len(typo))} & set(range(1949, 2101)))
    if not candidates:
        return None

    def rank(year: int) -> tuple:
        return (
            not any(p.year == year and (kind is None or p.kind == kind) for p in hints),
            year not in neighbours,
            -text.count(f"{year}年"),
            year,
        )

    return min(candidates, key=rank)


def _fill_years(tops: list[tuple[Section, HeadingPeriod]], hints: Sequence[Period], text: str,
                path: str, warnings: list[str]) -> None:
    """Give every period heading a year: repair typos, then borrow from neighbours and hints."""
    periods = [p for _, p in tops]
    for index, (section, period) in enumerate(tops):
        if period.typo:
            neighbours = []
            for other in periods:
                if other is period or other.year is None:
                    continue
                if other.kind == period.kind or other.half or period.half:
                    neighbours.append(other.year)
                elif period.kind == "summary":
                    neighbours.append(other.year - 1)
                else:
                    neighbours.append(other.year + 1)
            period.year = _repair_year(period.typo, period.kind, hints, neighbours, text)
            if period.year is not None:
                warnings.append(f"{path}: heading {section.title!r}: year {period.typo} is not a year; "
                                f"read as {period.year}")
    for index, (section, period) in enumerate(tops):
        if period.year is not None or period.kind is None:
            continue
        before = [p for p in periods[:index] if p.year is not None]
        after = [p for p in periods[index + 1:] if p.year is not None]
        same_kind = [h.year for h in hints if h.kind == period.kind]
        year = None
        if period.half and (before or after):
            year = (before[-1] if before else after[0]).year
        elif period.kind == "plan" and before:
            prev = before[-1]
            year = prev.year if prev.kind == "plan" or prev.half == "first" else prev.year + 1
            if prev.half == "first" and period.half is None and not same_kind:
                year = prev.year
        elif period.kind == "summary" and after:
            nxt = after[0]
            year = nxt.year if nxt.kind == "summary" or nxt.half else nxt.year - 1
        if year is None and len(set(same_kind)) == 1:
            year = same_kind[0]
        if year is None and hints:
            year = hints[0].year
        period.year = year


def segment(text: str, *, path: str = "", periods: Sequence[Period] = (), skip_title: bool = False) -> Segmentation:
    """Split `text` into sections and sentences with their periods.

    `periods` are the report's periods when known (the manifest's): they repair heading typos and
    date headings without a year. `skip_title` says the first line is the report's title, so it
    cannot open a section.
    """
    result = Segmentation()
    stack: list[tuple[int, Section]] = []
    tops: list[tuple[Section, HeadingPeriod]] = []
    #: sentence index -> its section (deepest open one), resolved to a period at the end
    owners: list[Section | None] = []
    chunked = 0
    first = True
    for start, end, at_line_start, whole_line in sentence_spans(text):
        rank = _marker(text, start, at_line_start)
        if rank is None and at_line_start and whole_line and not (first and skip_title):
            title = heading_title(text[start:end])
            if text[end - 1] not in "。；;" and _is_period_title(title):
                rank = UNMARKED_RANK
        first = False
        if rank is not None:
            while stack and stack[-1][0] >= rank:
                stack.pop()[1].end = start
            title = heading_title(text[start:min(end, start + 400)])
            parent = stack[-1][1].path + SECTION_SEPARATOR if stack else ""
            section = Section(title=title, path=parent + title, depth=len(stack) + 1, start=start, end=len(text))
            stack.append((rank, section))
            result.sections.append(section)
            if section.depth == 1:
                tops.append((section, heading_period(title)))
        owner = stack[-1][1] if stack else None
        pieces = list(_chunks(text, start, end)) if end - start > MAX_SENTENCE_CHARS else [(start, end)]
        if len(pieces) > 1:
            chunked += 1
        for s, e in pieces:
            s, e = _trim(text, s, e)
            if e > s:
                result.sentences.append(SentenceSpan(text=text[s:e], start=s, end=e,
                                                     section=owner.path if owner else ""))
                owners.append(owner)
    if chunked:
        result.warnings.append(f"{path}: {chunked} sentence(s) longer than {MAX_SENTENCE_CHARS} characters "
                               f"were cut into chunks of at most {MAX_SENTENCE_CHARS}")

    _fill_years(tops, periods, text, path, result.warnings)
    # periods of top-level sections: inherit from the preceding one when the heading names none;
    # what comes before the first period heading takes the first period; a report whose headings
    # name no period at all takes the one period it announces (title or manifest), if only one
    top_period: dict[int, tuple[int | None, str | None]] = {}
    first_period = next(((p.year, p.kind) for _, p in tops if p.kind), (None, None))
    if first_period == (None, None) and len(set(periods)) == 1:
        first_period = (periods[0].year, periods[0].kind)
        result.periods.append(periods[0])
    last = first_period
    for section, period in tops:
        if period.kind is not None:
            last = (period.year, period.kind)
        top_period[id(section)] = last
        if period.kind is not None and period.year is not None:
            p = Period(period.year, period.kind)
            if p not in result.periods:
                result.periods.append(p)
    preface = first_period
    # every section and sentence takes the period of its top-level ancestor
    top_of: dict[int, Section] = {}
    current_top: Section | None = None
    for section in result.sections:
        if section.depth == 1:
            current_top = section
        top_of[id(section)] = current_top  # type: ignore[assignment]
        section.year, section.kind = top_period.get(id(current_top), (None, None))
    for sentence, owner in zip(result.sentences, owners):
        year, kind = (owner.year, owner.kind) if owner is not None else preface
        sentence.year = year
        sentence.status = STATUS_OF_KIND.get(kind) if kind else None
    return result
