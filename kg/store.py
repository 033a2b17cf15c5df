"""Query the graph, push it to a SPARQL server, or serve it: `kg query`, `kg load`, `kg serve`.

All three read `graph.trig` (one named graph per document) rather than `graph.ttl`, so
that a server holds one replaceable graph per document and a re-load replaces instead of
duplicating. Queries see the union of the named graphs as their default graph, so a
plain `{ ?s ?p ?o }` finds everything, and `GRAPH ?g { … }` still says where from.
"""
from __future__ import annotations

import argparse
import math
import os
import re
import sys
import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from kg.errors import EXIT_BAD_INPUT, EXIT_SERVICE, KgError, printable
from kg.ns import PREFIX_IRIS

if TYPE_CHECKING:  # pyoxigraph is imported lazily so `kg --help` stays instant
    import pyoxigraph

DEFAULT_DIR = "output"
TRIG_NAME = "graph.trig"
FORMATS = ("table", "csv", "json")
DEFAULT_MAX_WIDTH = 60

QUERY_EPILOG = """\
The query sees the union of all documents' named graphs as its default graph;
use GRAPH ?g { … } to ask which document a triple came from. A triple that
several documents state (an entity's type and label) is seen once per document:
add DISTINCT when that matters. The prefixes
kgo: kgr: rdf: rdfs: skos: xsd: owl: prov: dcterms: org: schema: oa: qb:
are predeclared (a PREFIX in the query overrides them).

examples:
  kg query 'SELECT DISTINCT ?u ?name WHERE { ?b kgo:partnersWith ?u . ?u rdfs:label ?name }'
  kg query my-query.rq --format csv > result.csv
  kg query evidence                      a query shipped with kejigraph, by name
  kg query 'SELECT ?s ?label WHERE { ?s rdfs:label ?label }' --bind label=清华大学@zh
  kg query 'ASK { ?s a kgo:Bureau }'
  kg query 'CONSTRUCT WHERE { ?s kgo:partnersWith ?o }' > partners.ttl
"""

LOAD_EPILOG = """\
Each document's named graph is sent with an HTTP PUT to URL?graph=IRI (the SPARQL
1.1 Graph Store Protocol), which replaces that graph on the server: loading twice
does not duplicate anything. URL is the server's graph store endpoint:
  Oxigraph   http://localhost:7878/store   (kg serve --writable, or oxigraph serve)
  Fuseki     http://localhost:3030/DATASET/data
  GraphDB    http://localhost:7200/repositories/REPO/rdf-graphs/service

Credentials never go on the command line (it shows in `ps`): the password for
--user comes from $KG_PASSWORD, or is asked for when kg load runs in a terminal;
a bearer token comes from $KG_TOKEN. Sending either over plain http warns.

Each PUT is its own request, with no transaction spanning them: if one fails,
the graphs before it are on the server and the rest are not, and kg load names
both. It records what landed in DIR/load-state.json; --resume then sends only
the graphs not yet loaded (or changed since).

examples:
  kg load http://localhost:7878/store
  KG_PASSWORD=… kg load http://localhost:3030/kg/data -i out/ --user admin
  KG_TOKEN=… kg load https://triplestore.example.org/store --timeout 120
  kg load http://localhost:3030/kg/data --user admin --resume
"""

SERVE_EPILOG = """\
The graph is loaded into an Oxigraph database directory (rebuilt from graph.trig
each time, then swapped in) and served: a query UI at http://HOST:PORT/ and a
SPARQL endpoint at http://HOST:PORT/query, where queries see the union of the
named graphs. Stop it with Ctrl-C.

Oxigraph's own server answers, on a private loopback port, behind a guard in kg
that holds the public one:
  read-only    writes are refused with a 403 naming --writable; with --writable,
               /update and the graph store /store accept changes (kg load)
  no SERVICE   a query or update calling SERVICE is refused (403): oxigraph
               would fetch any URL it names, for whoever asks. A request that
               spells "service" is parsed and refused only if it has a SERVICE
               clause, or if it cannot be checked. --allow-service serves
               oxigraph directly instead, with SERVICE on
  --timeout    a query is cancelled after S seconds (oxigraph --timeout-s), and
               the guard cuts off a result still streaming 2 s later, so no
               abandoned query keeps a core busy

examples:
  kg serve
  kg serve --writable                  then: kg load http://127.0.0.1:7878/store
  kg serve -i out/ --port 8080 --timeout 10
  kg serve --host 0.0.0.0              listen on every interface (the network can query it)
"""


# ---------------------------------------------------------------------------
# Python API
# ---------------------------------------------------------------------------

def trig_path(out_dir: str | os.PathLike[str]) -> Path:
    """Where `kg build` put the named graphs; a clear error (not a traceback) if absent."""
    path = Path(out_dir) / TRIG_NAME
    if not path.is_file():
        raise KgError(f"{path} not found: run `kg build -o {out_dir}` first, or pass -i DIR",
                      EXIT_BAD_INPUT)
    return path


def open_store(out_dir: str | os.PathLike[str]) -> "pyoxigraph.Store":
    """An in-memory store holding DIR/graph.trig, one named graph per document.

    In memory because the graphs are small and a query should never leave a database
    directory (and its lock) behind.
    """
    import pyoxigraph as ox

    path = trig_path(out_dir)
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as err:
        raise KgError(f"{path} is not valid TriG: {' '.join(str(err).split())}", EXIT_BAD_INPUT) from None
    return store


def prefix_map() -> dict[str, str]:
    """The project's prefixes as plain strings, the form pyoxigraph wants."""
    return dict(PREFIX_IRIS)


