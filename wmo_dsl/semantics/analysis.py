"""Analysis stage: the proofs of ``wmo check``, decided by the solver on the model's encoding.

Every finding is a question "is there an answer such that …", asked of the same
encoding the still-needed set uses (``solver.py``), never by enumerating
combinations:

* W010: a table has no row for some inputs (the gap as readable rows, '-' where
  every value of a column is missing);
* W011: two rows with another outcome both match (unless ``eerste treffer``);
* W012: the cases of a derived value without ``anders`` leave answers uncovered;
* W020 a rule never fires, W021 a question no rule reads, W022 a product no rule
  concludes, W023 a choice nothing tests;
* E230: a product that may only come with a partner can be concluded without one;
* W030: a proof the solver could not finish within its time (or that failed): said
  as such, never turned into a false gap or a false "complete" (``guard.py``).

Each example the solver finds is turned back into answers, values and words a
policy writer reads.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

from ..errors import Bevinding
from ..language import ast
from ..language.check import Model
from .evaluate import Evaluation
from .guard import SAT, UNSAT, Limits
from .notation import value_text

_MAX_GAPS = 50  # missing rows found per table before the count is given as "meer"
_MAX_OVERLAPS = 20


def analyse(model: Model, peildatum: dt.date | None = None) -> list[Bevinding]:
    """Every finding of the analysis, minus those silenced with '# negeer W0xx' on their line."""
    from .solver import Solver

    solver = Solver(model, peildatum or _peildatum(model), analysis=True)
    findings = []
    if solver.broken:
        findings.append(_unproven(model, "de controles op gaten, overlap en dode regels", model.regio.pos, solver))
    limits = solver.door.limits
    with solver.door.query(limits.per_query_ms * 3):  # one budget for the whole analysis of a file
        for product in model.producten.values():
            if product.alleen_met:
                findings += _combination_findings(model, solver, product)
        for tabel in model.tabellen.values():
            findings += _gaps(model, solver, tabel) + _overlaps(model, solver, tabel)
        findings += _uncovered_cases(model, solver)
        findings += _dead_parts(model, solver)
        findings += __import__("wmo_dsl.semantics.allocatable", fromlist=["findings"]).findings(model, solver)  # W028 (issue 23)
    return [f for f in findings if not _silenced(model, f)]


def _unproven(model: Model, what: str, pos: ast.Pos, solver) -> Bevinding:
    """W030: a proof not finished; the reason (time, an error) goes in the hint."""
    reason = solver.door.reasons[-1] if solver.door.reasons else "de solver gaf geen antwoord"
    return _finding(model, "W030", f"niet bewezen binnen de tijd: {what}", pos,
                    hint=f"{reason}; vereenvoudig de voorwaarden of splits het bestand "
                         f"(tijdslimiet per vraag {Limits().per_call_ms // 1000} s, instelbaar met WMO_SOLVER_MS)")


def _peildatum(model: Model) -> dt.date:
    """The analysis judges at the start of the rules' validity (where 'peildatum' is read)."""
    return model.regio.geldig_vanaf or dt.date(2000, 1, 1)


def _silenced(model: Model, f: Bevinding) -> bool:
    line = model.bronregels[f.regel - 1] if 0 < f.regel <= len(model.bronregels) else ""
    match = re.search(r"#.*\bnegeer\s+([A-Z]\d{3}(?:[ ,]+[A-Z]\d{3})*)", line)
    return bool(match) and f.code in re.split(r"[ ,]+", match.group(1))


def _finding(model: Model, code: str, bericht: str, pos: ast.Pos, hint: str | None = None, ernst: str = "waarschuwing") -> Bevinding:
    line = pos.line
    bronregel = model.bronregels[line - 1] if 0 < line <= len(model.bronregels) else None
    return Bevinding(code, bericht, model.pad, line, pos.column, hint, ernst, bronregel)


def value_words(model: Model, naam: str, value) -> str:
    vraag = model.vragen.get(naam)
    return value_text(value, {o.id: o.label for o in vraag.opties} if vraag else None)


