"""Entity and relation extraction on short sentences written for these tests (not from the samples).

Each test names the cue or pattern it exercises; the reports are fictional, the regions real.
"""

from __future__ import annotations

import pytest

from pilotgraph.graph.model import Period
from pilotgraph.loaders.document import Document, ReportMeta
from pilotgraph.loaders.extract import extract
from pilotgraph.loaders.regions import Gazetteer
from pilotgraph.loaders.resolve import Resolver
from pilotgraph.loaders.segment import segment

CITY = ("宁波市市场监督管理局", "宁波市", "330200", "city")
DISTRICT = ("宁波市鄞州区市场监督管理局", "鄞州区", "330212", "district")


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def run(text: str, gazetteer, *, issuer=CITY, periods=(Period(2023, "summary"),), resolver=None):
    name, region, code, level = issuer
    seg = segment(text, periods=list(periods))
    doc = Document(path="test.txt", text=text, sha256="", encoding="utf-8",
                   meta=ReportMeta(key="test", issuer=name, region=region, region_code=code, level=level,
                                   periods=list(periods)),
                   sections=seg.sections, sentences=seg.sentences)
    return extract(doc, gazetteer=gazetteer, resolver=resolver)


def names(result, type_):
    return {e.name for e in result.entities if e.type == type_}


def rels(result, type_=None):
    return {(r.type, r.source[1], r.target[1]) for r in result.relations if type_ in (None, r.type)}


# -- entities -------------------------------------------------------------------------------------

def test_pilot_after_run_cue_with_level(gazetteer):
    result = run("开展冷链食品追溯改革国家试点，成效明显。", gazetteer)
    pilot = next(e for e in result.entities if e.type == "Pilot")
    assert pilot.name == "冷链食品追溯改革国家试点"
    assert pilot.level == "national"
    assert ("RUNS", "宁波市市场监督管理局", "冷链食品追溯改革国家试点") in rels(result)


def test_level_start_keeps_first_batch_words(gazetteer):
    result = run("成功成为全省首批公平竞争审查示范区。", gazetteer)
    assert "全省首批公平竞争审查示范区" in names(result, "Pilot")
    assert next(e.level for e in result.entities if e.type == "Pilot") == "province"


def test_designation_by_approval_is_runs_with_region_subject(gazetteer):
    result = run("鄞州获批省级数字贸易先行区。", gazetteer)
    assert "省级数字贸易先行区" in names(result, "Pilot")
    assert ("RUNS", "鄞州区", "省级数字贸易先行区") in rels(result)


def test_entry_into_pilot_is_runs_not_award(gazetteer):
    result = run("余姚入选全国首批知识产权强县建设试点。", gazetteer)
    assert ("RUNS", "余姚市", "全国首批知识产权强县建设试点") in rels(result)
    assert not rels(result, "RECOGNIZED_AS")


def test_list_before_deng_shidian(gazetteer):
    result = run("海曙电梯按需维保、北仑“证照联办”等试点成效明显。", gazetteer)
    assert {"电梯按需维保", "证照联办"} <= names(result, "Pilot")


def test_quoted_platform_endings(gazetteer):
    result = run("上线“甬食链”“宁波外卖在线”，推广“甬安码”应用。", gazetteer)
    assert {"甬食链", "宁波外卖在线", "甬安码"} <= names(result, "Platform")


def test_quote_glued_to_platform_word_names_the_platform(gazetteer):
    result = run("建成“甬企通”平台。", gazetteer)
    assert "甬企通" in names(result, "Platform")
    assert ("RUNS", "宁波市市场监督管理局", "甬企通") in rels(result)


def test_provincial_code_pattern_unquoted(gazetteer):
    result = run("持续推广浙苗链应用。", gazetteer)
    assert "浙苗链" in names(result, "Platform")


def test_unquoted_platform_by_head(gazetteer):
    result = run("上线网络交易智慧监管平台，实现全流程监管。", gazetteer)
    assert "网络交易智慧监管平台" in names(result, "Platform")


def test_award_after_cue(gazetteer):
    result = run("“甬检通”获评全国市场监管领域优秀案例。", gazetteer)
    assert "全国市场监管领域优秀案例" in names(result, "Award")
    assert ("RECOGNIZED_AS", "甬检通", "全国市场监管领域优秀案例") in rels(result)


def test_award_prize_without_cue_is_still_an_award(gazetteer):
    result = run("修订市政府质量奖评审办法。", gazetteer)
    assert "市政府质量奖" in names(result, "Award")


def test_case_word_needs_an_award_cue(gazetteer):
    result = run("发布知识产权保护十大案例。", gazetteer)
    assert not names(result, "Award")


def test_award_list_split_on_he(gazetteer):
    result = run("获评全市数字化改革最佳应用和全省标准创新奖。", gazetteer)
    assert {"全市数字化改革最佳应用", "全省标准创新奖"} <= names(result, "Award")
    result = run("获评全市数字化改革最佳应用和金奖。", gazetteer)
    assert names(result, "Award") == {"全市数字化改革最佳应用"}   # a bare grade is not an honour of its own


