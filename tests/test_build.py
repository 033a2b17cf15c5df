"""`kg build` end to end: outputs, determinism, errors, warnings, atomicity, help."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.serialise
import kg.view
from kg.build import OUTPUT_FILES
from kg.cli import main

REPORT = (
    "周口市科学技术局先进事迹\n"
    "2023年，周口市科学技术局深入实施创新驱动发展战略，积极与河南大学、黄淮学院等高校开展产学研合作。\n"
    "全年新增科技型中小企业56家，累计培育高新技术企业120家。\n"
    "出台《周口市科技创新券管理办法》，引导企业加大研发投入。\n"
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_report(folder: Path, name: str = "zhoukou.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(REPORT, encoding="utf-8")
    return path


def write_binary(folder: Path, name: str = "scan.txt") -> Path:
    path = folder / name
    path.write_bytes(bytes(range(256)) * 8)
    return path


def assert_one_line_error(err: str):
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kg: error:")
    assert "Traceback" not in err


def test_sample_build_writes_outputs_and_is_reproducible(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), "--quiet"]) == 0
    for name in ("graph.ttl", "graph.trig", "network.html"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0
    assert set(OUTPUT_FILES) == {"graph.ttl", "graph.trig", "network.html"}
    first = (out / "graph.ttl").read_bytes()
    assert main(["build", "-o", str(out), "--quiet"]) == 0          # from the cache
    assert (out / "graph.ttl").read_bytes() == first
    other = tmp_path / "other"
    assert main(["build", "-o", str(other), "--quiet", "--no-cache"]) == 0
    assert (other / "graph.ttl").read_bytes() == first
    assert not list(out.glob(".*.staged"))
    assert capsys.readouterr().err == ""


def test_own_report_builds_and_the_graph_holds_its_names(tmp_path, capsys):
    src = write_report(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out), "--quiet"]) == 0
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    for name in ("周口市科学技术局", "河南大学", "黄淮学院", "周口市科技创新券管理办法"):
        assert name in ttl
    assert "partnersWith" in ttl


def test_missing_path_exits_2_with_one_line_error(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "no-such-folder"), "-o", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert_one_line_error(err)
    assert "no-such-folder" in err
    assert not (out / "graph.ttl").exists()


def test_bad_file_beside_good_one_warns_and_strict_exits_1(tmp_path, capsys):
    folder = tmp_path / "in"
    write_report(folder)
    bad = write_binary(folder)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "kg: warning:" in err and bad.name in err
    assert "Traceback" not in err
    assert (out / "graph.ttl").is_file()
    assert "周口市科学技术局" in (out / "graph.ttl").read_text(encoding="utf-8")

    assert main(["build", str(folder), "-o", str(tmp_path / "strict"), "--quiet", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "kg: warning:" in err and bad.name in err


def test_folder_of_only_bad_files_exits_2(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    write_binary(folder, "a.txt")
    (folder / "b.pdf").write_bytes(b"\x00\x01not a pdf at all\xff" * 50)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "kg: error:" in err and "Traceback" not in err
    assert not (out / "graph.ttl").exists()


def _build_then_fail(tmp_path, capsys, monkeypatch, target, jobs=1):
    folder = tmp_path / "in"
    write_report(folder)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--quiet"]) == 0
    before = snapshot(out)
    assert {"graph.ttl", "graph.trig", "network.html"} <= set(before)

    # a second report so the new graph would differ from the old one
    (folder / "second.txt").write_text(
        "漯河市科学技术局先进事迹\n漯河市科学技术局依托漯河食品职业学院建设中试基地。\n", encoding="utf-8")
    if target == "serialise":
        def boom(*a, **k):
            raise RuntimeError("disk full while serialising")
        monkeypatch.setattr(kg.serialise, "statements", boom)
    elif target == "render":
        def boom(union, path, *a, **k):
            raise RuntimeError("renderer crashed")
        monkeypatch.setattr(kg.view, "render_network", boom)
    else:  # the renderer writes part of its file, then fails
        def boom(union, path, *a, **k):
            Path(path).write_text("half a page", encoding="utf-8")
            raise RuntimeError("renderer crashed")
        monkeypatch.setattr(kg.view, "render_network", boom)
    code = main(["build", str(folder), "-o", str(out), "--quiet", "--no-cache", "--jobs", str(jobs)])
    assert code != 0
    err = capsys.readouterr().err
    assert_one_line_error(err)
    assert snapshot(out) == before


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("target", ["serialise", "render"])
def test_failed_build_leaves_previous_output_unchanged(tmp_path, capsys, monkeypatch, target, jobs):
    """With --jobs 2 the view is drawn by a forked child: its failure fails the build too."""
    _build_then_fail(tmp_path, capsys, monkeypatch, target, jobs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_failed_render_leaves_no_staged_file(tmp_path, capsys, monkeypatch, jobs):
    _build_then_fail(tmp_path, capsys, monkeypatch, "partial-render", jobs)


def test_help_mentions_examples_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    top = capsys.readouterr().out
    assert "kg build" in top
    assert "exit codes" in top
    for code in ("0", "1", "2", "3"):
        assert f"  {code}  " in top

    with pytest.raises(SystemExit) as info:
        main(["build", "--help"])
    assert info.value.code == 0
    sub = capsys.readouterr().out
    assert "examples:" in sub and "kg build reports/ -o out/" in sub
    assert "--strict" in sub and "exit 1" in sub


def test_build_help_lists_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    sub = capsys.readouterr().out
    assert "exit codes" in sub and "2" in sub.split("exit codes", 1)[1]


def test_a_rebuild_of_unchanged_input_rewrites_nothing_but_a_touched_output_is_rebuilt(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "-o", str(out)]) == 0
    first = (out / "graph.ttl").stat().st_mtime_ns
    capsys.readouterr()
    assert main(["build", "-o", str(out)]) == 0
    assert "is up to date" in capsys.readouterr().err
    assert (out / "graph.ttl").stat().st_mtime_ns == first
    (out / "graph.ttl").write_text("damaged", encoding="utf-8")
    assert main(["build", "-o", str(out)]) == 0
    assert "built" in capsys.readouterr().err
    assert (out / "graph.ttl").read_text(encoding="utf-8").startswith("@prefix")


def test_a_build_does_not_import_rdflib(tmp_path):
    """Writing RDF is pyoxigraph's job; rdflib (a second of imports on a cold disk) stays out."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from kg.build import build; "
            f"build([], Path({str(tmp_path)!r}), quiet=True); print('rdflib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert (tmp_path / "graph.ttl").stat().st_size > 0


@pytest.mark.parametrize("enabled", [True, False])
def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path, enabled):
    import gc

    from kg.build import build

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        build([], tmp_path, quiet=True, with_view=False)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
