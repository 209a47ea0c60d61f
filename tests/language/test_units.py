"""The region's own units, rates (0,18 euro per km) and periods with a count (per 4 weken)."""

from fractions import Fraction

import pytest

from wmo_dsl.language.types import Eenheid

from ..conftest import findings, model_of

STRIP = 'eenheid strip\n  meervoud strippen\n  bron "Vervoer: strippenkaart"\n'


def unit_of(model, naam: str) -> str:
    return str(model.types[naam].eenheid)


def errors(source: str) -> list[tuple[str, str, str]]:
    return [(f.code, f.bericht, f.hint or "") for f in findings(source) if f.ernst == "fout"]


# ── eenheid: the region's own units ──


def test_a_declared_unit_is_usable_wherever_a_built_in_unit_is():
    m = model_of(STRIP + "vraag n: getal\n  eenheid strippen per jaar\nx is 700 strippen per jaar\ny is n + x\nz is 1 strip\n")
    assert (unit_of(m, "x"), unit_of(m, "y"), unit_of(m, "z")) == ("strippen per jaar", "strippen per jaar", "strippen")
    assert m.vragen["n"].hoeveelheid == Eenheid("strippen", "jaar")
    assert m.eenheden["strip"].bron.tekst == "Vervoer: strippenkaart"


def test_a_unit_may_be_used_above_its_declaration():
    assert unit_of(model_of("x is 3 zones\neenheid zone\n  meervoud zones\n"), "x") == "zones"


def test_a_declared_unit_is_a_kind_of_its_own_and_does_not_mix_with_another():
    (fout,) = errors(STRIP + "x is 3 strippen + 2 stuks\n")
    assert fout[0] == "E231" and "strippen en stuks" in fout[1] and "niet in elkaar om te rekenen" in fout[2]


def test_a_unit_declared_as_a_number_of_hours_converts_to_hours_and_minutes():
    m = model_of("eenheid dagdeel_lang\n  meervoud dagdelen_lang\n  is 4 uur\nx is 3 dagdelen_lang in minuten\n")
    assert m.eenheden["dagdeel_lang"].eenheid.schaal == Fraction(240)
    (fout,) = errors("eenheid dagdeel_lang\n  is 4 uur\nx is 3 dagdeel_lang + 1 uur\n")
    assert fout[0] == "E231" and fout[2] == "reken eerst om: 1 uur in dagdeel_lang"


@pytest.mark.parametrize("source, bericht", [
    ("eenheid uur\n", "'uur' is al een ingebouwde eenheid"),
    ("eenheid week\n", "'week' is al een duur (voor rekenen met datums)"),
    ("eenheid kwartalen\n", "'kwartalen' is al een periode"),
    ("eenheid strip\neenheid strip\n", "eenheid 'strip' is al gedefinieerd op regel 3"),
    ("eenheid strip\n  is 4 uurtjes\n", "'uurtjes' is geen eenheid"),
    ("eenheid a\n  is 2 b\neenheid b\n  is 2 a\n", "is uitgedrukt in zichzelf"),
    ("eenheid a\n  is 0 uur\n", "een eenheid is meer dan 0 uur"),
])
def test_a_unit_declaration_that_cannot_be_is_e250(source, bericht):
    found = errors(source)
    assert found and all(c == "E250" for c, _, _ in found) and any(bericht in b for _, b, _ in found)


def test_an_unknown_unit_names_the_region_s_own_units_and_how_to_declare_one():
    ((code, bericht, hint),) = errors(STRIP + "x is 3 kaartjes\n")
    assert (code, bericht) == ("E231", "'kaartjes' is geen eenheid")
    assert "strippen" in hint and "eenheid <naam>" in hint


# ── rates ──


def test_a_rate_times_an_amount_of_its_second_unit_is_in_its_first_unit():
    m = model_of("vraag afstand: getal\n  eenheid km\nparameter km_tarief is 0,18 euro per km\n"
                 "a is afstand * km_tarief\nb is km_tarief * afstand\nc is 2 * km_tarief\n"
                 "vraag ritten: getal\n  eenheid ritten per week\nparameter rit is 15 minuten per rit\nd is ritten * rit\n")
    assert [unit_of(m, n) for n in "abcd"] == ["euro", "euro", "euro per km", "minuten per week"]


def test_an_amount_divided_by_an_amount_of_another_kind_is_a_rate():
    m = model_of("vraag kosten: getal\n  eenheid euro\nvraag afstand: getal\n  eenheid km\nx is kosten / afstand\n"
                 "y is (kosten / afstand) * afstand\nz is kosten / (0,18 euro per km)\n")
    assert (unit_of(m, "x"), unit_of(m, "y"), unit_of(m, "z")) == ("euro per km", "euro", "km")


def test_a_rate_times_an_amount_of_a_convertible_unit_is_e231_with_the_conversion_as_hint():
    ((code, bericht, hint),) = errors("vraag duur: getal\n  eenheid minuten\nx is duur * 30 euro per uur\n")
    assert code == "E231" and "tarief in euro per uur" in bericht
    assert hint == "reken eerst om: duur in uur"


def test_a_rate_with_a_period_as_well_is_refused_in_dutch():
    ((code, bericht, hint),) = errors("x is 2 uur per sessie per week\n")
    assert code == "E251" and "hoogstens één 'per'" in bericht and "15 minuten per sessie" in hint
    ((code, bericht, _),) = errors("vraag k: getal\n  eenheid euro per week\nvraag a: getal\n  eenheid km\nx is k / a\n")
    assert code == "E251" and "tarief met ook een periode" in bericht


