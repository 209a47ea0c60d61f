"""Computed values within the bounds: a result beyond them is a Dutch error naming the value, never a traceback."""

import io
import json
from decimal import Decimal

import pytest

from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.language.ast import Duur
from wmo_dsl.semantics import builtins
from wmo_dsl.semantics import values as V
from wmo_dsl.semantics.pipeline import load_rules
from wmo_dsl.cases.sessions import SessionStore

HEAD = 'regio groot "Groot"\n  geldig vanaf 2025-01-01\n\nvraag x: getal\n  tekst "x?"\n  minimaal 0\n  maximaal 999999999999\n\n'
GROOT = HEAD + """parameter g is 999999999999
totaal is x * g * g

product p "P"
  iwmo
    volume totaal

regel r
  als totaal > 0
  dan product p
"""
OMREKENEN = HEAD.replace("tekst \"x?\"", "tekst \"x?\"\n  eenheid uur per dag") + """per_jaar is x in minuten per jaar

product p "P"

regel r
  als x > 1
  dan product p
"""
DUUR = HEAD + """lang is 1 dag * x

product p "P"
  duur lang

regel r
  als x > 0
  dan product p
"""


def files(tmp_path, rules: str, antwoorden: dict):
    regels, casus = tmp_path / "r.wmo", tmp_path / "c.json"
    regels.write_text(rules, encoding="utf-8")
    casus.write_text(json.dumps({"peildatum": "2025-06-01", "antwoorden": antwoorden}), encoding="utf-8")
    return regels, casus


@pytest.mark.parametrize("formaat", ["tekst", "json", "markdown", "besluit"])
@pytest.mark.parametrize("rules, x, melding", [
    (GROOT, 999999999999, "de berekende waarde 'totaal' (1,0·10^36) valt buiten de grens van 10^12"),
    (OMREKENEN, 99999999999, "de berekende waarde 'per_jaar' (2,2·10^15) valt buiten de grens van 10^12"),
    (DUUR, 999999999999, "de berekende waarde 'lang' (999.999.999.999 dagen) is langer dan 100 jaar"),
], ids=["1e36", "conversion", "duration"])
def test_a_computed_value_beyond_the_bounds_is_a_dutch_error_naming_it_in_every_format(tmp_path, capsys, formaat, rules, x, melding):
    regels, casus = files(tmp_path, rules, {"x": x})
    assert main(["beoordeel", "--regels", str(regels), str(casus), "--formaat", formaat]) == 2
    assert melding in capsys.readouterr().err


def test_the_same_rules_within_the_bounds_give_their_result(tmp_path, capsys):
    regels, casus = files(tmp_path, GROOT, {"x": 0})
    assert main(["beoordeel", "--regels", str(regels), str(casus), "--formaat", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["waarden"]["totaal"] == 0


def test_a_batch_case_beyond_the_bounds_gets_its_error_record(tmp_path, capsys):
    regels, _ = files(tmp_path, GROOT, {})
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": 1, "antwoorden": {"x": 999999999999}}\n{"id": 2, "antwoorden": {"x": 0}}\n', encoding="utf-8")
    assert main(["beoordeel", "--regels", str(regels), str(batch)]) == 2
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "'totaal' (1,0·10^36)" in records[0]["fout"]["bericht"]
    assert records[1]["id"] == 2 and "fout" not in records[1]


def test_the_json_lines_intake_refuses_an_answer_that_takes_a_value_beyond_the_bounds(tmp_path):
    regels, _ = files(tmp_path, GROOT, {})
    import datetime as dt

    rules = load_rules(regels)
    gesprek = Gesprek.nieuw(rules, SessionStore(tmp_path / "s.db"), dt.date(2025, 6, 1))
    out = io.StringIO()
    run_jsonl(gesprek, io.StringIO('{"antwoord": 999999999999}\n{"antwoord": 0}\n'), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert "'totaal' (1,0·10^36) valt buiten de grens van 10^12; het antwoord is niet bewaard" in lines[2]["fout"]
    assert lines[3]["vraag"] == "x"  # asked again
    assert lines[-1]["resultaat"]["uitkomst"] == "geen_indicatie"


def test_decimal_arithmetic_never_raises_beyond_what_the_context_holds():
    huge = Decimal("9e999998")
    assert V.arithmetic("*", huge, huge) is None  # an overflow is geen, as a division by zero
    assert V.arithmetic("/", huge, Decimal("1e-999")) is None
    assert builtins.call("afronden", [huge, Decimal(2)]) is None
    assert V.arithmetic("*", Duur(1, "dagen"), huge) is None


@pytest.mark.parametrize("stap, melding", [
    ("0", "is 0"), ("-1", "is negatief"), ("0 uur", "is 0"), ("nul", "is 0"), ("verschil", "is 0"),
    ("deling", "deelt door 0"), ("1", None), ("15 minuten", None),
])
def test_a_rounding_step_that_is_not_positive_is_refused_by_check(tmp_path, capsys, stap, melding):
    regels = tmp_path / "r.wmo"
    regels.write_text('regio r "R"\n  geldig vanaf 2025-01-01\n\nvraag x: getal\n  tekst "x?"\n  eenheid uur\n\n'
                      'parameter nul is 0 uur\nparameter verschil is 1 uur - 1 uur\nparameter deling is 1 uur / 0\n'
                      f'v is naar_boven(x, {stap})\n\nproduct p "P"\n  iwmo\n    volume v\n\nregel r\n  als x > 1\n  dan product p\n',
                      encoding="utf-8")
    rc = main(["check", str(regels)])
    err = capsys.readouterr().err
    if melding:
        assert rc == 2 and f"fout E239: de stap van naar_boven {melding}: er valt niets af te ronden" in err, err
    else:
        assert rc == 0, err


def test_a_derived_value_without_cases_is_refused_by_check(tmp_path, capsys):
    regels = tmp_path / "r.wmo"
    regels.write_text('regio r "R"\n  geldig vanaf 2025-01-01\n\nvraag x: getal\n  tekst "x?"\n\nw is\n  bron "§1"\n\n'
                      'product p "P"\n\nregel r\n  als w = 1\n  dan product p\n', encoding="utf-8")
    assert main(["check", str(regels)]) == 2
    assert "fout E238: 'w' heeft geen uitdrukking en geen gevallen" in capsys.readouterr().err


def test_a_value_that_is_the_same_number_for_every_case_and_beyond_the_bounds_is_refused_by_check(tmp_path, capsys):
    regels = tmp_path / "r.wmo"
    regels.write_text(HEAD + "parameter per_dag is 99999999999 uur per dag\nper_jaar is per_dag in minuten per jaar\n"
                      "binnen is 1000 uur per dag in minuten per jaar\n\nproduct p \"P\"\n\nregel r\n  als x > 1\n  dan product p\n",
                      encoding="utf-8")
    assert main(["check", str(regels)]) == 2
    err = capsys.readouterr().err
    assert "fout E240: 'per_jaar' is altijd 2,2·10^15: dat valt buiten de grens van 10^12" in err and "'binnen'" not in err
