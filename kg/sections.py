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


def narrator_from_heading(heading: str) -> tuple[str, tuple[str, ...]] | None:
    """'运城市科学技术局先进事迹' → 运城市科学技术局; '2026年安徽省政府工作报告' → 安徽省人民政府."""
    name = re.sub(r"\s+", "", heading.replace("**", ""))
    name = _HEADING.sub("", name)
    name = _YEAR.sub("", name)
    name = re.sub(r"^(附件\d*|关于)", "", name)
    name = re.sub(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．)）])", "", name)
    name = name.strip("：:，,、 ")
    if len(name) < 2:
        return None
    if name.endswith("政府") and not name.endswith("人民政府"):
        return name[:-2] + "人民政府", (name,)
    if re.search(r"(省|市|县|区|自治区|州)$", name):
        return name + "人民政府", (name + "政府",)
    if name.endswith("人民政府"):
        return name, (name[:-4] + "政府",)
    return name, ()


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
        return [Section(heading=title or None, narrator=narrator, narrator_aliases=aliases,
                        start=0, end=len(text))]
    for i, (start, end, line, (narrator, aliases)) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(heading=line, narrator=narrator, narrator_aliases=aliases,
                                start=start, end=stop))
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
