"""Who narrates a document that has no heading naming it.

Reports are mostly published without the title line that says who speaks
('2026年湖北省政府工作报告'); the acts whose subject is left out still have an
agent. It is looked for, in order, in what the user says (--narrator, --title, a
manifest), the title line, the file's metadata title, the file name, and the
text's own words (我代表国务院; 全省 with the province the text names most).
When nothing gives one, the area the text is mostly about stands in for it, so
the document's figures and relations are kept, and the build warns.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import PurePath

from kg import vocab
from kg.model import Given, Section
from kg.sections import government_of, is_generic_government, narrator_from_heading

_SPEAKER = re.compile(vocab.SPEAKER_PATTERN)
#: A title ends in the genre's name (工作报告, 先进事迹…), like a section heading.
_TITLE_GENRE = re.compile(vocab.HEADING_PATTERN)
#: Separators that join a title to a site name ('…工作报告_湖北省人民政府门户网站') or
#: the parts of a file name ('2026_湖北省_政府工作报告').
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s|——)\s*")
_FILE_NOISE = re.compile(r"[_\-\s.]+|(?<![0-9])(?:19|20)[0-9]{2}(?![0-9年])")
#: Fewest times a scope word (全省) and the area (湖北) must occur for the text to be about it.
MIN_SCOPE = 2
MIN_AREA = 2


@dataclass(frozen=True)
class Narrator:
    name: str
    aliases: tuple[str, ...]
    source: str   # one of kg.model.NARRATOR_SOURCES


def _level_of(name: str) -> str:
    return next((lv for lv in vocab.GOVERNMENT_LEVELS if name.endswith(lv)), "")


def area_counts(text: str) -> Counter:
    """How often the text names each province-level area (by its short form: 湖北, 北京)."""
    return Counter({full: text.count(short) for short, full in vocab.PROVINCES.items() if short in text})


def _most_named(counts: Counter, level: str | None, least: int) -> str | None:
    """The area named most (at `level`, when given), if named `least` times and more than any other."""
    ranked = [(n, a) for a, n in counts.items() if level is None or _level_of(a) == level]
    ranked.sort(key=lambda na: (-na[0], na[1]))
    if not ranked or ranked[0][0] < least or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def area_of(text: str) -> str | None:
    """The province, municipality or region the text is about: it speaks of 全省 (全市, 全区)
    and names one area of that level most ('湖北' 17 times → 湖北省). Levels are tried from
    the scope word used most."""
    counts = area_counts(text)
    scopes = sorted(((sum(text.count(w) for w in words), level)
                     for level, words in vocab.SCOPE_WORDS.items()), key=lambda x: (-x[0], x[1]))
    for n, level in scopes:
        if n < MIN_SCOPE:
            break
        area = _most_named(counts, level, MIN_AREA)
        if area:
            return area
    return None


def is_national(text: str) -> bool:
    """A text about the whole country: it speaks of 全国/我国 more than of any area of its own."""
    national = sum(text.count(w) for w in vocab.NATIONAL_SCOPE_WORDS)
    local = max(sum(text.count(w) for w in words) for words in vocab.SCOPE_WORDS.values())
    return national >= MIN_SCOPE and local < MIN_SCOPE


def _qualified(name: str, aliases: tuple[str, ...], text: str) -> tuple[str, tuple[str, ...]] | None:
    """A generic government (省人民政府) named by the area of its level the text names most."""
    if not is_generic_government(name):
        return name, aliases
    level = _level_of(re.sub("人民政府$|政府$", "", name))
    area = _most_named(area_counts(text), level or None, 1)
    return government_of(area) if area else None


def from_speaker(text: str) -> tuple[str, tuple[str, ...]] | None:
    """我代表国务院 → 国务院; 我代表省人民政府 → the province the text names most."""
    for m in _SPEAKER.finditer(text):
        body = m.group("body")
        if body.endswith(vocab.NATIONAL_GOVERNMENT):
            extra = (body,) if body != vocab.NATIONAL_GOVERNMENT else ()
            return vocab.NATIONAL_GOVERNMENT, extra
        if body.endswith("政府"):
            found = narrator_from_heading(body)
            if found and (found := _qualified(*found, text)):
                return found
    return None


def from_text(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The text's own words: who it says speaks, else the area it speaks of as its own
    (全省 + 湖北 → 湖北省人民政府), else 国务院 for a national text that names it."""
    found = from_speaker(text)
    if found:
        return found
    area = area_of(text)
    if area:
        return government_of(area)
    if is_national(text) and vocab.NATIONAL_GOVERNMENT in text:
        return vocab.NATIONAL_GOVERNMENT, ()
    return None


