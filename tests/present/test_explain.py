"""Explanations: a short Dutch argument with sources, as text, Markdown and JSON data."""

import datetime as dt
import json
from pathlib import Path

from wmo_dsl.cases.contract import result_json
from wmo_dsl.present.explain import build, render
from wmo_dsl.semantics.engine import Rules

from ..conftest import model_of

ALL_AREAS = ["zelfzorg_gezondheid", "regelvermogen_dagstructuur", "administratie_financien",
             "sociaal_functioneren", "zingeving_meedoen", "woonvaardigheden"]


def test_administratie_alone_explains_why_there_is_no_indicatie(evaluate):
    text = render(build(evaluate(resultaatgebieden=["administratie_financien"])), "tekst")
    assert "Geen indicatie" in text
    waarom = text.split("Waarom", 1)[1].split("Verwijzingen", 1)[0]  # the reason of a refusal is under 'Waarom'
    assert "Administratie en financiën telt alleen mee in combinatie met andere\n     resultaatgebieden" in waarom
    assert "(bron: §2, resultaatgebied 3: Administratie en financiën)" in text
    assert "Voorliggend veld of informele hulp" in text


def test_an_indicatie_is_argued_step_by_step_with_sources(evaluate):
    b = evaluate(resultaatgebieden=["zelfzorg_gezondheid", "woonvaardigheden", "sociaal_functioneren"], type="ontwikkelen",
                 verzwarende_omstandigheden=["gedrag"], verandering_verwacht=False)
    uitleg = build(b)
    subjects = [p.onderwerp for p in uitleg.waarom]
    assert subjects[:3] == ["omvang", "intensiteit", "matrixproduct"]
    omvang = uitleg.waarom[0]
    assert omvang.tekst.startswith("De omvang van de ondersteuning is bovengemiddeld (3 of 4 resultaatgebieden). Er zijn drie resultaatgebieden")
    assert build(b, spoor=True).waarom[0].tekst.startswith("omvang is bovengemiddeld, want aantal resultaatgebieden in 3 tot 4")
    assert omvang.bron.startswith("§2")
    text = render(uitleg, "tekst")
    assert "* 024A2  IB 3-4 resultaatgebieden, ontwikkelen, intensiteit +" in text
    assert "per maand, duur 12 maanden (maximaal 24 maanden)" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_explanation_leaves_out_answers_that_were_never_given(evaluate):
    uitleg = build(evaluate(resultaatgebieden=["administratie_financien"]))
    assert all("intensiteit" not in p.tekst for p in uitleg.punten())


def test_markdown_has_a_product_table(evaluate):
    b = evaluate(resultaatgebieden=ALL_AREAS, type="behouden", verzwarende_omstandigheden=[], verandering_verwacht=False)
    md = render(build(b), "markdown")
    assert "| Code | Product | Omvang | Duur | Maximaal |" in md
    assert "| 026B1 |" in md
    assert "## Waarom" in md


def test_json_result_follows_the_contract(evaluate):
    b = evaluate(resultaatgebieden=ALL_AREAS, type="ontwikkelen", verzwarende_omstandigheden=["gedrag", "psychiatrie"],
                 hoogste_product_ontoereikend=False, verandering_verwacht=False)
    data = json.loads(json.dumps(result_json(b, build(b).als_data())))
    assert data["uitkomst"] == "indicatie" and data["regio"] == "lekstroom" and data["peildatum"] == "2025-01-01"
    assert data["producten"] == [{
        "code": "026A3", "naam": "IB 5-6 resultaatgebieden, ontwikkelen, intensiteit ++", "eenheid": "per maand",
        "ingangsdatum": "2025-01-01", "einddatum": "2025-12-31", "einde": "einddatum",
        "duur_maanden": 12, "max_duur_maanden": 24, "min_duur_maanden": None, "duur": "12 maanden", "maximale_duur": "24 maanden",
        "duur_met_eenheid": {"waarde": 12, "eenheid": "maanden"}, "maximale_duur_met_eenheid": {"waarde": 24, "eenheid": "maanden"},
        "omvang": {"volume": 1, "eenheid": "stuks", "periode": "maand", "tekst": "1 stuk per maand"},
        "tarief": data["producten"][0]["tarief"],
        "bron": "Toelichting: schematisch productmodel; bijlage 7 (product- en tarievenblad)",
        "iwmo": {"productcategorie": "02", "productcode": "026A3", "eenheid": "82", "frequentie": "4", "volume": 1},
        "kenmerken": {},
        "bedragen": {},
    }]
    assert data["termijnen"] == []
    assert data["signalen"] == ["ggz_crisisopvang"] and data["verwijzingen"] == [] and data["ontbrekend"] == []
    assert data["waarden"]["omvang"] == "groot" and data["waarden"]["intensiteit"] == "plusplus"
    assert all(set(p) == {"onderwerp", "label", "soort", "id", "tekst", "bron"} for p in data["uitleg"])
    # the subject is words from the rule file; the id stands apart
    assert all(p["onderwerp"] == p["label"] and "_" not in p["label"] for p in data["uitleg"])
    assert {"soort": "waarde", "id": "omvang", "label": "omvang van de ondersteuning"}.items() <= data["uitleg"][0].items()


def test_an_incomplete_case_lists_what_is_still_needed(evaluate):
    text = render(build(evaluate(resultaatgebieden=["zelfzorg_gezondheid"])), "tekst")
    assert "Nog nodig om te beoordelen" in text
    assert "- Kan de inwoner nog (grote) stappen zetten" in text and "- type:" not in text
    assert "- type: Kan de inwoner nog (grote) stappen zetten" in render(build(evaluate(resultaatgebieden=["zelfzorg_gezondheid"]),
                                                                               spoor=True), "tekst")


def test_an_alternative_that_was_asked_about_is_explained_as_not_indicated(evaluate):
    b = evaluate(resultaatgebieden=["zelfzorg_gezondheid"], type="behouden", verzwarende_omstandigheden=[],
                 alleen_waakvlam=False, verandering_verwacht=False)
    (niet,) = build(b).niet
    assert niet.tekst.startswith("De inwoner krijgt geen lichte individuele begeleiding (waakvlamfunctie), want")
    assert "de inwoner heeft meer nodig dan alleen lichte steun" in niet.tekst and niet.bron.startswith("§5")


def test_alternatives_never_asked_about_are_not_mentioned(evaluate):
    b = evaluate(resultaatgebieden=["zelfzorg_gezondheid"], type="ontwikkelen", verzwarende_omstandigheden=[], verandering_verwacht=False)
    assert build(b).niet == []


def test_the_explanation_shows_each_products_omvang_from_the_result(capsys):
    from wmo_dsl.cli import main

    case = Path(__file__).resolve().parents[2] / "regions" / "tsd" / "casussen" / "ontwikkelen_met_groep_en_bereik.json"
    assert main(["beoordeel", "--regio", "tsd", str(case)]) == 0
    tekst = capsys.readouterr().out
    assert "    3 uur per week (maximaal 24 maanden)" in tekst and "    6 sessies\n" in tekst


ALTIJD_GEEN_INDICATIE = '''vraag a: ja/nee
product p "Begeleiding"
regel r
  als a
  dan product p
regel stop
  dan geen indicatie
'''


def test_the_trace_of_a_geen_indicatie_without_a_condition_says_it_always_applies():
    b = Rules(model_of(ALTIJD_GEEN_INDICATIE)).evaluate({"a": True}, dt.date(2025, 6, 1))
    assert [p.tekst for p in build(b, spoor=True).waarom] == ["regel stop: geen indicatie, want de regel is altijd van toepassing"]
