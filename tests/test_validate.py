"""`kg validate` and validate_graph(), on the mini dataset and broken copies of it."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDFS

from kg.cli import main
from kg.ns import KGO, KGR
from kg.validate import Violation, format_violation, validate_graph

FIXTURES = Path(__file__).parent / "fixtures"
MINI_SHAPES = FIXTURES / "mini-shapes.ttl"
UNIVERSITY = KGR["university/3d683c3b4bc4b84d"]
OBSERVATION = KGR["obs/4a5137fe60451d41"]


def union_graph() -> rdflib.Graph:
    """graph.ttl as `kg build` writes it: the union of mini.trig's named graphs."""
    store = ox.Store()
    store.load(path=str(FIXTURES / "mini.trig"), format=ox.RdfFormat.TRIG)
    triples = {quad.triple for quad in store}
    text = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=text.decode("utf-8"), format="nt")


def write_output(directory: Path, graph: rdflib.Graph) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    graph.serialize(directory / "graph.ttl", format="turtle")
    return directory


def kg(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(params=["packaged", "mini"])
def shapes_args(request) -> list[str]:
    """Run each CLI test with the shipped shapes and with the tiny fixture shapes."""
    return [] if request.param == "packaged" else ["--shapes", str(MINI_SHAPES)]


def test_conforming_graph_exits_0(tmp_path, capsys, shapes_args):
    out_dir = write_output(tmp_path / "out", union_graph())
    code, out, _ = kg(capsys, "validate", "-i", str(out_dir), *shapes_args)
    assert code == 0, out
    assert out.splitlines()[-1].startswith("0 violations")
    assert "conforms" in out


def test_entity_without_label_exits_1_and_names_the_node(tmp_path, capsys, shapes_args):
    graph = union_graph()
    graph.remove((UNIVERSITY, RDFS.label, None))
    out_dir = write_output(tmp_path / "out", graph)
    code, out, _ = kg(capsys, "validate", "-i", str(out_dir), *shapes_args)
    assert code == 1
    [line] = [ln for ln in out.splitlines() if ln.startswith("Violation")]
    assert "kgr:university/3d683c3b4bc4b84d" in line
    assert "rdfs:label" in line
    assert "does not conform" in out.splitlines()[-1]


def test_observation_without_value_exits_1(tmp_path, capsys, shapes_args):
    graph = union_graph()
    graph.remove((OBSERVATION, KGO.value, None))
    out_dir = write_output(tmp_path / "out", graph)
    code, out, _ = kg(capsys, "validate", "-i", str(out_dir), *shapes_args)
    assert code == 1
    violations = [ln for ln in out.splitlines() if ln.startswith("Violation")]
    assert any("kgr:obs/4a5137fe60451d41" in ln and "kgo:value" in ln for ln in violations)
    assert out.splitlines()[-1].startswith(f"{len(violations)} violation")


def test_focus_label_is_shown(tmp_path):
    graph = union_graph()
    graph.add((UNIVERSITY, RDFS.label, rdflib.Literal("清华", lang="zh")))  # two labels: maxCount 1
    conforms, results = validate_graph(graph)
    assert not conforms
    [violation] = [v for v in results if v.is_violation]
    assert violation.focus == str(UNIVERSITY)
    assert violation.focus_label in ("清华", "清华大学")
    assert violation.path == str(RDFS.label)
    assert format_violation(violation).startswith("Violation  kgr:university/3d683c3b4bc4b84d (清华")


def test_warnings_do_not_fail(tmp_path):
    graph = union_graph()
    graph.remove((KGR["doc/mini-bureau-2022"], rdflib.URIRef("http://purl.org/dc/terms/source"), None))
    conforms, results = validate_graph(graph)
    assert conforms
    assert results and all(v.severity == "Warning" for v in results)


def test_validate_graph_accepts_paths(tmp_path):
    out_dir = write_output(tmp_path / "out", union_graph())
    conforms, results = validate_graph(out_dir / "graph.ttl", MINI_SHAPES)
    assert (conforms, results) == (True, [])


def test_missing_graph_is_a_bad_input(tmp_path, capsys):
    code, _, err = kg(capsys, "validate", "-i", str(tmp_path))
    assert code == 2
    assert "graph.ttl not found" in err


def test_unparsable_graph_is_one_line(tmp_path, capsys):
    (tmp_path / "graph.ttl").write_text("this is not turtle <", encoding="utf-8")
    code, _, err = kg(capsys, "validate", "-i", str(tmp_path))
    assert code == 2
    assert err.count("\n") == 1 and "could not be parsed" in err


def test_format_violation_without_label_or_path():
    line = format_violation(Violation("Warning", "https://w3id.org/kejigraph/resource/x", None, "",
                                      "Value <https://w3id.org/kejigraph/ontology#Bureau> is odd"))
    assert line == "Warning    kgr:x  -  Value kgo:Bureau is odd"


def _pyshacl_only(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, list[Violation]]:
    """What pySHACL alone reports, every constraint run by it (the slow way)."""
    import pyshacl

    from kg.validate import collect_results

    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True, inference="none",
                                           allow_warnings=True)
    return bool(conforms), collect_results(report, data)


def _as_compared(results: list[Violation]) -> list[tuple]:
    """The results as comparable rows; an anonymous shape's blank node id differs from
    one reading of the shapes to the next, so it counts only as anonymous."""
    return sorted((v.severity, v.focus, v.path, v.message, v.value, "_:" if v.shape.startswith("_:") else v.shape)
                  for v in results)


def _broken_cases() -> list:
    from test_ontology import BROKEN

    return [None, *BROKEN]


@pytest.mark.parametrize("case", _broken_cases())
def test_the_fast_validation_reports_what_pyshacl_alone_reports(case):
    """The SPARQL constraints run as one pyoxigraph query each, and passes remembered
    within a run, give pySHACL's very results: on the correct mini graph and on every
    broken copy of it the shapes tests know."""
    from test_ontology import BROKEN, mini

    from kg.validate import packaged_shapes_path, parse_graph, split_sparql_checks

    shapes = parse_graph(packaged_shapes_path(), "shapes")
    rest, checks = split_sparql_checks(shapes)
    assert len(checks) == 2 and len(rest) < len(shapes)
    g = mini()
    if case:
        BROKEN[case][0](g)
    fast = validate_graph(g)
    slow = _pyshacl_only(g, shapes)
    assert fast[0] == slow[0]
    assert _as_compared(fast[1]) == _as_compared(slow[1])
    if case in ("relation without evidence", "evidence for a triple not in the graph"):
        assert any(v.shape.endswith(("RelationShape", "EvidenceShape")) for v in fast[1])


def test_validate_shows_progress_on_stderr(tmp_path, capsys, monkeypatch):
    from kg import progress

    monkeypatch.setattr(progress, "LARGE_GRAPH_BYTES", 0)  # as if the graph were large  # as if the graph were large
    out_dir = write_output(tmp_path / "out", union_graph())
    code, out, err = kg(capsys, "validate", "-i", str(out_dir))
    assert code == 0
    assert "reading" in err and "checking" in err and "SPARQL" in err
    code, out, err = kg(capsys, "validate", "-i", str(out_dir), "--quiet")
    assert err == ""
