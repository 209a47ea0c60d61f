"""The intake as JSON lines on stdin/stdout, for a web page or another program.

The same :class:`~wmo_dsl.intake.conversation.Gesprek` as the terminal, so the same
questions in the same order. Each question is one line; the client answers
``{"antwoord": value}`` (values as in a case file) or ``{"opdracht": "terug"}``
(also ``"later"`` and ``"stop"``). A refused answer gets ``{"fout", "vraag"}``
and the same question again; the end is ``{"resultaat": …}`` with the JSON of
``wmo beoordeel --formaat json``. Nothing else is written to stdout.
"""

from __future__ import annotations

import json
from typing import IO

from ..language import ast

from ..language import limits
from ..errors import CasusFout
from ..present.explain import build
from .conversation import Gesprek

SOORT = {"janee": "janee", "keuze": "keuze", "meerdere": "meerdere", "getal": "getal", "datum": "datum", "tekst": "tekst",
         "personen": "personen"}


def question_line(vraag: ast.Vraag, tekst: str | None = None) -> dict:
    return {
        "vraag": vraag.id,
        "tekst": tekst or vraag.tekst or vraag.onderwerp(),
        "soort": SOORT[vraag.soort],
        "opties": [{"id": o.id, "label": o.label} for o in vraag.opties],
        "uitleg": vraag.uitleg or "",
        "bron": vraag.bron.tekst if vraag.bron else "",
        **({"eenheid": str(vraag.hoeveelheid) if vraag.hoeveelheid else None, "geheel": vraag.geheel} if vraag.soort == "getal" else {}),
        **({"maximaal": int(vraag.maximaal.value), "enkelvoud": vraag.enkelvoud or "persoon"} if vraag.soort == "personen" else {}),
        **({"persoon": vraag.persoon[1], "lijst": vraag.persoon[0]} if vraag.persoon else {}),
    }


def run_jsonl(gesprek: Gesprek, stdin: IO[str], stdout: IO[str]) -> int:
    from ..plugins import output_formats

    def write(obj: dict) -> None:
        stdout.write(limits.dumps(obj) + "\n")
        stdout.flush()

    for vraag_id, melding in gesprek.onbruikbaar.items():
        write({"fout": melding + "; de vraag komt opnieuw als ze nog nodig is", "vraag": vraag_id})
    while True:
        vraag = gesprek.volgende()
        if vraag is None:
            break
        write(question_line(vraag, gesprek.vraagtekst(vraag)))
        while True:
            line = stdin.readline()
            if not line:
                return _result(gesprek, write, output_formats, stopped=True)
            if not line.strip():
                continue
            fout = None
            try:
                bericht = limits.loads(line)
                if not isinstance(bericht, dict):
                    raise ValueError
            except limits.GrensFout as err:
                fout = f"{err}; stuur {{\"antwoord\": …}} of {{\"opdracht\": \"terug\"}}"
            except (ValueError, RecursionError):
                fout = "geen geldig JSON-object; stuur {\"antwoord\": …} of {\"opdracht\": \"terug\"}"
            else:
                if "antwoord" in bericht:
                    try:
                        gesprek.beantwoord_json(vraag, bericht["antwoord"])
                        break
                    except CasusFout as err:
                        fout = err.melding()
                else:
                    opdracht = bericht.get("opdracht")
                    if opdracht == "terug":
                        gesprek.terug()
                        break
                    if opdracht == "later":
                        gesprek.sla_over(vraag.id)
                        break
                    if opdracht == "stop":
                        return _result(gesprek, write, output_formats, stopped=True)
                    fout = "onbekend bericht; stuur {\"antwoord\": …} of {\"opdracht\": \"terug\" | \"later\" | \"stop\"}"
            # After any refusal the client gets the question again, so it never waits in vain.
            write({"fout": fout, "vraag": vraag.id})
            write(question_line(vraag, gesprek.vraagtekst(vraag)))
    return _result(gesprek, write, output_formats, stopped=False)


def _result(gesprek: Gesprek, write, output_formats, stopped: bool) -> int:
    b = gesprek.beoordeling()
    resultaat = json.loads(output_formats()["json"](b, build(b, gesprek.rules)))  # our own output: plain json
    if stopped and b.uitkomst == "onvolledig":
        gesprek.stoppen()
    else:
        gesprek.afronden()
    write({"resultaat": resultaat})
    return 0
