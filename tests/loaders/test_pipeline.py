"""The load pipeline: metadata inference and merge, batch building, to_json, idempotent loading.

Most tests use a tiny deterministic extractor so they test the pipeline, not the extraction
(which has its own tests); one test runs the real extractor end to end.
"""

from __future__ import annotations

import re
from dataclasses import replace
import shutil
from pathlib import Path

import pytest

from pilotgraph.errors import LoadError, StoreUnavailable
from pilotgraph.graph import open_store
from pilotgraph.graph.model import LoadResult, Period, fact_id, sentence_key
from pilotgraph.graph.store import check_batch
from pilotgraph.loaders.batch import build_batch
from pilotgraph.loaders.document import ExtractedEntity, ExtractedRelation, Extraction
from pilotgraph.loaders.infer import infer_meta, merge_meta
from pilotgraph.loaders.manifest import load_manifest
from pilotgraph.loaders.pipeline import default_gazetteer, extract_paths, load_paths, read_document, to_json

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
BAD = ROOT / "tests" / "fixtures" / "bad"
CITY = SAMPLES / "hangzhou-amr-2021-summary-2022-plan.txt"
DISTRICT = SAMPLES / "binjiang-amr-2025-h1.txt"
_PILOT = re.compile(r"[\u4e00-\u9fff]{2,10}试点")


def fake_extract(document, *, gazetteer=None, resolver=None):
    """Pilots by a regex, the issuer as an agency running each, and the report's region."""
    pilots: dict[str, ExtractedEntity] = {}
    relations = []
    issuer = document.meta.issuer or "某局"
    for s in document.sentences:
        for m in _PILOT.finditer(s.text):
            entity = pilots.setdefault(m.group(), ExtractedEntity("Pilot", m.group()))
            entity.mentions.append((s.start + m.start(), s.start + m.end()))
            relations.append(ExtractedRelation("RUNS", ("Agency", issuer), ("Pilot", m.group()), None, None, s))
    entities = [ExtractedEntity("Agency", issuer), *pilots.values()]
    if document.meta.region_code:
        entities.append(ExtractedEntity("Region", document.meta.region, code=document.meta.region_code))
    return Extraction(document=document, entities=entities, relations=relations)


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.fixture
def store():
    with open_store(db_path=":memory:") as s:
        yield s


def _load(store, paths, **kwargs):
    return load_paths(store, paths, progress=False, extractor=fake_extract, **kwargs)


# -- metadata ------------------------------------------------------------------------------------
@pytest.mark.parametrize("sample", [CITY, DISTRICT], ids=["city", "district"])
def test_inference_without_manifest_matches_the_manifest(tmp_path, gazetteer, sample):
    copy = tmp_path / sample.name          # no manifest.csv beside it
    shutil.copy(sample, copy)
    inferred = read_document(copy, gazetteer=gazetteer).meta
    row = load_manifest(SAMPLES / "manifest.csv").find(sample).values
    for name in ("title", "issuer", "region", "region_code", "level", "periods"):
        assert getattr(inferred, name) == row[name], name
        assert inferred.provenance[name] == "inferred"


FIXTURE_REPORTS = ROOT / "tests" / "fixtures" / "reports"


@pytest.mark.parametrize("name", [
    "jiangsu-gov-2024-excerpt.txt", "chengdu-gov-2025-excerpt.txt", "shunde-amr-2024-summary-2025-plan.txt",
    "kunshan-amr-2024-h1.txt", "zhejiang-amr-2022-summary-2023-plan-excerpt.txt",
])
def test_inference_on_other_kinds_of_reports(tmp_path, gazetteer, name):
    """Provincial and city 政府工作报告 (speaker line), a county-level city, years only in the title."""
    source = FIXTURE_REPORTS / name
    if not source.exists():
        pytest.skip(f"fixture {name} is not in this checkout")
    shutil.copy(source, tmp_path / name)
    inferred = read_document(tmp_path / name, gazetteer=gazetteer).meta
    row = load_manifest(FIXTURE_REPORTS / "manifest.csv").find(source).values
    for field in ("title", "issuer", "region", "region_code", "level", "periods"):
        assert getattr(inferred, field) == row[field], field


