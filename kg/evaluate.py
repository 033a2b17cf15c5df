"""`kg evaluate`: score a built graph against gold annotations, and list the errors.

Matching follows the extraction guide: names compare after normalisation
(quotes, 《》, `**`, spaces and brackets dropped, NFKC, lower case) through the
label or any alias with the type agreeing; relations through matched
entities (partnersWith either way); figures on subject (or narrator), value,
unit, and year where both give one; bureau links are the (bureau, target)
pairs joined by any relation.

One gold file is scored against the whole graph (graph.ttl). Several gold
files, or a folder of them, are scored one document at a time against that
document's named graph in graph.trig, and summed into a micro-average: a
build of many documents is then judged on what it read from each, not on
what another document happened to contribute.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError

CORE_TYPES = ("Bureau", "University", "ResearchInstitute", "Enterprise", "Platform",
              "Program", "Policy", "Event", "Place")
ENTITY_PREDICATES = ("partnersWith", "supports", "establishes", "implements", "organizes",
                     "issues", "affiliatedWith", "locatedIn", "develops")
LINK_TARGETS = {"University", "ResearchInstitute", "Enterprise", "Platform", "Program", "Policy", "Event"}
FIGURES = ("entities", "relations", "bureau_links", "observations")
_DROP = re.compile(r"[\s\*“”\"'‘’《》〈〉「」『』()（）]")


def norm(text) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text))).lower()


def norm_unit(unit) -> str:
    u = norm(unit or "")
    u = {"平米": "平方米"}.get(u, u)
    return u[:-1] if len(u) > 1 and u.endswith("元") else u


@dataclass
class Score:
    tp: int
    system: int
    gold: int
    false_positives: list = field(default_factory=list)
    false_negatives: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "system": self.system, "gold": self.gold}


@dataclass
class Result:
    """One scoring: the four headline figures, and entities by type and relations by
    predicate, so a change that helps one type and hurts another shows."""

    scores: dict[str, Score]
    by_type: dict[str, Score]
    by_predicate: dict[str, Score]


def micro(scores: list[Score]) -> Score:
    """The micro-average of several scorings: counts summed, so each document weighs by
    its size and the figures are those of one scoring over all of them."""
    return Score(sum(s.tp for s in scores), sum(s.system for s in scores), sum(s.gold for s in scores))


def micro_result(results: list[Result]) -> Result:
    def summed(part: str) -> dict[str, Score]:
        keys = list(dict.fromkeys(k for r in results for k in getattr(r, part)))
        return {k: micro([getattr(r, part)[k] for r in results if k in getattr(r, part)]) for k in keys}
    return Result(summed("scores"), summed("by_type"), summed("by_predicate"))


# --- the system's side ----------------------------------------------------------------

def load_system(path: Path) -> dict:
    """The entities, relations and figures of the whole graph at `path`."""
    from rdflib import Graph

    g = Graph()
    g.parse(path)
    return system_of(g)


def load_documents(trig: Path) -> dict:
    """Each document's named graph in `trig` by doc_id (kg/serialise.py names it
    kgr:graph/DOC_ID): what was read from that document, entities it mentions included."""
    from rdflib import Dataset

    from kg.ns import KGR_IRI

    ds = Dataset()
    ds.parse(trig, format="trig")
    prefix = KGR_IRI + "graph/"
    return {str(g.identifier)[len(prefix):]: g for g in ds.graphs() if str(g.identifier).startswith(prefix)}


def system_of(g) -> dict:
    """What the scorer compares, read from an rdflib graph."""
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.ns import KGO

    ents = {}
    for t in CORE_TYPES + ("Product",):
        for e in g.subjects(RDF.type, KGO[t]):
            rec = ents.setdefault(e, {"types": set(), "names": set(), "label": str(e)})
            rec["types"].add(t)
    for e, rec in ents.items():
        for lab in g.objects(e, RDFS.label):
            rec["label"] = str(lab)
            rec["names"].add(norm(lab))
        for lab in g.objects(e, SKOS.altLabel):
            rec["names"].add(norm(lab))
    rels = {(s, p, o) for p in ENTITY_PREDICATES for s, o in g.subject_objects(KGO[p])}
    obs = []
    for o in sorted(g.subjects(RDF.type, KGO.Observation)):
        value, year, passage = g.value(o, KGO.value), g.value(o, KGO.year), g.value(o, KGO.passage)
        quote = g.value(passage, KGO.quote) if passage is not None else None
        obs.append({"subject": g.value(o, KGO.aboutEntity), "value": float(value) if value is not None else None,
                    "unit": norm_unit(g.value(o, KGO.unit)), "year": int(str(year)[:4]) if year else None,
                    "indicator": str(g.value(o, KGO.indicator) or ""), "quote": str(quote or "")})
    return {"entities": ents, "relations": rels, "observations": obs}


# --- matching and scoring -------------------------------------------------------------

def _match(system, gold_entities, types, typed):
    sys_ents = {i: r for i, r in system["entities"].items() if r["types"] & set(types)}
    gold = {e["name"]: e for e in gold_entities if e["type"] in types}
    by_name = {}
    for iri, r in sys_ents.items():
        for n in r["names"]:
            by_name.setdefault(n, []).append(iri)
    mapping, used = {}, set()
    for pass_ in ("canonical", "alias"):
        for gname, ge in gold.items():
            if gname in mapping.values():
                continue
            names = {norm(gname)} | {norm(a) for a in ge.get("aliases", [])}
            keys = [norm(gname)] if pass_ == "canonical" else sorted(names)
            for key in keys:
                gtypes = {ge["type"], *ge.get("alt_types", [])}
                cands = sorted(i for i in by_name.get(key, []) if i not in used
                               and (not typed or gtypes & sys_ents[i]["types"]))
                if cands:
                    mapping[cands[0]] = gname
                    used.add(cands[0])
                    break
    return mapping, sys_ents, gold


def _entity_score(system, gold_entities, types) -> Score:
    """Entities of `types`, matched with the type agreeing; an optional gold entity
    counts neither way."""
    mapping, sys_ents, gents = _match(system, gold_entities, types, True)
    optional = {n for n, e in gents.items() if e.get("optional")}
    req = {i: g for i, g in mapping.items() if g not in optional}
    return Score(len(req), len(sys_ents) - (len(mapping) - len(req)),
                 sum(1 for n in gents if n not in optional),
                 sorted(f"{sys_ents[i]['label']} ({'/'.join(sorted(sys_ents[i]['types']))})"
                        for i in sys_ents if i not in mapping),
                 sorted(f"{n} ({e['type']})" for n, e in gents.items()
                        if n not in mapping.values() and n not in optional))


def evaluate(graph_path: Path, gold_path: Path) -> dict[str, Score]:
    """The four headline scores of the whole graph at `graph_path` against one gold file."""
    return score(load_system(graph_path), read_gold(Path(gold_path))).scores


def score(system: dict, gold: dict) -> Result:
    """Score what a graph holds (`system_of`) against one gold annotation."""
    out = {"entities": _entity_score(system, gold["entities"], CORE_TYPES)}
    by_type = {t: _entity_score(system, gold["entities"], (t,)) for t in CORE_TYPES}
    names, _, _ = _match(system, gold["entities"], CORE_TYPES + ("Product",), False)
    label = lambda x: x if type(x) is str else system["entities"].get(x, {}).get("label", str(x))  # noqa: E731
    gtype = {e["name"]: e["type"] for e in gold["entities"]}

    def key(s, p, o):
        return (p, frozenset((s, o))) if p == "partnersWith" else (p, s, o)

    grels = [r for r in gold["relations"] if r["predicate"] in ENTITY_PREDICATES]
    gold_rel = {key(r["subject"], r["predicate"], r["object"]) for r in grels if not r.get("optional")}
    gold_opt = {key(r["subject"], r["predicate"], r["object"]) for r in grels if r.get("optional")} - gold_rel
    sys_rel = {key(names.get(s, s), p, names.get(o, o)) for s, p, o in system["relations"]} - gold_opt

    def show(k):
        if k[0] == "partnersWith":
            a, b = sorted(k[1], key=str) if len(k[1]) == 2 else (list(k[1]) * 2)
            return f"{label(a)} partnersWith {label(b)}"
        return f"{label(k[1])} {k[0]} {label(k[2])}"

    out["relations"] = Score(len(gold_rel & sys_rel), len(sys_rel), len(gold_rel),
                             sorted(show(k) for k in sys_rel - gold_rel), sorted(show(k) for k in gold_rel - sys_rel))
    by_predicate = {}
    for p in ENTITY_PREDICATES:
        g_p, s_p = {k for k in gold_rel if k[0] == p}, {k for k in sys_rel if k[0] == p}
        by_predicate[p] = Score(len(g_p & s_p), len(s_p), len(g_p))

    def typ(n):
        if type(n) is str:
            return gtype.get(n)
        return next(iter(sorted(system["entities"].get(n, {}).get("types", {"?"}))))

    def pairs(rels):
        res = set()
        for s, p, o in rels:
            if typ(s) == "Bureau" and typ(o) in LINK_TARGETS:
                res.add((s, o))
            elif typ(o) == "Bureau" and typ(s) in LINK_TARGETS:
                res.add((o, s))
        return res

    gl = pairs((r["subject"], r["predicate"], r["object"]) for r in grels if not r.get("optional"))
    ol = pairs((r["subject"], r["predicate"], r["object"]) for r in grels if r.get("optional")) - gl
    sl = pairs((names.get(s, s), p, names.get(o, o)) for s, p, o in system["relations"]) - ol
    out["bureau_links"] = Score(len(gl & sl), len(sl), len(gl),
                                sorted(f"{label(a)} — {label(b)}" for a, b in sl - gl),
                                sorted(f"{label(a)} — {label(b)}" for a, b in gl - sl))
    places = {}
    for r in gold["relations"]:
        if r["predicate"] == "locatedIn" and gtype.get(r["subject"]) == "Bureau":
            places.setdefault(r["subject"], set()).add(r["object"])

    def same(gs, ss):
        return ss is not None and (gs == ss or ss in places.get(gs, ()) or gs in places.get(ss, ()))

    def matches(go, so):
        if so["value"] is None or abs(so["value"] - float(go["value"])) > 1e-9 * max(1.0, abs(float(go["value"]))):
            return False
        if so["unit"] != norm_unit(go.get("unit")):
            return False
        if go.get("year") and so["year"] and int(go["year"]) != so["year"]:
            return False
        subj = names.get(so["subject"])
        return any(same(c, subj) for c in [go["subject"], go.get("narrator"), *go.get("alt_subjects", [])] if c)

    used, tp, opt_hits, fns = set(), 0, 0, []
    for go in sorted(gold["observations"], key=lambda o: bool(o.get("optional"))):
        for i, so in enumerate(system["observations"]):
            if i not in used and matches(go, so):
                used.add(i)
                opt_hits += bool(go.get("optional"))
                tp += not go.get("optional")
                break
        else:
            if not go.get("optional"):
                fns.append(f"{go['subject']}: {go['indicator']} {go['value']} {go.get('unit')} {go.get('year') or ''}")
    fps = [f"{label(so['subject'])}: {so['indicator']} {so['value']:g} {so['unit']} {so['year'] or ''}"
           for i, so in enumerate(system["observations"]) if i not in used]
    out["observations"] = Score(tp, len(system["observations"]) - opt_hits,
                                sum(1 for o in gold["observations"] if not o.get("optional")), sorted(fps), fns)
    return Result(out, by_type, by_predicate)


# --- gold files and documents ---------------------------------------------------------

def gold_files(args: list[str]) -> list[Path]:
    """The gold files named: each argument a JSON file, or a folder whose *.json are
    taken in name order. A missing path or an empty folder is the user's to fix."""
    files: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                raise KgError(f"no gold files (*.json) in {path}")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise KgError(f"no gold file at {path}")
    return list(dict.fromkeys(files))


