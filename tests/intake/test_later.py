"""'later' on a gate question: the questions it may make unnecessary wait until it is answered;
questions needed whatever its answer are asked meanwhile."""

import datetime as dt
import json
from pathlib import Path

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.plugins import load_region

CASE = Path(__file__).resolve().parents[2] / "regions" / "tsd" / "casussen" / "dagbesteding_ontwikkelen.json"
FOLLOW_UPS = {"dagbesteding_ontwikkelbaar", "zelfstandig_reizen", "dagdelen_per_week", "afstand_km"}


def test_later_on_a_gate_question_keeps_its_follow_up_questions_waiting():
    rules = load_region("tsd")
    casus = json.loads(CASE.read_text(encoding="utf-8"))
    answers = convert_answers(rules.model, casus["antwoorden"])
    g = Gesprek.nieuw(rules, SessionStore(None), dt.date.fromisoformat(casus["peildatum"]))
    asked = []
    while (vraag := g.volgende()) is not None and len(asked) < 40:
        asked.append(vraag.id)
        if vraag.id == "dagbesteding_nodig" and asked.count(vraag.id) == 1:
            g.sla_over(vraag.id)
            continue
        g.beantwoord(vraag.id, answers[vraag.id])
    first, second = [i for i, q in enumerate(asked) if q == "dagbesteding_nodig"]
    between = set(asked[first + 1:second])
    assert "mantelzorger_ontlasten" in between  # needed whatever the gate says: asked meanwhile
    assert not between & FOLLOW_UPS
    assert FOLLOW_UPS & set(asked[second + 1:])  # and asked after the gate
    assert g.beoordeling().uitkomst == "indicatie"


def test_later_is_refused_at_a_question_every_other_question_waits_for():
    import io

    from wmo_dsl.intake.jsonl import run_jsonl

    g = Gesprek.nieuw(load_region("tsd"), SessionStore(None), dt.date(2025, 6, 1))
    first = g.volgende()
    assert first.id == "wlz_indicatie" and not g.kan_later(first.id)  # everything else hangs on the Wlz question
    g.beantwoord(first.id, False)
    assert g.kan_later(g.volgende().id)
    out = io.StringIO()
    fresh = Gesprek.nieuw(load_region("tsd"), SessionStore(None), dt.date(2025, 6, 1))
    run_jsonl(fresh, io.StringIO('{"opdracht": "later"}\n'), out, opgeslagen=False)
    fout = [json.loads(line) for line in out.getvalue().splitlines() if "fout" in json.loads(line)]
    assert fout and fout[0]["code"] == "later_niet_mogelijk" and "hangen ervan af" in fout[0]["fout"]
