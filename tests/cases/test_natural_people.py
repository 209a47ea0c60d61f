"""Answers as people give them at the kitchen table: fillers, lists by spaces and ranges, number
words, a unit the question already has, dates with weekday and month names; a typo gets the nearest
option as a suggestion; what was interpreted is said back in words."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.natural import AntwoordFout, interpretation, parse_answer, parse_date
from wmo_dsl.plugins import load_region
from wmo_dsl.semantics.pipeline import load_rules

LEK = load_region("lekstroom").model.vragen
TSD = load_region("tsd").model.vragen
HUIS = load_rules(Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo").model.vragen
GEBIEDEN = [o.id for o in LEK["resultaatgebieden"].opties]


@pytest.mark.parametrize("vragen,vraag,text,value", [
    (LEK, "alleen_waakvlam", "ja hoor", True),
    (LEK, "alleen_waakvlam", "nee hoor", False),
    (LEK, "alleen_waakvlam", "jazeker", True),
    (LEK, "alleen_waakvlam", "dat klopt", True),
    (LEK, "alleen_waakvlam", "nee joh", False),
    (LEK, "alleen_waakvlam", "zeker niet", False),
    (LEK, "resultaatgebieden", "1 3", frozenset(GEBIEDEN[i] for i in (0, 2))),
    (LEK, "resultaatgebieden", "1-6", frozenset(GEBIEDEN)),
    (LEK, "resultaatgebieden", "1 t/m 3", frozenset(GEBIEDEN[:3])),
    (LEK, "resultaatgebieden", "2 tot en met 3 en 5", frozenset(GEBIEDEN[i] for i in (1, 2, 4))),
    (LEK, "resultaatgebieden", "alle", frozenset(GEBIEDEN)),
    (LEK, "resultaatgebieden", "geen", frozenset()),
    (TSD, "afstand_km", "7,5 km", Decimal("7.5")),
    (TSD, "dagdelen_per_week", "3 dagdelen", Decimal(3)),
    (TSD, "dagdelen_per_week", "drie", Decimal(3)),
    (HUIS, "huisgenoten[1].leeftijd", "42 jaar", Decimal(42)),
    (HUIS, "huisgenoten", "twee", Decimal(2)),
])
def test_answers_as_people_give_them_are_taken_with_the_right_value(vragen, vraag, text, value):
    assert parse_answer(vragen[vraag], text) == value


@pytest.mark.parametrize("text,expected", [
    ("maandag 5 januari 2026", dt.date(2026, 1, 5)),
    ("5 jan 2026", dt.date(2026, 1, 5)),
    ("5 jan. 2026", dt.date(2026, 1, 5)),
    ("5 januari", dt.date(2027, 1, 5)),  # without a year: the next 5 January
    ("4 december", dt.date(2026, 12, 4)),  # today counts as next
])
def test_dutch_dates_with_weekday_or_month_names(text, expected):
    assert parse_date(text, today=dt.date(2026, 12, 4)) == expected


def test_a_weekday_that_does_not_fit_the_date_is_refused_with_the_right_weekday():
    with pytest.raises(AntwoordFout, match="5 januari 2026 is een maandag, geen dinsdag"):
        parse_date("dinsdag 5 januari 2026", today=dt.date(2026, 12, 4))


def test_a_typo_in_a_choice_suggests_the_nearest_option():
    with pytest.raises(AntwoordFout) as info:
        parse_answer(LEK["type"], "onwtikkelen")
    assert "bedoelde u 'Ontwikkelen van zelfredzaamheid en participatie'?" in str(info.value)
    assert info.value.suggestie == "ontwikkelen"


def test_a_refusal_lists_option_labels_with_their_numbers_not_ids():
    with pytest.raises(AntwoordFout) as info:
        parse_answer(LEK["verzwarende_omstandigheden"], "vliegen")
    text = str(info.value)
    assert "1 " in text and "life_event" not in text and "agressie_zorgmijding" not in text


def test_a_number_out_of_range_in_a_list_names_the_range_once():
    for typed in ("1-9", "9"):
        with pytest.raises(AntwoordFout) as info:
            parse_answer(LEK["resultaatgebieden"], typed)
        assert str(info.value).startswith(f"'{typed}' past niet; kies een of meer nummers (1 tot en met 6,")
        assert str(info.value).count("tot en met 6") == 1 and str(info.value).count("kies") == 1


@pytest.mark.parametrize("vragen,vraag,text,echo", [
    (TSD, "dagdelen_per_week", "drie", "3 dagdelen per week"),
    (TSD, "afstand_km", "7,5 km", "7,5 km"),
    (LEK, "type", "ontw", "Ontwikkelen van zelfredzaamheid en participatie"),
])
def test_an_interpreted_answer_is_said_back_in_words(vragen, vraag, text, echo):
    assert interpretation(vragen[vraag], text, parse_answer(vragen[vraag], text)) == echo


def test_an_answer_that_says_itself_is_not_echoed():
    assert interpretation(LEK["alleen_waakvlam"], "ja", True) is None
    assert interpretation(LEK["type"], "ontwikkelen", "ontwikkelen") is None


def test_a_unit_that_does_not_fit_a_question_in_km_words_says_the_answer_is_in_km():
    with pytest.raises(AntwoordFout) as info:
        parse_answer(TSD["afstand_km"], "7,5 uur")
    assert str(info.value).startswith("'uur' past niet bij deze vraag: het antwoord is in km;")
    assert "geen eenheid" not in str(info.value)
