"""The intake in a terminal: prompt-toolkit around a :class:`~wmo_dsl.intake.conversation.Gesprek`.

One question at a time, in Dutch. Completion and the bottom toolbar show what an
answer may be; an answer that does not fit is refused with the reason and the
input line is cleared (the text stays in the history, arrow up). Every prompt
takes the commands of the table (``opdrachten.TABEL``): at a question, inside ``wijzig`` and
``afwijken``, at the review ("Klopt dit?") and after the result, where
``wijzig``, ``terug`` and ``afwijken`` reopen the conversation. Ctrl-C or a closed
terminal lose nothing: each answer is on disk before the next question appears.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_never

from prompt_toolkit import PromptSession
from prompt_toolkit.key_binding import KeyBindings

from ..cases.natural import AntwoordFout, answer_text, interpretation, parse_answer, yes_no
from ..errors import WmoFout
from ..language import ast
from ..present.explain import build, render
from .conversation import Gesprek
from .opdrachten import (TABEL, Afgeweken, Besluit, Gegevens, Hulp, Later, Overzicht, Resultaat, Stand, Stop, Terug, Uitleg,
                         Stap, Wijzig, command_of, opdracht, voer_uit)
from .protocol import Geweigerd
from .labels import prompt_of, vraag_naam
from .afwijken import deviation
from .saving import offer_save
from ..present.samenvatting import samenvatting
from ..semantics.engine import Beoordeling
from ..semantics.notation import value_text
from .pager import page
from .screen import HULP_INSPRINGING, STYLE, AnswerCompleter, help_line, numbered, rows, say, show_question, toolbar, width, wrapped



KENMERK_BALK = "Enter: geen kenmerk · help · stop"  # the only commands at the kenmerk prompt
KENMERK_HULP = ("Typ het kenmerk (het zaaknummer of een eigen aanduiding, geen BSN), Enter voor geen kenmerk, of 'stop'. "
                "De andere opdrachten (waarom, wijzig, later, …) kunnen bij de vragen die hierna komen.")
ASKED = frozenset({"vraag", "onderwerp", "waarde", "reden"})  # the fields IntakeScherm.ask_field asks for
assert all(set(o.verplicht) <= ASKED for o in TABEL.values() if "terminal" in o.kanalen)


class IntakeScherm:
    """The conversation loop in a terminal."""

    def __init__(self, gesprek: Gesprek, session: PromptSession | None = None, opgeslagen: bool = True,
                 regels: str | None = None, vraag_kenmerk: bool = False):
        self.gesprek = gesprek
        self.vraag_kenmerk = vraag_kenmerk and opgeslagen  # a new stored session: ask its kenmerk first
        self.regels = regels  # a loose rule file: resuming needs it again
        self.session = session or PromptSession()
        self.pager: PromptSession | None = None
        self.opgeslagen = opgeslagen
        self.groep: str | None = None
        self.uitkomst: Beoordeling | None = None  # the result on the screen, while no question is open

    def prompt(self, message: str, vraag: ast.Vraag | None = None, extra: list[str] | None = None, kort: bool = False,
               wijzigen: bool = False, balk: str | None = None) -> str:
        """One line of input. ``kort``: under a screenful (the review, the result), so no lines are
        kept free for the completion menu and what is above stays in view. ``balk``: the toolbar of a
        prompt that takes only a few commands (else the table's)."""
        return self.session.prompt(message, completer=AnswerCompleter(vraag, extra), bottom_toolbar=balk or toolbar(vraag, wijzigen),
                                   complete_while_typing=True, style=STYLE, key_bindings=None,
                                   reserve_space_for_menu=0 if kort else 8)

    def key(self, message: str) -> str:
        """One key for the pager: Enter or space gives '' or ' ', q gives 'q' (no Enter needed)."""
        keys = KeyBindings()
        for toets in (" ", "q", "Q"):
            keys.add(toets)(lambda event, toets=toets: event.app.exit(result=toets))
        if self.pager is None:  # its own session: the page prompt is erased once a key is pressed
            self.pager = PromptSession(input=self.session.input, output=self.session.output, erase_when_done=True)
        return self.pager.prompt(message, style=STYLE, key_bindings=keys, reserve_space_for_menu=0)

    def page(self, text: str) -> None:
        """Long text a page at a time (the terminal's height less the prompt lines)."""
        page(wrapped(text).split("\n"), rows() - 3, lambda line: say(line, wrap=False), self.key)

    def run(self) -> int:
        g = self.gesprek
        try:
            if self.vraag_kenmerk and not g.staat.gegevens.get("kenmerk") and self.ask_kenmerk() == "stop":
                self._stopped()
                return 0
        except (KeyboardInterrupt, EOFError):
            self._stopped()
            return 130
        sessie = f"sessie {g.sessie_id}" if self.opgeslagen else "niet bewaard"  # no id that cannot be resumed
        kenmerk = f" · kenmerk {g.staat.gegevens['kenmerk']}" if g.staat.gegevens.get("kenmerk") else ""
        kop, staart = f"Intake {g.model.regio.naam}{kenmerk}", f"peildatum {value_text(g.peildatum)} · {sessie}"
        say(f"{kop} · {staart}" if len(kop) + len(staart) + 3 < 80 else f"{kop}\n{staart}", "kop")  # never wrapped
        if g.antwoorden:
            n = len(g.antwoorden)
            say(f"Hervat: {'1 antwoord staat' if n == 1 else f'{n} antwoorden staan'} al vast. Typ 'overzicht' om ze te zien.", "zacht")
        for melding in g.onbruikbaar.values():
            say(f"Let op: {melding}. De vraag komt opnieuw als ze nog nodig is.", "fout")
        say("Typ 'help' voor de opdrachten. Elk antwoord wordt meteen bewaard." if self.opgeslagen
            else "Typ 'help' voor de opdrachten. Er wordt niets bewaard (--geen-opslag).", "zacht")
        try:
            while True:
                vraag, self.uitkomst = g.volgende(), None
                if vraag is not None:
                    stap = self.ask(vraag)
                elif (stap := self.review()) == "blijf":
                    if self.finish() != "verder":  # done ('klaar') or stopped after the result
                        self._stopped(na_uitkomst=True)
                        return 0
                    stap = "verder"
                if stap == "stop":
                    self._stopped()
                    return 0
        except (KeyboardInterrupt, EOFError):
            self._stopped()
            return 130

    def ask_kenmerk(self) -> str | None:
        """An optional kenmerk for the session ('wmo sessies', the header, the besluit): Enter skips; never a BSN."""
        say("Kenmerk van deze intake, om haar terug te vinden in 'wmo sessies' en voor het besluit: het zaaknummer of "
            "een eigen aanduiding, geen BSN. Enter: geen kenmerk.", "zacht")
        while True:
            tekst = self.prompt("kenmerk> ", balk=KENMERK_BALK)
            if not tekst.strip():
                return None
            opdracht = command_of(tekst)
            if opdracht is not None and opdracht[0] == "stop":
                return "stop"
            if opdracht is not None and opdracht[0] == "help":
                say(KENMERK_HULP)
                continue
            if opdracht is not None:  # 'later', 'wijzig', …: a command, never a kenmerk
                say(f"'{tekst.strip()}' is een opdracht, geen kenmerk. Typ het kenmerk, Enter voor geen, of 'stop'.", "fout")
                continue
            try:
                self.gesprek.geef("kenmerk", tekst)
                return None
            except WmoFout as err:
                say(err.melding(), "fout")

    # ── one question ──
    def ask(self, vraag: ast.Vraag, wijzigen: bool = False) -> Stap:
        """Ask until answered or a command moves on. In 'wijzig' an empty Enter keeps the answer."""
        g = self.gesprek
        if vraag.groep and vraag.groep != self.groep and not wijzigen:
            self.groep = vraag.groep
            say("")
            say(f"── {vraag.groep} ──", "groep")
        say("")
        show_question(g.vraagtekst(vraag), vraag)
        if wijzigen and vraag.id in g.antwoorden:
            say(f"  nu: {answer_text(vraag, g.antwoorden[vraag.id])} (Enter: zo laten)", "zacht")
        suggestie = None  # after "bedoelde u …?": 'ja' takes the suggestion
        while True:
            tekst = self.prompt(prompt_of(vraag), vraag, wijzigen=wijzigen)
            if suggestie is not None and yes_no(tekst) is True:
                tekst = suggestie
            suggestie = None
            if wijzigen and not tekst.strip():
                say("Niets gewijzigd.", "zacht")
                return "verder"
            opdracht = command_of(tekst)
            if opdracht is not None:
                stap = self.command(*opdracht, vraag=vraag, wijzigen=wijzigen)
                if stap != "blijf":
                    return stap
                continue
            try:
                waarde = parse_answer(vraag, tekst)
            except AntwoordFout as err:
                say(str(err), "fout")  # the input line is empty again; arrow up brings the text back
                suggestie = err.suggestie
                continue
            if not self.confirmed(vraag, waarde):
                continue
            try:
                g.beantwoord(vraag.id, waarde)
            except AntwoordFout as err:  # an eis of the rules forbids it
                say(str(err), "fout")
                continue
            self.echo(vraag, tekst, waarde)
            if wijzigen:
                say(f"Gewijzigd: {answer_text(vraag, waarde)}.", "zacht")
            return "verder"

    def echo(self, vraag: ast.Vraag, tekst: str, waarde: object) -> None:
        """Say what an answer was taken for when the text did not say it: "→ Ontwikkelen van …",
        "→ 3 dagdelen per week", "→ 5-1-2027"."""
        said = interpretation(vraag, tekst, waarde)
        if said is not None:
            say(f"  → {said}", "ok")

    def confirmed(self, vraag: ast.Vraag, waarde: object) -> bool:
        """A start date before the peildatum is asked once more."""
        starts = any(w in vraag.id for w in ("start", "ingang", "begin"))
        if not (vraag.soort == "datum" and starts and isinstance(waarde, dt.date) and waarde < self.gesprek.peildatum):
            return True
        say(f"Die datum ({value_text(waarde)}) ligt in het verleden, voor de peildatum.", "fout")
        while True:
            antwoord = yes_no(self.prompt("Klopt dat? (ja/nee) "))
            if antwoord is not None:
                return antwoord
            say("Typ ja of nee.", "fout")

    # ── commands (declared in opdrachten.TABEL) ──
    def command(self, naam: str, rest: str, vraag: ast.Vraag | None, wijzigen: bool = False) -> Stap:
        """Run a command typed at a prompt: its fields from the text after the name or asked for,
        then the table's handler, then its result on the screen."""
        g = self.gesprek
        o = opdracht(naam, "terminal")
        if o is None:
            raise AssertionError(f"'{naam}' is no command of the terminal")  # command_of only finds the table's
        try:
            velden: dict = {o.getypt: g.zoek_vraag(rest)} if o.getypt == "vraag" and rest.strip() else {}
            for veld in o.verplicht:
                if veld not in velden:
                    gevraagd = self.ask_field(veld)
                    if isinstance(gevraagd, str):  # cancelled ('blijf') or stopped, or a command moved on
                        return gevraagd
                    velden.update(gevraagd)
            return self.show(voer_uit(o, Stand(g, vraag, wijzigen, None if vraag else self.uitkomst), velden), wijzigen)
        except Geweigerd as err:
            say(err.op_scherm(), "fout")
        except WmoFout as err:
            say(err.melding(), "fout")
        return "blijf"

    def ask_field(self, veld: str) -> dict | Stap:
        """A field a command needs and the consultant did not type: asked for (or a Stap). ASKED lists them."""
        match veld:
            case "vraag":
                return self.which_question()
            case "onderwerp" | "waarde" | "reden":
                return deviation(self)
            case _:
                raise AssertionError(f"the terminal cannot ask for '{veld}'")

    def show(self, resultaat: Resultaat, wijzigen: bool) -> Stap:
        """What a command did, on the screen; 'blijf' stays at the prompt."""
        g = self.gesprek
        match resultaat:
            case Hulp():
                for o in TABEL.values():
                    if "terminal" in o.kanalen:
                        say(help_line(o.naam, o.hulp_zonder_opslag if o.hulp_zonder_opslag and not self.opgeslagen else o.hulp),
                            hang=HULP_INSPRINGING)
                if wijzigen:
                    say(help_line("Enter", "laat het antwoord zoals het was"), "zacht", hang=HULP_INSPRINGING)
            case Uitleg(vraag):
                say(g.waarom(vraag))
            case Overzicht():
                say(g.overzicht())
            case Wijzig(vraag):
                return self.ask(vraag, wijzigen=True)
            case Later():
                say("Deze vraag komt later terug.", "zacht")
                return "verder"
            case Terug(weg):
                if weg is None:
                    say("Niets gewijzigd; terug naar waar u was.", "zacht")
                    return "verder"
                nu = g.antwoorden.get(weg.id)
                say(f"Terug: {vraag_naam(weg)} is weer {answer_text(weg, nu)}." if nu is not None
                    else f"Antwoord op '{vraag_naam(weg)}' ongedaan gemaakt.", "zacht")
                return "verder"
            case Afgeweken():
                say(f"Afwijking vastgelegd: {g.afwijking_tekst(g.afwijkingen[-1])}.", "ok")
                return "verder"
            case Stop():
                return "stop"
            case Gegevens() | Besluit():  # the table keeps them to the JSON lines; here: the save dialog
                raise AssertionError(f"{type(resultaat).__name__} is no result of the terminal")
            case _ as unreachable:
                assert_never(unreachable)
        return "blijf"

    def which_question(self) -> dict | Stap:
        """'wijzig' without a question: the overview, then which one (a command there is run)."""
        g = self.gesprek
        say(g.overzicht())
        rest = self.prompt("welke vraag? (nummer of naam; Enter: niets wijzigen) ", extra=[vraag_naam(v) for v in g.genummerd()])
        opdracht = command_of(rest)
        if opdracht is not None:
            return self.command(*opdracht, vraag=None)
        if not rest.strip():
            return "blijf"
        return {"vraag": g.zoek_vraag(rest)}

    # ── the end ──
    def review(self) -> Stap:
        """The answers that decide, a page at a time, and "Klopt dit?": 'blijf' means yes, on to the result."""
        g = self.gesprek
        say("")
        say("Alle nodige vragen zijn beantwoord. De antwoorden die de uitkomst bepalen:", "ok")
        tellend = g.relevante_antwoorden()
        regels = numbered([(g.vraagtekst(v), answer_text(v, g.antwoorden[v.id]))  # no gaps: the numbers 'wijzig N' takes
                           for v in g.genummerd() if v.id in tellend])
        regels += [f"  Professionele afweging: {g.afwijking_tekst(a)}" for a in g.afwijkingen]
        self.page("\n".join(regels))
        say("Klopt dit? Enter of ja: de uitkomst; wijzig <nummer of vraag>; terug.", "vraag")
        while True:
            tekst = self.prompt("klopt dit?> ", kort=True)
            if not tekst.strip() or yes_no(tekst) is True:
                return "blijf"
            opdracht = command_of(tekst)
            if opdracht is None:
                say("Typ Enter of ja voor de uitkomst, 'wijzig 2' om het tweede antwoord te veranderen, of 'terug'.", "fout")
                continue
            stap = self.command(*opdracht, vraag=None)
            if stap != "blijf":
                return stap

    def finish(self) -> Stap:
        """The outcome first (a summary that fits on the screen), the full motivering with 'meer' (or
        Enter), then saving; 'wijzig', 'terug' and 'afwijken' reopen the conversation."""
        g = self.gesprek
        b = self.uitkomst = g.beoordeling()
        uitleg = build(b, g.rules)
        say("")
        for i, regel in enumerate(samenvatting(b, width(), min(18, rows() - 6))):
            say(regel, "kop" if i == 0 else None, wrap=False)
        if self.opgeslagen:
            g.afronden(b)
        motivering = render(uitleg, "tekst").rstrip()
        return offer_save(self, b, uitleg, meer=lambda: self.page(motivering))

    def _stopped(self, na_uitkomst: bool = False) -> None:
        if self.opgeslagen:
            self.gesprek.stoppen()  # a session with a result stays 'afgerond'
            regels = f" --regels {self.regels}" if self.regels else ""
            say(f"\nSessie {self.gesprek.sessie_id} is bewaard" + (", met de uitkomst. Terugzien, wijzigen of opslaan met:"
                                                                   if na_uitkomst else ". Verder gaan met:"), "zacht")
            say(f"  wmo intake{regels} --hervat {self.gesprek.sessie_id}", "zacht", wrap=False)
        else:
            say("\nKlaar; er is niets bewaard (--geen-opslag)." if na_uitkomst else "\nGestopt; er is niets bewaard.", "zacht")

