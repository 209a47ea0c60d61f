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
from typing import IO

from ..cases.answers import answers_json, json_value
from ..errors import WmoFout
from ..language import ast, limits
from ..present.explain import build
from ..semantics.engine import regelversie
from ..semantics.values import BerekeningFout
from .conversation import Gesprek
from .protocol import BESLUITFORMATEN, GEGEVENS, HOE, Geweigerd, labelled_values, question_line, read_message

__all__ = ["JsonlIntake", "run_jsonl", "question_line"]


class JsonlIntake:
    """One conversation over JSON lines."""

    def __init__(self, gesprek: Gesprek, stdin: IO[str], stdout: IO[str], opgeslagen: bool = True):
        self.gesprek = gesprek
        self.stdin = stdin
        self.stdout = stdout
        self.opgeslagen = opgeslagen
        self.vraag: ast.Vraag | None = None  # the question the client has; None after the result
        self.wijzig: ast.Vraag | None = None  # a question the client asked to change
        self.uitkomst = None  # the Beoordeling of the last result sent, while no question is open

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
                return self.advance()
            except BerekeningFout as err:  # the answer makes a computed value leave the bounds: undone
                g.terug()
                self.vraag, self.wijzig = vraag, wijzig
                raise Geweigerd("buiten_bereik", f"{err}; het antwoord is niet bewaard") from None
        opdracht = bericht["opdracht"]
        if opdracht == "stop":
            if self.vraag is not None:
                self.result(stopped=True)
            return "stop"
        if opdracht == "waarom":
            vraag = self.named(bericht) if "vraag" in bericht else self.vraag
            if vraag is None:
                raise Geweigerd("vraag_ontbreekt", "waarom welke vraag? Stuur {\"opdracht\": \"waarom\", \"vraag\": id}")
            self.write({"waarom": {"vraag": vraag.id, "tekst": g.vraagtekst(vraag), "uitleg": vraag.uitleg or "",
                                   "bron": vraag.bron.tekst if vraag.bron else "", "nodig_voor": g.nodig_voor(vraag)}})
            return self.ask()
        if opdracht == "overzicht":
            data = g.overzicht_data()
            self.write({"overzicht": {**data, "vastgesteld": labelled_values(g.model, g.beoordeling().waarden)}})
            return self.ask()
        if opdracht == "wijzig":
            if "vraag" not in bericht:
                raise Geweigerd("vraag_ontbreekt", "welke vraag? Stuur {\"opdracht\": \"wijzig\", \"vraag\": id}")
            self.wijzig = self.named(bericht)
            return self.advance()
        if opdracht == "afwijken":
            return self.deviate(bericht)
        if opdracht == "gegevens":
            return self.letter_facts(bericht)
        if opdracht == "besluit":
            return self.letter(bericht)
        if opdracht == "later":
            if self.vraag is None or self.wijzig is not None:
                raise Geweigerd("later_niet_mogelijk", "'later' kan alleen bij een nieuwe vraag, niet bij een antwoord dat u wijzigt")
            if not g.kan_later(self.vraag.id):
                raise Geweigerd("later_niet_mogelijk", "deze vraag kan niet later: de andere vragen die nog nodig zijn, hangen ervan af")
            g.sla_over(self.vraag.id)
            return self.advance()
        if opdracht == "terug":
            if self.wijzig is not None:  # back from changing an answer: nothing changes
                self.wijzig = None
                return self.advance()
            if g.terug() is None:
                raise Geweigerd("niets_terug", "er is nog geen antwoord om ongedaan te maken")
            self.wijzig = None
            return self.advance()
        raise Geweigerd("onbekende_opdracht", f"onbekende opdracht '{str(opdracht)[:40]}'; {HOE}")

    def named(self, bericht: dict) -> ast.Vraag:
        naam = bericht.get("vraag")
        vraag = self.gesprek.model.vragen.get(naam) if isinstance(naam, str) else None
        if vraag is None:
            raise Geweigerd("onbekende_vraag", f"onbekende vraag {json.dumps(naam, ensure_ascii=False)[:60]}; vragen zijn: "
                           + ", ".join(q for q in self.gesprek.model.vragen if "[" not in q))
        return vraag

    def deviate(self, bericht: dict) -> str | None:
        g = self.gesprek
        onderwerp, waarde, reden = bericht.get("onderwerp"), bericht.get("waarde"), bericht.get("reden")
        if not isinstance(onderwerp, str):
            raise Geweigerd("ongeldige_afwijking", "afwijken van welke afgeleide waarde? Kies 'onderwerp' uit: " + ", ".join(g.afwijkbaar()))
        if not isinstance(waarde, (str, int, float, bool)):
            raise Geweigerd("ongeldige_afwijking", "'waarde' is de nieuwe waarde: een tekst, getal of ja/nee")
        naar = self.guard("ongeldige_afwijking", lambda: g.afwijkende_waarde(onderwerp, json_text(waarde)))  # the value, then the reason
        if not isinstance(reden, str) or not reden.strip():
            raise Geweigerd("reden_ontbreekt", "een afwijking vraagt een reden ('reden')")
        onderwerp = g.afwijkend_onderwerp(onderwerp) or onderwerp  # by id or by label: the answer names the id
        self.guard("ongeldige_afwijking", lambda: g.wijk_af(onderwerp, json_text(waarde), reden))
        # 'van' is what the rules derive without any deviation (the engine's, not the value before this one)
        laatste = g.beoordeling().afwijkingen[-1]
        self.write({"afwijking": {"onderwerp": onderwerp, "van": laatste.van, "naar": json_value(naar), "reden": reden.strip(),
                                  "tijdstip": laatste.tijdstip}})
        return self.advance()

    def letter_facts(self, bericht: dict) -> None:
        """Record the aanvraagdatum, kenmerk and gemeente for the beschikking; all checked before any is kept."""
        from ..cases.casefile import parse_peildatum
        from ..cases.kenmerk import check_kenmerk
        from ..present.besluit import past_periods

        g = self.gesprek
        nieuw = {}
        for veld in GEGEVENS:
            if veld not in bericht:
                continue
            waarde = bericht[veld]
            if not isinstance(waarde, str) or not waarde.strip() or len(waarde) > 200 or any(c < " " for c in waarde):
                raise Geweigerd("ongeldig_gegeven", f"'{veld}' is één regel tekst van hoogstens 200 tekens")
            if veld == "aanvraagdatum":
                nieuw[veld] = self.guard("ongeldig_gegeven", lambda: parse_peildatum(waarde, "", veld)).isoformat()
            elif veld == "kenmerk":
                nieuw[veld] = self.guard("ongeldig_gegeven", lambda: check_kenmerk(waarde))
            else:
                nieuw[veld] = self._gemeente(waarde.strip())
        for veld, waarde in nieuw.items():
            g.geef(veld, waarde)
        b = g.beoordeling()
        self.write({"gegevens": {**{k: v for k, v in g.staat.gegevens.items() if v},
                                 "terugwerkend": past_periods(b, g.briefgegevens()) if b.uitkomst == "indicatie" else []}})
        return self.ask()

    def _gemeente(self, naam: str) -> str:
        """A gemeente of this region as the region writes it; any name when the region names none."""
        from ..cases.gemeenten import zoek_gemeente

        regio = self.gesprek.model.regio
        if not regio.gemeenten:
            return naam
        found = zoek_gemeente({regio.id: regio}, naam)
        if found.gemeente is None:
            hint = f"bedoelde u '{found.voorstel}'? " if found.voorstel else ""
            raise Geweigerd("ongeldig_gegeven", f"'{naam[:40]}' is geen gemeente van {regio.naam}; {hint}"
                            f"de gemeenten: {', '.join(regio.gemeenten)}")
        return found.gemeente

    def letter(self, bericht: dict) -> None:
        """The besluit of the last result, in the bytes the terminal saves and 'wmo beoordeel --formaat besluit' prints."""
        from .beschikking import inhoud

        formaat = bericht.get("formaat")
        if formaat not in BESLUITFORMATEN:
            raise Geweigerd("ongeldig_formaat", "een besluit vraagt \"formaat\": \"markdown\" of \"html\"")
        if self.vraag is not None or self.uitkomst is None:
            raise Geweigerd("geen_resultaat", "een besluit kan pas na het resultaat; beantwoord eerst de open vraag")
        b = self.uitkomst
        inhoud = self.guard("geen_besluit", lambda: inhoud(self.gesprek, b, "besluit", formaat))
        self.write({"besluit": {"formaat": formaat, "inhoud": inhoud}})

    @staticmethod
    def guard(code: str, action):
        """Run ``action``; a WmoFout (a Dutch message) becomes Geweigerd with ``code`` (a BSN: kenmerk_is_bsn)."""
        from ..cases.kenmerk import BsnFout

        try:
            return action()
        except WmoFout as err:
            raise Geweigerd("kenmerk_is_bsn" if isinstance(err, BsnFout) else code, err.melding()) from None

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
        resultaat["antwoorden"] = answers_json(g.model, g.antwoorden)  # as in a case file (the seal leaves it out)
        if stopped and b.uitkomst == "onvolledig":
            g.stoppen()
        else:
            g.afronden(b)
            self.uitkomst = b
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
