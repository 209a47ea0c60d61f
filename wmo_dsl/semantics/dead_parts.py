"""Dead parts and partner products: rules that never fire, questions nothing reads, products no
rule concludes, choices nothing tests (W020-W023), and a product that needs a partner concluded
without one (E230). Each "never" is asked of the solver one at a time; samples and every example
the solver finds clear what they show alive."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any, Callable

from ..errors import Bevinding
from ..language import ast
from ..language.check import Model
from .evaluate import Evaluation
from .findings import finding, judged_on, unproven, value_words
from .guard import SAT, UNSAT
from .lookup import table_lookup
from .samples import sample
from .solver import Solver


Alive = tuple[frozenset[str], frozenset[str]]  # rules that can fire, products the rules can conclude


def dead_parts(model: Model, solver: Solver, alive: Alive | None = None) -> list[Bevinding]:
    """W020-W023. ``alive``: rules and products known to be alive (from the proofs of an earlier text
    whose other definitions are the same: ``tools/lsp/proofcache.py``), asked of no sample or solver;
    without it, a few samples find those that plainly are."""
    findings = []
    alone = _without_combinations(model)
    fired, concluded_somewhere = _alive_in_samples(alone, solver) if alive is None else (set(alive[0]), set(alive[1]))
    fires = {"regel:" + rid: f"fires.{rid}" for rid, r in model.regels.items() if r.voorwaarde is not None and rid not in fired}
    dead, undecided = _never(solver, fires, partial(_alive, alone))
    for rid in sorted((k.removeprefix("regel:") for k in undecided), key=list(model.regels).index):
        findings.append(unproven(model, f"of regel '{rid}' kan gelden", model.regels[rid].pos, solver))
    for rid in sorted((k.removeprefix("regel:") for k in dead), key=list(model.regels).index):
        findings.append(finding(model, "W020", f"regel '{rid}' kan nooit gelden: de voorwaarde is bij geen enkel antwoord waar",
                                 model.regels[rid].pos))
    used: set[str] = set()
    for rid in model.regels:
        used |= model.questions_read_by("regel:" + rid)
    for tid in model.termijnen:
        used |= model.questions_read_by("termijn:" + tid)
    used |= model.informational_questions()  # shown in a motivering or a kenmerk: asked, so not unused
    for vraag in model.vragen.values():
        if vraag.persoon is not None:  # a person's question: once per field, by the first person
            lijst, nummer, veld = vraag.persoon
            if nummer == 1 and vraag.id not in used:
                findings.append(finding(model, "W021", f"vraag '{veld}' over elke persoon van '{lijst}' wordt door geen regel "
                                         "gebruikt en zal nooit gesteld worden", vraag.pos,
                                         hint="gebruik haar in een telling (aantal … met, som van, hoogste, laagste) of verwijder haar"))
        elif vraag.id not in used:
            findings.append(finding(model, "W021", f"vraag '{vraag.id}' wordt door geen regel gebruikt en zal nooit gesteld worden",
                                     vraag.pos, hint="gebruik haar in een regel of verwijder haar"))
    concluded = {"product:" + pid: f"concluded.{pid}" for pid in model.producten if pid not in concluded_somewhere}
    dead, undecided = _never(solver, concluded, partial(_alive, alone))
    for pid in sorted((k.removeprefix("product:") for k in undecided), key=list(model.producten).index):
        findings.append(unproven(model, f"of product '{pid}' door een regel geconcludeerd kan worden", model.producten[pid].pos, solver))
    for pid in sorted((k.removeprefix("product:") for k in dead), key=list(model.producten).index):
        findings.append(finding(model, "W022", f"product '{pid}' wordt door geen regel geconcludeerd", model.producten[pid].pos))
    symbols = {node.id for d in [*model.waarden.values(), *model.tabellen.values(), *model.regels.values(),
                                 *model.termijnen.values(), *model.producten.values()]
               for node in ast.walk(d) if isinstance(node, ast.Symbol)}
    for vraag in model.vragen.values():
        if vraag.soort == "keuze" and vraag.id in used and (vraag.persoon is None or vraag.persoon[1] == 1):
            for optie in vraag.opties:
                if optie.id not in symbols:
                    naam = vraag.persoon[2] if vraag.persoon else vraag.id
                    findings.append(finding(model, "W023", f"keuze '{optie.id}' van vraag '{naam}' wordt nergens getoetst", optie.pos,
                                             hint="een keuze die niets uitmaakt kan weg, of er ontbreekt een regel"))
    return findings


def _without_combinations(model: Model) -> Model:
    """The model with no 'alleen in combinatie met': what ``conclude(enforce=False)`` says of it (the rules
    that fire, the products they conclude, 'geen indicatie') is what it says of ``model``, without
    working out the combinations it then leaves out (for every sample, a round per such product)."""
    if not any(p.alleen_met for p in model.producten.values()):
        return model
    return replace(model, producten={pid: replace(p, alleen_met=()) if p.alleen_met else p for pid, p in model.producten.items()})


def _alive_in_samples(model: Model, solver: Solver, samples: int = 32) -> tuple[set[str], set[str]]:
    """Rules that fire and products the rules conclude in a few random cases: those are alive
    without asking the solver."""
    import random

    rng = random.Random(0)
    fired, concluded = set(), set()
    lookups = {tid: found for tid, tabel in model.tabellen.items() if (found := table_lookup(model, tabel)) is not None}
    for _ in range(samples):
        answers = {q: sample(vraag, solver.peildatum, rng) for q, vraag in model.vragen.items()}
        evaluation = Evaluation(model, answers, _looked_up(model, lookups, answers), peildatum=solver.peildatum)
        uitkomst = evaluation.conclude(enforce=False)
        fired |= {rid for rid in model.regels if evaluation.trace["regel:" + rid].waarde is True}
        if not uitkomst.geen_indicatie:
            concluded |= {p.product for p in uitkomst.producten}
    return fired, concluded


def _looked_up(model: Model, lookups: dict[str, tuple[list[int], dict[tuple, object], list[int]]], answers: dict) -> dict:
    """The value of every table whose inputs are questions and whose dictionary (``lookup.py``) has
    the answers' key: the value its first matching row gives, found without trying the rows."""
    found = {}
    for tid, (keys, table, _rest) in lookups.items():
        invoer = model.tabellen[tid].invoer
        if all(invoer[c] in model.vragen for c in keys):
            key = tuple(answers.get(invoer[c]) for c in keys)
            if key in table:
                found[tid] = table[key]
    return found


