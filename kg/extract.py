"""Extraction: a spaCy pipeline of small components registered by name.

    tokenizer      JiebaPosTokenizer   words and part-of-speech tags from jieba's dictionary
                                       (segmented by jieba-rs), sentence starts at 。！？ and
                                       line ends; one Doc per section
    kg_mentions                        named entities from the cue grammar (doc.spans["mentions"])
    kg_relations                       relations, the narrator standing in for omitted subjects
    kg_figures                         figures: value, unit, year, qualifier, indicator

The components leave one list per sentence in doc._.mentions, doc._.relations and
doc._.figures, with offsets into the sentence: evidence is quoted sentence by sentence.

No pretrained Chinese model is needed: the grammar of the genre (type cues at
the end of names, trigger verbs before objects, units after numbers) carries
the signal, and jieba's dictionary supplies word boundaries and tags for the
left edge of names. All cue words live in `kg.vocab`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from kg import vocab
from kg.model import Evidence, Mention, Observation, Relation, Section
from kg.normalise import NormalisedText
from kg.gazetteer import gazetteer
from kg.register import narrator_province, register_names
from kg.sections import Sentence, split_sentences

_CJK = re.compile(r"[\u3400-\u9fff]")
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·\-（）()]")
_NAME_WORD = re.compile(_NAME_CHAR.pattern + "*")
_PUNCT = set("，。；：！？、“”‘’《》（）()【】,;:!?\"' \n")


# --- tokens -------------------------------------------------------------------------

class Tok(NamedTuple):
    """A word of a sentence (made by the hundred thousand: a tuple, not a dataclass)."""
    start: int   # offsets into the sentence
    end: int
    text: str
    tag: str


@dataclass(frozen=True)
class Lexicon:
    """jieba's dictionary as the rules consult it: a segmenter taught the type cues, the
    words the dictionary files as places, and how common the words it files as adverbs are."""
    segmenter: object                 # rjieba.Jieba
    places: frozenset[str]
    adverb_frequency: dict[str, int]
    word_tags: dict[str, str] = field(default_factory=dict)   # filled as words are met

    def is_place(self, word: str) -> bool:
        return word in self.places


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """jieba's dictionary, segmented by jieba-rs (rjieba): the same words and the same tags as
    jieba, at a fraction of the cost. Our own instance is taught the type cues, so that a cue
    is never glued to the word after it ('局在'), and the two-country abbreviations."""
    import rjieba

    text = _jieba_dictionary()
    segmenter = rjieba.Jieba()
    for cues in vocab.TYPE_SUFFIXES.values():
        for cue in cues:
            if len(cue) >= 2 and not segmenter.has_word(cue):
                segmenter.add_word(cue, None, "nz")
    known = dict(re.findall(r"^(%s) \d+ (\S+)$" % "|".join(vocab.BILATERAL), text, re.M))
    for word in vocab.BILATERAL:
        segmenter.add_word(word, segmenter.suggest_freq(word), known.get(word, "nz"))
    places, adverbs = set(), {}
    for word, frequency, tag in re.findall(r"^(\S+) (\d+) (ns|d)$", text, re.M):
        if tag == "ns":
            places.add(word)
        else:
            adverbs[word] = int(frequency)
    return Lexicon(segmenter=segmenter, places=frozenset(places), adverb_frequency=adverbs)


def _jieba_dictionary() -> str:
    """The text of jieba's dictionary (the one jieba-rs is built with): one 'word freq tag' a
    line. Found without importing jieba, which would build a tokenizer of its own."""
    from kg.fsutil import package_dir

    # bytes decoded at once: read_text's newline translation would cost 4× as much on its 5 MB
    return (package_dir("jieba") / "dict.txt").read_bytes().decode("utf-8")


_PROVINCE_NAMES = frozenset(vocab.PROVINCES.values())

# Patterns made of vocabulary lists, compiled once (joining a list for every clause cost
# more than matching it).
_NARRATOR_PRONOUN = re.compile("|".join(vocab.NARRATOR_PRONOUNS))
_IMPLEMENT_VERB_BEFORE = re.compile("(" + "|".join(v for v in vocab.IMPLEMENT_VERBS if v != "推进") + ")$")
_IMPLEMENTS_TRIGGER = re.compile("^(" + "|".join(vocab.TRIGGERS["implements"]) + ")")
_ESTABLISHED_SOON_AFTER = re.compile(r"^[^，；]{0,12}?(" + "|".join(vocab.ESTABLISHED_AFTER) + ")")
_ESTABLISHED_AFTER = re.compile(r"^[^，；]{0,16}?(" + "|".join(vocab.ESTABLISHED_AFTER) + ")")
_CITE_VERB = re.compile("|".join(vocab.CITE_VERBS))
_HONOR_ADVERB = re.compile("|".join(vocab.HONOR_ADVERBS))
# a one-character qualifier (约, 近, 超) stands right before its number; a word (累计, 新增,
# 预计) may govern the whole phrase
_QUALIFIER_BEFORE = {
    word: re.compile(re.escape(word) + (r"(达到|达|为)?" if len(word) == 1 else r"[\u3400-\u9fff]{0,8}") + "$")
    for word in vocab.QUALIFIERS_BEFORE}
_NUMERIC = re.compile(r"^[0-9０-９.．%％]+$")
_LATIN = re.compile(r"^[A-Za-zＡ-Ｚａ-ｚ]+$")
_WORD_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def _shape_tag(word: str) -> str:
    """The tag of a word the dictionary does not know, from its shape: a Chinese word
    jieba's HMM made up is most likely part of a name (nz)."""
    if _NUMERIC.match(word):
        return "m"
    if _LATIN.match(word):
        return "eng"
    if not _WORD_CHAR.search(word):
        return "x"
    return "nz"


