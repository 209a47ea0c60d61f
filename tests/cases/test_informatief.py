"""Informational values in the result, the explanation and the letter: one Resultaat, filled {naam}."""

import json
from pathlib import Path

from wmo_dsl.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "informatief.wmo"


def run(tmp_path, capsys, *opties):
    casus = tmp_path / "c.json"
    casus.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": {"kan_reizen": False, "inkomen": 2500,
                                                                          "afstand": 12}}), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(DATA), *opties, str(casus)]) == 0
    return capsys.readouterr().out


def test_the_json_result_has_the_amounts_and_the_filled_kenmerk(tmp_path, capsys):
    (product,) = json.loads(run(tmp_path, capsys, "--formaat", "json"))["producten"]
    assert product["bedragen"]["eigen_bijdrage"]["bedrag"] == 2.5 and product["bedragen"]["vergoeding"]["eenheid"] == "euro"
    assert product["kenmerken"]["reizen"] == "U reist met de taxbus; per rit betaalt u € 2,50."


def test_the_explanation_fills_the_motivering_and_names_the_amounts(tmp_path, capsys):
    out = run(tmp_path, capsys)
    assert "u betaalt € 2,50 per rit" in out and "{" not in out and "[eigen bijdrage rit]" not in out
    assert product_text(out, "eigen bijdrage") == "€ 2,50" and product_text(out, "vergoeding") == "€ 2,28"


def product_text(out: str, woorden: str) -> str:
    line = next(line for line in out.splitlines() if line.strip().startswith(f"- {woorden}: "))
    return line.split(": ", 1)[1]


def test_the_letter_says_what_the_citizen_pays_and_receives(tmp_path, capsys):
    out = run(tmp_path, capsys, "--formaat", "besluit")
    assert "Voor Collectief vervoer betaalt u een eigen bijdrage van € 2,50." in out
    assert "Voor Collectief vervoer ontvangt u een vergoeding van € 2,28." in out


def test_wmo_toon_shows_the_amount_lines_of_a_product(capsys):
    assert main(["toon", str(DATA)]) == 0
    assert "eigen bijdrage: eigen bijdrage per rit; vergoeding: afstand × € 0,19 per km" in capsys.readouterr().out
