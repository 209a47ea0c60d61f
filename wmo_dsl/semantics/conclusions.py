"""What the rules conclude, written once: products with their terms, referrals, signals,
'geen indicatie', 'geen product', 'alleen in combinatie met' and deadlines.

``conclude(model, alg)`` states the outcome in the operations of an algebra
(``meaning.py``) plus four for the products of an indicatie (``products``,
``claim``, ``drop``, ``has``), so the traced evaluator, the solver encoding and
the compiled batch code conclude the same way:

* every rule whose condition holds fires, in file order;
* a product is concluded by the first firing rule that names it; that rule's
  conclusion (or else the product's own details) gives its duration, maximum,
  minimum and iWmo volume;
* ``geen product x`` takes x away; ``geen indicatie`` leaves no product at all;
* a product that may only come with a partner (``alleen in combinatie met``)
  goes when none of its partners stays, round after round until nothing changes;
* deadlines come only with an indicatie, and only when their condition holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar, get_args

from ..language import ast
from ..language.check import Model, checked_datum
from ..language.informative import Informatief, concludes_product
from ..language.types import DATUM, DUUR, GETAL, JANEE, PRODUCT, Type
from .meaning import Algebra, Branch, Products, Thunk, meaning

T = TypeVar("T")


@dataclass(frozen=True)
class Vlag:
    """A conclusion kind that, when its rule fires, puts one id in a list of the outcome (a referral,
    a signal). ``VLAGGEN`` is the one place the semantics learns of such a kind: concluding it here,
    listing it (``evaluate.lists_of``), comparing it (``outcome.py``) all read the table."""

    conclusie: type  # its class in the AST
    veld: str  # its list in Uitkomst, also its part of the outcome
    woord: str  # its keyword in the language: 'verwijzing', 'signaal'
    id: Callable[[Any], str]  # the id a conclusion of this kind gives
    ids: Callable[[Any], Iterable[str]]  # the ids a model declares: each one a term of the outcome
    omschrijving: Callable[[Any, str], str | None]  # an id as the consultant reads it (None: not declared)


VLAGGEN: tuple[Vlag, ...] = (
    Vlag(ast.VerwijzingConclusie, "verwijzingen", "verwijzing", lambda c: c.id, lambda m: m.verwijzingen,
         lambda m, i: m.verwijzingen[i].omschrijving if i in m.verwijzingen else None),
    Vlag(ast.SignaalConclusie, "signalen", "signaal", lambda c: c.id, lambda m: m.signalen,
         lambda m, i: m.signalen[i].omschrijving if i in m.signalen else None),
)
VLAG: dict[type, Vlag] = {v.conclusie: v for v in VLAGGEN}
# Every conclusion kind is concluded below, by its own case or as a Vlag: checked here, not at a rule.
if set(get_args(ast.Conclusie)) != {ast.ProductConclusie, ast.GeenProductConclusie, ast.GeenIndicatie, *VLAG}:
    raise AssertionError(f"conclusions.py: conclusiesoorten zonder betekenis: {set(get_args(ast.Conclusie)) - set(VLAG)}")


@dataclass
class Outcome(Generic[T]):
    fires: dict[str, T] = field(default_factory=dict)
    concluded: Products = None  # the products the rules conclude, before 'geen product' and combinations
    restricted: Products = None  # after 'geen product', before 'alleen in combinatie met'
    products: Products = None  # the products that stay
    flags: dict[str, dict[str, T]] = field(default_factory=dict)  # Vlag.veld -> id -> concluded
    geen_indicatie: T = field(init=False)  # a rule says 'geen indicatie' (this one and the next: set by conclude)
    indicatie: T = field(init=False)  # some product stays and no 'geen indicatie'
    termijnen: dict[str, tuple[T, T]] = field(default_factory=dict)  # id -> (present, date)
    informatief: dict[str, tuple[T, T]] = field(default_factory=dict)  # key -> (shown, value): language/informative.py


def candidate_products(model: Model, expr: ast.Expr) -> list[str]:
    """The products a product expression can name: itself, its type's domain, or every product."""
    if isinstance(expr, (ast.Ref, ast.Symbol)) and expr.id in model.producten:
        return [expr.id]
    t = expr.t
    domain = t.domein if t is not None and t.domein else frozenset(model.producten)
    return [pid for pid in model.producten if pid in domain]


def attribute_sources(model: Model, c: ast.ProductConclusie, pid: str) -> tuple:
    """Where a concluded product's terms come from: (duur, maximale duur, onbeperkt, minimale duur,
    volume), the rule's own where it states them, else the product's."""
    product = model.producten[pid]
    onbeperkt = c.onbeperkt or (c.maximale_duur is None and product.onbeperkt)
    duur = c.duur if c.duur is not None else product.duur
    maximaal = None if onbeperkt else (c.maximale_duur if c.maximale_duur is not None else product.maximale_duur)
    return duur, maximaal, onbeperkt, product.minimale_duur, product.volume


def attributes(model: Model, regel: ast.Regel, c: ast.ProductConclusie, pid: str, alg: Algebra[T]) -> tuple[T, ...]:
    """The terms of a concluded product, computed in the scope of the rule that concludes it."""
    duur, maximaal, onbeperkt, minimaal, volume = attribute_sources(model, c, pid)

    def value(expr: ast.Expr | None, t: Type) -> T:
        return meaning(expr, alg) if expr is not None else alg.constant(None, t)

    with alg.scope("regel:" + regel.id, regel):
        return (value(duur, DUUR), value(maximaal, DUUR), alg.constant(onbeperkt, JANEE), value(minimaal, DUUR),
                value(volume, volume.t if volume is not None and volume.t is not None else GETAL))


