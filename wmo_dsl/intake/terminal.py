"""The intake in a terminal: prompt-toolkit around a :class:`~wmo_dsl.intake.conversation.Gesprek`.

One question at a time, in Dutch. Completion and the bottom toolbar show what
an answer may be before Enter; the validator refuses what does not fit, with
the reason, and keeps the typed text. Every prompt also takes the commands of
``intake.COMMANDS``. Ctrl-C or a closed terminal lose nothing: each answer is
already on disk when the next question appears.
"""

from __future__ import annotations

from pathlib import Path

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.completion import Completer, Completion, WordCompleter
from prompt_toolkit.formatted_text import HTML
from prompt_toolkit.styles import Style
from prompt_toolkit.validation import ValidationError, Validator

from ..language import ast
from ..errors import WmoFout
from ..language import limits
from ..safeio import PRIVATE, write_atomic
from ..present.explain import build, render
from .conversation import COMMANDS, Gesprek, command_of
from ..cases.natural import AntwoordFout, allowed, completions, fold, parse_answer

STYLE = Style.from_dict({
    "kop": "bold",
    "groep": "ansicyan bold",
    "vraag": "bold",
    "zacht": "ansibrightblack",
    "fout": "ansired",
    "ok": "ansigreen",
    "bottom-toolbar": "noreverse ansibrightblack",
})


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrapped(text: str) -> str:
    """Wrap at word boundaries to the terminal (at most 80 columns), keeping each line's indent."""
    import shutil
    import textwrap

    width = min(shutil.get_terminal_size((80, 24)).columns, 80) - 1
    out = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        if len(line) <= width:
            out.append(line)
        else:
            out.append(textwrap.fill(line.strip(), width=width, initial_indent=indent, subsequent_indent=indent + "  ",
                                     break_on_hyphens=False, break_long_words=False))
    return "\n".join(out)


def say(text: str = "", style: str | None = None) -> None:
    text = _wrapped(text)
    if style:
        print_formatted_text(HTML(f"<{style}>{_esc(text)}</{style}>"), style=STYLE)
    else:
        print_formatted_text(text, style=STYLE)


class AnswerCompleter(Completer):
    """Options, labels and commands for the current question (wraps ``natural.completions``)."""

    def __init__(self, vraag: ast.Vraag):
        self.vraag = vraag

    def get_completions(self, document, complete_event):
        text = document.text_before_cursor
        if not text.strip() or (" " not in text and any(c.startswith(fold(text)) for c in COMMANDS)):
            for c, uitleg in COMMANDS.items():
                if c.startswith(fold(text)) and text.strip():
                    yield Completion(c, start_position=-len(text), display_meta=uitleg)
        current = text
        if self.vraag.soort == "meerdere":
            import re

            current = re.split(r"(?:,|;|/|\ben\b|\+|&)\s*", text)[-1].lstrip()
        for label, meta in completions(self.vraag, text):
            yield Completion(label, start_position=-len(current), display_meta=meta)


class AnswerValidator(Validator):
    """Refuses an answer that does not fit, naming what does; commands always pass."""

    def __init__(self, vraag: ast.Vraag):
        self.vraag = vraag

    def validate(self, document):
        text = document.text
        if command_of(text):
            return
        try:
            parse_answer(self.vraag, text)
        except AntwoordFout as err:
            raise ValidationError(message=str(err), cursor_position=len(text)) from None


class _ChoiceValidator(Validator):
    def __init__(self, check):
        self.check = check

    def validate(self, document):
        melding = self.check(document.text)
        if melding:
            raise ValidationError(message=melding, cursor_position=len(document.text))


def short_allowed(vraag: ast.Vraag, width: int = 78) -> str:
    """What may be typed, on one toolbar line."""
    ids = ", ".join(o.id for o in vraag.opties)
    text = {"janee": "ja of nee", "keuze": f"kies: {ids} (of een nummer)",
            "meerdere": f"een of meer (nummer, naam of begin ervan), of 'geen': {ids}"}.get(vraag.soort) or allowed(vraag)
    return text if len(text) <= width else text[: width - 1] + "…"


def _toolbar(vraag: ast.Vraag):
    def toolbar():
        return HTML(f"<b>{_esc(short_allowed(vraag))}</b>\nhelp · waarom · terug · wijzig · overzicht · later · afwijken · stop")
    return toolbar


