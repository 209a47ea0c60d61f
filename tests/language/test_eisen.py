"""The 'eis' definition: parsed with its message and source, a missing message gets a hint, and wmo fmt keeps it."""

from wmo_dsl.language import ast
from wmo_dsl.language.parse import parse_text
from wmo_dsl.tools.fmt import format_text

from ..conftest import HEADER, findings

EIS = ('vraag huisgenoten: personen\n  maximaal 3\n  per persoon\n    vraag relatie: keuze uit partner, kind\n'
       'eis (aantal huisgenoten met relatie = partner) <= 1 "Er is hoogstens één partner."\n  bron "§2"\n')


def test_an_eis_is_parsed_with_its_condition_message_and_source():
    (eis,) = [d for d in parse_text(HEADER + EIS, "r.wmo").definities if isinstance(d, ast.Eis)]
    assert (eis.melding, eis.bron.tekst, eis.pos.line) == ("Er is hoogstens één partner.", "§2", 7)
    assert isinstance(eis.voorwaarde, ast.Compare) and eis.voorwaarde.op == "<="


def test_an_eis_without_a_message_gets_the_form_as_hint():
    (f,) = findings("vraag a: getal\neis a >= 2\n")
    assert f.code == "E100" and f.hint.startswith('een eis heeft de vorm: eis voorwaarde "melding"')


def test_wmo_fmt_prints_an_eis_in_the_canonical_layout():
    messy = HEADER + EIS.replace("eis (aantal", "eis   (aantal").replace(") <= 1", ")<=1").replace('\n  bron', '\n      bron')
    assert format_text(messy) == HEADER + EIS
