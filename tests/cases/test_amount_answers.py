"""Answers to amount and whole-number questions: units converted, 1,5 refused in the intake, case files and batches."""

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.answers import from_json
from wmo_dsl.cases.natural import AntwoordFout, parse_answer
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.cli import main
from wmo_dsl.errors import CasusFout
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.semantics.pipeline import load_rules

RULES = Path(__file__).resolve().parents[1] / "data" / "normenkader.wmo"


@pytest.fixture(scope="module")
def model():
    return load_rules(RULES).model


@pytest.mark.parametrize("typed, value", [("2,5", "2.5"), ("2,5 uur", "2.5"), ("150 minuten", "2.5"), ("3 uur per week", "3"),
                                          ("520 uur per jaar", "10")])
def test_a_typed_amount_is_converted_to_the_unit_of_the_question(model, typed, value):
    assert parse_answer(model.vragen["uren_per_week"], typed) == Decimal(value)


@pytest.mark.parametrize("typed, message", [
    ("3 sessies", "sessies per week is niet om te rekenen naar uur per week"),
    ("2 lepels", "'lepels' is geen eenheid"),
    ("41", "41 uur per week is hoger dan het maximum 40"),
])
def test_a_typed_amount_that_does_not_fit_says_why_and_what_is_allowed(model, typed, message):
    with pytest.raises(AntwoordFout) as err:
        parse_answer(model.vragen["uren_per_week"], typed)
    assert message in str(err.value)
    assert "een getal in uur per week (minimaal 0, maximaal 40)" in str(err.value)


def test_the_intake_refuses_half_a_room(model):
    with pytest.raises(AntwoordFout, match="1,5 is geen geheel getal; een geheel getal"):
        parse_answer(model.vragen["extra_kamers"], "1,5")
    assert parse_answer(model.vragen["extra_kamers"], "2") == Decimal(2)


@pytest.mark.parametrize("value, ok", [(2, True), (2.0, True), ("2", True), (1.5, False), ("1,5", False)])
def test_a_case_file_refuses_half_a_room(model, value, ok):
    if ok:
        assert from_json(model.vragen["extra_kamers"], value) == Decimal(2)
    else:
        with pytest.raises(CasusFout, match="antwoord op 'extra_kamers' klopt niet: 1,5 is geen geheel getal"):
            from_json(model.vragen["extra_kamers"], value)


def test_a_case_file_takes_a_number_in_the_questions_unit_or_a_text_with_a_unit(model):
    vraag = model.vragen["uren_per_week"]
    assert [from_json(vraag, v) for v in (2.5, "2,5", "150 minuten")] == [Decimal("2.5")] * 3


def test_a_batch_turns_half_a_room_into_an_error_record_and_goes_on(tmp_path, capsys):
    batch = tmp_path / "casussen.jsonl"
    base = {"peildatum": "2025-06-01", "antwoorden": {"uren_per_week": 2, "geboortedatum": "1950-06-01", "eigen_mogelijkheden": True}}
    lines = [{"id": "half", **base, "antwoorden": {**base["antwoorden"], "extra_kamers": 1.5}},
             {"id": "heel", **base, "antwoorden": {**base["antwoorden"], "extra_kamers": 1}}]
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(RULES), str(batch)]) == 2
    half, heel = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert half["id"] == "half" and "1,5 is geen geheel getal" in half["fout"]["bericht"]
    assert heel["uitkomst"] == "indicatie"


def test_the_json_lines_intake_refuses_half_a_room_and_asks_again(model):
    rules = load_rules(RULES)
    # the questions that decide come first (uren, geboortedatum), the amounts of household help after them
    answers = iter([{"antwoord": "2 uur"}, {"antwoord": "1950-06-01"}, {"antwoord": "1,5"}, {"antwoord": "1"},
                    {"antwoord": False}])
    stdin = io.StringIO("".join(json.dumps(a) + "\n" for a in answers))
    stdout = io.StringIO()
    run_jsonl(Gesprek.nieuw(rules, SessionStore(None), dt.date(2025, 6, 1)), stdin, stdout)
    messages = [json.loads(line) for line in stdout.getvalue().splitlines()]
    errors = [m for m in messages if "fout" in m]
    assert len(errors) == 1 and "1,5 is geen geheel getal" in errors[0]["fout"]
    assert [m["vraag"] for m in messages if "vraag" in m and "fout" not in m].count("extra_kamers") == 2
    (result,) = [m for m in messages if "resultaat" in m]
    assert result["resultaat"]["uitkomst"] == "indicatie"
    assert result["resultaat"]["waarden"]["totaal"] == {"waarde": 124, "eenheid": "uur per jaar"}
    (kamers,) = [m for m in messages if m.get("vraag") == "extra_kamers" and "fout" not in m][:1]
    assert (kamers["soort"], kamers["geheel"], kamers["eenheid"]) == ("getal", True, None)
