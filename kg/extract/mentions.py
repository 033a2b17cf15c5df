"""Mentions: names found by the type cue that ends them (大学, 有限公司, 重点实验室 …), by
quotation marks and title marks, by lists, and places from jieba's dictionary as gazetteer.

Each rule proposes candidates on its own; overlaps are settled once, the longest name
keeping the names inside it as its parts.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg import vocab
from kg.extract.frames import clause_frames
from kg.extract.register import _COUNTED_KIND, _alternation, register_names
from kg.extract.tokens import Tok, _clean_name, lexicon, looks_like_name as _looks_like_name, tokenize
from kg.gazetteer import gazetteer

_CJK = re.compile(r"[\u3400-\u9fff]")
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·\-（）()]")
_NAME_WORD = re.compile(_NAME_CHAR.pattern + "*")
_PUNCT = set("，。；：！？、“”‘’《》（）()【】,;:!?\"' \n")

_PROVINCE_NAMES = frozenset(vocab.PROVINCES.values())
_IMPLEMENT_VERB_BEFORE = re.compile("(" + "|".join(v for v in vocab.IMPLEMENT_VERBS if v != "推进") + ")$")


def place_form(word: str, in_name: bool = False) -> str | None:
    """The canonical form of a place word ('山西' → '山西省', '杭州' → '杭州市'), or None."""
    form = _place_form(word, in_name)
    return None if form in vocab.NON_PLACES else form


@lru_cache(maxsize=4096)
def _place_form(word: str, in_name: bool = False) -> str | None:
    """The canonical form of a place word, using jieba's dictionary as the gazetteer.

    '山西' → '山西省', '深圳' → '深圳市', '运城市' → '运城市'; None when not a place."""
    is_place = lexicon().is_place
    if len(word) < 2 or word in vocab.NON_PLACES or word[0] in "各全本该每" or word in vocab.BILATERAL:
        return None   # '中非合作' is China and Africa, not the Central African Republic
    if word in vocab.PROVINCES:
        return vocab.PROVINCES[word]
    gazetteer_place = gazetteer().lookup(word)
    if gazetteer_place is not None:
        return gazetteer_place.name
    if word in gazetteer().by_short:
        return None   # a county's short form: a place only in its own province's report
    if word in _PROVINCE_NAMES:
        return word
    if len(word) == 2 and word.endswith("州") and is_place(word):
        return word + "市"  # 杭州, 亳州: a prefecture-level city named without its 市
    if word.endswith(("省", "市", "县", "区", "州", "盟", "旗")) and is_place(word):
        return word
    if word.endswith("流域") and len(word) >= 4:
        return word
    if len(word) == 2 and word[-1] in "区市国" and not is_place(word):
        return None
    if is_place(word):
        # a bare word like 平原 or 滨海 is a county only where a name makes it one
        for suffix in (("市", "县") if in_name else ("市",)):
            if is_place(word + suffix):
                return word + suffix
    if word.endswith("国") and is_place(word):
        return word
    return None


def _tok_index_at(toks: list[Tok], char: int) -> int:
    """The token holding the character (the last token when none does)."""
    i = bisect_right(toks, char, key=_start_of) - 1
    if 0 <= i < len(toks) and toks[i].start <= char < toks[i].end:
        return i
    return len(toks) - 1


def _start_of(tok: Tok) -> int:
    return tok.start


def _is_stop(tok: Tok, prev: Tok | None = None) -> bool:
    w = tok.text
    if w in ("（", "）", "(", ")", "“", "”"):
        return False  # '中国（洛阳）创新创业大赛', '“一带一路”科技交流大会'
    if w == "级" and prev is not None and prev.text[-1:].isascii() and prev.text[-1:].isalpha():
        return False  # 'A级旅游景区': a grade is part of the name
    if w in ("—", "-", "－") and prev is not None and prev.tag == "ns":
        return False  # '中国—中亚峰会', '某某-中关村科技园': places joined by a dash open one name
    if w in vocab.PROVINCE_NICKNAMES or w in vocab.REGION_ALIASES:
        return False  # '首都国际会展中心': a place's other name opens names, whatever its tag
    if w in vocab.LEFT_STOP_WORDS:
        # a verb that also sits inside names continues one after a noun
        return not (w in vocab.SOFT_STOP_WORDS and prev is not None and prev.tag[:1] in ("n", "v", "j")
                    and prev.text not in vocab.LEFT_STOP_WORDS and _NAME_CHAR.match(prev.text[-1]))
    if tok.tag == "t" and w in vocab.NAME_TIME_WORDS:
        return False
    if tok.tag == "f" and len(w) == 2 and w.endswith("部"):
        return False
    if w == "中" and prev is not None and prev.tag == "ns":
        return False  # '河南中光学集团': after a place, 中 opens a name, it is no locative
    if not _NAME_WORD.fullmatch(w):
        return True
    if tok.tag in vocab.LEFT_STOP_TAGS:
        # a rare word the dictionary files as an adverb ('陆相') is a name part, not an adverb
        return not (tok.tag == "d" and lexicon().is_rare(tok))
    if tok.tag == "m" and not w.startswith("第"):
        return True
    if tok.tag in ("m", "mq") and re.match(r"^[0-9.]+", w):
        return True
    return False


def _ends_with_cue(text: str) -> str | None:
    """The type whose cue ends the text (the first type in vocab order, as a name's head)."""
    if not text.endswith(_NAME_CUES):
        return None
    found = [_CUE_TYPE_RANK[text[-n:]] for n in range(1, min(_LONGEST_CUE, len(text) - 1) + 1)
             if text[-n:] in _CUE_TYPE_RANK]
    return _NAME_CUES_BY_TYPE[min(found)][0] if found else None


# the cues of the named types (places aside), by type in vocab order, and all of them
_NAME_CUES_BY_TYPE = tuple((typ, tuple(sufs)) for typ, sufs in vocab.TYPE_SUFFIXES.items() if typ != "Place")
_NAME_CUES = tuple(c for _, sufs in _NAME_CUES_BY_TYPE for c in sufs)
# each cue with the rank of the first type it belongs to: the lowest rank among the cues
# ending a text gives its type
_CUE_TYPE_RANK: dict[str, int] = {}
for _rank, (_, _sufs) in enumerate(_NAME_CUES_BY_TYPE):
    for _cue in _sufs:
        _CUE_TYPE_RANK.setdefault(_cue, _rank)
_LONGEST_CUE = max(map(len, _CUE_TYPE_RANK))


def _left_edge(toks: list[Tok], k: int, text: str) -> int:
    """Index of the first token of a name whose head token is toks[k]."""
    i = k - 1
    while i >= 0 and not _is_stop(toks[i], toks[i - 1] if i else None):
        if toks[i].text in vocab.SOFT_STOP_WORDS and i and _ends_with_cue(text[:toks[i - 1].end]):
            break  # '…大学共建…实验室': a verb after a full name ends the next one
        i -= 1
    first = i + 1
    # a name may hold 与/和 ("新能源汽车集成与节能山西省重点实验室") when what stands before
    # the conjunction is a bare noun phrase opening the clause, not a name of its own
    if i >= 1 and toks[i].text in ("与", "和") and first < k + 1:
        j = i - 1
        if not _is_stop(toks[j], toks[j - 1] if j else None) and toks[j].tag != "ns" and not _ends_with_cue(text[:toks[j].end]) \
                and not toks[j].text.endswith(vocab.TYPE_SUFFIXES["Place"]) \
                and place_form(toks[j].text) is None:
            while j >= 0 and not _is_stop(toks[j], toks[j - 1] if j else None):
                j -= 1
            if (j < 0 or toks[j].text in _PUNCT or toks[j].text in ("获得", "荣获")) and (i - 1 - j) >= 1 \
                    and not any(_ends_with_cue(t.text) for t in toks[j + 1:i]):
                return j + 1
    return first


def _generic(name: str, cue: str) -> bool:
    """True when the name is a category ('省级重点实验室', '技术创新中心 12 家'), not one thing's name.

    A name made only of generic words is a category when it carries a level or
    quantity word; without one ('科技创新服务中心') it names the unit the text sets up.
    """
    rest = name[: len(name) - len(cue)] if name.endswith(cue) else name
    if not rest:
        return True
    seen: list[str] = []
    pos = 0
    while pos < len(rest):
        m = _GENERIC_WORD.match(rest, pos)
        if not m or m.end() == pos:
            return False
        seen.append(m.group(0))
        pos = m.end()
    return any(w in vocab.LEVEL_WORDS for w in seen) or len(seen) <= 1


def _city_stem(stem: str) -> str | None:
    """'长治' → '长治市' when the dictionary knows the city, whatever it tags the bare word."""
    return stem + "市" if len(stem) >= 2 and lexicon().is_place(stem + "市") else None


def _government_name(name: str, cue: str) -> str | None:
    """The longest tail of `name` that is (中共)(a place)(省/市/县/区)+cue: '谨代表北京市人民政府' → 北京市人民政府."""
    for i in range(len(name) - len(cue) + 1):
        tail = name[i:]
        m = re.fullmatch(r"(中共)?(.*?)(省|市|县|区|自治区)?(人民政府|政府|委)", tail)
        if not m:
            continue
        stem = (m.group(2) or "") + (m.group(3) or "")
        if not stem:
            return None
        if len(stem) == 1 or place_form(stem) or place_form(m.group(2) or "") or stem in vocab.PROVINCES:
            return tail
    return None


_STOP_VERBS = tuple(w for w in vocab.LEFT_STOP_WORDS if len(w) >= 2)


def _past_leading_verbs(toks: list[Tok], start: int, head: int) -> int:
    """Where a programme's name begins once the verbs and manner words that open the span
    are set aside ('高质量完成国企改革' → 国企改革, '推动花园城市建设' → 花园城市建设)."""
    inside = [t for t in toks if start <= t.start and t.end < head]
    for i, t in enumerate(inside):
        if t.start != start:
            break
        if t.text in vocab.PROVINCE_NICKNAMES or t.text in vocab.REGION_ALIASES:
            break
        if lexicon().is_rare(t):
            break   # '陆相…': a rare word is the name's own
        if t.tag in ("d", "ad") or t.text in vocab.LEFT_STOP_WORDS or t.text in vocab.MANNER_WORDS \
                or (t.tag in ("l", "v", "vd") and t.text.endswith(_STOP_VERBS)):
            start = t.end
        else:
            break
    return start


def _weak_cue_named(text: str, start: int, name: str, cue: str) -> bool:
    """A common programme word ('改革', '试点', '行动') closes a name when a clause opens
    with it or a verb stands before it, and what it closes is more than generic words:
    '接诉即办改革深入推进' names a programme; '的改革', '平台建设' do not."""
    rest = name[: -len(cue)]
    if cue not in vocab.NAMING_PROGRAM_CUES or len(rest) < 3 or _generic(name, cue) or _generic_kind(rest) \
            or (rest.endswith(tuple(_KIND_NOUNS)) and place_form(tokenize(rest)[0].text) is None):
        return False   # '综合改革试点' is a kind; '某市综合改革试点' one of them
    if len(name) > vocab.LONGEST_PROGRAM_NAME or any(
            t.text in vocab.LEFT_STOP_WORDS and t.text not in vocab.SOFT_STOP_WORDS for t in tokenize(rest)):
        return False   # '要对所有事项实行某某改革': a verb inside is a clause, not a name
    before = text[:start]
    return not before or before[-1] in "，；：。、（" or before.endswith(_STOP_VERBS)


@lru_cache(maxsize=1 << 14)
def _generic_kind(item: str) -> bool:
    """'企业技术中心', '新型研发机构': a kind of thing, made of generic words and a kind noun."""
    rest, before = item, None
    while rest != before:   # what a removal joins may be a generic word too
        before, rest = rest, _GENERIC_WORD.sub("", rest)
    return not rest or rest in _KIND_NOUNS


# the generic words longest first, so that a longer one is taken before its prefix, and the
# longest of them at a position (alternatives are tried in order)
_GENERIC_WORDS = tuple(sorted(vocab.GENERIC_WORDS, key=len, reverse=True))
_GENERIC_WORD = re.compile("|".join(map(re.escape, _GENERIC_WORDS)))
_KIND_NOUNS = frozenset({s for sufs in vocab.TYPE_SUFFIXES.values() for s in sufs} | {"中心", "机构", "平台", "载体"})


def _occurrences(word: str, text: str):
    """Non-overlapping occurrences of a literal word; most sentences hold none."""
    return re.finditer(re.escape(word), text) if word in text else ()


@dataclass
class Cand:
    start: int
    end: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    parts: tuple["Cand", ...] = ()   # nested names inside this one (places, parent orgs)
    enumerated: bool = False


@lru_cache(maxsize=1)
def _cue_index() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every type cue, matched on the reversed text so that the first
    alternative at a position is the longest cue ending there."""
    types: dict[str, str] = {}
    for typ, sufs in vocab.TYPE_SUFFIXES.items():
        if typ == "Place":
            continue
        for cue in sufs:
            types.setdefault(cue, typ)
    for cue in vocab.LANDMARK_CUES:   # parks, sites and quarters: places named by what they are
        types.setdefault(cue, "Place")
    return re.compile(f"(?=({_trie_pattern(c[::-1] for c in types)}))"), types


def _trie_pattern(words) -> str:
    """A regex matching the longest of `words` at a position, written as a trie so that the
    engine tests one branch per character instead of every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        options = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not options:
            return ""
        if "" in node:  # a word ends here: going on is optional, and tried first
            return "(?:" + "|".join(options) + ")?"
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return branch(trie)


def _cue_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, cue) of every type cue, the longest one at each end position."""
    pattern, types = _cue_index()
    n = len(text)
    spans = []
    for m in pattern.finditer(text[::-1]):
        cue = m.group(1)[::-1]
        end = n - m.start()
        spans.append((end - len(cue), end, types[cue], cue))
    return sorted(spans)


@lru_cache(maxsize=None)
def _longer_cues(cue: str) -> tuple[str, ...]:
    """Cues that begin with this one and go on ('产业园' → '产业园区')."""
    _, types = _cue_index()
    return tuple(c for c in types if c != cue and c.startswith(cue))


_BOOK_TITLE = re.compile(r"《[^《》]*》")
_TITLE_TEXT = re.compile(r"《([^《》]{2,80})》")
_QUOTED_TEXT = re.compile(r"“([^“”]{2,24})”")
_ZONE_NAME = re.compile(r"[\u3400-\u9fff]{2,6}(高新技术产业开发区|经济技术开发区|高新区)")
_STREET_LIST = re.compile(r"(?:[\u3400-\u9fff]{2,5}?(?:大街|街|大道|路)、)+(?:[\u3400-\u9fff]{2,5}?(?:大街|街|大道|路))")
_PROVINCES_BY_REGION = re.compile(r"(东部|中部|西部|东北|华北|华东|华南|华中|西南|西北)[一二三四五六七八九十]+省")


def _protected(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)] if "《" in text else []


def _inside(spans, a, b) -> bool:
    return any(s <= a and b <= e and (s, e) != (a, b) for s, e in spans)


_REGIONS_BY_FORM = tuple(sorted({**{r: r for r in vocab.NAMED_REGIONS}, **vocab.REGION_ALIASES}.items(),
                                 key=lambda kv: -len(kv[0])))


_NEW_AREA_PREFIX = re.compile(r"[\u3400-\u9fff]{2}新区")
_PARTY_COMMITTEE = re.compile(r"(?:中共)?([\u3400-\u9fff]{2,8}?[省市县区])委")


@lru_cache(maxsize=1 << 14)
def _places_in(name: str, province: str | None = None) -> tuple[str, ...]:
    """Places written into a name: 太原市小店区科学技术局 → 太原市, 小店区; 山西大学 → 山西省;
    in a report about 陕西省, 富平园区 → 富平县 (a county by its short form, in its province).
    Cached: a name comes back in sentence after sentence."""
    found: list[str] = []
    toks = tokenize(name)
    if toks and place_form(toks[0].text) is None:
        for n in (3, 2):
            p = place_form(name[:n]) if len(name) > n + 1 else None
            if p and (name[:n] in vocab.PROVINCES or lexicon().is_place(name[:n])):
                found.append(p)
                break
    for region, canonical in _REGIONS_BY_FORM:
        at = name.find(region)
        if at >= 0 and len(name) > at + len(region) + 1:
            found.append(canonical)   # '(广州南沙)大湾区文化体育中心' lies in 粤港澳大湾区
            break
    new_area = _NEW_AREA_PREFIX.match(name)
    if new_area and new_area.group(0) != name:
        found.append(new_area.group(0))   # '雄安新区中关村科技园' lies in 雄安新区
    committee = _PARTY_COMMITTEE.fullmatch(name)
    if committee and place_form(committee.group(1)):
        found.append(place_form(committee.group(1)))   # '中共北京市委' is 北京市's
    for t in toks:
        if t.tag == "ns" and t.text.endswith(vocab.NATURAL_PLACE_ENDINGS) and len(t.text) >= 2 \
                and t.text not in vocab.COMMON_NATURAL_WORDS and gazetteer().lookup(t.text, province) is None \
                and 0 < t.start and t.end < len(name):
            found.append(t.text)   # '某某海河实验室': a river named inside a name ('皖江集团' is the province's)
            continue
        if t.tag != "ns" and t.text not in vocab.PROVINCES and not t.text.endswith(("省", "市", "县", "区")) \
                and gazetteer().lookup(t.text, province) is None:
            continue
        own = gazetteer().lookup(t.text, province) if province and t.text not in vocab.COMMON_PLACE_WORDS else None
        p = place_form(t.text, in_name=True) or (own.name if own is not None and own.level == "county" else None)
        if p and p != name:
            found.append(p)
    zone = re.match(r"^(.{2,10}?(高新技术产业开发区|经济技术开发区|高新区))", name)
    if zone and zone.group(1) != name and all(
            place_form(t.text, in_name=True) or _city_stem(t.text) or (t.tag == "ns" and t.text not in vocab.NON_PLACES)
            for t in tokenize(zone.group(1)[: -len(zone.group(2))])):
        z = zone.group(1)
        stem = z[: -len(zone.group(2))]
        city = _city_stem(stem) or place_form(stem)
        if city:
            found.append(city)
        found = [p for p in found if not (p.endswith("区") and p[:-1] in z and p != z)] + [z]
    out = []
    for p in found:
        if p not in out:
            out.append(p)
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _is_category(name: str) -> bool:
    return _generic(name, "") or _generic_kind(name)


def _crosses(c: Cand, others: list[Cand]) -> bool:
    """Whether a name overlaps another without either holding the other."""
    return any(c.start < o.end and o.start < c.end and not (c.start <= o.start and o.end <= c.end)
               and not (o.start <= c.start and c.end <= o.end) for o in others)


_NATIONAL_NAME = re.compile("|".join(map(re.escape, [*vocab.NATIONAL_BODIES, *(
    short for short, full in vocab.SHORT_FORMS.items() if full in vocab.NATIONAL_BODIES)])))


def find_mentions(text: str, toks: list[Tok], province: str | None = None) -> list[Cand]:
    """Named entities in one sentence, with nested parts; generic category nouns dropped.
    `province` is the one the text is about: its counties are named by short forms.

    Each rule proposes names on its own; where they overlap the longest wins (the order
    of the rules breaks ties)."""
    protected = _protected(text)
    titles = _titles(text)
    cands = titles + _quoted_names(text, protected)
    cands += _cued_names(text, toks, protected, titles)
    cands += _national_bodies(text)
    cands += _enumerated_names(text, toks)
    cands += _places(text, toks)
    cands += _listed_places(text, toks)
    cands += _unmarked_list_items(text, cands)
    cands += [Cand(*span) for span in register_names(text, toks, province, _ends_with_cue)]
    cands += [f for f in (Cand(*s) for s in clause_frames(text, _ends_with_cue, _is_category)) if not _crosses(f, cands)]
    cands += _list_mates(text, cands)
    cands = [_with_own_level(c, province) for c in cands if not _names_a_goal(text, c) and c.name not in vocab.FORMULAS
             and not _carried_out_event(text, c)]
    return [_finished(text, toks, c) for c in _resolve_overlaps(_without_honour_titles(text, cands))]


def _finished(text: str, toks: list[Tok], c: Cand) -> Cand:
    """A kept name, its edges, type, aliases and parts settled in this order: the verb that
    governs it and what is said of it cut off, the platform built named, an activity an
    event, a campus its university's, its shorter forms aliases, a bracketed part joined,
    the company that owns it found."""
    c = _without_leading_verbs(text, toks, c)
    c = _without_first_of_kind(c)
    c = _platform_built(c)
    c = _occasion_or_campaign(c)
    c = _campus_of_university(c)
    c = _same_thing_named_shorter(c)
    c = _with_bracketed_part(text, c)
    return _with_owner(text, toks, c)


_CAMPAIGN_MARK = re.compile(f"(?:{'|'.join(vocab.CAMPAIGN_ACTIVITY_MARKS)})")


def _campus_of_university(c: Cand) -> Cand:
    """'某某大学某某校区' is the university's, named by its campus."""
    if c.type == "Platform" and _CAMPUS.fullmatch(c.name):
        return Cand(c.start, c.end, c.name, "University", c.aliases, c.parts, c.enumerated)
    return c


