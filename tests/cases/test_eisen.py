"""A case file that breaks an eis of the rules is refused with the eis's message."""

import json
from pathlib import Path

from wmo_dsl.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "eisen.wmo"


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
