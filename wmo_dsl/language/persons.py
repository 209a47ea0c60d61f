"""Checking lists of persons: a household is a count and, per person, the questions of 'per persoon'.

``vraag huisgenoten: personen`` with ``maximaal 8`` becomes, in the model, the
question ``huisgenoten`` (how many persons, 0 to 8) and for every possible
person the questions of its ``per persoon`` block, named ``huisgenoten[2].beperkt``
(1-based). So the solver, the still-needed set, sessions and case files see
ordinary questions, and a person's question is only read when that person
exists. An aggregate (``aantal huisgenoten met …``, ``som van X van L``,
``hoogste``, ``laagste``) is checked once per possible person, with the
person's own questions in scope before the region's names.

A mixin of the checker of definitions (``check.py``); it provides ``defs``,
``error``, ``suggest``, ``resolve`` and ``expect``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from . import ast
from .checker_host import CheckerHost, Definitie
from .types import GETAL, JANEE, ONBEKEND, Type

MAX_PERSONS = 20  # a bound per list keeps the proofs of wmo check finite


def field_id(lijst: str, persoon: int, veld: str) -> str:
    """The id of one person's question: huisgenoten[2].beperkt."""
    return f"{lijst}[{persoon}].{veld}"


class PersonChecker(CheckerHost):
    """Lists of persons for the checker of definitions."""

    person_scope: dict[str, str] | None = None

    def expand_persons(self) -> None:
        """Each 'personen' question followed, in the definitions, by its persons' questions."""
        expanded: dict[str, Definitie] = {}
        for naam, d in self.defs.items():
            expanded[naam] = d
            if isinstance(d, ast.Vraag) and d.soort == "personen":
                lijst = self.check_person_list(d)
                expanded[naam] = lijst
                for persoon in range(1, self.person_count(lijst) + 1):
                    for veld in lijst.per_persoon:
                        qid = field_id(naam, persoon, veld.id)
                        wie = f"{self.singular(lijst)} {persoon}"
                        tekst = f"{wie[0].upper()}{wie[1:]}: {veld.tekst}" if veld.tekst else None
                        expanded[qid] = replace(veld, id=qid, persoon=(naam, persoon, veld.id), wie=wie, tekst=tekst,
                                                groep=veld.groep or lijst.groep)
        self.defs = expanded

    def check_person_list(self, v: ast.Vraag) -> ast.Vraag:
        maximaal = v.maximaal
        if not (isinstance(maximaal, ast.Literal) and maximaal.kind == "getal" and isinstance(maximaal.value, Decimal)
                and maximaal.value == maximaal.value.to_integral_value()
                and 1 <= maximaal.value <= MAX_PERSONS):
            self.error("E235", f"een lijst van personen heeft een 'maximaal' van 1 tot en met {MAX_PERSONS}", v.pos,
                       hint="bijvoorbeeld: maximaal 8 (zo blijft wmo check eindig)")
            maximaal = ast.Literal(Decimal(1), "getal", v.pos)
        minimaal = v.minimaal if isinstance(v.minimaal, ast.Literal) else ast.Literal(Decimal(0), "getal", v.pos)
        seen: set[str] = set()
        for veld in v.per_persoon:
            if veld.soort == "personen":
                self.error("E235", f"'{veld.id}' is een lijst van personen binnen een lijst van personen; dat kan niet", veld.pos)
            if veld.id in seen:
                self.error("E202", f"vraag '{veld.id}' staat twee keer onder 'per persoon' van '{v.id}'", veld.pos)
            seen.add(veld.id)
        return replace(v, minimaal=minimaal, maximaal=maximaal)

    @staticmethod
    def singular(lijst: ast.Vraag) -> str:
        """One person of the list in words: its 'enkelvoud', else 'persoon'."""
        return lijst.enkelvoud or "persoon"

    def person_count(self, lijst: ast.Vraag) -> int:
        return int(lijst.maximaal.value) if isinstance(lijst.maximaal, ast.Literal) and isinstance(lijst.maximaal.value, Decimal) else 0

    def person_field(self, naam: str) -> str | None:
        """The list whose persons have a question called ``naam`` (used outside an aggregate)."""
        for d in self.defs.values():
            if isinstance(d, ast.Vraag) and d.soort == "personen" and any(v.id == naam for v in d.per_persoon):
                return d.id
        return None

    @contextlib.contextmanager
    def for_person(self, lijst: ast.Vraag, persoon: int) -> Iterator[None]:
        outer = self.person_scope
        self.person_scope = {v.id: field_id(lijst.id, persoon, v.id) for v in lijst.per_persoon}
        try:
            yield
        finally:
            self.person_scope = outer

    def aggregate(self, expr: ast.Aggregate) -> tuple[ast.Expr, Type]:
        lijst = self.defs.get(expr.lijst)
        if not (isinstance(lijst, ast.Vraag) and lijst.soort == "personen"):
            lists = [n for n, d in self.defs.items() if isinstance(d, ast.Vraag) and d.soort == "personen"]
            self.error("E207", f"'{expr.lijst}' is geen lijst van personen", expr.pos,
                       hint=self.suggest(expr.lijst, lists) or ("lijsten: " + ", ".join(lists) if lists else
                                                                "definieer er een: vraag huisgenoten: personen"))
            return expr, ONBEKEND
        self.ref_type(expr.lijst, expr.pos)  # the count is read
        velden = {v.id: v for v in lijst.per_persoon}
        if expr.veld is not None and expr.veld not in velden:
            self.error("E204", f"'{expr.veld}' is geen vraag per persoon van '{expr.lijst}'", expr.pos,
                       hint=self.suggest(expr.veld, velden) or "per persoon: " + ", ".join(velden))
            return expr, ONBEKEND
        personen = []
        t = GETAL
        for persoon in range(1, self.person_count(lijst) + 1):
            with self.for_person(lijst, persoon):
                met = self.expect(expr.met, JANEE, "na 'met'") if expr.met is not None else None
                waarde = None
                if expr.veld is not None:
                    waarde, t = self.resolve(ast.Name(expr.veld, expr.pos))
            personen.append((met, waarde))
        if expr.kind == "som" and t.soort != "getal" or expr.kind in ("hoogste", "laagste") and t.soort not in ("getal", "datum"):
            self.error("E207", f"'{expr.kind}' werkt op getallen{' of datums' if expr.kind != 'som' else ''}, maar '{expr.veld}' is {t}",
                       expr.pos)
            t = ONBEKEND
        return replace(expr, personen=tuple(personen)), (GETAL if expr.kind == "aantal" else t)

    def count_of_persons(self, expr: ast.Count, resolved: ast.Expr) -> ast.Aggregate | None:
        """'aantal huisgenoten': how many persons the list has."""
        if isinstance(resolved, ast.Ref) and isinstance(lijst := self.defs.get(resolved.id), ast.Vraag) and lijst.soort == "personen":
            return ast.Aggregate("aantal", resolved.id, None, None, expr.pos, GETAL)
        return None
