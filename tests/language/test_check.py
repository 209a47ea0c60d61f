"""Checking: every semantic error of a file at once, with a suggestion where one can be made."""

import pytest

from wmo_dsl.language.check import Type

from ..conftest import findings, model_of

CHOICE = 'vraag type: keuze\n  optie behouden "B"\n  optie ontwikkelen "O"\n'

SEMANTIC_ERRORS = [
    # (source after the header, line, column, code, message fragment, hint fragment or None)
    ("vraag aantal_kinderen: getal\nx is aantal_kindren + 1\n", 4, 6, "E204", "'aantal_kindren' is niet gedefinieerd", "bedoelde u 'aantal_kinderen'?"),
    ("vraag a: ja/nee\nvraag a: getal\n", 4, 7, "E202", "'a' is al gedefinieerd op regel 3", None),
    (CHOICE + "x is type = 3\n", 6, 13, "E207", "'type' is een keuze, maar hier staat een getal", "behouden, ontwikkelen"),
    ("vraag a: ja/nee\nvraag b: ja/nee\nproduct p \"P\"\ntabel t: a | b -> product\n  ja | nee -> p\n  ja -> p\n",
     8, 3, "E221", "deze rij heeft 1 cel, de tabel 't' heeft 2 kolommen (a, b)", "één cel per kolom"),
    (CHOICE + "x is type = ontwikkelden\n", 6, 13, "E205", "'ontwikkelden' is geen mogelijke waarde van 'type'", "bedoelde u 'ontwikkelen'?"),
    ("a is b + 1\nb is c + 1\nc is a + 1\n", 3, 1, "E206", "kring: a → b → c → a", None),
    ("vraag type: keuze uit behouden, ontwikkelen\nproduct p \"P\"\ntabel t: type -> product\n  behoud -> p\n",
     6, 3, "E205", "'behoud' is geen mogelijke waarde van kolom 'type'", "bedoelde u 'behouden'?"),
    ("vraag a: ja/nee\nsignaal s1 \"S\"\nregel r\n  als a\n  dan signaal s2\n", 7, 15, "E204", "signaal 's2' is niet gedefinieerd", None),
    ("vraag a: getal\nproduct p \"P\"\nregel r\n  als a + 1\n  dan product p\n", 6, 7, "E207", "een voorwaarde moet ja/nee zijn, maar dit is een getal", None),
    ("vraag a: ja/nee\nregel r\n  als a\n  dan product a\n", 6, 15, "E207", "'dan product' moet een product zijn", None),
    ("vraag a: keuze\n", 3, 7, "E210", "keuze-vraag zonder opties", "optie"),
    ("vraag a: ja/nee\n  optie x \"X\"\n", 4, 9, "E211", "ja/nee-vraag en kan geen opties hebben", None),
    ("vraag d: datum\nx is d + 3\n", 4, 6, "E207", "'+' kan niet met een datum en een getal", "datum plus of min een duur"),
    ("vraag t: keuze uit a, b\nx is t bevat a\n", 4, 6, "E207", "'bevat' werkt op een meerdere-vraag", None),
    ("x is maxi(1, 2)\n", 3, 6, "E208", "onbekende functie 'maxi'", "bedoelde u 'max'?"),
    ("x is\n  1 als ja\n  2 anders\n  3 als nee\n", 6, 3, "E220", "na een 'anders'-geval", None),
    ("vraag a: getal\n  minimaal 10\n  maximaal 5\n", 4, 12, "E213", "minimum van 'a' is groter dan het maximum", None),
    ('product p "P"\n  tarief 10 per maand vanaf 2025-01-01\n  tarief 11 per maand vanaf 2025-01-01\n', 5, 3, "E225",
     "product 'p' heeft twee tarieven vanaf 2025-01-01", "andere staat op regel 4"),
    ('product p "P"\n  eenheid per uur\n  tarief 1200 per maand vanaf 2025-01-01\n', 5, 3, "E226",
     "product 'p' heeft eenheid per uur, maar een tarief per maand", "schrijf het tarief per uur"),
    ('product p "P"\n  tarief 12,345 per maand vanaf 2025-01-01\n', 4, 3, "E227",
     "tarief 12,345 heeft meer dan twee cijfers achter de komma", "1234,56"),
    ('product p "P"\n  code "A1"\n  code "A2"\n', 5, 3, "E228", "'code' staat twee keer in deze definitie", "de eerste telde"),
]


@pytest.mark.parametrize("source,line,column,code,message,hint", SEMANTIC_ERRORS)
def test_semantic_error_names_line_column_and_a_dutch_message(source, line, column, code, message, hint):
    (f,) = [f for f in findings(source) if f.ernst == "fout"]
    assert (f.regel, f.kolom, f.code) == (line, column, code)
    assert message in f.bericht
    if hint:
        assert hint in f.hint


def test_a_product_without_tariff_of_its_own_takes_the_tariff_of_alle_producten():
    model = model_of('alle producten\n  eenheid per uur\n  tarief 70 per uur vanaf 2025-01-01\n'
                     'product p "P"\nproduct q "Q"\n  tarief 80 per uur vanaf 2025-01-01\n'
                     'product r "R"\n  eenheid per etmaal\n')
    assert [str(t.bedrag) for t in model.producten["p"].tarieven] == ["70"]
    assert [str(t.bedrag) for t in model.producten["q"].tarieven] == ["80"]
    assert model.producten["r"].tarieven == ()  # the shared tariff is per uur; r counts per etmaal


def test_all_errors_of_a_file_are_reported_in_one_run():
    fs = findings("x is y + 1\nz is w + 1\nvraag q: keuze\n")
    assert [(f.regel, f.code) for f in fs] == [(3, "E204"), (4, "E204"), (5, "E210")]


def test_a_file_without_region_header_is_refused():
    (f,) = findings("vraag a: ja/nee\n", header=False)
    assert (f.regel, f.code) == (1, "E203")
    assert "regiokop" in f.bericht


def test_names_resolve_to_questions_or_symbols_by_context():
    m = model_of(CHOICE + "duur_x is\n  12 maanden als type = ontwikkelen\n  24 maanden anders\n")
    geval = m.waarden["duur_x"].gevallen[0]
    assert type(geval.voorwaarde.left).__name__ == "Ref" and type(geval.voorwaarde.right).__name__ == "Symbol"
    assert m.types["duur_x"] == Type("duur")


def test_derived_cases_form_a_choice_domain():
    m = model_of("vraag n: getal\nniveau is\n  laag als n < 3\n  hoog anders\n")
    assert m.types["niveau"] == Type("keuze", frozenset({"laag", "hoog"}))


def test_the_shipped_lekstroom_rules_are_clean_but_for_the_toewijzing_of_lichte_and_zware_ib(lekstroom):
    # their productcode is in an annex the source lacks (W027) and their hours need not be whole minutes (W028)
    assert {f.bericht.split("'")[1] for f in lekstroom.model.waarschuwingen} == {"lichte_ib", "zware_ib"}
    assert {f.code for f in lekstroom.model.waarschuwingen} == {"W027", "W028"}
    assert len(lekstroom.model.producten) == 20
