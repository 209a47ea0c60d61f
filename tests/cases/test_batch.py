"""wmo beoordeel on a file of cases, and wmo genereer: one result per case, the same as one case at a time."""

import json
import shutil
import sys
from pathlib import Path

import pytest

from wmo_dsl.cli import main

REPO = Path(__file__).resolve().parents[2]
REGIONS = ("lekstroom", "zou", "tsd", "leiden")


def example_cases(region):
    for path in sorted((REPO / "regions" / region / "casussen").glob("*.json")):
        yield path, json.loads(path.read_text(encoding="utf-8"))


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def records(text):
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("uitleg", [True, False], ids=["met-uitleg", "zonder-uitleg"])
def test_batch_results_equal_single_case_results(tmp_path, capsys, region, uitleg):
    batch = tmp_path / "casussen.jsonl"
    cases = list(example_cases(region))
    batch.write_text("".join(json.dumps({"id": p.stem, **{k: v for k, v in c.items() if k != "verwacht"}}) + "\n"
                             for p, c in cases), encoding="utf-8")
    code, out, _ = run(capsys, "beoordeel", "--regio", region, str(batch), *(["--uitleg"] if uitleg else []))
    assert code == 0
    results = records(out)
    assert [r["id"] for r in results] == [p.stem for p, _ in cases]
    for (path, _), result in zip(cases, results):
        code, single, _ = run(capsys, "beoordeel", str(path), "--formaat", "json")
        expected = json.loads(single)
        if not uitleg:
            del expected["uitleg"], expected["wat_verandert"]
        assert {k: v for k, v in result.items() if k not in ("regel", "id")} == expected, path.name


def test_a_bad_case_becomes_an_error_record_and_the_run_goes_on(tmp_path, capsys):
    batch = tmp_path / "casussen.jsonl"
    batch.write_text(
        '{"id": "a", "antwoorden": {"resultaatgebieden": ["wonen"], "type": "behouden", "verzwarende_omstandigheden": []}}\n'
        '{"id": "b", "antwoorden": {"resultaatgebieden": [], "type": "misschien"}}\n'
        'dit is geen json\n'
        '\n'
        '{"id": "d", "antwoorden": {"resultaatgebieden": [], "typ": "behouden"}}\n'
        '{"id": "e", "antwoorden": {"resultaatgebieden": ["woonvaardigheden"], "type": "behouden", "verzwarende_omstandigheden": [], "verandering_verwacht": false, "alleen_waakvlam": false}}\n',
        encoding="utf-8")
    code, out, err = run(capsys, "beoordeel", "--regio", "lekstroom", "--peildatum", "2025-01-01", str(batch))
    assert code == 2
    results = records(out)
    assert [(r["regel"], r["id"], r.get("uitkomst"), r.get("fout", {}).get("vraag")) for r in results] == [
        (1, "a", None, "resultaatgebieden"), (2, "b", None, "type"), (3, None, None, None),
        (5, "d", None, "typ"), (6, "e", "indicatie", None)]
    assert '"wonen"' in results[0]["fout"]["bericht"] and "woonvaardigheden" in results[0]["fout"]["bericht"]
    assert "één van: behouden, ontwikkelen" in results[1]["fout"]["bericht"]
    assert results[2]["fout"]["bericht"].startswith("geen geldige JSON")
    assert "5 casussen beoordeeld, 4 met een fout" in err


