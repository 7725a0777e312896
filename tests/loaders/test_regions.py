"""The region gazetteer: shipped data, names, historical successors, context resolution, running text."""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import Entity, PartOf
from pilotgraph.loaders.regions import REGION_LEVELS, Gazetteer, RegionHit

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
HANGZHOU, BINJIANG = "330100", "330108"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def raw() -> dict:
    with files("pilotgraph.loaders").joinpath("data", "regions.json.gz").open("rb") as f:
        return json.loads(gzip.decompress(f.read()))


def corpus_text(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"sample report {path} is not beside the repository")
    return path.read_text(encoding="utf-8")


def hits(gaz: Gazetteer, text: str, context: str | None) -> list[tuple[str, str]]:
    return [(h.surface, h.region.code) for h in gaz.find_all(text, context)]


# -- the shipped file ------------------------------------------------------------------------------
def test_data_file_integrity(raw):
    codes = [r[0] for r in raw["regions"]]
    assert len(codes) == len(set(codes)), "codes must be unique"
    by_code = {r[0]: r for r in raw["regions"]}
    for code, name, level, parent, short, aliases in raw["regions"]:
        assert level in REGION_LEVELS, (code, level)
        assert name, code
        if level in ("national", "zone"):
            assert parent == ""
        else:
            assert parent in by_code, f"{code} {name}: parent {parent} missing"
            assert len(code) == 6 and code.isdigit()
        if level == "zone":
            assert code.startswith("zone:")
        expected_parent_levels = {"province": {"national"}, "city": {"province"}, "district": {"city", "province"}}
        if level in expected_parent_levels:
            assert by_code[parent][2] in expected_parent_levels[level], (code, name)
    for name, successor, year, _old, _source in raw["history"]:
        assert successor in by_code, (name, successor)
        assert 1980 <= year <= raw["year"] + 1


def test_data_file_covers_the_country(raw):
    levels = Counter(r[2] for r in raw["regions"])
    mainland = [r for r in raw["regions"] if r[2] == "province" and r[0][:2] not in ("71", "81", "82")]
    assert len(mainland) == 31
    assert levels["district"] > 2800
    assert levels["city"] > 290
    assert levels["national"] == 1


def test_data_file_is_compact():
    size = len(files("pilotgraph.loaders").joinpath("data", "regions.json.gz").read_bytes())
    assert size < 1_500_000


def test_curated_history_successors_exist(gaz):
    path = ROOT / "loaders" / "data" / "region_history.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        assert gaz.get(row["successor_code"]) is not None, row


# -- names and codes -----------------------------------------------------------------------------
@pytest.mark.parametrize("name, code, level, parent", [
    ("浙江省", "330000", "province", "000000"),
    ("杭州市", "330100", "city", "330000"),
    ("滨江区", "330108", "district", "330100"),
    ("余杭区", "330110", "district", "330100"),
    ("临平区", "330113", "district", "330100"),
    ("钱塘区", "330114", "district", "330100"),
    ("义乌市", "330782", "district", "330700"),
    ("朝阳区", None, "district", None),  # 北京 and 长春 both have one: a full name can be ambiguous too
])
def test_canonical_names_and_codes(gaz, name, code, level, parent):
    region = gaz.lookup(name)
    if code is None:
        assert region is None
        assert {r.code for r, _ in gaz.candidates(name)} >= {"110105", "220104"}
        return
    assert (region.code, region.name, region.level, region.parent) == (code, name, level, parent)
    assert gaz.get(code) == region
    assert gaz.get(f"region:{code}") == region


def test_national_root_and_municipalities(gaz):
    root = gaz.get("000000")
    assert (root.name, root.level, root.parent) == ("中华人民共和国", "national", "")
    for word in ("全国", "中国", "我国", "中华人民共和国"):
        assert gaz.lookup(word) == root
    # a municipality's districts hang directly under it
    assert gaz.lookup("海淀区").parent == "110000"
    assert gaz.lookup("北京").name == "北京市"


