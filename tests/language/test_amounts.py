"""Checking amounts: units meet only through 'in', and every mistake is named with the conversion as a hint."""

import pytest

from wmo_dsl.semantics.pipeline import checked

from ..conftest import HEADER, findings, model_of

UREN = "vraag uren: getal\n  eenheid uur per week\n"
KAMERS = "vraag kamers: geheel getal\n  maximaal 10\n"

UNIT_ERRORS = [
    # (source after the header, line, column, code, message fragment, hint fragment)
    (UREN + "x is uren + 2 uur per jaar\n", 5, 13, "E231", "uur per week en uur per jaar zijn verschillende eenheden",
     "reken eerst om: 2 uur per jaar in uur per week"),
    (UREN + "x is uren - 2\n", 5, 13, "E231", "een hoeveelheid in uur per week en een getal zonder eenheid", "schrijf 2 uur per week"),
    (UREN + "x is uren > 3 sessies per week\n", 5, 13, "E231", "uur per week en sessies per week", "niet in elkaar om te rekenen"),
    (UREN + "x is uren * 2 uur\n", 5, 6, "E231", "'*' met twee hoeveelheden", "vermenigvuldig een hoeveelheid met een getal"),
    (UREN + "x is uren in sessies\n", 5, 6, "E231", "uur per week is niet om te rekenen naar sessies", "per periode"),
    (KAMERS + "x is kamers in uur\n", 5, 6, "E231", "alleen een hoeveelheid kan worden omgerekend", "90 minuten in uur"),
    ("x is 3 uren per weak\n", 3, 17, "E231", "'per weak' is geen periode", "bedoelde u 'per week'?"),
    ("x is 3 minuutjes\n", 3, 8, "E231", "'minuutjes' is geen eenheid", "bedoelde u 'minuut' of 'minuten'?"),
    ("x is 3 lepels\n", 3, 8, "E231", "'lepels' is geen eenheid", "eenheden: minuten, uur, dagdelen"),
    (UREN + "x is naar_boven(uren, uren)\n", 5, 23, "E233", "de stap van naar_boven is geen vaste waarde", "15 minuten per week"),
    ("vraag peildatum: datum\n", 3, 7, "E234", "'peildatum' is de datum waarop een casus beoordeeld wordt", "startdatum"),
    (KAMERS + "  minimaal 0,5\n", 5, 12, "E212", "'kamers' is een geheel getal", None),
    ("vraag d: datum\nx is jaren tussen d en 3\n", 4, 24, "E207", "'jaren tussen' moet een datum zijn", None),
]


@pytest.mark.parametrize("source,line,column,code,message,hint", UNIT_ERRORS)
def test_a_unit_mistake_names_line_column_and_the_conversion(source, line, column, code, message, hint):
    (f,) = [f for f in findings(source) if f.ernst == "fout"]
    assert (f.regel, f.kolom, f.code) == (line, column, code), f
    assert message in f.bericht
    if hint:
        assert hint in f.hint


def test_a_bare_number_next_to_an_amount_takes_its_unit_in_comparisons_cells_and_bounds():
    model = model_of(UREN + "  maximaal 40\nveel is uren > 10 en uren in 20 tot 30\n"
                     "tabel t: uren -> tekst\n  < 5 -> \"weinig\"\n  >= 5 -> \"veel\"\n")
    assert model.vragen["uren"].maximaal.eenheid.maat == "uur"
    assert str(model.types["t"]) == "een tekst"


def test_converted_amounts_and_amount_arithmetic_keep_their_unit():
    model = model_of(UREN + "per_jaar is uren in uur per jaar\nhelft is uren / 2\nverhouding is uren / (4 uur per week)\n"
                     "stap is naar_beneden(uren, 30 minuten per week)\n")
    assert [str(model.types[n].eenheid) for n in ("per_jaar", "helft", "stap")] == ["uur per jaar", "uur per week", "uur per week"]
    assert model.types["verhouding"].eenheid is None


