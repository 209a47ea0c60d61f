"""Which unanswered questions can still change the outcome: the still-needed set.

A question is *still needed* when there is some way to answer the other open
questions under which two different answers to it give two different outcomes
(products with their durations, referrals, signals, or no indicatie). That is
the exact definition; this module decides it by a search that is exact at its
leaves and prunes with a sound over-approximation:

* the *possibility evaluator* computes, for partial answers, the set of values
  every expression can still take (an open question ranges over its domain),
  and for each possible outcome item whether it is surely present, surely
  absent, or either;
* it also records which questions it read. It reads at least what any concrete
  evaluation would read, so a question it never reads cannot matter;
* where the possible outcomes under two answers surely differ, the question
  matters; where the outcome is fixed whatever the open answers, it does not;
  otherwise the search fixes one more open question and looks again.

Numbers, dates and texts have infinite domains; they range over representatives
taken from the constants the rules compare them with, so every distinction the
rules can make is represented.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from ..language import ast
from . import values as V
from ..language.check import Model

ANY = None  # a possibility set too large to enumerate: "could be anything"
_CAP = 2048


class Domains:
    """The representative answers of every question of a model."""

    def __init__(self, model: Model, peildatum: dt.date):
        numbers: set[Decimal] = set()
        dates: set[dt.date] = {peildatum}
        texts: set[str] = {""}
        for node in _walk_model(model):
            if isinstance(node, ast.Literal):
                if node.kind in ("getal", "percentage"):
                    numbers.add(node.value)
                elif node.kind == "datum":
                    dates.add(node.value)
                elif node.kind == "tekst":
                    texts.add(node.value)
        self.by_question: dict[str, tuple] = {}
        for vraag in model.vragen.values():
            self.by_question[vraag.id] = self._domain(vraag, numbers, dates, texts)
        self.related = _related_questions(model)
        # Questions that can matter even when "geen indicatie" surely holds: those of rules that
        # conclude more than products (referrals, signals, no indicatie itself).
        self.beyond_products = frozenset().union(*[model.questions_read_by(r.id) for r in model.regels.values()
                                                   if any(not isinstance(c, ast.ProductConclusie) for c in r.conclusies)])

    @staticmethod
    def _domain(vraag: ast.Vraag, numbers, dates, texts) -> tuple:
        if vraag.soort == "janee":
            return (True, False)
        if vraag.soort == "keuze":
            return tuple(o.id for o in vraag.opties)
        if vraag.soort == "meerdere":
            ids = [o.id for o in vraag.opties]
            return tuple(frozenset(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n))
        if vraag.soort == "getal":
            lo = vraag.minimaal.value if isinstance(vraag.minimaal, ast.Literal) else None
            hi = vraag.maximaal.value if isinstance(vraag.maximaal, ast.Literal) else None
            points = sorted(numbers | {Decimal(0)} | ({lo} if lo is not None else set()) | ({hi} if hi is not None else set()))
            reps = set(points)
            reps |= {(a + b) / 2 for a, b in zip(points, points[1:])}
            reps |= {points[0] - 1, points[-1] + 1}
            return tuple(sorted(r for r in reps if (lo is None or r >= lo) and (hi is None or r <= hi)))
        if vraag.soort == "datum":
            reps = set()
            for d in dates:
                reps |= {d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)}
            return tuple(sorted(reps))
        return tuple(sorted(texts))


def _related_questions(model: Model) -> dict[str, frozenset[str]]:
    """For each question, the questions that share a rule or termijn with it, plus those of the
    rules that can stop an indicatie. The search fixes these first: they decide whether the
    question matters, the others only multiply the branches."""
    cones = [model.questions_read_by(rid) for rid in model.regels]
    cones += [model.questions_read_by("termijn:" + tid) for tid in model.termijnen]
    masking = frozenset().union(*[model.questions_read_by(r.id) for r in model.regels.values()
                                  if any(isinstance(c, (ast.GeenIndicatie, ast.GeenProductConclusie)) for c in r.conclusies)])
    related = {}
    for q in model.vragen:
        related[q] = frozenset().union(masking, *[c for c in cones if q in c])
    return related


def _walk_model(model: Model):
    def walk(x):
        if isinstance(x, tuple):
            for i in x:
                yield from walk(i)
        elif hasattr(x, "__dataclass_fields__"):
            yield x
            for name in x.__dataclass_fields__:
                if name != "pos":
                    yield from walk(getattr(x, name))

    for group in (model.waarden, model.tabellen, model.regels, model.producten, model.vragen):
        for d in group.values():
            yield from walk(d)


# ── The possibility evaluator ─────────────────────────────────────────────


class Possible:
    """Evaluates a model for partial answers to sets of possible values."""

    def __init__(self, model: Model, domains: Domains, answers: dict, overrides: dict | None = None):
        self.model = model
        self.domains = domains
        self.answers = answers
        self.memo: dict[str, frozenset | None] = {n: frozenset([v]) for n, v in (overrides or {}).items()}
        self.read: set[str] = set()
        self.geen_sure = False

    def value(self, naam: str):
        if naam in self.memo:
            return self.memo[naam]
        m = self.model
        if naam in m.vragen:
            self.read.add(naam)
            result = frozenset([self.answers[naam]]) if naam in self.answers else frozenset(self.domains.by_question[naam])
        elif naam in m.producten:
            result = frozenset([naam])
        elif naam in m.waarden:
            result = self._waarde(m.waarden[naam])
        else:
            result = self._tabel(m.tabellen[naam])
        self.memo[naam] = result
        return result

    def _waarde(self, w: ast.Waarde):
        if w.expr is not None:
            return self.eval(w.expr)
        result: set = set()
        for geval in w.gevallen:
            if geval.voorwaarde is None:
                return _union(result, self.eval(geval.waarde))
            cond = _truth(self.eval(geval.voorwaarde))
            if True in cond:
                result = _union(result, self.eval(geval.waarde))
                if result is ANY:
                    return ANY
            if False not in cond:
                return frozenset(result)
        result.add(None)
        return frozenset(result)

    def _tabel(self, t: ast.Tabel):
        inputs = [self.value(n) for n in t.invoer]
        result: set = set()
        for rij in t.rijen:
            match = {True}
            for cel, vs in zip(rij.cellen, inputs):
                if cel.elk:
                    continue
                cm = self._cell(cel, vs)
                match = {a and b for a in match for b in cm}
                if match == {False}:
                    break
            if True in match:
                result = _union(result, self.eval(rij.uitkomst))
                if result is ANY:
                    return ANY
            if False not in match:
                return frozenset(result)
        result.add(None)
        return frozenset(result)

    def _cell(self, cel: ast.Cel, vs) -> set:
        if vs is ANY:
            return {True, False}
        out = set()
        for v in vs:
            hit = False
            undecided = False
            for test in cel.tests:
                r = self._test(test, v)
                if r == {True}:
                    hit = True
                    break
                if True in r:
                    undecided = True
            out.add(True) if hit else (out.update({True, False}) if undecided else out.add(False))
            if out == {True, False}:
                break
        return out

    def _test(self, test, v) -> set:
        match test:
            case ast.CelGelijk(expr=x) | ast.CelNiet(expr=x):
                others = self.eval(x)
                if others is ANY:
                    return {True, False}
                res = {(o in v) if isinstance(v, frozenset) and not isinstance(o, frozenset) else V.compare("=", v, o) for o in others}
                return {not r for r in res} if isinstance(test, ast.CelNiet) else res
            case ast.CelBereik(low=lo, high=hi):
                return _lift(lambda a, b: V.in_range(v, a, b), self.eval(lo), self.eval(hi), boolean=True)
            case ast.CelVergelijk(op=op, expr=x):
                return _lift(lambda o: V.compare(op, v, o), self.eval(x), boolean=True)

    def eval(self, e):
        if isinstance(e, ast.Literal):
            return frozenset([e.value])
        if isinstance(e, ast.Ref):
            return self.value(e.id)
        if isinstance(e, ast.Symbol):
            return frozenset([e.id])
        if isinstance(e, ast.Logic):
            short = e.op == "of"  # the value that decides the whole chain
            result = {not short}
            for item in e.items:
                truth = _truth(self.eval(item))
                if truth == {short}:
                    return frozenset([short])
                result = {(a or b) if short else (a and b) for a in result for b in truth}
            return frozenset(result)
        if isinstance(e, ast.Compare):
            return _lift(lambda a, b: V.compare(e.op, a, b), self.eval(e.left), self.eval(e.right), boolean=True)
        if isinstance(e, ast.Arith):
            vrij = self.model.vrije_dagen
            acc = self.eval(e.first)
            for op, operand in e.rest:
                acc = _lift(lambda a, b, op=op: V.arithmetic(op, a, b, vrij), acc, self.eval(operand))
            return acc
        if isinstance(e, ast.Not):
            return frozenset(not x for x in _truth(self.eval(e.operand)))
        if isinstance(e, ast.Negate):
            return _lift(lambda a: None if a is None else -a, self.eval(e.operand))
        if isinstance(e, ast.Count):
            return _lift(lambda a: Decimal(len(a)) if a else Decimal(0), self.eval(e.operand))
        if isinstance(e, ast.InRange):
            return _lift(V.in_range, self.eval(e.operand), self.eval(e.low), self.eval(e.high), boolean=True)
        if isinstance(e, ast.InList):
            items = [self.eval(i) for i in e.options.items]
            return _lift(lambda v, *opts: any(V.compare("=", v, o) for o in opts), self.eval(e.operand), *items, boolean=True)
        if isinstance(e, ast.Contains):
            return _lift(lambda c, i: bool(c) and i in c, self.eval(e.container), self.eval(e.item), boolean=True)
        if isinstance(e, ast.ListExpr):
            return _lift(lambda *xs: frozenset(xs), *[self.eval(i) for i in e.items])
        if isinstance(e, ast.Call):
            return _lift(lambda *xs: V.call(e.function, list(xs)), *[self.eval(a) for a in e.args])
        if isinstance(e, ast.RecordExpr):
            names = [n for n, _ in e.fields]
            return _lift(lambda *xs: V.Record(tuple(zip(names, xs))), *[self.eval(x) for _, x in e.fields])
        raise TypeError(f"cannot evaluate {e!r}")

    # ── outcome items ──
    def outcome(self, enforce: bool = True) -> dict:
        """Each possible outcome item mapped to the set of its possible presences.

        ``enforce=False`` leaves out 'alleen in combinatie met', to see what the rules conclude themselves.
        """
        present: dict[tuple, bool] = {}  # item -> surely present
        restrict: dict[str, bool] = {}  # product -> surely restricted away ("geen product")

        def add(item, sure: bool):
            present[item] = present.get(item, False) or sure

        geen_possible = geen_sure = False
        for regel in self.model.regels.values():
            fires = {True} if regel.voorwaarde is None else _truth(self.eval(regel.voorwaarde))
            if True not in fires:
                continue
            sure_fire = False not in fires
            for c in regel.conclusies:
                if isinstance(c, ast.ProductConclusie):
                    for item, sure in self._product_items(c):
                        add(item, sure_fire and sure)
                elif isinstance(c, ast.VerwijzingConclusie):
                    add(("verwijzing", c.id), sure_fire)
                elif isinstance(c, ast.SignaalConclusie):
                    add(("signaal", c.id), sure_fire)
                elif isinstance(c, ast.GeenProductConclusie):
                    restrict[c.id] = restrict.get(c.id, False) or sure_fire
                else:
                    geen_possible = True
                    geen_sure = geen_sure or sure_fire
                    add(("geen_indicatie",), sure_fire)
        result: dict[tuple, frozenset] = {}
        for item, sure in present.items():
            pres = frozenset([True]) if sure else frozenset([True, False])
            if item[0] == "product":
                if geen_sure or restrict.get(item[1]):
                    continue
                if geen_possible or item[1] in restrict:
                    pres = pres | {False}
            result[item] = frozenset(pres)
        self.geen_sure = geen_sure
        if enforce:
            self._enforce_combinations(result)
        self._termijn_items(result)
        return result

    def _enforce_combinations(self, result: dict) -> None:
        """A product whose partners are all surely absent goes; possibly absent makes it possibly absent."""
        changed = True
        while changed:
            changed = False
            for item in [i for i in result if i[0] == "product"]:
                partners = self.model.producten[item[1]].alleen_met
                if not partners:
                    continue
                presences = [p for i, p in result.items() if i[0] == "product" and i[1] in partners]
                if any(p == {True} for p in presences):
                    continue
                if not presences:
                    del result[item]
                    changed = True
                elif True in result[item] and False not in result[item]:
                    result[item] = frozenset([True, False])
                    changed = True

    def _termijn_items(self, result: dict) -> None:
        products = [p for i, p in result.items() if i[0] == "product"]
        if not products:
            return
        indicatie_sure = any(p == {True} for p in products)
        for termijn in self.model.termijnen.values():
            cond = {True} if termijn.voorwaarde is None else _truth(self.eval(termijn.voorwaarde))
            if True not in cond:
                continue
            dates = self.eval(termijn.datum)
            if dates is ANY:
                raise _TooWide
            for d in dates:
                if d is not None:
                    sure = indicatie_sure and False not in cond and len(dates) == 1
                    result[("termijn", termijn.id, d)] = frozenset([True]) if sure else frozenset([True, False])

    def _product_items(self, c: ast.ProductConclusie):
        ids = self.eval(c.product)
        if ids is ANY:
            raise _TooWide
        for pid in ids:
            if pid is None:
                continue
            product = self.model.producten[pid]
            duur = self.eval(c.duur) if c.duur is not None else (self.eval(product.duur) if product.duur is not None else frozenset([None]))
            onbeperkt = c.onbeperkt or (c.maximale_duur is None and product.onbeperkt)
            if onbeperkt:
                maxi = frozenset([None])
            elif c.maximale_duur is not None:
                maxi = self.eval(c.maximale_duur)
            elif product.maximale_duur is not None:
                maxi = self.eval(product.maximale_duur)
            else:
                maxi = frozenset([None])
            mini = self.eval(product.minimale_duur) if product.minimale_duur is not None else frozenset([None])
            volume = self.eval(product.volume) if product.volume is not None else frozenset([None])
            if ANY in (duur, maxi, mini, volume):
                raise _TooWide
            combos = [(pid, d, m, onbeperkt, mn, v) for d in duur for m in maxi for mn in mini for v in volume]
            sure = len(ids) == 1 and len(combos) == 1
            for combo in combos:
                yield ("product",) + combo, sure


class _TooWide(Exception):
    """A possibility set grew too large to be useful; the search must fix more answers."""


def _truth(vs) -> set:
    if vs is ANY:
        return {True, False}
    return {v is True for v in vs}


def _union(result: set, more):
    if more is ANY:
        return ANY
    result.update(more)
    return result if len(result) <= _CAP else ANY


def _lift(fn, *sets, boolean: bool = False):
    if any(s is ANY for s in sets):
        return frozenset([True, False]) if boolean else ANY
    size = 1
    for s in sets:
        size *= len(s)
    if size > _CAP:
        return frozenset([True, False]) if boolean else ANY
    return frozenset(fn(*combo) for combo in itertools.product(*sets))


# ── The search ────────────────────────────────────────────────────────────


def _abstract(model, domains, answers, overrides=None, with_geen=False):
    p = Possible(model, domains, answers, overrides)
    try:
        out = p.outcome()
    except _TooWide:
        out = None
    return (out, p.read, p.geen_sure) if with_geen else (out, p.read)


def _determined(out) -> bool:
    return out is not None and all(len(v) == 1 for v in out.values())


def _concrete(out) -> frozenset:
    return frozenset(item for item, pres in out.items() if True in pres)


def _surely_different(a, b) -> bool:
    if a is None or b is None:
        return False
    for item in a.keys() | b.keys():
        pa = a.get(item, frozenset([False]))
        pb = b.get(item, frozenset([False]))
        if len(pa) == 1 and len(pb) == 1 and pa != pb:
            return True
    return False


def still_needed(model: Model, domains: Domains, answers: dict, overrides: dict | None = None) -> list[str]:
    """The unanswered questions that can still change the outcome, in rule-file order."""
    _, read = _abstract(model, domains, answers, overrides)
    open_read = [q for q in model.vragen if q not in answers and q in read]
    return [q for q in open_read if _can_change(model, domains, q, [o for o in open_read if o != q], answers, overrides)]


def _can_change(model, domains, q: str, others: list[str], fixed: dict, overrides=None) -> bool:
    _, read, geen_sure = _abstract(model, domains, fixed, overrides, with_geen=True)
    if q not in read:
        return False
    if geen_sure and q not in domains.beyond_products:
        return False  # every product is stopped whatever q is, and q touches nothing else
    outs = [_abstract(model, domains, {**fixed, q: v}, overrides)[0] for v in domains.by_question[q]]
    if all(_determined(o) for o in outs):
        return len({_concrete(o) for o in outs}) > 1
    if any(_surely_different(a, b) for a, b in itertools.combinations(outs, 2)):
        return True
    remaining = [o for o in others if o in read]
    if not remaining:
        return False
    near = domains.related.get(q, frozenset())
    remaining.sort(key=lambda o: o not in near)  # stable: rule-file order within each group
    p, rest = remaining[0], remaining[1:]
    return any(_can_change(model, domains, q, rest, {**fixed, p: w}, overrides) for w in domains.by_question[p])


def is_decided(model: Model, domains: Domains, answers: dict) -> bool:
    out, _ = _abstract(model, domains, answers)
    return _determined(out)
