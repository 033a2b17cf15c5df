"""The RDF a build writes: parseable by every toolkit, deterministic, and safe with any name."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDFS

from kg.build import build
from kg.ns import KGO
from kg.resolve import entity_key

HOSTILE = ('关于<script>alert(1)</script>\\的', "<img src=x onerror=alert(1)>有限公司",
           "A'B\"C>D&E有限公司")


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    build([], out, quiet=True, with_view=False)
    return out


def test_turtle_and_trig_parse_with_rdflib_and_pyoxigraph(sample_build):
    g = Graph().parse(sample_build / "graph.ttl")
    ds = Dataset()
    ds.parse(sample_build / "graph.trig", format="trig")
    assert len(g) > 1000
    store = pyoxigraph.Store()
    store.load(path=str(sample_build / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    quads = len(store)
    triples = len(list(pyoxigraph.parse(path=str(sample_build / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)))
    assert triples == len(g)
    # graph.ttl is the union of the named graphs
    union = {q.triple for q in store}
    assert len(union) == triples
    assert quads >= triples


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor2-utils (rapper) not installed")
@pytest.mark.parametrize("name,syntax", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
def test_raptor_parses_the_output(sample_build, name, syntax):
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(sample_build / name)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    assert "returned" in run.stderr and "triples" in run.stderr


def test_every_named_graph_is_a_document(sample_build):
    ds = Dataset()
    ds.parse(sample_build / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert "https://w3id.org/kejigraph/resource/graph/shanxi-st-bureaus-2022" in names


def test_iris_depend_only_on_type_and_name():
    assert entity_key("University", "清华大学") == entity_key("University", "清华大学")
    assert entity_key("University", "清华大学") != entity_key("Enterprise", "清华大学")
    assert entity_key("University", "清华大学").startswith("university/")


def test_hostile_names_round_trip_through_turtle(tmp_path):
    """Names are data: quotes, angle brackets, backslashes and newlines survive as literals."""
    report = tmp_path / "hostile.txt"
    text = "某某市科学技术局先进事迹\n\n" + "".join(
        f"出台《{HOSTILE[0]}管理办法》。支持{HOSTILE[1]}、{HOSTILE[2]}等企业发展。")
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build([report], out, quiet=True, with_view=False)
    g = Graph().parse(out / "graph.ttl")
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert any("<script>" in l for l in labels)
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    assert len(store) > 0
    for s, o in g.subject_objects(KGO.quote):
        assert isinstance(o, Literal)


def test_one_passage_per_sentence_shared_by_the_facts_read_from_it(sample_build):
    """Every evidence node and observation points to exactly one passage; a passage's IRI is
    its document's with an RFC 5147 fragment that repeats its offsets; a sentence that gives
    several facts is one passage, not one copy per fact."""
    from rdflib.namespace import RDF

    g = Graph().parse(sample_build / "graph.ttl")
    facts = set(g.subjects(RDF.type, KGO.Evidence)) | set(g.subjects(RDF.type, KGO.Observation))
    assert facts and all(len(list(g.objects(f, KGO.passage))) == 1 for f in facts)
    passages = set(g.subjects(RDF.type, KGO.Passage))
    assert {g.value(f, KGO.passage) for f in facts} == passages
    for p in passages:
        doc, start, end = g.value(p, KGO.sourceDocument), g.value(p, KGO.startOffset), g.value(p, KGO.endOffset)
        assert str(p) == f"{doc}#char={start.toPython()},{end.toPython()}"
        assert g.value(p, KGO.quote)
    assert len(passages) < len(facts) / 2   # the sample's sentences each give several facts
