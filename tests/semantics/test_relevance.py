"""The still-needed set: exactly the open questions that can still change the outcome."""

import itertools

import pytest

from wmo_dsl.cases.answers import convert_answers
from ..conftest import PEILDATUM
from ..oracle import brute_force_needed

TWO_AREAS = ["zelfzorg_gezondheid", "woonvaardigheden"]
ALL_AREAS = ["zelfzorg_gezondheid", "regelvermogen_dagstructuur", "administratie_financien",
             "sociaal_functioneren", "zingeving_meedoen", "woonvaardigheden"]


def needed(lekstroom, **antwoorden):
    return lekstroom.still_needed(convert_answers(lekstroom.model, antwoorden), PEILDATUM)


def test_with_only_administratie_nothing_more_is_needed(lekstroom):
    assert needed(lekstroom, resultaatgebieden=["administratie_financien"]) == []


def test_with_two_areas_the_highest_product_question_is_never_needed(lekstroom):
    assert "hoogste_product_ontoereikend" not in needed(lekstroom, resultaatgebieden=TWO_AREAS)
    for typ, verz in itertools.product(["behouden", "ontwikkelen"], [[], ["gedrag"], ["gedrag", "psychiatrie"]]):
        assert "hoogste_product_ontoereikend" not in needed(lekstroom, resultaatgebieden=TWO_AREAS, type=typ, verzwarende_omstandigheden=verz)


def test_waakvlam_is_asked_only_where_the_lowest_product_is_possible(lekstroom):
    assert "alleen_waakvlam" in needed(lekstroom, resultaatgebieden=TWO_AREAS)
    assert "alleen_waakvlam" not in needed(lekstroom, resultaatgebieden=TWO_AREAS, type="ontwikkelen")
    assert "alleen_waakvlam" not in needed(lekstroom, resultaatgebieden=ALL_AREAS)


def test_a_full_026A3_case_needs_the_highest_product_question(lekstroom):
    left = needed(lekstroom, resultaatgebieden=ALL_AREAS, type="ontwikkelen", verzwarende_omstandigheden=["gedrag", "psychiatrie"])
    assert left == ["hoogste_product_ontoereikend", "uren_per_maand", "verandering_verwacht"]


def test_nothing_answered_needs_every_question_in_file_order(lekstroom):
    assert needed(lekstroom) == ["resultaatgebieden", "type", "verzwarende_omstandigheden", "alleen_waakvlam",
                                 "hoogste_product_ontoereikend", "uren_per_maand", "verandering_verwacht"]


def test_no_areas_ends_the_case(lekstroom):
    assert needed(lekstroom, resultaatgebieden=[]) == []


@pytest.mark.parametrize("antwoorden", [
    {"resultaatgebieden": ["administratie_financien"]},
    {"resultaatgebieden": TWO_AREAS},
    {"resultaatgebieden": ALL_AREAS, "type": "ontwikkelen"},
    {"verzwarende_omstandigheden": [], "type": "behouden", "alleen_waakvlam": True},
    {"resultaatgebieden": ["zelfzorg_gezondheid"], "verandering_verwacht": True},
    {"type": "behouden", "verzwarende_omstandigheden": ["gedrag", "psychiatrie"], "alleen_waakvlam": False},
])
def test_still_needed_equals_the_brute_force_definition(lekstroom, antwoorden):
    answers = convert_answers(lekstroom.model, antwoorden)
    assert lekstroom.still_needed(answers, PEILDATUM) == brute_force_needed(lekstroom, answers, PEILDATUM)


def test_on_the_day_of_a_70th_birthday_the_income_question_no_longer_matters(tmp_path):
    import datetime as dt

    from wmo_dsl.semantics.pipeline import load_rules

    path = tmp_path / "leeftijd.wmo"
    path.write_text(
        'regio r "R"\n  geldig vanaf 2024-01-01\n\nvraag geboortedatum: datum\n\nvraag inkomen: getal\n  minimaal 0\n'
        '  maximaal 100000\n\nleeftijd is jaren tussen geboortedatum en peildatum\n\nproduct a "A"\n  eenheid per maand\n'
        '  duur 12 maanden\n\nproduct b "B"\n  eenheid per maand\n  duur 12 maanden\n\nregel oud\n  als leeftijd >= 70\n'
        '  dan product a\n\nregel jong\n  als leeftijd < 70 en inkomen < 2000\n  dan product b\n', encoding="utf-8")
    rules, peildatum = load_rules(path), dt.date(2026, 12, 4)
    assert rules.still_needed({"geboortedatum": dt.date(1956, 12, 4)}, peildatum) == []  # 70 today
    assert rules.still_needed({"geboortedatum": dt.date(1956, 12, 5)}, peildatum) == ["inkomen"]  # 70 tomorrow
