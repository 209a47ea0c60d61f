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

from decimal import Decimal

from ..errors import Bevinding
from ..language import ast
from ..language import iwmo as I
from ..language.check import Model
from .evaluate import Evaluation
from .notation import value_text


def findings(model: Model, solver) -> list[Bevinding]:
    """W028 for every product some answers make unallocatable (one finding per product and reason)."""
    found = []
    for product in model.producten.values():
        if not I.states_iwmo(product) or I.static_problems(product) or solver.broken:
            continue  # said already by the checker, or not about iWmo at all
        v = I.product_vorm(product)
        if isinstance(v, str):
            continue
        for reden, condition in _questions(product, v, solver):
            example = _example(model, solver, product, v, condition)
            if example is _UNPROVEN:
                found.append(_finding(model, product, f"niet bewezen binnen de tijd: of {reden.split(':')[0]} kan", "W030"))
            elif example is not None:
                found.append(_finding(model, product, f"{reden}, bijvoorbeeld bij: {example}"))
    return found


_UNPROVEN = object()  # the solver's door gave no answer (time, an error): a W030, never a false 'complete'


def _questions(product: ast.Product, v: I.Vorm, solver) -> list[tuple[str, str]]:
    """(reason, SMT-LIB condition over copy a) for each way the product's Omvang can fail."""
    _, attrs = solver.out.restricted[product.id]
    duur, maximaal, onbeperkt, _, volume = attrs
    questions = []
    if product.volume is not None and not isinstance(product.volume, ast.Literal):
        factor = v.factor * (I.FINER[v.eenheid][1] if v.eenheid in I.FINER else 1)
        if not _whole_by_rounding(product.volume, factor):
            questions.append(("het volume is geen heel getal in iWmo (ook niet in een fijnere eenheid)",
                              f"(and {volume.d} (not (is_int (* {volume.v} {_real(factor)}))))"))
        questions.append(("het volume is geen positief getal", f"(or (not {volume.d}) (<= {volume.v} 0.0))"))
    if v.einddatum_verplicht and (product.duur is not None or product.maximale_duur is not None) \
            and not (isinstance(product.duur, ast.Literal) or isinstance(product.maximale_duur, ast.Literal)):
        questions.append(("een omvang per week zonder einddatum (CD076): het product heeft dan geen duur",
                          f"(and (not {duur.d}) (or (not {maximaal.d}) {onbeperkt.v}))"))
    if product.duur is not None and not isinstance(product.duur, ast.Literal):
        questions.append(("de duur is korter dan een dag: de einddatum ligt vóór de ingangsdatum (CS003)",
                          f"(and {duur.d} (< {duur.v[0]} 1))"))
    return questions


def _whole_by_rounding(volume, factor: Decimal) -> bool:
    """The volume is rounded to a fixed step that is whole in the iWmo eenheid (naar_boven(x, 1 minuten
    per week)): whole for every answer, no solver needed (rounding is slow for it)."""
    if not (isinstance(volume, ast.Call) and volume.function in ("naar_boven", "naar_beneden", "afronden_op")):
        return False
    step = volume.args[1] if len(volume.args) == 2 else None
    if not (isinstance(step, ast.Literal) and isinstance(step.value, Decimal)):
        return False
    scaled = step.value * factor
    return scaled == scaled.to_integral_value()


def _real(x: Decimal) -> str:
    n, d = Decimal(x).as_integer_ratio()
    return f"(/ {n}.0 {d}.0)"


def _example(model: Model, solver, product: ast.Product, v: I.Vorm, condition: str) -> str | None:
    """The answers of one case that concludes the product with this failure, checked by the
    evaluator; None when the solver finds none (or none the evaluator confirms)."""
    from .guard import SAT, UNSAT

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
    evaluation = Evaluation(model, answers, peildatum=solver.peildatum)
    uitkomst = evaluation.conclude(enforce=False)
    granted = next((p for p in uitkomst.producten if p.product == product.id), None)
    if granted is None or not _fails(product, v, granted):
        return None
    used = sorted(model.questions_read_by(product.id) | model.questions_read_by("regel:" + granted.regel), key=list(model.vragen).index)
    return ", ".join(f"{q} = {_words(model, q, answers[q])}" for q in used if q in answers)


def _fails(product: ast.Product, v: I.Vorm, p) -> bool:
    """The evaluator agrees: this granted product gets no valid Omvang or dates."""
    if p.volume is None or isinstance(p.volume, bool) or not isinstance(p.volume, Decimal):
        return product.volume is not None
    if isinstance(I.omvang(v, p.volume), str):
        return True
    if v.einddatum_verplicht and p.duur is None and (p.maximale_duur is None or p.onbeperkt):
        return True
    return p.duur is not None and p.duur.aantal < 1


def _words(model: Model, naam: str, value) -> str:
    vraag = model.vragen.get(naam)
    return value_text(value, {o.id: o.label for o in vraag.opties} if vraag else None)


def _finding(model: Model, product: ast.Product, reden: str, code: str = "W028") -> Bevinding:
    pos = product.pos
    bronregel = model.bronregels[pos.line - 1] if 0 < pos.line <= len(model.bronregels) else None
    wat = "is niet altijd toe te wijzen in iWmo" if code == "W028" else "toewijzing in iWmo"
    return Bevinding(code, f"product '{product.id}' {wat}: {reden}", model.pad, pos.line,
                     pos.column, "rond het volume af (bijvoorbeeld naar_boven), reken het om met 'in', of geef het product "
                     "een duur", "waarschuwing", bronregel)
