"""Saving the result of an intake: Markdown, JSON or a case file, owner-only, never over a file unasked.

A bare file name goes to the user's documents folder (platformdirs); ``~`` is
expanded; an existing file is only replaced after "ja"; the full path is shown.
At this prompt ``wijzig``, ``terug`` and ``afwijken`` reopen the conversation.
"""

from __future__ import annotations

from pathlib import Path

from ..cases.natural import fold
from ..errors import WmoFout
from ..language import limits
from ..language.vocabulary import JA
from ..safeio import PRIVATE, write_atomic
from .conversation import command_of
from .screen import say

FORMATEN = {"markdown": ".md", "json": ".json", "casus": ".casus.json", "besluit": ".besluit.html"}


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


def offer_save(scherm, b, uitleg) -> str:
    """Offer to save until Enter; returns 'blijf' (done), 'verder' (reopened) or 'stop'."""
    from ..plugins import output_formats

    g = scherm.gesprek
    while True:
        say("Opslaan als markdown, json, casus of besluit? Of nog iets veranderen: wijzig, terug, afwijken.", "zacht")
        tekst = scherm.prompt("opslaan (Enter: klaar)> ", extra=list(FORMATEN))
        if not tekst.strip():
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
        standaard = documents_dir() / f"indicatie-{g.sessie_id}{FORMATEN[keuze]}"
        say(f"Standaard: {standaard}", "zacht")
        while True:
            pad = target(scherm.prompt("bestandsnaam (Enter: de standaard)> "), standaard)
            if not pad.exists():
                break
            say(f"{pad} bestaat al.", "fout")
            if fold(scherm.prompt("Overschrijven? (ja/nee) ")) in JA:
                break
        try:
            if keuze == "casus":
                inhoud = limits.dumps(g.casus(), indent=2) + "\n"
            elif keuze == "besluit":
                from ..plugins import besluit_sjabloon
                from ..present.besluit import render_besluit

                formaat = "markdown" if pad.suffix.lower() == ".md" else "html"
                inhoud = render_besluit(b, uitleg, formaat, eigen=besluit_sjabloon(g.model.regio.id, formaat))
            else:
                inhoud = output_formats()[keuze](b, uitleg)
            pad.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(pad, inhoud, PRIVATE)
            if keuze == "besluit":  # its receipt beside it, for 'wmo herbereken'
                from ..present.besluit import sidecar, sidecar_path

                write_atomic(sidecar_path(pad), sidecar(b), PRIVATE)
        except (WmoFout, OSError) as err:
            say(err.melding() if isinstance(err, WmoFout) else f"{pad} kan niet geschreven worden: {err.strerror}", "fout")
            continue
        say(f"Opgeslagen: {pad.resolve()}", "ok")
