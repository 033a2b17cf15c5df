"""Names of the register that carry no type cue of the sample genre.

Government reports name programmes by a quoted slogan (实施“千项万亿”工程,
“两新”政策, “免申即享”), places by their short forms (合肥, 襄阳), and
construction projects, hubs and campaigns by words that close such names
(攻坚战, 高铁, 机场, 示范区). These rules find them; the type comes from the
head word the name ends in or from the word after the quotation, and the
vocabulary behind both lives in `kg.vocab`.

Each function returns plain spans, (start, end, name, type, aliases), with
offsets into the sentence, so that it depends on nothing but the text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, NamedTuple

from kg import vocab
from kg.extract.tokens import lexicon, looks_like_name, tokenize
from kg.gazetteer import gazetteer


class Span(NamedTuple):
    start: int
    end: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()


_QUOTE = re.compile(r"“([^“”]{1,30})”")
_TITLE = re.compile(r"《[^《》]*》")
_CJK_RUN = r"[\u3400-\u9fff0-9A-Za-z]"


def _alternation(words) -> str:
    """The words as one alternative, longest first, behind a look at the first character
    (which fails at once at most positions, where trying each word would not)."""
    words = sorted(words, key=len, reverse=True)
    firsts = "".join(re.escape(ch) for ch in sorted({w[0] for w in words}))
    return f"(?=[{firsts}])(?:{'|'.join(map(re.escape, words))})"


@lru_cache(maxsize=1)
def _quote_heads() -> tuple[re.Pattern, dict[str, str]]:
    heads = {h: typ for typ, hs in vocab.QUOTE_HEADS.items() for h in hs}
    middle = f"(?:(?!{_alternation(vocab.QUOTE_BREAKS)}){_CJK_RUN}){{0,{vocab.QUOTE_HEAD_REACH}}}?"
    return re.compile(f"({middle})({_alternation(heads)})"), heads


_PERIOD = re.compile(r"^[一二三四五六七八九十]{2,3}五$")   # 十四五: a five-year period, not a name
_SHARED_HEAD = re.compile(r"(?:“[^“”]{1,8}”)+")
_STORM = re.compile(r"(?:等[\d一二三四五六七八九十]+个)?台风")
_HONOURED = re.compile(f"(?:{_alternation(vocab.QUOTE_HONOUR_BEFORE)})[\u3400-\u9fff]{{0,4}}$")


def _quote_is_name(text: str, m: re.Match) -> bool:
    inner = m.group(1)
    core = re.sub(r"[\s·—\-、，+＋]", "", inner)
    if len(core) < 2 or not re.search(r"[\u3400-\u9fff]", inner) or re.fullmatch(r"[\d.·\-—]+", core):
        return False
    if inner in vocab.FORMULA_QUOTES or _PERIOD.match(inner):
        return False
    if re.search("[、，：:]", inner) and not _head_type(inner):
        return False   # '绿色、共享、开放、廉洁': a motto, unless it ends in a head word
    if "是" in inner or len(core) > 14:
        return False   # a sentence quoted, not a name
    before, after = text[max(0, m.start() - 4):m.start()], text[m.end():m.end() + 6]
    if before.endswith(vocab.QUOTE_NOT_AFTER) or after.startswith(vocab.QUOTE_NOT_BEFORE):
        return False
    if _STORM.match(text, m.end()):
        return False   # '“某某”等15个台风': a storm's name
    if text[:m.start()].endswith("”到") and "从“" in text[max(0, m.start() - 20):m.start()]:
        return False   # '从“甲”到“乙”': two states, not names
    if _HONOURED.search(text, max(0, m.start() - 8), m.start()) and not after.startswith("名单"):
        return False   # '入选世界“最佳…”': an honour's title ('入选“某某”名单' names a programme)
    return True
    return True


def quoted_names(text: str, type_of_name: Callable[[str], str | None]) -> list[Span]:
    """Quoted names: the quotation, extended to the head word right after it where
    there is one ('“两重”项目' → 两重项目, alias 两重), typed by that head, by a type
    cue it ends in, or else as a programme, what most quoted names in the genre are."""
    out = []
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(text)]
    pattern, heads = _quote_heads()
    for m in _QUOTE.finditer(text):
        if _PERIOD.match(m.group(1)) and text.startswith("规划", m.end()) and not any(s <= m.start() < e for s, e in titles):
            out.append(Span(m.start(), m.end() + 2, m.group(1) + "规划", "Policy"))
            continue   # '“十四五”规划': the period is no name, its plan is a document
        if any(s <= m.start() < e for s, e in titles) or not _quote_is_name(text, m):
            continue
        inner = re.sub(r"\s", "", m.group(1))
        end, name, typ = m.end(), inner, None
        head = pattern.match(text, m.end()) if _PERIOD.match(inner) is None else None
        shared = _SHARED_HEAD.match(text, m.end()) if head is None else None
        if shared:   # '“府院”“府检”联动机制': quotations in a row share the head after the last
            head = _longest_head(pattern, text, shared.end())
            if head and not head[1]:
                name, typ = inner + head[2], heads[head[3]]
                out.append(Span(m.start(), m.end(), name, typ, (inner,)))
                continue
            head = None
        head = _longest_head(pattern, text, m.end()) if head else None
        if head:
            end = head[0]
            name = inner + head[1] + head[2]
            typ = heads[head[3]]
        if head is None and len(inner) <= 2 and not _listed_or_governed(text, m):
            continue   # '“动脉”', '“顶流”': a word in quotes, not a name
        if typ is None and (text.startswith(vocab.PRODUCT_AFTER, end) or _GOODS_LISTED.match(text, end)
                            or text[:m.start()].endswith(vocab.PRODUCT_BEFORE)):
            typ = "Product"   # '“某某”销售额', '“某某”等科技成果', '吉祥物“某某”'

        if typ is None and text.startswith("号", end):
            end, name, typ = end + 1, inner + "号", "Product"   # '“梦想”号'
        if re.fullmatch(r"[双]?\d+条", inner):
            typ = "Policy"   # '稳经济“30条”(政策)': a numbered set of measures
            purpose = _MEASURES_PURPOSE.search(text, 0, m.start())
            if purpose:   # '出台支持创业带动就业“15条”政策': the set is named by its purpose
                start = purpose.start(1)
                short = purpose.group(1) + inner
                out.append(Span(start, end, short + name[len(inner):], typ,
                                tuple(a for a in (short, inner) if a != short + name[len(inner):])))
                continue
        if typ is None and out and out[-1].type == "Product" and text[out[-1].end:m.start()] in ("、", ""):
            typ = "Product"   # '吉祥物“甲”、“乙”': listed with goods, goods too
        typ = typ or type_of_name(inner) or _head_type(inner) or _governed_type(text[:m.start()]) or "Program"
        out.append(Span(m.start(), end, name, typ, (inner,) if name != inner else ()))
    return out


_GOODS_LISTED = re.compile(f"(?:、?“[^“”]{{1,12}}”)*等[\u3400-\u9fff]{{0,6}}?(?:{_alternation(vocab.GOODS_CLASSES)})")
_MEASURES_PURPOSE = re.compile(r"(?:出台|制定|实施|落实|推出|印发)([\u3400-\u9fff、]{4,24})$")


def _longest_head(pattern: re.Pattern, text: str, pos: int) -> tuple[int, str, str, str] | None:
    """The head after a quotation with the head words right after it ('“某某”联动机制': 联动,
    then 机制): its end, the words before it, the heads together, and the last head."""
    head = pattern.match(text, pos)
    if head is None:
        return None
    end, words, last = head.end(), head.group(2), head.group(2)
    more = pattern.match(text, end) if last in vocab.QUOTE_HEADS_BEFORE_HEADS else None
    if more is not None and not more.group(1):
        end, words, last = more.end(), words + more.group(2), more.group(2)
    return end, head.group(1), words, last


def _listed_or_governed(text: str, m: re.Match) -> bool:
    """A short quotation is a name when it stands in a list of quotations or after a verb
    that carries a programme out ('“两重”“两新”', '打好“八场硬仗”')."""
    before, after = text[:m.start()], text[m.end():]
    if before.endswith(("”", "”、", "”和")) or after.startswith(("“", "、“", "和“")):
        return True
    return _governed_type(before) is not None


def _head_type(name: str) -> str | None:
    _, heads = _quote_heads()
    for head in sorted(heads, key=len, reverse=True):
        if name.endswith(head) and len(name) > len(head):
            return heads[head]
    return None


def _governed_type(before: str) -> str | None:
    """The type the verb before a quotation gives its object: 举办“…” is an event."""
    for typ, pattern in _GOVERNING.items():
        if pattern.search(before, max(0, len(before) - 6)):
            return typ
    return None


_GOVERNING = {typ: re.compile(f"({_alternation(verbs)})(了|好)?$") for typ, verbs in vocab.GOVERNING_VERBS.items()}


def gazetteer_places(text: str, toks, province: str | None) -> list[Span]:
    """Places named by a whole word: administrative divisions and countries in full or
    short (the gazetteer), rivers and mountains the dictionary tags as places, the
    regions of the language (长三角, 东北地区), and a place or a direction before a
    region word (合肥都市圈, 皖北地区)."""
    gaz = gazetteer()
    out = []
    by_name, by_short = gaz.by_name, gaz.by_short
    for t in toks:
        word = t.text
        if len(word) < 2 or not (word in by_name or word in by_short or word in vocab.PROVINCE_NICKNAMES
                                 or t.tag == "ns") or word in vocab.NON_PLACES or word in vocab.COMMON_PLACE_WORDS \
                or word in vocab.BILATERAL:
            continue   # '中非' is China and Africa far more often than the Central African Republic
        nickname = vocab.PROVINCE_NICKNAMES.get(word)
        if nickname and nickname == province:
            out.append(Span(t.start, t.end, province, "Place", (word,)))
            continue
        place = gaz.lookup(word, province)
        if place is not None and place.name != word and place.level == "county" and _name_goes_on(toks, t):
            continue   # '延长石油', '宝安机场': the county's short form opens a longer name
        if place is not None:
            name = vocab.PROVINCES.get(place.name, place.name)   # 香港 → 香港特别行政区, as 北京 → 北京市
            out.append(Span(t.start, t.end, name, "Place", (word,) if word != name else ()))
        elif t.tag == "ns" and word.endswith(vocab.NATURAL_PLACE_ENDINGS) \
                and sum(ch in "江河湖海山岭" for ch in word) == 1:
            out.append(Span(t.start, t.end, word, "Place"))
        elif t.tag == "ns" and len(word) == 4 and all(h.endswith(vocab.NATURAL_PLACE_ENDINGS) and lexicon().is_place(h)
                                                      for h in (word[:2], word[2:])):
            out += [Span(t.start, t.start + 2, word[:2], "Place"), Span(t.start + 2, t.end, word[2:], "Place")]
    for m in (_RING_ROAD.finditer(text) if "环" in text else ()):   # '东四环', '五环路': a city's ring roads
        out.append(Span(m.start(), m.end(), m.group(0), "Place"))
    for m in _NAMED_REGION.finditer(text):
        out.append(Span(m.start(), m.end(), m.group(0), "Place"))
    for m in _REGION_WORD.finditer(text):
        for n in range(min(6, m.start()), 1, -1):
            stem = text[m.start() - n:m.start()]
            if stem + m.group(0) in vocab.NON_PLACES:
                break
            if _DIRECTION.fullmatch(stem) or (stem not in vocab.NON_PLACES and gaz.lookup(stem, province)):
                out.append(Span(m.start() - n, m.end(), stem + m.group(0), "Place"))
                break
    return out


_RING_ROAD = re.compile(r"[东南西北]{0,2}[二三四五六七]环路?(?![\u3400-\u9fff]*?(?:节|境|扣|比))")


def _name_goes_on(toks, tok) -> bool:
    """Whether a noun follows that makes the word part of a longer name ('延长石油'); a
    verb ('博罗成为…') or a generic part ('富平园区') leaves it a place."""
    following = [t for t in toks if t.start == tok.end]
    return bool(following) and following[0].tag[:1] == "n" and following[0].tag != "ns" \
        and following[0].text not in vocab.PLACE_PART_WORDS


_SHORT_NAMES = {full: (short,) for short, full in vocab.PROVINCES.items()}


def abbreviated_places(text: str, toks) -> list[Span]:
    """A run of provinces' one-character abbreviations names each province ('沪苏浙' →
    上海市, 江苏省, 浙江省) where the run is words of its own (jieba may cut it in pieces),
    not characters of longer words ('新时代', '云计算')."""
    out: list[Span] = []
    for m in _ABBREVIATION_RUN.finditer(text):
        run = [t for t in toks if m.start() <= t.start and t.end <= m.end()]
        if not run or run[0].start != m.start() or run[-1].end != m.end() \
                or any(t.tag not in ("j", "ns", "n") for t in run) or len(set(m.group(0))) != len(m.group(0)):
            continue
        for i, ch in enumerate(m.group(0)):
            name = vocab.PROVINCE_BY_ABBREVIATION[ch]
            out.append(Span(m.start() + i, m.start() + i + 1, name, "Place", (ch, *_SHORT_NAMES.get(name, ()))))
    return out


_ABBREVIATION_RUN = re.compile(f"[{''.join(vocab.PROVINCE_BY_ABBREVIATION)}]{{2,5}}")


_NAMED_REGION = re.compile(_alternation(vocab.NAMED_REGIONS))
_REGION_WORD = re.compile(_alternation(vocab.REGION_SUFFIXES))
_DIRECTION = re.compile(f"[{''.join(vocab.PROVINCE_ABBREVIATIONS)}]?(东北|西北|东南|西南|华北|华东|华南|华中|东|西|南|北|中)部?")


_OWN_BODY = re.compile(f"(省|市)({_alternation(vocab.OWN_BODIES)})")


def own_bodies(text: str, province: str | None) -> list[Span]:
    """'省委', '市政协' in a province's or a municipality's report are its own: 安徽省委."""
    if not province:
        return []
    level = province[-1]
    out = []
    for m in _OWN_BODY.finditer(text):
        if m.group(1) != level:
            continue
        out.append(Span(m.start(), m.end(), province + m.group(2), "Bureau"))
        if m.group(2) == "人大" and text.startswith("及其常委会", m.end()):   # '市人大及其常委会': two bodies
            out.append(Span(m.end() + 2, m.end() + 5, province + "人大常委会", "Bureau", (level + "人大常委会",)))
    for m in _OVERSEER.finditer(text):   # '自觉接受人大依法监督、政协民主监督': the province's own
        out.append(Span(m.start(1), m.end(1), province + m.group(1), "Bureau", (level + m.group(1),)))
    return out


_OVERSEER = re.compile(r"(?:(?<=接受)|(?<=[、，]))(人大|政协)(?=(?:及其常委会)?的?(?:依法|民主|法律|工作)?监督)")


_LIST_ITEM = r"[\u3400-\u9fffA-Za-z0-9·（）().]{2,16}"   # '.' for '第8.6代线'; one elsewhere ends the match below
_COUNT = "[0-9一二三四五六七八九十两百]+[条项个处家座所批类]"
_STRAY_POINT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_LIST = re.compile(f"((?:{_LIST_ITEM}、)*{_LIST_ITEM})等(?:{_alternation(vocab.LIST_QUANTIFIERS)}|{_COUNT})?"
                   f"[\u3400-\u9fff]{{0,6}}?({_alternation(vocab.LIST_CATEGORIES)})")
_WATER_NAME = re.compile(f"(?!.*[和及与])[\u3400-\u9fff]{{1,4}}[{vocab.WATER_ENDINGS}]")
_LEADING_PREPOSITION = re.compile("[对在向把将从](?=[\u3400-\u9fff]{3})")   # '对某某安置区等重点区域'
_COUNTED_KIND = re.compile("[两三四五六七八九十]大")
_COUNTED_LIST = re.compile(f"((?:{_LIST_ITEM}、)+{_LIST_ITEM})[两三四五六七八九十]大({_alternation(vocab.COUNTED_LIST_HEADS)})")


def listed_names(text: str) -> list[Span]:
    """Names listed before the class noun that types them: '成南扩容、九绵等高速公路' →
    成南扩容高速公路, 九绵高速公路 (a head noun joins each item); '埃克森美孚一期、
    深汕比亚迪二期等一批重大项目' → two programmes. The first item counts only where a
    clause opens with it: what stands before it is not known to be no part of it."""
    out = []
    for m in _LIST.finditer(text):
        if "." in m.group(1) and _STRAY_POINT.search(m.group(1)):
            continue   # a full stop written as '.', not a decimal point
        typ, joins = vocab.LIST_CATEGORIES[m.group(2)]
        pos = m.start(1)
        items = m.group(1).split("、")
        if typ == "Enterprise" and 2 * sum(map(looks_like_name, items)) < len(items):
            continue   # companies are named by names: '组建能源发展、数据等企业' lists trades
        opens_clause = pos == 0 or text[pos - 1] in "，；：。（“"
        for i, item in enumerate(items):
            start = pos
            pos += len(item) + 1
            if i == 0:
                verb = _LEADING_VERB.match(item) or _LEADING_PREPOSITION.match(item)
                if verb:
                    start, item = start + verb.end(), item[verb.end():]
                joined = item.rfind("和")
                if joined > 0 and item[:joined].endswith(tuple(vocab.LIST_CATEGORIES)):
                    start, item = start + joined + 1, item[joined + 1:]   # '某某高铁和某某…': two names
            if typ == "Place" and joins and not _WATER_NAME.fullmatch(item):
                continue   # '某江、某河等流域': basins are named by one river or lake each
            if item.endswith(vocab.LIST_CLASS_ENDINGS) and not joins:
                continue   # '高新技术企业、专精特新企业等企业': classes, not names
            if (i == 0 and not opens_clause and not verb) or len(item) < 2 or re.fullmatch(r"[\d.]+", item) or item in vocab.FORMULA_QUOTES:
                continue
            if typ == "Program" and not joins and item.endswith(vocab.FACILITY_ENDINGS):
                out.append(Span(start, start + len(item), item, "Platform"))
                continue   # '某某站、某某口岸等互联互通工程': a station or a port is a platform built
            head = m.group(2) if joins is True else joins or ""
            if isinstance(joins, str) and (_head_type(item) or item.endswith(vocab.FACILITY_HEADS)):
                head = ""   # '某某监测网等重大科技基础设施': the item has a head of its own
            name = item + head if head and head not in item else item   # '某某高铁某某段' has its kind
            out.append(Span(start, start + len(item), name, typ, (item,) if name != item else ()))
    for m in _COUNTED_LIST.finditer(text):
        head = m.group(2)
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            start = pos
            pos += len(item) + 1
            if i == 0:   # the clause's verbs and adverbs before the first item ('全面展开…')
                lead = 0
                for t in tokenize(item):
                    if t.tag[:1] not in ("v", "d", "a", "p", "c") and t.text not in vocab.LEFT_STOP_WORDS:
                        break
                    lead = t.end
                start, item = start + lead, item[lead:]
            if len(item) >= 2 and not item.endswith(head):
                out.append(Span(start, start + len(item), item + head, vocab.COUNTED_LIST_HEADS[head], (item,)))
    return out


_LEADING_VERB = re.compile(f"(?:{_alternation([w for w in vocab.LEFT_STOP_WORDS if len(w) >= 2] + list(vocab.LIST_OPENING_ACTS))})+了?")


_CAMPAIGN_BY_WORD = re.compile(f"({_alternation(vocab.CAMPAIGN_WORDS)})([\u3400-\u9fff]{{2,8}}?)"
                               f"({_alternation(vocab.CAMPAIGN_HEADS)})")
_CAMPAIGN_BY_PLACE = re.compile(f"([\u3400-\u9fff]{{2,8}}?)({_alternation(vocab.CAMPAIGN_PLACE_TAILS)})"
                                f"({_alternation(vocab.CAMPAIGN_HEADS)})")


def campaigns(text: str, province: str | None) -> list[Span]:
    """'平安北京建设', '雄安新区建设', '法治政府建设': a campaign named by what it builds, a
    formula word and a place or an object ('政府', '城市'), or a place with its region word,
    before 建设 is a programme; '加快建设' is not."""
    if not _CAMPAIGN_HEAD.search(text):
        return []
    gaz = gazetteer()

    def place(word: str) -> bool:
        return word not in vocab.COMMON_PLACE_WORDS and word not in vocab.NON_PLACES and \
            (gaz.lookup(word, province) is not None or word in vocab.NAMED_REGIONS)

    out = []
    for m in _CAMPAIGN_BY_WORD.finditer(text):
        if m.group(2) in vocab.CAMPAIGN_OBJECTS or place(m.group(2)):
            out.append(Span(m.start(), m.end(), m.group(0), "Program"))
    for m in _CAMPAIGN_BY_PLACE.finditer(text):
        stem = m.group(1)
        for n in range(len(stem), 1, -1):   # the place ends where the region word begins
            if place(stem[-n:]) or stem[-n:] + m.group(2) in vocab.NAMED_REGIONS:
                start = m.start(1) + len(stem) - n
                out.append(Span(start, m.end(), text[start:m.end()], "Program"))
                break
    return out


_CAMPAIGN_HEAD = re.compile(_alternation(vocab.CAMPAIGN_HEADS))


_ROUTE = re.compile(f"([\u3400-\u9fff]{{2,6}}?)({_alternation(vocab.ROUTE_HEADS)})"
                    f"(?:{_alternation(vocab.ROUTE_SECTIONS)})?(?=[、，。；和及等]|$|{_alternation(vocab.ROUTE_FOLLOWERS)})")
_METRO = re.compile(r"(?:[\u3400-\u9fff]{2,3})?地铁[A-Z]?\d+号?线(?:[一二三四五]期)?(?:[东南西北]段)?")
_METRO_MORE = re.compile(r"[、和]([A-Z]?\d+号?线(?:[一二三四五]期)?(?:[东南西北]段)?)")
_PHASE = re.compile(f"(?<=[，；。、])([\u3400-\u9fffA-Za-z0-9]{{2,12}}?[一二三四五]期)(?=[、，。；等]|"
                    f"{_alternation(vocab.ROUTE_FOLLOWERS)})")
_STRATEGY_TAIL = re.compile(f"({_alternation(vocab.STRATEGY_TAILS)})(?![\u3400-\u9fff]{{0,1}}(?:示范|试验|区|城市))")


_REGIONS_LONGEST_FIRST = tuple(sorted(vocab.NAMED_REGIONS, key=len, reverse=True))


def projects(text: str, province: str | None) -> list[Span]:
    """Construction projects named by their route and kind ('成达万高铁', '西香高速'),
    metro lines ('地铁4号线北段'), phases ('某某化学二期'), and regional strategies ('长江
    经济带发展', '中部地区崛起'): programmes in a work report."""
    gaz = gazetteer()
    out = []
    for m in _ROUTE.finditer(text):
        stem = m.group(1)
        cut = max((stem.rfind(w) + len(w) for w in vocab.ROUTE_STEM_BREAKS if w in stem), default=0)
        verb = _LEADING_VERB.match(stem, cut)
        start = m.start() + (verb.end() if verb else cut)
        if m.end() - start - len(m.group(2)) < 2 or text[start:m.end()] in vocab.NON_PLACES \
                or text[start:m.end()].endswith(vocab.GENERIC_ROUTES):
            continue
        out.append(Span(start, m.end(), text[start:m.end()], "Program"))
    for m in _METRO.finditer(text):
        out.append(Span(m.start(), m.end(), m.group(0), "Program"))
        pos = m.end()
        while (more := _METRO_MORE.match(text, pos)) is not None:   # '地铁4号线北段、7号线一期南段': 地铁 is shared
            out.append(Span(more.start(1), more.end(), "地铁" + more.group(1), "Program", (more.group(1),)))
            pos = more.end()
    for m in _PHASE.finditer(text):
        verb = _LEADING_VERB.match(m.group(1))
        start = m.start() + (verb.end() if verb else 0)
        if m.end() - start > 4:
            out.append(Span(start, m.end(), text[start:m.end()], "Program"))
    for m in _STRATEGY_TAIL.finditer(text):
        before = text[max(0, m.start() - 8):m.start()]
        region = next((r for r in _REGIONS_LONGEST_FIRST if before.endswith(r)), None)
        if region is None and m.group(1) != "发展":
            region = next((before[-n:] for n in (4, 3, 2) if len(before) >= n and before[-n:] not in vocab.NON_PLACES
                           and gaz.lookup(before[-n:], province)), None)
        if region:
            out.append(Span(m.start() - len(region), m.end(), region + m.group(1), "Program"))
    return out


def international_bodies(text: str) -> list[Span]:
    """Bodies of the nations together ('联合国某某组织', '世界某某组织'): bureaus abroad."""
    return [Span(m.start(), m.end(), m.group(0), "Bureau") for m in _INTERNATIONAL_BODY.finditer(text)]


_INTERNATIONAL_BODY = re.compile(f"(?:{_alternation(vocab.INTERNATIONAL_OPENERS)})"
                                  f"(?!{_alternation(vocab.NOT_INTERNATIONAL_BODY)})"
                                  f"(?:(?![和及与等的其他它各性]|地区|区域|经济)[\u3400-\u9fff]){{1,8}}?组织")


def facilities_by_place(text: str, province: str | None) -> list[Span]:
    """Stations and ports named by the places they serve ('某某某某站', '某某港'): platforms."""
    gaz, out = gazetteer(), []
    for m in _FACILITY.finditer(text):
        stem, start = m.group(1), m.start(1)
        for n in range(len(stem) - 1):   # the longest run of places ending at the facility word
            if _all_places(stem[n:], gaz, province):
                out.append(Span(start + n, m.end(), stem[n:] + m.group(2), "Platform"))
                break
    return out


def _all_places(words: str, gaz, province: str | None) -> bool:
    """Whether a run of characters splits into places the gazetteer knows, full or short."""
    if not words:
        return True
    return any(gaz.lookup(words[:k], province) is not None and words[:k] not in vocab.COMMON_PLACE_WORDS
               and _all_places(words[k:], gaz, province) for k in range(min(len(words), 6), 1, -1))


_FACILITY = re.compile(f"([\u3400-\u9fff]{{2,8}}?)({_alternation(vocab.PLACE_FACILITIES)})(?![\u3400-\u9fff]{{0,1}}(?:长|点|台|区|口))")


def national_events(text: str) -> list[Span]:
    """Events the language names by a short form of their own (亚冬会, 广交会), and
    sessions named by their numbers (党的二十大, 省委十一届十次全会)."""
    sessions = "届" in text or "全会" in text or "党的" in text   # the patterns run only where they may match
    found = [Span(m.start(), m.end(), m.group(0), "Event")
             for pattern in ((_NATIONAL_EVENT, _SESSION) if sessions else (_NATIONAL_EVENT,))
             for m in pattern.finditer(text)]
    for m in (_SESSIONS_SHARING.finditer(text) if "、" in text and "全会" in text else ()):   # '十次、十一次全会'
        body, kind = m.group(1), m.group(3)
        numbers = m.group(2).split("、")
        pos = m.start()
        for i, number in enumerate(numbers):
            end = pos + len(body) + len(number) if i == 0 else pos + len(number)
            found.append(Span(m.start() if i == 0 else pos, end + (len(kind) if i == len(numbers) - 1 else 0),
                              body + number + kind, "Event"))
            pos = end + 1 if i == 0 else end + 1
    return found


_SESSIONS_SHARING = re.compile(r"((?:[省市]委|中央)?[一二三四五六七八九十]+届)([一二三四五六七八九十]+[中次]"
                               r"(?:、[一二三四五六七八九十]+[中次])+)(全会)")


_NATIONAL_EVENT = re.compile(_alternation(vocab.NATIONAL_EVENTS))
_SESSION = re.compile(vocab.SESSION_PATTERN)


def register_names(text: str, toks, province: str | None,
                   type_of_name: Callable[[str], str | None]) -> list[Span]:
    """Every name of the register in one sentence. Most sentences hold none of the words a
    rule starts from, so each rule runs only where its word stands."""
    found = gazetteer_places(text, toks, province) + abbreviated_places(text, toks)
    if "“" in text:
        found += quoted_names(text, type_of_name)
    if province and ("省" in text or "市" in text or "监督" in text):
        found += own_bodies(text, province)
    if "等" in text or _COUNTED_KIND.search(text):
        found += listed_names(text)
    if "会" in text or "届" in text or "党的" in text:
        found += national_events(text)
    found += campaigns(text, province)
    if "院" in text or "所" in text:
        found += abbreviated_institutes(text)
    if "组织" in text:
        found += international_bodies(text)
    if "站" in text or "港" in text:
        found += facilities_by_place(text, province)
    if "精神" in text:
        found += documents_by_spirit(text)
    if _PROJECT_WORD.search(text):
        found += projects(text, province)
    return found


_SPIRIT = re.compile(f"([\u3400-\u9fff]{{2,12}}?(?:{_alternation(vocab.SPIRIT_DOCUMENTS)}))精神")


_ABBREVIATED_INSTITUTE = re.compile(
    f"(?:^|(?<=[、，。；：]))(?!{_alternation(vocab.NOT_ABBREVIATED_INSTITUTES)})"
    f"([\u3400-\u9fff]{{1,3}}(?:[{vocab.FIELD_CHARACTERS}]院|[{vocab.FIELD_CHARACTERS}技]所))"
    f"(?=[、，。；等和及]|{_alternation(vocab.ABBREVIATED_INSTITUTE_PREDICATES)})")


def abbreviated_institutes(text: str) -> list[Span]:
    """Institutes and colleges a report names by their abbreviation in a list or as a
    subject: a place or a founder, the field's character, 院 or 所 ('某化院', '某科院',
    '某工院'); colleges of vocations and engineering are universities."""
    out = []
    for m in _ABBREVIATED_INSTITUTE.finditer(text):
        name = m.group(1)
        typ = "University" if name.endswith(vocab.ABBREVIATED_COLLEGE_ENDINGS) else "ResearchInstitute"
        out.append(Span(m.start(1), m.end(1), name, typ))
    return out


_SPIRIT_LEAD = re.compile(f"(?:{_alternation({*vocab.FRAME_ADVERBS, *vocab.SPIRIT_VERBS, *vocab.FRAME_VERBS, *(w for w in vocab.LEFT_STOP_WORDS if len(w) >= 2)})})+")


def documents_by_spirit(text: str) -> list[Span]:
    """A document whose spirit is studied or carried out ('贯彻某某规定精神'): a policy, named
    without the verbs and manner words before it."""
    out = []
    for m in _SPIRIT.finditer(text):
        start, name = m.start(1), m.group(1)
        lead = _SPIRIT_LEAD.match(name)
        if lead:
            start, name = start + lead.end(), name[lead.end():]
        if len(name) >= 4:
            out.append(Span(start, start + len(name), name, "Policy"))
    return out


_PROJECT_WORD = re.compile(_alternation({*vocab.ROUTE_HEADS, *vocab.STRATEGY_TAILS, "地铁", "期"}))


@lru_cache(maxsize=256)
def narrator_province(narrator: str) -> str | None:
    """The provincial-level division a narrator belongs to: 安徽省人民政府 → 安徽省,
    运城市科学技术局 → 山西省; None for a national body."""
    gaz = gazetteer()
    for n in range(min(len(narrator), 10), 1, -1):
        place = gaz.lookup(narrator[:n])
        if place is not None and place.level != "country":
            return place.province
    return None
