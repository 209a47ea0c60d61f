"""The intake's commands, declared once: one table, one way to run a command.

Like litecli's special commands (``special/main.py``): every command is one :class:`Opdracht` in
``TABEL`` with its name, its Dutch help, its aliases, the fields it takes and a handler. The handler
works on the conversation (:class:`Stand`: the :class:`~wmo_dsl.intake.conversation.Gesprek` and the
open question) and returns what happened as a result object (:data:`Resultaat`), or refuses with
:class:`~wmo_dsl.intake.protocol.Geweigerd` (its stable ``code`` from ``FOUTEN``). The terminal
(``terminal.py``) shows a result on the screen, JSON lines (``jsonl.py``) write it as a line; neither
has its own list of commands. A command for one front end only says so in ``kanalen``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from ..cases.natural import fold
from ..errors import WmoFout
from ..language import ast
from ..semantics.engine import Afwijking, Beoordeling
from .conversation import Gesprek
from .protocol import BESLUITFORMATEN, GEGEVENS, OPDRACHTEN, VELDEN, Geweigerd

Kanaal = Literal["terminal", "jsonl"]
BEIDE: frozenset[Kanaal] = frozenset({"terminal", "jsonl"})
Stap = Literal["blijf", "verder", "stop"]  # in the terminal: stay at the prompt; the conversation moved on; stop


@dataclass
class Stand:
    """Where the conversation is when a command comes."""

    gesprek: Gesprek
    vraag: ast.Vraag | None = None  # the open question; None at "Klopt dit?" and after the result
    wijzigen: bool = False  # the open question is an earlier answer being changed
    uitkomst: Beoordeling | None = None  # the result last shown, while no question is open (JSON lines)


# ── what a command did ──


@dataclass(frozen=True)
class Hulp:
    """The list of commands."""


@dataclass(frozen=True)
class Uitleg:
    """Why ``vraag`` is asked."""

    vraag: ast.Vraag


@dataclass(frozen=True)
class Overzicht:
    """The answers so far and what is settled."""


@dataclass(frozen=True)
class Wijzig:
    """``vraag`` is asked again, to change its answer."""

    vraag: ast.Vraag


@dataclass(frozen=True)
class Later:
    """``vraag`` is put off."""

    vraag: ast.Vraag


@dataclass(frozen=True)
class Terug:
    """The answer to ``vraag`` is undone; None: back from changing an answer, nothing changed."""

    vraag: ast.Vraag | None


@dataclass(frozen=True)
class Afgeweken:
    """A professional deviation is recorded."""

    onderwerp: str
    naar: object
    afwijking: Afwijking  # as the engine has it: 'van' is what the rules derive without any deviation


@dataclass(frozen=True)
class Gegevens:
    """The letter's facts are recorded."""

    gegevens: dict[str, object]
    terugwerkend: list[str]


@dataclass(frozen=True)
class Besluit:
    """The besluit of the last result."""

    formaat: str
    inhoud: str


@dataclass(frozen=True)
class Stop:
    """The conversation stops (kept for --hervat when stored)."""


Resultaat = Hulp | Uitleg | Overzicht | Wijzig | Later | Terug | Afgeweken | Gegevens | Besluit | Stop
Velden = dict[str, Any]  # a command's fields: JSON values as sent, a question as an ast.Vraag


@dataclass(frozen=True)
class Opdracht:
    """One intake command."""

    naam: str
    hulp: str  # Dutch, as 'help' lists it
    uitvoeren: Callable[[Stand, Velden], Resultaat]
    velden: tuple[str, ...] = ()  # the fields it takes ("vraag" is converted to a question by each front end)
    verplicht: tuple[str, ...] = ()  # those the terminal asks for when they are not typed
    getypt: str | None = None  # the field the terminal fills with what follows the name ('wijzig 3')
    aliassen: tuple[str, ...] = ()
    kanalen: frozenset[Kanaal] = BEIDE
    waarom_niet: str = ""  # for a command of one front end: how the other does it
    hulp_zonder_opslag: str = ""  # the help when nothing is stored (--geen-opslag), if it differs


def guard(code: str, action: Callable[[], Any]) -> Any:
    """Run ``action``; a WmoFout (a Dutch message) becomes Geweigerd with ``code`` (a BSN: kenmerk_is_bsn)."""
    from ..cases.kenmerk import BsnFout

    try:
        return action()
    except WmoFout as err:
        raise Geweigerd("kenmerk_is_bsn" if isinstance(err, BsnFout) else code, err.melding()) from None


def json_text(waarde: object) -> str:
    """A JSON value as the text a consultant would type: true -> 'ja', 2.5 -> '2,5'."""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde).replace(".", ",") if isinstance(waarde, float) else str(waarde)


# ── the handlers ──


def _help(stand: Stand, velden: Velden) -> Resultaat:
    return Hulp()


