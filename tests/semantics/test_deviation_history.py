"""Deviations as a history: the last one counts, 'volgens de regels' is what the rules derive without any."""

import datetime as dt
import io
import json

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import parse_case, convert_deviations
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.errors import CasusFout
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region
from wmo_dsl.present.explain import build, render

PEIL = dt.date(2025, 1, 1)
ANTWOORDEN = {"resultaatgebieden": ["zelfzorg_gezondheid", "woonvaardigheden", "sociaal_functioneren"], "type": "ontwikkelen",
              "verzwarende_omstandigheden": ["gedrag", "life_event"], "verandering_verwacht": False}
KETEN = [{"onderwerp": "intensiteit", "waarde": "plus", "reden": "eerst"},
         {"onderwerp": "intensiteit", "waarde": "gemiddeld", "reden": "na overleg"}]


def beoordeel(afwijkingen):
    rules = load_region("lekstroom")
    casus = parse_case(json.dumps({"regio": "lekstroom", "peildatum": "2025-01-01", "antwoorden": ANTWOORDEN,
                                   "afwijkingen": afwijkingen}))
    return rules.evaluate(convert_answers(rules.model, ANTWOORDEN), PEIL, convert_deviations(rules.model, casus))


def test_two_deviations_on_one_onderwerp_the_last_counts_and_the_rules_value_is_without_any():
    b = beoordeel(KETEN)
    assert b.waarden.get("intensiteit", b.evaluatie.values["intensiteit"]) == "gemiddeld"
    assert [(a.van, a.naar, a.reden) for a in b.afwijkingen] == [("plusplus", "plus", "eerst"), ("plusplus", "gemiddeld", "na overleg")]
    assert [a["geldt"] for a in b.afwijkingen_data()] == [False, True]
    tekst = render(build(b), "tekst")
    flat = " ".join(tekst.split())
    assert "Volgens de regels geldt: de hoogste intensiteit (intensiteit ++)" in flat and "voor: een hogere intensiteit" not in flat
    assert "eerst" in tekst  # the earlier reason stays


def test_a_deviation_may_name_its_onderwerp_by_label_in_a_case_file():
    b = beoordeel([{"onderwerp": "Intensiteit", "waarde": "plus", "reden": "label"}])
    assert [a.onderwerp for a in b.afwijkingen] == ["intensiteit"]


def test_an_empty_reason_is_refused_with_a_dutch_message():
    with pytest.raises(CasusFout, match="lege reden"):
        beoordeel([{"onderwerp": "intensiteit", "waarde": "plus", "reden": "  "}])


def test_json_lines_say_what_the_rules_derive_also_after_a_second_deviation_by_label():
    gesprek = Gesprek.nieuw(load_region("lekstroom", PEIL), SessionStore(None), PEIL)
    script = [{"antwoord": ANTWOORDEN["resultaatgebieden"]}, {"antwoord": "ontwikkelen"}, {"antwoord": ["gedrag", "life_event"]},
              {"antwoord": False},
              {"opdracht": "afwijken", "onderwerp": "intensiteit", "waarde": "plus", "reden": "eerst"},
              {"opdracht": "afwijken", "onderwerp": "Intensiteit", "waarde": "gemiddeld", "reden": "na overleg"}]
    out = io.StringIO()
    run_jsonl(gesprek, io.StringIO("".join(json.dumps(m) + "\n" for m in script)), out, opgeslagen=False)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    afwijkingen = [m["afwijking"] for m in lines if "afwijking" in m]
    assert [(a["onderwerp"], a["van"], a["naar"]) for a in afwijkingen] == [("intensiteit", "plusplus", "plus"),
                                                                            ("intensiteit", "plusplus", "gemiddeld")]
    resultaat = [m["resultaat"] for m in lines if "resultaat" in m][-1]
    assert [(a["naar"], a["reden"], a["geldt"]) for a in resultaat["afwijkingen"]] == [("plus", "eerst", False),
                                                                                      ("gemiddeld", "na overleg", True)]
    assert all(a["tijdstip"] for a in resultaat["afwijkingen"])
    assert [a["reden"] for a in resultaat["verantwoording"]["afwijkingen"]] == ["eerst", "na overleg"]


def test_a_resumed_session_keeps_every_deviation(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    gesprek = Gesprek.nieuw(load_region("lekstroom", PEIL), store, PEIL)
    for vraag, waarde in convert_answers(gesprek.model, ANTWOORDEN).items():
        gesprek.beantwoord(vraag, waarde)
    gesprek.wijk_af("intensiteit", "plus", "eerst")
    gesprek.wijk_af("intensiteit", "gemiddeld", "daarna")
    hervat = Gesprek.hervat(store, gesprek.sessie_id, lambda regio, datum: load_region(regio, datum))
    assert [(a.naar, a.reden) for a in hervat.afwijkingen] == [("plus", "eerst"), ("gemiddeld", "daarna")]
    assert hervat.overrides() == {"intensiteit": "gemiddeld"}
    assert {bron for bron, _ in hervat.beoordeling().herkomst.values()} == {"hervat"}  # the receipt's source of each answer
