"""`kg evaluate`: score a built graph against a gold annotation, and list the errors.

Matching follows the extraction guide: names compare after normalisation
(quotes, 《》, `**`, spaces and brackets dropped, NFKC, lower case) through the
label or any alias with the type agreeing; relations through matched
entities (partnersWith either way); figures on subject (or narrator), value,
unit, and year where both give one; bureau links are the (bureau, target)
pairs joined by any relation.
"""
from __future__ import annotations

import argparse
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError

CORE_TYPES = ("Bureau", "University", "ResearchInstitute", "Enterprise", "Platform",
              "Program", "Policy", "Event", "Place")
ENTITY_PREDICATES = ("partnersWith", "supports", "establishes", "implements", "organizes",
                     "issues", "affiliatedWith", "locatedIn", "develops")
LINK_TARGETS = {"University", "ResearchInstitute", "Enterprise", "Platform", "Program", "Policy", "Event"}
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


def load_system(path: Path) -> dict:
    from rdflib import Graph
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.ns import KGO

    g = Graph()
    g.parse(path)
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
    for o in g.subjects(RDF.type, KGO.Observation):
        value, year, passage = g.value(o, KGO.value), g.value(o, KGO.year), g.value(o, KGO.passage)
        quote = g.value(passage, KGO.quote) if passage is not None else None
        obs.append({"subject": g.value(o, KGO.aboutEntity), "value": float(value) if value is not None else None,
                    "unit": norm_unit(g.value(o, KGO.unit)), "year": int(str(year)[:4]) if year else None,
                    "indicator": str(g.value(o, KGO.indicator) or ""), "quote": str(quote or "")})
    return {"entities": ents, "relations": rels, "observations": obs}


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


def evaluate(graph_path: Path, gold_path: Path) -> dict[str, Score]:
    system = load_system(graph_path)
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    out = {}
    mapping, sys_ents, gents = _match(system, gold["entities"], CORE_TYPES, True)
    optional = {n for n, e in gents.items() if e.get("optional")}
    req = {i: g for i, g in mapping.items() if g not in optional}
    out["entities"] = Score(len(req), len(sys_ents) - (len(mapping) - len(req)),
                            sum(1 for n in gents if n not in optional),
                            sorted(f"{sys_ents[i]['label']} ({'/'.join(sorted(sys_ents[i]['types']))})"
                                   for i in sys_ents if i not in mapping),
                            sorted(f"{n} ({e['type']})" for n, e in gents.items()
                                   if n not in mapping.values() and n not in optional))
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
    return out


def _run(args) -> int:
    graph = Path(args.input) / "graph.ttl"
    if not graph.exists():
        raise KgError(f"no graph at {graph}: run `kg build` first")
    if not Path(args.gold).exists():
        raise KgError(f"no gold file at {args.gold}")
    scores = evaluate(graph, Path(args.gold))
    if args.format == "json":
        print(json.dumps({k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                              "f1": round(s.f1, 4), "tp": s.tp, "system": s.system, "gold": s.gold,
                              "false_positives": s.false_positives, "false_negatives": s.false_negatives}
                          for k, s in scores.items()}, ensure_ascii=False, indent=2))
        return 0
    for name, s in scores.items():
        print(f"{name:13} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (tp={s.tp} system={s.system} gold={s.gold})")
    if not args.summary:
        for name, s in scores.items():
            if s.false_positives:
                print(f"\n{name}: false positives ({len(s.false_positives)})")
                print("\n".join(f"  + {x}" for x in s.false_positives))
            if s.false_negatives:
                print(f"\n{name}: false negatives ({len(s.false_negatives)})")
                print("\n".join(f"  - {x}" for x in s.false_negatives))
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "evaluate", help="score the built graph against a gold annotation and list its errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  kg build && kg evaluate gold/shanxi-st-bureaus-2022.json\n"
               "  kg evaluate gold.json -i out/ --summary")
    p.add_argument("gold", help="gold annotation JSON (see the gold format)")
    p.add_argument("-i", "--input", default="output", help="build folder holding graph.ttl (default: output)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--summary", action="store_true", help="figures only, without the error lists")
    p.set_defaults(func=_run)
