"""`kg view` and the build's network.html: the graph as one self-contained HTML page.

The page is meant to be opened from disk, mailed, or archived next to graph.ttl, so
it fetches nothing: vis-network (the library pyvis ships) and its CSS are in-lined,
and there is no CDN link of any kind. Entity names come from documents and are
therefore untrusted: every value reaches the page as JSON inside a
<script type="application/json"> block (with <, > and & escaped), and the page's
own script turns it into DOM text (textContent), never into markup.

Layout: up to LAYOUT_PHYSICS_MAX nodes vis.js physics runs until the layout is
stable and is then switched off (a page that keeps moving is unreadable and burns
CPU). Above that the positions are computed here, before writing, community by
community (networkx's Louvain, seeded), so a 5,000-node page is drawn at once with
physics off, and its isolated entities, in rows below, start hidden.

A corpus page carries its documents (title, file, year, narrators) for the page's
filters, each entity's community and whether it is a hub (labelled at any zoom),
and a SPARQL template for the facts of a selected entity.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.errors import EXIT_BAD_INPUT, KgError

if TYPE_CHECKING:  # rdflib, networkx, numpy and jinja2 load lazily so `kg --help` stays instant
    import rdflib

    from kg.model import Graph as Model

# --- the vocabulary of the page: one place for colours, shapes and labels ------------

#: Entity types in legend order. `shape` is a vis.js shape with the label below it
#: (so `size` applies); `glyph` draws the same shape in the HTML legend. Colour and
#: shape both vary, so the legend still reads in grey-scale or for colour-blind
#: readers. Bureaus are the narrators of the reports: bigger, a star, a dark border.
VOCAB: dict[str, dict] = {
    "types": {
        "Bureau":            {"zh": "政府部门", "en": "Bureau", "color": "#d62728", "border": "#5c0000",
                              "shape": "star", "glyph": "★", "scale": 1.7, "borderWidth": 3},
        "University":        {"zh": "高校", "en": "University", "color": "#1f77b4", "border": "#0d3b5e",
                              "shape": "triangle", "glyph": "▲", "scale": 1.0, "borderWidth": 1},
        "ResearchInstitute": {"zh": "科研院所", "en": "Research institute", "color": "#9467bd",
                              "border": "#4a2f66", "shape": "triangleDown", "glyph": "▼", "scale": 1.0,
                              "borderWidth": 1},
        "Enterprise":        {"zh": "企业", "en": "Enterprise", "color": "#ff7f0e", "border": "#8a4200",
                              "shape": "square", "glyph": "■", "scale": 0.9, "borderWidth": 1},
        "Platform":          {"zh": "创新平台", "en": "Platform", "color": "#2ca02c", "border": "#145214",
                              "shape": "diamond", "glyph": "◆", "scale": 1.0, "borderWidth": 1},
        "Program":           {"zh": "计划项目", "en": "Program", "color": "#17becf", "border": "#0b5f68",
                              "shape": "hexagon", "glyph": "⬢", "scale": 0.9, "borderWidth": 1},
        "Policy":            {"zh": "政策文件", "en": "Policy", "color": "#8c564b", "border": "#462b25",
                              "shape": "square", "glyph": "■", "scale": 0.8, "borderWidth": 1},
        "Event":             {"zh": "活动", "en": "Event", "color": "#e377c2", "border": "#7a2d63",
                              "shape": "triangle", "glyph": "▲", "scale": 0.9, "borderWidth": 1},
        "Place":             {"zh": "地区", "en": "Place", "color": "#7f7f7f", "border": "#3a3a3a",
                              "shape": "dot", "glyph": "●", "scale": 0.9, "borderWidth": 1},
        "Product":           {"zh": "产品", "en": "Product", "color": "#bcbd22", "border": "#5e5e11",
                              "shape": "diamond", "glyph": "◆", "scale": 0.8, "borderWidth": 1},
    },
    #: Relation predicates: Chinese on the edge, English on hover.
    "predicates": {
        "partnersWith":   {"zh": "合作", "en": "partners with", "color": "#1f77b4"},
        "supports":       {"zh": "支持", "en": "supports", "color": "#2ca02c"},
        "establishes":    {"zh": "建立", "en": "establishes", "color": "#d62728"},
        "implements":     {"zh": "实施", "en": "implements", "color": "#17becf"},
        "organizes":      {"zh": "举办", "en": "organizes", "color": "#e377c2"},
        "issues":         {"zh": "发布", "en": "issues", "color": "#8c564b"},
        "affiliatedWith": {"zh": "隶属", "en": "affiliated with", "color": "#9467bd"},
        "locatedIn":      {"zh": "位于", "en": "located in", "color": "#7f7f7f"},
        "develops":       {"zh": "研发", "en": "develops", "color": "#bcbd22"},
    },
    #: Left-out entities folded into one node per type when a page is over max_nodes.
    "group": {"color": "#e8e8e8", "border": "#555555", "shape": "box"},
}

#: Up to this many nodes vis.js physics lays the graph out in the page (then stops).
LAYOUT_PHYSICS_MAX = 300
#: A community of fewer nodes is laid out with networkx's spring_layout; its larger-graph
#: path needs scipy (not a dependency) and is slow, so larger ones use the vectorised
#: Fruchterman-Reingold below.
NETWORKX_LAYOUT_MAX = 500
#: Above this many nodes a community is laid out on a spiral, not by forces (see _unit_layout).
SUNFLOWER_LAYOUT_MIN = 1500
LAYOUT_SEED = 7
#: A page draws at most this many entities (the rest are grouped by type). 5,000 entities
#: and 10,000 relations open in a few seconds: the isolated start hidden, and a page of
#: more than 2,000 relations draws arrowheads only zoomed in and no edge labels (the
#: colour, the tooltip and the side panel name each relation).
MAX_NODES = 5000
#: The name completion list stops here: a browser datalist is slow beyond it.
DATALIST_MAX = 5000
#: How many names a group node's tooltip lists.
GROUP_SAMPLE = 30

TEMPLATE_NAME = "network.html"
APP_SCRIPT_NAME = "network.js"
VIS_ASSET_DIR = "vis-9.1.2"


# --- the graph as the page needs it ---------------------------------------------------

@dataclass(frozen=True)
class Entity:
    iri: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    honours: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    #: (figure line, quote, document) for each passage a figure was read from
    figure_sources: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: tuple[tuple[str, str], ...] = ()   # (quote, document title)


@dataclass(frozen=True)
class DocumentInfo:
    """A report as the page's document, year and narrator filters name it.

    `name` is the string entities and evidence carry (title and file name), so a
    node's documents are looked up here without a second key."""

    name: str
    title: str = ""
    source: str = ""
    year: str = ""
    narrators: tuple[str, ...] = ()