def test_a_rate_converts_by_its_second_unit():
    m = model_of("x is 30 euro per uur in euro per minuut\n")
    assert unit_of(m, "x") == "euro per minuut"


def test_a_question_with_a_rate_as_its_unit():
    assert model_of("vraag t: getal\n  eenheid euro per km\n").vragen["t"].hoeveelheid == Eenheid("euro", per=Eenheid("km"))


# ── periods with a count ──


@pytest.mark.parametrize("written, periode, per_jaar", [
    ("per 4 weken", "4 weken", 13), ("per 2 maanden", "2 maanden", 6), ("per 3 dagen", "3 dagen", Fraction(364, 3)),
    ("per 1 week", "week", 52), ("per 2 kwartalen", "2 kwartalen", 2),
])
def test_a_period_with_a_count_stands_wherever_a_period_may(written, periode, per_jaar):
    m = model_of(f"vraag v: getal\n  eenheid euro {written}\nx is 100 euro {written}\ny is x in euro per jaar\n")
    unit = m.types["x"].eenheid
    assert (unit.periode, m.vragen["v"].hoeveelheid) == (periode, unit)
    assert unit.factor(Eenheid("euro", "jaar")) == per_jaar


def test_an_unknown_period_names_the_allowed_ones():
    ((code, bericht, hint),) = errors("x is 100 euro per 4 wekn\n")
    assert (code, bericht) == ("E231", "'per 4 wekn' is geen periode of eenheid")
    assert "bedoelde u 'per 4 weken'?" in hint and "per 4 weken" in hint and "per kwartaal" in hint


@pytest.mark.parametrize("source, fragment", [
    ("x is 100 euro per weken\n", "'per weken' mist een aantal"),
    ("x is 100 euro per 0 weken\n", "een heel aantal van 1 tot en met 366"),
    ("x is 100 euro per 2,5 weken\n", "een heel aantal"),
    ("x is 100 euro per 100 km\n", "een aantal staat alleen bij een periode"),
])
def test_a_period_count_that_cannot_be_is_e231(source, fragment):
    ((code, bericht, _),) = errors(source)
    assert code == "E231" and fragment in bericht


def test_a_tariff_may_be_per_4_weeks():
    m = model_of('product p "P"\n  tarief 100 per 4 weken vanaf 2025-01-01\n')
    assert m.producten["p"].tarieven[0].eenheid == "per 4 weken"


@pytest.mark.parametrize("source", ["x is 100 euro per\n", "x is 100 euro per 4\n", "vraag v: getal\n  eenheid uur per\n"])
def test_a_per_without_a_period_names_the_periods_there_are(source):
    (fout,) = findings(source)
    assert fout.code == "E100" and "per 4 weken" in fout.hint and "per kwartaal" in fout.hint


@pytest.mark.parametrize("source", ["x is € 100 per 4 weken\n", "x is 100 € per week\n"])
def test_a_euro_sign_in_a_rule_file_gets_the_way_to_write_an_amount(source):
    (fout,) = findings(source)
    assert fout.code == "E100" and "100 euro per 4 weken" in fout.hint


def test_a_volume_per_2_months_becomes_a_total_over_a_fixed_duration_in_iwmo():
    from decimal import Decimal

    from wmo_dsl.language import iwmo as I

    assert [I.months_per_period(p) for p in ("2 maanden", "jaar", "2 kwartalen", "maand", "4 weken", None)] == [2, 12, 6, None, None, None]
    v = I.vorm("uur", "2 maanden", "inspanningsgericht", looptijd_maanden=12)
    assert (v.eenheid, v.frequentie, v.factor) == ("04", "6", Decimal(6))  # 6 periods of 2 months in a year
    assert "'per 4 weken' is geen iWmo-frequentie" in I.vorm("uur", "4 weken", "inspanningsgericht", looptijd_maanden=12)


def test_a_tariff_per_a_period_that_does_not_exist_names_the_periods_there_are():
    ((code, bericht, hint),) = errors('eenheid strip\nproduct p "P"\n  tarief 100 per 4 wekn vanaf 2025-01-01\n'
                                      "  tarief 2 per strip vanaf 2025-02-01\n  tarief 60 per uur vanaf 2025-03-01\n")
    assert (code, bericht) == ("E231", "'per 4 wekn' is geen periode of eenheid") and "per 2 maanden" in hint


def test_a_tariff_may_name_its_euros_and_no_other_currency():
    from wmo_dsl.errors import RegelbestandFout
    from wmo_dsl.language.parse import parse_text

    def tarief(regel: str):
        text = f'regio r "R"\n  geldig vanaf 2024-01-01\n\nproduct p "P"\n  eenheid per 4 weken\n  {regel}\n'
        (product,) = [d for d in parse_text(text, "t.wmo").definities if type(d).__name__ == "Product"]
        return product.tarieven

    assert tarief("tarief 100 euro per 4 weken vanaf 2025-01-01") == tarief("tarief 100 per 4 weken vanaf 2025-01-01")
    with pytest.raises(RegelbestandFout) as err:
        tarief("tarief 100 dollar per 4 weken vanaf 2025-01-01")
    assert [(f.code, f.bericht) for f in err.value.bevindingen] == [("E231", "een tarief is in euro, niet in 'dollar'")]
