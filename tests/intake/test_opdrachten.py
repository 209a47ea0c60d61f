"""The intake's commands come from one table: both front ends reach every command of the table that
is theirs and nothing else, and the same commands have the same effect typed in the terminal or
sent as JSON lines."""

import dataclasses
import datetime as dt
import io
import json
from importlib.resources import files

import pytest

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake import jsonl, opdrachten, saving, terminal
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.opdrachten import BEIDE, COMMANDS, TABEL, command_of
from wmo_dsl.intake.protocol import FOUTEN, OPDRACHTEN, VELDEN
from wmo_dsl.plugins import load_region

PEILDATUM = dt.date(2025, 1, 1)
SCHEMA = json.loads((files("wmo_dsl.intake") / "protocol.schema.json").read_text(encoding="utf-8"))
# What is typed (and sent: a string as people type it) at each Lekstroom question.
ANTWOORDEN = {"resultaatgebieden": "1", "type": "1", "verzwarende_omstandigheden": "nee", "verandering_verwacht": "nee"}
ANTWOORD = object()  # a step: answer the open question from ANTWOORDEN
# Each step: the JSON message and what a consultant types for it (afwijken asks three more lines).
STAPPEN = [
    (ANTWOORD, None),
    ({"opdracht": "waarom"}, ["waarom"]),
    ({"opdracht": "overzicht"}, ["overzicht"]),
    ({"opdracht": "later"}, ["later"]),
    (ANTWOORD, None),
    ({"opdracht": "terug"}, ["terug"]),
    (ANTWOORD, None),
    ({"opdracht": "wijzig", "vraag": "resultaatgebieden"}, ["wijzig resultaatgebieden"]),
    ({"antwoord": "1 4"}, ["1 4"]),
    ({"opdracht": "afwijken", "onderwerp": "omvang", "waarde": "groot", "reden": "veel tegelijk"},
     ["afwijken", "omvang", "groot", "veel tegelijk"]),
    ({"opdracht": "stop"}, ["stop"]),
]


def gesprek() -> Gesprek:
    return Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(None), PEILDATUM)


def spy(monkeypatch, module, results):
    """Record every result of the table's handlers that ``module`` runs."""
    real = opdrachten.voer_uit

    def recording(o, stand, velden):
        result = real(o, stand, velden)
        results.append((o.naam, result))
        return result

    monkeypatch.setattr(module, "voer_uit", recording)


def comparable(result):
    """A result without the moment it was recorded (a deviation's tijdstip)."""
    naam, r = result
    if isinstance(r, opdrachten.Afgeweken):
        r = dataclasses.replace(r, afwijking=dataclasses.replace(r.afwijking, tijdstip=None))
    return naam, r


def state(g: Gesprek):
    return (dict(g.antwoorden), list(g.later), [(a.onderwerp, a.waarde, a.reden) for a in g.afwijkingen])


def over_json_lines(monkeypatch):
    g, results, received = gesprek(), [], []
    spy(monkeypatch, jsonl, results)
    stappen = list(STAPPEN)

    class Pipe(io.StringIO):
        pending: list = []

        def write(self, text):
            for line in text.splitlines():
                m = json.loads(line)
                received.append(m)
                if "soort" in m and "fout" not in m and stappen:  # a question: the next step
                    bericht, _ = stappen.pop(0)
                    self.pending.append({"antwoord": ANTWOORDEN[m["vraag"]]} if bericht is ANTWOORD else bericht)
            return len(text)

        def readline(self):
            return json.dumps(self.pending.pop(0)) + "\n" if self.pending else ""

    pipe = Pipe()
    assert jsonl.run_jsonl(g, pipe, pipe, opgeslagen=False) == 0
    assert stappen == [] and not [m for m in received if "fout" in m], received
    return g, results


def in_the_terminal(monkeypatch):
    g, results, shown = gesprek(), [], []
    spy(monkeypatch, terminal, results)
    for module in (terminal, saving):
        monkeypatch.setattr(module, "say", lambda text="", *a, **k: shown.append(text))
    monkeypatch.setattr(terminal, "show_question", lambda *a, **k: None)
    stappen, regels = list(STAPPEN), []

    def typed(message, vraag=None, extra=None, **kwargs):
        if not regels:
            assert stappen, (message, shown[-5:])
            _, getypt = stappen.pop(0)
            regels.extend(getypt or [ANTWOORDEN[vraag.id]])
        return regels.pop(0)

    scherm = terminal.IntakeScherm(g, object(), opgeslagen=False)
    scherm.prompt = typed
    assert scherm.run() == 0
    assert stappen == [] and regels == []
    return g, results


def test_the_table_holds_every_command_of_the_protocol_and_the_terminal():
    assert set(TABEL) == {"help", *OPDRACHTEN}
    assert [o for o in TABEL if "terminal" in TABEL[o].kanalen] == list(COMMANDS)
    schema = SCHEMA["$defs"]["opdracht"]
    assert schema["properties"]["opdracht"]["enum"] == list(OPDRACHTEN)
    assert {v for o in TABEL.values() if "jsonl" in o.kanalen for v in o.velden} | {"opdracht"} == VELDEN == set(schema["properties"])
    for o in TABEL.values():
        assert o.hulp and o.uitvoeren
        assert o.kanalen == BEIDE or o.waarom_niet, f"{o.naam}: one front end only, without saying how the other does it"


@pytest.mark.parametrize("naam", list(TABEL))
def test_each_command_is_reachable_from_exactly_the_front_ends_its_entry_names(naam, monkeypatch):
    o = TABEL[naam]
    typed = command_of(naam)
    assert (typed is not None and typed[0] == naam) == ("terminal" in o.kanalen)
    for alias in o.aliassen:
        assert command_of(alias) == ((naam, "") if "terminal" in o.kanalen else None)
    lines = []

    class Pipe(io.StringIO):
        sent = False

        def write(self, text):
            lines.extend(json.loads(line) for line in text.splitlines())
            return len(text)

        def readline(self):
            if self.sent:
                return ""
            self.sent = True
            return json.dumps({"opdracht": naam}) + "\n"

    pipe = Pipe()
    jsonl.run_jsonl(gesprek(), pipe, pipe, opgeslagen=False)
    codes = [m["code"] for m in lines if "code" in m]
    assert all(c in FOUTEN for c in codes)
    assert ("onbekende_opdracht" not in codes) == ("jsonl" in o.kanalen), codes


def test_every_command_of_both_front_ends_does_the_same_typed_or_sent(monkeypatch):
    over_json, json_results = over_json_lines(monkeypatch)
    typed, terminal_results = in_the_terminal(monkeypatch)
    assert [comparable(r) for r in terminal_results] == [comparable(r) for r in json_results]
    assert {naam for naam, _ in json_results} == {o.naam for o in TABEL.values() if o.kanalen == BEIDE}
    assert state(typed) == state(over_json)
    assert state(typed)[2] == [("omvang", "groot", "veel tegelijk")] and state(typed)[0]["resultaatgebieden"]


def test_a_refusal_reads_as_a_sentence_on_the_screen_and_keeps_the_protocol_text():
    from wmo_dsl.intake.protocol import Geweigerd

    err = Geweigerd("niets_terug", "er is nog geen antwoord om ongedaan te maken")
    assert str(err) == "er is nog geen antwoord om ongedaan te maken"
    assert err.op_scherm() == "Er is nog geen antwoord om ongedaan te maken."
    assert Geweigerd("vraag_ontbreekt", "waarom welke vraag? Stuur …", scherm="Er staat geen vraag open.").op_scherm() == \
        "Er staat geen vraag open."
