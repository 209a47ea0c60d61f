"""The protocol's contract for a front end: the besluit over JSON lines, the answers in the result,
a stable code with every fout, labels beside ids; every message the intake writes fits the schema."""

import datetime as dt
import io
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from wmo_dsl.cases.sessions import Gebeurtenis, SessionStore
from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.intake.protocol import FOUTEN
from wmo_dsl.plugins import load_region

PEILDATUM = dt.date(2025, 6, 1)
SCHEMA = json.loads((files("wmo_dsl.intake") / "protocol.schema.json").read_text(encoding="utf-8"))
UIT = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/uitgaand"}]})
IN = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/inkomend"}]})
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
TWEE = ["sociaal_functioneren", "zingeving_meedoen"]
LEKSTROOM = [{"antwoord": TWEE}, {"antwoord": "ontwikkelen"}, {"antwoord": []}, {"antwoord": False}]


def talk(lines, regio="lekstroom", gesprek=None):
    """Send raw lines (a dict is sent as JSON and must fit the schema); every line back must fit it."""
    text = ""
    for line in lines:
        if isinstance(line, dict):
            IN.validate(line)
            line = json.dumps(line)
        text += line + "\n"
    gesprek = gesprek or Gesprek.nieuw(load_region(regio, PEILDATUM), SessionStore(None), PEILDATUM)
    out = io.StringIO()
    assert run_jsonl(gesprek, io.StringIO(text), out) == 0
    messages = [json.loads(line) for line in out.getvalue().splitlines()]
    for m in messages:
        UIT.validate(m)
    return messages


def test_the_codes_of_fout_are_the_schemas_enum_and_each_is_documented_in_the_readme():
    assert SCHEMA["$defs"]["fout"]["properties"]["code"]["enum"] == list(FOUTEN)
    assert "code" in SCHEMA["$defs"]["fout"]["required"]
    assert [c for c in FOUTEN if f"| `{c}` |" not in README] == []


AFTER_RESULT = LEKSTROOM
REFUSALS = [
    (["niet-json"], "ongeldige_json"),
    (["[1, 2]"], "geen_object"),
    (['{"x": 1}'], "onbekend_bericht"),
    (['{"antwoord": [], "opdracht": "stop"}'], "antwoord_en_opdracht"),
    (['{"antwoord": [], "extra": 1}'], "onbekend_veld"),
    (['{"opdracht": "dansen"}'], "onbekende_opdracht"),
    (['{"antwoord": "tuinieren"}'], "ongeldig_antwoord"),
    (['{"opdracht": "wijzig"}'], "vraag_ontbreekt"),
    (['{"opdracht": "wijzig", "vraag": "schoenmaat"}'], "onbekende_vraag"),
    (['{"opdracht": "terug"}'], "niets_terug"),
    (['{"opdracht": "afwijken", "onderwerp": 3, "waarde": "groot", "reden": "x"}'], "ongeldige_afwijking"),
    ([{"antwoord": TWEE}, '{"opdracht": "afwijken", "onderwerp": "omvang", "waarde": "groot"}'], "reden_ontbreekt"),
    (['{"opdracht": "gegevens", "aanvraagdatum": "31-13-2025"}'], "ongeldig_gegeven"),
    (['{"opdracht": "gegevens", "kenmerk": "1234.56.782"}'], "kenmerk_is_bsn"),
    (['{"opdracht": "besluit", "formaat": "markdown"}'], "geen_resultaat"),
    (['{"opdracht": "besluit", "formaat": "pdf"}'], "ongeldig_formaat"),
    (['{"antwoord": "\udcff"}'], "geen_utf8"),
    (['{"antwoord": "' + "x" * (1 << 20) + '"}'], "te_lang"),
    (["[" * 70 + "]" * 70], "buiten_grenzen"),
    ([*AFTER_RESULT, {"antwoord": True}], "geen_open_vraag"),
    ([*AFTER_RESULT, {"opdracht": "later"}], "later_niet_mogelijk"),
]


@pytest.mark.parametrize("lines,code", REFUSALS, ids=[c for _, c in REFUSALS])
def test_every_refusal_carries_its_machine_code_beside_the_dutch_text(lines, code):
    fouten = [m for m in talk(lines) if "fout" in m]
    assert [m["code"] for m in fouten] == [code]
    assert fouten[0]["fout"] and fouten[0]["fout"] != code  # the Dutch text for a person, not the code


def test_the_refusal_table_reaches_every_code_but_those_of_rare_failures():
    rare = {"buiten_bereik", "geen_besluit", "onbruikbaar_antwoord"}  # tested elsewhere or below: bounds, templates, tampering
    assert set(FOUTEN) - {c for _, c in REFUSALS} == rare


def test_a_stored_answer_that_no_longer_fits_is_a_fout_with_code_onbruikbaar_antwoord(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    g = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), store, PEILDATUM)
    store.append(g.sessie_id, Gebeurtenis("antwoord", "type", "half"))
    again = Gesprek.hervat(store, g.sessie_id, load_region)
    (fout,) = [m for m in talk([], gesprek=again) if "fout" in m]
    assert fout["code"] == "onbruikbaar_antwoord" and fout["vraag"] == "type"


