"""Which region serves a gemeente: only a gemeente a region names matches, exactly or as an offered
typo; 'Utrecht' is not Regio Zuid-Oost Utrecht; `wmo regios --gemeente … --formaat json` says the same."""

import json
import subprocess
import sys

from wmo_dsl.cases.gemeenten import zoek_gemeente
from wmo_dsl.plugins import load_region, region_sources

REGIOS = {rid: load_region(rid).model.regio for rid in region_sources()}


def test_a_gemeente_of_a_region_matches_case_and_accents_aside():
    found = zoek_gemeente(REGIOS, "de bilt")
    assert found.regios == ("zou",) and found.gemeente == "De Bilt"


def test_utrecht_is_not_taken_for_zuid_oost_utrecht():
    for text in ("Utrecht", "Utrechtse"):
        found = zoek_gemeente(REGIOS, text)
        assert found.regios == () and found.regio is None and found.voorstel is None


def test_a_clear_typo_is_offered_not_taken():
    found = zoek_gemeente(REGIOS, "Nieuwgein")
    assert found.regios == () and found.voorstel == "Nieuwegein"


def test_a_region_named_by_its_own_name_is_a_match_to_confirm():
    found = zoek_gemeente(REGIOS, "Regio Zuid-Oost Utrecht")
    assert found.regio == "zou" and found.regios == ()


def _regios(*args):
    run = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "regios", "--formaat", "json", *args],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_wmo_regios_lists_every_region_as_json():
    regios = _regios()
    assert {r["id"] for r in regios} == set(REGIOS)
    assert all(set(r) == {"id", "naam", "gemeenten", "versie", "geldig_vanaf", "geldig_tot"} for r in regios)


def test_wmo_regios_by_gemeente_names_the_region_or_nothing():
    assert [r["id"] for r in _regios("--gemeente", "De Bilt")] == ["zou"]
    assert _regios("--gemeente", "Utrecht") == []
