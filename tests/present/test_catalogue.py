"""`wmo toon --formaat json`: the catalogue a front end reads before an intake."""

import json
import subprocess
import sys

from wmo_dsl.plugins import load_region
from wmo_dsl.present.catalogue import catalogue


def test_the_catalogue_lists_questions_with_labelled_options_values_and_products():
    model = load_region("lekstroom").model
    data = catalogue(model)
    vragen = {v["id"]: v for v in data["vragen"]}
    assert vragen["type"]["opties"][0] == {"id": "behouden", "label": "Behouden van zelfredzaamheid en participatie"}
    assert vragen["alleen_waakvlam"]["opties"] == [{"id": True, "label": "ja"}, {"id": False, "label": "nee"}]
    assert {p["id"] for p in data["producten"]} == set(model.producten)
    assert all(p["code"] for p in data["producten"] if model.producten[p["id"]].echte_code)
    assert {"id", "label"} <= set(data["waarden"][0])


def test_a_derived_value_in_the_catalogue_has_the_label_the_rule_file_gives_it():
    waarden = {w["id"]: w["label"] for w in catalogue(load_region("lekstroom").model)["waarden"]}
    assert waarden["omvang"] == "omvang van de ondersteuning"  # 'label "…"' in the rule file, not the id in words


def test_wmo_toon_prints_the_catalogue_as_json():
    run = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "toon", "--regio", "tsd", "--formaat", "json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["regio"]["id"] == "tsd"
