"""The first question a z3 session answers, asked when the session is built.

z3 takes the assertions in (simplifies, internalizes, builds its clause database)
at the first ``check``; on a long chain of questions that first check costs ten
to a hundred times a later one. The intake builds the session before its first
question, so the still-needed set of the first question should not pay for it:
the session is checked once, with 'the outcomes differ' assumed, at build time
(and the three-valued pre-pass runs once, which indexes a big table's rows).
The answer is not used: whatever z3 says (or fails to say), nothing is learnt
that a later query relies on.
"""

from __future__ import annotations

from typing import Any

from .partial import readable


def warm(solver: Any) -> None:
    """Check the still-needed session once (within one call's budget) so that z3 has taken the
    encoding in before the first still-needed set is asked for."""
    readable(solver.model, {}, solver.overrides, solver.peildatum)  # builds the row index of a big table
    if solver.broken:
        return
    solver.still_needed({})
