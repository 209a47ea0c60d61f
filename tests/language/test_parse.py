"""Parsing: the AST a rule file becomes, and syntax errors a policy writer can act on."""

import datetime as dt
from decimal import Decimal

import pytest

from wmo_dsl.language import ast
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.language.parse import parse_text

from ..conftest import HEADER, findings


def test_a_region_header_becomes_a_regio_node():
    src = ('regio lekstroom "Regio Lekstroom"\n  gemeenten "Houten", "Lopik"\n'
           '  bron "Werkwijze 2022" versie "1.0 definitief"\n  geldig vanaf 2022-01-01 tot 2023-12-31\n')
    (regio,) = parse_text(src).definities
    assert regio == ast.Regio("lekstroom", "Regio Lekstroom", ("Houten", "Lopik"), ast.Bron("Werkwijze 2022", "1.0 definitief"),
                              dt.date(2022, 1, 1), dt.date(2023, 12, 31), None)


def test_a_question_keeps_its_text_options_synonyms_and_source():
    src = HEADER + ('vraag type: keuze\n  tekst "Kan de inwoner nog stappen zetten?"\n  uitleg "Hulp"\n'
                    '  optie behouden "Behouden"\n    synoniemen "behoud", "stabiel"\n  optie ontwikkelen\n  bron "§1"\n')
    vraag = parse_text(src).definities[1]
    assert vraag.id == "type" and vraag.soort == "keuze"
    assert vraag.tekst == "Kan de inwoner nog stappen zetten?" and vraag.uitleg == "Hulp"
    assert [(o.id, o.label, o.synoniemen) for o in vraag.opties] == [("behouden", "Behouden", ("behoud", "stabiel")), ("ontwikkelen", "ontwikkelen", ())]
    assert vraag.bron.tekst == "§1"
    assert vraag.pos.line == 3


def test_short_choice_lists_need_no_option_lines():
    vraag = parse_text(HEADER + "vraag leerbaar: keuze uit ja_zeker, beperkt\n").definities[1]
    assert [o.id for o in vraag.opties] == ["ja_zeker", "beperkt"]


def test_numbers_use_a_decimal_comma_and_percentages_become_fractions():
    w1, w2 = parse_text(HEADER + "a is 0,8\nb is 20%\n").definities[1:]
    assert w1.expr.value == Decimal("0.8")
    assert w2.expr.value == Decimal("0.2") and w2.expr.kind == "percentage"


def test_durations_and_dates_are_literals():
    w1, w2 = parse_text(HEADER + "a is 10 werkdagen\nb is 2025-07-01 + 6 maanden\n").definities[1:]
    assert w1.expr.value == ast.Duur(10, "werkdagen")
    assert w2.expr.first.value == dt.date(2025, 7, 1) and w2.expr.rest == (("+", ast.Literal(ast.Duur(6, "maanden"), "duur")),)


def test_cases_read_like_the_policy_text():
    src = HEADER + ("intensiteit is\n  gemiddeld als aantal v = 0\n  plus als aantal v = 1\n  plusplus anders\n  bron \"§3\"\n")
    w = parse_text(src).definities[1]
    assert [g.waarde.id for g in w.gevallen] == ["gemiddeld", "plus", "plusplus"]
    assert w.gevallen[-1].voorwaarde is None
    assert isinstance(w.gevallen[0].voorwaarde.left, ast.Count)


def test_table_rows_hold_any_cells_ranges_and_alternatives():
    src = HEADER + "tabel t: a | b | c -> product\n  - | 1 tot 2 | x of y -> 022B1\n  >= 3 | niet z | - -> p\n"
    tabel = parse_text(src).definities[1]
    r1, r2 = tabel.rijen
    assert r1.cellen[0].elk and isinstance(r1.cellen[1].tests[0], ast.CelBereik) and len(r1.cellen[2].tests) == 2
    assert r1.uitkomst.id == "022B1"
    assert r2.cellen[0].tests[0].op == ">=" and isinstance(r2.cellen[0].tests[0], ast.CelVergelijk)
    assert isinstance(r2.cellen[1].tests[0], ast.CelNiet)


