"""wmo test: a case's expectations, compared field by field, with its professional deviations applied."""

import json
from pathlib import Path

from wmo_dsl.cli import main
from wmo_dsl.plugins import load_region
from wmo_dsl.tools.casetest import compare, run_case
from wmo_dsl.cases.casefile import read_case

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "regions" / "lekstroom" / "casussen" / "afwijking_intensiteit.json"


def test_a_case_with_afwijkingen_gives_in_wmo_test_what_wmo_beoordeel_gives(capsys):
    result = run_case(load_region("lekstroom"), read_case(CASE))
    assert result.geslaagd, result.verschillen
    assert main(["beoordeel", str(CASE), "--formaat", "json"]) == 0
    beoordeeld = json.loads(capsys.readouterr().out)
    verwacht = json.loads(CASE.read_text(encoding="utf-8"))["verwacht"]
    assert [p["code"] for p in beoordeeld["producten"]] == [p["code"] for p in verwacht["producten"]] == ["024A2"]
    assert [{k: a[k] for k in ("onderwerp", "van", "naar", "reden")} for a in beoordeeld["afwijkingen"]] \
        == verwacht["afwijkingen"]  # 'van' is what the rules derived: gemiddeld


def test_only_the_fields_a_case_lists_are_compared_also_inside_nested_objects():
    actual = {"producten": [{"code": "x", "iwmo": {"eenheid": "04", "frequentie": "2", "volume": 3, "productcode": "x"}}],
              "waarden": {"uren": {"waarde": 3, "eenheid": "uur per week"}, "andere": 1}}
    assert compare({"producten": [{"code": "x", "iwmo": {"volume": 3}}], "waarden": {"uren": {"waarde": 3}}}, actual) == []
    assert compare({"producten": [{"code": "x", "iwmo": {"volume": 4}}]}, actual) == [
        "producten[x].iwmo.volume: verwacht 4, gekregen 3"]
    assert compare({"waarden": {"uren": {"eenheid": "uur per maand"}}}, actual) == [
        'waarden.uren.eenheid: verwacht "uur per maand", gekregen "uur per week"']
