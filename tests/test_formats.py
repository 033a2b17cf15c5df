"""The same report as UTF-8 text, GB18030 text, Word and PDF builds the same graph.

Offsets and quotes differ between formats (they point into each file's own
text); what the graph says must not.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.build import build
from kg.ns import KGO
from kg.read import sample_path
from test_read import make_docx, make_pdf

PREDICATES = ("partnersWith", "supports", "establishes", "implements", "organizes", "issues",
              "affiliatedWith", "locatedIn", "develops", "receivedHonor")


def facts(out: Path) -> tuple[set, set, set]:
    g = Graph().parse(out / "graph.ttl")
    label = lambda n: str(next(g.objects(n, RDFS.label), n))  # noqa: E731
    entities = {(label(e), str(t).split("#")[1]) for e, t in g.subject_objects(RDF.type)
                if str(t).startswith(str(KGO)) and (e, RDFS.label, None) in g}
    relations = {(label(s), p, label(o)) for p in PREDICATES for s, o in g.subject_objects(KGO[p])}
    figures = {(float(v), str(u)) for o in g.subjects(RDF.type, KGO.Observation)
               for v in g.objects(o, KGO.value) for u in g.objects(o, KGO.unit)}
    return entities, relations, figures


@pytest.fixture(scope="module")
def sample_text() -> str:
    return sample_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reference(tmp_path_factory, sample_text):
    src = tmp_path_factory.mktemp("utf8") / "report.txt"
    src.write_text(sample_text, encoding="utf-8")
    out = src.parent / "out"
    build([src], out, quiet=True, with_view=False)
    return facts(out)


def _paragraphs(text: str) -> list[str]:
    """The report's paragraphs as a reader sees them: page-break splits joined."""
    from kg.normalise import normalise
    return [p for p in normalise(text).text.split("\n") if p.strip()]


def _build(path: Path) -> tuple[set, set, set]:
    out = path.parent / "out"
    build([path], out, quiet=True, with_view=False)
    return facts(out)


def test_gb18030_text_builds_the_same_graph(tmp_path, sample_text, reference):
    src = tmp_path / "report.txt"
    src.write_bytes(sample_text.encode("gb18030"))
    assert _build(src) == reference


def test_word_document_builds_the_same_graph(tmp_path, sample_text, reference):
    src = make_docx(tmp_path / "report.docx", _paragraphs(sample_text))
    assert _build(src) == reference


def test_pdf_builds_the_same_graph(tmp_path, sample_text, reference):
    lines: list[str] = []
    for para in _paragraphs(sample_text):
        lines.extend(para[i:i + 36] for i in range(0, len(para), 36))
    pages = [lines[i:i + 30] for i in range(0, len(lines), 30)]
    src = make_pdf(tmp_path / "report.pdf", pages)
    entities, relations, figures = _build(src)
    assert entities == reference[0]
    assert relations == reference[1]
    assert figures == reference[2]
