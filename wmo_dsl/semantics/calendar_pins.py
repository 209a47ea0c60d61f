"""The calendar functions of a still-needed session pinned at the points a model used.

The calendar steps (working days, months between dates) are uninterpreted functions in
the encoding; when a model's values for them are not the true ones, the true values at
the model's points are added to the session and the question is asked again
(``solver.py``, step 3).
"""

from __future__ import annotations

from typing import Any

from .smt_values import calendar_value


def pin_calendar(solver: Any, m: Any) -> None:
    """Give the calendar functions their true value at the points this model used.

    The points are read from the applications in the assertions, evaluated in the model: an
    interpretation may be a bare 'else' value without entries (then nothing was pinned and the
    same spurious model came back), and a model need not interpret a function it did not need
    (asking z3 for that interpretation gave 'ast is null')."""
    z3 = solver.z3
    for app in calendar_applications(solver):
        x = m.eval(app.arg(0), model_completion=True)
        y = m.eval(app.arg(1), model_completion=True)
        if not (z3.is_int_value(x) and z3.is_int_value(y)):
            continue
        true = calendar_value(app.decl().name(), x.as_long(), y.as_long(), solver.model.vrije_dagen)
        if true is not None:
            solver.solver.add(app.decl()(x.as_long(), y.as_long()) == true)


def calendar_applications(solver: Any) -> list:
    """Every application of a calendar function in the session's assertions (found once)."""
    if solver._applications is None:
        z3 = solver.z3
        names, found, seen = set(solver.functions), {}, set()
        stack = list(solver.solver.assertions())
        while stack:
            e = stack.pop()
            if e.get_id() in seen:
                continue
            seen.add(e.get_id())
            if z3.is_app(e) and e.decl().name() in names and e.num_args() == 2:
                found[e.get_id()] = e
            stack.extend(e.children())
        solver._applications = list(found.values())
    return solver._applications
