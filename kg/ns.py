"""The project's namespaces, as plain rdflib namespaces (the RDF contract)."""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KGO = Namespace("https://w3id.org/kejigraph/ontology#")
KGR = Namespace("https://w3id.org/kejigraph/resource/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
QB = Namespace("http://purl.org/linked-data/cube#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Prefixes bound in every serialisation and predeclared for every query.
PREFIXES = {
    "kgo": KGO, "kgr": KGR, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD,
    "owl": OWL, "prov": PROV, "dcterms": DCTERMS, "org": ORG, "schema": SCHEMA,
    "oa": OA, "qb": QB,
}


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
