"""The second candidate for the still-needed set: binary decision diagrams (the ``dd`` package, CUDD).

A fourth algebra of the one meaning (``wmo_dsl/semantics/meaning.py``): every
ja/nee term is a BDD, every other value a map value -> BDD condition. The
outcome becomes one BDD per outcome item; a question is still needed when some
item depends on the question's variables once the answers are fixed (for a
keuze: when two valid choices give a different item). Only finite models fit:
numbers and dates have no BDD here, which is one reason the product uses z3.

Used by ``bench/bench_solver.py`` to compare the two on the same rule files.
"""

from __future__ import annotations

import contextlib
import itertools
from decimal import Decimal

from dd import cudd

from wmo_dsl.language.types import Type
from wmo_dsl.semantics.conclusions import conclude
from wmo_dsl.semantics.meaning import definition_meaning, derived_order


class Unsupported(Exception):
    """The model has a number, a date or a text: no BDD encoding."""


class Bdd:
    """Terms: a BDD (ja/nee), or a dict value -> BDD (exclusive conditions; None: geen)."""

    def __init__(self, model):
        self.model = model
        self.b = cudd.BDD()
        self.vars: dict[str, list[str]] = {}
        self.valid = self.b.true
        for q, vraag in model.vragen.items():
            match vraag.soort:
                case "janee":
                    self.vars[q] = [f"{q}"]
                case "meerdere":
                    self.vars[q] = [f"{q}__{o.id}" for o in vraag.opties]
                case "keuze":
                    bits = max(1, (len(vraag.opties) - 1).bit_length())
                    self.vars[q] = [f"{q}__b{i}" for i in range(bits)]
                case _:
                    raise Unsupported(vraag.soort)
            self.b.declare(*self.vars[q])
        for q, vraag in model.vragen.items():
            if vraag.soort == "keuze":
                ok = self.b.false
                for i in range(len(vraag.opties)):
                    ok |= self.code(q, i)
                self.valid &= ok
        self.values = {}
        for naam in derived_order(model):
            d = model.waarden.get(naam) or model.tabellen[naam]
            self.values[naam] = definition_meaning(d, model, self)

    def code(self, q: str, i: int):
        result = self.b.true
        for k, var in enumerate(self.vars[q]):
            result &= self.b.var(var) if (i >> k) & 1 else ~self.b.var(var)
        return result

    # ── helpers ──
    def _map(self, x) -> dict:
        return x if isinstance(x, dict) else {True: x, False: ~x}

    def _bool(self, x):
        return x if not isinstance(x, dict) else x.get(True, self.b.false)

    # ── the algebra ──
    def constant(self, value, t):
        if isinstance(value, bool):
            return self.b.true if value else self.b.false
        if isinstance(value, frozenset):
            return {"__set__": {o: self.b.true for o in value}}
        return {value: self.b.true}

    def question(self, q: str, t):
        vraag = self.model.vragen[q]
        match vraag.soort:
            case "janee":
                return self.b.var(self.vars[q][0])
            case "meerdere":
                return {"__set__": {o.id: self.b.var(v) for o, v in zip(vraag.opties, self.vars[q])}}
            case _:
                return {o.id: self.code(q, i) for i, o in enumerate(vraag.opties)}

    def derived(self, name, t):
        return self.values[name]

    def truth(self, x):
        return self._bool(x)

    def logic(self, op, items):
        result = self.b.true if op == "en" else self.b.false
        for item in items:
            result = (result & self._bool(item())) if op == "en" else (result | self._bool(item()))
        return result

    def negation(self, x):
        return ~self._bool(x)

    def choose(self, branches, t):
        result: dict = {}
        taken = self.b.false
        for branch in branches:
            condition = self.b.true if branch.condition is None else self._bool(branch.condition())
            first = condition & ~taken
            for value, c in self._map(branch.value()).items():
                result[value] = result.get(value, self.b.false) | (first & c)
            taken |= condition
        result[None] = result.get(None, self.b.false) | ~taken
        return result

    def table(self, tabel, inputs, rows, t):
        return self.choose(rows, t)

    def share(self, x):
        return x

    def compare(self, op, a, b):
        if "__set__" in self._map(a) or "__set__" in self._map(b):
            if op not in ("=", "!="):
                return self.b.false
            sa, sb = self._map(a).get("__set__", {}), self._map(b).get("__set__", {})
            same = self.b.true
            for o in set(sa) | set(sb):
                same &= self.b.apply("<=>", sa.get(o, self.b.false), sb.get(o, self.b.false))
            return same if op == "=" else ~same
        ma, mb = self._map(a), self._map(b)
        result = self.b.false
        for (va, ca), (vb, cb) in itertools.product(ma.items(), mb.items()):
            if _holds(op, va, vb):
                result |= ca & cb
        return result

    def member(self, item, collection):
        s = self._map(collection).get("__set__", {})
        result = self.b.false
        for v, c in self._map(item).items():
            result |= c & s.get(v, self.b.false)
        return result

    def count(self, collection):
        counts = {Decimal(0): self.b.true}
        for c in self._map(collection).get("__set__", {}).values():
            nxt: dict = {}
            for n, cond in counts.items():
                nxt[n] = nxt.get(n, self.b.false) | (cond & ~c)
                nxt[n + 1] = nxt.get(n + 1, self.b.false) | (cond & c)
            counts = nxt
        return counts

    def arithmetic(self, op, a, b):
        raise Unsupported("rekenen")

    def minus(self, x):
        raise Unsupported("rekenen")

    def call(self, function, args, result):
        raise Unsupported(function)

    def collection(self, items, t):
        return {"__set__": {v: c for i in items for v, c in self._map(i).items()}}

    def record(self, fields, t):
        raise Unsupported("samengestelde waarde")

    @contextlib.contextmanager
    def scope(self, key, tag):
        yield

    def products(self):
        return {pid: self.b.false for pid in self.model.producten}

    def claim(self, products, fires, named, candidates, attributes, regel):
        result = dict(products)
        named_map = self._map(named())
        for pid in candidates:
            result[pid] = products[pid] | (self._bool(fires) & named_map.get(pid, self.b.false))
        return result

    def drop(self, products, pid, condition, reden):
        return {**products, pid: products[pid] & ~self._bool(condition)}

    def has(self, products, pid):
        return products[pid]