_CAMPUS = re.compile(r".{2,12}(?:大学|学院).{1,4}校区")


def _occasion_or_campaign(c: Cand) -> Cand:
    """An activity is an event, one occasion ('某某植树活动', '某某纪念活动', a '…周' or '…之夜'),
    unless its name says it runs as a campaign ('…建设年活动', '百场…对接活动', '系列活动')."""
    if c.type == "Program" and c.name.endswith(vocab.OCCASION_ENDINGS) and len(c.name) >= 4 \
            and not _CAMPAIGN_MARK.search(c.name):
        return Cand(c.start, c.end, c.name, "Event", c.aliases, c.parts, c.enumerated)
    return c


_CARRIED_OUT = re.compile(f"(?:{'|'.join(vocab.CARRY_OUT_VERBS)})[\u3400-\u9fff]{{0,2}}$")


def _carried_out_event(text: str, c: Cand) -> bool:
    """A recurring meeting carried out ('落实季度工作会议') is a mechanism of work, not an event
    the report speaks of holding; a meeting's decisions carried out keep it an event
    ('落实中央经济工作会议部署')."""
    return c.type == "Event" and c.name.startswith(vocab.RECURRING_MEETING_OPENERS) \
        and bool(_CARRIED_OUT.search(text, max(0, c.start - 6), c.start))