def conclude(model: Model, alg: Algebra[T]) -> Outcome[T]:
    out: Outcome[T] = Outcome()
    products = alg.products()
    flags: dict[str, dict[str, list[T]]] = {v.veld: {i: [] for i in v.ids(model)} for v in VLAGGEN}
    restrictions: dict[str, list[T]] = {p: [] for p in model.producten}
    stops: list[T] = []
    for regel in model.regels.values():
        with alg.scope("regel:" + regel.id, regel):
            fires = alg.constant(True, JANEE) if regel.voorwaarde is None else alg.share(alg.truth(meaning(regel.voorwaarde, alg)))
        out.fires[regel.id] = fires
        for c in regel.conclusies:
            match c:
                case ast.ProductConclusie(product=product):
                    candidates = candidate_products(model, product)
                    products = alg.claim(
                        products, fires, partial(_in_scope, alg, regel, partial(meaning, product, alg)), candidates,
                        {pid: (attribute_sources(model, c, pid), partial(attributes, model, regel, c, pid, alg)) for pid in candidates},
                        regel.id)
                case ast.GeenProductConclusie(id=pid):
                    restrictions[pid].append(fires)
                case ast.GeenIndicatie():
                    stops.append(fires)
                case _:  # a referral, a signal, …: the table says which list (a kind it lacks raises)
                    vlag = VLAG[type(c)]
                    flags[vlag.veld].setdefault(vlag.id(c), []).append(fires)
    out.concluded = products
    for pid, fs in restrictions.items():
        if fs:
            products = alg.drop(products, pid, any_of(alg, fs), "geen_product")
    out.restricted = products
    products = _enforce_combinations(model, products, alg)
    out.products = products
    out.geen_indicatie = any_of(alg, stops)
    out.flags = {veld: {i: any_of(alg, fs) for i, fs in ids.items()} for veld, ids in flags.items()}
    stays = any_of(alg, [alg.has(products, pid) for pid in model.producten])
    out.indicatie = alg.logic("en", [partial(_same, stays), partial(alg.negation, out.geen_indicatie)])
    for termijn in model.termijnen.values():
        with alg.scope("termijn:" + termijn.id, termijn):
            out.termijnen[termijn.id] = _termijn(termijn, out.indicatie, alg)
    present: dict[str, T] = {}
    for info in model.informatief:
        for pid in info.producten:
            if pid not in present:
                present[pid] = alg.logic("en", [partial(alg.has, products, pid), partial(alg.negation, out.geen_indicatie)])
        fired = [out.fires[r] if not concludes_product(model.regels[r]) else
                 alg.logic("en", [partial(_same, out.fires[r]), partial(_same, out.indicatie)]) for r in info.regels]
        shown = any_of(alg, fired + [present[p] for p in info.producten])
        t = model.types[info.naam] if info.naam is not None else (_bedrag(info).expr.t or GETAL)
        value = alg.choose([Branch(partial(_same, shown), partial(_informational_value, model, info, t, alg), info)], t)
        out.informatief[info.key] = (shown, value)
    return out


def _informational_value(model: Model, info: Informatief, t: Type, alg: Algebra[T]) -> T:
    if info.naam is None:
        return meaning(_bedrag(info).expr, alg)
    return alg.question(info.naam, t) if info.naam in model.vragen else alg.derived(info.naam, t)


def _bedrag(info: Informatief) -> ast.Bedrag:
    """The amount line of an informational value that is a product's amount (``naam`` None)."""
    assert info.bedrag is not None, info.key
    return info.bedrag


def any_of(alg: Algebra[T], terms: list[T]) -> T:
    if not terms:
        return alg.constant(False, JANEE)
    if len(terms) == 1:
        return alg.truth(terms[0])
    return alg.logic("of", [partial(_same, x) for x in terms])


def _same(x: T) -> T:
    return x


def _in_scope(alg: Algebra[T], regel: ast.Regel, thunk: Thunk[T]) -> T:
    with alg.scope("regel:" + regel.id, regel):
        return thunk()


def _enforce_combinations(model: Model, products: Products, alg: Algebra[T]) -> Products:
    """'alleen in combinatie met': a product none of whose partners stays goes too. One round
    takes away every product that is alone at that moment; as many rounds as there are such
    products reach the fixed point."""
    needy = [pid for pid, p in model.producten.items() if p.alleen_met]
    for _ in range(len(needy)):
        present = {pid: alg.has(products, pid) for pid in model.producten}
        alone = {pid: alg.logic("en", [partial(_same, present[pid]),
                                       partial(alg.negation, any_of(alg, [present[q] for q in model.producten[pid].alleen_met]))])
                 for pid in needy}
        for pid in needy:
            products = alg.drop(products, pid, alone[pid], "combinatie")
    return products


def _termijn(termijn: ast.Termijn, indicatie: T, alg: Algebra[T]) -> tuple[T, T]:
    conditions = [partial(_same, indicatie)]
    if (voorwaarde := termijn.voorwaarde) is not None:
        conditions.append(partial(lambda: alg.truth(meaning(voorwaarde, alg))))
    holds = alg.logic("en", conditions)
    datum = alg.choose([Branch(partial(_same, holds), partial(meaning, checked_datum(termijn), alg), termijn)], DATUM)
    present = alg.logic("en", [partial(_same, holds), partial(alg.compare, "!=", datum, alg.constant(None, DATUM))])
    return present, datum


__all__ = ["VLAG", "VLAGGEN", "Vlag", "Outcome", "attribute_sources", "attributes", "candidate_products", "conclude", "any_of", "PRODUCT"]
