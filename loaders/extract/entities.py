"""Entity mentions in one sentence, found from cues and patterns, never from lists of names.

One automaton pass gives every lexicon word in the sentence: head words (试点, 平台, 奖 …), cue
words (开展, 获评, 落户 …), agency short forms (省局, 市发改委 …). Names are then delimited:

* **quoted** “…” names take their type from their own ending (…链, …码, …在线 → Platform, …试点 →
  Pilot …), from a generic word glued after the quote (“X”平台 → Platform X), or, with no ending,
  from a run cue before them (推进“X” → Initiative X);
* **《…》** is a Document;
* **unquoted** names end at a head word that is followed by a boundary (punctuation, a cue, a
  trailer such as 工作/建设/单位), and start after the nearest cue or punctuation on their left
  that leaves a real name (a cue followed by a level word such as 全省/国家 is preferred, so
  ``成为全省首批…试点`` keeps ``全省首批``);
* after an award cue (获评, 入选, 荣获 …) the phrase up to the clause end is an Award when it
  carries an award word;
* a short region name glued to the front of an unquoted name (``临平电动自行车…平台``) is split
  off and becomes the name's subject;
* agency short forms are expanded from the report's issuer (`IssuerContext`);
* lists — ``甲、乙、“丙”等试点``, ``“甲”“乙”等执法行动``, ``甲、乙2个项目`` — name each item, typed
  by what follows 等 (试点 → Pilot, 平台 → Platform, 改革/行动/工作 → Initiative, 荣誉/称号 → Award);
* a region just before a quote (常州“常企码”) owns the quoted programme; development zones named
  after a region (苏州工业园区, 成都高新区) are regions; “X”平台 / “X”惠企服务平台 / “X”模式 name X;
  a version (“X2.0”) takes the type of X.

Offsets are local to the sentence; `extract` shifts them into the document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from pilotgraph.loaders.extract.lexicon import AGENCY, BODY, CUE, PROMOTE, Lexicon

_CJK = "\u4e00-\u9fff"
#: punctuation that always ends a name; ”“ (two adjacent quotations) too
#: (every branch opens with a literal, so the engine skips ahead by first character)
HARD_BOUNDARY = re.compile(r"[，,。；;：:、！!？?\s\[\]【】\u2460-\u2473]"
                           r"|—(?:—|(?<![\u4e00-\u9fff]—)|(?![\u4e00-\u9fff]))"   # 中国—东盟博览会: a single dash between words joins them
                           r"|”、?“|》《")


class _CharTest(dict):
    """`pattern.match(ch)` for one character, remembered (rules test single characters in loops)."""

    def __init__(self, pattern: re.Pattern):
        super().__init__()
        self.pattern = pattern

    def __missing__(self, ch: str) -> bool:
        found = self[ch] = self.pattern.match(ch) is not None
        return found


#: HARD_BOUNDARY.match(ch) for a single character ch
HARD_CHAR = _CharTest(HARD_BOUNDARY)
#: punctuation that ends a clause (relations do not cross it)
CLAUSE_BOUNDARY = re.compile(r"[，,。；;：:！!？?]")
_CLAUSE_CHARS = frozenset("，,。；;：:！!？?")
QUOTED = re.compile(r"“([^“”]{1,40})”|「([^「」]{1,40})」|‘([^‘’]{1,40})’")
BOOK = re.compile(r"《([^《》]{1,80})》")
#: province abbreviation + one or two characters + 链/码: the provincial digital-code pattern
PROVINCIAL_CODE = re.compile(r"[浙苏粤沪京闽皖赣鲁豫鄂湘川渝黔滇陕甘青琼桂冀晋辽吉黑津][" + _CJK + r"]{1,2}[链码钉通]"
                             r"|浙里[" + _CJK + r"]")
LEADING_JUNK = re.compile(r"^(?:[\u2460-\u2473]|[一二三四五六七八九十]是|[(（][一二三四五六七八九十]+[)）]|[0-9]+[.．、]|将|把|按时|按期|[0-9]+(?:\.[0-9]+)?[个家项名批届次件]|以|为|[0-9]{4}年度?|新增|累计|共计|共|新一轮|新一批|各级|各类|各|一批|多个|"
                          r"其中|相关|一系列|该|此|这|以及|及|和|与|等|并|了|的|[我本][省市区县])+")
LEVEL_START = re.compile(r"(?:全国|全省|全市|全区|国家|省级|市级|区级|县级|首批|首个|中国|省局|市局|区局|总局)")
LEVEL_WORDS = re.compile(r"全国|全省|全市|全区|全县|国家级|国家|省级|市级|区级|县级|首批|首个|第一批|新一批|新一轮|"
                         r"[0-9]{4}年度?|^[省市区县]|(?<=[省市区县])[省市区县]|中国")
#: quoted names ending in one of these are platforms (digital codes, chains, apps)
#: “X”<descriptor>平台: the platform is X
QUOTED_DESCRIBED_PLATFORM = re.compile(r"[" + _CJK + r"]{0,6}?(?:平台|系统|门户|App|APP|小程序)")
#: “X”<descriptor>体系: the programme is X
QUOTED_DESCRIBED_PROGRAMME = re.compile(r"[" + _CJK + r"]{2,8}?(?:体系|机制|品牌|标准|项目)(?![" + _CJK + r"]{0,1}(?:建设|化|体系|标准))")
#: “X”<descriptor>机制/项目: a named mechanism or project whose full name keeps the descriptor (“双城记”…合作机制)
QUOTED_NAMED_MECHANISM = re.compile(r"[" + _CJK + r"]{2,10}?(?:机制|项目)(?![" + _CJK + r"])")
VERSION_SUFFIX = re.compile(r"\s*(?:[0-9]+(?:\.[0-9]+)*|[VvＶ][0-9]+(?:\.[0-9]+)*)版?$")
QUOTED_PLATFORM_ENDINGS = ("码", "链", "通", "在线", "云", "宝", "网", "脑", "台", "平台", "系统", "App", "APP", "助手")
#: generic words glued after a quote that make the quoted text a platform's name
GLUED_PLATFORM = ("平台", "系统", "App", "APP", "小程序", "应用")
#: organisation heads of companies (short names) and of institutions (long names)
COMPANY_HEADS = ("科技", "集团", "股份", "医疗", "有限公司", "有限责任公司")
#: development zones named after their region (苏州工业园区, 成都高新区)
DEV_ZONE = re.compile(r"工业园区|高新技术产业开发区|经济技术开发区|高新区|经开区|经济开发区|保税区|综合保税区|开发区")
#: the common short forms of a city's development zones and their full names (成都高新区 → 成都高新技术产业开发区)
_ZONE_FULL = {"高新区": "高新技术产业开发区", "经开区": "经济技术开发区"}
_BARE_ZONE = re.compile(r"高新区|经开区")
#: a zone named after its region and a place within it (武汉东湖新技术开发区, 青岛西海岸新区)
_NAMED_DEV_ZONE = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:新技术产业开发区|新技术开发区|高新技术产业开发区|经济技术开发区|"
                             r"高新区|经开区|综合保税区|新区)(?![\u4e00-\u9fff]{0,1}(?:建设|发展))"
                             r"|[\u4e00-\u9fff]{1,2}?(?:保税港区|保税区)")   # 天津港保税区: a port's bonded zone
#: attributes of a platform (X平台的知晓度)
_ATTRIBUTE = re.compile(r"知晓度|影响力|功能|作用|应用|建设|运行|使用")
#: verbs whose objects, up to the next verb, are the parties acting with the subject
PARTNER_CUES = ("联合", "指导", "推荐", "协同", "会同")
#: standards committees named by their codes (ISO/TC 321, SAC/TC563, IEC/SC 65A)
STANDARDS_COMMITTEE = re.compile(r"(?<![A-Za-z])(?:ISO|IEC|ITU|SAC|CEN|CENELEC|IEEE|ISO/IEC\s?JTC\s?1)/(?:TC|SC|WG)\s?[0-9]+[A-Z]?"
                                 r"(?:/(?:SC|WG)\s?[0-9]+)?")
#: party congresses and plenums, named by pattern
PARTY_EVENT = re.compile(r"党的[一二三四五六七八九十]+(?:届[一二三四五六七八九十]+中全会|大)")
GLUED_INITIATIVE = ("改革", "集成改革", "行动", "专项行动", "工程", "机制", "模式")
#: award words: a phrase after an award cue is an Award only if it carries one of these
AWARD_WORDS = re.compile(r"奖|案例|称号|先进|优秀|十佳|最佳|示范|典型|百强|强|表扬|[一二三]等功|荣誉|榜单|清单|名单|标兵|能手|"
                         r"集体|个人|单位|党组织|品牌|好应用|十大|冠军|文明城市|卫生城市|园林城市|督查激励|标杆")
#: heads whose names need an award cue before them (a bare 案例 is often just an example)
AWARD_NEEDS_CUE = re.compile(r"案例|称号|十佳|先进|突出|示范点|百强")
#: words that make an Organization head part of a common noun (科技型企业, 医疗器械 …)
ORG_BAD_FOLLOW = re.compile(r"(?:发现|商务|证照|化|凭证|签名|取证|营业执照|印章|档案|发票|型|创新|成果|支撑|含量|局|部|厅|馆|园|城|人才|服务|产业|器械|机构|卫生|保障|健康|美容|"
                            r"资源|特派员|金融|体系|领域|行业|企业|发展|医药|设备|诊所|信息|强|伦理|专项)")
ORG_BAD_BODY = re.compile(r"^(?:行业|各级|级|全国|全省|全市|全区|国家|数字|信息|智能|高新|新锐|创新|前沿|人工智能|生命|新兴|重点|强化|加强|依托|推动|"
                          r"小|大|新|医药|生物|医疗|电子|技术|网络|现代)")
GENERIC_BODY = re.compile(r"^(?:智慧监管|智慧|公共服务|数字化|监管|服务|工作|管理|综合|重点|专项|信息|数据|业务|应用|集成|"
                          r"三年|联动|协同|特色|创新|改革|试点|示范|各项|一批|有关|相关|平台|系统|在线|执法|治理|"
                          r"专题|全面|深化|常态化|数字|整治|宣传|培训|检查|合作|发展|建设|提升|上述|这些|各级|各地|"
                          r"长效|联合|配套|一系列|业务协同|运营|信息化|公共|学习交流|交流|保护|领域|关键|开放)*$")
#: what follows 等 in a list decides the type of the listed items
LIST_TAIL = (
    (re.compile(r"荣誉|称号|奖项|表彰"), "Award"),
    (re.compile(r"改革试点"), "Initiative"),
    (re.compile(r"试点|示范区|试验区|先行区|示范城市|示范县"), "Pilot"),
    (re.compile(r"平台|系统|应用(?!场景)|App|APP|小程序"), "Platform"),
    (re.compile(r"改革|行动|工程|计划|活动|做法|品牌|机制|模式|举措|项目|成果|工作|执法"), "Initiative"),
    (re.compile(r"^(?:[0-9]+家)?(?:[\u4e00-\u9fff]{0,4}(?:企业|公司)|单位参加|参加)"), "Organization"),
)
LIST_SEPARATOR = re.compile(r"、|与|和|及|”“")
#: words that make a listed item a kind of enterprise (规上企业, 龙头企业 …), not a named one
_KIND_OF_ENTERPRISE = re.compile(r"企业|公司|单位|机构|主体|商户|门店|工厂|行业|产业|个体|园区|[0-9]")
#: a government unit written after its region (数据资源局, 机关事务管理局, 营商环境建设局 …)
_REGION_UNIT = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:局|委员会|办公室)(?![\u4e00-\u9fff]{0,1}(?:长|面|势|部))")
_FTZ = re.compile(r"自由贸易试验区|自贸试验区|自贸区")
#: a quoted title followed by a short description of the activity (“双增”大讨论活动, “三服务”主题活动)
_TITLED_ACTIVITY = re.compile(r"”[\u4e00-\u9fff]{2,6}活动$")
#: development-zone words that are a designation (a Pilot) when a level word starts the name
_ZONE_HEADS = ("高新技术产业开发区", "经济技术开发区", "高新区", "经济开发区")
#: the start of a name owned by a level or the issuer's own region (国家…, 中国…, 省…, 市…)
_OWNED_START = re.compile(r"国家|中国|全国|[省市区县](?![场级])")
#: words after quoted slogans that make them goals or ideas, not programmes (建设“X”“Y”目标)
_GOAL_WORDS = re.compile(r"(?:的)?(?:目标|理念|定位|愿景|要求|精神|思路)")
#: a quote glued to a longer noun that it only describes (“X”知识产权运营公共服务平台, “X”项目6个)
_MODIFIED_NOUN = re.compile(r"[\u4e00-\u9fff]{4,}(?:平台|系统|中心|项目|场景|体系|标准)")
#: a version number written right after a quoted name (“三服务”2.0版)
_VERSION_AFTER = re.compile(r"[0-9]+\.[0-9]+版?|[0-9]+版|[VvＶ][0-9]+(?:\.[0-9]+)*版?")
#: quoted names right after a quote (“甲”“乙”、“丙”)
_FOLLOWING_QUOTES = re.compile(r"(?:[、和及与]?“[^“”]{1,40}”)*")
#: what follows 等 when the listed items are fields or places of work (等领域, 等方面 …), not named things
_DOMAIN_TAIL = re.compile(r"(?:相关|重点|多个|各)?(?:领域|方面|行业|环节|部门|产业|地区|区域|场所|品种|问题)|各项(?:工作|任务)")
#: 甲、乙2个项目: a counted list of named items
COUNTED_LIST = re.compile(r"(?<=[\u4e00-\u9fff”])[0-9一二两三四五六七八九十]+(?:个|项)(?:项目|案例|做法|应用)")
AWARD_CONTEXT_WORDS = ("申报", "推荐", "争创", "参评", "评选")
#: superlative modifiers that are not part of a platform's name
FIRST_OF_KIND = re.compile(r"^(?:全国|全省|全市|全区|国内|省内|西部|中西部|东部|中部|华东|华南|华北|华中|西南|西北|东北)?"
                           r"(?:首个|首家|第一个)")
WEAK_CUE_ROLES = {"&"}
#: weak cues that still start an organisation's name (联合甲公司)
_ORG_CUE_WORDS = ("联合", "服务", "引导", "鼓励", "带动", "配合", "协同", "助力", "对接")
#: campaign heads whose titles open with verbs (深入贯彻…学习教育, 学习贯彻…主题教育): those verbs are the name's
TITLED_CAMPAIGNS = {"学习教育", "主题教育"}
TITLE_VERBS = {"深入", "贯彻", "学习", "深入学习", "学习贯彻", "深入贯彻"}
#: connectives that end a name on their left (others, such as 和/与/及, may sit inside a name)
NAME_CONNECTIVES = {"等", "的"}
#: characters after 中 that make it the start of a word (中心, 中国 …), not "in"
_ZHONG_WORD = set("心国华部小型央层高期标试医药级外资方文")
#: single characters that may follow a head word when a clause goes on (试点为引领)
RIGHT_FUNCTION_CHARS = "为均已也还"
#: verbs that often sit inside names (质量提升行动, 联动创新区): they end a name only when no other cue does
WEAK_CUE_WORDS = {"服务", "创新", "提升", "建设", "探索", "完成", "深化", "培育", "促进", "完善", "优化", "加强", "强化",
                  "健全", "发布", "制定", "出台", "设立", "组建", "对接", "助力", "引导", "鼓励", "带动", "协同",
                  "联动", "研究", "嵌入", "结对", "配合", "加速", "拓展", "扩大", "加大",
                  "编制", "试行", "联合"}
MAX_NAME = 32

#: patterns used inside the rules, compiled once
_NESTED_QUOTE = re.compile(r"‘([^‘’]{1,40})’")
_COUNT_OR_CLAUSE = re.compile(r"[0-9]+[个项家]|[，。；：]")
_SINGLE_CHAR_LIST = re.compile(r"(?:.、)+.")
#: between a quoted name and a promotion cue: 被 <agency> (发文/予以), 作为典型经验, 在/向 (“X”被总局在全国推广)
_SPREAD_GAP = re.compile(r"(?:[\u4e00-\u9fff]{0,6}?(?:经验|做法|经验做法))?(?:被[\u4e00-\u9fff]{1,16}?|作为(?:典型|优秀|先进)?(?:经验|案例|做法)+)?"
                         r"(?:发文|专文|予以|进行)?(?:在|向|纳入|列入)?(?:(?:全省|全国|全市|全区|全县)(?:范围内|各地|各[市县区]|"
                         r"(?:\d+|[一二三四五六七八九十两]+)个[\u4e00-\u9fff]{1,4})?(?:全面|逐步|加快|广泛|落地|复制)*)?")
#: the new stage after 升级为 is a platform (“X”升级为“Y”平台, …为“Y2.0”)
_UPGRADED_TO_PLATFORM = re.compile(r"“[^“”]{1,40}?(?:[0-9]+(?:\.[0-9]+)*版?|平台|系统|App|APP|小程序)”"
                                   r"|“[^“”]{1,40}”(?:平台|系统|App|APP|小程序|综合平台)")
#: characters that glue a quote to a longer name on its left
_GLUE_BEFORE = frozenset("的之")
#: the report's own region, written as 我市/本省 …: a quote after it is not glued to a longer name
_OWN_REGION = ("我市", "我省", "我区", "我县", "本市", "本省", "本区", "本县")
_MODE_OR_PRACTICE = re.compile(r"模式|经验|做法|普惠|事项|品牌(?![\u4e00-\u9fff]{0,2}(?:建设|培育|价值|影响))|活动(?![\u4e00-\u9fff]{0,2}(?:中|上|期间))")
_SLOGAN_LIST = re.compile(r"[、+＋]")
_INTEGRATION_REFORM = re.compile(r"一[窗码证照次件业]通$")
#: a service handled across places, named as a reform (跨省通办, 全城通办); 一网通办 is a channel, not one
_SERVICE_REFORM = re.compile(r"(?:跨|全|异地|就近)[\u4e00-\u9fff]{0,2}通办$")
_LIST_GAP = re.compile(r"[”“、和与及]*")
_FIGURE = re.compile(r"[0-9%]")
_COUNT = re.compile(r"[0-9]+[个项家]")
#: a standard named without 《》, told by the kind of standard written after it (…建设指南团体标准)
_UNQUOTED_STANDARD = re.compile(r"([\u4e00-\u9fff]{6,30}?(?:指南|规范|规程|导则))(?=(?:团体|地方|国家|行业)标准)")
#: what every _UNQUOTED_STANDARD match holds: tried first, as that pattern is slow to fail
_UNQUOTED_STANDARD_HINT = re.compile(r"(?:指南|规范|规程|导则)(?:团体|地方|国家|行业)标准")
#: a character every PROVINCIAL_CODE match holds
_PROVINCIAL_HINT = re.compile(r"[链码里钉通]")
_PARTNER_CUE = re.compile("|".join(map(re.escape, PARTNER_CUES)))
_DEPARTMENTS = re.compile(r"部门|单位|机关")
#: partners named by their kind, not by name (联合周边城市, 联合相关省份, 联合沿线地区)
_KIND_OF_PARTNER = re.compile(r"(?:城市|省份|省市|地区|区县|县区|市县|兄弟|周边|沿线|相关|有关|各地|多地|企业|高校|院所|机构)")
_ROAD_AFTER = re.compile(r"[东西南北中]?(?:路|街|大道|大街|巷)")
_PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]五")
_COUNTED_AFTER = re.compile(r"[0-9一二两三四五六七八九十]+[个项家]")
_HIGH_LEVEL = re.compile(r"国家|全国|省级|全省")
_QUOTED_MODIFIERS = re.compile(r"“([^”]*、[^”]*)”")
_PARENTHETICAL = re.compile(r"\(([^()]{1,8})\)|（([^（）]{1,8})）")
_JOIN_OR_ADVERB = re.compile(r"[和及与地]")
_GENERIC_ORG_BODY = re.compile(r"行业|各级|级")
_QUOTE_MARK = re.compile(r"[“”]")
_NOT_AN_INITIATIVE = re.compile(r"方案|工作总结|工作计划|年工作")
_JOIN = re.compile(r"[和及与]")
_QUOTED_SPAN = re.compile(r"“[^”]*”")
_PLATFORM_BEFORE_JOIN = re.compile(r"平台|系统|建设$|应用$|工作$")
_GENERIC_PRIZE_BODY = re.compile(r"(?:[\u4e00-\u9fff]{0,2}培育)?(?:各级)?(?:政府)?(?:质量|专利)?")
_NOT_AN_EVENT = re.compile(r"联席|出席|及以上|历次")
_LIST_SUMMARY = re.compile(r"(?<![一二三四五六七八九十])等(?![级功奖])")
_HONOUR_REST = re.compile(r"[^，。；、]{0,8}?(?:品牌|奖|案例|称号|荣誉|表扬)(?=$|[，。；、])")
_TRAILING_COUNT = re.compile(r"(?:等|等\w{1,2}|[0-9]+[个项家名]|前[0-9]+强?|第[0-9一二三四五六七八九十]+[位名])$")
#: a scope word opening a programme's name (全省X改革), when no 首批/首个 makes it a designation
_SCOPE_START = re.compile(r"(?:全国|全省|全市|全区|全县)(?!首|第一|范围)")
_HONOUR_JOIN = re.compile(r"和(?=[^和]*(?:奖|案例|称号))")

@dataclass(slots=True)
class Token:
    """A cue, promotion cue or agency form found in the sentence."""

    start: int
    end: int
    word: str
    kind: str
    value: str
    level: str = ""


@dataclass(slots=True)
class Mention:
    type: str
    name: str                  # name as written, quotes kept out (normalised later)
    start: int                 # local offsets of the surface in the sentence
    end: int
    level: str | None = None
    code: str | None = None
    subject: "Mention | None" = None   # a region split off the front of the name
    quoted: bool = False


@dataclass
class IssuerContext:
    """The report's issuer and its region chain, for expanding agency short forms and scope words."""

    issuer: str = ""
    bureau: str = ""           # the issuer's bureau type, e.g. 市场监督管理局
    province: str = ""
    city: str = ""
    district: str = ""
    region_code: str = ""
    level: str = ""

    _REGION_PREFIX = re.compile(r"^(?P<province>[" + _CJK + r"]{2,7}?(?:省|自治区))?(?P<city>[" + _CJK + r"]{2,7}?市(?!场))?"
                                r"(?P<district>[" + _CJK + r"]{1,7}?[区县旗](?!场))?(?P<rest>.+)$")

    @classmethod
    def from_meta(cls, meta, gazetteer=None) -> "IssuerContext":
        ctx = cls(issuer=meta.issuer or "", region_code=meta.region_code or "", level=meta.level or "")
        match = cls._REGION_PREFIX.match(ctx.issuer) if ctx.issuer else None
        if match:
            ctx.province = match.group("province") or ""
            ctx.city = match.group("city") or ""
            ctx.district = match.group("district") or ""
            rest = match.group("rest")
            if rest.endswith(("局", "委员会", "委", "厅", "办公室")):
                ctx.bureau = rest
        for record in _region_chain(gazetteer, ctx.region_code):
            level, name = getattr(record, "level", ""), getattr(record, "name", "")
            if level == "province":
                ctx.province = name
            elif level == "city":
                ctx.city = name
            elif level in ("district", "county"):
                ctx.district = name
        if ctx.district.endswith("市"):
            # a county-level city (昆山市): its own 市委, 市政府, 市局 are meant
            ctx.city, ctx.district = ctx.district, ""
        written_alone = bool(match and match.group("district") and not match.group("city")
                             and not match.group("province"))
        if ctx.district and ctx.city and not ctx.district.startswith(ctx.city) and not written_alone:
            # 杭州市滨江区市场监督管理局 → 区局 is 杭州市滨江区…; an issuer written 肥西县… keeps its own form
            ctx.district = ctx.city + ctx.district
        if ctx.province == "" and ctx.region_code[:2] == "33":
            ctx.province = "浙江省"
        return ctx

    def expand(self, template: str) -> list[str]:
        """Agency names a template gives in this report; empty when a needed part is unknown."""
        return list(_expand(template, self.province, self.city, self.district, self.issuer, self.bureau))

    def region_for(self, level: str) -> str:
        return {"province": self.province, "city": self.city, "district": self.district}.get(level, "")