# ── Tables ────────────────────────────────────────────────────────────────


def _inputs_at(model: Model, tabel: ast.Tabel, answers: dict) -> tuple:
    evaluation = Evaluation(model, answers, peildatum=_peildatum(model))
    return tuple(evaluation.value(n) for n in tabel.invoer)


def _gaps(model: Model, solver, tabel: ast.Tabel) -> list[Bevinding]:
    z3 = solver.z3
    rows = [solver.match(rij) for rij in tabel.rijen]
    gap = z3.And(z3.Bool(f"defined.{tabel.id}"), *[z3.Not(r) for r in rows])
    cubes: list[tuple] = []
    blocked = []
    unproven = False
    while len(cubes) < _MAX_GAPS:
        with solver.scope() as s:
            s.add(gap, *blocked)
            result = solver.door.check(s)
            answers = solver.door.attempt(lambda: solver.assignment(s.model(), "a"), "het antwoord van de solver") \
                if result == SAT else None
        if answers is None:
            unproven = result != UNSAT
            break
        values = _nice(model, tabel, answers, _inputs_at(model, tabel, answers))
        cube = _widen(model, solver, tabel, values)
        cubes.append(cube)
        blocked.append(z3.Not(_cube_condition(model, solver, tabel, cube)))
    if not cubes:
        return [_unproven(model, f"of tabel '{tabel.id}' voor elke combinatie een rij heeft", tabel.pos, solver)] if unproven else []
    rows_text = sorted({tuple("-" if v is _ANY else value_text(v) for v in cube) for cube in cubes})
    shown = "; ".join(", ".join(f"{c} {w}" for c, w in zip(tabel.invoer, row)) for row in rows_text[:4])
    more = (f" (en {len(rows_text) - 4} meer)" if len(cubes) < _MAX_GAPS else " (en nog meer)") if len(rows_text) > 4 else ""
    return [_finding(model, "W010", f"tabel '{tabel.id}' heeft geen rij voor: {shown}{more}", tabel.pos,
                     hint="voeg een rij toe, of een rij met '-' voor wat overblijft", ernst="fout")]


_ANY = object()


def _widen(model: Model, solver, tabel: ast.Tabel, values: tuple) -> tuple:
    """A missing combination with '-' for every column whose other values are all missing too."""
    cube = list(values)
    for i in range(len(values)):
        trial = cube[:i] + [_ANY] + cube[i + 1:]
        # is there an answer with these other inputs, this column anything, that some row covers?
        with solver.scope() as s:
            s.add(_cube_condition(model, solver, tabel, tuple(trial)))
            s.add(solver.z3.Or(*[solver.match(rij) for rij in tabel.rijen]))
            covered = solver.door.check(s) != UNSAT  # not decided: not widened
        if not covered:
            cube = trial
    return tuple(cube)


def _cube_condition(model: Model, solver, tabel: ast.Tabel, cube: tuple):
    """The table's inputs (of copy a) equal these values ('-' leaves a column free); a number
    stands for the open stretch between the table's constants around it, where every number
    behaves the same."""
    from decimal import Decimal

    from .smt_terms import real
    from .smt_values import equal

    terms = solver.encoding.table_inputs.get(tabel.id, [])
    constants = sorted({n.value for n in ast.walk(tabel) if isinstance(n, ast.Literal) and isinstance(n.value, Decimal)})
    parts = []
    for term, v, n in zip(terms, cube, tabel.invoer):
        if v is _ANY:
            continue
        if isinstance(v, Decimal) and term.kind == "getal" and v not in constants:
            below = [c for c in constants if c < v]
            above = [c for c in constants if c > v]
            parts += [term.d] + ([f"(> {term.v} {real(below[-1])})"] if below else []) + ([f"(< {term.v} {real(above[0])})"] if above else [])
        else:
            parts.append(equal(term, solver.encoding.constant(v, model.types[n])))
    return solver.condition(" ".join(parts) if parts else "true", conjunction=True)


