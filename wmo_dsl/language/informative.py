"""Informational values: what the outcome shows without deciding it.

A value named in a ``motivering`` (``{eigen_bijdrage_rit}``), in a product's ``kenmerk``, and a
product's amount line (``eigen bijdrage …``, ``vergoeding …``) do not change which products a
case gets, yet the explanation and the letter show them. They are part of the outcome: the
still-needed set asks their questions (after the deciding ones), the result carries them, and
``wmo check`` does not call their questions unused (W021).

Each is shown under a guard, as the explanation shows it: a rule's motivering when the rule fires
(a rule that concludes a product: when there is an indicatie), a product's kenmerk or amount
when the product is indicated, a derived value's (or table row's) motivering when a rule
that reads the value fires or a product whose terms read it is indicated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from . import ast
from .motivations import placeholders


class Checked(Protocol):
    """What informational values are read from: a checked model (``model.Model``, which imports
    this module, so this one names only what it reads)."""

    @property
    def vragen(self) -> Mapping[str, ast.Vraag]: ...

    @property
    def waarden(self) -> Mapping[str, ast.Waarde]: ...

    @property
    def tabellen(self) -> Mapping[str, ast.Tabel]: ...

    @property
    def producten(self) -> Mapping[str, ast.Product]: ...

    @property
    def regels(self) -> Mapping[str, ast.Regel]: ...

    @property
    def afhankelijkheden(self) -> Mapping[str, frozenset[str]]: ...


@dataclass(frozen=True)
class Informatief:
    """One informational value and when the outcome shows it."""

    key: str  # the question, derived value or table; "<product>.<soort>" for a product's amount
    naam: str | None  # the named value (None: a product's amount line)
    bedrag: ast.Bedrag | None  # the amount line of a product
    regels: tuple[str, ...]  # shown when one of these rules fires (a rule concluding a product: with an indicatie)
    producten: tuple[str, ...]  # or when one of these products is indicated


def informational(model: Checked) -> tuple[Informatief, ...]:
    """Every informational value of a checked model, in file order."""
    guards: dict[str, tuple[list[str], list[str]]] = {}

    def add(naam: str, regels: Iterable[str] = (), producten: Iterable[str] = ()) -> None:
        if naam not in model.vragen and naam not in model.waarden and naam not in model.tabellen:
            return
        r, p = guards.setdefault(naam, ([], []))
        r.extend(x for x in regels if x not in r)
        p.extend(x for x in producten if x not in p)

    for rid, regel in model.regels.items():
        for naam in placeholders(regel.motivering or ""):
            add(naam, regels=(rid,))
    cones: dict[str, set[str]] = {}  # what each rule and product reads, made when a value's motivering needs it
    with_motivering: list[tuple[str, ast.Waarde | ast.Tabel]] = [*model.waarden.items(), *model.tabellen.items()]
    for owner, d in with_motivering:
        texts = [d.motivering or ""] + ([r.motivering or "" for r in d.rijen if r.motivering] if isinstance(d, ast.Tabel) else [])
        names = [n for t in texts for n in placeholders(t)]
        if names:
            if not cones:
                cones = {rid: _cone(model, "regel:" + rid) for rid in model.regels}
                product_cones = {pid: _cone(model, pid) for pid in model.producten}
            regels = [rid for rid, cone in cones.items() if owner in cone]
            producten = [pid for pid, cone in product_cones.items() if owner in cone]
            for naam in names:
                add(naam, regels, producten)
    amounts: list[Informatief] = []
    for pid, product in model.producten.items():
        for _, tekst in product.kenmerken:
            for naam in placeholders(tekst):
                add(naam, producten=(pid,))
        amounts += [Informatief(f"{pid}.{b.soort}", None, b, (), (pid,)) for b in product.bedragen]
    named = [Informatief(n, n, None, tuple(r), tuple(p)) for n, (r, p) in guards.items()]
    return tuple(named + amounts)


def concludes_product(regel: ast.Regel) -> bool:
    """A rule whose reasons the explanation shows only with an indicatie."""
    return any(isinstance(c, ast.ProductConclusie) for c in regel.conclusies)


def _cone(model: Checked, root: str) -> set[str]:
    """Every name ``root`` reads, transitively, not into the terms of the products a rule concludes."""
    seen: set[str] = set()
    stack = [root]
    while stack:
        n = stack.pop()
        for d in model.afhankelijkheden.get(n, ()):
            if d not in seen and d not in model.producten:
                seen.add(d)
                stack.append(d)
    return seen
