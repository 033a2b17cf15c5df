"""RDF output by the contract (ontology/README.md).

One named graph per document holds what was read from it; graph.ttl is their
union. Every IRI is derived from content and subjects are written in sorted
order (each subject's statements in the order they were made), so the same
input gives the same bytes. The writer is pyoxigraph's (Rust: fast, and
escaping every literal by the grammar). Statements are collected in a table
keyed by plain strings, which also serves readers that want rdflib's read API
(the network view) without loading an rdflib Graph.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox

from kg.model import Evidence, Graph
from kg.ns import KGO, KGR, PREFIXES

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DCT = "http://purl.org/dc/terms/"
_KGO = str(KGO)
_KGR = str(KGR)

TYPE = _RDF + "type"
LABEL = _RDFS + "label"
ALT = _SKOS + "altLabel"


@lru_cache(maxsize=1 << 16)
def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


XSD_INTEGER = _node(_XSD + "integer")
XSD_DECIMAL = _node(_XSD + "decimal")
XSD_GYEAR = _node(_XSD + "gYear")
XSD_DATE = _node(_XSD + "date")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def doc_iri(doc_id: str) -> str:
    return f"{_KGR}doc/{doc_id}"


def graph_iri(doc_id: str) -> str:
    return f"{_KGR}graph/{doc_id}"


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_INTEGER)


def _decimal(value: float) -> ox.Literal:
    d = Decimal(repr(value))
    text = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    if "." not in text:
        text += ".0"
    return ox.Literal(text, datatype=XSD_DECIMAL)


@dataclass
class Statements:
    """Statements by named graph, subject and (predicate, object), all keyed by strings;
    objects are pyoxigraph terms, or an IRI string for a resource."""

    graphs: dict[str, dict[str, dict[tuple, None]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(dict)))

    def add(self, graph: str, subject: str, predicate: str, obj) -> None:
        self.graphs[graph][subject][(predicate, obj)] = None

    def union(self) -> dict[str, dict[tuple, None]]:
        merged: dict[str, dict[tuple, None]] = defaultdict(dict)
        for g in sorted(self.graphs):
            for s, pairs in self.graphs[g].items():
                merged[s].update(pairs)
        return merged


def _term(obj):
    return _node(obj) if isinstance(obj, str) else obj


def statements(graph: Graph) -> Statements:
    """Every statement of the graph, in the named graph of the document it was read from."""
    st = Statements()

    def evidence(g: str, node: str, ev: Evidence) -> None:
        st.add(g, node, _KGO + "quote", _zh(ev.quote))
        st.add(g, node, _KGO + "startOffset", _int(ev.start))
        st.add(g, node, _KGO + "endOffset", _int(ev.end))
        st.add(g, node, _KGO + "sourceDocument", doc_iri(ev.doc_id))

    for meta in graph.documents:
        g, d = graph_iri(meta.doc_id), doc_iri(meta.doc_id)
        st.add(g, d, TYPE, _KGO + "Document")
        st.add(g, d, _DCT + "source", ox.Literal(meta.source))
        st.add(g, d, _DCT + "format", ox.Literal(meta.media_type))
        st.add(g, d, _KGO + "sha256", ox.Literal(meta.sha256))
        st.add(g, d, _KGO + "characterCount", _int(meta.chars))
        if meta.title:
            st.add(g, d, _DCT + "title", _zh(meta.title))
        if meta.date:
            st.add(g, d, _DCT + "date",
                   ox.Literal(meta.date, datatype=XSD_GYEAR if len(meta.date) == 4 else XSD_DATE))

    for doc_id, number, section, narrator_key in graph.sections:
        g, node = graph_iri(doc_id), f"{_KGR}doc/{doc_id}/section/{number}"
        st.add(g, node, TYPE, _KGO + "Section")
        st.add(g, node, _DCT + "isPartOf", doc_iri(doc_id))
        if section.heading:
            st.add(g, node, LABEL, _zh(section.heading))
        if narrator_key:
            st.add(g, node, _KGO + "narrator", _KGR + narrator_key)

    for ent in graph.entities.values():
        e = _KGR + ent.key
        for doc_id in sorted(ent.documents):
            g = graph_iri(doc_id)
            st.add(g, e, TYPE, _KGO + ent.type)
            st.add(g, e, LABEL, _zh(ent.name))
            for alias in sorted(ent.aliases):
                st.add(g, e, ALT, _zh(alias))
            st.add(g, e, _KGO + "mentionedIn", doc_iri(doc_id))

    for s_key, pred, obj, ev in graph.relations:
        g, s, p = graph_iri(ev.doc_id), _KGR + s_key, _KGO + pred
        o = _zh(obj) if pred == "receivedHonor" else _KGR + obj
        st.add(g, s, p, o)
        node = _KGR + "evidence/" + _digest("\t".join((s_key, pred, obj, ev.doc_id, str(ev.start), str(ev.end))))
        st.add(g, node, TYPE, _KGO + "Evidence")
        st.add(g, node, TYPE, _RDF + "Statement")
        st.add(g, node, _RDF + "subject", s)
        st.add(g, node, _RDF + "predicate", p)
        st.add(g, node, _RDF + "object", o)
        evidence(g, node, ev)

    for s_key, obs in graph.observations:
        ev = obs.evidence
        g = graph_iri(ev.doc_id)
        node = _KGR + "obs/" + _digest("\t".join((s_key, obs.indicator, str(obs.value), obs.unit, str(obs.year),
                                                  ev.doc_id, str(ev.start))))
        st.add(g, node, TYPE, _KGO + "Observation")
        st.add(g, node, _KGO + "aboutEntity", _KGR + s_key)
        st.add(g, node, _KGO + "indicator", _zh(obs.indicator))
        st.add(g, node, _KGO + "value", _decimal(obs.value))
        st.add(g, node, _KGO + "unit", ox.Literal(obs.unit))
        if obs.year:
            st.add(g, node, _KGO + "year", ox.Literal(str(obs.year), datatype=XSD_GYEAR))
        if obs.qualifier:
            st.add(g, node, _KGO + "qualifier", ox.Literal(obs.qualifier))
        evidence(g, node, ev)
    return st


def _triples(by_subject: dict[str, dict[tuple, None]]):
    for s in sorted(by_subject):
        subject = _node(s)
        for p, o in by_subject[s]:
            yield ox.Triple(subject, _node(p), _term(o))


def _quads(st: Statements):
    for g in sorted(st.graphs):
        graph, by_subject = _node(g), st.graphs[g]
        for s in sorted(by_subject):
            subject = _node(s)
            for p, o in by_subject[s]:
                yield ox.Quad(subject, _node(p), _term(o), graph)


_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}


def to_turtle(union: dict[str, dict[tuple, None]]) -> bytes:
    """The whole graph (the union of the named graphs) as Turtle."""
    return ox.serialize(_triples(union), format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


def to_trig(st: Statements) -> bytes:
    """One named graph per document, as TriG."""
    return ox.serialize(_quads(st), format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)


@dataclass(frozen=True)
class Serialised:
    turtle: str
    trig: str
    union: dict[str, dict[tuple, None]]

    def lookup(self) -> "TripleLookup":
        """The union behind rdflib's read API, without loading an rdflib Graph."""
        return TripleLookup(self.union)


