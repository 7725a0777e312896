"""The store contract: the same operations give the same answers on LocalStore and Neo4jStore.

Every test runs once per store (`store` is parametrised in conftest.py); the Neo4j half carries
the `neo4j` marker and runs against a real server.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pilotgraph.errors import InvalidInput, NotFound
from pilotgraph.graph.model import ENTITY_TYPES, FACT_TYPES, Entity, Fact, ReportBatch
from tests.graph import dataset as d


def snapshot(store):
    """Everything observable through the seam, for comparing two states of a store."""
    entities, _ = store.search_entities(None, limit=None)
    return {
        "counts": store.counts(),
        "entities": [e.to_dict() for e in entities],
        "facts": [f.to_dict() for f in store.facts()],
        "reports": [r.to_dict() for r in store.reports()],
    }


def load_all(store):
    return store.load_many(d.all_batches())


# -- loading ---------------------------------------------------------------------------------

def test_load_twice_changes_nothing(store):
    first = load_all(store)
    assert [r.status for r in first] == ["created", "created", "created"]
    before = snapshot(store)
    second = load_all(store)
    assert [r.status for r in second] == ["unchanged", "unchanged", "unchanged"]
    assert snapshot(store) == before


def test_counts_name_every_label_and_type(store):
    load_all(store)
    counts = store.counts()
    assert set(ENTITY_TYPES) <= set(counts["nodes"])
    assert set(FACT_TYPES) <= set(counts["relationships"])
    assert counts["nodes"]["Report"] == 3
    assert counts["nodes"]["Sentence"] == 6
    assert counts["nodes"]["Region"] == 5
    assert counts["nodes"]["Entity"] == 10
    assert counts["relationships"]["RUNS"] == 3
    assert counts["relationships"]["RECOGNIZED_AS"] == 2
    assert counts["relationships"]["IN"] == 6
    assert counts["relationships"]["MENTIONED_IN"] == 7
    assert counts["relationships"]["PART_OF"] == 4


def test_a_refused_report_fails_alone_and_nothing_loaded_is_lost(store):
    """The store refuses a report whose sentence key is another report's: that one fails, the rest load."""
    store.load_many([d.city_2021()])
    taken = d.city_2021().sentences[0].key
    clash = d.city_2022()
    clash.report = replace(clash.report, key="clash", sha256="sha-clash")
    clash.sentences = [replace(clash.sentences[0], key=taken, report="clash")]
    clash.mentions = [replace(m, sentence=taken) for m in clash.mentions]
    clash.facts = [replace(f, fact_id=f"{f.fact_id}-clash", report="clash", sentence=taken) for f in clash.facts]
    results = store.load_many([d.city_2022(), clash, d.district_2025()])
    assert [(r.report, r.status) for r in results] == [
        ("city-2022", "created"), ("clash", "failed"), ("dist-2025", "created")]
    assert results[1].error and not results[0].error
    with pytest.raises(NotFound):
        store.get_report("clash")
    assert store.sentences([taken])[taken].report == "city-2021"
    counts = store.counts()
    assert (counts["nodes"]["Report"], counts["nodes"]["Sentence"], counts["relationships"]["RUNS"],
            counts["relationships"]["MENTIONED_IN"]) == (3, 6, 3, 7)
    assert store.get_entity(d.CCC).reports == ["city-2021", "city-2022", "dist-2025"]


def test_a_name_given_for_a_key_is_answered_with_the_key(store):
    load_all(store)
    with pytest.raises(NotFound) as info:
        store.get_entity("CCC免办")
    assert f"did you mean {d.CCC}" in info.value.message and info.value.detail == {"suggestions": [d.CCC]}
    with pytest.raises(NotFound) as info:
        store.get_entity("pilot:无此试点")
    assert "did you mean" not in info.value.message and info.value.detail is None


