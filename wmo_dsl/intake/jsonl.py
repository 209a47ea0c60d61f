"""The intake as JSON lines on stdin/stdout, for a web page or another program.

The same :class:`~wmo_dsl.intake.conversation.Gesprek` as the terminal, so the same
questions in the same order and the same commands. The protocol (its JSON Schema
is ``protocol.schema.json``, printed by ``wmo intake --schema``):

- first ``{"sessie", "regio", "regelversie", "peildatum"}`` (``sessie`` null without storage);
- each question is one line ``{"vraag", "tekst", "soort", …}``; the client answers
  ``{"antwoord": value}`` (values as in a case file) or sends an ``opdracht``:
  ``waarom`` and ``overzicht`` (answered, then the question again), ``wijzig`` with
  ``vraag`` (that question next, with ``huidig``), ``afwijken`` with ``onderwerp``,
  ``waarde`` and ``reden``, ``later``, ``terug`` and ``stop``; ``gegevens`` with any of
  ``aanvraagdatum``, ``kenmerk`` and ``gemeente`` records them for the beschikking (answered
  with ``{"gegevens"}``, then the question again);
- a refused message gets ``{"fout", "vraag"}`` and the question again;
- the end is ``{"resultaat": …}`` with the JSON of ``wmo beoordeel --formaat json``; the
  conversation keeps reading: ``wijzig``, ``terug`` and ``afwijken`` reopen it, the end
  of the input or ``stop`` ends it (exit 0).

Nothing else is written to stdout.
"""

from __future__ import annotations

import json
from typing import IO

from ..cases.answers import json_value
from ..errors import WmoFout
from ..language import ast, limits
from ..present.explain import build
from ..semantics.engine import regelversie
from ..semantics.values import BerekeningFout
from .conversation import Gesprek

SOORT = {"janee": "janee", "keuze": "keuze", "meerdere": "meerdere", "getal": "getal", "datum": "datum", "tekst": "tekst",
         "personen": "personen"}
OPDRACHTEN = ("waarom", "overzicht", "wijzig", "afwijken", "later", "terug", "stop", "gegevens")
GEGEVENS = ("aanvraagdatum", "kenmerk", "gemeente")
MAX_LINE = 1 << 20  # bytes in one message, as for a batch line
_HOE = "stuur {\"antwoord\": …} of {\"opdracht\": \"" + "\" | \"".join(OPDRACHTEN) + "\"}"


def question_line(vraag: ast.Vraag, tekst: str | None = None) -> dict:
    return {
        "vraag": vraag.id,
        "tekst": tekst or vraag.tekst or vraag.onderwerp(),
        "soort": SOORT[vraag.soort],
        "opties": ([{"id": True, "label": "ja"}, {"id": False, "label": "nee"}] if vraag.soort == "janee"
                   else [{"id": o.id, "label": o.label} for o in vraag.opties]),
        "uitleg": vraag.uitleg or "",
        "bron": vraag.bron.tekst if vraag.bron else "",
        **({"eenheid": str(vraag.hoeveelheid) if vraag.hoeveelheid else None, "geheel": vraag.geheel} if vraag.soort == "getal" else {}),
        **({"maximaal": int(vraag.maximaal.value), "enkelvoud": vraag.enkelvoud or "persoon"} if vraag.soort == "personen" else {}),
        **({"persoon": vraag.persoon[1], "lijst": vraag.persoon[0]} if vraag.persoon else {}),
    }


class _Refused(Exception):
    """A message that cannot be carried out: answered with {"fout"} and the question again."""


