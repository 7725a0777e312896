"""A small hand-built corpus for the query tests, with answers that can be worked out by hand.

Regions: 中华人民共和国 ⊃ 浙江省 ⊃ 杭州市 ⊃ {滨江区, 余杭区}.

hz-2021 (杭州市, summary 2021): 市局 RUNS 进口产品CCC免办; 市局 RUNS 电梯智慧监管改革全国试点 (national pilot)
hz-2022 (杭州市, plan 2022):    进口产品CCC免办 (alias 3C免办) planned PROMOTED_TO 浙江省; 市局 planned RUNS 小微企业成长计划;
                                a sentence that only mentions 进口产品CCC免办 (no fact)
hz-2023 (杭州市, summary 2023): 余杭区 RUNS 数据知识产权试点; 数据知识产权试点 PROMOTED_TO 浙江省 (全省推广);
                                市局 RUNS 小微企业成长计划
bj-2021 (滨江区, summary 2021): 区局 RUNS 数据知识产权试点 (the origin: 区局 has no LOCATED_IN, so the report's region)
bj-2025 (滨江区, summary 2025): CCC免办服务新模式 SUCCEEDS 进口产品CCC免办; 区局 RUNS CCC免办服务新模式;
                                CCC免办服务新模式 RECOGNIZED_AS 自贸片区最佳案例 (province);
                                数据知识产权试点 RECOGNIZED_AS 全国优秀案例 (national)
"""

from __future__ import annotations

import hashlib

from pilotgraph.graph.model import (
    Entity, Fact, Mention, PartOf, Report, ReportBatch, Sentence, fact_id, region_key, sentence_key,
)

CN = Entity(region_key("100000"), "Region", "中华人民共和国", ["全国"], "national", "100000")
ZJ = Entity(region_key("330000"), "Region", "浙江省", ["浙江", "全省"], "province", "330000")
HZ = Entity(region_key("330100"), "Region", "杭州市", ["杭州"], "city", "330100")
BJ = Entity(region_key("330108"), "Region", "滨江区", ["滨江"], "district", "330108")
YH = Entity(region_key("330110"), "Region", "余杭区", ["余杭"], "district", "330110")
CITY_AMR = Entity("agency:杭州市市场监督管理局", "Agency", "杭州市市场监督管理局", ["市局"])
BJ_AMR = Entity("agency:杭州市滨江区市场监督管理局", "Agency", "杭州市滨江区市场监督管理局", ["区局"])
CCC = Entity("initiative:进口产品CCC免办", "Initiative", "进口产品CCC免办", ["3C免办", "CCC免办"])
CCC2 = Entity("initiative:CCC免办服务新模式", "Initiative", "CCC免办服务新模式")
DATA_IP = Entity("pilot:数据知识产权试点", "Pilot", "数据知识产权试点", [], "district")
ELEVATOR = Entity("pilot:电梯智慧监管改革全国试点", "Pilot", "电梯智慧监管改革全国试点", [], "national")
SMALL = Entity("initiative:小微企业成长计划", "Initiative", "小微企业成长计划")
AWARD_P = Entity("award:自贸片区最佳案例", "Award", "自贸片区最佳案例", [], "province")
AWARD_N = Entity("award:全国优秀案例", "Award", "全国优秀案例", [], "national")
PARTS = [PartOf(BJ.key, HZ.key), PartOf(YH.key, HZ.key), PartOf(HZ.key, ZJ.key), PartOf(ZJ.key, CN.key)]
REGIONS = [CN, ZJ, HZ, BJ, YH]


def _batch(key: str, region: Entity, level: str, periods: list[str],
           facts: list[tuple[str, Entity, Entity, int, str, str]]) -> ReportBatch:
    """facts: (type, source, target, year, status, sentence text); one sentence per fact.

    A type of None makes a sentence that only mentions `source`."""
    report = Report(key, hashlib.sha256(key.encode()).hexdigest(), f"{region.name}工作报告", f"{region.name}市场监督管理局",
                    region.key, level, periods, f"{key}.txt")
    batch = ReportBatch(report, part_of=list(PARTS))
    entities = {e.key: e for e in REGIONS}
    offset = 0
    for type_, source, target, year, status, text in facts:
        skey = sentence_key(key, offset)
        section = f"{year}年{'工作计划' if status == 'planned' else '工作总结'}"
        batch.sentences.append(Sentence(skey, key, text, section, offset, offset + len(text), year, status))
        for entity in (source, target) if target is not None else (source,):
            entities[entity.key] = entity
            at = text.find(entity.name)
            if at >= 0:
                batch.mentions.append(Mention(entity.key, skey, offset + at, offset + at + len(entity.name), entity.name))
        if type_ is None:  # a sentence that only mentions `source`
            offset += len(text) + 1
            continue
        batch.facts.append(Fact(fact_id(key, skey, type_, source.key, target.key), type_, source.key, target.key,
                                year, status, key, skey, offset, offset + len(text)))
        offset += len(text) + 1
    batch.entities = list(entities.values())
    return batch


def corpus() -> list[ReportBatch]:
    return [
        _batch("hz-2021", HZ, "city", ["2021:summary"], [
            ("RUNS", CITY_AMR, CCC, 2021, "achieved", "开通进口产品CCC免办企业自我承诺便捷通道。"),
            ("RUNS", CITY_AMR, ELEVATOR, 2021, "achieved", "开展电梯智慧监管改革全国试点。"),
        ]),
        _batch("hz-2022", HZ, "city", ["2022:plan"], [
            ("PROMOTED_TO", CCC, ZJ, 2022, "planned", "优化“3C免办”事项办理流程,争取在浙江省推广。"),
            ("RUNS", CITY_AMR, SMALL, 2022, "planned", "实施小微企业成长计划。"),
            (None, CCC, None, 2022, "planned", "深化进口产品CCC免办改革。"),
        ]),
        _batch("hz-2023", HZ, "city", ["2023:summary"], [
            ("RUNS", YH, DATA_IP, 2023, "achieved", "余杭区开展数据知识产权试点。"),
            ("PROMOTED_TO", DATA_IP, ZJ, 2023, "achieved", "数据知识产权试点经验全省推广。"),
            ("RUNS", CITY_AMR, SMALL, 2023, "achieved", "小微企业成长计划成效明显。"),
        ]),
        _batch("bj-2021", BJ, "district", ["2021:summary"], [
            ("RUNS", BJ_AMR, DATA_IP, 2021, "achieved", "在全国率先开展数据知识产权试点。"),
        ]),
        _batch("bj-2025", BJ, "district", ["2025:summary"], [
            ("SUCCEEDS", CCC2, CCC, 2025, "achieved", "迭代升级CCC免办服务新模式。"),
            ("RUNS", BJ_AMR, CCC2, 2025, "achieved", "打造CCC免办服务新模式。"),
            ("RECOGNIZED_AS", CCC2, AWARD_P, 2025, "achieved", "CCC免办服务新模式入选自贸片区最佳案例。"),
            ("RECOGNIZED_AS", DATA_IP, AWARD_N, 2025, "achieved", "数据知识产权试点获评全国优秀案例。"),
        ]),
    ]
