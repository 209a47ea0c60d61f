"""What makes the still-needed set fast never changes it: a big table's open rows found by index,
the compiled decision deciding 'settled', the cases of earlier solver models tried as sample points,
answers assumed as literals, and the session warmed when it is built."""

import datetime as dt
import itertools
import random
import sys
from pathlib import Path

import pytest

from wmo_dsl.language.check import check
from wmo_dsl.language.parse import parse_text
from wmo_dsl.plugins import load_region
from wmo_dsl.semantics import partial_tables
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.partial import readable
from wmo_dsl.semantics.solver import Solver

from ..conftest import HEADER

PEILDATUM = dt.date(2025, 6, 1)
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import generate  # noqa: E402  (bench/generate.py: the benchmark's rule files)


def _rules(text: str) -> Rules:
    return Rules(check(parse_text(text)))


def _question_read_in_one_row(rows: int = 70) -> str:
    """A table of ``rows`` rows over soort, one of whose rows compares uren with another question."""
    text = HEADER + "vraag soort: keuze\n" + "".join(f'  optie soort_{i} "{i}"\n' for i in range(rows)) + "\n"
    text += "vraag uren: getal\n  minimaal 0\n  maximaal 100\n\nvraag grens: getal\n  minimaal 0\n  maximaal 100\n\n"
    text += "".join(f'product p{k} "P{k}"\n\n' for k in range(3))
    text += "tabel t: soort | uren -> product\n"
    text += "".join(f"  soort_{i} | - -> p{i % 3}\n" if i != 35 else "  soort_35 | >= grens -> p1\n" for i in range(rows))
    return text + "\nregel r\n  als t != geen\n  dan product t\n"


def _row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(partial_tables, "BIG", 10**9)


@pytest.mark.parametrize("text", [generate.table(100), _question_read_in_one_row()], ids=["banden", "vraag-in-cel"])
def test_a_big_tables_open_rows_found_by_index_read_what_trying_every_row_reads(text, monkeypatch):
    rules = _rules(text)
    model = rules.model
    rng = random.Random(3)
    cases = []
    for subset in itertools.chain.from_iterable(itertools.combinations(model.vragen, k) for k in range(len(model.vragen) + 1)):
        for _ in range(3):
            cases.append({q: _sample(model, q, rng) for q in subset})
    indexed = [readable(model, answers, None, PEILDATUM) for answers in cases]
    _row_by_row(monkeypatch)
    assert indexed == [readable(model, answers, None, PEILDATUM) for answers in cases]


def _sample(model, q, rng):
    from wmo_dsl.semantics.samples import sample

    return sample(model.vragen[q], PEILDATUM, rng)


def test_a_question_one_row_reads_counts_only_while_that_row_is_possible():
    model = _rules(_question_read_in_one_row()).model
    assert "grens" in readable(model, {}, None, PEILDATUM)
    assert "grens" in readable(model, {"soort": "soort_35"}, None, PEILDATUM)
    assert "grens" not in readable(model, {"soort": "soort_1"}, None, PEILDATUM)


def _fresh(solver: Solver, answers: dict) -> list[str]:
    solver._earlier, solver._witnesses = [], []
    return solver.still_needed(answers)


@pytest.mark.parametrize(("text", "asks_the_solver"), [(generate.composite(), True), (generate.chain(40), True),
                                                       (generate.table(100), False), ("lekstroom", True)],
                         ids=["samengesteld", "keten", "tabel", "lekstroom"])
def test_earlier_models_and_warming_never_change_the_still_needed_set(text, asks_the_solver):
    rules = load_region(text, PEILDATUM) if text == "lekstroom" else _rules(text)
    used = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    fresh = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    rng, answers = random.Random(5), {}
    for _ in range(12):
        needed = used.still_needed(answers)
        assert needed == _fresh(fresh, answers), answers
        if not needed:
            break
        q = rng.choice(needed)
        answers[q] = used.sample(q, rng)
    assert bool(used._witnesses) == asks_the_solver, "the solver's models are kept as sample points"


def test_a_built_session_has_already_answered_the_empty_case():
    rules = load_region("lekstroom", PEILDATUM)
    solver = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    assert solver._earlier and solver._earlier[0][0] == {}
    remembered = solver.still_needed({})
    assert remembered == _fresh(solver, {}) != []


def test_settled_by_the_compiled_decision_means_no_completion_changes_the_outcome():
    rules = _rules(generate.table(100))
    solver = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    rng = random.Random(7)
    seen = set()
    for _ in range(30):
        answers = {q: solver.sample(q, rng) for q in rules.model.vragen if rng.random() < 0.7}
        settled = solver.settled(answers)
        seen.add(settled)
        if settled:
            keys = {solver.key({**answers, **{q: solver.sample(q, rng) for q in rules.model.vragen if q not in answers}})
                    for _ in range(10)}
            assert len(keys) == 1, answers
            assert solver.still_needed(answers) == []
    assert seen == {True, False}


def test_an_answer_literal_is_made_once_and_binds_only_when_assumed():
    rules = load_region("lekstroom", PEILDATUM)
    solver = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    behouden, ontwikkelen = (o.id for o in rules.model.vragen["type"].opties[:2])
    first = solver.assumptions.answer("type", behouden)
    assert solver.assumptions.answer("type", behouden) is first
    other = solver.assumptions.answer("type", ontwikkelen)
    assert solver.door.check(solver.solver, first) == "sat"
    assert solver.door.check(solver.solver, other) == "sat"
    assert solver.door.check(solver.solver, first, other) == "unsat"


def test_a_warm_up_the_solver_gave_up_on_is_not_remembered(monkeypatch):
    from wmo_dsl.semantics import guard

    def giving_up(self, solver, *assumptions):
        self.note("de tijdslimiet werd bereikt")
        return guard.ONBEKEND

    monkeypatch.setattr(guard.Door, "check", giving_up)
    rules = load_region("lekstroom", PEILDATUM)
    solver = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    assert solver._earlier == []


def test_the_plainest_answers_show_every_step_of_a_long_chain_without_the_solver(monkeypatch):
    rules = _rules(generate.chain(40))
    solver = Solver(rules.model, PEILDATUM, compiled=rules.compiled)

    def no_solver(self, answers, remaining):
        raise AssertionError(f"the solver was asked about {remaining}")

    monkeypatch.setattr(Solver, "solve", no_solver)
    assert _fresh(solver, {}) == list(rules.model.vragen)