def _same_thing_named_shorter(c: Cand) -> Cand:
    """A part of the name's type that ends where it ends is the same thing named shorter
    ('通州区与某某示范区建设' built, the platform 某某示范区), and so is the name without its
    bracketed part ('某某物流中心（B型）'), its edition ('第九届某某博览会') or its region
    word ('某北地区'): aliases, not parts."""
    short = _SHORTER_FORM.sub("", c.name) if c.name.endswith(("）", "地区")) or c.name.startswith("第") else c.name
    same = [p for p in c.parts if p.type == c.type and (p.end == c.end or p.name == short)]
    aliases = (*c.aliases, *(p.name for p in same), *((short,) if short != c.name and len(short) >= 2 else ()))
    aliases = tuple(dict.fromkeys(a for a in aliases if a != c.name))
    if not same and aliases == c.aliases:
        return c
    return Cand(c.start, c.end, c.name, c.type, aliases, tuple(p for p in c.parts if p not in same), c.enumerated)


_SHORTER_FORM = re.compile(vocab.SHORTER_FORM_PATTERN)


_BRACKETED_PART = re.compile(r"（([\u3400-\u9fffA-Za-z]{1,4})）")


def _with_bracketed_part(text: str, c: Cand) -> Cand:
    """'中欧班列（西安）', '某某保税物流中心（B型）': a short part in brackets right after a
    programme's or a platform's name is part of it (the name without it is kept as an alias)."""
    m = _BRACKETED_PART.match(text, c.end)
    if c.type not in ("Program", "Platform") or m is None or m.group(1) in ("暂行", "试行", "草案"):
        return c
    return Cand(c.start, m.end(), c.name + m.group(0), c.type, (*c.aliases, c.name), c.parts, c.enumerated)


