"""Names a work report gives by the clause they stand in, not by a cue of their own.

A government's report says what went on in clauses of two shapes: a subject and a
predicate of progress, of building or of what companies do (城市更新加力实施,
量子计算研发平台获批立项, 某某科技等快速成长), and a verb and its object running to
the clause's end (实施高质量就业挖潜扩容计划, 出台对俄入境旅游便利化措施, and for
products, which carry no head word, 推出某某地图 or 某某转轮研制成功). The subject of
such a predicate, and the object of such a verb when it ends in a head word, is one
thing's name: the clause's edges are the name's edges, which a cue alone cannot give
(国企改革深化提升行动 holds two verbs).

The words behind both frames live in `kg.vocab`; the functions return plain spans
with offsets into the sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from kg import vocab
from kg.extract.register import Span, _alternation
from kg.extract.tokens import looks_like_name, tokenize
from kg.gazetteer import gazetteer

_GENERIC_NOUNS = tuple(w for w in vocab.GENERIC_WORDS if len(w) >= 2)
_CLAUSE_END = "，；。：！？\n"
_CLAUSE = re.compile(f"[^{_CLAUSE_END}]+")
_HEADING_NUMBER = re.compile(r"^[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]+是")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    adverbs = f"(?:{_alternation(vocab.FRAME_ADVERBS + vocab.PREDICATE_PREFIXES)})*"
    progress = f"(?:{_alternation(vocab.PROGRESS_PREDICATES)}|{vocab.PROGRESS_RESULTS})"
    built = f"(?:{_alternation(vocab.BUILT_PREDICATES)})+"
    # a predicate closes its clause; '落户' may name where ('落户深圳')
    end = f"(?=[{_CLAUSE_END}]|$)"
    return {
        "progress": re.compile(f"{adverbs}{progress}{end}"),
        "built": re.compile(f"{adverbs}(?:{built}{end}|落户[\u3400-\u9fff]{{2,4}}{end})"),
        "company": re.compile(f"{adverbs}(?:{_alternation(vocab.ENTERPRISE_PREDICATES)}){end}"),
        "coverage": re.compile(f"{adverbs}{vocab.COVERAGE_PREDICATE}{end}"),
        "any_predicate": re.compile(f"(?:{_alternation(vocab.ENTERPRISE_PREDICATES + vocab.BUILT_PREDICATES)}|{progress}"
                                    f"|{vocab.COVERAGE_PREDICATE})"
                                    f"(?=[{_CLAUSE_END}]|$)|落户"),
        "verb": re.compile(_alternation(vocab.FRAME_VERBS)),
        "making": re.compile(_alternation(vocab.MAKING_VERBS + vocab.MAKING_VERBS_WITH_CLASS)),
        "made": re.compile(f"(?:{_alternation(vocab.FRAME_ADVERBS)})*(?:{_alternation(vocab.MADE_PREDICATES)})(?=[{_CLAUSE_END}]|$)"),
        "first_of_kind": re.compile(vocab.FIRST_OF_ITS_KIND),
        "verbs": re.compile(f"(?:{_alternation(vocab.FRAME_VERBS)})+"),
        "second": re.compile(_alternation(vocab.FRAME_SECOND_VERBS)),
        "followers": re.compile(f"(?:{_alternation(vocab.FRAME_OBJECT_FOLLOWERS)})$"),
        "opener": re.compile(f"(?:{_alternation(vocab.FRAME_CLAUSE_OPENERS)})"),
        "manner": re.compile(f"(?:{_alternation(vocab.FRAME_OBJECT_OPENERS)})+"),
    }


@lru_cache(maxsize=1)
def _heads() -> tuple[dict[str, str], int]:
    heads: dict[str, str] = {}
    for typ, words in vocab.FRAME_HEADS.items():
        for head in words:
            heads.setdefault(head, typ)
    return heads, max(map(len, heads))


def _head(name: str) -> tuple[str, str] | None:
    """The head word that closes a name and the type it gives, the longest head deciding
    ('…试点' a programme, '…措施' a policy); None when no head closes it."""
    heads, longest = _heads()
    for n in range(min(longest, len(name) - 1), 0, -1):
        typ = heads.get(name[-n:])
        if typ is not None:
            return name[-n:], typ
    return None


def _head_type(name: str) -> str | None:
    head = _head(name)
    return head[1] if head else None


def _strong_head(name: str) -> bool:
    """Whether a programme's head word closes the name whatever verbs it holds
    ('加快某某建设三年行动'), unlike a common one ('…机制')."""
    return _head_type(name) == "Program" and not name.endswith(vocab.FRAME_WEAK_HEADS)


def _without_head(name: str) -> str:
    head = _head(name)
    return name[: -len(head[0])] if head else name


def _clauses(text: str):
    return ((m.start(), m.end()) for m in _CLAUSE.finditer(text))


_TWO_HAN = re.compile(r"[\u3400-\u9fff]{2}")
_NAME_OPENING = re.compile(r"[\u3400-\u9fffA-Za-z0-9“]")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[多余]?(?:%|万|亿|个|家|项|名|人|元|倍|款|种|件|台|套|支|条(?![\u3400-\u9fff]))")
_LISTED_MEASURES = re.compile(r"([\u3400-\u9fff]{4,20})等(政策措施|措施|举措)")
_POLICY_COUNT = re.compile(r"[0-9一二三四五六七八九十两]+条")   # '出台30条…措施': how many measures
_COUNT = re.compile(r"[一两二三四五六七八九十百千\d]+[套个项批家条类支种所座处]")
_CLASS_AFTER_LIST = re.compile(r"(?<=[\u3400-\u9fffA-Za-z0-9])等(?:一批|一系列|多家|多个)“?[\u3400-\u9fff]{1,6}”?$")
_SCOPE_COUNT = re.compile(r"[一两二三四五六七八九十百千\d]+个(?:镇|乡|村|县|市|区|街道|园区)")


def _well_formed(name: str, headed: bool, strict: bool = False) -> bool:
    """Words at a name's edges: a name without a head word does not end in an adverb, a
    particle or a count ('…蓬勃', '…继续', '…也' end a clause), and one closed by a common
    head does not open with a verb of the clause ('健全长效机制' is an act, not a name)."""
    toks = tokenize(name)
    if name.endswith(vocab.FRAME_WEAK_HEADS) and (toks[0].text in vocab.LEFT_STOP_WORDS or toks[0].tag in ("d", "ad")):
        return False
    last = toks[-1].tag
    if headed:
        return True
    if strict and last[:1] in ("v", "a"):
        return False   # '…相继颁布', '…活动蓬勃': a clause, not a name
    return not (last[:1] in ("d", "u", "p", "c", "r", "m", "q", "t", "y") or last == "ad")


def _name_like(name: str, is_category: Callable[[str], bool]) -> bool:
    """A frame's span is a name when it holds no clause grammar, no figure and no scope
    word, is not a class ('重点项目') and not a place (the place rules have those)."""
    if not 2 <= len(name) <= 26 or not _TWO_HAN.search(name) or not _NAME_OPENING.match(name):
        return False
    if any(w in name for w in vocab.FRAME_NOT_IN_NAME) or name.startswith(vocab.FRAME_NOT_NAME_START):
        return False
    if name.endswith(vocab.FRAME_NOT_NAME_END) or _FIGURE.search(name):
        return False
    if _COUNT.match(name):
        return False   # '一套扶持政策': a count of a kind
    if name[0] in "各本该每这此其和与及并也还又更都" or "“" in name[1:]:
        return False   # '某某“四早”工程': the quotation is the name, the quote rule's
    return gazetteer().lookup(name) is None and not is_category(name) and not is_category(_without_head(name))


def subject_frames(text: str, type_of_name: Callable[[str], str | None],
                   is_category: Callable[[str], bool]) -> list[Span]:
    """Subjects of a clause whose predicate says a programme went on or a thing was
    built; a list subject ('A、B建成投用') gives each item."""
    pats = _patterns()
    out: list[Span] = []
    if not pats["any_predicate"].search(text):
        return out   # most sentences hold none
    for cs, ce in _clauses(text):
        clause = text[cs:ce]
        for kind in ("company", "coverage", "progress", "built"):
            m = pats[kind].search(clause)
            if m is None or m.start() < 2:
                continue
            s = 0
            for lead in (_HEADING_NUMBER, pats["opener"]):
                found = lead.match(clause, s)
                s = found.end() if found else s
            subject = clause[s:m.start()]
            subject = _CLASS_AFTER_LIST.sub("", subject)   # '甲、乙等一批“金种子”': the list, not its class
            subject = subject[:-1] if subject.endswith("等") else subject
            subject = subject[:-2] if subject.endswith("成果") else subject   # '脱贫攻坚成果巩固拓展'
            if "等" in subject or "“" in subject and "”" not in subject:
                break
            out += _subject_names(subject, cs + s, kind, type_of_name, is_category)
            break
    return out


def _list_items(text: str, marks: str = "、") -> list[str]:
    """The items of a list written with 、, a quotation being one item whatever it holds."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "“") - (ch == "”")
        if ch in marks and depth <= 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return items


