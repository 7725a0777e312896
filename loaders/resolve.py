"""Cross-report identity: one programme named differently across reports and years is one entity.

A name goes through four steps, cheapest first:

1. **normalisation** (`normalize`): NFKC (full-width letters, digits and brackets become half-width),
   quotes and 《》 dropped, whitespace removed, and the certification mark written one way
   (``3C`` and ``CCC`` are the same mark, so both become ``CCC``);
2. **alias tables**: the general equivalences shipped in ``loaders/data/aliases.csv`` and, on top,
   the user's alias/merge file; the user's file wins;
3. **exact or stripped match against known names** of the same type (entities already in the store,
   or seen earlier in the same load): generic modifiers that change across years are stripped
   before comparing (``…服务新模式``, ``…新模式``, ``…改革``, ``…试点``, ``…工作``, leading ``新一轮`` …),
   so ``CCC免办服务新模式`` and ``“3C免办”`` meet at ``CCC免办``;
4. **fuzzy match** within the programme types (Pilot, Initiative, Platform): the stripped forms contain one another (the shorter at least
   four characters), or differ by a small edit distance relative to their length.

Alias/merge file format (CSV, UTF-8, header required)::

    type,alias,canonical
    Initiative,3C免办,CCC免办
    Platform,浙里办APP,浙里办
    *,国家市场监管总局,国家市场监督管理总局

``type`` is an entity type label (``Pilot``, ``Platform`` …) or ``*`` for any type; ``alias`` is a
surface form (normalised before use); ``canonical`` is the name every occurrence of the alias takes.
Lines starting with ``#`` are comments. To merge two entities, add a line mapping one name to the
other; to undo the merge, delete the line and reload: the file is the record, nothing is merged
silently elsewhere.

>>> r = Resolver(known=[("Initiative", "CCC免办")])
>>> r.resolve("Initiative", "CCC免办服务新模式")
'CCC免办'
>>> r.resolve("Initiative", "“3C免办”")
'CCC免办'
>>> normalize("  浙里办ＡＰＰ（新版） ")
'浙里办APP(新版)'
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pilotgraph.errors import InvalidInput

DATA_DIR = Path(__file__).parent / "data"
SHIPPED_ALIASES = DATA_DIR / "aliases.csv"

_QUOTES = "“”‘’\"'「」『』《》〈〉"
_QUOTE_TABLE = str.maketrans("", "", _QUOTES)
_SPACE_RE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+")
_ACRONYM = re.compile(r"[a-z]{3,}")   # on case-folded keys
_3C_RE = re.compile(r"(?<![A-Za-z0-9])3C(?![A-Za-z])", re.IGNORECASE)

#: generic endings that vary across years while the programme stays the same; stripped repeatedly
GENERIC_SUFFIXES: tuple[str, ...] = (
    "服务新模式", "服务模式", "新模式", "模式", "改革试点", "集成改革", "改革", "试点工作", "试点", "工作",
    "事项", "服务", "项目", "建设", "机制", "体系", "应用", "场景",
)
#: generic beginnings: ordinal and novelty modifiers, not part of the programme's identity
GENERIC_PREFIXES: tuple[str, ...] = ("新一轮", "新一批", "深化", "推进", "创新", "开展", "持续")
_MIN_CORE = 3
#: types whose names drift across years (programmes); events, awards, documents and bodies keep exact names
FUZZY_TYPES = ("Pilot", "Initiative", "Platform")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The written form every comparison starts from (keeps case; see `match_key`)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    text = text.translate(_QUOTE_TABLE)
    text = _SPACE_RE.sub("", text)
    text = _3C_RE.sub("CCC", text)
    return text


def written(name: str) -> str:
    """A surface form as the report wrote it, minus quotes and spaces: kept as an alias so people
    find the entity by the name they know (3C免办, not only its normal form CCC免办)."""
    return _SPACE_RE.sub("", (name or "").translate(_QUOTE_TABLE))


def match_key(name: str) -> str:
    """`normalize` and case-folded: two names with the same key are the same surface form."""
    return normalize(name).casefold()


@lru_cache(maxsize=65536)
def strip_generic(name: str) -> str:
    """Drop generic modifiers that change across years (``服务新模式``, ``改革``, ``新一轮`` …).

    Never strips below three characters, so a name is never reduced to nothing.

    >>> strip_generic("CCC免办服务新模式")
    'CCC免办'
    >>> strip_generic("新一轮小微企业三年成长计划")
    '小微企业三年成长计划'
    """
    key = normalize(name)
    changed = True
    while changed:
        changed = False
        for suffix in GENERIC_SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= _MIN_CORE:
                key = key[: -len(suffix)]
                changed = True
                break
        for prefix in GENERIC_PREFIXES:
            if key.startswith(prefix) and len(key) - len(prefix) >= _MIN_CORE:
                key = key[len(prefix):]
                changed = True
                break
    return key


@lru_cache(maxsize=65536)
def _digits(key: str) -> tuple[str, ...]:
    """The numbers in a key (known names are compared with many new ones)."""
    return tuple(_DIGITS.findall(key))


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it must exceed `limit` (rapidfuzz: fuzzy matching
    compares each new programme name with every near known one, so this runs tens of thousands of times)."""
    return Levenshtein.distance(a, b, score_cutoff=limit)


