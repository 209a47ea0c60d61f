"""Evaluate stage: one case, every answer known that matters, to an outcome with a trace.

:class:`Evaluation` is the concrete algebra of ``meaning.py``: its terms are the
values themselves. A derived value is computed the first time something reads
it, and each computation leaves a :class:`Stap` saying which case or table row
decided it, which names it read, and which paragraph it cites; the rules then
conclude (``conclusions.py``) and the outcome becomes an :class:`Uitkomst` (``outcome.py``).
Which answers are still needed when some are missing is the business of the
solver; this module is handed a value for every question it reads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator, Sequence

from ..language import ast
from ..language.check import Model
from ..language.types import Type
from . import builtins
from . import values as V
from .conclusions import VLAG, Outcome, conclude
from .meaning import Attributes, Branch, Thunk, definition_meaning, meaning
from .outcome import ProductToekenning, Uitkomst


@dataclass(frozen=True)
class Stap:
    """How one name got its value: the trace entry behind every explanation."""

    naam: str
    soort: str  # "vraag", "waarde", "tabel", "regel", "termijn", "afwijking"
    waarde: object
    via: ast.Geval | ast.Rij | ast.Regel | None
    gelezen: tuple[str, ...]
    regelnummer: int
    bron: str | None
    toelichting: str | None


class Toekenningen:
    """The products of an indicatie as they are concluded, in order, and those taken away again.

    The concrete product map of ``conclusions.py``, shared by the evaluator and the compiled
    code: a claim adds in place (claims come first), taking away copies, so what the rules
    concluded stays readable next to what remains."""

    __slots__ = ("granted", "weg")

    def __init__(self, granted: dict[str, ProductToekenning] | None = None, weg: tuple[tuple[str, str], ...] = ()) -> None:
        self.granted: dict[str, ProductToekenning] = granted if granted is not None else {}
        self.weg: tuple[tuple[str, str], ...] = weg  # (product, "geen_product" | "combinatie")

    def without(self, pid: str, reden: str) -> "Toekenningen":
        granted = dict(self.granted)
        del granted[pid]
        return Toekenningen(granted, self.weg + ((pid, reden),))


class Open(Exception):
    """A question is read that the case leaves open."""


class Evaluation:
    """One evaluation of a model for a full set of answers; values are memoised and traced."""

    def __init__(self, model: Model, answers: dict, overrides: dict | None = None, strict: bool = False,
                 peildatum: dt.date | None = None) -> None:
        self.model = model
        self.answers = answers
        self.peildatum_ = peildatum  # the date the case is judged on (geen when not given)
        self.strict = strict  # reading an open question raises Open (instead of giving geen)
        self.overrides = overrides or {}
        self.values: dict[str, object] = {}
        self.trace: dict[str, Stap] = {}
        self._reads: list[set[str]] = []
        self._scopes: dict[str, set[str]] = {}
        self._chosen: ast.Geval | ast.Rij | None = None  # the case or row the last choice took

    # ── names ──
    def value(self, naam: str) -> V.Value:
        """The value of a question, derived value or table by name (a product is its own id)."""
        if naam in self.model.producten:
            return naam
        return self.question(naam, None) if naam in self.model.vragen else self.derived(naam, None)

    def eval(self, e: ast.Expr) -> V.Value:
        return meaning(e, self)

    def _read(self, naam: str) -> None:
        if self._reads:
            self._reads[-1].add(naam)

    # ── the algebra ──
    def constant(self, value: object, t: Type) -> V.Value:
        return value

    def question(self, qid: str, t: Type | None) -> V.Value:
        self._read(qid)
        if qid not in self.values:
            if self.strict and qid not in self.answers:
                raise Open(qid)
            v = self.answers.get(qid)
            vraag = self.model.vragen[qid]
            self.values[qid] = v
            self.trace[qid] = Stap(qid, "vraag", v, None, (), vraag.pos.line, vraag.bron.tekst if vraag.bron else None, None)
        return self.values[qid]

    def peildatum(self) -> dt.date | None:
        return self.peildatum_

    def derived(self, naam: str, t: Type | None) -> V.Value:
        self._read(naam)
        if naam in self.values:
            return self.values[naam]
        m = self.model
        d = m.waarden.get(naam) or m.tabellen[naam]
        if naam in self.overrides:
            # A consultant's professional judgement replaces what the rules would derive.
            v = self.values[naam] = self.overrides[naam]
            self.trace[naam] = Stap(naam, "afwijking", v, None, (), d.pos.line, None, None)
            return v
        self._reads.append(set())
        self._chosen = None
        try:
            v = definition_meaning(d, m, self)
            via = self._chosen if isinstance(d, ast.Tabel) or d.expr is None else None
        finally:
            gelezen = self._reads.pop()
        self.values[naam] = v
        line = via.pos.line if via is not None else d.pos.line
        soort = "tabel" if isinstance(d, ast.Tabel) else "waarde"
        self.trace[naam] = Stap(naam, soort, v, via, tuple(sorted(gelezen)), line, d.bron.tekst if d.bron else None, d.toelichting)
        return v

    def truth(self, x: V.Value) -> bool:
        return x is True

    def logic(self, op: str, items: Iterable[Thunk[V.Value]]) -> bool:
        if op == "en":
            return all(item() is True for item in items)
        return any(item() is True for item in items)

    def negation(self, x: V.Value) -> bool:
        return x is not True

    def choose(self, branches: Iterable[Branch[V.Value]], t: Type) -> V.Value:
        for branch in branches:
            if branch.condition is None or branch.condition() is True:
                v = branch.value()
                # after the value: an inner choice does not hide the outer one (other tags: a conclusion's)
                self._chosen = branch.tag if isinstance(branch.tag, (ast.Geval, ast.Rij)) else None
                return v
        self._chosen = None
        return None

    def share(self, x: V.Value) -> V.Value:
        return x

    def table(self, tabel: ast.Tabel, inputs: Sequence[tuple[V.Value, Type]], rows: Iterable[Branch[V.Value]], t: Type) -> V.Value:
        return self.choose(rows, t)

    def compare(self, op: str, a: V.Value, b: V.Value) -> bool:
        return V.compare(op, a, b)

    def member(self, item: V.Value, collection: V.Value) -> bool:
        return bool(collection) and item in collection

    def count(self, collection: V.Value) -> Decimal:
        return Decimal(len(collection)) if collection else Decimal(0)

    def arithmetic(self, op: str, a: V.Value, b: V.Value) -> V.Value:
        return V.arithmetic(op, a, b, self.model.vrije_dagen)

    def minus(self, x: V.Value) -> V.Value:
        return None if x is None else -x

    def call(self, function: str, args: Sequence[V.Value], result: Type) -> V.Value:
        return builtins.call(function, list(args))

    def collection(self, items: Sequence[V.Value], t: Type) -> frozenset:
        return frozenset(items)

    def record(self, fields: Sequence[tuple[str, V.Value]], t: Type) -> V.Record:
        return V.Record(tuple(fields))

    # ── the products of an indicatie ──
    def products(self) -> Toekenningen:
        return Toekenningen()

    def claim(self, products: Toekenningen, fires: V.Value, named: Thunk[V.Value], candidates: Sequence[str],
              attributes: Attributes[V.Value], regel: str) -> Toekenningen:
        if fires is not True:
            return products
        pid = named()
        if pid is None or pid in products.granted or pid not in attributes:
            return products
        duur, maximaal, onbeperkt, minimaal, volume = attributes[pid][1]()
        products.granted[pid] = ProductToekenning(pid, duur, maximaal, onbeperkt, regel, minimaal, volume)
        return products

    def drop(self, products: Toekenningen, pid: str, condition: V.Value, reden: str) -> Toekenningen:
        return products.without(pid, reden) if condition is True and pid in products.granted else products

    def has(self, products: Toekenningen, pid: str) -> bool:
        return pid in products.granted

    @contextlib.contextmanager
    def scope(self, key: str, tag: object) -> Iterator[None]:
        """Reads made here count for ``key`` (a rule or a deadline), also when it is entered again."""
        self._reads.append(set())
        try:
            yield
        finally:
            self._scopes.setdefault(key, set()).update(self._reads.pop())

    # ── rules ──
    def conclude(self, enforce: bool = True) -> Uitkomst:
        """What the rules conclude; ``enforce=False`` leaves 'alleen in combinatie met' out."""
        out = conclude(self.model, self)
        for regel in self.model.regels.values():
            self.trace["regel:" + regel.id] = Stap(regel.id, "regel", out.fires[regel.id], regel,
                                                  tuple(sorted(self._scopes.get("regel:" + regel.id, ()))), regel.pos.line,
                                                  regel.bron.tekst if regel.bron else None, regel.toelichting)
        for tid, (present, datum) in out.termijnen.items():
            if present:
                t = self.model.termijnen[tid]
                self.trace["termijn:" + tid] = Stap(tid, "termijn", datum, None, tuple(sorted(self._scopes.get("termijn:" + tid, ()))),
                                                    t.pos.line, t.bron.tekst if t.bron else None, t.toelichting)
        return uitkomst_of(self.model, out, enforce)


def uitkomst_of(model: Model, out: Outcome, enforce: bool = True) -> Uitkomst:
    """The concrete outcome as the lists an explanation and the JSON contract read."""
    plan = rule_plan(model)
    return lists_of(model, plan, [out.fires[rid] for rid, *_ in plan], out.products if enforce else None, out.concluded,
                    out.termijnen, out.informatief)


_PLANS: dict[int, tuple] = {}


def rule_plan(model: Model) -> tuple:
    """Per rule, what it concludes besides products: (id, concludes a product, its flags as (list of
    the Uitkomst, id) pairs (conclusions.VLAGGEN), stops the indicatie, products it takes away). Made
    once per model."""
    key = id(model)
    if key not in _PLANS or _PLANS[key][0] is not model:
        plan = []
        for regel in model.regels.values():
            kinds = [c for c in regel.conclusies]
            plan.append((regel.id,
                         any(isinstance(c, ast.ProductConclusie) for c in kinds),
                         tuple((VLAG[type(c)].veld, VLAG[type(c)].id(c)) for c in kinds if type(c) in VLAG),
                         any(isinstance(c, ast.GeenIndicatie) for c in kinds),
                         tuple(c.id for c in kinds if isinstance(c, ast.GeenProductConclusie))))
        _PLANS[key] = (model, tuple(plan))
    return _PLANS[key][1]


def lists_of(model: Model, plan: tuple, fires: Iterable[object], products: "Toekenningen | None", concluded: "Toekenningen",
             termijnen: dict, informatief: dict | None = None) -> Uitkomst:
    """The lists of an :class:`Uitkomst` from the rules that fired (``fires`` in rule order) and the
    products that stay (None: what the rules conclude themselves, without combinations)."""
    u = Uitkomst()
    for (rid, concludes_product, flags, stops, restricts), f in zip(plan, fires):
        if f is not True:
            if concludes_product:
                u.niet_van_toepassing.append(rid)
            continue
        for veld, fid in flags:
            listed = getattr(u, veld)
            if all(x != fid for x, _ in listed):
                listed.append((fid, rid))
        if stops:
            u.geen_indicatie.append(rid)
        for pid in restricts:
            u.geen_product.append((pid, rid))
    if products is not None:
        u.producten = list(products.granted.values())
        if products.weg:
            u.niet_gecombineerd = [(pid, model.producten[pid].alleen_met) for pid, reden in products.weg if reden == "combinatie"]
    else:  # 'geen product' applies, 'alleen in combinatie met' not
        restricted = {pid for pid, _ in u.geen_product}
        u.producten = [p for p in concluded.granted.values() if p.product not in restricted]
    if termijnen:
        u.termijnen = [(tid, datum) for tid, (present, datum) in termijnen.items() if present is True]
    if informatief:
        u.informatief = [(k, v) for k, (shown, v) in informatief.items() if shown is True]
    return u
