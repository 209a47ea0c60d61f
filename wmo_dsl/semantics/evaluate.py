"""Evaluate stage: one case, every answer known that matters, to an outcome with a trace.

The evaluator walks the checked model on demand: a derived value is computed
the first time something reads it, and each computation leaves a :class:`Stap`
saying which case or table row decided it, which names it read, and which
paragraph it cites. The rules then conclude products, referrals and signals.
Which answers are still needed when some are missing is the business of
``relevance.py``; this module assumes it is handed a value for every question
it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..language import ast
from . import values as V
from ..language.check import Model


@dataclass(frozen=True)
class Stap:
    """How one name got its value: the trace entry behind every explanation."""

    naam: str
    soort: str  # "vraag", "waarde", "tabel", "regel"
    waarde: object
    via: ast.Geval | ast.Rij | ast.Regel | None
    gelezen: tuple[str, ...]
    regelnummer: int
    bron: str | None
    toelichting: str | None


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
        """The product as an outcome item: what makes two indicaties differ."""
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

    @property
    def key(self) -> frozenset:
        """The outcome as a comparable value: two cases with equal keys got the same indicatie."""
        items = {p.item for p in self.producten} if not self.geen_indicatie else set()
        items |= {("verwijzing", v) for v, _ in self.verwijzingen}
        items |= {("signaal", s) for s, _ in self.signalen}
        items |= {("termijn", t, d) for t, d in self.termijnen}
        if self.geen_indicatie:
            items.add(("geen_indicatie",))
        return frozenset(items)


def truthy(v) -> bool:
    return v is True


class Evaluation:
    """One evaluation of a model for a full set of answers; values are memoised."""

    def __init__(self, model: Model, answers: dict, overrides: dict | None = None):
        self.model = model
        self.answers = answers
        self.overrides = overrides or {}
        self.values: dict[str, object] = {}
        self.trace: dict[str, Stap] = {}
        self._reads: list[set[str]] = []

    # ── names ──
    def value(self, naam: str):
        if self._reads and naam not in self.model.producten:
            self._reads[-1].add(naam)
        if naam in self.values:
            return self.values[naam]
        m = self.model
        if naam in m.vragen:
            v = self.answers.get(naam)
            vraag = m.vragen[naam]
            self.values[naam] = v
            self.trace[naam] = Stap(naam, "vraag", v, None, (), vraag.pos.line, vraag.bron.tekst if vraag.bron else None, None)
            return v
        if naam in m.producten:
            return naam
        if naam in self.overrides:
            # A consultant's professional judgement replaces what the rules would derive.
            v = self.overrides[naam]
            d = m.waarden.get(naam) or m.tabellen[naam]
            self.values[naam] = v
            self.trace[naam] = Stap(naam, "afwijking", v, None, (), d.pos.line, None, None)
            return v
        self._reads.append(set())
        try:
            if naam in m.waarden:
                v, via = self._waarde(m.waarden[naam])
                d = m.waarden[naam]
                soort = "waarde"
            else:
                v, via = self._tabel(m.tabellen[naam])
                d = m.tabellen[naam]
                soort = "tabel"
        finally:
            gelezen = self._reads.pop()
        self.values[naam] = v
        line = via.pos.line if via is not None else d.pos.line
        self.trace[naam] = Stap(naam, soort, v, via, tuple(sorted(gelezen)), line, d.bron.tekst if d.bron else None, d.toelichting)
        return v

    def _waarde(self, w: ast.Waarde):
        if w.expr is not None:
            return self.eval(w.expr), None
        for geval in w.gevallen:
            if geval.voorwaarde is None or truthy(self.eval(geval.voorwaarde)):
                return self.eval(geval.waarde), geval
        return None, None

    def _tabel(self, t: ast.Tabel):
        inputs = [self.value(n) for n in t.invoer]
        for rij in t.rijen:
            if all(self.cell_matches(cel, v) for cel, v in zip(rij.cellen, inputs)):
                return self.eval(rij.uitkomst), rij
        return None, None

    def cell_matches(self, cel: ast.Cel, v) -> bool:
        if cel.elk:
            return True
        return any(self._test(test, v) for test in cel.tests)

    def _test(self, test: tuple, v) -> bool:
        kind = test[0]
        if kind == "gelijk":
            other = self.eval(test[1])
            return other in v if isinstance(v, frozenset) and not isinstance(other, frozenset) else V.compare("=", v, other)
        if kind == "niet":
            return not self._test(("gelijk", test[1]), v)
        if kind == "bereik":
            return V.in_range(v, self.eval(test[1]), self.eval(test[2]))
        return V.compare(test[1], v, self.eval(test[2]))

    # ── expressions ──
    def eval(self, e):
        if isinstance(e, ast.Literal):
            return e.value
        if isinstance(e, ast.Ref):
            return self.value(e.id)
        if isinstance(e, ast.Symbol):
            return e.id
        if isinstance(e, ast.BinOp):
            op = e.op
            if op == "en":
                return truthy(self.eval(e.left)) and truthy(self.eval(e.right))
            if op == "of":
                return truthy(self.eval(e.left)) or truthy(self.eval(e.right))
            left, right = self.eval(e.left), self.eval(e.right)
            if op in ("=", "!=", "<", "<=", ">", ">="):
                return V.compare(op, left, right)
            return V.arithmetic(op, left, right, self.model.vrije_dagen)
        if isinstance(e, ast.Not):
            return not truthy(self.eval(e.operand))
        if isinstance(e, ast.Negate):
            v = self.eval(e.operand)
            return None if v is None else -v
        if isinstance(e, ast.Count):
            v = self.eval(e.operand)
            return V.Decimal(len(v)) if v else V.Decimal(0)
        if isinstance(e, ast.InRange):
            return V.in_range(self.eval(e.operand), self.eval(e.low), self.eval(e.high))
        if isinstance(e, ast.InList):
            v = self.eval(e.operand)
            return any(V.compare("=", v, self.eval(o)) for o in e.options.items)
        if isinstance(e, ast.Contains):
            container = self.eval(e.container)
            return bool(container) and self.eval(e.item) in container
        if isinstance(e, ast.ListExpr):
            return frozenset(self.eval(i) for i in e.items)
        if isinstance(e, ast.Call):
            return V.call(e.function, [self.eval(a) for a in e.args])
        if isinstance(e, ast.RecordExpr):
            return V.Record(tuple((n, self.eval(x)) for n, x in e.fields))
        raise TypeError(f"cannot evaluate {e!r}")

    # ── rules ──
    def conclude(self, enforce: bool = True) -> Uitkomst:
        uitkomst = Uitkomst()
        seen_products: set[str] = set()
        for regel in self.model.regels.values():
            self._reads.append(set())
            try:
                fires = regel.voorwaarde is None or truthy(self.eval(regel.voorwaarde))
                if fires:
                    for c in regel.conclusies:
                        self._apply(c, regel, uitkomst, seen_products)
            finally:
                gelezen = self._reads.pop()
            self.trace["regel:" + regel.id] = Stap(regel.id, "regel", fires, regel, tuple(sorted(gelezen)), regel.pos.line,
                                                  regel.bron.tekst if regel.bron else None, regel.toelichting)
            if not fires and any(isinstance(c, ast.ProductConclusie) for c in regel.conclusies):
                uitkomst.niet_van_toepassing.append(regel.id)
        restricted = {pid for pid, _ in uitkomst.geen_product}
        uitkomst.producten = [p for p in uitkomst.producten if p.product not in restricted]
        if enforce:
            self._enforce_combinations(uitkomst)
        if uitkomst.producten and not uitkomst.geen_indicatie:  # termijnen come with an indicatie
            self._termijnen(uitkomst)
        return uitkomst

    def _enforce_combinations(self, uitkomst: Uitkomst) -> None:
        """'alleen in combinatie met': a product whose partners are all absent is not granted."""
        while True:
            present = {p.product for p in uitkomst.producten}
            alone = [p for p in uitkomst.producten
                     if self.model.producten[p.product].alleen_met and not present & set(self.model.producten[p.product].alleen_met)]
            if not alone:
                return
            for p in alone:
                uitkomst.producten.remove(p)
                uitkomst.niet_gecombineerd.append((p.product, self.model.producten[p.product].alleen_met))

    def _termijnen(self, uitkomst: Uitkomst) -> None:
        for termijn in self.model.termijnen.values():
            self._reads.append(set())
            try:
                if termijn.voorwaarde is not None and not truthy(self.eval(termijn.voorwaarde)):
                    continue
                datum = self.eval(termijn.datum)
            finally:
                gelezen = self._reads.pop()
            self.trace["termijn:" + termijn.id] = Stap(termijn.id, "termijn", datum, None, tuple(sorted(gelezen)), termijn.pos.line,
                                                      termijn.bron.tekst if termijn.bron else None, termijn.toelichting)
            if datum is not None:
                uitkomst.termijnen.append((termijn.id, datum))

    def _apply(self, c, regel: ast.Regel, uitkomst: Uitkomst, seen_products: set[str]) -> None:
        if isinstance(c, ast.ProductConclusie):
            pid = self.eval(c.product)
            if pid is None or pid in seen_products:
                return
            seen_products.add(pid)
            product = self.model.producten[pid]
            duur = self.eval(c.duur) if c.duur is not None else (self.eval(product.duur) if product.duur is not None else None)
            mini = self.eval(product.minimale_duur) if product.minimale_duur is not None else None
            volume = self.eval(product.volume) if product.volume is not None else None
            onbeperkt = c.onbeperkt or (c.maximale_duur is None and product.onbeperkt)
            if c.maximale_duur is not None:
                maxi = self.eval(c.maximale_duur)
            elif product.maximale_duur is not None:
                maxi = self.eval(product.maximale_duur)
            else:
                maxi = None
            uitkomst.producten.append(ProductToekenning(pid, duur, None if onbeperkt else maxi, onbeperkt, regel.id, mini, volume))
        elif isinstance(c, ast.VerwijzingConclusie):
            if c.id not in [v for v, _ in uitkomst.verwijzingen]:
                uitkomst.verwijzingen.append((c.id, regel.id))
        elif isinstance(c, ast.SignaalConclusie):
            if c.id not in [s for s, _ in uitkomst.signalen]:
                uitkomst.signalen.append((c.id, regel.id))
        elif isinstance(c, ast.GeenIndicatie):
            uitkomst.geen_indicatie.append(regel.id)
        elif isinstance(c, ast.GeenProductConclusie):
            uitkomst.geen_product.append((c.id, regel.id))
