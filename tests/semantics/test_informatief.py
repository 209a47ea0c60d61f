"""Informational values: what a motivering, a kenmerk or a product's amount line shows is part of
the outcome, so its questions are asked (after the deciding ones) and a case without them is open."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.pipeline import checked

DATA = Path(__file__).resolve().parent.parent / "data" / "informatief.wmo"
PEILDATUM = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def rules():
    return Rules(checked(DATA))


def test_a_question_only_an_informational_value_reads_is_not_called_unused():
    assert [f.code for f in checked(DATA).waarschuwingen] == []


def test_the_questions_of_informational_values_are_asked_after_the_deciding_ones(rules):
    needed = rules.still_needed({}, PEILDATUM)
    assert rules.model.in_asking_order(needed) == ["kan_reizen", "inkomen", "afstand"]
    assert rules.still_needed({"kan_reizen": False}, PEILDATUM) == ["inkomen", "afstand"]


def test_when_the_product_is_not_indicated_its_amounts_ask_nothing(rules):
    assert rules.still_needed({"kan_reizen": True}, PEILDATUM) == []


def test_a_case_without_the_answers_an_informational_value_needs_is_open(rules):
    b = rules.evaluate({"kan_reizen": False}, PEILDATUM)
    assert (b.uitkomst, b.ontbrekend) == ("onvolledig", ["inkomen", "afstand"])


def test_the_outcome_carries_the_values_it_shows(rules):
    answers = {"kan_reizen": False, "inkomen": Decimal(2500), "afstand": Decimal(12)}
    slow, fast = rules.evaluate(answers, PEILDATUM), rules.evaluate_fast(answers, PEILDATUM)
    shown = dict(slow.conclusies.informatief)
    assert shown == {"eigen_bijdrage_rit": Decimal("2.50"), "vervoer.eigen_bijdrage": Decimal("2.50"),
                     "vervoer.vergoeding": Decimal("2.28")}
    assert dict(fast.conclusies.informatief) == shown and fast.conclusies.key == slow.conclusies.key
    assert slow.waarden["eigen_bijdrage_rit"] == Decimal("2.50")


def test_a_different_informational_value_is_a_different_outcome(rules):
    low = rules.evaluate({"kan_reizen": False, "inkomen": Decimal(100), "afstand": Decimal(12)}, PEILDATUM)
    high = rules.evaluate({"kan_reizen": False, "inkomen": Decimal(2500), "afstand": Decimal(12)}, PEILDATUM)
    assert low.conclusies.key != high.conclusies.key