def _nice(model: Model, tabel: ast.Tabel, answers: dict, values: tuple) -> tuple:
    """A gap shown with round numbers: a numeric question as input takes the first constant of the
    rule file, or a value between two, that still leaves the gap."""
    from decimal import Decimal

    result = list(values)
    for i, naam in enumerate(tabel.invoer):
        vraag = model.vragen.get(naam)
        if vraag is None or vraag.soort != "getal" or values[i] == values[i].to_integral_value():
            continue
        constants = sorted({n.value for n in ast.walk(tabel) if isinstance(n, ast.Literal) and isinstance(n.value, Decimal)})
        candidates = sorted(set(constants) | {(a + b) / 2 for a, b in zip(constants, constants[1:])}
                            | {values[i].to_integral_value()}, key=lambda c: (c != c.to_integral_value(), c))
        for c in candidates:
            trial = {**answers, naam: c}
            evaluation = Evaluation(model, trial, peildatum=_peildatum(model))
            evaluation.value(tabel.id)
            if evaluation.trace[tabel.id].via is None and all(evaluation.value(n) is not None for n in tabel.invoer):
                result[i] = c
                break
    return tuple(result)


def _overlaps(model: Model, solver, tabel: ast.Tabel) -> list[Bevinding]:
    if tabel.eerste_treffer:
        return []
    z3 = solver.z3
    groups: dict = {}
    for rij in tabel.rijen:  # rows with the same outcome may overlap
        groups.setdefault(rij.uitkomst, []).append(solver.match(rij))
    if len(groups) < 2:
        return []
    findings, seen = [], set()
    with solver.scope() as s:
        s.add(z3.AtLeast(*[z3.Or(*rows) for rows in groups.values()], 2))
        while len(findings) < _MAX_OVERLAPS:
            result = solver.door.check(s)
            m = solver.door.attempt(s.model, "het antwoord van de solver") if result == SAT else None
            if m is None:
                if result != UNSAT:
                    findings.append(_unproven(model, f"of de rijen van tabel '{tabel.id}' elkaar uitsluiten", tabel.pos, solver))
                break
            hits = [i for i, rij in enumerate(tabel.rijen) if z3.is_true(m.eval(solver.match(rij), model_completion=True))]
            first = hits[0]
            second = next(i for i in hits if tabel.rijen[i].uitkomst != tabel.rijen[first].uitkomst)
            s.add(z3.Not(z3.And(solver.match(tabel.rijen[first]), solver.match(tabel.rijen[second]))))
            pair = (tabel.rijen[first].pos.line, tabel.rijen[second].pos.line)
            if pair in seen:
                continue
            seen.add(pair)
            answers = solver.assignment(m, "a")
            example = ", ".join(f"{c} {value_words(model, c, v)}" for c, v in zip(tabel.invoer, _inputs_at(model, tabel, answers)))
            findings.append(_finding(model, "W011", f"rij {pair[0]} en rij {pair[1]} van tabel '{tabel.id}' gelden allebei, "
                                                    f"met een andere uitkomst, bijvoorbeeld bij: {example}",
                                     tabel.rijen[second].pos, hint="maak de rijen uitsluitend, of zet 'eerste treffer' in de tabel",
                                     ernst="fout"))
    return findings


# ── Derived values, dead parts, partners ──────────────────────────────────


