"""RDF output by the contract (ontology/README.md).

One named graph per document holds what was read from it; graph.ttl is their
union. Every IRI is derived from content and subjects are written in sorted
order (each subject's statements in the order they were made), so the same
input gives the same bytes. The writer is pyoxigraph's (Rust: fast, and
escaping every literal by the grammar). Statements are collected in a table
keyed by plain strings, turned into pyoxigraph terms only as they are written.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox

from kg.model import DocumentMeta, Entity, Evidence, Graph, Observation
from kg.ns import PREFIX_IRIS

_RDF, _RDFS, _SKOS, _XSD, _DCT, _KGO, _KGR = (
    PREFIX_IRIS[p] for p in ("rdf", "rdfs", "skos", "xsd", "dcterms", "kgo", "kgr"))

TYPE = _RDF + "type"
LABEL = _RDFS + "label"
ALT = _SKOS + "altLabel"

XSD_INTEGER = ox.NamedNode(_XSD + "integer")
XSD_DECIMAL = ox.NamedNode(_XSD + "decimal")
XSD_GYEAR = ox.NamedNode(_XSD + "gYear")
XSD_DATE = ox.NamedNode(_XSD + "date")


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


def decimal_text(value: float) -> str:
    """The xsd:decimal lexical form of a figure: 200.0 -> "200.0", 0.15 -> "0.15"."""
    d = Decimal(repr(value))
    text = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    return text if "." in text else text + ".0"


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(decimal_text(value), datatype=XSD_DECIMAL)


@dataclass
class Statements:
    """Statements by named graph, subject and (predicate, object), all keyed by strings;
    objects are pyoxigraph terms, or an IRI string for a resource."""

    graphs: dict[str, dict[str, dict[tuple, None]]] = field(default_factory=lambda: defaultdict(dict))

    def union(self) -> dict[str, dict[tuple, None]]:
        """Each subject's statements over all graphs, in graph order. A subject that only
        one graph has keeps that graph's dict (most do: evidence, observations), so
        neither the union nor the statements are to be changed once it is taken."""
        merged: dict[str, dict[tuple, None]] = defaultdict(dict)
        copied: set[str] = set()
        for g in sorted(self.graphs):
            for s, pairs in self.graphs[g].items():
                have = merged.get(s)
                if have is None:
                    merged[s] = pairs
                elif s in copied:
                    have.update(pairs)
                else:
                    merged[s] = {**have, **pairs}
                    copied.add(s)
        return merged


class _Memo(dict):
    """One value per key, made on first use: a literal or statement that repeats
    (offsets, units, labels, quotes) is one shared immutable object, so the table holds
    few distinct objects and the cyclic collector has few to walk."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


def _pairs_of(predicate: str, make) -> _Memo:
    """(predicate, object) pairs of one predicate by the value the object is made from."""
    return _Memo(lambda value: (predicate, make(value)))


def _merge(by_subject: dict, subject: str, pairs: dict) -> None:
    """A subject's statements after any it already has in the graph, in the order made."""
    have = by_subject.get(subject)
    if have is None:
        by_subject[subject] = pairs
    else:
        have.update(pairs)


def observation_key(s_key: str, obs: Observation) -> str:
    """What an observation node's IRI is made from: two figures with the same key (the same
    figure read twice from one sentence) are one node."""
    return f"{s_key}\t{obs.indicator}\t{obs.value}\t{obs.unit}\t{obs.year}\t{obs.evidence.doc_id}\t{obs.evidence.start}"


def statements(graph: Graph) -> Statements:
    """Every statement of the graph, in the named graph of the document it was read from."""
    st = Statements()
    _Collector(st.graphs).collect(graph)
    return st


