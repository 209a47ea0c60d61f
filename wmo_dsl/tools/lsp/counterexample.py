"""The answers behind a gap, an overlap or an uncovered case, as a case file ``wmo test`` runs.

The analysis says a counterexample in words; to make a test of it the answers
are needed as data. They are asked of the same solver session and the same
conditions the analysis uses (``Solver.match`` of each row or case,
``defined.<tabel>``), one example per finding, and written in the shape of the
region's example cases: ``regio``, ``peildatum``, ``antwoorden`` and a
``verwacht`` that records what the rules give today, for the policy writer to
correct to what they should give.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Literal, assert_never, get_args

from ...cases.answers import answers_json, convert_answers
from ...cases.contract import result_json
from ...errors import WmoFout
from ...language.check import Model
from ...semantics.engine import Rules
from ...semantics.guard import SAT

# The codes whose message holds a counterexample, and the definition the message names.
Code = Literal["W010", "W011", "W012", "E232"]
CODES: tuple[Code, ...] = get_args(Code)


def counterexample_code(code: object) -> Code | None:
    """``code`` as one of CODES, or None (a finding without a counterexample)."""
    return next((c for c in CODES if c == code), None)


def _peildatum(model: Model) -> dt.date:
    return model.regio.geldig_vanaf or dt.date(2000, 1, 1)  # where the analysis judges


def example_answers(model: Model, code: Code, bericht: str, regel: int) -> dict | None:
    """One answer set for which the finding holds, or None when the solver finds none in time."""
    from ...semantics.solver import Solver

    solver = Solver(model, _peildatum(model), analysis=True)
    z3 = solver.z3
    named = re.search(r"'([A-Za-z_][A-Za-z0-9_]*)'", bericht)
    if named is None:
        return None
    naam = named.group(1)
    match code:
        case "W010":
            tabel = model.tabellen.get(naam)
            if tabel is None:
                return None
            condition = z3.And(z3.Bool(f"defined.{tabel.id}"), *[z3.Not(solver.match(r)) for r in tabel.rijen])
        case "W011":
            genoemd = re.search(r"tabel '([A-Za-z_]\w*)'", bericht)
            tabel = model.tabellen.get(genoemd.group(1)) if genoemd else None
            lines = [int(n) for n in re.findall(r"rij (\d+)", bericht)[:2]]
            rows = [r for r in tabel.rijen if r.pos.line in lines] if tabel else []
            if len(rows) < 2:
                return None
            condition = z3.And(solver.match(rows[0]), solver.match(rows[1]))
        case "W012" | "E232":
            waarde = model.waarden.get(naam)
            if waarde is None or not waarde.gevallen:
                return None
            condition = z3.And(*[z3.Not(solver.match(g)) for g in waarde.gevallen])
        case _ as unreachable:
            assert_never(unreachable)
    with solver.scope() as s:
        s.add(condition)
        if solver.door.check(s) != SAT:
            return None
        return solver.door.attempt(lambda: solver.assignment(s.model(), "a"), "het antwoord van de solver")


def case_file(model: Model, code: Code, bericht: str, regel: int) -> dict | None:
    """A case file (as a dict) for the finding's counterexample; None without one."""
    answers = example_answers(model, code, bericht, regel)
    if answers is None:
        return None
    antwoorden = answers_json(model, answers)
    peildatum = _peildatum(model)
    verwacht: dict = {}
    try:
        beoordeling = Rules(model).evaluate(convert_answers(model, antwoorden), peildatum)
        actual = result_json(beoordeling, [])
        verwacht = {"uitkomst": actual["uitkomst"], "producten": sorted(p["code"] for p in actual["producten"])}
    except WmoFout:
        pass
    return {
        "titel": f"Tegenvoorbeeld {code} (regel {regel}): {bericht[:120]}",
        "regio": model.regio.id,
        "peildatum": peildatum.isoformat(),
        "toelichting": "Gemaakt uit het tegenvoorbeeld van de controle. 'verwacht' is wat de regels nu geven: "
                       "zet daar wat ze zouden moeten geven.",
        "antwoorden": antwoorden,
        "verwacht": verwacht,
    }


def case_text(case: dict) -> str:
    return json.dumps(case, ensure_ascii=False, indent=2) + "\n"