def _objects(obj: str, type_of_name) -> list[str]:
    """The names an object holds: one per item of a list, a pair joined by 和 or 及 where
    both halves end in a head ('…提升计划和…培育计划'), and the whole where the items
    before the last are only its modifiers ('改进作风、访企入村专题行动')."""
    items = _pairs_split(_list_items(obj), type_of_name)
    typed = [_object_type(i, type_of_name) is not None for i in items]
    if len(items) > 1 and not any(typed[:-1]) and typed[-1] and all(len(i) >= 4 for i in items[:-1]):
        shared = items[0][-2:]   # '甲治理、乙治理攻坚行动': two campaigns, the head written once
        cut = items[-1].rfind(shared) + 2
        head = items[-1][cut:]
        if cut >= 4 and len(head) >= 2 and _head_type(head) and all(i.endswith(shared) for i in items[:-1]):
            return [i + head for i in items[:-1]] + [items[-1]]
    if len(items) > 1 and not all(typed):
        if all(len(i) <= 4 for i in items[:-1]):
            return [obj]
        if typed[0]:   # '实施某某政策、惠及168万名儿童': the names run until the clause goes on
            return items[:typed.index(False)]
        return []
    return items


def _pairs_split(items: list[str], type_of_name) -> list[str]:
    """Items joined by 和 or 及 are two where both halves end in a head."""
    out = []
    for item in items:
        halves = _list_items(item, "和及")
        out += halves if len(halves) == 2 and all(_object_type(h, type_of_name) for h in halves) else [item]
    return out


