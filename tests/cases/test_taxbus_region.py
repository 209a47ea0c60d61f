"""Issue 25's region end to end: units, a rate per km, a tariff per 4 weeks, an eis, an oordeel
question and an eigen bijdrage per rit check clean, its cases pass 'wmo test --regels', and the
letter and the explanation say the amounts as a citizen reads them."""

import json
from pathlib import Path

from wmo_dsl.cli import main

REGELS = Path(__file__).resolve().parent.parent / "data" / "taxbus" / "taxbus.wmo"
CASUSSEN = REGELS.parent / "casussen"


def test_the_region_checks_clean_and_its_cases_pass_before_packaging(capsys):
    assert main(["check", str(REGELS)]) == 0
    assert "geen fouten\n" in capsys.readouterr().out
    assert main(["test", "--regels", str(REGELS)]) == 0
    assert "2 geslaagd, 0 mislukt" in capsys.readouterr().out


def beoordeeld(tmp_path, capsys, antwoorden: dict, *opties) -> str:
    casus = tmp_path / "c.json"
    casus.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": antwoorden}), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(REGELS), *opties, str(casus)]) == 0
    return capsys.readouterr().out


def test_the_letter_says_the_eigen_bijdrage_in_euros_and_the_why_fills_it_in(tmp_path, capsys):
    antwoorden = json.loads((CASUSSEN / "partner_helpt.json").read_text(encoding="utf-8"))["antwoorden"]
    brief = beoordeeld(tmp_path, capsys, {**antwoorden, "partner_kan_helpen": False}, "--formaat", "besluit")
    assert "Voor Taxbuspas betaalt u een eigen bijdrage van € 1,80." in brief
    assert "Per rit betaalt u een eigen bijdrage van € 1,80 (€ 0,18 per km)." in brief


def test_the_explanation_marks_the_consultants_judgement_and_never_a_forbidden_answer(tmp_path, capsys):
    antwoorden = json.loads((CASUSSEN / "partner_helpt.json").read_text(encoding="utf-8"))["antwoorden"]
    uitleg = beoordeeld(tmp_path, capsys, antwoorden)
    assert "ja (naar het oordeel van de consulent)" in uitleg
    assert "Persoon 2: Wat is de relatie met de inwoner?’ partner" not in uitleg  # a second partner is forbidden


def test_a_second_partner_is_refused_with_the_eis(tmp_path, capsys):
    casus = tmp_path / "c.json"
    casus.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": {
        "huisgenoten": [{"relatie": "partner"}, {"relatie": "partner"}]}}), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(REGELS), str(casus)]) == 2
    assert "Er is hoogstens één partner." in capsys.readouterr().err
