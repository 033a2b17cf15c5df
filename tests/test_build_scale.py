"""The scale features of `kg build` work: parallel extraction, the cache, Dask.

Functional checks only, nothing is timed (bench/run.py measures speed). The
corpus is four documents from bench/make_corpus.py: the bundled sample with its
figures varied, so every document differs from the others.
"""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

import kg.build
from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
N_DOCS = 4


def _load_make_corpus():
    spec = importlib.util.spec_from_file_location("kg_bench_make_corpus", ROOT / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _load_make_corpus()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    paths = make_corpus.make_corpus(N_DOCS, folder)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == N_DOCS, "the generated documents must all differ"
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> bytes:
    """graph.ttl of the plain build: one process, no cache."""
    out = tmp_path_factory.mktemp("out-jobs1")
    report = build([corpus], out, jobs=1, cache_dir=None, quiet=True)
    assert report.documents == N_DOCS
    assert report.cache_hits == 0
    ttl = (out / "graph.ttl").read_bytes()
    assert ttl.strip()
    return ttl


def test_generated_corpus_is_deterministic(tmp_path):
    a = make_corpus.make_corpus(3, tmp_path / "a")
    b = make_corpus.make_corpus(3, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    sample = make_corpus.sample_text()
    assert all(p.read_text(encoding="utf-8") != sample for p in a)


def test_jobs_2_gives_the_same_bytes_as_jobs_1(corpus, reference, tmp_path):
    report = build([corpus], tmp_path, jobs=2, cache_dir=None, quiet=True)
    assert report.documents == N_DOCS
    assert (tmp_path / "graph.ttl").read_bytes() == reference


def test_jobs_2_trig_matches_jobs_1(corpus, tmp_path):
    build([corpus], tmp_path / "one", jobs=1, cache_dir=None, quiet=True, with_view=False)
    build([corpus], tmp_path / "two", jobs=2, cache_dir=None, quiet=True, with_view=False)
    assert (tmp_path / "one" / "graph.trig").read_bytes() == (tmp_path / "two" / "graph.trig").read_bytes()


def test_second_build_comes_from_the_cache(corpus, reference, tmp_path):
    cache = tmp_path / "cache"
    cold = build([corpus], tmp_path / "cold", cache_dir=cache, quiet=True)
    assert cold.cache_hits == 0
    assert len([p for p in cache.glob("*.json") if p.name != "manifest.json"]) == N_DOCS
    assert (tmp_path / "cold" / "graph.ttl").read_bytes() == reference

    warm = build([corpus], tmp_path / "warm", cache_dir=cache, quiet=True)
    assert warm.documents == N_DOCS
    assert warm.cache_hits == N_DOCS
    assert (tmp_path / "warm" / "graph.ttl").read_bytes() == reference
    assert (tmp_path / "warm" / "graph.trig").read_bytes() == (tmp_path / "cold" / "graph.trig").read_bytes()


def test_cli_warm_build_with_jobs_2_uses_the_cache(corpus, reference, tmp_path, capsys):
    from kg.cli import main

    args = ["build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"), "--jobs", "2"]
    assert main(args) == 0
    assert main(args) == 0
    assert f"({N_DOCS} from cache)" in capsys.readouterr().err
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == reference


def test_changing_one_document_re_extracts_only_that_one(corpus, reference, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    shutil.copytree(corpus, docs)
    cache = tmp_path / "cache"
    build([docs], tmp_path / "before", cache_dir=cache, quiet=True)
    assert (tmp_path / "before" / "graph.ttl").read_bytes() == reference

    victim = sorted(docs.glob("*.txt"))[1]
    make_corpus.change_one(victim)
    extracted: list[str] = []
    original = kg.build.extract_document

    def spy(doc, *rest):
        extracted.append(doc.doc_id)
        return original(doc, *rest)

    monkeypatch.setattr(kg.build, "extract_document", spy)
    report = build([docs], tmp_path / "after", cache_dir=cache, quiet=True)
    assert report.documents == N_DOCS
    assert report.cache_hits == N_DOCS - 1
    assert extracted == [victim.stem]

    after = (tmp_path / "after" / "graph.ttl").read_bytes()
    assert after != reference, "the changed figures must reach the graph"
    monkeypatch.setattr(kg.build, "extract_document", original)
    build([docs], tmp_path / "fresh", cache_dir=None, quiet=True)
    assert after == (tmp_path / "fresh" / "graph.ttl").read_bytes(), "cached + fresh must equal a clean build"


@pytest.mark.slow
def test_local_dask_scheduler_gives_the_same_bytes(corpus, reference, tmp_path):
    pytest.importorskip("dask.distributed")
    report = build([corpus], tmp_path, scheduler="local", cache_dir=None, quiet=True)
    assert report.documents == N_DOCS
    assert (tmp_path / "graph.ttl").read_bytes() == reference
