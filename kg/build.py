"""`kg build`: read, normalise, extract, resolve, serialise, view."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("build", help="build the graph from reports (default: the bundled sample)")
    p.add_argument("inputs", nargs="*")
    p.add_argument("-o", "--output", default="output")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=lambda args: 0)
