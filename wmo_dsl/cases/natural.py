"""Natural answers: what a consultant types, understood as an engine value.

Pure functions, shared by the intake's validator, its completer and the JSON
lines protocol, so a typed answer and a JSON string are read alike: "j", "ja hoor",
"nee joh", "dat klopt", "financien" for "Administratie en financiën", "zelfzorg en
wonen", "1, 3", "1 3", "1-3", "1 t/m 3", "alle", "geen", "2,5", "twee", "7,5 km"
where the question counts in km, "42 jaar" for an age, "1-7-2025", "maandag 5
januari 2026", "5 jan" (the next 5 January). An answer that does not fit raises
:class:`AntwoordFout` with a Dutch message naming what is allowed, and for a typo
the nearest option as ``suggestie``; :func:`interpretation` says in words what an
answer was taken for when the typed text does not say it literally.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import WmoFout
from ..language import ast, kinds

from ..language import limits
from ..language.vocabulary import (ALLE, GEEN, GETALWOORDEN, JA_WOORDEN, MAAND_AFKORTINGEN, MAANDEN, NEE_WOORDEN,
                                   VULWOORDEN, WEEKDAG_AFKORTINGEN, WEEKDAGEN)
from ..semantics.notation import value_text
from .answers import allowed_text, checked_number, split_amount, written_number

_MONTHS = {**{m: i + 1 for i, m in enumerate(MAANDEN)}, **MAAND_AFKORTINGEN}
_WEEKDAYS = {**{w: i for i, w in enumerate(WEEKDAGEN)}, **WEEKDAG_AFKORTINGEN}
_SPLIT = re.compile(r"\s*(?:,|;|/|\ben\b|\+|&)\s*")


class AntwoordFout(WmoFout):
    """An answer that does not fit its question; the message says what does. ``suggestie``: the
    value of the nearest option when the answer looks like a typo of it (the intake offers it)."""

    def __init__(self, bericht: str, suggestie: str | None = None):
        super().__init__(bericht)
        self.suggestie = suggestie


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Financiën' -> 'financien'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def option_names(optie: ast.Optie) -> list[str]:
    """Every way to name an option: id, label, synonyms (folded)."""
    return [fold(optie.id), fold(optie.id.replace("_", " ")), fold(optie.label)] + [fold(s) for s in optie.synoniemen]


def match_option(vraag: ast.Vraag, text: str) -> ast.Optie:
    """One option by number, id, label, synonym or unique prefix of any of these."""
    t = fold(text)
    if not t:
        raise AntwoordFout(f"geef een antwoord; {allowed(vraag)}")
    if t.isdigit() and 1 <= int(t) <= len(vraag.opties):
        return vraag.opties[int(t) - 1]
    exact = [o for o in vraag.opties if t in option_names(o)]
    if len(exact) == 1:
        return exact[0]
    prefixed = [o for o in vraag.opties if any(n.startswith(t) for n in option_names(o))]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1 or len(exact) > 1:
        names = "; ".join(f"{vraag.opties.index(o) + 1} {_cut(o.label)}" for o in (exact or prefixed))
        raise AntwoordFout(f"'{text}' past bij meer dan één keuze ({names}); typ meer letters")
    kern = " ".join(w for w in t.split() if w not in VULWOORDEN)  # 'ja hoor' at an option 'Ja, …'
    if kern and kern != t:
        try:
            return match_option(vraag, kern)
        except AntwoordFout:
            pass
    near = nearest_option(vraag, t)
    if near is not None:
        raise AntwoordFout(f"'{text}' is geen keuze bij deze vraag; bedoelde u '{near.label}'? (typ ja)", suggestie=near.id)
    raise AntwoordFout(f"'{text}' is geen keuze bij deze vraag; {allowed(vraag)}")


def nearest_option(vraag: ast.Vraag, folded: str) -> ast.Optie | None:
    """The option one typo away ('onwtikkelen' for 'ontwikkelen'), compared with every name and
    with the start of each name as long as the typed text."""
    best: tuple[float, ast.Optie] | None = None
    for optie in vraag.opties:
        for name in option_names(optie):
            for candidate in {name, name[:len(folded)]} if len(folded) >= 4 else {name}:
                ratio = difflib.SequenceMatcher(None, folded, candidate).ratio()
                if ratio >= 0.8 and (best is None or ratio > best[0]):
                    best = (ratio, optie)
    return best[1] if best else None


def _example_number(vraag: ast.Vraag) -> Decimal:
    """3 (or 2,5), moved inside the question's bounds: an example is always an answer it takes."""
    getal = Decimal(3) if vraag.geheel else Decimal("2.5")
    low, high = (getattr(b, "value", None) for b in (vraag.minimaal, vraag.maximaal))
    if isinstance(low, Decimal) and getal < low:
        getal = low
    if isinstance(high, Decimal) and getal > high:
        getal = high
    return getal


