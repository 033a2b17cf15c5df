"""The project's namespaces (the RDF contract).

The IRIs are plain strings, so that writing RDF (pyoxigraph) does not import
rdflib; `KGO`, `KGR`, … and `PREFIXES` are rdflib namespaces, made on first use
for the code that builds rdflib terms.
"""
from __future__ import annotations

KGO_IRI = "https://w3id.org/kejigraph/ontology#"
KGR_IRI = "https://w3id.org/kejigraph/resource/"

#: Prefixes bound in every serialisation and predeclared for every query.
PREFIX_IRIS = {
    "kgo": KGO_IRI,
    "kgr": KGR_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "qb": "http://purl.org/linked-data/cube#",
}
SH_IRI = "http://www.w3.org/ns/shacl#"

_OWN = {"KGO": KGO_IRI, "KGR": KGR_IRI, "ORG": PREFIX_IRIS["org"], "SCHEMA": PREFIX_IRIS["schema"],
        "OA": PREFIX_IRIS["oa"], "QB": PREFIX_IRIS["qb"], "SH": SH_IRI}


def __getattr__(name: str):
    if name in globals():
        return globals()[name]
    if name in _OWN:
        from rdflib import Namespace
        value = Namespace(_OWN[name])
    elif name == "PREFIXES":
        from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
        standard = {"rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD, "owl": OWL, "prov": PROV,
                    "dcterms": DCTERMS}
        value = {p: standard.get(p) or __getattr__(p.upper()) for p in PREFIX_IRIS}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value   # made once: the same object on every later import
    return value


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_IRIS.items())
