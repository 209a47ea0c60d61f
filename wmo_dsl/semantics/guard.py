"""The one door to z3: every question asked of the solver goes through :class:`Door`.

The solver may answer 'sat', 'unsat' or 'unknown', may run out of time, may
raise (``Z3Exception``: 'canceled' when its time limit strikes inside a step,
'ast is null' from a model without an interpretation, out of memory). The
callers must stay sound whatever happens, so the door turns every such event into
one word, ``ONBEKEND``, and keeps the reason for ``--spoor``:

* the still-needed set treats ``ONBEKEND`` as "this question may matter" (the
  intake asks once too often, never once too few);
* a proof of ``wmo check`` treats it as "niet bewezen binnen de tijd", a finding of
  its own (W030), never a false gap and never a false "complete".

Time is limited twice: per call (one ``check``) and per query (a still-needed set,
the known values, one ``wmo check`` analysis), so a hard file costs at most the
query's budget, however many calls it makes. So that the same rules and answers
give the same answer on a busy machine too, a call is bounded by z3's own resource
count (``rlimit``, about ten million steps a second here), not by the clock, and a
query by the steps its calls took together; a wall-clock limit of twice as much
is only the backstop. The limits can be set in the environment (``WMO_SOLVER_MS``,
``WMO_SOLVER_QUERY_MS``, nominal milliseconds) for a slow machine or a test;
memory is bounded by z3's ``memory_max_size`` (MB).
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Literal, TypeVar

T = TypeVar("T")

SAT: Literal["sat"] = "sat"
UNSAT: Literal["unsat"] = "unsat"
ONBEKEND: Literal["onbekend"] = "onbekend"
Antwoord = Literal["sat", "unsat", "onbekend"]


def _ms(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if 10 <= value <= 600_000 else default


STEPS_PER_MS = 10_000  # z3 resource units a millisecond takes on a 2-core machine of 2026 (bench_guard.py)
BACKSTOP = 2  # the wall clock stops a call or a query only at twice its nominal time


@dataclass(frozen=True)
class Limits:
    per_call_ms: int = 2_000
    per_query_ms: int = 5_000
    memory_mb: int = 2_048


    @classmethod
    def from_environment(cls) -> "Limits":
        return cls(_ms("WMO_SOLVER_MS", cls.per_call_ms), _ms("WMO_SOLVER_QUERY_MS", cls.per_query_ms))


@dataclass
class Door:
    """A z3 solver with limits; every call returns a sound answer and never raises a z3 error."""

    z3: Any  # the z3 module (it has no type stubs), or a stand-in in a test
    limits: Limits = field(default_factory=Limits.from_environment)
    reasons: list[str] = field(default_factory=list)  # why an answer was 'onbekend', for --spoor
    _deadline: float | None = None
    _steps_left: int = 0  # of the current query

    def __post_init__(self) -> None:
        with contextlib.suppress(Exception):
            self.z3.set_param("memory_max_size", self.limits.memory_mb)

    # ── time ──
    @contextlib.contextmanager
    def query(self, ms: int | None = None) -> Iterator[None]:
        """One query's budget: every call inside shares it (nested queries keep the outer one)."""
        if self._deadline is not None:
            yield
            return
        budget = ms or self.limits.per_query_ms
        self._deadline = time.monotonic() + BACKSTOP * budget / 1000
        self._steps_left = budget * STEPS_PER_MS
        try:
            yield
        finally:
            self._deadline = None

    def remaining_ms(self) -> int:
        """Wall-clock milliseconds this call may take at most (the backstop)."""
        if self._deadline is None:
            return BACKSTOP * self.limits.per_call_ms
        return min(BACKSTOP * self.limits.per_call_ms, int((self._deadline - time.monotonic()) * 1000))

    def note(self, reason: str) -> None:
        if reason not in self.reasons[-20:]:
            self.reasons.append(reason)
        del self.reasons[:-50]

    # ── asking ──
    def check(self, solver: Any, *assumptions: Any) -> Antwoord:
        """``solver.check(*assumptions)`` as 'sat', 'unsat' or 'onbekend' (with the reason kept)."""
        z3 = self.z3
        left = self.remaining_ms()
        steps = self.limits.per_call_ms * STEPS_PER_MS
        if self._deadline is not None:
            steps = min(steps, self._steps_left)
        if left <= 0 or steps <= 0:
            self.note("de tijd voor deze vraag aan de solver was op")
            return ONBEKEND
        before = _steps(solver)
        try:
            solver.set("timeout", left)
            solver.set("rlimit", steps)
            result = solver.check(*assumptions)
        except z3.Z3Exception as err:
            self.note(_reason(err))
            return ONBEKEND
        except (MemoryError, RecursionError) as err:
            self.note(f"de solver stopte: {type(err).__name__}")
            return ONBEKEND
        finally:
            self._steps_left -= max(0, _steps(solver) - before)
        if result == z3.sat:
            return SAT
        if result == z3.unsat:
            return UNSAT
        try:
            self.note(_words(solver.reason_unknown()))
        except z3.Z3Exception:
            self.note("de solver gaf geen antwoord")
        return ONBEKEND

    def attempt(self, step: Callable[[], T], what: str) -> T | None:
        """Run one step that talks to z3 (reading a model, parsing a term); None when z3 fails."""
        try:
            return step()
        except self.z3.Z3Exception as err:
            self.note(f"{what}: {_reason(err)}")
        except (MemoryError, RecursionError) as err:
            self.note(f"{what}: {type(err).__name__}")
        return None


def _steps(solver: Any) -> int:
    """The resource steps this solver has taken so far (z3's 'rlimit count')."""
    try:
        stats = solver.statistics()
        return int(stats.get_key_value("rlimit count")) if "rlimit count" in stats.keys() else 0
    except Exception:  # noqa: BLE001 - a stand-in solver or an odd z3: count nothing
        return 0


def _reason(err: Exception) -> str:
    value = getattr(err, "value", None)
    return _words(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value if value is not None else err))


def _words(text: str) -> str:
    """z3's reason in Dutch (the original kept in brackets when it is not a known one)."""
    known = {"canceled": "de tijdslimiet werd bereikt", "timeout": "de tijdslimiet werd bereikt",
             "max. memory exceeded": "het geheugen voor de solver was op", "memout": "het geheugen voor de solver was op",
             "incomplete": "de solver kan dit soort rekenwerk niet volledig beslissen"}
    text = "".join(c if c.isprintable() else "?" for c in text)[:200]
    for key, words in known.items():
        if key in text:
            return words
    return f"de solver gaf geen antwoord ({text})"
