"""Which open questions can still change the outcome, decided by a solver.

A question is *still needed* exactly when there are two answers to it and a
completion of the other open questions under which the outcomes differ. The
solver holds two copies of the model's encoding (``smt.py``), ``a`` and ``b``,
with one selector per question: a question whose selector is off has the same
answer in both copies. "The outcomes differ, and exactly one of these open
questions may differ" is one satisfiability question; each model it finds names
a question that is needed and a pair of answers that shows it. The search never
enumerates completions:

1. a concrete evaluation that never reads an open question settles the outcome
   (nothing is needed);
2. a few sample completions, each open question varied, find the obvious ones
   with the compiled decision;
3. the solver is asked for the rest, each answer checked against the evaluator
   (the ground truth); a calendar step the solver could not compute is pinned at
   the model's point and the question asked again;
4. when the solver says 'impossible', no remaining question can matter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import re
from decimal import Decimal
from typing import Any, Iterator

from ..language import ast
from ..language.check import Model
from .compile import Compiled
from .eisen import allowed
from .findings import pinned
from .evaluate import Evaluation, Open
from .guard import SAT, UNSAT, Door
from .partial import readable
from .assumptions import Assumptions
from .calendar_pins import pin_calendar
from .samples import alternatives, plain, sample
from .warm import warm
from .smt import encode, outcome_cone, symbol_table
from .outcome_terms import analysis_terms, named as _named, outcome_differs
from .smt_kinds import question_term, read_answer
from .smt_values import equal
from .values import Value

# The sample points tried before the solver: 'ja' (and each option of a meerdere question) with
# these chances, so that long 'en' and 'of' chains and counts near both ends are met too.
_BIASES = (0.5, 0.9, 0.1, 0.7, 0.3, 0.5)
_REFINEMENTS = 16
# The case pairs of the last solver models that showed a needed question are sample points of later
# still-needed sets (the answers given laid over them): they reach the rows random points rarely meet.
_WITNESSES = 8


class Solver:
    """The z3 session of one model (and one set of professional deviations)."""

    def __init__(self, model: Model, peildatum: dt.date, overrides: dict | None = None, compiled: Compiled | None = None,
                 analysis: bool = False) -> None:
        import z3

        self.z3 = z3
        self.model = model
        self.peildatum = peildatum
        self.overrides = overrides or {}
        self.compiled = compiled if not self.overrides else None
        symbols = symbol_table(model)
        self.symbols = symbols
        self.codes = {code: s for s, code in symbols.items()}
        # The still-needed set needs two copies of what the outcome depends on; the analysis needs
        # one copy of every table and case (and what they read).
        only = outcome_cone(model, analysis=analysis)
        lines_a, out_a, enc_a = encode(model, "a", symbols, peildatum, self.overrides, only)
        self.functions = sorted(f for f in enc_a.functions if f)
        text = [f"(declare-fun {f} (Int Int) Int)" for f in self.functions] + lines_a
        self.terms = {q: (question_term(v, "a"), question_term(v, "b")) for q, v in model.vragen.items()}
        self.out, self.encoding = out_a, enc_a
        self.out_b, self.sorts_b = None, {}
        self.derived = [n for n in [*model.waarden, *model.tabellen] if not (n in model.waarden and model.waarden[n].parameter)
                        and n in enc_a.values]
        if analysis:
            text += analysis_terms(model, out_a, enc_a)
        else:
            lines_b, out_b, enc_b = encode(model, "b", symbols, peildatum, self.overrides, only)
            self.out_b, self.sorts_b = out_b, enc_b.sorts  # copy b, for questions over both (judgement.py)
            text += lines_b
            for q, (ta, tb) in self.terms.items():
                text.append(f"(declare-const |s.{q}| Bool)")
                text.append(f"(assert (=> (not |s.{q}|) {equal(ta, tb)}))")
            text.append("(declare-const |differ| Bool)")
            text.append(f"(assert (=> |differ| {outcome_differs(model, out_a, out_b)}))")
            for n in self.derived:  # the two copies agree on this derived value
                text += _named(f"same.{n}", equal(enc_a.values[n], enc_b.values[n]))
        roots = [*("regel:" + r for r in model.regels), *("termijn:" + t for t in model.termijnen), *model.producten]
        self.read = frozenset().union(*[model.questions_read_by(r) for r in roots])
        self.numbers = sorted({n.value for d in [*model.waarden.values(), *model.tabellen.values(), *model.regels.values()]
                               for n in ast.walk(d) if isinstance(n, ast.Literal) and isinstance(n.value, Decimal)})
        self.door = Door(z3)
        self._earlier: list[tuple[dict, frozenset]] = []  # recent (answers, still needed), newest first
        self._applications: list | None = None  # the calendar applications (calendar_pins.py)
        self._witnesses: list[tuple[dict, dict]] = []  # recent solver models' case pairs, newest first
        self.solver = z3.Solver()
        # a session z3 cannot build (an error, no memory) leaves the solver empty and 'broken': every
        # question then counts as 'may matter', every proof as 'niet bewezen' (guard.py)
        self.broken = self.door.attempt(lambda: self.solver.from_string("\n".join(text)) or False, "de solver kon niet starten") is None
        self.selectors = {q: z3.Bool(f"s.{q}") for q in model.vragen}
        self.differ = z3.Bool("differ")
        self.same = {n: z3.Bool(f"same.{n}") for n in self.derived}
        self.assumptions = Assumptions(z3, self.solver, self.selectors, self.fixed)
        if not analysis:
            warm(self)

    # ── the outcome, concretely ──
    def key(self, answers: dict) -> tuple:
        if self.compiled is not None:
            try:
                return self.compiled(answers, self.peildatum)[1].key
            except Open:
                pass
        return Evaluation(self.model, answers, self.overrides, peildatum=self.peildatum).conclude().key

    def allowed(self, point: dict) -> bool:
        """Does a full point keep every eis of the rules?"""
        return allowed(self.model, point, self.overrides, self.peildatum)

    def consistent(self, answers: dict) -> bool:
        """Can the open questions still be answered so that every eis holds? (True when the solver
        cannot tell: an eis refuses only what is certainly forbidden.)"""
        if self.broken:
            return True
        with self.scope() as s, self.door.query(self.door.limits.per_call_ms):
            if self.door.attempt(lambda: [s.add(self.fixed(q, v)) for q, v in answers.items()] or True,
                                 "de vraag aan de solver") is None:
                return True
            return self.door.check(s) != UNSAT

    def completion(self, answers: dict) -> dict | None:
        """Answers to the open questions that keep every eis, from a model of the solver (None when
        it finds none in time)."""
        if self.broken:
            return None
        with self.scope() as s, self.door.query(self.door.limits.per_call_ms):
            if self.door.attempt(lambda: [s.add(self.fixed(q, v)) for q, v in answers.items()] or True,
                                 "de vraag aan de solver") is None or self.door.check(s) != SAT:
                return None
            found = self.door.attempt(lambda: self.assignment(s.model(), "a"), "het antwoord van de solver")
        return {q: v for q, v in found.items() if q not in answers} if found is not None else None

    def settled(self, answers: dict) -> bool:
        """Does a concrete evaluation reach the outcome without reading an open question? (The
        compiled decision first: it finds a big table's row by lookup, where the evaluator tries
        the rows in order; it raises Open at the first open question it reads.)"""
        if self.compiled is not None:
            with contextlib.suppress(Open):
                self.compiled(answers, self.peildatum)
                return True
        try:
            Evaluation(self.model, answers, self.overrides, strict=True, peildatum=self.peildatum).conclude()
        except Open:
            return False
        return True

    # ── the still-needed set ──
    def still_needed(self, answers: dict) -> list[str]:
        # a question the outcome cannot read, given these answers, can never matter
        if self.settled(answers):
            return []
        readable_now = readable(self.model, answers, self.overrides, self.peildatum)
        # more answers only narrow the completions: what did not matter before cannot matter now
        earlier = next((needed for given, needed in self._earlier
                        if all(q in answers and answers[q] == v for q, v in given.items())), None)
        if earlier is not None and self._earlier and self._earlier[0][0] == answers:
            return [q for q in self.model.vragen if q in earlier]  # the same answers again
        open_qs = [q for q in self.model.vragen if q not in answers and q in readable_now and (earlier is None or q in earlier)]
        if not open_qs:
            return []
        needed: set[str] = set()
        rng = random.Random(0)
        # the questions that cannot matter (the outcome cannot read them, or an earlier set left them
        # out) get any answer too, so the compiled decision (which stops at an unanswered question it
        # reads) runs instead of the traced evaluation
        filler = {q: self.sample(q, rng) for q in self.model.vragen if q not in answers and q not in open_qs}
        for a, b in self._witnesses:  # the cases of earlier solver models: they met the rarer rows
            if len(needed) < len(open_qs) and self.allowed({**a, **answers}) and self.allowed({**b, **answers}):
                needed |= self.varied({**a, **answers}, [q for q in open_qs if q not in needed], {**b, **answers})
                needed |= self.varied({**b, **answers}, [q for q in open_qs if q not in needed], {**a, **answers})
        for bias in (None, *_BIASES):  # None: the plainest answers (samples.plain)
            point = {**answers, **filler, **{q: self.sample(q, rng, bias) if bias is not None else
                                             plain(self.model.vragen[q], self.peildatum, rng) for q in open_qs}}
            if self.allowed(point):  # a point an eis forbids shows nothing (the solver assumes every eis too)
                needed |= self.varied(point, [q for q in open_qs if q not in needed])
        remaining = [q for q in open_qs if q not in needed]
        if remaining:
            with self.door.query():
                needed |= self.solve(answers, remaining)
        self._earlier = [(dict(answers), frozenset(needed)), *self._earlier[:7]]  # never too small (solve), so sound
        return [q for q in self.model.vragen if q in needed]

    def varied(self, point: dict, candidates: list[str], other: dict | None = None) -> set[str]:
        """The candidates whose answer, changed at ``point``, changes the outcome there."""
        base = self.key(point)
        found = set()
        for q in candidates:
            for alternative in self.alternatives(q, point[q], (other or {}).get(q)):
                changed = {**point, q: alternative}
                if self.key(changed) != base and self.allowed(changed):
                    found.add(q)
                    break
        return found

    def solve(self, answers: dict, remaining: list[str]) -> set[str]:
        """The remaining questions that can change the outcome; whatever the solver cannot decide
        (no answer in time, an error) counts as needed, so the set is never too small."""
        if self.broken:
            return set(remaining)
        found: set[str] = set()
        with contextlib.nullcontext(self.solver) as s:  # no scope: what z3 learns stays (assumptions.py)
            posed = self.door.attempt(lambda: self.assumptions.query(answers, remaining), "de vraag aan de solver")
            if posed is None:
                return set(remaining)
            z3 = self.z3
            off = [self.differ, *posed]
            refinements = 0
            while True:
                result = self.door.check(s, *off, *[z3.Not(self.selectors[q]) for q in found])
                if result == UNSAT:
                    return found
                step = self.door.attempt(lambda: self._read(s.model(), remaining), "het antwoord van de solver") \
                    if result == SAT else None
                if step is None:  # the solver gave up: every remaining question may matter
                    return found | set(remaining)
                q, a, b, m = step
                if self.key(a) != self.key(b):
                    self._witnesses = [(a, b), *self._witnesses[:_WITNESSES - 1]]
                if self.key(a) != self.key(b) or not self.functions or refinements >= _REFINEMENTS:
                    found.add(q)  # both cases of the model are sample points for the others
                    found |= self.varied(a, [r for r in remaining if r not in found], b)
                    found |= self.varied(b, [r for r in remaining if r not in found], a)
                    continue
                refinements += 1
                if self.door.attempt(lambda: pinned(self, m), "de kalender in de solver") is None:
                    return found | set(remaining)

    def _read(self, m: Any, remaining: list[str]) -> tuple[str, dict, dict, Any]:
        """The question a model varies and the two cases it shows."""
        z3 = self.z3
        q = next(q for q in remaining if z3.is_true(m.eval(self.selectors[q], model_completion=True)))
        a = self.assignment(m, "a")  # every other selector is off: copy b differs from a only in q
        vraag = self.model.vragen[q]
        return q, a, {**a, q: read_answer(z3, m, vraag, question_term(vraag, "b"), self.codes)}, m

    # ── derived values the answers already fix ──
    def known_values(self, answers: dict) -> dict:
        """Derived values that the given answers fix, whatever the open questions will be (a value
        outside the outcome's cone only when it is computed without an open question)."""
        known, pending = {}, []
        strict = Evaluation(self.model, answers, self.overrides, strict=True, peildatum=self.peildatum)
        names = [n for n in [*self.model.waarden, *self.model.tabellen]
                 if not (n in self.model.waarden and self.model.waarden[n].parameter)]
        for n in names:
            try:
                known[n] = strict.derived(n, None)  # computed without an open question: fixed
            except Open:
                if n in self.derived:
                    pending.append(n)
        if not pending:
            return known
        z3 = self.z3
        varying: set[str] = set(pending) if self.broken else set()
        with self.scope() as s, self.door.query(self.door.limits.per_call_ms):  # a nicety: a small budget
            if not self.broken and self.door.attempt(lambda: [s.add(self.fixed(q, v)) for q, v in answers.items()],
                                                     "de vraag aan de solver") is None:
                varying = set(pending)
            free = [self.selectors[q] if q not in answers else z3.Not(self.selectors[q]) for q in self.model.vragen]
            while True:
                candidates = [n for n in pending if n not in varying]
                if not candidates:
                    break
                result = self.door.check(s, *free, z3.Or(*[z3.Not(self.same[n]) for n in candidates]))
                if result == UNSAT:
                    break
                seen = self.door.attempt(lambda: self._differing(s.model(), candidates), "het antwoord van de solver") \
                    if result == SAT else None
                if not seen:  # not decided: none of these counts as fixed
                    varying |= set(candidates)
                    break
                varying |= seen
        fixed = [n for n in pending if n not in varying]
        if fixed:
            point = {**answers, **{q: self.sample(q, random.Random(1)) for q in self.model.vragen if q not in answers}}
            if not self.allowed(point):  # the fixed values are those of the completions that keep every eis
                point = {**point, **(self.completion(answers) or {})}
            full = Evaluation(self.model, point, self.overrides, peildatum=self.peildatum)
            known.update({n: full.derived(n, None) for n in fixed})
        return {n: known[n] for n in names if n in known}

    def _differing(self, m: Any, candidates: list[str]) -> set[str]:
        z3 = self.z3
        return {n for n in candidates if not z3.is_true(m.eval(self.same[n], model_completion=True))}

    def match(self, tag: object) -> Any:
        """The z3 condition of a table row or a case (named once in the encoding)."""
        text = self.encoding.matches.get(id(tag), "false")
        if text in ("true", "false"):
            return self.z3.BoolVal(text == "true")
        return self.z3.Bool(text[1:-1])

    # ── asking ──
    @contextlib.contextmanager
    def scope(self) -> Iterator[Any]:
        """The solver, with whatever is added inside taken back afterwards."""
        self.solver.push()
        try:
            yield self.solver
        finally:
            self.solver.pop()

    def condition(self, text: str, conjunction: bool = False) -> Any:
        """SMT-LIB text over the names of copy a as a z3 expression."""
        names = set(re.findall(r"\|[^|]*\|", text))
        sorts = {**self.encoding.sorts, **self.sorts_b}
        declared = [f"(declare-const {n} {sorts[n]})" for n in sorted(names) if n in sorts]
        functions = [f"(declare-fun {f} (Int Int) Int)" for f in self.functions]
        body = f"(and {text})" if conjunction else text
        return self.z3.parse_smt2_string("\n".join(functions + declared) + f"\n(assert {body})")[0]

    # ── values between Python and the solver ──
    def fixed(self, q: str, value: Value) -> Any:
        """The answer of copy a to ``q`` is ``value`` (copy b follows while the selector is off)."""
        from .smt import Smt, declarations

        vraag = self.model.vragen[q]
        term = self.terms[q][0]
        enc = Smt(self.model, "a", self.symbols, self.peildatum)
        text = "\n".join(declarations(vraag, term)) + f"\n(assert {equal(term, enc.constant(value, self.model.types[q]))})"
        return self.z3.parse_smt2_string(text)

    def assignment(self, m: Any, prefix: str) -> dict:
        z3 = self.z3
        answers = {}
        for q, vraag in self.model.vragen.items():
            answers[q] = read_answer(z3, m, vraag, question_term(vraag, prefix), self.codes)
        return answers

    def pin_calendar(self, m: Any) -> None:
        """Give the calendar functions their true value at the points this model used
        (``calendar_pins.py``)."""
        pin_calendar(self, m)

    def sample(self, q: str, rng: random.Random, bias: float = 0.5) -> Value:
        return sample(self.model.vragen[q], self.peildatum, rng, bias)

    def alternatives(self, q: str, value: Value, other: Value = None) -> list:
        return alternatives(self.model.vragen[q], value, self.numbers, other)
