"""The intake refuses an answer that breaks an eis of the rules, with the eis's message, and records nothing."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.eisen import EisFout
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.pipeline import checked

DATA = Path(__file__).resolve().parent.parent / "data" / "eisen.wmo"
PEILDATUM = dt.date(2025, 3, 1)


@pytest.fixture
def gesprek(tmp_path):
    return Gesprek.nieuw(Rules(checked(DATA)), SessionStore(tmp_path / "s.db"), PEILDATUM)


def test_the_intake_refuses_a_second_partner_and_records_nothing(gesprek):
    gesprek.beantwoord("huisgenoten", Decimal(3))
    gesprek.beantwoord_tekst(gesprek.model.vragen["huisgenoten[1].relatie"], "partner")
    with pytest.raises(EisFout, match="Er is hoogstens één partner."):
        gesprek.beantwoord_tekst(gesprek.model.vragen["huisgenoten[2].relatie"], "partner")
    assert "huisgenoten[2].relatie" not in gesprek.antwoorden
    assert gesprek.volgende() is None  # one partner settles it: no other housemate is asked about


def test_the_intake_refuses_a_list_of_persons_with_two_partners_as_a_whole(gesprek):
    with pytest.raises(EisFout):
        gesprek.beantwoord_json(gesprek.model.vragen["huisgenoten"], [{"relatie": "partner"}, {"relatie": "partner"}])
    assert gesprek.antwoorden == {}


def test_over_json_lines_two_partners_are_a_refusal_with_the_eis_message_and_the_question_again(gesprek):
    lines = jsonl(gesprek, [{"antwoord": [{"relatie": "partner"}, {"relatie": "partner"}]}])
    refusal = next(line for line in lines if "fout" in line)
    assert "Er is hoogstens één partner." in refusal["fout"]
    assert lines[lines.index(refusal) + 1]["vraag"] == "huisgenoten"


def test_the_result_fills_unasked_questions_with_answers_that_keep_the_eis(gesprek):
    lines = jsonl(gesprek, [{"antwoord": 2}, {"antwoord": "partner"}])
    (result,) = [line["resultaat"] for line in lines if "resultaat" in line]
    assert result["waarden"]["partners"] == 1  # the second housemate is not asked: a partner is forbidden, the rest agree
    assert result["uitkomst"] == "geen_indicatie"


def jsonl(gesprek, berichten):
    import io
    import json

    from wmo_dsl.intake.jsonl import run_jsonl

    stdout = io.StringIO()
    run_jsonl(gesprek, io.StringIO("".join(json.dumps(b) + "\n" for b in berichten)), stdout)
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


def test_the_terminal_says_the_eis_and_asks_again(gesprek, monkeypatch):
    from wmo_dsl.intake import terminal
    from wmo_dsl.intake.terminal import IntakeScherm

    said = []
    monkeypatch.setattr(terminal, "say", lambda tekst, *rest, **kw: said.append(str(tekst)))

    class Script:
        def __init__(self, items):
            self.items = list(items)

        def prompt(self, message, **kw):
            if not self.items:
                raise EOFError
            return self.items.pop(0)

    script = Script(["3", "partner", "wijzig huisgenoten[2].relatie", "partner", "kind", "stop"])
    assert IntakeScherm(gesprek, script, opgeslagen=False).run() == 0
    assert "Er is hoogstens één partner." in said and "Gewijzigd: kind." in said
    assert gesprek.antwoorden["huisgenoten[2].relatie"] == "kind"
