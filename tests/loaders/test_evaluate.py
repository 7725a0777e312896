"""Evaluation against hand annotations, on small hand-made predicted/gold pairs."""

from __future__ import annotations

import json

import pytest

from pilotgraph.errors import InvalidInput
from pilotgraph.loaders.evaluate import evaluate, evaluate_files, format_evaluation, load_gold


def ent(type_, name, aliases=()):
    return {"type": type_, "name": name, "aliases": list(aliases), "level": None, "mentions": []}


def rel(type_, source, target, year=2021, status="achieved", start=0, end=10):
    return {"type": type_, "source": {"type": source[0], "name": source[1]},
            "target": {"type": target[0], "name": target[1]}, "year": year, "status": status,
            "evidence": {"text": "", "start": start, "end": end}}


GOLD = {"reports": [{
    "file": "a.txt",
    "entities": [ent("Pilot", "甲改革国家试点"), ent("Platform", "甬食链", ["“甬食链”"]),
                 ent("Initiative", "CCC免办", ["3C免办"]), ent("Agency", "宁波市市场监督管理局", ["市局"])],
    "relations": [rel("RUNS", ("Agency", "宁波市市场监督管理局"), ("Pilot", "甲改革国家试点")),
                  rel("RUNS", ("Agency", "宁波市市场监督管理局"), ("Pilot", "甲改革国家试点"), year=2022,
                      status="planned", start=20, end=30),
                  rel("PROMOTED_TO", ("Platform", "甬食链"), ("Region", "浙江省"))],
}]}


def test_perfect_prediction_scores_one():
    result = evaluate(GOLD, GOLD)
    assert all(s.f1 == 1.0 for s in result.entities.values() if s.tp)
    assert result.relations["RUNS"].tp == 2 and result.year_accuracy == 1.0


def test_alias_tolerance_and_normalisation():
    pred = {"reports": [{"file": "a.txt", "entities": [ent("Initiative", "3C免办"), ent("Platform", "“甬食链”")],
                         "relations": []}]}
    result = evaluate(pred, GOLD)
    assert result.entities["Initiative"].tp == 1
    assert result.entities["Platform"].tp == 1
    assert result.entities["Pilot"].fn == 1


def test_wrong_type_is_a_false_positive_and_a_miss():
    pred = {"reports": [{"file": "a.txt", "entities": [ent("Initiative", "甬食链")], "relations": []}]}
    result = evaluate(pred, GOLD)
    assert result.entities["Initiative"].fp == 1 and result.entities["Platform"].fn == 1


def test_relations_per_observation_with_year_and_status_accuracy():
    pred = {"reports": [{"file": "a.txt", "entities": [ent("Agency", "宁波市市场监督管理局", ["市局"])],
                         "relations": [rel("RUNS", ("Agency", "市局"), ("Pilot", "甲改革国家试点"), year=2022,
                                           status="achieved", start=20, end=30),
                                       rel("RUNS", ("Agency", "宁波市市场监督管理局"), ("Pilot", "乙试点"))]}]}
    result = evaluate(pred, GOLD)
    runs = result.relations["RUNS"]
    assert (runs.tp, runs.fp, runs.fn) == (1, 1, 1)
    assert result.year_accuracy == 1.0 and result.status_accuracy == 0.0


def test_missing_report_counts_every_gold_item_missed():
    result = evaluate({"reports": []}, GOLD)
    assert result.missing == ["a.txt"]
    assert result.entities["Pilot"].fn == 1 and result.relations["PROMOTED_TO"].fn == 1


def test_printer_and_gold_directory(tmp_path):
    (tmp_path / "a.txt.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    assert load_gold(tmp_path)["reports"][0]["file"] == "a.txt"
    result = evaluate_files(tmp_path, GOLD)
    text = format_evaluation(result, details=True)
    assert "Pilot" in text and "RUNS" in text and "year accuracy 1.000" in text
    with pytest.raises(InvalidInput):
        load_gold(tmp_path / "missing")
