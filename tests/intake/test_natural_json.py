"""Over JSON lines a string answer is read by the same parser as a typed one: "nee" for a ja/nee
question, "1 3" for several choices; a string neither reads is refused with the ids a program sends."""

import io
import json

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region


def test_strings_as_people_type_them_are_answers_over_json_lines():
    rules = load_region("lekstroom")
    stdin = io.StringIO('{"antwoord": "1 3"}\n{"antwoord": "ontw"}\n{"antwoord": "geen"}\n{"antwoord": "nee hoor"}\n'
                        '{"opdracht": "overzicht"}\n')
    stdout = io.StringIO()
    run_jsonl(Gesprek.nieuw(rules, SessionStore(None), rules.model.regio.geldig_vanaf), stdin, stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert not [line for line in lines if "fout" in line], lines
    antwoorden = next(line["overzicht"]["antwoorden"] for line in lines if "overzicht" in line)
    assert sorted(antwoorden["resultaatgebieden"]) == ["administratie_financien", "zelfzorg_gezondheid"]
    assert antwoorden["type"] == "ontwikkelen"


def test_a_ja_nee_question_lists_true_and_false_with_their_labels():
    rules = load_region("tsd")
    stdout = io.StringIO()
    run_jsonl(Gesprek.nieuw(rules, SessionStore(None), rules.model.regio.geldig_vanaf), io.StringIO(""), stdout)
    vraag = next(json.loads(line) for line in stdout.getvalue().splitlines() if '"vraag"' in line)
    assert vraag["soort"] == "janee"
    assert vraag["opties"] == [{"id": True, "label": "ja"}, {"id": False, "label": "nee"}]
