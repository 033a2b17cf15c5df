"""RDF output by the contract (ontology/README.md).

One named graph per document holds what was read from it; graph.ttl is their
union. Every IRI is derived from content and the statements are written in
sorted order, so the same input gives the same bytes. The terms are
pyoxigraph's and so is the writer (Rust: fast, and escaping every literal by
the grammar); an rdflib view of the union is made for the consumers that want
rdflib's API (the network view).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from kg.model import Evidence, Graph
from kg.ns import KGO, KGR, PREFIXES

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DCT = "http://purl.org/dc/terms/"


def _iri(text: str) -> ox.NamedNode:
    return ox.NamedNode(text)


A = _iri(_RDF + "type")
LABEL = _iri(_RDFS + "label")
ALT = _iri(_SKOS + "altLabel")
XSD_INTEGER = _iri(_XSD + "integer")
XSD_DECIMAL = _iri(_XSD + "decimal")
XSD_GYEAR = _iri(_XSD + "gYear")
XSD_DATE = _iri(_XSD + "date")


def kgo(term: str) -> ox.NamedNode:
    return _iri(str(KGO) + term)


def kgr(local: str) -> ox.NamedNode:
    return _iri(str(KGR) + local)


def dct(term: str) -> ox.NamedNode:
    return _iri(_DCT + term)


def _digest(*parts) -> str:
    return hashlib.sha1("\t".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def doc_iri(doc_id: str) -> ox.NamedNode:
    return kgr(f"doc/{doc_id}")


def graph_iri(doc_id: str) -> ox.NamedNode:
    return kgr(f"graph/{doc_id}")


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


def _evidence(add, node: ox.NamedNode, ev: Evidence) -> None:
    add(node, kgo("quote"), _zh(ev.quote))
    add(node, kgo("startOffset"), _int(ev.start))
    add(node, kgo("endOffset"), _int(ev.end))
    add(node, kgo("sourceDocument"), doc_iri(ev.doc_id))


def to_quads(graph: Graph) -> set[ox.Quad]:
    """Every statement of the graph, in the named graph of the document it was read from."""
    quads: set[ox.Quad] = set()
    graphs = {meta.doc_id: graph_iri(meta.doc_id) for meta in graph.documents}

    def adder(doc_id: str):
        g = graphs[doc_id]
        return lambda s, p, o: quads.add(ox.Quad(s, p, o, g))

    for meta in graph.documents:
        add = adder(meta.doc_id)
        d = doc_iri(meta.doc_id)
        add(d, A, kgo("Document"))
        add(d, dct("source"), ox.Literal(meta.source))
        add(d, dct("format"), ox.Literal(meta.media_type))
        add(d, kgo("sha256"), ox.Literal(meta.sha256))
        add(d, kgo("characterCount"), _int(meta.chars))
        if meta.title:
            add(d, dct("title"), _zh(meta.title))
        if meta.date:
            add(d, dct("date"), ox.Literal(meta.date, datatype=XSD_GYEAR if len(meta.date) == 4 else XSD_DATE))

    for doc_id, number, section, narrator_key in graph.sections:
        add = adder(doc_id)
        node = kgr(f"doc/{doc_id}/section/{number}")
        add(node, A, kgo("Section"))
        add(node, dct("isPartOf"), doc_iri(doc_id))
        if section.heading:
            add(node, LABEL, _zh(section.heading))
        if narrator_key:
            add(node, kgo("narrator"), kgr(narrator_key))

    for ent in graph.entities.values():
        e = kgr(ent.key)
        for doc_id in sorted(ent.documents):
            add = adder(doc_id)
            add(e, A, kgo(ent.type))
            add(e, LABEL, _zh(ent.name))
            for alias in sorted(ent.aliases):
                add(e, ALT, _zh(alias))
            add(e, kgo("mentionedIn"), doc_iri(doc_id))

    for s_key, pred, obj, ev in graph.relations:
        add = adder(ev.doc_id)
        s, p = kgr(s_key), kgo(pred)
        o = _zh(obj) if pred == "receivedHonor" else kgr(obj)
        add(s, p, o)
        node = kgr(f"evidence/{_digest(s_key, pred, obj, ev.doc_id, ev.start, ev.end)}")
        add(node, A, kgo("Evidence"))
        add(node, A, _iri(_RDF + "Statement"))
        add(node, _iri(_RDF + "subject"), s)
        add(node, _iri(_RDF + "predicate"), p)
        add(node, _iri(_RDF + "object"), o)
        _evidence(add, node, ev)

    for s_key, obs in graph.observations:
        ev = obs.evidence
        add = adder(ev.doc_id)
        node = kgr(f"obs/{_digest(s_key, obs.indicator, obs.value, obs.unit, obs.year, ev.doc_id, ev.start)}")
        add(node, A, kgo("Observation"))
        add(node, kgo("aboutEntity"), kgr(s_key))
        add(node, kgo("indicator"), _zh(obs.indicator))
        add(node, kgo("value"), _decimal(obs.value))
        add(node, kgo("unit"), ox.Literal(obs.unit))
        if obs.year:
            add(node, kgo("year"), ox.Literal(str(obs.year), datatype=XSD_GYEAR))
        if obs.qualifier:
            add(node, kgo("qualifier"), ox.Literal(obs.qualifier))
        _evidence(add, node, ev)
    return quads


def _sorted_triples(quads) -> list[ox.Triple]:
    """The union of the named graphs in N-Triples order: the same graph, the same bytes."""
    return sorted({q.triple for q in quads}, key=str)


def _sorted_quads(quads) -> list[ox.Quad]:
    """Grouped by named graph (TriG writes one block per graph), then in N-Triples order."""
    return sorted(quads, key=lambda q: (q.graph_name.value, str(q.triple)))


_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}


@dataclass(frozen=True)
class Serialised:
    turtle: str
    trig: str
    triples: list[ox.Triple]      # the union, sorted

    def rdflib_graph(self):
        """The union as an rdflib Graph, for consumers that need all of rdflib."""
        from rdflib import Graph as RdfGraph

        g = RdfGraph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        g.parse(data=ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
        return g

    def lookup(self) -> "TripleLookup":
        """The union behind rdflib's read API (objects, subjects, value, subject_objects),
        built in a fraction of the time an rdflib Graph takes to load."""
        return TripleLookup(self.triples)


def _to_rdflib(term):
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == _XSD + "string" else URIRef(dt))
    return BNode(term.value)


def _from_rdflib(term) -> str | None:
    return None if term is None else str(term)


#: Bookkeeping a reader of the graph's content never asks for: left out of the index.
_UNREAD = frozenset({str(KGO) + "startOffset", str(KGO) + "endOffset", str(KGO) + "sha256",
                     str(KGO) + "characterCount", _DCT + "format", _DCT + "isPartOf", _DCT + "date"})


class TripleLookup:
    """A read-only index over triples with the part of rdflib.Graph's API that readers use.

    Keys are plain strings (IRIs, literal lexical forms); answers are rdflib terms."""

    def __init__(self, triples: list[ox.Triple]):
        from collections import defaultdict

        self._sp: dict = defaultdict(list)
        self._po: dict = defaultdict(list)
        self._p: dict = defaultdict(list)
        for t in triples:
            s, p, o = t.subject, t.predicate.value, t.object
            if p in _UNREAD:
                continue
            sk = s.value
            self._sp[(sk, p)].append(o)
            if not isinstance(o, ox.Literal):
                self._po[(p, o.value)].append(s)
            self._p[p].append((s, o))

    def objects(self, subject=None, predicate=None):
        return (_to_rdflib(o) for o in self._sp.get((_from_rdflib(subject), _from_rdflib(predicate)), ()))

    def subjects(self, predicate=None, object=None):
        return (_to_rdflib(s) for s in self._po.get((_from_rdflib(predicate), _from_rdflib(object)), ()))

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):
        return next(iter(self.objects(subject, predicate)), default)

    def subject_objects(self, predicate=None):
        return ((_to_rdflib(s), _to_rdflib(o)) for s, o in self._p.get(_from_rdflib(predicate), ()))


def serialise(graph: Graph) -> Serialised:
    """Turtle of the whole graph and TriG of the per-document named graphs."""
    quads = to_quads(graph)
    triples = _sorted_triples(quads)
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES).decode("utf-8")
    trig = ox.serialize(_sorted_quads(quads), format=ox.RdfFormat.TRIG, prefixes=_PREFIXES).decode("utf-8")
    return Serialised(turtle=turtle, trig=trig, triples=triples)