def from_title(title: str | None, text: str) -> tuple[str, tuple[str, ...]] | None:
    """A report's title ('2026年湖北省政府工作报告', also with a site name after '_' or '|')."""
    if not title:
        return None
    for part in [title, *_TITLE_PARTS.split(title)]:
        part = part.strip()
        if not part or len(part) > 60 or "。" in part or not _TITLE_GENRE.search(part):
            continue
        found = narrator_from_heading(part)
        if found and (found := _qualified(*found, text)):
            return found
    return None


def from_filename(source: str, text: str) -> tuple[str, tuple[str, ...]] | None:
    """A file named by its title: '2026年湖北省政府工作报告.docx', '2026_湖北省_政府工作报告.pdf'."""
    stem = PurePath(source).stem
    if not re.search(r"[\u4e00-\u9fff]", stem):
        return None
    return from_title(_FILE_NOISE.sub("", stem), text)


def from_user(given: Given | None, text: str) -> Narrator | None:
    """What the user said: a narrator as given (a government form made whole), or a title."""
    if given is None:
        return None
    if given.narrator:
        found = narrator_from_heading(given.narrator)
        if found and found[0].endswith("人民政府"):
            name, aliases = _qualified(*found, text) or found
        else:
            name, aliases = given.narrator.strip(), ()
        return Narrator(name, aliases, given.origin)
    found = from_title(given.title, text)
    return Narrator(*found, given.origin) if found else None


def find(text: str, *, given: Given | None = None, title_line: Narrator | None = None,
         metadata_title: str | None = None, source: str = "") -> Narrator | None:
    """The document's narrator from the first source that gives one (see the module doc)."""
    found = from_user(given, text)
    if found:
        return found
    if title_line:
        return title_line
    for how, look in (("metadata", lambda: from_title(metadata_title, text)),
                      ("filename", lambda: from_filename(source, text)),
                      ("text", lambda: from_text(text))):
        hit = look()
        if hit:
            return Narrator(*hit, how)
    return None


def narrate(sections: list[Section], text: str, *, given: Given | None = None,
            metadata_title: str | None = None, source: str = "") -> tuple[list[Section], str | None]:
    """Sections with a narrator wherever one can be found, and the area standing in for it.

    Sections a heading names keep their narrator (a generic one is given its area).
    A document without such headings gets its narrator from `find`; when there is none,
    the area the text is mostly about stands in (returned, for `as_place`), so its
    figures and relations still land, and the section says its narrator_source is "none"."""
    out = []
    for sec in sections:
        if sec.narrator_source == "heading":
            q = _qualified(sec.narrator, sec.narrator_aliases, text)
            out.append(replace(sec, narrator=q[0], narrator_aliases=q[1]) if q else sec)
    if out:
        return out, None
    sec = sections[0] if sections else Section(None, "", (), 0, len(text))
    title_line = None
    if sec.narrator:
        q = _qualified(sec.narrator, sec.narrator_aliases, text)
        title_line = Narrator(*q, "title") if q else None
    found = find(text, given=given, title_line=title_line, metadata_title=metadata_title, source=source)
    if found:
        return [replace(sec, narrator=found.name, narrator_aliases=found.aliases,
                        narrator_source=found.source)], None
    area = area_of(text) or _most_named(area_counts(text), None, MIN_AREA)
    return [replace(sec, narrator=area or "", narrator_aliases=(), narrator_source="none")], area