def _never(solver: Solver, conditions: dict[str, str], alive_in: Callable[[dict], set[str]]) -> tuple[set[str], set[str]]:
    """The keys whose condition (a Bool named in the encoding) no answer makes true, and those the solver could not decide. Each
    is asked on its own (a small question for the solver); every example it finds is evaluated, and
    all that example makes true is alive. An undecided key is not proven dead: it is said as such."""
    left = dict(conditions)
    dead: set[str] = set()
    undecided: set[str] = set()
    if not left:
        return dead, undecided  # nothing to ask: no session needed
    with solver.scope() as s:
        while left:
            key, condition = next(iter(left.items()))
            result = solver.door.check(s, solver.z3.Bool(condition))
            del left[key]
            if result == UNSAT:
                dead.add(key)
                continue
            answers = solver.door.attempt(lambda: solver.assignment(s.model(), "a"), "het antwoord van de solver") \
                if result == SAT else None
            if answers is None:
                undecided.add(key)
                continue
            for alive in alive_in(answers):
                left.pop(alive, None)
                undecided.discard(alive)
    return dead, undecided


def _alive(model: Model, answers: dict) -> set[str]:
    """The rules that fire and the products concluded for one case (keys 'regel:x' and 'product:x')."""
    evaluation = Evaluation(model, answers, peildatum=judged_on(model))
    uitkomst = evaluation.conclude(enforce=False)
    alive = {"regel:" + rid for rid in model.regels if evaluation.trace["regel:" + rid].waarde is True}
    if not uitkomst.geen_indicatie:
        alive |= {"product:" + p.product for p in uitkomst.producten}
    return alive


def combination_findings(model: Model, solver: Solver, product: ast.Product) -> list[Bevinding]:
    z3 = solver.z3
    partners = set(product.alleen_met)
    with solver.scope() as s:
        s.add(z3.Bool(f"concluded.{product.id}"), *[z3.Not(z3.Bool(f"concluded.{p}")) for p in partners])
        result = solver.door.check(s)
        witness = solver.door.attempt(lambda: solver.assignment(s.model(), "a"), "het antwoord van de solver") \
            if result == SAT else None
    if witness is None:
        return [] if result == UNSAT else [unproven(model, f"of product '{product.id}' alleen samen met "
                                                            f"{' of '.join(product.alleen_met)} kan komen", product.pos, solver)]
    evaluation = Evaluation(model, witness, peildatum=judged_on(model))
    uitkomst = evaluation.conclude(enforce=False)
    rid = next(p.regel for p in uitkomst.producten if p.product == product.id)
    regel = model.regels[rid]
    used = sorted(model.questions_read_by("regel:" + rid) | {q for q in witness if q in evaluation.values}, key=list(model.vragen).index)
    voorbeeld = ", ".join(f"{q} = {value_words(model, q, witness[q])}" for q in used)
    namen = " of ".join(f"'{p}'" for p in product.alleen_met)
    return [finding(model, "E230", f"regel '{rid}' kan product '{product.id}' concluderen zonder {namen} (alleen in combinatie met), "
                                    f"bijvoorbeeld bij: {voorbeeld}", regel.pos,
                     hint=f"neem in de voorwaarde van '{rid}' op wat {namen} oplevert", ernst="fout")]
