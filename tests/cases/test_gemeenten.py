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
    found = zoek_gemeente(REGIOS, "Utrecht")
    assert found.regios == () and found.regio is None and found.voorstel is None
    assert zoek_gemeente(REGIOS, "Utrechtse").regios == ()  # at most offered (below), never taken


def test_a_clear_typo_is_offered_not_taken():
    found = zoek_gemeente(REGIOS, "Nieuwgein")
    assert found.regios == () and found.voorstel == "Nieuwegein"


def test_the_last_words_of_one_gemeente_are_offered_not_taken():
    assert [zoek_gemeente(REGIOS, t).voorstel for t in ("Bilt", "heuvelrug", "duurstede")] == [
        "De Bilt", "Utrechtse Heuvelrug", "Wijk bij Duurstede"]
    assert zoek_gemeente(REGIOS, "Bilt").regios == ()


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


def test_the_first_whole_words_of_one_gemeente_are_offered():
    assert zoek_gemeente(REGIOS, "wijk bij").voorstel == "Wijk bij Duurstede"
    assert zoek_gemeente(REGIOS, "Utrechtse").voorstel == "Utrechtse Heuvelrug"  # offered, never taken


class Typed:
    """A prompt that answers from a list, as a consultant types."""

    def __init__(self, *lines):
        self.lines = list(lines)

    def prompt(self, *args, **kwargs):
        return self.lines.pop(0)


def test_the_intake_takes_utrecht_for_no_region_and_names_the_gemeente_it_matched(monkeypatch):
    from wmo_dsl.intake import gemeente

    said = []
    monkeypatch.setattr(gemeente, "say", lambda text, *args: said.append(text))
    sources = region_sources()
    assert gemeente.choose_gemeente(Typed("Utrecht", "De Bilt"), sources, load_region) == ("zou", "De Bilt")
    assert any("valt onder geen" in s for s in said) and "Regio: Regio Zuid-Oost Utrecht (gemeente De Bilt)" in said
    said.clear()
    assert gemeente.choose_gemeente(Typed("Regio Zuid-Oost Utrecht", "ja"), sources, load_region) == ("zou", None)
    assert any(s.startswith("Regio Zuid-Oost Utrecht (Bunnik, De Bilt") for s in said)


def test_a_region_without_gemeenten_is_chosen_by_its_number():
    from wmo_dsl.intake import gemeente

    zonder = [rid for rid, regio in REGIOS.items() if not regio.gemeenten]
    assert zonder, "a shipped region without gemeenten (tsd)"
    chosen = gemeente.choose_gemeente(Typed("1"), region_sources(), load_region)
    assert chosen == (zonder[0], None)
