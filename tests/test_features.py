"""Language features the regions lean on: several products and their combinations, restrictions,
iWmo terms, product defaults, records, termijnen with werkdagen and a region's own free days."""

import datetime as dt
from decimal import Decimal

import pytest

from wmo_dsl.semantics.analysis import analyse
from wmo_dsl.cases.contract import result_json
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.present.explain import build, render

from .conftest import findings, model_of

CATALOGUE = '''
vraag begeleiding_nodig: ja/nee
vraag leerbaar: keuze uit ja, beperkt
vraag groepstraining_passend: ja/nee
vraag wlz_indicatie: ja/nee
vraag uren: getal
  minimaal 0
  maximaal 40
vraag startdatum: datum

alle producten
  eenheid per uur
  iwmo
    productcategorie "02"
    eenheid "04"
    frequentie "2"
    volume uren
  kenmerk digitaal "Tot 25% digitaal contact."

product ib_ontwikkelen "IB ontwikkelen"
  maximale duur 24 maanden
product ib_behouden "IB behouden"
  kenmerk digitaal "Geen digitaal contact."
product groepstraining "Groepstraining"
  eenheid per sessie
  alleen in combinatie met ib_ontwikkelen

verwijzing wlz "Wet langdurige zorg"

verdeling is {indirect: afronden(uren * 20%, 2), direct: afronden(uren * 80%, 2)}

einddatum is startdatum + 6 maanden - 1 dag

termijn eerste_contact "Eerste contact met de sociaal werker"
  datum startdatum + 10 werkdagen
  bron "stap 6"
termijn halverwege "Tussentijdse evaluatie"
  datum midden(startdatum, einddatum)

regel ib
  als begeleiding_nodig en leerbaar = ja
  dan product ib_ontwikkelen
regel ib2
  als begeleiding_nodig en leerbaar = beperkt
  dan product ib_behouden
regel groep
  als groepstraining_passend
  dan product groepstraining
regel wlz
  als wlz_indicatie
  dan verwijzing wlz
  en geen product ib_behouden
'''


@pytest.fixture
def rules():
    return Rules(model_of(CATALOGUE))


def run(rules, **answers):
    defaults = {"wlz_indicatie": False, "groepstraining_passend": False, "uren": Decimal(4), "startdatum": dt.date(2025, 4, 14)}
    return rules.evaluate({**defaults, **answers}, dt.date(2025, 6, 1))


def test_several_products_in_one_indicatie_with_iwmo_terms_and_facts(rules):
    b = run(rules, begeleiding_nodig=True, leerbaar="ja", groepstraining_passend=True)
    data = result_json(b, [])
    assert [p["code"] for p in data["producten"]] == ["ib_ontwikkelen", "groepstraining"]
    ib, groep = data["producten"]
    assert ib["iwmo"] == {"productcategorie": "02", "productcode": None, "eenheid": "04", "frequentie": "2", "volume": 4}
    assert ib["kenmerken"] == {"digitaal": "Tot 25% digitaal contact."} and ib["max_duur_maanden"] == 24
    assert groep["eenheid"] == "per sessie"


def test_a_product_without_its_partner_is_not_granted_and_the_explanation_says_why(rules):
    b = run(rules, begeleiding_nodig=True, leerbaar="beperkt", groepstraining_passend=True)
    assert [p.product for p in b.producten] == ["ib_behouden"]
    text = " ".join(render(build(b), "tekst").split())
    assert "Groepstraining niet: alleen in combinatie met IB ontwikkelen, en dat is niet geïndiceerd." in text
    assert "regel groep is van toepassing" not in text


def test_the_checker_finds_a_rule_that_concludes_a_product_without_its_partner(rules):
    (f,) = analyse(rules.model)
    assert f.code == "E230" and f.regel == CATALOGUE.count("\n", 0, CATALOGUE.index("regel groep")) + 3
    assert "regel 'groep' kan product 'groepstraining' concluderen zonder 'ib_ontwikkelen'" in f.bericht
    assert "groepstraining_passend = ja" in f.bericht
    fixed = CATALOGUE.replace("  als groepstraining_passend\n", "  als groepstraining_passend en begeleiding_nodig en leerbaar = ja\n")
    assert analyse(model_of(fixed)) == []


def test_geen_product_restricts_but_keeps_the_rest(rules):
    b = run(rules, begeleiding_nodig=True, leerbaar="beperkt", wlz_indicatie=True)
    assert b.producten == [] and b.uitkomst == "geen_indicatie"
    assert [v for v, _ in b.conclusies.verwijzingen] == ["wlz"]


def test_records_are_exact_and_plain_numbers_in_json(rules):
    b = run(rules, begeleiding_nodig=True, leerbaar="ja", uren=Decimal("4"))
    assert result_json(b, [])["waarden"]["verdeling"] == {"indirect": 0.8, "direct": 3.2}
    text = render(build(b), "tekst")
    assert "verdeling: indirect: 0,8; direct: 3,2" in text  # a computed split is shown, in Dutch notation


def test_termijnen_come_with_an_indicatie_and_count_werkdagen(rules):
    b = run(rules, begeleiding_nodig=True, leerbaar="ja")
    termijnen = {t["id"]: t["datum"] for t in result_json(b, [])["termijnen"]}
    # 14 april 2025 + 10 werkdagen, skipping Goede Vrijdag (18/4) and tweede Paasdag (21/4)
    assert termijnen == {"eerste_contact": "2025-04-30", "halverwege": "2025-07-14"}
    assert result_json(run(rules, begeleiding_nodig=False), [])["termijnen"] == []


def test_startdatum_is_needed_only_with_an_indicatie(rules):
    assert "startdatum" not in rules.still_needed({"begeleiding_nodig": False, "wlz_indicatie": False, "groepstraining_passend": False})
    assert "startdatum" in rules.still_needed({"begeleiding_nodig": True, "leerbaar": "ja"})


def test_a_region_declares_free_days_that_werkdagen_skip():
    source = CATALOGUE + '\nvrije dagen\n  2025-04-22 "Gelijkgestelde dag (voorbeeld)"\n  bron "KB"\n'
    b = run(Rules(model_of(source)), begeleiding_nodig=True, leerbaar="ja")
    assert {t["id"]: t["datum"] for t in result_json(b, [])["termijnen"]}["eerste_contact"] == "2025-05-01"


def test_a_choice_named_ja_compares_as_a_choice():
    m = model_of("vraag leerbaar: keuze uit ja, beperkt\nx is leerbaar = ja\n")
    assert type(m.waarden["x"].expr.right).__name__ == "Symbol"


def test_errors_in_the_new_constructs():
    fs = findings('product a "A"\n  alleen in combinatie met bb\nproduct b "B"\ntermijn t "T"\n  datum 3\nregel r\n  als ja\n  dan geen product c\n')
    assert [(f.regel, f.code) for f in fs] == [(3, "E204"), (7, "E207"), (10, "E204")]
