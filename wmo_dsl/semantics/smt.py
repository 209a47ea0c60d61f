"""The solver algebra: the one meaning of ``meaning.py`` written as SMT-LIB terms.

A term is an :class:`S`: its type, its value as SMT-LIB text (a text per part
for a list, a duration or a record) and when it is defined (not ``geen``).
Answers become variables, a ``meerdere`` question one boolean per option (never
the 2ⁿ subsets), numbers reals (whole numbers integers), dates day numbers, and
choices and products integer codes in the alphabetical order of their ids, so
``<`` means what it means on the ids. Derived values are named once and shared.
Calendar steps the solver cannot compute (months, werkdagen) are uninterpreted
functions; the solver module pins them where a model needs them (CEGAR).

The text is parsed by z3 in one go, which is much faster than building the
terms through its Python API.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ..language import ast
from ..language.model import Model
from ..language.types import Type
from .smt_terms import (FALSE, SORTS, TRUE, UNITS, NONE_VALUE, S, conj, disj, ite, neg, numeral, quoted, real, select,
                        string)
from .builtins import smt_call
from .smt_kinds import declarations, domain_constraints, question_term
from .smt_values import arithmetic, compare, text

if TYPE_CHECKING:
    from .conclusions import Outcome
    from .meaning import Attributes, Branch, Thunk

# The products of an indicatie: pid -> (present, its five terms: duur, maximale duur, onbeperkt,
# minimale duur, volume).
SmtProducts = dict[str, tuple[str, tuple[S, ...]]]


def smt_products(products: object) -> SmtProducts:
    """The products of an ``Outcome`` of this algebra (the outcome keeps any backend's as an object)."""
    assert isinstance(products, dict), "the solver's products are a dict pid -> (present, terms)"
    return products


class Smt:
    """The SMT-LIB algebra for one copy of a model (names prefixed with ``prefix``)."""

    values: dict[str, S]  # every derived value encoded -> its term (set by ``encode``)

    def __init__(self, model: Model, prefix: str, symbols: dict[str, int], peildatum: dt.date):
        self.model = model
        self.prefix = prefix
        self.symbols = symbols
        self.judged_on = peildatum
        self.lines: list[str] = []
        self.n = 0
        self.matches: dict[int, str] = {}  # id(case or row) -> its condition, for the analysis
        self.functions: set[str] = set()  # uninterpreted calendar functions used
        self.table_inputs: dict[str, list[S]] = {}  # table -> its input terms, for the analysis
        self.sorts: dict[str, str] = {}  # every declared name -> its sort

    # ── writing ──
    def fresh(self, sort: str, text: str) -> str:
        """Name a term once (a declared constant equal to it: no deep terms, whatever the nesting)."""
        if text in (TRUE, FALSE) or not text.startswith("(") or numeral(text) is not None:
            return text
        self.n += 1
        name = quoted(f"{self.prefix}.t{self.n}")
        self.sorts[name] = sort
        self.lines.append(f"(declare-const {name} {sort})")
        self.lines.append(f"(assert (= {name} {text}))")
        return name

    def bind(self, x: S) -> S:
        """``x`` with every part named once."""
        d = self.fresh("Bool", x.d)
        match x.kind:
            case "lijst":
                return S(x.t, {s: self.fresh("Bool", b) for s, b in _options(x).items()}, d)
            case "duur" if isinstance(x.v, tuple):
                return S(x.t, (self.fresh("Int", x.v[0]), self.fresh("Int", x.v[1])), d)
            case "record" if isinstance(x.v, tuple):
                return S(x.t, tuple((n, self.bind(f)) for n, f in x.v), d)
            case kind if kind in SORTS:
                return S(x.t, self.fresh(SORTS[kind], text(x)), d)
            case _:  # geen, or a duration or a record that is the constant geen ('false'): nothing to name
                return S(x.t, x.v, d)

    # ── leaves ──
    def constant(self, value: object, t: Type) -> S:
        if value is None:
            return S(t, NONE_VALUE.get(t.soort, FALSE) if t.soort != "lijst" else {}, FALSE)
        match value:
            case bool():
                return S(Type("janee"), TRUE if value else FALSE)
            case Decimal():
                return S(Type("getal"), real(value))
            case dt.date():
                return S(Type("datum"), str(value.toordinal()))
            case ast.Duur():
                return S(Type("duur"), (str(value.aantal) if value.aantal >= 0 else f"(- {-value.aantal})",
                                        str(UNITS.index(value.eenheid))))
            case frozenset():
                return S(Type("lijst", frozenset(value)), {s: TRUE for s in value})
            case str() if t.soort == "tekst":
                return S(t, string(value))
            case str():
                return S(t if t.symbolic else Type("keuze", frozenset([value])), str(self.symbols[value]))
            case _:
                raise TypeError(f"no solver term for {value!r}")

    def question(self, qid: str, t: Type) -> S:
        return question_term(self.model.vragen[qid], self.prefix)

    def derived(self, name: str, t: Type) -> S:
        return self.values[name]

    def peildatum(self) -> S:
        return S(Type("datum"), str(self.judged_on.toordinal()))

    # ── logic ──
    def truth(self, x: S) -> S:
        return S(Type("janee"), conj(x.d, text(x)) if x.kind == "janee" else FALSE)

    def logic(self, op: str, items: Iterable[Thunk[S]]) -> S:
        parts = [text(self.truth(item())) for item in items]
        return S(Type("janee"), conj(*parts) if op == "en" else disj(*parts))

    def negation(self, x: S) -> S:
        return S(Type("janee"), neg(text(self.truth(x))))

    def choose(self, branches: Iterable[Branch[S]], t: Type) -> S:
        conditions: list[str] = []
        values: list[S] = []
        for branch in branches:  # a nested ite over the conditions: the first that holds decides
            condition = TRUE if branch.condition is None else self.fresh("Bool", text(self.truth(branch.condition())))
            self.matches[id(branch.tag)] = condition
            conditions.append(condition)
            values.append(branch.value())
            if branch.condition is None:
                break
        return self.bind(select(conditions, values, t))

    def table(self, tabel: ast.Tabel, inputs: Iterable[tuple[S, Type]], rows: Iterable[Branch[S]], t: Type) -> S:
        self.table_inputs[tabel.id] = [term for term, _ in inputs]
        return self.choose(rows, t)

    def share(self, x: S) -> S:
        return self.bind(x)

    @contextlib.contextmanager
    def scope(self, key: str, tag: object) -> Iterator[None]:
        yield

    # ── values ──
    def compare(self, op: str, a: S, b: S) -> S:
        return compare(op, a, b)

    def member(self, item: S, collection: S) -> S:
        if collection.kind != "lijst" or item.kind not in ("keuze", "product"):
            return S(Type("janee"), FALSE)
        options = [conj(f"(= {item.v} {self.symbols[s]})", b) for s, b in _options(collection).items()]
        return S(Type("janee"), conj(item.d, collection.d, disj(*options)))

    def count(self, collection: S) -> S:
        parts = [f"(ite {b} 1.0 0.0)" for b in _options(collection).values()] if collection.kind == "lijst" else []
        total = "0.0" if not parts else parts[0] if len(parts) == 1 else "(+ " + " ".join(parts) + ")"
        return S(Type("getal"), ite(collection.d, total, "0.0"))

    def arithmetic(self, op: str, a: S, b: S) -> S:
        return arithmetic(self, op, a, b)

    def minus(self, x: S) -> S:
        return S(x.t, f"(- {x.v})", x.d)

    def call(self, function: str, args: Iterable[S], result: Type) -> S:
        return smt_call(self, function, list(args), result)

    def collection(self, items: Sequence[S], t: Type) -> S:
        domain = sorted(t.domein.union(*[i.t.domein for i in items if i.kind in ("keuze", "product")]))
        v = {s: disj(*[conj(i.d, f"(= {i.v} {self.symbols[s]})") for i in items if i.kind in ("keuze", "product")]) for s in domain}
        return S(Type("lijst", frozenset(domain)), v)

    def record(self, fields: Iterable[tuple[str, S]], t: Type) -> S:
        return S(Type("record"), tuple(fields))

    # ── the products of an indicatie: pid -> (present, the five terms) ──
    def products(self) -> SmtProducts:
        none = (self.constant(None, Type("duur")),) * 2 + (self.constant(False, Type("janee")),) + \
               (self.constant(None, Type("duur")), self.constant(None, Type("getal")))
        return {pid: (FALSE, none) for pid in self.model.producten}

    def claim(self, products: SmtProducts, fires: S, named: Thunk[S], candidates: Iterable[str], attributes: Attributes[S],
              regel: str) -> SmtProducts:
        if fires.v == FALSE:
            return products
        pid_term = self.bind(named())
        result = dict(products)
        for pid in candidates:
            present, old = products[pid]
            hit = self.fresh("Bool", conj(text(self.truth(fires)), pid_term.d, f"(= {pid_term.v} {self.symbols[pid]})", neg(present)))
            new = attributes[pid][1]()
            merged = tuple(self.bind(select([hit], [n], n.t, default=o)) for n, o in zip(new, old))
            result[pid] = (self.fresh("Bool", disj(present, hit)), merged)
        return result

    def drop(self, products: SmtProducts, pid: str, condition: S, reden: str) -> SmtProducts:
        present, attrs = products[pid]
        return {**products, pid: (self.fresh("Bool", conj(present, neg(text(self.truth(condition))))), attrs)}

    def has(self, products: SmtProducts, pid: str) -> S:
        return S(Type("janee"), products[pid][0])


def _options(x: S) -> dict[str, str]:
    """The text per option of a list."""
    assert isinstance(x.v, dict), "a list is a text per option"
    return x.v


# ── A whole model ─────────────────────────────────────────────────────────


def symbol_table(model: Model) -> dict[str, int]:
    """Every choice, case symbol and product id, numbered in alphabetical order (so < on codes is < on ids)."""
    found = set(model.producten)
    for vraag in model.vragen.values():
        found.update(o.id for o in vraag.opties)
    for t in model.types.values():
        found.update(t.domein)
    for d in [*model.waarden.values(), *model.tabellen.values(), *model.regels.values(), *model.termijnen.values()]:
        for node in ast.walk(d):  # one walk: a chain of 100,000 terms is walked once, not twice
            if isinstance(node, ast.Symbol):
                found.add(node.id)
            node_t = getattr(node, "t", None)
            if node_t is not None:
                found.update(node_t.domein)
    return {s: i for i, s in enumerate(sorted(found))}


def outcome_cone(model: Model, analysis: bool = False) -> set[str]:
    """The derived values the outcome depends on: read by a rule, a deadline or a product; for the
    analysis also every table and every value given by cases (and what they read)."""
    roots = [*("regel:" + r for r in model.regels), *("termijn:" + t for t in model.termijnen), *model.producten,
             *(model.eis_key(e) for e in model.eisen), *(i.naam for i in model.informatief if i.naam is not None)]
    seen: set[str] = set()
    if analysis:
        roots += [*model.tabellen, *(w.id for w in model.waarden.values() if w.gevallen)]
    seen |= set(roots) & (set(model.tabellen) | set(model.waarden))  # an informational value is a root of its own
    stack = list(roots)
    while stack:
        n = stack.pop()
        for d in model.afhankelijkheden.get(n, ()):
            if d not in seen and (d in model.waarden or d in model.tabellen):
                seen.add(d)
                stack.append(d)
    return seen


def encode(model: Model, prefix: str, symbols: dict[str, int], peildatum: dt.date, overrides: dict[str, object] | None = None,
           only: set[str] | None = None) -> tuple[list[str], Outcome[S], Smt]:
    """One copy of a model as SMT-LIB: (lines, the outcome of ``conclude``, the algebra with its names).
    ``only``: encode just these derived values (the outcome's cone: a value shown but never
    decided on does not slow the solver down)."""
    from .conclusions import conclude
    from .meaning import definition_meaning, derived_order, meaning

    enc = Smt(model, prefix, symbols, peildatum)
    head: list[str] = []
    for vraag in model.vragen.values():
        term = question_term(vraag, prefix)
        head += declarations(vraag, term)
        for line in declarations(vraag, term):
            _, name, sort = line[1:-1].split(" ")
            enc.sorts[name] = sort
        head += [f"(assert {c})" for c in domain_constraints(vraag, term, symbols)]
    enc.values = {}
    for naam in derived_order(model):
        if only is not None and naam not in only:
            continue
        if overrides and naam in overrides:
            enc.values[naam] = enc.constant(overrides[naam], model.types[naam])
            continue
        d = model.waarden.get(naam) or model.tabellen[naam]
        enc.values[naam] = enc.bind(definition_meaning(d, model, enc))
    for eis in model.eisen:  # only answers that keep every eis count: a condition that is computed and false is excluded
        with enc.scope(model.eis_key(eis), eis):
            holds = meaning(eis.voorwaarde, enc)
        enc.lines.append(f"(assert {disj(neg(holds.d), text(holds))})")
    out = conclude(model, enc)
    return head + enc.lines, out, enc