@lru_cache(maxsize=4096)
def _expand(template: str, province: str, city: str, district: str, own: str, bureau: str) -> tuple[str, ...]:
    """`IssuerContext.expand`, remembered: a report's short forms (市局, 区局 …) recur in most paragraphs."""
    names = []
    for part in template.split(";"):
        fields = {"province": province, "city": city, "district": district, "own": own, "bureau": bureau}
        needed = re.findall(r"\{(\w+)\}", part)
        if any(not fields.get(f) for f in needed):
            continue
        names.append(part.format(**fields))
    return tuple(names)


def _region_chain(gazetteer, code: str) -> list:
    """The record of `code` and its ancestors, as far as the gazetteer knows them."""
    if gazetteer is None or not code:
        return []
    try:
        return list(gazetteer.chain(code))
    except Exception:  # noqa: BLE001 - an unknown code gives no chain
        return []


class SentenceScan:
    """What one automaton pass and the patterns found in one sentence (one per sentence: a plain
    class, cheaper to make than a dataclass with default factories)."""

    __slots__ = ("text", "tokens", "mentions", "clause_starts", "by_start", "by_end")

    def __init__(self, text: str, tokens: list[Token] | None = None):
        self.text = text
        self.tokens: list[Token] = tokens if tokens is not None else []   # cues, promotes, agencies (non-overlapping)
        self.mentions: list[Mention] = []    # sorted by start
        self.clause_starts: list[int] = []
        self.by_start: dict[int, Token] = {}   # token start -> token
        self.by_end: dict[int, Token] = {}     # token end -> token

    def __repr__(self) -> str:
        return f"SentenceScan(text={self.text!r}, tokens={self.tokens!r}, mentions={self.mentions!r})"

    def clause_of(self, pos: int) -> tuple[int, int]:
        starts = self.clause_starts
        i = bisect_right(starts, pos)
        return (starts[i - 1] if i else 0), (starts[i] - 1 if i < len(starts) else len(self.text))


