"""Relations in one sentence, from the cue tokens and the entity mentions around them.

Each rule reads the sentence's clauses (split at ，；： …) and the order of mentions and cues:

* RUNS: a run cue (开展, 推进, 建设, 上线, 牵头, 获批 …, or 入选/获评 before a pilot) governs the
  pilots, initiatives and platforms after it in its clause; the subject is the region, agency or
  organisation before the cue in the clause, else the region split off the name's front, else the
  report's issuer (work reports leave their subject implicit);
* RECOGNIZED_AS: an award cue (入选, 获评, 荣获, 评为, 获 …) links the nearest non-award mention before
  it (and those listed with it by 、/和) — else the issuer — to every award after it in the clause;
* PROMOTED_TO: a promotion cue (全省推广, 在全国推开, 推荐省级 …) links the programmes before it to
  the region its scope word names (全省 → the province, 全国 → 中华人民共和国, 全市/全区/全县 → the
  report's city/district/county); 推广至N个地市 names the province, 被总局/省局发文推广 the agency's
  scope; a clause with no programme (相关做法被…推广) points back to the clause before; the base a
  programme grew from (在X基础上) does not spread;
* ABSORBED_INTO: 被 X 吸纳 / 纳入 X / 接入 X link the programme before to the platform X;
* LOCATED_IN: 落户/位于 Y, 在 Y 召开/举办/建成 link what is placed to the region Y;
* PARTICIPATES_IN: 参与/参加/加入 X, 联合 Y 开展 X;
* SUCCEEDS: 由 X 向 Y, X 升级为/迭代为 Y: Y succeeds X.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pilotgraph.loaders.extract.entities import CUE, PROMOTE, Mention, SentenceScan, Token

PROGRAMMES = ("Pilot", "Initiative", "Platform")
ACTORS = ("Region", "Agency", "Organization")
_LIST_GAP = re.compile(r"[、和与及“”‘’\s]*|[、和与及“”]*等[、和与及“”]*")
_SCOPE_WORD = re.compile(r"全国|全省|全市|全区|全县")
#: words between 在 <region> and 推开/推广/铺开 that keep the region as the scope
_SCOPE_GAP = re.compile(r"(?:全市|全省|全区|全县|全域|全境|范围内|各地)?(?:全面|逐步|加快|广泛)?")

#: the scope right after 推广至/推广到: a scope word, or a count of prefectures (the province) or counties (the city)
_SCOPE_AFTER = re.compile(r"(全国|全省|全市|全区|全县)|(?:\d+|[一二三四五六七八九十两]+)个?(?:(地市|设区市|地级市|市州|市)|县|区|县（市、区）|县\(市、区\)|县市区|区县|县区)(?![场域级直])")
#: 在 <scope word> and what may stand between it and 推广/推开 (各地, 11个设区市, 全面, 落地)
_SCOPE_BEFORE = re.compile(r"在(全国|全省|全市|全区|全县)(?:范围内|各地|各[市县区]|(?:\d+|[一二三四五六七八九十两]+)个[\u4e00-\u9fff]{1,4})?"
                           r"(?:全面|逐步|加快|广泛|落地|复制)*$")
#: words between 被 <agency> and 推广 (发文推广, 印发通知予以推广)
_AGENCY_GAP = re.compile(r"(?:发文|印发文件|专文|行文|通报|肯定并)?(?:予以|进行|全面)?")

#: the report's own region, written as 我市/本省 …
_OWN_REGION = ("我市", "我省", "我区", "我县", "本市", "本省", "本区", "本县")

#: an approval written after the pilot's name (X试点成功获批, X试点获国家批复)
_APPROVED_AFTER = re.compile(r"(?:成功|正式|顺利|已)?(?:获批|获得批复|获[国省]家?[\u4e00-\u9fff]{0,6}?批复|获准)")
#: a launch written after the platform's name (“X”平台正式上线运行, X投入使用)
_LAUNCHED_AFTER = re.compile(r"[”’]?(?:服务平台|平台|系统|应用|小程序|App|APP)?(?:正式|全面|成功|顺利|率先|已|相继|建成)*"
                             r"(?:上线|投入运行|投入使用|投用|正式运行)(?:运行|使用)?(?=[，。；、,;！]|$)")   # not 上线“Y”模块

#: the unit written after a programme as the one carrying it out (X改革揭榜挂帅单位, X试点单位)
_LEAD_UNIT_AFTER = re.compile(r"[”’]?(?:揭榜挂帅|揭榜|牵头|承担|承接|试点)单位")

#: a programme rolled out everywhere (“X”全覆盖, “X”“Y”的全覆盖)
_ROLLED_OUT_AFTER = re.compile(r"[”’]?(?:[、和与及]?“[^“”]{1,20}”)*(?:的)?全覆盖")

#: progress written after the programme's name (X建设稳步推进, X加快推进, X深入实施)
_ADVANCED_AFTER = re.compile(r"[”’]?(?:建设|创建|工作|改革)?(?:稳步|有序|加快|扎实|全面|深入|顺利|持续|积极)(?:推进|实施|开展|推开)")

#: cues that designate when what follows is a pilot (列入全国第二批…试点, 被确定为…试点)
_LISTED_AS = ("列入", "被列入", "纳入", "列为", "被列为", "确定为", "被确定为")

#: cues that govern a pilot besides the run cues (获评…示范区: designated)
_DESIGNATING = frozenset(("入选", "获批", "成为", "获评", "评为", "被评为", *_LISTED_AS))
#: cues whose objects act with the subject
_PARTNER_CUES = frozenset(("联合", "与", "协同", "会同"))

#: verbs that designate what they name before 为 (确定甲为…试点)
_DESIGNATES = re.compile(r"确定|认定|命名|遴选|批复|同意")

Relation = tuple[str, Mention, Mention]


def _between_ok(text: str, start: int, end: int) -> bool:
    """Only list separators lie between two positions (so the mentions form one list)."""
    return start >= end or bool(_LIST_GAP.fullmatch(text[start:end]))

def _spread(text: str, sources: list[Mention]) -> list[Mention]:
    """Programmes that spread, without the base another grew from (在“X”改革(的)基础上深化形成“Y”)."""
    return [m for m in sources if not _ON_BASIS.match(text, m.end)]

_ON_BASIS = re.compile(r"[”’]?(?:的)?基础上")

def _most_specific(actors: list[Mention]) -> list[Mention]:
    """Actors without those glued as a prefix to the next one (上海市青浦区 → 青浦区, not 上海市)."""
    starts = {m.start for m in actors}
    return [m for m in actors if not (m.type == "Region" and m.end in starts)]

#: patterns used inside the rules, compiled once
_PARTNER_JOIN = re.compile(r"[与和、]")
_AFTER_SUBJECT = re.compile(r"[、和与及“”，,]|$|成功|顺利|再次|首次|连续|均|也|又|还|已")
_COLLECTIVE_HONOUR = re.compile(r"集体|单位|[一二三]等功|先进|表扬")
_HELD_OR_BUILT = re.compile(r"(?:成功|顺利|隆重|圆满|正式)?(?:召开|举办|举行|建成|建设|落地|设立|成立|开幕|发布|落户|揭牌|挂牌|开园|启用|开馆|开业|投运)")
#: the verbs that make 由A向B a succession of programmes (not 转变, 延伸)
_STAGE_VERB = re.compile(r"升级|深化|迭代|拓展|演进|扩展")
#: unnamed parties written as the subject of 参加/参与 (企业, 商户 …)
_UNNAMED_PARTIES = re.compile(r"(?:企业|单位|商户|经营者|经营主体|市民|群众)(?:代表)?(?:组团|积极|踊跃)?$")
_ON_OR_IN = re.compile(r"[上中]")
#: a venue named after the region (滨湖国际会展中心, 国际博览中心)
_VENUE = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:中心|会展中心|博览中心|会议中心|体育馆|大剧院|酒店|宾馆|广场|园区|小镇)")

class RelationFinder:
    """Applies the relation rules to one scanned sentence."""

    def __init__(self, issuer: Mention | None, scope: Callable[[str], Mention | None]):
        self.issuer = issuer
        self.scope = scope
        #: scope regions named by promotion cues (entities even when no source was found)
        self.scopes: list[Mention] = []

    def find(self, scan: SentenceScan) -> list[Relation]:
        out: list[Relation] = []
        mentions = list(scan.mentions)
        for token in scan.tokens:
            if token.kind == PROMOTE:
                self._promoted(scan, token, mentions, out)
            elif token.kind != CUE:
                continue
            elif token.value == "RECOGNIZED_AS":
                self._recognized(scan, token, mentions, out)
            elif token.value == "ABSORBED_INTO":
                self._absorbed(scan, token, mentions, out)
            elif token.value == "LOCATED_IN":
                self._located(scan, token, mentions, out)
            elif token.value == "LOCATION":
                self._located_at(scan, token, mentions, out)
                self._takes_part_at(scan, token, mentions, out)
            elif token.value == "PARTICIPATES_IN" or token.word == "协同":
                self._participates(scan, token, mentions, out)
            elif token.word == "与":
                self._with(scan, token, mentions, out)
            elif token.value == "SUCCEEDS":
                self._succeeds(scan, token, mentions, out)
        self._runs(scan, mentions, out)
        self._region_builds(scan, mentions, out)
        self._modules(scan, mentions, out)
        seen, unique = set(), []
        for rel_type, source, target in out:
            key = (rel_type, source.type, source.name, target.type, target.name)
            if key not in seen and (source.type, source.name) != (target.type, target.name):
                seen.add(key)
                unique.append((rel_type, source, target))
        return unique

    # -- helpers ------------------------------------------------------------------------------
    def _subjects_before(self, scan: SentenceScan, pos: int, mentions, types=ACTORS) -> list[Mention]:
        """The actor before `pos` in its clause (and those listed with it), else []."""
        clause_start, _ = scan.clause_of(pos)
        partners_from = None   # the end of the first partner cue (tokens are in order and do not overlap)
        for t in scan.tokens:
            if clause_start <= t.start < pos and t.word in _PARTNER_CUES:
                partners_from = t.end
                break
        before = [m for m in mentions if clause_start <= m.start and m.end <= pos and m.type in types
                  and not (partners_from is not None and m.start >= partners_from and m.type in ACTORS)
                  and not (m.type == "Region" and scan.text[m.start - 1:m.start] == "在")]   # 在X建设Y: a place
        if not before:
            return []
        nearest = before[-1]
        chosen = [nearest]
        for m in reversed(before[:-1]):
            owner = chosen[-1].subject
            if owner is not None and (owner.start, owner.end) == (m.start, m.end):
                break   # 市局“X”: the owner of X, not listed with it
            if _between_ok(scan.text, m.end, chosen[-1].start):
                chosen.append(m)
            else:
                break
        return chosen[::-1]

    def _after(self, scan: SentenceScan, token: Token, mentions, types, *, stop_at_cue=True) -> list[Mention]:
        """Mentions of `types` after the token in its clause, up to the next relation cue."""
        _, clause_end = scan.clause_of(token.start)
        limit = clause_end
        if stop_at_cue:
            for other in scan.tokens:
                if other.start >= token.end and other.kind in (CUE, PROMOTE) and other.value not in ("&", "-") \
                        and other.start < limit and not any(m.start <= other.start < m.end for m in mentions):
                    limit = other.start
                    break
        return [m for m in mentions if token.end <= m.start and m.end <= limit and m.type in types]

    def _subject(self, scan, pos, mentions, target: Mention | None = None) -> list[Mention]:
        subjects = self._subjects_before(scan, pos, mentions)
        if len(subjects) == 1:   # X与Y开展…: both
            clause_start, _ = scan.clause_of(pos)
            before = [m for m in mentions if clause_start <= m.start and m.end <= subjects[0].start and m.type in ACTORS]
            if before and _PARTNER_JOIN.fullmatch(scan.text[before[-1].end:subjects[0].start]):
                subjects = [before[-1], subjects[0]]
        subjects = [s for s in subjects if target is None or not (s.start >= target.start)]
        if subjects:
            return subjects
        if target is not None and target.subject is not None:
            return [target.subject]
        # 郫都区获批…，牵头实施…: the sentence's topic carries over to a clause that opens with the verb
        clause_start, _ = scan.clause_of(pos)
        opens_with_verb = not scan.text[clause_start:pos].strip(" 并也还均已又先后曾同时积极全面持续深入大力")
        for start in [] if not opens_with_verb else reversed([c for c in scan.clause_starts if c < clause_start]):
            opening = next((m for m in mentions if m.start >= start), None)
            if opening is not None and opening.start <= start + 1 and opening.type in ACTORS \
                    and opening.end < clause_start and scan.text[start:opening.start] not in ("与", "同", "和", "将", "把") \
                    and not any(m.subject is opening for m in mentions):   # 将上饶“X”…, 上饶“X”…: X's owner, no topic
                if scan.text[opening.end:opening.end + 1] in "、和与及":
                    break   # 甲、乙完成…，开展…: a listed subject belongs to its own clause
                return [opening]
        return [self.issuer] if self.issuer is not None else []

    # -- rules --------------------------------------------------------------------------------
    def _runs(self, scan: SentenceScan, mentions, out) -> None:
        run_tokens = [t for t in scan.tokens if t.kind == CUE and (
            t.value == "RUNS" or t.word in _DESIGNATING)]   # 获评…示范区: designated
        other_tokens = [t for t in run_tokens if t.word not in _LISTED_AS]
        for mention in mentions:
            if mention.type not in PROGRAMMES:
                continue
            # 列入/纳入 a pilot designates; before anything else they are no run cue (纳入 a platform: ABSORBED_INTO)
            governing = self._governing(scan, mention, run_tokens if mention.type == "Pilot" else other_tokens, mentions)
            if governing is None:
                if mention.subject is not None:
                    for owner in self._owners(scan, mention.subject, mentions):
                        out.append(("RUNS", owner, mention))
                elif scan.text.startswith("建设", mention.end) and self._verb_before(scan, mention) in ("加强", "支持"):
                    # 加强/支持 … X 建设: building X is running it
                    for subject in self._subject(scan, mention.start, mentions, mention):
                        out.append(("RUNS", subject, mention))
                elif mention.type == "Pilot" and _APPROVED_AFTER.match(scan.text, mention.end):
                    # X试点成功获批, X试点获国家批复: the approval designates the subject
                    for subject in ([mention.subject] if mention.subject is not None
                                    else self._subject(scan, mention.start, mentions, mention)):
                        out.append(("RUNS", subject, mention))
                elif _ROLLED_OUT_AFTER.match(scan.text, mention.end) and self._verb_before(scan, mention) in (
                        "实现", "推进", "推动", "加快"):
                    # 临平率先实现“阳光工厂”全覆盖: a named subject rolling X out everywhere runs it
                    for subject in self._subjects_before(scan, mention.start, mentions):
                        out.append(("RUNS", subject, mention))
                elif _ADVANCED_AFTER.match(scan.text, mention.end):
                    # X建设稳步推进, X改革全面推开: the subject is running X (not a place listed with X)
                    subjects = [s for s in self._subject(scan, mention.start, mentions, mention)
                                if s.start < 0 or not _between_ok(scan.text, s.end, mention.start)]
                    for subject in subjects or ([self.issuer] if self.issuer is not None else []):
                        out.append(("RUNS", subject, mention))
                elif mention.type == "Pilot" and scan.text[mention.start - 1:mention.start] == "为":
                    # 确定甲、乙为首批X试点: the places or bodies named between the verb and 为 are designated
                    clause_start, _ = scan.clause_of(mention.start)
                    verb = _DESIGNATES.search(scan.text, clause_start, mention.start)
                    for m in mentions if verb is not None else []:
                        if verb.end() <= m.start and m.end < mention.start and m.type in ACTORS:
                            out.append(("RUNS", m, mention))
                elif _LEAD_UNIT_AFTER.match(scan.text, mention.end):
                    # 作为X改革揭榜挂帅单位: the unit chosen to carry X out runs it
                    for subject in self._subject(scan, mention.start, mentions, mention):
                        out.append(("RUNS", subject, mention))
                elif mention.type == "Platform" and _LAUNCHED_AFTER.match(scan.text, mention.end):
                    # “X”平台正式上线运行, X投入使用: launching X is running it
                    for subject in self._subject(scan, mention.start, mentions, mention):
                        out.append(("RUNS", subject, mention))
                continue
            if governing.value == "RECOGNIZED_AS" and mention.type != "Pilot":
                continue
            if mention.subject is not None and governing.end <= mention.subject.start:
                out.append(("RUNS", mention.subject, mention))   # …、建德企业登记…: the item's own region
                continue
            for subject in self._subject(scan, governing.start, mentions, mention):
                out.append(("RUNS", subject, mention))

    @staticmethod
    def _verb_before(scan: SentenceScan, mention: Mention) -> str:
        clause_start, _ = scan.clause_of(mention.start)
        before = [t for t in scan.tokens if clause_start <= t.start and t.end <= mention.start and t.kind == CUE
                  and t.value != "&"]
        return before[-1].word if before else ""

    @staticmethod
    def _owners(scan: SentenceScan, subject: Mention, mentions) -> list[Mention]:
        """A region glued to a name and the regions listed just before it (余杭、临平X平台)."""
        owners = [subject]
        for m in reversed([m for m in mentions if m.type == "Region" and m.end <= subject.start]):
            if scan.text[m.end:owners[-1].start] == "、":
                owners.append(m)
            else:
                break
        return owners[::-1]

    @staticmethod
    def _governing(scan: SentenceScan, mention: Mention, run_tokens: list[Token], mentions) -> Token | None:
        """The run cue that governs `mention`: before it in its clause, with only a list in between."""
        if not run_tokens:
            return None
        clause_start, _ = scan.clause_of(mention.start)
        start = mention.start
        for token in reversed(run_tokens):   # the last cue before the mention in its clause
            if clause_start <= token.start and token.end <= start:
                break
        else:
            return None
        # what lies between must be other names, separators, level words or adverbs
        end = token.end
        for t in scan.tokens:
            if end <= t.start and t.end <= start and t.kind == CUE and t.value not in ("&", "RUNS") and \
                    not any(m.start <= t.start < m.end for m in mentions):
                return None
        return token

    def _recognized(self, scan, token, mentions, out) -> None:
        awards = self._after(scan, token, mentions, ("Award",))
        if not awards:
            return
        sources = self._subjects_before(scan, token.start, mentions,
                                        types=("Region", "Agency", "Organization", "Pilot", "Initiative",
                                               "Platform", "Event", "Document"))
        # a region glued to the front of another name is its prefix, not the subject
        # a region glued to the front of a name (南通海辰重工, 扬州“扬帆质量贷”) is its prefix, not the subject
        sources = [s for s in sources if not (s.type == "Region" and (
            any(m is not s and m.type != "Region" and m.start <= s.end + 3 and m.end > s.end and m.start < token.start
                for m in mentions)
            or not _AFTER_SUBJECT.match(scan.text[s.end:s.end + 2]) and token.start != s.end))]
        conferrer = next((m for m in sources if m.type == "Agency" and scan.text[m.start - 1:m.start] == "被"
                          and m.end == token.start), None)
        if conferrer is not None:   # “X”做法被总局列为典型案例: the agency confers, X receives
            sources = [m for m in self._subjects_before(scan, conferrer.start - 1, mentions, types=(
                "Region", "Organization", "Pilot", "Initiative", "Platform", "Event", "Document"))]
        clause_start, _ = scan.clause_of(token.start)
        bare_cue = not scan.text[clause_start:token.start].strip(" 并也还均已又先后曾")
        collective = any(_COLLECTIVE_HONOUR.search(a.name) for a in awards)
        if not sources and bare_cue and collective and self.issuer is not None:
            sources = [self.issuer]   # …，获全省…先进集体: the bureau itself
        if not sources and bare_cue and not (clause_start and scan.text[clause_start - 1] in "：:"):
            # …，获评X: the subject of the sentence, in an earlier clause (not across a colon: 取得突破：入选…)
            before = [m for m in mentions if m.end <= token.start and m.type in
                      ("Pilot", "Initiative", "Platform", "Organization")]
            if before:
                sources = [before[0]]
                if scan.text[clause_start:token.start].strip(" ").startswith("并"):
                    # …，“X”被Y吸纳，并入选Z: 并 carries on the subject of the clause just before
                    previous = scan.clause_of(clause_start - 1)[0] if clause_start else 0
                    opening = next((m for m in before if m.start >= previous), None)
                    if opening is not None and opening.start <= previous + 1:
                        sources = [opening]
        for award in awards:
            for source in sources:
                out.append(("RECOGNIZED_AS", source, award))

    def _promoted(self, scan, token, mentions, out) -> None:
        word = token.value
        if word in ("@", "<"):
            if word == "@":   # 复制推广到 德阳、眉山
                targets = []
                for m in mentions:
                    if m.start >= token.end and m.type == "Region" and _between_ok(
                            scan.text, targets[-1].end if targets else token.end, m.start):
                        targets.append(m)
                if not targets:   # 推广至全省 / 推广到6个地市
                    scope = self._scope_after(scan.text, token.end)
                    targets = [scope] if scope is not None else []
            else:             # 在 <region> 推开
                targets = [m for m in mentions if m.type == "Region" and m.end <= token.start
                           and _SCOPE_GAP.fullmatch(scan.text, m.end, token.start)
                           and scan.text[m.start - 1:m.start] == "在"]   # 在佛山全面铺开
                if not targets:   # 在全省11个设区市全面推广, 在全国落地推广: the scope word names the target
                    found = _SCOPE_BEFORE.search(scan.text, max(0, token.start - 16), token.start)
                    scope = self.scope(found.group(1)) if found else None
                    if scope is not None:
                        self.scopes.append(scope)
                        targets = [scope]
                if not targets:   # 被省局发文推广: the agency's own scope
                    scope = self._scope_of_agency(scan, token, mentions)
                    targets = [scope] if scope is not None else []
            if not targets:
                return
            clause_start, _ = scan.clause_of(token.start)
            sources = [m for m in mentions if clause_start <= m.start and m.end <= token.start and m.type in PROGRAMMES]
            while not sources and clause_start > 0:   # “X”改革…，相关做法被总局发文推广: the clause before
                clause_start, _ = scan.clause_of(clause_start - 1)
                sources = [m for m in mentions if clause_start <= m.start and m.end <= token.start
                           and m.type in PROGRAMMES]
            for source in _spread(scan.text, sources):
                for target in targets:
                    out.append(("PROMOTED_TO", source, target))
            return
        if word == "?":
            clause_start, clause_end = scan.clause_of(token.start)
            found = _SCOPE_WORD.search(scan.text, clause_start, clause_end)
            if not found:   # 复制推广 X 至 甲、乙
                to = re.compile(r"[至到]").search(scan.text, token.end, clause_end)
                if to is None:
                    return
                targets = []
                for m in mentions:
                    if m.start >= to.end() and m.type == "Region" and _between_ok(
                            scan.text, targets[-1].end if targets else to.end(), m.start):
                        targets.append(m)
                sources = [m for m in mentions if clause_start <= m.start and m.end <= to.start()
                           and m.type in PROGRAMMES]
                for source in _spread(scan.text, sources):
                    for target in targets:
                        out.append(("PROMOTED_TO", source, target))
                return
            word = found.group()
        named = next((m for m in mentions if m.type == "Region" and m.end == token.start and word != "全国"
                      and scan.text[m.start - 1:m.start] == "在"), None)   # 在绍兴全市推开: the named region
        target = named if named is not None else self.scope(word)
        if target is None:
            return
        if named is None:
            self.scopes.append(target)
        # 全省推广“X”: the programme named right after the cue
        sources: list[Mention] = []
        lead = token.end + 2 if scan.text[token.end:token.end + 2] in _OWN_REGION else token.end   # 全省推广我市“X”
        for m in mentions:
            if m.type in PROGRAMMES and m.start >= token.end and _between_ok(
                    scan.text, sources[-1].end if sources else lead, m.start):
                sources.append(m)
            elif m.start >= token.end and not sources and m.type in ("Region", "Agency") \
                    and _between_ok(scan.text, token.end, m.start):
                continue   # 全省推广我市“X”经验: the owner named before the programme
            elif m.start >= token.end:
                break
        pos = token.start
        while pos > 0 and not sources:
            clause_start, _ = scan.clause_of(pos - 1 if pos == token.start and False else pos)
            sources = [m for m in mentions if clause_start <= m.start and m.end <= pos and m.type in PROGRAMMES]
            if clause_start == 0:
                break
            pos = clause_start - 1
        for source in _spread(scan.text, sources):
            out.append(("PROMOTED_TO", source, target))

    def _scope_after(self, text: str, pos: int) -> Mention | None:
        """The scope named right after 推广至/推广到: 全省/全国/全市, or N个地市 (the province), N个县区 (the city)."""
        found = _SCOPE_AFTER.match(text, pos)
        if found is None:
            return None
        word = found.group(1) or ("全省" if found.group(2) else "全市")
        target = self.scope(word)
        if target is not None:
            self.scopes.append(target)
        return target

    def _scope_of_agency(self, scan, token, mentions) -> Mention | None:
        """被 <agency> (发文) 推广: the scope of the agency's level (总局 → 全国, 省局 → 全省, 市局 → 全市)."""
        for m in mentions:
            if m.type == "Agency" and m.end <= token.start and scan.text[m.start - 1:m.start] == "被" \
                    and _AGENCY_GAP.fullmatch(scan.text, m.end, token.start):
                word = {"national": "全国", "province": "全省", "city": "全市"}.get(m.level or "")
                target = self.scope(word) if word else None
                if target is not None:
                    self.scopes.append(target)
                return target
        return None

    def _nearest_programme_before(self, scan, pos, mentions, *, whole_sentence=True) -> Mention | None:
        clause_start, _ = scan.clause_of(pos)
        lo = 0 if whole_sentence else clause_start
        before = [m for m in mentions if lo <= m.start and m.end <= pos and m.type in PROGRAMMES]
        in_clause = [m for m in before if m.start >= clause_start]
        if in_clause:
            return in_clause[-1]
        return before[-1] if before else None

    def _absorbed(self, scan, token, mentions, out) -> None:
        if token.word == "吸纳":
            return  # handled from 被
        if token.word == "被":
            _, clause_end = scan.clause_of(token.start)
            closing = next((t for t in scan.tokens if t.start > token.end and t.start < clause_end
                            and t.word in ("吸纳", "纳入", "接入", "采纳", "整合")), None)
            if closing is None:
                return
            targets = [m for m in mentions if token.end <= m.start and m.end <= closing.start and m.type == "Platform"]
        else:
            targets = [m for m in self._after(scan, token, mentions, ("Platform",))][:1]
        if not targets:
            return
        clause_start, _ = scan.clause_of(token.start)
        if token.word != "被" and not any(m.type in PROGRAMMES and clause_start <= m.start and m.end <= token.start
                                         for m in mentions):
            # P上线M，全面接入X: the sentence's subject platform is what connects
            opening = next((m for m in mentions if m.start <= 2 and m.type in ("Platform", "Initiative")), None)
            upgrade = next((t for t in reversed(scan.tokens) if t.value == "SUCCEEDS" and t.word not in ("由", "向")
                            and t.end <= token.start), None)
            upgraded = next((m for m in mentions if upgrade is not None and upgrade.end <= m.start <= upgrade.end + 1
                             and m.type in ("Platform", "Initiative")), None)
            if opening is not None and upgraded is not None:
                opening = upgraded   # P升级为P2.0，接入X: what connects is the new version
            if opening is not None:
                for target in targets:
                    out.append(("ABSORBED_INTO", opening, target))
                return
        source = self._nearest_programme_before(scan, token.start, mentions)
        if source is not None:
            for target in targets:
                out.append(("ABSORBED_INTO", source, target))

    def _located(self, scan, token, mentions, out) -> None:
        region = max((m for m in mentions if m.type == "Region" and token.end <= m.start <= token.end + 1),
                     key=lambda m: m.end - m.start, default=None)
        if region is None:
            return
        clause_start, clause_end = scan.clause_of(token.start)
        sources = [m for m in mentions if clause_start <= m.start and m.end <= token.start
                   and m.type in ("Organization", "Pilot", "Platform", "Event", "Initiative", "Agency")]
        if not sources and scan.text.startswith("的", region.end):   # 位于 Y 的 X
            sources = [m for m in mentions if region.end < m.start and m.end <= clause_end
                       and m.type in ("Organization", "Pilot", "Platform", "Event")][:1]
        for source in sources[-3:]:
            out.append(("LOCATED_IN", source, region))

    def _modules(self, scan, mentions, out) -> None:
        """平台 P 上线 “M”: the module M is taken into the platform P."""
        for token in scan.tokens:
            if token.word != "上线":
                continue
            platform = next((m for m in mentions if m.type == "Platform" and m.end == token.start), None)
            module = next((m for m in mentions if m.type in PROGRAMMES and token.end <= m.start <= token.end + 1), None)
            if platform is not None and module is not None:
                out.append(("ABSORBED_INTO", module, platform))

    def _region_builds(self, scan, mentions, out) -> None:
        """<Region> 建设/建成 <organisation>: the organisation is located there."""
        for token in scan.tokens:
            if token.word not in ("建设", "建成", "获批建设", "获批", "设立", "组建", "成立"):
                continue
            region = next((m for m in mentions if m.type == "Region" and m.end == token.start), None)
            if region is None:
                continue
            _, clause_end = scan.clause_of(token.start)
            for m in mentions:
                if token.end <= m.start and m.end <= clause_end and m.type == "Organization":
                    out.append(("LOCATED_IN", m, region))
                    break

    def _located_at(self, scan, token, mentions, out) -> None:
        """在 <Region> 召开/举办/举行/建成/落地/设立 …: what is held or built there is located there."""
        region = next((m for m in mentions if m.type == "Region" and m.start == token.end), None)
        if region is None:
            return
        rest = scan.text[region.end:region.end + 16]
        venue = _VENUE.match(rest)   # 在合肥滨湖国际会展中心开幕: a venue in the region
        if not _HELD_OR_BUILT.match(rest) and not (venue and _HELD_OR_BUILT.match(rest, venue.end())):
            return
        clause_start, clause_end = scan.clause_of(token.start)
        sources = [m for m in mentions if clause_start <= m.start and m.end <= token.start
                   and m.type in ("Organization", "Pilot", "Platform", "Event")]
        if not sources:
            sources = [m for m in mentions if region.end < m.start and m.end <= clause_end
                       and m.type in ("Organization", "Pilot", "Platform", "Event")][:1]
        for source in sources:
            out.append(("LOCATED_IN", source, region))

    def _participates(self, scan, token, mentions, out) -> None:
        if any(m.start <= token.start < m.end for m in mentions):
            return   # 协同智治监管平台: the word is part of a name
        targets = self._after(scan, token, mentions, ("Pilot", "Initiative", "Event"), stop_at_cue=False)
        if not targets and token.word in ("参加", "参与"):
            clause_start, clause_end = scan.clause_of(token.start)
            if not scan.text[token.end:clause_end].strip(" 。；;，,"):
                # 举办X大会，组织甲、乙等企业参加: they take part in the event named before
                events = [m for m in mentions if m.end <= clause_start and m.type == "Event"]
                parties = self._subjects_before(scan, token.start, mentions, types=("Organization",))
                for event in events[-1:]:
                    for party in parties:
                        out.append(("PARTICIPATES_IN", party, event))
            return
        if not targets:
            return
        sources = self._subject(scan, token.start, mentions)
        if token.word in ("参加", "参与") and sources == [self.issuer] and self.issuer is not None \
                and _UNNAMED_PARTIES.search(scan.text, max(scan.clause_of(token.start)[0], token.start - 8), token.start):
            return   # 组织区内企业参加X, 省内企业组团参加X: unnamed parties take part, not the issuer
        if token.word in ("联合", "协同", "会同"):   # 联合/会同 X 开展 Y: the subject runs Y (see _runs), X takes part
            partners = _most_specific([m for m in mentions if token.end <= m.start < targets[0].start
                                       and m.type in ACTORS])
            if not partners:
                verb = scan.by_start.get(token.end)
                if token.word in ("协同", "会同") or verb is None or verb.value != "RUNS":
                    return
                # 甲与乙联合推进Y: both take part in a joint programme
                clause_start, _ = scan.clause_of(token.start)
                before = [m for m in mentions if clause_start <= m.start and m.end <= token.start and m.type in ACTORS]
                partners = []
                for m in reversed(before):
                    gap = scan.text[m.end:partners[-1].start if partners else token.start]
                    if gap.strip(" ") and not (partners and _PARTNER_JOIN.fullmatch(gap) or gap in ("与", "和", "及")):
                        break
                    partners.append(m)
                partners = _most_specific(partners[::-1]) or sources
                sources = []
            for target in targets[:3]:
                if target.type == "Event":   # 联合 X 举办 <event>: the subject takes part in it too
                    for source in sources:
                        out.append(("PARTICIPATES_IN", source, target))
            sources = partners
        for target in targets[:3]:
            for source in sources:
                out.append(("PARTICIPATES_IN", source, target))

    def _with(self, scan, token, mentions, out) -> None:
        """与 X <verb> Y: with an implicit subject, the issuer and X take part in Y."""
        clause_start, _ = scan.clause_of(token.start)
        if any(m.type in ACTORS and clause_start <= m.start and m.end <= token.start for m in mentions):
            return   # X与Y开展Z: both run it (see _runs)
        partners = []
        for m in mentions:
            if m.start < token.end or m.type not in ACTORS:
                continue
            if _between_ok(scan.text, partners[-1].end if partners else token.end, m.start):
                partners.append(m)
            else:
                break
        if not partners:
            return
        targets = [m for m in self._after(scan, token, mentions, ("Pilot", "Initiative", "Event"), stop_at_cue=False)
                   if m.start >= partners[-1].end][:2]
        for target in targets:
            # 与X建立/开展Y: the issuer runs Y (see _runs) and X takes part; 与X实现Y: both take part
            runs = any(t.kind == CUE and t.value == "RUNS" and partners[-1].end <= t.start and t.end <= target.start
                       for t in scan.tokens)
            sources = ([self.issuer] if self.issuer is not None and not runs else []) + _most_specific(partners)
            for source in sources:
                out.append(("PARTICIPATES_IN", source, target))

    def _takes_part_at(self, scan, token, mentions, out) -> None:
        """在 <event> 上/中 …: the subject took part in the event."""
        _, clause_end = scan.clause_of(token.start)
        events = [m for m in mentions if token.end <= m.start and m.end <= clause_end and m.type == "Event"]
        if not events or not _ON_OR_IN.match(scan.text[events[-1].end:events[-1].end + 1] or "x") \
                and "等活动中" not in scan.text[events[-1].end:events[-1].end + 6]:
            return
        rest = scan.text[events[-1].end + 1:].strip(" 。，,；;")
        if not rest or rest.startswith("的"):
            return   # a dateline (……在X会议上), or someone else's words (在X上的讲话)
        for source in self._subject(scan, token.start, mentions):
            for event in events:
                out.append(("PARTICIPATES_IN", source, event))

    def _succeeds(self, scan, token, mentions, out) -> None:
        text = scan.text
        if token.word == "由":
            later = next((t for t in scan.tokens if t.word == "向" and t.start > token.end), None)
            if later is None:
                return
            earlier_m = [m for m in mentions if token.end <= m.start and m.end <= later.start and m.type in PROGRAMMES]
            if not earlier_m:   # X由A向B: the stages are not programmes; X is the earlier one
                before = self._nearest_programme_before(scan, token.start, mentions, whole_sentence=False)
                earlier_m = [before] if before is not None else []
            _, later_clause_end = scan.clause_of(later.start)
            later_m = [m for m in mentions if later.end <= m.start and m.type in PROGRAMMES][:1]
            if not _STAGE_VERB.search(text, later.end, later_clause_end) and not (
                    later_m and later_m[0].end <= later_clause_end and later_m[0].type in ("Platform", "Pilot")):
                return   # 由“能办”向“好办”转变: a change of manner, not a programme growing into another
            if earlier_m and later_m:
                out.append(("SUCCEEDS", later_m[0], earlier_m[-1]))
            return
        if token.word == "向":
            # “A”向“B”升级 (no 由): A is written just before 向, B just after, and a stage verb closes the clause
            clause_start, clause_end = scan.clause_of(token.start)
            if any(t.word == "由" and clause_start <= t.start < token.start for t in scan.tokens) \
                    or not _STAGE_VERB.search(text, token.end, clause_end):
                return
            earlier = [m for m in mentions if clause_start <= m.start and m.end <= token.start
                       and token.start - m.end <= 4 and m.type in PROGRAMMES]
            later_m = [m for m in mentions if token.end <= m.start <= token.end + 1 and m.type in PROGRAMMES]
            if earlier and later_m and _STAGE_VERB.search(text, later_m[0].end, min(clause_end, later_m[0].end + 8)):
                out.append(("SUCCEEDS", later_m[0], earlier[-1]))
            return
        before = self._nearest_programme_before(scan, token.start, mentions, whole_sentence=True)
        after = [m for m in mentions if token.end <= m.start <= token.end + 2 and m.type in PROGRAMMES]
        if before is not None and after:
            out.append(("SUCCEEDS", after[0], before))
        del text
