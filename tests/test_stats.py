"""`kg stats`: counts, central entities and communities, the same on every run."""
from __future__ import annotations

import json

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

from kg.cli import main
from kg.stats import compute_stats, format_table
from test_view import MALICIOUS_LABEL, GraphMaker, make_small_graph, make_synthetic_graph


@pytest.fixture(scope="module")
def small_stats():
    return compute_stats(make_small_graph())


def test_counts(small_stats):
    s = small_stats
    assert s["entities"] == 11 and s["relations"] == 12
    assert s["by_type"]["Enterprise"] == 2 and sum(s["by_type"].values()) == 11
    assert s["by_predicate"]["partnersWith"] == 3 and sum(s["by_predicate"].values()) == 12
    assert s["honours"] == 2 and s["observations"] == 2 and s["documents"] == 2
    assert s["components"] == 1 and s["isolated"] == 0


def test_most_connected(small_stats):
    top = small_stats["top_degree"]
    assert len(top) == 10
    assert top[0] == {"label": "运城市科学技术局", "type": "Bureau", "score": 10.0}
    assert small_stats["top_betweenness"][0]["label"] == "运城市科学技术局"
    assert small_stats["betweenness_sample"] is None
    # ties are broken by label, so the order never depends on hashing
    twos = [r["label"] for r in top if r["score"] == 2.0]
    assert twos == sorted(twos)


def test_communities_cover_linked_entities(small_stats):
    members = [m for c in small_stats["communities"] for m in c["members"]]
    assert len(members) == len(set(members)) == 11
    sizes = [c["size"] for c in small_stats["communities"]]
    assert sizes == sorted(sizes, reverse=True)


def test_deterministic_on_a_large_graph():
    g = make_synthetic_graph(1500, seed=3)
    a, b = compute_stats(g), compute_stats(g)
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)
    assert a["betweenness_sample"] == 300
    assert a["top_degree"][0]["type"] == "Bureau"
    assert len(a["communities"]) > 1 and a["modularity"] > 0.3


def test_table_is_aligned_and_shows_names_as_text(small_stats):
    table = format_table(small_stats)
    assert "11 entities, 12 relations" in table
    assert "运城市科学技术局" in table and MALICIOUS_LABEL in table
    assert "communities (Louvain, seed 42" in table


def test_table_escapes_control_characters():
    m = GraphMaker()
    a = m.entity("Bureau", "甲局")
    b = m.entity("Enterprise", "乙公司")
    m.g.set((b, RDFS.label, Literal("乙\x1b[31m公司", lang="zh")))
    m.relate(a, "supports", b)
    table = format_table(compute_stats(m.g))
    assert "\x1b" not in table and "乙\\u001b[31m公司" in table


def test_empty_graph():
    s = compute_stats(GraphMaker().g)
    assert s["entities"] == 0 and s["communities"] == [] and s["top_degree"] == []
    assert "0 entities" in format_table(s)


def test_cli_json_and_table(tmp_path, capsys):
    make_small_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    assert main(["stats", "-i", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entities"] == 11
    assert main(["stats", "-i", str(tmp_path)]) == 0
    assert "most connected (degree)" in capsys.readouterr().out


def test_cli_missing_graph(tmp_path, capsys):
    assert main(["stats", "-i", str(tmp_path)]) == 2
    assert "run `kg build` first" in capsys.readouterr().err