def test_manifest_wins_and_provenance_is_recorded(gazetteer):
    entry = load_manifest(SAMPLES / "manifest.csv").find(DISTRICT)
    entry.values["title"] = "手工标题"
    meta = read_document(DISTRICT, entry=entry, gazetteer=gazetteer).meta
    assert meta.title == "手工标题" and meta.provenance["title"] == "manifest"
    assert meta.provenance["periods"] == "manifest" and meta.key == DISTRICT.name


def test_bad_manifest_fields_fall_back_to_inference(gazetteer):
    manifest = load_manifest(BAD / "manifest.csv")
    meta = read_document(BAD / "bad-periods.txt", entry=manifest.find(BAD / "bad-periods.txt"),
                         gazetteer=gazetteer).meta
    assert meta.periods == [Period(2021, "summary"), Period(2022, "plan")]
    assert meta.provenance["periods"] == "inferred" and meta.provenance["region_code"] == "manifest"
    meta = read_document(BAD / "bad-code.txt", entry=manifest.find(BAD / "bad-code.txt"), gazetteer=gazetteer).meta
    assert meta.region == "杭州市" and meta.region_code == "330100"   # completed from the manifest's name
    assert meta.provenance["region_code"] == "inferred"


def test_government_work_report_speaker_line(gazetteer):
    text = ("政府工作报告\n——2022年1月10日在杭州市第十四届人民代表大会第一次会议上\n杭州市市长　刘忻\n各位代表：\n"
            "一、2021年工作回顾\n全市推进改革，市委、市政府高度重视。\n二、2022年工作安排\n全市深化改革。\n")
    meta = infer_meta(text, "gov.txt", periods=[Period(2021, "summary"), Period(2022, "plan")],
                      gazetteer=gazetteer)
    assert (meta.title, meta.issuer, meta.region, meta.region_code, meta.level, meta.date) == (
        "2022年杭州市政府工作报告", "杭州市人民政府", "杭州市", "330100", "city", "2022-01-10")


def test_merge_completes_a_manifest_region_without_code(gazetteer):
    from pilotgraph.loaders.manifest import ManifestEntry
    from pilotgraph.loaders.document import ReportMeta

    inferred = ReportMeta(key="a.txt", region="杭州市", region_code="330100", provenance={
        "region": "inferred", "region_code": "inferred"})
    meta = merge_meta(ManifestEntry("a.txt", 2, {"region": "滨江区"}), inferred, gazetteer=gazetteer)
    assert (meta.region, meta.region_code, meta.level) == ("滨江区", "330108", "district")
    assert meta.provenance == {"region": "manifest", "region_code": "inferred", "level": "inferred"}


# -- batches -------------------------------------------------------------------------------------
def test_build_batch_keys_regions_and_facts(gazetteer):
    entry = load_manifest(SAMPLES / "manifest.csv").find(DISTRICT)
    document = read_document(DISTRICT, entry=entry, gazetteer=gazetteer)
    extraction = fake_extract(document)
    batch = build_batch(extraction, gazetteer=gazetteer)
    check_batch(batch)
    report = batch.report
    assert (report.key, report.region, report.level, report.periods) == (
        DISTRICT.name, "region:330108", "district", ["2025:summary", "2025:plan"])
    assert len(batch.sentences) == len(document.sentences)
    assert all(s.key == sentence_key(report.key, s.start) for s in batch.sentences)
    keys = {e.key for e in batch.entities}
    # the region brings its ancestors and the PART_OF chain up to the nation
    assert {"region:330108", "region:330100", "region:330000", "region:000000"} <= keys
    assert [(p.child, p.parent) for p in batch.part_of] == [
        ("region:330000", "region:000000"), ("region:330100", "region:330000"), ("region:330108", "region:330100")]
    assert all(e.reports == [report.key] for e in batch.entities)
    for mention in batch.mentions:
        assert document.text[mention.start:mention.end] == mention.text
    plan_fact = next(f for f in batch.facts if f.status == "planned")
    assert plan_fact.year == 2025 and plan_fact.report == report.key
    assert plan_fact.fact_id == fact_id(report.key, plan_fact.sentence, "RUNS", plan_fact.source, plan_fact.target)
    sentence = next(s for s in batch.sentences if s.key == plan_fact.sentence)
    assert (plan_fact.start, plan_fact.end) == (sentence.start, sentence.end)


