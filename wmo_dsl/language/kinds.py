"""The kinds of question (``vraag x: ja/nee``, ``keuze``, ``meerdere``, ``getal``, ``datum``,
``tekst``, ``personen``), each defined once: what its answers are, in types, JSON and samples.

Like OpenFisca's ``VALUE_TYPES``: nothing else asks "which kind is this?"; it asks the kind.
The later stages keep their own part of a kind beside it, keyed by the same names and checked
complete at import (``missing_kinds``): the solver's sort and domain in
``semantics/smt_kinds.py``, reading from JSON in ``cases/answers.py`` and from typed text in
``cases/natural.py``. A kind's intake widget is one of ``INVOER``, which the intake shows.
Adding a kind is one entry here, its line in the grammar, and its parts there.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

from . import ast, limits
from .types import DATUM, GETAL, JANEE, TEKST, Type

# How the intake asks a question of the kind (``intake/screen.py`` has one way per entry).
Invoer = Literal["janee", "keuze", "meerdere", "getal", "personen", "datum", "tekst"]
INVOER: tuple[Invoer, ...] = ("janee", "keuze", "meerdere", "getal", "personen", "datum", "tekst")


class OnbekendeSoort(LookupError):
    """A question of a kind no entry of ``KINDS`` defines: a programming error, said at once."""


def bound(grens: ast.Expr | None) -> Decimal | None:
    """A question's minimum or maximum as a number (the checker made it a literal), or None."""
    return grens.value if isinstance(grens, ast.Literal) and isinstance(grens.value, Decimal) else None


