"""Proofs while typing: the analysis is run again only when the rules themselves changed.

Most edits while a policy writer works leave the rules as they were: a comment, blank lines,
indentation, a line moved down because something above it grew. The syntax tree then compares
equal (positions, the source lines and the checker's types take no part in equality), and so
does everything the analysis reads: it finds the same gaps, overlaps and dead parts, only at
other places. This cache keeps, per document, the definitions and the findings (before '#
negeer' silences any) of the last text it proved; for a text whose definitions compare equal it
moves each finding to where the same node now stands (line, column, its source line, and the row
lines in a W011's words), then applies the '# negeer' comments of the new text, exactly as
``analyse`` does. Anything it cannot move for certain (a position two nodes disagree about, a
finding at no node's place, a W030 that depends on the solver's time, eisen, whose names are
their lines) sends the text to the analysis afresh; a test holds the moved findings equal to a
fresh analysis.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from typing import Any, assert_never

from ...errors import Bevinding
from ...language import ast
from ...language.check import Model
from ...semantics.analysis import silenced, unsilenced_findings
from ...semantics.conclusions import candidate_products
from ...semantics.dead_parts import Alive

_ROWS = re.compile(r"^rij (\d+) en rij (\d+) ")  # the row lines at the start of a W011


class ProofCache:
    def __init__(self) -> None:
        self._definities: tuple[ast.Definitie, ...] | None = None
        self._pad: str | None = None
        self._positions: list[ast.Pos] = []
        self._findings: list[Bevinding] = []
        self._model: Model | None = None
        self.reused = False  # the last call moved the kept findings (for the tests and the bench)
        self.known: Alive | None = None  # the last call proved again, knowing these rules and products alive

    def proofs(self, bestand: ast.Regelbestand, model: Model) -> list[Bevinding]:
        """What ``analyse(model)`` gives, for ``model = check(bestand)``."""
        positions: list[ast.Pos] = []
        _positions(bestand.definities, positions)
        moved = self._moved(bestand, model, positions)
        self.reused = moved is not None
        self.known = None
        if moved is None:
            self.known = self._alive(bestand, model)
            moved = unsilenced_findings(model, alive=self.known)
        if any(f.code == "W030" for f in moved):  # depends on the solver's time: proven afresh next time
            self._definities, self._model = None, None
        else:
            self._definities, self._pad, self._positions, self._findings = bestand.definities, model.pad, positions, moved
            self._model = model
        return [f for f in moved if not silenced(model, f)]

    def _moved(self, bestand: ast.Regelbestand, model: Model, positions: list[ast.Pos]) -> list[Bevinding] | None:
        """The kept findings moved to their places in ``bestand``, or None when they cannot be."""
        if (self._definities is None or self._pad != model.pad or model.eisen or len(positions) != len(self._positions)
                or self._definities != bestand.definities):
            return None
        places: dict[tuple[int, int], tuple[int, int]] = {}
        lines: dict[int, int] = {}
        for a, b in zip(self._positions, positions):
            if places.setdefault((a.line, a.column), (b.line, b.column)) != (b.line, b.column):
                return None
            for x, y in ((a.line, b.line), (a.end_line, b.end_line)):
                if lines.setdefault(x, y) != y:
                    return None
        found = []
        for f in self._findings:
            place = places.get((f.regel, f.kolom))
            bericht = _rows_moved(f, lines)
            if place is None or bericht is None:
                return None
            line = place[0]
            bronregel = model.bronregels[line - 1] if 0 < line <= len(model.bronregels) else None
            found.append(replace(f, regel=line, kolom=place[1], bericht=bericht, bronregel=bronregel))
        return found



    def _alive(self, bestand: ast.Regelbestand, model: Model) -> Alive | None:
        """When only rules changed since the last text: the rules and products that were alive then
        and that no changed rule can make otherwise (a rule fires by its own condition, which reads
        no rule; a product is concluded by the rules that conclude it, 'geen product' or 'geen
        indicatie'); None when something else changed."""
        old = self._model
        if old is None or self._definities is None or self._pad != model.pad:
            return None
        if _not_rules(self._definities) != _not_rules(bestand.definities):
            return None
        changed = {rid for rid in old.regels.keys() | model.regels.keys() if old.regels.get(rid) != model.regels.get(rid)}
        rules_at = {(r.pos.line, r.pos.column): rid for rid, r in old.regels.items()}
        products_at = {(p.pos.line, p.pos.column): pid for pid, p in old.producten.items()}
        dead_rules = {rules_at[(f.regel, f.kolom)] for f in self._findings if f.code == "W020" and (f.regel, f.kolom) in rules_at}
        dead_products = {products_at[(f.regel, f.kolom)] for f in self._findings if f.code == "W022" and (f.regel, f.kolom) in products_at}
        rules = frozenset(rid for rid in model.regels if rid in old.regels and rid not in changed | dead_rules
                          and not model.afhankelijkheden.get("regel:" + rid, frozenset()) & changed)
        touched: set[str] = set()
        for m, rid in ((m, rid) for rid in changed for m in (old, model) if rid in m.regels):
            for c in m.regels[rid].conclusies:
                match c:
                    case ast.ProductConclusie(product=product):
                        touched.update(candidate_products(m, product))
                    case ast.GeenProductConclusie(id=pid):
                        touched.add(pid)
                    case ast.GeenIndicatie():
                        touched.update(model.producten)
                    case ast.VerwijzingConclusie() | ast.SignaalConclusie():
                        pass  # a referral or a signal: no product
                    case _ as unreachable:
                        assert_never(unreachable)
        products = frozenset(pid for pid in model.producten if pid in old.producten and pid not in touched | dead_products)
        return rules, products


def _not_rules(definities: tuple[ast.Definitie, ...]) -> list[ast.Definitie]:
    return [d for d in definities if not isinstance(d, ast.Regel)]


def _rows_moved(f: Bevinding, lines: dict[int, int]) -> str | None:
    """A W011's words with the lines where its rows now stand."""
    if f.code != "W011":
        return f.bericht
    m = _ROWS.match(f.bericht)
    if m is None or any(int(n) not in lines for n in m.groups()):
        return None
    first, second = (lines[int(n)] for n in m.groups())
    return f"rij {first} en rij {second} " + f.bericht[m.end():]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _positions(node: Any, out: list[ast.Pos]) -> None:
    """Every position inside ``node``, in a fixed order (the same for trees that compare equal)."""
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, ast.Pos):
            out.append(x)
        elif isinstance(x, (tuple, list)):
            stack.extend(reversed(x))
        elif isinstance(x, dict):
            stack.extend(reversed(list(x.values())))
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            names = _FIELDS.get(type(x))
            if names is None:
                names = _FIELDS[type(x)] = tuple(f.name for f in dataclasses.fields(x) if f.name != "t")
            stack.extend(reversed([getattr(x, n) for n in names]))
