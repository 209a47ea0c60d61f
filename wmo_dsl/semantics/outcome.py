"""The observable outcome of a case, stated once: what an :class:`Uitkomst` holds, and which of its
parts decide whether two cases got the same indicatie.

Like a verification condition in Catala, "do these two outcomes differ?" is data here: a
tuple of :class:`Deel` (``DELEN``), each saying how to read that part of a concrete
outcome and how the solver states that the part differs between its copies a and b.
From it come one equality (:func:`key`, :func:`same_outcome`), one diff (:func:`diff`:
the parts that differ, with their old and new values) and the solver's "the outcomes
differ" (:func:`outcome_differs`). The still-needed set, the sensitivity lines, the
comparison of rule versions and the intake's 'what the answer can change' all derive
from these, so a new part of the outcome is added here or nowhere.

The lists of an :class:`Uitkomst` that explain an outcome without being part of it
(which product rules did not apply, what was taken away) are named in ``UITLEG``; a
test checks that every field of :class:`Uitkomst` is either read by a part or named there.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from ..language import ast
from ..language.check import Model
from .conclusions import VLAGGEN, Outcome
from .smt_terms import conj, disj, neg
from .smt_values import equal


@dataclass(frozen=True)
class ProductToekenning:
    product: str
    duur: ast.Duur | None
    maximale_duur: ast.Duur | None
    onbeperkt: bool
    regel: str
    minimale_duur: ast.Duur | None = None
    volume: object = None

    @property
    def item(self) -> tuple:
        """The product as an outcome item: what makes two indicaties differ (not the rule)."""
        return ("product", self.product, self.duur, self.maximale_duur, self.onbeperkt, self.minimale_duur, self.volume)


@dataclass
class Uitkomst:
    """What the rules concluded for one case."""

    producten: list[ProductToekenning] = field(default_factory=list)
    verwijzingen: list[tuple[str, str]] = field(default_factory=list)  # (id, rule)
    signalen: list[tuple[str, str]] = field(default_factory=list)
    geen_indicatie: list[str] = field(default_factory=list)  # rules that stopped the indicatie
    niet_van_toepassing: list[str] = field(default_factory=list)  # product rules whose condition failed
    geen_product: list[tuple[str, str]] = field(default_factory=list)  # (product, rule) restricted away
    niet_gecombineerd: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (product, its required partners)
    termijnen: list[tuple[str, object]] = field(default_factory=list)  # (termijn, date)
    informatief: list[tuple[str, object]] = field(default_factory=list)  # (key, value) the outcome shows: informative.py

    @property
    def key(self) -> tuple:
        """The outcome as a comparable value: two cases with equal keys got the same indicatie."""
        return key(self)


# ── the parts ──

Terms = Callable[[Model, Outcome, Outcome], list[str]]


@dataclass(frozen=True)
class Deel:
    """One part of the observable outcome."""

    naam: str  # also the name in a diff
    velden: tuple[str, ...]  # the fields of Uitkomst it reads
    lees: Callable[[Uitkomst], Hashable]  # its concrete value: equal values, same part
    verschilt: Terms  # SMT-LIB terms over copies a and b: the part differs when one of them holds


def _distinct(x: str, y: str) -> str:
    return f"(not (= {x} {y}))"


def _products(u: Uitkomst) -> frozenset:
    return frozenset() if u.geen_indicatie else frozenset(p.item for p in u.producten)


def _products_differ(model: Model, a: Outcome, b: Outcome) -> list[str]:
    """A product granted in one copy only, or in both with other terms ('geen indicatie' grants none)."""
    ga, gb = a.geen_indicatie.v, b.geen_indicatie.v
    products_a: Any = a.products  # the solver's product map: id -> (present, terms)
    products_b: Any = b.products
    parts = []
    for pid in model.producten:
        (pa, attrs_a), (pb, attrs_b) = products_a[pid], products_b[pid]
        ia, ib = conj(pa, neg(ga)), conj(pb, neg(gb))
        parts.append(_distinct(ia, ib))
        parts.append(conj(ia, ib, neg(conj(*[equal(x, y) for x, y in zip(attrs_a, attrs_b)]))))
    return parts


def _flags(veld: str) -> Deel:
    """A part that is a set of ids, each concluded or not (a Vlag: referrals, signals)."""
    def lees(u: Uitkomst) -> frozenset:
        return frozenset(i for i, _ in getattr(u, veld))

    def verschilt(model: Model, a: Outcome, b: Outcome) -> list[str]:
        group_a, group_b = a.flags[veld], b.flags[veld]
        return [_distinct(group_a[k].v, group_b[k].v) for k in group_a]

    return Deel(veld, (veld,), lees, verschilt)


def _valued(veld: str, groep: str) -> Deel:
    """A part of ids that each come with a value when present (deadlines, informative values)."""
    def lees(u: Uitkomst) -> frozenset:
        return frozenset(getattr(u, veld))

    def verschilt(model: Model, a: Outcome, b: Outcome) -> list[str]:
        parts = []
        for k, (present_a, value_a) in getattr(a, groep).items():
            present_b, value_b = getattr(b, groep)[k]
            parts.append(_distinct(present_a.v, present_b.v))
            parts.append(conj(present_a.v, present_b.v, neg(equal(value_a, value_b))))
        return parts

    return Deel(veld, (veld,), lees, verschilt)


DELEN: tuple[Deel, ...] = (
    Deel("geen_indicatie", ("geen_indicatie",), lambda u: bool(u.geen_indicatie),
         lambda model, a, b: [_distinct(a.geen_indicatie.v, b.geen_indicatie.v)]),
    Deel("producten", ("producten", "geen_indicatie"), _products, _products_differ),
    *(_flags(v.veld) for v in VLAGGEN),
    _valued("termijnen", "termijnen"),
    _valued("informatief", "informatief"),  # what the outcome shows without deciding it
)

NAMEN: tuple[str, ...] = tuple(d.naam for d in DELEN)

# Fields of Uitkomst that explain the outcome without being part of it: the products that stay
# already say what 'geen product' and 'alleen in combinatie met' took away.
UITLEG: dict[str, str] = {
    "niet_van_toepassing": "productregels waarvan de voorwaarde niet gold",
    "geen_product": "producten die 'geen product' wegnam",
    "niet_gecombineerd": "producten die 'alleen in combinatie met' wegnam",
}


# ── derived: one equality, one diff, one solver term ──

def key(u: Uitkomst) -> tuple:
    """The outcome as a comparable value: equal keys, same outcome."""
    return tuple(d.lees(u) for d in DELEN)


def same_outcome(a: Uitkomst, b: Uitkomst) -> bool:
    return key(a) == key(b)


@dataclass(frozen=True)
class Verschil:
    """One part that differs between two outcomes, with its value before and after."""

    deel: str
    oud: Any
    nieuw: Any


def diff(a: Uitkomst, b: Uitkomst) -> list[Verschil]:
    """The parts that differ from ``a`` to ``b``, in the order of ``DELEN`` (empty: same outcome)."""
    return [Verschil(d.naam, old, new) for d in DELEN if (old := d.lees(a)) != (new := d.lees(b))]


def outcome_differs(model: Model, a: Outcome, b: Outcome) -> str:
    """SMT-LIB text: the outcomes of copy a and copy b differ (as :func:`key` compares them)."""
    return disj(*[term for d in DELEN for term in d.verschilt(model, a, b)])


def part_differs(model: Model, naam: str, a: Outcome, b: Outcome) -> str:
    """SMT-LIB text: this one part differs between copy a and copy b."""
    (deel,) = [d for d in DELEN if d.naam == naam]
    return disj(*deel.verschilt(model, a, b))