def test_recognition_by_organisation(gazetteer):
    result = run("指导舜宇科技荣获中国质量奖提名奖。", gazetteer)
    assert "舜宇科技" in names(result, "Organization")
    assert ("RECOGNIZED_AS", "舜宇科技", "中国质量奖提名奖") in rels(result)


def test_initiative_heads_and_quoted_after_run_cue(gazetteer):
    result = run("实施小微企业质量提升三年行动计划，深化“证照分离”。", gazetteer)
    assert {"小微企业质量提升三年行动计划", "证照分离"} <= names(result, "Initiative")


def test_quoted_items_before_deng_action(gazetteer):
    result = run("开展“春雷”“护航”等执法行动。", gazetteer)
    assert {"春雷", "护航"} <= names(result, "Initiative")


def test_document_in_book_title_marks(gazetteer):
    result = run("出台《宁波市质量促进条例》。", gazetteer)
    assert "宁波市质量促进条例" in names(result, "Document")
    assert "宁波市" not in {e.name for e in result.entities if e.type == "Region" and e.mentions == []}


def test_event_head_and_location(gazetteer):
    result = run("全省食品安全工作推进会在北仑召开。", gazetteer)
    assert "全省食品安全工作推进会" in names(result, "Event")
    assert ("LOCATED_IN", "全省食品安全工作推进会", "北仑区") in rels(result)


def test_standalone_event(gazetteer):
    result = run("做好亚运会服务保障。", gazetteer)
    assert "亚运会" in names(result, "Event")


def test_organisation_suffixes(gazetteer):
    result = run("推动甬江实验集团落户镇海。", gazetteer)
    assert "甬江实验集团" in names(result, "Organization")
    assert ("LOCATED_IN", "甬江实验集团", "镇海区") in rels(result)


def test_agency_short_forms_resolve_by_issuer(gazetteer):
    result = run("省局与市发改委牵头开展信用修复改革，区局参与。", gazetteer, issuer=DISTRICT)
    agencies = names(result, "Agency")
    assert "浙江省市场监督管理局" in agencies
    assert "宁波市发展和改革委员会" in agencies
    assert "宁波市鄞州区市场监督管理局" in agencies


def test_total_bureau_is_national(gazetteer):
    result = run("承担总局信用监管改革试点。", gazetteer)
    assert "国家市场监督管理总局" in names(result, "Agency")


def test_regions_short_forms_and_offsets(gazetteer):
    text = "镇海、北仑联合推进港口质量提升行动。"
    result = run(text, gazetteer)
    regions = {e.name: e for e in result.entities if e.type == "Region"}
    assert {"镇海区", "北仑区"} <= set(regions)
    start, end = regions["北仑区"].mentions[0]
    assert text[start:end] == "北仑"


# -- relations ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cue, scope", [("全省推广", "浙江省"), ("在全国推开", "中华人民共和国"),
                                        ("全国复制推广", "中华人民共和国")])
def test_promotion_cues(gazetteer, cue, scope):
    result = run(f"海曙“甬安码”经验{cue}。", gazetteer)
    assert ("PROMOTED_TO", "甬安码", scope) in rels(result)
    assert scope in names(result, "Region")


def test_recommended_to_province(gazetteer):
    result = run("跨境电商合规服务新模式获评市优秀创新案例并推荐省级。", gazetteer)
    assert ("PROMOTED_TO", "跨境电商合规服务新模式", "浙江省") in rels(result)


def test_absorbed_by_bei_xina(gazetteer):
    result = run("“明厨亮灶”改革做法被“浙江外卖在线”平台吸纳。", gazetteer)
    assert ("ABSORBED_INTO", "明厨亮灶改革", "浙江外卖在线") in rels(result)


def test_absorbed_by_naru(gazetteer):
    result = run("“信用承诺”改革成果纳入“浙企链”。", gazetteer)
    assert ("ABSORBED_INTO", "信用承诺改革", "浙企链") in rels(result)


def test_participates(gazetteer):
    result = run("参与长三角质量标准一体化改革试点。", gazetteer)
    assert ("PARTICIPATES_IN", "宁波市市场监督管理局", "长三角质量标准一体化改革试点") in rels(result)


def test_succeeds_by_sheng_ji_wei(gazetteer):
    result = run("“甬企通”迭代升级为“甬企通2.0”平台。", gazetteer)
    assert ("SUCCEEDS", "甬企通2.0", "甬企通") in rels(result)


def test_succeeds_by_you_xiang(gazetteer):
    result = run("推动“甬企通”由企业服务向“甬链通”延伸。", gazetteer)
    assert ("SUCCEEDS", "甬链通", "甬企通") in rels(result)


def test_year_and_status_follow_the_period(gazetteer):
    text = "一、2023年工作总结\n开展电梯安全改革国家试点。\n二、2024年工作计划\n推进电梯安全改革国家试点。\n"
    result = run(text, gazetteer, periods=(Period(2023, "summary"), Period(2024, "plan")))
    observed = {(r.year, r.status) for r in result.relations if r.type == "RUNS"}
    assert observed == {(2023, "achieved"), (2024, "planned")}
    for relation in result.relations:
        assert text[relation.sentence.start:relation.sentence.end] == relation.sentence.text


