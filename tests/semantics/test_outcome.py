"""The observable outcome, stated once (semantics/outcome.py): one key, one diff and the solver's
'the outcomes differ' agree, part by part, and every field of an Uitkomst is accounted for."""

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.evaluate import Evaluation
from wmo_dsl.semantics.outcome import DELEN, NAMEN, UITLEG, Uitkomst, diff, key, part_differs, same_outcome
from wmo_dsl.semantics.pipeline import checked
from wmo_dsl.semantics.solver import Solver

DATA = Path(__file__).resolve().parent.parent / "data" / "uitkomst.wmo"
PEILDATUM = dt.date(2025, 3, 1)
BASE = {"wlz": False, "hulp": True, "lang": True, "voorliggend": False, "zorgen": False, "start": dt.date(2025, 3, 3),
        "inkomen": Decimal(3000)}

# Per part, a case (BASE with these answers) and answers that change that part of its outcome alone.
ALONE = {
    "geen_indicatie": ({"hulp": False}, {"wlz": True}),  # without a product only 'geen indicatie' tells them apart
    "producten": ({}, {"lang": False}),
    "verwijzingen": ({}, {"voorliggend": True}),
    "signalen": ({}, {"zorgen": True}),
    "termijnen": ({}, {"start": dt.date(2025, 4, 1)}),
    "informatief": ({}, {"inkomen": Decimal(100)}),
}


@pytest.fixture(scope="module")
def rules():
    return Rules(checked(DATA))


def outcome(rules, answers) -> Uitkomst:
    return Evaluation(rules.model, answers, peildatum=PEILDATUM).conclude()


def test_every_field_of_an_uitkomst_is_read_by_a_part_of_the_outcome_or_named_as_explanation():
    read = {veld for d in DELEN for veld in d.velden}
    assert {f.name for f in dataclasses.fields(Uitkomst)} == read | set(UITLEG)
    assert not read & set(UITLEG)


def test_the_parts_have_distinct_names():
    assert len(set(NAMEN)) == len(NAMEN) == len(DELEN)


def test_every_part_has_an_example_that_changes_it_alone():
    assert set(ALONE) == set(NAMEN)


@pytest.mark.parametrize("answers", [BASE, {**BASE, "wlz": True}, {**BASE, "hulp": False, "zorgen": True}])
def test_the_same_answers_give_equal_keys_and_an_empty_diff(rules, answers):
    a, b = outcome(rules, answers), outcome(rules, dict(answers))
    assert a is not b and a.key == b.key == key(a)
    assert same_outcome(a, b) and diff(a, b) == []


def test_the_compiled_decision_gives_the_same_key_as_the_evaluator(rules):
    for base, changed in ALONE.values():
        answers = {**BASE, **base, **changed}
        assert rules.evaluate_fast(answers, PEILDATUM).conclusies.key == outcome(rules, answers).key


@pytest.mark.parametrize("deel", NAMEN)
def test_a_part_changed_alone_is_the_only_part_the_diff_names(rules, deel):
    base, changed = ALONE[deel]
    before, after = outcome(rules, {**BASE, **base}), outcome(rules, {**BASE, **base, **changed})
    verschillen = diff(before, after)
    assert [v.deel for v in verschillen] == [deel]
    (d,) = [d for d in DELEN if d.naam == deel]
    assert (verschillen[0].oud, verschillen[0].nieuw) == (d.lees(before), d.lees(after))
    assert not same_outcome(before, after) and before.key != after.key


@pytest.fixture(scope="module")
def solver(rules):
    return Solver(rules.model, PEILDATUM)


@pytest.mark.parametrize("deel", NAMEN)
def test_the_solver_finds_two_cases_that_differ_in_this_part_alone_and_the_diff_agrees(rules, solver, deel):
    from wmo_dsl.semantics.guard import SAT

    model = rules.model
    term = solver.condition(part_differs(model, deel, solver.out, solver.out_b))
    others = [solver.z3.Not(solver.condition(part_differs(model, d, solver.out, solver.out_b))) for d in NAMEN if d != deel]
    with solver.scope() as s, solver.door.query():
        s.add(term, *others)
        for _ in range(16):  # a calendar step the solver guessed is pinned at its true value, as solver.solve does
            assert solver.door.check(s) == SAT
            m = s.model()
            a, b = solver.assignment(m, "a"), solver.assignment(m, "b")
            if [v.deel for v in diff(outcome(rules, a), outcome(rules, b))] == [deel]:
                break
            solver.pin_calendar(m)
    assert [v.deel for v in diff(outcome(rules, a), outcome(rules, b))] == [deel]


def test_the_solver_finds_no_difference_when_no_part_may_differ(rules, solver):
    from wmo_dsl.semantics.guard import UNSAT
    from wmo_dsl.semantics.outcome import outcome_differs

    model = rules.model
    with solver.scope() as s, solver.door.query():
        s.add(solver.condition(outcome_differs(model, solver.out, solver.out_b)),
              *[solver.z3.Not(solver.condition(part_differs(model, d, solver.out, solver.out_b))) for d in NAMEN])
        assert solver.door.check(s) == UNSAT