def test_keys_and_texts_come_back_exactly_as_given(store):
    """Whatever a store derives to save space (keys from report and offset, texts from slices) is exact:
    a sentence key of another form, an empty section, a mention whose text is not its slice, and text
    beyond the Basic Multilingual Plane (where UTF-16 and code-point offsets differ)."""
    b = d.city_2021()
    first, second = b.sentences
    odd_key = f"{b.report.key}/s1"
    b.sentences = [replace(first, text="𠀀" + first.text[1:], section=""), replace(second, key=odd_key)]
    b.mentions = [replace(b.mentions[0], text="ＣＣＣ免办"), replace(b.mentions[1], sentence=odd_key)]
    b.facts = [replace(b.facts[0]), replace(b.facts[1], sentence=odd_key)]
    store.load_many([b])
    got = store.sentences([first.key, odd_key])
    assert got[first.key].text.startswith("𠀀") and got[first.key].section == ""
    assert got[odd_key].key == odd_key and got[odd_key].section == second.section
    texts = {(m.sentence, m.text) for m in store.mentions([d.CCC, d.AWARD_P])}
    assert texts == {(first.key, "ＣＣＣ免办"), (odd_key, second.text[b.mentions[1].start - second.start:
                                                                     b.mentions[1].end - second.start])}
    [runs] = store.facts([d.CCC], types=["RUNS"])
    [recognised] = store.facts([d.CCC], types=["RECOGNIZED_AS"])
    assert (runs.sentence, runs.report, recognised.sentence) == (first.key, "city-2021", odd_key)


def test_batches_may_come_from_a_generator(store):
    """`pilotgraph load` hands its reports over as they are extracted, in one call."""
    results = store.load_many(b for b in d.all_batches())
    assert [r.status for r in results] == ["created"] * 3
    assert store.get_entity(d.CCC).reports == ["city-2021", "city-2022", "dist-2025"]


def test_same_fact_in_three_reports_is_three_observations(store):
    load_all(store)
    runs = store.facts([d.CCC], types=["RUNS"], direction="in")
    assert [(f.year, f.status, f.report) for f in runs] == [
        (2021, "achieved", "city-2021"), (2022, "planned", "city-2022"), (2025, "achieved", "dist-2025")]
    assert runs[0].text == "开通进口产品CCC免办绿色通道。"
    assert runs[0].section == "一、工作总结"


def test_entity_merges_aliases_from_every_report(store):
    load_all(store)
    e = store.get_entity(d.CCC)
    assert e.aliases == sorted(["进口产品CCC免办", "3C免办", "CCC免办服务新模式"])
    assert e.reports == ["city-2021", "city-2022", "dist-2025"]


def test_changed_report_replaces_only_its_own_facts(store):
    load_all(store)
    other_before = [f.to_dict() for f in store.facts() if f.report != "city-2021"]
    changed = d.city_2021(sha="sha-city-2021-v2")
    changed.facts = changed.facts[:1]  # the new version no longer reports the award
    changed.entities = [e for e in changed.entities if e.key != d.AWARD_P]
    changed.mentions = [m for m in changed.mentions if m.entity != d.AWARD_P]
    [result] = store.load_many([changed])
    assert result.status == "replaced"
    assert [f.to_dict() for f in store.facts() if f.report != "city-2021"] == other_before
    assert [f.type for f in store.facts() if f.report == "city-2021"] == ["RUNS"]
    with pytest.raises(NotFound):
        store.get_entity(d.AWARD_P)
    assert store.get_report("city-2021").sha256 == "sha-city-2021-v2"


def test_delete_report_removes_exactly_what_only_it_supported(store):
    load_all(store)
    kept = [f.to_dict() for f in store.facts() if f.report != "dist-2025"]
    removed = store.delete_report("dist-2025")
    assert removed == {"reports": 1, "sentences": 3, "mentions": 4, "facts": 4, "entities": 4}
    assert [f.to_dict() for f in store.facts()] == kept
    # only dist-2025 named these
    for key in (d.BJ.key, d.YH.key, d.AWARD_N, d.PILOT):
        with pytest.raises(NotFound):
            store.get_entity(key)
    # shared ones stay, without the deleted report's alias
    ccc = store.get_entity(d.CCC)
    assert ccc.aliases == sorted(["进口产品CCC免办", "3C免办"])
    assert ccc.reports == ["city-2021", "city-2022"]
    assert store.region_hierarchy(d.HZ.key, "down") == []
    assert [r.key for r in store.reports()] == ["city-2021", "city-2022"]