class JsonlIntake:
    """One conversation over JSON lines."""

    def __init__(self, gesprek: Gesprek, stdin: IO[str], stdout: IO[str], opgeslagen: bool = True):
        self.gesprek = gesprek
        self.stdin = stdin
        self.stdout = stdout
        self.opgeslagen = opgeslagen
        self.vraag: ast.Vraag | None = None  # the question the client has; None after the result
        self.wijzig: ast.Vraag | None = None  # a question the client asked to change

    def write(self, obj: dict) -> None:
        self.stdout.write(limits.dumps(obj) + "\n")
        self.stdout.flush()

    def run(self) -> int:
        g = self.gesprek
        self.write({"sessie": g.sessie_id if self.opgeslagen else None, "regio": g.rules.id,
                    "regelversie": regelversie(g.model), "peildatum": g.peildatum.isoformat()})
        for vraag_id, melding in g.onbruikbaar.items():
            self.write({"fout": melding + "; de vraag komt opnieuw als ze nog nodig is", "vraag": vraag_id})
        self.advance()
        while line := self.readline():  # readline, not iteration: a client waits for each reply
            if not line.strip():
                continue
            try:
                if self.handle(self.message(line)) == "stop":
                    return 0
            except _Refused as err:
                self.write({"fout": str(err), "vraag": self.vraag.id if self.vraag else None})
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

    def message(self, line: str) -> dict:
        if limits.text_problem(line):  # a raw surrogate: a byte that is not UTF-8 (a JSON '\\ud800' is six letters)
            raise _Refused("de regel is geen UTF-8-tekst; stuur elk bericht als UTF-8")
        if len(line.encode("utf-8", "surrogatepass")) > MAX_LINE:
            raise _Refused(f"de regel is langer dan {MAX_LINE // (1 << 20)} MB; stuur één bericht per regel")
        try:
            bericht = limits.loads(line)
        except limits.GrensFout as err:
            raise _Refused(f"{err}; {_HOE}") from None
        except (ValueError, RecursionError):
            raise _Refused(f"geen geldig JSON-object; {_HOE}") from None
        if not isinstance(bericht, dict):
            raise _Refused(f"geen JSON-object; {_HOE}")
        if "antwoord" in bericht and "opdracht" in bericht:
            raise _Refused("een bericht is een antwoord of een opdracht, niet allebei")
        if "antwoord" not in bericht and "opdracht" not in bericht:
            raise _Refused(f"onbekend bericht; {_HOE}")
        extra = sorted(set(bericht) - ({"antwoord"} if "antwoord" in bericht else {"opdracht", "vraag", "onderwerp", "waarde", "reden", *GEGEVENS}))
        if extra:
            raise _Refused(f"onbekend veld {', '.join(repr(str(k)[:40]) for k in extra)} in het bericht")
        return bericht

    def handle(self, bericht: dict) -> str | None:
        g = self.gesprek
        if "antwoord" in bericht:
            if self.vraag is None:
                raise _Refused("er staat geen vraag open; stuur {\"opdracht\": \"wijzig\", \"vraag\": …} om een antwoord te veranderen")
            vraag, wijzig = self.vraag, self.wijzig
            self.guard(lambda: g.beantwoord_json(vraag, bericht["antwoord"]))
            self.wijzig = None
            try:
                return self.advance()
            except BerekeningFout as err:  # the answer makes a computed value leave the bounds: undone
                g.terug()
                self.vraag, self.wijzig = vraag, wijzig
                raise _Refused(f"{err}; het antwoord is niet bewaard") from None
        opdracht = bericht["opdracht"]
        if opdracht == "stop":
            if self.vraag is not None:
                self.result(stopped=True)
            return "stop"
        if opdracht == "waarom":
            vraag = self.named(bericht) if "vraag" in bericht else self.vraag
            if vraag is None:
                raise _Refused("waarom welke vraag? Stuur {\"opdracht\": \"waarom\", \"vraag\": id}")
            self.write({"waarom": {"vraag": vraag.id, "tekst": g.vraagtekst(vraag), "uitleg": vraag.uitleg or "",
                                   "bron": vraag.bron.tekst if vraag.bron else "", "nodig_voor": g.nodig_voor(vraag)}})
            return self.ask()
        if opdracht == "overzicht":
            self.write({"overzicht": g.overzicht_data()})
            return self.ask()
        if opdracht == "wijzig":
            if "vraag" not in bericht:
                raise _Refused("welke vraag? Stuur {\"opdracht\": \"wijzig\", \"vraag\": id}")
            self.wijzig = self.named(bericht)
            return self.advance()
        if opdracht == "afwijken":
            return self.deviate(bericht)
        if opdracht == "gegevens":
            return self.letter_facts(bericht)
        if opdracht == "later":
            if self.vraag is None or self.wijzig is not None:
                raise _Refused("'later' kan alleen bij een nieuwe vraag, niet bij een antwoord dat u wijzigt")
            g.sla_over(self.vraag.id)
            return self.advance()
        if opdracht == "terug":
            if self.wijzig is not None:  # back from changing an answer: nothing changes
                self.wijzig = None
                return self.advance()
            if g.terug() is None:
                raise _Refused("er is nog geen antwoord om ongedaan te maken")
            self.wijzig = None
            return self.advance()
        raise _Refused(f"onbekende opdracht '{str(opdracht)[:40]}'; {_HOE}")

    def named(self, bericht: dict) -> ast.Vraag:
        naam = bericht.get("vraag")
        vraag = self.gesprek.model.vragen.get(naam) if isinstance(naam, str) else None
        if vraag is None:
            raise _Refused(f"onbekende vraag {json.dumps(naam, ensure_ascii=False)[:60]}; vragen zijn: "
                           + ", ".join(q for q in self.gesprek.model.vragen if "[" not in q))
        return vraag

    def deviate(self, bericht: dict) -> str | None:
        g = self.gesprek
        onderwerp, waarde, reden = bericht.get("onderwerp"), bericht.get("waarde"), bericht.get("reden")
        if not isinstance(onderwerp, str):
            raise _Refused("afwijken van welke afgeleide waarde? Kies 'onderwerp' uit: " + ", ".join(g.afwijkbaar()))
        if not isinstance(waarde, (str, int, float, bool)):
            raise _Refused("'waarde' is de nieuwe waarde: een tekst, getal of ja/nee")
        naar = self.guard(lambda: g.afwijkende_waarde(onderwerp, json_text(waarde)))  # the value first, then the reason
        if not isinstance(reden, str) or not reden.strip():
            raise _Refused("een afwijking vraagt een reden ('reden')")
        onderwerp = g.afwijkend_onderwerp(onderwerp) or onderwerp  # by id or by label: the answer names the id
        self.guard(lambda: g.wijk_af(onderwerp, json_text(waarde), reden))
        # 'van' is what the rules derive without any deviation (the engine's, not the value before this one)
        laatste = g.beoordeling().afwijkingen[-1]
        self.write({"afwijking": {"onderwerp": onderwerp, "van": laatste.van, "naar": json_value(naar), "reden": reden.strip(),
                                  "tijdstip": laatste.tijdstip}})
        return self.advance()

    def letter_facts(self, bericht: dict) -> None:
        """Record the aanvraagdatum, kenmerk and gemeente for the beschikking; all checked before any is kept."""
        from ..cases.casefile import parse_peildatum
        from ..present.besluit import past_periods

        g = self.gesprek
        nieuw = {}
        for veld in GEGEVENS:
            if veld not in bericht:
                continue
            waarde = bericht[veld]
            if not isinstance(waarde, str) or not waarde.strip() or len(waarde) > 200 or any(c < " " for c in waarde):
                raise _Refused(f"'{veld}' is één regel tekst van hoogstens 200 tekens")
            nieuw[veld] = self.guard(lambda: parse_peildatum(waarde, "", veld)).isoformat() if veld == "aanvraagdatum" \
                else waarde.strip()
        for veld, waarde in nieuw.items():
            g.geef(veld, waarde)
        b = g.beoordeling()
        self.write({"gegevens": {**{k: v for k, v in g.staat.gegevens.items() if v},
                                 "terugwerkend": past_periods(b, g.briefgegevens()) if b.uitkomst == "indicatie" else []}})
        return self.ask()

    @staticmethod
    def guard(action):
        try:
            return action()
        except WmoFout as err:
            raise _Refused(err.melding()) from None

    # ── writing ──
    def advance(self) -> None:
        """After a change: the question to change, else the next open question, else the result."""
        vraag = self.wijzig or self.gesprek.volgende()
        if vraag is None:
            self.vraag = None
            self.result(stopped=False)
            return None
        self.vraag = vraag
        return self.ask()

    def ask(self) -> None:
        if self.vraag is None:
            return None
        line = question_line(self.vraag, self.gesprek.vraagtekst(self.vraag))
        if self.wijzig is not None:
            line["huidig"] = json_value(self.gesprek.antwoorden.get(self.vraag.id), self.vraag)
        self.write(line)
        return None

    def result(self, stopped: bool) -> None:
        from ..plugins import output_formats

        g = self.gesprek
        b = g.beoordeling()
        resultaat = json.loads(output_formats()["json"](b, build(b, g.rules)))  # our own output: plain json
        if stopped and b.uitkomst == "onvolledig":
            g.stoppen()
        else:
            g.afronden(b)
        self.write({"resultaat": resultaat})


def json_text(waarde) -> str:
    """A JSON value as the text a consultant would type: true -> 'ja', 2.5 -> '2,5'."""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde).replace(".", ",") if isinstance(waarde, float) else str(waarde)


def run_jsonl(gesprek: Gesprek, stdin: IO[str], stdout: IO[str], opgeslagen: bool = True) -> int:
    utf8(stdin, "surrogateescape")  # a bad byte becomes a lone surrogate: refused as one message
    utf8(stdout, "strict")
    return JsonlIntake(gesprek, stdin, stdout, opgeslagen).run()


def utf8(stream, errors: str) -> None:
    """The protocol speaks UTF-8 whatever the locale (LC_ALL=C, PYTHONIOENCODING=ascii)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors=errors)
        except (ValueError, OSError):  # pragma: no cover - a stream already read from
            pass
