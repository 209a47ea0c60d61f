"""One conversation, two front ends: a TSD intake typed in the terminal and the same answers sent
as JSON lines (as people give them) end in the same result and the same besluit, byte for byte,
which is also what 'wmo beoordeel --formaat besluit' makes of the session's case file."""

import datetime as dt
import io
import json
from importlib.resources import files

import jsonschema
import pytest

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.cli import main
from wmo_dsl.intake import saving, terminal
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region

PEILDATUM = dt.date(2025, 6, 1)
SCHEMA = json.loads((files("wmo_dsl.intake") / "protocol.schema.json").read_text(encoding="utf-8"))
UIT = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/uitgaand"}]})
IN = jsonschema.Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": "#/$defs/inkomend"}]})
KENMERK = "Z/25/0042"
# What a consultant types at each TSD question: begeleiding, groepstraining, bereikbaarheid, dagbesteding and vervoer.
GETYPT = {"wlz_indicatie": "nee hoor", "acute_crisis": "nee", "begeleiding_nodig": "ja hoor", "leerbaar": "1",
          "uren_per_week": "3 uur", "zelfredzaam_met_vangnet": "nee", "groepstraining_passend": "jazeker", "sessies": "zes",
          "hulpvraag_buiten_kantooruren": "klopt", "uitstroom_beschermd_wonen": "nee joh", "dagbesteding_nodig": "ja",
          "mantelzorger_ontlasten": "nee", "dagbesteding_ontwikkelbaar": "ja", "dagdelen_per_week": "3 dagdelen",
          "zelfstandig_reizen": "nee", "afstand_km": "7,5 km", "ritten_per_week": "zes", "bovenlokaal_noodzakelijk": "nee"}


def in_the_terminal(tmp_path, monkeypatch):
    """The intake on a screen: the kenmerk first, every question typed, "Klopt dit?" yes, then the besluit
    saved as Markdown and HTML and the result as JSON. Returns (the session, the saved files)."""
    monkeypatch.setattr(terminal, "say", lambda *a, **k: None)
    monkeypatch.setattr(saving, "say", lambda *a, **k: None)
    monkeypatch.setattr(terminal, "show_question", lambda *a, **k: None)
    g = Gesprek.nieuw(load_region("tsd", PEILDATUM), SessionStore(tmp_path / "s.db"), PEILDATUM)
    opslaan = ["besluit", str(tmp_path / "b.md"), "besluit", str(tmp_path / "b.html"), "json", str(tmp_path / "r.json"), ""]
    asked = []

    def typed(message, vraag=None, extra=None, **kwargs):
        asked.append(vraag.id if vraag is not None else message)
        assert len(asked) < 100, asked  # no prompt asked over and over
        if vraag is not None:
            return GETYPT[vraag.id]
        if message.startswith("kenmerk"):
            return KENMERK
        if message.startswith(("opslaan", "bestandsnaam")):
            return opslaan.pop(0)
        return ""  # Enter: "Klopt dit?" yes, the aanvraagdatum of today, on through a page

    scherm = terminal.IntakeScherm(g, object(), vraag_kenmerk=True)
    scherm.prompt = typed
    scherm.key = lambda message: ""  # the pager: Enter, the next page
    assert scherm.run() == 0
    assert opslaan == [] and [q for q in asked if q in GETYPT]  # every save was made, questions were asked
    return g, {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("[br].*")}


def over_json_lines(answers):
    """The same conversation as a program has it: the answers as typed, then the facts and both besluiten."""
    g = Gesprek.nieuw(load_region("tsd", PEILDATUM), SessionStore(None), PEILDATUM)
    sent, received = [], []
    stdin_lines = []

    class Client(io.StringIO):
        """Reads the intake's lines as they come and answers each question from ``answers``."""

        def write(self, text):
            for line in text.splitlines():
                m = json.loads(line)
                UIT.validate(m)
                received.append(m)
                if "vraag" in m and "fout" not in m:
                    stdin_lines.append({"antwoord": answers[m["vraag"]]})
                elif "resultaat" in m and not any("gegevens" in r for r in received):
                    stdin_lines.extend([{"opdracht": "gegevens", "aanvraagdatum": dt.date.today().isoformat(), "kenmerk": KENMERK},
                                        {"opdracht": "besluit", "formaat": "markdown"}, {"opdracht": "besluit", "formaat": "html"}])
            return len(text)

    class Stdin:
        def readline(self):
            if not stdin_lines:
                return ""
            m = stdin_lines.pop(0)
            IN.validate(m)
            sent.append(m)
            return json.dumps(m) + "\n"

    assert run_jsonl(g, Stdin(), Client()) == 0
    return g, received


def without_moments(resultaat: dict) -> dict:
    """A result without what differs by the second it was given (when each answer came, and the seal over it)."""
    out = json.loads(json.dumps(resultaat))
    receipt = out["verantwoording"]
    receipt.pop("zegel")
    for a in receipt["antwoorden"].values():
        a.pop("tijdstip", None)
    return out


def test_a_tsd_conversation_in_the_terminal_and_over_json_lines_gives_the_same_result_and_the_same_besluit(
        tmp_path, monkeypatch, capsys):
    terminal_gesprek, saved = in_the_terminal(tmp_path, monkeypatch)
    jsonl_gesprek, received = over_json_lines(GETYPT)
    assert jsonl_gesprek.antwoorden == terminal_gesprek.antwoorden  # one parser for typed text and JSON strings
    assert not [m for m in received if "fout" in m]

    resultaat = next(m["resultaat"] for m in received if "resultaat" in m)
    assert resultaat["uitkomst"] == "indicatie" and len(resultaat["producten"]) == 5
    assert resultaat.pop("antwoorden") == terminal_gesprek.casus()["antwoorden"]
    assert without_moments(resultaat) == without_moments(json.loads(saved["r.json"]))

    markdown, html = [m["besluit"]["inhoud"] for m in received if "besluit" in m]
    assert markdown == saved["b.md"] and html == saved["b.html"]
    assert f"Ons kenmerk: {KENMERK}" in markdown

    casus = tmp_path / "casus.json"  # the session's own case file, as the terminal saves it
    casus.write_text(json.dumps(terminal_gesprek.casus()), encoding="utf-8")
    capsys.readouterr()
    assert main(["beoordeel", str(casus), "--formaat", "besluit"]) == 0
    assert capsys.readouterr().out == markdown
    assert main(["beoordeel", str(casus), "--formaat", "besluit", "--uit", str(tmp_path / "c.html")]) == 0
    assert (tmp_path / "c.html").read_text(encoding="utf-8") == html


@pytest.mark.parametrize("vraag,getypt", [("wlz_indicatie", "nee hoor"), ("afstand_km", "7,5 km"), ("sessies", "zes"),
                                          ("leerbaar", "1")])
def test_a_json_string_is_read_as_the_terminal_reads_the_typed_answer(vraag, getypt):
    from wmo_dsl.cases.natural import parse_answer

    g = Gesprek.nieuw(load_region("tsd", PEILDATUM), SessionStore(None), PEILDATUM)
    g.beantwoord_json(g.model.vragen[vraag], getypt)
    assert g.antwoorden[vraag] == parse_answer(g.model.vragen[vraag], getypt)
