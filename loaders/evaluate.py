"""Measured quality: precision, recall and F1 of an extraction against hand annotations.

Both sides are in the JSON shape of ``pilotgraph extract --json`` (``{"reports": [...]}``, one
object per report; a bare report object is accepted too). Reports are paired by ``file``; a
gold report with no prediction counts every gold item as missed.

* **Entities** match on type and name: a predicted entity matches a gold one of the same type
  when its name equals the gold name or one of the gold aliases, or when the gold name is one of the
  predicted entity's aliases (surface forms it was actually seen under). Names are compared after
  `resolve.normalize` (width, quotes, spaces, 3C≡CCC). Each gold entity is matched at most once.
* **Relations** match on type, source and target, the endpoints compared by name with the same
  alias tolerance (an endpoint's aliases are those of its entity in the same report). Matching is
  per observation: a gold relation seen in two sentences must be predicted twice. Year and status
  are not part of the match; their accuracy over matched relations is reported separately.
* Scores are micro-averaged per type over all reports.

>>> gold = {"reports": [{"file": "a.txt", "entities": [
...     {"type": "Pilot", "name": "甲试点", "aliases": ["甲"]}], "relations": []}]}
>>> pred = {"reports": [{"file": "a.txt", "entities": [
...     {"type": "Pilot", "name": "甲", "aliases": []}, {"type": "Pilot", "name": "乙试点"}], "relations": []}]}
>>> result = evaluate(pred, gold)
>>> s = result.entities["Pilot"]
>>> (s.tp, s.fp, s.fn, round(s.f1, 2))
(1, 1, 0, 0.67)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import ENTITY_TYPES, FACT_TYPES
from pilotgraph.loaders.resolve import match_key


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Evaluation:
    entities: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ENTITY_TYPES})
    relations: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in FACT_TYPES})
    matched_relations: int = 0
    year_correct: int = 0
    status_correct: int = 0
    reports: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)     # gold reports without a prediction
    #: per report and type: (false positives, false negatives) names, for error analysis
    errors: dict[str, dict[str, tuple[list[str], list[str]]]] = field(default_factory=dict)

    @property
    def year_accuracy(self) -> float:
        return self.year_correct / self.matched_relations if self.matched_relations else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.matched_relations if self.matched_relations else 0.0

    def total(self, kind: str) -> Score:
        score = Score()
        for s in (self.entities if kind == "entities" else self.relations).values():
            score.add(s)
        return score

    def to_dict(self) -> dict:
        def row(s: Score) -> dict:
            return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
        return {
            "reports": self.reports, "missing": self.missing,
            "entities": {t: row(s) for t, s in self.entities.items()},
            "relations": {t: row(s) for t, s in self.relations.items()},
            "relation_year_accuracy": round(self.year_accuracy, 4),
            "relation_status_accuracy": round(self.status_accuracy, 4),
            "matched_relations": self.matched_relations,
        }


def _reports(data) -> list[dict]:
    if isinstance(data, (str, Path)):
        data = json.loads(Path(data).read_text(encoding="utf-8"))
    if isinstance(data, dict) and "reports" in data:
        return list(data["reports"])
    if isinstance(data, dict) and "file" in data:
        return [data]
    if isinstance(data, list):
        return [r for item in data for r in _reports(item)]
    raise InvalidInput("expected extraction JSON: {\"reports\": [...]} or one report object")


def load_gold(directory: str | Path) -> dict:
    """Every ``*.json`` gold file under `directory`, merged into one ``{"reports": [...]}``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InvalidInput(f"{directory}: not a directory of gold JSON files")
    reports = []
    for path in sorted(directory.glob("*.json")):
        try:
            reports.extend(_reports(path))
        except (json.JSONDecodeError, InvalidInput) as exc:
            raise InvalidInput(f"{path}: not a gold annotation file ({exc})") from exc
    return {"reports": reports}


def _names(entity: dict) -> set[str]:
    return {match_key(entity["name"]), *(match_key(a) for a in entity.get("aliases") or ())}


def _match_entities(pred: list[dict], gold: list[dict]) -> tuple[int, list[dict], list[dict]]:
    """One-to-one matches: exact names first, then alias matches. Returns (tp, unmatched pred, unmatched gold)."""
    free_gold = list(gold)
    unmatched_pred = []
    rest = []
    by_name = defaultdict(list)
    for g in free_gold:
        by_name[match_key(g["name"])].append(g)
    used = set()
    tp = 0
    for p in pred:
        candidates = [g for g in by_name.get(match_key(p["name"]), []) if id(g) not in used]
        if candidates:
            used.add(id(candidates[0]))
            tp += 1
        else:
            rest.append(p)
    for p in rest:
        pname, pnames = match_key(p["name"]), _names(p)
        hit = next((g for g in free_gold if id(g) not in used and
                    (pname in _names(g) or match_key(g["name"]) in pnames)), None)
        if hit is not None:
            used.add(id(hit))
            tp += 1
        else:
            unmatched_pred.append(p)
    return tp, unmatched_pred, [g for g in free_gold if id(g) not in used]


def _endpoint_names(report: dict) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for entity in report.get("entities") or ():
        out.setdefault((entity["type"], entity["name"]), set()).update(_names(entity))
    return out