def test_mentions_are_document_offsets(gazetteer):
    text = "一、2023年工作总结\n上线“甬食链”。"
    result = run(text, gazetteer)
    platform = next(e for e in result.entities if e.name == "甬食链")
    start, end = platform.mentions[0]
    assert text[start:end] == "甬食链"


def test_resolver_links_names_across_reports(gazetteer):
    resolver = Resolver()
    first = run("推进“3C免办”改革。", gazetteer, resolver=resolver)
    second = run("创新CCC免办服务新模式。", gazetteer, resolver=resolver)
    assert "CCC免办" in names(first, "Initiative")
    assert "CCC免办" in names(second, "Initiative")


def test_counted_list_items_are_named(gazetteer):
    result = run("冷链追溯、浙食链2个项目入选全市最佳实践案例。", gazetteer)
    assert ("RECOGNIZED_AS", "冷链追溯", "全市最佳实践案例") in rels(result)
    assert ("RECOGNIZED_AS", "浙食链", "全市最佳实践案例") in rels(result)


def test_quoted_mode_and_named_promotion_targets(gazetteer):
    result = run("将“甬易贷”模式复制推广到绍兴、台州。", gazetteer)
    assert "甬易贷" in names(result, "Initiative")
    assert {("PROMOTED_TO", "甬易贷", "绍兴市"), ("PROMOTED_TO", "甬易贷", "台州市")} <= rels(result)


def test_version_takes_the_type_of_its_programme(gazetteer):
    result = run("推动“甬易办”平台迭代升级为“甬易办2.0”。", gazetteer)
    assert {"甬易办", "甬易办2.0"} <= names(result, "Platform")
    assert ("SUCCEEDS", "甬易办2.0", "甬易办") in rels(result)


def test_development_zone_is_a_region_and_a_subject(gazetteer):
    result = run("宁波高新区开展营商环境创新试点。", gazetteer)
    assert "宁波高新区" in names(result, "Region")
    assert ("RUNS", "宁波高新区", "营商环境创新试点") in rels(result)


def test_region_owned_quoted_programme(gazetteer):
    result = run("镇海“甬安码”应用纳入浙江政务服务网。", gazetteer)
    assert ("RUNS", "镇海区", "甬安码") in rels(result)


def test_partners_take_part_and_subject_runs(gazetteer):
    result = run("联合舜宇科技、宁波大学开展光学检测改革试点。", gazetteer)
    assert ("RUNS", "宁波市市场监督管理局", "光学检测改革试点") in rels(result)
    assert ("PARTICIPATES_IN", "舜宇科技", "光学检测改革试点") in rels(result)
    assert ("PARTICIPATES_IN", "宁波大学", "光学检测改革试点") in rels(result)


def test_takes_part_in_events(gazetteer):
    result = run("在全省计量技能大比武中荣获一等奖。", gazetteer)
    assert ("PARTICIPATES_IN", "宁波市市场监督管理局", "全省计量技能大比武") in rels(result)


def test_county_level_city_agencies(gazetteer):
    result = run("市委、市政府出台《质量强市意见》，市局牵头落实。", gazetteer,
                 issuer=("余姚市市场监督管理局", "余姚市", "330281", "district"))
    agencies = names(result, "Agency")
    assert {"中共余姚市委员会", "余姚市人民政府", "余姚市市场监督管理局"} <= agencies


def test_partners_named_after_lianhe_and_zhidao_are_organisations(gazetteer):
    result = run("联合甬江、宁大开展质量共治改革试点，指导舜宇科技、舜宇申报中国质量奖。", gazetteer)
    assert {"甬江", "宁大", "舜宇科技"} <= names(result, "Organization")
    assert "舜宇" not in names(result, "Organization")   # the short name of 舜宇科技
    assert ("PARTICIPATES_IN", "甬江", "质量共治改革试点") in rels(result)


def test_own_city_prefix_of_an_institution(gazetteer):
    result = run("设立市知识产权标准化技术委员会。", gazetteer)
    assert "宁波市知识产权标准化技术委员会" in names(result, "Organization")


# -- partners named with their own region ---------------------------------------------------------

def test_agency_short_form_after_another_region_is_that_regions(gazetteer):
    result = run("联合温州市市场监管局开展“清风护航”专项执法行动。", gazetteer)
    assert "温州市市场监督管理局" in names(result, "Agency")
    assert ("PARTICIPATES_IN", "温州市市场监督管理局", "清风护航专项执法行动") in rels(result)
    assert ("PARTICIPATES_IN", "宁波市市场监督管理局", "清风护航专项执法行动") not in rels(result)


def test_own_region_agency_short_form_still_expands_by_issuer(gazetteer):
    result = run("宁波市市场监管局牵头开展“甬质行”专项行动。", gazetteer)
    assert "宁波市市场监督管理局" in names(result, "Agency")


def test_partner_regions_glued_in_a_chain_keep_the_most_specific(gazetteer):
    result = run("联合上海市松江区、安徽省合肥市蜀山区开展产品质量安全联合监管行动。", gazetteer)
    partners = {s for t, s, _ in rels(result, "PARTICIPATES_IN")}
    assert {"松江区", "蜀山区"} <= partners
    assert not partners & {"上海市", "安徽省", "合肥市"}


