"""`kg view` / render_network without a browser: what the written page contains.

The graph builders here follow ontology/README.md and are shared with
test_view_browser.py, test_stats.py and bench/view_bench.py (imported by name).
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.cli import main
from kg.errors import KgError
from kg.ns import KGO, KGR
from kg.view import VOCAB, compact_iri, find_entities, parse_types, read_graph, render_network

#: Text that would run if any name reached the page as markup or closed the data block.
PAYLOADS = (
    "<script>alert(1);window.__kgPwned=1</script>",
    "<img src=x onerror=\"alert(1);window.__kgPwned=1\">",
    "\"'><svg onload=window.__kgPwned=1>",
    "</script><script>window.__kgPwned=1</script>",
)
MALICIOUS_LABEL = PAYLOADS[0] + "有限公司"


# --- graph builders ------------------------------------------------------------------

def _iri(type_name: str, name: str) -> URIRef:
    digest = hashlib.sha1(f"{type_name}\t{name}".encode()).hexdigest()[:16]
    return KGR[f"{type_name.lower()}/{digest}"]


class GraphMaker:
    """Write entities, relations with evidence, honours and observations as the builder does."""

    def __init__(self) -> None:
        self.g = Graph()
        self.count = 0

    def document(self, doc_id: str, title: str) -> URIRef:
        doc = KGR[f"doc/{doc_id}"]
        self.g.add((doc, RDF.type, KGO.Document))
        self.g.add((doc, DCTERMS.title, Literal(title, lang="zh")))
        self.g.add((doc, DCTERMS.source, Literal(f"{doc_id}.txt")))
        return doc

    def entity(self, type_name: str, label: str, *aliases: str, doc: URIRef | None = None) -> URIRef:
        node = _iri(type_name, label)
        self.g.add((node, RDF.type, KGO[type_name]))
        self.g.add((node, RDFS.label, Literal(label, lang="zh")))
        for alias in aliases:
            self.g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        if doc is not None:
            self.g.add((node, KGO.mentionedIn, doc))
        return node

    def relate(self, s: URIRef, pred: str, o: URIRef, quote: str = "", doc: URIRef | None = None) -> None:
        self.g.add((s, KGO[pred], o))
        if quote:
            self.count += 1
            ev = KGR[f"evidence/{self.count:016x}"]
            start = 100 * self.count   # one passage per quote
            passage = URIRef(f"{doc or KGR['doc/unknown']}#char={start},{start + len(quote)}")
            for t in ((RDF.type, KGO.Evidence), (RDF.type, RDF.Statement), (RDF.subject, s),
                      (RDF.predicate, KGO[pred]), (RDF.object, o), (KGO.passage, passage)):
                self.g.add((ev, *t))
            for t in ((RDF.type, KGO.Passage), (KGO.quote, Literal(quote, lang="zh")),
                      (KGO.startOffset, Literal(start)), (KGO.endOffset, Literal(start + len(quote)))):
                self.g.add((passage, *t))
            if doc is not None:
                self.g.add((passage, KGO.sourceDocument, doc))

    def honour(self, s: URIRef, text: str) -> None:
        self.g.add((s, KGO.receivedHonor, Literal(text, lang="zh")))

    def observation(self, s: URIRef, indicator: str, value: str, unit: str, year: str | None = None) -> None:
        from rdflib.namespace import XSD  # not at module level: pytest's collector probes it noisily

        self.count += 1
        obs = KGR[f"obs/{self.count:016x}"]
        self.g.add((obs, RDF.type, KGO.Observation))
        self.g.add((obs, KGO.aboutEntity, s))
        self.g.add((obs, KGO.indicator, Literal(indicator, lang="zh")))
        self.g.add((obs, KGO.value, Literal(value, datatype=XSD.decimal)))
        self.g.add((obs, KGO.unit, Literal(unit)))
        if year:
            self.g.add((obs, KGO.year, Literal(year, datatype=XSD.gYear)))


def make_small_graph() -> Graph:
    """Eleven entities of all ten types, one of them named with script payloads."""
    m = GraphMaker()
    doc = m.document("mini-bureau-2022", "运城市科学技术局先进事迹")
    bad_doc = m.document("evil", PAYLOADS[1] + "报告")
    bureau = m.entity("Bureau", "运城市科学技术局", "市科技局", "运城市科技局", doc=doc)
    uni = m.entity("University", "清华大学", "清华", doc=doc)
    cas = m.entity("ResearchInstitute", "中国科学院", "中科院", doc=doc)
    firm = m.entity("Enterprise", "山西康宝生物制品股份有限公司", "康宝", doc=doc)
    incub = m.entity("Platform", "运城盐湖高新区科技企业孵化器", doc=doc)
    prog = m.entity("Program", "高新技术企业倍增计划", doc=doc)
    policy = m.entity("Policy", "运城市科技研发专项资金使用管理办法", doc=doc)
    event = m.entity("Event", "中北大学科技成果运城推介洽谈会", doc=doc)
    place = m.entity("Place", "运城市", doc=doc)
    product = m.entity("Product", "狂犬病疫苗", doc=doc)
    evil = m.entity("Enterprise", MALICIOUS_LABEL, *PAYLOADS[1:], doc=bad_doc)

    m.relate(bureau, "partnersWith", uni, "加强与清华大学等高校合作", doc)
    m.relate(bureau, "partnersWith", cas, "与中国科学院开展合作", doc)
    m.relate(bureau, "supports", firm, "支持山西康宝生物制品股份有限公司研发", doc)
    m.relate(bureau, "establishes", incub, "建成运城盐湖高新区科技企业孵化器", doc)
    m.relate(bureau, "implements", prog, "实施高新技术企业倍增计划", doc)
    m.relate(bureau, "issues", policy, "出台《运城市科技研发专项资金使用管理办法》", doc)
    m.relate(bureau, "organizes", event, "举办中北大学科技成果运城推介洽谈会", doc)
    m.relate(bureau, "locatedIn", place)
    m.relate(firm, "develops", product, "研发生产狂犬病疫苗", doc)
    m.relate(incub, "affiliatedWith", bureau, "孵化器隶属市科技局", doc)
    m.relate(bureau, "supports", evil, PAYLOADS[3] + "支持" + PAYLOADS[2], bad_doc)
    m.relate(evil, "partnersWith", uni, PAYLOADS[0], bad_doc)

    m.honour(firm, "国家高新技术企业")
    m.honour(evil, PAYLOADS[2] + "称号")
    m.observation(bureau, "高新技术企业数量", "200.0", "家", "2021")
    m.observation(evil, PAYLOADS[0], "3.50", PAYLOADS[1])
    return m.g


SMALL_ENTITY_COUNT = 11


def make_synthetic_graph(n: int = 2000, seed: int = 1) -> Graph:
    """n entities around a few bureaus, with hubs and long tails like real reports."""
    rng = random.Random(seed)
    m = GraphMaker()
    doc = m.document("synthetic", "合成测试报告")
    types = list(VOCAB["types"])
    preds = list(VOCAB["predicates"])
    nodes = []
    for i in range(n):
        type_name = "Bureau" if i < max(1, n // 100) else types[1 + i % (len(types) - 1)]
        nodes.append(m.entity(type_name, f"{VOCAB['types'][type_name]['zh']}{i:05d}", f"别名{i:05d}", doc=doc))
    for i in range(1, n):
        for _ in range(rng.choice((1, 1, 1, 2))):
            j = rng.randrange(max(1, n // 100)) if rng.random() < 0.4 else rng.randrange(i)
            if j != i:
                m.relate(nodes[j], preds[(i + j) % len(preds)], nodes[i], f"句子{i}-{j}", doc)
    return m.g


def make_corpus_data(n: int = 5000, relations: int = 10000, docs: int = 40, seed: int = 3):
    """A corpus-sized GraphData (made directly: rdflib would take a minute for this).

    `docs` reports over ten years, each narrated by one of eight bureaus; entities come
    in clusters of about 120 that mostly relate among themselves (communities to find),
    about one in six entities has no relation (the isolated), and one entity and one
    report title carry script payloads."""
    from kg.view import DocumentInfo, Entity, GraphData, Relation

    rng = random.Random(seed)
    types = list(VOCAB["types"])
    preds = list(VOCAB["predicates"])
    bureaus = [f"{i:03d}市科学技术局" for i in range(8)]
    documents = {}
    for d in range(docs):
        year = str(2015 + d % 10)
        title = (PAYLOADS[1] + "报告") if d == docs - 1 else f"{year}年{bureaus[d % 8]}工作总结{d:02d}"
        name = f"{title} (report-{d:02d}.txt)"
        documents[name] = DocumentInfo(name=name, title=title, source=f"report-{d:02d}.txt", year=year,
                                       narrators=(bureaus[d % 8],))
    names = sorted(documents)
    entities = {}
    for i in range(n):
        type_name = "Bureau" if i < 8 else types[1 + i % (len(types) - 1)]
        label = bureaus[i] if i < 8 else f"{VOCAB['types'][type_name]['zh']}{i:05d}"
        if i == n - 1:
            label = MALICIOUS_LABEL
        iri = f"https://w3id.org/kejigraph/resource/{type_name.lower()}/{i:08x}"
        mentioned = tuple(sorted({names[(i // 120) % docs], names[rng.randrange(docs)]}))
        entities[iri] = Entity(iri=iri, type=type_name, label=label, aliases=(f"别名{i:05d}",),
                               documents=mentioned)
    iris = list(entities)
    connected = [iri for k, iri in enumerate(iris) if k < 8 or k % 6 or k == n - 1]
    found: dict = {}
    while len(found) < relations:
        a = rng.randrange(len(connected))
        if rng.random() < 0.1:
            b = rng.randrange(8)
        elif rng.random() < 0.85:
            b = (a // 100) * 100 + rng.randrange(100)
        else:
            b = rng.randrange(len(connected))
        b = min(b, len(connected) - 1)
        s, o = connected[a], connected[b]
        if s == o:
            continue
        pred = preds[(a + b) % len(preds)]
        doc = entities[s].documents[0]
        found[(s, pred, o)] = Relation(s, pred, o, ((f"句子{a}-{b}" if a % 50 else PAYLOADS[0], doc),))
    rels = sorted(found.values(), key=lambda r: (r.subject, r.predicate, r.object))
    return GraphData(entities=entities, relations=rels, documents=documents)


# --- helpers ---------------------------------------------------------------------------

def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict, str]:
    out = tmp_path_factory.mktemp("view") / "network.html"
    report = render_network(make_small_graph(), out)
    return out, report, out.read_text(encoding="utf-8")


# --- the page -----------------------------------------------------------------------------

def test_one_node_per_entity_and_edge_per_relation(small):
    _, report, html = small
    data = page_data(html)
    entity_nodes = [n for n in data["nodes"] if not n.get("group")]
    assert len(entity_nodes) == SMALL_ENTITY_COUNT == report["nodes"]
    assert len({n["iri"] for n in entity_nodes}) == SMALL_ENTITY_COUNT
    assert len(data["edges"]) == 12 == report["edges"]
    assert report["grouped"] == 0 and report["left_out"] == 0
    assert {n["type"] for n in entity_nodes} == set(VOCAB["types"])


def test_nothing_is_fetched_from_the_network(small):
    _, _, html = small
    # no element may load anything remote, nor a stylesheet import it
    assert not re.search(r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "@import" not in html
    # outside the in-lined vis library (licence comments, the SVG namespace) no URL at all
    from kg.view import _vis_assets
    js, css = _vis_assets()
    rest = html.replace(js, "").replace(css, "")
    assert not re.search(r"https?://", rest), re.findall(r"https?://\S{0,40}", rest)


def test_page_has_csp_that_only_allows_its_own_scripts(small):
    _, _, html = small
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert len(re.findall(r"'sha256-", csp)) == 2


def test_names_are_escaped_everywhere(small):
    _, _, html = small
    from kg.view import _vis_assets
    # exactly our three scripts (the vis library has a "<script>" string of its own),
    # and no payload markup anywhere in the file
    rest = html.replace(_vis_assets()[0], "")
    assert len(re.findall(r"<script\b", rest, re.I)) == 3
    assert len(re.findall(r"</script", html, re.I)) == 3
    for bad in ("<img src=x", "<svg onload", "alert(1)</script>", "<script>window"):
        assert bad not in html
    # the data still carries the names intact once parsed
    data = page_data(html)
    evil = next(n for n in data["nodes"] if n["label"] == MALICIOUS_LABEL)
    assert evil["aliases"] == sorted(PAYLOADS[1:])
    assert any(PAYLOADS[2] in h for h in evil["honours"])
    assert any(PAYLOADS[0] in f for f in evil["figures"])
    quotes = [ev["quote"] for e in data["edges"] for ev in e["evidence"]]
    assert PAYLOADS[0] in quotes
    assert "\\u003cscript\\u003e" in html


def test_title_is_escaped(tmp_path):
    out = tmp_path / "t.html"
    render_network(make_small_graph(), out, title="<b>x</b>&amp;")
    html = out.read_text(encoding="utf-8")
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;&amp;amp;" in html


def test_page_script_uses_no_markup_sinks():
    script = (Path(__import__("kg.view").view.__file__).parent / "templates" / "network.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script


def test_tooltip_data(small):
    _, _, html = small
    data = page_data(html)
    firm = next(n for n in data["nodes"] if n["label"] == "山西康宝生物制品股份有限公司")
    assert firm["honours"] == ["国家高新技术企业"]
    assert firm["aliases"] == ["康宝"]
    assert [data["documents"][d]["name"] for d in firm["docs"]] == ["运城市科学技术局先进事迹 (mini-bureau-2022.txt)"]
    bureau = next(n for n in data["nodes"] if n["type"] == "Bureau")
    assert bureau["figures"] == ["高新技术企业数量 200家 (2021)"]
    assert bureau["size"] == max(n["size"] for n in data["nodes"])
    partner = next(e for e in data["edges"] if e["predicate"] == "partnersWith" and e["from"] == bureau["id"]
                   and data["nodes"][e["to"]]["label"] == "清华大学")
    assert partner["evidence"] == [{"quote": "加强与清华大学等高校合作",
                                    "document": "运城市科学技术局先进事迹 (mini-bureau-2022.txt)"}]
    assert data["vocab"]["predicates"]["partnersWith"]["zh"] == "合作"
    assert data["layout"] == "physics"


def test_honours_and_observations_are_not_nodes(small):
    _, _, html = small
    labels = {n["label"] for n in page_data(html)["nodes"]}
    assert "国家高新技术企业" not in labels and "高新技术企业数量" not in labels


def test_vocabulary_is_complete():
    from kg.model import ENTITY_PREDICATES, ENTITY_TYPES

    assert list(VOCAB["types"]) == list(ENTITY_TYPES)
    assert set(VOCAB["predicates"]) == set(ENTITY_PREDICATES)
    pairs = {(t["shape"], t["color"]) for t in VOCAB["types"].values()}
    assert len(pairs) == len(ENTITY_TYPES)
    assert [p["zh"] for p in VOCAB["predicates"].values()] == \
        ["合作", "支持", "建立", "实施", "举办", "发布", "隶属", "位于", "研发"]


def test_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    render_network(make_small_graph(), a)
    render_network(make_small_graph(), b)
    assert a.read_bytes() == b.read_bytes()


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    out = tmp_path / "sub" / "network.html"
    render_network(make_small_graph(), out)
    assert [p.name for p in out.parent.iterdir()] == ["network.html"]
    assert out.stat().st_mode & 0o044 == 0o044   # readable by others, like any page


# --- selection ---------------------------------------------------------------------------

def test_focus_by_alias_and_depth(tmp_path):
    g = make_small_graph()
    out = tmp_path / "f.html"
    report = render_network(g, out, focus="康宝", depth=1)
    data = page_data(out.read_text(encoding="utf-8"))
    labels = {n["label"] for n in data["nodes"]}
    assert labels == {"山西康宝生物制品股份有限公司", "运城市科学技术局", "狂犬病疫苗"}
    assert report["left_out"] == SMALL_ENTITY_COUNT - 3
    assert [data["nodes"][i]["label"] for i in data["focus"]] == ["山西康宝生物制品股份有限公司"]
    assert any("邻域" in t for t in data["notices"])
    report2 = render_network(g, out, focus="康宝", depth=2)
    assert report2["nodes"] == SMALL_ENTITY_COUNT


def test_focus_unknown_name_suggests(tmp_path):
    with pytest.raises(KgError, match=r"no entity named '清华大' .*did you mean: 清华大学"):
        render_network(make_small_graph(), tmp_path / "x.html", focus="清华大")


def test_types_subset(tmp_path):
    out = tmp_path / "t.html"
    report = render_network(make_small_graph(), out, types={"Enterprise", "Bureau"})
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["type"] for n in data["nodes"]} == {"Enterprise", "Bureau"}
    assert report["nodes"] == 3 and report["left_out"] == SMALL_ENTITY_COUNT - 3


def test_parse_types():
    assert parse_types("enterprise, 创新平台") == {"Enterprise", "Platform"}
    with pytest.raises(KgError, match="unknown entity type Firm"):
        parse_types("Firm")


def test_find_entities_normalises():
    data = read_graph(make_small_graph())
    assert find_entities(data, " 清华 ") == [str(_iri("University", "清华大学"))]
    assert compact_iri(str(_iri("University", "清华大学"))).startswith("kgr:university/")


def test_over_max_nodes_groups_and_says_so(tmp_path):
    out = tmp_path / "g.html"
    report = render_network(make_synthetic_graph(200), out, max_nodes=50)
    data = page_data(out.read_text(encoding="utf-8"))
    entity_nodes = [n for n in data["nodes"] if not n.get("group")]
    groups = [n for n in data["nodes"] if n.get("group")]
    assert len(entity_nodes) == 50 == report["nodes"]
    assert report["grouped"] == 150 == sum(g["count"] for g in groups)
    assert report["group_nodes"] == len(groups) > 0
    # bureaus are kept first
    assert sum(1 for n in entity_nodes if n["type"] == "Bureau") == 2
    notice = " ".join(data["notices"])
    assert "150" in notice and "kg view --focus" in notice and "--types" in notice


# --- large graphs ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    out = tmp_path_factory.mktemp("big") / "network.html"
    report = render_network(make_synthetic_graph(2000), out)
    return out, report


def test_two_thousand_nodes_are_laid_out_before_writing(big):
    out, report = big
    data = page_data(out.read_text(encoding="utf-8"))
    assert report["nodes"] == 2000 and report["grouped"] == 0
    assert data["layout"] == "fixed"
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 2000


# --- the command --------------------------------------------------------------------------

def test_cli_view_writes_default_page(tmp_path, capsys):
    make_small_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    assert main(["view", "-i", str(tmp_path), "--focus", "市科技局", "--depth", "1"]) == 0
    assert (tmp_path / "view.html").is_file()
    assert "entities" in capsys.readouterr().err


def test_cli_view_missing_graph(tmp_path, capsys):
    assert main(["view", "-i", str(tmp_path / "nope")]) == 2
    assert "run `kg build` first" in capsys.readouterr().err


def test_cli_view_unknown_focus(tmp_path, capsys):
    make_small_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    assert main(["view", "-i", str(tmp_path), "--focus", "不存在的机构"]) == 2
    assert "no entity named" in capsys.readouterr().err


def test_cli_view_help_has_example(capsys):
    with pytest.raises(SystemExit):
        main(["view", "--help"])
    assert "kg view --focus" in capsys.readouterr().out


def test_cli_view_open_uses_webbrowser(tmp_path, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url))
    make_small_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    assert main(["view", "-i", str(tmp_path), "-o", str(tmp_path / "p.html"), "--open"]) == 0
    assert opened == [(tmp_path / "p.html").resolve().as_uri()]


# --- the build's page and `kg view`'s page of the same graph --------------------------------

TRICKY_REPORT = (
    "运城市科学技术局先进事迹\n"
    f"运城市科学技术局支持{MALICIOUS_LABEL}开展研发，与清华大学签订合作协议。\n"
    "全市高新技术企业累计达到200家，全市高新技术企业新增200家。\n"
    "全市高新技术企业达到200家。\n"
)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("corpus", ["sample", "tricky"])
def test_the_build_draws_the_page_kg_view_draws_from_its_graph(tmp_path, corpus, jobs):
    """A build draws its view from the resolved graph (kg.view.graph_data), `kg view` from
    graph.ttl (read_graph): the two routes give the same data and the same page, in one
    process or with the view drawn by a forked child."""
    from kg.build import build
    from kg.view import load_graph

    inputs = []
    if corpus == "tricky":
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "tricky.txt").write_text(TRICKY_REPORT, encoding="utf-8")
        inputs = [tmp_path / "in"]
    out = tmp_path / "out"
    build(inputs, out, jobs=jobs, quiet=True)
    graph = load_graph(out / "graph.ttl")
    data = read_graph(graph)
    assert data.entities and data.relations
    again = tmp_path / "view.html"
    render_network(graph, again)
    assert again.read_bytes() == (out / "network.html").read_bytes()


def test_graph_data_of_the_model_is_what_read_graph_reads_back():
    from kg.build import extract_document
    from kg.model import Document
    from kg.resolve import resolve
    from kg.serialise import statements, to_turtle
    from kg.view import graph_data

    text = TRICKY_REPORT
    doc = Document(doc_id="tricky", source="tricky.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    model = resolve([extract_document(doc)])
    rdf = Graph().parse(data=to_turtle(statements(model)).decode("utf-8"), format="turtle")
    from_model, from_rdf = graph_data(model), read_graph(rdf)
    assert from_model == from_rdf
    assert any(e.figures for e in from_model.entities.values())
    assert any(r.evidence for r in from_model.relations)


def test_graph_data_reads_a_figure_read_twice_as_rdf_does():
    """Two figures with the same key are one observation node in RDF, whose qualifier is the
    first one given; the model route folds them the same way."""
    from kg.model import DocumentMeta, Entity, Evidence, Graph as Model, Observation
    from kg.serialise import statements, to_turtle
    from kg.view import graph_data

    ev = Evidence("d", "全市高新技术企业达到200家，累计达到200家", 0, 20)
    bureau = Entity(key="bureau/1", name="运城市科学技术局", type="Bureau", documents={"d"})
    figure = dict(subject=bureau.name, indicator="高新技术企业", value=200.0, unit="家", evidence=ev, year=2021)
    model = Model(entities={bureau.key: bureau}, relations=[],
                  observations=[(bureau.key, Observation(**figure)),
                                (bureau.key, Observation(**figure, qualifier="累计"))],
                  documents=[DocumentMeta("d", "d.txt", "0" * 64, "text/plain", "报告", "2021", 20)])
    rdf = Graph().parse(data=to_turtle(statements(model)).decode("utf-8"), format="turtle")
    assert graph_data(model) == read_graph(rdf)
    assert graph_data(model).entities[str(KGR[bureau.key])].figures == ("高新技术企业 累计 200家 (2021)",)


def make_much_read_graph() -> Graph:
    """One relation read from two sentences, each in four reports: eight passages."""
    m = GraphMaker()
    bureau = m.entity("Bureau", "运城市科学技术局")
    uni = m.entity("University", "清华大学")
    for n in range(4):
        doc = m.document(f"report-{n}", f"报告{n}")
        for sentence in ("加强与清华大学等高校合作", "与清华大学签订合作协议"):
            m.relate(bureau, "partnersWith", uni, sentence, doc)
    return m.g


def test_an_edge_quotes_different_sentences_first_and_counts_the_rest(tmp_path):
    """The page carries a few passages per edge, not every report's copy of the sentence."""
    from kg.view import EVIDENCE_SHOWN, build_page_data, select

    data = read_graph(make_much_read_graph())
    page = build_page_data(data, select(data, focus=None, depth=1, types=None, max_nodes=100), title="t")
    (edge,) = page["edges"]
    assert edge["evidenceTotal"] == 8
    assert len(edge["evidence"]) == EVIDENCE_SHOWN < 8
    assert {e["quote"] for e in edge["evidence"][:2]} == {"加强与清华大学等高校合作", "与清华大学签订合作协议"}


