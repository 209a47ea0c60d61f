"""The first prompt of the intake: the citizen's gemeente picks the region.

A gemeente, a region's name or its id are understood, also by a unique prefix and
without accents; a typo gets "Bedoelde u Nieuwegein?" (answer 'ja' to take it);
an unknown gemeente names the installed regions and how to choose one by name.
``help`` lists them; ``stop`` leaves.
"""

from __future__ import annotations

import difflib

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import WordCompleter

from ..cases.natural import fold
from ..language.vocabulary import JA, NEE
from .conversation import command_of
from .screen import STYLE, say


class Gestopt(Exception):
    """The consultant typed 'stop' before a region was chosen."""


def choose_region(session: PromptSession, sources: dict, load) -> str:
    """Ask for the citizen's gemeente and return the id of the region that serves it."""
    return choose_gemeente(session, sources, load)[0]


def choose_gemeente(session: PromptSession, sources: dict, load) -> tuple[str, str | None]:
    """Ask for the citizen's gemeente: the id of the region that serves it, and the gemeente as the
    region writes it (None when a region was chosen by its name or id)."""
    regios = {rid: load(rid).model.regio for rid in sources}
    names: dict[str, tuple[str, str]] = {}  # folded name -> (region id, name as written)
    for rid, regio in regios.items():
        for gemeente in regio.gemeenten:
            names[fold(gemeente)] = (rid, gemeente)
        names.setdefault(fold(regio.naam), (rid, regio.naam))
        names.setdefault(fold(rid), (rid, regio.naam))
    gemeenten = sorted({g for regio in regios.values() for g in regio.gemeenten})
    zonder = [f"{regio.naam} ({rid})" for rid, regio in regios.items() if not regio.gemeenten]
    voorstel: str | None = None

    def overview() -> None:
        say("Gemeenten: " + ", ".join(gemeenten) + ".")
        if zonder:
            say("Of kies een regio op naam: " + ", ".join(zonder) + ".")
        say("Tab toont de namen; 'stop' stopt.", "zacht")

    while True:
        tekst = session.prompt("In welke gemeente woont de inwoner? ", style=STYLE,
                               completer=WordCompleter(gemeenten + [r.naam for r in regios.values()], ignore_case=True, sentence=True))
        t = fold(tekst)
        if voorstel and t in JA:
            t = fold(voorstel)
        elif voorstel and t in NEE:
            say("Typ de naam van de gemeente opnieuw, of 'help' voor de lijst.", "zacht")
            voorstel = None
            continue
        voorstel = None
        opdracht = command_of(tekst)
        if opdracht is not None:
            if opdracht[0] == "stop":
                say("Gestopt; er is nog niets gevraagd of bewaard.", "zacht")
                raise Gestopt
            if opdracht[0] != "help":
                say(f"'{opdracht[0]}' kan pas bij de vragen; kies eerst de gemeente.", "zacht")
            overview()
            continue
        if not t:
            continue
        found = names.get(t)
        if found is None:
            prefixed = {rid for name, (rid, _) in names.items() if name.startswith(t)}
            found = (prefixed.pop(), "") if len(prefixed) == 1 else None  # the gemeente is found below
        if found is not None:
            say(f"Regio: {regios[found[0]].naam}", "zacht")
            gemeente = found[1] if found[1] in regios[found[0]].gemeenten else None
            if gemeente is None:
                matches = [g for g in regios[found[0]].gemeenten if fold(g).startswith(t)]
                gemeente = matches[0] if len(matches) == 1 else None
            return found[0], gemeente
        close = difflib.get_close_matches(t, list(names), n=1, cutoff=0.75)
        if close:
            voorstel = names[close[0]][1]
            say(f"'{tekst.strip()[:60]}' ken ik niet. Bedoelde u {voorstel}? (ja, of typ de naam opnieuw)", "fout")
            continue
        say(f"'{tekst.strip()[:60]}' valt onder geen van de geïnstalleerde regio's.", "fout")
        overview()
