"""The general extraction lexicon and its one Aho-Corasick automaton.

The lexicon (``loaders/data/lexicon*.csv``, rows ``kind,word,value``) holds only words that mark a
type or a relation — head words (试点, 平台, 奖 …), cue verbs (开展, 入选, 落户 …), promotion cues
(全省推广 …), level words, agency short forms (总局, 省局, 市发改委 …) — never names taken from
a report. Extra files named ``lexicon-*.csv`` beside it are merged in, so a user can extend it.

Everything is compiled once per process (`load_lexicon` is cached): one automaton pass per sentence
finds every lexicon word.

>>> lex = load_lexicon()
>>> lex.heads["试点"]
('Pilot', False)
>>> lex.cues["获评"]
'RECOGNIZED_AS'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: kinds of automaton values
HEAD, CUE, PROMOTE, AGENCY, BODY = "head", "cue", "promote", "agency", "body"
#: prefixes that place a unit short form (市发改委) in the issuer's hierarchy
BODY_PREFIXES: dict[str, str] = {"省": "province", "自治区": "province", "市": "city", "区": "district", "县": "district"}


@dataclass
class Lexicon:
    heads: dict[str, tuple[str, bool]] = field(default_factory=dict)   # word -> (type, standalone)
    cues: dict[str, str] = field(default_factory=dict)                 # word -> relation type or role
    promotes: dict[str, str] = field(default_factory=dict)             # word -> scope word (or "?")
    trailers: set[str] = field(default_factory=set)
    levels: list[tuple[str, str]] = field(default_factory=list)        # (word, level), in order
    agencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # word -> (template, level)
    bodies: dict[str, str] = field(default_factory=dict)               # short unit -> full unit
    automaton: object = None        # every word: what a bare scan would use
    head_automaton: object = None   # head words, all overlapping hits: (length, word, type, standalone)
    token_automaton: object = None  # cues, agencies, promotions, leftmost-longest: (length, kind, word, value, extra)
    _level_memo: dict = field(default_factory=dict, repr=False, compare=False)

    def build(self) -> None:
        """Compile the automaton: every word once, with (kind, word, value) as its payload."""
        auto = ahocorasick.Automaton()
        for word, (type_, standalone) in self.heads.items():
            auto.add_word(word, (HEAD, word, type_, standalone))
        for word, role in self.cues.items():
            auto.add_word(word, (CUE, word, role, ""))
        for word, scope in self.promotes.items():
            auto.add_word(word, (PROMOTE, word, scope, ""))
        for word, (template, level) in self.agencies.items():
            auto.add_word(word, (AGENCY, word, template, level))
        for body, full in self.bodies.items():
            for prefix, level in BODY_PREFIXES.items():
                word = prefix + body
                if word not in self.agencies:
                    auto.add_word(word, (BODY, word, full, level))
        auto.make_automaton()
        self.automaton = auto
        self._level_memo.clear()
        # the per-sentence automata carry the word's length first, so a hit gives its start at once
        heads, tokens = ahocorasick.Automaton(), ahocorasick.Automaton()
        for word in auto.keys():
            kind, _, value, extra = payload = auto.get(word)
            if kind == HEAD:
                heads.add_word(word, (len(word), word, value, extra))
            else:
                tokens.add_word(word, (len(word), *payload))
        heads.make_automaton()
        tokens.make_automaton()
        self.head_automaton, self.token_automaton = heads, tokens

    def level_of(self, name: str) -> str | None:
        """The level a name's own words give (国家… → national, 省级… → province …), if any."""
        try:
            return self._level_memo[name]
        except KeyError:
            pass
        bare = name.replace("市场", "")   # 市场监管所: the 市 of 市场 (market) is not a level
        found = next((level for word, level in self.levels if word in bare), None)
        if len(self._level_memo) < 1 << 16:
            self._level_memo[name] = found
        return found

    def words(self) -> list[str]:
        """Every word in the automaton (the benchmark scans with exactly these)."""
        return [key for key in self.automaton.keys()]


def _read_rows(path: Path):
    lines = [line for line in path.read_text(encoding="utf-8-sig").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.reader(lines)
    next(reader, None)  # header
    for row in reader:
        if len(row) >= 2:
            yield row[0].strip(), row[1].strip(), (row[2].strip() if len(row) > 2 else "")


@lru_cache(maxsize=4)
def load_lexicon(paths: tuple[str, ...] | None = None) -> Lexicon:
    """The lexicon from `paths` (default: ``lexicon.csv`` and ``lexicon-*.csv`` in loaders/data)."""
    files = [Path(p) for p in paths] if paths else [DATA_DIR / "lexicon.csv",
                                                     *sorted(DATA_DIR.glob("lexicon-*.csv"))]
    lex = Lexicon()
    for path in files:
        for kind, word, value in _read_rows(path):
            if kind == "head":
                lex.heads[word] = (value.rstrip("!"), value.endswith("!"))
            elif kind == "cue":
                lex.cues[word] = value
            elif kind == "promote":
                lex.promotes[word] = value
            elif kind == "trailer":
                lex.trailers.add(word)
            elif kind == "level":
                lex.levels.append((word, value))
            elif kind == "agency":
                template, _, level = value.partition("|")
                lex.agencies[word] = (template, level)
            elif kind == "body":
                lex.bodies[word] = value
    lex.build()
    return lex
