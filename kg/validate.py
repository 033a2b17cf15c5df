"""`kg validate`: check graph.ttl against the project's SHACL shapes with pySHACL.

The shapes are the RDF contract in executable form (ontology/shapes.ttl, shipped as
package data `kg.ontology`), so a graph that passes can be queried with the
documented patterns. Warnings (sh:Warning, sh:Info) are reported but do not fail the
run: they flag extraction quality, not a broken contract.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from kg.errors import EXIT_BAD_INPUT, EXIT_FAILED, KgError
from kg.ns import PREFIX_IRIS, SH_IRI

if TYPE_CHECKING:  # rdflib and pyshacl are imported lazily so `kg --help` stays instant
    import rdflib

DEFAULT_DIR = "output"
GRAPH_NAME = "graph.ttl"

EPILOG = """\
Each problem is one line: severity, focus node (with its label), property path,
message. Violations break the RDF contract (ontology/README.md) and make the
command exit 1; warnings flag doubtful extractions and are only reported.

examples:
  kg validate                          check output/graph.ttl
  kg validate -i out/ --violations-only
  kg validate --shapes my-shapes.ttl   check against other shapes
"""

#: Severity order for the report: what breaks the contract first.
SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, flattened to what a reader of the report needs.

    `severity` is "Violation", "Warning" or "Info"; `focus` and `path` are full IRIs
    (or blank node ids / "" when absent); `focus_label` is the focus node's rdfs:label.
    """
    severity: str
    focus: str
    focus_label: str | None
    path: str
    message: str
    value: str | None = None
    shape: str | None = None

    @property
    def is_violation(self) -> bool:
        return self.severity == "Violation"


def packaged_shapes_path() -> Path:
    """The shapes shipped with kejigraph: importlib.resources, so it works from a wheel too."""
    from importlib import resources

    resource = resources.files("kg.ontology") / "shapes.ttl"
    if not resource.is_file():
        raise KgError("the packaged SHACL shapes (kg.ontology/shapes.ttl) are missing; "
                      "pass --shapes FILE", EXIT_BAD_INPUT)
    return Path(str(resource))


def parse_graph(source: "str | os.PathLike[str] | rdflib.Graph", what: str) -> "rdflib.Graph":
    """An rdflib Graph from a Graph or a file; a parse error becomes one line, exit 2."""
    import rdflib

    if isinstance(source, rdflib.Graph):
        return source
    path = Path(source)
    if not path.is_file():
        raise KgError(f"{what} {path} not found", EXIT_BAD_INPUT)
    graph = rdflib.Graph()
    try:
        graph.parse(str(path), format=rdflib.util.guess_format(str(path)) or "turtle")
    except Exception as err:  # rdflib raises assorted parser exceptions
        raise KgError(f"{what} {path} could not be parsed: {' '.join(str(err).split())}",
                      EXIT_BAD_INPUT) from None
    return graph


def label_of(graph: "rdflib.Graph", node: "rdflib.term.Node") -> str | None:
    """The node's rdfs:label, preferring Chinese, so the report says which entity it is."""
    from rdflib.namespace import RDFS

    labels = list(graph.objects(node, RDFS.label))
    if not labels:
        return None
    labels.sort(key=lambda lit: (getattr(lit, "language", None) != "zh", str(lit)))
    return str(labels[0])


def node_text(node: "rdflib.term.Node | None") -> str:
    import rdflib

    if node is None:
        return ""
    if isinstance(node, rdflib.BNode):
        return f"_:{node}"
    return str(node)


