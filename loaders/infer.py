"""Metadata inference: what a report says about itself when no manifest row describes it.

Every inferred value is marked ``inferred`` in `ReportMeta.provenance` (manifest values are marked
``manifest``) and the CLI prints inferred values, so a user can check what was guessed.

* **title**: the first line when it looks like a heading (short, no sentence terminator, not a
  numbered section); otherwise composed from the issuer and the periods
  (``杭州市市场监督管理局2021年工作总结和2022年工作计划``).
* **政府工作报告**: the speaker line ``——2022年1月10日在杭州市第十四届人民代表大会第一次会议上``
  gives the date and the region; the issuer is that region's 人民政府.
* **issuing bureau**: named in the title or the first paragraph (``区市场监管局``, ``杭州市市场监督
  管理局``); short forms are expanded (市场监管局 → 市场监督管理局) and prefixed with the region's
  full name; a report that talks mostly about 市场监管 without naming its bureau is taken to be
  the market-supervision bureau's.
* **level**: the scope character of the bureau (区/县 → district, 市 → city, 省 → province), else the
  scope word the text uses most (全区, 全市, 全省).
* **region**: the speaker line's, else an explicit ``…区/市/省`` before the bureau, else the
  named region of that level the text mentions most (ties broken by how often its parent is
  mentioned), using the region gazetteer when one is available.
* **periods**: the segmentation's period headings.

>>> meta = infer_meta("一、2021年工作总结\\n全市市场监管工作。全市市场监管。全市市场监管。", "a.txt",
...                   periods=[Period(2021, "summary")])
>>> meta.level, meta.periods, meta.provenance["level"]
('city', [Period(year=2021, kind='summary')], 'inferred')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pilotgraph.graph.model import Period
from pilotgraph.loaders.document import ReportMeta
from pilotgraph.loaders.manifest import ManifestEntry
from pilotgraph.loaders.segment import _MARKERS, heading_period

MAX_TITLE_LINE = 60
#: characters read when counting how a report names its scope and regions: metadata is settled by
#: the opening of a report, and a bounded window keeps a 50 MB file from costing minutes here
INFER_WINDOW = 200_000
#: short bureau names -> the full name the issuer takes (general lexicon, not corpus-specific)
BUREAU_FULL_NAMES: dict[str, str] = {
    "市场监管局": "市场监督管理局", "市场监督管理局": "市场监督管理局",
    "发改委": "发展和改革委员会", "发展改革委": "发展和改革委员会", "发改局": "发展和改革局",
    "发展和改革委员会": "发展和改革委员会", "发展和改革局": "发展和改革局",
    "经信局": "经济和信息化局", "经信委": "经济和信息化委员会", "经济和信息化局": "经济和信息化局",
    "住建局": "住房和城乡建设局", "住房和城乡建设局": "住房和城乡建设局",
    "人社局": "人力资源和社会保障局", "人力资源和社会保障局": "人力资源和社会保障局",
    "卫健委": "卫生健康委员会", "卫生健康委员会": "卫生健康委员会", "卫健局": "卫生健康局",
    "商务局": "商务局", "科技局": "科学技术局", "科学技术局": "科学技术局", "教育局": "教育局",
    "财政局": "财政局", "司法局": "司法局", "公安局": "公安局", "统计局": "统计局", "税务局": "税务局",
    "生态环境局": "生态环境局", "农业农村局": "农业农村局", "交通运输局": "交通运输局", "民政局": "民政局",
    "文广旅体局": "文化广电旅游体育局", "文旅局": "文化和旅游局", "应急管理局": "应急管理局",
    "数据资源局": "数据资源管理局", "数据资源管理局": "数据资源管理局", "医保局": "医疗保障局",
    "医疗保障局": "医疗保障局", "规划和自然资源局": "规划和自然资源局", "审计局": "审计局",
    "知识产权局": "知识产权局", "药监局": "药品监督管理局", "药品监督管理局": "药品监督管理局",
}
_BUREAU = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{0,12}?)(?P<scope>[省市区县])(?P<bureau>"
    + "|".join(sorted(BUREAU_FULL_NAMES, key=len, reverse=True)) + ")"
)
_SPEAKER = re.compile(
    r"^[—－\-–]{1,2}\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*在\s*"
    r"(?P<region>[\u4e00-\u9fff]{2,12}?)第[\u4e00-\u9fff\d]+届人民代表大会", re.MULTILINE
)
_SPEAKER_NAME = re.compile(r"^\s*(?P<region>[\u4e00-\u9fff]{0,12}?)代?(?P<role>省长|市长|区长|县长|州长|旗长|主席)"
                           r"[\s\u3000]*(?P<name>[\u4e00-\u9fff·]{2,5})\s*$", re.MULTILINE)
_DATE_LINE = re.compile(r"^\s*[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?\s*$", re.MULTILINE)
_SCOPE_WORDS = {"全区": "district", "全县": "district", "全市": "city", "全省": "province"}
_SCOPE_LEVEL = {"区": "district", "县": "district", "市": "city", "省": "province"}
MARKET_SUPERVISION = "市场监管"
_HALF_WIDTH_BRACKETS = str.maketrans("（）", "()")


def _head_lines(text: str, n: int = 12) -> list[str]:
    lines: list[str] = []
    for line in text[:4000].split("\n"):
        if line.strip():
            lines.append(line.strip())
        if len(lines) >= n:
            break
    return lines


def title_line(text: str) -> str | None:
    """The first line when it is a title: short, not a sentence, not a numbered section.

    >>> title_line("杭州市政府工作报告\\n各位代表：")
    '杭州市政府工作报告'
    >>> title_line("一、2021年工作总结\\n…") is None
    True
    """
    lines = _head_lines(text, 1)
    if not lines:
        return None
    line = re.sub(r"^#{1,6}\s*", "", lines[0]).replace("**", "").strip()   # a Markdown heading
    if len(line) > MAX_TITLE_LINE or re.search("[。；;！？!?，,]", line):
        return None
    if any(pattern.match(line) for _, _, pattern in _MARKERS):
        return None
    if heading_period(line).kind is not None and not _names_both_kinds(line) and "报告" not in line:
        return None  # a period heading such as 2025年上半年主要工作, not a title
    return line


def hint_periods(text: str) -> list[Period]:
    """Periods a report announces before its headings: in its title, else by its speaker line's date.

    They date headings that name no year (一、上半年工作开展情况) when no manifest gives periods.

    >>> hint_periods("昆山市市场监督管理局2024年上半年工作总结和下半年工作思路\\n一、上半年工作开展情况")
    [Period(year=2024, kind='summary'), Period(year=2024, kind='plan')]
    >>> hint_periods("政府工作报告\\n——2024年1月22日在江苏省第十四届人民代表大会第二次会议上")
    [Period(year=2023, kind='summary'), Period(year=2024, kind='plan')]
    """
    periods: list[Period] = []
    title = title_line(text)
    if title:
        previous = None
        for part in re.split("[和及暨与]", title):
            hp = heading_period(part)
            if hp.kind is None:
                continue
            year = hp.year
            if year is None and previous is not None:
                year = previous.year if hp.half or previous.kind == hp.kind else (
                    previous.year + 1 if hp.kind == "plan" else previous.year - 1)
            if year is None:
                continue
            previous = Period(year, hp.kind)
            if previous not in periods:
                periods.append(previous)
    if not periods:
        speaker = _SPEAKER.search(text[:4000])
        if speaker:
            year = int(speaker["y"])
            periods = [Period(year - 1, "summary"), Period(year, "plan")]
    return periods


def _names_both_kinds(line: str) -> bool:
    return "和" in line and heading_period(line.split("和")[0]).kind != heading_period(line.split("和")[-1]).kind


# -- regions, through the gazetteer when one is available ----------------------------------------
def _attr(record: Any, *names: str) -> Any:
    for name in names:
        if isinstance(record, dict) and name in record:
            return record[name]
        if hasattr(record, name):
            return getattr(record, name)
    return None


def _lookup(gazetteer: Any, name: str, context_code: str | None = None) -> Any:
    if gazetteer is None or not name:
        return None
    try:
        return gazetteer.lookup(name, context_code=context_code)
    except Exception:  # an unknown or ambiguous name is simply not resolved
        return None


def _by_code(gazetteer: Any, code: str) -> Any:
    if gazetteer is None or not code:
        return None
    for method in ("get", "by_code", "region"):
        fn = getattr(gazetteer, method, None)
        if callable(fn):
            try:
                found = fn(code)
            except Exception:
                found = None
            if found is not None:
                return found
    return _lookup(gazetteer, code)


def _find_all(gazetteer: Any, text: str, context_code: str | None = None) -> list[Any]:
    if gazetteer is None:
        return []
    try:
        hits = gazetteer.find_all(text, context_code=context_code)
    except Exception:
        return []
    return [hit.region for hit in hits if _attr(hit.region, "code")]


def region_level(region: Any) -> str | None:
    level = _attr(region, "level")
    return level if level in ("district", "city", "province", "national") else None


def full_region_name(region: Any, gazetteer: Any) -> str:
    """Name with the parent city for a city's districts (杭州市滨江区), as issuers are written.

    Counties and county-level cities stand alone (桐庐县, 昆山市).
    """
    name = _attr(region, "name") or ""
    if region_level(region) == "district" and name.endswith("区"):
        parent_code = _attr(region, "parent", "parent_code")
        parent = _by_code(gazetteer, parent_code) if isinstance(parent_code, str) else parent_code
        parent_name = _attr(parent, "name") if parent is not None else None
        if parent_name and region_level(parent) == "city" and not name.startswith(parent_name):
            return parent_name + name
    return name


def _choose_region(text: str, level: str | None, gazetteer: Any) -> Any:
    """The named region of `level` the text mentions most; ties go to the one whose parent is named more.

    Short district names (滨江) count only near the report's own city, so the text's most
    mentioned city (else province) is found first and used as the context of a second pass.
    """
    def tally(regions: list[Any]) -> tuple[dict[str, int], dict[str, Any]]:
        counts: dict[str, int] = {}
        records: dict[str, Any] = {}
        for region in regions:
            code = _attr(region, "code")
            counts[code] = counts.get(code, 0) + 1
            records[code] = region
        return counts, records

    counts, records = tally(_find_all(gazetteer, text))
    anchor = None
    for anchor_level in ("city", "province"):
        codes = [c for c in counts if region_level(records[c]) == anchor_level]
        if codes:
            anchor = max(codes, key=lambda c: (counts[c], c))
            break
    if anchor is not None and level in ("district", None):
        counts, records = tally(_find_all(gazetteer, text, context_code=anchor))
    candidates = [c for c in counts if level is None or region_level(records[c]) == level]
    if not candidates:
        return None

    def parent_count(code: str) -> int:
        return counts.get(_attr(records[code], "parent") or "", 0)

    best = max(candidates, key=lambda c: (counts[c], parent_count(c), c))
    return records[best]


def scope_level(text: str) -> str | None:
    """The level a report speaks for, from how it names its own scope.

    The party committee and government of the report's own level (区委, 市委、市政府, 我省) are the
    strongest sign; 全省/全国 are often superlatives (全省首个) and count only as a fallback.

    >>> scope_level("在区委的领导下，全省首个……全省第一……全区推进")
    'district'
    """
    strong = {lvl: 0 for lvl in ("district", "city", "province")}
    for scope, lvl in _SCOPE_LEVEL.items():
        strong[lvl] += len(re.findall(f"{scope}(?:委|政府|人大)", text))
        strong[lvl] += 2 * text.count(f"我{scope}")
    best = max(strong, key=lambda lvl: strong[lvl])
    if strong[best] > 0 and list(strong.values()).count(strong[best]) == 1:
        return best
    weak = {lvl: 0 for lvl in ("district", "city", "province")}
    for word, lvl in _SCOPE_WORDS.items():
        weak[lvl] += len(re.findall(word + "(?![首第范推前领])", text))
    best = max(weak, key=lambda lvl: weak[lvl])
    return best if weak[best] > 0 else None


# -- the inference -------------------------------------------------------------------------------
def _title_from_periods(issuer: str, periods: Sequence[Period], headings: Sequence[str]) -> str:
    parts: list[str] = []
    for period in periods:
        heading = next((h for h in headings if heading_period(h).kind == period.kind
                        and heading_period(h).year in (period.year, None)), "")
        hp = heading_period(heading) if heading else None
        if period.kind == "summary":
            half = "上半年" if hp is not None and hp.half == "first" else ""
            parts.append(f"{period.year}年{half}工作总结")
        else:
            word = hp.cue if hp is not None and hp.cue and hp.cue not in ("下半年", "工作计划") else "计划"
            word = word.removeprefix("工作")
            if hp is not None and hp.half == "second":
                parts.append(f"下半年工作{word}")
            else:
                parts.append(f"{period.year}年工作{word}")
    return issuer + "和".join(parts) if parts and issuer else ""


def infer_meta(text: str, path: str | Path, *, periods: Sequence[Period] = (), headings: Sequence[str] = (),
               gazetteer: Any = None) -> ReportMeta:
    """Metadata read from the text alone; every value found is marked ``inferred``.

    `periods` and `headings` are the segmentation's (period headings in order).
    """
    path = Path(path)
    meta = ReportMeta(key=path.name)
    sample = text[:INFER_WINDOW]
    found: dict[str, Any] = {}
    head = _head_lines(text)
    first_paragraph = "\n".join(head[:3])[:1500]
    title = title_line(text)
    if title:
        found["title"] = title

    region = None
    level = None
    bureau = None
    speaker = _SPEAKER.search(text[:4000])
    if speaker:
        found["date"] = f"{int(speaker['y']):04d}-{int(speaker['m']):02d}-{int(speaker['d']):02d}"
        region = _lookup(gazetteer, speaker["region"])
        name = _attr(region, "name") if region is not None else speaker["region"]
        found["issuer"] = f"{full_region_name(region, gazetteer) if region is not None else name}人民政府"
        found["region"] = name
        level = region_level(region) or _SCOPE_LEVEL.get(name[-1:])
    else:
        if (match := _DATE_LINE.search(text[:4000])) or (match := _DATE_LINE.search(text[-400:])):
            found["date"] = f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"
        bureau_match = _BUREAU.search((title or "") + "\n" + first_paragraph)
        if bureau_match:
            bureau = BUREAU_FULL_NAMES[bureau_match["bureau"]]
            level = _SCOPE_LEVEL[bureau_match["scope"]]
            named = (bureau_match["prefix"] + bureau_match["scope"]) if bureau_match["prefix"] else ""
            # 杭州市滨江区市场监督管理局: the divisions named before the bureau, outermost first
            context = None
            for part in re.findall(r"[\u4e00-\u9fff]+?[省市区县]", named):
                resolved = _lookup(gazetteer, part, context)
                if resolved is not None:
                    region, context = resolved, _attr(resolved, "code")
        elif sample.count(MARKET_SUPERVISION) >= 5:
            bureau = BUREAU_FULL_NAMES["市场监管局"]
    if level is None:
        level = scope_level(sample)
    if region is None and "region" not in found:
        region = _choose_region(sample, level, gazetteer)
    if region is not None:
        found["region"] = _attr(region, "name")
        found["region_code"] = _attr(region, "code")
        level = region_level(region) or level   # 昆山市 is a county-level city despite its 市
    if level:
        found["level"] = level
    if bureau and "issuer" not in found:
        prefix = full_region_name(region, gazetteer) if region is not None else found.get("region", "")
        if prefix:
            found["issuer"] = prefix + bureau
    if periods:
        found["periods"] = list(periods)
    if found.get("title", "").startswith("政府工作报告") and found.get("region") and found.get("date"):
        found["title"] = f"{found['date'][:4]}年{found['region']}{found['title']}"   # 2025年成都市政府工作报告
    if "title" not in found and found.get("issuer") and periods:
        composed = _title_from_periods(found["issuer"], periods, headings)
        if composed:
            found["title"] = composed
    if found.get("title"):
        found["title"] = found["title"].translate(_HALF_WIDTH_BRACKETS)
    for name, value in found.items():
        if value:
            setattr(meta, name, value)
            meta.provenance[name] = "inferred"
    return meta


def merge_meta(entry: ManifestEntry | None, inferred: ReportMeta, *, gazetteer: Any = None) -> ReportMeta:
    """The manifest wins field by field; what it lacks comes from the inference.

    A manifest region without a code (or a code without a name) is completed from the gazetteer.
    """
    meta = ReportMeta(key=inferred.key, provenance={})
    values = entry.values if entry is not None else {}
    for name in ("key", "title", "issuer", "region", "region_code", "level", "periods", "date", "source"):
        if values.get(name):
            setattr(meta, name, values[name])
            meta.provenance[name] = "manifest"
        elif getattr(inferred, name, None) and name != "key":
            manifest_region = values.get("region") or values.get("region_code")
            if name in ("region", "region_code") and manifest_region:
                continue  # never pair a manifest region with an inferred one
            setattr(meta, name, getattr(inferred, name))
            meta.provenance[name] = inferred.provenance.get(name, "inferred")
    if meta.region and not meta.region_code:
        region = _lookup(gazetteer, meta.region)
        if region is not None:
            meta.region_code = _attr(region, "code")
            meta.provenance["region_code"] = "inferred"
    elif meta.region_code and not meta.region:
        region = _by_code(gazetteer, meta.region_code)
        if region is not None:
            meta.region = _attr(region, "name")
            meta.provenance["region"] = "inferred"
    if not meta.level and meta.region_code:
        region = _by_code(gazetteer, meta.region_code)
        if region is not None and region_level(region):
            meta.level = region_level(region)
            meta.provenance["level"] = "inferred"
    return meta


def inferred_fields(meta: ReportMeta) -> dict[str, str]:
    """Field -> printable value of everything that was inferred, for users to check."""
    shown: dict[str, str] = {}
    for name, origin in meta.provenance.items():
        if origin != "inferred":
            continue
        value = getattr(meta, name, "")
        if name == "periods":
            value = ";".join(f"{p.year}:{p.kind}" for p in value)
        shown[name] = str(value)
    return shown
