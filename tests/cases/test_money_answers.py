"""Answers in euro, km, the region's own units and per 4 weken, as people type them and as case files hold them."""

from decimal import Decimal

import pytest

from wmo_dsl.cases.answers import from_json
from wmo_dsl.cases.natural import AntwoordFout, allowed, parse_answer
from wmo_dsl.errors import CasusFout

from ..conftest import model_of

MODEL = model_of("eenheid strip\n  meervoud strippen\n"
                 "vraag bedrag: getal\n  eenheid euro\nvraag afstand: getal\n  eenheid km\n"
                 "vraag strips: getal\n  eenheid strippen per jaar\nvraag abonnement: getal\n  eenheid euro per 4 weken\n"
                 "vraag tarief: getal\n  eenheid euro per km\n")


@pytest.mark.parametrize("vraag, typed, value", [
    ("bedrag", "€ 1.250,50", "1250.50"), ("bedrag", "1250,5", "1250.5"), ("bedrag", "1.250 euro", "1250"),
    ("bedrag", "€1,10", "1.10"), ("bedrag", "12 €", "12"),
    ("afstand", "7,5 km", "7.5"), ("afstand", "7,5", "7.5"),
    ("strips", "700 strippen", "700"), ("strips", "2 strippen per week", "104"), ("strips", "1 strip per jaar", "1"),
    ("abonnement", "25 euro per week", "100"), ("abonnement", "€ 1.300 per jaar", "100"), ("abonnement", "100", "100"),
    ("tarief", "€ 0,18 per km", "0.18"), ("tarief", "0,18", "0.18"),
])
def test_an_answer_as_people_type_it_is_read_in_the_unit_of_the_question(vraag, typed, value):
    assert parse_answer(MODEL.vragen[vraag], typed) == Decimal(value)


@pytest.mark.parametrize("vraag, typed, fragment", [
    ("afstand", "7,5 strippen", "'strippen' is geen eenheid; geef het getal in km"),
    ("afstand", "7,5 uur", "uur is niet om te rekenen naar km"),
    ("tarief", "0,18 euro per zone", "'euro per zone' is geen eenheid"),
    ("abonnement", "100 euro per weken", "geen eenheid"),
])
def test_an_answer_in_a_unit_that_does_not_fit_says_so(vraag, typed, fragment):
    with pytest.raises(AntwoordFout) as err:
        parse_answer(MODEL.vragen[vraag], typed)
    assert fragment in str(err.value)


def test_a_case_file_may_write_a_euro_amount_as_text():
    assert from_json(MODEL.vragen["bedrag"], "€ 1.250,50") == Decimal("1250.50")
    assert from_json(MODEL.vragen["bedrag"], 1250.5) == Decimal("1250.5")
    with pytest.raises(CasusFout):
        from_json(MODEL.vragen["bedrag"], "veel")


def test_the_prompt_of_a_euro_question_gives_a_euro_example():
    assert "€ 12,50" in allowed(MODEL.vragen["bedrag"])


def test_a_tariff_with_a_third_decimal_keeps_it_in_json_and_a_computed_third_shows_cents():
    from wmo_dsl.cases.answers import json_value
    from wmo_dsl.language.types import Eenheid

    per_km = Eenheid("euro", per=Eenheid("km"))
    assert json_value(Decimal("0.185"), eenheid=per_km) == {"waarde": 0.185, "eenheid": "euro per km"}
    assert json_value(Decimal(100) / 3, eenheid=Eenheid("euro")) == {"waarde": 33.33, "eenheid": "euro"}
