"""A product's amount lines and the placeholders of a kenmerk are checked like a motivering's."""

from ..conftest import findings


def errors(source: str):
    return [f for f in findings(source) if f.ernst == "fout"]


def test_an_amount_line_that_is_not_money_is_e246():
    (f,) = errors('vraag n: getal\nproduct p "P"\n  eigen bijdrage n + 1\nregel r\n  als ja\n  dan product p\n')
    assert f.code == "E246" and "de eigen bijdrage van product 'p' moet een bedrag in euro zijn" in f.bericht


def test_a_placeholder_in_a_kenmerk_must_name_a_value():
    (f,) = errors('product p "P"\n  kenmerk k "U betaalt {bijdrag}."\nregel r\n  als ja\n  dan product p\n')
    assert f.code == "E236" and "kenmerk 'k'" in f.bericht


def test_wmo_fmt_prints_amount_lines_and_oordeel_in_the_canonical_layout():
    from wmo_dsl.tools.fmt import format_text

    from ..conftest import HEADER

    clean = (HEADER + 'vraag a: ja/nee\n  oordeel\nproduct p "P"\n  eigen bijdrage als a dan 2,50 euro anders 1 euro\n'
             '  vergoeding 5 euro\n')
    messy = clean.replace("  oordeel", "    oordeel").replace("eigen bijdrage als", "eigen  bijdrage   als")
    assert format_text(messy) == clean
