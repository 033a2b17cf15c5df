"""The ontology (ontology/kg.ttl) and the SHACL shapes (ontology/shapes.ttl).

- both files parse, with rdflib and with Raptor's `rapper` when it is installed;
- every kgo: term the graph model (ontology/README.md), the builder's record types
  (kg.model), the competency queries and the shapes use is declared in kg.ttl, with
  labels and comments in Chinese and English;
- the alignments to external vocabularies are in place;
- the shapes accept a correct hand-made graph and reject the contract breaches they
  exist for (an entity without a label, an observation without a value, ...);
- docs/ontology.html is the page scripts/build_ontology_docs.py makes from kg.ttl.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
KG_TTL = ONTOLOGY_DIR / "kg.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"
README = ONTOLOGY_DIR / "README.md"
QUERIES = sorted((ONTOLOGY_DIR / "queries").glob("*.rq"))

from kg.ns import KGO, KGR, OA, ORG, QB, SCHEMA, SH  # noqa: E402
from rdflib.namespace import PROV  # noqa: E402

ONTOLOGY_IRI = URIRef("https://w3id.org/kejigraph/ontology")

ENTITY_TYPES = ["Bureau", "University", "ResearchInstitute", "Enterprise", "Platform",
                "Program", "Policy", "Event", "Place", "Product"]
OTHER_CLASSES = ["Agent", "Organization", "Entity", "Observation", "Evidence", "Passage",
                 "Document", "Section"]
OBJECT_PROPERTIES = ["partnersWith", "supports", "establishes", "implements", "organizes",
                     "issues", "affiliatedWith", "locatedIn", "develops", "aboutEntity",
                     "narrator", "passage", "sourceDocument", "mentionedIn"]
DATATYPE_PROPERTIES = ["receivedHonor", "indicator", "value", "unit", "year", "qualifier",
                       "quote", "startOffset", "endOffset", "sha256", "characterCount"]

KGO_TERM = re.compile(r"\bkgo:([A-Za-z][A-Za-z0-9_]*)")


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(KG_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_TTL, format="turtle")


def declared_terms(g: rdflib.Graph) -> set[str]:
    """Local names of the kgo: IRIs that kg.ttl types as a class or property."""
    kinds = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
             OWL.AnnotationProperty, RDF.Property)
    return {str(s)[len(str(KGO)):] for kind in kinds for s in g.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(str(KGO))}


def langs(g: rdflib.Graph, s: URIRef, p: URIRef) -> set[str | None]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


# ---------------------------------------------------------------- parsing

@pytest.mark.parametrize("path", [KG_TTL, SHAPES_TTL], ids=lambda p: p.name)
def test_parses_with_rdflib(path):
    g = rdflib.Graph().parse(path, format="turtle")
    assert len(g) > 100


@pytest.mark.skipif(not Path("/usr/bin/rapper").exists() and not shutil.which("rapper"),
                    reason="Raptor's rapper is not installed")
@pytest.mark.parametrize("path", [KG_TTL, SHAPES_TTL], ids=lambda p: p.name)
def test_parses_with_rapper(path):
    rapper = "/usr/bin/rapper" if Path("/usr/bin/rapper").exists() else shutil.which("rapper")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Parsing returned" in done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr


# ---------------------------------------------------------------- ontology header

def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert langs(ontology, ONTOLOGY_IRI, DCTERMS.title) >= {"en", "zh"}
    assert langs(ontology, ONTOLOGY_IRI, DCTERMS.description) >= {"en", "zh"}
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) is not None


# ---------------------------------------------------------------- declarations

@pytest.mark.parametrize("name", ENTITY_TYPES + OTHER_CLASSES)
def test_class_declared(ontology, name):
    assert (KGO[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_property_declared(ontology, name):
    assert (KGO[name], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_datatype_property_declared(ontology, name):
    assert (KGO[name], RDF.type, OWL.DatatypeProperty) in ontology


def test_every_declared_term_has_bilingual_label_and_comment(ontology):
    missing = []
    for name in sorted(declared_terms(ontology)):
        term = KGO[name]
        for prop in (RDFS.label, RDFS.comment):
            have = langs(ontology, term, prop)
            if not have >= {"zh", "en"}:
                missing.append(f"kgo:{name} {prop.n3(ontology.namespace_manager)} has {have}")
            per_lang = [o.language for o in ontology.objects(term, prop)]
            if len(per_lang) != len(set(per_lang)):
                missing.append(f"kgo:{name} has two {prop} in one language")
    assert not missing, "\n".join(missing)


def _used_in(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(KGO_TERM.findall(text))


def test_readme_terms_are_declared(ontology):
    used = _used_in(README)
    assert {"Bureau", "partnersWith", "Evidence", "Observation", "Section"} <= used
    assert used <= declared_terms(ontology), sorted(used - declared_terms(ontology))


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.name)
def test_query_terms_are_declared(ontology, query):
    used = _used_in(query)
    assert used, f"{query.name} uses no kgo: term"
    assert used <= declared_terms(ontology), sorted(used - declared_terms(ontology))


def test_shape_terms_are_declared(ontology, shapes):
    used = {str(t)[len(str(KGO)):] for triple in shapes for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(KGO))}
    used |= _used_in(SHAPES_TTL)  # inside the SPARQL constraints' text
    assert used <= declared_terms(ontology), sorted(used - declared_terms(ontology))


def test_builder_vocabulary_is_declared(ontology):
    """The builder's own lists of types and predicates (kg.model) name declared terms."""
    model = pytest.importorskip("kg.model")
    for name in model.ENTITY_TYPES:
        assert (KGO[name], RDF.type, OWL.Class) in ontology, name
    for name in model.ENTITY_PREDICATES:
        assert (KGO[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for name in model.LITERAL_PREDICATES:
        assert (KGO[name], RDF.type, OWL.DatatypeProperty) in ontology, name


# ---------------------------------------------------------------- axioms and alignments

@pytest.mark.parametrize("sub, sup", [
    (KGO.Bureau, ORG.Organization),             # through kgo:Organization
    (KGO.Bureau, SCHEMA.GovernmentOrganization),
    (KGO.University, SCHEMA.CollegeOrUniversity),
    (KGO.ResearchInstitute, SCHEMA.ResearchOrganization),
    (KGO.Enterprise, SCHEMA.Corporation),
    (KGO.Platform, KGO.Organization),
    (KGO.Place, SCHEMA.Place),
    (KGO.Place, DCTERMS.Location),
    (KGO.Event, SCHEMA.Event),
    (KGO.Product, SCHEMA.Product),
    (KGO.Document, PROV.Entity),
    (KGO.Observation, QB.Observation),
    (KGO.Evidence, RDF.Statement),
    (KGO.Organization, KGO.Agent),
    (KGO.Agent, KGO.Entity),
])
def test_class_alignment(ontology, sub, sup):
    supers = set(ontology.transitive_objects(sub, RDFS.subClassOf))
    assert sup in supers


@pytest.mark.parametrize("name", ENTITY_TYPES)
def test_entity_types_are_entities(ontology, name):
    assert KGO.Entity in set(ontology.transitive_objects(KGO[name], RDFS.subClassOf))


@pytest.mark.parametrize("sub, sup", [
    (KGO.sourceDocument, PROV.wasDerivedFrom),
    (KGO.passage, PROV.wasDerivedFrom),
    (KGO.startOffset, OA.start),
    (KGO.endOffset, OA.end),
    (KGO.receivedHonor, SCHEMA.award),
    (KGO.affiliatedWith, ORG.subOrganizationOf),
    (KGO.locatedIn, SCHEMA.location),
])
def test_property_alignment(ontology, sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in ontology


def test_partners_with_is_symmetric(ontology):
    assert (KGO.partnersWith, RDF.type, OWL.SymmetricProperty) in ontology


@pytest.mark.parametrize("prop, rng", [
    (KGO.value, XSD.decimal), (KGO.year, XSD.gYear), (KGO.startOffset, XSD.integer),
    (KGO.endOffset, XSD.integer), (KGO.characterCount, XSD.integer),
    (KGO.issues, KGO.Policy), (KGO.organizes, KGO.Event), (KGO.implements, KGO.Program),
    (KGO.develops, KGO.Product), (KGO.locatedIn, KGO.Place), (KGO.sourceDocument, KGO.Document),
    (KGO.passage, KGO.Passage),
    (KGO.narrator, KGO.Agent), (KGO.mentionedIn, KGO.Document),
])
def test_ranges(ontology, prop, rng):
    assert (prop, RDFS.range, rng) in ontology


def test_entity_types_pairwise_disjoint(ontology):
    groups = []
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = rdflib.collection.Collection(ontology, ontology.value(axiom, OWL.members))
        groups.append(set(members))
    assert {KGO[t] for t in ENTITY_TYPES} in groups


# ---------------------------------------------------------------- shapes

PREFIXES = """\
@prefix kgo: <https://w3id.org/kejigraph/ontology#> .
@prefix kgr: <https://w3id.org/kejigraph/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

# A correct mini graph by ontology/README.md: one document and section, a bureau
# and a university joined by partnersWith, an honour, both with evidence, a figure.
MINI = PREFIXES + """\
<https://w3id.org/kejigraph/resource/doc/d> a kgo:Document ;
    dcterms:title "运城市科学技术局先进事迹"@zh ; dcterms:source "d.txt" ; dcterms:format "text/plain" ;
    kgo:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    kgo:characterCount 120 ; dcterms:date "2022"^^xsd:gYear .
<https://w3id.org/kejigraph/resource/doc/d/section/1> a kgo:Section ;
    dcterms:isPartOf <https://w3id.org/kejigraph/resource/doc/d> ;
    rdfs:label "运城市科学技术局先进事迹"@zh ;
    kgo:narrator <https://w3id.org/kejigraph/resource/bureau/a> .
<https://w3id.org/kejigraph/resource/bureau/a> a kgo:Bureau ;
    rdfs:label "运城市科学技术局"@zh ; skos:altLabel "运城市科技局"@zh , "市科技局"@zh ;
    kgo:mentionedIn <https://w3id.org/kejigraph/resource/doc/d> ;
    kgo:partnersWith <https://w3id.org/kejigraph/resource/university/b> ;
    kgo:receivedHonor "山西省第一方阵"@zh .
<https://w3id.org/kejigraph/resource/university/b> a kgo:University ;
    rdfs:label "清华大学"@zh ;
    kgo:mentionedIn <https://w3id.org/kejigraph/resource/doc/d> .
<https://w3id.org/kejigraph/resource/evidence/1> a kgo:Evidence , rdf:Statement ;
    rdf:subject <https://w3id.org/kejigraph/resource/bureau/a> ;
    rdf:predicate kgo:partnersWith ;
    rdf:object <https://w3id.org/kejigraph/resource/university/b> ;
    kgo:passage <https://w3id.org/kejigraph/resource/doc/d#char=40,52> .
<https://w3id.org/kejigraph/resource/doc/d#char=40,52> a kgo:Passage ;
    kgo:quote "加强与清华大学等高校合作"@zh ; kgo:startOffset 40 ; kgo:endOffset 52 ;
    kgo:sourceDocument <https://w3id.org/kejigraph/resource/doc/d> .
<https://w3id.org/kejigraph/resource/evidence/2> a kgo:Evidence , rdf:Statement ;
    rdf:subject <https://w3id.org/kejigraph/resource/bureau/a> ;
    rdf:predicate kgo:receivedHonor ;
    rdf:object "山西省第一方阵"@zh ;
    kgo:passage <https://w3id.org/kejigraph/resource/doc/d#char=60,76> .
<https://w3id.org/kejigraph/resource/doc/d#char=60,76> a kgo:Passage ;
    kgo:quote "各项数据均长期处于山西省第一方阵"@zh ; kgo:startOffset 60 ; kgo:endOffset 76 ;
    kgo:sourceDocument <https://w3id.org/kejigraph/resource/doc/d> .
<https://w3id.org/kejigraph/resource/obs/1> a kgo:Observation ;
    kgo:aboutEntity <https://w3id.org/kejigraph/resource/bureau/a> ;
    kgo:indicator "高新技术企业数量"@zh ; kgo:value 200.0 ; kgo:unit "家" ;
    kgo:year "2021"^^xsd:gYear ; kgo:qualifier "累计" ;
    kgo:passage <https://w3id.org/kejigraph/resource/doc/d#char=80,95> .
<https://w3id.org/kejigraph/resource/doc/d#char=80,95> a kgo:Passage ;
    kgo:quote "全市高新技术企业数量达到200家"@zh ; kgo:startOffset 80 ; kgo:endOffset 95 ;
    kgo:sourceDocument <https://w3id.org/kejigraph/resource/doc/d> .
"""

BUREAU = URIRef("https://w3id.org/kejigraph/resource/bureau/a")
UNIVERSITY = URIRef("https://w3id.org/kejigraph/resource/university/b")
EVIDENCE = URIRef("https://w3id.org/kejigraph/resource/evidence/1")
PASSAGE = URIRef("https://w3id.org/kejigraph/resource/doc/d#char=40,52")
OBSERVATION = URIRef("https://w3id.org/kejigraph/resource/obs/1")
DOC = URIRef("https://w3id.org/kejigraph/resource/doc/d")


def validate(data: rdflib.Graph, shapes: rdflib.Graph):
    """(conforms, [(severity local name, focus, source shape)]) as `kg validate` runs pySHACL."""
    pyshacl = pytest.importorskip("pyshacl")
    conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=True, inference="none", allow_warnings=True)
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        results.append((severity, report.value(r, SH.focusNode), report.value(r, SH.sourceShape)))
    return conforms, results


def mini() -> rdflib.Graph:
    return rdflib.Graph().parse(data=MINI, format="turtle")


def violations(results):
    return [r for r in results if r[0] == "Violation"]


def test_shapes_accept_correct_mini_graph(shapes):
    conforms, results = validate(mini(), shapes)
    assert conforms, results
    assert results == [], "a correct graph raises no warnings either"


def test_shapes_accept_partners_with_written_the_other_way(shapes):
    g = mini()
    g.remove((BUREAU, KGO.partnersWith, UNIVERSITY))
    g.add((UNIVERSITY, KGO.partnersWith, BUREAU))   # symmetric: evidence read a→b still covers b→a
    conforms, results = validate(g, shapes)
    assert conforms, results


def _without(*triples):
    def mutate(g):
        for t in triples:
            g.remove(t)
    return mutate


def _with(*triples):
    def mutate(g):
        for t in triples:
            g.add(t)
    return mutate


def _replace(s, p, o):
    def mutate(g):
        g.remove((s, p, None))
        g.add((s, p, o))
    return mutate


BROKEN = {
    "entity without a label": (_without((UNIVERSITY, RDFS.label, None)), UNIVERSITY),
    "entity with two labels": (_with((UNIVERSITY, RDFS.label, Literal("清华", lang="zh"))), UNIVERSITY),
    "label not in Chinese": (_replace(UNIVERSITY, RDFS.label, Literal("Tsinghua University", lang="en")),
                             UNIVERSITY),
    "label without language": (_replace(UNIVERSITY, RDFS.label, Literal("清华大学")), UNIVERSITY),
    "alias without language": (_with((BUREAU, SKOS.altLabel, Literal("科技局"))), BUREAU),
    "observation without a value": (_without((OBSERVATION, KGO.value, None)), OBSERVATION),
    "observation with a string value": (_replace(OBSERVATION, KGO.value, Literal("200")), OBSERVATION),
    "observation with two values": (_with((OBSERVATION, KGO.value, Literal("300", datatype=XSD.decimal))),
                                    OBSERVATION),
    "observation without a unit": (_without((OBSERVATION, KGO.unit, None)), OBSERVATION),
    "observation about nothing": (_without((OBSERVATION, KGO.aboutEntity, None)), OBSERVATION),
    "observation with an integer year": (_replace(OBSERVATION, KGO.year, Literal(2021)), OBSERVATION),
    "observation with two years": (_with((OBSERVATION, KGO.year, Literal("2020", datatype=XSD.gYear))),
                                   OBSERVATION),
    "relation without evidence": (_with((BUREAU, KGO.supports, UNIVERSITY)), BUREAU),
    "relation to a non-entity": (_with((BUREAU, KGO.partnersWith, URIRef("https://example.org/x"))),
                                 BUREAU),
    "evidence without a passage": (_without((EVIDENCE, KGO.passage, None)), EVIDENCE),
    "evidence with two passages": (_with((EVIDENCE, KGO.passage, URIRef(str(DOC) + "#char=60,76"))), EVIDENCE),
    "passage without a quote": (_without((PASSAGE, KGO.quote, None)), PASSAGE),
    "passage with string offsets": (_replace(PASSAGE, KGO.startOffset, Literal("40")), PASSAGE),
    "passage ending before it starts": (_replace(PASSAGE, KGO.endOffset, Literal(10)), PASSAGE),
    "passage without a document": (_without((PASSAGE, KGO.sourceDocument, None)), PASSAGE),
    "evidence for a triple not in the graph": (_without((BUREAU, KGO.partnersWith, UNIVERSITY)), EVIDENCE),
    "document without a digest": (_without((DOC, KGO.sha256, None)), DOC),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_shapes_reject(shapes, case):
    mutate, focus = BROKEN[case]
    g = mini()
    mutate(g)
    conforms, results = validate(g, shapes)
    assert not conforms, f"{case}: accepted"
    assert focus in {r[1] for r in violations(results)}, results


def test_shapes_reject_hand_made_entity_without_label(shapes):
    """The brief's two cases, on graphs written from scratch."""
    g = rdflib.Graph().parse(data=PREFIXES + """
        <https://w3id.org/kejigraph/resource/university/x> a kgo:University ;
            skos:altLabel "清华"@zh .""", format="turtle")
    conforms, results = validate(g, shapes)
    assert not conforms
    assert any(str(r[1]).endswith("university/x") for r in violations(results))


def test_shapes_reject_hand_made_observation_without_value(shapes):
    g = rdflib.Graph().parse(data=PREFIXES + """
        <https://w3id.org/kejigraph/resource/bureau/y> a kgo:Bureau ; rdfs:label "阳城县科学技术局"@zh .
        <https://w3id.org/kejigraph/resource/obs/y> a kgo:Observation ;
            kgo:aboutEntity <https://w3id.org/kejigraph/resource/bureau/y> ;
            kgo:indicator "新增高新技术企业"@zh ; kgo:unit "家" .""", format="turtle")
    conforms, results = validate(g, shapes)
    assert not conforms
    assert any(str(r[1]).endswith("obs/y") for r in violations(results))


def _issues_a_non_policy(g):
    """bureau issues university, with its own evidence node: only the range is wrong."""
    ev = URIRef("https://w3id.org/kejigraph/resource/evidence/3")
    passage = URIRef(str(DOC) + "#char=1,6")
    for p, o in [(RDF.type, KGO.Evidence), (RDF.type, RDF.Statement), (RDF.subject, BUREAU),
                 (RDF.predicate, KGO.issues), (RDF.object, UNIVERSITY), (KGO.passage, passage)]:
        g.add((ev, p, o))
    for p, o in [(RDF.type, KGO.Passage), (KGO.quote, Literal("出台清华大学", lang="zh")),
                 (KGO.startOffset, Literal(1)), (KGO.endOffset, Literal(6)), (KGO.sourceDocument, DOC)]:
        g.add((passage, p, o))
    g.add((BUREAU, KGO.issues, UNIVERSITY))


DOUBTFUL = {
    "issues a non-policy": _issues_a_non_policy,
    "label with ** decoration": _replace(UNIVERSITY, RDFS.label, Literal("**清华大学**", lang="zh")),
    "entity mentioned nowhere": _without((UNIVERSITY, KGO.mentionedIn, None)),
    "observation without a passage": _without((OBSERVATION, KGO.passage, None)),
}


@pytest.mark.parametrize("case", list(DOUBTFUL), ids=list(DOUBTFUL))
def test_shapes_warn_on_doubtful_extraction(shapes, case):
    """Extraction-quality problems are warnings: reported, but the graph still conforms."""
    g = mini()
    DOUBTFUL[case](g)
    conforms, results = validate(g, shapes)
    assert conforms, violations(results)
    assert any(r[0] == "Warning" for r in results), f"{case}: no warning"


def test_shared_fixture_conforms(shapes):
    """The hand-written dataset other tests use (tests/fixtures/mini.trig) follows the contract."""
    path = ROOT / "tests" / "fixtures" / "mini.trig"
    if not path.is_file():
        pytest.skip("no tests/fixtures/mini.trig")
    ds = rdflib.Dataset()
    ds.parse(path, format="trig")
    union = rdflib.Graph()
    for ctx in ds.graphs():
        for t in ctx:
            union.add(t)
    conforms, results = validate(union, shapes)
    assert conforms, violations(results)


# ---------------------------------------------------------------- generated documentation

def test_ontology_docs_are_current():
    import importlib.util

    if importlib.util.find_spec("pylode") is None:  # (importing pyLODE 3.4 itself may fail)
        pytest.skip("pyLODE is not installed")
    docs = ROOT / "docs" / "ontology.html"
    assert docs.is_file(), "run scripts/build_ontology_docs.py"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_ontology_docs.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    html = docs.read_text(encoding="utf-8").lower()  # pyLODE lower-cases some anchors
    for name in ENTITY_TYPES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES:
        assert f'id="{name.lower()}"' in html, name