def test_delete_then_reload_restores_the_same_graph(store):
    load_all(store)
    before = snapshot(store)
    store.delete_report("city-2022")
    store.load_many([d.city_2022()])
    assert snapshot(store) == before


def test_get_report_by_key(store):
    load_all(store)
    report = store.get_report("city-2022")
    assert (report.title, report.periods, report.region) == ("杭州市市场监督管理局2022年工作计划", ["2022:plan"], d.HZ.key)
    with pytest.raises(NotFound):
        store.get_report("no-such-report")


def test_delete_unknown_report_is_not_found(store):
    with pytest.raises(NotFound):
        store.delete_report("no-such-report")


def test_inconsistent_batch_is_refused_and_nothing_written(store):
    load_all(store)
    before = snapshot(store)
    bad = d.district_2025(sha="other")
    bad.facts.append(replace(bad.facts[0], fact_id="x", target="pilot:not-in-batch"))
    with pytest.raises(InvalidInput):
        store.load_many([bad])
    assert snapshot(store) == before


def test_reopened_store_sees_the_same_graph(store, reopen):
    load_all(store)
    before = snapshot(store)
    again = reopen(store)
    assert snapshot(again) == before


# -- reads -----------------------------------------------------------------------------------

def test_search_by_alias_name_and_substring_in_rank_order(store):
    load_all(store)
    found, total = store.search_entities("3C免办")
    assert [e.key for e in found] == [d.CCC] and total == 1
    found, total = store.search_entities("滨江")
    assert [e.key for e in found] == [d.BJ.key]
    found, total = store.search_entities("优秀案例")
    assert [e.name for e in found] == ["全国优秀案例", "省局优秀案例"]  # both substring matches, by name
    found, total = store.search_entities("杭州", types=["Region", "Agency"])
    assert [e.key for e in found] == [d.HZ.key, d.CITY_AMR.key]  # exact alias before prefix of a name
    found, total = store.search_entities(None, types=["Region"], limit=2, offset=1)
    assert total == 5 and len(found) == 2
    found, total = store.search_entities(None, level="district")
    assert sorted(e.key for e in found) == [d.BJ.key, d.YH.key]
    assert store.search_entities("不存在的名字") == ([], 0)


def test_facts_filtered_by_type_direction_years_and_status(store):
    load_all(store)
    assert [f.type for f in store.facts([d.CCC], direction="out")] == [
        "RECOGNIZED_AS", "PROMOTED_TO", "RECOGNIZED_AS"]
    assert [f.report for f in store.facts([d.CCC], year_from=2022, year_to=2022)] == ["city-2022", "city-2022"]
    assert [f.type for f in store.facts([d.CCC], status="planned")] == ["PROMOTED_TO", "RUNS"]
    assert store.facts(["no-such-key"]) == []
    with pytest.raises(InvalidInput):
        store.facts([d.CCC], types=["DROP_ALL"])
    with pytest.raises(InvalidInput):
        store.facts([d.CCC], direction="sideways")


def test_expand_respects_depth_direction_types_and_years(store):
    load_all(store)
    one = store.expand([d.BJ.key], depth=1)
    assert sorted(one.nodes) == sorted([d.BJ.key, d.CCC])
    two = store.expand([d.BJ.key], depth=2)
    assert sorted(two.nodes) == sorted([d.BJ.key, d.CCC, d.CITY_AMR.key, d.AWARD_P, d.AWARD_N, d.ZJ.key, d.PILOT])
    out_only = store.expand([d.CCC], depth=3, direction="out")
    assert sorted(out_only.nodes) == sorted([d.CCC, d.AWARD_P, d.AWARD_N, d.ZJ.key])
    in_only = store.expand([d.CCC], depth=3, direction="in")
    assert sorted(in_only.nodes) == sorted([d.CCC, d.CITY_AMR.key, d.BJ.key, d.PILOT, d.YH.key])
    typed = store.expand([d.CCC], depth=3, types=["RECOGNIZED_AS"])
    assert sorted(typed.nodes) == sorted([d.CCC, d.AWARD_P, d.AWARD_N])
    as_of_2022 = store.expand([d.CCC], depth=3, year_to=2022)
    assert sorted(as_of_2022.nodes) == sorted([d.CCC, d.CITY_AMR.key, d.AWARD_P, d.ZJ.key])
    assert all(f.year <= 2022 for f in as_of_2022.facts)
    assert store.expand([d.CCC], depth=0).facts == []


