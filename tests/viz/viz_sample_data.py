"""A small, hand-built corpus for the view tests: the CCC免办 lineage over three reports.

Built from `ReportBatch` records directly so the view tests do not depend on the loaders.
"""

from __future__ import annotations

from pilotgraph.graph.model import (
    Entity, Fact, Mention, PartOf, Report, ReportBatch, Sentence, entity_key, fact_id, region_key, sentence_key,
)

CCC = entity_key("Pilot", "CCC免办服务")
HANGZHOU = region_key("330100")
BINJIANG = region_key("330108")
ZHEJIANG = region_key("330000")
AMR_HZ = entity_key("Agency", "杭州市市场监督管理局")
AMR_BJ = entity_key("Agency", "杭州市滨江区市场监督管理局")
AWARD = entity_key("Award", "优秀制度创新案例")
SANTONG = entity_key("Initiative", "同线同标同质")
QUALITY = entity_key("Pilot", "质量强区试点")
PLATFORM = entity_key("Platform", "浙企链")


def _entities() -> dict[str, Entity]:
    return {e.key: e for e in [
        Entity(CCC, "Pilot", "CCC免办服务", aliases=["3C免办", "进口产品CCC免办"], level="city"),
        Entity(HANGZHOU, "Region", "杭州市", level="city", code="330100"),
        Entity(BINJIANG, "Region", "滨江区", level="district", code="330108"),
        Entity(ZHEJIANG, "Region", "浙江省", level="province", code="330000"),
        Entity(AMR_HZ, "Agency", "杭州市市场监督管理局", aliases=["市市场监管局"], level="city"),
        Entity(AMR_BJ, "Agency", "杭州市滨江区市场监督管理局", aliases=["区市场监管局"], level="district"),
        Entity(AWARD, "Award", "优秀制度创新案例", level="city"),
        Entity(SANTONG, "Initiative", "同线同标同质", aliases=["三同"], level="district"),
        Entity(QUALITY, "Pilot", "质量强区试点", level="national"),
        Entity(PLATFORM, "Platform", "浙企链", level="province"),
    ]}


def _batch(report: Report, rows: list[tuple[str, int, str, list[tuple[str, str, str]]]],
           ents: dict[str, Entity]) -> ReportBatch:
    """rows: (text, year, status, [(type, source, target)])."""
    batch = ReportBatch(report=report)
    used: set[str] = set()
    offset = 0
    for text, year, status, facts in rows:
        skey = sentence_key(report.key, offset)
        batch.sentences.append(Sentence(skey, report.key, text, "一、工作总结" if status == "achieved" else "二、工作计划",
                                        offset, offset + len(text), year, status))
        for rel, src, dst in facts:
            batch.facts.append(Fact(fact_id(report.key, skey, rel, src, dst), rel, src, dst, year, status,
                                    report.key, skey, offset, offset + len(text)))
            used |= {src, dst}
        offset += len(text) + 1
    used |= {BINJIANG, HANGZHOU, ZHEJIANG}  # the hierarchy's ends must be in the batch
    for key in sorted(used):
        e = ents[key]
        batch.entities.append(Entity(e.key, e.type, e.name, list(e.aliases), e.level, e.code, [report.key]))
    batch.part_of = [PartOf(BINJIANG, HANGZHOU), PartOf(HANGZHOU, ZHEJIANG)]
    return batch


def sample_batches() -> list[ReportBatch]:
    ents = _entities()
    city = Report("hangzhou-amr-2021-summary-2022-plan", "sha-city", "杭州市市场监督管理局2021年工作总结和2022年工作计划",
                  "杭州市市场监督管理局", HANGZHOU, "city", ["2021:summary", "2022:plan"])
    district = Report("binjiang-amr-2025-h1", "sha-district", "杭州市滨江区市场监督管理局2025年上半年工作总结和下半年工作思路",
                      "杭州市滨江区市场监督管理局", BINJIANG, "district", ["2025:summary", "2025:plan"])
    b1 = _batch(city, [
        ("开通进口产品CCC免办企业自我承诺便捷通道，推进车辆检测“一件事”集成改革。", 2021, "achieved",
         [("RUNS", AMR_HZ, CCC), ("LOCATED_IN", CCC, HANGZHOU)]),
        ("企业信息公示双随机“智联查”改革成果纳入“浙企链”。", 2021, "achieved", [("PARTICIPATES_IN", AMR_HZ, PLATFORM)]),
        ("实施检验检测机构资质认定告知承诺制度，优化“3C免办”事项办理流程。", 2022, "planned", [("RUNS", AMR_HZ, CCC)]),
    ], ents)
    # a dated mention without a fact: timelines show it as "mentioned"
    text = "拱墅食品自动制售许可监管、滨江“企业开办全程网上办”省级地方标准制定等试点成效明显。"
    start = max(x.end for x in b1.sentences) + 1
    skey = sentence_key(city.key, start)
    b1.sentences.append(Sentence(skey, city.key, text, "一、工作总结", start, start + len(text), 2021, "achieved"))
    at = text.index("滨江")
    b1.mentions.append(Mention(BINJIANG, skey, start + at, start + at + 2, "滨江"))
    b2 = _batch(district, [
        ("创新CCC免办服务新模式获2025年杭州自贸片区及联动创新区优秀制度创新案例并推荐省级。", 2025, "achieved",
         [("RECOGNIZED_AS", CCC, AWARD), ("RUNS", AMR_BJ, CCC), ("LOCATED_IN", CCC, BINJIANG)]),
        ("“同线同标同质”规范标准体系申报国家级自贸试验区新一批制度创新成果案例。", 2025, "achieved",
         [("RUNS", AMR_BJ, SANTONG), ("SUCCEEDS", SANTONG, CCC)]),
        ("积极争取国家市场监管总局质量强区试点落地。", 2025, "planned", [("RUNS", AMR_BJ, QUALITY)]),
    ], ents)
    return [b1, b2]
