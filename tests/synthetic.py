"""A synthetic corpus with the shape of real work reports, sized by its number of facts.

Regions form a GB/T 2260-like hierarchy (district → city → province → 中华人民共和国) with
PART_OF edges; each district has a market-supervision agency (LOCATED_IN its district) that runs
pilots. Over the years a pilot is recognised at rising levels, promoted to 全市/全省/全国, taken up
by other districts (adoption), planned a year before it is achieved, re-observed in later reports,
and sometimes succeeded by a next-stage pilot (SUCCEEDS). Each (region, year) is one report.

Deterministic for a given `relationships` and `seed`:

>>> batches = synthetic_corpus(2_000, seed=1)
>>> 1_900 <= sum(len(b.facts) for b in batches) <= 2_100
True
>>> synthetic_corpus(500, seed=3)[0].report.key == synthetic_corpus(500, seed=3)[0].report.key
True
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from pilotgraph.graph.model import (
    FACT_TYPE_LABELS_ZH, Entity, Fact, Mention, PartOf, Report, ReportBatch, Sentence, fact_id, region_key, sentence_key,
)

NATIONAL = region_key("100000")
FIRST_YEAR, LAST_YEAR = 2015, 2025
TOPICS = ("电梯智慧监管", "数据知识产权", "信用修复", "网络餐饮治理", "直播行业信用监管", "充电桩检定",
          "冷链追溯", "药品安全治理", "企业开办", "知识产权质押", "质量强县", "小微企业成长")
LEVEL_ZH = {"district": "区级", "city": "市级", "province": "省级", "national": "全国"}
CITIES_PER_PROVINCE = 5
DISTRICTS_PER_CITY = 6
#: facts per pilot on average, used to size the region hierarchy
FACTS_PER_PILOT = 14


@dataclass
class _Report:
    batch: ReportBatch
    entities: dict[str, Entity] = field(default_factory=dict)
    sentences: dict[str, Sentence] = field(default_factory=dict)
    offset: int = 0


class _Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.entities: dict[str, Entity] = {}
        self.parent: dict[str, str] = {}
        self.reports: dict[str, _Report] = {}
        self.n_facts = 0

    def region(self, code: str, name: str, level: str, parent: str | None, alias: str | None = None) -> str:
        key = region_key(code)
        self.entities[key] = Entity(key, "Region", name, [alias] if alias else [], level, code)
        if parent:
            self.parent[key] = parent
        return key

    def report(self, region: str, year: int) -> _Report:
        code = region.split(":", 1)[1]
        key = f"synthetic-{code}-{year}"
        found = self.reports.get(key)
        if found is None:
            entity = self.entities[region]
            report = Report(key, hashlib.sha256(key.encode()).hexdigest(), f"{entity.name}{year}年工作总结",
                            f"{entity.name}市场监督管理局", region, entity.level or "", [f"{year}:summary",
                                                                                    f"{year + 1}:plan"])
            found = self.reports[key] = _Report(ReportBatch(report))
            # every report carries its region's chain so PART_OF stays inside the batch
            here = region
            self._use(found, here)
            while here in self.parent:
                self._use(found, self.parent[here])
                found.batch.part_of.append(PartOf(here, self.parent[here]))
                here = self.parent[here]
        return found

    def _use(self, rep: _Report, key: str) -> None:
        if key not in rep.entities:
            rep.entities[key] = self.entities[key]
            rep.batch.entities.append(self.entities[key])

    def fact(self, rep: _Report, type_: str, source: str, target: str, year: int, status: str = "achieved") -> None:
        self._use(rep, source)
        self._use(rep, target)
        src, tgt = self.entities[source].name, self.entities[target].name
        text = f"{src}{'计划' if status == 'planned' else ''}{FACT_TYPE_LABELS_ZH[type_]}{tgt}。"
        start = rep.offset
        skey = sentence_key(rep.batch.report.key, start)
        rep.offset += len(text) + 1
        sentence = Sentence(skey, rep.batch.report.key, text, f"{year}年工作{'计划' if status == 'planned' else '总结'}",
                            start, start + len(text), year, status)
        rep.batch.sentences.append(sentence)
        tail = start + len(text) - 1  # the target's name ends before the 。
        rep.batch.mentions.append(Mention(source, skey, start, start + len(src), src))
        rep.batch.mentions.append(Mention(target, skey, tail - len(tgt), tail, tgt))
        fid = fact_id(rep.batch.report.key, skey, type_, source, target)
        rep.batch.facts.append(Fact(fid, type_, source, target, year, status, rep.batch.report.key, skey,
                                    start, start + len(text)))
        self.n_facts += 1


def _hierarchy(b: _Builder, districts: int) -> list[str]:
    """Provinces (at most 31, codes 11..), cities and districts with two-digit codes each, so
    every code is unique up to 31 × 99 × 99 districts."""
    b.region("100000", "中华人民共和国", "national", None, "全国")
    provinces = min(31, max(1, -(-districts // (CITIES_PER_PROVINCE * DISTRICTS_PER_CITY))))
    cities = min(99, max(CITIES_PER_PROVINCE, -(-districts // (provinces * DISTRICTS_PER_CITY))))
    per_city = min(99, max(DISTRICTS_PER_CITY, -(-districts // (provinces * cities))))
    out: list[str] = []
    for p in range(provinces):
        pcode = f"{11 + p:02d}0000"
        prov = b.region(pcode, f"测{p}省", "province", NATIONAL, f"测{p}")
        for c in range(cities):
            ccode = pcode[:2] + f"{c + 1:02d}00"
            city = b.region(ccode, f"测{p}-{c}市", "city", prov)
            for d in range(per_city):
                if len(out) >= districts:
                    return out
                dcode = ccode[:4] + f"{d + 1:02d}"
                district = b.region(dcode, f"测{p}-{c}-{d}区", "district", city)
                agency = f"agency:{b.entities[district].name}市场监督管理局"
                b.entities[agency] = Entity(agency, "Agency", b.entities[district].name + "市场监督管理局",
                                            [b.entities[district].name + "市场监管局"])
                out.append(district)
    return out


def _agency(b: _Builder, district: str) -> str:
    return f"agency:{b.entities[district].name}市场监督管理局"


def _award(b: _Builder, level: str, n: int) -> str:
    name = f"{LEVEL_ZH[level]}改革创新优秀案例第{n}批"
    key = f"award:{name}"
    if key not in b.entities:
        b.entities[key] = Entity(key, "Award", name, [], level)
    return key


def _pilot(b: _Builder, rng: random.Random, district: str, year: int, n: int,
           predecessor: str | None, stage: int, siblings: list[str]) -> None:
    topic = TOPICS[n % len(TOPICS)]
    national = rng.random() < 0.08
    name = f"{topic}{n}{'国家试点' if national else '试点'}" + (f"{stage}.0" if stage > 1 else "")
    key = f"pilot:{name}"
    b.entities[key] = Entity(key, "Pilot", name, [f"{topic}{n}" + (f"{stage}.0" if stage > 1 else "")],
                             "national" if national else "district")
    agency = _agency(b, district)
    if year > FIRST_YEAR and rng.random() < 0.5:
        b.fact(b.report(district, year - 1), "RUNS", agency, key, year, "planned")
    rep = b.report(district, year)
    b.fact(rep, "RUNS", agency, key, year)
    if agency not in {f.source for f in rep.batch.facts if f.type == "LOCATED_IN"}:
        b.fact(rep, "LOCATED_IN", agency, district, year)
    b.fact(rep, "LOCATED_IN", key, district, year)
    if predecessor:
        b.fact(rep, "SUCCEEDS", key, predecessor, year)
    city = b.parent[district]
    province = b.parent[city]
    chain = {"city": city, "province": province, "national": NATIONAL}
    level = 0  # index in ("district", "city", "province", "national")
    for y in range(year + 1, LAST_YEAR + 1):
        rep = b.report(district, y)
        if rng.random() < 0.5:  # re-observed in a later report
            b.fact(rep, "RUNS", agency, key, y)
        if level < 3 and rng.random() < 0.4:
            level += 1
            name_level = ("district", "city", "province", "national")[level]
            if rng.random() < 0.6:
                b.fact(rep, "RECOGNIZED_AS", key, _award(b, name_level, rng.randint(1, 12)), y)
            else:
                b.fact(rep, "PROMOTED_TO", key, chain[name_level], y)
        if rng.random() < 0.35 and siblings:  # another district takes it up
            other = rng.choice(siblings)
            if other != district:
                if rng.random() < 0.3 and y > FIRST_YEAR:
                    b.fact(b.report(other, y - 1), "RUNS", _agency(b, other), key, y, "planned")
                b.fact(b.report(other, y), "RUNS" if rng.random() < 0.7 else "PARTICIPATES_IN",
                       _agency(b, other), key, y)
        if stage < 3 and y < LAST_YEAR - 1 and rng.random() < 0.06:
            _pilot(b, rng, district, y, n, key, stage + 1, siblings)
            break


def synthetic_corpus(relationships: int = 10_000, seed: int = 0) -> list[ReportBatch]:
    """Report batches holding about `relationships` facts (±5 %), ordered by report key."""
    rng = random.Random(seed)
    b = _Builder(rng)
    districts = _hierarchy(b, max(6, relationships // (FACTS_PER_PILOT * 8)))
    by_city: dict[str, list[str]] = {}
    for d in districts:
        by_city.setdefault(b.parent[d], []).append(d)
    n = 0
    while b.n_facts < relationships:
        district = districts[n % len(districts)]
        _pilot(b, rng, district, rng.randint(FIRST_YEAR, LAST_YEAR - 2), n, None, 1, by_city[b.parent[district]])
        n += 1
    return [b.reports[k].batch for k in sorted(b.reports)]


def fact_count(batches: list[ReportBatch]) -> int:
    return sum(len(batch.facts) for batch in batches)


if __name__ == "__main__":  # pragma: no cover - a quick look at the shape
    import sys
    from collections import Counter

    corpus = synthetic_corpus(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    print(len(corpus), "reports", fact_count(corpus), "facts",
          Counter(f.type for b in corpus for f in b.facts))
