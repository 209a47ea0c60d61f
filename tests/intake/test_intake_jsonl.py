"""The JSON-lines intake: for every example case, exactly the engine's still-needed sequence, and the result of wmo beoordeel."""

import datetime as dt
import io
import json

import pytest

from wmo_dsl.cases.answers import answers_json, convert_answers
from wmo_dsl.tools.casetest import region_cases
from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region, region_sources
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.semantics.pipeline import load_rules

ALL_CASES = [(rid, casus) for rid, source in region_sources().items() for casus in region_cases(source.casussen)]


class Client:
    """Answers each question from the case; stops when asked something the case does not answer."""

    def __init__(self, antwoorden):
        self.antwoorden = antwoorden
        self.asked = []

    def run(self, gesprek):
        lines = []
        out = _Pipe(self, lines)
        run_jsonl(gesprek, out, out)
        return [json.loads(line) for line in lines]


class _Pipe(io.StringIO):
    """stdin and stdout at once: each question written triggers the client's reply."""

    def __init__(self, client, lines):
        super().__init__()
        self.client, self.lines, self.pending = client, lines, []

    def write(self, text):
        for line in text.splitlines():
            self.lines.append(line)
            msg = json.loads(line)
            if "vraag" in msg and "fout" not in msg:
                self.client.asked.append(msg["vraag"])
                if msg["vraag"] in self.client.antwoorden:
                    self.pending.append({"antwoord": self.client.antwoorden[msg["vraag"]]})
                else:
                    self.pending.append({"opdracht": "stop"})
        return len(text)

    def readline(self):
        return json.dumps(self.pending.pop(0)) + "\n" if self.pending else ""


def expected_sequence(rules, casus):
    given = convert_answers(rules.model, casus.antwoorden)
    answers, sequence = {}, []
    while True:
        needed = rules.model.in_asking_order(rules.still_needed(answers, casus.peildatum))
        if not needed:
            return sequence
        sequence.append(needed[0])
        if needed[0] not in given:
            return sequence
        answers[needed[0]] = given[needed[0]]


@pytest.mark.parametrize("rid,casus", ALL_CASES, ids=[f"{rid}:{c.pad.rsplit('/', 1)[-1]}" for rid, c in ALL_CASES])
def test_jsonl_asks_the_still_needed_sequence_and_returns_the_beoordeel_result(rid, casus, capsys, tmp_path):
    rules = load_region(rid, casus.peildatum)
    client = Client(casus.antwoorden)
    messages = client.run(Gesprek.nieuw(rules, SessionStore(None), casus.peildatum))
    assert client.asked == expected_sequence(rules, casus)
    resultaat = messages[-1]["resultaat"]

    case_file = tmp_path / "casus.json"
    asked_answers = {q: casus.antwoorden[q] for q in client.asked if q in casus.antwoorden}
    case_file.write_text(json.dumps({"regio": rid, "peildatum": casus.peildatum.isoformat(), "antwoorden": asked_answers}))
    assert main(["beoordeel", str(case_file), "--formaat", "json"]) == 0
    beoordeeld = json.loads(capsys.readouterr().out)
    ontvangst, ontvangst_casus = resultaat.pop("verantwoording"), beoordeeld.pop("verantwoording")
    # the intake's result carries the answers as a case file holds them, besides the contract of 'beoordeel'
    assert resultaat.pop("antwoorden") == answers_json(rules.model, convert_answers(rules.model, asked_answers))
    assert resultaat == beoordeeld
    # the receipt says who gave each answer and when; the decision's part is the same as the case file's
    assert {a["bron"] for a in ontvangst["antwoorden"].values()} <= {"consulent"}
    assert all("tijdstip" in a for a in ontvangst["antwoorden"].values())
    assert ontvangst["regelbestanden"] == ontvangst_casus["regelbestanden"]
    if casus.verwacht and "uitkomst" in casus.verwacht:
        assert resultaat["uitkomst"] == casus.verwacht["uitkomst"]