def test_shortest_path_is_deterministic(store):
    load_all(store)
    assert store.shortest_path(d.YH.key, d.AWARD_P) == [d.YH.key, d.PILOT, d.CCC, d.AWARD_P]
    assert store.shortest_path(d.AWARD_P, d.AWARD_N) == [d.AWARD_P, d.CCC, d.AWARD_N]
    assert store.shortest_path(d.YH.key, d.AWARD_P, types=["RECOGNIZED_AS"]) is None
    assert store.shortest_path(d.YH.key, d.AWARD_P, max_depth=2) is None
    with pytest.raises(NotFound):
        store.shortest_path(d.YH.key, "pilot:none")


def test_region_hierarchy_down_and_up(store):
    load_all(store)
    assert store.region_hierarchy(d.HZ.key, "down") == sorted([d.BJ.key, d.YH.key])
    assert store.region_hierarchy(d.ZJ.key, "down") == sorted([d.HZ.key, d.BJ.key, d.YH.key])
    assert store.region_hierarchy(d.BJ.key, "up") == [d.HZ.key, d.ZJ.key, d.CHINA.key]
    assert store.region_hierarchy(d.CHINA.key, "up") == []


def test_mentions_and_sentences_keep_offsets(store):
    load_all(store)
    mentions = store.mentions([d.CCC])
    assert [(m.sentence, m.text) for m in mentions] == [
        ("city-2021#0", "进口产品CCC免办"), ("city-2022#0", "3C免办"), ("dist-2025#0", "CCC免办服务新模式")]
    sentences = store.sentences([m.sentence for m in mentions])
    for m in mentions:
        s = sentences[m.sentence]
        assert s.text[m.start - s.start:m.end - s.start] == m.text


UNICODE_NAMES = [
    "𠮷野家（测试）试点",              # a character outside the BMP, full-width brackets
    "“浙里办”·‘掌上办’平台",          # curly quotes and a middle dot
    "ＣＣＣ免办　全角空格",            # full-width Latin and an ideographic space
    "名称 with mixed 文字 and émoji 🚀",
]


@pytest.mark.parametrize("name", UNICODE_NAMES)
def test_unicode_names_round_trip_exactly(store, name, reopen):
    key = f"pilot:{name}"
    batch = ReportBatch(d.Report("u", "sha-u", name, region=""),
                        [d.Sentence("u#0", "u", name + "。", "一、", 0, len(name) + 1, 2024, "achieved")],
                        [Entity(key, "Pilot", name, [name + "别名"], "city")], [], [])
    store.load_many([batch])
    again = reopen(store)
    assert again.get_entity(key).name == name
    assert again.get_entity(key).aliases == [name + "别名"]
    assert again.search_entities(name[:3])[0][0].key == key
    assert again.sentences(["u#0"])["u#0"].text == name + "。"


