"""The shortcuts the scanner takes for speed say the same as the patterns they stand for."""
from __future__ import annotations

from pilotgraph.loaders.extract import entities as E


def test_hard_char_is_hard_boundary_on_one_character():
    # every character of the Basic Multilingual Plane, tested one by one as the rules do
    for code in range(0x10000):
        ch = chr(code)
        assert E.HARD_CHAR[ch] == (E.HARD_BOUNDARY.match(ch) is not None), hex(code)


def test_clause_characters_are_the_clause_boundaries_and_hard_ones():
    clause = {chr(c) for c in range(0x10000) if E.CLAUSE_BOUNDARY.fullmatch(chr(c))}
    assert clause == set(E._CLAUSE_CHARS)
    # the scanner finds clause starts in the hard-boundary pass: each must be a one-character hard boundary
    assert all(E.HARD_BOUNDARY.fullmatch(ch) for ch in clause)
    for ch in clause:   # and no longer hard boundary may swallow one
        assert all(ch not in word for word in ("——", "”“", "”、“", "》《"))


def test_hints_are_held_by_every_match():
    for text in ("发布电梯智慧监管建设指南团体标准", "推进浙食链和浙里办", "苏服码上线"):
        for m in E._UNQUOTED_STANDARD.finditer(text):
            assert E._UNQUOTED_STANDARD_HINT.search(m.group() + text[m.end():])
        for m in E.PROVINCIAL_CODE.finditer(text):
            assert E._PROVINCIAL_HINT.search(m.group())
