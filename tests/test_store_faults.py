"""`kg load` against faulty endpoints: tiny local HTTP servers that fail, trickle or lie.

Each server runs in a thread of the test, on a free 127.0.0.1 port; every loop is bounded
in time, and a `kg` that could hang runs as a separate process with a timeout.
"""
from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from kg.cli import main
from kg.errors import KgError, printable
from kg.store import PASSWORD_ENV, TOKEN_ENV, resolve_auth

KGR = "https://w3id.org/kejigraph/resource/"
DOCS = 11
HANG_LIMIT = 30.0   # no test waits on a process longer than this


def kg(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def kg_process(*argv: str, timeout: float = HANG_LIMIT, **env: str) -> tuple[int, str, str, float]:
    """`python -m kg ARGV` as its own process; (exit code, stdout, stderr, seconds taken)."""
    clean = {k: v for k, v in os.environ.items() if k not in (PASSWORD_ENV, TOKEN_ENV)}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg", *argv], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, env={**clean, **env})
    return proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start


@pytest.fixture
def eleven_docs(tmp_path: Path) -> Path:
    """A build directory with eleven one-triple document graphs, doc-01 … doc-11."""
    out = tmp_path / "out"
    out.mkdir()
    graphs = "\n".join(f'<{KGR}graph/doc-{n:02d}> {{ <{KGR}doc/doc-{n:02d}> '
                       f'<http://www.w3.org/2000/01/rdf-schema#label> "文件{n}"@zh . }}'
                       for n in range(1, DOCS + 1))
    (out / "graph.trig").write_text(graphs + "\n", encoding="utf-8")
    return out


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))


@pytest.fixture
def third_put_fails() -> Iterator[tuple[str, list[str]]]:
    """Answers PUTs with 204 except the third it ever gets, which fails with a 500."""
    seen: list[str] = []

    class Handler(Quiet):
        def do_PUT(self) -> None:  # noqa: N802 - http.server's naming
            self.read_body()
            seen.append(self.path.split("graph=")[-1])
            if len(seen) == 3:
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"disk full\n")
            else:
                self.send_response(204)
                self.end_headers()

    for base in serve(Handler):
        yield base, seen


def test_a_failed_put_says_which_graphs_landed_and_resume_sends_the_rest(third_put_fails, eleven_docs,
                                                                          capsys):
    base, seen = third_put_fails
    url = f"{base}/store"
    code, out, err = kg(capsys, "load", url, "-i", str(eleven_docs))
    assert code == 3
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "kg: on the server now (2): kgr:graph/doc-01, kgr:graph/doc-02"
    assert lines[1] == "kg: not loaded (9): " + ", ".join(f"kgr:graph/doc-{n:02d}" for n in range(3, 12))
    assert lines[2] == f"kg: `kg load {url} --resume` sends only the graphs not loaded"
    assert lines[3] == (f"kg: error: {url} answered 500 Internal Server Error: disk full "
                        "(while sending kgr:graph/doc-03)")
    assert len(lines) == 4
    assert len(seen) == 3

    code, out, err = kg(capsys, "load", url, "-i", str(eleven_docs), "--resume")
    assert (code, err) == (0, "")
    assert out == f"loaded 9 graphs, 9 triples into {url} (2 unchanged since the last load, skipped)\n"
    assert [s.rsplit("%2F", 1)[-1] for s in seen[3:]] == [f"doc-{n:02d}" for n in range(3, 12)]

    code, out, _ = kg(capsys, "load", url, "-i", str(eleven_docs), "--resume")
    assert code == 0 and len(seen) == 12
    assert out.startswith("loaded 0 graphs, 0 triples") and "(11 unchanged" in out
    # Without --resume every graph is sent again: PUT replaces, so that is always safe.
    code, out, _ = kg(capsys, "load", url, "-i", str(eleven_docs))
    assert code == 0 and len(seen) == 23


def test_a_failure_on_the_first_graph_is_one_line(third_put_fails, eleven_docs, capsys):
    """Nothing landed, so there is nothing to list: the server is as it was."""
    base, seen = third_put_fails
    seen.extend(["x", "y"])          # the next PUT is the third: it fails
    code, _, err = kg(capsys, "load", f"{base}/store", "-i", str(eleven_docs))
    assert code == 3
    assert err == f"kg: error: {base}/store answered 500 Internal Server Error: disk full\n"


