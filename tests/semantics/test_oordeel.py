"""Professional judgement: the solver says which 'oordeel' questions can decide each product."""

import datetime as dt
from pathlib import Path

from wmo_dsl.semantics.judgement import deciding_judgements, judgement_questions
from wmo_dsl.semantics.pipeline import checked

from ..conftest import model_of

DATA = Path(__file__).resolve().parent.parent / "data" / "oordeel.wmo"


def test_a_question_line_oordeel_marks_the_question_as_judgement():
    model = checked(DATA)
    assert judgement_questions(model) == ["overname", "noodzaak"]
    assert not model.vragen["kan_reizen"].oordeel


def test_each_product_lists_exactly_the_judgements_that_can_decide_it():
    found = deciding_judgements(checked(DATA), dt.date(2025, 3, 1))
    assert found == {"vervoer": [("overname", "ja")], "begeleiding": [("noodzaak", "ja")]}


def test_a_judgement_another_answer_always_overrules_decides_nothing():
    model = model_of('vraag a: ja/nee\n  oordeel\nvraag b: ja/nee\nproduct p "P"\nregel r\n  als b en (a of niet a)\n'
                     '  dan product p\n')
    assert deciding_judgements(model, dt.date(2025, 3, 1)) == {"p": []}