def test_build_batch_drops_invalid_records_with_a_warning():
    document = read_document(CITY)
    sentence = document.sentences[5]
    extraction = Extraction(document=document, entities=[
        ExtractedEntity("Pilot", "某试点", mentions=[(10**7, 10**7 + 2)]), ExtractedEntity("Gadget", "x")],
        relations=[ExtractedRelation("LIKES", ("Pilot", "某试点"), ("Pilot", "某试点"), 2021, "achieved", sentence),
                   ExtractedRelation("RUNS", ("Agency", "未列出的局"), ("Pilot", "某试点"), None, None, sentence)])
    batch = build_batch(extraction)
    check_batch(batch)
    assert {e.key for e in batch.entities} == {"pilot:某试点", "agency:未列出的局"}
    assert [f.type for f in batch.facts] == ["RUNS"] and batch.facts[0].year == 2021
    assert batch.mentions == []
    assert any("dropped" in w for w in extraction.warnings)
    assert any("outside every sentence" in w for w in extraction.warnings)


# -- to_json -------------------------------------------------------------------------------------
def test_to_json_has_exactly_the_documented_shape():
    extractions = extract_paths([SAMPLES], extractor=fake_extract)
    data = to_json(extractions)
    assert list(data) == ["reports"]
    assert [r["file"] for r in data["reports"]] == [DISTRICT.name, CITY.name]
    report = data["reports"][1]
    assert list(report) == ["file", "issuer", "region", "periods", "entities", "relations"]
    assert (report["issuer"], report["region"]) == ("杭州市市场监督管理局", "杭州市")
    assert report["periods"] == [{"year": 2021, "kind": "summary"}, {"year": 2022, "kind": "plan"}]
    entity = next(e for e in report["entities"] if e["type"] == "Pilot")
    assert list(entity) == ["type", "name", "aliases", "level", "mentions"]
    assert list(entity["mentions"][0]) == ["start", "end"]
    relation = report["relations"][0]
    assert list(relation) == ["type", "source", "target", "year", "status", "evidence"]
    assert list(relation["source"]) == ["type", "name"] and list(relation["evidence"]) == ["text", "start", "end"]
    text = CITY.read_text(encoding="utf-8")
    for relation in report["relations"]:
        ev = relation["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
        assert relation["year"] in (2021, 2022) and relation["status"] in ("achieved", "planned")


def test_extract_paths_raises_or_collects_failures():
    with pytest.raises(LoadError, match="empty.txt"):
        extract_paths([BAD / "empty.txt"], extractor=fake_extract)
    failures: list = []
    out = extract_paths([BAD / "empty.txt", BAD / "good.txt"], extractor=fake_extract, failures=failures)
    assert len(out) == 1 and [Path(f.path).name for f in failures] == ["empty.txt"]


# -- loading -------------------------------------------------------------------------------------
def test_loading_twice_changes_nothing(store):
    first = _load(store, [SAMPLES])
    assert first.ok and [r.status for r in first.reports] == ["created", "created"]
    counts = store.counts()
    assert counts["nodes"]["Report"] == 2 and counts["nodes"]["Sentence"] == first.totals["sentences"]
    second = _load(store, [SAMPLES])
    assert [r.status for r in second.reports] == ["unchanged", "unchanged"]
    assert store.counts() == counts
    assert first.totals["facts"] == counts["relationships"]["RUNS"]


def test_a_changed_file_replaces_only_its_own_facts(store, tmp_path):
    for sample in (CITY, DISTRICT, SAMPLES / "manifest.csv"):
        shutil.copy(sample, tmp_path / sample.name)
    _load(store, [tmp_path])
    city_facts = [f for f in store.facts() if f.report == CITY.name]
    district = tmp_path / DISTRICT.name
    district.write_text(district.read_text(encoding="utf-8") + "\n推进质量强区试点工作。\n", encoding="utf-8")
    summary = _load(store, [tmp_path])
    assert {r.key: r.status for r in summary.reports} == {CITY.name: "unchanged", DISTRICT.name: "replaced"}
    assert [f for f in store.facts() if f.report == CITY.name] == city_facts
    assert any(f.target == "pilot:推进质量强区试点" for f in store.facts() if f.report == DISTRICT.name)


def test_bad_files_are_reported_and_the_rest_loads(store):
    _load(store, [DISTRICT])
    before = store.counts()["nodes"]["Sentence"]
    summary = _load(store, [BAD])
    failed = sorted(Path(f.path).name for f in summary.failures)
    assert failed == ["blank.txt", "empty.txt", "latin1.txt"]
    assert all(f.path in str(f) for f in summary.failures)
    assert sorted(r.key for r in summary.reports) == ["bad-code.txt", "bad-level.txt", "bad-periods.txt", "good.txt"]
    # the manifest's problems are reported once each, naming row and field
    assert sum("manifest.csv: row" in w for w in summary.warnings) == 4
    # nothing loaded before is lost
    assert store.get_report(DISTRICT.name).key == DISTRICT.name
    assert store.counts()["nodes"]["Sentence"] == before + summary.totals["sentences"]
    bad_level = next(r for r in summary.reports if r.key == "bad-level.txt")
    assert bad_level.inferred.get("level") == "city"


def test_manifest_override_and_inferred_values_are_reported(store, tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(DISTRICT, report)
    manifest = tmp_path / "elsewhere.csv"
    manifest.write_text("file,key,title\nr.txt,binjiang-h1,滨江上半年\n", encoding="utf-8")
    summary = _load(store, [report], manifest=manifest)
    outcome = summary.reports[0]
    assert outcome.key == "binjiang-h1"
    assert "title" not in outcome.inferred
    assert outcome.inferred["region_code"] == "330108" and outcome.inferred["periods"] == "2025:summary;2025:plan"
    assert store.get_report("binjiang-h1").title == "滨江上半年"


def test_duplicate_keys_in_one_load_are_refused(store, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(DISTRICT, tmp_path / "a" / "same.txt")
    shutil.copy(CITY, tmp_path / "b" / "same.txt")
    summary = _load(store, [tmp_path])
    assert len(summary.reports) == 1
    assert "already used" in str(summary.failures[0]) and "b/same.txt" in summary.failures[0].path


def test_an_extractor_failure_is_one_file_failure(store):
    def flaky(document, **kwargs):
        if "binjiang" in document.path:
            raise RuntimeError("boom")
        return fake_extract(document, **kwargs)

    summary = load_paths(store, [SAMPLES], progress=False, extractor=flaky)
    assert [r.key for r in summary.reports] == [CITY.name]
    assert "extraction failed" in str(summary.failures[0]) and "boom" in str(summary.failures[0])


class _Proxy:
    """The real store, with `load_many` replaced."""

    def __init__(self, store, load_many):
        self._store, self.load_many = store, load_many

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_report_the_store_refuses_is_one_file_failure(store):
    def load_many(batches):
        return [LoadResult(b.report.key, "failed", error="Neo4j refused the report: too big")
                if "binjiang" in b.report.key else store.load(b) for b in batches]

    summary = _load(_Proxy(store, load_many), [SAMPLES])
    assert [r.key for r in summary.reports] == [CITY.name]
    [failure] = summary.failures
    assert failure.path == str(DISTRICT) and "loading: Neo4j refused the report: too big" in str(failure)
    assert [r.key for r in store.reports()] == [CITY.name]


def test_a_store_that_stops_midway_names_the_unconfirmed_reports_and_a_rerun_completes(store):
    def load_many(batches):
        it = iter(batches)
        written = store.load(next(it))
        next(it)
        raise StoreUnavailable("NEO4J_URI=bolt://x: cannot reach Neo4j (ServiceUnavailable)")
        return [written]  # pragma: no cover

    summary = _load(_Proxy(store, load_many), [SAMPLES])
    assert summary.reports == [] and len(summary.failures) == 2
    assert all("cannot reach Neo4j" in str(f) and "load again" in str(f) for f in summary.failures)
    again = _load(store, [SAMPLES])
    assert sorted(r.status for r in again.reports) == ["created", "unchanged"]


def test_a_malformed_batch_is_one_file_failure_and_the_stream_goes_on(store, monkeypatch):
    from pilotgraph.loaders import pipeline

    def corrupt(extraction, **kwargs):
        batch = build_batch(extraction, **kwargs)
        if "binjiang" in batch.report.key:
            batch.part_of.append(replace(batch.part_of[0], parent="region:nowhere"))
        return batch

    monkeypatch.setattr(pipeline, "build_batch", corrupt)
    summary = _load(store, [SAMPLES])
    assert [r.key for r in summary.reports] == [CITY.name]
    [failure] = summary.failures
    assert failure.path == str(DISTRICT) and "building the batch" in str(failure) and "PART_OF" in str(failure)


def test_real_extractor_end_to_end_is_idempotent(store):
    first = load_paths(store, [SAMPLES], progress=False)
    assert first.ok, first.failures
    counts = store.counts()
    assert counts["relationships"]["PART_OF"] > 0 and sum(first.facts_by_type.values()) > 0
    again = load_paths(store, [SAMPLES], progress=False)
    assert [r.status for r in again.reports] == ["unchanged", "unchanged"] and store.counts() == counts


def test_a_fifty_megabyte_single_line_file_loads_in_chunks_beside_the_others(store, tmp_path):
    """Bounded by design (linear scans, fixed-size chunks, a bounded inference window); not timed."""
    huge = tmp_path / "huge.txt"
    block = ("开展电梯智慧监管改革全国试点，推进“浙冷链”建设" * 4096).encode("utf-8")
    with huge.open("wb") as f:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            f.write(block)
    shutil.copy(DISTRICT, tmp_path / DISTRICT.name)

    def lean_extract(document, **kwargs):  # the pipeline is under test, not 700k regex mentions
        return Extraction(document=document, entities=[ExtractedEntity("Agency", "某局")])

    summary = load_paths(store, [tmp_path], progress=False, extractor=lean_extract)
    assert summary.ok, summary.failures
    assert sorted(r.key for r in summary.reports) == sorted([DISTRICT.name, "huge.txt"])
    assert any(str(huge) in w and "chunks" in w for w in summary.warnings)


def test_docx_reports_load(store, tmp_path):
    import docx
    document = docx.Document()
    for line in CITY.read_text(encoding="utf-8").splitlines()[:6]:
        document.add_paragraph(line)
    path = tmp_path / "city.docx"
    document.save(str(path))
    summary = _load(store, [path])
    assert summary.ok and summary.reports[0].key == "city.docx" and summary.reports[0].facts > 0
    assert store.get_report("city.docx").periods == ["2021:summary"]


@pytest.fixture(params=["local", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request, tmp_path):
    """The embedded store and, when a server is available, Neo4j: loading must behave the same."""
    if request.param == "local":
        s = open_store(db_path=tmp_path / "graph.sqlite")
    else:
        import neo4j

        from pilotgraph.graph.neo4j_store import Neo4jStore

        conn = request.getfixturevalue("neo4j_connection")
        driver = neo4j.GraphDatabase.driver(conn["uri"], auth=(conn["user"], conn["password"]))
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=conn["database"])
        s = Neo4jStore(driver, conn["database"], owns_driver=True)
    yield s
    s.close()


def test_loading_the_samples_twice_is_idempotent_on_every_store(any_store, tmp_path):
    for sample in (CITY, DISTRICT, SAMPLES / "manifest.csv"):
        shutil.copy(sample, tmp_path / sample.name)
    first = load_paths(any_store, [tmp_path], progress=False)
    assert first.ok, first.failures
    counts = any_store.counts()
    assert counts["nodes"]["Report"] == 2 and counts["nodes"]["Sentence"] == first.totals["sentences"]
    again = load_paths(any_store, [tmp_path], progress=False)
    assert [r.status for r in again.reports] == ["unchanged", "unchanged"]
    assert any_store.counts() == counts
    # a changed file replaces its own facts, and the other report keeps all of its own
    city_facts = sorted(f.fact_id for f in any_store.facts() if f.report == CITY.name)
    district = tmp_path / DISTRICT.name
    district.write_text(district.read_text(encoding="utf-8").replace("入选全国数据知识产权登记十大典型案例", "获评优秀案例"),
                        encoding="utf-8")
    changed = load_paths(any_store, [tmp_path], progress=False)
    assert {r.key: r.status for r in changed.reports} == {CITY.name: "unchanged", DISTRICT.name: "replaced"}
    assert sorted(f.fact_id for f in any_store.facts() if f.report == CITY.name) == city_facts
    assert any_store.counts()["nodes"]["Report"] == 2


def test_an_empty_directory_is_a_warning_not_silence(store, tmp_path):
    (tmp_path / "empty").mkdir()
    summary = _load(store, [tmp_path / "empty"])
    assert summary.ok and summary.reports == []
    assert any("no .txt, .md or .docx reports" in w and "empty" in w for w in summary.warnings)
