"""Saving the result of an intake: Markdown, JSON or a case file, owner-only, never over a file unasked.

A bare file name goes to the user's documents folder (platformdirs); ``~`` is
expanded; an existing file is only replaced after "ja"; the full path is shown. The write
itself refuses a link someone else can have planted (``safeio``).
At this prompt ``wijzig``, ``terug`` and ``afwijken`` reopen the conversation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cases.natural import fold
from ..errors import WmoFout
from ..language import limits
from ..language.vocabulary import JA
from ..safeio import PRIVATE, private_dir, write_atomic
from ..semantics.notation import value_text
from ..present.besluit import sidecar, sidecar_path
from .beschikking import inhoud as uitvoer
from .opdrachten import Stap, command_of
from .screen import say

if TYPE_CHECKING:
    from ..present.explain import Uitleg
    from ..semantics.engine import Beoordeling

BESTAND_BALK = "Enter: de standaard · terug: niet opslaan"  # the only commands at the file name
FORMATEN = {"markdown": ".md", "json": ".json", "casus": ".casus.json", "besluit": ".besluit.html"}


def default_name(b: Beoordeling | None, sessie_id: str, keuze: str) -> str:
    """The file name offered first: named by what it holds (a refusal is no 'indicatie')."""
    wat = "indicatie" if b is None or b.uitkomst == "indicatie" else "besluit" if keuze == "besluit" else "beoordeling"
    return f"{wat}-{sessie_id}{FORMATEN[keuze]}"


def documents_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def target(tekst: str, standaard: Path) -> Path:
    """Where a typed name goes: Enter the default, a bare name the documents folder, else as typed."""
    tekst = tekst.strip()
    if not tekst:
        return standaard
    pad = Path(tekst).expanduser()
    return pad if pad.is_absolute() or len(pad.parts) > 1 else standaard.parent / pad


def offer_save(scherm: Any, b: Beoordeling, uitleg: Uitleg, meer: Callable[[], None] | None = None) -> Stap:
    """Offer to save until Enter; returns 'blijf' (done), 'verder' (reopened) or 'stop'. With ``meer``
    (showing the full motivering), 'meer' calls it, and so does the first Enter."""
    from ..plugins import output_formats

    g = scherm.gesprek
    enter_meer = meer is not None
    while True:
        say("Opslaan als markdown, json, casus of besluit? " + ("Enter of meer: de volledige motivering. " if enter_meer else
            "Of: meer (de motivering), " if meer else "Of nog iets veranderen: ") + ("wijzig, terug, afwijken." if not enter_meer
                                                                                   else "Of: wijzig, terug, afwijken."), "zacht")
        tekst = scherm.prompt(f"opslaan (Enter: {'meer' if enter_meer else 'klaar'})> ", extra=[*FORMATEN, *(["meer"] if meer else [])],
                              kort=True)
        if meer is not None and (fold(tekst) == "meer" or (enter_meer and not tekst.strip())):
            meer()
            enter_meer = False  # Enter pages the motivering until it was shown (a wrong line changes nothing)
            continue
        if not tekst.strip() or fold(tekst) == "klaar":
            return "blijf"
        opdracht = command_of(tekst)
        if opdracht is not None:
            stap = scherm.command(*opdracht, vraag=None)
            if stap != "blijf":
                return stap
            continue
        keuzes = [f for f in FORMATEN if f.startswith(fold(tekst))]
        if len(keuzes) != 1:
            say("Kies markdown, json, casus of besluit (het begin is genoeg), of Enter.", "fout")
            continue
        keuze = keuzes[0]
        formaat = None if keuze == "casus" else output_formats()[keuze]  # casus: the session's case file, not a rendering
        if formaat is not None and formaat.brief:
            letter_facts(scherm, b)
        standaard = documents_dir() / default_name(b, g.sessie_id, keuze)
        say(f"Standaard: {standaard} (terug: niet opslaan)", "zacht")
        pad = file_name(scherm, standaard)
        if pad is None:
            say("Niet opgeslagen.", "zacht")
            continue
        try:
            if formaat is None:
                inhoud = limits.dumps(g.casus(), indent=2) + "\n"
            else:
                inhoud = uitvoer(g, b, keuze, formaat.opmaak_voor(pad, "html"), uitleg)
            private_dir(pad.parent, tighten=False)  # missing folders 0700, no planted link on the way
            write_atomic(pad, inhoud, PRIVATE)
            if formaat is not None and formaat.verantwoording:  # its receipt beside it, for 'wmo herbereken'
                write_atomic(sidecar_path(pad), sidecar(b), PRIVATE)
        except (WmoFout, OSError) as err:
            say(err.melding() if isinstance(err, WmoFout) else f"{pad} kan niet geschreven worden: {err.strerror}", "fout")
            continue
        say(f"Opgeslagen: {pad.resolve()}", "ok")
        enter_meer = False  # saved: Enter ends
        if formaat is not None and formaat.verantwoording:
            say(f"Met de verantwoording ernaast (antwoorden en regelversie, voor 'wmo herbereken'; persoonsgegevens): "
                f"{sidecar_path(pad).resolve()}", "zacht")


def file_name(scherm: Any, standaard: Path) -> Path | None:
    """Where to save: asked until a name that is free or may be overwritten; None when 'terug' or
    'stop' cancels the save. A command word is never taken for a file name."""
    while True:
        tekst = scherm.prompt("bestandsnaam (Enter: de standaard)> ", balk=BESTAND_BALK)
        opdracht = command_of(tekst)
        if opdracht is not None and opdracht[0] in ("terug", "stop"):
            return None
        if opdracht is not None:
            say(f"'{tekst.strip()}' is een opdracht, geen bestandsnaam. Typ een bestandsnaam, Enter voor de standaard, "
                "of 'terug' om niet op te slaan.", "fout")
            continue
        pad = target(tekst, standaard)
        if not pad.exists():
            return pad
        say(f"{pad} bestaat al.", "fout")
        antwoord = scherm.prompt("Overschrijven? (ja/nee; terug: niet opslaan) ", balk=BESTAND_BALK)
        if fold(antwoord) in JA:
            return pad
        if (opdracht := command_of(antwoord)) is not None and opdracht[0] in ("terug", "stop"):
            return None


def letter_facts(scherm: Any, b: Beoordeling) -> None:
    """Before a besluit: the aanvraagdatum (Enter: today, or as given before) and, when the session has
    none yet, an optional kenmerk, kept in the session; then a warning for a period that starts before the aanvraag or lies in the past."""

    from ..present.besluit import past_periods

    g = scherm.gesprek
    nu = g.briefgegevens()
    standaard = nu.aanvraagdatum or dt.date.today()
    while True:
        tekst = scherm.prompt(f"aanvraagdatum (Enter: {value_text(standaard)})> ").strip()
        try:
            datum = _aanvraagdatum(tekst) if tekst else standaard
        except WmoFout as err:
            say(err.melding(), "fout")
            continue
        if tekst:
            say(f"  → {value_text(datum)}", "zacht")  # as every date on the screen: 1-12-2026
        break
    if datum != nu.aanvraagdatum:
        g.geef("aanvraagdatum", datum.isoformat())
    if nu.kenmerk:  # one kenmerk per session: the one given at the start (or for an earlier besluit)
        say(f"Kenmerk: {nu.kenmerk}", "zacht")
    while not nu.kenmerk:
        kenmerk = scherm.prompt("kenmerk of zaaknummer (Enter: geen)> ").strip()
        try:
            if kenmerk:
                g.geef("kenmerk", kenmerk)  # never a BSN
            break
        except WmoFout as err:
            say(err.melding(), "fout")
    for zin in past_periods(b, g.briefgegevens()):
        say(f"Let op, terugwerkende kracht: {zin} Het besluit zegt dat ook.", "fout")


def _aanvraagdatum(tekst: str) -> dt.date:
    """An aanvraagdatum as people say it ('5 jan', 'maandag 5 januari 2026', '1-12-2026'); without a
    year it is the last such day up to today: an aanvraag lies behind us."""
    import re

    from ..cases.natural import parse_date

    today = dt.date.today()
    try:
        datum = parse_date(tekst, None, today)
    except WmoFout as err:
        fout = WmoFout(f"aanvraagdatum: {err.melding()}")
    else:
        fout = WmoFout(f"aanvraagdatum: {value_text(datum)} ligt na vandaag; een aanvraag is al gedaan")
        if datum <= today:
            return datum
    if re.search(r"[a-z]", tekst.lower()) and not re.search(r"\d{4}", tekst):
        for year in (today.year, today.year - 1):  # this year's, else last year's (a weekday decides between them)
            try:
                candidate = parse_date(f"{tekst} {year}", None, today)
            except WmoFout:
                continue
            if candidate <= today:
                return candidate
    raise fout