def test_a_bad_answer_gets_an_error_and_the_same_question(tmp_path):
    rules = load_region("lekstroom")
    stdin = io.StringIO('{"antwoord": "tuinieren"}\nniet-json\n{"antwoord": ["zelfzorg_gezondheid"]}\n')
    stdout = io.StringIO()
    run_jsonl(Gesprek.nieuw(rules, SessionStore(None), rules.model.regio.geldig_vanaf), stdin, stdout)
    lines = [json.loads(l) for l in stdout.getvalue().splitlines()][1:]  # after the line that names the session
    assert lines[0]["vraag"] == "resultaatgebieden" and lines[0]["soort"] == "meerdere"
    assert lines[0]["opties"][0] == {"id": "zelfzorg_gezondheid", "label": "Zelfzorg en (geestelijke en lichamelijke) gezondheid"}
    assert lines[1] == {"fout": "antwoord op 'resultaatgebieden' is \"tuinieren\" en geen lijst; toegestaan: een lijst (mag leeg zijn) met: "
                                "zelfzorg_gezondheid, regelvermogen_dagstructuur, administratie_financien, sociaal_functioneren, "
                                "zingeving_meedoen, woonvaardigheden", "code": "ongeldig_antwoord", "vraag": "resultaatgebieden"}
    assert lines[2]["vraag"] == "resultaatgebieden"
    # a malformed message is refused like a bad answer: the error, then the question again
    assert lines[3]["code"] == "ongeldige_json" and lines[3]["vraag"] == "resultaatgebieden"
    assert "fout" not in lines[4] and lines[4]["vraag"] == "resultaatgebieden"
    assert lines[5]["vraag"] == "type"
    assert lines[-1]["resultaat"]["uitkomst"] == "onvolledig"


def test_terug_over_jsonl_asks_the_previous_question_again():
    rules = load_region("lekstroom")
    stdin = io.StringIO('{"antwoord": ["zelfzorg_gezondheid"]}\n{"opdracht": "terug"}\n')
    stdout = io.StringIO()
    run_jsonl(Gesprek.nieuw(rules, SessionStore(None), rules.model.regio.geldig_vanaf), stdin, stdout)
    asked = [json.loads(l).get("vraag") for l in stdout.getvalue().splitlines()][1:]
    assert asked[:3] == ["resultaatgebieden", "type", "resultaatgebieden"]


def test_jsonl_writes_only_json_lines_on_stdout(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "intake", "--regio", "lekstroom", "--jsonl", "--geen-opslag",
                           "--peildatum", "2025-01-01"], input='{"antwoord": ["administratie_financien"]}\n',
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(l) for l in proc.stdout.splitlines()]
    assert [list(l)[0] for l in lines] == ["sessie", "vraag", "resultaat"]
    assert lines[2]["resultaat"]["verwijzingen"] == ["voorliggend_veld"]


def test_a_household_over_json_lines_takes_the_list_and_asks_only_the_adults_limitation(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    rules = Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo"
    replies = [{"antwoord": [{"leeftijd": 12}, {"leeftijd": 40}]}, {"antwoord": False}]
    run = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "intake", "--regels", str(rules), "--jsonl", "--geen-opslag",
                          "--peildatum", "2025-06-01"], input="".join(json.dumps(r) + "\n" for r in replies),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    lijst, veld, einde = [json.loads(line) for line in run.stdout.splitlines()][1:]
    assert (lijst["vraag"], lijst["soort"], lijst["maximaal"]) == ("huisgenoten", "personen", 8)
    assert (veld["vraag"], veld["persoon"], veld["soort"]) == ("huisgenoten[2].beperkt", 2, "janee")
    assert veld["tekst"].startswith("Huisgenoot 2 (40 jaar): ")
    assert einde["resultaat"]["uitkomst"] == "geen_indicatie"


def test_a_household_over_json_lines_takes_a_count_and_then_asks_each_persons_fields():
    from pathlib import Path

    rules = load_rules(Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo")
    stdin = io.StringIO("".join(json.dumps(r) + "\n" for r in [{"antwoord": 1}, {"antwoord": 30}, {"antwoord": True}]))
    stdout = io.StringIO()
    run_jsonl(Gesprek.nieuw(rules, SessionStore(None), dt.date(2025, 6, 1)), stdin, stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()][1:]
    assert [m.get("vraag") for m in lines[:-1]] == ["huisgenoten", "huisgenoten[1].leeftijd", "huisgenoten[1].beperkt"]
    assert lines[-1]["resultaat"]["uitkomst"] == "indicatie"
