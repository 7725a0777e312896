"""PROMOTED_TO on sentences written for these tests: every way a report says a programme spread.

The issuer is a fictional city bureau (宁波市, so 全省 → 浙江省, 全市 → 宁波市); the programmes are made up.
"""

from __future__ import annotations

import pytest

from tests.loaders.test_extract import CITY, rels, run  # noqa: F401  (shared helpers)
from pilotgraph.loaders.regions import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def promoted(result):
    return {(s, t) for kind, s, t in rels(result, "PROMOTED_TO")}


@pytest.mark.parametrize("text, source, target", [
    ("“港口冷库扫码通”在全省范围内推广应用。", "港口冷库扫码通", "浙江省"),
    ("“渔船证照一窗联办”做法在全国范围内推开。", "渔船证照一窗联办", "中华人民共和国"),
    ("“民宿开办一证通”做法复制推广至全省。", "民宿开办一证通", "浙江省"),
    ("“菜场秤具云校准”模式推广至全国。", "菜场秤具云校准", "中华人民共和国"),
])
def test_range_and_to_scope_words(gazetteer, text, source, target):
    assert (source, target) in promoted(run(text, gazetteer))


@pytest.mark.parametrize("text, source, target", [
    ("“民宿开办一证通”经验做法被省局发文推广。", "民宿开办一证通", "浙江省"),
    ("“菜场秤具云校准”被总局予以推广。", "菜场秤具云校准", "中华人民共和国"),
])
def test_promotion_by_an_agency_takes_its_scope(gazetteer, text, source, target):
    result = run(text, gazetteer)
    assert (source, target) in promoted(result)
    assert not any(s.endswith("局") for s, _ in promoted(result))   # the agency is never the source


@pytest.mark.parametrize("text, target", [
    ("“海塘巡检一张图”做法推广到6个地市。", "浙江省"),
    ("“海塘巡检一张图”做法推广至十个县（市、区）。", "宁波市"),
])
def test_promotion_to_a_count_of_places(gazetteer, text, target):
    assert ("海塘巡检一张图", target) in promoted(run(text, gazetteer))


def test_named_region_before_scope_word_wins(gazetteer):
    result = run("“夜市摊位亮码”做法在台州全市推开。", gazetteer)
    assert promoted(result) == {("夜市摊位亮码", "台州市")}


@pytest.mark.parametrize("text", [
    "“港口冷库扫码通”获评全省第一。",
    "我市成为全国首个开展“港口冷库扫码通”的城市。",
    "我市入选全省首批“港口冷库扫码通”应用城市。",
])
def test_rankings_are_not_promotions(gazetteer, text):
    assert not promoted(run(text, gazetteer))


@pytest.mark.parametrize("text, target", [
    ("“渔船证照一窗联办”作为典型经验在全国复制推广。", "中华人民共和国"),
    ("“渔船证照一窗联办”被省局发文推广。", "浙江省"),
])
def test_quoted_name_before_a_spread_is_an_initiative(gazetteer, text, target):
    result = run(text, gazetteer)
    assert ("渔船证照一窗联办", target) in promoted(result)
    assert any(e.type == "Initiative" and e.name == "渔船证照一窗联办" for e in result.entities)


@pytest.mark.parametrize("text, target", [
    ("“渔船证照一窗联办”在全省11个设区市全面推广。", "浙江省"),
    ("推动“渔船证照一窗联办”在全国落地推广。", "中华人民共和国"),
    ("“渔船证照一窗联办”纳入省级推广清单。", "浙江省"),
    ("全省推广我市“渔船证照一窗联办”经验。", "浙江省"),
])
def test_scope_word_with_words_between_and_own_region(gazetteer, text, target):
    assert ("渔船证照一窗联办", target) in promoted(run(text, gazetteer))


def test_replicable_experience_without_scope_is_no_promotion(gazetteer):
    assert not promoted(run("形成一批可复制可推广的经验做法。", gazetteer))


def test_the_base_a_programme_grew_from_is_not_what_spread(gazetteer):
    result = run("在“海鲜排档亮证”改革基础上深化形成“夜排档一证通”改革，相关做法得到总局肯定，要求全国推广。", gazetteer)
    assert ("夜排档一证通改革", "中华人民共和国") in promoted(result)
    assert not any(s.startswith("海鲜排档亮证") for s, _ in promoted(result))


@pytest.mark.parametrize("text, target", [
    ("“菜场亮秤”做法在全区推广。", "鄞州区"),
    ("“菜场亮秤”做法复制推广至全区。", "鄞州区"),
    ("“菜场亮秤”模式在全市推广。", "宁波市"),
])
def test_district_report_scope_words(gazetteer, text, target):
    from tests.loaders.test_extract import DISTRICT
    assert ("菜场亮秤", target) in promoted(run(text, gazetteer, issuer=DISTRICT))


def test_spread_to_the_province_before_the_quoted_reform(gazetteer):
    assert ("渔船证照一窗联办改革", "浙江省") in promoted(run("向全省复制推广“渔船证照一窗联办”改革经验。", gazetteer))


def test_related_practice_in_a_later_clause_points_back(gazetteer):
    result = run("“渔船证照一窗联办”改革获国务院督查激励，相关做法被国务院办公厅通报推广。", gazetteer)
    assert ("渔船证照一窗联办改革", "中华人民共和国") in promoted(result)


def test_first_in_the_country_to_roll_out_is_a_ranking(gazetteer):
    assert not promoted(run("“渔船证照一窗联办”改革在全国率先推开。", gazetteer))


@pytest.mark.parametrize("text", ["“海塘巡检一张图”做法推广到3个市场。", "“海塘巡检一张图”做法推广到5个区域。"])
def test_counted_markets_or_areas_are_not_a_scope(gazetteer, text):
    assert not promoted(run(text, gazetteer))