def test_a_volume_with_a_unit_fills_the_iwmo_terms_and_a_stated_code_that_contradicts_it_is_a_warning():
    source = (UREN + 'product a "A"\n  iwmo\n    volume uren\nproduct b "B"\n  iwmo\n    eenheid "14"\n    volume uren\n'
              "regel r\n  als uren > 0\n  dan product a\n  en product b\n")
    model = model_of(source)
    assert dict(model.producten["a"].iwmo) == {"eenheid": "04", "frequentie": "2"}
    (w,) = [f for f in model.waarschuwingen if f.code == "W025"]
    assert "iWmo-eenheid 14 (etmalen) van product 'b' past niet bij het volume in uur per week (04)" in w.bericht


def test_the_defaults_of_alle_producten_give_way_to_the_unit_of_a_volume():
    model = model_of('alle producten\n  iwmo\n    eenheid "82"\n    frequentie "4"\n' + UREN +
                     'product a "A"\n  iwmo\n    volume uren\nproduct c "C"\n')
    assert dict(model.producten["a"].iwmo) == {"eenheid": "04", "frequentie": "2"}
    assert dict(model.producten["c"].iwmo) == {"eenheid": "82", "frequentie": "4"}
    assert not [f for f in model.waarschuwingen if f.code == "W025"]


def test_a_referral_or_signal_no_rule_gives_is_a_warning():
    codes = [(f.code, f.bericht) for f in findings('verwijzing wlz "Wlz"\nsignaal let_op "Let op"\n')]
    assert ("W024", "verwijzing 'wlz' wordt door geen regel gegeven") in codes
    assert ("W024", "signaal 'let_op' wordt door geen regel gegeven") in codes


def test_a_product_used_but_not_defined_gets_the_line_that_defines_it_as_a_hint():
    (f,) = [f for f in findings("vraag a: ja/nee\nregel r\n  als a\n  dan product hulp_huishouden\n") if f.code != "W026"]
    assert (f.code, f.hint) == ("E204", 'definieer het: product hulp_huishouden "<naam van het product>"')


def test_a_value_that_can_stay_empty_is_an_error_when_a_product_or_rule_reads_it(tmp_path):
    path = tmp_path / "r.wmo"
    path.write_text(HEADER + "vraag a: keuze uit x, y, z\nvraag u: getal\n  eenheid uur per week\n"
                    "uren is\n  u als a = x\n  u * 2 als a = y\n"
                    'product p "P"\n  iwmo\n    volume uren\nregel r\n  als a != z\n  dan product p\n', encoding="utf-8")
    from wmo_dsl.errors import RegelbestandFout

    with pytest.raises(RegelbestandFout) as err:
        checked(path, fresh=True)
    (f,) = [f for f in err.value.bevindingen if f.code == "E232"]
    assert "'uren' kan zonder waarde blijven, en product 'p' leest haar" in f.bericht
    assert "a z" in f.bericht


def test_a_value_that_can_stay_empty_and_is_only_shown_stays_a_warning(tmp_path):
    path = tmp_path / "r.wmo"
    path.write_text(HEADER + "vraag a: keuze uit x, y\nlabel is\n  \"X\" als a = x\n"
                    'product p "P"\nregel r\n  als a = y\n  dan product p\n', encoding="utf-8")
    assert [f.code for f in checked(path, fresh=True).waarschuwingen if f.code != "W026"] == ["W012"]


def test_the_analysis_counts_whole_numbers_as_whole(tmp_path):
    path = tmp_path / "r.wmo"
    path.write_text(HEADER + "vraag kamers: geheel getal\n  minimaal 0\n  maximaal 5\nvraag uren: getal\n  minimaal 0\n  maximaal 5\n"
                    'product p "P"\ntabel t: kamers -> product\n  0 tot 2 -> p\n  3 tot 5 -> p\n'
                    "tabel u: uren -> product\n  0 tot 2 -> p\n  3 tot 5 -> p\n"
                    "regel r\n  als t != geen en u != geen\n  dan product p\n", encoding="utf-8")
    from wmo_dsl.errors import RegelbestandFout

    with pytest.raises(RegelbestandFout) as err:
        checked(path, fresh=True)
    gaps = [f.bericht for f in err.value.bevindingen if f.code == "W010"]
    assert gaps == ["tabel 'u' heeft geen rij voor: uren 2,5"]  # 'kamers' has no room between 2 and 3
