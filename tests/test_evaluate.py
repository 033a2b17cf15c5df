"""`kg evaluate` over one and several gold files.

The graph scored is tests/fixtures/eval/build/, made once by `kg build` from the
two reports in tests/fixtures/eval/corpus/ and kept, so the figures below do
not move when the extractor does; the gold in tests/fixtures/eval/gold/ is a
hand annotation of the two reports by the extraction guide.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.evaluate import FIGURES, Score, micro

FIX = Path(__file__).parent / "fixtures" / "eval"
BUILD, GOLD, CORPUS = FIX / "build", FIX / "gold", FIX / "corpus"
XUCHANG, ZHOUKOU = GOLD / "xuchang.json", GOLD / "zhoukou.json"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["evaluate", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv) -> dict:
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def counts(fig: dict) -> tuple[int, int, int]:
    return fig["tp"], fig["system"], fig["gold"]


def test_micro_average_is_the_sum_of_the_documents(capsys):
    report = run_json(capsys, XUCHANG, ZHOUKOU, "-i", BUILD)
    docs, total = report["documents"], report["micro"]
    for fig in FIGURES:
        assert counts(total[fig]) == tuple(sum(c) for c in zip(*(counts(d[fig]) for d in docs)))
    for part in ("by_type", "by_predicate"):
        for key, fig in total[part].items():
            assert counts(fig) == tuple(sum(c) for c in zip(*(counts(d[part][key]) for d in docs))), key
    # counted by hand from the fixture graph and gold
    assert counts(total["entities"]) == (13, 17, 14)
    assert counts(total["relations"]) == (14, 18, 14)
    assert counts(total["bureau_links"]) == (10, 10, 10)
    assert counts(total["observations"]) == (4, 4, 4)
    assert total["entities"]["precision"] == round(13 / 17, 4)
    assert counts(total["by_type"]["Place"]) == (2, 5, 2)
    assert counts(total["by_type"]["ResearchInstitute"]) == (0, 0, 1)
    assert counts(total["by_predicate"]["locatedIn"]) == (2, 5, 2)


def test_each_document_is_scored_on_its_own_named_graph(capsys):
    report = run_json(capsys, XUCHANG, ZHOUKOU, "-i", BUILD)
    by_doc = {d["document"]: d for d in report["documents"]}
    assert list(by_doc) == ["xuchang-2023", "zhoukou-2023"]
    zhoukou = by_doc["zhoukou-2023"]
    assert counts(zhoukou["entities"]) == (6, 7, 6)
    # 郑州大学 is only in the other report: not a false positive of this one
    assert zhoukou["entities"]["false_positives"] == ["河南省 (Place)"]
    assert by_doc["xuchang-2023"]["entities"]["false_negatives"] == ["许昌智能电力装备研究院 (ResearchInstitute)"]
    assert report["skipped"] == []


def test_one_gold_file_is_scored_against_the_whole_graph_as_before(capsys):
    report = run_json(capsys, ZHOUKOU, "-i", BUILD)
    assert list(report) == [*FIGURES, "by_type", "by_predicate"]
    assert set(report["entities"]) == {"precision", "recall", "f1", "tp", "system", "gold",
                                       "false_positives", "false_negatives"}
    assert "郑州大学 (University)" in report["entities"]["false_positives"]
    assert counts(report["by_type"]["University"]) == (2, 3, 2)   # 河南大学 is one entity of both reports


def test_text_has_a_row_per_document_a_micro_row_and_the_errors(capsys):
    code, out, _ = run(capsys, GOLD, "-i", BUILD)
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert rows["xuchang-2023"][:3] == ["0.700", "0.875", "0.778"]
    assert rows["micro-average"][2:5] == ["0.765", "0.929", "0.839"]
    assert "entities      P=0.765 R=0.929 F1=0.839 (tp=13 system=17 gold=14)" in out
    assert "entities by type:" in out and "relations by predicate:" in out
    assert "== zhoukou-2023 (zhoukou.json) ==" in out
    assert "  + 郑州大学 locatedIn 郑州市" in out
    code, summary, _ = run(capsys, GOLD, "-i", BUILD, "--summary")
    assert "false positives" not in summary and "micro-average" in summary


def test_single_file_text_gives_the_breakdown_after_the_summary_lines(capsys):
    code, out, _ = run(capsys, XUCHANG, "-i", BUILD, "--summary")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[:4]] == list(FIGURES)
    assert lines[5] == "entities by type:"
    assert "  Platform           P=0.000 R=0.000 F1=0.000 (tp=0 system=1 gold=0)" in lines


def test_a_folder_is_its_gold_files(capsys):
    assert run_json(capsys, GOLD, "-i", BUILD) == run_json(capsys, XUCHANG, ZHOUKOU, "-i", BUILD)


def test_a_missing_gold_file_is_a_one_line_error(capsys, tmp_path):
    for argv in ([tmp_path / "nope.json"], [XUCHANG, tmp_path / "nope.json"], [tmp_path]):
        code, out, err = run(capsys, *argv, "-i", BUILD)
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("kg: error: "), err


def test_a_document_the_build_lacks_is_skipped_with_a_warning(capsys, tmp_path):
    other = json.loads(XUCHANG.read_text(encoding="utf-8")) | {"document": "elsewhere.txt"}
    (tmp_path / "elsewhere.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    report = run_json(capsys, ZHOUKOU, tmp_path / "elsewhere.json", "-i", BUILD)
    assert [d["document"] for d in report["documents"]] == ["zhoukou-2023"]
    assert report["skipped"] == [{"document": "elsewhere", "gold": str(tmp_path / "elsewhere.json")}]
    code, _, err = run(capsys, tmp_path / "elsewhere.json", XUCHANG, "-i", tmp_path)
    assert code == 2 and "no graph at" in err


def test_a_merged_gold_file_is_not_split_into_documents(capsys, tmp_path):
    merged = json.loads(XUCHANG.read_text(encoding="utf-8")) | {"document": "xuchang-2023.txt+zhoukou-2023.txt"}
    (tmp_path / "merged.json").write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, tmp_path / "merged.json", ZHOUKOU, "-i", BUILD)
    assert code == 2 and "names no single" in err
    code, _, _ = run(capsys, tmp_path / "merged.json", "-i", BUILD, "--summary")
    assert code == 0


def test_micro_sums_counts():
    total = micro([Score(1, 2, 3), Score(4, 5, 6), Score(0, 0, 0)])
    assert (total.tp, total.system, total.gold) == (5, 7, 9)
    assert total.precision == 5 / 7 and total.recall == 5 / 9


def test_build_first_finds_the_texts_beside_the_gold(capsys, tmp_path):
    shutil.copytree(GOLD, tmp_path / "gold")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    report = run_json(capsys, tmp_path / "gold", "--build", "-i", tmp_path / "out")
    assert [d["document"] for d in report["documents"]] == ["xuchang-2023", "zhoukou-2023"]
    assert (tmp_path / "out" / "graph.trig").exists()
    for fig in FIGURES:
        assert counts(report["micro"][fig]) == tuple(
            sum(c) for c in zip(*(counts(d[fig]) for d in report["documents"])))
    code, _, err = run(capsys, tmp_path / "gold", "--build", "--corpus", tmp_path / "empty")
    assert code == 2 and "no text for" in err