class IntakeScherm:
    """The conversation loop in a terminal."""

    def __init__(self, gesprek: Gesprek, session: PromptSession | None = None, opgeslagen: bool = True):
        self.gesprek = gesprek
        self.session = session or PromptSession()
        self.opgeslagen = opgeslagen
        self.groep: str | None = None
        self.gevraagd = 0

    def run(self) -> int:
        g = self.gesprek
        regio = g.model.regio
        say(f"Intake {regio.naam} · peildatum {g.peildatum:%d-%m-%Y} · sessie {g.sessie_id}", "kop")
        if g.antwoorden:
            say(f"Hervat: {len(g.antwoorden)} antwoord(en) staan al vast. Typ 'overzicht' om ze te zien.", "zacht")
        for melding in g.onbruikbaar.values():
            say(f"Let op: {melding}. De vraag komt opnieuw als ze nog nodig is.", "fout")
        say("Typ 'help' voor de opdrachten. Elk antwoord wordt meteen bewaard." if self.opgeslagen
            else "Typ 'help' voor de opdrachten. Er wordt niets bewaard (--geen-opslag).", "zacht")
        try:
            while True:
                vraag = g.volgende()
                if vraag is None:
                    break
                if not self.ask(vraag):
                    return 0
        except (KeyboardInterrupt, EOFError):
            self._stopped()
            return 130
        return self.finish()

    def ask(self, vraag: ast.Vraag) -> bool:
        """Ask one question until it is answered or a command moves on; False means stop."""
        if vraag.groep and vraag.groep != self.groep:
            self.groep = vraag.groep
            say("")
            say(f"── {vraag.groep} ──", "groep")
        self.gevraagd += 1
        say("")
        say(self.gesprek.vraagtekst(vraag), "vraag")
        if vraag.soort in ("keuze", "meerdere"):
            for i, optie in enumerate(vraag.opties, 1):
                say(f"  {i}. {optie.label}")
            if vraag.soort == "meerdere":
                say("  (een of meer, gescheiden door komma of 'en'; 'geen' als er geen zijn)", "zacht")
        elif vraag.soort == "janee":
            say("  (ja of nee)", "zacht")
        elif vraag.soort == "personen":
            say(f"  (hoeveel? 0 tot en met {int(vraag.maximaal.value)}; daarna vraag ik per {vraag.enkelvoud or 'persoon'} "
                "alleen wat er nog toe doet)", "zacht")
        elif vraag.eenheid:
            say(f"  ({vraag.eenheid})", "zacht")
        while True:
            tekst = self.session.prompt(
                f"{vraag.id}> ", completer=AnswerCompleter(vraag), validator=AnswerValidator(vraag),
                validate_while_typing=False, bottom_toolbar=_toolbar(vraag), complete_while_typing=True, style=STYLE,
            )
            opdracht = command_of(tekst)
            if opdracht is None:
                self.gesprek.beantwoord_tekst(vraag, tekst)
                return True
            naam, rest = opdracht
            if naam == "stop":
                self._stopped()
                return False
            if self.command(naam, rest, vraag):
                return True

    def command(self, naam: str, rest: str, vraag: ast.Vraag) -> bool:
        """Carry out a command; True when the current question is settled (moves on)."""
        g = self.gesprek
        try:
            if naam == "help":
                for c, uitleg in COMMANDS.items():
                    say(f"  {c:<10} {uitleg}")
            elif naam == "waarom":
                say(g.waarom(vraag))
            elif naam == "overzicht":
                say(g.overzicht())
            elif naam == "later":
                g.sla_over(vraag.id)
                say(f"'{vraag.id}' komt later terug.", "zacht")
                return True
            elif naam == "terug":
                weg = g.terug()
                if weg is None:
                    say("Er is nog geen antwoord om ongedaan te maken.", "fout")
                    return False
                say(f"Antwoord op '{weg.id}' ongedaan gemaakt.", "zacht")
                return True
            elif naam == "wijzig":
                return self.change(rest)
            elif naam == "afwijken":
                self.deviate()
        except WmoFout as err:
            say(err.melding(), "fout")
        except (KeyboardInterrupt, EOFError):
            say("Afgebroken; terug naar de vraag.", "zacht")
        return False

    def plain(self, message: str, completer=None, validator=None) -> str:
        """A prompt without the question's toolbar, completer or validator (a session keeps those)."""
        return PromptSession(style=STYLE).prompt(message, completer=completer, validator=validator, validate_while_typing=False)

    def change(self, rest: str) -> bool:
        g = self.gesprek
        if not rest.strip():
            rest = self.plain("welke vraag? ", completer=WordCompleter([q for q in g.model.vragen if q in g.antwoorden]))
        vraag = g.zoek_vraag(rest)
        huidig = g.antwoorden.get(vraag.id)
        say(g.vraagtekst(vraag), "vraag")
        if huidig is not None:
            from ..cases.natural import answer_text

            say(f"  nu: {answer_text(vraag, huidig)}", "zacht")
        tekst = self.session.prompt(f"{vraag.id}> ", completer=AnswerCompleter(vraag), validator=_ChoiceValidator(
            lambda t: None if not t.strip() else _refusal(vraag, t)), bottom_toolbar=_toolbar(vraag), validate_while_typing=False)
        if not tekst.strip():
            say("Niets gewijzigd.", "zacht")
            return False
        g.beantwoord_tekst(vraag, tekst)
        say(f"'{vraag.id}' gewijzigd.", "zacht")
        return True

    def deviate(self) -> None:
        g = self.gesprek
        keuzes = g.afwijkbaar()
        if not keuzes:
            say("Er is nog geen afgeleide waarde om van af te wijken.", "fout")
            return
        for naam, waarde in keuzes.items():
            say(f"  {naam}: {waarde}")
        say("Van welke afgeleide waarde wijkt u af? (Enter zonder naam: niet afwijken)", "zacht")
        onderwerp = self.plain("afwijken van> ", completer=WordCompleter(list(keuzes)),
                               validator=_ChoiceValidator(lambda t: None if not t.strip() or t.strip() in keuzes else "kies een van: " + ", ".join(keuzes))).strip()
        if not onderwerp:
            return
        domein = g.model.types[onderwerp].domein
        woorden = sorted(domein) if domein else [p.code for p in g.model.producten.values()]
        waarde = self.plain("nieuwe waarde> ", completer=WordCompleter(woorden))
        reden = self.plain("reden (verplicht)> ", validator=_ChoiceValidator(lambda t: None if t.strip() else "een afwijking vraagt een reden"))
        g.wijk_af(onderwerp, waarde, reden)
        say(f"Afwijking vastgelegd: {onderwerp} → {g.afwijkingen[-1].naar}.", "ok")

    def _stopped(self) -> None:
        if self.opgeslagen:
            self.gesprek.stoppen()
            say(f"\nSessie {self.gesprek.sessie_id} is bewaard. Verder gaan: wmo intake --hervat {self.gesprek.sessie_id}", "zacht")
        else:
            say("\nGestopt; er is niets bewaard.", "zacht")

    def finish(self) -> int:
        g = self.gesprek
        b = g.beoordeling()
        uitleg = build(b, g.rules)
        say("")
        say("Alle nodige vragen zijn beantwoord.", "ok")
        say("")
        say(render(uitleg, "tekst").rstrip())
        if self.opgeslagen:
            g.afronden()
        say("")
        self.offer_save(b, uitleg)
        return 0

    def offer_save(self, b, uitleg) -> None:

        from ..plugins import output_formats

        opties = {"markdown": ".md", "json": ".json", "casus": ".casus.json"}
        while True:
            keuze = fold(self.plain(
                "Opslaan als markdown, json of casus? (Enter: klaar) ", completer=WordCompleter(list(opties)),
                validator=_ChoiceValidator(lambda t: None if not t.strip() or fold(t) in opties else "kies markdown, json of casus, of Enter")))
            if not keuze:
                return
            standaard = f"indicatie-{self.gesprek.sessie_id}{opties[keuze]}"
            pad = self.plain(f"bestandsnaam [{standaard}]: ").strip() or standaard
            if keuze == "casus":
                inhoud = limits.dumps(self.gesprek.casus(), indent=2) + "\n"
            else:
                inhoud = output_formats()[keuze](b, uitleg)
            try:
                write_private(Path(pad), inhoud)
            except WmoFout as err:
                say(err.melding(), "fout")
                continue
            say(f"Opgeslagen: {pad}", "ok")