class Trickle:
    """A raw socket server that answers any request one byte every half second, forever.

    Each byte arrives well within a per-read timeout, so only a deadline on the whole
    request stops a client. It stops itself after HANG_LIMIT seconds in any case.
    """

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/store"
        self.stop = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self) -> None:
        self.sock.settimeout(0.2)
        end = time.monotonic() + HANG_LIMIT
        while not self.stop.is_set() and time.monotonic() < end:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self.drip, args=(conn, end), daemon=True).start()

    def drip(self, conn: socket.socket, end: float) -> None:
        with conn:
            conn.settimeout(1)
            try:
                conn.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
                    if self.stop.is_set() or time.monotonic() > end:
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(0.5)
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def trickle() -> Iterator[Trickle]:
    server = Trickle()
    try:
        yield server
    finally:
        server.close()


def test_timeout_is_a_deadline_for_the_whole_request(trickle, eleven_docs):
    code, out, err, took = kg_process("load", trickle.url, "-i", str(eleven_docs), "--timeout", "2")
    assert code == 3
    assert err == f"kg: error: {trickle.url} did not answer within 2 s\n"
    assert took < 8, f"held for {took:.1f} s"


@pytest.fixture
def hostile() -> Iterator[str]:
    """Fails every PUT with terminal escape sequences in the reason phrase and the body."""
    class Handler(Quiet):
        def do_PUT(self) -> None:  # noqa: N802
            self.read_body()
            self.send_response(500, "Oops\x1b]0;owned\x07")
            self.end_headers()
            self.wfile.write(b"\x1b[2J\x1b[31mfatal\x1b[0m \xe2\x80\xae\n")

    yield from serve(Handler)


def test_control_characters_from_the_server_are_escaped(hostile, eleven_docs, capsys):
    code, _, err = kg(capsys, "load", f"{hostile}/store", "-i", str(eleven_docs))
    assert code == 3
    assert not any(ch in err for ch in "\x1b\x07\u202e")
    assert err == (f"kg: error: {hostile}/store answered 500 Oops\\x1b]0;owned\\x07: "
                   "\\x1b[2J\\x1b[31mfatal\\x1b[0m \\u202e\n")


def test_printable_escapes_controls_and_keeps_chinese():
    assert printable("清华\x1b[1m\u202e\t.") == "清华\\x1b[1m\\u202e\\x09."


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[dict[str, str]]]]:
    seen: list[dict[str, str]] = []

    class Handler(Quiet):
        def do_PUT(self) -> None:  # noqa: N802
            self.read_body()
            seen.append(dict(self.headers))
            self.send_response(204)
            self.end_headers()

    for base in serve(Handler):
        yield base, seen


def test_password_on_the_command_line_is_refused(recorder, eleven_docs):
    base, seen = recorder
    code, _, err, _ = kg_process("load", f"{base}/store", "-i", str(eleven_docs),
                                 "--user", "admin", "--password", "pw")
    assert code == 2
    assert err == ("kg: error: --password is not accepted: a command line shows in `ps` and shell "
                   "history; set KG_PASSWORD instead\n")
    assert seen == []


def test_password_from_the_environment_and_a_warning_for_http(recorder, eleven_docs):
    base, seen = recorder
    code, out, err, _ = kg_process("load", f"{base}/store", "-i", str(eleven_docs), "--user", "admin",
                                   KG_PASSWORD="pw")
    assert code == 0, err
    assert err == ("kg: warning: sending credentials unencrypted (http) to 127.0.0.1: anyone on the "
                   "way can read them; use https unless the network is trusted\n")
    assert {h["Authorization"] for h in seen} == {"Basic YWRtaW46cHc="}
    assert out.startswith("loaded 11 graphs")


def test_no_password_and_no_terminal_is_an_error_not_a_hang(recorder, eleven_docs):
    base, seen = recorder
    code, _, err, _ = kg_process("load", f"{base}/store", "-i", str(eleven_docs), "--user", "admin")
    assert code == 2
    assert err == ("kg: error: --user admin needs a password: set KG_PASSWORD "
                   "(kg load asks for it when run in a terminal)\n")
    assert seen == []


