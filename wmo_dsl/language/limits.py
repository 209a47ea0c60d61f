"""The bounds on what a user may hand the tool, checked before anything is stored or computed.

Every number, date and nesting that comes in (a case file, a batch line, a typed
answer, ``--peildatum``, a stored session) passes these checks first, so a
hostile or mistaken value gets a Dutch message naming the answer and the bound,
never a traceback deep in the engine:

* numbers: at most 15 significant digits and an absolute value below 10¹²;
* dates: from 1 januari 1900 to 31 december 2199;
* JSON: nested at most 64 deep, no ``NaN`` or ``Infinity``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation
from typing import Any, NoReturn

from ..errors import CasusFout

JsonPath = tuple[str | int, ...]  # where a value stands in a JSON document: ("antwoorden", "uren")

MAX_DIGITS = 15
MAX_ABS = Decimal(10) ** 12
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
MAX_DEPTH = 64
MAX_TEXT = 10_000  # characters in one free-text answer or one CSV cell


class GrensFout(CasusFout):
    """A value outside the documented bounds; ``pad`` says where in a JSON document it stands
    (``("antwoorden", "uren")``), so a message can name the answer."""

    def __init__(self, message: str, pad: tuple = ()):
        super().__init__(message)
        self.pad = pad


def number_problem(number: Decimal) -> str | None:
    """Why a number is outside the bounds, or None when it fits."""
    if not number.is_finite():
        return "is geen eindig getal"
    if abs(number) >= MAX_ABS:
        return "is te groot (de grens is 1.000.000.000.000)"
    digits = number.normalize().as_tuple().digits if number else (0,)
    if len(digits) > MAX_DIGITS:
        return f"heeft meer dan {MAX_DIGITS} cijfers"
    return None


def date_problem(datum: dt.date) -> str | None:
    if not MIN_DATE <= datum <= MAX_DATE:
        return "ligt buiten 1-1-1900 tot en met 31-12-2199"
    return None


def make_date(year: int, month: int, day: int, waar: str) -> dt.date:
    """A date from its parts, bounded before Python is asked (a 20-digit year overflows C)."""
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise GrensFout(f"{waar} ligt buiten 1-1-1900 tot en met 31-12-2199")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise GrensFout(f"{waar} is geen bestaande datum") from None


def parse_iso_date(text: str, waar: str) -> dt.date:
    """'2025-07-01' strictly, within the bounds."""
    parts = text.split("-")
    if len(parts) == 3 and len(parts[0]) == 4 and all(p.isdigit() and p.isascii() for p in parts) \
            and len(parts[1]) == 2 and len(parts[2]) == 2:
        return make_date(int(parts[0]), int(parts[1]), int(parts[2]), waar)
    raise GrensFout(f"{waar} is geen datum als JJJJ-MM-DD")


def json_depth(text: str) -> int:
    """The deepest nesting of objects and arrays in a JSON text, without parsing it; a text with
    no more than MAX_DEPTH brackets gives their number (an upper bound, enough for the check)."""
    opened = text.count("[") + text.count("{")
    if opened <= MAX_DEPTH:  # the usual case, at C speed: it cannot be deeper than that
        return opened
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "]}":
            depth -= 1
    return deepest


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise GrensFout(f"het getal {text[:20]}{'…' if len(text) > 20 else ''} heeft meer dan {MAX_DIGITS} cijfers")
    return int(text)


def _parse_float(text: str) -> float:
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - json only hands over valid numbers
        raise GrensFout(f"'{text}' is geen getal") from None
    probleem = number_problem(number)
    if probleem:
        raise GrensFout(f"het getal {text[:20]}{'…' if len(text) > 20 else ''} {probleem}")
    return float(text)


def _parse_constant(name: str) -> NoReturn:
    raise GrensFout(f"{name} is geen getal; JSON kent geen NaN of Infinity")


class _Marked:
    def __init__(self, text: str):
        self.text = text


def _where(value: object, pad: JsonPath = ()) -> JsonPath | None:
    """The path to the first marked number in a parsed document."""
    if isinstance(value, _Marked):
        return pad
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _where(item, pad + (key,))
        if found is not None:
            return found
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGAAT = "bevat een losse surrogaat (een teken tussen \\ud800 en \\udfff): geen geldige Unicode-tekst"


def text_problem(text: str) -> str | None:
    """Why a text cannot be stored or written (a lone surrogate, from '\\ud800' in JSON or a
    bad byte decoded leniently), or None."""
    return SURROGAAT if _SURROGATE.search(text) else None


def escaped(text: str) -> str:
    """A text (a file name) that may hold lone surrogates, as it can be written: a raw byte read
    with surrogateescape as '\\xff', any other surrogate as '\\ud800'."""
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _surrogate_path(value: object, pad: JsonPath = ()) -> JsonPath | None:
    """The path to the first text (key or value) with a lone surrogate in a parsed document."""
    if isinstance(value, str):
        return pad if _SURROGATE.search(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and _SURROGATE.search(key):
            return pad + (key.encode("ascii", "backslashreplace").decode("ascii"),)
        found = _surrogate_path(item, pad + (key,))
        if found is not None:
            return found
    return None


def loads(text: str) -> Any:
    """``json.loads`` within the bounds: GrensFout (a CasusFout) instead of RecursionError,
    ValueError on a 5,000-digit number, or NaN and Infinity. The error names where the
    value stands ("antwoorden.uren: …")."""
    if json_depth(text) > MAX_DEPTH:
        raise GrensFout(f"de JSON is dieper genest dan {MAX_DEPTH} niveaus")
    try:
        value = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
        if ("\\u" in text or _SURROGATE.search(text)) and (pad := _surrogate_path(value)) is not None:
            waar = f"antwoord op '{str(pad[1])[:40]}'" if len(pad) == 2 and pad[0] == "antwoorden" else \
                "'" + ".".join(str(p)[:40] for p in pad) + "'"
            raise GrensFout(f"{waar} {SURROGAAT}", pad)
        return value
    except GrensFout as err:
        if err.pad:
            raise
        marked = json.loads(text, parse_int=_Marked, parse_float=_Marked, parse_constant=_Marked)
        pad = _where(marked) or ()
        if len(pad) == 2 and pad[0] == "antwoorden":
            raise GrensFout(f"antwoord op '{str(pad[1])[:40]}': {err}", pad) from None
        if pad:
            raise GrensFout(f"{'.'.join(str(p)[:40] for p in pad)}: {err}", pad) from None
        raise


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(value: object, **kwargs: Any) -> str:
    """``json.dumps`` that never writes NaN or Infinity (strict parsers refuse them), and escapes
    the characters some readers take for a line end (U+0085, U+2028, U+2029): one JSON line
    stays one line for every JSON-lines reader."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, **kwargs)
    if _SURROGATE.search(text):  # refused at input; should one slip through, never written (U+FFFD)
        text = _SURROGATE.sub("\ufffd", text)
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_LINE_BREAKS)
    return text