def allowed(vraag: ast.Vraag) -> str:
    """What the question allows, for a person at a prompt."""
    return part(vraag).allowed(vraag)


def _numbered_options(vraag: ast.Vraag) -> str:
    return "; ".join(f"{i} {_cut(o.label)}" for i, o in enumerate(vraag.opties, 1))


def _allowed_number(vraag: ast.Vraag) -> str:
    getal = _example_number(vraag)
    voorbeeld = value_text(getal)
    if vraag.hoeveelheid is not None and vraag.hoeveelheid.maat == "uur":
        voorbeeld += f" of {value_text(getal * 60)} minuten"
    elif vraag.hoeveelheid is not None and vraag.hoeveelheid.geld:
        voorbeeld = "1.250,50 of € 12,50"
    return allowed_text(vraag) + f", bijvoorbeeld {voorbeeld}"


def _cut(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[:width - 1].rsplit(" ", 1)[0] + "…"


def yes_no(text: str) -> bool | None:
    """'ja hoor', 'dat klopt', 'jazeker' -> True; 'nee joh', 'zeker niet', 'klopt niet' -> False; else None."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in VULWOORDEN]
    if not words:
        return None
    if any(w in NEE_WOORDEN for w in words):
        return False if all(w in NEE_WOORDEN or w in JA_WOORDEN for w in words) else None
    return True if all(w in JA_WOORDEN for w in words) else None


def parse_answer(vraag: ast.Vraag, text: str) -> Any:
    """The engine value for a typed answer; raises AntwoordFout when it does not fit."""
    if limits.text_problem(text):  # before any message could echo it
        raise AntwoordFout(f"het antwoord {limits.SURROGAAT}")
    return part(vraag).parse(vraag, text)


def _parse_yes_no(vraag: ast.Vraag, text: str) -> bool:
    value = yes_no(text)
    if value is None:
        raise AntwoordFout(f"{_short(text)} is geen ja of nee; {allowed(vraag)}")
    return value


def _parse_text(vraag: ast.Vraag, text: str) -> str:
    if not text.strip():
        raise AntwoordFout("geef een antwoord (vrije tekst)")
    if len(text.strip()) > limits.MAX_TEXT:
        raise AntwoordFout(f"het antwoord is langer dan {limits.MAX_TEXT} tekens")
    return text.strip()


def parse_several(vraag: ast.Vraag, text: str) -> frozenset:
    """'zelfzorg en financiën', '1, 3', 'Administratie en financiën', 'geen'."""
    rest = fold(text)
    if rest in GEEN:
        return frozenset()
    if rest in ALLE:
        return frozenset(o.id for o in vraag.opties)
    numbers = _numbered(vraag, rest)
    if numbers is not None:
        return frozenset(vraag.opties[i - 1].id for i in numbers)
    chosen: list[str] = []
    # Names that themselves contain a separator ("administratie en financien") are found whole first.
    for optie in vraag.opties:
        for name in sorted(option_names(optie), key=len, reverse=True):
            if _SPLIT.search(name) and name in rest:
                chosen.append(optie.id)
                rest = rest.replace(name, ",")
                break
    for part in _SPLIT.split(rest):
        if part.strip():
            optie = match_option(vraag, part)
            if optie.id not in chosen:
                chosen.append(optie.id)
    if not chosen:
        raise AntwoordFout(f"geef een antwoord; {allowed(vraag)}")
    return frozenset(chosen)


def _numbered(vraag: ast.Vraag, folded: str) -> list[int] | None:
    """'1 3', '1, 3', '1-3', '1 t/m 3', '1 tot en met 3 en 5' as option numbers; None when the text
    is not only numbers (then it names options)."""
    text = re.sub(r"\s*(?:t/m|tm|tot en met|tot|–|-)\s*", "-", folded)
    parts = [p for p in re.split(r"(?:\s|,|;|/|&|\+|\ben\b)+", text) if p]
    if not parts or not all(re.fullmatch(r"\d{1,3}(?:-\d{1,3})?", p) for p in parts):
        return None
    n, chosen = len(vraag.opties), []
    for part in parts:
        low, _, high = part.partition("-")
        first, last = int(low), int(high or low)
        if not (1 <= first <= last <= n):
            raise AntwoordFout(f"'{part}' past niet; {allowed(vraag)}")  # allowed() names the range once
        chosen += [i for i in range(first, last + 1) if i not in chosen]
    return chosen


def _own_unit(vraag: ast.Vraag, word: str) -> bool:
    """A unit word the question already says: '7,5 km' where it counts in km, '42 jaar' for an
    age, '3 personen' for a list of persons."""
    said = set(re.findall(r"[a-z]+", fold(" ".join(filter(None, [vraag.tekst, vraag.eenheid, vraag.id.replace("_", " "),
                                                                 vraag.enkelvoud])))))
    w = fold(word)
    if w in said:
        return True
    if w in ("jaar", "jaren") and said & {"leeftijd", "oud", "jaar", "jaren"}:
        return True
    return vraag.soort == "personen" and w in ("persoon", "personen", "mensen")


_HALVEN = {"half": "0,5", "anderhalf": "1,5", "anderhalve": "1,5", "tweeënhalf": "2,5", "tweeenhalf": "2,5",
           "drieënhalf": "3,5", "drieenhalf": "3,5"}


def parse_number(vraag: ast.Vraag, text: str) -> Decimal:
    """'2,5', '1.250,5', 'twee', '2,5 uur', '150 minuten' (converted to the question's unit), a unit
    the question already has ('7,5 km')."""
    first, _, rest = fold(text).partition(" ")
    if first == "een" and (rest == "half" or rest.startswith("half ")):  # 'een half uur'
        text = f"0,5 {rest[4:]}"
    elif first in GETALWOORDEN:
        text = f"{GETALWOORDEN[first]} {rest}"
    elif first in _HALVEN:  # 'anderhalf uur'
        text = f"{_HALVEN[first]} {rest}"
    number_text, unit = split_amount(text)
    if unit is not None and vraag.hoeveelheid is None and unit[1] is None and _own_unit(vraag, unit[0]):
        unit = None
    try:
        number = written_number(number_text)
    except InvalidOperation:
        raise AntwoordFout(f"{_short(text)} is geen getal; {allowed(vraag)}") from None
    grens = limits.number_problem(number)
    if grens:
        raise AntwoordFout(f"{_short(text)} {grens}")
    try:
        return checked_number(vraag, number, unit)
    except ValueError as err:
        raise AntwoordFout(f"{err}; {allowed(vraag)}") from None


def parse_date(text: str, vraag: ast.Vraag | None = None, today: dt.date | None = None) -> dt.date:
    """'1-7-2025', '2025-07-01', 'vandaag', 'maandag 5 januari 2026', '5 jan 2026', and without a
    year the next such date ('5 januari': on or after today). A weekday that does not fit is refused."""
    today = today or dt.date.today()
    t = re.sub(r"[,.]", " ", fold(text)).strip() if re.search(r"[a-z]", fold(text)) else fold(text)
    t = re.sub(r"\s+", " ", t)
    if t == "vandaag":
        return today
    weekday = None
    first, _, rest = t.partition(" ")
    if first in _WEEKDAYS and rest:
        weekday, t = _WEEKDAYS[first], rest
    m = re.fullmatch(r"(\d{1,2}) ([a-z]+)", t)
    if m and m[2] in _MONTHS:
        day, month = int(m[1]), _MONTHS[m[2]]
        year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
        t = f"{day} {m[2]} {year}"
    found = _date_parts(text, t, vraag)
    if weekday is not None and found.weekday() != weekday:
        raise AntwoordFout(f"{found.day} {MAANDEN[found.month - 1]} {found.year} is een {WEEKDAGEN[found.weekday()]}, "
                           f"geen {WEEKDAGEN[weekday]}; controleer de datum")
    return found


def _date_parts(text: str, t: str, vraag: ast.Vraag | None) -> dt.date:
    parts = None
    m = re.fullmatch(r"(\d{4,})-(\d{1,2})-(\d{1,2})", t)
    if m:
        parts = (m[1], m[2], m[3])
    m = m or re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4,})", t)
    if m and parts is None:
        parts = (m[3], m[2], m[1])
    m = m or re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4,})", t)
    if m and parts is None and m[2] in _MONTHS:
        parts = (m[3], str(_MONTHS[m[2]]), m[1])
    if parts is None:
        raise AntwoordFout(f"{_short(text)} is geen datum; schrijf bijvoorbeeld 1-7-2025 of 2025-07-01")
    jaar = int(parts[0]) if len(parts[0]) <= 4 else 0
    try:
        return limits.make_date(jaar, int(parts[1]), int(parts[2]), _short(text))
    except limits.GrensFout as err:
        raise AntwoordFout(str(err)) from None


def _short(text: str) -> str:
    """A typed text quoted in a message, cut short: a pasted page is not echoed whole."""
    text = text.strip()
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}…'"


def completions(vraag: ast.Vraag, text: str) -> list[tuple[str, str]]:
    """(completion, description) pairs for what has been typed so far; a pure function the completer wraps."""
    if vraag.soort == "janee":
        return [(w, "") for w in ("ja", "nee") if w.startswith(fold(text))]
    if not kinds.of(vraag).opties:
        return []
    current = text
    if vraag.soort == "meerdere":
        parts = _SPLIT.split(text)
        current = parts[-1] if parts else ""
    t = fold(current)
    out = []
    for optie in vraag.opties:
        if any(n.startswith(t) for n in option_names(optie)):
            out.append((optie.label, optie.id))
    if vraag.soort == "meerdere" and "geen".startswith(t):
        out.append(("geen", "geen van deze"))
    return out


def answer_text(vraag: ast.Vraag, value: Any) -> str:
    """A value as the consultant would read it back."""
    return part(vraag).words(vraag, value)


def _words(vraag: ast.Vraag, value: Any) -> str:
    return value_text(value, {o.id: o.label for o in vraag.opties}, vraag.hoeveelheid)


def _number_words(vraag: ast.Vraag, value: Any) -> str:
    text = _words(vraag, value)
    return f"{text} {vraag.eenheid}" if vraag.hoeveelheid is None and vraag.eenheid and value is not None else text  # '7,5 km'


def _persons_words(vraag: ast.Vraag, value: Any) -> str:
    from .persons import persons_count_text

    return persons_count_text(value)


def interpretation(vraag: ast.Vraag, text: str, value: Any) -> str | None:
    """What an accepted answer was taken for, in words, when the typed text does not say it
    literally ("3" → "3 dagdelen per week", "onwt" → the option's label, "5 jan" → "5-1-2027");
    None when the text already is the answer."""
    said = answer_text(vraag, value)
    if vraag.soort == "janee":  # 'ja hoor', 'j' or a slip of '1' is said back; 'ja' and 'nee' say themselves
        return None if fold(text) in ("ja", "nee") else said
    if vraag.soort == "getal" and vraag.hoeveelheid is None:  # '7,5 km' is said back: its unit was understood
        return None if re.fullmatch(r"-?[\d.,]+", text.strip()) else said
    if fold(text) in (fold(said), fold(said).replace(",", "")):
        return None
    if vraag.soort in ("keuze", "meerdere"):
        exact = {fold(o.label) for o in vraag.opties} | {fold(o.id) for o in vraag.opties}
        parts = [p.strip() for p in fold(text).replace(";", ",").split(",")]
        if all(p in exact for p in parts) or fold(text) in exact:
            return None
    return said


# ── each kind's reading of typed text (``language/kinds.py``) ──
@dataclass(frozen=True)
class TextKind:
    allowed: Callable[[ast.Vraag], str]  # what may be typed, for a person at a prompt
    parse: Callable[[ast.Vraag, str], Any]  # the engine value of a typed answer; raises AntwoordFout
    words: Callable[[ast.Vraag, Any], str]  # a value as the consultant reads it back


TEXT_KINDS: dict[str, TextKind] = {
    "janee": TextKind(lambda v: "antwoord ja of nee", _parse_yes_no, _words),
    "keuze": TextKind(lambda v: f"kies een nummer van 1 tot en met {len(v.opties)} of het begin van een keuze: {_numbered_options(v)}",
                      lambda v, t: match_option(v, t).id, _words),
    "meerdere": TextKind(lambda v: f"kies een of meer nummers (1 tot en met {len(v.opties)}, bijvoorbeeld 1 3 of 1-3) of namen, "
                                   f"'alle' of 'geen': {_numbered_options(v)}", parse_several, _words),
    "getal": TextKind(_allowed_number, parse_number, _number_words),
    "personen": TextKind(lambda v: f"hoeveel? een aantal van {kinds.bound(v.minimaal)} tot en met {kinds.bound(v.maximaal)}", parse_number, _persons_words),
    "datum": TextKind(lambda v: "een datum, bijvoorbeeld 1-7-2025 of 2025-07-01", lambda v, t: parse_date(t, v), _words),
    "tekst": TextKind(lambda v: "vrije tekst", _parse_text, _words),
}
kinds.missing_kinds("cases/natural.py TEXT_KINDS", TEXT_KINDS)


def part(vraag: ast.Vraag) -> TextKind:
    return TEXT_KINDS[kinds.of(vraag).naam]
