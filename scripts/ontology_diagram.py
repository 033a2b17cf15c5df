"""Print a Mermaid class diagram of the ontology (ontology/kg.ttl): classes, their
superclasses, and the object properties between them, for the README."""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

KGO = "https://w3id.org/kejigraph/ontology#"


def local(iri) -> str:
    return str(iri).split("#")[-1]


def diagram(path: Path) -> str:
    g = Graph().parse(path)
    lines = ["classDiagram"]
    for cls in sorted(g.subjects(RDF.type, OWL.Class)):
        if not str(cls).startswith(KGO):
            continue
        for sup in sorted(g.objects(cls, RDFS.subClassOf)):
            if str(sup).startswith(KGO):
                lines.append(f"    {local(sup)} <|-- {local(cls)}")
    for prop in sorted(g.subjects(RDF.type, OWL.ObjectProperty)):
        if not str(prop).startswith(KGO):
            continue
        for dom in g.objects(prop, RDFS.domain):
            for rng in g.objects(prop, RDFS.range):
                if str(dom).startswith(KGO) and str(rng).startswith(KGO):
                    lines.append(f"    {local(dom)} --> {local(rng)} : {local(prop)}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(diagram(Path(sys.argv[1] if len(sys.argv) > 1 else "ontology/kg.ttl")))