def as_place(area: str, mentions: list, relations: list, observations: list) -> tuple[list, list, list]:
    """An area standing in for a missing narrator is a Place, not the Bureau a narrator is
    taken to be: its mentions, the acts it is the agent of and the figures measuring it are
    retyped, and its 'located in itself' dropped."""
    mentions = [m for m in mentions if not (m.name == area and m.type == "Bureau")]
    kept = []
    for r in relations:
        if r.subject == area and r.object == area:
            continue
        if r.subject == area and r.subject_type == "Bureau":
            r = replace(r, subject_type="Place")
        if r.object == area and r.object_type == "Bureau":
            r = replace(r, object_type="Place")
        kept.append(r)
    observations = [replace(o, subject_type="Place") if o.subject == area and o.subject_type == "Bureau" else o
                    for o in observations]
    return mentions, kept, observations


def how_to_give(source: str) -> str:
    """The one-line hint of the warning for a document without a narrator."""
    return (f"give it with --narrator NAME or --title TITLE, or a --manifest row for {source}")


# --- what the user gives: --title/--narrator, or a manifest for a batch -----------------

MANIFEST_FIELDS = ("file", "title", "narrator", "date")


def load_manifest(path) -> list[dict]:
    """Rows of a manifest (CSV with a header, or JSON: a list of objects or an object keyed
    by file), each with 'file' and any of title, narrator, date. Raises KgError, one line."""
    import csv
    import json
    from pathlib import Path

    from kg.errors import KgError

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise KgError(f"cannot read the manifest {path}: {getattr(err, 'strerror', None) or err}") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except ValueError as err:
            raise KgError(f"the manifest {path} is not valid JSON: {err}") from None
        if isinstance(data, dict):
            data = [{"file": k, **(v if isinstance(v, dict) else {"title": v})} for k, v in data.items()]
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise KgError(f"the manifest {path} must be a list of objects or an object keyed by file")
        rows = data
    else:
        rows = list(csv.DictReader(raw.splitlines()))
        if rows and "file" not in rows[0]:
            raise KgError(f"the manifest {path} needs a header row with a 'file' column "
                          f"(and any of {', '.join(MANIFEST_FIELDS[1:])})")
    out = []
    for n, row in enumerate(rows, start=1):
        row = {k.strip().lower(): (str(v).strip() if v is not None else "") for k, v in row.items() if k}
        if not row.get("file"):
            raise KgError(f"the manifest {path}: row {n} names no file")
        out.append({k: row.get(k) or None for k in MANIFEST_FIELDS})
    return out


def givens_for(paths, doc_ids: dict, *, given: Given | None = None, manifest=None,
               warn=None) -> dict[str, Given]:
    """What the user gives each input, by document id: its manifest row (matched by path
    relative to the manifest, else by file name), else the command line's --title/--narrator."""
    from pathlib import Path

    by_path: dict = {}
    if manifest is not None:
        base = Path(manifest).resolve().parent
        resolved = {Path(p).resolve(): p for p in paths}
        names: dict[str, list] = {}
        for p in paths:
            names.setdefault(Path(p).name, []).append(p)
        for row in load_manifest(manifest):
            target = resolved.get((base / row["file"]).resolve())
            if target is None:
                same = names.get(Path(row["file"]).name, [])
                target = same[0] if len(same) == 1 else None
            if target is None:
                if warn:
                    warn(f"manifest row for {row['file']} matches no input")
                continue
            by_path[target] = Given(title=row["title"], narrator=row["narrator"], date=row["date"],
                                    origin="manifest")
    out = {}
    for p in paths:
        g = by_path.get(p, given)
        if g is not None and (g.title or g.narrator or g.date):
            out[doc_ids[p]] = g
    return out
