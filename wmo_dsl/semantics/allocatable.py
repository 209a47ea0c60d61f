"""The proof that every indicated product can leave as a valid iWmo toewijzing (W028).

What shows without answers (a code, a categorie, a literal volume, the eenheid ×
frequentie of the variant) is checked by the language (``language/iwmo.py``,
``static_problems``). What the answers compute is asked of the solver of ``wmo
check`` (``solver.py``), on the same encoding as gaps and overlaps: is there an answer
that concludes the product with a volume that is not a whole positive number in
its iWmo eenheid (after the finer unit: 2,5 uur is 150 minuten), without an
Einddatum where the frequentie asks one (CD076), or with a duration shorter than a
day (an Einddatum before the Ingangsdatum)? Each example is checked again with
the evaluator and reported with the answers that produce it.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Literal, assert_never

from ..errors import Bevinding
from ..language import ast
from ..language import iwmo as I
from ..language.check import Model
from .evaluate import Evaluation, ProductToekenning
from .notation import value_text
from .smt import smt_products
from .solver import Solver
from .values import Value

Kind = Literal["heel", "positief", "einde", "duur"]  # the ways a product's Omvang can fail


def findings(model: Model, solver: Solver) -> list[Bevinding]:
    """W028 for every product some answers make unallocatable (one finding per product and reason)."""
    found = []
    for product in model.producten.values():
        if not I.states_iwmo(product) or I.static_problems(product) or solver.broken:
            continue  # said already by the checker, or not about iWmo at all
        v = I.product_vorm(product)
        if isinstance(v, str):
            continue
        for kind, reden, condition in _questions(model, product, v, solver):
            example = _example(model, solver, product, v, kind, condition)
            if example is _UNPROVEN:
                found.append(_finding(model, product, f"niet bewezen binnen de tijd: of {reden.split(':')[0]} kan", "W030"))
            elif example is not None:
                found.append(_finding(model, product, f"{reden}, bijvoorbeeld bij: {example}"))
    return found


_UNPROVEN = object()  # the solver's door gave no answer (time, an error): a W030, never a false 'complete'


def _questions(model: Model, product: ast.Product, v: I.Vorm, solver: Solver) -> list[tuple[Kind, str, str]]:
    """(kind, reason, SMT-LIB condition over copy a) for each way the product's Omvang can fail."""
    _, attrs = smt_products(solver.out.restricted)[product.id]
    duur, maximaal, onbeperkt, _, volume = attrs
    questions: list[tuple[Kind, str, str]] = []
    if product.volume is not None and not isinstance(product.volume, ast.Literal):
        factor = v.factor * (I.FINER[v.eenheid][1] if v.eenheid in I.FINER else 1)
        if not _whole_by_rounding(model, product.volume, factor):
            questions.append(("heel", "het volume is geen heel getal in iWmo (ook niet in een fijnere eenheid)",
                              f"(and {volume.d} (not (is_int (* {volume.v} {_real(factor)}))))"))
        questions.append(("positief", "het volume is geen positief getal", f"(or (not {volume.d}) (<= {volume.v} 0.0))"))
    if v.einddatum_verplicht and (product.duur is not None or product.maximale_duur is not None) \
            and not (isinstance(product.duur, ast.Literal) or isinstance(product.maximale_duur, ast.Literal)):
        questions.append(("einde", "een omvang per week zonder einddatum (CD076): het product heeft dan geen duur",
                          f"(and (not {duur.d}) (or (not {maximaal.d}) {onbeperkt.v}))"))
    if product.duur is not None and not isinstance(product.duur, ast.Literal):
        amount = duur.v[0] if isinstance(duur.v, tuple) else str(duur.v)[0]  # a pair; geen ('false') as before
        questions.append(("duur", "de duur is korter dan een dag: de einddatum ligt vóór de ingangsdatum (CS003)",
                          f"(and {duur.d} (< {amount} 1))"))
    return questions


def _whole_by_rounding(model: Model, volume: ast.Expr, factor: Decimal) -> bool:
    """Every value of the volume is a multiple of a step that is whole in the iWmo eenheid (a rounding
    to 15 minuten, sums and differences of such values, whole literals): whole for every answer,
    no solver needed (rounding is slow for it)."""
    step = _step(model, volume, set())
    if step is None:
        return False
    scaled = step * Fraction(factor)
    return scaled.denominator == 1