def read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KgError(f"cannot read gold file {path}: {err}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise KgError(f"{path} is not a gold annotation (no \"entities\" list)")
    gold.setdefault("relations", [])
    gold.setdefault("observations", [])
    return gold


def gold_doc_id(gold: dict, path: Path) -> str:
    """The doc_id a build gives the gold's document: its file stem, made IRI-safe."""
    from kg.read import doc_id_for

    document = gold.get("document")
    if not isinstance(document, str) or not document or "+" in document:
        raise KgError(f"{path} names no single \"document\": score a merged gold file on its own")
    return doc_id_for(Path(document))


def corpus_dirs(gold_paths: list[Path], corpus: str | None) -> list[Path]:
    """Where the gold documents' texts are: --corpus, or beside the gold folder
    (../corpus/real, then ../corpus), as in the shared layout."""
    if corpus:
        return [Path(corpus)]
    dirs: list[Path] = []
    for p in gold_paths:
        up = p.resolve().parent.parent
        dirs += [up / "corpus" / "real", up / "corpus"]
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


def find_texts(golds: list[tuple[Path, dict]], dirs: list[Path]) -> list[Path]:
    """Each gold document's text, looked for by file name in `dirs` in order."""
    texts = []
    for path, gold in golds:
        name = Path(str(gold.get("document", ""))).name
        hit = next((d / name for d in dirs if name and (d / name).is_file()), None)
        if hit is None:
            where = ", ".join(str(d) for d in dirs) or "no corpus folder"
            raise KgError(f"no text for {name or path.name} (from {path}) in {where}: pass --corpus DIR")
        texts.append(hit)
    return texts


# --- output ---------------------------------------------------------------------------

def _line(name: str, s: Score, width: int = 13) -> str:
    return f"{name:{width}} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (tp={s.tp} system={s.system} gold={s.gold})"


def _breakdown(result: Result) -> list[str]:
    """Per type and per predicate, after the headline figures; a type or predicate
    neither side has is left out of the text (the JSON keeps every one)."""
    lines = []
    for title, part in (("entities by type", result.by_type), ("relations by predicate", result.by_predicate)):
        if part:
            lines += ["", f"{title}:"] + [_line("  " + k, s, 20) for k, s in part.items() if s.system or s.gold]
    return lines


def _errors(scores: dict[str, Score]) -> list[str]:
    lines = []
    for name, s in scores.items():
        for what, items, mark in (("false positives", s.false_positives, "+"),
                                  ("false negatives", s.false_negatives, "-")):
            if items:
                lines += ["", f"{name}: {what} ({len(items)})"] + [f"  {mark} {x}" for x in items]
    return lines


def _table(rows: list[tuple[str, dict[str, Score]]]) -> list[str]:
    """One row per document: P, R and F1 of each headline figure."""
    width = max(len(name) for name, _ in rows) + 2
    head1 = " " * width + "".join(f"{f.replace('_', ' '):<20}" for f in FIGURES)
    head2 = f"{'document':{width}}" + "".join(f"{'P':6}{'R':6}{'F1':8}" for _ in FIGURES)
    lines = [head1.rstrip(), head2.rstrip()]
    for name, scores in rows:
        lines.append(f"{name:{width}}" + "".join(
            f"{scores[f].precision:<6.3f}{scores[f].recall:<6.3f}{scores[f].f1:<8.3f}" for f in FIGURES).rstrip())
    return lines


def _json_result(result: Result, errors: bool = True) -> dict:
    out = {}
    for k, s in result.scores.items():
        out[k] = s.figures()
        if errors:
            out[k].update(false_positives=s.false_positives, false_negatives=s.false_negatives)
    out["by_type"] = {k: s.figures() for k, s in result.by_type.items()}
    out["by_predicate"] = {k: s.figures() for k, s in result.by_predicate.items()}
    return out


# --- the command ----------------------------------------------------------------------

def _build(texts: list[Path], out_dir: Path) -> None:
    from kg.build import build

    def warn(message: str) -> None:
        print(f"kg: warning: {message}", file=sys.stderr)

    build(texts, out_dir, quiet=True, warn=warn, with_view=False)


def _run(args) -> int:
    paths = gold_files(args.gold)
    single = len(args.gold) == 1 and not Path(args.gold[0]).is_dir()
    golds = [(p, read_gold(p)) for p in paths]
    if args.build:
        texts = find_texts(golds, corpus_dirs(paths, args.corpus))
        if args.input:
            _build(texts, Path(args.input))
            return _score(args, golds, single, Path(args.input))
        with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as tmp:
            _build(texts, Path(tmp))
            return _score(args, golds, single, Path(tmp))
    return _score(args, golds, single, Path(args.input or "output"))


def _score(args, golds: list[tuple[Path, dict]], single: bool, folder: Path) -> int:
    if single:
        return _score_one(args, golds[0][1], folder)
    return _score_many(args, golds, folder)


def _score_one(args, gold: dict, folder: Path) -> int:
    graph = folder / "graph.ttl"
    if not graph.exists():
        raise KgError(f"no graph at {graph}: run `kg build` first")
    result = score(load_system(graph), gold)
    if args.format == "json":
        print(json.dumps(_json_result(result), ensure_ascii=False, indent=2))
        return 0
    lines = [_line(name, s) for name, s in result.scores.items()] + _breakdown(result)
    if not args.summary:
        lines += _errors(result.scores)
    print("\n".join(lines))
    return 0


def _score_many(args, golds: list[tuple[Path, dict]], folder: Path) -> int:
    trig = folder / "graph.trig"
    if not trig.exists():
        raise KgError(f"no graph at {trig}: run `kg build` first (or pass --build)")
    graphs = load_documents(trig)
    done: list[tuple[Path, str, Result]] = []
    skipped: list[tuple[Path, str]] = []
    seen: dict[str, Path] = {}
    for path, gold in golds:
        doc_id = gold_doc_id(gold, path)
        if doc_id in seen:
            raise KgError(f"{path} and {seen[doc_id]} both annotate {doc_id}")
        seen[doc_id] = path
        if doc_id not in graphs:
            skipped.append((path, doc_id))
            print(f"kg: warning: {doc_id} (from {path}) is not in {trig}: not scored", file=sys.stderr)
            continue
        done.append((path, doc_id, score(system_of(graphs[doc_id]), gold)))
    if not done:
        raise KgError(f"none of the {len(golds)} gold document(s) is in {trig}: build them first (or pass --build)")
    total = micro_result([r for _, _, r in done])
    if args.format == "json":
        print(json.dumps({
            "documents": [{"document": doc_id, "gold": str(path), **_json_result(r)} for path, doc_id, r in done],
            "micro": _json_result(total, errors=False),
            "skipped": [{"document": doc_id, "gold": str(path)} for path, doc_id in skipped],
        }, ensure_ascii=False, indent=2))
        return 0
    rows = [(doc_id, r.scores) for _, doc_id, r in done] + [(f"micro-average ({len(done)} docs)", total.scores)]
    lines = _table(rows) + [""] + [_line(name, s) for name, s in total.scores.items()] + _breakdown(total)
    if not args.summary:
        for path, doc_id, r in done:
            errs = _errors(r.scores)
            if errs:
                lines += ["", f"== {doc_id} ({path.name}) =="] + errs[1:]
    print("\n".join(lines))
    return 0


EPILOG = """\
One gold file is scored against the whole graph (graph.ttl). Several gold files,
or a folder of them, are scored each against its document's named graph in
graph.trig (the document is the gold's "document", e.g. anhui-gwr2026-review.txt),
with a row per document and a micro-average (counts summed over documents),
then per entity type and per predicate. Documents the build lacks are skipped
with a warning.

examples:
  kg build && kg evaluate gold/shanxi-st-bureaus-2022.json
  kg evaluate gold.json -i out/ --summary
  kg build ../shared/corpus/real/*.txt && kg evaluate ../shared/gold/
  kg evaluate ../shared/gold/anhui.json ../shared/gold/beijing.json --format json
  kg evaluate ../shared/gold/ --build        build the gold documents first (found
                                             in ../corpus/real or ../corpus beside
                                             the gold, or --corpus DIR)
"""


def register(sub) -> None:
    p = sub.add_parser(
        "evaluate", help="score the built graph against gold annotations and list its errors",
        description="Score a built graph against one or more gold annotations.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    p.add_argument("gold", nargs="+", metavar="GOLD",
                   help="gold annotation JSON file, or a folder of them (see the gold format)")
    p.add_argument("-i", "--input", default=None,
                   help="build folder holding graph.ttl and graph.trig (default: output; "
                        "with --build, a temporary folder)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--summary", action="store_true", help="figures only, without the error lists")
    shown.add_argument("--errors", action="store_true",
                       help="list false positives and negatives (per document; the default in text)")
    p.add_argument("--build", action="store_true",
                   help="build the gold documents first (into -i, or a temporary folder)")
    p.add_argument("--corpus", help="folder of the gold documents' texts, for --build "
                                    "(default: ../corpus/real, then ../corpus, beside the gold)")
    p.set_defaults(func=_run)
