"""`kg stats`: what a built graph holds, and who sits at its centre.

Counts entities by type and relations by predicate, ranks the most connected
entities (degree, and betweenness: who links otherwise separate parts), and
splits the graph into communities (Louvain with a fixed seed). Everything is
sorted with explicit tie-breaks so two runs on the same graph print the same.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from kg.view import GraphData

TOP_N = 10
COMMUNITY_SEED = 42
#: Above this many nodes betweenness is estimated from a fixed sample of sources.
#: (Exact betweenness is O(V·E): ~5 s at 2,000 entities; 300 sources give the same top ten.)
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SAMPLE = 300
#: Communities listed with their members; smaller ones are only counted.
COMMUNITY_MIN_SIZE = 3
COMMUNITY_MEMBERS_SHOWN = 8

EPILOG = """\
Degree counts the relations an entity takes part in (both directions);
betweenness is the share of shortest paths between other entities that pass
through it. Communities are groups more tightly linked to each other than to the
rest (Louvain, seed 42), listed largest first with their best-connected members.

examples:
  kg stats                         summary of output/graph.ttl
  kg stats -i out/ --format json   the same as JSON, for scripts

When the build left DIR/build-report.json, each document's narrator (and how it
was found), entities, relations, figures and warnings are shown too.
"""


def to_networkx(data: "GraphData") -> "nx.Graph":
    """Undirected entity graph: a relation in either direction links two entities once."""
    import networkx as nx

    g = nx.Graph()
    for iri in data.entities:
        g.add_node(iri)
    for rel in data.relations:
        g.add_edge(rel.subject, rel.object)
    return g


def _ranked(scores: dict[str, float], data: "GraphData", n: int) -> list[dict]:
    order = sorted(scores, key=lambda iri: (-scores[iri], data.entities[iri].label, iri))
    return [{"label": data.entities[iri].label, "type": data.entities[iri].type,
             "score": round(scores[iri], 6)} for iri in order[:n]]


def compute_stats(rdf: "rdflib.Graph") -> dict:
    """The whole report as plain data (what --format json prints)."""
    import networkx as nx

    from kg.model import ENTITY_PREDICATES, ENTITY_TYPES
    from kg.ns import KGO
    from kg.view import read_graph
    from rdflib.namespace import RDF

    data = read_graph(rdf)
    g = to_networkx(data)
    degree = data.degree()          # relation count, so two predicates between a pair count twice
    sample = BETWEENNESS_SAMPLE if g.number_of_nodes() > BETWEENNESS_EXACT_MAX else None
    between = nx.betweenness_centrality(g, k=sample, seed=COMMUNITY_SEED if sample else None)

    types = {t: 0 for t in ENTITY_TYPES}
    for ent in data.entities.values():
        types[ent.type] += 1
    predicates = {p: 0 for p in ENTITY_PREDICATES}
    for rel in data.relations:
        predicates[rel.predicate] += 1
    honours = sum(len(e.honours) for e in data.entities.values())

    communities = []
    linked = g.subgraph([n for n in g if g.degree(n) > 0])
    if linked.number_of_edges():
        found = nx.community.louvain_communities(linked, seed=COMMUNITY_SEED)
        modularity = nx.community.modularity(linked, found)
        for members in found:
            ordered = sorted(members, key=lambda i: (-degree[i], data.entities[i].label, i))
            communities.append({"size": len(members),
                                "members": [data.entities[i].label for i in ordered]})
        communities.sort(key=lambda c: (-c["size"], c["members"]))
    else:
        modularity = 0.0

    return {
        "entities": len(data.entities),
        "relations": len(data.relations),
        "by_type": types,
        "by_predicate": predicates,
        "honours": honours,
        "observations": sum(1 for _ in rdf.subjects(RDF.type, KGO.Observation)),
        "documents": sum(1 for _ in rdf.subjects(RDF.type, KGO.Document)),
        "isolated": sum(1 for n in g if g.degree(n) == 0),
        "components": nx.number_connected_components(g) if len(g) else 0,
        "top_degree": _ranked({k: float(v) for k, v in degree.items()}, data, TOP_N),
        "top_betweenness": _ranked(between, data, TOP_N),
        "betweenness_sample": sample,
        "communities": communities,
        "modularity": round(modularity, 4),
    }


# --- the table ------------------------------------------------------------------------------

def _printable(text: str) -> str:
    """Names are data: control characters (e.g. terminal escape sequences) are shown, not sent."""
    return "".join(ch if unicodedata.category(ch)[0] != "C" else f"\\u{ord(ch):04x}" for ch in text)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _table(rows: list[tuple[str, ...]], right: set[int] = frozenset()) -> list[str]:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [(" " * (widths[i] - _width(c)) + c) if i in right else _pad(c, widths[i])
                 for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def format_table(stats: dict) -> str:
    """A report for people: sections, aligned columns (CJK counted double-width)."""
    from kg.view import VOCAB

    out = [f"{stats['entities']} entities, {stats['relations']} relations, {stats['honours']} honours, "
           f"{stats['observations']} figures from {stats['documents']} document(s); "
           f"{stats['components']} connected component(s), {stats['isolated']} isolated entities", ""]
    out.append("entities by type")
    out += ["  " + line for line in _table(
        [(t, VOCAB["types"][t]["zh"], str(n)) for t, n in stats["by_type"].items()], right={2})]
    out += ["", "relations by predicate"]
    out += ["  " + line for line in _table(
        [(p, VOCAB["predicates"][p]["zh"], str(n)) for p, n in stats["by_predicate"].items()], right={2})]
    estimated = (f", estimated from {stats['betweenness_sample']} sources"
                 if stats.get("betweenness_sample") else "")
    for key, title, fmt in (("top_degree", "most connected (degree)", "{:.0f}"),
                            ("top_betweenness", f"most central (betweenness{estimated})", "{:.4f}")):
        out += ["", title]
        rows = [(str(i), _printable(r["label"]), r["type"], fmt.format(r["score"]))
                for i, r in enumerate(stats[key], 1)]
        out += ["  " + line for line in _table(rows, right={0, 3})] if rows else ["  (none)"]
    shown = [c for c in stats["communities"] if c["size"] >= COMMUNITY_MIN_SIZE]
    out += ["", f"communities (Louvain, seed {COMMUNITY_SEED}; modularity {stats['modularity']}): "
                f"{len(stats['communities'])}, {len(shown)} with {COMMUNITY_MIN_SIZE}+ members"]
    for i, com in enumerate(shown[:TOP_N], 1):
        names = "、".join(_printable(m) for m in com["members"][:COMMUNITY_MEMBERS_SHOWN])
        more = f" … +{com['size'] - COMMUNITY_MEMBERS_SHOWN}" if com["size"] > COMMUNITY_MEMBERS_SHOWN else ""
        out.append(f"  {i:>2}. ({com['size']}) {names}{more}")
    if len(shown) > TOP_N:
        out.append(f"  … {len(shown) - TOP_N} more (see --format json)")
    return "\n".join(out) + "\n"


def run_stats(args: argparse.Namespace) -> int:
    from kg.progress import size_text, step_printer
    from kg.view import GRAPH_NAME, load_graph

    from kg.buildreport import format_report, read_report

    path = Path(args.input) / GRAPH_NAME
    say = step_printer(path)
    say(f"reading {size_text(path)}")
    graph = load_graph(path)
    say(f"ranking the entities of {len(graph):,} statements (degree, betweenness, communities)")
    stats = compute_stats(graph)
    built = read_report(Path(args.input))   # what the build said of each document, when it left a report
    if args.format == "json":
        if built is not None:
            stats["build_report"] = built["documents"]
        sys.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_table(stats))
        if built is not None and built["documents"]:
            sys.stdout.write("\nper document (build-report.json)\n")
            sys.stdout.write("".join("  " + line + "\n" for line in format_report(built).splitlines()))
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "stats", help="counts, the most connected entities and communities of the graph",
        description="Summarise DIR/graph.ttl: counts by type and predicate, central entities, communities.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-i", "--input", metavar="DIR", default="output",
                   help="build folder holding graph.ttl (default: output)")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table for people (default), json for scripts")
    p.set_defaults(func=run_stats)