def _tokenize_uncached(text: str) -> tuple[Tok, ...]:
    lex = lexicon()
    known, word_tags = lex.segmenter.has_word, lex.word_tags
    toks, pos = [], 0
    for word, tag in lex.segmenter.tag(text, True):
        final = word_tags.get(word)
        if final is None:  # a word's tag never changes: the dictionary's, else its shape's
            final = word_tags[word] = tag if known(word) else _shape_tag(word)
        end = pos + len(word)
        toks.append(Tok(pos, end, word, final))
        pos = end
    return tuple(toks)


_tokenize_cached = lru_cache(maxsize=8192)(_tokenize_uncached)


def tokenize(text: str) -> list[Tok]:
    """jieba's words with their dictionary part-of-speech tags (no tagging HMM).

    Short strings (names, looked at again and again) are cached; sentences are not."""
    return list(_tokenize_cached(text)) if len(text) <= 24 else list(_tokenize_uncached(text))


def place_form(word: str, in_name: bool = False) -> str | None:
    """The canonical form of a place word ('山西' → '山西省', '杭州' → '杭州市'), or None."""
    form = _place_form(word, in_name)
    return None if form in vocab.NON_PLACES else form


@lru_cache(maxsize=4096)
def _place_form(word: str, in_name: bool = False) -> str | None:
    """The canonical form of a place word, using jieba's dictionary as the gazetteer.

    '山西' → '山西省', '深圳' → '深圳市', '运城市' → '运城市'; None when not a place."""
    is_place = lexicon().is_place
    if len(word) < 2 or word in vocab.NON_PLACES or word[0] in "各全本该每":
        return None
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


# --- helpers ------------------------------------------------------------------------

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
        return not (tok.tag == "d" and lexicon().adverb_frequency.get(w, 0) < vocab.RARE_WORD_FREQUENCY)
    if tok.tag == "m" and not w.startswith("第"):
        return True
    if tok.tag in ("m", "mq") and re.match(r"^[0-9.]+", w):
        return True
    return False


def _ends_with_cue(text: str) -> str | None:
    """The type whose cue ends the text (the first type in vocab order, as a name's head)."""
    if not text.endswith(_NAME_CUES):
        return None
    for typ, sufs in _NAME_CUES_BY_TYPE:
        for s in sufs:
            if text.endswith(s) and len(text) > len(s):
                return typ
    return None


# the cues of the named types (places aside), by type in vocab order, and all of them
_NAME_CUES_BY_TYPE = tuple((typ, tuple(sufs)) for typ, sufs in vocab.TYPE_SUFFIXES.items() if typ != "Place")
_NAME_CUES = tuple(c for _, sufs in _NAME_CUES_BY_TYPE for c in sufs)


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


def _looks_like_name(item: str) -> bool:
    """A short trade name ('鑫途化工', '科大讯飞') holds a proper-noun-like part; '数据' does not."""
    for t in tokenize(item):
        if t.tag in ("nr", "nrt", "nz", "nt", "j", "ng", "nrfg") or (len(t.text) == 1 and t.tag not in ("u", "uj", "c", "p")):
            return True
        if t.tag == "ns" and t.text not in vocab.NON_PLACES:
            return True
    return False


def _past_leading_verbs(toks: list[Tok], start: int, head: int) -> int:
    """Where a programme's name begins once the verbs and manner words that open the span
    are set aside ('高质量完成国企改革' → 国企改革, '推动花园城市建设' → 花园城市建设)."""
    for t in toks:
        if t.end <= start:
            continue
        if t.start < start or t.end >= head:
            break
        if t.tag in ("d", "ad") or t.text in vocab.LEFT_STOP_WORDS or t.text in vocab.MANNER_WORDS:
            start = t.end
        else:
            break
    return start


def _weak_cue_named(text: str, start: int, name: str, cue: str) -> bool:
    """A common programme word ('改革', '建设', '政策') closes a name when a clause opens
    with it or a verb stands before it, and what it closes is more than generic words:
    '接诉即办改革深入推进', '推动花园城市建设' name programmes; '的改革', '平台建设' do not."""
    rest = name[: -len(cue)]
    if cue not in vocab.NAMING_PROGRAM_CUES or len(rest) < 3 or _generic(name, cue) or _generic_kind(rest) or rest.endswith(tuple(_KIND_NOUNS)):
        return False
    before = text[:start]
    return not before or before[-1] in "，；：。、（" or before.endswith(tuple(w for w in vocab.LEFT_STOP_WORDS if len(w) >= 2))


def _generic_kind(item: str) -> bool:
    """'企业技术中心', '新型研发机构': a kind of thing, made of generic words and a kind noun."""
    rest = item
    for w in _GENERIC_WORDS:
        rest = rest.replace(w, "")
    return not rest or rest in _KIND_NOUNS


# the generic words longest first, so that a longer one is taken before its prefix, and the
# longest of them at a position (alternatives are tried in order)
_GENERIC_WORDS = tuple(sorted(vocab.GENERIC_WORDS, key=len, reverse=True))
_GENERIC_WORD = re.compile("|".join(map(re.escape, _GENERIC_WORDS)))
_KIND_NOUNS = frozenset({s for sufs in vocab.TYPE_SUFFIXES.values() for s in sufs} | {"中心", "机构", "平台", "载体"})


def _occurrences(word: str, text: str):
    """Non-overlapping occurrences of a literal word; most sentences hold none."""
    return re.finditer(re.escape(word), text) if word in text else ()


_DECORATION = re.compile(r"[\s\*“”\"‘’《》「」]")


def _clean_name(text: str) -> str:
    return _DECORATION.sub("", text)