@dataclass
class GraphData:
    """Entities (by IRI, in a deterministic order), the relations between them, and the
    documents they were read from (by the name entities carry)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    documents: dict[str, DocumentInfo] = field(default_factory=dict)

    def degree(self) -> dict[str, int]:
        """Relations touching each entity (both directions): what node size shows."""
        deg = dict.fromkeys(self.entities, 0)
        for rel in self.relations:
            deg[rel.subject] += 1
            deg[rel.object] += 1
        return deg

    def adjacency(self) -> dict[str, set[str]]:
        adj: dict[str, set[str]] = {iri: set() for iri in self.entities}
        for rel in self.relations:
            adj[rel.subject].add(rel.object)
            adj[rel.object].add(rel.subject)
        return adj


@dataclass(frozen=True)
class Blank:
    """A blank node of an rdflib graph: a resource without an IRI, so never an entity."""

    id: str

    def __str__(self) -> str:
        return self.id


class RdflibReader:
    """The questions read_graph asks of an rdflib.Graph, answered with plain values: a
    resource is its IRI (a str) or a Blank; a literal is (lexical form, language or None).

    Every resource handed out is remembered with its rdflib term, so the questions
    asked about it next cost a look-up rather than a new term.
    """

    def __init__(self, graph: "rdflib.Graph"):
        from rdflib import BNode, Literal, URIRef

        self.graph = graph
        self._literal, self._blank, self._iri = Literal, BNode, URIRef
        self._terms: dict = {}

    def instances(self, cls: str) -> list:
        """The resources typed `cls` (rdf:type)."""
        rdf_type = self._term(_ns("rdf") + "type")
        return [self._plain(s) for s in self.graph.subjects(rdf_type, self._term(cls))]

    def objects(self, node, predicate: str) -> list:
        """Every object of `predicate` on `node`."""
        return [self._plain(o) for o in self.graph.objects(self._term(node), self._term(predicate))]

    def values(self, node, predicates: tuple[str, ...]) -> list:
        """The first object of each predicate on `node`, None where it has none."""
        subject, value = self._term(node), self.graph.value
        return [self._plain(value(subject, self._term(p))) for p in predicates]

    def _plain(self, term):
        """An rdflib term as the questions answer it."""
        if term is None:
            return None
        if isinstance(term, self._literal):
            return str(term), term.language
        plain = Blank(str(term)) if isinstance(term, self._blank) else str(term)
        self._terms[plain] = term
        return plain

    def _term(self, node):
        """The rdflib term of a resource (an IRI string or a Blank)."""
        term = self._terms.get(node)
        if term is None:
            term = self._blank(node.id) if isinstance(node, Blank) else self._iri(node)
            self._terms[node] = term
        return term


def _ns(prefix: str) -> str:
    """A namespace of the RDF contract as a plain string: IRIs are made by concatenation."""
    from kg.ns import PREFIX_IRIS

    return PREFIX_IRIS[prefix]


def _lexical(value) -> str:
    """What a value reads as: a literal's lexical form, a resource's IRI (or blank node id)."""
    return value[0] if isinstance(value, tuple) else str(value)


def _text(values: Iterable) -> list[str]:
    """Values as plain strings, sorted and de-duplicated (deterministic output)."""
    return sorted({text for text in (_lexical(v).strip() for v in values) if text})


def _pick_label(labels: list) -> str | None:
    """The canonical label: the Chinese one when several exist, else the smallest."""
    literals = [lab for lab in labels if isinstance(lab, tuple)]
    if not literals:
        return None
    zh = sorted(text for text, lang in literals if (lang or "").lower().startswith("zh"))
    return (zh or sorted(text for text, _ in literals))[0]


def _number(value) -> str:
    """200.0 -> "200", 3.50 -> "3.5": figures as a person writes them."""
    try:
        dec = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = format(dec.normalize(), "f")
    return text


def _document_titles(rdf: RdflibReader) -> dict:
    """Document IRI -> what a reader recognises: its title, else its file name."""
    dct = _ns("dcterms")
    titles = {}
    for doc in rdf.instances(_ns("kgo") + "Document"):
        title = next(iter(_text(rdf.objects(doc, dct + "title"))), None)
        source = next(iter(_text(rdf.objects(doc, dct + "source"))), None)
        if title and source:
            titles[doc] = f"{title} ({source})"
        else:
            titles[doc] = title or source or _lexical(doc).rsplit("/", 1)[-1]
    return titles


def _doc_name(titles: dict, doc) -> str:
    return titles.get(doc) or _lexical(doc).rsplit("/", 1)[-1]


def _figures(rdf: RdflibReader, titles: dict) -> dict:
    """Entity IRI -> (its observations as one line each: indicator qualifier value unit
    (year), and (line, quote, document) for each passage they were read from)."""
    kgo = _ns("kgo")
    fields = tuple(kgo + name for name in
                   ("aboutEntity", "indicator", "value", "qualifier", "unit", "year"))
    passage_fields = (kgo + "quote", kgo + "sourceDocument")
    passages: dict = {}
    out: dict = defaultdict(list)
    sources: dict = defaultdict(set)
    for obs in rdf.instances(kgo + "Observation"):
        about, indicator, value, qualifier, unit, year = rdf.values(obs, fields)
        if about is None:
            continue
        parts = [_lexical(indicator) if indicator is not None else "?"]
        if qualifier is not None:
            parts.append(_lexical(qualifier))
        parts.append(_number(_lexical(value)) if value is not None else "?")
        line = " ".join(parts) + (_lexical(unit) if unit is not None else "")
        if year is not None:
            line += f" ({_lexical(year)})"
        out[about].append(line)
        for passage in rdf.objects(obs, kgo + "passage"):
            if passage not in passages:
                quote, doc = rdf.values(passage, passage_fields)
                passages[passage] = (_lexical(quote) if quote is not None else "",
                                     _doc_name(titles, doc) if doc else "")
            sources[about].add((line, *passages[passage]))
    return {k: (tuple(sorted(set(v))), tuple(sorted(sources.get(k, ())))) for k, v in out.items()}


def _evidence(rdf: RdflibReader, titles: dict) -> dict:
    """(s, p, o) -> ((quote, document), ...) from the kgo:Evidence rdf:Statement nodes and
    their passages (read once each: a sentence is the passage of several facts)."""
    rdf_ns, kgo = _ns("rdf"), _ns("kgo")
    fields = (rdf_ns + "subject", rdf_ns + "predicate", rdf_ns + "object", kgo + "passage")
    passage_fields = (kgo + "quote", kgo + "sourceDocument")
    passages: dict = {}
    out: dict = defaultdict(set)
    for ev in rdf.instances(kgo + "Evidence"):
        s, p, o, passage = rdf.values(ev, fields)
        if s is None or p is None or o is None:
            continue
        seen = passages.get(passage)
        if seen is None:
            quote, doc = rdf.values(passage, passage_fields) if passage else (None, None)
            seen = passages[passage] = (_lexical(quote) if quote is not None else "",
                                        _doc_name(titles, doc) if doc else "")
        out[(s, p, o)].add(seen)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _entity(rdf: RdflibReader, node: str, type_name: str, titles: dict, figures: dict) -> Entity | None:
    """One entity with its honours and figures folded in; None without an rdfs:label."""
    kgo = _ns("kgo")
    label = _pick_label(rdf.objects(node, _ns("rdfs") + "label"))
    if label is None:
        return None
    aliases = tuple(a for a in _text(rdf.objects(node, _ns("skos") + "altLabel")) if a != label)
    docs = tuple(sorted({_doc_name(titles, d) for d in rdf.objects(node, kgo + "mentionedIn")}))
    return Entity(iri=node, type=type_name, label=label, aliases=aliases, documents=docs,
                  honours=tuple(_text(rdf.objects(node, kgo + "receivedHonor"))),
                  figures=figures.get(node, ((), ()))[0], figure_sources=figures.get(node, ((), ()))[1])


def read_graph(graph: "rdflib.Graph") -> GraphData:
    """The entities and relations of a kejigraph RDF graph (see ontology/README.md).

    An entity is a resource typed with one of the ten kgo: entity classes that has an
    rdfs:label; honours and observations are folded into it (they are attributes to
    read, not things to click). A relation is a triple with one of the nine kgo:
    relation predicates between two entities.
    """
    from kg.model import ENTITY_PREDICATES, ENTITY_TYPES

    rdf = RdflibReader(graph)
    kgo = _ns("kgo")
    titles = _document_titles(rdf)
    figures = _figures(rdf, titles)
    found: dict = {}
    for type_name in ENTITY_TYPES:     # first type in this order wins if several are asserted
        for node in rdf.instances(kgo + type_name):
            if node in found or not isinstance(node, str):
                continue
            entity = _entity(rdf, node, type_name, titles, figures)
            if entity is not None:
                found[node] = entity
    type_rank = {t: i for i, t in enumerate(ENTITY_TYPES)}
    ordered = sorted(found.values(), key=lambda e: (type_rank[e.type], e.label, e.iri))
    data = GraphData(entities={e.iri: e for e in ordered})

    evidence = _evidence(rdf, titles)
    relations = []
    for pred in ENTITY_PREDICATES:
        iri = kgo + pred
        for s in found:
            for o in rdf.objects(s, iri):
                if o in found and s != o:
                    relations.append(Relation(s, pred, o, evidence.get((s, iri, o), ())))
    relations.sort(key=lambda r: (r.subject, r.predicate, r.object))
    data.relations = relations
    data.documents = _documents_of_rdf(rdf, titles, found)
    return data


def _year(date: str | None) -> str:
    """The year a dcterms:date (a gYear or a date) gives, '' when it gives none."""
    text = (date or "").strip()
    return text[:4] if text[:4].isdigit() else ""


def _documents_of_rdf(rdf: RdflibReader, titles: dict, found: dict) -> dict[str, DocumentInfo]:
    """Each kgo:Document with its year and the narrators its sections name (the agencies
    that speak in it, by label; a narrator that is no entity of the graph is not named)."""
    dct, kgo = _ns("dcterms"), _ns("kgo")
    narrators: dict = defaultdict(set)
    for section in rdf.instances(kgo + "Section"):
        doc, narrator = rdf.values(section, (dct + "isPartOf", kgo + "narrator"))
        if doc is not None and narrator in found:
            narrators[doc].add(found[narrator].label)
    out = {}
    for doc in titles:
        title, source, date = (next(iter(_text(rdf.objects(doc, dct + p))), "")
                               for p in ("title", "source", "date"))
        name = _doc_name(titles, doc)
        out[name] = DocumentInfo(name=name, title=title, source=source, year=_year(date),
                                 narrators=tuple(sorted(narrators.get(doc, ()))))
    return dict(sorted(out.items()))


def graph_data(graph: "Model") -> GraphData:
    """What read_graph reads from the RDF a build writes, taken from the resolved graph itself.

    A build draws its view from this while its RDF is still being made and written,
    and `kg view graph.ttl` draws the same page from the RDF: each step below does
    what kg.serialise writes and read_graph reads back (tests/test_view.py holds the
    two routes to the same page on the sample report and on hostile names)."""
    from kg.model import ENTITY_TYPES
    from kg.serialise import decimal_text, doc_iri, observation_key

    kgr = _ns("kgr")
    titles = {}
    for meta in graph.documents:
        title, source = (meta.title or "").strip(), meta.source.strip()
        titles[doc_iri(meta.doc_id)] = (f"{title} ({source})" if title and source
                                       else title or source or meta.doc_id)

    # a passage's quote is the first one written: relations are written before figures
    quotes: dict = {}
    for _, _, _, ev in graph.relations:
        quotes.setdefault((ev.doc_id, ev.start, ev.end), ev.quote)
    for _, obs in graph.observations:
        ev = obs.evidence
        quotes.setdefault((ev.doc_id, ev.start, ev.end), ev.quote)

    # figures: one observation node per key, whose first qualifier is the one read, with
    # the passages of every figure folded into it
    nodes: dict = {}
    for s_key, obs in graph.observations:
        node = nodes.setdefault(observation_key(s_key, obs), [s_key, obs, obs.qualifier, []])
        if not node[2]:
            node[2] = obs.qualifier
        node[3].append(obs.evidence)
    lines: dict = defaultdict(set)
    figure_sources: dict = defaultdict(set)
    for s_key, obs, qualifier, evs in nodes.values():
        line = " ".join([obs.indicator] + ([qualifier] if qualifier else []) + [_number(decimal_text(obs.value))])
        line += obs.unit + (f" ({obs.year})" if obs.year else "")
        lines[kgr + s_key].add(line)
        for ev in evs:
            figure_sources[kgr + s_key].add((line, quotes[(ev.doc_id, ev.start, ev.end)],
                                             _doc_name(titles, doc_iri(ev.doc_id))))

    honours: dict = defaultdict(set)
    for s_key, pred, obj, _ in graph.relations:
        if pred == "receivedHonor" and obj.strip():
            honours[kgr + s_key].add(obj.strip())
    type_rank = {t: i for i, t in enumerate(ENTITY_TYPES)}
    found = {}
    for ent in graph.entities.values():
        if not ent.documents:   # written nowhere
            continue
        iri = kgr + ent.key
        found[iri] = Entity(
            iri=iri, type=ent.type, label=ent.name,
            aliases=tuple(a for a in sorted({a.strip() for a in ent.aliases} - {""}) if a != ent.name),
            documents=tuple(sorted({_doc_name(titles, doc_iri(d)) for d in ent.documents})),
            honours=tuple(sorted(honours.get(iri, ()))), figures=tuple(sorted(lines.get(iri, ()))),
            figure_sources=tuple(sorted(figure_sources.get(iri, ()))))
    ordered = sorted(found.values(), key=lambda e: (type_rank[e.type], e.label, e.iri))
    data = GraphData(entities={e.iri: e for e in ordered})

    # relations with the passages they were read from
    evidence: dict = defaultdict(set)
    for s_key, pred, obj, ev in graph.relations:
        quote = quotes[(ev.doc_id, ev.start, ev.end)]
        if pred != "receivedHonor":
            evidence[(kgr + s_key, pred, kgr + obj)].add((quote, _doc_name(titles, doc_iri(ev.doc_id))))
    data.relations = sorted((Relation(s, p, o, tuple(sorted(found_evidence)))
                             for (s, p, o), found_evidence in evidence.items()
                             if s in found and o in found and s != o),
                            key=lambda r: (r.subject, r.predicate, r.object))
    narrators: dict = defaultdict(set)
    for doc_id, _, _, narrator_key in graph.sections:
        if narrator_key and kgr + narrator_key in found:
            narrators[doc_iri(doc_id)].add(found[kgr + narrator_key].label)
    documents = {}
    for meta in graph.documents:
        doc = doc_iri(meta.doc_id)
        name = _doc_name(titles, doc)
        documents[name] = DocumentInfo(name=name, title=(meta.title or "").strip(),
                                       source=meta.source.strip(), year=_year(meta.date),
                                       narrators=tuple(sorted(narrators.get(doc, ()))))
    data.documents = dict(sorted(documents.items()))
    return data


# --- choosing what to draw --------------------------------------------------------------

def _norm(name: str) -> str:
    """Names compare after NFKC (full-width letters, spaces) and case folding."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def find_entities(data: GraphData, name: str) -> list[str]:
    """IRIs of the entities whose label or an alias is `name` (labels win over aliases)."""
    key = _norm(name)
    by_label = [e.iri for e in data.entities.values() if _norm(e.label) == key]
    if by_label:
        return by_label
    return [e.iri for e in data.entities.values() if any(_norm(a) == key for a in e.aliases)]


