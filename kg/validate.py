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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
                   ) -> tuple[bool, list[Violation]]:
    """Validate with pySHACL; (conforms, results), results including warnings.

    `conforms` is False only when some result has severity sh:Violation. SPARQL-based
    constraints are enabled (the shapes use them to tie relations to evidence); no
    inference is run, because the builder asserts every entity's class directly.
    """
    import pyshacl

    data = parse_graph(data_graph, "graph")
    shapes = parse_graph(shapes_graph if shapes_graph is not None else packaged_shapes_path(),
                         "shapes")
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=True, inference="none", allow_warnings=True)
    return bool(conforms), collect_results(results, data)


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
    conforms, results = validate_graph(data_path, args.shapes)
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
    p.set_defaults(func=cmd_validate)