_FIRST_OF_KIND = re.compile(vocab.FIRST_OF_ITS_KIND)


def _without_first_of_kind(c: Cand) -> Cand:
    """'全国首台某某机器人' names 某某机器人: being the first of its kind is said of it, not its name."""
    m = _FIRST_OF_KIND.match(c.name)
    if m is None or c.type == "Place" or len(c.name) - m.end() < 3:
        return c
    return Cand(c.start + m.end(), c.end, c.name[m.end():], c.type, c.aliases, c.parts, c.enumerated)


def _platform_built(c: Cand) -> Cand:
    """'某某创新中心建设' is the building of a platform: the name is the platform's."""
    if c.type != "Program" or not c.name.endswith(vocab.FRAME_BUILDING_TAILS):
        return c
    tail = next(t for t in vocab.FRAME_BUILDING_TAILS if c.name.endswith(t))
    stem = c.name[: -len(tail)]
    if _ends_with_cue(stem) != "Platform":
        return c
    return Cand(c.start, c.end - len(tail), stem, "Platform", c.aliases, c.parts, c.enumerated)


def _without_leading_verbs(text: str, toks: list[Tok], c: Cand) -> Cand:
    """A name does not open with the verb that governs it ('认真贯彻民营经济促进法',
    '打好“保交房”攻坚战'): whichever rule reached that far left, the verb is cut off,
    unless a verb before the name governs the whole ('开展深入贯彻…学习教育')."""
    if c.name[:1] in "了着" and c.type != "Place" and len(c.name) > 3:   # '建成了某某铁路': a particle
        c = Cand(c.start + 1, c.end, c.name[1:], c.type, c.aliases, c.parts, c.enumerated)
    if c.type not in ("Program", "Policy", "Event", "Platform") or text[c.start - 1:c.start] == "、":
        return c   # an item of a list the verb before it governs
    if c.type == "Policy" and c.name.find("的") >= 4:
        return c   # '推动某某发展的实施意见': a document's title opens with its own verb
    m = _LEADING_GOVERNOR.match(text, c.start)
    if m and _GOVERNED.search(text, max(0, c.start - 4), c.start) and text[c.start:c.start + 2] not in vocab.LEADING_GOVERNORS:
        return c   # governed from outside: '开展深入贯彻…' keeps its adverb and verb; '开通运行…' does not
    if m is None or c.end - m.end() < 3:
        return c
    start = m.end()
    name = _clean_name(text[start:c.end])
    if len(name) < 3 or not c.name.endswith(name[-2:]):
        return c
    return Cand(start, c.end, name, c.type, tuple(a for a in c.aliases if a != name), c.parts, c.enumerated)