def suggest_names(data: GraphData, name: str, limit: int = 5) -> list[str]:
    """Labels close to `name`, for an error message: containment first, then similarity."""
    key = _norm(name)
    labels = {e.label for e in data.entities.values()}
    names = {n for e in data.entities.values() for n in (e.label, *e.aliases)}
    containing = sorted(lab for lab in labels if key and (key in _norm(lab) or _norm(lab) in key))
    close = difflib.get_close_matches(name, sorted(names), n=limit, cutoff=0.5)
    out: list[str] = []
    for cand in containing + close:
        if cand not in out:
            out.append(cand)
    return out[:limit]


def neighbourhood(adj: dict[str, set[str]], starts: Iterable[str], depth: int) -> dict[str, int]:
    """Entities within `depth` hops of any start (relations read both ways) -> hop count."""
    dist = {s: 0 for s in starts}
    queue = deque(dist)
    while queue:
        node = queue.popleft()
        if dist[node] >= depth:
            continue
        for nxt in sorted(adj[node]):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist


def parse_types(spec: str | Iterable[str] | None) -> set[str] | None:
    """"Enterprise,platform" or {"企业"} -> {"Enterprise", "Platform"}; unknown names are an error."""
    if spec is None:
        return None
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    lookup = {}
    for name, info in VOCAB["types"].items():
        lookup[name.casefold()] = name
        lookup[info["zh"]] = name
    out, unknown = set(), []
    for item in (i.strip() for i in items):
        if not item:
            continue
        match = lookup.get(item.casefold()) or lookup.get(item)
        if match:
            out.add(match)
        else:
            unknown.append(item)
    if unknown:
        raise KgError(f"unknown entity type {', '.join(unknown)}: choose from "
                      f"{', '.join(VOCAB['types'])}", EXIT_BAD_INPUT)
    if not out:
        raise KgError("--types names no type: give e.g. --types Enterprise,Platform", EXIT_BAD_INPUT)
    return out


