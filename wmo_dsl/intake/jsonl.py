"""The intake as JSON lines on stdin/stdout, for a web page or another program.

The same :class:`~wmo_dsl.intake.conversation.Gesprek` as the terminal, so the same
questions in the same order and the same commands. The protocol (its JSON Schema
is ``protocol.schema.json``, printed by ``wmo intake --schema``; the messages and the
codes of ``fout`` are in ``protocol.py``):

- first ``{"sessie", "kenmerk", "regio", "regelversie", "peildatum"}`` (``sessie`` null without storage);
- each question is one line ``{"vraag", "tekst", "soort", …}``; the client answers
  ``{"antwoord": value}`` (values as in a case file) or sends an ``opdracht``:
  ``waarom`` and ``overzicht`` (answered, then the question again), ``wijzig`` with
  ``vraag`` (that question next, with ``huidig``), ``afwijken`` with ``onderwerp``,
  ``waarde`` and ``reden``, ``later``, ``terug`` and ``stop``; ``gegevens`` with any of
  ``aanvraagdatum``, ``kenmerk`` and ``gemeente`` records them for the beschikking (answered
  with ``{"gegevens"}``, then the question again);
- a refused message gets ``{"fout", "code", "vraag"}`` and the question again;
- the end is ``{"resultaat": …}`` with the JSON of ``wmo beoordeel --formaat json`` plus the
  ``antwoorden`` as in a case file; the conversation keeps reading: ``besluit`` with ``formaat``
  gives ``{"besluit": {"formaat", "inhoud"}}``; ``wijzig``, ``terug`` and ``afwijken`` reopen it,
  the end of the input or ``stop`` ends it (exit 0).

Nothing else is written to stdout.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any, assert_never

from ..cases.answers import answers_json, json_value
from ..errors import WmoFout
from ..language import ast, limits
from ..present.explain import build
from ..semantics.engine import Beoordeling, regelversie
from ..semantics.values import BerekeningFout
from .conversation import Gesprek
from .opdrachten import (Afgeweken, Besluit, Gegevens, Hulp, Later, Overzicht, Resultaat, Stand, Stop, Terug, Uitleg, Wijzig,
                         guard, json_text, opdracht, voer_uit)
from .protocol import HOE, Geweigerd, labelled_values, question_line, read_message

__all__ = ["JsonlIntake", "run_jsonl", "question_line", "json_text"]


class JsonlIntake:
    """One conversation over JSON lines."""

    def __init__(self, gesprek: Gesprek, stdin: IO[str], stdout: IO[str], opgeslagen: bool = True):
        self.gesprek = gesprek
        self.stdin = stdin
        self.stdout = stdout
        self.opgeslagen = opgeslagen
        self.vraag: ast.Vraag | None = None  # the question the client has; None after the result
        self.wijzig: ast.Vraag | None = None  # a question the client asked to change
        self.uitkomst: Beoordeling | None = None  # the Beoordeling of the last result sent, while no question is open

    def write(self, obj: dict) -> None:
        self.stdout.write(limits.dumps(obj) + "\n")
        self.stdout.flush()

    def run(self) -> int:
        g = self.gesprek
        self.write({"sessie": g.sessie_id if self.opgeslagen else None, "kenmerk": g.staat.gegevens.get("kenmerk"),
                    "regio": g.rules.id, "regelversie": regelversie(g.model), "peildatum": g.peildatum.isoformat()})
        for vraag_id, melding in g.onbruikbaar.items():
            self.refuse(Geweigerd("onbruikbaar_antwoord", melding + "; de vraag komt opnieuw als ze nog nodig is"), vraag_id)
        self.advance()
        while line := self.readline():  # readline, not iteration: a client waits for each reply
            if not line.strip():
                continue
            try:
                if self.handle(read_message(line)) == "stop":
                    return 0
            except Geweigerd as err:
                self.refuse(err, self.vraag.id if self.vraag else None)
                self.ask()
        if self.vraag is not None:  # the input ended mid-conversation: the session waits for --hervat
            self.result(stopped=True)
        return 0

    # ── reading ──
    def readline(self) -> str:
        try:
            return self.stdin.readline()
        except UnicodeDecodeError:  # a stream that could not be set to UTF-8 with surrogateescape
            return "\udcff\n"

    def handle(self, bericht: dict) -> str | None:
        g = self.gesprek
        if "antwoord" in bericht:
            if self.vraag is None:
                raise Geweigerd("geen_open_vraag", "er staat geen vraag open; stuur {\"opdracht\": \"wijzig\", \"vraag\": …} "
                                "om een antwoord te veranderen")
            vraag, wijzig = self.vraag, self.wijzig
            self.guard("ongeldig_antwoord", lambda: g.beantwoord_json(vraag, bericht["antwoord"]))
            self.wijzig = None
            try:
                self.advance()
                return None
            except BerekeningFout as err:  # the answer makes a computed value leave the bounds: undone
                g.terug()
                self.vraag, self.wijzig = vraag, wijzig
                raise Geweigerd("buiten_bereik", f"{err}; het antwoord is niet bewaard") from None
        o = opdracht(bericht["opdracht"], "jsonl")
        if o is None:
            raise Geweigerd("onbekende_opdracht", f"onbekende opdracht '{str(bericht['opdracht'])[:40]}'; {HOE}")
        velden = {k: (self.named(bericht) if k == "vraag" else v) for k, v in bericht.items() if k in o.velden}
        return self.send(voer_uit(o, Stand(g, self.vraag, self.wijzig is not None, self.uitkomst), velden))

    def send(self, resultaat: Resultaat) -> str | None:
        """What a command did, as lines: its answer, then the question again or the next one; "stop" ends."""
        g = self.gesprek
        match resultaat:
            case Uitleg(vraag):
                self.write({"waarom": {"vraag": vraag.id, "tekst": g.vraagtekst(vraag), "uitleg": vraag.uitleg or "",
                                       "bron": vraag.bron.tekst if vraag.bron else "", "nodig_voor": g.nodig_voor(vraag)}})
                self.ask()
            case Overzicht():
                data = g.overzicht_data()
                self.write({"overzicht": {**data, "vastgesteld": labelled_values(g.model, g.beoordeling().waarden)}})
                self.ask()
            case Wijzig(vraag):
                self.wijzig = vraag
                self.advance()
            case Later() | Terug():
                self.wijzig = None
                self.advance()
            case Afgeweken(onderwerp, naar, afwijking):
                self.write({"afwijking": {"onderwerp": onderwerp, "van": afwijking.van, "naar": json_value(naar),
                                          "reden": afwijking.reden, "tijdstip": afwijking.tijdstip}})
                self.advance()
            case Gegevens(gegevens, terugwerkend):
                self.write({"gegevens": {**gegevens, "terugwerkend": terugwerkend}})
                self.ask()
            case Besluit(formaat, inhoud):
                self.write({"besluit": {"formaat": formaat, "inhoud": inhoud}})
            case Stop():
                if self.vraag is not None:
                    self.result(stopped=True)
                return "stop"
            case Hulp():  # the table keeps it to the terminal
                raise AssertionError("'help' is no command of the JSON lines")
            case _ as unreachable:
                assert_never(unreachable)
        return None

    def named(self, bericht: dict) -> ast.Vraag:
        naam = bericht.get("vraag")
        vraag = self.gesprek.model.vragen.get(naam) if isinstance(naam, str) else None
        if vraag is None:
            raise Geweigerd("onbekende_vraag", f"onbekende vraag {json.dumps(naam, ensure_ascii=False)[:60]}; vragen zijn: "
                           + ", ".join(q for q in self.gesprek.model.vragen if "[" not in q))
        return vraag

    @staticmethod
    def guard(code: str, action: Callable[[], Any]) -> Any:
        """Run ``action``; a WmoFout (a Dutch message) becomes Geweigerd with ``code`` (a BSN: kenmerk_is_bsn)."""
        return guard(code, action)

    def refuse(self, err: Geweigerd, vraag: str | None) -> None:
        self.write({"fout": str(err), "code": err.code, "vraag": vraag})

    # ── writing ──
    def advance(self) -> None:
        """After a change: the question to change, else the next open question, else the result."""
        vraag = self.wijzig or self.gesprek.volgende()
        if vraag is None:
            self.vraag = None
            self.result(stopped=False)
            return None
        self.vraag, self.uitkomst = vraag, None
        self.ask()

    def ask(self) -> None:
        if self.vraag is None:
            return
        line = question_line(self.vraag, self.gesprek.vraagtekst(self.vraag))
        if self.wijzig is not None:
            line["huidig"] = json_value(self.gesprek.antwoorden.get(self.vraag.id), self.vraag)
        self.write(line)

    def result(self, stopped: bool) -> None:
        from ..plugins import output_formats

        g = self.gesprek
        b = g.beoordeling()
        resultaat = json.loads(output_formats()["json"](b, build(b, g.rules)))  # our own output: plain json
        resultaat["antwoorden"] = answers_json(g.model, g.antwoorden)  # as in a case file (the seal leaves it out)
        if stopped and b.uitkomst == "onvolledig":
            g.stoppen()
        else:
            g.afronden(b)
            self.uitkomst = b
        self.write({"resultaat": resultaat})


def run_jsonl(gesprek: Gesprek, stdin: IO[str], stdout: IO[str], opgeslagen: bool = True) -> int:
    utf8(stdin, "surrogateescape")  # a bad byte becomes a lone surrogate: refused as one message
    utf8(stdout, "strict")
    return JsonlIntake(gesprek, stdin, stdout, opgeslagen).run()


def utf8(stream: object, errors: str) -> None:
    """The protocol speaks UTF-8 whatever the locale (LC_ALL=C, PYTHONIOENCODING=ascii)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors=errors)
        except (ValueError, OSError):  # pragma: no cover - a stream already read from
            pass