_GOVERNED = re.compile(f"(?:{_alternation(vocab.FRAME_VERBS)})$")
_LEADING_GOVERNOR = re.compile(f"(?:{_alternation(vocab.FRAME_ADVERBS + ('认真',))})*"
                               f"(?:{_alternation(vocab.LEADING_GOVERNORS)})“?")


def _owner_span(toks: list[Tok], start: int) -> tuple[int, int | None]:
    """Where a company's trade name at the head of toks ends: proper words, perhaps with a
    trade word after them ('华天科技')."""
    end = None
    for t in toks:
        if t.tag in ("nr", "nz", "nrt", "nt", "j", "nrfg") and re.fullmatch(r"[\u3400-\u9fff]+", t.text) \
                and gazetteer().lookup(t.text) is None and t.text not in _CUE_TYPE_RANK \
                and not t.text.endswith(vocab.OWNED_PROJECT_TAILS):   # a cue is taught to the segmenter as nz
            end = t.end
            continue
        if end is not None and t.text in vocab.TRADE_WORDS:
            end = t.end
        break
    return start, end


_PROJECT_LIST_END = re.compile(f"[^，；。]*?等(?:{'|'.join(vocab.LIST_QUANTIFIERS)})?[^，；。]{{0,4}}?项目")


def _with_owner(text: str, toks: list[Tok], c: Cand) -> Cand:
    """A company's project or site in a list of them is named after the company
    ('某某化学二期、某某智慧产业园'): the company's trade name, a proper word with perhaps
    a trade word after it, is the name's owner (a part that carries it out or holds it)."""
    listed = text[c.end:c.end + 1] in ("、", "等") or text[c.start - 1:c.start] == "、"
    of_projects = c.type == "Program" and listed and bool(_PROJECT_LIST_END.match(text, c.end))
    if c.type not in ("Program", "Platform") or not (of_projects or c.name.endswith(vocab.OWNED_PROJECT_TAILS)) \
            or any(p.start == c.start for p in c.parts):
        return c
    if not listed and not (c.type == "Platform" and c.name.endswith(vocab.OWNED_SITE_TAILS)):
        return c   # a project is a company's only in a list of such; a site anywhere
    inside = [t for t in toks if c.start <= t.start and t.end <= c.end]
    owner_start, owner_end = _owner_span(inside, c.start)
    figure = next((t for t in inside if re.match(r"\d|第\d", text[t.start:t.start + 2])), None)
    if of_projects and figure is not None and 2 <= figure.start - c.start <= 6 and inside[0].tag != "ns":
        owner_start, owner_end = c.start, figure.start   # '某某时代8英寸…': the company, then its plant
    if inside and inside[0].tag == "ns" and (owner_end is None or owner_end - owner_start < 2) \
            and inside[0].text not in gazetteer().by_name and inside[0].text not in gazetteer().by_short:
        # after a division comes a locality ('阳城台头…'); after a zone's name, a company ('深汕比亚迪')
        owner_start, owner_end = _owner_span(inside[1:], inside[0].end)   # '深汕比亚迪二期': where, then whose
    if owner_end is None or owner_end - owner_start < 2 or c.end - owner_end < 2:
        return c
    owner = text[owner_start:owner_end]
    if _generic(owner, "") or place_form(owner):
        return c
    return Cand(c.start, c.end, c.name, c.type, c.aliases,
                c.parts + (Cand(owner_start, owner_end, owner, "Enterprise"),), c.enumerated)


_GOAL = re.compile(f"[^，；。]{{0,16}}(?:{'|'.join(vocab.GOAL_WORDS)})")


def _names_a_goal(text: str, c: Cand) -> bool:
    """'建设创新示范区和先行区“两区”目标': what a goal names is still to be built, not a platform."""
    return c.type in ("Platform", "Program") and bool(_GOAL.match(text, c.end)) and not text.startswith("”", c.end)


def _with_own_level(c: Cand, province: str | None) -> Cand:
    """'省文旅投控集团' in a province's report is that province's: 安徽省文旅投控集团, with the
    short form kept as an alias (a municipality's '市…' likewise)."""
    if province is None or c.type == "Place" or len(c.name) < 4 or c.name[0] not in "省市" \
            or not province.endswith(c.name[0]) or c.name.startswith(("市场", "省级", "市级", "省市", "市县", "省部")):
        return c
    return Cand(c.start, c.end, province + c.name[1:], c.type, (*c.aliases, c.name), c.parts, c.enumerated)


def _titles(text: str) -> list[Cand]:
    """Titles in 《》 are documents; a place before one is part of its name."""
    cands = []
    for m in (_TITLE_TEXT.finditer(text) if "《" in text else ()):
        title = _clean_name(m.group(1))
        if not re.sub(r"[（(](暂行|试行|修订|征求意见稿|草案)[）)]$", "", title).endswith(vocab.DOCUMENT_CUES):
            continue
        start, aliases = m.start(), ()
        prefix = re.search(r"([\u3400-\u9fff]{2,12}(高新区|开发区|省|市|县|区))$", text[:m.start()])
        if prefix and not any(w in prefix.group(1) for w in ("编制", "完成", "印发", "出台", "制定")):
            aliases = (title,)
            title = _clean_name(prefix.group(1)) + title
            start = prefix.start()
        cands.append(Cand(start, m.end(), title, "Policy", aliases))
    return cands


