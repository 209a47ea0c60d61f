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


# ── Terminal-safe output ──────────────────────────────────────────────────

PWNED = "\x1b]0;PWNED\x07\x1b[2J"
SHOWN = "\\x1b]0;PWNED\\x07\\x1b[2J"


def test_check_prints_an_erroneous_line_with_escape_sequences_escaped_and_the_caret_in_place(capsys, tmp_path):
    path = write(tmp_path, f'regio r "R{PWNED}"\t@@\n  geldig vanaf 2024-01-01\n', "r.wmo")
    code, _, err = run(capsys, "check", path)
    assert code == 2 and "\x1b" not in err and "\x07" not in err
    line, caret = err.splitlines()[1:3]
    assert line == f'       1 | regio r "R{SHOWN}"   @@'
    assert caret.index("^") == line.index("@@")


def test_check_json_stays_json_with_the_raw_text_inside(capsys, tmp_path):
    path = write(tmp_path, f'regio r "R"\n  geldig vanaf 2024-01-01\n\nvraag x: janee "{PWNED}\x7f" @@\n', "r.wmo")
    code, out, _ = run(capsys, "check", path, "--formaat", "json")
    assert code == 2 and "\x1b" not in out and "\x7f" not in out
    assert json.loads(out)["bevindingen"]


def test_a_case_file_name_a_region_and_a_session_id_are_shown_escaped(capsys, tmp_path):
    code, _, err = run(capsys, "beoordeel", str(tmp_path / f"c{PWNED}.json"))
    assert code == 2 and f"c{SHOWN}.json" in err and "\x1b" not in err
    path = write(tmp_path, {"regio": f"x{PWNED}", "antwoorden": {}})
    code, _, err = run(capsys, "beoordeel", path)
    assert code == 2 and f"onbekende regio 'x{SHOWN}'" in err
    code, _, err = run(capsys, "intake", "--hervat", f"id{PWNED}", "--jsonl", "--sessie", str(tmp_path / "s.db"))
    assert code == 2 and f"sessie 'id{SHOWN}' bestaat niet" in err and "\x1b" not in err


def test_a_poisoned_session_database_is_listed_escaped(capsys, tmp_path):
    import datetime as dt

    from wmo_dsl.cases.sessions import SessionStore

    store = SessionStore(tmp_path / "s.db")
    store.new("lekstroom", dt.date(2025, 1, 1))
    store.conn.execute("UPDATE sessie SET id = ?, regio = ?, status = ?", (f"s{PWNED}", f"r{PWNED}", "\x9b31m\u202e"))
    store.close()
    code, out, _ = run(capsys, "sessies", "--sessie", str(tmp_path / "s.db"))
    assert code == 0 and "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert f"s{SHOWN} r{SHOWN}" in out and "\\x9b31m\\u202e" in out
    code, _, err = run(capsys, "intake", "--hervat", "--jsonl", "--sessie", str(tmp_path / "s.db"))
    assert code == 2 and f"onbekende regio 'r{SHOWN}'" in err


def test_a_report_on_the_screen_shows_what_the_rule_file_says_escaped(capsys, tmp_path):
    rules = (REPO / "regions" / "lekstroom" / "lekstroom.wmo").read_text(encoding="utf-8")
    assert 'regio lekstroom "Regio Lekstroom"' in rules
    path = write(tmp_path, rules.replace('regio lekstroom "Regio Lekstroom"', f'regio lekstroom "Regio {PWNED}\x9b\x7f"'), "l.wmo")
    for formaat in ("tekst", "markdown", "json"):
        code, out, _ = run(capsys, "beoordeel", str(CASES / "lichte_ib.json"), "--regels", path, "--formaat", formaat)
        assert code == 0 and not {"\x1b", "\x07", "\x9b", "\x7f"} & set(out), formaat
    assert json.loads(out)["regio"] == "lekstroom"
    code, out, _ = run(capsys, "toon", path)
    assert code == 0 and "PWNED" in out and "\x1b" not in out and "\x07" not in out
    code, out, _ = run(capsys, "toon", path, "--formaat", "json")
    assert code == 0 and "\x9b" not in out and "\x7f" not in out and "\\u009b\\u007f" in out
    assert json.loads(out)["regio"]["naam"] == f"Regio {PWNED}\x9b\x7f"


# ── argparse in Dutch ─────────────────────────────────────────────────────


@pytest.mark.parametrize("args, melding", [
    (["genereer", "--regio", "lekstroom", "--aantal", "veel"], "wmo genereer: fout: --aantal: 'veel' is geen geheel getal"),
    (["genereer", "--regio", "lekstroom"], "wmo genereer: fout: verplicht, maar niet opgegeven: --aantal"),
    (["check", "--formaat", "xml"], "wmo check: fout: --formaat: ongeldige keuze: 'xml' (kies uit 'tekst', 'json')"),
    (["regios", "--bla"], "wmo: fout: onbekende argumenten: --bla"),
    (["bla"], "wmo: fout: OPDRACHT: ongeldige keuze: 'bla'"),
    ([], "wmo: fout: verplicht, maar niet opgegeven: OPDRACHT"),
    (["sessies", "--verwijder"], "wmo sessies: fout: --verwijder: verwacht één waarde"),
    (["beoordeel", "x", "--ui"], "wmo beoordeel: fout: de optie --ui is niet eenduidig: bedoelt u --uit, --uitleg?"),
    (["vergelijk", "--voorbeelden", "2,5"], "wmo vergelijk: fout: --voorbeelden: '2,5' is geen geheel getal"),
])
def test_argparse_speaks_dutch_and_exits_2(capsys, args, melding):
    with pytest.raises(SystemExit) as info:
        main(args)
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.startswith("gebruik: wmo") and melding in err
    import re

    english = re.findall(r"\b(usage|error|invalid|arguments?|required|expected|choose|unrecognized|ambiguous|could)\b", err)
    assert english == []


def test_help_headings_are_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: wmo") and "argumenten:" in out and "opties:" in out and "toon deze hulp en stop" in out
    assert "usage" not in out and "options:" not in out and "positional arguments" not in out
