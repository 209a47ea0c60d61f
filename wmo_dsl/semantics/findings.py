"""What every proof of ``wmo check`` shares: a finding at its place, the W030 of a proof not
finished, the day the analysis judges on, values in words, and examples checked by the evaluator."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from functools import partial
from typing import Any, Callable, Protocol

from ..errors import Bevinding
from ..language import ast
from ..language.check import Model
from .guard import ONBEKEND, SAT, Antwoord, Door, Limits
from .notation import value_text
from .values import Value

_REFINEMENTS = 16  # calendar values pinned before an example counts as not found in time


class Proving(Protocol):
    """What a proof asks of its ``solver.Solver`` (not imported here: it imports eisen, which imports this module)."""

    door: Door
    functions: list[str]  # the calendar functions the solver may guess wrong
    broken: bool

    def scope(self) -> AbstractContextManager[Any]: ...

    def assignment(self, m: Any, prefix: str) -> dict: ...

    def pin_calendar(self, m: Any) -> None: ...


def unproven(model: Model, what: str, pos: ast.Pos, solver: Proving) -> Bevinding:
    """W030: a proof not finished; the reason (time, an error) goes in the hint."""
    reason = solver.door.reasons[-1] if solver.door.reasons else "de solver gaf geen antwoord"
    return finding(model, "W030", f"niet bewezen binnen de tijd: {what}", pos,
                   hint=f"{reason}; vereenvoudig de voorwaarden of splits het bestand "
                        f"(tijdslimiet per vraag {Limits().per_call_ms // 1000} s, instelbaar met WMO_SOLVER_MS)")


def judged_on(model: Model) -> dt.date:
    """The analysis judges at the start of the rules' validity (where 'peildatum' is read)."""
    return model.regio.geldig_vanaf or dt.date(2000, 1, 1)


def finding(model: Model, code: str, bericht: str, pos: ast.Pos, hint: str | None = None, ernst: str = "waarschuwing") -> Bevinding:
    line = pos.line
    bronregel = model.bronregels[line - 1] if 0 < line <= len(model.bronregels) else None
    return Bevinding(code, bericht, model.pad, line, pos.column, hint, ernst, bronregel)


def value_words(model: Model, naam: str, value: Value) -> str:
    vraag = model.vragen.get(naam)
    return value_text(value, {o.id: o.label for o in vraag.opties} if vraag else None)


def witness(solver: Proving, s: Any, real: Callable[[dict], bool]) -> tuple[Antwoord, dict | None]:
    """An example the solver finds, checked by the evaluator: ``real(answers)`` must hold. A
    calendar function (ages, months, werkdagen) the solver guessed wrong is pinned at its true value
    and the solver asked again, as for the still-needed set; so a counterexample is never a year off."""
    for _ in range(_REFINEMENTS):
        result = solver.door.check(s)
        got = solver.door.attempt(lambda: (s.model(), solver.assignment(s.model(), "a")), "het antwoord van de solver") \
            if result == SAT else None
        if got is None:
            return (ONBEKEND if result == SAT else result), None
        m, answers = got
        if not solver.functions or real(answers):
            return SAT, answers
        if solver.door.attempt(partial(pinned, solver, m), "de kalender in de solver") is None:
            break
    return ONBEKEND, None


def pinned(solver: Proving, m: Any) -> bool:
    """``solver.pin_calendar(m)`` as a step of ``Door.attempt``: True when done, told apart from a failure (None)."""
    solver.pin_calendar(m)
    return True