def test_a_chain_of_en_or_plus_is_one_wide_node_however_long():
    w1, w2 = parse_text(HEADER + "a is " + " en ".join(f"x{i}" for i in range(200)) + "\nb is 1 + 2 - 3 * 4 / 5\n").definities[1:]
    assert isinstance(w1.expr, ast.Logic) and len(w1.expr.items) == 200
    assert [op for op, _ in w2.expr.rest] == ["+", "-"] and w2.expr.rest[1][1].rest == (("*", ast.Literal(Decimal(4), "getal")),
                                                                                          ("/", ast.Literal(Decimal(5), "getal")))


def test_comments_are_ignored_everywhere():
    src = "# kop\n" + HEADER + "# tussen\nvraag a: ja/nee  # achter\n  # binnen\n  tekst \"A?\"\n"
    assert parse_text(src).definities[1].tekst == "A?"


def test_a_rule_concludes_products_referrals_signals_and_no_indicatie():
    src = HEADER + ("regel r\n  als a en niet b\n  dan product p\n    duur 12 maanden\n    maximale duur onbeperkt\n"
                    "  en verwijzing wlz\n  en signaal s\n  en geen indicatie\n  bron \"§2\"\n")
    regel = parse_text(src).definities[1]
    kinds = [type(c).__name__ for c in regel.conclusies]
    assert kinds == ["ProductConclusie", "VerwijzingConclusie", "SignaalConclusie", "GeenIndicatie"]
    assert regel.conclusies[0].onbeperkt and regel.conclusies[0].duur.value == ast.Duur(12, "maanden")


# ── Syntax errors: line, column, Dutch message, hint ──

SYNTAX_ERRORS = [
    # (source after the header, line, column, message fragment, hint fragment)
    ("vraag type keuze\n", 3, 12, "onverwacht 'keuze'; verwacht: \":\"", "dubbele punt"),
    ("vraag x: lijst\n", 3, 10, "verwacht: \"datum\", \"geheel\", \"getal\", \"ja/nee\", \"keuze\", \"meerdere\"", "ja/nee, keuze, meerdere, getal, geheel getal, datum of tekst"),
    ("x is 0.8\n", 3, 7, "onverwacht teken '.'", "decimale komma"),
    ("vraag x: ja/nee\n  tekst 'Hallo'\n", 4, 9, "verwacht: een tekst tussen dubbele aanhalingstekens", "dubbele aanhalingstekens"),
    ("vraag a: getal\nx is a == 1\n", 4, 9, "onverwacht '='", "één ="),
    ("vraag a: ja/nee\nx is a and a\n", 4, 8, "onverwacht 'and'", "en, of en niet"),
    ("vraag x: ja/nee\ntekst \"Vraag?\"\n", 4, 7, "onverwacht", "springen in"),
    ("tabel t: a | b -> c\n  x | y\n", 4, 8, "onverwacht het einde van de regel; verwacht:", "eindigt met ->"),
    ("x is\n  anders plus\n", 4, 10, "onverwacht 'plus'", "vóór 'anders'"),
    ("x is a in 1 tot en met 2\n", 3, 20, "onverwacht 'met'", "1 tot 2"),
    ("regel r\n  als a\n  product b\n", 5, 3, "verwacht: \"als\", \"bron\", \"dan\", \"en\"", "dan product"),
    ("x is [a, b\n", 3, 10, "onverwacht het einde van het bestand", "sluit de lijst"),
    # a mistake in a product's second line gets the hint its samples give for the first line
    ('product p "P"\n  eenheid per maand\n  tarief € 12 per maand vanaf 2025-01-01\n', 5, 10, "onverwacht teken '€'",
     "tarief 1234,56 per maand vanaf 2025-01-01"),
    ('product p "P"\n  tarief 1.234,56 per maand vanaf 2025-01-01\n', 4, 11, "onverwacht teken '.'", "decimale komma"),
    ('product p "P"\n  tarief 12 per maand\n', 4, 22, 'verwacht: "vanaf"', "tarief 1234,56 per maand vanaf"),
    ("vraag eigen: ja/nee\nx is 108 - (23 als eigen)\n", 4, 16, "onverwacht 'als'", "als voorwaarde dan waarde anders waarde"),
]


INDENTATION_ERRORS = [
    # an over-indented line is named itself, not the line above it
    ('vraag a: ja/nee\n  tekst "A"\n      bron "x"\n', 5, 7, "springt verder in dan de regel erboven", "regel 4"),
    # a tab is called a tab, on its own line
    ('vraag a: ja/nee\n\ttekst "A"\n', 4, 1, "springt in met een tab", "spaties"),
    ('vraag a: ja/nee\n  \ttekst "A"\n', 4, 3, "springt in met een tab", "spaties"),
]