def _holds(op: str, a, b) -> bool:
    if op == "=":
        return a == b
    if op == "!=":
        return a != b
    if a is None or b is None or type(a) is not type(b):
        return False
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


class BddStillNeeded:
    """Still-needed by BDDs: build once, then every question is a restriction and a support test."""

    def __init__(self, model):
        self.enc = Bdd(model)
        out = conclude(model, self.enc)
        b = self.enc.b
        geen = self.enc._bool(out.geen_indicatie)
        self.items = [self.enc._bool(out.products[p]) & ~geen if not isinstance(out.products[p], dict) else b.false
                      for p in model.producten]
        self.items += [geen] + [self.enc._bool(x) for x in out.referrals.values()] + [self.enc._bool(x) for x in out.signals.values()]
        self.model = model

    def still_needed(self, answers: dict) -> list[str]:
        enc, b = self.enc, self.enc.b
        fixed = {}
        for q, value in answers.items():
            vraag = self.model.vragen[q]
            match vraag.soort:
                case "janee":
                    fixed[enc.vars[q][0]] = bool(value)
                case "meerdere":
                    fixed.update({v: o.id in value for o, v in zip(vraag.opties, enc.vars[q])})
                case _:
                    i = [o.id for o in vraag.opties].index(value)
                    fixed.update({v: bool((i >> k) & 1) for k, v in enumerate(enc.vars[q])})
        valid = b.let(fixed, enc.valid)
        items = [b.let(fixed, f) & valid for f in self.items]
        needed = []
        for q, vraag in self.model.vragen.items():
            if q in answers:
                continue
            if vraag.soort == "keuze":
                codes = [{v: bool((i >> k) & 1) for k, v in enumerate(enc.vars[q])} for i in range(len(vraag.opties))]
                restricted = [[b.let(c, f) for c in codes] for f in items]
                if any(a != c for versions in restricted for a, c in itertools.combinations(versions, 2)):
                    needed.append(q)
            elif any(set(enc.vars[q]) & b.support(f) for f in items):
                needed.append(q)
        return needed
