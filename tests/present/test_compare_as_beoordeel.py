"""wmo vergelijk judges every case as wmo beoordeel does: the same answers, the case's
afwijkingen, its own peildatum; the report names products and answers as the other renderings do."""

import json
from pathlib import Path

from wmo_dsl.cli import main

REPO = Path(__file__).resolve().parents[2]
LEKSTROOM = REPO / "regions" / "lekstroom" / "lekstroom.wmo"
VARIANT = REPO / "regions" / "lekstroom" / "varianten" / "omvang_1-3_4-6.wmo"
AFWIJKING = REPO / "regions" / "lekstroom" / "casussen" / "afwijking_intensiteit.json"


def beoordeel_codes(case: Path, capsys) -> list[str]:
    capsys.readouterr()
    assert main(["beoordeel", str(case), "--formaat", "json"]) == 0
    return [p["code"] for p in json.loads(capsys.readouterr().out)["producten"]]


def test_a_case_with_an_afwijking_compared_with_itself_gets_beoordeels_outcome_and_no_change(capsys):
    verwacht = beoordeel_codes(AFWIJKING, capsys)
    assert verwacht == ["024A2"]  # the afwijking raises the intensiteit: without it, 024A1
    assert main(["vergelijk", "--regels", str(LEKSTROOM), "--regels", str(LEKSTROOM), str(AFWIJKING)]) == 0
    out = capsys.readouterr().out
    assert "     1  024A2 → 024A2\n" in out and "024A1" not in out
    assert "Andere uitkomst: 0 (0,0%)" in out and "Ongewijzigd: 1" in out


def test_the_variant_judges_the_case_with_its_afwijking_too(capsys):
    assert main(["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), str(AFWIJKING)]) == 0
    out = capsys.readouterr().out
    assert "afwijking_intensiteit: 024A2 → 023A2" in out and "024A1" not in out


def test_the_header_gives_the_case_files_own_peildatum_not_today(capsys):
    assert main(["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), str(AFWIJKING), "--formaat", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Peildatum 1-1-2025; 1 casus." in out


HOURLY = ('regio r "R"\n  geldig vanaf 2022-01-01\n\nvraag uren: getal\n  tekst "Uren per week?"\n\n'
          'product b "Begeleiding"\n  eenheid per uur\n  tarief 70,00 per uur vanaf 2025-01-01\n'
          '  iwmo\n    frequentie "2"\n    volume uren\n\nregel r\n  als uren > 0\n  dan product b\n')


def test_each_case_is_costed_on_its_own_peildatum_and_the_header_says_per_casus(tmp_path, capsys):
    rules = tmp_path / "uren.wmo"
    rules.write_text(HOURLY, encoding="utf-8")
    for naam, peildatum in (("voor.json", "2024-12-01"), ("na.json", "2025-03-01")):
        (tmp_path / naam).write_text(json.dumps({"peildatum": peildatum, "antwoorden": {"uren": 3}}), encoding="utf-8")
    assert main(["vergelijk", "--regels", str(rules), "--regels", str(rules),
                 str(tmp_path / "voor.json"), str(tmp_path / "na.json")]) == 0
    out = capsys.readouterr().out
    assert "Peildatum per casus: 2 verschillende, van 1-12-2024 tot en met 1-3-2025" in out
    # only the case of 2025 has a tariff: 3 hours a week at 70 for 52/12 weeks a month
    assert "Maandkosten op de peildatum: € 910,00 → € 910,00" in out
    assert "niet meegeteld: Begeleiding: tarief pas vanaf 2025-01-01 (1 casus voor, 1 na)" in out


def test_a_batch_line_brings_its_own_peildatum_and_afwijkingen(tmp_path, capsys):
    casus = json.loads(AFWIJKING.read_text(encoding="utf-8"))
    lines = tmp_path / "c.jsonl"
    lines.write_text(json.dumps({"id": "met", "peildatum": "2025-01-01", "antwoorden": casus["antwoorden"],
                                 "afwijkingen": casus["afwijkingen"]}) + "\n"
                     + json.dumps({"id": "zonder", "peildatum": "2025-01-01", "antwoorden": casus["antwoorden"]}) + "\n",
                     encoding="utf-8")
    assert main(["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), str(lines)]) == 0
    out = capsys.readouterr().out
    assert "Peildatum 1-1-2025\n" in out
    assert "met: 024A2 → 023A2" in out and "zonder: 024A1 → 023A1" in out


def test_the_report_names_products_and_answers_in_words_never_by_id(tmp_path, capsys):
    case = tmp_path / "licht.json"
    case.write_text(json.dumps({"regio": "lekstroom", "peildatum": "2025-01-01", "antwoorden": {
        "resultaatgebieden": ["woonvaardigheden", "administratie_financien", "sociaal_functioneren"], "type": "behouden",
        "verzwarende_omstandigheden": [], "verandering_verwacht": False, "alleen_waakvlam": True, "uren_per_maand": 2}}),
        encoding="utf-8")
    assert main(["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), str(case)]) == 0
    out = capsys.readouterr().out
    assert "licht: 024B1 → Lichte individuele begeleiding (waakvlamfunctie)" in out
    assert "administratie_financien" not in out and "Administratie en financiën" in out
    assert "lichte_ib" not in out and "->" not in out
    assert "  024B1   IB 3-4 resultaatgebieden, behouden, gemiddelde intensiteit" in out  # the codes' legend
    assert max(len(line) for line in out.splitlines()) <= 80


def test_a_case_that_beoordeel_refuses_is_skipped_and_counted(tmp_path, capsys):
    casus = json.loads(AFWIJKING.read_text(encoding="utf-8"))
    casus["afwijkingen"][0]["onderwerp"] = "bestaat_niet"
    bad = tmp_path / "fout.json"
    bad.write_text(json.dumps(casus), encoding="utf-8")
    assert main(["beoordeel", str(bad)]) == 2
    capsys.readouterr()
    assert main(["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), str(bad), str(AFWIJKING)]) == 0
    out = capsys.readouterr().out
    assert "Casussen: 1 (1 overgeslagen: ongeldige antwoorden of afwijkingen)" in out