def _uncovered_cases(model: Model, solver) -> list[Bevinding]:
    """A derived value without 'anders' must have a case for every answer."""
    z3 = solver.z3
    findings = []
    for w in model.waarden.values():
        if not w.gevallen or any(g.voorwaarde is None for g in w.gevallen):
            continue
        with solver.scope() as s:
            s.add(*[z3.Not(solver.match(g)) for g in w.gevallen])
            result = solver.door.check(s)
            answers = solver.door.attempt(lambda: solver.assignment(s.model(), "a"), "het antwoord van de solver") \
                if result == SAT else None
        if answers is None:
            if result != UNSAT:
                findings.append(_unproven(model, f"of '{w.id}' voor elke combinatie van antwoorden een geval heeft", w.pos, solver))
            continue
        inputs = [q for q in model.vragen if q in model.questions_read_by(w.id)]
        example = ", ".join(f"{q} {value_words(model, q, answers[q])}" for q in inputs)
        readers = _decisive_readers(model, w.id)
        if readers:  # a product, a volume, a duration or a rule would read 'geen'
            findings.append(_finding(model, "E232", f"'{w.id}' kan zonder waarde blijven, en {readers[0]} leest haar; "
                                                    f"geen geval geldt bijvoorbeeld bij: {example}",
                                     w.pos, hint="voeg het ontbrekende geval toe, of eindig met 'anders'", ernst="fout"))
            continue
        findings.append(_finding(model, "W012", f"'{w.id}' heeft geen geval voor elke combinatie van antwoorden, bijvoorbeeld: {example}",
                                 w.pos, hint="voeg een geval toe, of eindig met 'anders' (eventueel 'geen anders')"))
    return findings


def _decisive_readers(model: Model, naam: str) -> list[str]:
    """The rules and products that read a derived value directly, in words."""
    found = []
    for rid in model.regels:
        if naam in model.afhankelijkheden.get("regel:" + rid, ()):
            found.append(f"regel '{rid}'")
    for pid in model.producten:
        if naam in model.afhankelijkheden.get(pid, ()):
            found.append(f"product '{pid}'")
    return found


def _dead_parts(model: Model, solver) -> list[Bevinding]:
    z3 = solver.z3
    findings = []
    fired, concluded_somewhere = _alive_in_samples(model, solver)
    fires = {"regel:" + rid: z3.Bool(f"fires.{rid}") for rid, r in model.regels.items() if r.voorwaarde is not None and rid not in fired}
    dead, undecided = _never(solver, fires, partial(_alive, model))
    for rid in sorted((k.removeprefix("regel:") for k in undecided), key=list(model.regels).index):
        findings.append(_unproven(model, f"of regel '{rid}' kan gelden", model.regels[rid].pos, solver))
    for rid in sorted((k.removeprefix("regel:") for k in dead), key=list(model.regels).index):
        findings.append(_finding(model, "W020", f"regel '{rid}' kan nooit gelden: de voorwaarde is bij geen enkel antwoord waar",
                                 model.regels[rid].pos))
    used: set[str] = set()
    for rid in model.regels:
        used |= model.questions_read_by("regel:" + rid)
    for tid in model.termijnen:
        used |= model.questions_read_by("termijn:" + tid)
    for vraag in model.vragen.values():
        if vraag.persoon is not None:  # a person's question: once per field, by the first person
            lijst, nummer, veld = vraag.persoon
            if nummer == 1 and vraag.id not in used:
                findings.append(_finding(model, "W021", f"vraag '{veld}' over elke persoon van '{lijst}' wordt door geen regel "
                                         "gebruikt en zal nooit gesteld worden", vraag.pos,
                                         hint="gebruik haar in een telling (aantal … met, som van, hoogste, laagste) of verwijder haar"))
        elif vraag.id not in used:
            findings.append(_finding(model, "W021", f"vraag '{vraag.id}' wordt door geen regel gebruikt en zal nooit gesteld worden",
                                     vraag.pos, hint="gebruik haar in een regel of verwijder haar"))
    concluded = {"product:" + pid: z3.Bool(f"concluded.{pid}") for pid in model.producten if pid not in concluded_somewhere}
    dead, undecided = _never(solver, concluded, partial(_alive, model))
    for pid in sorted((k.removeprefix("product:") for k in undecided), key=list(model.producten).index):
        findings.append(_unproven(model, f"of product '{pid}' door een regel geconcludeerd kan worden", model.producten[pid].pos, solver))
    for pid in sorted((k.removeprefix("product:") for k in dead), key=list(model.producten).index):
        findings.append(_finding(model, "W022", f"product '{pid}' wordt door geen regel geconcludeerd", model.producten[pid].pos))
    symbols = {node.id for d in [*model.waarden.values(), *model.tabellen.values(), *model.regels.values(),
                                 *model.termijnen.values(), *model.producten.values()]
               for node in ast.walk(d) if isinstance(node, ast.Symbol)}
    for vraag in model.vragen.values():
        if vraag.soort == "keuze" and vraag.id in used and (vraag.persoon is None or vraag.persoon[1] == 1):
            for optie in vraag.opties:
                if optie.id not in symbols:
                    naam = vraag.persoon[2] if vraag.persoon else vraag.id
                    findings.append(_finding(model, "W023", f"keuze '{optie.id}' van vraag '{naam}' wordt nergens getoetst", optie.pos,
                                             hint="een keuze die niets uitmaakt kan weg, of er ontbreekt een regel"))
    return findings


