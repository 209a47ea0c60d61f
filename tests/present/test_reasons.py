"""Every conclusion has its reason: a refusal says why (with a source), no product is both granted
and refused, a motivering's {naam} is asked and never printed raw."""

import datetime as dt
from pathlib import Path

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.present.besluit import render_besluit
from wmo_dsl.present.explain import build, render
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.pipeline import load_rules

from ..conftest import HEADER, findings, model_of

PEIL = dt.date(2025, 6, 1)
HUISGENOTEN = Path(__file__).resolve().parent.parent / "data" / "huisgenoten.wmo"


def test_a_geen_indicatie_for_a_household_says_why_on_screen_and_in_the_letter():
    rules = load_rules(HUISGENOTEN)
    b = rules.evaluate(convert_answers(rules.model, {"huisgenoten": [{"leeftijd": 40, "beperkt": False}]}), PEIL)
    assert b.uitkomst == "geen_indicatie"
    u = build(b)
    assert u.waarom and all(p.bron for p in u.waarom)
    assert "De inwoner krijgt geen hulp bij het huishouden" in render(u, "tekst").split("Waarom", 1)[1]
    brief = render_besluit(b, build(b, lezer="u"))
    waarom = brief.split("## Waarom wij zo besluiten", 1)[1].split("Wij baseren", 1)[0]
    assert "U krijgt geen hulp bij het huishouden" in waarom


TWEE_ROUTES = '''vraag a: ja/nee
vraag b: ja/nee
product hh "Hulp bij het huishouden, tijdelijk"
  code "02A02"
regel r1
  als a
  dan product hh
regel r2
  als a en b
  dan product hh
'''


def test_a_product_reached_by_two_routes_is_not_also_refused():
    rules = Rules(model_of(TWEE_ROUTES))
    b = rules.evaluate({"a": True, "b": False}, PEIL)
    u = build(b)
    assert [p["naam"] for p in u.producten] == ["Hulp bij het huishouden, tijdelijk"]
    assert not any("Hulp bij het huishouden" in p.tekst for p in u.niet)
    assert "Wat u niet krijgt" not in render_besluit(b, u)


MOTIVERING = '''vraag a: ja/nee
vraag uren: getal
  maximaal 40
product p "Begeleiding"
regel r
  als a
  dan product p
  motivering "Begeleiding, omdat de inwoner {uren} uur per week hulp nodig heeft."
'''


def test_a_value_named_in_a_motivering_is_asked_and_never_printed_raw():
    rules = Rules(model_of(MOTIVERING))
    assert rules.still_needed({"a": True}, PEIL) == ["uren"]
    assert rules.still_needed({"a": False}, PEIL) == []  # the motivering cannot appear
    b = rules.evaluate({"a": True}, PEIL)  # a case file without it is not complete: the value is part of the outcome
    assert (b.uitkomst, b.ontbrekend) == ("onvolledig", ["uren"])
    assert "{" not in render(build(b), "tekst")
    b = rules.evaluate({"a": True, "uren": 6}, PEIL)
    assert "6 uur per week" in render(build(b), "tekst")


def test_wmo_check_warns_about_a_refusal_without_reason_and_a_placeholder_that_can_stay_empty():
    codes = {f.code for f in findings('product p "P"\nregel r\n  dan product p\n')}
    assert "W031" in codes
    leeg = ('vraag a: ja/nee\nsoort is\n  "x" als a\nproduct p "P"\nregel r\n  als a\n  dan product p\n'
            '  motivering "Soort {soort}."\n')
    assert "W032" in {f.code for f in findings(leeg)}
    assert "W032" not in {f.code for f in findings(leeg.replace('"x" als a\n', '"x" als a\n  "y" anders\n'))}


def test_a_refusal_the_rules_cannot_explain_gets_a_visible_placeholder_for_the_motivering():
    from wmo_dsl.present.explain import Punt
    from wmo_dsl.present.redenen import GEEN_REDEN, refusal_reasons

    rules = Rules(model_of('vraag a: ja/nee\nproduct p "P"\nregel r\n  als a\n  dan product p\n'))
    b = rules.evaluate({"a": False}, PEIL)
    u = build(b)
    u.waarom, u.niet = [], []  # as if the rules gave nothing to say
    refusal_reasons(b, u, Punt)
    assert [p.tekst for p in u.waarom] == [GEEN_REDEN] and GEEN_REDEN.startswith("[")


def test_the_deciding_step_stays_when_the_intake_skipped_questions_that_no_longer_mattered():
    from wmo_dsl.plugins import load_region

    rules = load_region("leiden")
    antwoorden = {"structureel_nodig": True, "toestemming_delen": True, "startdatum": "2025-07-01", "uren_per_week": "2,5"}
    answers = convert_answers(rules.model, antwoorden)
    assert rules.still_needed(answers, PEIL) == []  # intensief_nodig and expertise_ontbreekt were skipped
    b = rules.evaluate(answers, PEIL)
    assert any(p.onderwerp == "bgi nodig" for p in build(b).waarom)


TABEL = '''vraag a: ja/nee
vraag b: ja/nee
tabel soort: a | b -> keuze
  nee | -   -> "licht"
  ja  | ja  -> "zwaar"
  ja  | nee -> "midden"
product p "Begeleiding"
regel r
  als soort = "licht"
  dan product p
'''


def test_a_table_row_that_decided_stays_when_a_column_it_did_not_need_was_skipped():
    rules = Rules(model_of(TABEL))
    assert rules.still_needed({"a": False}, PEIL) == []  # b no longer matters
    b = rules.evaluate({"a": False}, PEIL)
    assert any(p.onderwerp == "soort" for p in build(b).waarom)
