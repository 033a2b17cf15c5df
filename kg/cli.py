"""The `kg` command: one sub-command per module, each registering its own parser."""
from __future__ import annotations

import argparse
import importlib
import sys

from kg import __version__
from kg.errors import (EXIT_BAD_INPUT, EXIT_ENVIRONMENT, KgError, os_reason,
                       printable)

#: Modules that contribute sub-commands. Each exposes `register(subparsers)`, which adds
#: its parser(s) and sets `func` to a callable taking the parsed args and returning an
#: exit code. Heavy imports stay inside those callables so `kg --help` is instant.
COMMAND_MODULES = ("kg.build", "kg.evaluate", "kg.store", "kg.validate", "kg.view", "kg.stats")

DESCRIPTION = """\
kejigraph turns Chinese science-and-technology reports (先进事迹, 工作总结,
政府工作报告) into a knowledge graph: entities, relations and figures, each with
the sentence it was read from, as RDF you can query.

typical session:
  kg build                          build output/ from the bundled sample report
  kg build reports/ -o out/         build from your own files and folders
  kg query 'SELECT ?u WHERE { ?b kgo:partnersWith ?u . ?u a kgo:University }'
  kg validate                       check the graph against the SHACL shapes
  kg view --focus 运城市科学技术局   a page for one agency's neighbourhood
  kg serve                          a SPARQL server with a query UI on the graph
"""

EPILOG = """\
exit codes:
  0  success
  1  the command ran and found problems (SHACL violations; warnings with --strict)
  2  bad arguments, or no input that yields text
  3  a server or endpoint could not be reached or refused the request
  4  the system refused: a folder that cannot be written, a full disk
  143  stopped by SIGTERM (temporary files removed, outputs left as they were)

Run `kg COMMAND --help` for each command's options and an example.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.func(args) or 0)
    except KgError as err:
        print(f"kg: error: {printable(err)}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except OSError as err:  # the system refused: a full disk, a folder that cannot be written
        if getattr(args, "debug", False):
            raise
        where = f" ({printable(err.filename)})" if err.filename else ""
        print(f"kg: error: {printable(os_reason(err))}{where}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except Exception as err:  # a bug, or an input we did not foresee: one line unless --debug
        if getattr(args, "debug", False):
            raise
        print(f"kg: error: {type(err).__name__}: {printable(err)} (run with --debug for details)", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
