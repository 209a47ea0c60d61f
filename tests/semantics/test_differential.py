"""The one meaning, checked three ways: for random cases of every region the traced evaluator and
the compiled batch function agree, and on small regions the solver's still-needed set equals the
brute-force oracle (the definition, by enumeration)."""

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.plugins import load_region, region_sources
from wmo_dsl.semantics.evaluate import Evaluation, Open

from ..oracle import brute_force_needed, representatives

PEILDATUM = dt.date(2025, 6, 1)
REGIONS = sorted(region_sources())
SMALL = ["lekstroom", "leiden", "zou"]  # few enough questions to enumerate every completion
FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))


ORACLE_BUDGET = 20_000  # completions the oracle may enumerate per case: keeps the suite fast


@st.composite
def case(draw, regions=REGIONS, partial=False):
    region = draw(st.sampled_from(regions))
    rules = load_region(region, PEILDATUM)
    answers = {}
    completions = 1
    for q, vraag in rules.model.vragen.items():
        reps = representatives(rules.model, vraag, PEILDATUM)
        if partial and completions * len(reps) <= ORACLE_BUDGET and draw(st.booleans()):
            completions *= len(reps)
            continue
        answers[q] = draw(st.sampled_from(reps))
    return rules, answers


@FAST
@given(case())
def test_the_evaluator_and_the_compiled_function_agree(c):
    rules, answers = c
    traced = Evaluation(rules.model, answers)
    uitkomst = traced.conclude()
    values, compiled = rules.compiled(answers)
    assert compiled == uitkomst
    assert values == {n: traced.value(n) for n in values}


@FAST
@given(case(partial=True))
def test_the_compiled_function_reads_no_more_than_it_must(c):
    rules, answers = c
    try:
        _, compiled = rules.compiled(answers)
    except Open:
        return  # the case goes to the full engine
    filled = {**answers, **{q: representatives(rules.model, v, PEILDATUM)[0] for q, v in rules.model.vragen.items() if q not in answers}}
    assert compiled == Evaluation(rules.model, filled).conclude()


@settings(max_examples=25, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(case(regions=SMALL, partial=True))
def test_still_needed_equals_the_brute_force_oracle(c):
    rules, answers = c
    assert rules.still_needed(answers, PEILDATUM) == brute_force_needed(rules, answers, PEILDATUM)


def test_the_oracle_and_the_solver_agree_on_random_tsd_cases_with_few_open_questions():
    rules = load_region("tsd", PEILDATUM)
    rng = random.Random(7)
    questions = list(rules.model.vragen)
    for _ in range(12):
        open_qs = set(rng.sample(questions, 6))
        answers = {q: rng.choice(representatives(rules.model, v, PEILDATUM)) for q, v in rules.model.vragen.items() if q not in open_qs}
        assert rules.still_needed(answers, PEILDATUM) == brute_force_needed(rules, answers, PEILDATUM)