# --- a corpus page ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus") / "network.html"
    report = render_network(make_corpus_data(900, 1800, docs=12), out)
    return out, report, page_data(out.read_text(encoding="utf-8"))


def test_a_large_page_starts_on_its_connected_core(corpus):
    _, report, data = corpus
    isolated = [n for n in data["nodes"] if n.get("isolated")]
    assert report["isolated"] == len(isolated) > 0 and report["isolated_hidden"]
    assert data["initial"]["hideIsolated"] is True
    linked = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert {n["id"] for n in isolated} == {n["id"] for n in data["nodes"]} - linked
    # the isolated are laid out in rows below the core, not in a ring around it
    core_bottom = max(n["y"] for n in data["nodes"] if not n.get("isolated"))
    assert min(n["y"] for n in isolated) > core_bottom


def test_small_pages_show_their_isolated_and_the_option_overrides(tmp_path):
    out = tmp_path / "p.html"
    m = GraphMaker()
    m.entity("Bureau", "运城市科学技术局")
    m.entity("University", "清华大学")
    assert render_network(m.g, out)["isolated_hidden"] is False
    assert page_data(out.read_text(encoding="utf-8"))["initial"]["hideIsolated"] is False
    assert render_network(m.g, out, hide_isolated=True)["isolated_hidden"] is True


