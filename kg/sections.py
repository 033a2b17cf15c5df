"""Sections and their narrators, sentences and clauses.

Chinese reports drop the subject of most sentences; the agency a section is
about is the agent of those acts, so every section carries its narrator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg import vocab
from kg.model import Section

_HEADING = re.compile(vocab.HEADING_PATTERN)
_YEAR = re.compile(r"(19|20)\d{2}\s*年(度)?")
_SENTENCE_END = re.compile(r"[。！？!?]|\n")


@dataclass(frozen=True)
class Sentence:
    start: int   # offsets into the normalised text
    end: int
    text: str


def government_of(area: str) -> tuple[str, tuple[str, ...]]:
    """湖北省 → 湖北省人民政府, also called 湖北省政府 and, in its own texts, 省政府/省人民政府.

    The level forms are how a government names itself and how annotators alias it, so a
    narrator carries them whichever way it was found."""
    level = next((lv for lv in vocab.GOVERNMENT_LEVELS if area.endswith(lv)), "")
    aliases = [area + "政府"]
    if level and level != area:
        aliases += [level + "人民政府", level + "政府"]
    return area + "人民政府", tuple(aliases)


def is_generic_government(name: str) -> bool:
    """省人民政府, 市政府: a government named by its level alone, whose area the text must give."""
    for bare in vocab.BARE_GOVERNMENTS:
        if name.endswith(bare) and name[: -len(bare)] in ("", *vocab.GOVERNMENT_LEVELS):
            return True
    return False


def narrator_from_heading(heading: str) -> tuple[str, tuple[str, ...]] | None:
    """'运城市科学技术局先进事迹' → 运城市科学技术局; '2026年安徽省政府工作报告' → 安徽省人民政府.

    '政府工作报告' alone names no government: None, never a bare 人民政府."""
    name = re.sub(r"\s+", "", heading.replace("**", ""))
    name = _HEADING.sub("", name)
    name = _YEAR.sub("", name)
    name = re.sub(r"^(附件\d*|关于)", "", name)
    name = re.sub(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．)）])", "", name)
    name = name.strip("：:，,、 ")
    if len(name) < 2 or name in vocab.BARE_GOVERNMENTS:
        return None
    if name.endswith("人民政府"):
        return government_of(name[:-4])
    if name.endswith("政府"):
        return government_of(name[:-2])
    if re.search(r"(省|市|县|区|自治区|州)$", name):
        return government_of(name)
    return name, ()


def _title_like(line: str) -> bool:
    """Short, and not a sentence: no 。 inside, no sentence or clause mark at its end."""
    return bool(line) and len(line) <= 60 and "。" not in line and not line.endswith(tuple("。！？；：，、,;!?:"))


def split_sections(text: str) -> list[Section]:
    """One section per `…先进事迹`-style heading; a document without one is one section,
    narrated by the author its title line names."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    heads = []
    for start, end in paragraphs:
        line = text[start:end].strip()
        if len(line) <= 60 and _HEADING.search(line) and "。" not in line:
            found = narrator_from_heading(line)
            if found:
                heads.append((start, end, line, found))
    sections: list[Section] = []
    if not heads:
        title = text[paragraphs[0][0]:paragraphs[0][1]].strip() if paragraphs else ""
        found = None
        if title and len(title) <= 60 and "。" not in title and re.search(r"报告|总结|事迹|材料|汇报", title):
            found = narrator_from_heading(title)
        narrator, aliases = found if found else ("", ())
        if not _title_like(title):  # a sentence, not a title: it is body text, read as such
            title = ""
        return [Section(heading=title or None, narrator=narrator, narrator_aliases=aliases,
                        start=0, end=len(text), narrator_source="title" if found else "none")]
    # one heading, on the first line, is the document's title ('2026年河南省政府工作报告')
    how = "title" if len(heads) == 1 and heads[0][0] == paragraphs[0][0] else "heading"
    for i, (start, end, line, (narrator, aliases)) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(heading=line, narrator=narrator, narrator_aliases=aliases,
                                start=start, end=stop, narrator_source=how))
    return sections


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    out = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end() if m.group() != "\n" else m.start()
        if text[pos:stop].strip():
            out.append(Sentence(pos, stop, text[pos:stop]))
        pos = m.end()
    if pos < end and text[pos:end].strip():
        out.append(Sentence(pos, end, text[pos:end]))
    return out


def document_year(text: str) -> int | None:
    """The year the document speaks from: the latest year it names (今年 resolves to it)."""
    years = [int(m.group(0)[:4]) for m in re.finditer(r"(19|20)\d{2}(?=\s*年)", text)]
    return max(years) if years else None