# --- mentions -----------------------------------------------------------------------

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


def _protected(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》]*》", text)]


def _inside(spans, a, b) -> bool:
    return any(s <= a and b <= e and (s, e) != (a, b) for s, e in spans)


@lru_cache(maxsize=1 << 14)
def _places_in(name: str) -> tuple[str, ...]:
    """Places written into a name: 太原市小店区科学技术局 → 太原市, 小店区; 山西大学 → 山西省.
    Cached: a name comes back in sentence after sentence."""
    found: list[str] = []
    toks = tokenize(name)
    if toks and place_form(toks[0].text) is None:
        for n in (3, 2):
            p = place_form(name[:n]) if len(name) > n + 1 else None
            if p and (name[:n] in vocab.PROVINCES or lexicon().is_place(name[:n])):
                found.append(p)
                break
    for t in toks:
        if t.tag != "ns" and t.text not in vocab.PROVINCES and not t.text.endswith(("省", "市", "县", "区")) \
                and gazetteer().lookup(t.text) is None:
            continue
        p = place_form(t.text, in_name=True)
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


_NATIONAL_NAME = re.compile("|".join(map(re.escape, [*vocab.NATIONAL_BODIES, *(
    short for short, full in vocab.SHORT_FORMS.items() if full in vocab.NATIONAL_BODIES)])))