def test_communities_are_listed_largest_first_with_their_best_connected_member(corpus):
    _, report, data = corpus
    comms = data["communities"]
    assert report["communities"] == len(comms) > 3
    assert [c["size"] for c in comms] == sorted((c["size"] for c in comms), reverse=True)
    members: dict = {}
    for n in data["nodes"]:
        if "community" in n:
            members.setdefault(n["community"], []).append(n)
    for c in comms:
        assert len(members[c["id"]]) == c["size"]
        top = max(n["degree"] for n in members[c["id"]])
        assert c["label"] in {n["label"] for n in members[c["id"]] if n["degree"] == top}
    # most relations fall inside a community: the generator's clusters were found
    inside = sum(1 for e in data["edges"] if data["nodes"][e["from"]].get("community") == data["nodes"][e["to"]].get("community"))
    assert inside > 0.6 * len(data["edges"])
    assert sum(1 for n in data["nodes"] if n.get("hub")) == 30


def test_documents_carry_title_year_and_narrators(corpus):
    _, _, data = corpus
    docs = data["documents"]
    assert len(docs) == 12
    assert [d["year"] for d in docs] == sorted(d["year"] for d in docs)
    assert all(d["narrators"] and d["source"].endswith(".txt") for d in docs)
    assert all(0 <= d < len(docs) for n in data["nodes"] for d in n["docs"])
    assert all(set(e["docs"]) <= set(range(len(docs))) and e["docs"] for e in data["edges"])