@pytest.mark.parametrize("source,line,column,message,hint", INDENTATION_ERRORS)
def test_an_indentation_mistake_is_named_on_its_own_line(source, line, column, message, hint):
    (f,) = findings(source)
    assert (f.regel, f.kolom, f.code) == (line, column, "E101")
    assert message in f.bericht and hint in f.hint


def test_a_tab_between_words_is_only_space():
    assert [f.code for f in findings('vraag a: ja/nee\n  tekst\t"A"\n  zin ja\t"A."\n  zin nee "Niet A."\nregel r\n  als a\n  dan geen indicatie\n')] == []


@pytest.mark.parametrize("source,line,column,message,hint", SYNTAX_ERRORS)
def test_syntax_error_names_line_column_what_was_expected_and_a_hint(source, line, column, message, hint):
    (f,) = findings(source)
    assert (f.regel, f.kolom, f.code) == (line, column, "E100")
    assert message in f.bericht
    assert f.hint and hint in f.hint


def test_a_date_in_dutch_order_gets_the_iso_hint():
    (f,) = findings('regio r "R"\n  geldig vanaf 1-1-2022\n', header=False)
    assert (f.regel, f.kolom) == (2, 16)
    assert "JJJJ-MM-DD" in f.hint


def test_a_region_header_without_lines_under_it_says_the_definition_ended_not_the_file():
    (f,) = findings('regio r "R"\n\nvraag x: ja/nee\n  tekst "X?"\n', header=False)
    assert (f.regel, f.kolom) == (1, 12)
    assert f.bericht == "onverwacht het einde van de definitie; verwacht: een ingesprongen regel"
    assert "geldig vanaf" in f.hint


def test_a_tariff_holds_an_amount_a_unit_and_the_date_it_starts():
    src = HEADER + 'product p "P"\n  eenheid per uur\n  tarief 68,5 per uur vanaf 2025-01-01\n  tarief 70 per uur vanaf 2026-01-01\n'
    (product,) = [d for d in parse_text(src).definities if isinstance(d, ast.Product)]
    assert [(t.bedrag, t.eenheid, t.vanaf, t.pos.line) for t in product.tarieven] == [
        (Decimal("68.5"), "per uur", dt.date(2025, 1, 1), 5), (Decimal("70"), "per uur", dt.date(2026, 1, 1), 6)]


def test_a_date_that_does_not_exist_is_named():
    (f,) = findings('regio r "R"\n  geldig vanaf 2022-02-30\n', header=False)
    assert (f.regel, f.kolom, f.code) == (2, 16, "E102")
    assert "2022-02-30 is geen bestaande datum" in f.bericht


def test_an_indentation_that_fits_no_block_is_pointed_at():
    (f,) = findings('vraag x: keuze\n    optie a "A"\n  optie b "B"\n')
    assert (f.regel, f.kolom, f.code) == (5, 3, "E101")
    assert "inspringing" in f.bericht


def test_the_error_shows_the_line_with_a_caret_under_the_column():
    with pytest.raises(RegelbestandFout) as info:
        parse_text(HEADER + "vraag type keuze\n", "regels/r.wmo")
    text = info.value.melding()
    assert text.splitlines()[0] == "regels/r.wmo:3:12: fout E100: onverwacht 'keuze'; verwacht: \":\" of het einde van de regel"
    line, caret = text.splitlines()[1:3]
    assert line.endswith("| vraag type keuze")
    assert caret.index("^") - caret.index("|") == line.index("vraag") - line.index("|") + 11


def test_a_missing_file_is_a_user_error_not_a_traceback(tmp_path):
    from wmo_dsl.language.parse import parse_file

    with pytest.raises(RegelbestandFout) as info:
        parse_file(tmp_path / "bestaat_niet.wmo")
    assert "bestand bestaat niet" in info.value.melding()


def test_every_broken_definition_is_reported_in_one_run():
    source = ('vraag type keuze\n  tekst "Type?"\n\nvraag goed: ja/nee\n\n'
              'x is 0.8\n\ntabel t: a | b -> c\n  x | y\n')
    fs = findings(source)
    assert [(f.regel, f.kolom) for f in fs] == [(3, 12), (8, 7), (11, 8)]
    assert fs[1].bronregel == "x is 0.8"