def find_mentions(text: str, toks: list[Tok], province: str | None = None) -> list[Cand]:
    """Named entities in one sentence, with nested parts; generic category nouns dropped.
    `province` is the one the text is about: its counties are named by short forms."""
    cands: list[Cand] = []
    protected = _protected(text)
    # 1. titles in 《》 are documents
    for m in re.finditer(r"《([^《》]{2,80})》", text):
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
    # 2. quoted names: programs, or names that carry their own cue
    for m in re.finditer(r"“([^“”]{2,24})”", text):
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
    # 3. names ending in a type cue
    tok_ends = {t.end for t in toks}
    for cstart, cend, typ, cue in _cue_spans(text):
        if text[cend:cend + 1] in ("化", "式", "型", "性", "生", "界"):
            continue
        if typ == "Program" and text[cend:].startswith(vocab.TYPE_SUFFIXES["Program"]):
            continue  # '科技计划项目': the longer cue decides
        if _inside(protected, cstart, cend) or any(c.start <= cstart and cend <= c.end for c in cands if c.type == "Policy"):
            continue
        if cend < len(text) and _CJK.match(text[cend]) and any(
                text[cstart:].startswith(longer) for longer in _longer_cues(cue)):
            continue  # '产业园' inside '产业园区': the longer cue is a candidate of its own
        if cend not in tok_ends and cend < len(text):
            nxt = text[cend]
            if _CJK.match(nxt) and cue not in ("司",) and not _ends_with_cue(text[:cend + 1]):
                # the cue sits inside a longer word ('公司（基地）' is fine, '大学生' is not)
                t = toks[_tok_index_at(toks, cend - 1)]
                if t.end > cend and typ != "Enterprise":
                    continue
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
            continue  # a quoted name is the quoted-name rule's
        lead = re.match(r"^(年度|年)", text[start:cend]) or \
            (re.match(r"^[项个家所批座条]", text[start:cend]) if start and text[start - 1].isdigit() else None)
        if lead:
            start += len(lead.group(0))
        # a verb opening the candidate governs it ('引入国机集团'), unless nothing would remain
        for i in range(first, k):
            t = toks[i]
            if t.start < start:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if t.tag in ("v", "vn") and len(t.text) >= 2 and cend - t.end >= len(cue) + 2 and nxt is not None and \
                    (nxt.tag in ("ns", "nt", "nr", "nz", "j") or place_form(nxt.text)):
                start = t.end
            else:
                break
        name = _clean_name(text[start:cend])
        pair = re.search(r"(.{2,8}?(市|省|县|区))委(市|省|县|区)?政府$", name)
        if pair and cue in vocab.GOVERNMENT_CUES:
            place = pair.group(1)
            p0 = cend - len(pair.group(0))
            if place_form(place):
                cands.append(Cand(p0, p0 + len(place) + 1, place + "委", "Bureau"))
                cands.append(Cand(p0 + len(place) + 1, cend, place + "政府", "Bureau",
                                  ((pair.group(3) or pair.group(2)) + "政府",)))
                continue
        if cue in vocab.GOVERNMENT_CUES:
            gov = _government_name(name, cue)
            if not gov:
                continue
            start = cend - len(gov)
            name = gov
        if typ == "Program" and cue in vocab.WEAK_PROGRAM_CUES:
            start = _past_leading_verbs(toks, start, cend - len(cue))
            name = _clean_name(text[start:cend])
        if typ == "Program" and cue in vocab.WEAK_PROGRAM_CUES and \
                not _IMPLEMENT_VERB_BEFORE.search(text[max(0, start - 4):start]) and \
                not _weak_cue_named(text, start, name, cue):
            continue
        if name == cue and cue in vocab.SELF_NAMED:
            cands.append(Cand(start, cend, name, typ))
            continue
        if cue == "司" and not re.search(r"部.+司$", name):
            continue
        if cue in ("政府",) and not re.search(r"(省|市|县|区|州)政府$", name):
            continue
        if cue in ("谷",) and not (start > 0 and text[start - 1] in "、，以" and len(name) >= 3):
            continue
        if len(name) <= len(cue) or _generic(name, cue) or name.endswith("上市公司"):
            continue
        if cue == "研究院" and re.match(r"^(中科院|中国科学院|.{2,6}科学院)", name):
            typ = "ResearchInstitute"
        if len(name) > 40:
            continue
        if re.match(r"^\s*[0-9一二三四五六七八九十两]+\s*(家|个|所|项|批|座)", text[cend:cend + 6]):
            continue
        before = text[max(0, start - 3):start]
        if re.search(r"[0-9一二三四五六七八九十两百千万余多]\s*(家|个|所|项|批|类|座)$", before) or before.endswith("等"):
            continue
        cands.append(Cand(start, cend, name, typ))
    # 4. national bodies named without a cue
    national = bool(_NATIONAL_NAME.search(text))  # most sentences name no national body
    for body, typ in (vocab.NATIONAL_BODIES.items() if national else ()):
        for m in _occurrences(body, text):
            cands.append(Cand(m.start(), m.end(), body, typ))
    for short, full in (vocab.SHORT_FORMS.items() if national else ()):
        if full in vocab.NATIONAL_BODIES:
            for m in _occurrences(short, text):
                cands.append(Cand(m.start(), m.end(), full, vocab.NATIONAL_BODIES[full], (short,)))
    # 5. short trade names enumerated before a category noun: 铁峰化工、鑫途化工等重点化工企业
    cats = "|".join(vocab.ENUM_CATEGORIES)
    for m in re.finditer(r"((?:[\u3400-\u9fffA-Za-z]{2,12}、)+[\u3400-\u9fffA-Za-z]{2,12})等[\u3400-\u9fff]{0,12}?(" + cats + ")", text):
        items_span = m.group(1)
        cat = m.group(2)
        if re.match(r"等(一批|一系列|多个|多家|各类|一些)", text[m.end(1):m.end()]):
            continue
        typ = vocab.ENUM_CATEGORIES[cat]
        pos = m.start(1)
        parts = items_span.split("、")
        category = text[m.end(1):m.end()]
        namelike = any(_looks_like_name(x) or (tokenize(x)[-1].text in category and len(tokenize(x)[-1].text) >= 2)
                       or _ends_with_cue(x) for x in parts[1:] + [parts[0][-8:]])
        for idx, item in enumerate(parts):
            istart = pos
            if idx == 0:
                k = _tok_index_at(toks, pos + len(item) - 1)
                first = _left_edge(toks, k, text)
                istart = max(pos, toks[first].start)
                item = text[istart:pos + len(item)]
            pos_end = istart + len(item)
            if not _ends_with_cue(item) and 2 <= len(item) <= 8 and not _generic(item, "") \
                    and not _generic_kind(item) and namelike:
                cands.append(Cand(istart, pos_end, _clean_name(item), typ, enumerated=True))
            pos = pos_end + 1 if idx else pos + len(parts[0]) + 1
    # 6. places standing alone
    for t in toks:
        if not (t.tag == "ns" or t.text in vocab.PROVINCES or t.text in _PROVINCE_NAMES):
            continue
        p = place_form(t.text)
        if p:
            cands.append(Cand(t.start, t.end, p, "Place", (t.text,) if t.text != p else ()))
    for m in re.finditer(r"[\u3400-\u9fff]{2,6}(高新技术产业开发区|经济技术开发区|高新区)", text):
        k = _tok_index_at(toks, m.start(1))
        first = _left_edge(toks, k, text)
        s = max(toks[first].start, m.start())
        name = text[s:m.end()]
        prefix_toks = [t for t in toks if s <= t.start and t.end <= m.start(1)]
        if prefix_toks and all(place_form(t.text, in_name=True) or _city_stem(t.text)
                               or (t.tag == "ns" and t.text not in vocab.NON_PLACES) for t in prefix_toks):
            cands.append(Cand(s, m.end(), name, "Place"))
    # 7. streets and regions named in a list: 南中环街、晋阳街、龙城大街; 中部六省
    for m in re.finditer(r"(?:[\u3400-\u9fff]{2,5}?(?:大街|街|大道|路)、)+(?:[\u3400-\u9fff]{2,5}?(?:大街|街|大道|路))", text):
        pos = m.start()
        for i, item in enumerate(m.group(0).split("、")):
            start = pos
            if i == 0:  # the list's left edge is the first name's
                start = max(pos, toks[_left_edge(toks, _tok_index_at(toks, pos + len(item) - 1), text)].start)
            cands.append(Cand(start, pos + len(item), text[start:pos + len(item)], "Place"))
            pos += len(item) + 1
    for m in re.finditer(r"(东部|中部|西部|东北|华北|华东|华南|华中|西南|西北)[一二三四五六七八九十]+省", text):
        cands.append(Cand(m.start(), m.end(), m.group(0), "Place"))
    # 8. an unmarked item between two names of one type in a list takes their type:
    #    百村光伏工程、…破零工程和农家屋顶“三大科技惠民工程”
    ordered = sorted(cands, key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:]):
        gap = re.fullmatch(r"(、|和|及)([\u3400-\u9fff]{2,8})“?", text[a.end:b.start])
        if gap and a.type == b.type and a.type in ("Program", "Platform", "Enterprise") \
                and not _generic(gap.group(2), "") and not any(w in gap.group(2) for w in vocab.LEFT_STOP_WORDS if len(w) > 1):
            start = a.end + len(gap.group(1))
            cands.append(Cand(start, start + len(gap.group(2)), gap.group(2), a.type))
    # 9. names of the register: quoted names, places of the gazetteer, the province's own bodies
    cands.extend(Cand(*span) for span in register_names(text, toks, province, _ends_with_cue))
    # the title in an honour ('被认定为山西省科技成果转化示范基地') is not a platform of its own
    for m in _HONOUR_TITLE.finditer(text):
        cands = [c for c in cands if not (c.type in ("Platform", "Enterprise") and m.start(2) <= c.start < m.end(2))]
    return _resolve_overlaps(cands)


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