def _ends_match(a: dict, a_names, b: dict, b_names) -> bool:
    na = a_names.get((a["type"], a["name"])) or {match_key(a["name"])}
    nb = b_names.get((b["type"], b["name"])) or {match_key(b["name"])}
    return match_key(a["name"]) in nb or match_key(b["name"]) in na


def _evidence_overlap(a: dict, b: dict) -> bool:
    ea, eb = a.get("evidence") or {}, b.get("evidence") or {}
    if "start" not in ea or "start" not in eb:
        return False
    return ea["start"] < eb.get("end", eb["start"]) and eb["start"] < ea.get("end", ea["start"])


def evaluate(predicted, gold) -> Evaluation:
    """Scores of `predicted` against `gold` (dicts in the extract JSON shape, or paths to them)."""
    result = Evaluation()
    pred_by_file = {Path(r["file"]).name: r for r in _reports(predicted)}
    for g_report in _reports(gold):
        name = Path(g_report["file"]).name
        p_report = pred_by_file.get(name)
        if p_report is None:
            result.missing.append(name)
            p_report = {"entities": [], "relations": []}
        result.reports.append(name)
        errors = result.errors.setdefault(name, {})
        # entities, per type
        for type_ in ENTITY_TYPES:
            pe = [e for e in p_report.get("entities") or () if e["type"] == type_]
            ge = [e for e in g_report.get("entities") or () if e["type"] == type_]
            tp, fps, fns = _match_entities(pe, ge)
            result.entities[type_].add(Score(tp, len(pe) - tp, len(ge) - tp))
            if fps or fns:
                errors[type_] = ([e["name"] for e in fps], [e["name"] for e in fns])
        # relations, per type, per observation
        p_names, g_names = _endpoint_names(p_report), _endpoint_names(g_report)
        for type_ in FACT_TYPES:
            pr = [r for r in p_report.get("relations") or () if r["type"] == type_]
            gr = [r for r in g_report.get("relations") or () if r["type"] == type_]
            used: set[int] = set()
            tp = 0
            missed = []
            pending = []
            # two passes: observations whose evidence overlaps first, then any remaining pair
            for same_evidence in (True, False):
                for g in (gr if same_evidence else pending):
                    candidates = [i for i, p in enumerate(pr) if i not in used
                                  and (not same_evidence or _evidence_overlap(p, g))
                                  and _ends_match(p["source"], p_names, g["source"], g_names)
                                  and _ends_match(p["target"], p_names, g["target"], g_names)]
                    if not candidates:
                        (pending if same_evidence else missed).append(g)
                        continue
                    best = max(candidates, key=lambda i: pr[i].get("year") == g.get("year"))
                    used.add(best)
                    tp += 1
                    result.matched_relations += 1
                    result.year_correct += pr[best].get("year") == g.get("year")
                    result.status_correct += pr[best].get("status") == g.get("status")
            result.relations[type_].add(Score(tp, len(pr) - tp, len(gr) - tp))
            fps = [pr[i] for i in range(len(pr)) if i not in used]
            if fps or missed:
                fmt = lambda r: f"{r['source']['name']} -> {r['target']['name']}"  # noqa: E731
                errors[type_] = ([fmt(r) for r in fps], [fmt(r) for r in missed])
    return result


def format_evaluation(result: Evaluation, *, details: bool = False) -> str:
    """A plain-text table: one line per type, P/R/F1 and counts, totals, year/status accuracy."""
    lines = [f"reports: {len(result.reports)}" + (f" (no prediction for: {', '.join(result.missing)})"
                                                  if result.missing else "")]
    for title, scores in (("entities", result.entities), ("relations", result.relations)):
        lines.append("")
        lines.append(f"{title:<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        for type_, s in scores.items():
            if s.tp + s.fp + s.fn == 0:
                continue
            lines.append(f"{type_:<16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
        total = result.total(title)
        lines.append(f"{'(micro, all)':<16} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f} "
                     f"{total.tp:5d} {total.fp:5d} {total.fn:5d}")
    lines.append("")
    lines.append(f"matched relations: {result.matched_relations}; year accuracy {result.year_accuracy:.3f}, "
                 f"status accuracy {result.status_accuracy:.3f}")
    if details:
        for report, per_type in result.errors.items():
            for type_, (fps, fns) in per_type.items():
                for name in fps:
                    lines.append(f"  {report} {type_} FP: {name}")
                for name in fns:
                    lines.append(f"  {report} {type_} FN: {name}")
    return "\n".join(lines)


def evaluate_files(gold_dir: str | Path, predicted: Iterable[dict] | dict) -> Evaluation:
    """`evaluate` with the gold read from a directory (the ``pilotgraph eval --gold DIR`` form).

    Only gold reports that were predicted are scored, so ``eval`` on a subset of the gold works.
    """
    gold = load_gold(gold_dir)
    pred_reports = _reports(predicted)
    files = {Path(r["file"]).name for r in pred_reports}
    gold["reports"] = [r for r in gold["reports"] if Path(r["file"]).name in files]
    return evaluate({"reports": pred_reports}, gold)