def _gcd(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    if a is None or b is None:
        return None
    a, b = abs(a), abs(b)
    return Fraction(math.gcd(a.numerator * b.denominator, b.numerator * a.denominator), a.denominator * b.denominator)


def _step(model: Model, e: ast.Expr, seen: set[str]) -> Fraction | None:
    """A step every value of ``e`` is a multiple of, in ``e``'s own unit (0: always 0), or None."""
    match e:
        case ast.Literal(value=Decimal() as x):
            return Fraction(x)
        case ast.Call(function="naar_boven" | "naar_beneden" | "afronden_op", args=(_, stap)):
            return _step(model, stap, seen)  # a multiple of the step, which is a multiple of this
        case ast.Call(function="afronden", args=(_, ast.Literal(value=Decimal() as n))) if n == 0:
            return Fraction(1)
        case ast.Count():
            return Fraction(1)
        case ast.Negate(operand=x):
            return _step(model, x, seen)
        case ast.IfElse(then=a, otherwise=b):
            return _gcd(_step(model, a, seen), _step(model, b, seen))
        case ast.Arith(first=first, rest=rest):
            step = _step(model, first, seen)
            for op, x in rest:
                if op in ("+", "-"):
                    step = _gcd(step, _step(model, x, seen))
                elif op == "*" and isinstance(x, ast.Literal) and isinstance(x.value, Decimal) and x.value == int(x.value):
                    step = step * int(x.value) if step is not None else None
                else:
                    return None
            return step
        case ast.Convert(operand=x, eenheid=to):
            source = x.t.eenheid if x.t is not None else getattr(x, "eenheid", None)
            inner = _step(model, x, seen)
            if inner is None or source is None or not source.convertible(to):
                return None
            return inner * source.factor(to)
        case ast.Ref(target="vraag", id=q):
            vraag = model.vragen.get(q)
            return Fraction(1) if vraag is not None and vraag.geheel else None
        case ast.Ref(target="waarde" | "tabel", id=n) if n not in seen:
            seen = seen | {n}
            w = model.waarden.get(n)
            if w is not None:
                parts = [w.expr] if w.expr is not None else [g.waarde for g in w.gevallen]
            else:
                parts = [r.uitkomst for r in model.tabellen[n].rijen] if n in model.tabellen else []
            step = Fraction(0) if parts else None
            for x in parts:
                step = _gcd(step, _step(model, x, seen))
            return step
        case _:  # any other expression: no step known (the solver is asked instead)
            return None


def _real(x: Decimal) -> str:
    n, d = Decimal(x).as_integer_ratio()
    return f"(/ {n}.0 {d}.0)"


def _example(model: Model, solver: Solver, product: ast.Product, v: I.Vorm, kind: Kind, condition: str) -> str | object | None:
    """The answers of one case that concludes the product with this failure, checked by the
    evaluator; None when the solver finds none (or none the evaluator confirms)."""
    from .guard import SAT, UNSAT

    found = _sampled(model, solver, product, v, kind)
    if found is not None:
        return found
    z3 = solver.z3
    with solver.scope() as s:
        added = solver.door.attempt(lambda: s.add(z3.Bool(f"concluded.{product.id}"), solver.condition(condition)) or True,
                                    "de vraag aan de solver")
        result = solver.door.check(s) if added else None
        if result == UNSAT:
            return None
        answers = solver.door.attempt(lambda: solver.assignment(s.model(), "a"), "het antwoord van de solver") \
            if result == SAT else None
    if answers is None:
        return _UNPROVEN
    return _shown(model, solver, product, v, kind, answers)


_FRACTIONS = (Decimal(0), Decimal("0.5"), Decimal("0.013"))


def _sampled(model: Model, solver: Solver, product: ast.Product, v: I.Vorm, kind: Kind, samples: int = 24) -> str | None:
    """A counterexample among a few sample cases (with fractions in the numbers), before the solver
    is asked: a fraction of a minute is easy to meet by trying and slow to find by proof."""
    import random

    from .samples import allowed

    rng = random.Random(product.id)
    for n in range(samples):
        answers = {}
        for q, vraag in model.vragen.items():
            answers[q] = solver.sample(q, rng, bias=(0.5, 0.9, 0.1)[n % 3])
            if vraag.soort == "getal" and not vraag.geheel:
                trial = answers[q] + rng.choice(_FRACTIONS)
                answers[q] = trial if allowed(vraag, trial) else answers[q]
        shown = _shown(model, solver, product, v, kind, answers)
        if shown is not None:
            return shown
    return None


def _shown(model: Model, solver: Solver, product: ast.Product, v: I.Vorm, kind: Kind, answers: dict) -> str | None:
    """The answers in words when the evaluator confirms they conclude the product without a valid Omvang."""
    evaluation = Evaluation(model, answers, peildatum=solver.peildatum)
    uitkomst = evaluation.conclude(enforce=False)
    if uitkomst.geen_indicatie:
        return None
    granted = next((p for p in uitkomst.producten if p.product == product.id), None)
    if granted is None or not _fails(kind, product, v, granted):
        return None
    used = sorted(model.questions_read_by(product.id) | model.questions_read_by("regel:" + granted.regel), key=list(model.vragen).index)
    return ", ".join(f"{q} = {_words(model, q, answers[q])}" for q in used if q in answers)


def _fails(kind: Kind, product: ast.Product, v: I.Vorm, p: ProductToekenning) -> bool:
    """The evaluator agrees: this granted product fails in this way."""
    volume = p.volume if isinstance(p.volume, Decimal) else None
    match kind:
        case "heel":
            return volume is not None and volume > 0 and isinstance(I.omvang(v, volume), str)
        case "positief":
            return volume is None or volume <= 0
        case "einde":
            return p.duur is None and (p.maximale_duur is None or p.onbeperkt)
        case "duur":
            return p.duur is not None and p.duur.aantal < 1
        case _ as unreachable:
            assert_never(unreachable)


def _words(model: Model, naam: str, value: Value) -> str:
    vraag = model.vragen.get(naam)
    return value_text(value, {o.id: o.label for o in vraag.opties} if vraag else None)


def _finding(model: Model, product: ast.Product, reden: str, code: str = "W028") -> Bevinding:
    pos = product.pos
    bronregel = model.bronregels[pos.line - 1] if 0 < pos.line <= len(model.bronregels) else None
    wat = "is niet altijd toe te wijzen in iWmo" if code == "W028" else "toewijzing in iWmo"
    return Bevinding(code, f"product '{product.id}' {wat}: {reden}", model.pad, pos.line,
                     pos.column, "rond het volume af (bijvoorbeeld naar_boven), reken het om met 'in', of geef het product "
                     "een duur", "waarschuwing", bronregel)
