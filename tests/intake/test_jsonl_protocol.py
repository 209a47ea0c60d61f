"""The JSON-lines protocol, command by command, every message validated against the shipped JSON Schema."""

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from importlib.resources import files

import jsonschema
import pytest

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region

PEILDATUM = dt.date(2025, 6, 1)
SCHEMA = json.loads((files("wmo_dsl.intake") / "protocol.schema.json").read_text(encoding="utf-8"))
UIT = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/uitgaand"}]})
IN = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/inkomend"}]})
TWEE = ["sociaal_functioneren", "zingeving_meedoen"]


def converse(messages, store=None, gesprek=None):
    """Run a scripted conversation; every message both ways must fit the schema."""
    for m in messages:
        IN.validate(m)
    gesprek = gesprek or Gesprek.nieuw(load_region("lekstroom", PEILDATUM), store or SessionStore(None), PEILDATUM)
    stdout = io.StringIO()
    assert run_jsonl(gesprek, io.StringIO("".join(json.dumps(m) + "\n" for m in messages)), stdout,
                     opgeslagen=store is not None) == 0
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    for line in lines:
        UIT.validate(line)
    return lines


def kinds(lines):
    return [next(iter(m)) if "vraag" not in m or "fout" in m or len(m) == 1 else f"vraag:{m['vraag']}" for m in lines]


