"""The solver encodes a choice whose first branch is geen and whose other is a list or a record
(the terms of geen have no options and no fields: the other branch's parts stand)."""

import datetime as dt

from wmo_dsl.semantics.engine import Rules

from ..conftest import model_of

PEILDATUM = dt.date(2025, 3, 1)
QUESTIONS = """
vraag a: ja/nee
  tekst "A?"

vraag b: ja/nee
  tekst "B?"

vraag k: meerdere
  tekst "K?"
  optie x "x"
  optie y "y"

product hbh "Hulp bij het huishouden"
"""


def test_a_list_that_is_geen_first_and_a_list_otherwise_is_encoded_for_the_solver():
    rules = Rules(model_of(QUESTIONS + """
soorten is als a dan geen anders k
  label "soorten"

regel hulp
  als soorten bevat x en b
  dan product hbh
"""))
    assert rules.still_needed({}, PEILDATUM) == ["a", "b", "k"]
    assert rules.still_needed({"a": True}, PEILDATUM) == []


def test_a_record_that_is_geen_first_and_a_record_otherwise_is_encoded_for_the_solver():
    rules = Rules(model_of(QUESTIONS + """
r is als a dan geen anders {p: 1, q: 2}
  label "r"

regel hulp
  als r = {p: 1, q: 2} en b
  dan product hbh
"""))
    assert rules.still_needed({}, PEILDATUM) == ["a", "b"]
    assert rules.still_needed({"b": True}, PEILDATUM) == ["a"]
    assert rules.still_needed({"a": True}, PEILDATUM) == []


def test_naming_a_duration_or_a_record_that_is_the_constant_geen_keeps_it_geen():
    from wmo_dsl.language.types import DUUR, RECORD
    from wmo_dsl.semantics.smt import Smt
    from wmo_dsl.semantics.smt_terms import FALSE, S

    enc = Smt(model_of(QUESTIONS), "a", {}, PEILDATUM)
    for t in (DUUR, RECORD):
        geen = enc.constant(None, t)
        assert geen == S(t, FALSE, FALSE)
        assert enc.bind(geen) == geen  # not the pair ('f', 'a') of its letters, nor a ValueError
    assert enc.lines == []
