"""The first still-needed set of a session, computed when the session is built.

z3 takes the assertions in (simplifies, internalizes, builds its clause database)
at the first ``check``, and its first searches on a long chain of questions cost
ten to a hundred times a later one; a big table's row index (``partial_tables.py``)
is built on first use too. The intake builds the session before its first
question, so that question should not pay for it: the still-needed set of the
empty case is computed at build time. It is remembered like any other (the memo
of ``solver.py``), unless z3 gave up on part of it (then the set may be too large,
and the first question asks afresh); the solver's models it met become sample
points of later sets.
"""

from __future__ import annotations

from typing import Any

from .partial import readable


def warm(solver: Any) -> None:
    """Compute the still-needed set of the empty case once, so that z3 has taken the encoding in
    (and learnt from it) before the first question."""
    readable(solver.model, {}, solver.overrides, solver.peildatum)  # builds the row index of a big table
    if solver.broken:
        return
    reasons = len(solver.door.reasons)
    solver.still_needed({})
    if len(solver.door.reasons) != reasons:  # z3 gave up somewhere: the first question asks afresh
        solver._earlier = []