class _Collector:
    """Fills a statements table; each subject's statements are gathered in a dict of
    their own and put into its graph once, in the order they are made."""

    def __init__(self, graphs: dict):
        self.graphs = graphs
        self.graph_of = _Memo(lambda doc_id: graphs[graph_iri(doc_id)])
        self.iri = _Memo(lambda key: _KGR + key)
        self.zh = _Memo(_zh)
        self.plain = _Memo(ox.Literal)
        self.integer = _Memo(lambda text: ox.Literal(text, datatype=XSD_INTEGER))
        self.quote = _pairs_of(_KGO + "quote", self.zh.__getitem__)
        self.start = _pairs_of(_KGO + "startOffset", self.integer.__getitem__)
        self.end = _pairs_of(_KGO + "endOffset", self.integer.__getitem__)
        self.source = _pairs_of(_KGO + "sourceDocument", doc_iri)
        self.about = _pairs_of(_KGO + "aboutEntity", lambda key: _KGR + key)
        self.indicator = _pairs_of(_KGO + "indicator", self.zh.__getitem__)
        self.value = _pairs_of(_KGO + "value", _decimal)
        self.unit = _pairs_of(_KGO + "unit", self.plain.__getitem__)
        self.year = _pairs_of(_KGO + "year", lambda year: ox.Literal(str(year), datatype=XSD_GYEAR))
        self.qualifier = _pairs_of(_KGO + "qualifier", self.plain.__getitem__)

    def collect(self, graph: Graph) -> None:
        for meta in graph.documents:
            self.document(meta)
        for doc_id, number, section, narrator_key in graph.sections:
            self.section(doc_id, number, section, narrator_key)
        for ent in graph.entities.values():
            self.entity(ent)
        for s_key, pred, obj, ev in graph.relations:
            self.relation(s_key, pred, obj, ev)
        for s_key, obs in graph.observations:
            self.observation(s_key, obs)

    def document(self, meta: DocumentMeta) -> None:
        pairs = {(TYPE, _KGO + "Document"): None,
                 (_DCT + "source", self.plain[meta.source]): None,
                 (_DCT + "format", self.plain[meta.media_type]): None,
                 (_KGO + "sha256", ox.Literal(meta.sha256)): None,
                 (_KGO + "characterCount", _int(meta.chars)): None}
        if meta.title:
            pairs[(_DCT + "title", self.zh[meta.title])] = None
        if meta.date:
            pairs[(_DCT + "date", ox.Literal(meta.date, datatype=XSD_GYEAR if len(meta.date) == 4 else XSD_DATE))] = None
        _merge(self.graphs[graph_iri(meta.doc_id)], doc_iri(meta.doc_id), pairs)

    def section(self, doc_id: str, number: int, section, narrator_key: str | None) -> None:
        pairs = {_SECTION: None, (_DCT + "isPartOf", doc_iri(doc_id)): None}
        if section.heading:
            pairs[(LABEL, self.zh[section.heading])] = None
        if narrator_key:
            pairs[(_KGO + "narrator", _KGR + narrator_key)] = None
        _merge(self.graphs[graph_iri(doc_id)], f"{_KGR}doc/{doc_id}/section/{number}", pairs)

    def entity(self, ent: Entity) -> None:
        """The same type, label and aliases in every document that mentions the entity."""
        e, zh = _KGR + ent.key, self.zh
        common = [(TYPE, _KGO + ent.type), (LABEL, zh[ent.name])]
        common += [(ALT, zh[alias]) for alias in sorted(ent.aliases)]
        for doc_id in sorted(ent.documents):
            pairs = dict.fromkeys(common)
            pairs[(_MENTIONED_IN, doc_iri(doc_id))] = None
            _merge(self.graphs[graph_iri(doc_id)], e, pairs)

    def relation(self, s_key: str, pred: str, obj: str, ev: Evidence) -> None:
        """The triple, and its evidence node (one per fact: resolve made the facts unique)."""
        by_subject, s, p = self.graph_of[ev.doc_id], self.iri[s_key], _KGO + pred
        o = self.zh[obj] if pred == "receivedHonor" else self.iri[obj]
        asserted = by_subject.get(s)
        if asserted is None:
            by_subject[s] = {(p, o): None}
        else:
            asserted[(p, o)] = None
        node = _KGR + "evidence/" + _digest(f"{s_key}\t{pred}\t{obj}\t{ev.doc_id}\t{ev.start}\t{ev.end}")
        by_subject[node] = {
            _EVIDENCE: None, _STATEMENT: None, (_RDF_SUBJECT, s): None, (_RDF_PREDICATE, p): None,
            (_RDF_OBJECT, o): None, (_PASSAGE, self.passage(by_subject, ev)): None}

    def observation(self, s_key: str, obs: Observation) -> None:
        ev = obs.evidence
        node = _KGR + "obs/" + _digest(observation_key(s_key, obs))
        pairs = {_OBSERVATION: None, self.about[s_key]: None, self.indicator[obs.indicator]: None,
                 self.value[obs.value]: None, self.unit[obs.unit]: None}
        if obs.year:
            pairs[self.year[obs.year]] = None
        if obs.qualifier:
            pairs[self.qualifier[obs.qualifier]] = None
        by_subject = self.graph_of[ev.doc_id]
        pairs[(_PASSAGE, self.passage(by_subject, ev))] = None
        _merge(by_subject, node, pairs)

    def passage(self, by_subject: dict, ev: Evidence) -> str:
        """The passage a fact was read from, described once however many facts a sentence
        gives: its IRI is the document's with an RFC 5147 fragment (#char=start,end)."""
        iri = f"{doc_iri(ev.doc_id)}#char={ev.start},{ev.end}"
        if iri not in by_subject:
            by_subject[iri] = {_PASSAGE_TYPE: None, self.quote[ev.quote]: None, self.start[str(ev.start)]: None,
                               self.end[str(ev.end)]: None, self.source[ev.doc_id]: None}
        return iri


_SECTION = (TYPE, _KGO + "Section")
_EVIDENCE = (TYPE, _KGO + "Evidence")
_STATEMENT = (TYPE, _RDF + "Statement")
_OBSERVATION = (TYPE, _KGO + "Observation")
_PASSAGE_TYPE = (TYPE, _KGO + "Passage")
_PASSAGE = _KGO + "passage"
_MENTIONED_IN = _KGO + "mentionedIn"
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = _RDF + "subject", _RDF + "predicate", _RDF + "object"


def _triples(by_subject: dict[str, dict[tuple, None]]):
    nodes, triple = _Memo(ox.NamedNode), ox.Triple
    for s in sorted(by_subject):
        subject = nodes[s]
        for p, o in by_subject[s]:
            yield triple(subject, nodes[p], nodes[o] if o.__class__ is str else o)


def _quads(st: Statements):
    nodes, quad = _Memo(ox.NamedNode), ox.Quad
    for g in sorted(st.graphs):
        graph, by_subject = nodes[g], st.graphs[g]
        for s in sorted(by_subject):
            subject = nodes[s]
            for p, o in by_subject[s]:
                yield quad(subject, nodes[p], nodes[o] if o.__class__ is str else o, graph)


_PREFIXES = dict(PREFIX_IRIS)


def to_turtle(st: Statements) -> bytes:
    """The whole graph (the union of the named graphs) as Turtle."""
    return ox.serialize(_triples(st.union()), format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


def to_trig(st: Statements) -> bytes:
    """One named graph per document, as TriG."""
    return ox.serialize(_quads(st), format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)