def test_joint_host_of_an_event_takes_part_with_the_subject(gazetteer):
    result = run("联合绍兴市人民政府举办第二届标准化创新大会。", gazetteer)
    assert ("PARTICIPATES_IN", "绍兴市人民政府", "第二届标准化创新大会") in rels(result)
    assert ("PARTICIPATES_IN", "宁波市市场监督管理局", "第二届标准化创新大会") in rels(result)


def test_dateline_and_someone_elses_speech_are_not_participation(gazetteer):
    result = run("——2023年1月9日在宁波市第十六届人民代表大会第三次会议上\n传达总书记在民营企业座谈会上的重要讲话精神。",
                 gazetteer)
    assert not rels(result, "PARTICIPATES_IN")


# -- campaigns: study campaigns and special rectifications ------------------------------------------

def test_study_campaign_and_special_rectification_are_initiatives(gazetteer):
    result = run("扎实开展主题教育学习教育，开展食用农产品质量安全专项整治。", gazetteer)
    assert "食用农产品质量安全专项整治" in names(result, "Initiative")
    result = run("以纪律学习教育为抓手，深化作风建设。", gazetteer)
    assert "纪律学习教育" in names(result, "Initiative")


def test_agency_inside_a_span_owns_the_campaign_after_it(gazetteer):
    result = run("该项工作列入市委重点改革和市纪委群众身边不正之风专项治理。", gazetteer)
    assert "群众身边不正之风专项治理" in names(result, "Initiative")
    assert ("RUNS", "中共宁波市纪律检查委员会", "群众身边不正之风专项治理") in rels(result)


# -- organisations by pattern ------------------------------------------------------------------------

def test_standards_committees_by_code_are_organisations(gazetteer):
    result = run("IEC/TC 85秘书处落户，ISO/TC207/SC1发布2项国际标准。", gazetteer)
    assert {"IEC/TC85", "ISO/TC207/SC1"} <= names(result, "Organization")   # spaces normalised


def test_organisation_name_may_hold_jiqi(gazetteer):
    result = run("申请全国光纤传感技术及其应用标准化工作组。", gazetteer)
    assert "全国光纤传感技术及其应用标准化工作组" in names(result, "Organization")


def test_unit_short_forms_of_other_bureaus(gazetteer):
    result = run("联合市应急管理局、市医保局开展安全生产专项整治。", gazetteer)
    assert {"宁波市应急管理局", "宁波市医疗保障局"} <= names(result, "Agency")


# -- quoted campaigns and their owners ---------------------------------------------------------------

def test_quoted_activity_after_run_cue_names_the_campaign(gazetteer):
    result = run("组织开展三大领域“诚信经营、满意消费”活动。", gazetteer)
    assert "诚信经营、满意消费" in names(result, "Initiative")
    assert ("RUNS", "宁波市市场监督管理局", "诚信经营、满意消费") in rels(result)


def test_listed_subjects_of_an_earlier_clause_do_not_carry_over(gazetteer):
    result = run("海曙、江北完成示范创建，开展“放心肉菜”示范行动。", gazetteer)
    assert ("RUNS", "宁波市市场监督管理局", "放心肉菜示范行动") in rels(result)
    assert ("RUNS", "海曙区", "放心肉菜示范行动") not in rels(result)


# -- platforms: joins, generic kinds, written forms --------------------------------------------------

def test_platform_after_a_join_with_another_thing_is_named(gazetteer):
    result = run("推进质量基础设施示范区建设和奉化水蜜桃溯源追踪系统推广应用。", gazetteer)
    platform = next(e for e in result.entities if e.type == "Platform")
    assert platform.name == "水蜜桃溯源追踪系统"
    assert "奉化水蜜桃溯源追踪系统" in platform.aliases


def test_generic_kinds_of_systems_are_not_platforms(gazetteer):
    result = run("充分利用第三方舆情平台和自建监测系统拓展线索。", gazetteer)
    assert not names(result, "Platform")


# -- pilot boundaries ----------------------------------------------------------------------------------

def test_pilot_followed_by_zhong_meaning_in(gazetteer):
    result = run("在全域旅游高质量发展示范区中展现担当。", gazetteer)
    assert "全域旅游高质量发展示范区" in names(result, "Pilot")


def test_nearer_boundary_verb_starts_the_name_over_a_level_word(gazetteer):
    result = run("鄞州依托全国首个县级商标受理窗口构建“一窗式”品牌服务新模式。", gazetteer)
    assert "“一窗式”品牌服务新模式" in {m for e in result.entities for m in [e.name, *e.aliases]} \
        or "一窗式品牌服务新模式" in names(result, "Initiative")


def test_no_recognition_source_across_a_colon(gazetteer):
    result = run("在绿色低碳发展示范区中展现担当，各项工作取得突破：入选省级典型案例3个。", gazetteer)
    assert "绿色低碳发展示范区" in names(result, "Pilot")
    assert not rels(result, "RECOGNIZED_AS")


# -- recognitions and promotions ----------------------------------------------------------------------

def test_owner_before_a_quoted_programme_is_not_the_recognised_one(gazetteer):
    result = run("市局“甬心办”服务项目被评为全省市场监管系统十佳服务品牌。", gazetteer)
    sources = {s for t, s, _ in rels(result, "RECOGNIZED_AS")}
    assert sources == {"甬心办"}