# --- relations ----------------------------------------------------------------------

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


@dataclass
class Found:
    subject: str
    predicate: str
    object: str
    subject_type: str | None
    object_type: str | None


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


_SUPPORT_FROM = re.compile(vocab.SUPPORT_FROM)
_ESTABLISH_CUE = re.compile("|".join(vocab.ESTABLISH_CUES))
_EVENT_ATTENDED = re.compile("|".join(vocab.EVENT_ATTENDED_CUES))
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

    def add(s, st, p, o, ot):
        if s and o and s != o:
            out.append(Found(s, p, o, st, ot))

    # a sentence that opens with an agent's name is about that agent (topic chain)
    topic = None
    if ms and ms[0].type in vocab.AGENT_TYPES and re.fullmatch(r"[\s“”]*", text[:ms[0].start]) \
            and text[ms[0].end:ms[0].end + 1] not in ("、", "和", "与"):
        topic = ms[0]
    coalition: list[Cand] = []
    governing = narrator.endswith(vocab.GOVERNMENT_NARRATORS)   # a work report's conventions
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
        # support received: 在 X 的精心指导下
        for sm in (_SUPPORT_FROM.finditer(clause) if "在" in clause else ()):
            for m in cms:
                if cs + sm.start("who") <= m.start and m.end <= cs + sm.end("who") and m.type == "Bureau" \
                        and not re.search(r"(委|政府)$", m.name):
                    add(m.name, m.type, "supports", narrator, "Bureau")
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
                    if not _CITE_VERB.search(text[cs:head.start]):
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
                for m in members:
                    for s_name, s_type in subjects:
                        add(s_name, s_type, pred, m.name, m.type)
        # honours: X 被认定为 H / 荣获 H / 名列前茅
        out.extend(_honours(text, cs, ce, cms, subjects[0][0], subjects[0][1]))
        # in a government's report, acts without a written agent belong to the subject: a programme named is carried
        # out, an event held, a document issued, a platform built where the clause says so
        related = {f.object for f in out} | {f.subject for f in out}
        for m in (cms if governing else ()):
            if m is opener or m.name in related or m.enumerated and m.type not in vocab.DEFAULT_PREDICATES:
                continue
            pred = vocab.DEFAULT_PREDICATES.get(m.type)
            if pred is None or (pred == "issues" and _CITE_VERB.search(text[cs:m.start])):
                continue
            if pred == "establishes" and not _ESTABLISH_CUE.search(text, cs, ce):
                continue
            if pred == "organizes" and (_EVENT_ATTENDED.search(text, cs, m.start) or text.startswith("奖", m.end)):
                continue
            for s_name, s_type in subjects:
                add(s_name, s_type, pred, m.name, m.type)
    return out


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


def _honour_text(clause: str, i: int, cue: str) -> str:
    """The honour a cue introduces; ranks keep the words that make them a rank."""
    if cue == "名列":
        return re.sub(r"^.*?在", "", clause[: i + len(cue)] + clause[i + len(cue):])
    if cue == "位列":
        head = [t for t in tokenize(clause[:i])][-2:]
        lead = "".join(t.text for t in head if t.tag[:1] in ("n", "v") and t.text not in vocab.LEFT_STOP_WORDS)
        return lead + clause[i:]
    return clause[i + len(cue):]


_ANY_HONOUR_CUE = re.compile("|".join(map(re.escape, vocab.HONOR_CUES)))


def _honours(text: str, cs: int, ce: int, cms: list[Cand], subj: str, subj_type: str) -> list[Found]:
    clause = text[cs:ce]
    out: list[Found] = []
    if not _ANY_HONOUR_CUE.search(clause):
        return out
    named = {m.name for m in cms if m.type in ("Platform", "Program", "Event")}
    conferrers = {text[m.start:m.end] for m in cms if m.type == "Bureau"}

    def between_is_light(a: int, b: int) -> bool:
        gap = _HONOR_ADVERB.sub("", text[a:b])
        for c in conferrers:  # '被科技部认定为': the body conferring it stands between
            gap = gap.replace(c, "")
        return not gap.strip()

    for cue in vocab.HONOR_CUES:
        i = clause.find(cue)
        if i < 0:
            continue
        honor = _honour_text(clause, i, cue)
        titled = any(tr in honor for tr in ("荣誉称号", "称号", "荣誉"))
        for tr in vocab.HONOR_TRAILERS:
            if honor.endswith(tr):
                honor = honor[: -len(tr)]
        honor = re.sub(r"(等荣誉称号|荣誉称号|等称号)$", "", honor)
        honor = _clean_name(honor).rstrip("。；;，,")
        parts = [p for p in re.split(r"、(?![^“]*”)", honor) if p]
        strong = cue in vocab.STRONG_HONOR_CUES
        parts = [p for p in parts if 5 <= len(p) <= 40 and (titled or strong or any(w in p for w in vocab.HONOR_WORDS))
                 and not re.search(r"\d+(家|个|项|所|座|名|人)$", p)  # '智能工厂10家' counts, it honours no one
                 and _clean_name(p) not in named]  # '获批某某重点实验室' sets up a platform
        if not parts:
            continue
        # who is honoured: the name right before the cue (adverbs aside), else the clause subject
        holder = [m for m in cms if m.end <= cs + i and m.type in vocab.AGENT_TYPES + ("Place",)
                  and text[m.start - 1:m.start] != "被" and between_is_light(m.end, cs + i)]
        holders = [(subj, subj_type)]
        if holder:
            before = [m for m in cms if m.end <= cs + i]
            names = [holder[-1]]
            for m in reversed(before[:-1]):
                if text[m.end:names[-1].start] in ("、", "和", "及", "与"):
                    names.append(m)
                else:
                    break
            holders = [(m.name, m.type) for m in names]
        for h_name, h_type in holders:
            for part in parts:
                out.append(Found(h_name, "receivedHonor", _clean_name(part), h_type, None))
        # programs named in an honour ('“百城百园”实施单位') are carried out by the honoured
        in_honor = [m for m in cms if m.start >= cs + i + len(cue)]
        for prog in (m for m in in_honor if m.type == "Program"):
            if not re.match(r"^[”]?[\u3400-\u9fff]{0,4}(试点|实施单位|示范)", text[prog.end:ce]):
                continue
            for b in in_honor:
                if b.type == "Bureau" and b.end <= prog.start and "、" not in text[b.end:prog.start].lstrip("、"):
                    out.append(Found(b.name, "implements", prog.name, b.type, "Program"))
            for h_name, h_type in holders:
                out.append(Found(h_name, "implements", prog.name, h_type, "Program"))
        break
    return out


