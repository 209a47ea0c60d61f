"""An answer of professional judgement says so in the explanation and the letter; wmo check --oordeel lists them."""

import json
from pathlib import Path

from wmo_dsl.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "oordeel.wmo"


def judged(tmp_path, capsys, *opties):
    casus = tmp_path / "c.json"
    casus.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": {"kan_reizen": True, "overname": True}}),
                     encoding="utf-8")
    assert main(["beoordeel", "--regels", str(DATA), *opties, str(casus)]) == 0
    return " ".join(capsys.readouterr().out.split())


def test_the_explanation_says_the_answer_is_the_consultants_judgement(tmp_path, capsys):
    out = judged(tmp_path, capsys)
    assert "want naar het oordeel van de consulent geldt: de gemeente neemt de indicatie" in out
    assert "ja (naar het oordeel van de consulent)" in out


def test_the_letter_says_it_too(tmp_path, capsys):
    out = judged(tmp_path, capsys, "--formaat", "besluit")
    assert "naar het oordeel van de consulent geldt: de gemeente neemt de indicatie van uw vorige gemeente over" in out


def test_wmo_check_oordeel_lists_per_product_the_deciding_judgements(capsys):
    assert main(["check", "--oordeel", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "  vervoer: overname\n" in out and "  begeleiding: noodzaak\n" in out


def test_wmo_check_oordeel_as_json(capsys):
    assert main(["check", "--oordeel", "--formaat", "json", str(DATA)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["oordeel"][str(DATA)]["vervoer"] == [{"vraag": "overname", "beslist": "ja"}]


def test_wmo_toon_marks_a_judgement_question(capsys):
    assert main(["toon", str(DATA)]) == 0
    assert "(`overname`, ja of nee; het oordeel van de consulent)" in capsys.readouterr().out
