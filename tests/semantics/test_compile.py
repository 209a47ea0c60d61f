"""The compiled decision means exactly what the traced evaluator means."""

import datetime as dt
import random

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.semantics.compile import Open
from wmo_dsl.cases.population import generate
from wmo_dsl.plugins import load_region

REGIONS = ("lekstroom", "zou", "tsd", "leiden")
PEILDATUM = dt.date(2025, 3, 1)


@pytest.mark.parametrize("region", REGIONS)
def test_compiled_equals_the_engine_on_a_generated_population(region):
    rules = load_region(region, PEILDATUM)
    rng = random.Random(region)
    fast = 0
    for case in generate(rules.model, 400, zaad=3):
        answers = convert_answers(rules.model, case["antwoorden"])
        if rng.random() < 0.3:  # leave some questions open: the compiled path must notice or not need them
            for qid in rng.sample(sorted(answers), rng.randint(1, len(answers))):
                del answers[qid]
        engine = rules.evaluate(answers, PEILDATUM)
        try:
            waarden, conclusies = rules.compiled(answers)
        except Open:
            assert engine.ontbrekend or set(answers) != set(rules.model.vragen), "only an open question sends a case back"
            continue
        fast += 1
        assert engine.uitkomst != "onvolledig"
        assert waarden == engine.waarden
        assert conclusies == engine.conclusies
        fast_result = rules.evaluate_fast(answers, PEILDATUM)
        assert (fast_result.uitkomst, fast_result.waarden, fast_result.conclusies) == (engine.uitkomst, engine.waarden, engine.conclusies)
    assert fast >= 250


def test_the_generated_source_comes_from_the_checked_ast_not_the_rule_text():
    rules = load_region("lekstroom")
    source = rules.compiled.source
    assert source.startswith("def evaluate(a, peildatum):")
    assert "#" not in source and "bron" not in source  # no comment or citation of the rule file ends up in code
    assert "w_matrixproduct" in source
