"""Natural answers: what a consultant types, understood; what does not fit, refused with the allowed values."""

import datetime as dt
from decimal import Decimal

import pytest

from wmo_dsl.language import ast
from wmo_dsl.cases.natural import AntwoordFout, completions, parse_answer


@pytest.fixture
def vragen(lekstroom):
    return lekstroom.model.vragen


@pytest.mark.parametrize("text,value", [("j", True), ("Ja", True), ("yes", True), ("n", False), ("NEE", False), ("no", False)])
def test_yes_no_in_dutch_and_english(vragen, text, value):
    assert parse_answer(vragen["alleen_waakvlam"], text) is value


@pytest.mark.parametrize("text", ["ontwikkelen", "Ontwikkelen van zelfredzaamheid en participatie", "ontw", "o", "2", "leerbaar", "ONTWIKKELING"])
def test_a_choice_by_id_label_prefix_number_or_synonym(vragen, text):
    assert parse_answer(vragen["type"], text) == "ontwikkelen"


@pytest.mark.parametrize("text,ids", [
    ("zelfzorg en financiën", {"zelfzorg_gezondheid", "administratie_financien"}),
    ("zelfzorg en financien", {"zelfzorg_gezondheid", "administratie_financien"}),
    ("1, 3", {"zelfzorg_gezondheid", "administratie_financien"}),
    ("Administratie en financiën", {"administratie_financien"}),
    ("sociaal en persoonlijk functioneren; wonen", {"sociaal_functioneren", "woonvaardigheden"}),
    ("geen", set()),
])
def test_several_choices_in_one_line(vragen, text, ids):
    assert parse_answer(vragen["resultaatgebieden"], text) == frozenset(ids)


def test_an_ambiguous_prefix_asks_for_more_letters(vragen):
    with pytest.raises(AntwoordFout, match="meer dan één keuze"):
        parse_answer(vragen["resultaatgebieden"], "z")


def test_a_refusal_names_what_is_allowed(vragen):
    with pytest.raises(AntwoordFout) as info:
        parse_answer(vragen["type"], "misschien")
    assert str(info.value) == ("'misschien' is geen keuze bij deze vraag; kies een nummer van 1 tot en met 2 of het begin van "
                               "een keuze: 1 Behouden van zelfredzaamheid en…; 2 Ontwikkelen van zelfredzaamheid en…")
    with pytest.raises(AntwoordFout, match="antwoord ja of nee"):
        parse_answer(vragen["alleen_waakvlam"], "soms")


def _getal(minimaal=None, maximaal=None):
    lit = lambda v: ast.Literal(Decimal(v), "getal") if v is not None else None
    return ast.Vraag("uren", "getal", "Uren?", None, None, (), "uur per week", lit(minimaal), lit(maximaal), None)


def test_numbers_take_a_decimal_comma_and_respect_bounds():
    assert parse_answer(_getal(), "2,5") == Decimal("2.5")
    assert parse_answer(_getal(), "1.250,5") == Decimal("1250.5")
    with pytest.raises(AntwoordFout, match="hoger dan het maximum 40"):
        parse_answer(_getal(0, 40), "41")


@pytest.mark.parametrize("text", ["1-7-2025", "01-07-2025", "2025-07-01", "1 juli 2025"])
def test_dates_in_dutch_and_iso_form(text):
    datum = ast.Vraag("start", "datum", None, None, None, (), None, None, None, None)
    assert parse_answer(datum, text) == dt.date(2025, 7, 1)


def test_completion_offers_labels_matching_the_last_item(vragen):
    assert completions(vragen["resultaatgebieden"], "zelfzorg, fin") == [("Administratie en financiën", "administratie_financien")]
    assert [c for c, _ in completions(vragen["alleen_waakvlam"], "n")] == ["nee"]


def test_a_yes_no_answer_other_than_ja_or_nee_is_said_back():
    from wmo_dsl.cases.natural import interpretation, parse_answer
    from wmo_dsl.plugins import load_region

    vraag = next(q for q in load_region("zou").model.vragen.values() if q.soort == "janee")
    said = {t: interpretation(vraag, t, parse_answer(vraag, t)) for t in ("1", "ja hoor", "0", "ja", "nee")}
    assert said == {"1": "ja", "ja hoor": "ja", "0": "nee", "ja": None, "nee": None}


def test_the_example_of_a_number_question_is_an_answer_it_takes():
    import re

    from wmo_dsl.cases.natural import allowed, parse_answer
    from wmo_dsl.plugins import load_region

    for region in ("tsd", "lekstroom", "zou", "leiden"):
        for vraag in load_region(region).model.vragen.values():
            if vraag.soort == "getal":
                voorbeeld = re.search(r"bijvoorbeeld ([\d,.]+)", allowed(vraag))[1]
                parse_answer(vraag, voorbeeld)  # raises when the example is refused
    sessies = load_region("tsd").model.vragen["sessies"]
    assert allowed(sessies).endswith("bijvoorbeeld 4")


def test_a_filler_word_does_not_hide_the_start_of_an_option():
    from wmo_dsl.cases.natural import parse_answer
    from wmo_dsl.plugins import load_region

    vraag = load_region("tsd").model.vragen["leerbaar"]  # 1 "Ja, aan ontwikkeldoelen werken"; 2 "Beperkt …"
    assert parse_answer(vraag, "ja hoor") == parse_answer(vraag, "ja") == vraag.opties[0].id
    assert parse_answer(vraag, "beperkt hoor") == vraag.opties[1].id


@pytest.mark.parametrize("typed,value", [("anderhalf uur", "1.5"), ("een half uur", "0.5"), ("drieënhalf", "3.5")])
def test_halves_in_words_are_numbers(typed, value):
    from decimal import Decimal

    from wmo_dsl.cases.natural import parse_answer
    from wmo_dsl.plugins import load_region

    assert parse_answer(load_region("tsd").model.vragen["uren_per_week"], typed) == Decimal(value)


def test_an_answer_read_back_keeps_the_unit_the_question_counts_in():
    from decimal import Decimal

    from wmo_dsl.cases.natural import answer_text
    from wmo_dsl.plugins import load_region

    vragen = load_region("tsd").model.vragen
    assert answer_text(vragen["afstand_km"], Decimal("7.5")) == "7,5 km"
    assert answer_text(vragen["uren_per_week"], Decimal("2")) == "2 uur per week"
