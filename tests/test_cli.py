"""The wmo command: Dutch output, exit 0 for every outcome, exit 2 with a clear message for user mistakes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wmo_dsl.cli import main

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "regions" / "lekstroom" / "casussen"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, data, name="casus.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_regios_lists_version_validity_and_gemeenten(capsys):
    code, out, _ = run(capsys, "regios")
    assert code == 0
    assert "lekstroom  Regio Lekstroom" in out
    assert "versie 1.0 definitief, geldig vanaf 01-01-2022" in out
    assert "Houten, IJsselstein, Lopik, Nieuwegein, Vijfheerenlanden" in out


def test_check_of_installed_regions_is_clean(capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0 and "geen fouten" in out


def test_check_of_a_broken_file_exits_2_with_file_line_column(capsys, tmp_path):
    bad = tmp_path / "kapot.wmo"
    bad.write_text('regio r "R"\n  geldig vanaf 2022-01-01\nx is y + 1\nvraag type keuze\n', encoding="utf-8")
    code, _, err = run(capsys, "check", str(bad))
    assert code == 2
    assert f"{bad}:4:12: fout E100" in err


def test_check_json_gives_findings_as_data(capsys, tmp_path):
    bad = tmp_path / "kapot.wmo"
    bad.write_text('regio r "R"\n  geldig vanaf 2022-01-01\nx is y + 1\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--formaat", "json", str(bad))
    assert code == 2
    (f,) = json.loads(out)["bevindingen"]
    assert (f["regel"], f["kolom"], f["code"]) == (3, 6, "E204")


def test_beoordeel_json_follows_the_contract(capsys):
    code, out, _ = run(capsys, "beoordeel", str(CASES / "matrix_024A2.json"), "--formaat", "json")
    data = json.loads(out)
    assert code == 0
    assert [p["code"] for p in data["producten"]] == ["024A2"]
    assert set(data) >= {"regio", "regelversie", "peildatum", "uitkomst", "producten", "verwijzingen", "signalen", "waarden", "ontbrekend", "uitleg"}


def test_beoordeel_exits_0_for_no_indicatie_and_incomplete(capsys):
    assert run(capsys, "beoordeel", str(CASES / "alleen_administratie.json"))[0] == 0
    code, out, _ = run(capsys, "beoordeel", str(CASES / "onvolledig_leeg.json"), "--formaat", "json")
    assert code == 0 and json.loads(out)["uitkomst"] == "onvolledig"


def test_beoordeel_output_is_identical_on_every_run(capsys):
    outs = {run(capsys, "beoordeel", str(CASES / "zware_ib.json"), "--formaat", "markdown")[1] for _ in range(3)}
    assert len(outs) == 1


@pytest.mark.parametrize("data,message", [
    ({"regio": "lekstroom", "antwoorden": {"typ": "behouden"}}, "onbekende vraag 'typ' voor regio lekstroom; bedoelde u 'type'?"),
    ({"regio": "lekstroom", "antwoorden": {"type": "beide"}}, "antwoord op 'type' is \"beide\"; toegestaan: één van: behouden, ontwikkelen"),
    ({"regio": "lekstroom", "antwoorden": {"resultaatgebieden": ["zelfzorg", "wonen"]}}, "antwoord op 'resultaatgebieden' bevat \"zelfzorg\", \"wonen\"; toegestaan: een lijst"),
    ({"regio": "lekstroom", "antwoorden": {"alleen_waakvlam": "ja"}}, "antwoord op 'alleen_waakvlam' is \"ja\"; toegestaan: true of false"),
    ({"regio": "atlantis", "antwoorden": {}}, "onbekende regio 'atlantis'; geïnstalleerd: "),
    ({"antwoorden": {}}, "de casus noemt geen regio; geef --regio op"),
    ({"regio": "lekstroom", "peildatum": "2021-06-01", "antwoorden": {}}, "de regels van regio lekstroom gelden pas vanaf 01-01-2022"),
    ({"regio": "lekstroom", "peildatum": "gisteren", "antwoorden": {}}, "peildatum \"gisteren\" is geen datum"),
    ({"regio": "lekstroom"}, "het veld 'antwoorden' ontbreekt"),
    ({"regio": "lekstroom", "antwoord": {}}, "onbekend veld 'antwoord'"),
])
def test_bad_case_files_exit_2_naming_the_problem(capsys, tmp_path, data, message):
    path = write(tmp_path, data)
    code, out, err = run(capsys, "beoordeel", path)
    assert code == 2 and out == ""
    assert message in err
    assert err.startswith("wmo: fout: ")


def test_malformed_json_names_line_and_column(capsys, tmp_path):
    path = write(tmp_path, '{"regio": "lekstroom",\n  "antwoorden": {"type": behouden}}')
    code, _, err = run(capsys, "beoordeel", path)
    assert code == 2
    assert f"{path}:2:26: geen geldige JSON (hier wordt een waarde verwacht)" in err


def test_missing_case_file(capsys, tmp_path):
    code, _, err = run(capsys, "beoordeel", str(tmp_path / "weg.json"), "--regio", "lekstroom")
    assert code == 2 and "bestand bestaat niet" in err


def test_regio_option_stands_in_for_a_missing_regio(capsys, tmp_path):
    path = write(tmp_path, {"peildatum": "2025-01-01", "antwoorden": {"resultaatgebieden": []}})
    code, out, _ = run(capsys, "beoordeel", "--regio", "lekstroom", path, "--formaat", "json")
    assert code == 0 and json.loads(out)["uitkomst"] == "geen_indicatie"


def test_wmo_test_runs_every_example_case(capsys):
    code, out, _ = run(capsys, "test", "--regio", "lekstroom")
    assert code == 0
    assert "lekstroom: 28 casussen" in out and "28 geslaagd, 0 mislukt" in out


def test_a_user_error_in_a_real_process_has_no_traceback(tmp_path):
    path = write(tmp_path, {"regio": "lekstroom", "antwoorden": {"type": 3}})
    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "beoordeel", path], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "antwoord op 'type' is 3" in proc.stderr


def test_help_is_in_dutch(capsys):
    with pytest.raises(SystemExit) as info:
        main(["beoordeel", "--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert out.startswith("gebruik: wmo beoordeel") and "opties:" in out


def test_wmo_version_prints_the_version(capsys):
    from wmo_dsl import __version__

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"wmo-dsl {__version__}"
