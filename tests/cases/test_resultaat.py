"""One result object: the letter, the screen and the JSON read the same dates, durations and omvang."""

import datetime as dt
import json

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import Casus, convert_deviations
from wmo_dsl.cases.contract import result_json
from wmo_dsl.cases.resultaat import duration_between, resultaat
from wmo_dsl.language import ast
from wmo_dsl.plugins import load_region
from wmo_dsl.present.besluit import render_besluit
from wmo_dsl.present.explain import build, render

PILOT = {"structureel_nodig": True, "intensief_nodig": False, "expertise_ontbreekt": False, "toestemming_delen": True,
         "startdatum": "2025-07-01", "uren_per_week": "2,5"}


def leiden(afwijkingen=()):
    rules = load_region("leiden")
    peildatum = dt.date(2025, 6, 1)
    casus = Casus("t", "leiden", peildatum, PILOT, afwijkingen=tuple(afwijkingen))
    return rules.evaluate(convert_answers(rules.model, PILOT), peildatum, convert_deviations(rules.model, casus))


def test_an_einddatum_deviation_sets_the_letters_einddatum_and_the_duration_that_follows():
    b = leiden([{"onderwerp": "einddatum", "waarde": "30-6-2027", "reden": "Langer nodig: trage opbouw"}])
    (p,) = resultaat(b).producten
    assert (p.ingangsdatum, p.einddatum, p.duur) == (dt.date(2025, 7, 1), dt.date(2027, 6, 30), ast.Duur(24, "maanden"))
    brief = render_besluit(b, build(b))
    assert "| 1-7-2025 | 30-6-2027 |" in brief and "31-12-2025 |" not in brief
    data = json.loads(json.dumps(result_json(b, None)))
    assert data["producten"][0]["einddatum"] == "2027-06-30" and data["producten"][0]["duur"] == "24 maanden"
    tekst = render(build(b), "tekst")
    assert "per week, duur 24 maanden" in tekst and "per week, duur 6 maanden" not in tekst and "tot en met 30-6-2027" in tekst


def test_without_a_deviation_the_einddatum_follows_from_the_duration():
    (p,) = resultaat(leiden()).producten
    assert (p.einddatum, p.duur, p.omvang.tekst) == (dt.date(2025, 12, 31), ast.Duur(6, "maanden"), "2,5 uur per week")
    assert (p.omvang.volume, p.omvang.eenheid, p.omvang.periode) == (2.5, "uur", "week")


def test_a_duration_between_two_dates_is_in_whole_months_where_it_can_be():
    assert duration_between(dt.date(2025, 1, 15), dt.date(2025, 2, 27)) == ast.Duur(44, "dagen")
    assert duration_between(dt.date(2025, 1, 31), dt.date(2025, 2, 27)) == ast.Duur(1, "maanden")  # as the rules add months
    assert duration_between(dt.date(2025, 7, 1), dt.date(2025, 12, 31)) == ast.Duur(6, "maanden")


def test_a_duration_in_weeks_keeps_its_unit_in_the_json(tmp_path, capsys):
    import json

    from wmo_dsl.cli import main

    rules = tmp_path / "w.wmo"
    rules.write_text('regio r "R"\n  geldig vanaf 2024-01-01\n\nproduct p "P"\n  eenheid per week\n  duur 6 weken\n\n'
                     'regel r1\n  dan product p\n', encoding="utf-8")
    case = tmp_path / "c.json"
    case.write_text('{"peildatum": "2025-01-01", "antwoorden": {}}', encoding="utf-8")
    assert main(["beoordeel", "--regels", str(rules), str(case), "--formaat", "json"]) == 0
    (product,) = json.loads(capsys.readouterr().out)["producten"]
    assert product["duur_met_eenheid"] == {"waarde": 6, "eenheid": "weken"} and product["duur_maanden"] is None
    assert product["duur"] == "6 weken" and product["einddatum"] == "2025-02-11"
