"""Eisen: what the answers together must satisfy ("hoogstens één partner").

An eis is broken when no completion of the open questions can make its condition
true: at once when the answered questions make it false, otherwise when the
solver finds no completion that keeps every eis (the second partner of three
housemates while the third is still open). The solver's encoding asserts every
eis in both copies (``smt.encode``), so the still-needed set and the proofs of
``wmo check`` only consider answers that keep them; the sample points the
still-needed search tries first are filtered by :func:`allowed`.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ..errors import Bevinding, CasusFout
from ..language import ast
from ..language.check import Model
from .evaluate import Evaluation, Open
from .findings import Proving


class EisBreuk(CasusFout):
    """Answers that break an eis of the rules (a case is refused; an alternative answer a report tries is skipped)."""

    def __init__(self, eis: ast.Eis):
        super().__init__(f"de antwoorden voldoen niet aan de eis op regel {eis.pos.line} van de regels: {eis.melding}")
        self.eis = eis


class _Session(Protocol):
    def consistent(self, answers: dict) -> bool: ...


class _Rules(Protocol):
    """What ``broken_eis`` asks of an engine.Rules (that module imports this one)."""

    model: Model

    def solver(self, peildatum: dt.date, overrides: dict | None = None) -> _Session: ...


def allowed(model: Model, answers: dict, overrides: dict | None = None, peildatum: dt.date | None = None) -> bool:
    """Do these answers (all questions an eis reads answered) keep every eis? An eis that cannot be
    computed (it reads a question left open) is kept."""
    if not model.eisen:
        return True
    ev = Evaluation(model, answers, overrides, peildatum=peildatum)
    return all(ev.eval(eis.voorwaarde) is not False for eis in model.eisen)


def broken_eis(rules: _Rules, answers: dict, peildatum: dt.date, overrides: dict | None = None) -> ast.Eis | None:
    """The eis these answers break whatever the open questions will be, or None.

    ``rules``: the :class:`~wmo_dsl.semantics.engine.Rules` whose solver decides when the
    answers leave a question open that an eis reads. When the solver cannot decide, the
    answers are kept (an eis refuses only what is certainly forbidden)."""
    model = rules.model
    undecided = []
    for eis in model.eisen:
        ev = Evaluation(model, answers, overrides, strict=True, peildatum=peildatum)
        try:
            if ev.eval(eis.voorwaarde) is False:
                return eis
        except Open:
            undecided.append(eis)
    if not undecided or rules.solver(peildatum, overrides).consistent(answers):
        return None
    return undecided[0]


def eis_findings(model: Model, solver: Proving) -> list[Bevinding]:
    """W035: the eisen together admit no answers at all (every case would be refused): an error."""
    from .findings import finding
    from .guard import UNSAT

    if not model.eisen or solver.broken:
        return []
    with solver.scope() as s:
        if solver.door.check(s) != UNSAT:
            return []
    first = model.eisen[0]
    regels = ", ".join(str(e.pos.line) for e in model.eisen)
    return [finding(model, "W035", f"de eisen (regel {regels}) laten samen geen enkel antwoord toe: elke casus wordt geweigerd",
                    first.pos, hint="een eis zegt wat antwoorden samen moeten zijn; kijk of een voorwaarde omgekeerd is",
                    ernst="fout")]
