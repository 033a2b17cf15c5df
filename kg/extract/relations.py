"""Relations: trigger verbs before the names they govern, clause by clause, with the
narrator standing in for every subject the text leaves out (the genre writes '新建 3 家
重点实验室', not who built them).
"""
from __future__ import annotations

import re

from kg import vocab
from kg.extract.honours import Found, _honours
from kg.extract.mentions import Cand, _places_in
from kg.extract.tokens import _clean_name, tokenize
from kg.gazetteer import gazetteer
from kg.model import Evidence, Mention, Relation

# Patterns made of vocabulary lists, compiled once (joining a list for every clause cost
# more than matching it).
_NARRATOR_PRONOUN = re.compile("|".join(vocab.NARRATOR_PRONOUNS))
_IMPLEMENTS_TRIGGER = re.compile("^(" + "|".join(vocab.TRIGGERS["implements"]) + ")")
_ESTABLISHED_SOON_AFTER = re.compile(r"^[^，；]{0,12}?(" + "|".join(vocab.ESTABLISHED_AFTER) + ")")
_ESTABLISHED_AFTER = re.compile(r"^[^，；]{0,16}?(" + "|".join(vocab.ESTABLISHED_AFTER) + ")")
_CITE_VERB = re.compile("|".join(vocab.CITE_VERBS))