# --- figures ------------------------------------------------------------------------

_NUM = r"(?P<num>\d+(?:\.\d+)?|(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])(?=[倍次个家项]))"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(vocab.UNITS, key=len, reverse=True))
_FIGURE = re.compile(
    _NUM + r"\s*(?P<q1>余|多)?\s*(?P<mag>" + "|".join(vocab.MAGNITUDES) + r")?\s*(?P<q2>余|多)?\s*(?P<unit>" + _UNIT_ALT + r")(?P<q3>以上|左右|上下|余|多)?")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年(?!\d)")


def chinese_number(text: str) -> float | None:
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    total, current = 0, 0
    for ch in text:
        if ch in vocab.CHINESE_DIGITS:
            current = vocab.CHINESE_DIGITS[ch]
        elif ch in vocab.CHINESE_TENS:
            total += (current or 1) * vocab.CHINESE_TENS[ch]
            current = 0
        else:
            return None
    return float(total + current)


@dataclass
class Figure:
    value: float
    unit: str
    year: int | None
    qualifier: str | None
    indicator: str
    subject: str | None
    start: int
    end: int


def find_figures(text: str, doc_year: int | None, topic: str | None = None) -> list[Figure]:
    out: list[Figure] = []
    last_end = 0   # where the last number read ends: the next one's indicator starts after it
    years = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR_IN.finditer(text)]
    for m in _FIGURE.finditer(text):
        num, unit = m.group("num"), m.group("unit")
        mag = m.group("mag") or ""
        if unit in ("万", "亿") and mag and not (mag, unit) == ("万", "亿"):
            continue
        if unit in ("万", "亿"):
            mag, unit = mag + unit, ""  # '42.17亿', '7万亿': a magnitude with its unit left out
        full_unit = mag + unit
        if not full_unit:
            continue
        s, e = m.start(), m.end()
        prev = text[s - 1] if s else ""
        if (prev and prev in "“") or (prev and prev in "一二三四五六七八九十" and not num[0].isdigit()):
            continue
        if not num[0].isdigit() and re.match(r"^(全会|会议|代表大会|党代会|届)", text[e:e + 4]):
            continue  # '十一次全会': an ordinal, not a count
        if prev == "第" and unit not in ("名", "位"):
            continue
        if re.match(r"[\d.]", prev) or (prev and re.match(r"[A-Za-z]", prev)):
            continue
        if num[0] in "一二两三四五六七八九十百千" and (num in ("一",) or re.match(r"[\u3400-\u9fff]", prev or "") and prev not in "达到连续为约近超过共计"):
            if not (num in ("三", "两", "二") and unit in ("倍", "次")):
                continue
        if text[e:e + 1] in ("年", "月", "日", "-") and unit in ("",):
            continue
        if unit in ("个", "家", "项") and re.match(r"^[\u3400-\u9fff]{0,1}(方面|面向|维度|环节|一体)", text[e:e + 4]):
            continue
        if full_unit in ("部", "位", "种", "处", "条", "列", "支", "只", "批", "座") and not re.match(r"[\d]", num[0]):
            continue
        value = chinese_number(num)
        if value is None:
            continue
        q = m.group("q1") or m.group("q2") or m.group("q3")
        qualifier = vocab.QUALIFIERS_AFTER.get(q) if q else None
        left = text[max(0, s - 12):s]
        for word, norm in vocab.QUALIFIERS_BEFORE.items():
            if word not in left:
                continue
            if _QUALIFIER_BEFORE[word].search(left) and (qualifier is None or norm in ("累计", "新增", "预计")):
                qualifier = norm
                break
        year = None
        for ys, ye, y in years:
            if ye <= s:
                year = y
        if year is None and doc_year and re.search(r"今年|本年", text[:s]):
            year = doc_year
        elif year is None and doc_year and re.search(r"去年|上年|过去一年", text[:s]):
            year = doc_year - 1
        if year is not None and re.search(r"以来|至今|五年|近年", text[:s]):
            year = None
        indicator = _indicator(text, s, e, last_end, out[-1].indicator if out else "")
        last_end = e
        if not indicator:  # a number that counts nothing the text names ('居第 5、第 6 位') is no figure
            continue
        out.append(Figure(value, full_unit, year, qualifier, indicator, topic, s, e))
    _align_respectively(text, out, years)
    return out


def _align_respectively(text: str, figs: list[Figure], years) -> None:
    """'在 2020 年、2021 年，分别新增 4 家和 5 家': years pair with figures in order."""
    if "分别" not in text or len(years) < 2:
        return
    i = text.find("分别")
    before = [y for ys, ye, y in years if ye <= i]
    after = [f for f in figs if f.start > i]
    if len(before) >= 2 and len(after) == len(before[-len(after):]) and len(after) >= 2:
        for f, y in zip(after, before[-len(after):]):
            f.year = y


