"""A case file or an intake answer that breaks an eis of the rules is refused with the eis's message."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.eisen import EisFout
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.pipeline import checked

DATA = Path(__file__).resolve().parent.parent / "data" / "eisen.wmo"
PEILDATUM = dt.date(2025, 3, 1)


def test_a_case_file_breaking_an_eis_exits_2_with_its_message(tmp_path, capsys):
    casus = tmp_path / "c.json"
    casus.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": {
        "huisgenoten": [{"relatie": "partner"}, {"relatie": "partner"}]}}), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(DATA), str(casus)]) == 2
    err = capsys.readouterr().err
    assert "Er is hoogstens één partner." in err and "Traceback" not in err


def test_a_case_file_keeping_the_eis_is_judged(tmp_path, capsys):
    casus = tmp_path / "c.json"
    casus.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": {
        "huisgenoten": [{"relatie": "partner"}, {"relatie": "kind"}]}}), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(DATA), "--formaat", "json", str(casus)]) == 0
    assert json.loads(capsys.readouterr().out)["uitkomst"] == "geen_indicatie"


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
