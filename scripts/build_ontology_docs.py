#!/usr/bin/env python3
"""Generate the ontology's HTML documentation (docs/ontology.html) from ontology/kg.ttl.

Uses pyLODE's OntPub profile. The output is written atomically (a temporary file
beside the target, renamed over it on success), so a failed run never leaves a
half-written page.

usage:
    python scripts/build_ontology_docs.py                    # ontology/kg.ttl -> docs/ontology.html
    python scripts/build_ontology_docs.py -i kg.ttl -o out.html
    python scripts/build_ontology_docs.py --check            # exit 1 if docs/ontology.html is stale
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "ontology" / "kg.ttl"
DEFAULT_OUTPUT = ROOT / "docs" / "ontology.html"


def _import_ontpub():
    """pyLODE's OntPub class.

    pyLODE 3.4.x reads its version from a pyproject.toml that its wheel does not ship
    (pylode/version.py opens site-packages/pyproject.toml), so a plain import fails
    with FileNotFoundError. If that happens, provide the version module ourselves,
    from the installed distribution's metadata, and import again.
    """
    try:
        from pylode import OntPub
        return OntPub
    except FileNotFoundError:
        pass
    from importlib import metadata

    for name in [m for m in sys.modules if m == "pylode" or m.startswith("pylode.")]:
        del sys.modules[name]  # drop the half-imported package
    stub = types.ModuleType("pylode.version")
    stub.__version__ = metadata.version("pylode")
    sys.modules["pylode.version"] = stub
    from pylode import OntPub
    return OntPub


class _InsertionOrderedSet(dict):
    """A stand-in for `set` with a stable iteration order (first insertion first).

    pyLODE collects the members of an owl:unionOf into a plain `set` of dominate
    elements, which hash by id, so "Agent or Place" came out in a different order on
    every run. With this in pylode.utils' namespace the members keep their list
    order and the page is byte-identical from run to run.
    """

    def add(self, item) -> None:
        self.setdefault(item, None)


def _make_deterministic() -> None:
    import pylode.utils

    pylode.utils.set = _InsertionOrderedSet  # only the union/intersection lists use set()


def _bilingual_titles(graph):
    """Merge each term's English and Chinese labels into one "English · 中文" title.

    pyLODE prints every rdfs:label / dcterms:title of a term run together in its
    heading ("Agent行为主体"); one joined literal reads better. Only the copy of the
    graph handed to pyLODE is changed, never kg.ttl.
    """
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, RDFS

    order = {"en": 0, None: 1, "zh": 2}
    for prop in (RDFS.label, DCTERMS.title):
        for subject in sorted(set(graph.subjects(prop, None)), key=str):
            titles = sorted(graph.objects(subject, prop),
                            key=lambda lit: (order.get(getattr(lit, "language", None), 1), str(lit)))
            if len(titles) > 1:
                graph.remove((subject, prop, None))
                graph.add((subject, prop, Literal(" · ".join(str(t) for t in titles))))
    return graph


def render(ontology: Path) -> str:
    """The HTML page for the ontology file, as a string."""
    from rdflib import Graph

    OntPub = _import_ontpub()
    _make_deterministic()
    logging.getLogger().setLevel(logging.WARNING)  # pyLODE's imports leave the root logger chatty
    graph = _bilingual_titles(Graph().parse(str(ontology), format="turtle"))
    html = OntPub(ontology=graph, sort_subjects=True).make_html()
    return html if html.endswith("\n") else html + "\n"


def write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-i", "--input", type=Path, default=DEFAULT_INPUT,
                        help=f"ontology Turtle file (default: {DEFAULT_INPUT.relative_to(ROOT)})")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"HTML file to write (default: {DEFAULT_OUTPUT.relative_to(ROOT)})")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the output differs from a fresh render")
    args = parser.parse_args(argv)

    if not args.input.is_file():
        print(f"build_ontology_docs: {args.input} not found", file=sys.stderr)
        return 2
    html = render(args.input)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
        if current != html:
            print(f"build_ontology_docs: {args.output} is out of date; run "
                  f"scripts/build_ontology_docs.py", file=sys.stderr)
            return 1
        return 0
    write_atomic(args.output, html)
    print(f"wrote {args.output} ({len(html):,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
