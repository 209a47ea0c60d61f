"""The terms of the solver encoding: SMT-LIB text with a type and a 'defined' flag, and the
helpers that build and combine them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..language.types import Type
from ..language.vocabulary import TIME_UNITS

UNITS = tuple(sorted(TIME_UNITS))  # alphabetical: a duration orders by (unit, amount)
TRUE, FALSE = "true", "false"


@dataclass(frozen=True)
class S:
    """A term: ``v`` is SMT-LIB text (janee, getal, datum, tekst, keuze, product), a dict
    symbol -> text (lijst), a pair (amount, unit code) (duur) or a tuple of (name, S) (record)."""

    t: Type
    v: object
    d: str = TRUE  # defined: not geen

    @property
    def kind(self) -> str:
        return self.t.soort


def conj(*parts: str) -> str:
    kept = [p for p in parts if p != TRUE]
    if FALSE in kept:
        return FALSE
    return TRUE if not kept else kept[0] if len(kept) == 1 else "(and " + " ".join(kept) + ")"


def disj(*parts: str) -> str:
    kept = [p for p in parts if p != FALSE]
    if TRUE in kept:
        return TRUE
    return FALSE if not kept else kept[0] if len(kept) == 1 else "(or " + " ".join(kept) + ")"


def neg(x: str) -> str:
    return FALSE if x == TRUE else TRUE if x == FALSE else f"(not {x})"


def ite(c: str, a: str, b: str) -> str:
    return a if c == TRUE or a == b else b if c == FALSE else f"(ite {c} {a} {b})"


def real(value: Decimal) -> str:
    num, den = value.as_integer_ratio()
    text = f"(/ {abs(num)}.0 {den}.0)" if den != 1 else f"{abs(num)}.0"
    return f"(- {text})" if num < 0 else text


def numeral(text: object) -> Fraction | None:
    """The exact value of a real numeral as ``real`` writes it ('2.0', '(/ 1.0 4.0)', '(- 3.0)'), else None."""
    if not isinstance(text, str):
        return None
    if text.startswith("(- ") and text.endswith(")"):
        inner = numeral(text[3:-1])
        return -inner if inner is not None else None
    if text.startswith("(/ ") and text.endswith(")"):
        parts = text[3:-1].split(" ")
        if len(parts) == 2 and all(_plain(p) for p in parts) and float(parts[1]) != 0:
            return Fraction(int(parts[0][:-2]), int(parts[1][:-2]))
        return None
    return Fraction(int(text[:-2])) if _plain(text) else None


def _plain(text: str) -> bool:
    return text.endswith(".0") and text[:-2].isdigit()


def real_fraction(value: Fraction) -> str:
    return real(Decimal(value.numerator) / Decimal(value.denominator)) if value.denominator == 1 else \
        (f"(- (/ {abs(value.numerator)}.0 {value.denominator}.0))" if value < 0 else f"(/ {value.numerator}.0 {value.denominator}.0)")


def string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def quoted(name: str) -> str:
    return "|" + name.replace("|", "_").replace("\\", "_") + "|"


NONE_VALUE = {"janee": FALSE, "getal": "0.0", "datum": "0", "tekst": '""', "keuze": "(- 1)", "product": "(- 1)"}
SORTS = {"janee": "Bool", "getal": "Real", "datum": "Int", "tekst": "String", "keuze": "Int", "product": "Int"}


def select(conditions: list[str], values: list[S], t: Type, default: S | None = None) -> S:
    """The value whose condition holds (the conditions exclude each other), else ``default`` or geen."""
    kind = next((v.kind for v in values if v.d != FALSE), t.soort)
    result = default if default is not None else S(Type(kind, t.domein), NONE_VALUE.get(kind, FALSE) if kind != "lijst" else {}, FALSE)
    for c, v in reversed(list(zip(conditions, values))):
        result = merge(c, v, result)
    return result


def merge(c: str, a: S, b: S) -> S:
    """``ite(c, a, b)`` for terms of every kind."""
    d = ite(c, a.d, b.d)
    kind = a.kind if a.d != FALSE else b.kind
    if kind == "lijst":
        ao: dict[str, str] = a.v if isinstance(a.v, dict) else {}  # geen (of any kind): no option
        bo: dict[str, str] = b.v if isinstance(b.v, dict) else {}
        keys = sorted(set(ao) | set(bo))
        return S(Type("lijst", frozenset(keys)), {k: ite(c, ao.get(k, FALSE), bo.get(k, FALSE)) for k in keys}, d)
    if kind == "duur":
        ap = a.v if isinstance(a.v, tuple) else ("0", "0")
        bp = b.v if isinstance(b.v, tuple) else ("0", "0")
        return S(a.t if a.d != FALSE else b.t, (ite(c, ap[0], bp[0]), ite(c, ap[1], bp[1])), d)
    if kind == "record":
        if not isinstance(b.v, tuple) or b.d == FALSE:
            return S(a.t, a.v, d)
        if not isinstance(a.v, tuple):  # geen, then a record: the record's fields
            return S(b.t, b.v, d)
        return S(a.t, tuple((n, merge(c, x, y)) for (n, x), (_, y) in zip(a.v, b.v)), d)
    av = a.v if isinstance(a.v, str) else NONE_VALUE.get(kind, FALSE)
    bv = b.v if isinstance(b.v, str) else NONE_VALUE.get(kind, FALSE)
    t = a.t if a.d != FALSE else b.t
    if t.soort == "keuze" or b.t.soort == "keuze":
        t = Type(kind, a.t.domein | b.t.domein)
    return S(t, ite(c, av, bv), d)
