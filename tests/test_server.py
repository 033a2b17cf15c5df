"""`kg load` and `kg serve` against a REAL Oxigraph server (the `oxigraph` binary from PyPI)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.store import build_database, oxigraph_binary, stop_process

FIXTURES = Path(__file__).parent / "fixtures"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
STARTUP_TIMEOUT = 15.0


def free_port() -> int:
    """A port nobody listens on right now: bind to 0, read it, close."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited early with {proc.returncode}: "
                               f"{proc.stdout.read() if proc.stdout else ''}")
        try:
            with urllib.request.urlopen(base + "/", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"server at {base} did not come up within {STARTUP_TIMEOUT} s")


stop = stop_process   # the same clean stop kg serve itself uses


def sparql(base: str, query: str) -> list[dict]:
    request = urllib.request.Request(base + "/query", data=query.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["results"]["bindings"]


def expected_counts() -> dict[str, int]:
    """Triples per named graph in mini.trig, counted by pyoxigraph itself."""
    store = ox.Store()
    store.load(path=str(FIXTURES / "mini.trig"), format=ox.RdfFormat.TRIG)
    return {g.value: len(list(store.quads_for_pattern(None, None, None, g)))
            for g in store.named_graphs()}


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(FIXTURES / "mini.trig", out / "graph.trig")
    return out


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A writable `oxigraph serve` on a free port; yields its base URL, always killed after."""
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        yield base
    finally:
        stop(proc)


def kg(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.server
def test_load_twice_replaces_instead_of_duplicating(oxigraph_server, mini_dir, capsys):
    expected = expected_counts()
    for _ in range(2):
        code, out, err = kg(capsys, "load", f"{oxigraph_server}/store", "-i", str(mini_dir))
        assert code == 0, err
        assert out.splitlines() == [f"loaded 2 graphs, {sum(expected.values())} triples into "
                                    f"{oxigraph_server}/store"]
    [total] = sparql(oxigraph_server, COUNT_ALL)
    assert int(total["n"]["value"]) == sum(expected.values())
    per_graph = {row["g"]["value"]: int(row["n"]["value"]) for row in sparql(oxigraph_server, COUNT_PER_GRAPH)}
    assert per_graph == expected


@pytest.mark.server
def test_quiet_load_prints_nothing(oxigraph_server, mini_dir, capsys):
    code, out, err = kg(capsys, "load", f"{oxigraph_server}/store", "-i", str(mini_dir), "--quiet")
    assert (code, out, err) == (0, "", "")


@pytest.mark.server
def test_server_refusing_the_request_exits_3(oxigraph_server, mini_dir, capsys):
    code, out, err = kg(capsys, "load", f"{oxigraph_server}/no-such-path", "-i", str(mini_dir))
    assert code == 3
    assert out == ""
    assert err.startswith(f"kg: error: {oxigraph_server}/no-such-path answered 404")
    assert err.count("\n") == 1


def test_no_server_exits_3_with_one_line(mini_dir, capsys):
    url = f"http://127.0.0.1:{free_port()}/store"
    code, out, err = kg(capsys, "load", url, "-i", str(mini_dir))
    assert code == 3
    assert err == f"kg: error: cannot reach {url}: connection refused\n"


def test_silent_server_times_out(mini_dir, capsys):
    """A socket that accepts connections (kernel backlog) but never answers."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/store"
        code, _, err = kg(capsys, "load", url, "-i", str(mini_dir), "--timeout", "0.3")
    assert code == 3
    assert err == f"kg: error: {url} did not answer within 0.3 s\n"


class _Recorder(BaseHTTPRequestHandler):
    """Answers every PUT with 204 and remembers what it was sent."""
    seen: list[tuple[str, dict[str, str], bytes]] = []

    def do_PUT(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.path, dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(base_handler: type) -> Iterator[tuple[str, list]]:
    """A local HTTP server on a free port, with a fresh list of what it was sent."""
    handler = type(base_handler.__name__, (base_handler,), {"seen": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def recorder() -> Iterator[tuple[str, list]]:
    with serving(_Recorder) as served:
        yield served


@pytest.mark.parametrize("auth_args, env, header", [
    ([], {"KG_TOKEN": "s3cret"}, "Bearer s3cret"),
    (["--user", "admin"], {"KG_PASSWORD": "pw"}, "Basic YWRtaW46cHc="),
])
def test_load_sends_auth_and_graph_parameter(recorder, mini_dir, capsys, monkeypatch, auth_args, env,
                                             header):
    base, seen = recorder
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, _, err = kg(capsys, "load", f"{base}/data", "-i", str(mini_dir), *auth_args)
    assert code == 0, err
    assert [path for path, _, _ in seen] == [
        "/data?graph=https%3A%2F%2Fw3id.org%2Fkejigraph%2Fresource%2Fgraph%2Fmini-bureau-2022",
        "/data?graph=https%3A%2F%2Fw3id.org%2Fkejigraph%2Fresource%2Fgraph%2Fmini-enterprise-2023"]
    for _, headers, body in seen:
        assert headers["Authorization"] == header
        assert headers["Content-Type"].startswith("text/turtle")
        assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) > 0


def test_rebuilding_the_database_swaps_it(tmp_path, mini_dir):
    location = tmp_path / "db"
    for _ in range(2):
        build_database(mini_dir / "graph.trig", location, oxigraph_binary())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "out"]   # no temp dirs left
    store = ox.Store.read_only(str(location))
    assert len(store) == sum(expected_counts().values())


def test_serve_refuses_to_replace_a_non_database(tmp_path, mini_dir, capsys):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    code, _, err = kg(capsys, "serve", "-i", str(mini_dir), "--location", str(precious),
                      "--port", str(free_port()))
    assert code == 2
    assert "not an Oxigraph database" in err
    assert (precious / "notes.txt").read_text() == "keep me"


@pytest.mark.server
def test_kg_serve_answers_queries(tmp_path, mini_dir):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "-i", str(mini_dir), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        [total] = sparql(base, COUNT_ALL)
        assert int(total["n"]["value"]) == sum(expected_counts().values())
        # The union default graph is on, as in `kg query`.
        rows = sparql(base, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/kejigraph/ontology#Document> }")
        assert rows[0]["n"]["value"] == "2"
    finally:
        stop(proc)
    out = proc.stdout.read()
    assert f"query UI:        {base}/" in out
    assert f"SPARQL endpoint: {base}/query" in out
    assert (mini_dir / "oxigraph-db").is_dir()


# ---------------------------------------------------------------------------
# kg serve: the guard in front of oxigraph (read-only by default, no SERVICE, a deadline)
# ---------------------------------------------------------------------------

HEAVY_COUNT = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
HEAVY_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@contextmanager
def kg_serve(mini_dir: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`python -m kg serve` on a free port; yields (base URL, process), always stopped after."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "-i", str(mini_dir), "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        yield base, proc
    finally:
        stop(proc)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def post_query(base: str, query: str, timeout: float = 20, **how) -> tuple[int, bytes, float]:
    """(status, body, seconds) for one query, sent as the body (default), a form or a GET."""
    from urllib.parse import urlencode

    if how.get("form"):
        request = urllib.request.Request(base + "/query", data=urlencode({"query": query}).encode(),
                                         method="POST")
    elif how.get("get"):
        request = urllib.request.Request(base + "/query?" + urlencode({"query": query}))
    else:
        request = urllib.request.Request(base + "/query", data=query.encode(), method="POST",
                                         headers={"Content-Type": "application/sparql-query"})
    request.add_header("Accept", "application/sparql-results+json")
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), time.monotonic() - start
    except urllib.error.HTTPError as err:
        return err.code, err.read(), time.monotonic() - start


@pytest.mark.server
def test_the_readme_tour_serve_then_load(mini_dir, capsys):
    """`kg serve` refuses kg load with the real reason; `kg serve --writable` takes it."""
    with kg_serve(mini_dir) as (base, proc):
        code, out, err = kg(capsys, "load", f"{base}/store", "-i", str(mini_dir))
        [oxigraph_pid] = children(proc.pid)
    assert code == 3
    assert err == (f"kg: error: {base}/store answered 403 Forbidden: kg serve is read-only: start it "
                   "with --writable to accept kg load, graph store writes and updates\n")
    assert not Path(f"/proc/{oxigraph_pid}").exists()      # stopping kg serve stopped oxigraph

    with kg_serve(mini_dir, "--writable") as (base, _):
        code, out, err = kg(capsys, "load", f"{base}/store", "-i", str(mini_dir))
        assert code == 0, err
        per_graph = {row["g"]["value"]: int(row["n"]["value"]) for row in sparql(base, COUNT_PER_GRAPH)}
    assert per_graph == expected_counts()


class _Fetched(BaseHTTPRequestHandler):
    """Stands for any URL a SERVICE clause could name; remembers being asked."""
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).seen.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def target() -> Iterator[tuple[str, list[str]]]:
    with serving(_Fetched) as served:
        yield served


@pytest.mark.server
def test_service_is_refused_by_default(mini_dir, target):
    url, seen = target
    attempts = [
        (f"SELECT * WHERE {{ SERVICE <{url}/body> {{ ?s ?p ?o }} }}", {}),
        (f"SELECT * WHERE {{ SERVICE <{url}/form> {{ ?s ?p ?o }} }}", {"form": True}),
        (f"SELECT * WHERE {{ SERVICE <{url}/get> {{ ?s ?p ?o }} }}", {"get": True}),
        (f"select * {{ ?d a <https://w3id.org/kejigraph/ontology#Document> service silent <{url}/lower> {{}} }}", {}),
        # oxigraph reads `1SERVICE` as 1 then SERVICE: no word boundary is needed
        (f"SELECT * WHERE {{ ?s ?p 1SERVICE <{url}/glued> {{ ?a ?b ?c }} }}", {}),
        (f"SELECT * WHERE {{ ?s ?p ?o . {{ SELECT * {{ SERVICE <{url}/nested> {{}} }} }} }}", {"form": True}),
    ]
    with kg_serve(mini_dir) as (base, _):
        for query, how in attempts:
            status, body, _ = post_query(base, query, **how)
            assert status == 403, (query, body)
            assert b"SERVICE" in body and b"--allow-service" in body
        # The word alone is no SERVICE clause: a label, a variable.
        status, body, _ = post_query(base, 'SELECT ?service WHERE { ?service ?p "customer service" }')
        assert status == 200, body
    assert seen == []

    with kg_serve(mini_dir, "--allow-service") as (base, _):
        post_query(base, attempts[0][0])
    assert seen == ["/body"]        # without the guard oxigraph does fetch it


@pytest.mark.server
def test_queries_stop_at_the_timeout(mini_dir):
    with kg_serve(mini_dir, "--timeout", "1") as (base, proc):
        status, body, took = post_query(base, HEAVY_COUNT)
        assert took < 6, f"an aggregate ran {took:.1f} s"
        assert b"cancelled" in body
        status, body, took = post_query(base, HEAVY_ROWS, timeout=30)
        assert took < 8, f"a streamed result ran {took:.1f} s"
        # Nothing keeps working for a client that is gone.
        [oxigraph_pid] = children(proc.pid)
        before = cpu_seconds(oxigraph_pid)
        time.sleep(1.0)
        assert cpu_seconds(oxigraph_pid) - before < 0.3
        [total] = sparql(base, COUNT_ALL)      # and the server still answers
    assert int(total["n"]["value"]) == sum(expected_counts().values())