_TRIGGER_WORDS = tuple(v for vs in vocab.TRIGGERS.values() for v in vs)
_LEAD = re.compile("^(" + "|".join(map(re.escape, vocab.INDICATOR_LEAD)) + ")+")
_TRAIL = re.compile("(" + "|".join(map(re.escape, vocab.INDICATOR_TRAIL)) + ")+$")


def _noun_after(text: str, e: int) -> str:
    """The noun phrase after a unit, up to its first verb ('22 家运城市重点实验室', '450 万困难
    群众', '478 家沿江化工企业'); a quoted name is part of it whole ('206 个“两新”项目')."""
    noun, quoted = "", None
    for t in tokenize(text[e:e + 20]):
        if quoted is not None:
            if t.text == "”":
                noun, quoted = noun + quoted, None
            else:
                quoted += t.text
            continue
        if t.text == "“":
            quoted = ""
            continue
        if t.text in ("和", "及", "与", "等") or not (
                t.tag[:1] in ("n", "j", "b", "a", "l") or t.tag in ("vn", "eng") or (t.tag == "f" and not noun)):
            break
        noun += t.text
    return noun if len(noun) >= 2 else ""


def _indicator(text: str, s: int, e: int, prev_end: int = 0, prev_indicator: str = "") -> str:
    """What is counted, in the text's words: the phrase before the number (back to the
    clause start or the previous figure), or the noun after the unit when the phrase
    before is only a verb ('认定 22 家运城市重点实验室')."""
    start = s
    while start > prev_end and text[start - 1] not in "，。；、：:,;":
        start -= 1
    left = re.sub(r"(?:19|20)\d{2}\s*年(?:度|底|末)?|\d+\s*-\s*\d+\s*月|今年|去年", "", text[start:s])
    enumerated = bool(re.search(r"(和|及|、)$", left))
    left = _TRAIL.sub("", _LEAD.sub("", left))
    left = _clean_name(left)
    if len(left) > 16:  # keep the last words, cut at a word boundary
        kept = ""
        for t in reversed(tokenize(left)):
            if len(kept) + len(t.text) > 16 or (kept and t.tag in ("p", "uj", "x", "c")):
                break
            kept = t.text + kept
        left = kept or left[-16:]
    verbish = left.endswith(_TRIGGER_WORDS) or \
        left in ("认定", "新建", "组建", "培育", "建立", "揭牌成立", "建设", "举办", "培养", "引进", "设立")
    if not (enumerated or verbish or len(left) < 2):
        return left
    right_noun = _noun_after(text, e)
    if enumerated and right_noun:
        return right_noun
    if (len(left) < 2 or verbish) and right_noun:
        return left + right_noun
    if len(left) < 2:
        return prev_indicator or right_noun or left
    return left


# --- the spaCy pipeline -------------------------------------------------------------

@dataclass(frozen=True)
class SentenceTokens:
    """One sentence of a Doc: its span in the Doc's text and its words, with offsets into
    the sentence (the rules work sentence by sentence)."""
    start: int
    end: int
    text: str
    toks: tuple[Tok, ...]


def _sentences_of(doc) -> list[SentenceTokens]:
    """The sentences the tokenizer found; a Doc made elsewhere is one sentence."""
    found = doc.user_data.get("kg_sentences")
    if found is None:
        toks = tuple(Tok(t.idx, t.idx + len(t.text), t.text, t.tag_) for t in doc)
        found = [SentenceTokens(0, len(doc.text), doc.text, toks)]
    return found


