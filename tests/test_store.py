"""`kg query` and the query API, on the hand-written tests/fixtures/mini.trig."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import KgError
from kg.store import (display_width, graph_url, open_store, parse_binding, render_table,
                      run_query, shorten_iri)

FIXTURES = Path(__file__).parent / "fixtures"
KGR = "https://w3id.org/kejigraph/resource/"
TRICKY = '山西"智造}科技有限公司'   # a real label in mini.trig, with a quote and a brace


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """An output directory as `kg build` leaves it, holding the mini dataset."""
    shutil.copy(FIXTURES / "mini.trig", tmp_path / "graph.trig")
    return tmp_path


def kg(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_open_store_keeps_one_named_graph_per_document(mini_dir):
    store = open_store(mini_dir)
    assert sorted(g.value for g in store.named_graphs()) == [
        KGR + "graph/mini-bureau-2022", KGR + "graph/mini-enterprise-2023"]
    assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 0


def test_queries_see_the_union_of_the_named_graphs_with_prefixes(mini_dir):
    store = open_store(mini_dir)
    rows = list(run_query(store, "SELECT DISTINCT ?u WHERE { ?b kgo:partnersWith ?u . ?u a kgo:University }"))
    assert [r["u"].value for r in rows] == [KGR + "university/3d683c3b4bc4b84d"]


def test_a_prefix_declared_in_the_query_wins(mini_dir):
    store = open_store(mini_dir)
    query = "PREFIX kgo: <http://example.org/other#> ASK { ?s a kgo:Bureau }"
    assert bool(run_query(store, query)) is False


def test_bindings_are_substituted_not_pasted(mini_dir):
    store = open_store(mini_dir)
    query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
    rows = list(run_query(store, query, {"label": ox.Literal(TRICKY, language="zh")}))
    assert [r["s"].value for r in rows] == [KGR + "enterprise/094579f301a39368"]
    # A plain string is an xsd:string literal: it does not match the @zh label.
    assert list(run_query(store, query, {"label": TRICKY})) == []


def test_bindings_accept_rdflib_terms(mini_dir):
    import rdflib

    store = open_store(mini_dir)
    rows = list(run_query(store, "SELECT ?s ?label WHERE { ?s rdfs:label ?label }",
                          {"s": rdflib.URIRef(KGR + "university/3d683c3b4bc4b84d")}))
    assert [r["label"].value for r in rows] == ["清华大学"]


def test_an_unselected_binding_is_a_clear_error(mini_dir):
    store = open_store(mini_dir)
    with pytest.raises(KgError, match="SELECT"):
        run_query(store, "SELECT ?s WHERE { ?s rdfs:label ?label }", {"label": "x"})


def test_table_output_is_aligned_with_wide_characters(mini_dir, capsys):
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir),
                      "SELECT DISTINCT ?s ?label WHERE { ?s a kgo:University ; rdfs:label ?label }")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["?s", "|", "?label"]
    assert lines[2] == "kgr:university/3d683c3b4bc4b84d | 清华大学"
    assert lines[-1] == "(1 row)"
    # The separator under the header is exactly as wide as the widest cell.
    assert display_width(lines[1]) == display_width(lines[2])


def test_render_table_counts_cjk_as_two_columns():
    text = render_table(["?a", "?b"], [["清华", "x"], ["abcd", "y"]])
    first, second = text.splitlines()[2:4]
    assert first.index("|") + 2 == second.index("|")   # two CJK chars = four columns
    assert display_width(first) == display_width(second)


def test_csv_output_is_sparql_csv(mini_dir, capsys):
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir), "--format", "csv",
                      "SELECT ?s ?label WHERE { ?s a kgo:Enterprise ; rdfs:label ?label }")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["s", "label"], [KGR + "enterprise/094579f301a39368", TRICKY]]


def test_json_output_is_sparql_json(mini_dir, capsys):
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir), "--format", "json",
                      "SELECT ?n WHERE { ?o kgo:value ?n }")
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["n"]
    [binding] = data["results"]["bindings"]
    assert binding["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    assert float(binding["n"]["value"]) == 200.0


def test_cli_bind_with_quote_and_brace(mini_dir, capsys):
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir), "--format", "csv",
                      "--bind", f"label={TRICKY}@zh",
                      "SELECT ?s ?label WHERE { ?s rdfs:label ?label }")
    assert code == 0
    assert list(csv.reader(io.StringIO(out)))[1:] == [[KGR + "enterprise/094579f301a39368", TRICKY]]


def test_parse_binding_forms():
    assert parse_binding("s=kgr:bureau/1")[1] == ox.NamedNode(KGR + "bureau/1")
    assert parse_binding("s=<http://x/y>")[1] == ox.NamedNode("http://x/y")
    assert parse_binding("l=清华大学@zh")[1] == ox.Literal("清华大学", language="zh")
    assert parse_binding("?l=a b")[1] == ox.Literal("a b")
    with pytest.raises(KgError):
        parse_binding("no-equals-sign")


def test_ask_and_construct(mini_dir, capsys):
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir), "ASK { ?s a kgo:Bureau }")
    assert (code, out) == (0, "true\n")
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir),
                      "CONSTRUCT WHERE { ?s kgo:partnersWith ?o }")
    assert code == 0
    graph = ox.parse(out.encode(), format=ox.RdfFormat.TURTLE)
    assert [t.predicate.value for t in graph] == ["https://w3id.org/kejigraph/ontology#partnersWith"]


def test_query_from_a_file(mini_dir, tmp_path, capsys):
    query_file = tmp_path / "count.rq"
    query_file.write_text("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kgo:Document }", encoding="utf-8")
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir), "--format", "csv", str(query_file))
    assert code == 0
    assert out.splitlines() == ["n", "2"]


def test_missing_query_file(mini_dir, capsys):
    code, _, err = kg(capsys, "query", "-i", str(mini_dir), "nothing-here.rq")
    assert code == 2
    assert "nothing-here.rq not found" in err


def test_syntax_error_is_one_line_with_position(mini_dir, capsys):
    code, out, err = kg(capsys, "query", "-i", str(mini_dir), "SELECT ?s WHERE { ?s ?p }")
    assert code == 2
    assert out == ""
    assert err.startswith("kg: error: query syntax error at line 1, column ")
    assert err.count("\n") == 1


def test_syntax_error_position_counts_lines_of_the_users_query(mini_dir, capsys):
    # The predeclared prefixes are not pasted in front, so line numbers are the user's.
    code, _, err = kg(capsys, "query", "-i", str(mini_dir), "SELECT ?s\nWHERE { ?s ?p }")
    assert code == 2
    assert "at line 2, column" in err


def test_missing_graph_says_what_to_do(tmp_path, capsys):
    code, _, err = kg(capsys, "query", "-i", str(tmp_path / "nope"), "ASK {}")
    assert code == 2
    assert "graph.trig not found" in err and "kg build" in err


def test_shorten_iri():
    assert shorten_iri(KGR + "bureau/abc") == "kgr:bureau/abc"
    assert shorten_iri("http://www.w3.org/2000/01/rdf-schema#label") == "rdfs:label"
    assert shorten_iri("http://example.org/x") == "<http://example.org/x>"


def test_graph_url_percent_encodes_the_iri():
    assert (graph_url("http://h:1/store", KGR + "graph/a b")
            == "http://h:1/store?graph=https%3A%2F%2Fw3id.org%2Fkejigraph%2Fresource%2Fgraph%2Fa%20b")
    assert graph_url("http://h/ds?x=1", "urn:g").startswith("http://h/ds?x=1&graph=")


def test_a_shipped_query_by_name(mini_dir, capsys):
    from importlib import resources

    if not (resources.files("kg.ontology.queries") / "evidence.rq").is_file():
        pytest.skip("ontology/queries/evidence.rq not written yet")
    code, out, _ = kg(capsys, "query", "-i", str(mini_dir), "--format", "csv", "evidence")
    assert code == 0
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert header[:6] == ["s", "p", "o", "quote", "start", "end"]
    assert len(rows) == 2