def _unquoted(name: str) -> str:
    return name.replace("“", "").replace("”", "")


_BARE_SUBJECT_TYPES = {"progress": "Program", "built": "Platform", "company": "Enterprise", "coverage": None}


def _subject_names(subject: str, pos: int, kind: str, type_of_name, is_category) -> list[Span]:
    """The names a subject holds: each item of a list, where every item is a name and the
    items are of one kind (all headed, or none: '创造型、引领型改革' is one phrase)."""
    items = _pairs_split(_list_items(subject), type_of_name)
    headed = [_head_type(i) or type_of_name(i) for i in items]
    if len(items) > 1 and any(headed) and not all(headed):
        return []
    out = []
    for item, head in zip(items, headed):
        name, end = _unquoted(item), pos + len(item)
        typ = head or _BARE_SUBJECT_TYPES[kind]
        if typ is None:
            return []   # '公共文化设施实现全覆盖': a service, no programme
        if kind == "company" and not head and 2 * sum(map(looks_like_name, items)) < len(items):
            return []   # companies are named by names: most items of the list look like one
        tail = next((t for t in vocab.FRAME_BUILDING_TAILS if name.endswith(t)), None)
        if tail and type_of_name(name[: -len(tail)]) not in (None, "Program"):
            name, end = name[: -len(tail)], end - len(tail)   # '…示范区建设': the platform built
            typ = type_of_name(name)
        second = _patterns()["second"].search(name) if not _strong_head(name) else None
        if typ == "Bureau" or not _name_like(item, is_category) or (second and second.end() < len(name) - 2) \
                or not _well_formed(name, bool(head) or kind == "company", strict=len(items) == 1) \
                or (not head and len(name) < (2 if kind == "company" else 3 if len(items) > 1
                                              else vocab.FRAME_SHORTEST_BARE_SUBJECT)):
            return []
        out.append(Span(pos, end, name, typ))
        pos += len(item) + 1
    return out