def _register_components() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    for attr in ("narrator", "doc_year"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    for attr in ("mentions", "relations", "figures"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)

    if "kg_mentions" in Language.factories:
        return

    # Each component leaves one list per sentence in its extension (offsets into the
    # sentence, as evidence is per sentence); the names also go to doc.spans["mentions"].

    @Language.component("kg_mentions")
    def kg_mentions(doc):
        sentences = _sentences_of(doc)
        province = narrator_province(doc._.narrator or "")
        found = doc._.mentions = [find_mentions(sent.text, list(sent.toks), province) for sent in sentences]
        spans = []
        for sent, cands in zip(sentences, found):
            for c in cands:
                span = doc.char_span(sent.start + c.start, sent.start + c.end, label=c.type,
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans["mentions"] = spans
        return doc

    @Language.component("kg_relations")
    def kg_relations(doc):
        ext, sentences = doc._, _sentences_of(doc)
        narrator = ext.narrator or ""
        mentions = ext.mentions or [[] for _ in sentences]
        ext.relations = [find_relations(sent.text, cands, narrator) for sent, cands in zip(sentences, mentions)]
        return doc

    @Language.component("kg_figures")
    def kg_figures(doc):
        ext = doc._
        ext.figures = [find_figures(sent.text, ext.doc_year) for sent in _sentences_of(doc)]
        return doc


class JiebaPosTokenizer:
    """A spaCy tokenizer: jieba's words, sentence by sentence, with their part-of-speech tags
    in token.tag_ and sentence starts set; a sentence ends at 。！？ or a line break."""

    def __init__(self, vocab_):
        self.vocab = vocab_
        self._tag_ids: dict[str, int] = {}

    def __call__(self, text):
        import numpy as np
        from spacy.attrs import SENT_START, TAG
        from spacy.tokens import Doc

        sentences, words, tags, starts = [], [], [], []
        pos = 0
        for sent in split_sentences(text, 0, len(text)):
            if sent.start > pos:  # what lies between sentences (line breaks) is a token of its own
                words.append(text[pos:sent.start])
                tags.append("x")
                starts.append(not words[:-1])
            toks = tokenize(sent.text)
            sentences.append(SentenceTokens(sent.start, sent.end, sent.text, tuple(toks)))
            for i, t in enumerate(toks):
                words.append(t.text)
                tags.append(t.tag)
                starts.append(i == 0)
            pos = sent.end
        if pos < len(text):
            words.append(text[pos:])
            tags.append("x")
            starts.append(not words[:-1])
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        # tags and sentence starts in one array: per-token keyword arguments cost twice as much
        ids = self._tag_ids
        strings = self.vocab.strings
        values = np.empty((len(words), 2), dtype="uint64")
        values[:, 0] = [ids.get(t) or ids.setdefault(t, strings.add(t)) for t in tags]
        values[:, 1] = np.array([1 if start else -1 for start in starts], dtype="int64").view("uint64")
        doc.from_array([TAG, SENT_START], values)
        doc.user_data["kg_sentences"] = sentences  # the same words as plain records, for the rules
        return doc


def make_pipeline():
    """The extraction pipeline: spaCy's blank Chinese language with our components by name."""
    import spacy

    _register_components()
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaPosTokenizer(nlp.vocab)
    for name in ("kg_mentions", "kg_relations", "kg_figures"):
        nlp.add_pipe(name)
    return nlp


# --- one document -------------------------------------------------------------------

def _evidence(norm: NormalisedText, doc_id: str, start: int, end: int) -> Evidence:
    s, e = norm.original_span(start, end)
    return Evidence(doc_id=doc_id, quote=norm.quote(start, end), start=s, end=e)


def extract_section(nlp, norm: NormalisedText, doc_id: str, section: Section, doc_year: int | None):
    mentions: list[Mention] = []
    relations: list[Relation] = []
    observations: list[Observation] = []
    narrator = section.narrator
    if narrator:
        cue_type = _ends_with_cue(narrator)
        narrator_type = cue_type if cue_type in ("University", "ResearchInstitute", "Enterprise", "Platform") else "Bureau"
        mentions.append(Mention(narrator, narrator_type, doc_id, aliases=section.narrator_aliases))
        for place in _places_in(narrator):
            mentions.append(Mention(place, "Place", doc_id))
    text = norm.text
    body_start = section.start
    if section.heading and text.startswith(section.heading, section.start):
        body_start = text.find("\n", section.start)
        body_start = section.end if body_start < 0 else body_start
    if narrator:
        ev = _evidence(norm, doc_id, section.start, section.start + len(section.heading or "")) \
            if section.heading else Evidence(doc_id, narrator, 0, 0)
        for place in _places_in(narrator):
            relations.append(Relation(narrator, "locatedIn", place, ev, "Bureau", "Place"))
    doc = nlp.make_doc(text[body_start:section.end])
    ext = doc._
    ext.narrator = narrator
    ext.doc_year = doc_year
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    ext = doc._
    for local, found_mentions, found_relations, found_figures in zip(
            doc.user_data["kg_sentences"], ext.mentions, ext.relations, ext.figures):
        sent = Sentence(body_start + local.start, body_start + local.end, local.text)
        ev = _evidence(norm, doc_id, sent.start, sent.end)
        for c in found_mentions:
            o_s, o_e = norm.original_span(sent.start + c.start, sent.start + c.end)
            mentions.append(Mention(c.name, c.type, doc_id, o_s, o_e, c.aliases))
            for part in c.parts:
                if part.type in ("University", "ResearchInstitute", "Enterprise", "Bureau"):
                    p_s, p_e = norm.original_span(sent.start + part.start, sent.start + part.end)
                    mentions.append(Mention(part.name, part.type, doc_id, p_s, p_e, part.aliases))
            relations.extend(_nested_relations(c, ev, doc_id, mentions))
        for f in found_relations:
            relations.append(Relation(f.subject, f.predicate, f.object, ev, f.subject_type, f.object_type))
            if f.predicate == "develops":
                mentions.append(Mention(f.object, "Product", doc_id))
        topic = None
        if found_mentions:
            first = min(found_mentions, key=lambda c: c.start)
            nxt = [t for t in local.toks if t.start == first.end]
            if first.start == 0 and first.type in vocab.AGENT_TYPES + ("Program", "Event") and \
                    (sent.text[first.end:first.end + 1] == "，" or (nxt and nxt[0].tag[:1] in ("v", "d", "a"))):
                topic = (first.name, first.type)
        for fig in found_figures:
            subj, st = (topic if topic else (narrator, "Bureau"))
            if not subj:
                continue
            observations.append(Observation(subj, fig.indicator, fig.value, fig.unit, ev, fig.year,
                                            fig.qualifier, st))
    return mentions, relations, observations


def _nested_relations(c: Cand, ev: Evidence, doc_id: str, mentions: list[Mention]) -> list[Relation]:
    """Names inside names: 山西大学国家大学科技园 → 山西大学; 中科院深圳先进技术研究院 → 深圳市."""
    out = []
    if c.type == "Place" and re.search(r"(高新技术产业开发区|经济技术开发区|高新区)$", c.name):
        for place in _places_in(c.name):
            if place != c.name:
                mentions.append(Mention(place, "Place", doc_id))
                out.append(Relation(c.name, "locatedIn", place, ev, c.type, "Place"))
        return out
    if c.type in ("Place", "Policy", "Program", "Event", "Product"):
        return out
    for part in c.parts:
        if part.type in ("University", "ResearchInstitute", "Enterprise", "Bureau") and part.start == c.start:
            out.append(Relation(c.name, "affiliatedWith", part.name, ev, c.type, part.type))
    for place in _places_in(c.name):
        mentions.append(Mention(place, "Place", doc_id))
        out.append(Relation(c.name, "locatedIn", place, ev, c.type, "Place"))
    return out