def _quoted_names(text: str, protected: list[tuple[int, int]]) -> list[Cand]:
    """Quoted names: programs, or names that carry their own cue."""
    cands = []
    for m in (_QUOTED_TEXT.finditer(text) if "“" in text else ()):
        inner = _clean_name(m.group(1))
        if _inside(protected, m.start(), m.end()):
            continue
        if re.search(r"[、，,：:+＋（(是的]", m.group(1)) or len(inner) > 14:
            continue  # a slogan or a quotation, not a name
        after = text[m.end():m.end() + 8]
        before = text[max(0, m.start() - 12):m.start()]
        typ = _ends_with_cue(inner)
        if typ:
            cands.append(Cand(m.start(), m.end(), inner, typ))
            continue
        suffix = re.match(r"^(专项行动|行动计划|改革|模式|工程|计划|行动|战略|项目)", after)
        if inner.endswith(("模式", "工程", "计划", "行动", "改革", "战略")):
            cands.append(Cand(m.start(), m.end(), inner, "Program"))
            continue
        if suffix:
            left = re.search(r"([\u3400-\u9fff]{2,20})$", text[:m.start()])
            full = inner + suffix.group(1)
            aliases = [full]
            name = full
            if left and not any(v in left.group(1) for v in vocab.LEFT_STOP_WORDS if len(v) > 1):
                name = _clean_name(left.group(1)) + full
            cands.append(Cand(m.start(), m.end() + len(suffix.group(1)), name, "Program",
                              tuple(a for a in aliases + [inner] if a != name)))
            continue
        verb_before = re.search(r"(实施|开展|推进|启动|构建|推行|提出)[\u3400-\u9fff]{0,8}$", before)
        if verb_before or re.match(r"^(实施单位|试点|产业创新生态|山西试点|[\u3400-\u9fff]{0,4}试点)", after):
            alias = ()
            lead = re.search(r"(实施|开展|推进|启动|构建|推行|提出)([\u3400-\u9fff]{2,8})$", before)
            if lead:
                alias = (_clean_name(lead.group(2)) + inner,)
            ext = re.match(r"^(产业创新生态)", after)
            if ext:
                cands.append(Cand(m.start(), m.end() + len(ext.group(1)), inner + ext.group(1), "Program", (inner,)))
            else:
                cands.append(Cand(m.start(), m.end(), inner, "Program", alias))
    return cands


def _cued_names(text: str, toks: list[Tok], protected: list[tuple[int, int]], titles: list[Cand]) -> list[Cand]:
    """Names ending in a type cue, reaching left as far as the words allow."""
    cands: list[Cand] = []
    tok_ends = {t.end for t in toks}
    for cstart, cend, typ, cue in _cue_spans(text):
        if _inside(protected, cstart, cend) or any(c.start <= cstart and cend <= c.end for c in titles) \
                or not _cue_ends_name(text, toks, tok_ends, cstart, cend, typ, cue):
            continue
        start = _cued_name_start(text, toks, cstart, cend, cue)
        if start is not None:
            cands += _cued_name(text, toks, start, cend, typ, cue)
    return cands


def _cue_ends_name(text: str, toks: list[Tok], tok_ends: set[int], cstart: int, cend: int, typ: str, cue: str) -> bool:
    """Whether a cue can end a name where it stands, not being part of a longer word or cue."""
    if text[cend:cend + 1] in ("化", "式", "型", "性", "生", "界"):
        return False
    if typ == "Program" and text[cend:].startswith(vocab.TYPE_SUFFIXES["Program"]):
        return False  # '科技计划项目': the longer cue decides
    if cend < len(text) and _CJK.match(text[cend]) and any(
            text[cstart:].startswith(longer) for longer in _longer_cues(cue)):
        return False  # '产业园' inside '产业园区': the longer cue is a candidate of its own
    if cend not in tok_ends and cend < len(text):
        nxt = text[cend]
        if _CJK.match(nxt) and cue not in ("司",) and not _ends_with_cue(text[:cend + 1]):
            # the cue sits inside a longer word ('公司（基地）' is fine, '大学生' is not)
            t = toks[_tok_index_at(toks, cend - 1)]
            if t.end > cend and typ != "Enterprise":
                return False
    return True


def _cued_name_start(text: str, toks: list[Tok], cstart: int, cend: int, cue: str) -> int | None:
    """Where the name a cue ends begins: the left edge, less an unbalanced bracket or quote,
    a counter and a governing verb; None when the name is a quoted one (the quoted-name rule's)."""
    k = _tok_index_at(toks, cstart)
    first = _left_edge(toks, k, text)
    start = min(toks[first].start, cstart)
    span = text[start:cend]
    if span.count("（") + span.count("(") != span.count("）") + span.count(")"):
        cut = max(span.rfind("（"), span.rfind("("), span.rfind("）"), span.rfind(")"))
        start += cut + 1  # an unbalanced bracket is not part of the name
        span = text[start:cend]
    if span.count("“") != span.count("”") or span.startswith("”"):
        start += max(span.rfind("“"), span.rfind("”")) + 1  # nor is an unbalanced quote
    elif span.startswith("“") and span.endswith("”"):
        return None
    lead = re.match(r"^(年度|年)", text[start:cend]) or \
        (re.match(r"^[项个家所批座条支]", text[start:cend]) if start and text[start - 1].isdigit() else None)
    if lead:
        start += len(lead.group(0))
    # a verb opening the candidate governs it ('引入国机集团'), unless nothing would remain
    for i in range(first, k):
        t = toks[i]
        if t.start < start:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.tag in ("v", "vn") and len(t.text) >= 2 and not lexicon().is_rare(t) and cend - t.end >= len(cue) + 2 and nxt is not None and \
                (nxt.tag in ("ns", "nt", "nr", "nz", "j") or place_form(nxt.text)):
            start = t.end
        else:
            break
    return start