@pytest.mark.parametrize("short, name", [
    ("浙江", "浙江省"), ("杭州", "杭州市"), ("余杭", "余杭区"), ("滨江", "滨江区"), ("义乌", "义乌市"),
    ("内蒙古", "内蒙古自治区"), ("广西", "广西壮族自治区"), ("新疆", "新疆维吾尔自治区"), ("延边", "延边朝鲜族自治州"),
    ("临平", "临平区"), ("钱塘", "钱塘区"),
])
def test_short_forms(gaz, short, name):
    assert gaz.lookup(short).name == name
    assert short in gaz.lookup(name).short


def test_one_character_stems_keep_their_suffix(gaz):
    assert gaz.lookup("忠县").code == "500233"
    assert gaz.lookup("忠") is None
    assert gaz.lookup("忠县").short == ()


@pytest.mark.parametrize("old, successor, year", [
    ("江干区", "上城区", 2021), ("下城区", "拱墅区", 2021), ("临安市", "临安区", 2017),
    ("富阳市", "富阳区", 2014), ("萧山市", "萧山区", 2001), ("余杭市", "余杭区", 2001),
])
def test_historical_names_resolve_to_successors(gaz, old, successor, year):
    assert gaz.lookup(old).name == successor
    assert gaz.successor_of(old).year == year
    assert old in gaz.lookup(successor).historical


def test_derived_history_from_the_registry(gaz):
    # renames the registry links by its stable ids, not curated by hand
    assert gaz.lookup("绍兴县").name == "柯桥区"
    assert gaz.lookup("襄樊市").name == "襄阳市"
    assert gaz.lookup("章丘市").name == "章丘区"
    # a retired code finds its successor
    assert gaz.get("330104").name == "上城区"
    assert gaz.get("330185").name == "临安区"


def test_current_names_win_over_historical_ones(gaz):
    # 通州区 exists today in 北京 and 南通; the former 通州市 (南通) must not shadow either
    assert {r.code for r, kind in gaz.candidates("通州区") if kind == "name"} == {"110112", "320612"}


# -- ambiguity -----------------------------------------------------------------------------------
def test_ambiguous_short_name_resolved_by_context(gaz):
    assert gaz.lookup("西湖", context_code=HANGZHOU).code == "330106"
    assert gaz.lookup("西湖", context_code=BINJIANG).code == "330106"
    assert gaz.lookup("西湖", context_code="330000").code == "330106"
    assert gaz.lookup("西湖", context_code="360100").code == "360103"  # 南昌
    assert gaz.lookup("西湖") is None
    assert gaz.lookup("西湖", context_code="320100") is None  # 南京 is near neither
    assert gaz.lookup("鼓楼区", context_code="320100").code == "320106"


def test_province_and_nested_names(gaz):
    assert gaz.lookup("吉林").code == "220000"              # the province, without context
    assert gaz.lookup("吉林", context_code="220200").code == "220200"  # inside 吉林市 itself
    assert gaz.lookup("吉林", context_code="220100").code == "220000"  # from 长春: the province
    assert gaz.lookup("海南").code == "460000"


def test_generic_and_unknown_names(gaz):
    assert gaz.lookup("开发区") is None
    assert gaz.lookup("高新区", context_code=HANGZHOU) is None
    assert gaz.lookup("") is None
    assert gaz.lookup("不存在的地方") is None


# -- scope words -----------------------------------------------------------------------------------
def test_scope_words(gaz):
    assert gaz.scope("全国", None).code == "000000"
    assert gaz.scope("全国", BINJIANG).code == "000000"
    assert gaz.scope("全省", BINJIANG).code == "330000"
    assert gaz.scope("全省", HANGZHOU).code == "330000"
    assert gaz.scope("全市", BINJIANG).code == "330100"
    assert gaz.scope("全市", HANGZHOU).code == "330100"
    assert gaz.scope("全区", BINJIANG).code == "330108"
    assert gaz.scope("我区", BINJIANG).code == "330108"
    assert gaz.scope("全区", HANGZHOU) is None
    assert gaz.scope("全区", "450100").code == "450000"   # 南宁: 广西壮族自治区 is a 区
    assert gaz.scope("全市", "110108").code == "110000"   # 海淀: the municipality
    assert gaz.scope("全县", "330127").code == "330127"   # 淳安县
    assert gaz.scope("全省", None) is None
    assert gaz.scope("全世界", HANGZHOU) is None


