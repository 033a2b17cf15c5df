"""What a build made of each document: its narrator and how it was found, its entities,
relations and figures, and what it warns of. Printed after `kg build`, written to
OUTPUT/build-report.json and shown again by `kg stats`, so a document that yielded little
(no narrator, few figures) is seen, not averaged away."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from kg.model import Graph

REPORT_NAME = "build-report.json"


def narrator_warning(meta) -> str | None:
    """The one-line warning for a document no source gave a narrator, saying where its facts went."""
    if meta.narrator_source != "none":
        return None
    from kg.narrator import how_to_give

    where = (f"its figures and relations are attached to {meta.area}" if meta.area
             else "figures and acts without a written subject are not kept")
    return f"{meta.source}: no narrator found (no title line, metadata, file name or 我代表…/全省 in the text); " \
           f"{where}; {how_to_give(meta.source)}"


def document_rows(graph: Graph) -> list[dict]:
    """One row per document, in build order, counted in the resolved graph."""
    entities: Counter = Counter()
    linked = set()
    relations: dict[str, set] = defaultdict(set)
    for s, p, o, ev in graph.relations:
        if p != "receivedHonor":
            relations[ev.doc_id].add((s, p, o))
            linked.update((s, o))
    isolated: Counter = Counter()
    for ent in graph.entities.values():
        for doc in ent.documents:
            entities[doc] += 1
            isolated[doc] += ent.key not in linked
    figures = Counter(o.evidence.doc_id for _, o in graph.observations)
    rows = []
    for meta in graph.documents:
        warning = narrator_warning(meta)
        rows.append({"document": meta.source, "doc_id": meta.doc_id,
                     "narrator": list(meta.narrators), "narrator_source": meta.narrator_source,
                     "area": meta.area, "chars": meta.chars, "entities": entities[meta.doc_id],
                     "isolated": isolated[meta.doc_id], "relations": len(relations[meta.doc_id]),
                     "figures": figures[meta.doc_id], "warnings": [warning] if warning else []})
    return rows


def write_report(out_dir: Path, rows: list[dict], warnings: list[str]) -> None:
    """`warnings` are the build's own (files skipped, manifest rows matching nothing)."""
    from kg.fsutil import write_text_atomic

    write_text_atomic(Path(out_dir) / REPORT_NAME, json.dumps(
        {"documents": rows, "warnings": warnings}, ensure_ascii=False, indent=1) + "\n")


def read_report(out_dir: Path) -> dict | None:
    """The report of the last build into `out_dir`, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads((Path(out_dir) / REPORT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("documents"), list) else None


def _narrator_cell(names: list[str]) -> str:
    if not names:
        return "—"
    return names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "")


def format_report(report: dict) -> str:
    """The per-document table (CJK counted double-width), with a totals line when more than one."""
    from kg.stats import _printable, _table

    rows = report.get("documents", [])
    head = ("document", "narrator", "found by", "entities", "relations", "figures", "warnings")
    body = [(_printable(r["document"]), _printable(_narrator_cell(r["narrator"])), r["narrator_source"],
             str(r["entities"]), str(r["relations"]), str(r["figures"]), str(len(r["warnings"])))
            for r in rows]
    lines = _table([head, *body], right={3, 4, 5, 6})
    if len(rows) > 1:
        narrated = sum(1 for r in rows if r["narrator_source"] != "none")
        lines.append(f"{narrated} of {len(rows)} document(s) with a narrator")
    return "\n".join(lines) + "\n"