class Kind(ABC):
    """One kind of question. Values are the engine's: bool, an option id, a frozenset of ids,
    a Decimal, a date, a str."""

    naam: str  # as the rule file and the JSON lines protocol write it
    woord: str  # in a message: "een ja/nee-vraag"
    beschrijving: str  # in the rule document: what the answer is
    invoer: Invoer
    opties: bool = False  # the question lists options
    grenzen: bool = False  # the question may have a minimum and a maximum
    eenheid: bool = False  # the question may count in a unit (eenheid uur per week)
    beslist: bool = True  # an answer can change an outcome (free text never does)
    schema: Mapping[str, Any]  # JSON schema of an answer in a case file

    @abstractmethod
    def type(self, vraag: ast.Vraag) -> Type:
        """The type of the question's value in expressions."""

    @abstractmethod
    def to_json(self, vraag: ast.Vraag, value: Any) -> Any:
        """An answer as a case file writes it."""

    @abstractmethod
    def sample(self, vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
        """One valid answer drawn at random; ``bias`` is the chance of 'ja' (and of each option
        of a meerdere question)."""

    @abstractmethod
    def any_answer(self, vraag: ast.Vraag, peildatum: dt.date) -> Any:
        """A fixed valid answer (for a question that cannot change the outcome)."""

    @abstractmethod
    def alternatives(self, vraag: ast.Vraag, value: Any, numbers: list[Decimal]) -> list[Any]:
        """Answers near ``value`` worth trying: the other options, the rule file's constants
        ``numbers`` nearest to a number and just past them, the days around a date."""

    @abstractmethod
    def choices(self, vraag: ast.Vraag) -> tuple[Any, ...] | None:
        """Every answer, when the question has a short list of them (ja/nee, the options of a
        keuze) to try one by one; None when it has not."""

    @abstractmethod
    def representatives(self, vraag: ast.Vraag, constants: Iterable[object], peildatum: dt.date) -> tuple[Any, ...]:
        """Answers that between them make every distinction the rules can make, given the
        rule file's constants (the brute-force oracle of the tests enumerates them)."""


def allowed_number(vraag: ast.Vraag, number: Decimal) -> bool:
    lo, hi = bound(vraag.minimaal), bound(vraag.maximaal)
    return (lo is None or number >= lo) and (hi is None or number <= hi) and (not vraag.geheel or number == int(number))


class Janee(Kind):
    naam, woord, beschrijving, invoer = "janee", "ja/nee", "ja of nee", "janee"
    schema = {"type": "boolean"}

    def type(self, vraag: ast.Vraag) -> Type:
        return JANEE

    def to_json(self, vraag: ast.Vraag, value: Any) -> Any:
        return value

    def sample(self, vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
        return rng.random() < bias

    def any_answer(self, vraag: ast.Vraag, peildatum: dt.date) -> Any:
        return False

    def alternatives(self, vraag: ast.Vraag, value: Any, numbers: list[Decimal]) -> list[Any]:
        return [not value]

    def choices(self, vraag: ast.Vraag) -> tuple[Any, ...] | None:
        return (True, False)

    def representatives(self, vraag: ast.Vraag, constants: Iterable[object], peildatum: dt.date) -> tuple[Any, ...]:
        return (True, False)


class Keuze(Kind):
    naam, woord, beschrijving, invoer, opties = "keuze", "keuze", "één keuze", "keuze", True
    schema = {"type": "string"}

    def type(self, vraag: ast.Vraag) -> Type:
        return Type("keuze", frozenset(o.id for o in vraag.opties))

    def to_json(self, vraag: ast.Vraag, value: Any) -> Any:
        return value

    def sample(self, vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
        k = len(vraag.opties)  # the bias leans to the first or the last option
        return vraag.opties[min(k - 1, int(k * rng.random() ** (bias / (1 - bias))))].id

    def any_answer(self, vraag: ast.Vraag, peildatum: dt.date) -> Any:
        return vraag.opties[0].id

    def alternatives(self, vraag: ast.Vraag, value: Any, numbers: list[Decimal]) -> list[Any]:
        return [o.id for o in vraag.opties if o.id != value]

    def choices(self, vraag: ast.Vraag) -> tuple[Any, ...] | None:
        return tuple(o.id for o in vraag.opties)

    def representatives(self, vraag: ast.Vraag, constants: Iterable[object], peildatum: dt.date) -> tuple[Any, ...]:
        return tuple(o.id for o in vraag.opties)


class Meerdere(Kind):
    naam, woord, beschrijving, invoer, opties = "meerdere", "meerdere", "meerdere keuzes (of geen)", "meerdere", True
    schema = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}

    def type(self, vraag: ast.Vraag) -> Type:
        return Type("lijst", frozenset(o.id for o in vraag.opties))

    def to_json(self, vraag: ast.Vraag, value: Any) -> Any:
        order = [o.id for o in vraag.opties]
        return sorted(value, key=lambda v: (order.index(v) if v in order else len(order), str(v)))

    def sample(self, vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
        return frozenset(o.id for o in vraag.opties if rng.random() < bias)

    def any_answer(self, vraag: ast.Vraag, peildatum: dt.date) -> Any:
        return frozenset()

    def alternatives(self, vraag: ast.Vraag, value: Any, numbers: list[Decimal]) -> list[Any]:
        return [value ^ {o.id} for o in vraag.opties]

    def choices(self, vraag: ast.Vraag) -> tuple[Any, ...] | None:
        return None

    def representatives(self, vraag: ast.Vraag, constants: Iterable[object], peildatum: dt.date) -> tuple[Any, ...]:
        ids = [o.id for o in vraag.opties]
        return tuple(frozenset(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n))


class Getal(Kind):
    naam: str
    invoer: Invoer
    naam, woord, beschrijving, invoer, grenzen, eenheid = "getal", "getal", "een getal", "getal", True, True
    schema = {"type": ["number", "string"]}  # a string: '2,5 uur per week', Dutch notation

    def type(self, vraag: ast.Vraag) -> Type:
        return Type("getal", eenheid=vraag.hoeveelheid) if vraag.hoeveelheid is not None else GETAL

    def to_json(self, vraag: ast.Vraag, value: Any) -> Any:
        if value == value.to_integral_value():
            return int(value)
        return float(value.quantize(Decimal("0.01"), context=limits.CONTEXT))

    def sample(self, vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
        low = bound(vraag.minimaal)
        low = Decimal(0) if low is None else low
        high = bound(vraag.maximaal)
        high = low + 100 if high is None else high
        whole_low, whole_high = math.ceil(low), math.floor(high)  # a sample stays within the question's bounds
        if whole_low > whole_high:
            return low
        return Decimal(rng.randint(whole_low, whole_high))

    def any_answer(self, vraag: ast.Vraag, peildatum: dt.date) -> Any:
        low, high = bound(vraag.minimaal), bound(vraag.maximaal)
        return low if low is not None and low > 0 else high if high is not None and high < 0 else Decimal(0)

    def alternatives(self, vraag: ast.Vraag, value: Any, numbers: list[Decimal]) -> list[Any]:
        near = sorted(numbers, key=lambda c: abs(c - value))[:6]
        found = [c + d for c in near for d in (Decimal(0), Decimal(1), Decimal(-1)) if allowed_number(vraag, c + d)]
        return found + [value + d for d in (Decimal(1), Decimal(-1)) if allowed_number(vraag, value + d)]

    def choices(self, vraag: ast.Vraag) -> tuple[Any, ...] | None:
        return None

    def representatives(self, vraag: ast.Vraag, constants: Iterable[object], peildatum: dt.date) -> tuple[Any, ...]:
        lo, hi = bound(vraag.minimaal), bound(vraag.maximaal)
        points = sorted({c for c in constants if isinstance(c, Decimal)} | {Decimal(0)}
                        | ({lo} if lo is not None else set()) | ({hi} if hi is not None else set()))
        reps = set(points) | {(a + b) / 2 for a, b in zip(points, points[1:])} | {points[0] - 1, points[-1] + 1}
        return tuple(sorted(r for r in reps if allowed_number(vraag, r)))


class Personen(Getal):
    """A list of persons: the answer is how many there are (each has the questions of per persoon)."""

    naam, woord, beschrijving, invoer, eenheid = "personen", "personen", "een lijst van personen", "personen", False
    schema = {"type": ["array", "integer"], "items": {"type": "object"}}

    def type(self, vraag: ast.Vraag) -> Type:
        return Type("personen")


class Datum(Kind):
    naam, woord, beschrijving, invoer = "datum", "datum", "een datum", "datum"
    schema = {"type": "string", "format": "date"}

    def type(self, vraag: ast.Vraag) -> Type:
        return DATUM

    def to_json(self, vraag: ast.Vraag, value: Any) -> Any:
        return value.isoformat()

    def sample(self, vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
        return peildatum + dt.timedelta(days=rng.randint(-400, 400))

    def any_answer(self, vraag: ast.Vraag, peildatum: dt.date) -> Any:
        return peildatum

    def alternatives(self, vraag: ast.Vraag, value: Any, numbers: list[Decimal]) -> list[Any]:
        return [value + dt.timedelta(days=d) for d in (1, -1, 7)]

    def choices(self, vraag: ast.Vraag) -> tuple[Any, ...] | None:
        return None

    def representatives(self, vraag: ast.Vraag, constants: Iterable[object], peildatum: dt.date) -> tuple[Any, ...]:
        dates = {peildatum} | {c for c in constants if isinstance(c, dt.date)}
        return tuple(sorted({d + dt.timedelta(days=k) for d in dates for k in (-1, 0, 1)}))


class Tekst(Kind):
    naam, woord, beschrijving, invoer, beslist = "tekst", "tekst", "vrije tekst", "tekst", False
    schema = {"type": "string", "maxLength": limits.MAX_TEXT}

    def type(self, vraag: ast.Vraag) -> Type:
        return TEKST

    def to_json(self, vraag: ast.Vraag, value: Any) -> Any:
        return value

    def sample(self, vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
        return "toelichting"

    def any_answer(self, vraag: ast.Vraag, peildatum: dt.date) -> Any:
        return "toelichting"

    def alternatives(self, vraag: ast.Vraag, value: Any, numbers: list[Decimal]) -> list[Any]:
        return []

    def choices(self, vraag: ast.Vraag) -> tuple[Any, ...] | None:
        return None

    def representatives(self, vraag: ast.Vraag, constants: Iterable[object], peildatum: dt.date) -> tuple[Any, ...]:
        return ("toelichting",)  # free text: the rules only ask whether it is given


KINDS: dict[str, Kind] = {k.naam: k for k in (Janee(), Keuze(), Meerdere(), Getal(), Datum(), Tekst(), Personen())}


def kind(soort: str) -> Kind:
    """The kind of a question's ``soort``; a kind no entry defines raises at once."""
    try:
        return KINDS[soort]
    except KeyError:
        raise OnbekendeSoort(f"onbekende soort vraag {soort!r}; bekend zijn: {', '.join(KINDS)}") from None


def of(vraag: ast.Vraag) -> Kind:
    """The kind of a question."""
    return kind(vraag.soort)


def missing_kinds(part: str, table: Mapping[str, object]) -> None:
    """Refuse a table of a later stage that lacks a kind (or has one that does not exist)."""
    missing, unknown = sorted(set(KINDS) - set(table)), sorted(set(table) - set(KINDS))
    if missing or unknown:
        raise ImportError(f"{part}: ontbreekt voor {missing or '-'}, onbekend: {unknown or '-'}")