def path_text(results: "rdflib.Graph", path: "rdflib.term.Node | None") -> str:
    """A property path as text: the IRI, `^p` for inverse, `a / b` sequences, else `(complex path)`."""
    import rdflib
    from rdflib.collection import Collection

    from kg.ns import SH

    if path is None:
        return ""
    if isinstance(path, rdflib.URIRef):
        return str(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(results, inverse)
    if results.value(path, rdflib.RDF.first) is not None:
        return " / ".join(path_text(results, step) for step in Collection(results, path))
    return "(complex path)"


def collect_results(results: "rdflib.Graph", data: "rdflib.Graph") -> list[Violation]:
    """Every sh:ValidationResult in pySHACL's report graph, sorted for reading."""
    from rdflib.namespace import RDF

    from kg.ns import SH

    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        found.append(Violation(
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            focus=node_text(focus),
            focus_label=label_of(data, focus) if focus is not None else None,
            path=path_text(results, results.value(result, SH.resultPath)),
            message=" ".join(str(message).split()) if message is not None else "",
            value=node_text(value) if value is not None else None,
            shape=node_text(results.value(result, SH.sourceShape)),
        ))
    found.sort(key=lambda v: (SEVERITY_RANK.get(v.severity, 9), v.focus, v.path, v.message))
    return found


def validate_graph(data_graph: "rdflib.Graph | str | os.PathLike[str]",
                   shapes_graph: "rdflib.Graph | str | os.PathLike[str] | None" = None,
                   say: "Callable[[str], None] | None" = None) -> tuple[bool, list[Violation]]:
    """Validate with pySHACL; (conforms, results), results including warnings.

    `conforms` is False only when some result has severity sh:Violation. SPARQL-based
    constraints are enabled (the shapes use them to tie relations to evidence); no
    inference is run, because the builder asserts every entity's class directly.

    pySHACL runs a SPARQL constraint once per focus node, parsing the query each time
    and scanning the graph inside it: over ten minutes on a 12 MB graph. So the SPARQL constraints
    of shapes reached only through their targets are taken out of the shapes and run
    here, each as one query over the whole graph in pyoxigraph (`SparqlCheck`), with
    the results pySHACL would give; pySHACL checks everything else. `say` hears each
    step of a long run.
    """
    import pyshacl

    say = say or (lambda text: None)
    say("reading the graph")
    data = parse_graph(data_graph, "graph")
    shapes = parse_graph(shapes_graph if shapes_graph is not None else packaged_shapes_path(),
                         "shapes")
    shapes, checks = split_sparql_checks(shapes)
    say(f"checking {len(data):,} statements against the shapes")
    with _passes_remembered():
        conforms, results, _text = pyshacl.validate(
            data, shacl_graph=shapes, advanced=True, inference="none", allow_warnings=True)
    found = collect_results(results, data)
    if checks:
        say(f"running {len(checks)} SPARQL constraint(s) over the whole graph")
        store = _oxigraph_store(data_graph, data)
        extra = [v for check in checks for v in check.run(store, data)]
        conforms = conforms and not any(v.is_violation for v in extra)
        found = sorted(found + extra, key=lambda v: (SEVERITY_RANK.get(v.severity, 9), v.focus, v.path, v.message))
    return bool(conforms), found


@contextmanager
def _passes_remembered():
    """While pySHACL runs, a node that passed a shape reached through another (sh:node,
    sh:or …) is not checked against it again.

    pySHACL checks every figure's and relation's entity against kgs:IsEntity, an sh:or
    of ten sh:class shapes, building a report for each of the nine that fail, though a
    build has a few hundred entities for tens of thousands of figures: most of the
    checking time. Whether one node conforms to one shape depends on nothing else in
    one run, and a pass leaves nothing in the report, so a pass is remembered (a failure
    is always checked again, for its report). Left out where pySHACL's Shape.validate
    is not the one this was written against."""
    import inspect

    from pyshacl.shape import Shape

    original = Shape.validate
    if list(inspect.signature(original).parameters) != ["self", "executor", "target_graph", "focus",
                                                         "_evaluation_path"]:
        yield
        return
    import rdflib

    passed: set = set()

    def validate(self, executor, target_graph, focus=None, _evaluation_path=None):
        single = isinstance(focus, (rdflib.term.IdentifiedNode, rdflib.Literal))
        if single and (self.node, focus) in passed:
            return True, []
        conforms, reports = original(self, executor, target_graph, focus=focus, _evaluation_path=_evaluation_path)
        if single and conforms and not reports:
            passed.add((self.node, focus))
        return conforms, reports

    Shape.validate = validate
    try:
        yield
    finally:
        Shape.validate = original


@dataclass(frozen=True)
class SparqlCheck:
    """One SPARQL-based constraint (sh:sparql with sh:select), run as a single query: the
    shape's targets are joined into the query to bind $this, so every focus node is
    checked at once and each solution row is one result, as pySHACL reports it."""
    shape: str
    constraint: str
    query: str
    messages: tuple[str, ...]
    severity: str

    def run(self, store, data: "rdflib.Graph") -> list[Violation]:
        import rdflib

        seen = set()
        found = []
        for row in store.query(self.query):
            this, path, value = (_ox_term(row[name]) for name in ("this", "path", "value"))
            if (this, path, value) in seen:
                continue
            seen.add((this, path, value))
            bound = {"this": this, "path": path, "value": value}
            focus = rdflib.URIRef(this) if this and not this.startswith("_:") else None
            message = _fill(self.messages[0], bound) if self.messages else ""
            value = value if value is not None else this  # a node shape's value is its focus
            found.append(Violation(
                severity=self.severity, focus=this or "", path=path or "",
                focus_label=label_of(data, focus) if focus is not None else None,
                message=" ".join(message.split()), value=value, shape=self.shape))
        return found


def _ox_term(term) -> str | None:
    """A pyoxigraph term as `node_text` writes an rdflib one (IRI, `_:id`, lexical form)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _fill(message: str, bound: dict[str, str | None]) -> str:
    """`{?path}` and `{$value}` in a constraint's message replaced, as pySHACL does."""
    for name, value in bound.items():
        if value is not None:
            message = re.sub(r"\{[?$]" + name + r"\}", lambda m: value, message)
    return message


_TARGETS = ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode")


def split_sparql_checks(shapes: "rdflib.Graph") -> "tuple[rdflib.Graph, list[SparqlCheck]]":
    """The shapes without the SPARQL constraints that can run as one query, and those
    constraints as `SparqlCheck`s. A constraint stays with pySHACL when its shape is
    also reached from another shape (sh:node, sh:property …), is a property shape, has
    targets other than the four plain ones, or the constraint is deactivated or not a
    SELECT."""
    import rdflib
    from rdflib.namespace import RDF

    from kg.ns import SH

    checks = []
    remove = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        query = shapes.value(constraint, SH.select)
        targets = [(t, shapes.value(shape, SH[t])) for t in _TARGETS if shapes.value(shape, SH[t]) is not None]
        referenced = any(p != RDF.type for _, p in shapes.subject_predicates(shape))
        if (query is None or not targets or referenced or shapes.value(constraint, SH.deactivated)
                or shapes.value(shape, SH.path) is not None
                or any(p.startswith(SH_IRI + "target") and p.removeprefix(SH_IRI) not in _TARGETS
                       for p in shapes.predicates(shape))):
            continue
        focus = _focus_pattern(shapes, shape)
        text = _bind_this(str(query), focus)
        if text is None:
            continue
        prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _declared_prefixes(shapes, constraint))
        severity = shapes.value(shape, SH.severity) or SH.Violation
        messages = tuple(str(m) for m in shapes.objects(constraint, SH.message)) or \
            tuple(str(m) for m in shapes.objects(shape, SH.message))
        checks.append(SparqlCheck(shape=node_text(shape), constraint=node_text(constraint),
                                  query=prefixes + text, messages=messages,
                                  severity=str(severity).rsplit("#", 1)[-1]))
        remove.append((shape, SH.sparql, constraint))
    if not remove:
        return shapes, []
    rest = rdflib.Graph()
    for prefix, ns in shapes.namespaces():
        rest.bind(prefix, ns)
    for triple in shapes:
        rest.add(triple)
    for triple in remove:
        rest.remove(triple)
    return rest, checks