def test_the_schema_ships_with_the_package_and_wmo_intake_schema_prints_it(capsys):
    assert main(["intake", "--schema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_first_line_names_the_session_region_version_and_peildatum():
    first = converse([])[0]
    assert first == {"sessie": None, "kenmerk": None, "regio": "lekstroom", "regelversie": "1.0 definitief (geldig vanaf 2022-01-01)",
                     "peildatum": "2025-06-01"}


def test_the_first_line_carries_the_session_id_when_the_session_is_stored(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    first = converse([], store=store)[0]
    assert first["sessie"] and store.load(first["sessie"]).regio == "lekstroom"


def test_waarom_answers_and_then_asks_the_same_question_again():
    lines = converse([{"opdracht": "waarom"}])
    assert kinds(lines[:4]) == ["sessie", "vraag:resultaatgebieden", "waarom", "vraag:resultaatgebieden"]
    waarom = lines[2]["waarom"]
    assert waarom["vraag"] == "resultaatgebieden" and waarom["nodig_voor"] and waarom["bron"]


def test_overzicht_gives_answers_what_is_settled_and_what_is_still_needed():
    lines = converse([{"antwoord": TWEE}, {"opdracht": "overzicht"}])
    overzicht = next(m["overzicht"] for m in lines if "overzicht" in m)
    assert overzicht["antwoorden"] == {"resultaatgebieden": TWEE}
    # a derived value with its label from the rule file and its value in words, beside the value itself
    assert overzicht["vastgesteld"]["omvang"] == {"waarde": "gemiddeld", "label": "omvang van de ondersteuning",
                                                  "tekst": "gemiddeld (1 of 2 resultaatgebieden)"}
    assert overzicht["nog_nodig"][0] == "type"
    assert kinds(lines)[-2:] == ["vraag:type", "resultaat"]  # the question again, then the input ends


def test_wijzig_asks_that_question_next_with_the_current_answer_and_then_goes_on():
    lines = converse([{"antwoord": TWEE}, {"antwoord": "ontwikkelen"}, {"opdracht": "wijzig", "vraag": "resultaatgebieden"},
                      {"antwoord": ["zingeving_meedoen"]}])
    (wijzig,) = [m for m in lines if "huidig" in m]
    assert (wijzig["vraag"], wijzig["huidig"]) == ("resultaatgebieden", TWEE)
    assert lines[lines.index(wijzig) + 1]["vraag"] == "verzwarende_omstandigheden"


def test_afwijken_checks_the_value_before_the_reason_and_answers_with_the_deviation():
    script = [{"antwoord": TWEE}, {"antwoord": "ontwikkelen"}, {"antwoord": []}, {"antwoord": False},
              {"opdracht": "afwijken", "onderwerp": "intensiteit", "waarde": "heel hoog", "reden": ""},
              {"opdracht": "afwijken", "onderwerp": "intensiteit", "waarde": "plus", "reden": ""},
              {"opdracht": "afwijken", "onderwerp": "intensiteit", "waarde": "plus", "reden": "Zorgen over de thuissituatie"}]
    lines = converse(script)
    fouten = [m["fout"] for m in lines if "fout" in m]
    assert "heel hoog" in fouten[0] and "reden" not in fouten[0]
    assert "reden" in fouten[1]
    afwijking = next(m["afwijking"] for m in lines if "afwijking" in m)
    assert afwijking.pop("tijdstip")[:2] == "20"
    assert afwijking == {"onderwerp": "intensiteit", "van": "gemiddeld", "naar": "plus", "reden": "Zorgen over de thuissituatie"}
    resultaten = [m["resultaat"] for m in lines if "resultaat" in m]
    assert [r["producten"][0]["code"] for r in resultaten] == ["022A1", "022A2"]


def test_after_the_result_wijzig_reopens_the_conversation_and_gives_a_new_result():
    lines = converse([{"antwoord": TWEE}, {"antwoord": "ontwikkelen"}, {"antwoord": []}, {"antwoord": False},
                      {"opdracht": "wijzig", "vraag": "type"}, {"antwoord": "behouden"}, {"antwoord": False}])
    resultaten = [m["resultaat"] for m in lines if "resultaat" in m]
    assert [r["producten"][0]["code"] for r in resultaten] == ["022A1", "022B1"]
    assert kinds(lines)[-4:] == ["resultaat", "vraag:type", "vraag:alleen_waakvlam", "resultaat"]


def test_terug_after_wijzig_restores_the_answer_from_before():
    gesprek = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(None), PEILDATUM)
    lines = converse([{"antwoord": TWEE}, {"antwoord": "ontwikkelen"}, {"antwoord": []}, {"antwoord": False},
                      {"opdracht": "wijzig", "vraag": "type"}, {"antwoord": "behouden"}, {"opdracht": "terug"}], gesprek=gesprek)
    assert gesprek.antwoorden["type"] == "ontwikkelen"
    resultaten = [m["resultaat"] for m in lines if "resultaat" in m]
    assert [r["producten"][0]["code"] for r in resultaten] == ["022A1", "022A1"]


def test_a_message_with_an_answer_and_a_command_is_refused_and_the_question_comes_again():
    stdout = io.StringIO()
    gesprek = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(None), PEILDATUM)
    run_jsonl(gesprek, io.StringIO(json.dumps({"antwoord": TWEE, "opdracht": "stop"}) + "\n"), stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert kinds(lines) == ["sessie", "vraag:resultaatgebieden", "fout", "vraag:resultaatgebieden", "resultaat"]
    assert "niet allebei" in lines[2]["fout"] and not gesprek.antwoorden


@pytest.mark.parametrize("bericht, woord", [({"opdracht": "wijzig"}, "welke vraag"), ({"opdracht": "wijzig", "vraag": "typ"}, "onbekende vraag"),
                                            ({"opdracht": "springen"}, "onbekende opdracht"), ({"opdracht": "terug"}, "nog geen antwoord"),
                                            ({"hallo": 1}, "onbekend bericht")])
def test_every_refusal_is_followed_by_the_current_question(bericht, woord):
    stdout = io.StringIO()
    run_jsonl(Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(None), PEILDATUM), io.StringIO(json.dumps(bericht) + "\n"), stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert woord in lines[2]["fout"] and lines[3]["vraag"] == "resultaatgebieden"
    for line in lines:
        UIT.validate(line)


def test_stop_after_the_result_ends_with_nothing_more():
    lines = converse([{"antwoord": ["administratie_financien"]}, {"opdracht": "stop"}, {"opdracht": "overzicht"}])
    assert kinds(lines) == ["sessie", "vraag:resultaatgebieden", "resultaat"]


def test_later_and_terug_work_together():
    # after 'later' on type: what is needed whatever the type first ('alleen waakvlam' waits for type)
    lines = converse([{"antwoord": TWEE}, {"opdracht": "later"}, {"antwoord": []}, {"opdracht": "terug"}])
    assert kinds(lines)[1:6] == ["vraag:resultaatgebieden", "vraag:type", "vraag:verzwarende_omstandigheden",
                                 "vraag:verandering_verwacht", "vraag:verzwarende_omstandigheden"]


def test_hervat_after_kill_9_continues_with_the_next_open_question_and_the_same_session(tmp_path):
    db = tmp_path / "sessies.db"
    cmd = [sys.executable, "-m", "wmo_dsl.cli", "intake", "--regio", "lekstroom", "--jsonl", "--sessie", str(db), "--peildatum", "2025-06-01"]
    child = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    first = json.loads(child.stdout.readline())
    assert json.loads(child.stdout.readline())["vraag"] == "resultaatgebieden"
    child.stdin.write(json.dumps({"antwoord": TWEE}) + "\n")
    child.stdin.flush()
    assert json.loads(child.stdout.readline())["vraag"] == "type"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    again = subprocess.run(cmd[:-2] + ["--hervat", first["sessie"]], input=json.dumps({"antwoord": "ontwikkelen"}) + "\n",
                           capture_output=True, text=True, timeout=60)
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    assert again.returncode == 0, again.stderr
    assert lines[0]["sessie"] == first["sessie"]
    assert [m.get("vraag") for m in lines[1:3]] == ["type", "verzwarende_omstandigheden"]
    for line in lines:
        UIT.validate(line)


def test_terug_while_changing_an_answer_cancels_the_change_and_undoes_nothing():
    gesprek = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(None), PEILDATUM)
    converse([{"antwoord": TWEE}, {"antwoord": "ontwikkelen"}, {"antwoord": []}, {"antwoord": False},
              {"opdracht": "wijzig", "vraag": "type"}, {"opdracht": "terug"}], gesprek=gesprek)
    assert gesprek.antwoorden["verandering_verwacht"] is False and gesprek.antwoorden["type"] == "ontwikkelen"


@pytest.mark.parametrize("bericht, woord", [
    ({"antwoord": TWEE, "extra": 1}, "onbekend veld 'extra'"),
    ({"opdracht": "afwijken", "onderwerp": "omvang", "waarde": "groot", "reden": "r" * 10_001}, "langer dan 10000 tekens"),
])
def test_a_message_beyond_the_protocol_or_its_limits_is_refused(bericht, woord):
    stdout = io.StringIO()
    gesprek = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(None), PEILDATUM)
    run_jsonl(gesprek, io.StringIO(json.dumps(bericht) + "\n"), stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert woord in lines[2]["fout"] and not gesprek.antwoorden and not gesprek.afwijkingen