PAGE_BYTES_SCRIPT = """
import hashlib, sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_view import make_corpus_data
from kg.view import render_network
out = Path({out!r})
render_network(make_corpus_data(700, 1400, docs=8), out)
print(hashlib.sha256(out.read_bytes()).hexdigest())
"""


def test_communities_and_layout_are_the_same_in_every_process(tmp_path):
    """Louvain is seeded and runs on integer nodes: another hash seed gives the same bytes."""
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "2"):
        script = PAGE_BYTES_SCRIPT.format(tests=str(Path(__file__).parent), out=str(tmp_path / f"{seed}.html"))
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_document_option_keeps_one_reports_entities(tmp_path):
    from kg.view import find_documents

    data = make_corpus_data(300, 500, docs=6)
    doc = sorted(data.documents)[2]
    stem = data.documents[doc].source.rsplit(".", 1)[0]
    assert find_documents(data, stem) == [doc]
    assert find_documents(data, data.documents[doc].title) == [doc]
    out = tmp_path / "d.html"
    report = render_network(data, out, documents=[stem])
    page = page_data(out.read_text(encoding="utf-8"))
    want = {e.label for e in data.entities.values() if doc in e.documents}
    assert {n["label"] for n in page["nodes"]} == want
    assert report["left_out"] == len(data.entities) - len(want)
    with pytest.raises(KgError, match="no document matches"):
        render_network(data, out, documents=["没有这份报告"])