def test_the_result_carries_the_answers_as_in_a_case_file_and_the_deviations():
    messages = talk([*LEKSTROOM, {"opdracht": "afwijken", "onderwerp": "intensiteit", "waarde": "plus", "reden": "veel crises"}])
    eerste, tweede = [m["resultaat"] for m in messages if "resultaat" in m]
    assert eerste["antwoorden"] == {"resultaatgebieden": TWEE, "type": "ontwikkelen", "verzwarende_omstandigheden": [],
                                    "verandering_verwacht": False}
    assert eerste["afwijkingen"] == []
    (afwijking,) = tweede["afwijkingen"]
    assert (afwijking["onderwerp"], afwijking["van"], afwijking["reden"], afwijking["geldt"]) == (
        "intensiteit", "gemiddeld", "veel crises", True)
    assert tweede["antwoorden"] == eerste["antwoorden"]


def test_a_besluit_after_the_result_has_the_bytes_of_wmo_beoordeel_for_the_same_case(tmp_path, capsys):
    vandaag = dt.date.today().isoformat()
    messages = talk([*LEKSTROOM, {"opdracht": "gegevens", "aanvraagdatum": vandaag, "kenmerk": "Z/25/0042", "gemeente": "Houten"},
                     {"opdracht": "besluit", "formaat": "markdown"}, {"opdracht": "besluit", "formaat": "html"}])
    resultaat = next(m["resultaat"] for m in messages if "resultaat" in m)
    markdown, html = [m["besluit"] for m in messages if "besluit" in m]
    assert markdown["formaat"] == "markdown" and html["formaat"] == "html"
    assert "Ons kenmerk: Z/25/0042" in markdown["inhoud"] and html["inhoud"].lstrip().startswith("<!DOCTYPE html>")
    casus = tmp_path / "casus.json"
    casus.write_text(json.dumps({"regio": "lekstroom", "peildatum": "2025-06-01", "antwoorden": resultaat["antwoorden"],
                                 "aanvraagdatum": vandaag, "kenmerk": "Z/25/0042", "gemeente": "Houten"}), encoding="utf-8")
    assert main(["beoordeel", str(casus), "--formaat", "besluit"]) == 0
    assert capsys.readouterr().out == markdown["inhoud"]
    assert main(["beoordeel", str(casus), "--formaat", "besluit", "--uit", str(tmp_path / "b.html")]) == 0
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == html["inhoud"]


def test_a_besluit_while_a_question_is_open_again_is_refused_and_the_question_comes_back():
    messages = talk([*LEKSTROOM, {"opdracht": "wijzig", "vraag": "type"}, {"opdracht": "besluit", "formaat": "html"}])
    fout = next(m for m in messages if "fout" in m)
    assert fout["code"] == "geen_resultaat" and fout["vraag"] == "type"
    assert messages[-2]["vraag"] == "type" and "besluit" not in messages[-1]


def test_uitleg_names_a_rule_by_what_it_grants_and_keeps_its_id_apart():
    answers = {"wlz_indicatie": False, "acute_crisis": False, "begeleiding_nodig": True, "zelfredzaam_met_vangnet": False,
               "groepstraining_passend": False, "hulpvraag_buiten_kantooruren": False, "uitstroom_beschermd_wonen": False,
               "dagbesteding_nodig": False, "mantelzorger_ontlasten": False, "leerbaar": "ja", "uren_per_week": 3}
    g = Gesprek.nieuw(load_region("tsd", PEILDATUM), SessionStore(None), PEILDATUM)
    for qid, waarde in answers.items():
        g.beantwoord(qid, waarde)
    resultaat = next(m["resultaat"] for m in talk([], gesprek=g) if "resultaat" in m)
    punt = next(p for p in resultaat["uitleg"] if p["id"] == "begeleiding_ontwikkelen")
    assert punt["soort"] == "regel" and punt["label"] == "de toekenning van Individuele begeleiding gericht op leren/ontwikkelen"
    assert not any(p["onderwerp"].startswith("regel ") or "_" in p["onderwerp"] for p in resultaat["uitleg"])


def test_the_overview_gives_each_derived_value_its_label_and_its_value_in_words():
    messages = talk([{"antwoord": TWEE}, {"antwoord": "ontwikkelen"}, {"antwoord": ["gedrag"]}, {"opdracht": "overzicht"}])
    vastgesteld = next(m["overzicht"] for m in messages if "overzicht" in m)["vastgesteld"]
    assert vastgesteld["intensiteit"] == {"waarde": "plus", "label": "intensiteit", "tekst": "een hogere intensiteit (intensiteit +)"}
    assert all(set(v) == {"waarde", "label", "tekst"} and "_" not in v["label"] for v in vastgesteld.values())


def test_a_gemeente_given_over_json_lines_must_be_one_of_the_region():
    messages = talk([{"opdracht": "gegevens", "gemeente": "Culemborgg"}, {"opdracht": "gegevens", "gemeente": "houten"}])
    fout = next(m for m in messages if "fout" in m)
    assert fout["code"] == "ongeldig_gegeven" and "geen gemeente van" in fout["fout"]
    assert next(m for m in messages if "gegevens" in m)["gegevens"]["gemeente"] == "Houten"
