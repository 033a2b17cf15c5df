"""Normalisation with an offset map back into the original text.

Evidence must point into the file the user has, so every normalised character
remembers the index of the original character it came from.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg import vocab

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HEADING = re.compile(vocab.HEADING_PATTERN)
_TERMINAL = set("。！？；：”」』）)!?;:")


@dataclass(frozen=True)
class NormalisedText:
    text: str
    offsets: tuple[int, ...]   # offsets[i] = original index of text[i]; len(text) + 1 entries
    original: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Half-open original span covering normalised text[start:end]."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original text of a span, with bold markers and line breaks removed."""
        s, e = self.original_span(start, end)
        return clean_quote(self.original[s:e])


def clean_quote(text: str) -> str:
    text = text.replace("**", "")
    return (_LINE_BREAK.sub("", text) if "\n" in text else text).strip()


_LINE_BREAK = re.compile(r"\s*\n\s*")


def _fold_table() -> dict[int, str]:
    """Full-width digits and Latin letters (and a few symbols) to ASCII; CJK punctuation kept.
    Every entry maps one character to one, so offsets are unchanged by folding."""
    table = {0x3000: " ", 0x00A0: " "}
    for code in range(0xFF01, 0xFF5F):
        if chr(code) not in vocab.KEEP_FULLWIDTH:
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1:
                table[code] = folded
    return table


_FOLD = _fold_table()


def _is_heading_like(line: str) -> bool:
    s = line.strip().replace("**", "")
    if not s:
        return False
    if _HEADING.search(s):
        return True
    return len(s) <= 50 and "。" not in s


_ITEM_START = re.compile(r"^\s*(\*\*)?\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(?\d+[.、)）]|第[一二三四五六七八九十]+[章节部分条])")


def _hard_wrapped(lines: list[tuple[str, int]]) -> bool:
    """True for text wrapped at a fixed width (PDF text layers, some exports): most lines
    end mid-sentence, so a single line break is layout, not a paragraph end."""
    body = [l.strip() for l, _ in lines if l.strip()]
    if len(body) < 6:
        return False
    open_ended = sum(1 for l in body if l.replace("**", "")[-1] not in _TERMINAL)
    return open_ended / len(body) > 0.6


def _ends_sentence(prev: str, wrapped: bool) -> bool:
    if not wrapped:
        return prev[-1] in _TERMINAL
    # in wrapped text a closing quote ends a sentence only after 。！？
    return prev[-1] in "。！？；!?;" or (prev[-1] in "”」』）)" and prev[-2:-1] in ("。", "！", "？"))


def _continues(paragraph: list[tuple[str, int]], line: str, wrapped: bool) -> bool:
    """Does `line` carry on the paragraph so far (a page break or a wrap inside it)?"""
    prev = "".join(l for l, _ in paragraph).replace("**", "").rstrip()
    if not prev or _ends_sentence(prev, wrapped) or _HEADING.search(line.strip()) or _HEADING.search(prev):
        return False
    if not _is_heading_like(prev):
        return True
    return wrapped and not _ITEM_START.match(line) and not _ITEM_START.match(paragraph[0][0]) and len(prev) >= 12


def _join_page_breaks(lines: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Group lines into paragraphs, joining a paragraph split by a page break or a wrap.

    A break inside a paragraph shows as a line that does not end a sentence,
    followed by (blank lines and) text that continues it ("杂\n\n交小麦"). In
    hard-wrapped text every line is such a break unless the next one opens an item.
    """
    wrapped = _hard_wrapped(lines)
    paragraphs: list[list[tuple[str, int]]] = []
    for line, start in lines:
        if not line.strip():
            continue
        if paragraphs and _continues(paragraphs[-1], line, wrapped):
            paragraphs[-1].append((line, start))
        else:
            paragraphs.append([(line, start)])
    return paragraphs


def normalise(original: str) -> NormalisedText:
    """Remove `**`, join page-break splits, fold full-width forms, drop spaces inside CJK text.

    Paragraphs are separated by a single "\\n" in the result.
    """
    lines: list[tuple[str, int]] = []
    pos = 0
    for raw in original.splitlines(keepends=True):
        lines.append((raw.rstrip("\r\n"), pos))
        pos += len(raw)
    out: list[str] = []
    offs: list[int] = []
    for para in _join_page_breaks(lines):
        if out:
            out.append("\n")
            offs.append(para[0][1] - 1 if para[0][1] > 0 else 0)
        for line, start in para:
            i = start
            for piece in line.split("**"):  # bold markers go; the pieces keep their offsets
                out.append(piece.translate(_FOLD))
                offs.extend(range(i, i + len(piece)))
                i += len(piece) + 2
    text, offsets = _drop_inner_spaces("".join(out), offs)
    return NormalisedText(text=text, offsets=tuple(offsets) + (len(original),), original=original)


_SPACES = re.compile(r"[ \t]+")
_WORDY = re.compile(r"[A-Za-z0-9]")


def _drop_inner_spaces(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Spaces matter only between two Latin words or numbers ('PM 2.5' keeps its one space);
    elsewhere they are layout."""
    keep_chars: list[str] = []
    keep_offs: list[int] = []
    pos = 0
    for m in _SPACES.finditer(text):
        a, b = m.span()
        keep_chars.append(text[pos:a])
        keep_offs.extend(offs[pos:a])
        if b - a == 1 and a and b < len(text) and _WORDY.match(text[a - 1]) and _WORDY.match(text[b]):
            keep_chars.append(text[a])
            keep_offs.append(offs[a])
        pos = b
    keep_chars.append(text[pos:])
    keep_offs.extend(offs[pos:])
    return "".join(keep_chars), keep_offs
