"""The first prompt of the intake: the citizen's gemeente picks the region.

Only a gemeente a region names is taken at once, without accents or case ("Regio:
Regio Zuid-Oost Utrecht (gemeente De Bilt)"); a typo or the first words of one
gemeente get "Bedoelde u Nieuwegein?" ('ja' takes it); a region's own name or id is
confirmed first ("Regio Zuid-Oost Utrecht (Bunnik, De Bilt, …)?"); a region without
gemeenten is chosen by its number or name. "Utrecht" is no gemeente of Zuid-Oost
Utrecht and is not taken for it. ``help`` lists them; ``stop`` leaves.
"""

from __future__ import annotations

from collections.abc import Callable

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import WordCompleter

from ..cases.gemeenten import zoek_gemeente
from ..cases.natural import fold, yes_no
from ..errors import printable
from ..semantics.engine import Rules
from .opdrachten import command_of
from .screen import STYLE, say


class Gestopt(Exception):
    """The consultant typed 'stop' before a region was chosen."""


def choose_gemeente(session: PromptSession, sources: dict, load: Callable[[str], Rules]) -> tuple[str, str | None]:
    """Ask for the citizen's gemeente: the id of the region that serves it, and the gemeente as the
    region writes it (None when a region was chosen by its name, id or number)."""
    regios = {rid: load(rid).model.regio for rid in sources}
    gemeenten = sorted({g for regio in regios.values() for g in regio.gemeenten})
    zonder = [rid for rid, regio in regios.items() if not regio.gemeenten]
    voorstel: str | None = None  # a gemeente offered ("Bedoelde u …?")
    bevestig: str | None = None  # a region named by its name or id, to confirm

    def overview() -> None:
        say("Gemeenten: " + ", ".join(gemeenten) + ".")
        if zonder:
            say("Of kies een regio op naam of nummer (regio's zonder gemeentelijst): "
                + "; ".join(f"{i}. {regios[rid].naam}" for i, rid in enumerate(zonder, 1)) + ".")
        say("Tab toont de namen; 'stop' stopt.", "zacht")

    while True:
        tekst = session.prompt("In welke gemeente woont de inwoner? ", style=STYLE,
                               completer=WordCompleter(gemeenten + [r.naam for r in regios.values()], ignore_case=True, sentence=True))
        antwoord = yes_no(tekst) if (voorstel or bevestig) else None
        if bevestig and antwoord is True:
            say(f"Regio: {regios[bevestig].naam}", "zacht")
            return bevestig, None
        if voorstel and antwoord is True:
            tekst = voorstel
        elif (voorstel or bevestig) and antwoord is False:
            say("Typ de naam van de gemeente opnieuw, of 'help' voor de lijst.", "zacht")
            voorstel = bevestig = None
            continue
        voorstel = bevestig = None
        opdracht = command_of(tekst)
        if opdracht is not None:
            if opdracht[0] == "stop":
                say("Gestopt; er is nog niets gevraagd of bewaard.", "zacht")
                raise Gestopt
            if opdracht[0] != "help":
                say(f"'{opdracht[0]}' kan pas bij de vragen; kies eerst de gemeente.", "zacht")
            overview()
            continue
        t = fold(tekst)
        if not t:
            continue
        if t.isdigit() and 1 <= int(t) <= len(zonder):  # a region without gemeenten, by its number
            say(f"Regio: {regios[zonder[int(t) - 1]].naam}", "zacht")
            return zonder[int(t) - 1], None
        found = zoek_gemeente(regios, tekst)
        if found.regios:
            rid = found.regios[0]
            say(f"Regio: {regios[rid].naam} (gemeente {found.gemeente})", "zacht")
            return rid, found.gemeente
        if found.regio is not None:
            regio = regios[found.regio]
            lijst = f" ({', '.join(regio.gemeenten[:4])}{', …' if len(regio.gemeenten) > 4 else ''})" if regio.gemeenten else ""
            if not regio.gemeenten:
                say(f"Regio: {regio.naam}", "zacht")
                return found.regio, None
            bevestig = found.regio
            say(f"{regio.naam}{lijst}? (ja, of typ de gemeente)", "vraag")
            continue
        shown = printable(tekst.strip()[:60], lines=False)
        if found.voorstel:
            voorstel = found.voorstel
            say(f"'{shown}' ken ik niet. Bedoelde u {voorstel}? (ja, of typ de naam opnieuw)", "fout")
            continue
        say(f"'{shown}' valt onder geen van de geïnstalleerde regio's.", "fout")
        overview()
