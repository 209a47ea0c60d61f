"""Each prompt of the terminal intake takes what it says: a command word at the file name cancels the
save, Enter keeps its meaning after a wrong line, afwijken insists on a reason, 'later' and 'help'
answer for where the consultant is, and stopping after the outcome says the session is kept."""

import datetime as dt
import io
import json

import pytest

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake import afwijken, saving, terminal
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region

PEILDATUM = dt.date(2025, 1, 1)
ANTWOORDEN = {"resultaatgebieden": "1", "type": "1", "verzwarende_omstandigheden": "nee", "alleen_waakvlam": "nee",
              "verandering_verwacht": "nee"}  # in the order they are asked


class Typed:
    """A question gets its answer from ANTWOORDEN; every other prompt the next line; Ctrl-C when they run out."""

    def __init__(self, *lines: str):
        self.lines, self.prompts, self.balken = list(lines), [], []

    def prompt(self, message, vraag=None, *args, balk=None, **kwargs):
        if vraag is not None and message.endswith(("> ", ">")) and not message.startswith(("afwijken", "nieuwe waarde")):
            return ANTWOORDEN[vraag.id]
        self.prompts.append(message)
        self.balken.append(balk)
        if not self.lines:
            raise KeyboardInterrupt
        return self.lines.pop(0)


@pytest.fixture
def said(monkeypatch):
    shown = []
    for module in (terminal, saving, afwijken):
        monkeypatch.setattr(module, "say", lambda tekst="", *a, **k: shown.append(tekst))
        monkeypatch.setattr(module, "show_question", lambda *a, **k: None, raising=False)
    return shown


def intake(tmp_path, *lines, opgeslagen=False, **kwargs):
    store = SessionStore(tmp_path / "s.db" if opgeslagen else None)
    g = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), store, PEILDATUM)
    typed = Typed(*lines)
    scherm = terminal.IntakeScherm(g, typed, opgeslagen=opgeslagen, **kwargs)
    scherm.prompt = typed.prompt  # the questions answer themselves; the rest is typed
    scherm.page = lambda text: typed.prompts.append("<pagina>")  # the review, the motivering
    return g, typed, scherm


def test_terug_or_stop_at_the_file_name_cancels_the_save_and_a_command_is_never_a_file_name(tmp_path, said, monkeypatch):
    monkeypatch.setattr(saving, "documents_dir", lambda: tmp_path)
    g, typed, scherm = intake(tmp_path, "", "markdown", "", "nee", "terug", "markdown", "help", "stop", "klaar")
    standaard = tmp_path / f"indicatie-{g.sessie_id}.md"
    standaard.write_text("oud", encoding="utf-8")
    assert scherm.run() == 0
    assert typed.prompts == ["<pagina>", "klopt dit?> ", "opslaan (Enter: meer)> ", "bestandsnaam (Enter: de standaard)> ",
                                 "Overschrijven? (ja/nee; terug: niet opslaan) ", "bestandsnaam (Enter: de standaard)> ",
                                 "opslaan (Enter: meer)> ", "bestandsnaam (Enter: de standaard)> ",
                                 "bestandsnaam (Enter: de standaard)> ", "opslaan (Enter: meer)> "]
    assert said.count("Niet opgeslagen.") == 2
    assert any(t.startswith("'help' is een opdracht, geen bestandsnaam") for t in said)
    assert sorted(p.name for p in tmp_path.iterdir()) == [standaard.name] and standaard.read_text(encoding="utf-8") == "oud"
    assert "terug" in typed.balken[typed.prompts.index("bestandsnaam (Enter: de standaard)> ")]


def test_after_a_wrong_line_at_the_save_prompt_enter_still_shows_the_motivering(tmp_path, said):
    g, typed, scherm = intake(tmp_path, "", "xyz", "", "")
    assert scherm.run() == 0
    assert typed.prompts == ["<pagina>", "klopt dit?> ", "opslaan (Enter: meer)> ", "opslaan (Enter: meer)> ", "<pagina>",
                             "opslaan (Enter: klaar)> "]
    assert any(t.startswith("Kies markdown, json, casus of besluit") for t in said)


def test_later_at_klopt_dit_and_after_the_outcome_says_there_is_no_open_question_there(tmp_path, said):
    g, typed, scherm = intake(tmp_path, "later", "", "later", "klaar")
    assert scherm.run() == 0
    assert "'later' kan alleen bij een open vraag; hier bevestigt u de antwoorden." in said
    assert "'later' kan alleen bij een open vraag; de uitkomst staat er al." in said
    assert not any("antwoord dat u wijzigt" in t for t in said)


def test_over_json_lines_later_without_an_open_question_keeps_the_protocols_code_and_text(tmp_path):
    g = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(None), PEILDATUM)
    sent = [{"antwoord": ANTWOORDEN[v]} for v in ANTWOORDEN] + [{"opdracht": "later"}]
    out = io.StringIO()
    run_jsonl(g, io.StringIO("".join(json.dumps(m) + "\n" for m in sent)), out, opgeslagen=False)
    fout = [m for m in map(json.loads, out.getvalue().splitlines()) if "fout" in m]
    assert [(m["code"], m["fout"]) for m in fout] == [
        ("later_niet_mogelijk", "'later' kan alleen bij een nieuwe vraag, niet bij een antwoord dat u wijzigt")]


def test_an_empty_reason_for_afwijken_is_refused_and_asked_again_keeping_the_chosen_value(tmp_path, said):
    g, typed, scherm = intake(tmp_path, "afwijken", "omvang", "groot", "", "  ", "veel tegelijk")
    assert scherm.run() == 130  # Ctrl-C at "Klopt dit?" once the deviation is recorded
    assert typed.prompts.count("reden (verplicht)> ") == 3
    assert said.count(afwijken.REDEN_VERPLICHT) == 2 and "Niet afgeweken." not in said
    assert [(a.onderwerp, a.waarde, a.reden) for a in g.afwijkingen] == [("omvang", "groot", "veel tegelijk")]


def test_terug_at_the_reason_cancels_afwijken(tmp_path, said):
    g, typed, scherm = intake(tmp_path, "afwijken", "omvang", "groot", "terug")
    assert scherm.run() == 130
    assert "Niet afgeweken." in said and g.afwijkingen == []


@pytest.mark.parametrize("einde", ["stop", "klaar"])
def test_ending_after_the_outcome_says_the_session_is_kept_and_how_to_open_it_again(tmp_path, said, einde):
    g, typed, scherm = intake(tmp_path, "", einde, opgeslagen=True)
    assert scherm.run() == 0
    assert f"\nSessie {g.sessie_id} is bewaard, met de uitkomst. Terugzien, wijzigen of opslaan met:" in said
    assert f"  wmo intake --hervat {g.sessie_id}" in said
    assert g.store.list()[0].status == "afgerond"
