"""Lists of persons: the contract block of 'Huisgenoten' counts, aggregates and asks per person only what matters."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.semantics.pipeline import load_rules

from ..oracle import brute_force_needed

RULES = Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo"
PEILDATUM = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def rules():
    return load_rules(RULES)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The same region with at most 3 persons, small enough for the brute-force oracle."""
    path = tmp_path_factory.mktemp("klein") / "klein.wmo"
    path.write_text(RULES.read_text(encoding="utf-8").replace("maximaal 8", "maximaal 3"), encoding="utf-8")
    return load_rules(path)


def answers(rules, huisgenoten):
    return convert_answers(rules.model, {"huisgenoten": huisgenoten})


def test_the_contract_block_checks_clean(rules):
    assert [f"{f.code} {f.bericht}" for f in rules.model.waarschuwingen] == []


@pytest.mark.parametrize("huisgenoten, uitkomst, volwassen", [
    ([], "indicatie", 0),
    ([{"leeftijd": 40, "beperkt": False}], "geen_indicatie", 1),
    ([{"leeftijd": 40, "beperkt": True}], "indicatie", 0),
    ([{"leeftijd": 12}, {"leeftijd": 15}, {"leeftijd": 44, "beperkt": True}], "indicatie", 0),
    ([{"leeftijd": 12}, {"leeftijd": 19, "beperkt": False}, {"leeftijd": 44, "beperkt": True}], "geen_indicatie", 1),
])
def test_households_of_0_1_and_3_persons_give_the_outcome_of_the_rule(rules, huisgenoten, uitkomst, volwassen):
    b = rules.evaluate(answers(rules, huisgenoten), PEILDATUM)
    assert (b.uitkomst, b.waarden["volwassen_huisgenoten"]) == (uitkomst, volwassen)


def test_aggregates_over_three_persons_are_computed_as_by_hand(rules):
    b = rules.evaluate(answers(rules, [{"leeftijd": 12, "beperkt": False}, {"leeftijd": 15, "beperkt": False},
                                       {"leeftijd": 44, "beperkt": True}]), PEILDATUM)
    assert (b.waarden["jongste"], b.waarden["oudste_kind"], b.waarden["leeftijden"]) == (12, 15, 71)


def test_an_empty_household_counts_and_sums_zero_and_has_no_youngest(rules):
    b = rules.evaluate(answers(rules, []), PEILDATUM)
    assert (b.waarden["volwassen_huisgenoten"], b.waarden["leeftijden"]) == (0, 0)
    assert b.waarden.get("jongste") is None and b.waarden.get("oudste_kind") is None


def test_still_needed_after_a_child_of_12_and_an_adult_of_40_is_only_whether_the_adult_is_limited(rules):
    assert rules.still_needed(answers(rules, [{"leeftijd": 12}, {"leeftijd": 40}]), PEILDATUM) == ["huisgenoten[2].beperkt"]


def test_still_needed_names_the_count_first_and_then_each_persons_age(rules):
    assert rules.still_needed({}, PEILDATUM) == ["huisgenoten"]
    assert rules.still_needed(answers(rules, 2), PEILDATUM) == ["huisgenoten[1].leeftijd", "huisgenoten[1].beperkt",
                                                                 "huisgenoten[2].leeftijd", "huisgenoten[2].beperkt"]


@pytest.mark.parametrize("huisgenoten", [
    [{"leeftijd": 12}, {"leeftijd": 40}],
    [{"leeftijd": 12}, {}],
    [{"leeftijd": 40}, {"leeftijd": 50}],
    [{"leeftijd": 40, "beperkt": True}, {"beperkt": False}, {}],
    3,
])
def test_still_needed_over_persons_equals_the_brute_force_oracle(small, huisgenoten):
    given = answers(small, huisgenoten)
    assert small.still_needed(given, PEILDATUM) == brute_force_needed(small, given, PEILDATUM)


def test_compiled_code_agrees_with_the_evaluation_on_households(rules):
    households = [[], [{"leeftijd": 40, "beperkt": False}], [{"leeftijd": 17, "beperkt": False}, {"leeftijd": 18, "beperkt": True}],
                  [{"leeftijd": n, "beperkt": n % 2 == 0} for n in (3, 18, 30, 64, 90, 100, 0, 120)]]
    for household in households:
        given = answers(rules, household)
        engine = rules.evaluate(given, PEILDATUM)
        assert rules.compiled(given, PEILDATUM) == (engine.waarden, engine.conclusies)


TABLE = '''
kinderen is aantal huisgenoten met leeftijd < 18

tabel uren: volwassen_huisgenoten | kinderen -> getal
  0       | 0       -> 4
  0       | 1 tot 8 -> 3
  1 tot 8 | 1 tot 8 -> 0

product uren_hulp "Uren"

regel uren_nodig
  als uren > 0
  dan product uren_hulp
'''


def test_wmo_check_finds_the_gap_in_a_table_over_persons(tmp_path, capsys):
    from wmo_dsl.cli import main

    path = tmp_path / "tabel.wmo"
    path.write_text(RULES.read_text(encoding="utf-8") + TABLE, encoding="utf-8")
    main(["check", str(path)])
    shown = capsys.readouterr()
    gap = [line for line in (shown.out + shown.err).splitlines() if "W010" in line]
    assert gap and "volwassen_huisgenoten 1, kinderen 0" in gap[0]


def test_an_unused_question_about_persons_is_reported_once(tmp_path):
    path = tmp_path / "ongebruikt.wmo"
    path.write_text(RULES.read_text(encoding="utf-8").replace(" en niet beperkt", ""), encoding="utf-8")
    w021 = [f.bericht for f in load_rules(path).model.waarschuwingen if f.code == "W021"]
    assert w021 == ["vraag 'beperkt' over elke persoon van 'huisgenoten' wordt door geen regel gebruikt en zal nooit gesteld worden"]
