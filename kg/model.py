"""The small typed records passed between pipeline stages.

Every stage takes and returns these, so a stage can be tested, cached or
shipped to another process on its own (they are plain, picklable data).
"""
from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = (
    "Bureau", "University", "ResearchInstitute", "Enterprise", "Platform",
    "Program", "Policy", "Event", "Place", "Product",
)
ENTITY_PREDICATES = (
    "partnersWith", "supports", "establishes", "implements", "organizes",
    "issues", "affiliatedWith", "locatedIn", "develops",
)
LITERAL_PREDICATES = ("receivedHonor",)
PREDICATES = ENTITY_PREDICATES + LITERAL_PREDICATES


@dataclass(frozen=True)
class Document:
    """One input file as read from disk, before any normalisation.

    `text` is the decoded original: evidence offsets point into it.
    """

    doc_id: str          # stable identifier: file stem, made IRI-safe
    source: str          # file name as given (for people)
    text: str
    sha256: str          # of the raw bytes
    media_type: str = "text/plain"
    encoding: str | None = None
    title: str | None = None  # from file metadata (docx/pdf) when present
    given: Given | None = None  # from the user: command line or manifest


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: quoted sentence and half-open offsets into the original text."""

    doc_id: str
    quote: str
    start: int
    end: int


#: How a narrator was found, in the order they are tried (see kg.narrator).
NARRATOR_SOURCES = ("heading", "user", "manifest", "title", "metadata", "filename", "text", "none")


@dataclass(frozen=True)
class Given:
    """What the user says of a document (--title/--narrator, or its row of a manifest):
    it outranks whatever would be inferred, so a wrong guess can always be corrected."""

    title: str | None = None
    narrator: str | None = None
    date: str | None = None
    origin: str = "user"  # "user" (the command line) or "manifest"


@dataclass(frozen=True)
class Section:
    heading: str | None
    narrator: str        # canonical name of the narrating agency
    narrator_aliases: tuple[str, ...]
    start: int           # offsets into the normalised text
    end: int
    narrator_source: str = "none"   # one of NARRATOR_SOURCES


@dataclass(frozen=True)
class Mention:
    """A name as it appears in one document, typed."""

    name: str            # cleaned surface form (quotes, spaces, ** removed)
    type: str
    doc_id: str
    start: int = -1      # original offsets, -1 when synthesised (e.g. a narrator)
    end: int = -1
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    subject: str         # entity name (a Mention name); resolved later
    predicate: str
    object: str          # entity name, or the honour text for receivedHonor
    evidence: Evidence
    subject_type: str | None = None
    object_type: str | None = None


@dataclass(frozen=True)
class Observation:
    subject: str         # entity name measured (narrator when none is written)
    indicator: str
    value: float
    unit: str
    evidence: Evidence
    year: int | None = None
    qualifier: str | None = None
    subject_type: str | None = None


@dataclass
class DocumentMeta:
    doc_id: str
    source: str
    sha256: str
    media_type: str
    title: str | None
    date: str | None     # ISO year or date the text gives
    chars: int
    narrators: tuple[str, ...] = ()   # the sections' narrators, in order, each once
    narrator_source: str = "none"     # how the (first) narrator was found: NARRATOR_SOURCES
    area: str | None = None           # the area the text is mostly about, when it names one


@dataclass
class Extraction:
    """Everything read from one document; the unit of caching and parallel work."""

    meta: DocumentMeta
    sections: list[Section] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)


@dataclass
class Entity:
    """One real thing after resolution across sections and documents."""

    key: str             # deterministic IRI local part
    name: str            # canonical (fullest) name
    type: str
    aliases: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)


@dataclass
class Graph:
    """The resolved graph: what the serialiser and the view consume."""

    entities: dict[str, Entity]                 # key -> entity
    relations: list[tuple[str, str, str, Evidence]]   # (subject key, predicate, object key or honour text, evidence)
    observations: list[tuple[str, Observation]]       # (subject key, observation)
    documents: list[DocumentMeta]
    sections: list[tuple[str, int, Section, str | None]] = field(default_factory=list)  # (doc, n, section, narrator key)


# --- the cache's file format: JSON, which holds data and nothing that runs -------------

def _record_types() -> dict[str, type]:
    return {cls.__name__: cls for cls in (Evidence, Section, Mention, Relation, Observation, DocumentMeta)}


def _field_kinds(cls) -> tuple[tuple[str, str | None], ...]:
    """(field name, how to rebuild it) for each field of a record: 'tuple', the name of a
    nested record, 'list:<record>', or None (a JSON value as it is)."""
    import dataclasses

    records = _record_types()
    kinds = []
    for f in dataclasses.fields(cls):
        hint = str(f.type).replace(" ", "")
        if hint.startswith("list[") and hint[5:-1] in records:
            kinds.append((f.name, "list:" + hint[5:-1]))
        elif hint.split("|")[0] in records:
            kinds.append((f.name, hint.split("|")[0]))
        elif hint.startswith("tuple["):
            kinds.append((f.name, "tuple"))
        else:
            kinds.append((f.name, None))
    return tuple(kinds)


_KINDS: dict[type, tuple] = {}


def _kinds(cls) -> tuple:
    if cls not in _KINDS:
        _KINDS[cls] = _field_kinds(cls)
    return _KINDS[cls]


def _to_plain(obj):
    """A record as a list of its field values in declared order (nested records too):
    compact, and quick to rebuild."""
    out = []
    for name, kind in _kinds(type(obj)):
        value = getattr(obj, name)
        if kind is None or kind == "tuple":
            out.append(value)
        elif kind.startswith("list:"):
            out.append([_to_plain(item) for item in value])
        else:
            out.append(None if value is None else _to_plain(value))
    return out


_DECODERS: dict[type, object] = {}


def _decoder(cls):
    """A function rebuilding a `cls` record from the list `_to_plain` made of it.

    The record is made as pickle makes it, without calling __init__, its fields set at
    once: a warm re-run of 60 documents rebuilds some 40,000 records, and a frozen
    dataclass's __init__ (one object.__setattr__ per field) would cost several times
    as much. A list of the wrong length is a ValueError."""
    if cls in _DECODERS:
        return _DECODERS[cls]
    kinds = _kinds(cls)
    names = tuple(name for name, _ in kinds)
    records = _record_types()
    converters = []
    for index, (_, kind) in enumerate(kinds):
        if kind == "tuple":
            converters.append((index, tuple))
        elif kind is not None and kind.startswith("list:"):
            converters.append((index, lambda values, item=_decoder(records[kind[5:]]): [item(v) for v in values]))
        elif kind is not None:
            converters.append((index, lambda value, one=_decoder(records[kind]): None if value is None else one(value)))
    size, new = len(names), object.__new__

    def decode(values):
        if type(values) is not list or len(values) != size:
            raise ValueError(f"not a {cls.__name__} record")
        for index, convert in converters:
            values[index] = convert(values[index])
        record = new(cls)
        record.__dict__.update(zip(names, values))
        return record

    _DECODERS[cls] = decode
    return decode


def extraction_to_json(ex: Extraction) -> bytes:
    """An Extraction as JSON bytes: the cache's format. Unlike pickle, loading it can only
    ever make data, so a file planted in a cache folder cannot run code."""
    import json

    return json.dumps(_to_plain(ex), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def extraction_from_json(data: bytes) -> Extraction:
    """The Extraction `extraction_to_json` wrote; ValueError or TypeError for anything else."""
    import json

    return _decoder(Extraction)(json.loads(data))
