"""Professional judgement: which ``oordeel`` questions can decide a product (``wmo check --oordeel``).

A question marked ``oordeel`` is answered by the consultant's professional judgement. It can
decide a product when two cases that differ only in that answer differ in whether the product
is indicated. That is one question to the solver per product and judgement question, asked of
the still-needed session (two copies, one selector per question): exactly this question may
differ, and the product is indicated in one copy and not in the other. Nothing is enumerated;
what the solver cannot decide in time is said as such ('niet bewezen'), never as 'beslist niet'.
"""

from __future__ import annotations

import datetime as dt

from ..language.check import Model
from .guard import SAT, UNSAT
from .smt import smt_products
from .smt_terms import conj, neg
from .smt_values import text


def judgement_questions(model: Model) -> list[str]:
    """The questions marked 'oordeel', in file order (a person's question once, by its first person)."""
    return [q for q, v in model.vragen.items() if v.oordeel and (v.persoon is None or v.persoon[1] == 1)]


def deciding_judgements(model: Model, peildatum: dt.date) -> dict[str, list[tuple[str, str]]]:
    """Per product, the judgement questions that can decide it: (question, 'ja' | 'niet bewezen')."""
    from .solver import Solver

    questions = judgement_questions(model)
    result: dict[str, list[tuple[str, str]]] = {pid: [] for pid in model.producten}
    if not questions:
        return result
    solver = Solver(model, peildatum)
    z3 = solver.z3
    out_b = solver.out_b
    assert out_b is not None, "a still-needed session has copy b"
    for pid in model.producten:
        (pa, _), (pb, _) = smt_products(solver.out.products)[pid], smt_products(out_b.products)[pid]
        ia = conj(pa, neg(text(solver.out.geen_indicatie)))
        ib = conj(pb, neg(text(out_b.geen_indicatie)))
        differs = solver.door.attempt(lambda: solver.condition(f"(not (= {ia} {ib}))"), "de vraag aan de solver")
        for q in questions:
            if solver.broken or differs is None:
                result[pid].append((q, "niet bewezen"))
                continue
            others = [z3.Not(solver.selectors[r]) for r in model.vragen if r != q]
            with solver.scope() as s, solver.door.query():
                s.add(differs)
                answer = solver.door.check(s, solver.selectors[q], *others)
            if answer == SAT:
                result[pid].append((q, "ja"))
            elif answer != UNSAT:
                result[pid].append((q, "niet bewezen"))
    return result
