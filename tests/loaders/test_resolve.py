"""Cross-report identity: normalisation, shipped and user alias tables, generic modifiers, fuzzy matching."""

from __future__ import annotations

import pytest

from pilotgraph.errors import InvalidInput
from pilotgraph.loaders.resolve import Resolver, match_key, normalize, read_alias_file, strip_generic


def test_normalize_width_quotes_spaces_and_ccc():
    assert normalize("“３Ｃ免办” ") == "CCC免办"
    assert normalize("《质量 倡议》") == "质量倡议"
    assert normalize("中国质量（杭州）大会") == "中国质量(杭州)大会"
    assert match_key("Abc平台") == match_key("ＡＢＣ平台")


def test_strip_generic_modifiers():
    assert strip_generic("跨境电商合规服务新模式") == "跨境电商合规"
    assert strip_generic("新一轮质量提升改革试点") == "质量提升"
    assert strip_generic("试点") == "试点"   # never below three characters


def test_one_programme_across_three_reports():
    resolver = Resolver()
    first = resolver.resolve("Initiative", "进口产品CCC免办企业自我承诺便捷通道")
    second = resolver.resolve("Initiative", "“3C免办”")
    third = resolver.resolve("Initiative", "CCC免办服务新模式")
    assert first == second == third == "CCC免办"


def test_distinctive_acronym_names_link_in_any_order():
    resolver = Resolver()
    assert resolver.resolve("Initiative", "出口企业CCC免办自我承诺便捷通道") == "CCC免办"
    assert resolver.resolve("Initiative", "CCC免办服务新模式") == "CCC免办"


def test_shipped_alias_table():
    resolver = Resolver()
    assert resolver.resolve("Initiative", "3C免办") == "CCC免办"
    assert resolver.alias("Agency", "国家市场监管总局") == "国家市场监督管理总局"


def test_known_names_are_matched_within_type_only():
    resolver = Resolver(known=[("Platform", "甬企通")])
    assert resolver.resolve("Platform", "“甬企通”") == "甬企通"
    assert resolver.resolve("Initiative", "甬企通") == "甬企通"   # a new initiative, not the platform
    assert "甬企通" in resolver.known("Initiative")


def test_fuzzy_containment_and_numbers():
    resolver = Resolver(known=[("Pilot", "电梯智慧监管改革试点")])
    assert resolver.resolve("Pilot", "电梯智慧监管改革全国试点") == "电梯智慧监管改革试点"
    events = Resolver(known=[("Event", "2023世界智能制造大会")])
    assert events.resolve("Event", "2024世界智能制造大会") == "2024世界智能制造大会"


def test_user_alias_file_overrides_and_is_reversible(tmp_path):
    merges = tmp_path / "merges.csv"
    merges.write_text("type,alias,canonical\n# merged by hand\nPlatform,甬e通,甬企通\n*,3C免办,3C免办服务\n",
                      encoding="utf-8")
    resolver = Resolver(alias_file=merges)
    assert resolver.resolve("Platform", "甬e通") == "甬企通"
    assert resolver.resolve("Initiative", "3C免办") == "CCC免办服务"   # user file wins over the shipped table
    merges.write_text("type,alias,canonical\n", encoding="utf-8")
    assert Resolver(alias_file=merges).resolve("Platform", "甬e通") == "甬e通"   # undone by deleting the line


def test_alias_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,from,to\nx,y,z\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="bad.csv"):
        read_alias_file(bad)
    short = tmp_path / "short.csv"
    short.write_text("type,alias,canonical\nPlatform,only\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2"):
        read_alias_file(short)


def test_fuzzy_edit_distance_within_a_sixth_of_the_length():
    resolver = Resolver(known=[("Pilot", "跨境电商出口商品质量追溯")])
    assert resolver.resolve("Pilot", "跨境电商进口商品质量追溯") == "跨境电商出口商品质量追溯"
    assert resolver.resolve("Pilot", "跨境电商进口食品安全追溯") == "跨境电商进口食品安全追溯"   # 4 edits: too far


def test_edit_distance_is_exact_up_to_the_limit():
    from pilotgraph.loaders.resolve import _edit_distance
    assert _edit_distance("质量强企在线", "质量强企在线", 1) == 0
    assert _edit_distance("质量强企在线", "质量强省在线", 1) == 1
    assert _edit_distance("质量强企在线", "标准强省上线", 1) == 2   # beyond the limit: limit + 1
