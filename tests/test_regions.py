"""The shipped regions: every example case passes, and the worked examples of the seeds hold."""

import datetime as dt
from decimal import Decimal

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cli import main
from wmo_dsl.cases.contract import result_json
from wmo_dsl.plugins import load_region, region_sources

SHIPPED = ["lekstroom", "leiden", "zou", "tsd"]


@pytest.mark.parametrize("rid", [r for r in SHIPPED if r in region_sources()])
def test_every_example_case_of_the_region_passes(rid, capsys):
    assert main(["test", "--regio", rid]) == 0
    assert ", 0 mislukt" in capsys.readouterr().out


@pytest.mark.parametrize("rid", [r for r in SHIPPED if r in region_sources()])
def test_the_region_is_clean_and_has_examples(rid, capsys):
    assert main(["check", *map(str, region_sources()[rid].regels)]) == 0
    assert len(list(region_sources()[rid].casussen.glob("*.json"))) >= 10


def evaluate(rid, antwoorden, peildatum=dt.date(2025, 6, 1)):
    rules = load_region(rid)
    return result_json(rules.evaluate(convert_answers(rules.model, antwoorden), peildatum), [])


def test_zou_reproduces_the_worked_example_of_paragraph_1_8():
    data = evaluate("zou", {"nabijheid_24_7_nodig": False, "meervoudige_problematiek": True, "eigen_hulpvraag": True,
                            "veiligheidsvraagstukken": False, "bereikbaarheid_buiten_kantooruren_nodig": True,
                            "regie_met_begeleiding": True, "uren_per_week": 4})
    uur = {"indirect_max": 0.8, "direct": 3.2, "face_to_face_min": 2.56, "digitaal_max": 0.64}
    assert data["waarden"]["urenverdeling"] == {k: {"waarde": v, "eenheid": "uur per week"} for k, v in uur.items()}
    assert data["producten"][0]["iwmo"]["volume"] == 4


@pytest.mark.parametrize("start,eerste_contact", [
    ("2026-03-30", "2026-04-15"),  # Goede Vrijdag 3 april and tweede Paasdag 6 april 2026
    ("2026-04-28", "2026-05-13"),  # 5 mei 2026 is no lustrum year, still a feestdag under the Atw
    ("2025-12-19", "2026-01-07"),  # eerste en tweede Kerstdag, Nieuwjaarsdag
    ("2019-07-01", "2019-07-15"),  # the pilot: no feestdag, two weekends
])
def test_leiden_counts_werkdagen_across_feestdagen(start, eerste_contact):
    data = evaluate("leiden", {"structureel_nodig": True, "intensief_nodig": False, "expertise_ontbreekt": False,
                               "toestemming_delen": True, "startdatum": start, "uren_per_week": 3})
    assert {t["id"]: t["datum"] for t in data["termijnen"]}["eerste_contact"] == eerste_contact


def test_a_six_month_indicatie_from_1_july_ends_on_31_december():
    data = evaluate("leiden", {"structureel_nodig": True, "intensief_nodig": False, "expertise_ontbreekt": False,
                               "toestemming_delen": True, "startdatum": "2019-07-01", "uren_per_week": 3})
    assert {t["id"]: t["datum"] for t in data["termijnen"]}["einddatum"] == "2019-12-31"


def test_every_product_of_every_example_indicatie_has_an_iwmo_volume_eenheid_and_frequentie():
    from wmo_dsl.cases.answers import convert_answers
    from wmo_dsl.cases.contract import result_json
    from wmo_dsl.plugins import load_region, region_sources
    from wmo_dsl.tools.casetest import region_cases

    seen = 0
    for rid, source in region_sources().items():
        rules = load_region(rid)
        for casus in region_cases(source.casussen):
            b = rules.evaluate(convert_answers(rules.model, casus.antwoorden), casus.peildatum)
            for product in result_json(b, None)["producten"]:
                iwmo = product["iwmo"]
                assert None not in (iwmo["volume"], iwmo["eenheid"], iwmo["frequentie"]), (rid, casus.pad, product["code"], iwmo)
                seen += 1
    assert seen >= 40
