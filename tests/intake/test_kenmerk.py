"""One kenmerk per session: asked at the start of a stored intake (Enter skips, never a BSN), shown in
the header and 'wmo sessies', and the same kenmerk in the besluit; over JSON lines on the first line."""

import datetime as dt
import io
import json

import pytest

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.cli import main
from wmo_dsl.intake import saving, terminal
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region

PEILDATUM = dt.date(2025, 6, 1)


class Typed:
    """Prompts answered in turn; Ctrl-C when the lines run out. Keeps the prompts it was shown."""

    def __init__(self, *lines):
        self.lines, self.prompts = list(lines), []

    def prompt(self, message, *args, **kwargs):
        self.prompts.append(message)
        if not self.lines:
            raise KeyboardInterrupt
        return self.lines.pop(0)


@pytest.fixture
def said(monkeypatch):
    shown = []
    for module in (terminal, saving):
        monkeypatch.setattr(module, "say", lambda tekst, *a, **k: shown.append(tekst))
    monkeypatch.setattr(terminal, "show_question", lambda tekst, *a, **k: shown.append(tekst))
    return shown


def nieuw(tmp_path) -> Gesprek:
    return Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(tmp_path / "s.db"), PEILDATUM)


def test_a_new_stored_intake_asks_a_kenmerk_first_refuses_a_bsn_and_shows_it_in_the_header(tmp_path, said):
    g = nieuw(tmp_path)
    typed = Typed("1234 56 782", "Z/25/0042")
    assert terminal.IntakeScherm(g, typed, vraag_kenmerk=True).run() == 130
    assert typed.prompts[:2] == ["kenmerk> ", "kenmerk> "]
    assert any("lijkt een BSN" in t for t in said)
    header = next(t for t in said if t.startswith("Intake "))
    assert "kenmerk Z/25/0042" in header and f"sessie {g.sessie_id}" in header
    assert g.briefgegevens().kenmerk == "Z/25/0042"
    assert g.store.list()[0].kenmerk == "Z/25/0042"


def test_enter_skips_the_kenmerk_and_the_first_question_follows(tmp_path, said):
    g = nieuw(tmp_path)
    typed = Typed("")
    terminal.IntakeScherm(g, typed, vraag_kenmerk=True).run()
    assert typed.prompts[0] == "kenmerk> " and typed.prompts[1] != "kenmerk> "
    assert g.staat.gegevens.get("kenmerk") is None and "kenmerk" not in next(t for t in said if t.startswith("Intake "))


@pytest.mark.parametrize("opgeslagen,vraag", [(False, True), (True, False)], ids=["geen-opslag", "hervat"])
def test_no_kenmerk_is_asked_without_storage_or_when_a_session_is_resumed(tmp_path, said, opgeslagen, vraag):
    typed = Typed()
    terminal.IntakeScherm(nieuw(tmp_path), typed, opgeslagen=opgeslagen, vraag_kenmerk=vraag).run()
    assert "kenmerk> " not in typed.prompts


def test_the_besluit_takes_the_sessions_kenmerk_without_asking_twice(tmp_path, said):
    g = nieuw(tmp_path)
    g.geef("kenmerk", "Z/25/0042")
    typed = Typed("")  # only the aanvraagdatum
    scherm = type("S", (), {"gesprek": g, "prompt": typed.prompt})()
    saving.letter_facts(scherm, g.beoordeling())
    assert len(typed.prompts) == 1 and typed.prompts[0].startswith("aanvraagdatum")
    assert "Kenmerk: Z/25/0042" in said and g.briefgegevens().kenmerk == "Z/25/0042"


def test_at_the_besluit_a_bsn_as_kenmerk_is_refused_and_asked_again(tmp_path, said):
    g = nieuw(tmp_path)
    typed = Typed("", "111222333", "Z-1")
    scherm = type("S", (), {"gesprek": g, "prompt": typed.prompt})()
    saving.letter_facts(scherm, g.beoordeling())
    assert any("lijkt een BSN" in t for t in said) and g.briefgegevens().kenmerk == "Z-1"


def test_over_json_lines_the_first_line_names_the_kenmerk_given_with_the_command(tmp_path, capsys, monkeypatch):
    db = tmp_path / "s.db"
    monkeypatch.setattr("sys.stdin", io.StringIO('{"opdracht": "stop"}\n'))
    assert main(["intake", "--jsonl", "--regio", "lekstroom", "--sessie", str(db), "--kenmerk", "Z/25/7"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["kenmerk"] == "Z/25/7"
    store = SessionStore(db)
    assert [(r.id, r.kenmerk) for r in store.list()] == [(first["sessie"], "Z/25/7")]
    store.close()


def test_over_json_lines_gegevens_sets_the_sessions_kenmerk_and_a_resumed_session_names_it_first(tmp_path):
    g = nieuw(tmp_path)
    out = io.StringIO()
    run_jsonl(g, io.StringIO('{"opdracht": "gegevens", "kenmerk": "Z-9"}\n'), out)
    assert [json.loads(line) for line in out.getvalue().splitlines()][0]["kenmerk"] is None
    again = Gesprek.hervat(g.store, g.sessie_id, load_region)
    out = io.StringIO()
    run_jsonl(again, io.StringIO(""), out)
    assert json.loads(out.getvalue().splitlines()[0])["kenmerk"] == "Z-9"


def test_a_command_at_the_kenmerk_prompt_is_never_the_kenmerk_help_says_what_works_there_and_stop_stops(tmp_path, said):
    g = nieuw(tmp_path)
    typed = Typed("later", "help", "stop")
    assert terminal.IntakeScherm(g, typed, vraag_kenmerk=True).run() == 0
    assert typed.prompts == ["kenmerk> ", "kenmerk> ", "kenmerk> "]
    assert any("'later' is een opdracht, geen kenmerk" in t for t in said)
    assert terminal.KENMERK_HULP in said and not any("'help' is een opdracht" in t for t in said)
    assert g.staat.gegevens.get("kenmerk") is None and g.store.list()[0].status == "gestopt"
