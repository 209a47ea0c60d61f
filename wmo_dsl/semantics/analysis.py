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

A table of exact cells ('-' or one value of a keuze or ja/nee question) is decided
without the solver where that says what the solver says (``exact_tables.py``): no
gap, no overlap, or the overlapping rows of keys without '-'; the solver session
itself is built only when some proof needs it (``lazy_solver.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import ExitStack
from functools import partial
from typing import Any, cast

from ..errors import Bevinding
from ..language import ast
from ..language.check import Model
from . import allocatable
from .dead_parts import Alive, combination_findings, dead_parts
from .eisen import eis_findings
from .exact_tables import complete, overlapping_pairs
from .evaluate import Evaluation
from .findings import finding, judged_on, unproven, value_words, witness
from .guard import SAT, UNSAT
from .lazy_solver import LazySolver
from .lookup import exact_rows
from .notation import value_text
from .solver import Solver

_MAX_GAPS = 50  # missing rows found per table before the count is given as "meer"
_MAX_OVERLAPS = 20


def analyse(model: Model, peildatum: dt.date | None = None) -> list[Bevinding]:
    """Every finding of the analysis, minus those silenced with '# negeer W0xx' on their line."""
    return [f for f in unsilenced_findings(model, peildatum) if not silenced(model, f)]


def unsilenced_findings(model: Model, peildatum: dt.date | None = None, alive: Alive | None = None) -> list[Bevinding]:
    """Every finding of the analysis, '# negeer' comments not yet applied (``tools/lsp/proofcache.py``
    moves them to the places of a text whose rules are the same). ``alive``: the rules and products
    known to be alive (``dead_parts``)."""
    findings: list[Bevinding] = []
    with ExitStack() as stack:  # one budget for the whole analysis of a file, from when the solver is first needed
        lazy = LazySolver(model, peildatum or judged_on(model), stack)
        solver = cast(Solver, lazy)  # a stand-in that becomes the session on first use
        for product in model.producten.values():
            if product.alleen_met:
                findings += combination_findings(model, solver, product)
        for tabel in model.tabellen.values():
            exact = exact_rows(model, tabel)  # decided without the solver where that says the same (exact_tables.py)
            if exact is None or complete(*exact) is not True:
                findings += _gaps(model, solver, tabel)
            pairs = None if exact is None or tabel.eerste_treffer else overlapping_pairs(exact[1], [r.uitkomst for r in tabel.rijen])
            if exact is None or pairs is None:
                findings += _overlaps(model, solver, tabel)
            else:
                findings += _exact_overlaps(model, tabel, exact[1], pairs)
        findings += _uncovered_cases(model, solver)
        findings += dead_parts(model, solver, alive)
        findings += allocatable.findings(model, solver)  # W028: every product can leave as a toewijzing
        findings += eis_findings(model, solver)  # W035: the eisen leave no answer at all
    if lazy.built is not None and lazy.built.broken:
        findings.insert(0, unproven(model, "de controles op gaten, overlap en dode regels", model.regio.pos, lazy.built))
    return findings


def silenced(model: Model, f: Bevinding) -> bool:
    line = model.bronregels[f.regel - 1] if 0 < f.regel <= len(model.bronregels) else ""
    match = re.search(r"#.*\bnegeer\s+([A-Z]\d{3}(?:[ ,]+[A-Z]\d{3})*)", line)
    return match is not None and f.code in re.split(r"[ ,]+", match.group(1))


# ── Tables ────────────────────────────────────────────────────────────────


def _no_row(model: Model, definition: ast.Tabel | ast.Waarde, answers: dict) -> bool:
    """No row of the table (no case of the value) matches these answers, evaluated concretely."""
    evaluation = Evaluation(model, answers, peildatum=judged_on(model))
    evaluation.value(definition.id)
    return evaluation.trace[definition.id].via is None


def _inputs_at(model: Model, tabel: ast.Tabel, answers: dict) -> tuple:
    evaluation = Evaluation(model, answers, peildatum=judged_on(model))
    return tuple(evaluation.value(n) for n in tabel.invoer)


def _gaps(model: Model, solver: Solver, tabel: ast.Tabel) -> list[Bevinding]:
    z3 = solver.z3
    rows = [solver.match(rij) for rij in tabel.rijen]
    gap = z3.And(z3.Bool(f"defined.{tabel.id}"), *[z3.Not(r) for r in rows])
    cubes: list[tuple] = []
    blocked: list[Any] = []  # z3 terms
    unfinished = False
    while len(cubes) < _MAX_GAPS:
        with solver.scope() as s:
            s.add(gap, *blocked)
            result, answers = witness(solver, s, partial(_no_row, model, tabel))
        if answers is None:
            unfinished = result != UNSAT
            break
        values = _nice(model, tabel, answers, _inputs_at(model, tabel, answers))
        cube = _widen(model, solver, tabel, values)
        cubes.append(cube)
        blocked.append(z3.Not(_cube_condition(model, solver, tabel, cube)))
    if not cubes:
        return [unproven(model, f"of tabel '{tabel.id}' voor elke combinatie een rij heeft", tabel.pos, solver)] if unfinished else []
    rows_text = sorted({tuple("-" if v is _ANY else value_text(v) for v in cube) for cube in cubes})
    shown = "; ".join(", ".join(f"{c} {w}" for c, w in zip(tabel.invoer, row)) for row in rows_text[:4])
    more = (f" (en {len(rows_text) - 4} meer)" if len(cubes) < _MAX_GAPS else " (en nog meer)") if len(rows_text) > 4 else ""
    return [finding(model, "W010", f"tabel '{tabel.id}' heeft geen rij voor: {shown}{more}", tabel.pos,
                     hint="voeg een rij toe, of een rij met '-' voor wat overblijft", ernst="fout")]


_ANY = object()


def _widen(model: Model, solver: Solver, tabel: ast.Tabel, values: tuple) -> tuple:
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


def _cube_condition(model: Model, solver: Solver, tabel: ast.Tabel, cube: tuple) -> Any:
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
            evaluation = Evaluation(model, trial, peildatum=judged_on(model))
            evaluation.value(tabel.id)
            if evaluation.trace[tabel.id].via is None and all(evaluation.value(n) is not None for n in tabel.invoer):
                result[i] = c
                break
    return tuple(result)


def _overlaps(model: Model, solver: Solver, tabel: ast.Tabel) -> list[Bevinding]:
    if tabel.eerste_treffer:
        return []
    z3 = solver.z3
    groups: dict = {}
    for rij in tabel.rijen:  # rows with the same outcome may overlap
        groups.setdefault(rij.uitkomst, []).append(solver.match(rij))
    if len(groups) < 2:
        return []
    findings: list[Bevinding] = []
    seen: set[tuple[int, int]] = set()
    with solver.scope() as s:
        s.add(z3.AtLeast(*[z3.Or(*rows) for rows in groups.values()], 2))
        while len(findings) < _MAX_OVERLAPS:
            result = solver.door.check(s)
            m = solver.door.attempt(s.model, "het antwoord van de solver") if result == SAT else None
            if m is None:
                if result != UNSAT:
                    findings.append(unproven(model, f"of de rijen van tabel '{tabel.id}' elkaar uitsluiten", tabel.pos, solver))
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
            findings.append(_overlap_finding(model, tabel, first, second, example))
    return findings


def _exact_overlaps(model: Model, tabel: ast.Tabel, keys: list[tuple], pairs: list[tuple[int, int]]) -> list[Bevinding]:
    """W011 for the overlapping rows of an exact table without '-' cells, worded as ``_overlaps``
    words them; the example is the rows' key."""
    findings = []
    for first, second in pairs[:_MAX_OVERLAPS]:
        example = ", ".join(f"{c} {value_words(model, c, v)}" for c, v in zip(tabel.invoer, keys[first]))
        findings.append(_overlap_finding(model, tabel, first, second, example))
    return findings


def _overlap_finding(model: Model, tabel: ast.Tabel, first: int, second: int, example: str) -> Bevinding:
    lines = (tabel.rijen[first].pos.line, tabel.rijen[second].pos.line)
    return finding(model, "W011", f"rij {lines[0]} en rij {lines[1]} van tabel '{tabel.id}' gelden allebei, "
                                  f"met een andere uitkomst, bijvoorbeeld bij: {example}",
                   tabel.rijen[second].pos, hint="maak de rijen uitsluitend, of zet 'eerste treffer' in de tabel", ernst="fout")


# ── Derived values, dead parts, partners ──────────────────────────────────


def _uncovered_cases(model: Model, solver: Solver) -> list[Bevinding]:
    """A derived value without 'anders' must have a case for every answer."""
    findings: list[Bevinding] = []
    for w in model.waarden.values():
        if not w.gevallen or any(g.voorwaarde is None for g in w.gevallen):
            continue
        with solver.scope() as s:
            s.add(*[solver.z3.Not(solver.match(g)) for g in w.gevallen])
            result, answers = witness(solver, s, partial(_no_row, model, w))
        if answers is None:
            if result != UNSAT:
                findings.append(unproven(model, f"of '{w.id}' voor elke combinatie van antwoorden een geval heeft", w.pos, solver))
            continue
        inputs = [q for q in model.vragen if q in model.questions_read_by(w.id)]
        example = ", ".join(f"{q} {value_words(model, q, answers[q])}" for q in inputs)
        readers = _decisive_readers(model, w.id)
        if readers:  # a product, a volume, a duration or a rule would read 'geen'
            findings.append(finding(model, "E232", f"'{w.id}' kan zonder waarde blijven, en {readers[0]} leest haar; "
                                                    f"geen geval geldt bijvoorbeeld bij: {example}",
                                     w.pos, hint="voeg het ontbrekende geval toe, of eindig met 'anders'", ernst="fout"))
            continue
        findings.append(finding(model, "W012", f"'{w.id}' heeft geen geval voor elke combinatie van antwoorden, bijvoorbeeld: {example}",
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
