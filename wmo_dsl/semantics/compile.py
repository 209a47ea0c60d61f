"""Compile stage: a checked model to one plain Python function, for batch evaluation.

``evaluate.py`` walks the AST for every case and records a trace, which is what
an explanation needs. Evaluating a population of 100,000 cases needs only the
outcome, so this module writes the same decision as straight-line Python
source, generated from the *checked AST* (never from rule text), and compiles
it once per model: questions become locals, derived values are computed in
dependency order, rules become ``if`` blocks. It means exactly what
``evaluate.py`` means, because the two share ``values.py`` for every operator
that is not a plain Python comparison, and a test holds them equal on every
example case and on generated populations.

The compiled function needs every question it reads answered. When a case
leaves a question open that the decision reads (or a consultant deviated from
a derived value), it raises :class:`Open`, and the caller evaluates that case
with the full engine, which knows exactly which open questions matter.
"""

from __future__ import annotations

import graphlib
from dataclasses import dataclass
from decimal import Decimal

from ..language import ast
from . import values as V
from ..language.check import Model
from .evaluate import ProductToekenning, Uitkomst

_MISSING = object()


class Open(Exception):
    """The case leaves a question open that the decision reads."""


def _open(naam: str):
    raise Open(naam)


@dataclass(frozen=True)
class Compiled:
    """The compiled decision of one model and its generated source (for reading and debugging)."""

    model: Model
    source: str
    function: object

    def __call__(self, answers: dict) -> tuple[dict, Uitkomst]:
        """Derived values and conclusions for complete answers; raises Open otherwise."""
        return self.function(answers)


def compile_model(model: Model) -> Compiled:
    source, constants = _Generator(model).module()
    namespace = {
        "Decimal": Decimal, "V": V, "Uitkomst": Uitkomst, "ProductToekenning": ProductToekenning,
        "_MISSING": _MISSING, "_open": _open, "_combinations": _combinations, "EMPTY": frozenset(), "DEC": [Decimal(i) for i in range(65)], **constants,
    }
    exec(compile(source, f"<wmo: {model.regio.id}>", "exec"), namespace)  # generated from the checked AST only
    return Compiled(model, source, namespace["evaluate"])


