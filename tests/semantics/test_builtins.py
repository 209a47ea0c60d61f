"""The built-in functions are one table (language/builtins.py) with a concrete meaning, a solver
term (semantics/builtins.py) and words (present/words.py) for each; the concrete meaning and the
solver term agree on examples."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
import z3

from wmo_dsl.language.builtins import BUILTINS, FUNCTIONS, missing_parts
from wmo_dsl.present.words import CALL_WORDS
from wmo_dsl.semantics import builtins as meanings
from wmo_dsl.semantics.smt_terms import S
from wmo_dsl.language.types import Type


def test_the_built_in_functions_are_these():
    assert sorted(FUNCTIONS) == ["absoluut", "afronden", "afronden_op", "max", "midden", "min", "naar_beneden", "naar_boven"]
    assert sorted(set(BUILTINS) - set(FUNCTIONS)) == ["dagen_tussen", "jaren_tussen", "maanden_tussen", "weken_tussen"]


def test_every_function_has_a_meaning_a_solver_term_and_words():
    assert set(meanings.CONCRETE) == set(meanings.SMT) == set(BUILTINS)
    assert set(CALL_WORDS) == set(FUNCTIONS)


def test_a_table_that_lacks_a_function_stops_the_import():
    table = dict(meanings.CONCRETE)
    del table["midden"]
    with pytest.raises(ImportError, match="midden"):
        missing_parts("test", table)
    with pytest.raises(ImportError, match="wortel"):
        missing_parts("test", {**meanings.CONCRETE, "wortel": abs})


def _term(value) -> S:
    if isinstance(value, dt.date):
        return S(Type("datum"), str(value.toordinal()))
    return S(Type("getal"), f"(/ {Fraction(value).numerator}.0 {Fraction(value).denominator}.0)")


def _solver_value(function: str, args: list):
    """The value z3 gives the function's term on these arguments (no calendar function: those read
    the encoder's uninterpreted functions)."""
    term = meanings.smt_call(None, function, [_term(a) for a in args], Type(BUILTINS[function].resultaat))
    date = BUILTINS[function].resultaat == "datum"
    solver = z3.Solver()
    solver.from_string(f"(declare-const r {'Int' if date else 'Real'}) (assert (= r {term.v})) (assert {term.d})")
    assert solver.check() == z3.sat
    r = solver.model()[z3.Int("r") if date else z3.Real("r")]
    if date:
        return dt.date.fromordinal(r.as_long())
    return Decimal(r.numerator_as_long()) / Decimal(r.denominator_as_long())


@pytest.mark.parametrize("function,args", [
    ("absoluut", [Decimal("-3.5")]), ("absoluut", [Decimal(2)]),
    ("min", [Decimal("3.5"), Decimal(2), Decimal(7)]), ("max", [Decimal("3.5"), Decimal(-2)]),
    ("afronden", [Decimal("2.345"), Decimal(2)]), ("afronden", [Decimal("-2.5"), Decimal(0)]),
    ("naar_boven", [Decimal(50), Decimal(15)]), ("naar_beneden", [Decimal(50), Decimal(15)]),
    ("afronden_op", [Decimal("1.105"), Decimal("0.01")]), ("afronden_op", [Decimal("-7.5"), Decimal(5)]),
    ("midden", [dt.date(2026, 1, 1), dt.date(2026, 12, 31)]), ("midden", [dt.date(2026, 3, 2), dt.date(2026, 3, 1)]),
    ("weken_tussen", [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]), ("dagen_tussen", [dt.date(2026, 2, 1), dt.date(2026, 1, 1)]),
])
def test_the_solver_term_computes_what_the_evaluator_computes(function, args):
    assert _solver_value(function, args) == meanings.call(function, args)


def test_a_function_keeps_the_unit_its_rule_gives(tmp_path):
    from wmo_dsl.semantics.pipeline import load_rules

    path = tmp_path / "r.wmo"
    path.write_text('regio r "R"\n  geldig vanaf 2024-01-01\n\nvraag a: getal\n  eenheid uur per week\n  minimaal 0\n'
                    '  maximaal 40\n\nverschil is absoluut(a - 10 uur per week)\n\nproduct p "P"\n  eenheid uur per week\n'
                    '  duur 12 maanden\n\nregel r1\n  als verschil > 2 uur per week\n  dan product p\n', encoding="utf-8")
    rules = load_rules(path)
    assert str(rules.model.types["verschil"].eenheid) == "uur per week"
    b = rules.evaluate({"a": Decimal(4)}, dt.date(2025, 1, 1))
    assert b.waarden["verschil"] == Decimal(6) and b.uitkomst == "indicatie"