def _cued_name(text: str, toks: list[Tok], start: int, cend: int, typ: str, cue: str) -> list[Cand]:
    """The name text[start:cend] as the cue's type, if it is one thing's name (a government
    and its party committee named together are two); none when it is a category or a count."""
    name = _clean_name(text[start:cend])
    pair = re.search(r"(.{2,8}?(市|省|县|区))委(市|省|县|区)?政府$", name)
    if pair and cue in vocab.GOVERNMENT_CUES:
        place = pair.group(1)
        p0 = cend - len(pair.group(0))
        if place_form(place):
            return [Cand(p0, p0 + len(place) + 1, place + "委", "Bureau"),
                    Cand(p0 + len(place) + 1, cend, place + "政府", "Bureau",
                         ((pair.group(3) or pair.group(2)) + "政府",))]
    if cue in vocab.GOVERNMENT_CUES:
        gov = _government_name(name, cue)
        if not gov:
            return []
        start = cend - len(gov)
        name = gov
    if cue not in vocab.GOVERNMENT_CUES:
        start = _past_leading_verbs(toks, start, cend - len(cue))
        name = _clean_name(text[start:cend])
    if typ == "Program" and cue in vocab.WEAK_PROGRAM_CUES:
        if not _IMPLEMENT_VERB_BEFORE.search(text[max(0, start - 4):start]) and \
                not _weak_cue_named(text, start, name, cue):
            return []
        if _generic_kind(name[: -len(cue)]):
            return []   # '市级创新平台建设': building a kind of thing, not a named programme
    if name == cue and cue in vocab.SELF_NAMED:
        return [Cand(start, cend, name, typ)]
    if cue == "司" and not re.search(r"部.+司$", name):
        return []
    if cue in ("政府",) and not re.search(r"(省|市|县|区|州)政府$", name):
        return []
    if cue in ("谷",) and not (start > 0 and text[start - 1] in "、，以" and len(name) >= 3):
        return []
    if len(name) <= len(cue) or _generic(name, cue) or name.endswith("上市公司"):
        return []
    if cue == "研究院" and re.match(r"^(中科院|中国科学院|.{2,6}科学院)", name):
        typ = "ResearchInstitute"
    if len(name) > 40:
        return []
    if re.match(r"^\s*[0-9一二三四五六七八九十两]+\s*(家|个|所|批|座|处|项(?![\u3400-\u9fff]{2}))", text[cend:cend + 6]):
        return []
    if _COUNTED_KIND.fullmatch(name, max(0, len(name) - len(cue) - 2), len(name) - len(cue)) or text.startswith("体系", cend):
        return []   # '某某、某某三大工程': a count of the list's kinds; '…工程体系': a system of them
    if text.startswith(vocab.CLASS_MEASURES, cend) and place_form(name[:2]) is None:
        return []   # '通用机场数量', '绿色食品基地面积': a kind measured, not one thing
    before = text[max(0, start - 3):start]
    if re.search(r"[0-9一二三四五六七八九十两百千万余多]\s*(家|个|所|项|批|类|座)$", before) or before.endswith("等"):
        return []
    return [Cand(start, cend, name, typ)]


def _national_bodies(text: str) -> list[Cand]:
    """National bodies named without a cue, by their full or short names."""
    cands: list[Cand] = []
    if not _NATIONAL_NAME.search(text):  # most sentences name no national body
        return cands
    for body, typ in vocab.NATIONAL_BODIES.items():
        for m in _occurrences(body, text):
            cands.append(Cand(m.start(), m.end(), body, typ))
    for short, full in vocab.SHORT_FORMS.items():
        if full in vocab.NATIONAL_BODIES:
            for m in _occurrences(short, text):
                cands.append(Cand(m.start(), m.end(), full, vocab.NATIONAL_BODIES[full], (short,)))
    return cands


_COUNTED = r"[0-9一二三四五六七八九十两百]+[户家个所]"
# an item starts only where 等 or 、 follows within 12 characters: the engine skips the
# rest of the sentence instead of trying every position
_ENUMERATION = re.compile(r"(?=[\u3400-\u9fffA-Za-z]{2,12}[、等])((?:[\u3400-\u9fffA-Za-z]{2,12}、)*[\u3400-\u9fffA-Za-z]{2,12})"
                          r"等(" + _COUNTED + r")?[\u3400-\u9fff]{0,12}?(" + "|".join(vocab.ENUM_CATEGORIES) + ")")


def _enumerated_names(text: str, toks: list[Tok]) -> list[Cand]:
    """Short trade names enumerated before a category noun, which gives them their type:
    铁峰化工、鑫途化工等重点化工企业."""
    cands = []
    if "等" not in text:
        return cands
    cats = "|".join(vocab.ENUM_CATEGORIES)
    for m in _ENUMERATION.finditer(text):
        items_span = m.group(1)
        cat = m.group(3)
        if re.match(r"等(一批|一系列|多个|多家|各类|一些)", text[m.end(1):m.end()]):
            continue
        if "、" not in items_span and not m.group(2):
            continue   # one item is a name only where a count follows ('某某等5户企业')
        later = re.match(r"[\u3400-\u9fff]{0,4}?(" + cats + ")", text[m.end():])
        if later:
            cat = later.group(1)   # '平台经济企业': the last class noun types the list
        typ = vocab.ENUM_CATEGORIES[cat]
        pos = m.start(1)
        parts = items_span.split("、")
        category = text[m.end(1):m.end()]
        namelike = any(_looks_like_name(x) or (tokenize(x)[-1].text in category and len(tokenize(x)[-1].text) >= 2)
                       or _ends_with_cue(x) for x in parts[1:] + [parts[0][-8:]])
        # most items look like names, or they are common words ('组建能源发展、数据等企业')
        named_half = 2 * sum(bool(_looks_like_name(x) or _ends_with_cue(x)) for x in parts) >= len(parts)
        for idx, item in enumerate(parts):
            istart = pos
            if idx == 0:
                k = _tok_index_at(toks, pos + len(item) - 1)
                first = _left_edge(toks, k, text)
                istart = max(pos, toks[first].start)
                item = text[istart:pos + len(item)]
            pos_end = istart + len(item)
            if not _ends_with_cue(item) and 2 <= len(item) <= 8 and not _generic(item, "") \
                    and not _generic_kind(item) and namelike and named_half:
                cands.append(Cand(istart, pos_end, _clean_name(item), typ, enumerated=True))
            pos = pos_end + 1 if idx else pos + len(parts[0]) + 1
    return cands


def _places(text: str, toks: list[Tok]) -> list[Cand]:
    """Places standing alone, and development zones named after one."""
    cands = []
    for t in toks:
        if not (t.tag == "ns" or t.text in vocab.PROVINCES or t.text in _PROVINCE_NAMES):
            continue
        p = place_form(t.text)
        if p:
            cands.append(Cand(t.start, t.end, p, "Place", (t.text,) if t.text != p else ()))
    for m in (_ZONE_NAME.finditer(text) if "区" in text else ()):
        k = _tok_index_at(toks, m.start(1))
        first = _left_edge(toks, k, text)
        s = max(toks[first].start, m.start())
        name = text[s:m.end()]
        prefix_toks = [t for t in toks if s <= t.start and t.end <= m.start(1)]
        if prefix_toks and all(place_form(t.text, in_name=True) or _city_stem(t.text)
                               or (t.tag == "ns" and t.text not in vocab.NON_PLACES) for t in prefix_toks):
            cands.append(Cand(s, m.end(), name, "Place"))
    return cands


