"""Resolution: one entity per real thing across sections and documents.

Deterministic by construction: names are grouped by a comparison key (short
forms of the register expanded), the fullest form becomes the label and the
others aliases, and bureau short forms ('市科技局', '科技创新部') join the
narrator they abbreviate. Types are never merged.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from functools import lru_cache

from kg import vocab
from kg.model import Entity, Extraction, Graph, Observation

_ABBREV = sorted(vocab.SHORT_FORMS.items(), key=lambda kv: -len(kv[0]))
_DECORATION = re.compile(r"[\s“”\"《》]")


@lru_cache(maxsize=1 << 16)
def comparison_key(name: str) -> str:
    """Names compare without decoration and with the register's short forms written out
    (the same name is looked up again and again: cached)."""
    key = _DECORATION.sub("", name)
    for short, full in _ABBREV:
        if short in key and full not in key:
            key = key.replace(short, full)
    return key


def entity_key(type_: str, name: str) -> str:
    digest = hashlib.sha1(f"{type_}\t{name}".encode("utf-8")).hexdigest()[:16]
    return f"{type_.lower()}/{digest}"


def _narrator_short_form(key: str, narrators: list[str]) -> str | None:
    """'市科学技术局' or '科技创新部' abbreviates the one narrator whose name ends with it."""
    bare = re.sub(r"^(市|县|区|省|我|本)", "", key)
    if len(bare) < 3:
        return None
    hits = [n for n in narrators if n != key and comparison_key(n).endswith(bare)]
    return hits[0] if len(hits) == 1 else None


def _joined_by_short_forms(groups: dict[tuple[str, str], dict]) -> dict[tuple[str, str], dict]:
    """A name that is another's of its type less a bracketed part, an edition or a region
    word ('滁州保税物流中心' beside '滁州保税物流中心（B型）', '中俄博览会' beside '第九届中俄博览会',
    '皖北' beside '皖北地区') names the same thing where one document names both: the groups
    join. Documents keep apart: '某博览会' in one report need not be another's edition."""
    owner = {k: k for k in groups}
    for (type_, key), g in sorted(groups.items()):
        short = (type_, comparison_key(_SHORTER_FORM.sub("", key)))
        if short != (type_, key) and short in groups and owner[short] == short \
                and groups[short]["docs"] & g["docs"]:
            owner[short] = (type_, key)
    joined: dict[tuple[str, str], dict] = {}
    for k in sorted(groups):
        root = owner[k]
        into = joined.setdefault(root, {"forms": set(), "docs": set(), "keys": set()})
        into["forms"] |= groups[k]["forms"]
        into["docs"] |= groups[k]["docs"]
        into["keys"].add(k)
    return joined


_SHORTER_FORM = re.compile(vocab.SHORTER_FORM_PATTERN)


def resolve(extractions: list[Extraction]) -> Graph:
    groups: dict[tuple[str, str], dict] = {}
    doc_narrators: dict[str, list[str]] = defaultdict(list)
    for ex in extractions:
        for sec in ex.sections:
            if sec.narrator:
                doc_narrators[ex.meta.doc_id].append(sec.narrator)

    grouped: dict[tuple, tuple[str, str]] = {}

    def group_of(type_: str, name: str, doc_id: str | None) -> tuple[str, str]:
        asked = (type_, name, doc_id if type_ == "Bureau" else None)
        if asked not in grouped:
            grouped[asked] = _group_of(type_, name, doc_id)
        return grouped[asked]

    def _group_of(type_: str, name: str, doc_id: str | None) -> tuple[str, str]:
        key = comparison_key(name)
        if type_ == "Bureau" and doc_id is not None:
            owner = _narrator_short_form(key, doc_narrators.get(doc_id, []))
            if owner:
                key = comparison_key(owner)
        return type_, key

    for ex in extractions:
        doc_id = ex.meta.doc_id
        for m in ex.mentions:
            key = group_of(m.type, m.name, doc_id)
            g = groups.get(key)
            if g is None:
                g = groups[key] = {"forms": set(), "docs": set()}
            g["forms"].add(m.name)
            if m.aliases:
                g["forms"].update(m.aliases)
            g["docs"].add(doc_id)

    entities: dict[tuple[str, str], Entity] = {}   # every group's key → its entity
    for (type_, _), g in sorted(_joined_by_short_forms(groups).items()):
        forms = sorted(g["forms"], key=lambda f: (-len(f), f))
        canonical = forms[0]
        ent = Entity(key=entity_key(type_, canonical), name=canonical, type=type_,
                     aliases=set(forms[1:]), documents=set(g["docs"]))
        for k in g["keys"]:
            entities[k] = ent

    unique = list({id(e): e for e in entities.values()}.values())
    by_name: dict[str, list[Entity]] = defaultdict(list)
    for ent in unique:
        for n in {ent.name, *ent.aliases}:
            by_name[n].append(ent)

    def lookup(name: str, type_: str | None, doc_id: str) -> Entity | None:
        if type_:
            ent = entities.get(group_of(type_, name, doc_id))
            if ent:
                return ent
        cands = by_name.get(name, [])
        return sorted(cands, key=lambda e: e.key)[0] if cands else None

    relations = []
    seen = set()
    for ex in extractions:
        for r in ex.relations:
            s = lookup(r.subject, r.subject_type, ex.meta.doc_id)
            if s is None:
                continue
            if r.predicate == "receivedHonor":
                obj = r.object
            else:
                o = lookup(r.object, r.object_type, ex.meta.doc_id)
                if o is None or o.key == s.key:
                    continue
                obj = o.key
            fact = (s.key, r.predicate, obj, r.evidence.doc_id, r.evidence.start, r.evidence.end)
            if fact in seen:
                continue
            seen.add(fact)
            relations.append((s.key, r.predicate, obj, r.evidence))

    observations: list[tuple[str, Observation]] = []
    for ex in extractions:
        for o in ex.observations:
            s = lookup(o.subject, o.subject_type, ex.meta.doc_id)
            if s is not None:
                observations.append((s.key, o))

    sections = []
    for ex in extractions:
        for n, sec in enumerate(ex.sections, start=1):
            narrator = lookup(sec.narrator, "Bureau", ex.meta.doc_id) if sec.narrator else None
            sections.append((ex.meta.doc_id, n, sec, narrator.key if narrator else None))
    return Graph(entities={e.key: e for e in unique}, relations=relations,
                 observations=observations, documents=[ex.meta for ex in extractions], sections=sections)