@dataclass(frozen=True)
class Selection:
    """What one page shows: entities drawn one by one, entities folded into groups."""

    shown: tuple[str, ...]
    grouped: tuple[str, ...]
    focus: tuple[str, ...]
    left_out: int            # entities outside the focus neighbourhood / type subset


def find_documents(data: GraphData, name: str) -> list[str]:
    """The names of the documents `name` picks: its title, file name or file stem exactly,
    else every document whose name contains it (so "2023" or "gwr-2023" both work)."""
    key = _norm(name)
    docs = {d for e in data.entities.values() for d in e.documents} | set(data.documents)
    exact = []
    for doc in sorted(docs):
        info = data.documents.get(doc) or DocumentInfo(name=doc)
        forms = {info.name, info.title, info.source, info.source.rsplit(".", 1)[0]}
        if key in {_norm(f) for f in forms if f}:
            exact.append(doc)
    return exact or [doc for doc in sorted(docs) if key and key in _norm(doc)]


def select(data: GraphData, *, focus: str | None, depth: int, types: set[str] | None,
           max_nodes: int, documents: Iterable[str] | None = None) -> Selection:
    """Pick the entities of a page: a neighbourhood, a type subset and/or the entities
    of some documents, capped at max_nodes.

    Over the cap, the best-connected entities are kept (focus entities and bureaus
    first, since they are what a reader looks for) and the rest are grouped by type.
    """
    if depth < 0:
        raise KgError("--depth must be 0 or more", EXIT_BAD_INPUT)
    if max_nodes < 1:
        raise KgError("max_nodes must be at least 1", EXIT_BAD_INPUT)
    candidates = list(data.entities)
    centres: list[str] = []
    if focus is not None:
        centres = find_entities(data, focus)
        if not centres:
            hint = suggest_names(data, focus)
            raise KgError(f"no entity named {focus!r} in the graph (label or alias)"
                          + (f"; did you mean: {', '.join(hint)}?" if hint else ""), EXIT_BAD_INPUT)
        near = neighbourhood(data.adjacency(), centres, depth)
        candidates = [iri for iri in candidates if iri in near]
    if types is not None:
        candidates = [iri for iri in candidates
                      if data.entities[iri].type in types or iri in centres]
    if documents is not None:
        picked: set[str] = set()
        for name in documents:
            found = find_documents(data, name)
            if not found:
                known = sorted(data.documents)[:5]
                raise KgError(f"no document matches {name!r}"
                              + (f"; documents include: {', '.join(known)}" if known else ""),
                              EXIT_BAD_INPUT)
            picked.update(found)
        candidates = [iri for iri in candidates
                      if picked.intersection(data.entities[iri].documents) or iri in centres]
    left_out = len(data.entities) - len(candidates)
    if len(candidates) <= max_nodes:
        return Selection(tuple(candidates), (), tuple(centres), left_out)
    deg = data.degree()
    centre_set = set(centres)
    ranked = sorted(candidates, key=lambda iri: (
        iri not in centre_set, data.entities[iri].type != "Bureau", -deg[iri],
        data.entities[iri].label, iri))
    keep = set(ranked[:max_nodes])
    shown = tuple(iri for iri in candidates if iri in keep)
    grouped = tuple(iri for iri in candidates if iri not in keep)
    return Selection(shown, grouped, tuple(centres), left_out)


