"""Progress on stderr for the long steps of the commands that read a built graph.

Reading a graph of a few megabytes with rdflib, and what comes after, takes from
seconds to minutes; a command that says nothing that long looks hung. Small graphs
are done before a message could help, so only large ones are announced.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

#: Graph files from this size on take long enough (several seconds and more) that each
#: step is announced.
LARGE_GRAPH_BYTES = 1_000_000


def step_printer(graph_file: Path, quiet: bool = False) -> Callable[[str], None]:
    """`say(text)`: prints `kg: text …` on stderr when `graph_file` is large and not
    `quiet`; otherwise does nothing."""
    try:
        size = Path(graph_file).stat().st_size
    except OSError:
        size = 0
    if quiet or size < LARGE_GRAPH_BYTES:
        return lambda text: None
    return lambda text: print(f"kg: {text} …", file=sys.stderr, flush=True)


def size_text(graph_file: Path) -> str:
    """`graph.ttl (12.3 MB)`, for the first message."""
    try:
        return f"{graph_file} ({Path(graph_file).stat().st_size / 1e6:.1f} MB)"
    except OSError:
        return str(graph_file)