def _refusal(vraag: ast.Vraag, text: str) -> str | None:
    try:
        parse_answer(vraag, text)
    except AntwoordFout as err:
        return str(err)
    return None


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (it holds personal data), all at once or not at all."""
    write_atomic(path, text, PRIVATE)


def choose_region(session: PromptSession, sources: dict, load) -> str:
    """Ask for the citizen's gemeente and pick the region that serves it."""
    by_gemeente: dict[str, str] = {}
    zonder: dict[str, str] = {}
    for rid in sources:
        regio = load(rid).model.regio
        for gemeente in regio.gemeenten:
            by_gemeente[fold(gemeente)] = rid
        if not regio.gemeenten:
            zonder[fold(regio.naam)] = rid
            zonder[fold(rid)] = rid
    namen = sorted({g for rid in sources for g in load(rid).model.regio.gemeenten})
    extra = sorted({load(rid).model.regio.naam for rid in zonder.values()})

    def find(text: str) -> str | None:
        t = fold(text)
        exact = by_gemeente.get(t) or zonder.get(t) or next((r for r in sources if fold(r) == t), None)
        if exact or not t:
            return exact
        prefixed = [rid for name, rid in list(by_gemeente.items()) + list(zonder.items()) if name.startswith(t)]
        return prefixed[0] if len(prefixed) == 1 else None

    if extra:
        say("Regio's zonder gemeentelijst kiest u op naam: " + ", ".join(extra) + ".", "zacht")
    while True:
        tekst = session.prompt("In welke gemeente woont de inwoner? ", completer=WordCompleter(namen + extra, ignore_case=True, sentence=True))
        rid = find(tekst)
        if rid is None:
            say(f"'{tekst.strip()}' hoort bij geen geïnstalleerde regio. Bekende gemeenten:", "fout")
            for naam in namen:
                say(f"  {naam}")
            if extra:
                say("Regio's zonder gemeentelijst (kies op naam): " + ", ".join(extra))
            continue
        if rid:
            say(f"Regio: {load(rid).model.regio.naam}", "zacht")
            return rid
