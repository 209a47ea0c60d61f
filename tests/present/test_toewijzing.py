"""The toewijzing (iWmo 3.2, WMO301): valid by the published XSD and by the rules on a ToegewezenProduct."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import convert_deviations, read_case
from wmo_dsl.cases.population import generate
from wmo_dsl.cases.toewijzing import Toewijzing, Weigering, allocate
from wmo_dsl.cli import main
from wmo_dsl.language import iwmo as I
from wmo_dsl.plugins import load_region
from wmo_dsl.present import wmo301

from .iwmo_rules import FAKE, NS, REPO, assert_rules, validate

NOW = dt.datetime(2025, 6, 2, 9, 30, 0)
CASES = sorted(REPO.glob("regions/*/casussen/*.json"))


def variants(model) -> dict[str, str]:
    return {I.product_code(p): I.variant_of(p.uitvoeringsvariant) for p in model.producten.values() if I.product_code(p)}


def toewijzing_of(path: Path):
    casus = read_case(path)
    rules = load_region(casus.regio, casus.peildatum)
    b = rules.evaluate(convert_answers(rules.model, casus.antwoorden), casus.peildatum, convert_deviations(rules.model, casus))
    return rules.model, b, allocate(b, nu=NOW)


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_example_case_with_an_indicatie_gives_a_valid_toewijzing_or_a_reason(path):
    model, b, items = toewijzing_of(path)
    if b.uitkomst != "indicatie":
        assert items == []
        return
    granted = [t for t in items if isinstance(t, Toewijzing)]
    for w in (t for t in items if isinstance(t, Weigering)):  # refused only where the rule file says why
        assert model.producten[w.product].code_onbekend is not None or "heel getal" in w.reden, w.reden
    for t in granted:
        assert re.fullmatch(r"\d+[A-Za-z][A-Za-z0-9_]*", t.code), f"{t.code} is an id, not a productcode"
    if granted:
        root = validate(wmo301.xml_text(wmo301.toegewezen_producten(granted)))
        assert_rules(root, variants(model))


def test_the_zou_worked_example_validates_with_whole_volumes(capsys, tmp_path):
    out = tmp_path / "t.xml"
    code, _, err = run(capsys, "beoordeel", REPO / "regions/zou/casussen/stap5_ib_24_7_rekenvoorbeeld.json",
                       "--formaat", "toewijzing", "--uit", out)
    assert code == 0 and "voorlopig nummer" in err
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # OP192
    root = validate(raw.decode("utf-8"))
    assert_rules(root)
    assert root.findtext(".//w:Product/i:Code", namespaces=NS) == "02B03"
    assert root.findtext(".//w:Commentaar", namespaces=NS).startswith("ToewijzingNummer is een voorlopig nummer")


RULES = '''regio r "R"
  geldig vanaf 2025-01-01

vraag nodig: ja/nee
  tekst "Is begeleiding nodig?"

product 02A01 "Begeleiding"
  duur 6 maanden
  iwmo
    productcategorie "02"
    volume {volume}

regel r1
  als nodig
  dan product 02A01
'''


def rule_file(tmp_path, volume: str) -> Path:
    path = tmp_path / "r.wmo"
    path.write_text(RULES.format(volume=volume), encoding="utf-8")
    case = tmp_path / "c.json"
    case.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": {"nodig": True}}), encoding="utf-8")
    return path


def test_two_and_a_half_hours_a_week_become_150_minutes_a_week_with_an_einddatum(tmp_path, capsys):
    path = rule_file(tmp_path, "2,5 uur per week")
    code, out, _ = run(capsys, "beoordeel", tmp_path / "c.json", "--regels", path, "--formaat", "toewijzing")
    assert code == 0
    root = validate(out)
    assert [root.findtext(f".//w:Omvang/i:{e}", namespaces=NS) for e in ("Volume", "Eenheid", "Frequentie")] == ["150", "01", "2"]
    assert root.findtext(".//w:Einddatum", namespaces=NS) == "2025-08-31"
    assert_rules(root)


def test_a_whole_number_of_hours_stays_in_hours_and_euro_become_eurocent(tmp_path, capsys):
    run(capsys, "beoordeel", tmp_path / "c.json", "--regels", rule_file(tmp_path, "3 uur per maand"), "--formaat", "toewijzing")
    path = rule_file(tmp_path, "12,34 euro per maand")
    path.write_text(path.read_text().replace("  iwmo\n", "  iwmo\n    uitvoeringsvariant outputgericht\n"))
    code, out, _ = run(capsys, "beoordeel", tmp_path / "c.json", "--regels", path, "--formaat", "toewijzing")
    root = validate(out)
    assert [root.findtext(f".//w:Omvang/i:{e}", namespaces=NS) for e in ("Volume", "Eenheid", "Frequentie")] == ["1234", "83", "4"]
    assert_rules(root, {"02A01": "outputgericht"})


def test_700_pieces_a_year_without_a_fixed_duration_is_a_check_error_naming_the_product_and_the_allowed_forms(tmp_path, capsys):
    path = rule_file(tmp_path, "700 stuks per jaar")
    path.write_text(path.read_text().replace("  duur 6 maanden\n", ""))
    code, _, err = run(capsys, "check", path)
    assert code != 0
    assert "E241" in err and "product '02A01'" in err and "per jaar" in err
    assert "stuks (inspanning) (84) per week, per maand of totaal (zonder periode)" in err


def test_700_pieces_a_year_over_a_fixed_half_year_become_350_in_total(tmp_path, capsys):
    code, out, _ = run(capsys, "beoordeel", tmp_path / "c.json", "--regels", rule_file(tmp_path, "700 stuks per jaar"),
                       "--formaat", "toewijzing")
    root = validate(out)
    assert [root.findtext(f".//w:Omvang/i:{e}", namespaces=NS) for e in ("Volume", "Eenheid", "Frequentie")] == ["350", "84", "6"]


@pytest.mark.parametrize("case, product", [("regions/tsd/casussen/ib_ontwikkelen.json", "ib_ontwikkelen"),
                                           ("regions/leiden/casussen/pilot.json", "BGI")])
def test_products_without_a_seed_code_are_refused_in_dutch_and_never_get_their_id_as_code(capsys, case, product):
    code, out, err = run(capsys, "beoordeel", REPO / case, "--formaat", "toewijzing")
    assert (code, out) == (2, "")
    assert "geen toewijzing" in err and "productcode is onbekend" in err and "Traceback" not in err
    code, out, _ = run(capsys, "beoordeel", REPO / case, "--formaat", "json")
    data = json.loads(out)
    assert data["toewijzing"]["producten"] == [] and data["toewijzing"]["geweigerd"]
    assert all(p["iwmo"]["productcode"] is None for p in data["producten"])
    assert f'"code": "{product}"' not in json.dumps(data["toewijzing"])


def test_a_whole_bericht_takes_header_and_client_from_the_users_file_and_lists_what_is_missing(tmp_path, capsys):
    case = REPO / "regions/zou/casussen/stap5_ib_24_7_rekenvoorbeeld.json"
    gegevens = tmp_path / "g.json"
    gegevens.write_text(json.dumps({**FAKE, "toewijzingnummers": {"02B03": 4711}}), encoding="utf-8")
    code, out, err = run(capsys, "beoordeel", case, "--formaat", "toewijzing", "--bericht", "--gegevens", gegevens)
    assert code == 0 and "voorlopig" not in err
    root = validate(out)
    assert root.tag == f"{{{NS['w']}}}Bericht" and root.findtext(".//w:ToewijzingNummer", namespaces=NS) == "4711"
    assert root.find(".//w:Commentaar", NS) is None
    gegevens.write_text(json.dumps({"afzender": "12", "client": {"bsn": "123456789"}}), encoding="utf-8")
    code, out, err = run(capsys, "beoordeel", case, "--formaat", "toewijzing", "--bericht", "--gegevens", gegevens)
    assert (code, out) == (2, "")
    for missing in ("afzender '12' klopt niet", "ontvanger ontbreekt", "client.achternaam ontbreekt", "elfproef"):
        assert missing in err
    code, _, err = run(capsys, "beoordeel", case, "--formaat", "toewijzing", "--bericht")
    assert code == 2 and "--gegevens" in err


def test_the_json_result_holds_the_same_fields_without_inventing_a_moment(capsys):
    code, out, _ = run(capsys, "beoordeel", REPO / "regions/zou/casussen/stap5_ib_24_7_rekenvoorbeeld.json", "--formaat", "json")
    (t,) = json.loads(out)["toewijzing"]["producten"]
    assert t["code"] == "02B03" and t["categorie"] == "02" and t["toewijzingnummer_voorlopig"] is True
    assert t["omvang"] == {"volume": 4, "eenheid": "04", "frequentie": "2"} and t["einddatum"] == "2026-05-31"
    assert t["toewijzingsdatum"] is None and t["toewijzingstijd"] is None


def test_a_batch_writes_one_document_per_case_and_an_error_record_for_a_refused_one(tmp_path, capsys):
    cases = tmp_path / "c.jsonl"
    zou = json.loads((REPO / "regions/zou/casussen/stap5_ib_24_7_rekenvoorbeeld.json").read_text(encoding="utf-8"))
    cases.write_text(json.dumps({"id": "a", "peildatum": zou["peildatum"], "antwoorden": zou["antwoorden"]}) + "\n"
                     + json.dumps({"id": "b", "antwoorden": {}}) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "beoordeel", cases, "--regio", "zou", "--formaat", "toewijzing", "--uit", tmp_path / "uit")
    first, second = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and first == {"regel": 1, "id": "a", "bestand": "000001-a.xml"}
    assert second["id"] == "b" and "geen toewijzing" in second["fout"]["bericht"]
    assert_rules(validate((tmp_path / "uit" / "000001-a.xml").read_text(encoding="utf-8")))
    code, _, err = run(capsys, "beoordeel", cases, "--regio", "zou", "--formaat", "toewijzing")
    assert code == 2 and "--uit MAP" in err


@pytest.mark.parametrize("regio", ["lekstroom", "zou"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(zaad=st.integers(min_value=0, max_value=10**6))
def test_a_generated_case_gives_a_valid_toewijzing_and_a_product_proven_allocatable_is_never_refused(regio, zaad):
    rules = load_region(regio)
    (case,) = generate(rules.model, 1, zaad)
    b = rules.evaluate(convert_answers(rules.model, case["antwoorden"]), dt.date(2025, 6, 1))
    items = allocate(b, nu=NOW)
    proven = {p for p in rules.model.producten if not any(f"'{p}'" in w.bericht for w in rules.model.waarschuwingen
                                                           if w.code in ("W027", "W028"))}
    assert not [w for w in items if isinstance(w, Weigering) and w.product in proven]
    granted = [t for t in items if isinstance(t, Toewijzing)]
    if granted:
        assert_rules(validate(wmo301.xml_text(wmo301.toegewezen_producten(granted))), variants(rules.model))


def test_a_batch_with_bericht_writes_one_bericht_per_client_from_the_clienten_of_the_gegevens(tmp_path, capsys):
    zou = json.loads((REPO / "regions/zou/casussen/stap5_ib_24_7_rekenvoorbeeld.json").read_text(encoding="utf-8"))
    cases = tmp_path / "c.jsonl"
    cases.write_text("".join(json.dumps({"id": i, "peildatum": zou["peildatum"], "antwoorden": zou["antwoorden"]}) + "\n"
                             for i in ("k1", "k2")), encoding="utf-8")
    header = {k: v for k, v in FAKE.items() if k not in ("client", "berichtidentificatie")}
    gegevens = tmp_path / "g.json"
    gegevens.write_text(json.dumps({**header, "clienten": {"k1": {"berichtidentificatie": "B-1", "client": FAKE["client"]}}}))
    code, out, _ = run(capsys, "beoordeel", cases, "--regio", "zou", "--formaat", "toewijzing", "--bericht",
                       "--gegevens", gegevens, "--uit", tmp_path / "uit")
    first, second = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and first["bestand"] == "000001-k1.xml" and "client.bsn ontbreekt" in second["fout"]["bericht"]
    root = validate((tmp_path / "uit" / "000001-k1.xml").read_text(encoding="utf-8"))
    assert root.findtext(".//i:Identificatie", namespaces=NS) == "B-1"
