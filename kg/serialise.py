"""RDF output by the contract (ontology/README.md), written with rdflib.

One named graph per document holds what was read from it; graph.ttl is their
union. Every IRI is derived from content, so the same input gives the same
bytes.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Dataset, Graph as RdfGraph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.model import Evidence, Graph
from kg.ns import KGO, KGR, PREFIXES


def _digest(*parts) -> str:
    return hashlib.sha1("\t".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def doc_iri(doc_id: str) -> URIRef:
    return KGR[f"doc/{doc_id}"]


def graph_iri(doc_id: str) -> URIRef:
    return KGR[f"graph/{doc_id}"]


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _add_evidence(g: RdfGraph, node: URIRef, ev: Evidence) -> None:
    g.add((node, KGO.quote, _zh(ev.quote)))
    g.add((node, KGO.startOffset, Literal(ev.start, datatype=XSD.integer)))
    g.add((node, KGO.endOffset, Literal(ev.end, datatype=XSD.integer)))
    g.add((node, KGO.sourceDocument, doc_iri(ev.doc_id)))


def to_dataset(graph: Graph) -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    named = {}
    for meta in graph.documents:
        g = ds.graph(graph_iri(meta.doc_id))
        named[meta.doc_id] = g
        d = doc_iri(meta.doc_id)
        g.add((d, RDF.type, KGO.Document))
        g.add((d, DCTERMS.source, Literal(meta.source)))
        g.add((d, DCTERMS.format, Literal(meta.media_type)))
        g.add((d, KGO.sha256, Literal(meta.sha256)))
        g.add((d, KGO.characterCount, Literal(meta.chars, datatype=XSD.integer)))
        if meta.title:
            g.add((d, DCTERMS.title, _zh(meta.title)))
        if meta.date:
            dtype = XSD.gYear if len(meta.date) == 4 else XSD.date
            g.add((d, DCTERMS.date, Literal(meta.date, datatype=dtype)))

    def entity(key: str) -> URIRef:
        return KGR[key]

    for doc_id, number, section, narrator_key in graph.sections:
        g = named[doc_id]
        node = KGR[f"doc/{doc_id}/section/{number}"]
        g.add((node, RDF.type, KGO.Section))
        g.add((node, DCTERMS.isPartOf, doc_iri(doc_id)))
        if section.heading:
            g.add((node, RDFS.label, _zh(section.heading)))
        if narrator_key:
            g.add((node, KGO.narrator, entity(narrator_key)))

    for ent in graph.entities.values():
        for doc_id in sorted(ent.documents):
            g = named[doc_id]
            e = entity(ent.key)
            g.add((e, RDF.type, KGO[ent.type]))
            g.add((e, RDFS.label, _zh(ent.name)))
            for alias in sorted(ent.aliases):
                g.add((e, SKOS.altLabel, _zh(alias)))
            g.add((e, KGO.mentionedIn, doc_iri(doc_id)))

    for s_key, pred, obj, ev in graph.relations:
        g = named[ev.doc_id]
        s = entity(s_key)
        o = _zh(obj) if pred == "receivedHonor" else entity(obj)
        g.add((s, KGO[pred], o))
        node = KGR[f"evidence/{_digest(s_key, pred, obj, ev.doc_id, ev.start, ev.end)}"]
        g.add((node, RDF.type, KGO.Evidence))
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, KGO[pred]))
        g.add((node, RDF.object, o))
        _add_evidence(g, node, ev)

    for s_key, obs in graph.observations:
        ev = obs.evidence
        g = named[ev.doc_id]
        node = KGR[f"obs/{_digest(s_key, obs.indicator, obs.value, obs.unit, obs.year, ev.doc_id, ev.start)}"]
        g.add((node, RDF.type, KGO.Observation))
        g.add((node, KGO.aboutEntity, entity(s_key)))
        g.add((node, KGO.indicator, _zh(obs.indicator)))
        g.add((node, KGO.value, Literal(Decimal(repr(obs.value)).normalize() if obs.value != int(obs.value)
                                         else Decimal(int(obs.value)), datatype=XSD.decimal)))
        g.add((node, KGO.unit, Literal(obs.unit)))
        if obs.year:
            g.add((node, KGO.year, Literal(str(obs.year), datatype=XSD.gYear)))
        if obs.qualifier:
            g.add((node, KGO.qualifier, Literal(obs.qualifier)))
        _add_evidence(g, node, ev)
    return ds


def union_graph(ds: Dataset) -> RdfGraph:
    g = RdfGraph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for ctx in ds.graphs():
        for triple in ctx:
            g.add(triple)
    return g


def serialise(graph: Graph) -> tuple[str, str, RdfGraph]:
    """(Turtle of the whole graph, TriG of the named graphs, the union as an rdflib Graph)."""
    ds = to_dataset(graph)
    union = union_graph(ds)
    return union.serialize(format="turtle"), ds.serialize(format="trig"), union