def check_id(value: object, waar: str = "") -> str | int | None:
    """A case id as it may be echoed: a text or a whole number, short; never NaN or Infinity."""
    if isinstance(value, str) and text_problem(value):
        raise GrensFout(f"{waar}'id' {SURROGAAT}")
    if value is None or isinstance(value, str) and len(value) <= 200:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise GrensFout(f"{waar}'id' moet een tekst (hoogstens 200 tekens) of een geheel getal zijn")


# ── Computed values ──────────────────────────────────────────────────────

# The one decimal context of the engine: nothing traps (an overflow would give Infinity, an
# invalid operation NaN, never an exception); values.py turns a result that is not finite into
# geen, and formatting a bounded value (quantize to cents) cannot fail with it either.
CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN, traps=[])

# The same bounds hold for what the rules compute: a computed number below 10¹² in size (it may
# have more digits: 1/3); a computed duration, at most 100 years (as a literal, E107: values.py).


def scientific(number: Decimal) -> str:
    """A number far outside the bounds in words a reader can take in: '1,0·10^36'."""
    if not number.is_finite():
        return "oneindig" if number.is_infinite() else "geen getal"
    mantissa, exponent = f"{number.normalize(Context(prec=2)):.1E}".split("E")
    return f"{mantissa.replace('.', ',')}·10^{int(exponent)}"


def computed_problem(value: Decimal) -> str | None:
    """Why a computed number is outside the bounds, or None."""
    if not value.is_finite() or abs(value) >= MAX_ABS:
        return "valt buiten de grens van 10^12"
    return None