def serialise(graph: Graph) -> Serialised:
    """Turtle of the whole graph and TriG of the per-document named graphs."""
    st = statements(graph)
    union = st.union()
    return Serialised(turtle=to_turtle(union).decode("utf-8"), trig=to_trig(st).decode("utf-8"), union=union)


# --- reading the statements through rdflib's API ------------------------------------

@lru_cache(maxsize=1)
def _rdflib_terms():
    from rdflib import Literal, URIRef
    return Literal, URIRef


@lru_cache(maxsize=1 << 16)
def _uriref(iri: str):
    return _rdflib_terms()[1](iri)


def _to_rdflib(term):
    if isinstance(term, str):
        return _uriref(term)
    return _literal(term)


@lru_cache(maxsize=1 << 16)
def _literal(term: ox.Literal):
    literal, _ = _rdflib_terms()
    if term.language:
        return literal(term.value, lang=term.language)
    dt = term.datatype.value
    return literal(term.value, datatype=None if dt == _XSD + "string" else _uriref(dt))


def _key(term) -> str | None:
    return None if term is None else str(term)


class TripleLookup:
    """Read-only access to statements with the part of rdflib.Graph's API readers use
    (objects, subjects, value, subject_objects); answers are rdflib terms."""

    def __init__(self, by_subject: dict[str, dict[tuple, None]]):
        self._by_subject = by_subject
        self._by_predicate: dict[str, list] | None = None
        self._by_object: dict[str, dict[str, list]] = {}

    def _pairs(self, predicate: str) -> list:
        """(subject, object) pairs of one predicate; all predicates are indexed in one pass."""
        if self._by_predicate is None:
            by_p: dict[str, list] = defaultdict(list)
            for s, pairs in self._by_subject.items():
                for p, o in pairs:
                    by_p[p].append((s, o))
            self._by_predicate = by_p
        return self._by_predicate.get(predicate, [])

    def _subjects_of(self, predicate: str, obj: str) -> list:
        """Subjects with this predicate and resource object, indexed per predicate when asked."""
        if predicate not in self._by_object:
            by_o: dict[str, list] = defaultdict(list)
            for s, o in self._pairs(predicate):
                if isinstance(o, str):
                    by_o[o].append(s)
            self._by_object[predicate] = by_o
        return self._by_object[predicate].get(obj, [])

    def objects(self, subject=None, predicate=None):
        p = _key(predicate)
        return [_to_rdflib(o) for q, o in self._by_subject.get(_key(subject), ()) if q == p]

    def subjects(self, predicate=None, object=None):
        return (_to_rdflib(s) for s in self._subjects_of(_key(predicate), _key(object)))

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):
        p = _key(predicate)
        for q, o in self._by_subject.get(_key(subject), ()):
            if q == p:
                return _to_rdflib(o)
        return default

    def subject_objects(self, predicate=None):
        return ((_to_rdflib(s), _to_rdflib(o)) for s, o in self._pairs(_key(predicate)))