def _focus_pattern(shapes: "rdflib.Graph", shape) -> str:
    """A SPARQL group binding ?this to each focus node of `shape` once."""
    from kg.ns import SH

    branches = []
    for node in shapes.objects(shape, SH.targetClass):
        branches.append(f"{{ ?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{node}> }}")
    for node in shapes.objects(shape, SH.targetSubjectsOf):
        branches.append(f"{{ ?this <{node}> ?kg_target_o }}")
    for node in shapes.objects(shape, SH.targetObjectsOf):
        branches.append(f"{{ ?kg_target_s <{node}> ?this }}")
    for node in shapes.objects(shape, SH.targetNode):
        branches.append(f"{{ VALUES ?this {{ {node.n3()} }} }}")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(branches) + " } }"


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _bind_this(select: str, focus: str) -> str | None:
    """The constraint's SELECT with $this made ?this and bound by `focus` at the start of
    its WHERE; None when the query has no plain WHERE clause to put it in."""
    match = _WHERE.search(select)
    if match is None or ("?this" in select and "$this" not in select):
        return None
    text = select.replace("$this", "?this")
    match = _WHERE.search(text)
    return text[:match.end()] + " " + focus + " " + text[match.end():]


def _declared_prefixes(shapes: "rdflib.Graph", constraint) -> list[tuple[str, str]]:
    """The sh:declare prefixes of the ontologies named by the constraint's sh:prefixes."""
    from kg.ns import SH

    found = []
    for ontology in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            prefix, ns = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and ns is not None:
                found.append((str(prefix), str(ns)))
    return found


