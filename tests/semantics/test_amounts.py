"""Amounts, whole numbers, ages and inline choices: the contract block of the issue evaluates as by hand."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cli import main
from wmo_dsl.semantics.pipeline import load_rules
from wmo_dsl.semantics.values import whole_months, whole_years

RULES = Path(__file__).resolve().parents[1] / "data" / "normenkader.wmo"
PEILDATUM = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def rules():
    return load_rules(RULES)


def judge(rules, **antwoorden):
    return rules.evaluate(convert_answers(rules.model, antwoorden), PEILDATUM)


def test_the_contract_block_checks_without_errors(rules):
    assert [f.code for f in rules.model.waarschuwingen if f.ernst == "fout"] == []


@pytest.mark.parametrize("eigen, kamers, totaal, per_week, afgerond, omlaag", [
    # 108 - 23 + 2 * 16 = 117 uur per jaar; 117 / 52 = 2,25 per week, already a quarter
    (True, 2, Decimal(117), Decimal("2.25"), Decimal("2.25"), Decimal(2)),
    # 108 + 2 * 16 = 140 per jaar; 140 / 52 = 2,692… per week: up to 2,75, down to 2
    (False, 2, Decimal(140), Decimal(140) / 52, Decimal("2.75"), Decimal(2)),
    # 108 - 23 = 85 per jaar; 85 / 52 = 1,634…: up to 1,75, down to 1
    (True, 0, Decimal(85), Decimal(85) / 52, Decimal("1.75"), Decimal(1)),
])
def test_the_norm_framework_gives_the_hours_a_person_computes_by_hand(rules, eigen, kamers, totaal, per_week, afgerond, omlaag):
    b = judge(rules, uren_per_week=0, extra_kamers=kamers, geboortedatum="1950-06-01", eigen_mogelijkheden=eigen)
    assert b.waarden["totaal"] == totaal
    assert abs(b.waarden["per_week"] - per_week) < Decimal("1e-20")
    assert (b.waarden["afgerond"], b.waarden["omlaag"], b.waarden["anderhalf"]) == (afgerond, omlaag, Decimal("1.5"))
    (huishouden,) = b.producten
    assert (huishouden.product, huishouden.volume) == ("huishouden", afgerond)


def test_the_json_result_gives_amounts_with_their_unit_and_the_iwmo_terms_of_the_volume(rules, tmp_path, capsys):
    case = tmp_path / "casus.json"
    case.write_text(json.dumps({"peildatum": "2025-06-01", "antwoorden": {
        "uren_per_week": "150 minuten", "extra_kamers": 2, "geboortedatum": "1950-06-01", "eigen_mogelijkheden": False}}))
    assert main(["beoordeel", "--regels", str(RULES), str(case), "--formaat", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["waarden"]["afgerond"] == {"waarde": 2.75, "eenheid": "uur per week"}
    assert result["waarden"]["anderhalf"] == {"waarde": 1.5, "eenheid": "uur"}
    assert result["waarden"]["leeftijd"] == 75  # a plain number stays a plain number
    iwmo = {p["code"]: p["iwmo"] for p in result["producten"]}
    assert iwmo["huishouden"] == {"productcategorie": None, "productcode": None, "eenheid": "04",
                                  "frequentie": "2", "volume": 2.75}
    assert iwmo["begeleiding"]["volume"] == 2.5  # 150 minuten, in the question's unit


@pytest.mark.parametrize("geboren, leeftijd", [("1950-06-01", 75), ("1950-06-02", 74), ("2007-06-01", 18), ("2007-06-02", 17)])
def test_an_age_counts_the_birthday_on_the_day_itself(rules, geboren, leeftijd):
    b = judge(rules, uren_per_week=0, extra_kamers=0, geboortedatum=geboren, eigen_mogelijkheden=True)
    assert b.waarden["leeftijd"] == leeftijd
    assert bool(b.producten) == (leeftijd >= 18)


def test_a_leap_day_birthday_counts_on_the_first_of_march_and_months_on_the_same_day():
    assert whole_years(dt.date(2000, 2, 29), dt.date(2018, 2, 28)) == 17
    assert whole_years(dt.date(2000, 2, 29), dt.date(2018, 3, 1)) == 18
    assert whole_months(dt.date(2025, 1, 31), dt.date(2025, 2, 28)) == 0
    assert whole_months(dt.date(2025, 1, 31), dt.date(2025, 3, 1)) == 1
    assert whole_years(dt.date(2025, 6, 1), dt.date(2020, 6, 2)) == -4


def test_the_volume_question_is_needed_only_when_its_product_can_be_given(rules):
    open_all = rules.still_needed({}, PEILDATUM)
    assert set(open_all) == {"uren_per_week", "extra_kamers", "geboortedatum", "eigen_mogelijkheden"}
    young = convert_answers(rules.model, {"geboortedatum": "2015-01-01", "uren_per_week": 0})
    assert rules.still_needed(young, PEILDATUM) == []  # a child gets no household help: its amount does not matter


def test_an_indicatie_whose_amount_is_not_answered_is_incomplete_naming_the_amount(rules):
    b = judge(rules, uren_per_week=3, geboortedatum="1950-06-01")
    assert b.uitkomst == "onvolledig"
    assert b.ontbrekend == ["extra_kamers", "eigen_mogelijkheden"]


def test_the_compiled_batch_gives_the_same_amounts_as_the_traced_evaluation(rules):
    answers = convert_answers(rules.model, {"uren_per_week": "2,5", "extra_kamers": 3, "geboortedatum": "1960-02-29",
                                            "eigen_mogelijkheden": False})
    traced = rules.evaluate(answers, PEILDATUM)
    fast = rules.evaluate_fast(answers, PEILDATUM)
    assert fast.waarden == traced.waarden
    assert [p.item for p in fast.producten] == [p.item for p in traced.producten]


def test_the_peildatum_in_an_expression_is_the_date_the_case_is_judged_on(rules):
    answers = convert_answers(rules.model, {"uren_per_week": 0, "extra_kamers": 0, "geboortedatum": "2007-06-02",
                                            "eigen_mogelijkheden": True})
    assert rules.evaluate(answers, dt.date(2025, 6, 1)).waarden["leeftijd"] == 17
    assert rules.evaluate(answers, dt.date(2025, 6, 2)).waarden["leeftijd"] == 18


def test_what_would_change_names_a_changed_amount(rules):
    from wmo_dsl.present.sensitivity import what_would_change

    b = judge(rules, uren_per_week=0, extra_kamers=2, geboortedatum="1950-06-01", eigen_mogelijkheden=False)
    lines = what_would_change(rules, b)
    assert "bij ‘Kan de inwoner zelf een deel van het huishouden doen?’ ja: Hulp bij het huishouden dan 2,25 in plaats van 2,75 uur per week" in lines
    assert "bij ‘Hoeveel extra kamers zijn in gebruik?’ 3: Hulp bij het huishouden dan 3 in plaats van 2,75 uur per week" in lines