def test_bing_carries_on_the_subject_of_the_clause_before(gazetteer):
    result = run("区局牵头建设“甬检通”平台，“甬安码”被“浙里办”平台吸纳，并入选全国智慧监管优秀案例。", gazetteer)
    assert ("RECOGNIZED_AS", "甬安码", "全国智慧监管优秀案例") in rels(result)


@pytest.mark.parametrize("sentence", ["推进“个体户分层培育”改革在绍兴全面铺开。",
                                      "争取“个体户分层培育”改革在绍兴全市推开。"])
def test_promotion_to_a_named_region_with_scope_words_between(gazetteer, sentence):
    result = run(sentence, gazetteer)
    assert ("PROMOTED_TO", "个体户分层培育改革", "绍兴市") in rels(result)


# -- joint work ----------------------------------------------------------------------------------------

def test_joint_programme_of_two_actors_is_participation(gazetteer):
    result = run("市标化院与象山县联合推进“海鲜标准化”提升行动。", gazetteer)
    parts = {s for t, s, _ in rels(result, "PARTICIPATES_IN")}
    assert {"宁波市标准化研究院", "象山县"} <= parts


def test_coordinating_partner_takes_part(gazetteer):
    result = run("协同市住建局推进“加装电梯”惠民行动。", gazetteer)
    assert ("PARTICIPATES_IN", "宁波市住房和城乡建设局", "加装电梯惠民行动") in rels(result)


def test_xietong_inside_a_name_is_not_a_cue(gazetteer):
    result = run("鄞州电梯协同智治监管平台经验全省推广。", gazetteer)
    assert not rels(result, "PARTICIPATES_IN")


# -- lists of fields, items of another kind, quoted codes ----------------------------------------------

def test_list_of_fields_of_work_names_nothing(gazetteer):
    result = run("持续推进平台经济、“甬江护渔”、“放心消费”等领域执法。", gazetteer)
    assert not names(result, "Initiative")


def test_list_item_headed_as_another_kind_is_not_an_initiative(gazetteer):
    result = run("全面梳理“三检合一”改革、信用修复、典型执法案例等特色工作。", gazetteer)
    assert "典型执法案例" not in names(result, "Initiative")


def test_quoted_code_with_experience_is_a_platform(gazetteer):
    result = run("海曙区“甬骑码”经验在全省推广。", gazetteer)
    assert "甬骑码" in names(result, "Platform")


def test_quoted_programmes_rolled_out_in_full(gazetteer):
    result = run("全市农贸市场基本实现“明厨亮灶”“智慧秤”全覆盖。", gazetteer)
    assert {"明厨亮灶", "智慧秤"} <= names(result, "Initiative")


def test_service_centre_is_an_organisation_only_when_owned(gazetteer):
    result = run("设立宁波市数据知识产权登记服务中心，建设小微企业服务中心。", gazetteer)
    orgs = names(result, "Organization")
    assert "宁波市数据知识产权登记服务中心" in orgs
    assert "小微企业服务中心" not in orgs


def test_bare_grades_and_thresholds_are_not_awards(gazetteer):
    result = run("“甬e查”获评全省数字法治好应用和金奖，入选省级及以上典型案例。", gazetteer)
    awards = names(result, "Award")
    assert "金奖" not in awards and not any("及以上" in a for a in awards)
    assert "全省数字法治好应用" in awards


# -- enterprises in lists, short names, organised participation ----------------------------------------

def test_names_listed_before_deng_qiye_are_organisations(gazetteer):
    result = run("甬矽电子、舜宇光学等企业入选中国电子信息百强。", gazetteer)
    assert {"甬矽电子", "舜宇光学"} <= names(result, "Organization")
    assert ("RECOGNIZED_AS", "舜宇光学", "中国电子信息百强") in rels(result)
    result = run("引导规上企业、专精特新企业等企业加大研发投入。", gazetteer)
    assert not names(result, "Organization")


def test_company_short_name_is_an_alias_of_its_full_name(gazetteer):
    result = run("宁波舜宇光学科技有限公司荣获中国质量奖提名奖。组织舜宇光学等企业参加第二届甬江质量论坛。", gazetteer)
    company = next(e for e in result.entities if e.type == "Organization")
    assert company.name == "宁波舜宇光学科技有限公司" and "舜宇光学" in company.aliases
    assert len(names(result, "Organization")) == 1


def test_organised_participants_take_part_in_the_event_before(gazetteer):
    result = run("举办第二届甬江质量论坛，组织甬矽电子、舜宇光学等企业参加。", gazetteer)
    assert ("PARTICIPATES_IN", "舜宇光学", "第二届甬江质量论坛") in rels(result)


def test_quoted_item_joined_to_a_headed_name_is_split(gazetteer):
    result = run("实施“甬才计划”和制造业数字化转型三年行动。", gazetteer)
    assert {"甬才计划", "制造业数字化转型三年行动"} <= names(result, "Initiative")


# -- agencies written in full, pilots designated as parks, bodies with level characters ----------------