def _waarom(stand: Stand, velden: Velden) -> Resultaat:
    vraag = velden.get("vraag") or stand.vraag
    if vraag is None:
        raise Geweigerd("vraag_ontbreekt", "waarom welke vraag? Stuur {\"opdracht\": \"waarom\", \"vraag\": id}",
                        scherm="Er staat geen vraag open; 'overzicht' toont de antwoorden.")
    return Uitleg(vraag)


def _overzicht(stand: Stand, velden: Velden) -> Resultaat:
    return Overzicht()


def _wijzig(stand: Stand, velden: Velden) -> Resultaat:
    if velden.get("vraag") is None:
        raise Geweigerd("vraag_ontbreekt", "welke vraag? Stuur {\"opdracht\": \"wijzig\", \"vraag\": id}")
    return Wijzig(velden["vraag"])


def _later(stand: Stand, velden: Velden) -> Resultaat:
    if stand.vraag is None or stand.wijzigen:  # the protocol's text is a contract; the screen says where one is
        waar = ("u wijzigt een eerder antwoord" if stand.wijzigen else "hier bevestigt u de antwoorden" if stand.uitkomst is None
                else "de uitkomst staat er al")
        raise Geweigerd("later_niet_mogelijk", "'later' kan alleen bij een nieuwe vraag, niet bij een antwoord dat u wijzigt",
                        scherm=f"'later' kan alleen bij een open vraag; {waar}.")
    if not stand.gesprek.kan_later(stand.vraag.id):
        raise Geweigerd("later_niet_mogelijk", "deze vraag kan niet later: de andere vragen die nog nodig zijn, hangen ervan af")
    stand.gesprek.sla_over(stand.vraag.id)
    return Later(stand.vraag)


def _terug(stand: Stand, velden: Velden) -> Resultaat:
    if stand.wijzigen:  # back from changing an answer: nothing changes
        return Terug(None)
    weg = stand.gesprek.terug()
    if weg is None:
        raise Geweigerd("niets_terug", "er is nog geen antwoord om ongedaan te maken")
    return Terug(weg)


def _afwijken(stand: Stand, velden: Velden) -> Resultaat:
    g = stand.gesprek
    onderwerp, waarde, reden = velden.get("onderwerp"), velden.get("waarde"), velden.get("reden")
    if not isinstance(onderwerp, str):
        raise Geweigerd("ongeldige_afwijking", "afwijken van welke afgeleide waarde? Kies 'onderwerp' uit: " + ", ".join(g.afwijkbaar()))
    if not isinstance(waarde, (str, int, float, bool)):
        raise Geweigerd("ongeldige_afwijking", "'waarde' is de nieuwe waarde: een tekst, getal of ja/nee")
    naam: str = onderwerp
    naar = guard("ongeldige_afwijking", lambda: g.afwijkende_waarde(naam, json_text(waarde)))  # the value, then the reason
    if not isinstance(reden, str) or not reden.strip():
        raise Geweigerd("reden_ontbreekt", "een afwijking vraagt een reden ('reden')")
    onderwerp = g.afwijkend_onderwerp(onderwerp) or onderwerp  # by id or by label: the answer names the id
    guard("ongeldige_afwijking", lambda: g.wijk_af(onderwerp, json_text(waarde), reden))
    return Afgeweken(onderwerp, naar, g.beoordeling().afwijkingen[-1])


def _gegevens(stand: Stand, velden: Velden) -> Resultaat:
    """The aanvraagdatum, kenmerk and gemeente for the beschikking; all checked before any is kept."""
    from ..cases.casefile import parse_peildatum
    from ..cases.kenmerk import check_kenmerk
    from ..present.besluit import past_periods

    g = stand.gesprek
    nieuw = {}
    for veld in GEGEVENS:
        if veld not in velden:
            continue
        waarde = velden[veld]
        if not isinstance(waarde, str) or not waarde.strip() or len(waarde) > 200 or any(c < " " for c in waarde):
            raise Geweigerd("ongeldig_gegeven", f"'{veld}' is één regel tekst van hoogstens 200 tekens")
        if veld == "aanvraagdatum":
            nieuw[veld] = guard("ongeldig_gegeven", lambda: parse_peildatum(waarde, "", veld)).isoformat()
        elif veld == "kenmerk":
            nieuw[veld] = guard("ongeldig_gegeven", lambda: check_kenmerk(waarde))
        else:
            nieuw[veld] = _gemeente(g, waarde.strip())
    for veld, waarde in nieuw.items():
        g.geef(veld, waarde)
    b = g.beoordeling()
    return Gegevens({k: v for k, v in g.staat.gegevens.items() if v},
                    past_periods(b, g.briefgegevens()) if b.uitkomst == "indicatie" else [])


def _gemeente(g: Gesprek, naam: str) -> str:
    """A gemeente of this region as the region writes it; any name when the region names none."""
    from ..cases.gemeenten import zoek_gemeente

    regio = g.model.regio
    if not regio.gemeenten:
        return naam
    found = zoek_gemeente({regio.id: regio}, naam)
    if found.gemeente is None:
        hint = f"bedoelde u '{found.voorstel}'? " if found.voorstel else ""
        raise Geweigerd("ongeldig_gegeven", f"'{naam[:40]}' is geen gemeente van {regio.naam}; {hint}"
                        f"de gemeenten: {', '.join(regio.gemeenten)}")
    return found.gemeente


