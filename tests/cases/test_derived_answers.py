"""A deviating value for a derived number reads numbers as an answer to a question does."""

from decimal import Decimal
from pathlib import Path

from wmo_dsl.cases.derived_answers import parse_derived
from wmo_dsl.semantics.pipeline import checked

NORMENKADER = Path(__file__).parents[1] / "data" / "normenkader.wmo"


def test_a_deviating_number_is_read_with_its_thousands_point_like_an_answer():
    model = checked(NORMENKADER)
    assert parse_derived(model, "leeftijd", "1.250") == Decimal(1250)
    assert parse_derived(model, "leeftijd", "2,5") == Decimal("2.5")


def test_a_deviating_amount_with_a_unit_is_read_with_its_thousands_point():
    model = checked(NORMENKADER)
    assert parse_derived(model, "totaal", "1.250,5 uur per jaar") == Decimal("1250.5")