def test_many_reports_in_one_call(store):
    """Stores may group reports into one transaction; results stay per report, in order."""
    batches = []
    for i in range(30):
        b = d.district_2025(sha=f"sha-{i}")
        b.report = replace(b.report, key=f"dist-{i:02d}")
        for s in b.sentences:
            s.key = s.key.replace("dist-2025", b.report.key)
            s.report = b.report.key
        b.mentions = [replace(m, sentence=m.sentence.replace("dist-2025", b.report.key)) for m in b.mentions]
        b.facts = [replace(f, fact_id=f"{f.fact_id}-{i}", report=b.report.key,
                           sentence=f.sentence.replace("dist-2025", b.report.key)) for f in b.facts]
        batches.append(b)
    results = store.load_many(batches + [batches[3]])
    assert [r.status for r in results] == ["created"] * 30 + ["unchanged"]
    assert store.counts()["relationships"]["RUNS"] == 30
    assert len(store.facts([d.CCC], types=["RUNS"])) == 30
    assert store.get_entity(d.CCC).reports == [f"dist-{i:02d}" for i in range(30)]


def test_fact_records_keep_their_evidence_offsets(store):
    load_all(store)
    [fact] = store.facts([d.PILOT], types=["SUCCEEDS"])
    assert isinstance(fact, Fact)
    assert (fact.source, fact.target, fact.year, fact.status) == (d.PILOT, d.CCC, 2025, "achieved")
    sentence = store.sentences([fact.sentence])[fact.sentence]
    assert (fact.start, fact.end) == (sentence.start, sentence.end)
    assert fact.text == sentence.text == "由CCC免办向直播信用监管试点深化。"


def test_entity_properties_follow_supports_loaded_in_separate_calls(store):
    """A store may extend an entity from its stored properties; the result is still the merge of all supports."""
    def batch(report, level, alias):
        sentence = d.Sentence(f"{report}#0", report, "质量强县试点。", "一、", 0, 7, 2024, "achieved")
        return ReportBatch(d.Report(report, f"sha-{report}", report, region=""), [sentence],
                           [Entity("pilot:质量强县试点", "Pilot", "质量强县试点", [alias], level)], [], [])

    store.load_many([batch("b", "zone", "甲")])
    store.load_many([batch("a", "park", "乙")])  # ties below the hierarchy: report-key order decides
    entity = store.get_entity("pilot:质量强县试点")
    assert (entity.level, entity.aliases, entity.reports) == ("park", ["乙", "甲"], ["a", "b"])
    store.load_many([batch("c", "city", "丙")])
    assert store.get_entity("pilot:质量强县试点").level == "city"
    store.delete_report("c")
    store.delete_report("a")
    entity = store.get_entity("pilot:质量强县试点")
    assert (entity.level, entity.aliases, entity.reports) == ("zone", ["甲"], ["b"])


# -- neighbourhood: one read for a whole query ------------------------------------------------

def _neighbourhood_dict(nb):
    return {"covered": sorted(nb.covered), "located": sorted(nb.located), "looked_up": sorted(nb.looked_up),
            "facts": [f.to_dict() for f in nb.facts], "nodes": {k: e.to_dict() for k, e in nb.nodes.items()},
            "reports": {k: r.to_dict() for k, r in sorted(nb.reports.items())}}


NEIGHBOURHOODS = {
    # lineage-like: walk into runners and successors, stop at awards and the province
    "walk": dict(keys=[d.CCC], depth=2, out_types=["RECOGNIZED_AS", "PROMOTED_TO", "SUCCEEDS"],
                 in_types=["RUNS", "SUCCEEDS", "PARTICIPATES_IN"], stop_types=["PROMOTED_TO", "RECOGNIZED_AS"]),
    "as_of": dict(keys=[d.CCC], depth=3, out_types=["RECOGNIZED_AS", "PROMOTED_TO"], in_types=["RUNS", "SUCCEEDS"],
                  year_to=2022),
    # spread-like: every fact of the key, where the actors sit, the reports behind them
    "spread": dict(keys=[d.CCC], depth=1, out_types=FACT_TYPES, in_types=FACT_TYPES, located=True),
    "unknown": dict(keys=["pilot:none"], depth=2, out_types=FACT_TYPES, in_types=FACT_TYPES, located=True),
    "nothing": dict(keys=[d.BJ.key, d.CCC], depth=2),
}


