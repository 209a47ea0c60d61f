"""Compile stage: a checked model to one flat Python function, for batch evaluation.

The code is written by running the one meaning of the language (``meaning.py``,
``conclusions.py``) with a code-writing algebra: each operation returns a
Python expression and writes statements where it must (a short-circuit over
items that need statements, a choice between cases). The result is *flat*: an
expression is spilled into a local once it nests a few levels, cases and table
rows are a sequence of guarded blocks, never an ``elif`` chain, so a condition of
a hundred terms or a table of ten thousand rows compiles. A table whose rows are
plain values becomes a dictionary lookup, built by asking the evaluator which
row each combination reaches. The generated source comes from the checked AST,
never from rule text, and the run-time helpers are the evaluator's own
(``values.py``, :class:`Toekenningen`), so both mean the same thing.

The compiled function needs every question it reads answered; a case that leaves
one open raises :class:`Open`, and the caller evaluates that case with the full
engine, which knows exactly which open questions matter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable, Iterator, NoReturn, Sequence

from ..language import ast
from ..language.check import Model
from ..language.types import Type
from . import builtins
from . import values as V
from .conclusions import conclude
from .evaluate import Open, ProductToekenning, Toekenningen, Uitkomst, lists_of, rule_plan
from .lookup import table_lookup
from .meaning import Attributes, Branch, Thunk, definition_meaning, derived_order

_MISSING = object()
_MAX_DEPTH = 6  # an expression nests at most this deep before it is stored in a local


def _open(naam: str) -> NoReturn:
    raise Open(naam)


@dataclass(frozen=True)
class Compiled:
    """The compiled decision of one model and its generated source (for reading and debugging)."""

    model: Model
    source: str
    function: Callable[[dict, dt.date | None], tuple[dict, Uitkomst]]

    def __call__(self, answers: dict, peildatum: dt.date | None = None) -> tuple[dict, Uitkomst]:
        """Derived values and conclusions for complete answers; raises Open otherwise (also when
        the rules read the peildatum and none is given)."""
        return self.function(answers, peildatum)


class Py(str):
    """A Python expression in the generated code: how deeply it nests, its value when it is a
    constant, and whether it is always a Python bool (then ``x is True`` is just ``x``)."""

    depth: int = 0
    const: object = _MISSING
    boolean: bool = False
    number: bool = False  # always a Decimal, never geen: compared with Python's own < and >


def py(code: str, depth: int = 0, const: object = _MISSING, boolean: bool = False, number: bool = False) -> Py:
    p = Py(code)
    p.depth, p.const, p.boolean = depth, const, boolean or isinstance(const, bool)
    p.number = number or (isinstance(const, Decimal) and const.is_finite())
    return p


def _is_true(x: Py) -> str:
    return str(x) if x.boolean else f"{x} is True"


class _Code:
    """The code-writing algebra of ``meaning.py``."""

    def __init__(self, model: Model):
        self.model = model
        self.constants: dict[str, object] = {}
        self._names: dict[tuple, str] = {}
        self.lines: list[tuple[int, str]] = []  # (indent, text)
        # a local per question: 'q3', never the id itself ('huisgenoten[2].beperkt' is no Python name)
        self.qvar = {q: f"q{i}" for i, q in enumerate(model.vragen)}
        self.level = 1
        self.n = 0

    # ── writing ──
    def emit(self, text: str) -> None:
        self.lines.append((self.level, text))

    @contextlib.contextmanager
    def indented(self) -> Iterator[None]:
        self.level += 1
        try:
            yield
        finally:
            self.level -= 1

    @contextlib.contextmanager
    def captured(self) -> Iterator[list[tuple[int, str]]]:
        """Statements written inside go to a separate list (relative indents), not the output."""
        outer, outer_level = self.lines, self.level
        self.lines, self.level = [], 0
        buffer: list[tuple[int, str]] = []
        try:
            yield buffer
        finally:
            buffer.extend(self.lines)
            self.lines, self.level = outer, outer_level

    def replay(self, buffer: list[tuple[int, str]]) -> None:
        for indent, text in buffer:
            self.lines.append((self.level + indent, text))

    def temp(self) -> str:
        self.n += 1
        return f"t{self.n}"

    def op(self, code: str, *operands: Py, boolean: bool = False, number: bool = False) -> Py:
        depth = 1 + max((o.depth for o in operands), default=0)
        if depth <= _MAX_DEPTH:
            return py(code, depth, boolean=boolean, number=number)
        name = self.temp()
        self.emit(f"{name} = {code}")
        return py(name, boolean=boolean, number=number)

    def share(self, x: Py) -> Py:
        """A term used more than once: computed once, into a local."""
        if x.depth == 0:
            return x
        name = self.temp()
        self.emit(f"{name} = {x}")
        return py(name, boolean=x.boolean, number=x.number)

    def const(self, value: object) -> Py:
        if value is None or isinstance(value, bool):
            return py(repr(value), const=value)
        key = (type(value).__name__, repr(value))
        if key not in self._names:
            self._names[key] = f"c{len(self._names)}"
            self.constants[self._names[key]] = value
        return py(self._names[key], const=value)

    # ── the algebra ──
    def constant(self, value: object, t: Type) -> Py:
        return self.const(value)

    def question(self, qid: str, t: Type | None) -> Py:
        # an answer is never geen (a case leaves a question out instead), and a getal answer is a Decimal
        var = self.qvar[qid]
        return py(f"({var} if {var} is not _MISSING else _open({qid!r}))", 1, boolean=t is not None and t.soort == "janee",
                  number=t is not None and t.soort == "getal")

    def derived(self, name: str, t: Type) -> Py:
        return py(f"w_{name}")

    def peildatum(self) -> Py:
        return py("(peildatum if peildatum is not None else _open('peildatum'))", 1)

    def truth(self, x: Py) -> Py:
        if x.const is not _MISSING:
            return self.const(x.const is True)
        if x.boolean:
            return x
        return self.op(f"({x} is True)", x, boolean=True)

    def negation(self, x: Py) -> Py:
        if x.const is not _MISSING:
            return self.const(x.const is not True)
        return self.op(f"(not {x})" if x.boolean else f"({x} is not True)", x, boolean=True)

    def logic(self, op: str, items: Iterable[Thunk[Py]]) -> Py:
        decided = op == "of"  # the item value that decides the whole chain
        parts = []
        for item in items:
            with self.captured() as buffer:
                term = item()
            if not buffer and term.const is not _MISSING:
                if (term.const is True) == decided:
                    return self.const(decided)
                continue  # a constant that does not decide drops out
            parts.append((buffer, term))
        if not parts:
            return self.const(not decided)
        if len(parts) == 1 and not parts[0][0]:
            return self.truth(parts[0][1])
        if all(not buffer for buffer, _ in parts):  # Python's own and/or short-circuits
            joiner = " or " if decided else " and "
            return self.op("(" + joiner.join(_is_true(t) for _, t in parts) + ")", *[t for _, t in parts], boolean=True)
        result = self.temp()
        self.emit(f"{result} = {not decided}")
        for buffer, term in parts:
            self.emit(f"if {'not ' if decided else ''}{result}:")
            with self.indented():
                self.replay(buffer)
                self.emit(f"{result} = {_is_true(term)}")
        return py(result, boolean=True)

    def choose(self, branches: Sequence[Branch[Py]], t: Type) -> Py:
        if len(branches) <= 32:
            chained = self._chain(branches)
            if chained is not None:
                return chained
        result, done = self.temp(), self.temp()
        self.emit(f"{result} = None")
        self.emit(f"{done} = False")
        for i, branch in enumerate(branches):
            guard = i > 0
            if guard:
                self.emit(f"if not {done}:")
                self.level += 1
            if branch.condition is None:
                value = branch.value()
                self.emit(f"{result} = {value}")
                self.emit(f"{done} = True")
            else:
                condition = branch.condition()
                self.emit(f"if {_is_true(condition)}:")
                with self.indented():
                    value = branch.value()
                    self.emit(f"{result} = {value}")
                    self.emit(f"{done} = True")
            if guard:
                self.level -= 1
            if branch.condition is None:
                break
        return py(result)

    def _chain(self, branches: Sequence[Branch[Py]]) -> Py | None:
        """A short choice whose conditions need no statements, as one if/elif chain (faster)."""
        conditions: list[Py | None] = []
        for branch in branches:
            if branch.condition is None:
                conditions.append(None)
                break
            with self.captured() as buffer:
                condition = branch.condition()
            if buffer:
                return None
            conditions.append(condition)
        result = self.temp()
        for i, (branch, test) in enumerate(zip(branches, conditions)):
            self.emit("else:" if test is None else f"{'elif' if i else 'if'} {_is_true(test)}:")
            with self.indented():
                self.emit(f"{result} = {branch.value()}")
        if conditions[-1] is not None:
            self.emit("else:")
            with self.indented():
                self.emit(f"{result} = None")
        return py(result)

    def table(self, tabel: ast.Tabel, inputs: Sequence[tuple[Py, Type]], rows: Iterable[Branch[Py]], t: Type) -> Py:
        branches = list(rows)
        lookup = table_lookup(self.model, tabel)
        if lookup is None:
            return self.choose(branches, t)
        keys, table, rest = lookup
        inputs = [inputs[c] for c in keys]
        key = self.op("(" + "".join(f"{value}, " for value, _ in inputs) + ")", *[v for v, _ in inputs])
        result = self.temp()
        self.emit(f"{result} = {self.const(table)}.get({key}, _MISSING)")
        self.emit(f"if {result} is _MISSING:")
        with self.indented():
            value = self.choose([branches[i] for i in rest], t) if rest else self.const(None)
            self.emit(f"{result} = {value}")
        return py(result)

    def compare(self, op: str, a: Py, b: Py) -> Py:
        if op in ("=", "!="):  # values are never Python lists, so == is the language's =
            return self.op(f"({a} {'==' if op == '=' else '!='} {b})", a, b, boolean=True)
        if a.number and b.number:
            return self.op(f"({a} {op} {b})", a, b, boolean=True)
        return self.op(f"_cmp({op!r}, {a}, {b})", a, b, boolean=True)

    def member(self, item: Py, collection: Py) -> Py:
        return self.op(f"({item} in ({collection} or EMPTY))", item, collection, boolean=True)

    def count(self, collection: Py) -> Py:
        return self.op(f"DEC[len({collection} or EMPTY)]", collection, number=True)

    def arithmetic(self, op: str, a: Py, b: Py) -> Py:
        return self.op(f"_arith({op!r}, {a}, {b}, VRIJ)", a, b)

    def minus(self, x: Py) -> Py:
        return self.op(f"_neg({x})", x)

    def call(self, function: str, args: Sequence[Py], result: Type) -> Py:
        return self.op(f"_call({function!r}, [{', '.join(args)}])", *args)

    def collection(self, items: Sequence[Py], t: Type) -> Py:
        return self.op(f"frozenset(({''.join(f'{i}, ' for i in items)}))", *items)

    def record(self, fields: Sequence[tuple[str, Py]], t: Type) -> Py:
        return self.op("_Record((" + "".join(f"({n!r}, {v}), " for n, v in fields) + "))", *[v for _, v in fields])

    @contextlib.contextmanager
    def scope(self, key: str, tag: object) -> Iterator[None]:
        yield

    # ── the products of an indicatie ──
    def products(self) -> Py:
        self.emit("P = Toekenningen()")
        return py("P")

    def claim(self, products: Py, fires: Py, named: Thunk[Py], candidates: Sequence[str], attributes: Attributes[Py], regel: str) -> Py:
        if fires.const is not _MISSING and fires.const is not True:
            return products
        self.emit(f"if {_is_true(fires)}:")
        with self.indented():
            name = self.temp()
            self.emit(f"{name} = {named()}")
            self.emit(f"if {name} is not None and {name} not in {products}.granted:")
            with self.indented():
                groups: dict[tuple, list[str]] = {}
                for pid in candidates:  # products that take their terms from the same places share code
                    groups.setdefault(attributes[pid][0], []).append(pid)
                for pids in groups.values():
                    single = len(groups) == 1 and len(candidates) == len(self.model.producten)
                    if not single:
                        self.emit(f"if {name} in {self.const(frozenset(pids))}:")
                        self.level += 1
                    duur, maximaal, onbeperkt, minimaal, volume = attributes[pids[0]][1]()
                    self.emit(f"{products}.granted[{name}] = ProductToekenning({name}, {duur}, {maximaal}, {onbeperkt}, "
                              f"{regel!r}, {minimaal}, {volume})")
                    if not single:
                        self.level -= 1
        return products

    def drop(self, products: Py, pid: str, condition: Py, reden: str) -> Py:
        if condition.const is not _MISSING and condition.const is not True:
            return products
        self.emit(f"if {_is_true(condition)} and {pid!r} in {products}.granted:")
        with self.indented():
            self.emit(f"{products} = {products}.without({pid!r}, {reden!r})")
        return products

    def has(self, products: Py, pid: str) -> Py:
        return py(f"({pid!r} in {products}.granted)", 1, boolean=True)


_MAX_INDENT = 90  # levels of indentation in the generated code; Python's tokenizer refuses 100


def _engine_only(answers: dict, peildatum: dt.date | None = None) -> NoReturn:
    """The batch function of a model whose code would nest deeper than Python allows: every case
    goes to the full engine (as a case with an open question does), never an IndentationError."""
    raise Open("(te diep genest om te compileren)")


def compile_model(model: Model) -> Compiled:
    """The model's decision as one flat Python function. Expressions nest at most MAX_NESTING deep
    (``parse.py``) and each level indents the code at most once, so the code stays within
    _MAX_INDENT; should a model still reach it, its cases go to the engine instead."""
    source, constants = _module(model)
    if max((len(line) - len(line.lstrip(" ")) for line in source.splitlines()), default=0) // 4 > _MAX_INDENT:
        return Compiled(model, source, _engine_only)
    namespace = {
        "V": V, "Uitkomst": Uitkomst, "ProductToekenning": ProductToekenning, "Toekenningen": Toekenningen,
        "_MISSING": _MISSING, "_open": _open, "EMPTY": frozenset(), "VRIJ": model.vrije_dagen,
        "_cmp": V.compare, "_arith": V.arithmetic, "_call": builtins.call, "_Record": V.Record,
        "DEC": V.Counts(), "_neg": lambda v: None if v is None else -v,
        "_lists": lists_of, "PLAN": rule_plan(model), "MODEL": model, **constants,
    }
    try:
        code = compile(source, f"<wmo: {model.regio.id}>", "exec")
    except (SyntaxError, RecursionError, MemoryError):  # pragma: no cover - the bounds above keep the code small
        return Compiled(model, source, _engine_only)
    exec(code, namespace)  # generated from the checked AST only
    return Compiled(model, source, namespace["evaluate"])


def _module(model: Model) -> tuple[str, dict]:
    code = _Code(model)
    for q in model.vragen:
        code.emit(f"{code.qvar[q]} = get({q!r}, _MISSING)")
    for naam in derived_order(model):
        d = model.waarden.get(naam) or model.tabellen[naam]
        code.emit(f"w_{naam} = {definition_meaning(d, model, code)}")
    names = [n for n in [*model.waarden, *model.tabellen] if not (n in model.waarden and model.waarden[n].parameter)]
    code.emit("values = {" + ", ".join(f"{n!r}: w_{n}" for n in names) + "}")
    out = conclude(model, code)
    fires = "(" + "".join(f"{f}, " for f in out.fires.values()) + ")"
    termijnen = "{" + ", ".join(f"{tid!r}: ({p}, {d})" for tid, (p, d) in out.termijnen.items()) + "}"
    informatief = "{" + ", ".join(f"{k!r}: ({p}, {v})" for k, (p, v) in out.informatief.items()) + "}"
    code.emit(f"return values, _lists(MODEL, PLAN, {fires}, {out.products}, {out.products}, {termijnen}, {informatief})")
    body = "\n".join("    " * indent + text for indent, text in code.lines)
    return "def evaluate(a, peildatum):\n    get = a.get\n" + body + "\n", code.constants
