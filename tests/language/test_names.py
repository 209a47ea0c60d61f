"""Names: a bare name that could mean two things is an error naming both meanings, a product a table
row names must exist, and the signs and words people write by habit get a hint."""

import pytest

from ..conftest import findings


def errors(source: str):
    return [f for f in findings(source) if f.ernst == "fout"]


def test_a_choice_that_is_also_a_derived_value_is_an_error_naming_both_meanings():
    (f,) = errors("vraag relatie: keuze uit partner, kind\nvraag y: ja/nee\npartner is y\n"
                  "regel r\n  als relatie = partner\n  dan geen indicatie\n")
    assert (f.code, f.regel, f.kolom) == ("E245", 7, 17)
    assert "de keuze 'partner' van 'relatie'" in f.bericht and "de afgeleide waarde 'partner' (regel 5)" in f.bericht


def test_a_choice_that_is_also_a_product_is_an_error_naming_both_meanings():
    (f,) = errors('vraag wens: keuze uit vervoer, hulp\nproduct vervoer "V"\nregel r\n  als wens = vervoer\n  dan product vervoer\n')
    assert f.code == "E245" and "het product 'vervoer' (regel 4)" in f.bericht


def test_a_product_among_the_own_values_of_a_derived_value_is_an_error_naming_both_meanings():
    (f,) = errors('vraag x: ja/nee\nproduct hbh "Hulp"\nsoort is\n  hbh als x\n  niets anders\n'
                  'regel r\n  als soort = hbh\n  dan product hbh\n')
    assert (f.code, f.regel) == ("E245", 6)
    assert "het product 'hbh'" in f.bericht and "eigen waarde van 'soort' zoals 'niets'" in f.bericht


def test_a_derived_value_of_products_only_is_no_ambiguity():
    assert errors('vraag x: ja/nee\nproduct a "A"\nproduct b "B"\nsoort is\n  a als x\n  b anders\n'
                  'regel r\n  als ja\n  dan product soort\n') == []


def test_a_table_row_naming_a_product_that_does_not_exist_is_e204_with_a_suggestion_on_that_row():
    (f,) = errors('vraag soort: keuze uit a, b\nproduct hbh "H"\ntabel t: soort -> product\n  a -> hbh\n  b -> hhb\n'
                  'regel r\n  als t != geen\n  dan product t\n')
    assert (f.code, f.regel, f.kolom) == ("E204", 7, 8)
    assert f.bericht == "product 'hhb' is niet gedefinieerd" and f.hint == "bedoelde u 'hbh'?"


@pytest.mark.parametrize("teken, schrijf", [("≥", ">="), ("≤", "<="), ("≠", "!=")])
def test_a_mathematical_sign_gets_the_hint_to_write_it_in_ascii(teken, schrijf):
    (f,) = errors(f"vraag leeftijd: getal\njong is leeftijd {teken} 18\n")
    assert f.code == "E100" and f.hint.startswith(f"schrijf {schrijf}")


def test_a_mathematical_sign_in_a_table_cell_gets_the_same_hint():
    (f,) = errors('vraag leeftijd: getal\ntabel t: leeftijd -> tekst\n  ≥ 18 -> "a"\n  < 18 -> "b"\n')
    assert f.hint.startswith("schrijf >=")


def test_tussen_used_as_a_range_gets_the_range_as_hint():
    (f,) = errors("vraag leeftijd: getal\njong is leeftijd tussen 0 en 12\n")
    assert f.code == "E231" and "is geen bereik" in f.bericht
    assert f.hint == "een bereik schrijft u als: leeftijd in 0 tot 12 (beide grenzen tellen mee)"


def test_a_period_that_does_not_exist_names_the_periods_that_do():
    (f,) = errors("vraag uren: getal\n  eenheid uur per maandag\n")
    assert f.code == "E231" and "'per maandag' is geen periode" in f.bericht
    assert "bedoelde u 'per maand'?" in f.hint and "per week" in f.hint


def test_a_product_among_the_options_a_derived_value_gives_is_an_error_too():
    f = errors('vraag wens: keuze uit hbh, vervoer\nproduct hbh "Hulp"\nsoort is\n  hbh als wens = vervoer\n  vervoer anders\n'
               'regel r\n  als soort = vervoer\n  dan geen indicatie\n')[0]
    assert f.code == "E245" and "eigen waarde van 'soort' zoals 'vervoer'" in f.bericht


def test_a_misspelled_product_next_to_real_ones_in_any_table_is_e204_not_a_new_value():
    (f,) = errors('vraag soort: keuze uit a, b\nproduct hbh "H"\ntabel t: soort -> voorziening\n  a -> hbh\n  b -> hhb\n'
                  'regel r\n  als t != geen\n  dan product t\n')
    assert (f.code, f.regel, f.hint) == ("E204", 7, "bedoelde u 'hbh'?")
