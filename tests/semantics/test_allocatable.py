"""The proof in wmo check that every indicatable product can leave as a valid iWmo toewijzing (W027, W028, E241)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.semantics.pipeline import checked

REPO = Path(__file__).resolve().parents[2]
HEADER = 'regio r "R"\n  geldig vanaf 2025-01-01\n\nvraag uren: getal\n  tekst "Hoeveel uur per week?"\n  eenheid uur per week\n  minimaal 1\n\n'
PRODUCT = 'product 02A01 "Begeleiding"\n  duur 6 maanden\n  iwmo\n    productcategorie "02"\n    volume {volume}\n\nregel r1\n  als uren > 0\n  dan product 02A01\n'


def findings_of(tmp_path, text: str) -> list:
    path = tmp_path / "r.wmo"
    path.write_text(text, encoding="utf-8")
    try:
        found = list(checked(path, fresh=True).waarschuwingen)
    except RegelbestandFout as err:
        found = err.bevindingen
    return [f for f in found if f.code != "W026"]  # a small test file's missing sentences: test_motivering.py


def test_a_computed_volume_that_some_answers_leave_fractional_is_a_finding_with_those_answers(tmp_path):
    (f,) = findings_of(tmp_path, HEADER + PRODUCT.format(volume="uren"))
    assert f.code == "W028" and "product '02A01'" in f.bericht and "geen heel getal" in f.bericht
    example = f.bericht.split("bijvoorbeeld bij: ")[1]
    hours = float(example.removeprefix("uren = ").replace(",", "."))
    assert hours * 60 != int(hours * 60), "the example really is a fraction of a minute"


def test_a_volume_rounded_to_whole_minutes_is_proven_allocatable(tmp_path):
    assert findings_of(tmp_path, HEADER + PRODUCT.format(volume="naar_boven(uren in minuten per week, 1 minuten per week)")) == []


def test_a_volume_that_can_be_zero_is_a_finding(tmp_path):
    text = HEADER.replace("  minimaal 1\n", "  minimaal 0\n") + PRODUCT.format(volume="naar_boven(uren in minuten per week, 1 minuten per week)")
    (f,) = findings_of(tmp_path, text.replace("als uren > 0", "als uren >= 0"))
    assert f.code == "W028" and "geen positief getal" in f.bericht and "uren = 0" in f.bericht


def test_a_literal_volume_is_judged_without_the_solver(tmp_path):
    (f,) = findings_of(tmp_path, HEADER + PRODUCT.format(volume="2,501 uur per week"))
    assert f.code == "W028" and "2,501" in f.bericht or "150,06" in f.bericht
    assert findings_of(tmp_path, HEADER + PRODUCT.format(volume="2,5 uur per week")) == []


def test_a_per_week_volume_without_any_duration_is_a_finding(tmp_path):
    text = HEADER + PRODUCT.format(volume="2 uur per week").replace("  duur 6 maanden\n", "")
    (f,) = findings_of(tmp_path, text)
    assert f.code == "W028" and "CD076" in f.bericht


def test_an_eenheid_the_variant_does_not_allow_is_a_finding_naming_what_is_allowed(tmp_path):
    text = HEADER + PRODUCT.format(volume="2 uur per week").replace("  iwmo\n", "  iwmo\n    uitvoeringsvariant outputgericht\n")
    (f,) = findings_of(tmp_path, text)
    assert f.code == "W028" and "mag niet bij outputgericht" in f.bericht and "stuks (output) (82)" in f.bericht


def test_code_onbekend_is_a_warning_and_a_code_beside_it_an_error(tmp_path):
    text = HEADER + PRODUCT.format(volume="2 uur per week").replace("  duur", '  code onbekend "De bron noemt geen code."\n  duur')
    (f,) = findings_of(tmp_path, text)
    assert (f.code, f.ernst) == ("W027", "waarschuwing") and "De bron noemt geen code." in f.bericht
    text = text.replace("product 02A01", "product begeleiding").replace("dan product 02A01", "dan product begeleiding")
    text = text.replace('  code onbekend', '  code "02A01"\n  code onbekend')
    assert "E228" in [f.code for f in findings_of(tmp_path, text)]


def test_an_unknown_variant_is_an_error(tmp_path):
    text = HEADER + PRODUCT.format(volume="2 uur per week").replace("  iwmo\n", "  iwmo\n    uitvoeringsvariant taakloos\n")
    assert [(f.code, f.ernst) for f in findings_of(tmp_path, text)] == [("E205", "fout")]


# How many indicatable products of the shipped regions are allocatable over all answers (README).
ALLOCATABLE = {"lekstroom": (18, 20), "zou": (0, 3), "tsd": (0, 12), "leiden": (0, 1)}


@pytest.mark.parametrize("region", sorted(ALLOCATABLE))
def test_the_regions_allocatable_products_are_counted_in_the_readme(region, tmp_path):
    model = checked(REPO / "regions" / region / f"{region}.wmo")
    blocked = {f.bericht.split("'")[1] for f in model.waarschuwingen if f.code in ("W027", "W028")}
    assert (len(model.producten) - len(blocked), len(model.producten)) == ALLOCATABLE[region]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    good, total = ALLOCATABLE[region]
    assert f"| {region} | {good} van {total} |" in readme


def test_sums_and_choices_of_quarter_hours_are_proven_whole_minutes_without_the_solver(tmp_path):
    text = HEADER + ("kwartier is naar_boven(uren, 15 minuten per week)\n"
                     "rest is als uren > 10 dan kwartier - 1 uur per week anders kwartier + (30 minuten per week in uur per week)\n\n"
                     + PRODUCT.format(volume="rest"))
    assert [f.code for f in findings_of(tmp_path, text)] == []
    (f,) = findings_of(tmp_path, text.replace("15 minuten per week", "1 minuten per week").replace("30 minuten", "0,5 minuten"))
    assert f.code == "W028" and "geen heel getal" in f.bericht
