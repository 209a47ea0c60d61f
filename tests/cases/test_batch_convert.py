"""A batch line's answers are checked exactly as a case file's: one conversion, one message."""

import datetime as dt

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.batch import CaseError, convert
from wmo_dsl.errors import CasusFout
from wmo_dsl.plugins import load_region

RULES = load_region("lekstroom", dt.date(2025, 6, 1))


@pytest.mark.parametrize("antwoorden, vraag", [({"typ": "behouden"}, "typ"), ({"type": "bestaat_niet"}, "type")])
def test_a_bad_answer_in_a_batch_names_its_question_with_the_case_files_message(antwoorden, vraag):
    with pytest.raises(CaseError) as batch:
        convert(RULES, antwoorden)
    with pytest.raises(CasusFout) as casefile:
        convert_answers(RULES.model, antwoorden)
    assert batch.value.vraag == vraag
    assert str(batch.value) == str(casefile.value)


def test_an_unknown_question_in_a_batch_gets_the_suggestion_too():
    with pytest.raises(CaseError) as err:
        convert(RULES, {"typ": "behouden"})
    assert "bedoelde u 'type'?" in str(err.value)