def to_term(value: Any) -> "pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal":
    """Turn a Python value, an rdflib term or a pyoxigraph term into a pyoxigraph term.

    So callers of `run_query` can bind whatever they have at hand; plain `str` becomes an
    xsd:string literal (use a pyoxigraph/rdflib Literal for a language tag).
    """
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if type(value).__module__.startswith("rdflib"):  # before str: rdflib terms are strs
        import rdflib

        if isinstance(value, rdflib.URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, rdflib.BNode):
            return ox.BlankNode(str(value))
        if isinstance(value, rdflib.Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            if value.datatype:
                return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
            return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false",
                          datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, (int, float, str)):
        return ox.Literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__} in a SPARQL query: {value!r}")


_SYNTAX_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)


def syntax_error_message(err: SyntaxError) -> str:
    """pyoxigraph says `error at 1:12: …`; say it in words, on one line."""
    text = " ".join(str(err).split())
    match = _SYNTAX_POSITION.match(text)
    if match:
        line, column, rest = match.groups()
        return f"query syntax error at line {line}, column {column}: {rest}"
    return f"query syntax error: {text}"


def run_query(store: "pyoxigraph.Store", query: str,
              bindings: Mapping[str, Any] | None = None):
    """Run a SPARQL query over the union of the named graphs, with the project's prefixes.

    `bindings` maps variable names (without `?`) to values; they are handed to
    pyoxigraph's `substitutions=` and never pasted into the query text, so a label
    containing `"` or `}` cannot change the query. pyoxigraph requires a bound variable
    to appear in a SELECT's projection (`SELECT *` always works).

    Returns pyoxigraph's QuerySolutions (SELECT), QueryBoolean (ASK) or QueryTriples
    (CONSTRUCT, DESCRIBE). Raises KgError (exit 2) on a syntax error.
    """
    import pyoxigraph as ox

    substitutions = None
    if bindings:
        substitutions = {ox.Variable(name.lstrip("?$")): to_term(value)
                         for name, value in bindings.items()}
    try:
        return store.query(query, prefixes=prefix_map(), use_default_graph_as_union=True,
                           substitutions=substitutions)
    except SyntaxError as err:
        raise KgError(syntax_error_message(err), EXIT_BAD_INPUT) from None
    except RuntimeError as err:
        missing = re.search(r"variable (\?\w+)", str(err))
        if "projection" in str(err) and missing:
            raise KgError(f"bound variable {missing.group(1)} must be in the SELECT clause "
                          "(SELECT * works)", EXIT_BAD_INPUT) from None
        raise


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------

