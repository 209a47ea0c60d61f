"""Afwijken in the terminal: the derived value, its new value and the reason, each asked on its own line.

The values are chosen like an answer (number, label, beginning, a typo's suggestion); Enter or
``terug`` cancels while a value is chosen, ``stop`` stops. The reason is required: an empty line is
refused and asked again, only ``terug`` or ``stop`` leaves it. What is chosen goes to the table's
``afwijken`` (``opdrachten.TABEL``), as over JSON lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..cases.natural import AntwoordFout, yes_no
from ..errors import WmoFout
from ..language import ast, limits
from .labels import onderwerp_vraag, waarde_naam, waarde_vraag
from .opdrachten import Stap, command_of
from .screen import say, show_question

REDEN_VERPLICHT = "Een reden is verplicht; typ de reden, of 'terug' om niet af te wijken."


def _left(tekst: str) -> Stap | None:
    """A line of afwijken that left it: cancelled ('blijf') or stopped."""
    return "blijf" if tekst == "blijf" else "stop" if tekst == "stop" else None


def _reason(tekst: str) -> str:
    if len(tekst) > limits.MAX_TEXT:
        raise WmoFout(f"de reden is langer dan {limits.MAX_TEXT} tekens; vat haar samen")
    return tekst.strip()


def deviation(scherm: Any) -> dict | Stap:
    """Afwijken: the derived value and its new value, then the reason; the fields for the table's handler."""
    g = scherm.gesprek
    keuzes = g.afwijkbaar()
    if not keuzes:
        say("Er is nog geen afgeleide waarde om van af te wijken.", "fout")
        return "blijf"
    say("Van welke afgeleide waarde wijkt u af? (Enter of terug: niet afwijken)", "vraag")
    for i, (naam, waarde) in enumerate(keuzes.items(), 1):
        say(f"  {i}. {waarde_naam(g.model, naam)}: {waarde}")
    onderwerp = _line(scherm, "afwijken van> ", onderwerp_vraag(g.model, list(keuzes)), g.kies_onderwerp)
    if (stap := _left(onderwerp)) is not None:
        return stap
    waardevraag = waarde_vraag(g.model, onderwerp)
    say(f"Nieuwe waarde voor {waarde_naam(g.model, onderwerp)} (nu: {keuzes[onderwerp]}):", "vraag")
    if waardevraag is not None:
        show_question("", waardevraag, kop=False)
    else:
        say(f"  ({g.model.types[onderwerp]})", "zacht")
    waarde = _line(scherm, "nieuwe waarde> ", waardevraag,
                   lambda t: (g.afwijkende_waarde(onderwerp, t), t)[1])  # checked before the reason
    if (stap := _left(waarde)) is not None:
        return stap
    reden = _line(scherm, "reden (verplicht)> ", None, _reason, leeg=REDEN_VERPLICHT)
    if (stap := _left(reden)) is not None:
        return stap
    return {"onderwerp": onderwerp, "waarde": waarde, "reden": reden}


def _line(scherm: Any, message: str, vraag: ast.Vraag | None, check: Callable[[str], str], leeg: str | None = None) -> str:
    """One line of afwijken: terug cancels, and so does Enter unless ``leeg`` refuses an empty line
    with that message; stop stops; help/waarom/overzicht are shown and the same line is asked again;
    otherwise ``check`` gives the value or refuses (after "bedoelde u …?", 'ja' takes the suggestion)."""
    suggestie = None
    while True:
        tekst = scherm.prompt(message, vraag)
        if suggestie is not None and yes_no(tekst) is True:
            tekst = suggestie
        suggestie = None
        opdracht = command_of(tekst)
        if not tekst.strip() and leeg is not None:
            say(leeg, "fout")
            continue
        if not tekst.strip() or (opdracht is not None and opdracht[0] == "terug"):
            say("Niet afgeweken.", "zacht")
            return "blijf"
        if opdracht is not None and opdracht[0] == "stop":
            return "stop"
        if opdracht is not None and opdracht[0] in ("help", "waarom", "overzicht"):
            say(scherm.gesprek.overzicht() if opdracht[0] == "overzicht" else
                "Afwijken: kies een afgeleide waarde, typ de nieuwe waarde en de reden (verplicht). Enter of 'terug' stopt "
                "het afwijken ('terug' ook bij de reden); de reden komt in de uitleg en in het besluit.")
            continue
        try:
            return check(tekst)
        except AntwoordFout as err:
            say(str(err), "fout")
            suggestie = err.suggestie
        except WmoFout as err:
            say(err.melding(), "fout")