_CLAUSE_MARKS = re.compile(r"[《“（(》”）)，；;,：:]")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans between clause punctuation, punctuation inside 《》, “” and brackets aside."""
    out, pos = [], 0
    depth = 0
    for m in _CLAUSE_MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch in "《“（(":
            depth += 1
        elif ch in "》”）)":
            depth = max(0, depth - 1)
        elif depth == 0:   # a clause mark
            out.append((pos, i))
            pos = i + 1
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


def _enum_group(mentions: list[Cand], first: Cand, text: str) -> list[Cand]:
    """first and the names enumerated after it ('清华大学、华中科技大学和…')."""
    group = [first]
    idx = mentions.index(first)
    for nxt in mentions[idx + 1:]:
        gap = text[group[-1].end:nxt.start]
        if gap in ("、", "和", "及", "以及", "与", "，", "”、“", "、“", "”和") or re.fullmatch(r"[、和及与”“]{1,3}", gap):
            group.append(nxt)
        else:
            break
    return group


def _trigger_before(text: str, pos: int, clause_start: int, verbs: tuple[str, ...]) -> tuple[int, str] | None:
    """The last trigger verb between the clause start and pos."""
    seg = text[clause_start:pos]
    best = None
    for v in verbs:
        i = seg.rfind(v)
        if i >= 0 and (best is None or i > best[0]):
            best = (i, v)
    return (clause_start + best[0], best[1]) if best else None


def _groups(cms: list[Cand], text: str) -> list[list[Cand]]:
    """Enumerations in a clause: names joined by 、/和/及 (not 与, which is comitative)."""
    out: list[list[Cand]] = []
    for m in cms:
        if out:
            gap = text[out[-1][-1].end:m.start]
            if re.fullmatch(r"[、和及”“]{1,3}|以及", gap) and gap not in ("”", "“"):
                out[-1].append(m)
                continue
        out.append([m])
    return out


_PARTNER_TAIL = re.compile(r"^(等[\u3400-\u9fff]{0,8}?)?(开展|进行|加强|深化|达成|建立)?[\u3400-\u9fff]{0,4}?"
                           r"(合作|签订|签署|对接|共建|共同|联合|产学研)")
_ALL_TRIGGERS = tuple(sorted({v for vs in vocab.TRIGGERS.values() for v in vs if len(v) >= 2}))
_OTHER_VERBS = ("获得", "取得", "荣获", "参加", "参与", "入选", "成为", "认定", "评为", "通过", "得到")


_AT_THE_EVENT = re.compile(r"(?:[、和][^、，；。]{2,16}?)*上")
_EVENT_OUTCOME = re.compile(r"(?:涉[\u3400-\u9fff])?成果")
_SUPPORT_FROM = re.compile(vocab.SUPPORT_FROM)
_OVERSIGHT_SUPPORT = re.compile(vocab.OVERSIGHT_SUPPORT)
_PLACE_JOINS = re.compile("^(?:" + "|".join(vocab.PLACE_JOINS_PROGRAM) + ")")
_ESTABLISH_CUE = re.compile("|".join(vocab.ESTABLISH_CUES))
_ISSUE_CUE = re.compile("|".join(vocab.TRIGGERS["issues"] + vocab.ISSUE_CUES))
_EVENT_ATTENDED = re.compile("|".join(vocab.EVENT_ATTENDED_CUES))
_SESSION = re.compile(vocab.SESSION_PATTERN)
_FOUNDING_CUE = re.compile("|".join(vocab.FOUNDING_CUES))
_DEVELOP_CUE = re.compile("|".join(vocab.DEVELOP_CUES))
_PASSIVE = re.compile(r"由(.+?)(共同|自主|联合)?(研发生产|研制|研发|生产|开发)的([\u3400-\u9fffA-Za-z0-9（）()]+)")


def find_relations(text: str, mentions: list[Cand], narrator: str) -> list[Found]:
    """Relations in one sentence. The narrator is the agent wherever no subject is written."""
    out: list[Found] = []
    ms = list(mentions)
    if narrator:  # 我局, 我市, 本局 …: the narrator by another name
        for m in _NARRATOR_PRONOUN.finditer(text):
            if not any(c.start <= m.start() < c.end for c in ms):
                ms.append(Cand(m.start(), m.end(), narrator, "Bureau"))
    ms.sort(key=lambda c: c.start)

    governing = narrator.endswith(vocab.GOVERNMENT_NARRATORS)   # a work report's conventions

    def add(s, st, p, o, ot, elsewhere=False):
        if governing and p == "supports" and ot == "Program" and not elsewhere:
            p = "implements"   # a government that promotes its own programme carries it out
        if s and o and s != o:
            out.append(Found(s, p, o, st, ot))

    # a sentence that opens with an agent's name is about that agent (topic chain)
    topic = None
    if ms and ms[0].type in vocab.AGENT_TYPES and re.fullmatch(r"[\s“”]*", text[:ms[0].start]) \
            and text[ms[0].end:ms[0].end + 1] not in ("、", "和", "与"):
        topic = ms[0]
    coalition: list[Cand] = []
    for cs, ce in _clauses(text):
        cms = [m for m in ms if cs <= m.start and m.end <= ce]
        clause = text[cs:ce]
        subjects = [(narrator, "Bureau")]
        if topic is not None:
            subjects = [(topic.name, topic.type)]
        opener = None
        if cms and cms[0].type in vocab.AGENT_TYPES + ("Place",) and re.fullmatch(r"[\s“”]*", text[cs:cms[0].start]) \
                and text[cms[0].end:cms[0].end + 1] not in ("、", "和", "与"):
            fronted = _ESTABLISHED_SOON_AFTER.match(text[cms[0].end:ce])
            if not fronted and cms[0].type != "Place":
                opener = cms[0]
                subjects = [(opener.name, opener.type)]
        elif cms and cms[0].type in vocab.AGENT_TYPES and re.fullmatch(r"[\s“”]*", text[cs:cms[0].start]) \
                and text[cms[0].end:cms[0].end + 1] in ("与", "和"):
            # 'X 与 Y 共建 Z': the two agents act together
            joined = [cms[0]]
            for nxt in cms[1:]:
                if text[joined[-1].end:nxt.start] in ("与", "和", "、") and nxt.type in vocab.AGENT_TYPES:
                    joined.append(nxt)
                else:
                    break
            if len(joined) > 1 and not _ESTABLISHED_SOON_AFTER.match(text[joined[-1].end:ce]):
                opener = joined[0]
                subjects = [(m.name, m.type) for m in joined]
        elif coalition and _IMPLEMENTS_TRIGGER.match(clause):
            subjects = [(c.name, c.type) for c in coalition]
        coalition = []
        for m in cms:   # '提请省人大常委会审议通过…条例': the legislature passes what the government drafted
            if m.type == "Bureau" and text[m.start - 2:m.start] == "提请" and text.startswith("审议", m.end):
                for policy in (p for p in cms if p.type == "Policy" and p.start > m.end):
                    add(m.name, m.type, "issues", policy.name, policy.type)
        # support received: 在 X 的精心指导下
        for sm in (_SUPPORT_FROM.finditer(clause) if "在" in clause else ()):
            for m in cms:
                if cs + sm.start("who") <= m.start and m.end <= cs + sm.end("who") and m.type == "Bureau" \
                        and not re.search(r"(委|政府)$", m.name):
                    add(m.name, m.type, "supports", narrator, "Bureau")
        # oversight thanked: 在省人大…监督支持下, 是…有效监督、大力支持的结果
        for sm in (_OVERSIGHT_SUPPORT.finditer(text) if governing and ("监督" in clause or "支持的结果" in clause) else ()):
            who = "who" if sm.group("who") else "who2"
            for m in cms:
                if sm.start(who) <= m.start and m.end <= sm.end(who) and m.type == "Bureau":
                    add(m.name, m.type, "supports", narrator, "Bureau")
        # a division named right after the one it lies in: 惠州博罗 → 博罗县 lies in 惠州市
        for a, b in zip(cms, cms[1:]):
            if a.type == b.type == "Place" and a.end == b.start and gazetteer().lies_in(b.name, a.name):
                add(b.name, b.type, "locatedIn", a.name, a.type)
        # '省人大及其常委会': the standing committee is the congress's
        for a, b in zip(cms, cms[1:]):
            if text[a.end:b.start] == "及其" and b.name == a.name + "常委会":
                add(b.name, b.type, "affiliatedWith", a.name, a.type)
        # settled: X 落户 Y
        for a, b in zip(cms, cms[1:]):
            if b.type == "Place" and a.type in vocab.AGENT_TYPES and re.fullmatch(r"(正式|成功)?落户(在|于)?", text[a.end:b.start]):
                add(a.name, a.type, "locatedIn", b.name, b.type)
        # passive: 由 X (和 Y) …研制的 P
        passive = _PASSIVE.search(clause) if "由" in clause else None
        if passive:
            agents = [m for m in cms if cs + passive.start(1) <= m.start and m.end <= cs + passive.end(1)
                      and m.type in vocab.AGENT_TYPES]
            product = _product_name(passive.group(4))
            if product:
                for a in agents:
                    add(a.name, a.type, "develops", product, "Product")
                for i, a in enumerate(agents):
                    for b in agents[i + 1:]:
                        add(a.name, a.type, "partnersWith", b.name, b.type)
        # 与 Y 合作: the subject (or the name right before 与) partners each Y
        for m in cms:
            pre = text[max(cs, m.start - 1):m.start]
            if pre not in ("与", "同", "跟", "和") and text[max(cs, m.start - 2):m.start] not in ("携手", "联合"):
                continue
            group = next(g for g in _groups(cms, text) if m in g)
            if group[0] is not m:
                continue
            if not _PARTNER_TAIL.match(text[group[-1].end:ce]):
                continue
            left = [x for x in cms if x.end == m.start - len(pre)]
            if left and left[0].type in vocab.AGENT_TYPES and left[0] not in group:
                partners = [(left[0].name, left[0].type)]
                coalition = [left[0]] + [g for g in group if g.type in vocab.AGENT_TYPES]
            elif left and left[0].type == "Place" or not left:
                partners = subjects
            else:
                continue
            for g in group:
                if g.type in vocab.OBJECT_TYPES["partnersWith"] + ("Bureau",):
                    for s_name, s_type in partners:
                        add(s_name, s_type, "partnersWith", g.name, g.type)
        # X 和 Y 建立…: coordinated agents act together
        for i, m in enumerate(cms):
            if i + 1 < len(cms) and text[m.end:cms[i + 1].start] in ("和", "与", "、") and \
                    m.type in vocab.AGENT_TYPES and cms[i + 1].type in vocab.AGENT_TYPES and \
                    re.match(r"^(共同|联合|合作|建立|共建)", text[cms[i + 1].end:ce]) and m.type != "Bureau":
                add(m.name, m.type, "partnersWith", cms[i + 1].name, cms[i + 1].type)
        # verb-governed objects; an enumeration shares its verb
        for group in _groups(cms, text):
            head = group[0]
            if head is opener:
                continue
            fronted = _ESTABLISHED_AFTER.match(text[group[-1].end:ce])
            for pred in ("issues", "organizes", "implements", "establishes", "supports", "partnersWith"):
                members = [m for m in group if m.type in vocab.OBJECT_TYPES[pred]]
                if not members:
                    continue
                if pred == "issues":
                    if not _CITE_VERB.search(text[cs:head.start]) and _ISSUE_CUE.search(text, cs, ce):
                        for m in members:
                            for s_name, s_type in subjects:
                                add(s_name, s_type, "issues", m.name, m.type)
                    continue
                if pred == "establishes" and fronted and head.start - cs <= 12:
                    for m in members:
                        add(narrator, "Bureau", "establishes", m.name, m.type)
                    continue
                trig = _trigger_before(text, head.start, cs, vocab.TRIGGERS[pred])
                if trig is None:
                    continue
                tpos, verb = trig
                between = text[tpos + len(verb):head.start]
                for other in cms:
                    if tpos + len(verb) <= other.start and other.end <= head.start:
                        between = between.replace(text[other.start:other.end], "")
                between = re.sub(r"以?“[^”]*”为主题的|“[^”]*”|[、和及]", "", between)
                if len(between) > 16 or re.search(r"[，；。]", between) or between.startswith(("与", "同", "跟")) \
                        or any(v in between for v in _OTHER_VERBS + _ALL_TRIGGERS):
                    continue
                places_between = any(o.type == "Place" for o in cms if tpos + len(verb) <= o.start and o.end <= head.start)
                for m in members:
                    # '支持成都深化某某改革', '支持雄安新区建设': another place's programme is supported
                    elsewhere = pred == "supports" and (places_between or any(
                        p not in narrator for p in _places_in(m.name)))
                    for s_name, s_type in subjects:
                        add(s_name, s_type, pred, m.name, m.type, elsewhere)
        # honours: X 被认定为 H / 荣获 H / 名列前茅
        out.extend(_honours(text, cs, ce, cms, subjects[0][0], subjects[0][1]))
        # in a government's report, acts without a written agent belong to the subject: a
        # programme named is carried out, an event held, a document issued, a platform
        # built where the clause says so
        related = {f.object for f in out} | {f.subject for f in out}
        chosen_places = _places_chosen(text, cs, ce, cms) if governing else []
        for m in (cms if governing else ()):
            if m is opener or m.name in related:
                continue
            pred = vocab.DEFAULT_PREDICATES.get(m.type)
            if pred is None and m.type in vocab.FOUNDED_TYPES and _FOUNDING_CUE.search(text, cs, ce):
                pred = "establishes"   # '某某大学正式成立', '某某集团组建运营'
            if pred is None or (pred == "issues" and _CITE_VERB.search(text[cs:m.start])):
                continue
            if pred == "establishes" and not _ESTABLISH_CUE.search(text, cs, ce):
                continue
            if pred == "issues" and not _ISSUE_CUE.search(text, cs, ce):
                continue   # '“十四五”规划主要目标顺利完成': a plan carried out, not one issued here
            if pred == "develops" and not _DEVELOP_CUE.search(text, cs, ce):
                continue
            if pred == "organizes" and (_EVENT_ATTENDED.search(text, cs, m.start) or text.startswith("奖", m.end)
                                        or _SESSION.search(m.name) or _AT_THE_EVENT.match(text, m.end, ce)
                                        and text.rfind("在", cs, m.start) >= 0 or _EVENT_OUTCOME.match(text, m.end, ce)):
                continue   # taken part in ('在…运动会上'), its outcome carried out, or a session of the Party
            agents = [(narrator, "Bureau")] if any(name == m.name for name, _ in subjects) else subjects
            if m.type == "Program" and chosen_places:
                agents = chosen_places   # '东莞入选…试点': the place carries out the pilot
            for s_name, s_type in agents:   # what the clause is about was itself set up by the narrator
                add(s_name, s_type, pred, m.name, m.type)
    return out


def _places_chosen(text: str, cs: int, ce: int, cms: list[Cand]) -> list[tuple[str, str]]:
    """The places a clause opens with when they were chosen for a programme ('佛山、江门
    入选…试点'): they, not the narrator, carry it out."""
    places = []
    pos = cs
    for m in cms:
        if m.type != "Place" or text[pos:m.start] not in ("", "、", "和"):
            break
        places.append(m)
        pos = m.end
    if not places or not _PLACE_JOINS.match(text[pos:ce]):
        return []
    return [(p.name, p.type) for p in places]


def _product_name(tail: str) -> str | None:
    toks = tokenize(tail)
    name = ""
    for t in toks:
        if t.tag in ("p", "v", "d", "c", "uj", "ul", "u", "f", "m") and name and t.text not in ("抗",):
            break
        if t.text in ("在", "为", "进入", "连续", "随", "于", "，", "。"):
            break
        name += t.text
    name = _clean_name(name)
    return name if 2 <= len(name) <= 20 else None


def _written_as(place: str, name: str) -> tuple[str, ...]:
    """How a name writes the place it holds, where not in full ('徽州文化研究院': 徽州 for 徽州区)."""
    short = place[:-1] if len(place) >= 3 and place[-1] in "省市县区" else None
    return (short,) if short and place not in name and short in name else ()


def _nested_relations(c: Cand, ev: Evidence, doc_id: str, mentions: list[Mention],
                      province: str | None = None) -> list[Relation]:
    """Names inside names: 山西大学国家大学科技园 → 山西大学; 中科院深圳先进技术研究院 → 深圳市."""
    out = []
    if c.type == "Place" and re.search(r"(高新技术产业开发区|经济技术开发区|高新区)$", c.name):
        for place in _places_in(c.name, province):
            if place != c.name:
                mentions.append(Mention(place, "Place", doc_id, aliases=_written_as(place, c.name)))
                out.append(Relation(c.name, "locatedIn", place, ev, c.type, "Place"))
        return out
    if c.type == "Program":   # a company's project: the company carries it out
        out += [Relation(p.name, "implements", c.name, ev, p.type, c.type)
                for p in c.parts if p.type == "Enterprise"]
    if c.type in ("Place", "Policy", "Program", "Event", "Product"):
        return out
    for part in c.parts:
        if part.type in vocab.PARENT_TYPES and part.start == c.start:
            out.append(Relation(c.name, "affiliatedWith", part.name, ev, c.type, part.type))
    places = _places_in(c.name, province)
    if not places and c.type == "Enterprise" and province and vocab.PROVINCE_BY_ABBREVIATION.get(c.name[0]) == province:
        places = (province,)   # '皖维集团' in Anhui's report: the province's company by its one-character name
    for place in places:
        mentions.append(Mention(place, "Place", doc_id, aliases=_written_as(place, c.name)))
        out.append(Relation(c.name, "locatedIn", place, ev, c.type, "Place"))
    return out