def test_csv_in_and_out_with_lists_and_dutch_numbers(tmp_path, capsys):
    batch = tmp_path / "casussen.csv"
    batch.write_text(
        "id,nabijheid_24_7_nodig,meervoudige_problematiek,eigen_hulpvraag,veiligheidsvraagstukken,"
        "bereikbaarheid_buiten_kantooruren_nodig,regie_met_begeleiding,uren_per_week\n"
        "z1,nee,nee,ja,nee,ja,nee,\"3,5\"\n"
        "z2,nee,nee,ja,nee,ja,nee,50\n", encoding="utf-8")
    code, out, _ = run(capsys, "beoordeel", "--regio", "zou", "--peildatum", "2025-01-01", str(batch))
    first, second = records(out)
    assert first["regel"] == 2 and first["waarden"]["urenverdeling"]["direct"] == {"waarde": 2.8, "eenheid": "uur per week"}
    assert second["fout"]["vraag"] == "uren_per_week" and "maximum" in second["fout"]["bericht"]
    assert code == 2

    target = tmp_path / "uit.csv"
    assert main(["beoordeel", "--regio", "zou", "--peildatum", "2025-01-01", str(batch), "--uit", str(target)]) == 2
    rows = target.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "regel,id,uitkomst,producten,verwijzingen,signalen,ontbrekend,fout_vraag,fout"
    assert rows[1].startswith(f"2,z1,{first['uitkomst']},") and first["uitkomst"] != "onvolledig"
    assert rows[2].startswith("3,z2,fout,,,,,uren_per_week,")


def test_a_csv_header_with_an_unknown_column_is_refused(tmp_path, capsys):
    batch = tmp_path / "casussen.csv"
    batch.write_text("id,typ\n1,behouden\n", encoding="utf-8")
    code, _, err = run(capsys, "beoordeel", "--regio", "lekstroom", str(batch))
    assert code == 2 and "onbekende kolom 'typ'" in err


def test_a_meerdere_answer_in_csv_is_split_on_semicolons(tmp_path, capsys):
    batch = tmp_path / "casussen.csv"
    batch.write_text("resultaatgebieden,type,verzwarende_omstandigheden,verandering_verwacht\n"
                     "zelfzorg_gezondheid;woonvaardigheden;sociaal_functioneren,ontwikkelen,geen,nee\n", encoding="utf-8")
    code, out, _ = run(capsys, "beoordeel", "--regio", "lekstroom", "--peildatum", "2025-01-01", str(batch))
    (result,) = records(out)
    assert code == 0 and result["producten"][0]["code"] == "024A1"


def test_genereer_is_deterministic_per_seed_and_valid(tmp_path, capsys):
    code, first, _ = run(capsys, "genereer", "--regio", "tsd", "--aantal", "200", "--zaad", "7")
    _, again, _ = run(capsys, "genereer", "--regio", "tsd", "--aantal", "200", "--zaad", "7")
    _, other, _ = run(capsys, "genereer", "--regio", "tsd", "--aantal", "200", "--zaad", "8")
    assert code == 0 and first == again and first != other
    cases = records(first)
    assert len(cases) == 200 and len({c["id"] for c in cases}) == 200
    afstanden = {c["antwoorden"]["afstand_km"] for c in cases}
    assert min(afstanden) >= 0 and max(afstanden) <= 100 and len(afstanden) > 20
    path = tmp_path / "populatie.jsonl"
    path.write_text(first, encoding="utf-8")
    code, out, _ = run(capsys, "beoordeel", "--regio", "tsd", "--peildatum", "2025-01-01", str(path))
    assert code == 0 and all("fout" not in r for r in records(out))


def test_a_progress_bar_on_a_terminal_and_none_when_piped(tmp_path, capsys):
    import pexpect

    population = tmp_path / "p.jsonl"
    main(["genereer", "--regio", "lekstroom", "--aantal", "2000", "--uit", str(population)])
    capsys.readouterr()
    child = pexpect.spawn(sys.executable, ["-m", "wmo_dsl", "beoordeel", "--regio", "lekstroom", str(population),
                                                "--uit", str(tmp_path / "r.jsonl")], encoding="utf-8", timeout=60,
                          dimensions=(24, 100))
    child.expect("Beoordelen: p.jsonl")
    child.expect("2000 casussen beoordeeld")
    child.expect(pexpect.EOF)
    code, _, err = run(capsys, "beoordeel", "--regio", "lekstroom", str(population), "--uit", str(tmp_path / "r2.jsonl"))
    assert code == 0 and "Beoordelen" not in err and err == "2000 casussen beoordeeld\n"
