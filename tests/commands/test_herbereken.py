"""wmo herbereken: a saved result evaluated again from its receipt."""

import datetime as dt
import io
import json
from pathlib import Path

from wmo_dsl.cases.answers import from_json
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region

ROOT = Path(__file__).resolve().parent.parent.parent
PILOT = ROOT / "regions" / "leiden" / "casussen" / "pilot.json"


def beoordeel_json(tmp_path, casus=PILOT, *extra) -> Path:
    uit = tmp_path / "r.json"
    assert main(["beoordeel", str(casus), "--formaat", "json", "--uit", str(uit), *extra]) == 0
    return uit


def test_a_json_result_is_gelijk_and_its_receipt_names_what_made_it(tmp_path, capsys):
    uit = beoordeel_json(tmp_path)
    capsys.readouterr()
    assert main(["herbereken", str(uit)]) == 0
    assert capsys.readouterr().out == "gelijk\n"
    receipt = json.loads(uit.read_text())["verantwoording"]
    import hashlib

    assert receipt["regelbestanden"][0]["sha256"] == hashlib.sha256((ROOT / "regions/leiden/leiden.wmo").read_bytes()).hexdigest()
    assert {"wmo_dsl", "grammatica_sha256", "plugin", "peildatum", "werkdagen", "antwoorden", "afwijkingen", "zegel"} <= set(receipt)
    assert {a["bron"] for a in receipt["antwoorden"].values()} == {"casus"}


def test_the_same_inputs_give_the_same_receipt_bytes(tmp_path):
    a = json.loads(beoordeel_json(tmp_path).read_text())["verantwoording"]
    b = json.loads(beoordeel_json(tmp_path).read_text())["verantwoording"]
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_a_result_edited_by_hand_is_said_to_be_so(tmp_path, capsys):
    uit = beoordeel_json(tmp_path)
    data = json.loads(uit.read_text())
    data["producten"][0]["einddatum"] = "2030-01-01"
    uit.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["herbereken", str(uit)]) == 1
    out = capsys.readouterr().out
    assert "na het maken gewijzigd" in out and "producten[BGI].einddatum: was \"2030-01-01\", wordt \"2019-12-31\"" in out


def test_other_rules_name_the_changed_outcome_and_the_changed_rule_file(tmp_path, capsys):
    uit = beoordeel_json(tmp_path)
    nieuw = tmp_path / "leiden.wmo"
    nieuw.write_text((ROOT / "regions/leiden/leiden.wmo").read_text().replace("parameter bgi_duur is 6 maanden",
                                                                           "parameter bgi_duur is 9 maanden"))
    capsys.readouterr()
    assert main(["herbereken", str(uit), "--regels", str(nieuw)]) == 1
    out = capsys.readouterr().out
    assert "regelbestand anders dan bij het maken" in out
    assert "producten[BGI].einddatum: was \"2019-12-31\", wordt \"2020-03-31\"" in out
    assert "met deze regels wordt de beslissing" in out


def test_a_batch_result_line_is_gelijk(tmp_path, capsys):
    cases = tmp_path / "c.jsonl"
    cases.write_text(json.dumps({"id": "x", "antwoorden": json.loads(PILOT.read_text())["antwoorden"]}) + "\n")
    uit = tmp_path / "r.jsonl"
    assert main(["beoordeel", str(cases), "--regio", "leiden", "--peildatum", "2025-06-01", "--uit", str(uit)]) == 0
    capsys.readouterr()
    assert main(["herbereken", str(uit)]) == 0
    assert capsys.readouterr().out == "gelijk\n"


def test_a_saved_intake_result_is_gelijk_and_names_the_consultant_as_source(tmp_path, capsys):
    peil = dt.date(2025, 6, 1)
    antwoorden = json.loads(PILOT.read_text())["antwoorden"]
    gesprek = Gesprek.nieuw(load_region("leiden"), SessionStore(None), peil)
    while (vraag := gesprek.volgende()) is not None:  # the consultant answers what is asked, from the pilot case
        gesprek.beantwoord(vraag.id, from_json(vraag, antwoorden[vraag.id]))
    out = io.StringIO()
    run_jsonl(gesprek, io.StringIO(), out, opgeslagen=False)
    resultaat = [m["resultaat"] for m in map(json.loads, out.getvalue().splitlines()) if "resultaat" in m][-1]
    ontvangst = resultaat["verantwoording"]["antwoorden"]
    assert {a["bron"] for a in ontvangst.values()} == {"consulent"} and all(a["tijdstip"] for a in ontvangst.values())
    saved = tmp_path / "intake.json"
    saved.write_text(json.dumps({"resultaat": resultaat}))
    capsys.readouterr()
    assert main(["herbereken", str(saved)]) == 0
    assert capsys.readouterr().out == "gelijk\n"


def test_a_besluit_gets_its_receipt_beside_it(tmp_path, capsys):
    brief = tmp_path / "b.html"
    assert main(["beoordeel", str(PILOT), "--formaat", "besluit", "--uit", str(brief)]) == 0
    capsys.readouterr()
    assert main(["herbereken", str(tmp_path / "b.verantwoording.json")]) == 0
    assert capsys.readouterr().out == "gelijk\n"


def test_a_resultaat_that_is_no_json_object_is_refused_in_dutch(tmp_path, capsys):
    uit = tmp_path / "r.json"
    uit.write_text('{"resultaat": 5}')
    assert main(["herbereken", str(uit)]) == 2
    assert "'resultaat' is geen JSON-object" in capsys.readouterr().err
