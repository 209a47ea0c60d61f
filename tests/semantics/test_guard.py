"""The one door to the solver: whatever z3 does (no answer in time, an error), the still-needed set
stays sound, a proof becomes 'niet bewezen binnen de tijd' (W030), and nothing is a traceback."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import z3

from wmo_dsl.semantics.analysis import analyse
from wmo_dsl.semantics.guard import ONBEKEND, SAT, UNSAT, Door, Limits
from wmo_dsl.semantics.pipeline import load_rules

from .solver_files import interacting, nonlinear

ROOT = Path(__file__).resolve().parents[2]
PEILDATUM = dt.date(2026, 12, 4)


def docs_normenkader(tmp_path: Path) -> Path:
    """The normenkader example of docs/taal.md as a region: its block, a start date and a product."""
    text = (ROOT / "docs" / "taal.md").read_text(encoding="utf-8")
    block = text[text.index("Een voorbeeld van een normenkader"):].split("```wmo\n", 1)[1].split("```", 1)[0]
    block = block.replace("vraag geboortedatum: datum", 'vraag startdatum: datum\n  tekst "Wanneer start de hulp?"\n\nvraag geboortedatum: datum')
    path = tmp_path / "normenkader.wmo"
    path.write_text('regio normenkader "Normenkader"\n  geldig vanaf 2025-01-01\n\n' + block +
                    '\nproduct huishouden "Hulp bij het huishouden"\n  iwmo\n    volume huishouden_per_week\n\n'
                    "regel hulp\n  als leeftijd >= 18\n  dan product huishouden\n\n"
                    'termijn evaluatie "Evaluatie"\n  datum startdatum + 3 maanden\n', encoding="utf-8")
    return path


def test_the_normenkader_example_of_the_docs_with_an_incomplete_case_gives_a_result(tmp_path):
    rules = load_rules(docs_normenkader(tmp_path))
    for answers in ({}, {"eigen_mogelijkheden": False}, {"geboortedatum": dt.date(1950, 6, 1), "extra_kamers": Decimal(2)}):
        b = rules.evaluate(answers, PEILDATUM)
        assert b.uitkomst == "onvolledig" and b.ontbrekend


def test_the_normenkader_example_of_the_docs_runs_through_the_intake(tmp_path):
    path = docs_normenkader(tmp_path)
    answers = [{"antwoord": a} for a in (False, "ernstige", 2, "1950-06-01", "2027-01-01")] + [{"opdracht": "stop"}]
    run = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "intake", "--regels", str(path), "--jsonl", "--geen-opslag"],
                         input="\n".join(json.dumps(a) for a in answers) + "\n", capture_output=True, text=True, timeout=120)
    assert "Traceback" not in run.stderr, run.stderr
    messages = [json.loads(line) for line in run.stdout.splitlines()]
    assert any("resultaat" in m for m in messages), messages[-3:]


class _Refusing:
    """A stand-in for a z3 solver that raises as z3 does when its time limit strikes inside a step."""

    def set(self, *args):
        pass

    def check(self, *assumptions):
        raise z3.Z3Exception(b"canceled")


def test_a_z3_error_inside_a_check_is_an_unknown_answer_with_its_reason_kept():
    door = Door(z3)
    assert door.check(_Refusing()) == ONBEKEND
    assert door.reasons == ["de tijdslimiet werd bereikt"]


def test_the_door_passes_sat_and_unsat_through():
    door = Door(z3)
    s = z3.Solver()
    x = z3.Int("x")
    assert door.check(s, x > 1) == SAT
    assert door.check(s, x > 1, x < 0) == UNSAT


def test_a_query_whose_budget_is_spent_asks_the_solver_nothing_more():
    door = Door(z3, Limits(per_call_ms=1000, per_query_ms=10))
    with door.query():
        time.sleep(0.02)
        assert door.check(z3.Solver()) == ONBEKEND
    assert "op" in door.reasons[-1]


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setenv("WMO_SOLVER_MS", "100")
    monkeypatch.setenv("WMO_SOLVER_QUERY_MS", "300")


@pytest.mark.parametrize("make", [interacting, nonlinear], ids=["40 interacting numbers", "sum of cubes"])
def test_a_file_the_solver_cannot_decide_gives_a_sound_result_within_the_limit(tmp_path, small_limits, make):
    path = tmp_path / "hard.wmo"
    path.write_text(make(), encoding="utf-8")
    rules = load_rules(path)
    start = time.monotonic()
    b = rules.evaluate({}, PEILDATUM)
    assert time.monotonic() - start < 10
    assert "extra" in b.ontbrekend  # not decided: asked, to be safe


@pytest.mark.parametrize("make", [interacting, nonlinear], ids=["40 interacting numbers", "sum of cubes"])
def test_a_proof_the_solver_cannot_finish_is_a_w030_finding_never_a_false_complete(tmp_path, small_limits, make):
    path = tmp_path / "hard.wmo"
    path.write_text(make(), encoding="utf-8")
    rules = load_rules(path)
    start = time.monotonic()
    findings = analyse(rules.model, PEILDATUM)
    assert time.monotonic() - start < 15
    unproven = [f for f in findings if f.code == "W030"]
    assert all(f.ernst == "waarschuwing" and "niet bewezen binnen de tijd" in f.bericht for f in unproven)
    if make is nonlinear:  # a sum of cubes equal to a cube: no solver decides it, so it must say so
        assert unproven
    assert not any(f.code in ("W020", "W022") for f in findings)  # nothing said dead that was not proven


def test_wmo_check_and_beoordeel_on_a_hard_file_print_dutch_not_a_traceback(tmp_path, small_limits):
    path = tmp_path / "hard.wmo"
    path.write_text(nonlinear(), encoding="utf-8")
    case = tmp_path / "casus.json"
    case.write_text('{"antwoorden": {"a": 3}}', encoding="utf-8")
    for args in (["check", str(path)], ["beoordeel", "--regels", str(path), str(case), "--spoor"]):
        run = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", *args], capture_output=True, text=True, timeout=120,
                             env={**__import__("os").environ, "WMO_SOLVER_MS": "100", "WMO_SOLVER_QUERY_MS": "300"})
        assert "Traceback" not in run.stderr and "Z3Exception" not in run.stdout + run.stderr
        assert run.returncode in (0, 1), run.stderr
        assert re.search(r"niet bewezen binnen de tijd|tijdslimiet", run.stdout)


def test_an_irrational_example_from_the_solver_is_read_as_a_close_rational(tmp_path):
    """x * x = 2 at the edge of a table: the solver's example is a root, not a fraction."""
    path = tmp_path / "wortel.wmo"
    path.write_text('regio w "W"\n  geldig vanaf 2025-01-01\n\nvraag x: getal\n  tekst "X?"\n\nv is x * x\n\n'
                    'product a "A"\n\nproduct b "B"\n\ntabel w: v -> product\n  < 2 -> a\n  > 2 -> b\n\n'
                    'regel w\n  als w != geen\n  dan product w\n', encoding="utf-8")
    from wmo_dsl.language.check import check
    from wmo_dsl.language.parse import parse_file

    gaps = [f for f in analyse(check(parse_file(path)), PEILDATUM) if f.code == "W010"]
    assert len(gaps) == 1 and "tabel 'w'" in gaps[0].bericht