def test_cli_view_document_and_hide_isolated(tmp_path, capsys):
    make_small_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    out = tmp_path / "v.html"
    assert main(["view", "-i", str(tmp_path), "-o", str(out), "--document", "mini-bureau-2022",
                 "--hide-isolated"]) == 0
    page = page_data(out.read_text(encoding="utf-8"))
    assert len(page["nodes"]) == SMALL_ENTITY_COUNT - 1 and MALICIOUS_LABEL not in {n["label"] for n in page["nodes"]}
    assert page["summary"]["isolated"] == 0 and page["initial"]["hideIsolated"] is False   # nothing to hide
    assert main(["view", "-i", str(tmp_path), "-o", str(out), "--document", "evil"]) == 0
    page = page_data(out.read_text(encoding="utf-8"))
    assert [n["label"] for n in page["nodes"]] == [MALICIOUS_LABEL]
    assert page["summary"]["isolated"] == 1
    assert main(["view", "-i", str(tmp_path), "-o", str(out), "--document", "evil", "--hide-isolated"]) == 0
    assert page_data(out.read_text(encoding="utf-8"))["initial"]["hideIsolated"] is True
    assert "without relations hidden at first" in capsys.readouterr().err
    assert main(["view", "-i", str(tmp_path), "--document", "nowhere"]) == 2
    assert "no document matches" in capsys.readouterr().err


def test_read_graph_and_graph_data_agree_on_documents():
    from kg.build import extract_document
    from kg.model import Document
    from kg.resolve import resolve
    from kg.serialise import statements, to_turtle
    from kg.view import graph_data

    text = TRICKY_REPORT
    doc = Document(doc_id="tricky", source="tricky.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    model = resolve([extract_document(doc)])
    rdf = Graph().parse(data=to_turtle(statements(model)).decode("utf-8"), format="turtle")
    docs = read_graph(rdf).documents
    assert docs == graph_data(model).documents
    (info,) = docs.values()
    assert info.source == "tricky.txt" and "运城市科学技术局" in info.narrators