def read_alias_file(path: str | Path) -> list[tuple[str, str, str]]:
    """Rows (type, alias, canonical) of an alias/merge file; raises InvalidInput naming the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the alias file ({exc.strerror or exc})") from exc
    rows: list[tuple[str, str, str]] = []
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        return rows
    header = [h.strip().lower() for h in header]
    if header[:3] != ["type", "alias", "canonical"]:
        raise InvalidInput(f"{path}: the header must be 'type,alias,canonical', found {','.join(header)!r}")
    for number, row in enumerate(reader, 2):
        if len(row) < 3 or not row[1].strip() or not row[2].strip():
            raise InvalidInput(f"{path}: line {number}: expected type,alias,canonical, found {row!r}")
        rows.append((row[0].strip() or "*", row[1].strip(), row[2].strip()))
    return rows


class Resolver:
    """Maps a (type, surface name) to the canonical name it should be stored under.

    `alias_file` is the user's alias/merge file (applied over the shipped table); `known` the
    (type, name) pairs already in the store. Names resolved through `resolve` are remembered, so
    later reports in the same load link to them.
    """

    def __init__(self, alias_file: str | Path | None = None,
                 known: Iterable[tuple[str, str]] | None = None, *, shipped: bool = True):
        self._aliases: dict[tuple[str, str], str] = {}
        if shipped and SHIPPED_ALIASES.exists():
            self._add_rows(read_alias_file(SHIPPED_ALIASES))
        if alias_file is not None:
            self._add_rows(read_alias_file(alias_file))
        # per type: exact key -> canonical, stripped key -> canonical
        self._exact: dict[str, dict[str, str]] = {}
        self._stripped: dict[str, dict[str, str]] = {}
        #: per type: 3-character piece -> positions (in `_stripped` order) of the stripped keys holding it,
        #: so fuzzy matching compares a new name only with the known names it could match
        self._trigrams: dict[str, dict[str, list[int]]] = {}
        self._stripped_items: dict[str, list[tuple[str, str]]] = {}
        #: organisations: a key minus its last one to four characters -> the first such name known
        self._short_forms: dict[str, str] = {}
        #: (type, written) -> canonical: names repeat, and known names only grow
        self._memo: dict[tuple[str, str], str] = {}
        self._acronym_rows: list[tuple[str, str, str]] | None = None
        for type_, name in known or ():
            self.add(type_, name)

    def _add_rows(self, rows: Iterable[tuple[str, str, str]]) -> None:
        for type_, alias, canonical in rows:
            self._aliases[(type_, match_key(alias))] = normalize(canonical)

    def alias(self, type_: str, name: str) -> str | None:
        """The canonical name the alias tables give for `name`, if any."""
        key = match_key(name)
        return self._aliases.get((type_, key)) or self._aliases.get(("*", key))

    def add(self, type_: str, name: str) -> None:
        """Remember `name` as a canonical name of `type_` (an entity known to exist)."""
        canonical = normalize(name)
        if not canonical:
            return
        if canonical.casefold() in self._exact.get(type_, {}):
            return
        self._exact.setdefault(type_, {}).setdefault(canonical.casefold(), canonical)
        if type_ == "Organization":
            key = canonical.casefold()
            for cut in range(1, min(4, len(key) - 1) + 1):
                self._short_forms.setdefault(key[:-cut], canonical)
        stripped = strip_generic(canonical).casefold()
        by_stripped = self._stripped.setdefault(type_, {})
        if stripped not in by_stripped:
            by_stripped[stripped] = canonical
            items = self._stripped_items.setdefault(type_, [])
            trigrams = self._trigrams.setdefault(type_, {})
            for piece in {stripped[i:i + 3] for i in range(len(stripped) - 2)}:
                trigrams.setdefault(piece, []).append(len(items))
            items.append((stripped, canonical))

    def known(self, type_: str) -> list[str]:
        return sorted(set(self._exact.get(type_, {}).values()))

    def resolve(self, type_: str, name: str, *, remember: bool = True) -> str:
        """The canonical name for `name` of type `type_`."""
        memo_key = (type_, name)
        canonical = self._memo.get(memo_key)
        if canonical is None:
            canonical = self._lookup(type_, name)
            self._memo[memo_key] = canonical
            if remember:
                self.add(type_, canonical)
        return canonical

    def _lookup(self, type_: str, name: str) -> str:
        written = normalize(name)
        aliased = self.alias(type_, written)
        if aliased:
            return aliased
        exact = self._exact.get(type_, {})
        key = written.casefold()
        if key in exact:
            return exact[key]
        if type_ == "Organization" and len(written) >= 2:
            # 宇树 for 宇树科技: a company's short name is its full name without the suffix
            short_form_of = self._short_forms.get(key)
            if short_form_of is not None:
                return short_form_of
        if type_ not in FUZZY_TYPES:
            return written
        stripped = strip_generic(written).casefold()
        by_stripped = self._stripped.get(type_, {})
        if stripped in by_stripped:
            return by_stripped[stripped]
        aliased = self.alias(type_, stripped)
        if aliased:
            return aliased
        for alias_type, key, canonical in self._acronym_aliases():   # 进口产品CCC免办… contains CCC免办
            if alias_type in (type_, "*") and key in stripped:
                return canonical
        return self._fuzzy(stripped, self._near(type_, stripped)) or written

    def _acronym_aliases(self) -> list[tuple[str, str, str]]:
        """(type, key, canonical) of the alias targets carrying an acronym, in table order (built once:
        the tables do not change after construction, and every fuzzy lookup would scan them)."""
        if self._acronym_rows is None:
            self._acronym_rows = [(alias_type, canonical.casefold(), canonical)
                                  for (alias_type, _), canonical in self._aliases.items()
                                  if len(canonical.casefold()) >= 5 and _ACRONYM.search(canonical.casefold())]
        return self._acronym_rows

    def _near(self, type_: str, stripped: str) -> dict[str, str]:
        """The known stripped names of `type_` sharing a 3-character piece with `stripped`, in order.

        Nothing else can match in `_fuzzy`: a contained name of four characters or more shares its
        pieces, and within edit distance k ≥ 1 (so six characters or more), one of k + 1 parts of
        `stripped`, each of three characters or more, occurs unchanged in the other name.
        """
        trigrams = self._trigrams.get(type_)
        if not trigrams:
            return {}
        found: set[int] = set()
        get = trigrams.get
        for i in range(len(stripped) - 2):
            posting = get(stripped[i:i + 3])
            if posting is not None:
                found.update(posting)
        if not found:
            return {}
        items = self._stripped_items[type_]
        return dict([items[i] for i in sorted(found)])

    @staticmethod
    def _fuzzy(stripped: str, candidates: dict[str, str]) -> str | None:
        """The closest known name by containment or small edit distance, if one is close enough."""
        best: tuple[int, str] | None = None
        digits = _digits(stripped)
        for other, canonical in candidates.items():
            if _digits(other) != digits:
                continue   # 2023世界智能制造大会 and 2024世界智能制造大会 are two events
            shorter, longer = (stripped, other) if len(stripped) <= len(other) else (other, stripped)
            size = len(shorter)
            extra = len(longer) - size
            # a name carrying an acronym (CCC免办) is distinctive: inside a longer name it is the same programme
            if size >= 4 and shorter in longer and (
                    extra <= max(4, size) or (size >= 5 and _ACRONYM.search(shorter) is not None)):
                score = extra
            else:
                limit = size // 6
                if limit == 0 or extra > limit:
                    continue   # the distance is at least the difference in length
                score = _edit_distance(stripped, other, limit)
                if score > limit:
                    continue
            if best is None or score < best[0]:
                best = (score, canonical)
        return best[1] if best else None