def _besluit(stand: Stand, velden: Velden) -> Resultaat:
    """The besluit of the last result, through the registered output format 'besluit': the bytes
    the terminal saves and 'wmo beoordeel --formaat besluit' prints."""
    from .beschikking import inhoud

    formaat = velden.get("formaat")
    if formaat not in BESLUITFORMATEN:
        raise Geweigerd("ongeldig_formaat", "een besluit vraagt \"formaat\": \"markdown\" of \"html\"")
    b = stand.uitkomst
    if stand.vraag is not None or b is None:
        raise Geweigerd("geen_resultaat", "een besluit kan pas na het resultaat; beantwoord eerst de open vraag")
    return Besluit(formaat, guard("geen_besluit", lambda: inhoud(stand.gesprek, b, "besluit", formaat)))


def _stop(stand: Stand, velden: Velden) -> Resultaat:
    return Stop()


# ── the table ──

ALLEEN_TERMINAL: frozenset[Kanaal] = frozenset({"terminal"})
ALLEEN_JSONL: frozenset[Kanaal] = frozenset({"jsonl"})

TABEL: dict[str, Opdracht] = {o.naam: o for o in (
    Opdracht("help", "toon deze opdrachten", _help, aliassen=("?", "hulp"), kanalen=ALLEEN_TERMINAL,
             waarom_niet="JSON lines: het schema (wmo intake --schema) beschrijft de berichten"),
    Opdracht("waarom", "waarom deze vraag: welke afweging haar nodig heeft, met bron en toelichting", _waarom, velden=("vraag",)),
    Opdracht("terug", "maak het laatste antwoord ongedaan", _terug),
    Opdracht("wijzig", "wijzig <vraag>: verander een eerder antwoord", _wijzig, velden=("vraag",), verplicht=("vraag",),
             getypt="vraag"),
    Opdracht("overzicht", "de antwoorden tot nu toe en wat al vaststaat", _overzicht),
    Opdracht("later", "sla deze vraag over; ze komt terug voor het einde", _later),
    Opdracht("afwijken", "wijk als professionele afweging af van een afgeleide waarde (met reden)", _afwijken,
             velden=("onderwerp", "waarde", "reden"), verplicht=("onderwerp", "waarde", "reden")),
    Opdracht("stop", "bewaar de sessie en stop; hervat met 'wmo intake --hervat'", _stop,
             hulp_zonder_opslag="stop (met --geen-opslag wordt niets bewaard)"),
    Opdracht("gegevens", "leg aanvraagdatum, kenmerk of gemeente vast voor het besluit", _gegevens, velden=GEGEVENS,
             kanalen=ALLEEN_JSONL, waarom_niet="de terminal vraagt ze bij 'opslaan als besluit' (en het kenmerk bij de start)"),
    Opdracht("besluit", "het conceptbesluit van het resultaat, als markdown of html", _besluit, velden=("formaat",),
             kanalen=ALLEEN_JSONL, waarom_niet="de terminal slaat het besluit op in het opslaan-menu ('besluit')"),
)}

# The protocol's list is a contract (README, schema, the order of its hint): it must be this table's.
assert set(OPDRACHTEN) == {o.naam for o in TABEL.values() if "jsonl" in o.kanalen}, OPDRACHTEN
assert {v for o in TABEL.values() if "jsonl" in o.kanalen for v in o.velden} | {"opdracht"} == VELDEN, VELDEN
assert all(o.kanalen == BEIDE or o.waarom_niet for o in TABEL.values())

COMMANDS = {o.naam: o.hulp for o in TABEL.values() if "terminal" in o.kanalen}  # the terminal's: completion, toolbar, help


def opdracht(naam: object, kanaal: Kanaal) -> Opdracht | None:
    """The command of that name for that front end, or None."""
    found = TABEL.get(naam) if isinstance(naam, str) else None
    return found if found is not None and kanaal in found.kanalen else None


def command_of(text: str) -> tuple[str, str] | None:
    """('wijzig', 'type') for 'wijzig type' typed in the terminal; None when the text is an answer."""
    words = text.strip().split(maxsplit=1)
    if words and opdracht(fold(words[0]), "terminal") is not None:
        return fold(words[0]), (words[1] if len(words) > 1 else "")
    for o in TABEL.values():
        if "terminal" in o.kanalen and fold(text.strip()) in o.aliassen:
            return o.naam, ""
    return None


def voer_uit(o: Opdracht, stand: Stand, velden: Velden) -> Resultaat:
    """Run a command; Geweigerd when it cannot be carried out (nothing recorded then)."""
    return o.uitvoeren(stand, {k: v for k, v in velden.items() if k in o.velden})

