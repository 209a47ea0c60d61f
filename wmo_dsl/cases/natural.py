"""Natural answers: what a consultant types, understood as an engine value.

Pure functions, shared by the intake's validator, its completer and the JSON
lines protocol: "j", "Nee", "financien" for "Administratie en financiën",
"zelfzorg en wonen", "1, 3", "geen", "2,5", "1-7-2025". An answer that does not
fit raises :class:`AntwoordFout` with a Dutch message naming what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ..errors import WmoFout
from ..language import ast

from ..language import limits
from ..language.vocabulary import GEEN, JA, NEE, TIME_UNIT_WORDS
from ..semantics.notation import value_text
from .answers import allowed_text, checked_number, split_amount

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"])}
_SPLIT = re.compile(r"\s*(?:,|;|/|\ben\b|\+|&)\s*")


class AntwoordFout(WmoFout):
    """An answer that does not fit its question; the message says what does."""


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
        names = ", ".join(o.label for o in (exact or prefixed))
        raise AntwoordFout(f"'{text}' past bij meer dan één keuze ({names}); typ meer letters")
    raise AntwoordFout(f"'{text}' is geen keuze bij deze vraag; {allowed(vraag)}")


def allowed(vraag: ast.Vraag) -> str:
    """What the question allows, for a person at a prompt."""
    if vraag.soort == "janee":
        return "antwoord ja of nee"
    n = len(vraag.opties)
    if vraag.soort == "keuze":
        return f"kies 1-{n} of: " + ", ".join(o.id for o in vraag.opties)
    if vraag.soort == "meerdere":
        return f"kies een of meer (1-{n} of namen), of 'geen': " + ", ".join(o.id for o in vraag.opties)
    if vraag.soort == "getal":
        voorbeeld = "3" if vraag.geheel else "2,5"
        if vraag.hoeveelheid is not None and vraag.hoeveelheid.maat == "uur":
            voorbeeld += " of 150 minuten"
        return allowed_text(vraag) + f", bijvoorbeeld {voorbeeld}"
    if vraag.soort == "datum":
        return "een datum, bijvoorbeeld 1-7-2025 of 2025-07-01"
    if vraag.soort == "personen":
        return f"hoeveel? een aantal van {vraag.minimaal.value} tot en met {vraag.maximaal.value}"
    return "vrije tekst"


def parse_answer(vraag: ast.Vraag, text: str):
    """The engine value for a typed answer; raises AntwoordFout when it does not fit."""
    soort = vraag.soort
    t = fold(text)
    if soort == "janee":
        if t in JA:
            return True
        if t in NEE:
            return False
        raise AntwoordFout(f"'{text}' is geen ja of nee; {allowed(vraag)}")
    if soort == "keuze":
        return match_option(vraag, text).id
    if soort == "meerdere":
        return parse_several(vraag, text)
    if soort in ("getal", "personen"):
        return parse_number(vraag, text)
    if soort == "datum":
        return parse_date(text, vraag)
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


def parse_number(vraag: ast.Vraag, text: str) -> Decimal:
    """'2,5', '1.250,5', '2,5 uur', '150 minuten' (converted to the question's unit)."""
    number_text, unit = split_amount(text)
    cleaned = number_text.strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", cleaned):  # 1.250,5
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise AntwoordFout(f"{_short(text)} is geen getal; {allowed(vraag)}") from None
    grens = limits.number_problem(number)
    if grens:
        raise AntwoordFout(f"{_short(text)} {grens}")
    try:
        return checked_number(vraag, number, unit)
    except ValueError as err:
        raise AntwoordFout(f"{err}; {allowed(vraag)}") from None


def parse_date(text: str, vraag: ast.Vraag | None = None) -> dt.date:
    t = fold(text)
    if t == "vandaag":
        return dt.date.today()
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
    if vraag.soort not in ("keuze", "meerdere"):
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


def answer_text(vraag: ast.Vraag, value) -> str:
    """A value as the consultant would read it back."""
    if vraag.soort == "personen":
        from .persons import persons_count_text

        return persons_count_text(value)
    return value_text(value, {o.id: o.label for o in vraag.opties}, vraag.hoeveelheid)


def parse_derived(model, naam: str, tekst: str):
    """A deviating value for a derived value, typed by a consultant (or read back from a log or a case file)."""
    from ..language.check import Type

    t = model.types.get(naam, Type("onbekend"))
    f = fold(tekst)
    if t.soort == "keuze" or t.soort == "product":
        for p in model.producten.values():
            if f in (fold(p.id), fold(p.code)):
                return p.id
        for s in sorted(t.domein):
            if fold(s) == f:
                return s
        opties = sorted(t.domein) if t.soort == "keuze" and t.domein else [p.code for p in model.producten.values()]
        raise WmoFout(f"'{tekst}' is geen mogelijke waarde van {naam}; kies uit: {', '.join(opties)}")
    if t.soort == "janee":
        if f in JA or f == "ja":
            return True
        if f in NEE:
            return False
        raise WmoFout("antwoord ja of nee")
    if t.soort == "getal":
        from decimal import Decimal, InvalidOperation

        getal, unit = split_amount(tekst)
        if unit is not None and t.eenheid is not None:
            try:
                return checked_number(ast.Vraag(naam, "getal", None, None, None, (), None, None, None, None, hoeveelheid=t.eenheid),
                                      Decimal(getal.strip().replace(",", ".")), unit)
            except (ValueError, InvalidOperation) as err:
                raise WmoFout(f"'{tekst[:40]}' {err}") from None
        try:
            number = Decimal(getal.strip().replace(",", "."))
        except InvalidOperation:
            raise WmoFout(f"'{tekst[:40]}' is geen getal") from None
        grens = limits.number_problem(number)
        if grens:
            raise WmoFout(f"'{tekst[:40]}' {grens}")
        return number
    if t.soort == "duur":
        parts = f.split()
        if len(parts) == 2 and parts[0].isdigit() and len(parts[0]) <= 4 and parts[1] in TIME_UNIT_WORDS:
            return ast.Duur(int(parts[0]), TIME_UNIT_WORDS[parts[1]])
        raise WmoFout(f"'{tekst}' is geen duur; schrijf bijvoorbeeld 6 maanden")
    if t.soort == "datum":
        return parse_date(tekst)
    return tekst.strip()
