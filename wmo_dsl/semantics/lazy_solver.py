"""The solver session of ``wmo check``, built on the first question that needs it.

Building a session (encoding the whole model and handing it to z3) costs about a second on a
table of 10,000 rows; a file whose proofs are all decided without the solver (exact tables,
``exact_tables.py``; rules and products seen alive in samples, ``dead_parts.py``) never pays it."""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from typing import Any

from ..language.check import Model
from .solver import Solver


class LazySolver:
    """Stands for a ``Solver(model, peildatum, analysis=True)``: every attribute but ``model``,
    ``peildatum`` and ``built`` builds the session first, and enters the budget of the whole
    analysis (``budget_factor`` times the time per query) on ``stack``, as an eager session would."""

    def __init__(self, model: Model, peildatum: dt.date, stack: ExitStack, budget_factor: int = 3) -> None:
        self.model = model
        self.peildatum = peildatum
        self.built: Solver | None = None
        self._stack = stack
        self._factor = budget_factor

    def session(self) -> Solver:
        if self.built is None:
            solver = Solver(self.model, self.peildatum, analysis=True)
            self._stack.enter_context(solver.door.query(solver.door.limits.per_query_ms * self._factor))
            self.built = solver
        return self.built

    def __getattr__(self, name: str) -> Any:  # only called for what this object does not have itself
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.session(), name)