def _oxigraph_store(source, data: "rdflib.Graph"):
    """The data in a pyoxigraph store: parsed again from the file (Rust, seconds for a
    large graph) or, for a Graph, through N-Triples."""
    import pyoxigraph as ox
    import rdflib

    store = ox.Store()
    if isinstance(source, rdflib.Graph):
        store.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    else:
        path = str(source)
        fmt = ox.RdfFormat.from_extension(path.rsplit(".", 1)[-1]) or ox.RdfFormat.TURTLE
        store.bulk_load(path=path, format=fmt)
    return store


def shorten(text: str) -> str:
    """kgr:…, kgo:… and friends (sh: for SHACL terms), also inside `^p` and `a / b` paths."""
    if " / " in text:
        return " / ".join(shorten(step) for step in text.split(" / "))
    if text.startswith("^"):
        return "^" + shorten(text[1:])
    if not text.startswith(("http:", "https:", "urn:")):
        return text
    prefixes = _prefixes()
    best = max((p for p, ns in prefixes.items() if text.startswith(ns) and len(text) > len(ns)),
               key=lambda p: len(prefixes[p]), default=None)
    return f"{best}:{text[len(prefixes[best]):]}" if best else f"<{text}>"


def _prefixes() -> dict[str, str]:
    return {**PREFIX_IRIS, "sh": SH_IRI}


_IRI_IN_TEXT = re.compile(r"<((?:https?|urn):[^<>\s]+)>")


def format_violation(v: Violation) -> str:
    """`Violation  kgr:university/… (清华大学)  rdfs:label  Less than 1 values …`"""
    focus = shorten(v.focus) or "-"
    if v.focus_label:
        focus += f" ({v.focus_label})"
    message = _IRI_IN_TEXT.sub(lambda m: shorten(m.group(1)), v.message)
    return f"{v.severity:<9}  {focus}  {shorten(v.path) if v.path else '-'}  {message}"


def format_report(conforms: bool, results: list[Violation], show_warnings: bool = True) -> str:
    """The whole report: one line per result, then a count."""
    shown = [v for v in results if show_warnings or v.is_violation]
    lines = [format_violation(v) for v in shown]
    violations = sum(v.is_violation for v in results)
    others = len(results) - violations
    summary = f"{violations} violation{'s' if violations != 1 else ''}"
    if others:
        summary += f", {others} warning{'s' if others != 1 else ''}"
        if not show_warnings:
            summary += " (not shown)"
    verdict = "conforms" if conforms else "does not conform"
    lines.append(f"{summary}: the graph {verdict} to the shapes")
    return "\n".join(lines) + "\n"


def cmd_validate(args: argparse.Namespace) -> int:
    data_path = Path(args.input) / GRAPH_NAME
    if not data_path.is_file():
        raise KgError(f"{data_path} not found: run `kg build -o {args.input}` first, or pass -i DIR",
                      EXIT_BAD_INPUT)
    from kg.progress import size_text, step_printer

    printer = step_printer(data_path, args.quiet)
    conforms, results = validate_graph(
        data_path, args.shapes, say=lambda text: printer(text.replace("the graph", size_text(data_path), 1)))
    sys.stdout.write(format_report(conforms, results, show_warnings=not args.violations_only))
    return 0 if conforms else EXIT_FAILED


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check the graph against the SHACL shapes",
                       description="Validate DIR/graph.ttl with pySHACL against kejigraph's SHACL shapes.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-i", "--input", metavar="DIR", default=DEFAULT_DIR,
                   help=f"directory holding graph.ttl, as written by kg build (default: {DEFAULT_DIR})")
    p.add_argument("--shapes", metavar="FILE", default=None,
                   help="SHACL shapes to use instead of the ones shipped with kejigraph")
    p.add_argument("--violations-only", action="store_true",
                   help="list only violations, not warnings (they are still counted)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress messages on stderr")
    p.set_defaults(func=cmd_validate)