# -- hierarchy and graph records ---------------------------------------------------------------------
def test_ancestors(gaz):
    assert [r.code for r in gaz.ancestors("330108")] == ["330100", "330000", "000000"]
    assert [r.code for r in gaz.ancestors("330000")] == ["000000"]
    assert gaz.ancestors("000000") == []
    assert gaz.ancestors("zone:长三角") == []
    assert gaz.contains("330000", "330782")
    assert not gaz.contains("330100", "330782")


def test_region_entities_and_part_of(gaz):
    entities = gaz.region_entities("330110")
    assert [e.key for e in entities] == ["region:330110", "region:330100", "region:330000", "region:000000"]
    yuhang = entities[0]
    assert isinstance(yuhang, Entity)
    assert (yuhang.type, yuhang.name, yuhang.level, yuhang.code) == ("Region", "余杭区", "district", "330110")
    assert "余杭" in yuhang.aliases and "余杭市" in yuhang.aliases
    assert gaz.entity("000000").aliases == ["全国", "中国", "我国"]
    assert gaz.part_of_edges("330110") == [
        PartOf("region:330110", "region:330100"), PartOf("region:330100", "region:330000"),
        PartOf("region:330000", "region:000000"),
    ]
    assert gaz.part_of_edges("zone:长三角") == []
    with pytest.raises(InvalidInput):
        gaz.region_entities("999999")


def test_zones(gaz):
    zone = gaz.lookup("长三角")
    assert (zone.code, zone.level) == ("zone:长三角", "zone")
    assert gaz.lookup("长三角生态绿色一体化发展示范区").level == "zone"
    assert gaz.lookup("粤港澳大湾区").code == "zone:粤港澳大湾区"
    assert gaz.lookup("京津冀").level == "zone"
    assert gaz.lookup("杭州都市圈").level == "zone"


# -- running text ----------------------------------------------------------------------------------
def test_find_all_returns_offsets_into_the_text(gaz):
    text = "推动余杭、临平电动自行车协同智治"
    found = gaz.find_all(text, HANGZHOU)
    assert all(isinstance(h, RegionHit) for h in found)
    for start, end, region, surface in found:
        assert text[start:end] == surface
    assert [(h.surface, h.region.name) for h in found] == [("余杭", "余杭区"), ("临平", "临平区")]


def test_find_all_on_the_city_report(gaz):
    text = corpus_text("hangzhou-amr-2021-summary-2022-plan.txt")
    found = hits(gaz, text, HANGZHOU)
    got = set(found)
    for expected in [("余杭", "330110"), ("临平", "330113"), ("钱塘", "330114"), ("西湖", "330106"),
                     ("桐庐", "330122"), ("建德", "330182"), ("淳安县", "330127"), ("福州", "350100"),
                     ("南京", "320100"), ("宁波", "330200"), ("长三角", "zone:长三角"),
                     ("杭州都市圈", "zone:杭州都市圈"), ("杭州市", "330100"), ("浙江", "330000")]:
        assert expected in got, expected
    surfaces = {s for s, _ in found}
    # scope words, everyday words, names inside other words
    for absent in ("全国", "中国", "新和", "和政", "四平", "双城", "凤凰", "和安", "定结"):
        assert absent not in surfaces, absent
    # 西湖龙井 is a tea, not the district: only the one real 西湖 mention (西湖电梯“安信通”)
    assert found.count(("西湖", "330106")) == 1


def test_find_all_on_the_district_report(gaz):
    text = corpus_text("binjiang-amr-2025-h1.txt")
    found = hits(gaz, text, BINJIANG)
    assert ("滨江", "330108") in found
    assert ("义乌", "330782") in found        # another city of the same province
    assert ("浙江省", "330000") in found
    surfaces = {s for s, _ in found}
    assert "惠民" not in surfaces               # 助企惠民, not 惠民县 in 山东
    assert "中国" not in surfaces               # 中国数谷, 其中国家级