# --- layout -------------------------------------------------------------------------------

#: What one layout may cost, in pairwise force terms (n² per iteration): a community of a few
#: hundred nodes gets the full 80 iterations, a hub's thousand-node community fewer.
LAYOUT_BUDGET = 3_000_000


def _iterations_for(n: int) -> int:
    return max(12, min(80, LAYOUT_BUDGET // max(1, n * n)))


def _fruchterman_reingold(n: int, edges: list[tuple[int, int]], iterations: int = 80,
                          seed: int = LAYOUT_SEED):
    """Force-directed positions for n nodes, vectorised with numpy (no scipy needed).

    The pairwise repulsion is written with matrix products (|xi-xj|^2 from X Xᵀ,
    displacement as x_i Σw - W x), so 2,000 nodes take well under a second.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float64).astype(np.float32)
    if n < 2:
        return pos
    src = np.array([e[0] for e in edges], dtype=np.int64)
    dst = np.array([e[1] for e in edges], dtype=np.int64)
    k = np.float32(1.0 / math.sqrt(n))
    temp = np.float32(0.1)
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        sq = (pos * pos).sum(1)
        w = pos @ pos.T                      # in place from here: one n×n buffer per iteration
        w *= -2
        w += sq[:, None]
        w += sq[None, :]
        np.maximum(w, np.float32(1e-6), out=w)
        np.divide(k * k, w, out=w)
        np.fill_diagonal(w, 0)
        disp = pos * w.sum(1)[:, None] - w @ pos
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta * delta).sum(1)).clip(1e-4)[:, None]
            pull = delta * dist / k
            np.subtract.at(disp, src, pull)
            np.add.at(disp, dst, pull)
        # a weak pull to the centre keeps small components from drifting away
        disp -= (pos - pos.mean(0)) * np.float32(0.05 * n * k)
        length = np.sqrt((disp * disp).sum(1)).clip(1e-4)[:, None]
        pos += disp / length * np.minimum(length, temp)
        temp -= cool
    return pos


# --- communities, and a layout that shows them -------------------------------------------

#: Louvain's shuffles are seeded, so the same graph always gives the same communities
#: (and the same page bytes).
COMMUNITY_SEED = 7
#: The largest communities get these colours in the page's community colouring; the
#: rest share COMMUNITY_OTHER (more hues than this cannot be told apart).
COMMUNITY_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                    "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#ad494a")
COMMUNITY_OTHER = "#c7c7c7"


def find_communities(nodes: list[int], edges: list[tuple[int, int]]) -> list[list[int]]:
    """Communities of the connected nodes (networkx's Louvain, seeded), largest first.

    Node and edge order are fixed by the caller and the shuffles by the seed, so the
    result does not depend on the process (hash seeds never reach integer nodes)."""
    if not nodes:
        return []
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    found = nx.community.louvain_communities(g, seed=COMMUNITY_SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _unit_layout(size: int, edges: list[tuple[int, int]], seed: int = LAYOUT_SEED):
    """Positions of one community's nodes (local indices) inside the unit disc."""
    import numpy as np

    if size == 1:
        return np.zeros((1, 2))
    if size == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    if size < NETWORKX_LAYOUT_MAX:
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(range(size))
        g.add_edges_from(edges)
        placed = nx.spring_layout(g, seed=seed, iterations=60)
        pos = np.array([placed[i] for i in range(size)], dtype=np.float64)
    elif size > SUNFLOWER_LAYOUT_MIN:
        pos = _sunflower_layout(size, edges)
    else:
        pos = _fruchterman_reingold(size, edges, iterations=_iterations_for(size), seed=seed).astype(np.float64)
    pos -= pos.mean(0)
    return pos / (float(np.sqrt((pos * pos).sum(1)).max()) or 1.0)


def _sunflower_layout(size: int, edges: list[tuple[int, int]]):
    """Positions for a community too large for pairwise forces (a report's hub and its
    thousands of programmes): the nodes in breadth-first order from the best-connected
    one, on a sunflower spiral, so that the hub sits in the middle, its neighbours
    around it, and nodes linked to one another lie close; linear in the size, where
    forces are quadratic."""
    import numpy as np

    neighbours: list[list[int]] = [[] for _ in range(size)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    order, seen = [], [False] * size
    for root in sorted(range(size), key=lambda i: (-len(neighbours[i]), i)):
        if seen[root]:
            continue
        seen[root] = True
        queue = [root]
        while queue:
            node = queue.pop(0)
            order.append(node)
            for nxt in sorted(neighbours[node], key=lambda i: (-len(neighbours[i]), i)):
                if not seen[nxt]:
                    seen[nxt] = True
                    queue.append(nxt)
    rank = np.empty(size, dtype=np.float64)
    rank[np.array(order)] = np.arange(size, dtype=np.float64)
    angle = rank * (math.pi * (3.0 - math.sqrt(5.0)))
    radius = np.sqrt(rank + 0.5)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)


def _disc_radius(size: int) -> float:
    """Room for a community of `size` nodes, about 80 px between neighbours."""
    return 30.0 + 55.0 * math.sqrt(size)


def _pack_discs(radii: list[float], gap: float = 40.0) -> list[tuple[float, float]]:
    """Centres for discs placed in order along a spiral from the middle, each at the first
    point where it overlaps none placed before: a round, compact picture (no ring of
    small components around a big one, which is what a force layout makes of them)."""
    import numpy as np

    r = np.array(radii, dtype=np.float64)
    centres = np.zeros((len(radii), 2))
    if len(radii) < 2:
        return [(0.0, 0.0)] * len(radii)
    step = max(10.0, float(r.min()))            # distance between the spiral's turns
    b = step / (2 * math.pi)
    theta = 0.0
    for i in range(1, len(radii)):
        theta = max(0.0, theta - 2 * math.pi)   # small discs may fit back in a gap just passed
        need = r[:i] + r[i] + gap
        while True:
            rad = b * theta
            x, y = rad * math.cos(theta), rad * math.sin(theta)
            if (np.hypot(centres[:i, 0] - x, centres[:i, 1] - y) >= need).all():
                centres[i] = (x, y)
                break
            theta += min(0.5, step / 2 / max(rad, step))
    return [(float(x), float(y)) for x, y in centres]


def community_order(communities: list[list[int]], edges: list[tuple[int, int]]) -> list[int]:
    """Communities in the order they are placed: largest first, then each one's most
    linked neighbours (breadth first), so linked communities land side by side."""
    where = {node: c for c, members in enumerate(communities) for node in members}
    links: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for a, b in edges:
        ca, cb = where.get(a), where.get(b)
        if ca is not None and cb is not None and ca != cb:
            links[ca][cb] += 1
            links[cb][ca] += 1
    order, seen = [], set()
    for start in range(len(communities)):
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        while queue:
            c = queue.popleft()
            order.append(c)
            for nxt in sorted(links[c], key=lambda o: (-links[c][o], o)):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
    return order


def layout_by_community(n: int, edges: list[tuple[int, int]], communities: list[list[int]],
                        isolated: list[int]) -> list[tuple[float, float]]:
    """Page positions: each community laid out on its own disc, the discs packed around
    the largest, and the isolated nodes in rows below (hidden at first on a large page).

    Laying out communities one by one keeps a 5,000-node page fast to write (no n×n
    matrix) and draws the structure the community colouring names."""
    import numpy as np

    pos = np.zeros((n, 2))
    where = {node: (c, i) for c, members in enumerate(communities) for i, node in enumerate(members)}
    local: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b in edges:
        ca, cb = where.get(a), where.get(b)
        if ca is not None and cb is not None and ca[0] == cb[0]:
            local[ca[0]].append((ca[1], cb[1]))
    order = community_order(communities, edges)
    radii = [_disc_radius(len(communities[c])) for c in order]
    for c, (cx, cy), radius in zip(order, _pack_discs(radii), radii):
        members = communities[c]
        unit = _unit_layout(len(members), local[c])
        pos[members] = unit * (radius - 20.0) + (cx, cy)
    if isolated:
        top = float(pos[[m for c in communities for m in c]][:, 1].max()) + 160.0 if communities else 0.0
        left = float(pos[:, 0].min()) if communities else 0.0
        width = max(1200.0, float(np.ptp(pos[:, 0])) if communities else 0.0)
        per_row = max(1, int(width // 110))
        for k, node in enumerate(isolated):
            pos[node] = (left + 110.0 * (k % per_row), top + 70.0 * (k // per_row))
    return [(round(float(x), 1), round(float(y), 1)) for x, y in pos]

# --- the page's data ---------------------------------------------------------------------

def compact_iri(iri: str) -> str:
    """kgr:bureau/… rather than the full IRI: what `kg query` accepts, and no URL in the page."""
    from kg.ns import KGR_IRI

    return "kgr:" + iri[len(KGR_IRI):] if iri.startswith(KGR_IRI) else iri


def _size(degree: int, type_name: str) -> float:
    """Node radius grows with the square root of degree, so hubs stand out without dwarfing."""
    base = 12 * VOCAB["types"][type_name]["scale"]
    return round(base * (1 + 0.35 * math.sqrt(degree)), 1)


#: The best-connected nodes, whose labels the page shows at any zoom (the others' labels
#: appear once zoomed in): a reader of a large graph starts from its hubs.
HUB_LABELS = 30
#: On a page of more nodes than this, entities without a relation start hidden behind a
#: toggle that gives their count: a corpus has hundreds, and drawn they bury the rest.
HIDE_ISOLATED_OVER = LAYOUT_PHYSICS_MAX


def _page_documents(data: GraphData, shown: Iterable[str]) -> list[DocumentInfo]:
    """The documents the page's entities and relations were read from, by year then name."""
    shown = set(shown)
    names = {d for iri in shown for d in data.entities[iri].documents}
    names |= {d for rel in data.relations if rel.subject in shown and rel.object in shown
              for _, d in rel.evidence if d}
    infos = [data.documents.get(n) or DocumentInfo(name=n) for n in names]
    return sorted(infos, key=lambda d: (d.year or "9999", d.name))


def _document_entry(doc: DocumentInfo) -> dict:
    return {"name": doc.name, "title": doc.title, "source": doc.source, "year": doc.year,
            "narrators": list(doc.narrators)}


def _community_entries(communities: list[list[int]], nodes: list[dict]) -> list[dict]:
    """What the legend says of each community: its size, its best-connected member, a colour."""
    out = []
    for c, members in enumerate(communities):
        top = min(members, key=lambda i: (-nodes[i]["degree"], nodes[i]["label"], i))
        out.append({"id": c, "size": len(members), "label": nodes[top]["label"],
                    "color": COMMUNITY_COLORS[c] if c < len(COMMUNITY_COLORS) else COMMUNITY_OTHER})
    return out


def build_page_data(data: GraphData, sel: Selection, *, title: str,
                    hide_isolated: bool | None = None) -> dict:
    """Everything the page script needs, as plain JSON-able values (no markup anywhere).

    `hide_isolated` is the isolated toggle's first state; None hides them on a large page."""
    deg = data.degree()
    index = {iri: i for i, iri in enumerate(sel.shown)}
    documents = _page_documents(data, sel.shown)
    doc_index = {d.name: i for i, d in enumerate(documents)}
    nodes = []
    for iri in sel.shown:
        ent = data.entities[iri]
        nodes.append({
            "id": index[iri], "iri": compact_iri(iri), "label": ent.label, "type": ent.type,
            "aliases": list(ent.aliases), "docs": [doc_index[d] for d in ent.documents],
            "honours": list(ent.honours), "figures": list(ent.figures),
            "figureSources": [{"figure": f, "quote": q, "document": d} for f, q, d in ent.figure_sources],
            "degree": deg[iri], "size": _size(deg[iri], ent.type),
        })
    edges = []
    for rel in data.relations:
        if rel.subject in index and rel.object in index:
            edges.append({
                "id": f"e{len(edges)}", "from": index[rel.subject], "to": index[rel.object],
                "predicate": rel.predicate,
                "evidence": _shown_evidence(rel.evidence), "evidenceTotal": len(rel.evidence),
                "docs": sorted({doc_index[d] for _, d in rel.evidence if d in doc_index}),
            })

    groups = _group_nodes(data, sel, index, deg, start=len(nodes))
    group_edges = _group_edges(data, sel, index, groups)
    all_nodes = nodes + list(groups.values())
    n_total = len(all_nodes)
    pairs = [(e["from"], e["to"]) for e in edges + group_edges]
    page_degree = [0] * n_total
    for a, b in pairs:
        page_degree[a] += 1
        page_degree[b] += 1
    isolated = [i for i in range(n_total) if not page_degree[i]]
    for i in isolated:
        all_nodes[i]["isolated"] = True
    communities = find_communities([i for i in range(len(nodes)) if page_degree[i]],
                                   [(e["from"], e["to"]) for e in edges])
    for c, members in enumerate(communities):
        for i in members:
            nodes[i]["community"] = c
    ranked = sorted((i for i in range(len(nodes)) if page_degree[i]),
                    key=lambda i: (-page_degree[i], nodes[i]["label"], i))
    for i in ranked[:HUB_LABELS]:
        nodes[i]["hub"] = True

    layout = "physics" if n_total <= LAYOUT_PHYSICS_MAX else "fixed"
    if layout == "fixed":
        discs = communities + [[g["id"]] for g in groups.values() if page_degree[g["id"]]]
        for node, (x, y) in zip(all_nodes, layout_by_community(n_total, pairs, discs, isolated)):
            node["x"], node["y"] = x, y
    if hide_isolated is None:
        hide_isolated = n_total > HIDE_ISOLATED_OVER

    type_counts = defaultdict(int)
    for node in nodes:
        type_counts[node["type"]] += 1
    pred_counts = defaultdict(int)
    for edge in edges:
        pred_counts[edge["predicate"]] += 1
    return {
        "title": title,
        "vocab": VOCAB,
        "layout": layout,
        "nodes": all_nodes,
        "edges": edges + group_edges,
        "documents": [_document_entry(d) for d in documents],
        "communities": _community_entries(communities, nodes),
        "focus": [index[iri] for iri in sel.focus if iri in index],
        "initial": {"hideIsolated": bool(hide_isolated and isolated)},
        "sparql": SPARQL_TEMPLATE,
        "counts": {"types": dict(type_counts), "predicates": dict(pred_counts)},
        "summary": {
            "entities": len(data.entities), "shown": len(nodes), "edges": len(edges),
            "grouped": len(sel.grouped), "left_out": sel.left_out,
            "relations": len(data.relations), "isolated": sum(1 for i in isolated if i < len(nodes)),
            "communities": len(communities),
        },
        "notices": _notices(data, sel, len(nodes)),
    }


#: The query the page copies for a selected entity (ENTITY replaced by its name in the
#: query, e.g. kgr:university\/…): the relations and figures its panel lists, each with
#: the sentence and the document it was read from. For `kg query`, which predeclares
#: the prefixes (so the page holds no namespace URL).
SPARQL_TEMPLATE = """\
# LABEL: its relations and figures with the sentences they were read from.
# Run it with kg query, which declares the prefixes.
SELECT ?kind ?fact ?other ?quote ?document WHERE {
  VALUES ?entity { ENTITY }
  {
    ?entity ?p ?o . ?o rdfs:label ?other . BIND("→" AS ?kind)
    OPTIONAL { ?ev rdf:subject ?entity ; rdf:predicate ?p ; rdf:object ?o ; kgo:passage ?passage }
  } UNION {
    ?o ?p ?entity . ?o rdfs:label ?other . BIND("←" AS ?kind)
    OPTIONAL { ?ev rdf:subject ?o ; rdf:predicate ?p ; rdf:object ?entity ; kgo:passage ?passage }
  } UNION {
    ?obs kgo:aboutEntity ?entity ; kgo:indicator ?indicator ; kgo:value ?value ; kgo:passage ?passage .
    OPTIONAL { ?obs kgo:unit ?unit }
    BIND("figure" AS ?kind) BIND(CONCAT(STR(?value), COALESCE(?unit, "")) AS ?other)
  }
  FILTER(!BOUND(?p) || ?p IN (PREDICATES))
  BIND(IF(BOUND(?p), STRAFTER(STR(?p), "#"), ?indicator) AS ?fact)
  OPTIONAL { ?passage kgo:quote ?quote }
  OPTIONAL { ?passage kgo:sourceDocument ?doc . ?doc dcterms:source ?document }
}
ORDER BY ?kind ?fact ?other ?quote
""".replace("PREDICATES", ", ".join("kgo:" + p for p in VOCAB["predicates"]))


#: Passages an edge's tooltip quotes; the others are counted ("… N more"). A relation read
#: from one sentence of a report that recurs in 600 reports has 600 of them.
EVIDENCE_SHOWN = 5


def _shown_evidence(evidence: tuple[tuple[str, str], ...]) -> list[dict]:
    """What an edge's tooltip quotes: different sentences first (the same sentence read in
    other reports says nothing new), each with the first document it was read in."""
    seen: set[str] = set()
    first, again = [], []
    for quote, document in evidence:          # sorted by quote, then document
        (again if quote in seen else first).append({"quote": quote, "document": document})
        seen.add(quote)
    return (first + again)[:EVIDENCE_SHOWN]


def _group_nodes(data: GraphData, sel: Selection, index: dict, deg: dict, start: int) -> dict:
    """One node per type holding the entities over the cap, so the page says where they are."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for iri in sel.grouped:
        by_type[data.entities[iri].type].append(iri)
    groups = {}
    for offset, type_name in enumerate(t for t in VOCAB["types"] if t in by_type):
        members = sorted(by_type[type_name], key=lambda i: (-deg[i], data.entities[i].label))
        zh = VOCAB["types"][type_name]["zh"]
        groups[type_name] = {
            "id": start + offset, "group": True, "type": type_name,
            "label": f"其余{zh} ×{len(members)}", "count": len(members),
            "members": [data.entities[i].label for i in members[:GROUP_SAMPLE]],
            "size": round(14 + 3 * math.sqrt(len(members)), 1), "degree": 0,
            "aliases": [], "docs": [], "honours": [], "figures": [],
        }
    return groups


def _group_edges(data: GraphData, sel: Selection, index: dict, groups: dict) -> list[dict]:
    """Relations between a drawn entity and a group, counted per (entity, group, predicate)."""
    if not groups:
        return []
    member_type = {iri: data.entities[iri].type for iri in sel.grouped}
    counts: dict[tuple[int, int, str], int] = defaultdict(int)
    for rel in data.relations:
        if rel.subject in index and rel.object in member_type:
            counts[(index[rel.subject], groups[member_type[rel.object]]["id"], rel.predicate)] += 1
        elif rel.object in index and rel.subject in member_type:
            counts[(groups[member_type[rel.subject]]["id"], index[rel.object], rel.predicate)] += 1
    return [{"id": f"g{i}", "from": a, "to": b, "predicate": p, "count": c, "evidence": []}
            for i, ((a, b, p), c) in enumerate(sorted(counts.items()))]


def _notices(data: GraphData, sel: Selection, shown: int) -> list[str]:
    """Plain sentences shown above the graph whenever the page is not the whole graph."""
    out = []
    if sel.focus:
        names = "、".join(data.entities[i].label for i in sel.focus)
        out.append(f"本页为「{names}」的邻域（{shown + len(sel.grouped)} / {len(data.entities)} 个实体）。"
                   f" Neighbourhood of {names}.")
    elif sel.left_out:
        out.append(f"本页只含所选类型（{shown + len(sel.grouped)} / {len(data.entities)} 个实体）。"
                   f" Only the selected types are shown.")
    if sel.grouped:
        out.append(f"为保持页面流畅，另有 {len(sel.grouped)} 个连接较少的实体未单独显示，已按类型归入灰色方框“其余…”节点。"
                   f"查看它们：kg view --focus 名称（某实体的邻域）或 kg view --types Enterprise,Platform（按类型）。"
                   f" {len(sel.grouped)} less-connected entities are grouped by type; see them with"
                   f" `kg view --focus NAME` or `kg view --types T1,T2`.")
    return out


# --- writing the page ------------------------------------------------------------------------

def to_script_json(value) -> str:
    """JSON safe inside <script>: <, >, & escaped, so no text can close the block or open a tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet that pyvis bundles (what cdn_resources="in_line" uses).

    Found without importing pyvis, whose import pulls in networkx and jinja2 for nothing here."""
    from kg.fsutil import package_dir

    lib = package_dir("pyvis") / "templates" / "lib" / VIS_ASSET_DIR
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # Defensive: an in-lined asset must not be able to end its own element.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _script_hash(text: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(*scripts: str) -> str:
    """Only our own two scripts may run (by hash) and nothing may be fetched.

    Defence in depth: even if a name ever reached the page as markup, an injected
    <script> or onerror= would not match a hash and the browser would refuse it.
    """
    hashes = " ".join(_script_hash(s) for s in scripts)
    return ("default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def render_html(page: dict) -> str:
    """The page: our template (no CDN links, unlike pyvis's own), vis in-lined, data as JSON."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    templates = Path(__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)),
                      autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    vis_js, vis_css = _vis_assets()
    app_js = (templates / APP_SCRIPT_NAME).read_text(encoding="utf-8").replace("</script", "<\\/script")
    return env.get_template(TEMPLATE_NAME).render(
        title=page["title"], csp=Markup(content_security_policy(vis_js, app_js)),
        vis_js=Markup(vis_js), vis_css=Markup(vis_css), app_js=Markup(app_js),
        data_json=Markup(to_script_json(page)))


def render_network(rdf: "rdflib.Graph | GraphData", out: Path, *, title: str = "kejigraph",
                   focus: str | None = None, depth: int = 1, types: set[str] | None = None,
                   max_nodes: int = MAX_NODES, documents: Iterable[str] | None = None,
                   hide_isolated: bool | None = None) -> dict:
    """Write an interactive, self-contained page of the graph to `out`; return what it holds.

    The report says how many entities and relations are drawn, and how many were
    grouped (over `max_nodes`) or left out (outside `focus`/`types`/`documents`), and
    how many have no relation on the page (hidden at first when `hide_isolated`, or by
    default on a large page), so a caller can tell the user the page is partial.
    """
    import os

    from kg.fsutil import atomic_path

    data = rdf if isinstance(rdf, GraphData) else read_graph(rdf)
    type_set = parse_types(types) if types is not None else None
    sel = select(data, focus=focus, depth=depth, types=type_set, max_nodes=max_nodes,
                 documents=documents)
    page = build_page_data(data, sel, title=title, hide_isolated=hide_isolated)
    out = Path(out)
    html = render_html(page)
    with atomic_path(out) as tmp:
        tmp.write_text(html, encoding="utf-8")
        os.chmod(tmp, 0o644)   # a page is for sharing: not the 0600 of a temporary file
    summary = page["summary"]
    return {
        "path": str(out), "entities": summary["entities"], "nodes": summary["shown"],
        "edges": summary["edges"], "grouped": summary["grouped"],
        "group_nodes": sum(1 for n in page["nodes"] if n.get("group")),
        "left_out": summary["left_out"], "layout": page["layout"],
        "isolated": summary["isolated"], "isolated_hidden": page["initial"]["hideIsolated"],
        "communities": summary["communities"], "documents": len(page["documents"]),
    }


# --- the command ---------------------------------------------------------------------------------

DEFAULT_DIR = "output"
GRAPH_NAME = "graph.ttl"

EPILOG = """\
The page is one HTML file that needs no network: open it from disk or send it on.
Hover a node for its type, aliases, documents, honours and figures; hover an edge
for the sentence it was read from. Search by name or alias (every match is listed);
click a node for its relations with their sentences and a SPARQL query giving the
same facts. Filter by type, relation, document, year and narrator on the left;
colour by community; show or hide the entities without relations.

examples:
  kg view                                   whole graph -> output/view.html
  kg view --focus 运城市科学技术局 --open     one agency and its partners
  kg view --focus 清华 --depth 2             two hops around an alias
  kg view --types Enterprise,Platform -o firms.html
  kg view --document gwr-2024 --hide-isolated   one report's entities, connected ones first
"""


def load_graph(path: Path) -> "rdflib.Graph":
    """graph.ttl as an rdflib Graph; a missing or broken file is a one-line error."""
    import rdflib

    if not path.is_file():
        raise KgError(f"no graph at {path}: run `kg build` first", EXIT_BAD_INPUT)
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises several parser-specific types
        raise KgError(f"cannot read {path}: {err}", EXIT_BAD_INPUT) from err
    return graph


def run_view(args: argparse.Namespace) -> int:
    """Write the page, say what it holds, and open it when asked."""
    import sys

    from kg.progress import size_text, step_printer

    in_dir = Path(args.input)
    say = step_printer(in_dir / GRAPH_NAME)
    say(f"reading {size_text(in_dir / GRAPH_NAME)}")
    graph = load_graph(in_dir / GRAPH_NAME)
    say(f"drawing the network of {len(graph):,} statements")
    out = Path(args.output) if args.output else in_dir / "view.html"
    title = args.title or ("kejigraph · " + args.focus if args.focus else "kejigraph")
    report = render_network(graph, out, title=title, focus=args.focus, depth=args.depth,
                            types=parse_types(args.types) if args.types else None,
                            max_nodes=args.max_nodes, documents=args.document,
                            hide_isolated=args.hide_isolated)
    line = f"wrote {out}: {report['nodes']} entities, {report['edges']} relations"
    if report["grouped"]:
        line += f" ({report['grouped']} more grouped by type; narrow with --focus or --types)"
    if report["left_out"]:
        line += f"; {report['left_out']} entities outside this view"
    if report["isolated_hidden"]:
        line += f"; {report['isolated']} without relations hidden at first (a toggle shows them)"
    print(line, file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def register(sub) -> None:
    p = sub.add_parser(
        "view", help="write an interactive HTML page of the graph (or of one neighbourhood)",
        description="Write a self-contained interactive network page from DIR/graph.ttl.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-i", "--input", metavar="DIR", default=DEFAULT_DIR,
                   help="build folder holding graph.ttl (default: output)")
    p.add_argument("-o", "--output", metavar="FILE", help="page to write (default: DIR/view.html)")
    p.add_argument("--focus", metavar="NAME",
                   help="show only the entities near the one with this name or alias")
    p.add_argument("--depth", type=_positive_int, default=1, metavar="N",
                   help="hops around --focus (default: 1)")
    p.add_argument("--types", metavar="T1,T2",
                   help="only these entity types, e.g. Enterprise,Platform (or 企业,创新平台)")
    p.add_argument("--document", metavar="NAME", action="append",
                   help="only the entities of this report (title, file name or part of it); repeatable")
    p.add_argument("--hide-isolated", action=argparse.BooleanOptionalAction, default=None,
                   help="start with entities that have no relation hidden (default: on a page of "
                        f"more than {HIDE_ISOLATED_OVER} entities); the page's toggle shows them")
    p.add_argument("--max-nodes", type=_positive_int, default=MAX_NODES, metavar="N",
                   help=f"draw at most N entities; the rest are grouped by type (default: {MAX_NODES})")
    p.add_argument("--title", help="page title (default: kejigraph)")
    p.add_argument("--open", action="store_true", help="open the page in a web browser")
    p.set_defaults(func=run_view)
