"""The competency questions (ontology/queries/*.rq) against the graph of the sample report.

The sample (kg/data/shanxi-st-bureaus-2022.txt) is built once per session with
`kg build`, its graph.trig loaded into an in-memory Oxigraph store, and every query
run over the union of the named graphs. The facts asserted are ones the hand
annotation (shared/gold/shanxi-st-bureaus-2022.json) records and the text states
plainly; each test checks a handful of them, not the full answer, because the
extractor is still improving.

Entities are looked up by any of their names (label or alias, white space ignored),
so a test does not depend on which form the builder picks as canonical.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "ontology" / "queries"
QUERIES = sorted(QUERY_DIR.glob("*.rq"))
SAMPLE = ROOT / "kg" / "data" / "shanxi-st-bureaus-2022.txt"

KGO = "https://w3id.org/kejigraph/ontology#"
RELATIONS = ("partnersWith", "supports", "establishes", "implements", "organizes", "issues",
             "affiliatedWith", "locatedIn", "develops", "receivedHonor")

#: The competency questions the project promises (file stem -> what it answers).
REQUIRED_QUERIES = {
    "evidence": "every relation triple with its quote and offsets",
    "partners": "partners of a bureau",
    "platforms_established": "platforms a bureau established",
    "programs_implemented": "programmes a bureau implements",
    "policies_issued": "policies a bureau issued",
    "events_organized": "events a bureau organised",
    "enterprises_multi_supported": "enterprises supported by more than one agency",
    "bureau_figures": "figures of a bureau by year",
    "aliases": "entities with their aliases",
    "entity_documents": "documents that mention an entity",
    "honours": "honours received",
    "entity_counts": "entities by type with counts",
    "products": "products and who develops them",
    "located_in": "organisations located in a place",
}

#: The prefixes a query may use (it must declare each one it uses).
KNOWN_PREFIXES = {
    "kgo": KGO, "kgr": "https://w3id.org/kejigraph/resource/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#", "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#", "qb": "http://purl.org/linked-data/cube#",
}

CJK = re.compile(r"[\u4e00-\u9fff]")


def squash(text: str) -> str:
    """Remove white space (and the Markdown bold markers) for comparisons."""
    return re.sub(r"\s+", "", text.replace("**", ""))


def query_text(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


# =========================================================== the files themselves
# (no build needed)

def test_required_queries_exist():
    stems = {q.stem for q in QUERIES}
    assert set(REQUIRED_QUERIES) <= stems, sorted(set(REQUIRED_QUERIES) - stems)
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_query_states_its_question_in_chinese_and_english(query):
    lines = query.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 2 and lines[0].startswith("#") and lines[1].startswith("#"), \
        f"{query.name} must open with the question as comments"
    zh, en = lines[0], lines[1]
    assert CJK.search(zh), f"first line of {query.name} is not the Chinese question: {zh}"
    assert not CJK.search(en.split("(")[0]) and re.search(r"[A-Za-z]{3}", en), \
        f"second line of {query.name} is not the English question: {en}"
    assert zh.rstrip().endswith(("？", "?", "。", "）")) and en.rstrip().endswith(("?", ".")), \
        f"{query.name}: the questions should read as questions"


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_query_declares_the_prefixes_it_uses(query):
    text = query.read_text(encoding="utf-8")
    body = "\n".join(line.split("#")[0] if not line.lstrip().startswith("PREFIX") else ""
                     for line in text.splitlines())
    body = re.sub(r'"[^"\n]*"', '""', body)  # literals may contain colons
    declared = dict(re.findall(r"^PREFIX\s+(\w*):\s*<([^>]*)>", text, flags=re.M))
    used = set(re.findall(r"(?<![\w<?$])([A-Za-z][\w-]*):(?=[A-Za-z_])", body))
    assert used <= set(declared), f"{query.name} uses undeclared prefixes {sorted(used - set(declared))}"
    for prefix, iri in declared.items():
        if prefix in KNOWN_PREFIXES:
            assert iri == KNOWN_PREFIXES[prefix], f"{query.name}: {prefix}: is <{iri}>"


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_query_parses_without_predeclared_prefixes(query):
    """Each file runs anywhere: Oxigraph and rdflib parse it with no prefixes given."""
    ox = pytest.importorskip("pyoxigraph")
    list(ox.Store().query(query.read_text(encoding="utf-8"), use_default_graph_as_union=True))
    from rdflib.plugins.sparql import prepareQuery
    prepareQuery(query.read_text(encoding="utf-8"))


# =========================================================== the built sample graph

@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """`kg build` of the bundled sample, once per session."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("kg-build")
    code = main(["build", "-o", str(out), "--quiet"])
    assert code == 0, f"kg build exited {code}"
    assert (out / "graph.trig").is_file(), "kg build wrote no graph.trig"
    return out


