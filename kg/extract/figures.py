"""Figures: a number with its unit, the year it belongs to, a qualifier (约, 累计, 以上) and
the indicator it counts, in the text's own words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg import vocab
from kg.extract.tokens import _clean_name, tokenize

# a one-character qualifier (约, 近, 超) stands right before its number; a word (累计, 新增,
# 预计) may govern the whole phrase
_QUALIFIER_BEFORE = {
    word: re.compile(re.escape(word) + (r"(达到|达|为)?" if len(word) == 1 else r"[\u3400-\u9fff]{0,8}") + "$")
    for word in vocab.QUALIFIERS_BEFORE}

_NUM = r"(?P<num>\d+(?:\.\d+)?|(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])(?=[倍次个家项]))"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(vocab.UNITS, key=len, reverse=True))
_FIGURE = re.compile(
    _NUM + r"\s*(?P<q1>余|多)?\s*(?P<mag>" + "|".join(vocab.MAGNITUDES) + r")?\s*(?P<q2>余|多)?\s*(?P<unit>" + _UNIT_ALT + r")(?P<per>/(?:月|年|日|天|人|户|次))?(?P<q3>以上|左右|上下|余|多)?")
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
        full_unit = mag + unit + (m.group("per") or "")
        if not full_unit:
            continue
        if unit == "岁" and re.match(r"(以下|以上|及以上)", text[m.end():m.end() + 3]):
            continue  # '3岁以下婴幼儿': an age bound, not a count
        if unit == "次" and text.startswith("产业", m.end()):
            continue  # '三次产业': the three sectors, not three times
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
    out.extend(_ranks_and_runs(text, out, years, doc_year, topic))
    out.sort(key=lambda f: f.start)
    _align_respectively(text, out, years)
    return out


_RANK = re.compile(vocab.FIRST_RANK)
_RUN = re.compile(r"连续(?P<num>\d+|[两二三四五六七八九十]{1,3})年")


def _ranks_and_runs(text: str, found: list[Figure], years, doc_year: int | None, topic: str | None) -> list[Figure]:
    """Figures written without a digit and a unit: a first place ('居全国首位' is 1 位, as
    '居全国第5位' is 5 位) and a run of years ('连续9年', 9 年)."""
    out = []
    taken = [(f.start, f.end) for f in found]
    for pattern, unit in ((_RANK, "位"), (_RUN, "年")):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value = 1.0 if unit == "位" else chinese_number(m.group("num"))
            indicator = _indicator(text, m.start(), m.end(), 0, "")
            if value is None or not indicator:
                continue
            year = None
            for ys, ye, y in years:
                if ye <= m.start():
                    year = y
            out.append(Figure(value, unit, year if unit == "位" else None, None, indicator, topic, m.start(), m.end()))
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
