"""Honours: who received which title ('被认定为国家级科技企业孵化器', '荣获…称号'), a rule of
kg_relations kept apart because an honour's holder and title are found differently from a
verb's subject and object.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg import vocab
from kg.extract.mentions import Cand
from kg.extract.tokens import _clean_name, tokenize

_HONOR_ADVERB = re.compile("|".join(vocab.HONOR_ADVERBS))


@dataclass
class Found:
    """A relation as a sentence states it, between names (entities come with resolving).
    Made by the honour rule and by kg_relations, which uses that rule: so it lives here."""
    subject: str
    predicate: str
    object: str
    subject_type: str | None
    object_type: str | None


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