def test_unit_written_after_its_region_is_an_agency(gazetteer):
    result = run("江北区政务服务管理局推行“一窗通办”，宁波市数据局牵头建设城市大脑。", gazetteer)
    agencies = names(result, "Agency")
    assert {"江北区政务服务管理局", "宁波市数据资源管理局"} <= agencies
    assert "宁波市" not in names(result, "Region")   # the region is part of the agency's name
    assert "城市大脑" in names(result, "Platform")


def test_demonstration_park_is_a_pilot(gazetteer):
    result = run("宁波高新区获批国家知识产权强国建设示范园区。", gazetteer)
    assert "国家知识产权强国建设示范园区" in names(result, "Pilot")


def test_hong_kong_body_is_an_organisation(gazetteer):
    result = run("联合香港生产力促进局开展“湾区标准”试点。", gazetteer)
    assert "香港生产力促进局" in names(result, "Organization")
    assert ("PARTICIPATES_IN", "香港生产力促进局", "湾区标准试点") in rels(result)


def test_zone_named_after_region_and_place(gazetteer):
    result = run("宁波杭州湾新区获批国家级知识产权保护示范区。", gazetteer)
    assert ("RUNS", "宁波杭州湾新区", "国家级知识产权保护示范区") in rels(result)


def test_promotion_cue_before_the_programme(gazetteer):
    result = run("全省推广“企业码上办”改革，成效明显。", gazetteer, issuer=("浙江省市场监督管理局", "浙江省", "330000", "province"))
    assert ("PROMOTED_TO", "企业码上办改革", "浙江省") in rels(result)


# -- county bureaus ------------------------------------------------------------------------------------

COUNTY = ("肥东县市场监督管理局", "肥东县", "340122", "district")


def test_county_issuer_written_alone_expands_short_forms_to_itself(gazetteer):
    result = run("县局牵头推进“个体户分型”试点，与县教育局开展联合检查。", gazetteer, issuer=COUNTY)
    assert {"肥东县市场监督管理局", "肥东县教育局"} <= names(result, "Agency")
    assert ("RUNS", "肥东县市场监督管理局", "个体户分型试点") in rels(result)


def test_market_supervision_office_and_its_title(gazetteer):
    result = run("撮镇市场监管所获评全国“枫桥式”市场监管所。", gazetteer, issuer=COUNTY)
    office = next(e for e in result.entities if e.name == "撮镇市场监管所")
    assert office.type == "Agency" and office.level is None   # 市 of 市场 is not a level
    assert ("RECOGNIZED_AS", "撮镇市场监管所", "全国枫桥式市场监管所") in rels(result)


def test_partner_after_xietong_is_not_the_subject(gazetteer):
    result = run("协同县公安局开展打击侵权假冒专项行动。", gazetteer, issuer=COUNTY)
    assert ("RUNS", "肥东县市场监督管理局", "打击侵权假冒专项行动") in rels(result)
    assert ("PARTICIPATES_IN", "肥东县公安局", "打击侵权假冒专项行动") in rels(result)


# -- designations in government work reports -----------------------------------------------------------

def test_designation_by_huoping_is_runs(gazetteer):
    result = run("区委、区政府团结带领全区人民，获评全国首批城市更新示范区。", gazetteer, issuer=DISTRICT)
    assert ("RUNS", "宁波市鄞州区市场监督管理局", "全国首批城市更新示范区") in rels(result)


def test_zone_designation_with_a_level_is_a_pilot(gazetteer):
    result = run("鄞州经济开发区获批省级高新技术产业开发区，推进高新区建设。", gazetteer)
    assert names(result, "Pilot") == {"省级高新技术产业开发区"}


def test_counted_enterprises_listed_before_deng(gazetteer):
    result = run("宁波银行、太平洋保险等12家企业总部落户鄞州。", gazetteer)
    assert ("LOCATED_IN", "宁波银行", "鄞州区") in rels(result)


def test_single_dash_joins_a_name_and_xinzeng_ends_one(gazetteer):
    result = run("承办第五届中国—中东欧国家博览会，中国（浙江）自由贸易试验区宁波片区新增制度创新成果20项。", gazetteer)
    assert "第五届中国—中东欧国家博览会" in names(result, "Event")
    assert "中国(浙江)自由贸易试验区宁波片区" in names(result, "Pilot") or \
        any(n.startswith("中国(浙江)自由贸易试验区") for n in names(result, "Pilot"))


def test_a_plant_listed_as_a_project_is_not_a_pilot(gazetteer):
    result = run("吉利汽车、舜宇宁波基地等重大项目建成投产。", gazetteer)
    assert not names(result, "Pilot")


def test_pilot_followed_by_its_acceptance_check(gazetteer):
    result = run("力争通过国家知识产权强县建设试点县验收。", gazetteer)
    assert "国家知识产权强县建设试点县" in names(result, "Pilot")


def test_quoted_goals_are_not_programmes(gazetteer):
    result = run("围绕高水平建设“掌上办事之城”“掌上治理之城”目标，持续发力。", gazetteer)
    assert not names(result, "Initiative")


def test_region_before_a_verb_is_a_partner_not_the_owner(gazetteer):
    result = run("与绍兴建立“双城共治”市场监管合作机制。", gazetteer)
    assert ("RUNS", "绍兴市", "双城共治市场监管合作机制") not in rels(result)
    assert ("PARTICIPATES_IN", "绍兴市", "双城共治市场监管合作机制") in rels(result)