def reap(pid: int, deadline: float) -> int:
    """The child's wait status, killing it if it has not exited by `deadline`."""
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def test_password_prompt_in_a_terminal(recorder, eleven_docs):
    """In a terminal, kg load asks for the password (without echoing it)."""
    import pty

    base, seen = recorder
    argv = [sys.executable, "-m", "kg", "load", f"{base}/store", "-i", str(eleven_docs),
            "--user", "admin", "-q"]
    env = {k: v for k, v in os.environ.items() if k not in (PASSWORD_ENV, TOKEN_ENV)}
    pid, fd = pty.fork()
    if pid == 0:  # the child: a new session whose controlling terminal is the pty
        os.execve(sys.executable, argv, env)
    output, answered, deadline = b"", False, time.monotonic() + HANG_LIMIT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:   # the child closed the terminal: it exited
                    break
                if not chunk:
                    break
                output += chunk
            if not answered and b"password for admin:" in output:
                os.write(fd, b"pw\n")
                answered = True
    finally:
        status = reap(pid, deadline)
        os.close(fd)
    assert answered, output
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert b"pw" not in output.split(b"password for admin:", 1)[1]   # not echoed
    assert {h["Authorization"] for h in seen} == {"Basic YWRtaW46cHc="}


def test_resolve_auth():
    assert resolve_auth(None, {}) == {}
    assert resolve_auth(None, {TOKEN_ENV: "t"}) == {"Authorization": "Bearer t"}
    assert resolve_auth("u", {PASSWORD_ENV: ""}) == {"Authorization": "Basic dTo="}
    assert resolve_auth("u", {}, ask=lambda prompt: "p") == {"Authorization": "Basic dTpw"}
    with pytest.raises(KgError, match="not both"):
        resolve_auth("u", {TOKEN_ENV: "t", PASSWORD_ENV: "p"})
    with pytest.raises(KgError, match="needs a password"):
        resolve_auth("u", {})


# ---------------------------------------------------------------------------
# The kg serve guard's decisions, as pure functions (the real server is in test_server.py)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
    "select * { service silent <http://x/> {} }",
    "SELECT * WHERE { ?s ?p 1SERVICE <http://x/> { ?a ?b ?c } }",     # oxigraph: 1, then SERVICE
    "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    'SELECT * { ?s ?p "\\u0073ervice" }',                               # escapes: refused unchecked
    "SELECT * { \\u0053ERVICE <http://x/> {} }",
    "SELECT * { ?s ?p ?o } # service\nGARBAGE",                         # unparseable
])
def test_service_is_refused(text):
    from kg.store import service_refusal

    assert service_refusal(text)


@pytest.mark.parametrize("text", [
    "SELECT * { ?s ?p ?o }",
    'SELECT ?service { ?service ?p "customer service"@en } # a service desk',
    "PREFIX service: <http://x/> SELECT * { ?s service:p ?o }",
    "DELETE WHERE { ?s <http://x/service> ?o }",
])
def test_the_word_alone_is_let_through(text):
    from kg.store import service_refusal

    assert service_refusal(text) is None


def test_request_texts_finds_queries_wherever_oxigraph_may_read_them():
    from urllib.parse import quote

    from kg.store import request_texts

    q = "SELECT * { SERVICE <http://x/> {} }"
    assert request_texts(f"/query?query={quote(q)}", None) == [q]
    assert request_texts("/query", f"query={quote(q)}".encode()) == [q]          # a form
    assert request_texts("/update", f"UPDATE={quote(q)}&x=1".encode()) == [q]
    assert request_texts("/query", q.encode()) == [q]                           # a raw body
    assert request_texts("/query", f"query={q}".encode()) == [q, f"query={q}"]  # read both ways
    # A graph store body is data, never read as a query; its URL still is.
    assert request_texts("/store?graph=urn:g", b"<a> <b> 'service' .") == []
    with pytest.raises(UnicodeDecodeError):
        request_texts("/query", b"\xff")


def test_header_refusal():
    from kg.store import READ_ONLY_MESSAGE, header_refusal

    assert header_refusal("POST", "/query", {}, writable=False) is None
    assert header_refusal("GET", "/store?graph=urn:g", {}, writable=False) is None
    assert header_refusal("PUT", "/store?graph=urn:g", {}, writable=False) == (403, READ_ONLY_MESSAGE)
    assert header_refusal("POST", "/update", {}, writable=False) == (403, READ_ONLY_MESSAGE)
    assert header_refusal("POST", "/update", {}, writable=True) is None
    assert header_refusal("POST", "/query", {"Transfer-Encoding": "chunked"}, True)[0] == 411
    assert header_refusal("POST", "/query", {"Content-Encoding": "gzip"}, True)[0] == 415
    assert header_refusal("POST", "/query", {"Content-Length": "-1"}, True)[0] == 400
    assert header_refusal("GET", "http://elsewhere/", {}, True)[0] == 400
