"""Money as people write it: € 1,10 in every consultant text, letter, toon page and compare report."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.language.types import Eenheid
from wmo_dsl.semantics.notation import bedrag_text, value_text

RULES = Path(__file__).resolve().parents[1] / "data" / "vervoer.wmo"
ANSWERS = {"afstand": "12,5 km", "zones_per_rit": 3, "ritten": 3, "inkomen": "€ 1.250,50"}
EURO_AFTER = re.compile(r"\d euro\b")  # "1,1 euro": what a citizen should never read


@pytest.mark.parametrize("value, eenheid, text", [
    ("1.1", Eenheid("euro"), "€ 1,10"),
    ("1250.5", Eenheid("euro"), "€ 1.250,50"),
    ("0.18", Eenheid("euro", per=Eenheid("km")), "€ 0,18 per km"),
    ("100", Eenheid("euro", "4 weken"), "€ 100,00 per 4 weken"),
    ("0.185", Eenheid("euro", per=Eenheid("km")), "€ 0,185 per km"),  # a tariff keeps its third decimal
    ("-5", Eenheid("euro"), "−€ 5,00"),
    ("2.5", Eenheid("uur", "week"), "2,5 uur per week"),
])
def test_an_amount_shows_as_a_citizen_reads_it(value, eenheid, text):
    assert value_text(Decimal(value), eenheid=eenheid) == text


def test_a_computed_third_of_a_euro_shows_in_whole_cents():
    assert bedrag_text(Decimal(100) * 13 / 12) == "€ 108,33"


def case(tmp_path) -> Path:
    path = tmp_path / "casus.json"
    path.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": ANSWERS}), encoding="utf-8")
    return path


@pytest.mark.parametrize("formaat", ["tekst", "besluit"])
def test_the_explanation_and_the_letter_show_euro_amounts_with_the_euro_sign(tmp_path, capsys, formaat):
    assert main(["beoordeel", "--regels", str(RULES), str(case(tmp_path)), "--formaat", formaat, "--uitleg"]) == 0
    out = capsys.readouterr().out
    assert "€ 2,25" in out and "€ 0,18 per km" in out and "€ 1.250,50 per maand" in out
    assert EURO_AFTER.findall(out) == []


def test_the_toon_page_shows_tariffs_with_the_euro_sign(capsys):
    assert main(["toon", str(RULES)]) == 0
    out = capsys.readouterr().out
    assert "€ 0,18 per km" in out and "€ 100,00 per 4 weken" in out and "afgerond op € 0,01" in out
    assert EURO_AFTER.findall(out) == []


def test_the_compare_report_counts_a_tariff_per_4_weeks_as_13_twelfths_per_month(tmp_path, capsys):
    cases = tmp_path / "casussen.jsonl"
    cases.write_text(json.dumps({"antwoorden": ANSWERS}) + "\n", encoding="utf-8")
    cheaper = tmp_path / "b.wmo"
    cheaper.write_text(RULES.read_text(encoding="utf-8").replace("tarief 100 per 4 weken", "tarief 50 per 4 weken"), encoding="utf-8")
    assert main(["vergelijk", "--regels", str(RULES), "--regels", str(cheaper), "--peildatum", "2025-03-01", str(cases)]) == 0
    out = capsys.readouterr().out
    assert "€ 108,33 → € 54,17" in out  # 100 * 13 / 12 and 50 * 13 / 12


def test_the_toon_page_lists_the_region_s_own_units_and_what_one_is(capsys):
    assert main(["toon", str(RULES)]) == 0
    out = capsys.readouterr().out
    (row,) = [line for line in out.splitlines() if line.startswith("| Eigen eenheden |")]
    assert "strip (meervoud strippen) (bron: Vervoer: strippenkaart)" in row and "1 dagdeel lang is 4 uur" in row
