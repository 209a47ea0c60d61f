"""A region's own template, rendered in Jinja2's sandbox within a time and a size budget.

The sandbox keeps a template from reaching Python; this module keeps it from taking the
machine: at most MAX_OUTPUT characters of output (also for one string or list built by
``*`` or ``+``), MAX_STEPS loop iterations over ``range`` and calls in all, MAX_SECONDS of
wall time (a timer, where the process can set one), and recursion as an error; arguments
of calls and filters are bounded too ('x'|center(10**9)). Every
overrun is a :class:`SjabloonFout` with a Dutch message; the CLI exits with 2.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any, NoReturn, TypeVar

from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from ..errors import WmoFout

MAX_OUTPUT = 1_000_000  # characters
MAX_STEPS = 1_000_000  # loop iterations over range, calls
MAX_SECONDS = 5.0
MAX_BITS = 100_000  # the largest whole number a template may compute (some 30,000 digits)


class SjabloonFout(WmoFout):
    """A region's template that cannot be rendered within the limits."""


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            raise SjabloonFout(f"het sjabloon doet meer dan {_thousands(MAX_STEPS)} stappen (lussen, aanroepen)")
        if time.monotonic() > self.deadline:
            raise _too_slow()


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _too_slow() -> SjabloonFout:
    return SjabloonFout(f"het sjabloon is na {MAX_SECONDS:g} seconden nog niet klaar".replace(".", ","))


_local = threading.local()


def _budget() -> _Budget:
    budget = getattr(_local, "budget", None)
    if budget is None:  # rendering outside render(): a fresh budget
        budget = _local.budget = _Budget()
    return budget


def _too_big() -> SjabloonFout:
    return SjabloonFout(f"het sjabloon maakt een tekst, lijst of getal groter dan {_thousands(MAX_OUTPUT)} tekens")


T = TypeVar("T")


def _sized(value: T) -> T:
    if isinstance(value, (str, bytes, list, tuple, dict)) and len(value) > MAX_OUTPUT:
        raise _too_big()
    if isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise _too_big()
    return value


def _arguments(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    """No call gets a size beyond the budget ('x'.center(10**9), range(10**9)) or a huge text."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_OUTPUT:
            raise _too_big()
        _sized(arg)


_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\*|\d{7,})|%[-+ #0]*\d*\.(\*|\d{7,})")


class BegrensdeSandbox(SandboxedEnvironment):
    """Jinja2's sandbox with arithmetic, calls and filters counted and bounded."""

    intercepted_binops = frozenset(["*", "**", "+", "//", "%", "/"])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _budget().step()
        numbers = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (left, right))
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, bytes, list, tuple)) and isinstance(n, int) and len(seq) * max(n, 0) > MAX_OUTPUT:
                    raise _too_big()
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
                raise _too_big()
        if operator == "**" and numbers and abs(left) > 1:
            if abs(right) * max(abs(int(left)).bit_length(), 1) > MAX_BITS:
                raise _too_big()
        if operator in ("%", "//", "/") and numbers and right == 0:
            raise SjabloonFout("het sjabloon deelt door nul")
        if operator == "%" and isinstance(left, str) and _FORMAT_WIDTH.search(left):
            raise _too_big()  # '%999999999s' % x
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            if len(left) + len(right) > MAX_OUTPUT:
                raise _too_big()
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own signature
        _budget().step()
        _arguments(args, kwargs)
        return _sized(SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs))


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps Jinja's pass_context / pass_environment mark
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _budget().step()
        _arguments(args[1:], kwargs)  # the first is the value (or the context)
        return _sized(function(*args, **kwargs))

    return bounded


def _range(*args: int) -> Iterator[int]:
    """``range`` in a template: at most MAX_STEPS iterations in all, each one counted."""
    r = range(*args)
    budget = _budget()
    if len(r) > MAX_STEPS:
        budget.step(len(r))
    for i in r:
        budget.step()
        yield i


@functools.lru_cache(maxsize=1)
def environment() -> BegrensdeSandbox:
    from .templating import Markdown, md_code, wrap

    env = BegrensdeSandbox(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(wrap=wrap, raw=Markdown, code=md_code)
    env.filters = {naam: _bounded_filter(f) for naam, f in env.filters.items()}
    env.globals["range"] = _range
    return env


def render(source: str, data: dict) -> str:
    """``source`` rendered with ``data``, within the limits; SjabloonFout (Dutch) when it cannot be."""
    import jinja2

    _local.budget = budget = _Budget()
    alarm = _alarm()
    try:
        parts, size = [], 0
        for chunk in environment().from_string(source).generate(**data):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise SjabloonFout(f"het sjabloon maakt meer dan {_thousands(MAX_OUTPUT)} tekens")
            parts.append(chunk)
            budget.step()
        return "".join(parts)
    except SjabloonFout:
        raise
    except RecursionError:
        raise SjabloonFout("het sjabloon roept zichzelf te diep aan (recursie)") from None
    except MemoryError:
        raise SjabloonFout("het sjabloon vraagt te veel geheugen") from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as err:
        raise SjabloonFout(f"{type(err).__name__}: {err}"[:300]) from None
    finally:
        alarm()
        _local.budget = None


def _alarm() -> Callable[[], None]:
    """A timer that interrupts a template stuck in one long step (main thread only); returns
    the function that stops it."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return lambda: None

    def expired(signum: int, frame: FrameType | None) -> NoReturn:
        raise _too_slow()

    try:
        previous = signal.signal(signal.SIGALRM, expired)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        return lambda: None
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS + 0.5)

    def stop() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return stop