def test_titled_activity_is_a_campaign_of_the_agency_before_it(gazetteer):
    result = run("认真贯彻落实市委“两争”大讨论活动部署，组织各类活动。", gazetteer)
    assert "两争大讨论活动" in names(result, "Initiative")
    assert ("RUNS", "中共宁波市委员会", "两争大讨论活动") in rels(result)
    assert len(names(result, "Initiative")) == 1


def test_conferring_agency_of_a_pilot_is_not_its_runner(gazetteer):
    result = run("鄞州区入选总局“信用+智慧”监管全国试点。", gazetteer)
    assert not any(s == "国家市场监督管理总局" for t, s, _ in rels(result, "RUNS"))


def test_event_held_at_a_venue_in_a_region(gazetteer):
    result = run("第三届甬江质量论坛在宁波国际会议中心开幕。", gazetteer)
    assert ("LOCATED_IN", "第三届甬江质量论坛", "宁波市") in rels(result)


def test_ip_protection_centre_is_an_agency(gazetteer):
    result = run("中国（宁波）知识产权保护中心投入使用。", gazetteer)
    assert "中国(宁波)知识产权保护中心" in names(result, "Agency")


def test_region_approved_for_an_organisation_hosts_it(gazetteer):
    result = run("北仑获批全省首个模具产业知识产权联盟。", gazetteer)
    assert ("LOCATED_IN", "全省首个模具产业知识产权联盟", "北仑区") in rels(result) or \
        ("LOCATED_IN", "模具产业知识产权联盟", "北仑区") in rels(result)


def test_quote_describing_a_longer_noun_or_features_is_not_a_campaign(gazetteer):
    result = run("协同建设“一站式、全链条”知识产权运营公共服务平台，迭代“一库一图六大应用场景”，建立“标准专家库”。", gazetteer)
    assert not names(result, "Initiative")


def test_version_written_after_a_quote_belongs_to_the_name(gazetteer):
    result = run("深入实施“甬企服务”2.0版，完善联系企业制度。", gazetteer)
    assert "甬企服务2.0版" in names(result, "Initiative")


@pytest.mark.parametrize("text, region, award", [
    ("象山县荣获全省海洋经济工作先进集体。", "象山县", "全省海洋经济工作先进集体"),
    ("奉化区获评全省县域营商环境最佳城区。", "奉化区", "全省县域营商环境最佳城区"),
])
def test_region_right_before_the_award_cue_is_the_recipient(gazetteer, text, region, award):
    assert ("RECOGNIZED_AS", region, award) in rels(run(text, gazetteer))


@pytest.mark.parametrize("text, subject", [
    ("“渔港通”服务平台正式上线运行。", "宁波市市场监督管理局"),
    ("象山县“渔港通”平台投入使用，覆盖渔船300艘。", "象山县"),
])
def test_launch_after_the_platform_is_running_it(gazetteer, text, subject):
    assert ("RUNS", subject, "渔港通") in rels(run(text, gazetteer))


def test_platform_launching_a_module_is_not_itself_launched(gazetteer):
    result = run("“渔港通”上线“船证速查”模块。", gazetteer)
    assert not any(t == "渔港通" for kind, s, t in rels(result, "RUNS"))


def test_built_and_put_into_use_starts_the_platform_name(gazetteer):
    result = run("建成投用海塘巡检服务平台。", gazetteer)
    assert "海塘巡检服务平台" in names(result, "Platform")


@pytest.mark.parametrize("text, source, region", [
    ("全省海洋质量检验检测中心在北仑揭牌成立。", "全省海洋质量检验检测中心", "北仑区"),
    ("全国首个渔港标准化创新基地在象山开园。", "全国首个渔港标准化创新基地", "象山县"),
    ("在宁海举办全市个体工商户年会。", "全市个体工商户年会", "宁海县"),
])
def test_unveiled_or_opened_in_a_region_is_located_there(gazetteer, text, source, region):
    assert ("LOCATED_IN", source, region) in rels(run(text, gazetteer))


@pytest.mark.parametrize("text, event", [
    ("成功举办首届渔港美食推介会。", "首届渔港美食推介会"),
    ("组织开展第二届计量技能大赛。", "第二届计量技能大赛"),
])
def test_more_event_heads(gazetteer, text, event):
    assert event in names(run(text, gazetteer), "Event")


def test_major_events_phrase_is_not_a_contest(gazetteer):
    assert not names(run("积极服务保障重大赛事活动。", gazetteer), "Event")


@pytest.mark.parametrize("text, source, region", [
    ("全国渔港标准化创新基地正式落地象山。", "全国渔港标准化创新基地", "象山县"),
    ("全省海洋质量检验检测中心入驻北仑。", "全省海洋质量检验检测中心", "北仑区"),
])
def test_landing_in_a_region_places_it(gazetteer, text, source, region):
    assert ("LOCATED_IN", source, region) in rels(run(text, gazetteer))


def test_policy_landing_without_region_places_nothing(gazetteer):
    assert not rels(run("推动各项政策落地见效。", gazetteer), "LOCATED_IN")


