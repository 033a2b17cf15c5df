"""`kg build` under stress, as a user and an attacker would try it: real `kg` processes
racing for one folder, SIGTERM in the middle of a build, a planted cache file, a folder
that cannot be written, and inputs made to confuse the terminal or the Turtle reader."""
from __future__ import annotations

import os
import pickle
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "kg" / "data" / "shanxi-st-bureaus-2022.txt"
TEMP_NAMES = ("*.staged", "*.tmp")


def kg_process(*argv: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def run_kg(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *argv], capture_output=True, text=True,
                          timeout=300, **kwargs)


def leftovers(*folders: Path) -> list[Path]:
    """Temporary files a build left behind (hidden ones included)."""
    return [p for folder in folders if folder.exists() for pattern in TEMP_NAMES
            for p in folder.rglob(pattern)]


def make_corpus(folder: Path, n: int) -> Path:
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(n), str(folder)],
                   check=True, capture_output=True)
    return folder


def one_line_error(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.startswith("kg: error:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "Error:" not in lines[0].split("kg: error:", 1)[1], stderr
    return lines[0]


# --- two builds into one folder --------------------------------------------------------

def test_two_builds_into_one_folder_leave_the_outputs_of_one(tmp_path):
    """Two real `kg build --jobs 2` racing for one folder, three times: both succeed, and
    graph.ttl, graph.trig and network.html always come from the same corpus."""
    a = make_corpus(tmp_path / "a", 6)
    b = tmp_path / "b"
    b.mkdir()
    for path in a.iterdir():  # the same reports about another city: same size, other names
        (b / path.name).write_text(path.read_text(encoding="utf-8").replace("运城", "周口"), encoding="utf-8")
    out = tmp_path / "out"
    for trial in range(3):
        procs = [kg_process("build", str(corpus), "-o", str(out), "--jobs", "2", "--no-cache", "-q")
                 for corpus in (a, b)]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert [code for code, _ in results] == [0, 0], results
        cities = {name: {city for city in ("运城", "周口") if city in (out / name).read_text(encoding="utf-8")}
                  for name in ("graph.ttl", "graph.trig", "network.html")}
        assert cities["graph.ttl"] in ({"运城"}, {"周口"}), cities
        assert cities["graph.trig"] == cities["graph.ttl"] == cities["network.html"], (trial, cities)
        assert leftovers(out) == []


# --- SIGTERM ----------------------------------------------------------------------------

def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(process) -> bool:
    import psutil

    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.parametrize("when", ["extracting", "writing"])
def test_sigterm_removes_temporary_files_and_stops_every_child(tmp_path, when):
    """A real SIGTERM to a real `kg build --jobs 2`: while the workers extract, or once the
    staged outputs are being written. The build exits 143, leaves no temporary file in
    the output or the cache, and no worker or writer process outlives it."""
    import psutil

    corpus = make_corpus(tmp_path / "corpus", 60)
    out = tmp_path / "out"
    log = tmp_path / "stderr.txt"
    with log.open("w") as err_file:  # a file, not a pipe: a surviving child cannot hold it open
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=err_file)
    seen: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        for child in _descendants(proc.pid):
            seen.setdefault(child.pid, child)
        if when == "extracting" and len(seen) >= 2 and (out / ".cache").exists() and any((out / ".cache").iterdir()):
            break
        if when == "writing" and list(out.glob(".*.staged")) and seen:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before it could be stopped"
    for child in _descendants(proc.pid):
        seen.setdefault(child.pid, child)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    err = log.read_text(encoding="utf-8", errors="replace")
    assert code == 143, err
    assert "Traceback" not in err
    time.sleep(0.5)
    alive = [p for p in seen.values() if _alive(p)]
    for survivor in alive:  # the test's own processes: not left running whatever the outcome
        survivor.kill()
    assert alive == [], f"children outlived the build: {alive}"
    assert leftovers(out) == []
    assert not (out / "graph.ttl").exists()


# --- the cache --------------------------------------------------------------------------

class _Planted:
    """A pickle that, when loaded, creates a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _cache_files(cache: Path) -> list[Path]:
    """Where `kg build` of the sample looks for its cached extraction, asked of `kg` in
    a process of its own (the file name hangs on the code of the installed version)."""
    code = ("import sys; from pathlib import Path; from kg.build import Cache; from kg.read import read_file, "
            "sample_path, doc_id_for; p = sample_path(); "
            "print(Cache(Path(sys.argv[1]))._path(read_file(p, doc_id_for(p))))")
    found = subprocess.run([sys.executable, "-c", code, str(cache)], capture_output=True, text=True, check=True)
    path = Path(found.stdout.strip())
    return [path.with_suffix(suffix) for suffix in (".pickle", ".json", ".pkl")]


@pytest.mark.parametrize("where", ["default", "--cache"])
def test_a_planted_pickle_in_the_cache_runs_no_code(tmp_path, where):
    out = tmp_path / "out"
    cache = out / ".cache" if where == "default" else tmp_path / "cache"
    marker = tmp_path / "pwned"
    cache.mkdir(parents=True)
    for path in _cache_files(cache):
        path.write_bytes(pickle.dumps(_Planted(marker)))
    extra = ["--cache", str(cache)] if where == "--cache" else []
    done = run_kg("build", "-o", str(out), "-q", *extra)
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), "loading the cache ran the planted code"
    assert (out / "graph.ttl").stat().st_size > 0


def test_the_cache_round_trips_an_extraction_and_a_warm_rerun_uses_it(tmp_path):
    from kg.build import Cache, extract_document
    from kg.model import extraction_from_json, extraction_to_json
    from kg.read import read_file

    doc = read_file(SAMPLE)
    ex = extract_document(doc)
    assert extraction_from_json(extraction_to_json(ex)) == ex
    cache = Cache(tmp_path)
    cache.put(doc, ex)
    assert cache.get(doc) == ex and cache.hits == 1
    path = next(tmp_path.glob("*.json"))
    path.write_bytes(b'{"not": "an extraction"}')
    assert cache.get(doc) is None and cache.misses == 1


# --- folders that cannot be written, a full disk ------------------------------------------

def test_an_output_folder_under_a_file_is_one_line_and_exit_4(tmp_path):
    """A path that no one, root included, can make a folder of."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    done = run_kg("build", "-o", str(tmp_path / "afile" / "out"))
    assert done.returncode == 4, done.stderr
    line = one_line_error(done.stderr)
    assert "Not a directory" in line and str(tmp_path / "afile" / "out") in line


def _limit_file_size():
    """Files may grow to 64 kB, and writing more fails with EFBIG (a full disk, as root)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_is_one_line_exit_4_and_leaves_nothing_behind(tmp_path, jobs):
    out = tmp_path / "out"
    done = run_kg("build", "-o", str(out), "--no-cache", "-q", "--jobs", jobs, preexec_fn=_limit_file_size)
    assert done.returncode == 4, done.stderr
    line = one_line_error(done.stderr)
    assert "staged" not in line and ".tmp" not in line and "Errno" not in line
    assert str(out) in line
    assert leftovers(out) == [] and not (out / "graph.ttl").exists()


def test_a_full_disk_while_caching_is_one_line_exit_4(tmp_path):
    done = run_kg("build", "-o", str(tmp_path / "out"), "-q", preexec_fn=_limit_file_size)
    assert done.returncode == 4, done.stderr
    line = one_line_error(done.stderr)
    assert "cache" in line and ".tmp" not in line
    assert leftovers(tmp_path / "out") == []


# --- inputs -----------------------------------------------------------------------------

def encrypted_pdf() -> bytes:
    """A one-page PDF locked with a user password (standard handler, RC4 revision 2):
    no reader opens it without the password."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, b"ab" * 16, b"ab" * 16, xref))
    return bytes(pdf)


def test_an_encrypted_pdf_is_called_encrypted(tmp_path, capsys):
    (tmp_path / "locked.pdf").write_bytes(encrypted_pdf())
    assert main(["build", str(tmp_path / "locked.pdf"), "-o", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "locked.pdf: PDF is encrypted" in err and "not a valid PDF" not in err


def test_terminal_escapes_in_file_names_are_shown_escaped(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "\x1b]0;owned\x07\x1b[2J.txt").write_bytes(bytes(range(256)) * 8)
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b]0;owned\\x07\\x1b[2J.txt: binary file" in err


def test_noncharacters_and_control_characters_never_reach_the_turtle(tmp_path):
    """U+FFFE made Raptor reject graph.ttl; control characters reached the literals."""
    if shutil.which("rapper") is None:
        pytest.skip("rapper (raptor2-utils) is not installed")
    odd_name = "运城市\ufffe科学\x01技术局\x1b[0m"
    text = SAMPLE.read_text(encoding="utf-8").replace("运城市科学技术局", odd_name, 3)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "odd.txt").write_text(text, encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert not {"\ufffe", "\x01", "\x1b"} & set(ttl)
    assert "\\u0001" not in ttl and "\\u001B" not in ttl.upper()
    checked = subprocess.run(["rapper", "-q", "-i", "turtle", "-c", str(tmp_path / "out" / "graph.ttl")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_folder_documentation_is_skipped_and_named(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "yuncheng.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    sources = "# 来源\n\n运城市科学技术局 2022 年工作总结，周口市科学技术局转载。\n"
    (folder / "SOURCES.md").write_text(sources, encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n\n本文件夹收录各地的工作总结。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"skipped {folder / 'SOURCES.md'}" in err and f"skipped {folder / 'README.md'}" in err
    assert "1 document(s)" in err
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "SOURCES" not in trig and "README" not in trig
    # named on the command line, it is built
    assert main(["build", str(folder / "SOURCES.md"), "-o", str(tmp_path / "out2"), "-q"]) == 0


# --- progress ---------------------------------------------------------------------------

def test_a_single_document_build_shows_each_step(tmp_path, capsys, monkeypatch):
    """One large report took a minute with nothing printed: now the bar follows its
    sections, and resolving and writing are announced."""
    import kg.build

    monkeypatch.setattr(kg.build._Progress, "STEP_INTERVAL", 0.0)  # every step, not two a second
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "extracting" in err and "section 1/" in err
    assert "resolving" in err and "writing graph.ttl" in err
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "out2"), "--no-cache", "-q"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", ["stats", "view"])
def test_stats_and_view_announce_their_steps_on_a_large_graph(tmp_path, capsys, monkeypatch, command):
    from kg import progress

    assert main(["build", "-o", str(tmp_path / "out"), "-q"]) == 0
    monkeypatch.setattr(progress, "LARGE_GRAPH_BYTES", 0)  # as if the graph were large
    assert main([command, "-i", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "kg: reading" in err and "MB)" in err