@pytest.mark.parametrize("text, context, expected", [
    ("上海宁波两地合作", None, [("上海", "310000"), ("宁波", "330200")]),   # not 海宁
    ("江山如画，平安浙江建设", HANGZHOU, [("浙江", "330000")]),              # not 江山, 平安
    ("新华三落户滨江", HANGZHOU, [("滨江", "330108")]),                     # a company, not 新华区
    ("城区和开发区、高新区", HANGZHOU, []),
    ("实施乡村振兴，践行绿水青山就是金山银山", HANGZHOU, []),
    ("德清县与永康市", HANGZHOU, [("德清县", "330521"), ("永康市", "330784")]),  # full names always count
    ("德清、永康两地", HANGZHOU, []),                                       # common words outside the city
    ("永康五金城", "330700", [("永康", "330784")]),                          # inside 金华: the county
    ("全省推广，西湖电梯", HANGZHOU, [("西湖", "330106")]),
    ("西湖电梯", None, []),
    ("原江干区和下城区", HANGZHOU, [("江干区", "330102"), ("下城区", "330105")]),
    ("和县与含山县", "340500", [("和县", "340523"), ("含山县", "340522")]),  # inside 马鞍山
    ("和县与含山县", HANGZHOU, []),                                       # 和县 needs its own city
    ("创新和县域经济", HANGZHOU, []),                                     # not 新和县 (新疆)
    ("学习深圳市南山区经验", HANGZHOU, [("深圳市", "440300"), ("南山区", "440305")]),
    ("新疆新和县", HANGZHOU, [("新疆", "650000"), ("新和县", "652925")]),
    ("长三角生态绿色一体化发展示范区建设", None, [("长三角生态绿色一体化发展示范区", "zone:长三角生态绿色一体化发展示范区")]),
])
def test_find_all_sentences(gaz, text, context, expected):
    assert hits(gaz, text, context) == expected


def test_find_all_empty(gaz):
    assert gaz.find_all("", HANGZHOU) == []
    assert gaz.find_all("没有地名的句子。") == []


# -- the build script ------------------------------------------------------------------------------
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
HEADER = ("year,province_name,city_name,county_name,province_adcode,city_adcode,county_adcode,province_id,city_id,"
          "county_id,province_short,city_short,county_short,rank")


def tiny_registry(path: Path) -> Path:
    rows = [HEADER]
    for year in (2015, 2016, 2017):
        lin_an = ("临安市", "330185", "临安") if year < 2017 else ("临安区", "330112", "临安")
        rows += [
            f"{year},浙江省,,,330000,,,330000,,,浙江,,,1",
            f"{year},浙江省,杭州市,,330000,330100,,330000,330100,,浙江,杭州,,2",
            f"{year},浙江省,杭州市,滨江区,330000,330100,330108,330000,330100,330108,浙江,杭州,滨江,3",
            f"{year},浙江省,杭州市,{lin_an[0]},330000,330100,{lin_an[1]},330000,330100,330112,浙江,杭州,{lin_an[2]},3",
        ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_build_script_help():
    out = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=True)
    assert "--source" in out.stdout and "--out" in out.stdout


def test_build_script_is_deterministic(tmp_path):
    src = tiny_registry(tmp_path / "registry.csv")
    history = tmp_path / "history.csv"
    history.write_text("# none\nname,successor_code,year,old_code,aliases,source\n", encoding="utf-8")
    outs = []
    for i in range(2):
        out = tmp_path / f"regions{i}.json.gz"
        run = subprocess.run([sys.executable, str(SCRIPT), "--source", str(src), "--history", str(history),
                              "--out", str(out)], capture_output=True, text=True, check=True)
        assert "district" in run.stdout
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    gaz = Gazetteer.from_file(tmp_path / "regions0.json.gz")
    assert gaz.lookup("临安市").name == "临安区"
    assert gaz.successor_of("临安市").year == 2017
    assert [r.code for r in gaz.ancestors("330108")] == ["330100", "330000", "000000"]


def test_docstring_examples_run():
    import doctest

    import pilotgraph.loaders.regions as module

    assert doctest.testmod(module).failed == 0