class _Generator:
    def __init__(self, model: Model):
        self.model = model
        self.constants: dict[str, object] = {}
        self.constant_names: dict[tuple, str] = {}
        self.temp = 0

    # ── module ──

    def module(self) -> tuple[str, dict]:
        m = self.model
        lines = ["def evaluate(a):", "    get = a.get"]
        for q in m.vragen:
            lines.append(f"    q_{q} = get({q!r}, _MISSING)")
        order = self.derived_order()
        for naam in order:
            lines.extend("    " + line for line in self.derived(naam))
        names = [n for n in [*m.waarden, *m.tabellen] if not (n in m.waarden and m.waarden[n].parameter)]
        lines.append("    values = {" + ", ".join(f"{n!r}: w_{n}" for n in names) + "}")
        lines.extend("    " + line for line in self.rules())
        lines.append("    return values, u")
        return "\n".join(lines) + "\n", self.constants

    def derived_order(self) -> list[str]:
        m = self.model
        derived = list(m.waarden) + list(m.tabellen)
        graph = {n: {d for d in m.afhankelijkheden.get(n, ()) if d in m.waarden or d in m.tabellen} for n in derived}
        sorter = graphlib.TopologicalSorter(graph)
        ready: list[str] = []
        sorter.prepare()
        position = {n: i for i, n in enumerate(derived)}
        while sorter.is_active():  # file order among the names that are ready: a stable, readable order
            batch = sorted(sorter.get_ready(), key=position.__getitem__)
            ready.extend(batch)
            sorter.done(*batch)
        return ready

    # ── derived values ──

    def derived(self, naam: str) -> list[str]:
        m = self.model
        if naam in m.waarden:
            w = m.waarden[naam]
            if w.expr is not None:
                return [f"w_{naam} = {self.expr(w.expr)}"]
            out = []
            for i, geval in enumerate(w.gevallen):
                if geval.voorwaarde is None:
                    out.append(("else:" if i else "if True:"))
                else:
                    out.append(f"{'elif' if i else 'if'} ({self.expr(geval.voorwaarde)}) is True:")
                out.append(f"    w_{naam} = {self.expr(geval.waarde)}")
            if not w.gevallen or w.gevallen[-1].voorwaarde is not None:
                out.append("else:")
                out.append(f"    w_{naam} = None")
            return out
        t = m.tabellen[naam]
        out = [f"i_{naam}_{k} = {self.read(n)}" for k, n in enumerate(t.invoer)]
        for r, rij in enumerate(t.rijen):
            tests = [self.cell(cel, f"i_{naam}_{k}", t.invoer[k]) for k, cel in enumerate(rij.cellen)]
            tests = [x for x in tests if x != "True"] or ["True"]
            out.append(f"{'elif' if r else 'if'} {' and '.join(tests)}:")
            out.append(f"    w_{naam} = {self.expr(rij.uitkomst)}")
        out.append("else:")
        out.append(f"    w_{naam} = None")
        return out

    def cell(self, cel: ast.Cel, var: str, naam: str) -> str:
        if cel.elk:
            return "True"
        lijst = self.model.types.get(naam) is not None and self.model.types[naam].soort == "lijst"
        parts = [self.cell_test(test, var, lijst) for test in cel.tests]
        return parts[0] if len(parts) == 1 else "(" + " or ".join(parts) + ")"

    def cell_test(self, test: tuple, var: str, lijst: bool) -> str:
        kind = test[0]
        if kind in ("gelijk", "niet"):
            other = test[1]
            if lijst and not isinstance(other, ast.ListExpr):
                text = f"({self.expr(other)} in ({var} or EMPTY))"
            else:
                text = f"({var} == {self.expr(other)})"
            return text if kind == "gelijk" else f"(not {text})"
        if kind == "bereik":
            return f"V.in_range({var}, {self.expr(test[1])}, {self.expr(test[2])})"
        return f"V.compare({test[1]!r}, {var}, {self.expr(test[2])})"

    # ── expressions ──

    def const(self, value) -> str:
        key = (type(value).__name__, repr(value))
        if key not in self.constant_names:
            name = f"c{len(self.constant_names)}"
            self.constant_names[key] = name
            self.constants[name] = value
        return self.constant_names[key]

    def read(self, naam: str) -> str:
        m = self.model
        if naam in m.vragen:
            return f"(q_{naam} if q_{naam} is not _MISSING else _open({naam!r}))"
        if naam in m.producten:
            return self.const(naam)
        return f"w_{naam}"

    def expr(self, e) -> str:
        if isinstance(e, ast.Literal):
            return self.const(e.value) if e.value is not None else "None"
        if isinstance(e, ast.Ref):
            return self.read(e.id)
        if isinstance(e, ast.Symbol):
            return self.const(e.id)
        if isinstance(e, ast.BinOp):
            op = e.op
            left, right = self.expr(e.left), self.expr(e.right)
            if op == "en":
                return f"(({left}) is True and ({right}) is True)"
            if op == "of":
                return f"(({left}) is True or ({right}) is True)"
            if op == "=":
                return f"({left} == {right})"
            if op == "!=":
                return f"({left} != {right})"
            if op in ("<", "<=", ">", ">="):
                return f"V.compare({op!r}, {left}, {right})"
            return f"V.arithmetic({op!r}, {left}, {right}, {self.const(self.model.vrije_dagen)})"
        if isinstance(e, ast.Not):
            return f"(({self.expr(e.operand)}) is not True)"
        if isinstance(e, ast.Negate):
            return f"(lambda v: None if v is None else -v)({self.expr(e.operand)})"
        if isinstance(e, ast.Count):
            return f"DEC[len({self.expr(e.operand)} or EMPTY)]"
        if isinstance(e, ast.InRange):
            return f"V.in_range({self.expr(e.operand)}, {self.expr(e.low)}, {self.expr(e.high)})"
        if isinstance(e, ast.InList):
            return f"({self.expr(e.operand)} in ({', '.join(self.expr(o) for o in e.options.items)},))"
        if isinstance(e, ast.Contains):
            return f"({self.expr(e.item)} in ({self.expr(e.container)} or EMPTY))"
        if isinstance(e, ast.ListExpr):
            items = [self.expr(i) for i in e.items]
            return f"frozenset(({', '.join(items)}{',' if items else ''}))"
        if isinstance(e, ast.Call):
            return f"V.call({e.function!r}, [{', '.join(self.expr(a) for a in e.args)}])"
        if isinstance(e, ast.RecordExpr):
            return "V.Record((" + "".join(f"({n!r}, {self.expr(x)}), " for n, x in e.fields) + "))"
        raise TypeError(f"cannot compile {e!r}")

    # ── rules ──

    def rules(self) -> list[str]:
        m = self.model
        out = ["u = Uitkomst()", "seen = set()"]
        for regel in m.regels.values():
            body = [self.conclusion(c, regel) for c in regel.conclusies]
            has_product = any(isinstance(c, ast.ProductConclusie) for c in regel.conclusies)
            if regel.voorwaarde is None:
                out.extend(line for block in body for line in block)
                continue
            out.append(f"if ({self.expr(regel.voorwaarde)}) is True:")
            out.extend("    " + line for block in body for line in block)
            if has_product:
                out.append("else:")
                out.append(f"    u.niet_van_toepassing.append({regel.id!r})")
        out.append("if u.geen_product:")
        out.append("    restricted = {pid for pid, _ in u.geen_product}")
        out.append("    u.producten = [p for p in u.producten if p.product not in restricted]")
        if any(p.alleen_met for p in m.producten.values()):
            partners = {pid: p.alleen_met for pid, p in m.producten.items() if p.alleen_met}
            out.append(f"_combinations(u, {self.const(partners)})")
        if m.termijnen:
            out.append("if u.producten and not u.geen_indicatie:")
            for t in m.termijnen.values():
                guard = "    "
                if t.voorwaarde is not None:
                    out.append(f"    if ({self.expr(t.voorwaarde)}) is True:")
                    guard = "        "
                out.append(f"{guard}d = {self.expr(t.datum)}")
                out.append(f"{guard}if d is not None:")
                out.append(f"{guard}    u.termijnen.append(({t.id!r}, d))")
        return out

    def conclusion(self, c, regel: ast.Regel) -> list[str]:
        m = self.model
        rid = repr(regel.id)
        if isinstance(c, ast.ProductConclusie):
            out = [f"pid = {self.expr(c.product)}", "if pid is not None and pid not in seen:", "    seen.add(pid)"]
            products = self.possible_products(c.product)
            for k, pid in enumerate(products):
                p = m.producten[pid]
                duur = self.expr(c.duur) if c.duur is not None else (self.expr(p.duur) if p.duur is not None else "None")
                mini = self.expr(p.minimale_duur) if p.minimale_duur is not None else "None"
                volume = self.expr(p.volume) if p.volume is not None else "None"
                onbeperkt = c.onbeperkt or (c.maximale_duur is None and p.onbeperkt)
                if onbeperkt:
                    maxi = "None"
                elif c.maximale_duur is not None:
                    maxi = self.expr(c.maximale_duur)
                else:
                    maxi = self.expr(p.maximale_duur) if p.maximale_duur is not None else "None"
                cond = "if" if len(products) == 1 else ("if" if k == 0 else "elif")
                test = "True" if len(products) == 1 else f"pid == {pid!r}"
                out.append(f"    {cond} {test}:")
                out.append(f"        u.producten.append(ProductToekenning(pid, {duur}, {maxi}, {onbeperkt!r}, {rid}, {mini}, {volume}))")
            return out
        if isinstance(c, ast.VerwijzingConclusie):
            return [f"if {c.id!r} not in [v for v, _ in u.verwijzingen]:", f"    u.verwijzingen.append(({c.id!r}, {rid}))"]
        if isinstance(c, ast.SignaalConclusie):
            return [f"if {c.id!r} not in [s for s, _ in u.signalen]:", f"    u.signalen.append(({c.id!r}, {rid}))"]
        if isinstance(c, ast.GeenIndicatie):
            return [f"u.geen_indicatie.append({rid})"]
        return [f"u.geen_product.append(({c.id!r}, {rid}))"]

    def possible_products(self, e) -> list[str]:
        """The products an expression can name: its type's domain, or every product."""
        m = self.model
        if isinstance(e, (ast.Ref, ast.Symbol)) and e.id in m.producten:
            return [e.id]
        t = m.types.get(e.id) if isinstance(e, ast.Ref) else None
        domain = t.domein if t is not None and t.domein else frozenset(m.producten)
        return [pid for pid in m.producten if pid in domain]


def _combinations(u: Uitkomst, partners: dict) -> None:
    """'alleen in combinatie met': a product whose partners are all absent is not granted."""
    while True:
        present = {p.product for p in u.producten}
        alone = [p for p in u.producten if p.product in partners and not present.intersection(partners[p.product])]
        if not alone:
            return
        for p in alone:
            u.producten.remove(p)
            u.niet_gecombineerd.append((p.product, partners[p.product]))