def _subject_type(item: str, kind: str, type_of_name) -> str | None:
    cue = type_of_name(item)
    if cue is not None:
        return cue
    head = _head_type(item)
    if head is not None:
        return head
    return "Program" if kind == "progress" else "Platform"


def object_frames(text: str, type_of_name: Callable[[str], str | None],
                  is_category: Callable[[str], bool]) -> list[Span]:
    """Objects of a governing verb that run to the clause's end and end in a head word;
    a list of such objects gives each one."""
    pats = _patterns()
    out: list[Span] = []
    if not pats["verb"].search(text):
        return out
    for cs, ce in _clauses(text):
        clause = text[cs:ce]
        for m in pats["verb"].finditer(clause):
            found = _object_of(clause, m, type_of_name, is_category)
            if found:
                out.extend(Span(cs + s, cs + e, name, typ) for s, e, name, typ in found)
                break
    return out


def _object_of(clause: str, verb: re.Match, type_of_name, is_category):
    pats = _patterns()
    start = verb.end()
    for lead in (pats["verbs"], pats["manner"], pats["verbs"]):
        found = lead.match(clause, start)
        start = found.end() if found else start
    end = len(clause)
    obj = clause[start:end]
    follower = pats["followers"].search(obj)
    if follower and follower.start() > 0:
        end -= len(follower.group(0))
        obj = clause[start:end]
    listed = _LISTED_MEASURES.fullmatch(obj)
    if listed:   # '出台促进外贸稳增长等措施': the measures named by what they do
        name = listed.group(1) + listed.group(2)
        if _name_like(name, is_category):
            return [(start, end, name, "Policy")]
    if not 2 <= len(obj) <= 60 or "等" in obj or "《" in obj or obj.endswith(vocab.FRAME_NOT_OBJECT_END):
        return []
    count = _POLICY_COUNT.match(obj)
    if count and _head_type(obj) == "Policy":
        start, obj = start + count.end(), obj[count.end():]
    scope = _SCOPE_COUNT.match(obj)
    if scope and len(obj) - scope.end() >= 4:   # '完成6个镇某某试点任务': where it was done, then what
        start, obj = start + scope.end(), obj[scope.end():]
    headless = verb.group(0) in vocab.HEADLESS_FRAME_VERBS and len(obj) <= 10
    if not headless and _object_type(obj, type_of_name) is None \
            and ("、" not in obj or _object_type(_list_items(obj)[0], type_of_name) is None):
        return []   # the last name of an object ends the object: without a head there is none   # a list before its class noun is the list rule's; a title, the titles'
    items = _objects(obj, type_of_name)
    found = []
    for item in items:
        written = next(item[:n] for n in range(len(item), 0, -1) if item[:n] in obj)   # less a shared head
        pos = start + obj.find(written)
        typ = _object_type(item, type_of_name)
        if typ is None and len(items) == 1 and verb.group(0) in vocab.HEADLESS_FRAME_VERBS and _headless_name(item):
            typ = "Program"   # '实施以工代赈', '实施乡村全面振兴'; '实施科研项目常态化申报' describes an act
        policy = typ == "Policy" and item.find("的") >= 4   # '推动某某发展的实施意见'
        scoped = typ == "Event" and item.startswith(vocab.FRAME_NOT_NAME_START[:4])   # '召开全省…大会'
        name_ok = typ not in ("Bureau",) and _name_like(item[2:] if scoped else item.replace("的", "") if policy else item,
                                                         is_category)
        second = pats["second"].search(item) if not (_strong_head(item) or policy) else None   # '推动…的实施意见' is a title
        if typ is None or not name_ok or (second and second.end() < len(item) - 2) \
                or not _well_formed(_unquoted(item), _object_type(item, type_of_name) is not None):
            return []
        if verb.group(0) == "入选" and typ != "Program":
            return []   # '入选国家…示范区': a title conferred, the honour rules' to read
        found.append((pos, pos + len(written), _unquoted(item), typ))
    return found