def _protected_spans(text: str) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int]], bytearray]:
    """Quoted spans (outer and inner offsets), book titles, and a mask of protected positions."""
    quotes, books = [], []
    mask = bytearray(len(text))
    if "“" in text or "「" in text or "‘" in text:
        for m in QUOTED.finditer(text):
            group = m.lastindex   # the one alternative that matched
            quotes.append((m.start(), m.end(), m.start(group), m.end(group)))
            mask[m.start(group):m.end(group)] = b"\x01" * (m.end(group) - m.start(group))
        if "‘" in text:   # ‘…’ nested inside “…”
            for m in QUOTED.finditer(text):
                if m.group(3) is None:
                    for inner in _NESTED_QUOTE.finditer(m.group(1) or m.group(2) or ""):
                        base = m.start(1) if m.group(1) is not None else m.start(2)
                        quotes.append((base + inner.start(), base + inner.end(), base + inner.start(1),
                                       base + inner.end(1)))
    if "《" in text:
        for m in BOOK.finditer(text):
            books.append((m.start(1), m.end(1)))
            mask[m.start():m.end()] = b"\x02" * (m.end() - m.start())
    return quotes, books, mask


class SentenceScanner:
    """Finds the tokens and entity mentions of one sentence; built once, used for every sentence."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self._head_lengths = sorted({len(h) for h in lexicon.heads}, reverse=True)
        # head lookups by first and last character: most positions and names match no head at all
        self._head_lengths_by_first: dict[str, list[int]] = {}
        self._head_lengths_by_last: dict[str, list[int]] = {}
        for h in lexicon.heads:
            self._head_lengths_by_first.setdefault(h[0], []).append(len(h))
            self._head_lengths_by_last.setdefault(h[-1], []).append(len(h))
        for lengths in (*self._head_lengths_by_first.values(), *self._head_lengths_by_last.values()):
            lengths.sort(reverse=True)
        #: `_ending_head` by name (a pure function of the name and the lexicon)
        self._ending_memo: dict[str, tuple[str, str] | None] = {}
        #: quoted names already typed in the current report (by its context): a later bare “X” is the same thing
        self._known_ctx: IssuerContext | None = None
        self._known_quoted: dict[str, str] = {}

    # -- the automaton pass -------------------------------------------------------------------
    def _hits(self, text: str, mask: bytearray, masked: bool):
        heads = [(end_index + 1 - n, end_index + 1, word, value, extra)
                 for end_index, (n, word, value, extra) in self.lex.head_automaton.iter(text)]
        if not masked:   # nothing quoted or titled: every token stands
            return heads, [Token(end_index + 1 - n, end_index + 1, word, kind, value, extra)
                           for end_index, (n, kind, word, value, extra) in self.lex.token_automaton.iter_long(text)]
        tokens = []
        for end_index, (n, kind, word, value, extra) in self.lex.token_automaton.iter_long(text):
            start = end_index + 1 - n
            if not mask[start] and not mask[end_index]:
                tokens.append(Token(start, end_index + 1, word, kind, value, extra))
        return heads, tokens

    def scan(self, text: str, ctx: IssuerContext, regions: list[Mention]) -> SentenceScan:
        self._ctx = ctx
        if ctx is not self._known_ctx:   # a new report: names typed in another report say nothing here
            self._known_ctx, self._known_quoted = ctx, {}
        quotes, books, mask = _protected_spans(text)
        heads, tokens = self._hits(text, mask, bool(quotes or books))
        scan = SentenceScan(text=text, tokens=tokens)
        if not heads and not quotes and not books and not regions and not any(
                t.kind != CUE for t in tokens) and not (_PROVINCIAL_HINT.search(text) and PROVINCIAL_CODE.search(text)) \
                and not ("/" in text and STANDARDS_COMMITTEE.search(text)) \
                and not any(t.value == "RECOGNIZED_AS" or t.word == "等" for t in tokens) \
                and not ("标准" in text and _UNQUOTED_STANDARD_HINT.search(text) and _UNQUOTED_STANDARD.search(text)):
            return scan   # nothing can be named here
        # one pass for both: every clause boundary is a one-character hard boundary
        clause_starts = scan.clause_starts = [0]
        hard_ends = []
        for m in HARD_BOUNDARY.finditer(text):
            start, end = m.span()
            if text[start] in _CLAUSE_CHARS:
                clause_starts.append(end)
            if not mask[start]:
                hard_ends.append(end)
        token_starts = scan.by_start = {t.start: t for t in tokens}
        scan.by_end = {t.end: t for t in tokens}
        token_ends = [t.end for t in tokens]
        self._agency_tokens = [t for t in tokens if t.kind == AGENCY or t.kind == BODY]
        self._scan = scan
        mentions: list[Mention] = []
        covered: list[tuple[int, int]] = []   # quote spans consumed by a glued name

        # regions (from the gazetteer), not inside book titles or quoted names
        for region in regions:
            if _ROAD_AFTER.match(text, region.end) and region.level in ("province", "city"):
                continue   # 湖南路街道, 北京东路: a street named after a place
            if mask[region.start] == 0 or (mask[region.start] == 1 and self._region_inside_ok(text, region)):
                mentions.append(region)
        region_at = {r.start: r for r in regions}

        # quoted names
        for qs, qe, inner_s, inner_e in quotes:
            mention = self._quoted(text, qs, qe, inner_s, inner_e, tokens, token_ends, regions)
            if mention is None:
                mention = self._quoted_again(text, qs, qe, inner_s, inner_e)
            elif mention.quoted and mention.type in ("Platform", "Initiative") and mention.start == inner_s \
                    and mention.end == inner_e:
                self._known_quoted.setdefault(mention.name, mention.type)
            version = _VERSION_AFTER.match(text, qe) if mention is not None and mention.end == inner_e else None
            if version is not None:   # “三服务”2.0版: the new version is what is named
                mention.name, mention.end = mention.name + version.group(), version.end()
            if mention is not None and mention.type in ("Platform", "Initiative", "Pilot"):
                owner = next((r for r in regions if 0 <= qs - r.end <= 3 and r.level != "zone"
                              and not HARD_BOUNDARY.search(text, r.end, qs)
                              and not any(r.end <= t.start < qs and t.kind == CUE and t.value != "&"
                                          for t in tokens)), None)   # 与宁波建立“X”: a partner, not the owner
                if owner is not None:
                    mention.subject = owner
                agency = scan.by_end.get(qs)
                if owner is None and agency is not None and agency.kind in (AGENCY, BODY) \
                        and mention.type in ("Initiative", "Platform") and mention.start == inner_s:
                    mention.subject = self._agency_of(agency)   # 区委“双增”活动, 市局“X”平台: the agency's own
            if mention is not None:
                mentions.append(mention)
                if mention.end > qe or mention.start < qs:
                    covered.append((mention.start, mention.end))

        # “X2.0”: a new version of a programme named in the same sentence has its type
        typed = {m.name: m.type for m in mentions if m.quoted}
        for qs, qe, inner_s, inner_e in quotes:
            content = text[inner_s:inner_e]
            if content not in typed and VERSION_SUFFIX.search(content):
                base = VERSION_SUFFIX.sub("", content)
                if base in typed:
                    mentions.append(Mention(typed[base], content, inner_s, inner_e, quoted=True))

        # book titles
        for bs, be in books:
            name = text[bs:be]
            if len(name) >= 2:
                mentions.append(Mention("Document", name, bs - 1, be + 1))

        # unquoted names ending at a head word
        quoted_ends = {m.end + 1 for m in mentions if m.quoted and m.type in ("Platform", "Initiative")}
        for region in list(regions):   # development zones named after their region, before names use them
            zone = DEV_ZONE.match(text, region.end) or _NAMED_DEV_ZONE.match(text, region.end)
            if zone and region.level != "zone" and not any(region.end <= t.start < zone.end() for t in tokens):
                zone_mention = Mention("Region", text[region.start:zone.end()], region.start, zone.end(), level="zone")
                mentions.append(zone_mention)
                region_at[region.start] = zone_mention
        if "区" in text:
            self._bare_zones(text, tokens, mentions, region_at, mask)
        if "标准" in text and _UNQUOTED_STANDARD_HINT.search(text):
            self._unquoted_standards(text, tokens, mentions, mask)
        for hs, he, word, type_, standalone in heads:
            if mask[he - 1]:
                continue  # inside a quote or a title: the quoted name decides
            if hs in quoted_ends and (word in GLUED_PLATFORM or word in ("模式", "新模式")):
                continue  # “X”平台: the name is X
            if word == "改革" and type_ == "Initiative" and (self._ending_head(text[max(0, hs - 8):hs]) or ("",))[0] \
                    == "Pilot":
                continue  # X示范区改革: the pilot is the named thing
            if type_ not in ("Organization", "Agency", "Event") and not self._right_ok(text, he, token_starts, mask) \
                    and not (type_ == "Award" and word.endswith(("奖", "奖状", "奖章")) and text[he] not in "项金励品牌学状章"
                             and not text.startswith("提名", he)):
                continue
            if type_ == "Event" and (text[he:he + 1] in "室厅楼址" or text.startswith(("中心", "精神"), he)):
                continue   # 会议中心, 会议室, 会议精神: a venue or a message, not the event
            self._extra = []
            mention = self._headed(text, hs, he, word, type_, standalone, hard_ends, token_ends, region_at, scan)
            mentions.extend(self._extra)
            if mention is None or covered and any(cs <= mention.start and mention.end <= ce for cs, ce in covered):
                continue
            if mention.type == "Platform" and any(
                    q.quoted and q.type == "Platform" and mention.start <= q.start and q.end < mention.end
                    and mention.end - q.end <= 9 for q in mentions):
                continue   # “X”惠企服务平台: the platform is X
            mentions.append(mention)

        # awards after an award cue that no head found
        award_cues = [t for t in tokens if t.value == "RECOGNIZED_AS" and t.kind == CUE]
        if award_cues:
            award_ends = {m.end for m in mentions if m.type == "Award"}
            for token in award_cues:
                self._award_phrase(text, token, hard_ends, mentions, award_ends, mask,
                                   extend_only=token.word in ("获", "获得"))

        # provincial digital codes (浙X链, 浙X码, 浙里X), unquoted
        for m in PROVINCIAL_CODE.finditer(text) if _PROVINCIAL_HINT.search(text) else ():
            if mask[m.start()] or m.group()[1] in "江省市":
                continue
            mentions.append(Mention("Platform", m.group(), m.start(), m.end()))

        if "/" in text:   # ISO/TC 321, SAC/TC563: standards committees by their codes
            for m in STANDARDS_COMMITTEE.finditer(text):
                if not mask[m.start()]:
                    mentions.append(Mention("Organization", m.group(), m.start(), m.end()))

        if "党的" in text:
            for m in PARTY_EVENT.finditer(text):
                mentions.append(Mention("Event", m.group(), m.start(), m.end()))

        # agencies
        for token in self._agency_tokens:
            named = self._named_agency(text, token, regions)
            if named is not None:   # 苏州市市场监管局: another region's own unit, not the issuer's
                mentions.append(named)
            elif token.kind == AGENCY:
                for name in ctx.expand(token.value):
                    mentions.append(Mention("Agency", name, token.start, token.end, level=token.level or None))
            elif token.kind == BODY:
                region = ctx.region_for(token.level)
                name = (region + token.value) if region else token.word
                mentions.append(Mention("Agency", name, token.start, token.end, level=token.level or None))

        # <region><unit>局/委员会/办公室 not in the lexicon (合肥市数据资源局): that region's agency
        for region in regions:
            unit = _REGION_UNIT.match(text, region.end)
            if unit is None or region.level == "zone" or mask[region.end] or text.startswith("市场", region.end):
                continue
            if any(t.start < unit.end() and region.start < t.end and (
                    t.kind in (AGENCY, BODY) or (t.value not in ("&", "-") and t.word not in WEAK_CUE_WORDS))
                   for t in tokens):
                continue   # a known short form, or a verb inside: not one unit's name
            if (region.code or "")[:2] in ("71", "81", "82"):   # 香港品质保证局: not a mainland government unit
                mentions.append(Mention("Organization", text[region.start:unit.end()], region.start, unit.end()))
                continue
            name = region.name + unit.group()
            mentions.append(Mention("Agency", name, region.start, unit.end(), level=region.level))

        self._mentions = mentions
        self._lists(text, tokens, mask, quotes, regions, mentions)
        self._partners(text, tokens, mentions)
        scan.mentions = _dedupe(mentions)
        return scan

    def _unquoted_standards(self, text, tokens, mentions, mask) -> None:
        """发布X指南团体标准: a standard named without 《》 is a Document all the same."""
        for m in _UNQUOTED_STANDARD.finditer(text):
            start, end = m.start(1), m.end(1)
            cue = max((t.end for t in tokens if start <= t.end <= end - 4 and t.kind == CUE), default=start)
            first = FIRST_OF_KIND.match(text[cue:end])   # anchored at the name's start
            start = cue + first.end() if first else cue
            if mask[start] or end - start < 6 or "、" in text[start:end]:
                continue
            mentions.append(Mention("Document", text[start:end], start, end))

    def _bare_zones(self, text, tokens, mentions, region_at, mask) -> None:
        """高新区/经开区 written alone in a city's report: that city's development zone, by its full name."""
        city = self._ctx.city[:-1] if self._ctx.city.endswith("市") else ""
        if not city:
            return
        for m in _BARE_ZONE.finditer(text):
            before = text[m.start() - 1] if m.start() else ""
            if mask[m.start()] or m.start() in region_at or any(r.start < m.start() < r.end for r in region_at.values()):
                continue
            if before and re.match(r"[\u4e00-\u9fff]", before) and m.start() not in self._scan.by_end:
                continue   # 省级高新区, 各高新区: a kind of zone, not the city's own
            zone = Mention("Region", city + _ZONE_FULL[m.group()], m.start(), m.end(), level="zone")
            mentions.append(zone)
            region_at[m.start()] = zone

    def _agency_of(self, token: Token) -> Mention | None:
        """The agency an AGENCY or BODY token names in this report, if the issuer's context gives it."""
        if token.kind == AGENCY:
            names = self._ctx.expand(token.value)
            name = names[0] if len(names) == 1 else ""
        else:
            region = self._ctx.region_for(token.level)
            name = region + token.value if region else ""
        return Mention("Agency", name, token.start, token.end, level=token.level or None) if name else None

    def _named_agency(self, text, token, regions) -> Mention | None:
        """An agency short form whose 省/市/区/县 is the suffix of the region written before it (苏州市市场监管局)."""
        if text[token.start] not in "省市区县":
            return None
        region = next((r for r in regions if r.end == token.start + 1 and r.end - r.start >= 2
                       and text[r.end - 1] == text[token.start]), None)
        if region is None:
            return None
        if any(own and own.endswith(region.name) for own in (self._ctx.province, self._ctx.city, self._ctx.district)):
            # the issuer's own region: the short form expands as usual, the region written before is part of it
            own_agency = self._agency_of(token)
            if own_agency is not None:
                own_agency.start = region.start
            return own_agency
        start = region.start
        chain = region.name
        while True:   # 上海市青浦区市场监管局: the regions glued before belong to the name
            outer = next((r for r in regions if r.end == start and r.start < start), None)
            if outer is None:
                break
            start, chain = outer.start, outer.name + chain
        if token.kind == BODY:
            name = chain + token.value
        else:
            part = token.value.split(";")[0]
            fields = re.findall(r"\{(\w+)\}", part)
            if len(fields) != 1 or fields[0] not in ("province", "city", "district"):
                return None
            name = part.replace("{" + fields[0] + "}", chain)
            if "{" in name:
                return None
        return Mention("Agency", name, start, token.end, level=region.level or token.level or None)

    # -- partners: 联合 X、Y 开展…, 指导 X、Y 申报… ----------------------------------------------------
    def _partners(self, text, tokens, mentions) -> None:
        """The named parties between 联合/指导/推荐 and the verb they act with are organisations."""
        if not _PARTNER_CUE.search(text):
            return   # no partner cue written: no token below is one
        for i, token in enumerate(tokens):
            if token.word not in PARTNER_CUES:
                continue
            verb = next((t for t in tokens[i + 1:] if t.kind == CUE and t.value not in ("&", "-")), None)
            if verb is None or verb.start - token.end > 30:
                continue
            span = text[token.end:verb.start]
            if HARD_BOUNDARY.search(span.replace("、", "")) or "“" in span or _DEPARTMENTS.search(span):
                continue   # 联合公安、税务等部门: government departments by their field, not organisations
            pos = token.end
            for item in span.split("、"):
                s, e = pos, pos + len(item)
                pos = e + 1
                if not (2 <= len(item) <= 12) or any(m.start < e and s < m.end for m in mentions):
                    continue
                if any(s <= t.start < e for t in tokens) or _COUNT.search(item) or _KIND_OF_PARTNER.search(item):
                    continue
                mentions.append(Mention("Organization", item, s, e))

    # -- lists: X、Y、“Z”等试点 --------------------------------------------------------------------
    def _lists(self, text, tokens, mask, quotes, regions, mentions) -> None:
        counted = [Token(m.start(), m.end(), m.group(), CUE, "#") for m in COUNTED_LIST.finditer(text)] \
            if "个" in text else []
        if not counted and "等" not in text:
            return   # no 等 and no counted list: no token below starts a list
        cue_at = None
        # only counted lists and 等 cues start a list (the others would be skipped below)
        for token in [*[t for t in tokens if t.value == "#" or (t.word == "等" and t.kind == CUE)], *counted]:
            if token.value == "#":   # 甲、乙2个项目入选…: the items are named programmes
                if any(t.end == token.start for t in tokens):
                    continue   # 完成3个项目: a verb, not a list
                list_type = "Initiative"
            elif token.word != "等" or token.kind != CUE:
                continue
            else:
                tail_end = token.end
                while tail_end < len(text) and tail_end - token.end < 12 and not HARD_CHAR[text[tail_end]]:
                    tail_end += 1
                tail = text[token.end:tail_end]
                list_type = next((t for pattern, t in LIST_TAIL if pattern.search(tail)), None)
                if _DOMAIN_TAIL.match(tail):
                    continue   # 教育“双减”、“X”保护等领域执法: the items are fields of work, not names
                if list_type is None:
                    continue
            clause_start = max((m.end() for m in CLAUSE_BOUNDARY.finditer(text, 0, token.start) if not mask[m.start()]),
                               default=0)
            start = clause_start
            for t in tokens:
                if clause_start <= t.start and t.end <= token.start and t.kind == CUE and t.value not in ("&", "-") \
                        and t.word not in WEAK_CUE_WORDS:
                    start = t.end
            items, pos = [], start
            for m in LIST_SEPARATOR.finditer(text, start, token.start):
                if m.group() == "”“":
                    items.append((pos, m.start() + 1))
                    pos = m.start() + 1
                elif not mask[m.start()]:
                    items.append((pos, m.start()))
                    pos = m.end()
            items.append((pos, token.start))
            spans = {(m.start, m.end) for m in mentions}
            if list_type == "Platform" and any(r.start == s and r.end == e for r in regions for s, e in items):
                continue   # 依托长三角、杭州都市圈等平台: the "platforms" are regions working together
            mixed = token.value == "#" or bool(quotes) and any(any(s <= q[0] and q[1] <= e for q in quotes)
                                                               for s, e in items)
            previous = None
            if cue_at is None:
                cue_at = {t.start: t for t in tokens if t.kind == CUE}   # cues by start, for every item
            for item_start, item_end in items:
                mention = self._list_item(text, item_start, item_end, list_type, quotes, regions, spans, tokens,
                                          mixed=mixed, counted=token.value == "#", cue_at=cue_at)
                if mention is not None:
                    if mention.subject is None and previous is not None and previous.subject is not None \
                            and text[item_start - 1:item_start] in "和与及":
                        mention.subject = previous.subject   # 萧山甲和乙: both are 萧山's
                    mentions.append(mention)
                    previous = mention

    def _list_item(self, text, s, e, list_type, quotes, regions, spans, tokens=(), mixed=False,
                   counted=False, cue_at=None) -> Mention | None:
        junk = LEADING_JUNK.match(text[s:e])
        if junk and 0 < junk.end() < e - s:
            s += junk.end()
        by_start = cue_at if cue_at is not None else {t.start: t for t in tokens if t.kind == CUE}
        while s in by_start and by_start[s].end < e:
            s = by_start[s].end
        subject = None
        for region in regions:
            if region.start == s and region.end <= e:
                if region.end >= e - 1:
                    return None
                if region.level == "district":
                    subject, s = region, region.end
                break
        inside = [q for q in quotes if s <= q[0] and q[1] <= e]
        quoted = False
        if len(inside) == 1:
            qs, qe, inner_s, inner_e = inside[0]
            if e - qe >= 4 and list_type != "Pilot" and not self._ending_head(text[qe:e]):
                return None   # “三小”药品安全联合管理: the quote only describes a longer task
            if not (qe == e and qs > s) or text[inner_s:inner_e] not in self.lex.heads:
                s, e, quoted = inner_s, inner_e, True   # 教育“双减” -> 双减; 股权转让“一件事” stays whole
        if (s, e) in spans or any(q[2] == s and q[3] == e and (q[0], q[1]) in spans for q in inside):
            if list_type == "Pilot":   # X、“Y”等试点: the list says what the items are
                for m in self._mentions:
                    if m.start == s and m.end == e and m.type in ("Initiative",):
                        m.type = "Pilot"
            return None
        name = text[s:e].strip()
        bare = name.replace("“", "").replace("”", "")
        if not (2 <= len(bare) <= 25) or _COUNT_OR_CLAUSE.search(name) or GENERIC_BODY.match(bare):
            return None
        head = self._ending_head(bare)
        plain_noun = mixed and 4 <= len(bare) <= 15 and (bare.endswith(("制", "制度")) or counted) and not any(
            s <= t.start < e for t in tokens)
        if list_type == "Organization":
            # 甲、乙等企业: the listed names are organisations, unless they are kinds of enterprise
            if quoted or head or inside or not (2 <= len(bare) <= 12) or _KIND_OF_ENTERPRISE.search(bare) \
                    or any(s <= t.start < e for t in tokens):
                return None
            return Mention("Organization", name, s, e)
        if list_type not in ("Pilot", "Award") and not quoted and not inside and not head and not plain_noun:
            return None   # unquoted items of a list of initiatives are mostly activities, not names
        own = ("Pilot", "Platform", "Initiative", "Award") if list_type == "Award" else ("Pilot", "Platform", "Initiative")
        if head and head[0] not in own and head[0] != "Platform":
            return None   # 行刑衔接、执法案例等工作: an item named as another kind of thing
        if head and head[1] == "基地" and not _HIGH_LEVEL.search(bare):
            return None   # 甲合肥基地: a plant, not a designated base
        type_ = head[0] if head and head[0] in own else list_type
        if type_ == "Platform" and list_type != "Platform" and not head:
            type_ = list_type
        return Mention(type_, name, s, e, level=self.lex.level_of(name) if type_ == "Pilot" else None,
                       subject=subject, quoted=quoted)

    @staticmethod
    def _region_inside_ok(text: str, region: Mention) -> bool:
        return False

    # -- quoted names -------------------------------------------------------------------------
    def _quoted(self, text, qs, qe, inner_s, inner_e, tokens, token_ends, regions=()) -> Mention | None:
        content = text[inner_s:inner_e].strip()
        if len(content) < 2 or len(content) > MAX_NAME or _SINGLE_CHAR_LIST.fullmatch(content) or "‘" in content:
            return None   # a nested ‘name’ is the named thing, the outer quote a title
        after = text[qe:qe + 6]
        glued_before = qs > 0 and not HARD_CHAR[text[qs - 1]] and text[qs - 1] not in "”“" \
            and qs not in self._scan.by_end and text[max(0, qs - 2):qs] not in _OWN_REGION
        owner = next((r for r in regions if 0 <= qs - r.end <= 3 and r.level != "zone"), None) if regions else None
        if glued_before and owner is not None and not HARD_BOUNDARY.search(text, owner.end, qs):
            glued_before = False   # 南京“宁企通”, 西湖电梯“安信通”: the region's own programme
        base = VERSION_SUFFIX.sub("", content) or content
        base_head = self._ending_head(base)   # asked by most rules below
        rest = _FOLLOWING_QUOTES.match(text, qe).end()
        if text.startswith("全覆盖", rest) and not base_head and not _FIGURE.search(content):
            return Mention("Initiative", content, inner_s, inner_e, quoted=True)   # 实现“X”“Y”全覆盖: X and Y rolled out
        year_theme = (base_head or ("", ""))[1].endswith("年")   # “X提升年”活动: the year's theme
        if after.startswith("活动") and (year_theme or not base_head) \
                and not _FIGURE.search(content) and any(
                t.kind == CUE and t.value == "RUNS" and t.end <= qs and not CLAUSE_BOUNDARY.search(text, t.end, qs)
                for t in tokens):
            return Mention("Initiative", content, inner_s, inner_e, quoted=True)   # 开展六大行业“X”活动 -> X
        if _MODE_OR_PRACTICE.match(after) and not glued_before and not self._head_at(text, qe + 2) \
                and not base_head and not (base.endswith(("码", "在线", "App", "APP", "小程序"))
                                                         and not _INTEGRATION_REFORM.search(base)) \
                and not PROVINCIAL_CODE.fullmatch(base):   # “浙食链”经验: the platform is still a platform
            return Mention("Initiative", content, inner_s, inner_e, quoted=True)   # “X”模式 -> X
        named = QUOTED_NAMED_MECHANISM.match(text, qe)
        if not glued_before and named and not _SLOGAN_LIST.search(content) and not base_head \
                and not GENERIC_BODY.match(named.group()[:-2]):
            return Mention("Initiative", text[qs:named.end()], qs, named.end(), quoted=True)
        described = QUOTED_DESCRIBED_PROGRAMME.match(text, qe)
        if not glued_before and described and "的" not in described.group() and not _SLOGAN_LIST.search(content) \
                and not base_head:
            return Mention("Initiative", content, inner_s, inner_e, quoted=True)   # “X”规范标准体系 -> X
        before_token = self._scan.by_end.get(qs)
        before_word = before_token.word if before_token is not None else ""
        if before_word in ("接入", "纳入") and not base_head:
            return Mention("Platform", content, inner_s, inner_e, quoted=True)     # 接入“X”: X takes things in
        described = QUOTED_DESCRIBED_PLATFORM.match(text, qe)
        if not glued_before and described and "的" not in described.group() and not text.startswith("应用场景", qe):
            return Mention("Platform", content, inner_s, inner_e, quoted=True)
        if before_word in ("由", "向") and getattr(self._scan.by_start.get(qe), "value", "") != "-":
            # (向“X”服务延伸: X only qualifies the noun after it)
            head = base_head
            return Mention(head[0] if head and head[0] in ("Platform", "Pilot") else
                           ("Platform" if base.endswith(QUOTED_PLATFORM_ENDINGS)
                            and not _INTEGRATION_REFORM.search(base) else "Initiative"),
                           content, inner_s, inner_e, quoted=True)
        if not glued_before and after.startswith(GLUED_PLATFORM) and not after.startswith("应用场景"):
            return Mention("Platform", content, inner_s, inner_e, quoted=True)
        head = base_head if base == content else self._ending_head(content)
        if head is not None:
            type_, word = head
            if type_ == "Award" and AWARD_NEEDS_CUE.search(word) and not self._award_cue_before(text, qs, tokens):
                return None
            if type_ == "Organization":
                return None
            if not self._right_ok(text, qe, self._scan.by_start, None) and not glued_before:
                # the quote continues into a longer name: the head scan takes it
                if self._head_at(after):
                    return None
            return Mention(type_, content, inner_s, inner_e, level=self.lex.level_of(content), quoted=True)
        if _INTEGRATION_REFORM.search(base) or (_SERVICE_REFORM.search(base) and not _SLOGAN_LIST.search(base)):
            return Mention("Initiative", content, inner_s, inner_e, quoted=True)   # 一窗通, 跨省通办: service reforms
        if base.endswith(QUOTED_PLATFORM_ENDINGS) and not base.endswith(("一网通", "通办", "一次办")):
            return Mention("Platform", content, inner_s, inner_e, quoted=True)
        if PROVINCIAL_CODE.fullmatch(base):
            return Mention("Platform", content, inner_s, inner_e, quoted=True)
        if self._head_at(after):
            return None  # “X”试点 etc.: the head scan builds the name
        launched = [t for t in tokens if t.word == "上线" and 0 <= qs - t.end <= 6]
        if launched and not any(launched[-1].end <= t.start < qs for t in tokens) \
                and not HARD_BOUNDARY.search(text, launched[-1].end, qs):
            return Mention("Platform", content, inner_s, inner_e, quoted=True)   # 上线新就业群体“X”: an app
        if glued_before:
            return None
        spread = next((t for t in tokens if t.kind == PROMOTE and t.start >= qe), None)
        if spread is not None and 3 <= len(content) and not _FIGURE.search(content) \
                and _SPREAD_GAP.fullmatch(text, qe, spread.start):
            return Mention("Initiative", content, inner_s, inner_e, quoted=True)   # “X”被省局发文推广: X spread
        after_token = self._scan.by_start.get(qe)
        if after_token is not None and after_token.value == "RECOGNIZED_AS":
            return Mention("Initiative", content, inner_s, inner_e, quoted=True)   # “X”获评…: X is what won
        # no ending of its own: an initiative when a run cue governs it
        i = bisect_right(token_ends, qs) - 1
        while i >= 0:
            token = tokens[i]
            end = token.end
            gap = text[end:qs]
            if gap and not _LIST_GAP.fullmatch(gap):
                return None
            if token.kind == CUE and token.value == "RUNS":
                if 3 <= len(content) and not _FIGURE.search(content) \
                        and not _GOAL_WORDS.match(text, _FOLLOWING_QUOTES.match(text, qe).end()) \
                        and not _MODIFIED_NOUN.match(text, qe) and not content.endswith(("场景", "功能", "模块", "库")) \
                        and not _PLAN_PERIOD.fullmatch(content):   # “十四五”: a plan period, not a programme
                    return Mention("Initiative", content, inner_s, inner_e, quoted=True)
                return None
            if token.kind == CUE and token.value == "&":
                i -= 1
                continue
            return None
        return None

    def _quoted_again(self, text, qs, qe, inner_s, inner_e) -> Mention | None:
        """A bare “X” the report has already typed, or the subject of 接入/升级为 (“X”接入“Y”, “X”升级为“Y”平台)."""
        content = text[inner_s:inner_e].strip()
        if not content or text[qs - 1:qs] in _GLUE_BEFORE and qs > 0:
            return None
        after = self._scan.by_start.get(qe)
        known = self._known_quoted.get(content)
        if known is not None and ((after is not None and after.kind in (CUE, PROMOTE))
                                  or HARD_CHAR[text[qe:qe + 1] or "。"]):
            return Mention(known, content, inner_s, inner_e, quoted=True)
        if after is None or after.value not in ("ABSORBED_INTO", "SUCCEEDS") or after.word in ("被", "由", "向") \
                or len(content) < 3 or _FIGURE.search(content):
            return None
        # what is connected to a platform, or upgraded into one, is a platform itself
        later = text[after.end:after.end + MAX_NAME + 8]
        platform = after.word == "接入" or bool(_UPGRADED_TO_PLATFORM.match(later)) \
            or content.endswith(QUOTED_PLATFORM_ENDINGS)
        return Mention("Platform" if platform else "Initiative", content, inner_s, inner_e, quoted=True)

    def _head_at(self, text: str, pos: int = 0) -> bool:
        heads = self.lex.heads
        return any(text[pos:pos + length] in heads for length in self._head_lengths_by_first.get(text[pos:pos + 1], ()))

    def _ending_head(self, content: str) -> tuple[str, str] | None:
        memo = self._ending_memo
        try:
            return memo[content]
        except KeyError:
            pass
        found = None
        heads = self.lex.heads
        # only the lengths of heads ending in the same character can match (same order: longest first)
        for length in self._head_lengths_by_last.get(content[-1:], ()):
            word = content[-length:]
            if word in heads and (len(content) > length or heads[word][1]):
                found = heads[word][0], word
                break
        if len(memo) < 1 << 16:   # names recur within a report; bounded for long-lived scanners
            memo[content] = found
        return found

    def _award_cue_before(self, text: str, pos: int, tokens: list[Token]) -> bool:
        clause_start = self._scan.clause_of(pos)[0]   # the last clause boundary ending at or before pos
        return any(t.kind == CUE and (t.value == "RECOGNIZED_AS" or t.word in AWARD_CONTEXT_WORDS)
                   and clause_start <= t.start and t.end <= pos for t in tokens)

    # -- unquoted names -----------------------------------------------------------------------
    def _right_ok(self, text: str, he: int, token_starts: dict, mask) -> bool:
        if he >= len(text):
            return True
        ch = text[he]
        if ch == "的":   # X平台的知晓度: a platform's attribute; 滨江试点的模式: a modifier
            return bool(_ATTRIBUTE.match(text, he + 1)) and text[he - 1] in "台统网码链线"
        if ch == "中" and text[he + 1:he + 2] not in _ZHONG_WORD:
            return True   # 在X示范区中展现…: inside the pilot
        if HARD_CHAR[ch] or ch in "”“《》（）()" or ch in RIGHT_FUNCTION_CHARS or ch.isdigit():
            return True
        if he in token_starts:
            return True
        trailers = self.lex.trailers
        return text[he:he + 2] in trailers or text[he:he + 3] in trailers

    def _headed(self, text, hs, he, word, type_, standalone, hard_ends, token_ends, region_at, scan) -> Mention | None:
        i = bisect_right(hard_ends, hs) - 1
        hard = hard_ends[i] if i >= 0 else 0
        start = hard
        need = 1 if type_ in ("Event", "Organization") else 2
        # cue ends between the hard boundary and the head, rightmost first
        j = bisect_right(token_ends, hs) - 1
        candidates = []
        tokens = scan.tokens
        while j >= 0 and token_ends[j] > hard:
            token = tokens[j]
            end = token.end
            if token.start >= hard and token.kind in (CUE, PROMOTE) and (
                    token.value != "&" or token.word in NAME_CONNECTIVES) and not (
                    token.word in TITLE_VERBS and word in TITLED_CAMPAIGNS):
                candidates.append((end, token))
            j -= 1
        chosen = None
        if type_ == "Award":   # an award's name starts at its award cue (获评…, 入选…)
            chosen = next((end for end, token in candidates if token.value == "RECOGNIZED_AS" and hs - end >= 0), None)
        if chosen is None:
            for end, token in candidates:   # a cue followed by a level word: the name starts there
                if token.kind == CUE and token.value != "&" and token.word != "的" and LEVEL_START.match(text, end):
                    chosen = end
                    break
                if token.kind == CUE and token.value == "-" and token.word not in WEAK_CUE_WORDS and hs - end >= 4:
                    break   # 依托全国首个X构建Y新模式: a nearer verb starts the name
        if chosen is None:
            nearest = candidates[0] if candidates else None
            if nearest is not None and nearest[0] == hs and not standalone and nearest[1].kind == CUE \
                    and nearest[1].value not in WEAK_CUE_ROLES and nearest[1].word not in WEAK_CUE_WORDS:
                further = [c for c in candidates[1:] if c[1].kind == CUE and c[1].value not in WEAK_CUE_ROLES
                           and c[1].word not in WEAK_CUE_WORDS and hs - c[0] >= need + len(nearest[1].word)]
                if not further:
                    return None   # 深化改革, 向大会: a bare head after a verb is not a name
                chosen = further[0][0]   # 实施…战略推进工程: the verb belongs to the name
            for end, token in candidates:
                if token.word in NAME_CONNECTIVES:
                    if hs - end >= 4:
                        chosen = end
                        break
                    continue
                strong = token.value not in WEAK_CUE_ROLES and (
                    token.word not in WEAK_CUE_WORDS or (type_ == "Organization" and token.word in _ORG_CUE_WORDS))
                if strong and (hs - end >= need or (standalone and hs - end >= 0)):
                    chosen = end
                    break
        if chosen is not None:
            start = chosen
            by_start = scan.by_start
            while start in by_start and by_start[start].kind == CUE and hs - by_start[start].end >= 0 \
                    and not (by_start[start].word in TITLE_VERBS and word in TITLED_CAMPAIGNS):
                start = by_start[start].end
            if not standalone:
                for e, t in candidates:
                    if e == chosen:
                        if t.word == "等":
                            return None   # 等 + noun: the summary of a list, not a name
                        break
        else:
            by_start = scan.by_start
            while start in by_start and by_start[start].kind == CUE and hs - by_start[start].end >= 0 \
                    and not (by_start[start].word in TITLE_VERBS and word in TITLED_CAMPAIGNS):
                start = by_start[start].end
        if type_ in ("Pilot", "Initiative") and hs - start >= 2:
            # 甲、乙改革试点: short coordinated modifiers before the name belong to it
            while start > 1 and text[start - 1] == "、":
                seg_start = start - 1
                while seg_start > 0 and start - 1 - seg_start < 7 and not HARD_CHAR[text[seg_start - 1]] \
                        and (seg_start not in scan.by_end or scan.by_end[seg_start].value == "&"):
                    seg_start -= 1
                if not (1 <= start - 1 - seg_start <= 6) or any(seg_start <= t.start < start - 1 and t.value != "&"
                                                                for t in scan.tokens) \
                        or any(text[seg_start:start - 1][-n:] in self.lex.heads for n in self._head_lengths):
                    break   # 甲试点、乙试点: separate names
                if not (seg_start == 0 or HARD_CHAR[text[seg_start - 1]] or seg_start in scan.by_end):
                    break
                if seg_start > 0 and text[seg_start - 1] in "，,。；;：:":
                    break   # a new clause, not a coordinated modifier
                if seg_start in region_at or (start in region_at and region_at[start].type == "Region"):
                    break   # 上城、滨江、临安完成…: listed regions are subjects, not modifiers
                start = seg_start
        if he - start > MAX_NAME:
            start = he - MAX_NAME
        name = text[start:he]
        junk = LEADING_JUNK.match(name)
        if junk and junk.end() < len(name):
            start += junk.end()
            name = text[start:he]
        name = name.strip("”“‘’ ")
        cut = name.rfind("为")
        if type_ == "Pilot" and cut > 0 and LEVEL_START.match(name, cut + 1) and len(name) - cut - 1 >= len(word) + 2:
            start, name = start + cut + 1, name[cut + 1:]   # 确定甲、乙为首批X试点: the designation follows 为
        if not name or _COUNT.search(name) or name.count("(") != name.count(")") or name.count("（") != name.count("）"):
            return None
        if text[start] in "”":
            start += 1
        if "的" in name:
            return None
        if word in ("机制", "工作机制", "制度", "项目"):
            governing = next((t for e, t in candidates if e == start), None)
            if governing is None or governing.value != "RUNS" or len(name) - len(word) < 5:
                return None
            if _COUNTED_AFTER.match(text, he):
                return None   # 领办项目2个: a kind of project, counted, not a named one
            if self._ending_head(text[max(0, he - 8):he]) != (type_, word):
                return None   # 试点示范项目: a longer head of another type names it
        if word == "活动" and (not _TITLED_ACTIVITY.search(text, start, he) or name.endswith(("庆祝活动", "周年活动"))):
            return None   # only a titled activity (“双增”大讨论活动) is a campaign; 各类活动 are not
        if word == "片区" and not _FTZ.search(text, max(0, start - 8), he):
            return None   # only a free-trade zone's 片区 is a pilot of its own
        if word in _ZONE_HEADS and not LEVEL_START.match(name):
            return None   # 省级高新技术产业开发区 is a designation; 成都高新技术产业开发区 a place
        if word == "服务中心" and not (start in region_at or _OWNED_START.match(text, start)):
            return None   # 企业服务中心 is a kind; 宁波市知识产权交易服务中心 is a named institution
        unit = scan.by_start.get(start)
        if type_ == "Organization" and unit is not None and unit.kind in (AGENCY, BODY) and unit.end == he:
            return None   # 区政务服务中心: a government unit (the short form names it), not an organisation
        if word == "基地" and not _HIGH_LEVEL.search(name):
            return None
        if standalone:
            region = region_at.get(hs - len(text[:hs]) + hs) if False else None
            prefix = next((r for r in region_at.values() if r.end == hs), None)
            start = prefix.start if prefix is not None else hs
            name = text[start:he]
        quoted_modifier = _QUOTED_MODIFIERS.search(name)
        if quoted_modifier and len(name) - quoted_modifier.end() >= len(word) + 2:
            start += quoted_modifier.end()
            name = text[start:he]
        if type_ in ("Pilot", "Organization"):
            paren = _PARENTHETICAL.match(text[he:he + 10])
            if paren:
                he += paren.end()
                name = text[start:he]
        body = name[: len(name) - len(word)] if name.endswith(word) else name[: name.rfind(word)]
        if not standalone or body:
            core = _core(body)
            if type_ == "Organization":
                if _JOIN_OR_ADVERB.search(body.replace("及其", "")):   # 技术及其应用标准化工作组 is one body
                    return None
                company = word in COMPANY_HEADS
                if not (2 <= len(body) <= (12 if word.endswith("公司") else 8 if company else 20)) \
                        or (company and ORG_BAD_FOLLOW.match(text, he)) \
                        or (ORG_BAD_BODY.match(body) if company else _GENERIC_ORG_BODY.match(body)) \
                        or _QUOTE_MARK.search(body):
                    return None
            elif (len(core) < 2 or GENERIC_BODY.match(core)) and word not in _ZONE_HEADS:
                return None
            if type_ == "Initiative" and ((len(core) < 3 and len(word) < 4) or _NOT_AN_INITIATIVE.search(name)):
                return None
            joined = _JOIN.search(_QUOTED_SPAN.sub("", name))
            if type_ == "Platform" and joined and _PLATFORM_BEFORE_JOIN.search(name[:joined.start()]) \
                    and (self._ending_head(name[:joined.start()]) or ("",))[0] != type_:
                # 甲平台建设和乙系统: two things run together; the name is what follows the join
                if "“" in name or "”" in name or len(name) - joined.end() < len(word) + 3:
                    return None
                start += joined.end()
                name = text[start:he]
            if type_ == "Platform" and body.startswith(("第三方", "自建", "自有", "现有", "已有", "各类", "相关")):
                return None   # 第三方监测平台, 自建检测系统: a kind of system, not a named one
            if type_ == "Award" and _GENERIC_PRIZE_BODY.fullmatch(body):
                return None   # 政府质量奖 in general, not a named prize
            if type_ == "Event" and (core in ("知识", "技能", "工作") or _NOT_AN_EVENT.search(name)):
                return None
        if type_ == "Award" and AWARD_NEEDS_CUE.search(word) and not self._award_cue_before(text, start, scan.tokens):
            return None
        if hs > 0 and text[hs - 1] == "等" and not standalone:
            return None   # X、Y等试点: a list, see _lists
        if _LIST_SUMMARY.search(_QUOTED_SPAN.sub("", name)):
            return None   # a list summarised (“甲”“乙”等行动), not a name
        if type_ in ("Platform", "Organization", "Event"):
            first = FIRST_OF_KIND.match(name)
            if first and len(name) - first.end() > len(word) + 1:
                start += first.end()
                name = text[start:he]
        for connective in "和与及":   # 甲系统和乙系统: two names, the first found by its own head
            cut = name.rfind(connective)
            if cut > 0 and (self._ending_head(name[:cut].strip("“”")) or ("", ""))[0] == type_:
                start += cut + 1
                name = text[start:he]
                break
        subject = None
        agency = scan.by_start.get(start)
        if agency is not None and agency.kind not in (AGENCY, BODY):
            agency = None
        if agency is not None and type_ in ("Pilot", "Initiative") and he - agency.end >= len(word) + 2:
            start = agency.end
            name = text[start:he]
            if agency.start > 0 and text[agency.start - 1] in "和与及、" \
                    or (type_ == "Initiative" and text.startswith("“", agency.end)):   # (入选总局“X”试点: the conferrer)
                subject = self._agency_of(agency)   # 甲和市纪委X专项治理: the agency's own programme
        if type_ in ("Pilot", "Initiative"):
            # 和市纪委X专项治理: an agency inside the span owns the name that follows it
            inner = [t for t in self._agency_tokens if start < t.start and he - t.end >= len(word) + 3]
            if inner:
                owner = self._agency_of(inner[-1])
                if owner is not None:
                    subject, start = owner, inner[-1].end
                    name = text[start:he]
        if type_ == "Award" and "和" in name:
            cut = name.rfind("和")
            if len(name) - cut - 1 >= 2 and AWARD_WORDS.search(name[:cut]) and not AWARD_WORDS.fullmatch(name[cut + 1:]) \
                    or (len(name) - cut - 1 >= 2 and name[cut + 1:] in self.lex.heads):
                self._extra.append(Mention("Award", name[:cut], start, start + cut, level=self.lex.level_of(name[:cut])))
                start += cut + 1
                name = text[start:he]
        changed = True
        while changed:
            changed = False
            region = region_at.get(start)
            if subject is None and region is not None and type_ in ("Pilot", "Platform", "Initiative") \
                    and region.end - start < len(name) - 3 and ((region.level == "zone" and DEV_ZONE.search(region.name)) or (
                        not text[region.end - 1] in "省市区县" and region.level == "district")
                        or (region.level != "zone" and text.startswith("“", region.end))
                        or (type_ == "Pilot" and region.level != "zone" and text.startswith(("经验", "做法"), he))):
                # 象山县“X”改革: 象山县's X; 青岛X试点经验: the experience of 青岛's pilot X
                subject, start, changed = region, region.end, True
            token = scan.by_start.get(start)
            if token is not None and token.kind == CUE and he - token.end >= len(word) + 2 \
                    and not (token.word in TITLE_VERBS and word in TITLED_CAMPAIGNS):
                start, changed = token.end, True
            junk = LEADING_JUNK.match(text[start:he])
            if junk and junk.end() > 0 and he - (start + junk.end()) >= len(word) + 2:
                start, changed = start + junk.end(), True
            name = text[start:he]
        if subject is not None and subject.type == "Region" and name.endswith(word) \
                and GENERIC_BODY.match(LEVEL_WORDS.sub("", name[:-len(word)])):
            start, name, subject = subject.start, text[subject.start:he], None   # 平潭综合实验区: the place names it
        if type_ == "Organization" and text[max(0, start - 2):start] in ("各级", "各类", "各地"):
            return None   # 各级民个协会: every body of a kind, not a named one
        if type_ == "Organization" and name[0] in "省市区县" and name[1] not in "场级委政局":
            # 市知识产权标准化技术委员会: the issuer's own city (as for 市发改委)
            owner = self._ctx.region_for({"省": "province", "市": "city", "区": "district", "县": "district"}[name[0]])
            if owner:
                name = owner + name[1:]
        if type_ == "Agency" and getattr(scan.by_end.get(start), "value", "") == "RECOGNIZED_AS":
            type_ = "Award"   # 获评全国“枫桥式”市场监管所: a title, not the unit
        if type_ == "Award" and ("及以上" in name or (name in self.lex.heads and len(name) <= 3)):
            return None   # 金奖 alone is a grade, 省级及以上案例 a threshold: neither names an honour
        scope = _SCOPE_START.match(name)
        if type_ == "Initiative" and scope and len(name) - scope.end() >= len(word) + 3:
            start += scope.end()   # 全省网络餐饮“一件事”改革: the scope says where it runs, not what it is
            name = text[start:he]
        return Mention(type_, name, start, he, level=self.lex.level_of(name), subject=subject)

    def _award_phrase(self, text, token, hard_ends, mentions, award_ends, mask, extend_only=False) -> None:
        start = token.end
        i = bisect_right(hard_ends, start)
        end = hard_ends[i] - 1 if i < len(hard_ends) else len(text)
        while end > start and text[end - 1] in "”“":
            end -= 1
        # a quote opened inside the phrase must close inside it
        phrase = text[start:end]
        if not phrase or len(phrase) > MAX_NAME or end in award_ends:
            return
        shorter = [m for m in mentions if m.start == start and m.type in ("Pilot", "Award")]
        if shorter:
            longer = _HONOUR_REST.match(text[shorter[0].end:end])
            if shorter[0].type != "Award" or longer is None:
                return
            mentions.remove(shorter[0])   # 十佳 + 服务品牌, 突出集体 + 和个人通报表扬: one honour
            end = shorter[0].end + longer.end()
            phrase = text[start:end]
        elif extend_only:
            return
        junk = LEADING_JUNK.match(phrase)
        if junk and junk.end() < len(phrase):
            start += junk.end()
            phrase = text[start:end]
        phrase = _TRAILING_COUNT.sub(lambda m: m.group() if "强" in m.group() else "",
                        phrase)
        if len(phrase) < 3 or not AWARD_WORDS.search(phrase) or "试点" in phrase[-3:]:
            return
        parts = [(start, start + len(phrase))]
        split = _HONOUR_JOIN.search(phrase)
        if split and AWARD_WORDS.search(phrase[: split.start()]):
            parts = [(start, start + split.start()), (start + split.end(), start + len(phrase))]
        for s, e in parts:
            part = text[s:e]
            if e - s >= 2 and "及以上" not in part and not (part in self.lex.heads and len(part) <= 3):
                # 金奖 alone is a grade, 省级及以上案例 a threshold: neither names an honour
                mentions.append(Mention("Award", part, s, e, level=self.lex.level_of(part)))
                award_ends.add(e)


@lru_cache(maxsize=1 << 16)
def _core(body: str) -> str:
    """A name's body without its level words (国家, 全省, 2023年 …): what must still say something."""
    return LEVEL_WORDS.sub("", body).strip("“”()（）")


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Sorted by start; a mention wholly inside another of a programme type is dropped."""
    mentions.sort(key=_span_order)
    kept: list[Mention] = []
    for mention in mentions:
        inside = False
        start, end = mention.start, mention.end
        for other in kept[-6:]:
            if other is mention:
                continue
            if other.start <= start and end <= other.end and (other.start != start or other.end != end):
                if mention.type == "Region":
                    inside = not (other.subject is not None and other.subject.start == start)
                elif mention.type in ("Region", "Agency") or other.type in ("Document",):
                    inside = mention.type != "Region" or other.type == "Document" or other.quoted
                    if mention.type == "Region" and other.subject is not None and other.subject.start == start:
                        inside = False
                else:
                    inside = True
            elif other.start == start and other.end == end and other.type == mention.type \
                    and other.name == mention.name:
                inside = True
            if inside:
                break
        if not inside:
            kept.append(mention)
    return kept


def _span_order(m: Mention) -> tuple[int, int]:
    return m.start, m.start - m.end   # by start, the longest first
