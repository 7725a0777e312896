"""The report manifest: metadata of reports, one CSV row per file.

A file named ``manifest.csv`` beside the reports is found automatically; ``--manifest PATH``
overrides it for every file loaded. The format (UTF-8 or GB18030, with a header row)::

    file,title,issuer,region,region_code,level,periods,source[,key][,date]
    hangzhou-amr-2021-summary-2022-plan.txt,杭州市市场监督管理局2021年工作总结和2022年工作计划,\
杭州市市场监督管理局,杭州市,330100,city,2021:summary;2022:plan,work report of the city bureau

| column | required | meaning |
|---|---|---|
| file | yes | the report's path relative to the manifest's directory (or its bare file name) |
| title | | the report's title |
| issuer | | full name of the issuing body, e.g. 杭州市市场监督管理局 |
| region | | canonical name of the issuer's region, e.g. 滨江区 |
| region_code | | its GB/T 2260 code: six digits, e.g. 330108 |
| level | | district, city, province or national (区县级/市级/省级/国家级 are accepted) |
| periods | | ``year:kind`` pairs separated by ``;``, kind summary or plan: ``2021:summary;2022:plan`` |
| source | | free text: where the report came from |
| key | | the report's stable identity in the graph (default: the file name) |
| date | | ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` |

A malformed manifest never aborts a load: every problem becomes a message naming the manifest,
the row (the header is row 1) and the field; the bad value is dropped, so that field of that
report is inferred from the text instead, and everything else loads.

>>> parse_periods("2021:summary;2022:plan")
[Period(year=2021, kind='summary'), Period(year=2022, kind='plan')]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from pilotgraph.errors import LoadError
from pilotgraph.graph.model import LEVELS, Period
from pilotgraph.loaders.read import decode_text

MANIFEST_NAME = "manifest.csv"
COLUMNS: tuple[str, ...] = ("file", "title", "issuer", "region", "region_code", "level", "periods", "source")
OPTIONAL_COLUMNS: tuple[str, ...] = ("key", "date")
#: fields of a row that describe the report (everything but `file`)
META_FIELDS: tuple[str, ...] = ("key", "title", "issuer", "region", "region_code", "level", "periods", "date",
                                "source")
LEVEL_ALIASES: dict[str, str] = {
    "区县级": "district", "区级": "district", "县级": "district", "市级": "city", "省级": "province",
    "国家级": "national", "county": "district",
}
_PERIOD = re.compile(r"^\s*(\d{4})\s*[:：]\s*(summary|plan)\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_CODE = re.compile(r"^\d{6}$")


def parse_periods(value: str) -> list[Period]:
    """``"2021:summary;2022:plan"`` -> periods; ValueError naming the bad part."""
    periods: list[Period] = []
    for part in (p for p in re.split(r"[;；]", value) if p.strip()):
        match = _PERIOD.match(part)
        if not match:
            raise ValueError(f"{part.strip()!r} is not year:kind (kind summary or plan), "
                             "e.g. 2021:summary;2022:plan")
        year = int(match.group(1))
        if not 1949 <= year <= 2100:
            raise ValueError(f"year {year} is out of range")
        period = Period(year, match.group(2).lower())
        if period not in periods:
            periods.append(period)
    return periods


def format_periods(periods: list[Period]) -> str:
    return ";".join(f"{p.year}:{p.kind}" for p in periods)


@dataclass
class ManifestEntry:
    """One valid-enough row: the fields that passed validation (others are absent)."""

    file: str
    row: int
    values: dict[str, object] = field(default_factory=dict)   # field -> str, or list[Period] for periods


@dataclass
class Manifest:
    path: Path
    entries: list[ManifestEntry] = field(default_factory=list)
    #: one message per problem, each naming the manifest, row and field
    errors: list[str] = field(default_factory=list)

    def find(self, report: str | Path) -> ManifestEntry | None:
        """The row describing `report`: by path relative to the manifest, else by unique file name."""
        report = Path(report)
        base = self.path.parent
        try:
            target = report.resolve()
        except OSError:  # pragma: no cover
            target = report
        for entry in self.entries:
            if (base / entry.file).resolve() == target:
                return entry
        named = [e for e in self.entries if Path(e.file).name == report.name]
        return named[0] if len(named) == 1 else None


def _error(path: Path, row: int | None, column: str | None, message: str) -> str:
    where = f"row {row}" if row is not None else ""
    if column:
        where = f"{where}, field {column}" if where else f"field {column}"
    return f"{path}: {where}: {message}" if where else f"{path}: {message}"


def _validate(column: str, value: str) -> object:
    if column == "periods":
        return parse_periods(value)
    if column == "level":
        level = LEVEL_ALIASES.get(value, value.lower())
        if level not in LEVELS:
            raise ValueError(f"unknown level {value!r}; expected one of {', '.join(LEVELS)}")
        return level
    if column == "region_code":
        if not _CODE.match(value):
            raise ValueError(f"region_code {value!r} is not 6 digits (GB/T 2260), e.g. 330108")
        return value
    if column == "date" and not _DATE.match(value):
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def load_manifest(path: str | Path) -> Manifest:
    """Parse and validate a manifest. Never raises for bad content: see `Manifest.errors`."""
    path = Path(path)
    manifest = Manifest(path=path)
    try:
        text, _ = decode_text(path.read_bytes(), str(path))
    except LoadError as exc:
        manifest.errors.append(_error(path, None, None, f"unreadable manifest ({exc.message}); "
                                      "metadata of its reports is inferred"))
        return manifest
    except OSError as exc:
        manifest.errors.append(_error(path, None, None, f"cannot read manifest ({exc.strerror or exc}); "
                                      "metadata of its reports is inferred"))
        return manifest
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        manifest.errors.append(_error(path, None, None, f"not valid CSV ({exc}); metadata of its reports "
                                      "is inferred"))
        return manifest
    if not rows:
        manifest.errors.append(_error(path, None, None, "empty manifest"))
        return manifest
    header = [h.strip().lower() for h in rows[0]]
    if "file" not in header:
        manifest.errors.append(_error(path, 1, "file", f"the header has no 'file' column (found: "
                                      f"{', '.join(header) or 'nothing'}); expected {','.join(COLUMNS)}; "
                                      "metadata of its reports is inferred"))
        return manifest
    known = set(COLUMNS) | set(OPTIONAL_COLUMNS)
    for name in header:
        if name and name not in known:
            manifest.errors.append(_error(path, 1, name, f"unknown column {name!r} ignored; known columns: "
                                          f"{', '.join(COLUMNS + OPTIONAL_COLUMNS)}"))
    seen: dict[str, int] = {}
    keys: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            manifest.errors.append(_error(path, number, None, f"{len(cells)} cells but the header has "
                                          f"{len(header)} columns; extra cells ignored"))
        record = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name}
        file = record.get("file", "")
        if not file:
            manifest.errors.append(_error(path, number, "file", "empty file name; row ignored"))
            continue
        if file in seen:
            manifest.errors.append(_error(path, number, "file", f"duplicate file {file!r} (first in row "
                                          f"{seen[file]}); row ignored"))
            continue
        seen[file] = number
        entry = ManifestEntry(file=file, row=number)
        for column in META_FIELDS:
            value = record.get(column, "")
            if not value:
                continue
            try:
                entry.values[column] = _validate(column, value)
            except ValueError as exc:
                manifest.errors.append(_error(path, number, column, f"{exc}; inferred from the text instead"))
        key = entry.values.get("key")
        if key:
            if key in keys:
                manifest.errors.append(_error(path, number, "key", f"duplicate key {key!r} (first in row "
                                              f"{keys[key]}); the file name is used instead"))
                del entry.values["key"]
            else:
                keys[key] = number
        manifest.entries.append(entry)
    return manifest


def find_manifest(report: str | Path) -> Path | None:
    """The manifest beside a report (``manifest.csv`` in the same directory), if any."""
    candidate = Path(report).parent / MANIFEST_NAME
    return candidate if candidate.is_file() else None
