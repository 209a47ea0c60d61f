"""Lists of persons in the language: 'personen', 'per persoon' and the aggregates, with their mistakes."""

import logging
from pathlib import Path

import pytest
from lark import Lark

from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.language.grammar import WmoIndenter, grammar_text
from wmo_dsl.semantics.pipeline import checked

HEAD = 'regio x "X"\n  geldig vanaf 2025-01-01\n\n'
LIST = '''vraag huisgenoten: personen
  tekst "Wie wonen er verder in het huis?"
  enkelvoud "huisgenoot"
  {maximaal}
  per persoon
    vraag leeftijd: geheel getal
      tekst "Hoe oud is deze huisgenoot?"
      minimaal 0
      maximaal 120
    vraag beperkt: ja/nee
      tekst "Beperkt?"
'''
USE = '''
product p "Hulp"

regel r
  als {conditie}
  dan product p
'''


def rules(tmp_path, conditie="(aantal huisgenoten met leeftijd >= 18 en niet beperkt) = 0", maximaal="maximaal 8", extra=""):
    path = tmp_path / "x.wmo"
    path.write_text(HEAD + LIST.format(maximaal=maximaal) + extra + USE.format(conditie=conditie), encoding="utf-8")
    return path


def error(path) -> str:
    with pytest.raises(RegelbestandFout) as err:
        checked(path)
    return err.value.melding(kleur=False)


def test_the_grammar_with_lists_of_persons_has_no_lalr_conflicts(caplog):
    with caplog.at_level(logging.DEBUG, logger="lark"):
        Lark(grammar_text(), parser="lalr", postlex=WmoIndenter(), debug=True)
    assert [r.getMessage() for r in caplog.records if "conflict" in r.getMessage().lower()] == []


def test_a_list_of_persons_becomes_a_count_and_questions_per_person(tmp_path):
    model = checked(rules(tmp_path, maximaal="maximaal 2"))
    assert [q for q in model.vragen] == ["huisgenoten", "huisgenoten[1].leeftijd", "huisgenoten[1].beperkt",
                                          "huisgenoten[2].leeftijd", "huisgenoten[2].beperkt"]
    assert model.vragen["huisgenoten[2].beperkt"].tekst == "Huisgenoot 2: Beperkt?"


@pytest.mark.parametrize("maximaal", ["", "maximaal 0", "maximaal 21", "maximaal 2,5"])
def test_a_list_without_a_bound_of_1_to_20_is_refused_with_an_example(tmp_path, maximaal):
    shown = error(rules(tmp_path, maximaal=maximaal))
    assert "E235" in shown and "maximaal 8" in shown


def test_a_persons_question_outside_an_aggregate_is_refused_with_the_ways_to_use_it(tmp_path):
    shown = error(rules(tmp_path, conditie="leeftijd > 18"))
    assert "E204" in shown and "'leeftijd' is een vraag per persoon van 'huisgenoten'" in shown
    assert "aantal huisgenoten met leeftijd" in shown


def test_a_list_inside_a_list_is_refused(tmp_path):
    path = tmp_path / "x.wmo"
    path.write_text(HEAD + LIST.format(maximaal="maximaal 3") + '''    vraag kinderen: personen
      tekst "Kinderen?"
      maximaal 2
''' + USE.format(conditie="aantal huisgenoten = 0"), encoding="utf-8")
    assert "E235" in error(path)


def test_names_inside_met_are_the_persons_own_before_the_regions(tmp_path):
    extra = '''
vraag leeftijd_inwoner: geheel getal
  tekst "Leeftijd van de inwoner?"
'''
    model = checked(rules(tmp_path, extra=extra, conditie="(aantal huisgenoten met leeftijd > leeftijd_inwoner) = 0"))
    assert "leeftijd_inwoner" in model.questions_read_by("regel:r")


def test_an_aggregate_of_a_name_that_is_no_persons_question_is_refused(tmp_path):
    shown = error(rules(tmp_path, conditie="som van lengte van huisgenoten > 0"))
    assert "lengte" in shown and "leeftijd" in shown


def test_the_canonical_layout_keeps_per_persoon(tmp_path):
    from wmo_dsl.cli import main

    path = Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo"
    assert main(["fmt", "--check", str(path)]) == 0


def test_a_comparison_after_met_hints_at_brackets(tmp_path):
    shown = error(rules(tmp_path, conditie="aantal huisgenoten met leeftijd > 18 = 0"))
    assert "E100" in shown and "(aantal huisgenoten met leeftijd >= 18) = 0" in shown