@pytest.mark.parametrize("text, name", [
    ("推广使用“渔港e办”APP。", "渔港e办"),
    ("建设全市渔港安全监管一张图。", "全市渔港安全监管一张图"),
    ("启用象山县渔船智慧监管系统。", "象山县渔船智慧监管系统"),
    ("建成海塘使用安全管理平台。", "海塘使用安全管理平台"),
])
def test_platform_boundaries_and_heads(gazetteer, text, name):
    assert name in names(run(text, gazetteer), "Platform")


def test_research_and_development_inside_a_company_name_is_not_a_verb(gazetteer):
    result = run("宁波海港汽车研究开发有限公司荣获中国质量奖。", gazetteer)
    assert "宁波海港汽车研究开发有限公司" in names(result, "Organization")


@pytest.mark.parametrize("text, source, award", [
    ("宁波海港研究院被授予全国市场监管系统先进集体称号。", "宁波海港研究院", "全国市场监管系统先进集体称号"),
    ("宁波海港研究院获颁省政府质量奖。", "宁波海港研究院", "省政府质量奖"),
])
def test_more_award_cues(gazetteer, text, source, award):
    assert ("RECOGNIZED_AS", source, award) in rels(run(text, gazetteer))


def test_conferring_agency_after_bei_is_not_the_recipient(gazetteer):
    result = run("“渔港亮码”做法被省局列为优秀案例。", gazetteer)
    recognized = rels(result, "RECOGNIZED_AS")
    assert any(s == "渔港亮码" for _, s, _ in recognized)
    assert not any(s == "浙江省市场监督管理局" for _, s, _ in recognized)


@pytest.mark.parametrize("text", ["渔港检验改革国家试点成功获批。", "今年，渔港检验改革国家试点正式获批。",
                                  "渔港检验改革国家试点获国家市场监管总局批复。"])
def test_approval_after_the_pilot_designates_the_issuer(gazetteer, text):
    result = run(text, gazetteer)
    assert "渔港检验改革国家试点" in names(result, "Pilot")
    assert ("RUNS", "宁波市市场监督管理局", "渔港检验改革国家试点") in rels(result)


@pytest.mark.parametrize("text, event", [
    ("举办2025渔港美食展销会。", "2025渔港美食展销会"),
    ("召开全市渔港安全工作部署会。", "全市渔港安全工作部署会"),
])
def test_fair_and_meeting_heads(gazetteer, text, event):
    assert event in names(run(text, gazetteer), "Event")


# -- cue rules added for unseen reports (one sentence each, written for the test) ------------------

def test_quoted_mechanism_keeps_its_descriptor(gazetteer):
    result = run("联合甲公司开展“清风护企”帮扶联络项目。", gazetteer)
    assert "清风护企帮扶联络项目" in names(result, "Initiative")


def test_lead_unit_after_a_reform_runs_it(gazetteer):
    result = run("作为全省食品安全“一件事”改革揭榜挂帅单位，加强监管。", gazetteer)
    assert ("RUNS", "宁波市市场监督管理局", "食品安全一件事改革") in rels(result)


def test_campaign_title_keeps_its_opening_verbs(gazetteer):
    result = run("开展深入贯彻中央八项规定精神学习教育。", gazetteer)
    assert "深入贯彻中央八项规定精神学习教育" in names(result, "Initiative")


def test_cross_region_service_is_a_reform_with_partners(gazetteer):
    result = run("与舟山、台州实现企业登记事项的“跨市通办”。", gazetteer)
    assert "跨市通办" in names(result, "Initiative")
    assert ("PARTICIPATES_IN", "舟山市", "跨市通办") in rels(result)


def test_region_before_a_quote_owns_the_programme(gazetteer):
    result = run("象山县“渔省心”改革经验在全省推广。", gazetteer)
    assert ("RUNS", "象山县", "渔省心改革") in rels(result)


def test_event_held_with_an_adverb_is_located(gazetteer):
    result = run("第五届中国—中东欧国家博览会在宁波成功举办。", gazetteer)
    assert ("LOCATED_IN", "第五届中国—中东欧国家博览会", "宁波市") in rels(result)


def test_designated_by_listing_and_by_wei(gazetteer):
    result = run("慈溪市列入全国第二批民营经济质量提升试点，确定鄞州区为首批质量强区示范试点。", gazetteer)
    assert ("RUNS", "慈溪市", "全国第二批民营经济质量提升试点") in rels(result)
    assert ("RUNS", "鄞州区", "首批质量强区示范试点") in rels(result)


def test_building_in_a_place_locates_and_leaves_the_runner(gazetteer):
    result = run("在奉化区建设省级放心消费示范区。", gazetteer)
    assert ("LOCATED_IN", "省级放心消费示范区", "奉化区") in rels(result)
    assert ("RUNS", "奉化区", "省级放心消费示范区") not in rels(result)


def test_bare_high_tech_zone_is_the_citys(gazetteer):
    result = run("高新区获批国家知识产权强国建设试点园区。", gazetteer)
    assert "宁波高新技术产业开发区" in names(result, "Region")


def test_unquoted_standard_before_its_kind_is_a_document(gazetteer):
    result = run("发布全省首个直播电商行业信用管理体系建设指南团体标准。", gazetteer)
    assert "直播电商行业信用管理体系建设指南" in names(result, "Document")
