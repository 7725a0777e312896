"""A small hand-built graph for the store contract suite: three reports, two years, a hierarchy.

report city-2021:  杭州市市场监督管理局 RUNS 进口产品CCC免办 (2021); CCC免办 RECOGNIZED_AS 省局优秀案例
report city-2022:  CCC免办 alias "3C免办", planned PROMOTED_TO 浙江省 (2022)
report dist-2025:  滨江区 RUNS CCC免办 (2025); CCC免办 RECOGNIZED_AS 全国优秀案例; 直播信用监管试点 SUCCEEDS CCC免办
"""

from __future__ import annotations

from pilotgraph.graph.model import (
    Entity, Fact, Mention, PartOf, Report, ReportBatch, Sentence, entity_key, fact_id, region_key, sentence_key,
)

CHINA = Entity(region_key("000000"), "Region", "中华人民共和国", ["全国"], "national", "000000")
ZJ = Entity(region_key("330000"), "Region", "浙江省", ["浙江"], "province", "330000")
HZ = Entity(region_key("330100"), "Region", "杭州市", ["杭州"], "city", "330100")
BJ = Entity(region_key("330108"), "Region", "滨江区", ["滨江"], "district", "330108")
YH = Entity(region_key("330110"), "Region", "余杭区", ["余杭"], "district", "330110")
CITY_AMR = Entity(entity_key("Agency", "杭州市市场监督管理局"), "Agency", "杭州市市场监督管理局", ["市局"], "city")
CCC = entity_key("Initiative", "CCC免办")
PILOT = entity_key("Pilot", "直播信用监管试点")
AWARD_P = entity_key("Award", "省局优秀案例")
AWARD_N = entity_key("Award", "全国优秀案例")
REGION_PARTS = [PartOf(BJ.key, HZ.key), PartOf(YH.key, HZ.key), PartOf(HZ.key, ZJ.key), PartOf(ZJ.key, CHINA.key)]


def _batch(report: Report, sentences: list[tuple[str, int, str]], entities: list[Entity],
           facts: list[tuple[str, str, str, int]], mentions: list[tuple[str, int, int, int]],
           part_of: list[PartOf] = ()) -> ReportBatch:
    """sentences: (text, year, status); facts: (type, source, target, sentence index);
    mentions: (entity key, sentence index, start, end) with offsets inside the sentence."""
    sent_records, offset = [], 0
    for text, year, status in sentences:
        sent_records.append(Sentence(sentence_key(report.key, offset), report.key, text, "一、工作总结",
                                     offset, offset + len(text), year, status))
        offset += len(text) + 1
    fact_records = []
    for rel, source, target, i in facts:
        s = sent_records[i]
        fact_records.append(Fact(fact_id(report.key, s.key, rel, source, target), rel, source, target, s.year,
                                 s.status, report.key, s.key, s.start, s.end))
    mention_records = [Mention(k, sent_records[i].key, sent_records[i].start + a, sent_records[i].start + b,
                               sent_records[i].text[a:b]) for k, i, a, b in mentions]
    return ReportBatch(report, sent_records, entities, mention_records, fact_records, list(part_of))


def ccc(aliases: list[str]) -> Entity:
    return Entity(CCC, "Initiative", "CCC免办", aliases, None)


def city_2021(sha: str = "sha-city-2021") -> ReportBatch:
    report = Report("city-2021", sha, "杭州市市场监督管理局2021年工作总结", "杭州市市场监督管理局", HZ.key, "city",
                    ["2021:summary"], "city-2021.txt")
    return _batch(
        report,
        [("开通进口产品CCC免办绿色通道。", 2021, "achieved"), ("“CCC免办”获评省局优秀案例。", 2021, "achieved")],
        [CHINA, ZJ, HZ, CITY_AMR, ccc(["进口产品CCC免办"]), Entity(AWARD_P, "Award", "省局优秀案例", [], "province")],
        [("RUNS", CITY_AMR.key, CCC, 0), ("RECOGNIZED_AS", CCC, AWARD_P, 1)],
        [(CCC, 0, 2, 11), (AWARD_P, 1, 9, 15)],
        [PartOf(HZ.key, ZJ.key), PartOf(ZJ.key, CHINA.key)],
    )


def city_2022() -> ReportBatch:
    report = Report("city-2022", "sha-city-2022", "杭州市市场监督管理局2022年工作计划", "杭州市市场监督管理局", HZ.key,
                    "city", ["2022:plan"], "city-2022.txt")
    return _batch(
        report,
        [("推动“3C免办”在全省推广。", 2022, "planned")],
        [ZJ, HZ, CITY_AMR, ccc(["3C免办"])],
        [("PROMOTED_TO", CCC, ZJ.key, 0), ("RUNS", CITY_AMR.key, CCC, 0)],
        [(CCC, 0, 3, 7)],
        [PartOf(HZ.key, ZJ.key)],
    )


def district_2025(sha: str = "sha-dist-2025") -> ReportBatch:
    report = Report("dist-2025", sha, "滨江区市场监督管理局2025年上半年工作总结", "杭州市滨江区市场监督管理局", BJ.key,
                    "district", ["2025:summary"], "dist-2025.txt")
    return _batch(
        report,
        [("滨江区CCC免办服务新模式入选全国优秀案例。", 2025, "achieved"),
         ("由CCC免办向直播信用监管试点深化。", 2025, "achieved"),
         ("余杭区参与直播信用监管试点。", 2025, "achieved")],
        [CHINA, ZJ, HZ, BJ, YH, ccc(["CCC免办服务新模式"]),
         Entity(AWARD_N, "Award", "全国优秀案例", [], "national"),
         Entity(PILOT, "Pilot", "直播信用监管试点", [], "province")],
        [("RUNS", BJ.key, CCC, 0), ("RECOGNIZED_AS", CCC, AWARD_N, 0), ("SUCCEEDS", PILOT, CCC, 1),
         ("PARTICIPATES_IN", YH.key, PILOT, 2)],
        [(BJ.key, 0, 0, 3), (CCC, 0, 3, 13), (AWARD_N, 0, 15, 21), (YH.key, 2, 0, 3)],
        REGION_PARTS,
    )


def all_batches() -> list[ReportBatch]:
    return [city_2021(), city_2022(), district_2025()]