def shorten_iri(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """`kgr:university/3f2a…` instead of the full IRI; the longest namespace wins."""
    prefixes = prefix_map() if prefixes is None else prefixes
    best = ""
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(prefixes.get(best, "")) and len(iri) > len(ns):
            best = prefix
    if best:
        return f"{best}:{iri[len(prefixes[best]):]}"
    return f"<{iri}>"


def used_prefixes(triples: Iterable[Any]) -> dict[str, str]:
    """Only the prefixes some IRI in `triples` starts with, so Turtle output stays short."""
    import pyoxigraph as ox

    iris = {term.value for triple in triples for term in triple
            if isinstance(term, ox.NamedNode)}
    return {prefix: ns for prefix, ns in prefix_map().items()
            if any(iri.startswith(ns) for iri in iris)}


def term_text(term: Any, prefixes: Mapping[str, str] | None = None) -> str:
    """How a term reads in a table: literals plainly, IRIs shortened, blank nodes as _:id."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten_iri(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)  # RDF-star triples


def display_width(text: str) -> int:
    """Terminal columns: CJK (wide and full-width) characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def clip(text: str, max_width: int) -> str:
    """One line, at most `max_width` columns (0 = no limit), an ellipsis where cut."""
    text = " ".join(text.split()) if ("\n" in text or "\r" in text or "\t" in text) else text
    if max_width <= 0 or display_width(text) <= max_width:
        return text
    out, width = [], 0
    for char in text:
        w = display_width(char)
        if width + w > max_width - 1:
            break
        out.append(char)
        width += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(header: list[str], rows: list[list[str]], max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """Aligned columns that stay aligned with Chinese text in them."""
    header = [clip(h, max_width) for h in header]
    rows = [[clip(cell, max_width) for cell in row] for row in rows]
    widths = [display_width(h) for h in header]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row)]
    lines = [" | ".join(pad(h, w) for h, w in zip(header, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(pad(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    count = len(rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_result(result: Any, fmt: str = "table", max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """The text `kg query` prints: a table, CSV or SPARQL JSON for SELECT/ASK, Turtle for CONSTRUCT.

    CSV and JSON come from pyoxigraph's own serialisers, so they follow the W3C result
    formats exactly (full IRIs, language tags in JSON).
    """
    import pyoxigraph as ox

    if isinstance(result, ox.QueryTriples):
        triples = list(result)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                            prefixes=used_prefixes(triples)).decode("utf-8")
    if fmt == "csv":
        return result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    variables = [v.value for v in result.variables]
    rows = [[term_text(solution[name]) for name in variables] for solution in result]
    return render_table([f"?{name}" for name in variables], rows, max_width)


# ---------------------------------------------------------------------------
# kg query
# ---------------------------------------------------------------------------

def read_query(text_or_path: str) -> str:
    """The query text: inline, a file (`.rq`, `.sparql`, or any existing path), `-` for
    stdin, or the name of a query shipped in kg.ontology.queries (`evidence`)."""
    if text_or_path == "-":
        return sys.stdin.read()
    path = Path(text_or_path)
    looks_like_file = path.suffix in (".rq", ".sparql") and "\n" not in text_or_path
    try:
        if looks_like_file or path.is_file():
            return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    except OSError:  # a long inline query can be an invalid file name
        if looks_like_file:
            raise
    packaged = packaged_query(text_or_path)
    if packaged is not None:
        return packaged
    if looks_like_file:
        raise KgError(f"query file {text_or_path} not found", EXIT_BAD_INPUT)
    return text_or_path


def packaged_query(name: str) -> str | None:
    """A query shipped with kejigraph (ontology/queries/NAME.rq), if NAME is one."""
    if not re.fullmatch(r"[\w-]+(\.rq)?", name):
        return None
    from importlib import resources

    try:
        resource = resources.files("kg.ontology.queries") / (name if name.endswith(".rq") else f"{name}.rq")
        return resource.read_text(encoding="utf-8") if resource.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError):
        return None


_LANG_SUFFIX = re.compile(r"^(.*)@([a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*)$", re.S)


def parse_binding(spec: str):
    """`VAR=VALUE` from the command line: `<iri>`, `kgr:…` (a known prefix), `text@zh`, or text."""
    import pyoxigraph as ox

    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise KgError(f"--bind wants VAR=VALUE, got {spec!r}", EXIT_BAD_INPUT)
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError as err:
            raise KgError(f"--bind {name}: {value} is not a valid IRI ({err})", EXIT_BAD_INPUT) from None
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIX_IRIS and " " not in local:
        return name, ox.NamedNode(PREFIX_IRIS[prefix] + local)
    match = _LANG_SUFFIX.match(value)
    if match:
        return name, ox.Literal(match.group(1), language=match.group(2))
    return name, ox.Literal(value)


def cmd_query(args: argparse.Namespace) -> int:
    """`kg query`: run one query against DIR/graph.trig and print the result."""
    query = read_query(args.query)
    bindings = dict(parse_binding(spec) for spec in args.bind)
    store = open_store(args.input)
    result = run_query(store, query, bindings)
    sys.stdout.write(format_result(result, args.format, args.max_width))
    return 0


# ---------------------------------------------------------------------------
# kg load
# ---------------------------------------------------------------------------

#: Where kg load finds its secrets: the environment, never the command line, which every
#: user of the machine can read in `ps` and which lands in shell history.
PASSWORD_ENV = "KG_PASSWORD"
TOKEN_ENV = "KG_TOKEN"
#: The record of which graphs reached which endpoint, kept next to graph.trig for --resume.
STATE_NAME = "load-state.json"
#: At most this much of an answer is read: its first line is all a message quotes.
ANSWER_LIMIT = 64 * 1024


def graph_payloads(store: "pyoxigraph.Store") -> list[tuple[str, int, bytes]]:
    """(graph IRI, triple count, Turtle bytes) for each named graph, in a stable order."""
    import pyoxigraph as ox

    payloads = []
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefix_map())
        payloads.append((graph.value, len(triples), body))
    return payloads


def payload_digest(body: bytes) -> str:
    """What --resume compares: a graph is sent again as soon as its content changed."""
    import hashlib

    return hashlib.sha256(body).hexdigest()


def graph_url(endpoint: str, graph_iri: str) -> str:
    """`endpoint?graph=<IRI, percent-encoded>` (GSP indirect graph identification)."""
    from urllib.parse import quote

    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}graph={quote(graph_iri, safe='')}"


def auth_header(user: str | None, password: str | None, token: str | None) -> dict[str, str]:
    import base64

    if token:
        return {"Authorization": f"Bearer {token}"}
    if user is not None:
        pair = f"{user}:{password or ''}".encode("utf-8")
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def resolve_auth(user: str | None, environ: Mapping[str, str],
                 ask: Callable[[str], str] | None = None) -> dict[str, str]:
    """The Authorization header from --user with KG_PASSWORD (or `ask`, a prompt), or KG_TOKEN.

    `ask` is given only when a person is at a terminal; otherwise a missing password is
    an error rather than a hang or an empty password sent without a word.
    """
    token = environ.get(TOKEN_ENV) or None
    if token and user is not None:
        raise KgError(f"give either --user (with {PASSWORD_ENV}) or {TOKEN_ENV}, not both", EXIT_BAD_INPUT)
    if token:
        return auth_header(None, None, token)
    if user is None:
        return {}
    password = environ.get(PASSWORD_ENV)
    if password is None:
        if ask is None:
            raise KgError(f"--user {user} needs a password: set {PASSWORD_ENV} "
                          "(kg load asks for it when run in a terminal)", EXIT_BAD_INPUT)
        try:
            password = ask(f"password for {user}: ")
        except EOFError:
            raise KgError(f"no password given for --user {user}", EXIT_BAD_INPUT) from None
    return auth_header(user, password, None)


def plain_http_warning(endpoint: str, headers: Mapping[str, str]) -> str | None:
    """Say so when credentials are about to cross the network in clear text."""
    from urllib.parse import urlsplit

    parts = urlsplit(endpoint)
    if "Authorization" not in headers or parts.scheme != "http":
        return None
    return (f"sending credentials unencrypted (http) to {parts.hostname}: anyone on the way "
            "can read them; use https unless the network is trusted")


def describe_reason(reason: Any) -> str:
    """`connection refused` rather than `[Errno 111] Connection refused`."""
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "timed out"
    text = printable(getattr(reason, "strerror", None) or str(reason))
    return text[:1].lower() + text[1:] if text else "unknown error"


def http_hint(status: int, sent_credentials: bool, detail: str) -> str:
    """What to try next, for the answers a misconfigured `kg load` usually gets.

    A 403 with no credentials sent is a server that refuses writes (kg serve without
    --writable answers so), not a password problem.
    """
    if status == 401:
        return (" (check --user and KG_PASSWORD, or KG_TOKEN)" if sent_credentials else
                " (the server wants credentials: --user NAME with KG_PASSWORD, or KG_TOKEN)")
    if status == 403:
        if sent_credentials:
            return " (these credentials may not write here, or the server is read-only)"
        if "--writable" in detail:
            return ""
        return " (the server refuses writes: is it read-only? kg serve accepts kg load with --writable)"
    if status in (404, 405):
        return " (is URL the graph store endpoint? e.g. http://localhost:7878/store)"
    return ""


def http_request(method: str, url: str, body: bytes | None, headers: Mapping[str, str],
                 timeout: float) -> tuple[int, str, Mapping[str, str], bytes]:
    """One HTTP request that ends within `timeout` seconds; (status, reason, headers, body).

    A socket timeout bounds each read, not the request: a server sending a byte a second
    never trips it. So a watchdog shuts the socket down when the deadline passes, wherever
    the request is; that surfaces here as TimeoutError. Only the first ANSWER_LIMIT bytes
    of the answer are read.
    """
    import http.client
    import socket
    import threading
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection_class = (http.client.HTTPSConnection if parts.scheme == "https"
                        else http.client.HTTPConnection)
    conn = connection_class(parts.hostname, parts.port, timeout=timeout)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        if conn.sock is not None:
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(timeout, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, body=body, headers=dict(headers))
        response = conn.getresponse()
        data = response.read(ANSWER_LIMIT)
        answer = (response.status, response.reason, response.headers, data)
    except (OSError, http.client.HTTPException):
        if expired.is_set():
            raise TimeoutError from None
        raise
    finally:
        watchdog.cancel()
        conn.close()
    if expired.is_set():
        raise TimeoutError
    return answer


def first_line(data: bytes) -> str:
    """The first non-blank line of an answer, control characters escaped, at most 200 characters."""
    text = data.decode("utf-8", "replace")
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return printable(line[:200])


def put_graph(url: str, body: bytes, headers: Mapping[str, str], timeout: float, endpoint: str) -> None:
    """One PUT; any failure becomes a one-line KgError with exit code 3."""
    import http.client
    import socket

    request_headers = {"Content-Type": "text/turtle; charset=utf-8", **headers}
    try:
        status, reason, answer_headers, data = http_request("PUT", url, body, request_headers, timeout)
    except (TimeoutError, socket.timeout):
        raise KgError(f"{endpoint} did not answer within {timeout:g} s", EXIT_SERVICE) from None
    except http.client.HTTPException as err:
        raise KgError(f"{endpoint} sent no valid HTTP answer: {describe_reason(err)}", EXIT_SERVICE) from None
    except OSError as err:
        raise KgError(f"cannot reach {endpoint}: {describe_reason(err)}", EXIT_SERVICE) from None
    if status < 300:
        return
    detail = first_line(data)
    where = answer_headers.get("Location")
    hint = (f" (moved to {printable(where)}: load into that URL)" if 300 <= status < 400 and where
            else http_hint(status, "Authorization" in headers, detail))
    raise KgError(f"{endpoint} answered {status} {printable(reason)}"
                  f"{': ' + detail if detail else ''}{hint}", EXIT_SERVICE)


class PartialLoad(KgError):
    """A load that stopped part-way, knowing which graphs reached the server and which did not.

    Each graph is its own PUT and the Graph Store Protocol has no transaction spanning
    several, so a failure leaves the earlier graphs replaced and the later ones as they were.
    """

    def __init__(self, cause: KgError, loaded: list[str], failed: str, pending: list[str]):
        super().__init__(f"{cause} (while sending {shorten_iri(failed)})", cause.exit_code)
        self.loaded, self.failed, self.pending = loaded, failed, pending


def check_endpoint(endpoint: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(endpoint)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise KgError(f"{printable(endpoint)} is not an http(s) URL", EXIT_BAD_INPUT)


def load_graphs(store: "pyoxigraph.Store", endpoint: str, headers: Mapping[str, str] | None = None,
                timeout: float = 60.0, done: Mapping[str, str] | None = None,
                record: Callable[[str, str], None] | None = None) -> tuple[list[str], list[str], int]:
    """PUT every named graph of `store` to a Graph Store Protocol endpoint.

    A graph whose digest `done` already holds is skipped (--resume); `record(iri, digest)`
    is told of each graph that landed. Returns (loaded IRIs, skipped IRIs, triples sent).
    A failed PUT raises its KgError, or PartialLoad once some graphs of this run landed.
    """
    check_endpoint(endpoint)
    done = done or {}
    payloads = graph_payloads(store)
    loaded: list[str] = []
    skipped: list[str] = []
    triples = 0
    for index, (iri, count, body) in enumerate(payloads):
        digest = payload_digest(body)
        if done.get(iri) == digest:
            skipped.append(iri)
            continue
        try:
            put_graph(graph_url(endpoint, iri), body, headers or {}, timeout, endpoint)
        except KgError as err:
            if not loaded:  # the server is as it was: the error alone says it all
                raise
            pending = [later for later, _, _ in payloads[index + 1:]]
            raise PartialLoad(err, loaded, iri, pending) from None
        loaded.append(iri)
        triples += count
        if record is not None:
            record(iri, digest)
    return loaded, skipped, triples


def read_load_state(path: Path, endpoint: str) -> dict[str, str]:
    """The graphs (IRI -> digest) an earlier kg load put into `endpoint`; {} if none recorded."""
    import json

    try:
        entries = json.loads(path.read_text(encoding="utf-8")).get(endpoint, {})
    except (OSError, ValueError, AttributeError):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(entries, dict) else {}


def write_load_state(path: Path, endpoint: str, entries: Mapping[str, str]) -> None:
    """Record `entries` for `endpoint`, keeping other endpoints' records; written whole, then renamed."""
    import json

    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(state, dict):
            state = {}
    except (OSError, ValueError):
        state = {}
    state[endpoint] = dict(entries)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def warn(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr)


def names(iris: Iterable[str]) -> str:
    return ", ".join(shorten_iri(iri) for iri in iris) or "none"


def cmd_load(args: argparse.Namespace) -> int:
    """`kg load`: replace each document's graph on a SPARQL server."""
    if args.password is not None or args.token is not None:
        option, env = ("--password", PASSWORD_ENV) if args.password is not None else ("--token", TOKEN_ENV)
        raise KgError(f"{option} is not accepted: a command line shows in `ps` and shell history; "
                      f"set {env} instead", EXIT_BAD_INPUT)
    import getpass

    import pyoxigraph as ox

    check_endpoint(args.url)
    headers = resolve_auth(args.user, os.environ, getpass.getpass if sys.stdin.isatty() else None)
    caution = plain_http_warning(args.url, headers)
    if caution:
        warn(caution)
    store = open_store(args.input)
    default_triples = len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    state = Path(args.input) / STATE_NAME
    recorded = read_load_state(state, args.url)
    can_record = True

    def record(iri: str, digest: str) -> None:
        nonlocal can_record
        recorded[iri] = digest
        if can_record:
            try:
                write_load_state(state, args.url, recorded)
            except OSError as err:
                can_record = False
                warn(f"cannot record progress in {state} ({describe_reason(err)}): "
                     "--resume will send every graph")

    try:
        loaded, skipped, triples = load_graphs(store, args.url, headers, args.timeout,
                                               dict(recorded) if args.resume else None, record)
    except PartialLoad as err:
        print(f"kg: on the server now ({len(err.loaded)}): {names(err.loaded)}", file=sys.stderr)
        print(f"kg: not loaded ({len(err.pending) + 1}): {names([err.failed, *err.pending])}",
              file=sys.stderr)
        print(f"kg: `kg load {printable(args.url)} --resume` sends only the graphs not loaded",
              file=sys.stderr)
        raise
    if not args.quiet:
        graphs = len(loaded)
        print(f"loaded {graphs} graph{'s' if graphs != 1 else ''}, {triples} triples into {args.url}"
              + (f" ({len(skipped)} unchanged since the last load, skipped)" if skipped else ""))
        if default_triples:
            print(f"skipped {default_triples} triples of the default graph (only named graphs are loaded)")
    return 0


# ---------------------------------------------------------------------------
# kg serve
# ---------------------------------------------------------------------------

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def oxigraph_binary() -> str:
    """The `oxigraph` CLI from the same environment as this Python first, then PATH."""
    import shutil

    here = Path(sys.executable).parent
    for name in ("oxigraph", "oxigraph.exe"):
        candidate = here / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed: pip install oxigraph", EXIT_SERVICE)
    return found


def looks_like_database(path: Path) -> bool:
    """Only ever replace an empty directory or an Oxigraph (RocksDB) one, never user files."""
    if not path.exists():
        return True
    if not path.is_dir():
        return False
    entries = {p.name for p in path.iterdir()}
    return not entries or {"CURRENT", "IDENTITY"} <= entries


def build_database(trig: Path, location: Path, binary: str) -> None:
    """Load graph.trig into a fresh database next to `location`, then swap it in.

    A failed load leaves the previous database untouched; a server still reading the
    old files keeps working until restarted.
    """
    import shutil
    import subprocess
    import tempfile

    location = location.resolve()
    if not looks_like_database(location):
        raise KgError(f"{location} exists and is not an Oxigraph database; choose another --location",
                      EXIT_BAD_INPUT)
    location.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{location.name}-new-", dir=location.parent))
    try:
        proc = subprocess.run([binary, "load", "--location", str(tmp), "--file", str(trig)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            lines = [ln for ln in proc.stderr.splitlines() if ln.strip().startswith(("Error", "error"))]
            raise KgError(f"oxigraph could not load {trig}: "
                          f"{(lines or proc.stderr.strip().splitlines() or ['unknown error'])[0]}",
                          EXIT_BAD_INPUT)
        old = None
        if location.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{location.name}-old-", dir=location.parent))
            os.rmdir(old)
            os.rename(location, old)
        os.rename(tmp, location)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def check_port_free(host: str, port: int) -> None:
    """Fail with a sentence, before loading, if something already listens there."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise KgError(f"cannot resolve host {host}: {err.strerror}", EXIT_BAD_INPUT) from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as err:
            raise KgError(f"cannot listen on {host}:{port}: {describe_reason(err)}", EXIT_BAD_INPUT) from None


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def serve_command(binary: str, location: Path, host: str, port: int, writable: bool,
                  timeout: float) -> list[str]:
    bind = f"{url_host(host)}:{port}"
    return [binary, "serve" if writable else "serve-read-only", "--location", str(location),
            "--bind", bind, "--union-default-graph", "--timeout-s", str(max(1, math.ceil(timeout)))]


# The guard: what stands between the network and the oxigraph server.
#
# The oxigraph server fetches any URL named in a SPARQL SERVICE clause, for whoever
# sends the query, and has no switch to stop it; its --timeout-s cancels a query's
# evaluation but not a result that is still streaming out. So `kg serve` runs oxigraph
# on a private loopback port and answers the public one itself: each request is checked,
# relayed, and cut off at the deadline.

#: A query or update longer than this is refused; graph store bodies are streamed, not held.
MAX_QUERY_BYTES = 4 * 1024 * 1024
#: Headers that describe one connection, not the message: never relayed.
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                        "te", "trailer", "trailers", "transfer-encoding", "upgrade"})
#: Request headers the guard sets itself for the upstream connection.
REQUEST_OWN = HOP_BY_HOP | {"host", "content-length"}
#: Past the query timeout, oxigraph gets this long to say so itself before the guard cuts.
GRACE_S = 2.0
DEFAULT_QUERY_TIMEOUT = 30.0
READ_ONLY_MESSAGE = ("kg serve is read-only: start it with --writable to accept "
                     "kg load, graph store writes and updates")

_SERVICE_WORD = re.compile("service", re.IGNORECASE)
_UNICODE_ESCAPE = re.compile(r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}")


def sparql_calls_service(text: str) -> bool | None:
    """Whether rdflib's SPARQL parser finds a SERVICE clause in `text` (query or update);
    None if it parses as neither."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    def has_service(node: Any) -> bool:
        if isinstance(node, CompValue):
            return node.name == "ServiceGraphPattern" or any(has_service(v) for v in node.values())
        if isinstance(node, (list, tuple, ParseResults)):
            return any(has_service(v) for v in node)
        return False

    for parse in (parseQuery, parseUpdate):
        try:
            with _PARSE_LOCK:
                tree = parse(text)
        except Exception:  # pyparsing's errors, and RecursionError on absurd nesting
            continue
        return has_service(tree)
    return None


_PARSE_LOCK = threading.Lock()   # pyparsing's packrat cache is shared by all threads


def service_refusal(text: str) -> str | None:
    """Why a query or update must not reach oxigraph, or None if it cannot call SERVICE.

    A text that never spells `service`, in any case, cannot call it: that is nearly every
    query, and costs one regex. A text that does is parsed, and let through only if the
    parse finds no SERVICE clause. rdflib expands \\u escapes before parsing and oxigraph
    does not, so a text using escapes is refused unparsed: where the two parsers could
    disagree the answer is no, as a refused query can be rewritten but a fetched URL
    cannot be unfetched.
    """
    decoded = _UNICODE_ESCAPE.sub(_unescape, text)
    if not _SERVICE_WORD.search(decoded):
        return None
    if decoded != text:
        return "the request spells SERVICE and uses \\u escapes: it is refused unchecked"
    calls = sparql_calls_service(text)
    if calls is None:
        return "the request mentions SERVICE and is not SPARQL that kg serve can check"
    if calls:
        return "SERVICE is disabled here: it would make the server fetch URLs for the caller"
    return None


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(0)[2:], 16)
    return chr(code) if code <= 0x10FFFF else ""


def request_texts(target: str, body: bytes | None) -> list[str]:
    """Every text in a request that oxigraph might run as SPARQL.

    The `query` and `update` parameters of the URL; outside the graph store, the body too,
    both as form fields and as it stands, whatever its Content-Type says, so that no
    disagreement about that header lets a query by unchecked. A body without a `{` cannot
    call SERVICE as it stands (a SERVICE clause needs one), so an encoded form is read
    only as a form.
    Raises UnicodeDecodeError for a body that is not UTF-8.
    """
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(target)
    sparql_keys = ("query", "update")
    texts = [v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() in sparql_keys]
    if body and parts.path != "/store":
        text = body.decode("utf-8")
        texts += [v for k, v in parse_qsl(text, keep_blank_values=True) if k.lower() in sparql_keys]
        if "{" in text:
            texts.append(text)
    return texts


def is_write(method: str, target: str) -> bool:
    """Anything but reading and querying; a read-only kg serve refuses it with a sentence."""
    from urllib.parse import urlsplit

    if method in ("GET", "HEAD", "OPTIONS"):
        return False
    return not (method == "POST" and urlsplit(target).path == "/query")


def header_refusal(method: str, target: str, headers: Mapping[str, str],
                   writable: bool) -> tuple[int, str] | None:
    """(status, message) for a request the guard turns away on its first lines, else None.

    Bodies it cannot measure or read (chunked, compressed) are refused rather than relayed
    unchecked; so are writes to a read-only server, with the option that allows them.
    """
    if not target.startswith("/"):
        return 400, "kg serve wants a path, not a full URL"
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        return 411, "send a Content-Length (chunked bodies are not accepted)"
    if headers.get("Content-Encoding", "identity").strip().lower() != "identity":
        return 415, "compressed request bodies are not accepted"
    length = headers.get("Content-Length") or "0"
    if not length.strip().isdigit():
        return 400, "bad Content-Length"
    if is_write(method, target) and not writable:
        return 403, READ_ONLY_MESSAGE
    return None


def make_guard(upstream: tuple[str, int], writable: bool, timeout: float):
    """The request handler class of the public port, relaying to oxigraph at `upstream`."""
    import http.client
    import time
    from http.server import BaseHTTPRequestHandler
    from urllib.parse import urlsplit

    class Guard(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"   # one request per connection: nothing left half-read
        server_version = "kg-serve"
        timeout = 60                    # seconds any single read or write may block

        def do_any(self) -> None:
            try:
                self.relay()
            except (ConnectionError, TimeoutError):   # the client left, or stalled
                self.close_connection = True

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_any

        def refuse(self, status: int, message: str) -> None:
            body = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def relay(self) -> None:
            method, target = self.command, self.path
            refused = header_refusal(method, target, self.headers, writable)
            if refused:
                return self.refuse(*refused)
            length = int(self.headers.get("Content-Length") or 0)
            store = urlsplit(target).path == "/store"
            body = None
            if not store:
                if length > MAX_QUERY_BYTES:
                    return self.refuse(413, f"requests to {urlsplit(target).path} are limited to "
                                            f"{MAX_QUERY_BYTES // (1024 * 1024)} MiB")
                body = self.rfile.read(length)
            try:
                texts = request_texts(target, body)
            except UnicodeDecodeError:
                return self.refuse(400, "the request body is not UTF-8")
            for text in texts:
                reason = service_refusal(text)
                if reason:
                    return self.refuse(403, f"{reason} (kg serve --allow-service permits it)")
            # The graph store moves data, not queries: no query deadline for it.
            deadline = None if store else time.monotonic() + timeout + GRACE_S
            self.forward(method, target, body, length, deadline)

        def forward(self, method: str, target: str, body: bytes | None, length: int,
                    deadline: float | None) -> None:
            def remaining() -> float:
                return self.timeout if deadline is None else deadline - time.monotonic()

            conn = http.client.HTTPConnection(*upstream, timeout=max(0.1, remaining()))
            try:
                conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
                for name, value in self.headers.items():
                    if name.lower() not in REQUEST_OWN:
                        conn.putheader(name, value)
                conn.putheader("Host", f"{upstream[0]}:{upstream[1]}")
                if length or method in ("POST", "PUT", "PATCH"):
                    conn.putheader("Content-Length", str(length))
                conn.endheaders()
                if body is not None:
                    conn.send(body)
                else:
                    left = length
                    while left > 0:
                        chunk = self.rfile.read(min(left, 1 << 16))
                        if not chunk:
                            break
                        conn.send(chunk)
                        left -= len(chunk)
                response = conn.getresponse()
            except (ValueError, http.client.InvalidURL):   # control characters in the request line
                return self.refuse(400, "the request has characters HTTP does not allow")
            except (TimeoutError, OSError, http.client.HTTPException) as err:
                if deadline is not None and remaining() <= 0:
                    return self.refuse(503, f"the query took longer than {timeout:g} s "
                                            "(kg serve --timeout)")
                return self.refuse(502, f"the oxigraph server did not answer: {describe_reason(err)}")
            try:
                self.send_response(response.status, response.reason)
                for name, value in response.getheaders():
                    if name.lower() not in HOP_BY_HOP:
                        self.send_header(name, value)
                self.end_headers()
                if method == "HEAD":
                    return
                while remaining() > 0:
                    conn.sock.settimeout(max(0.05, remaining()))
                    try:
                        chunk = response.read1(1 << 16)
                    except (TimeoutError, OSError, http.client.HTTPException):
                        break
                    if not chunk:
                        break
                    self.wfile.write(chunk)
            finally:
                conn.close()   # past the deadline this stops oxigraph writing, and working

        def log_message(self, *args: Any) -> None:
            pass

    return Guard


def free_loopback_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: the oxigraph child gets SIGTERM when kg serve dies, even by SIGKILL."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_oxigraph(command: list[str], port: int, wait_s: float = 15.0):
    """Start the private oxigraph server and wait until it answers; a KgError if it does not."""
    import subprocess
    import time
    import urllib.request

    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = [ln for ln in proc.stderr.read().splitlines() if ln.strip()]
            raise KgError(f"the oxigraph server stopped at start: {printable(said[-1] if said else '')}",
                          EXIT_SERVICE)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                return proc
        except OSError:
            time.sleep(0.1)
    stop_process(proc)
    raise KgError(f"the oxigraph server did not start within {wait_s:g} s", EXIT_SERVICE)


def stop_process(proc) -> None:
    import subprocess

    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_guarded(binary: str, location: Path, host: str, port: int, writable: bool,
                timeout: float) -> int:
    """oxigraph on a private port, the guard on the public one, until Ctrl-C or SIGTERM."""
    import signal
    import threading
    from http.server import ThreadingHTTPServer

    private = free_loopback_port()
    proc = start_oxigraph(serve_command(binary, location, "127.0.0.1", private, writable, timeout),
                          private)
    # oxigraph's own complaints (a failing disk) still reach the terminal, escaped.
    threading.Thread(target=_echo_errors, args=(proc,), daemon=True).start()
    try:
        server_class = type("GuardServer", (ThreadingHTTPServer,), {
            "daemon_threads": True, "address_family": _family(host), "handle_error": _one_line_error})
        front = server_class((host, port), make_guard(("127.0.0.1", private), writable, timeout))
    except OSError as err:
        stop_process(proc)
        raise KgError(f"cannot listen on {host}:{port}: {describe_reason(err)}", EXIT_BAD_INPUT) from None

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    print("press Ctrl-C to stop", flush=True)
    try:
        front.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        front.server_close()
        stop_process(proc)
    return 0


def _one_line_error(server: Any, request: Any, client_address: Any) -> None:
    """A request that broke the guard is one escaped line on stderr, not a traceback."""
    err = sys.exc_info()[1]
    print(f"kg serve: error answering {client_address[0]}: {type(err).__name__}: "
          f"{printable(str(err))}", file=sys.stderr, flush=True)


def _family(host: str) -> int:
    import socket

    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _echo_errors(proc) -> None:
    for line in proc.stderr:
        # Not the private address it listens on, nor a client gone (the guard cut a result off).
        if line.strip() and not line.startswith("Listening for requests") \
                and "when writing response" not in line:
            print(f"oxigraph: {printable(line.rstrip())}", file=sys.stderr, flush=True)


def cmd_serve(args: argparse.Namespace) -> int:
    """`kg serve`: (re)build the database, then serve it behind the guard (or bare, if asked)."""
    host = args.host or "127.0.0.1"  # beyond this machine only when asked for by name
    trig = trig_path(args.input)
    location = Path(args.location) if args.location else Path(args.input) / "oxigraph-db"
    binary = oxigraph_binary()
    check_port_free(host, args.port)
    build_database(trig, location, binary)
    base = f"http://{url_host('127.0.0.1' if host in ('0.0.0.0', '::') else host)}:{args.port}"
    print(f"serving {trig} from {location}")
    print(f"  query UI:        {base}/")
    print(f"  SPARQL endpoint: {base}/query  (queries stop after {args.timeout:g} s)")
    if args.writable:
        print(f"  graph store:     {base}/store  (writable; changes are lost on the next kg serve)")
    if host not in LOOPBACK_HOSTS:
        print(f"  listening on {host}: reachable from other machines", file=sys.stderr)
    if not args.allow_service:
        sys.stdout.flush()
        return run_guarded(binary, location, host, args.port, args.writable, args.timeout)
    print("  SERVICE allowed: a query can make this server fetch any URL", file=sys.stderr)
    print("press Ctrl-C to stop", flush=True)
    sys.stderr.flush()
    command = serve_command(binary, location, host, args.port, args.writable, args.timeout)
    if os.name == "posix":
        # Become the server: Ctrl-C and kill reach it directly, no orphan is left behind.
        os.execv(binary, command)
    import subprocess  # pragma: no cover - non-POSIX

    proc = subprocess.Popen(command)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait()
        return 0


# ---------------------------------------------------------------------------
# registration
# ---------------------------------------------------------------------------

def _add_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-i", "--input", metavar="DIR", default=DEFAULT_DIR,
                        help=f"directory holding graph.trig, as written by kg build (default: {DEFAULT_DIR})")


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("must be between 1 and 65535")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    fmt = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser("query", help="run a SPARQL query on the graph",
                       description="Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on DIR/graph.trig.",
                       epilog=QUERY_EPILOG, formatter_class=fmt)
    p.add_argument("query", metavar="QUERY_OR_FILE",
                   help="the query text, a .rq file, - for stdin, or a shipped query's name")
    _add_input(p)
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (default), csv or json (SPARQL 1.1 results); CONSTRUCT prints Turtle")
    p.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                   help="bind ?VAR without editing the query: <iri>, kgr:…, text@zh or text (repeatable)")
    p.add_argument("--max-width", type=int, default=DEFAULT_MAX_WIDTH, metavar="N",
                   help=f"cut table cells wider than N columns (default {DEFAULT_MAX_WIDTH}; 0 = never)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("load", help="push the graph to a SPARQL server (Graph Store Protocol)",
                       description="Replace each document's named graph on a SPARQL 1.1 Graph Store endpoint.",
                       epilog=LOAD_EPILOG, formatter_class=fmt)
    p.add_argument("url", metavar="URL", help="the graph store endpoint, e.g. http://localhost:7878/store")
    _add_input(p)
    p.add_argument("--user", help=f"user name for HTTP basic authentication; the password comes "
                                  f"from ${PASSWORD_ENV}, or is asked for in a terminal")
    # Refused with a sentence: secrets on a command line show in `ps` and shell history.
    p.add_argument("--password", help=argparse.SUPPRESS)
    p.add_argument("--token", help=argparse.SUPPRESS)
    p.add_argument("--timeout", type=_positive_float, default=60.0, metavar="S",
                   help="seconds each request may take, start to end (default 60)")
    p.add_argument("--resume", action="store_true",
                   help=f"skip the graphs an earlier kg load put into URL unchanged "
                        f"(recorded in DIR/{STATE_NAME})")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("serve", help="serve the graph with a SPARQL endpoint and query UI",
                       description="Load DIR/graph.trig into an Oxigraph database and serve it over HTTP.",
                       epilog=SERVE_EPILOG, formatter_class=fmt)
    _add_input(p)
    p.add_argument("--port", type=_port, default=7878, help="port to listen on (default 7878)")
    p.add_argument("--host", default=None,
                   help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--location", metavar="DIR", default=None,
                   help="database directory, rebuilt each time (default: DIR/oxigraph-db)")
    p.add_argument("--writable", action="store_true",
                   help="accept updates and kg load (/update, /store); default is read-only")
    p.add_argument("--timeout", type=_positive_float, default=DEFAULT_QUERY_TIMEOUT, metavar="S",
                   help=f"seconds a query may take before it is stopped (default {DEFAULT_QUERY_TIMEOUT:g})")
    p.add_argument("--allow-service", action="store_true",
                   help="let queries use SERVICE, i.e. make the server fetch URLs they name "
                        "(default: refused)")
    p.set_defaults(func=cmd_serve)