def _alive_in_samples(model: Model, solver, samples: int = 32) -> tuple[set, set]:
    """Rules that fire and products the rules conclude in a few random cases: those are alive
    without asking the solver."""
    import random

    rng = random.Random(0)
    fired, concluded = set(), set()
    for _ in range(samples):
        evaluation = Evaluation(model, {q: solver.sample(q, rng) for q in model.vragen}, peildatum=solver.peildatum)
        uitkomst = evaluation.conclude(enforce=False)
        fired |= {rid for rid in model.regels if evaluation.trace["regel:" + rid].waarde is True}
        if not uitkomst.geen_indicatie:
            concluded |= {p.product for p in uitkomst.producten}
    return fired, concluded


def _never(solver, conditions: dict, alive_in) -> tuple[set, set]:
    """The keys whose condition no answer makes true, and those the solver could not decide. Each
    is asked on its own (a small question for the solver); every example it finds is evaluated, and
    all that example makes true is alive. An undecided key is not proven dead: it is said as such."""
    left, dead, undecided = dict(conditions), set(), set()
    with solver.scope() as s:
        while left:
            key, condition = next(iter(left.items()))
            result = solver.door.check(s, condition)
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


def _alive(model: Model, answers: dict) -> set:
    """The rules that fire and the products concluded for one case (keys 'regel:x' and 'product:x')."""
    evaluation = Evaluation(model, answers, peildatum=_peildatum(model))
    uitkomst = evaluation.conclude(enforce=False)
    alive = {"regel:" + rid for rid in model.regels if evaluation.trace["regel:" + rid].waarde is True}
    if not uitkomst.geen_indicatie:
        alive |= {"product:" + p.product for p in uitkomst.producten}
    return alive


def _combination_findings(model: Model, solver, product: ast.Product) -> list[Bevinding]:
    z3 = solver.z3
    partners = set(product.alleen_met)
    with solver.scope() as s:
        s.add(z3.Bool(f"concluded.{product.id}"), *[z3.Not(z3.Bool(f"concluded.{p}")) for p in partners])
        result = solver.door.check(s)
        witness = solver.door.attempt(lambda: solver.assignment(s.model(), "a"), "het antwoord van de solver") \
            if result == SAT else None
    if witness is None:
        return [] if result == UNSAT else [_unproven(model, f"of product '{product.id}' alleen samen met "
                                                            f"{' of '.join(product.alleen_met)} kan komen", product.pos, solver)]
    evaluation = Evaluation(model, witness, peildatum=_peildatum(model))
    uitkomst = evaluation.conclude(enforce=False)
    rid = next(p.regel for p in uitkomst.producten if p.product == product.id)
    regel = model.regels[rid]
    used = sorted(model.questions_read_by("regel:" + rid) | {q for q in witness if q in evaluation.values}, key=list(model.vragen).index)
    voorbeeld = ", ".join(f"{q} = {value_words(model, q, witness[q])}" for q in used)
    namen = " of ".join(f"'{p}'" for p in product.alleen_met)
    return [_finding(model, "E230", f"regel '{rid}' kan product '{product.id}' concluderen zonder {namen} (alleen in combinatie met), "
                                    f"bijvoorbeeld bij: {voorbeeld}", regel.pos,
                     hint=f"neem in de voorwaarde van '{rid}' op wat {namen} oplevert", ernst="fout")]
