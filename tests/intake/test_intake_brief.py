"""What the intake records for the beschikking: gemeente, aanvraagdatum and kenmerk, kept in the session."""

import datetime as dt
import io
import json
from importlib.resources import files

import jsonschema
import pexpect
import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import read_case
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake import saving
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.gemeente import choose_gemeente
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region, region_sources

from ..conftest import PEILDATUM

SCHEMA = json.loads((files("wmo_dsl.intake") / "protocol.schema.json").read_text(encoding="utf-8"))
UIT = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/uitgaand"}]})
IN = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/inkomend"}]})


class Typed:
    """A prompt that answers with the lines given, in turn."""

    def __init__(self, *lines):
        self.lines = list(lines)

    def prompt(self, *args, **kwargs):
        return self.lines.pop(0)


class Scherm(Typed):
    def __init__(self, gesprek, *lines):
        super().__init__(*lines)
        self.gesprek = gesprek


def leiden_pilot(tmp_path) -> Gesprek:
    """The Leiden pilot case (BGI from 1-7-2019), answered in a stored session."""
    casus = read_case(next(region_sources()["leiden"].casussen.glob("pilot.json")))
    g = Gesprek.nieuw(load_region("leiden", casus.peildatum), SessionStore(tmp_path / "s.db"), casus.peildatum)
    for qid, waarde in convert_answers(g.model, casus.antwoorden).items():
        g.beantwoord(qid, waarde)
    return g


def test_the_gemeente_typed_at_the_start_is_kept_as_the_region_writes_it():
    assert choose_gemeente(Typed("zeist"), region_sources(), load_region) == ("zou", "Zeist")
    assert choose_gemeente(Typed("wijk bij", "ja"), region_sources(), load_region) == ("zou", "Wijk bij Duurstede")
    assert choose_gemeente(Typed("zou", "ja"), region_sources(), load_region) == ("zou", None)


def test_before_a_besluit_enter_takes_today_as_aanvraagdatum_and_the_kenmerk_is_kept_in_the_session(tmp_path, monkeypatch):
    monkeypatch.setattr(saving, "say", lambda *args: None)
    g = leiden_pilot(tmp_path)
    g.geef("gemeente", "Leiden")
    saving.letter_facts(Scherm(g, "", "Z/25/0042"), g.beoordeling())
    feiten = g.briefgegevens()
    assert (feiten.aanvraagdatum, feiten.kenmerk, feiten.gemeente) == (dt.date.today(), "Z/25/0042", "Leiden")
    assert g.casus()["kenmerk"] == "Z/25/0042" and g.casus()["aanvraagdatum"] == dt.date.today().isoformat()
    again = Gesprek.hervat(g.store, g.sessie_id, load_region)
    assert again.briefgegevens() == feiten


def test_a_period_before_the_aanvraag_or_in_the_past_is_warned_about_before_saving(tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(saving, "say", lambda tekst, *args: said.append(tekst))
    g = leiden_pilot(tmp_path)
    saving.letter_facts(Scherm(g, "niet-een-datum", "15-8-2019", ""), g.beoordeling())
    out = "\n".join(said)
    assert "aanvraagdatum: 'niet-een-datum' is geen datum" in out
    assert "Let op, terugwerkende kracht:" in out and "1-7-2019" in out
    assert g.briefgegevens().aanvraagdatum == dt.date(2019, 8, 15) and g.briefgegevens().kenmerk is None


def converse(gesprek, messages):
    for m in messages:
        IN.validate(m)
    out = io.StringIO()
    assert run_jsonl(gesprek, io.StringIO("".join(json.dumps(m) + "\n" for m in messages)), out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    for line in lines:
        UIT.validate(line)
    return lines


def test_the_jsonl_command_gegevens_records_the_letters_facts_and_warns_about_a_past_period(tmp_path):
    g = leiden_pilot(tmp_path)
    lines = converse(g, [{"opdracht": "gegevens", "aanvraagdatum": "31-13-2019"},
                         {"opdracht": "gegevens", "aanvraagdatum": "2019-08-15", "kenmerk": "Z-1", "gemeente": "Leiden"}])
    fout = next(m for m in lines if "fout" in m)
    assert "aanvraagdatum" in fout["fout"]
    (gegevens,) = [m["gegevens"] for m in lines if "gegevens" in m]
    assert {k: gegevens[k] for k in ("aanvraagdatum", "kenmerk", "gemeente")} == {
        "aanvraagdatum": "2019-08-15", "kenmerk": "Z-1", "gemeente": "Leiden"}
    assert any("terugwerkende kracht" in z for z in gegevens["terugwerkend"])
    assert Gesprek.hervat(g.store, g.sessie_id, load_region).briefgegevens().kenmerk == "Z-1"


@pytest.mark.parametrize("bericht", [{"opdracht": "gegevens", "kenmerk": ""}, {"opdracht": "gegevens", "kenmerk": 12},
                                     {"opdracht": "gegevens", "gemeente": "a\nb"}])
def test_a_gegevens_message_that_does_not_fit_is_refused_and_records_nothing(tmp_path, bericht):
    g = leiden_pilot(tmp_path)
    out = io.StringIO()
    run_jsonl(g, io.StringIO(json.dumps(bericht) + "\n"), out)
    assert any("fout" in json.loads(line) for line in out.getvalue().splitlines())
    assert g.staat.gegevens == {}


def test_a_terminal_intake_puts_the_gemeente_the_aanvraagdatum_and_the_kenmerk_in_its_besluit(tmp_path):
    from .test_intake_tui import converse, plain, spawn

    child = spawn(tmp_path, "--geen-opslag")
    child.expect("In welke gemeente")
    child.sendline("zeist")
    converse(child, [("dag en nacht", "nee"), ("complexe problematiek", "ja"), ("zelf een hulpvraag", "nee"),
                     ("uren begeleiding per week", "6")])
    child.expect("Klopt dit?")
    child.sendline("")
    child.expect("Opslaan als")
    child.sendline("besluit")
    child.expect("aanvraagdatum \\(Enter: ")
    child.sendline("15-12-2024")
    child.expect("kenmerk")
    child.sendline("Z/24/77")
    child.expect("bestandsnaam")
    assert "terugwerkende kracht" in plain(child.before)
    child.sendline(str(tmp_path / "b.md"))
    child.expect("Opgeslagen:")
    child.expect("Opslaan als")
    assert "b.verantwoording.json" in "".join(plain(child.before).split())  # the consultant is told of the receipt
    child.sendline("")
    child.expect(pexpect.EOF)
    letter = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "wethouders van Zeist," in letter and "Ons kenmerk: Z/24/77" in letter
    assert "Op 15-12-2024 is ons gemeld dat u mogelijk ondersteuning nodig heeft" in letter and "uw aanvraag" not in letter


def test_the_aanvraagdatum_is_read_as_people_say_it_and_lies_behind_us():
    from wmo_dsl.errors import WmoFout
    from wmo_dsl.intake.saving import _aanvraagdatum

    today = dt.date.today()
    five_jan = _aanvraagdatum("5 jan")
    assert (five_jan.month, five_jan.day) == (1, 5) and today - dt.timedelta(days=366) < five_jan <= today
    monday = _aanvraagdatum("maandag 5 januari 2026")
    assert monday == dt.date(2026, 1, 5)
    assert _aanvraagdatum("1-12-2026") == dt.date(2026, 12, 1)
    with pytest.raises(WmoFout, match="ligt na vandaag"):
        _aanvraagdatum(f"{today.year + 1}-01-01")
