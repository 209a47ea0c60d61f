"""What the operators of the rule language mean on concrete values.

Values are plain Python: ``bool`` (ja/nee), ``Decimal`` (getal, exact),
``datetime.date``, :class:`~wmo_dsl.language.ast.Duur`, ``str`` (tekst, a choice or a
product id), ``frozenset`` (the choices of a meerdere-vraag) and ``None``
(geen waarde). Both evaluators (the traced evaluator and the compiled batch code)
call these functions, so they cannot disagree about what ``=`` or ``+`` means;
``smt_values.py`` says the same for the solver.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Mapping, Protocol, Sequence

from dataclasses import dataclass

from ..errors import CasusFout
from ..language import limits
from ..language.ast import Duur
from ..language.vocabulary import MAX_DURATION, TIME_UNITS
from .calendar import add_werkdagen

CONTEXT = limits.CONTEXT  # nothing traps; a result that is not finite is geen (_finite)
# A concrete value as above. Dynamic on purpose: the checker has typed every expression, and the
# operators here look at the values themselves to say what they mean.
Value = Any


class BerekeningFout(CasusFout):
    """A computed value outside the bounds of ``limits.py``; ``naam`` names it (a derived value,
    or a phrase: "het volume van product 'p'")."""

    def __init__(self, waarde: str, probleem: str, naam: str | None = None):
        self.waarde, self.probleem, self.naam = waarde, probleem, naam
        wat = f"de berekende waarde '{naam}'" if naam and " " not in naam else naam or "een berekende waarde"
        super().__init__(f"{wat} ({waarde}) {probleem}")


def _finite(value: Decimal) -> Decimal | None:
    """A result beyond what CONTEXT holds (an overflow, 10^999999) is geen, as a division by zero."""
    return value if value.is_finite() else None


def bounded(naam: str, value: Value) -> Value:
    """A computed value the user will see, when it lies within the bounds; else BerekeningFout
    naming it. Inside a computation values may be larger (CONTEXT keeps them finite or geen)."""
    if isinstance(value, Decimal):
        probleem = limits.computed_problem(value)
        if probleem:
            raise BerekeningFout(limits.scientific(value), probleem, naam)
    elif isinstance(value, Duur) and abs(value.aantal) > MAX_DURATION.get(value.eenheid, 0):
        raise BerekeningFout(f"{value.aantal:,} {value.eenheid}".replace(",", "."), "is langer dan 100 jaar", naam)
    elif isinstance(value, dt.date) and (datum_probleem := limits.date_problem(value)):
        raise BerekeningFout(f"{value:%d-%m-%Y}", datum_probleem, naam)
    elif isinstance(value, Record):
        for veld, inner in value.fields:
            bounded(f"{naam}.{veld}", inner)
    return value


class _Computed(Protocol):
    """What ``check_computed`` reads of an evaluate.Uitkomst (that module imports this one)."""

    @property
    def producten(self) -> Sequence[Any]: ...

    @property
    def termijnen(self) -> Sequence[tuple[str, Value]]: ...


def check_computed(waarden: Mapping[str, Value], uitkomst: _Computed | None) -> None:
    """Every computed value of an outcome within the bounds (``waarden``: derived values by name;
    ``uitkomst``: an evaluate.Uitkomst or None), before anything shows or stores it."""
    for naam, value in waarden.items():
        bounded(naam, value)
    if uitkomst is None:
        return
    for p in uitkomst.producten:
        for wat, value in (("duur", p.duur), ("maximale duur", p.maximale_duur), ("minimale duur", p.minimale_duur),
                           ("volume", p.volume)):
            bounded(f"{'het' if wat == 'volume' else 'de'} {wat} van product '{p.product}'", value)
    for tid, datum in uitkomst.termijnen:
        bounded(f"de datum van termijn '{tid}'", datum)


@dataclass(frozen=True)
class Record:
    """A value with named parts, e.g. an hour split {indirect_max, direct, …}."""

    fields: tuple[tuple[str, object], ...]

    def get(self, naam: str) -> Value:
        return dict(self.fields).get(naam)


class Counts(dict[int, Decimal]):
    """The number of elements of a list as a Decimal, made once per size on first use (the compiled code's)."""

    def __missing__(self, n: int) -> Decimal:
        value = self[n] = Decimal(n)
        return value


def compare(op: str, a: Value, b: Value) -> bool:
    if op == "=":
        return _norm(a) == _norm(b)
    if op == "!=":
        return _norm(a) != _norm(b)
    if a is None or b is None:
        return False
    a, b = _orderable(a), _orderable(b)
    if type(a) is not type(b):
        return False
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    raise ValueError(op)


def _norm(v: Value) -> Value:
    if isinstance(v, (list, tuple)):
        return frozenset(v)
    return v


def _orderable(v: Value) -> Value:
    if isinstance(v, Duur):
        return (v.eenheid, v.aantal)
    return v


def arithmetic(op: str, a: Value, b: Value, vrij: frozenset[dt.date] = frozenset()) -> Value:
    """``a op b``; ``vrij`` are extra non-working days for werkdagen (a region's dated table)."""
    if a is None or b is None:
        return None
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        if op == "+":
            return _finite(CONTEXT.add(a, b))
        if op == "-":
            return _finite(CONTEXT.subtract(a, b))
        if op == "*":
            return _finite(CONTEXT.multiply(a, b))
        if op == "/":
            return None if b == 0 else _finite(CONTEXT.divide(a, b))
    if isinstance(a, dt.date) and isinstance(b, Duur):
        return add_duration(a, b if op == "+" else Duur(-b.aantal, b.eenheid), vrij)
    if isinstance(a, Duur) and isinstance(b, dt.date) and op == "+":
        return add_duration(b, a, vrij)
    if isinstance(a, dt.date) and isinstance(b, dt.date) and op == "-":
        return Decimal((a - b).days)
    if isinstance(a, Duur) and isinstance(b, Decimal):
        if op == "/" and not b:
            return None
        amount = _finite(CONTEXT.multiply(Decimal(a.aantal), b) if op == "*" else CONTEXT.divide(Decimal(a.aantal), b))
        if amount is None or abs(amount) > limits.MAX_ABS:  # geen, as for a date beyond the calendar
            return None
        return Duur(int(amount.to_integral_value(ROUND_HALF_UP, CONTEXT)), a.eenheid)
    return None


# A computed duration can be absurd (a duration times a number of 10^12): beyond this span the
# result is 'geen' instead of an overflow or a werkdagen loop that never ends.
_MAX_SPAN_DAYS = 400 * 366


def add_duration(start: dt.date, duur: Duur, vrij: frozenset[dt.date] = frozenset()) -> dt.date | None:
    """A calendar date plus a duration; months keep the day, clamped to the month's end.

    None (geen) when the result would leave the calendar."""
    span = TIME_UNITS[duur.eenheid][1] if duur.eenheid in TIME_UNITS else 1
    if abs(duur.aantal) * span > _MAX_SPAN_DAYS:
        return None
    try:
        return _add_duration(start, duur, vrij)
    except (OverflowError, ValueError):
        return None


def _add_duration(start: dt.date, duur: Duur, vrij: frozenset[dt.date]) -> dt.date:
    n = duur.aantal
    if duur.eenheid == "dagen":
        return start + dt.timedelta(days=n)
    if duur.eenheid == "weken":
        return start + dt.timedelta(weeks=n)
    if duur.eenheid == "werkdagen":
        return add_werkdagen(start, n, vrij)
    months = n * 12 if duur.eenheid == "jaren" else n
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def whole_years(a: dt.date, b: dt.date) -> int:
    """Whole years from a to b; a birthday counts on the day itself (29 February: on 1 March
    in a year without it). Negative when b lies before a."""
    if b < a:
        return -whole_years(b, a)
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def whole_months(a: dt.date, b: dt.date) -> int:
    """Whole months from a to b: a month is complete on the same day number, as a year is on the
    birthday (from 31 January, the first month is complete on 1 March)."""
    if b < a:
        return -whole_months(b, a)
    return (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)


def _days(a: dt.date, b: dt.date) -> int:
    return (b - a).days


def _weeks(a: dt.date, b: dt.date) -> int:
    days = (b - a).days
    return days // 7 if days >= 0 else -((-days) // 7)




def maanden(duur: Duur | None) -> int | None:
    """A duration in whole months, for the contract's ``duur_maanden``; None if not a month count."""
    if duur is None:
        return None
    if duur.eenheid == "maanden":
        return duur.aantal
    if duur.eenheid == "jaren":
        return duur.aantal * 12
    return None