def _listed_places(text: str, toks: list[Tok]) -> list[Cand]:
    """Streets and regions named in a list: 南中环街、晋阳街、龙城大街; 中部六省."""
    cands = []
    for m in (_STREET_LIST.finditer(text) if "、" in text and ("街" in text or "路" in text or "道" in text) else ()):
        pos = m.start()
        for i, item in enumerate(m.group(0).split("、")):
            start = pos
            if i == 0:  # the list's left edge is the first name's
                start = max(pos, toks[_left_edge(toks, _tok_index_at(toks, pos + len(item) - 1), text)].start)
            cands.append(Cand(start, pos + len(item), text[start:pos + len(item)], "Place"))
            pos += len(item) + 1
    for m in (_PROVINCES_BY_REGION.finditer(text) if "省" in text else ()):
        cands.append(Cand(m.start(), m.end(), m.group(0), "Place"))
    return cands


def _unmarked_list_items(text: str, cands: list[Cand]) -> list[Cand]:
    """An unmarked item between two names of one type in a list takes their type:
    百村光伏工程、…破零工程和农家屋顶“三大科技惠民工程”."""
    out = []
    ordered = sorted(cands, key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:]):
        gap = re.fullmatch(r"(、|和|及)([\u3400-\u9fff]{2,8})“?", text[a.end:b.start])
        if gap and a.type == b.type and a.type in ("Program", "Platform", "Enterprise") \
                and not _generic(gap.group(2), "") and not any(w in gap.group(2) for w in vocab.LEFT_STOP_WORDS if len(w) > 1):
            start = a.end + len(gap.group(1))
            out.append(Cand(start, start + len(gap.group(2)), gap.group(2), a.type))
    return out


_LIST_ITEM_CHAR = r"[\u3400-\u7b48\u7b4a-\u9fffA-Za-z0-9·]"   # any but 等 (U+7B49), which closes a list
_LIST_RUN = re.compile(f"(?<![\u3400-\u9fffA-Za-z0-9·])(?:{_LIST_ITEM_CHAR}{{2,12}}、)+{_LIST_ITEM_CHAR}{{2,12}}(?=等|[，；。]|$)")


def _list_mates(text: str, cands: list[Cand]) -> list[Cand]:
    """Items of one list are of one kind: where some items of a list of short names are
    known (津湾广场, 古文化街) and the others look like names, the others take their type
    ('某某之眼', '西北角')."""
    out = []
    if "、" not in text or not any(c.type in vocab.LIST_MATE_TYPES for c in cands):
        return out
    for m in _LIST_RUN.finditer(text):
        pos, items = m.start(), []
        for item in m.group(0).split("、"):
            items.append((pos, pos + len(item), item))
            pos += len(item) + 1
        exact = {(c.start, c.end): c.type for c in cands}
        known = [exact.get((s, e)) for s, e, _ in items]
        types = {t for t in known if t}
        if len(types) != 1 or (typ := types.pop()) not in vocab.LIST_MATE_TYPES:
            continue
        for (s, e, item), t in zip(items, known):
            if t is None and not any(c.start < e and s < c.end for c in cands) and _looks_like_name(item) \
                    and not _generic(item, "") and not _generic_kind(item) \
                    and not any(w.tag[:1] in ("v", "p", "u", "d", "c", "r") or w.text in vocab.LEFT_STOP_WORDS
                                or w.text in "如同" for w in tokenize(item)) \
                    and not (typ == "Place" and (re.search(r"\d", item) or _person_like(item))):
                out.append(Cand(s, e, item, typ))
    return out


def _person_like(item: str) -> bool:
    """A person's name, as the dictionary tags it ('某某': nr): listed people are no places."""
    return all(t.tag in ("nr", "nrfg", "nrt") for t in tokenize(item))


def _without_honour_titles(text: str, cands: list[Cand]) -> list[Cand]:
    """The title in an honour ('被认定为山西省科技成果转化示范基地') is not a platform of its own."""
    for m in _HONOUR_TITLE.finditer(text):
        cands = [c for c in cands if not (c.type in ("Platform", "Enterprise") and m.start(2) <= c.start < m.end(2))]
    for m in (_CHOSEN_AS.finditer(text) if any(c.type == "Platform" for c in cands) else ()):
        # '某地入选国家…示范区': a class it joins, not a platform
        cands = [c for c in cands if not (c.type == "Platform" and m.end() <= c.start <= m.end() + 4
                                          and _CONFERRED_GAP.fullmatch(text, m.end(), c.start)
                                          and text[m.end():c.end].startswith(vocab.CONFERRED_CLASS_OPENERS))]
    return cands


_CHOSEN_AS = re.compile(f"(?:{'|'.join(vocab.CHOSEN_AS)})")
_CONFERRED_GAP = re.compile("(?!建设|设立|创建)[\u3400-\u9fff]*")   # '获批建设某某中心' is building one


_HONOUR_TITLE = re.compile("(" + "|".join(c for c in vocab.HONOR_CUES[:9] if c != "获批") + ")([^，；。]*)")


def _resolve_overlaps(cands: list[Cand]) -> list[Cand]:
    """Keep the longest of overlapping names; names inside a kept one become its parts."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cand] = []
    for c in cands:
        clash = None
        for k in kept:
            if c.start < k.end and k.start < c.end:
                clash = k
                break
        if clash is None:
            kept.append(c)
        elif clash.start <= c.start and c.end <= clash.end and (c.start, c.end) != (clash.start, clash.end):
            rest = clash.name[len(c.name):] if clash.name.startswith(c.name) else ""
            if rest in ("有限公司", "股份有限公司", "有限责任公司", "公司", "集团"):
                continue
            if rest and any(clash.name.endswith(cue) and len(cue) > len(rest)
                            for cue in vocab.TYPE_SUFFIXES.get(clash.type, ())):
                continue  # the parent's own cue starts inside it: '洛阳国家大学科技园' holds no '洛阳国家大学'
            same = [p for p in clash.parts if p.start == c.start and p.type == c.type]
            if same and same[0].end <= c.end:
                continue
            clash.parts = tuple(p for p in clash.parts if p not in same) + (c,)
        elif (c.start, c.end) == (clash.start, clash.end) and c.type != clash.type:
            continue
    return kept