@pytest.fixture(scope="session")
def store(built):
    ox = pytest.importorskip("pyoxigraph")
    st = ox.Store()
    st.load(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert len(st) > 0
    return st


def _value(term):
    """A query result term as plain Python: IRIs and literals as their string value."""
    return None if term is None else term.value


def run(store, text: str) -> list[dict]:
    """Rows of a SELECT as dicts of variable name -> string value (None when unbound)."""
    result = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: _value(sol[n]) for n in names} for sol in result]


def run_raw(store, text: str) -> list[dict]:
    """Rows of a SELECT as dicts of variable name -> pyoxigraph term."""
    result = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names} for sol in result]


@pytest.fixture(scope="session")
def names(store) -> dict[str, set[str]]:
    """Entity IRI -> every name it goes by (label and aliases), white space removed."""
    rows = run(store, f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?e ?name WHERE {{
            ?e a ?type . FILTER (STRSTARTS(STR(?type), "{KGO}"))
            {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
        }}""")
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        out[r["e"]].add(squash(r["name"]))
    return out


@pytest.fixture(scope="session")
def find(names):
    """find(name) -> the IRIs of the entities that go by that name; fails if there are none."""
    def _find(name: str) -> set[str]:
        hits = {iri for iri, ns in names.items() if squash(name) in ns}
        assert hits, f"the graph has no entity named {name}"
        return hits
    return _find


def has_row(rows, find, **expected) -> bool:
    """Some row matches every column: entity columns by name, others by value."""
    def ok(row):
        for col, want in expected.items():
            got = row.get(col)
            if isinstance(want, Entity):
                if got not in find(want.name):
                    return False
            elif callable(want):
                if got is None or not want(got):
                    return False
            elif got != want:
                return False
        return True
    return any(ok(r) for r in rows)


class Entity:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return f"Entity({self.name})"


def E(name: str) -> Entity:  # noqa: N802 - reads like a constructor in the tables below
    return Entity(name)


def show(rows, *cols) -> str:
    return "\n".join(" | ".join(str(r.get(c)) for c in cols) for r in rows[:60])


# ----------------------------------------------------------- every query runs

@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_query_runs_on_the_sample(store, query):
    rows = run(store, query.read_text(encoding="utf-8"))
    assert isinstance(rows, list)


# ----------------------------------------------------------- evidence.rq

RELATION_FILTER = ", ".join(f"<{KGO}{p}>" for p in RELATIONS)


def test_evidence_has_the_documented_columns(store):
    result = store.query(query_text("evidence"), use_default_graph_as_union=True)
    cols = [v.value for v in result.variables]
    assert cols[:6] == ["s", "p", "o", "quote", "start", "end"]


def test_evidence_covers_every_relation_triple(store):
    triples = run_raw(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER (?p IN ({RELATION_FILTER})) }}")
    assert triples, "the sample graph holds no relation triples"
    asserted = {(str(r["s"]), str(r["p"]), str(r["o"])) for r in triples}
    rows = run_raw(store, query_text("evidence"))
    explained = {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}
    missing = asserted - explained
    assert not missing, f"{len(missing)} relation triples without evidence, e.g. {sorted(missing)[:5]}"
    assert explained <= asserted, "evidence.rq returned a triple that is not in the graph"


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The original text the offsets point into: the reader's decoding of the file."""
    try:
        from kg.read import read_file
        return read_file(SAMPLE).text
    except Exception:  # the reader's API is not this test's subject
        return SAMPLE.read_bytes().decode("utf-8-sig")


def test_evidence_quotes_are_the_original_text_at_their_offsets(store, sample_text):
    rows = run(store, query_text("evidence"))
    assert rows
    bad = []
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        if not 0 <= start < end <= len(sample_text):
            bad.append(f"offsets [{start},{end}) outside the text: {r['quote']}")
            continue
        if squash(r["quote"]) != squash(sample_text[start:end]):
            bad.append(f"[{start},{end}) quote {r['quote']!r} != text {sample_text[start:end]!r}")
    assert not bad, f"{len(bad)} of {len(rows)} quotes differ:\n" + "\n".join(bad[:10])


def test_evidence_points_to_the_sample_document(store):
    rows = run(store, query_text("evidence"))
    docs = {r["doc"] for r in rows}
    assert len(docs) == 1 and next(iter(docs)).endswith("doc/shanxi-st-bureaus-2022")


@pytest.mark.parametrize("subject, predicate, obj, words", [
    ("运城市科学技术局", "partnersWith", "清华大学", "清华大学"),
    ("阳城县科学技术局", "issues", "阳城县科技研发专项资金使用管理办法", "出台"),
])
def test_evidence_explains_a_known_fact(store, find, subject, predicate, obj, words):
    rows = run(store, query_text("evidence"))
    subjects, objects = find(subject), find(obj)
    hits = [r for r in rows if r["p"] == KGO + predicate and
            ((r["s"] in subjects and r["o"] in objects) or
             (predicate == "partnersWith" and r["s"] in objects and r["o"] in subjects))]
    assert hits, f"no evidence for {subject} {predicate} {obj}"
    assert any(words in squash(r["quote"]) for r in hits), [r["quote"] for r in hits]


# ----------------------------------------------------------- partners.rq

@pytest.mark.parametrize("bureau, partner", [
    ("运城市科学技术局", "清华大学"),        # 加强与清华大学、华中科技大学…等高校合作
    ("运城市科学技术局", "华中科技大学"),
    ("太原市小店区科学技术局", "山西大学"),   # 小店区与山西大学签订战略合作协议
    ("阳城县科学技术局", "清华大学"),        # 推动与清华大学等科研院校合作
])
def test_partners(store, find, bureau, partner):
    rows = run(store, query_text("partners"))
    assert has_row(rows, find, bureau=E(bureau), partner=E(partner)), \
        show(rows, "bureauLabel", "partnerLabel")


def test_partners_rows_have_labels(store):
    rows = run(store, query_text("partners"))
    assert rows and all(r["bureauLabel"] and r["partnerLabel"] for r in rows)


# ----------------------------------------------------------- platforms, programmes, policies, events

@pytest.mark.parametrize("bureau, platform", [
    ("太原市小店区科学技术局", "小店区科技创新服务中心"),    # 2022年6月建成小店区科技创新服务中心
    ("阳城县科学技术局", "阳城县古窑珐华琉璃艺术研究院"),    # 建成“阳城县古窑珐华琉璃艺术研究院”
])
def test_platforms_established(store, find, bureau, platform):
    rows = run(store, query_text("platforms_established"))
    assert has_row(rows, find, bureau=E(bureau), platform=E(platform)), \
        show(rows, "bureauLabel", "platformLabel")


@pytest.mark.parametrize("bureau, program", [
    ("阳城县科学技术局", "百村光伏工程"),                      # 组织实施百村光伏工程…
    ("运城市科学技术局", "高新技术企业倍增计划"),              # 实施高新技术企业倍增计划
    ("长治高新技术产业开发区科技创新部", "科技双创载体质量提升计划"),  # 持续实施…
])
def test_programs_implemented(store, find, bureau, program):
    rows = run(store, query_text("programs_implemented"))
    assert has_row(rows, find, bureau=E(bureau), program=E(program)), \
        show(rows, "bureauLabel", "programLabel")


@pytest.mark.parametrize("bureau, policy", [
    ("阳城县科学技术局", "阳城县科技研发专项资金使用管理办法"),        # 出台《…》
    ("太原市小店区科学技术局", "太原市小店区实施创新驱动发展战略实施细则"),  # 2019年印发《…》
])
def test_policies_issued(store, find, bureau, policy):
    rows = run(store, query_text("policies_issued"))
    assert has_row(rows, find, bureau=E(bureau), policy=E(policy)), \
        show(rows, "bureauLabel", "policyLabel")


def test_events_organized(store, find):
    rows = run(store, query_text("events_organized"))
    # 举行中北大学科技成果运城推介洽谈会
    assert has_row(rows, find, bureau=E("运城市科学技术局"), event=E("中北大学科技成果运城推介洽谈会")), \
        show(rows, "bureauLabel", "eventLabel")


# ----------------------------------------------------------- enterprises_multi_supported.rq

def test_enterprises_multi_supported_on_the_sample(store):
    """In the sample no enterprise has two supporters (by the gold); any row must have >1."""
    rows = run(store, query_text("enterprises_multi_supported"))
    for r in rows:
        assert int(r["agencyCount"]) > 1 and "、" in r["agencies"], r


def test_enterprises_multi_supported_on_a_hand_made_graph():
    ox = pytest.importorskip("pyoxigraph")
    st = ox.Store()
    st.load(input="""
        @prefix kgo: <https://w3id.org/kejigraph/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:b1> a kgo:Bureau ; rdfs:label "阳城县科学技术局"@zh ; kgo:supports <urn:e1> , <urn:e2> .
        <urn:b2> a kgo:Bureau ; rdfs:label "山西省科技厅"@zh ; kgo:supports <urn:e1> .
        <urn:e1> a kgo:Enterprise ; rdfs:label "阳泰集团"@zh .
        <urn:e2> a kgo:Enterprise ; rdfs:label "皇城相府集团"@zh .
        """, format=ox.RdfFormat.TURTLE)
    rows = run(st, query_text("enterprises_multi_supported"))
    assert [(r["enterpriseLabel"], int(r["agencyCount"])) for r in rows] == [("阳泰集团", 2)]
    assert set(rows[0]["agencies"].split("、")) == {"阳城县科学技术局", "山西省科技厅"}


# ----------------------------------------------------------- bureau_figures.rq

@pytest.mark.parametrize("bureau, indicator_word, value, unit, year", [
    ("运城市科学技术局", "科技计划项目", "87", "项", "2021"),   # 2021 年立项市级科技计划项目 87 项
    ("运城市科学技术局", "下达资金", "1017", "万元", "2021"),  # 下达资金 1017 万元
    ("运城市科学技术局", "高新技术企业", "200", "家", None),    # 全市高新技术企业数量达到 200 家
])
def test_bureau_figures(store, find, bureau, indicator_word, value, unit, year):
    rows = run(store, query_text("bureau_figures"))
    want = dict(bureau=E(bureau), value=lambda v: Decimal(v) == Decimal(value), unit=unit)
    if year:
        want["year"] = year
    assert has_row(rows, find, **want), \
        show([r for r in rows if r["bureau"] in find(bureau)], "year", "indicator", "value", "unit")
    assert any(indicator_word in squash(r["indicator"]) for r in rows
               if r["bureau"] in find(bureau) and Decimal(r["value"]) == Decimal(value))


def test_bureau_figures_are_typed(store):
    rows = run_raw(store, query_text("bureau_figures"))
    assert rows, "no figures about any bureau"
    for r in rows:
        assert r["value"].datatype.value == "http://www.w3.org/2001/XMLSchema#decimal"
        if r["year"] is not None:
            assert r["year"].datatype.value == "http://www.w3.org/2001/XMLSchema#gYear"


def test_bureau_figures_are_ordered_by_bureau_then_year(store):
    rows = run(store, query_text("bureau_figures"))
    keys = [(r["bureauLabel"], r["year"] or "") for r in rows]
    assert keys == sorted(keys)


# ----------------------------------------------------------- aliases.rq

@pytest.mark.parametrize("name, alias", [
    ("运城市科学技术局", "运城市科技局"),           # 运城市科技局按照…
    ("太原市小店区科学技术局", "太原市小店区科技局"),  # 太原市小店区科技局深入实施…
])
def test_aliases(store, find, name, alias):
    rows = run(store, query_text("aliases"))
    entity = find(name)
    hits = [r for r in rows if r["entity"] in entity]
    assert hits, f"{name} has no aliases"
    forms = {squash(h["label"]) for h in hits} | {squash(a) for h in hits for a in h["aliases"].split("、")}
    assert {squash(name), squash(alias)} <= forms, forms
    assert int(hits[0]["aliasCount"]) == len(hits[0]["aliases"].split("、"))


# ----------------------------------------------------------- entity_documents.rq

@pytest.mark.parametrize("name", ["清华大学", "运城市科学技术局", "阳城县"])
def test_entity_documents(store, find, name):
    rows = run(store, query_text("entity_documents"))
    hits = [r for r in rows if r["entity"] in find(name)]
    assert hits, f"no document mentions {name}"
    assert {r["source"] for r in hits} == {SAMPLE.name}
    assert all(r["doc"].endswith("doc/shanxi-st-bureaus-2022") for r in hits)


# ----------------------------------------------------------- honours.rq

@pytest.mark.parametrize("org, honour_word", [
    ("运城盐湖高新区科技企业孵化器", "国家级科技企业孵化器"),  # …被认定为国家级科技企业孵化器
    ("山西大学国家大学科技园", "国家级科技企业孵化器"),      # …成为国家级科技企业孵化器
])
def test_honours(store, find, org, honour_word):
    rows = run(store, query_text("honours"))
    assert has_row(rows, find, entity=E(org), honour=lambda h: honour_word in squash(h)), \
        show(rows, "label", "honour")


def test_honours_carry_their_quote(store):
    rows = run(store, query_text("honours"))
    assert rows and all(r["quote"] for r in rows)


# ----------------------------------------------------------- entity_counts.rq

@pytest.mark.parametrize("type_, at_least", [
    ("Bureau", 4),      # the four narrators
    ("University", 5),  # 清华, 华中科技, 西北工业, 江西理工, 中北, 山西大学, …
    ("Program", 5), ("Policy", 4), ("Place", 4), ("Platform", 5), ("Enterprise", 5),
])
def test_entity_counts(store, type_, at_least):
    rows = run(store, query_text("entity_counts"))
    counts = {r["type"][len(KGO):]: int(r["count"]) for r in rows}
    assert counts.get(type_, 0) >= at_least, counts
    direct = run(store, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{KGO}{type_}> }}")
    assert counts[type_] == int(direct[0]["n"])


# ----------------------------------------------------------- products.rq

@pytest.mark.parametrize("product, developer", [
    ("深紫外LED", "山西中科潞安紫外光电科技有限公司"),            # …自主研制的深紫外 LED
    ("抗艾滋病（HIV）多肽药物", "山西康宝生物制品股份有限公司"),  # …共同研发的抗艾滋病（HIV）多肽药物
])
def test_products(store, find, product, developer):
    rows = run(store, query_text("products"))
    assert has_row(rows, find, product=E(product), developer=E(developer)), \
        show(rows, "productLabel", "developerLabel")


# ----------------------------------------------------------- located_in.rq

@pytest.mark.parametrize("org, place", [
    ("运城市科学技术局", "运城市"),          # written into the name
    ("阳城县科学技术局", "阳城县"),
    ("太原市小店区科学技术局", "小店区"),
])
def test_located_in(store, find, org, place):
    rows = run(store, query_text("located_in"))
    assert has_row(rows, find, org=E(org), place=E(place)), show(rows, "orgLabel", "placeLabel")


def test_located_in_marks_direct_links(store):
    rows = run(store, query_text("located_in"))
    assert rows and any(r["direct"] == "true" for r in rows)


# ----------------------------------------------------------- bureau_links.rq

def test_bureau_links_include_every_partnership(store):
    partners = {(r["bureau"], r["partner"]) for r in run(store, query_text("partners"))}
    links = {(r["bureau"], r["target"]) for r in run(store, query_text("bureau_links"))}
    assert partners <= links


@pytest.mark.parametrize("bureau, relation, target", [
    ("阳城县科学技术局", "supports", "阳泰集团"),   # 助力阳泰集团、皇城相府集团强劲发展
    ("阳城县科学技术局", "issues", "阳城县科技研发专项资金使用管理办法"),
])
def test_bureau_links(store, find, bureau, relation, target):
    rows = run(store, query_text("bureau_links"))
    assert has_row(rows, find, bureau=E(bureau), relation=KGO + relation, target=E(target))


# ----------------------------------------------------------- sections.rq and document_provenance.rq

def test_sections_are_narrated_by_the_four_bureaus(store, find):
    rows = run(store, query_text("sections"))
    narrators = {r["narrator"] for r in rows}
    for bureau in ("运城市科学技术局", "太原市小店区科学技术局", "阳城县科学技术局",
                   "长治高新技术产业开发区科技创新部"):
        assert find(bureau) & narrators, f"no section narrated by {bureau}: {show(rows, 'heading', 'narratorLabel')}"


def test_document_provenance(store, sample_text):
    rows = run(store, query_text("document_provenance"))
    assert len(rows) == 1
    row = rows[0]
    assert row["source"] == SAMPLE.name
    assert row["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert int(row["characters"]) == len(sample_text)
    assert int(row["evidenceCount"]) > 0 and int(row["observationCount"]) > 0


# ----------------------------------------------------------- the shapes hold on the real build

def test_sample_graph_conforms_to_the_shapes(built):
    """ontology/shapes.ttl describes what the builder writes: no violations on the sample."""
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib
    from rdflib.namespace import RDF

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    data = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=True, inference="none", allow_warnings=True)
    violations = [r for r in report.subjects(RDF.type, sh.ValidationResult)
                  if report.value(r, sh.resultSeverity) == sh.Violation]
    assert conforms and not violations, text[:4000]