def _headless_name(item: str) -> bool:
    """Whether an object without a head word names a programme: short, of no generic noun,
    and ending in a verb only where it is short and holds no other ('乡村全面振兴', not
    '范围继续扩大' or '科研项目常态化申报')."""
    if not 3 <= len(item) <= 10 or any(w in item for w in _GENERIC_NOUNS):
        return False
    toks = tokenize(item)
    return toks[-1].tag[:1] != "v" or (len(item) <= 6 and sum(t.tag[:1] in ("v", "d") for t in toks) <= 1)


def _object_type(item: str, type_of_name) -> str | None:
    head = _head_type(item)
    if head in ("Policy", "Event"):
        return head
    return type_of_name(item) or head


def product_frames(text: str, type_of_name: Callable[[str], str | None],
                   is_category: Callable[[str], bool]) -> list[Span]:
    """Products, which carry no head word: the object of a verb of making, running to the
    clause's end ('推出A、B、C'), and the subject of a predicate of making ('全球首台某某
    转轮研制成功'); '全球首个' and '等核心技术' are not part of their names."""
    pats = _patterns()
    out: list[Span] = []
    if not pats["making"].search(text) and not pats["made"].search(text):
        return out
    for cs, ce in _clauses(text):
        clause = text[cs:ce]
        made = pats["made"].search(clause)
        verb = pats["making"].search(clause)
        if made and made.start() > 0:
            span = (0, made.start())
        elif verb and _a_word_of_its_own(clause, verb):
            span = (verb.end(), len(clause))
        else:
            continue
        start, end = span
        first = pats["first_of_kind"].match(clause, start)
        start = first.end() if first else start
        body = clause[start:end]
        tail = next((t for t in vocab.PRODUCT_LIST_TAILS if body.endswith(t)), None)
        if tail:
            body = body[: -len(tail)]
        elif not made and verb.group(0) in vocab.MAKING_VERBS_WITH_CLASS:
            continue   # '突破瓶颈制约': no product without a class noun saying so
        pos = cs + start
        items = _list_items(body)
        found = []
        for item in items:
            name = _unquoted(item)
            if not (3 <= len(name) <= 16) or not _name_like(item, is_category) or type_of_name(name) or _head_type(name) \
                    or pats["verb"].search(name) or not _well_formed(name, False, strict=not tail) \
                    or tokenize(name)[0].text in vocab.LEFT_STOP_WORDS:
                found = []
                break
            found.append(Span(pos, pos + len(item), name, "Product"))
            pos += len(item) + 1
        out += found
    return out


def _a_word_of_its_own(clause: str, m: re.Match) -> bool:
    """Whether a verb matched in a clause is a word there, not part of one ('突破性', '研发费用')."""
    ends = {t.end for t in tokenize(clause)}
    starts = {t.start for t in tokenize(clause)}
    return m.start() in starts and m.end() in ends


def clause_frames(text: str, type_of_name: Callable[[str], str | None],
                  is_category: Callable[[str], bool]) -> list[Span]:
    """Every name the clause frames give in one sentence."""
    return subject_frames(text, type_of_name, is_category) + object_frames(text, type_of_name, is_category) \
        + product_frames(text, type_of_name, is_category)