@pytest.mark.parametrize("case", sorted(NEIGHBOURHOODS))
def test_neighbourhood_matches_its_composed_definition(store, case):
    from pilotgraph.graph.neighbourhood import compose_neighbourhood

    load_all(store)
    args = {"year_from": None, "year_to": None, "located": False, "out_types": (), "in_types": (),
            "stop_types": (), **NEIGHBOURHOODS[case]}
    got = store.neighbourhood(**args)
    assert _neighbourhood_dict(got) == _neighbourhood_dict(compose_neighbourhood(store, **args))


def test_neighbourhood_reads_what_a_walk_needs(store):
    load_all(store)
    nb = store.neighbourhood(**NEIGHBOURHOODS["walk"])
    assert nb.covered == {d.CCC, d.CITY_AMR.key, d.BJ.key, d.PILOT}  # not through the awards or the province
    assert {(f.type, f.source, f.target) for f in nb.facts} == {
        ("RUNS", d.CITY_AMR.key, d.CCC), ("RUNS", d.BJ.key, d.CCC), ("RECOGNIZED_AS", d.CCC, d.AWARD_P),
        ("RECOGNIZED_AS", d.CCC, d.AWARD_N), ("PROMOTED_TO", d.CCC, d.ZJ.key), ("SUCCEEDS", d.PILOT, d.CCC),
        ("PARTICIPATES_IN", d.YH.key, d.PILOT)}
    assert all(f.text and f.section for f in nb.facts)  # evidence comes along
    assert set(nb.reports) == {"city-2021", "city-2022", "dist-2025"}
    assert nb.reports["dist-2025"].region == d.BJ.key
    assert set(nb.nodes) == {d.CCC, d.CITY_AMR.key, d.BJ.key, d.PILOT, d.YH.key, d.AWARD_P, d.AWARD_N, d.ZJ.key,
                             d.HZ.key}  # HZ: the region of the city reports
    # a hub's report list would travel with every lineage touching it: it stays behind
    assert store.get_entity(d.CCC).reports and all(e.reports == [] for e in nb.nodes.values())
    early = store.neighbourhood(**NEIGHBOURHOODS["as_of"])
    assert early.covered == {d.CCC, d.CITY_AMR.key, d.AWARD_P, d.ZJ.key}
    assert all(f.year <= 2022 for f in early.facts)
    with pytest.raises(InvalidInput):
        store.neighbourhood([d.CCC], 1, ["DROP_ALL"])


def test_neighbourhood_view_answers_like_the_store(store):
    from pilotgraph.graph.neighbourhood import NeighbourhoodView

    load_all(store)
    view = NeighbourhoodView(store, store.neighbourhood(**NEIGHBOURHOODS["walk"]))
    asks = [([d.CCC], ["RUNS", "SUCCEEDS"], "in", None, None), ([d.CCC, d.PILOT], ["RECOGNIZED_AS"], "out", None, None),
            ([d.PILOT], ["PARTICIPATES_IN"], "in", 2025, 2025), ([d.CITY_AMR.key, d.BJ.key], ["RUNS"], "in", None, 2022)]
    for keys, types, direction, yf, yt in asks:
        assert view.facts(keys, types, direction, yf, yt) == store.facts(keys, types, direction, yf, yt)
    # the same entities, minus the report lists the read leaves behind
    without_reports = {k: replace(e, reports=[]) for k, e in store.get_entities([d.PILOT, d.YH.key, d.CCC]).items()}
    assert view.get_entities([d.PILOT, d.YH.key, d.CCC]) == without_reports
    assert view.misses == 0
    # outside what was read: asked of the store, same answer
    assert view.facts([d.CCC], ["RUNS"], "out") == store.facts([d.CCC], ["RUNS"], "out")
    assert view.facts([d.YH.key], None, "both") == store.facts([d.YH.key], None, "both")
    mixed = store.get_entities([d.CHINA.key, "pilot:none", d.CCC])
    mixed[d.CCC] = replace(mixed[d.CCC], reports=[])   # read with the neighbourhood; China was not
    assert view.get_entities([d.CHINA.key, "pilot:none", d.CCC]) == mixed
    assert view.misses == 3
