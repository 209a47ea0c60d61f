"""What each built-in function of ``language/builtins.py`` computes, concretely and for the solver.

One entry per function in each table, side by side, so the evaluator, the compiled code and the
solver cannot drift apart; a function without both parts stops the import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from ..language.builtins import missing_parts
from ..language.types import Type
from .smt_terms import S, conj
from .smt_values import Encoding, between, text
from .values import CONTEXT, Value, _days, _finite, _weeks, whole_months, whole_years

_STEP = {"naar_boven": ROUND_CEILING, "naar_beneden": ROUND_FLOOR, "afronden_op": ROUND_HALF_UP}


def _decimals(value: Decimal, places: Decimal) -> Decimal | None:
    if places != places.to_integral_value() or not 0 <= places <= 12:
        return None  # wmo check refuses a literal precision like this; a computed one gives geen
    try:
        return _finite(value.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP, context=CONTEXT))
    except InvalidOperation:  # pragma: no cover - CONTEXT does not trap
        return None


def _step(function: str) -> Callable[[Decimal, Decimal], Decimal | None]:
    def rounded(value: Decimal, step: Decimal) -> Decimal | None:
        if step <= 0:
            return None  # a step of nothing: geen
        try:
            whole = CONTEXT.divide(value, step).to_integral_value(_STEP[function], CONTEXT)
            return _finite(CONTEXT.multiply(whole, step))
        except InvalidOperation:  # pragma: no cover - CONTEXT does not trap
            return None
    return rounded


def _middle(a: dt.date, b: dt.date) -> dt.date:
    a, b = sorted((a, b))
    return a + dt.timedelta(days=(b - a).days // 2)


# The value of a call, given the values of its arguments (none of them geen: call() sees to that).
CONCRETE: dict[str, Callable] = {
    "min": lambda *a: min(a),
    "max": lambda *a: max(a),
    "absoluut": abs,
    "afronden": _decimals,
    "naar_boven": _step("naar_boven"),
    "naar_beneden": _step("naar_beneden"),
    "afronden_op": _step("afronden_op"),
    "midden": _middle,
    "jaren_tussen": lambda a, b: Decimal(whole_years(a, b)),
    "maanden_tussen": lambda a, b: Decimal(whole_months(a, b)),
    "weken_tussen": lambda a, b: Decimal(_weeks(a, b)),
    "dagen_tussen": lambda a, b: Decimal(_days(a, b)),
}


def call(function: str, args: list[Value]) -> Value:
    """A built-in function's value; geen when an argument is geen."""
    if any(a is None for a in args):
        return None
    return CONCRETE[function](*args)


def _extreme(better: str) -> Callable[[Encoding, list[S]], S]:
    def term(enc: Encoding, args: list[S]) -> S:
        value = args[0].v
        for a in args[1:]:
            value = f"(ite ({better} {a.v} {value}) {a.v} {value})"
        return S(Type("getal"), value)
    return term


def _round_half_up(x: str) -> str:
    return f"(ite (>= {x} 0.0) (to_int (+ {x} 0.5)) (- (to_int (+ (- {x}) 0.5))))"


def _decimals_term(enc: Encoding, args: list[S]) -> S:
    places = text(args[1])  # a literal 0..10 (wmo check)
    scale = f"(^ 10.0 {places})" if not places.replace(".0", "").isdigit() else str(10 ** int(float(places))) + ".0"
    return S(Type("getal"), f"(/ (to_real {_round_half_up(f'(* {args[0].v} {scale})')}) {scale})")


def _step_term(function: str) -> Callable[[Encoding, list[S]], S]:
    def term(enc: Encoding, args: list[S]) -> S:
        x, step = args[0].v, args[1].v  # the step is fixed (wmo check): a division by a numeral
        q = f"(/ {x} {step})"
        whole = {"naar_beneden": f"(to_int {q})", "naar_boven": f"(- (to_int (- {q})))", "afronden_op": _round_half_up(q)}[function]
        return S(Type("getal"), f"(* {step} (to_real {whole}))", f"(> {step} 0.0)")
    return term


def _middle_term(enc: Encoding, args: list[S]) -> S:
    lo = f"(ite (<= {args[0].v} {args[1].v}) {args[0].v} {args[1].v})"
    hi = f"(ite (<= {args[0].v} {args[1].v}) {args[1].v} {args[0].v})"
    return S(Type("datum"), f"(+ {lo} (div (- {hi} {lo}) 2))")


def _weeks_term(enc: Encoding, args: list[S]) -> S:
    d = f"(- {args[1].v} {args[0].v})"
    return S(Type("getal"), f"(to_real (ite (>= {d} 0) (div {d} 7) (- (div (- {d}) 7))))")


def _calendar_term(function: str) -> Callable[[Encoding, list[S]], S]:
    def term(enc: Encoding, args: list[S]) -> S:
        return S(Type("getal"), f"(to_real {between(enc, function, text(args[0]), text(args[1]))})")
    return term


# The solver's term of a call, given the terms of its arguments; its own condition of being
# defined (beside the arguments' own) in the term's ``d``.
SMT: dict[str, Callable[[Encoding, list[S]], S]] = {
    "min": _extreme("<"),
    "max": _extreme(">"),
    "absoluut": lambda enc, args: S(Type("getal"), f"(ite (< {args[0].v} 0.0) (- {args[0].v}) {args[0].v})"),
    "afronden": _decimals_term,
    "naar_boven": _step_term("naar_boven"),
    "naar_beneden": _step_term("naar_beneden"),
    "afronden_op": _step_term("afronden_op"),
    "midden": _middle_term,
    "jaren_tussen": _calendar_term("jaren_tussen"),
    "maanden_tussen": _calendar_term("maanden_tussen"),
    "weken_tussen": _weeks_term,
    "dagen_tussen": lambda enc, args: S(Type("getal"), f"(to_real (- {args[1].v} {args[0].v}))"),
}


def smt_call(enc: Encoding, function: str, args: list[S], result: Type) -> S:
    """The solver's term of a call: defined when every argument is and the function says so."""
    term = SMT[function](enc, args)
    return S(term.t, term.v, conj(*[a.d for a in args], term.d))


missing_parts("semantics/builtins.py CONCRETE", CONCRETE)
missing_parts("semantics/builtins.py SMT", SMT)
