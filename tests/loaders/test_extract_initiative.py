"""Titled campaigns (…攻坚, …提升年, “X”活动) on sentences written for these tests; the names are made up."""

from __future__ import annotations

import pytest

from tests.loaders.test_extract import names, rels, run  # noqa: F401  (shared helpers)
from pilotgraph.loaders.regions import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.mark.parametrize("text, name", [
    ("扎实推进小微商户扶持提升年活动。", "小微商户扶持提升年活动"),
    ("深入开展“渔港安全守护”百日攻坚。", "渔港安全守护百日攻坚"),
    ("组织实施“菜篮子保供”三大攻坚。", "菜篮子保供三大攻坚"),
    ("实施“农贸市场焕新”专项攻坚。", "农贸市场焕新专项攻坚"),
])
def test_titled_campaign_heads(gazetteer, text, name):
    result = run(text, gazetteer)
    assert name in names(result, "Initiative")
    assert ("RUNS", "宁波市市场监督管理局", name) in rels(result)


def test_quoted_year_theme_before_activity_is_the_name(gazetteer):
    result = run("深入开展“药店规范经营提升年”活动。", gazetteer)
    assert "药店规范经营提升年" in names(result, "Initiative")


@pytest.mark.parametrize("text", ["全市上下合力攻坚，完成既定目标。", "坚持攻坚克难，推动各项工作落地。"])
def test_bare_tackling_is_not_a_campaign(gazetteer, text):
    assert not names(run(text, gazetteer), "Initiative")


def test_quoted_name_glued_to_brand_is_the_programme(gazetteer):
    assert "渔港放心购" in names(run("“渔港放心购”品牌覆盖商户2000家。", gazetteer), "Initiative")


def test_brand_building_keeps_the_quoted_name(gazetteer):
    assert "渔港放心购" in names(run("推进“渔港放心购”品牌建设。", gazetteer), "Initiative")
