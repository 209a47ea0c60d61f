"""Hostile case input: every case stands alone, every bound is a Dutch message, never a traceback."""

import json
import subprocess
import sys

import pytest

from wmo_dsl.cli import main

GOOD = {"resultaatgebieden": ["woonvaardigheden"], "type": "behouden", "verzwarende_omstandigheden": [],
        "verandering_verwacht": False, "alleen_waakvlam": False}


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def records(text):
    return [json.loads(line) for line in text.splitlines()]


HOSTILE_LINES = [
    b'{"id": "diep", "antwoorden": ' + b"[" * 1000 + b"]" * 1000 + b"}",
    b'{"id": "groot", "antwoorden": {"verzwarende_omstandigheden": ' + b"9" * 5000 + b"}}",
    b'{"id": "peil", "peildatum": "1-1-99999999999999999999", "antwoorden": {}}',
    b'{"id": "uren", "antwoorden": {"type": 1e30}}',
    b'{"id": "afw1", "afwijkingen": "x", "antwoorden": {}}',
    b'{"id": "afw2", "afwijkingen": 5, "antwoorden": {}}',
    b'{"id": "afw3", "afwijkingen": [{}], "antwoorden": {}}',
    b'{"id": "afw4", "afwijkingen": [{"onderwerp": "omvang", "waarde": "groot"}], "antwoorden": {}}',
    b'{"id": "kapot\xff\xfe", "antwoorden": {}}',
    b'{"id": NaN, "antwoorden": {}}',
    b'{"id": 1e400, "antwoorden": {}}',
    b'{"id": {"a": 1}, "antwoorden": {}}',
    b"geen json",
    b"[1, 2]",
    b'{"antwoorden": {"type": "behouden"}, "regio": ' + b'"' + b"x" * 300_000 + b'"}',
]


def test_a_jsonl_batch_of_hostile_lines_gives_one_record_per_line_and_goes_on(tmp_path, capsys):
    good = json.dumps({"id": "goed", "antwoorden": GOOD}).encode()
    batch = tmp_path / "vijandig.jsonl"
    batch.write_bytes(b"\n".join([good, *HOSTILE_LINES, good]) + b"\n")
    code, out, err = run(capsys, "beoordeel", "--regio", "lekstroom", "--peildatum", "2025-01-01", str(batch))
    assert code == 2
    results = records(out)
    assert [r["regel"] for r in results] == list(range(1, len(HOSTILE_LINES) + 3))
    assert results[0]["uitkomst"] == "indicatie" and results[-1]["uitkomst"] == "indicatie"
    for r in results[1:-1]:
        assert r["fout"]["bericht"], r
        assert "Traceback" not in r["fout"]["bericht"]
    berichten = {r["regel"]: r["fout"]["bericht"] for r in results[1:-1]}
    assert "dieper genest dan 64" in berichten[2]
    assert results[2]["fout"]["vraag"] == "verzwarende_omstandigheden" and "meer dan 15 cijfers" in berichten[3]
    assert "ligt buiten 1-1-1900 tot en met 31-12-2199" in berichten[4]
    assert results[4]["fout"]["vraag"] == "type" and "te groot" in berichten[5]
    assert "'afwijkingen' is een lijst" in berichten[6] and "'afwijkingen' is een lijst" in berichten[7]
    assert "mist 'onderwerp'" in berichten[8] and "mist 'reden'" in berichten[9]
    assert "geen UTF-8" in berichten[10]
    assert "NaN" in berichten[11] and "te groot" in berichten[12] and "'id'" in berichten[13]
    assert f"{len(HOSTILE_LINES) + 2} casussen beoordeeld, {len(HOSTILE_LINES)} met een fout" in err
    for line in out.splitlines():  # strict JSON: NaN or Infinity would fail here
        json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} in de uitvoer"))


def test_the_hostile_batch_as_a_process_prints_no_traceback(tmp_path):
    batch = tmp_path / "vijandig.jsonl"
    batch.write_bytes(b"\n".join(HOSTILE_LINES) + b"\n")
    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "beoordeel", "--regio", "lekstroom", str(batch)],
                          capture_output=True)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert len(proc.stdout.splitlines()) == len(HOSTILE_LINES)


def test_a_bad_byte_costs_one_line_not_the_lines_before_it(tmp_path, capsys):
    good = json.dumps({"antwoorden": GOOD}).encode()
    batch = tmp_path / "bytes.jsonl"
    batch.write_bytes(b"\n".join([good] * 20 + [b'{"antwoorden": {"type": "\xe9"}}'] + [good] * 3) + b"\n")
    code, out, _ = run(capsys, "beoordeel", "--regio", "lekstroom", "--peildatum", "2025-01-01", str(batch))
    results = records(out)
    assert code == 2 and len(results) == 24
    assert [r["regel"] for r in results if "fout" in r] == [21]


def test_csv_with_a_huge_cell_a_bom_and_a_bad_byte(tmp_path, capsys):
    batch = tmp_path / "excel.csv"
    kop = "id,resultaatgebieden,type,verzwarende_omstandigheden,verandering_verwacht,alleen_waakvlam\n"
    batch.write_bytes(b"\xef\xbb\xbf" + kop.encode() + b"a,woonvaardigheden,behouden,geen,nee,nee\n"
                      + b'b,woonvaardigheden,"' + b"x" * 140_000 + b'",geen,nee,nee\n'
                      + b"c,woonvaardigheden,beh\xffouden,geen,nee,nee\n"
                      + b"d,woonvaardigheden,ontwikkelen,geen,nee,nee\n")
    code, out, _ = run(capsys, "beoordeel", "--regio", "lekstroom", "--peildatum", "2025-01-01", str(batch))
    results = records(out)
    assert code == 2
    assert [(r["regel"], r.get("uitkomst")) for r in results] == [(2, "indicatie"), (3, None), (4, None), (5, "indicatie")]
    assert "kan niet gelezen worden" in results[1]["fout"]["bericht"] or "langer dan" in results[1]["fout"]["bericht"]
    assert "geen UTF-8" in results[2]["fout"]["bericht"]


def test_csv_with_a_duplicate_column_is_refused(tmp_path, capsys):
    batch = tmp_path / "dubbel.csv"
    batch.write_text("id,type,type\na,behouden,ontwikkelen\n", encoding="utf-8")
    code, _, err = run(capsys, "beoordeel", "--regio", "lekstroom", str(batch))
    assert code == 2 and "kolom 'type' staat meer dan eens in de kop" in err


@pytest.mark.parametrize("inhoud, melding", [
    ('{"regio": "lekstroom", "antwoorden": ' + "[" * 500 + "]" * 500 + "}", "dieper genest"),
    ('{"regio": "lekstroom", "antwoorden": {"type": ' + "9" * 5000 + "}}", "meer dan 15 cijfers"),
    ('{"regio": "lekstroom", "peildatum": "1-1-99999999999999999999", "antwoorden": {}}', "ligt buiten"),
    ('{"regio": "leiden", "peildatum": "2025-01-01", "antwoorden": {"structureel_nodig": true, "startdatum": "9999-12-31"}}',
     "ligt buiten 1-1-1900 tot en met 31-12-2199"),
    ('{"regio": "zou", "peildatum": "2025-01-01", "antwoorden": {"uren_per_week": 1e30}}', "te groot"),
    ('{"regio": "lekstroom", "antwoorden": {}, "afwijkingen": [{}]}', "mist 'onderwerp'"),
    ('{"regio": "lekstroom", "antwoorden": {}, "afwijkingen": "x"}', "'afwijkingen' is een lijst"),
    ('{"regio": "lekstroom", "antwoorden": {"type": NaN}}', "NaN"),
])
def test_a_single_hostile_case_file_gives_a_dutch_message_and_exit_2(tmp_path, capsys, inhoud, melding):
    path = tmp_path / "casus.json"
    path.write_text(inhoud, encoding="utf-8")
    code, out, err = run(capsys, "beoordeel", str(path))
    assert code == 2 and out == ""
    assert err.startswith("wmo: fout: ") and melding in err


def test_a_case_file_that_is_no_utf8_is_named(tmp_path, capsys):
    path = tmp_path / "casus.json"
    path.write_bytes(b'{"regio": "lekstroom", "antwoorden": {"type": "\xff"}}')
    code, _, err = run(capsys, "beoordeel", str(path))
    assert code == 2 and "geen UTF-8" in err


@pytest.mark.parametrize("peildatum", ["1-1-99999999999999999999", "31-12-9999", "2025-02-30", "morgen"])
def test_a_peildatum_outside_the_calendar_is_refused_by_the_command_line(tmp_path, capsys, peildatum):
    path = tmp_path / "casus.json"
    path.write_text(json.dumps({"regio": "lekstroom", "antwoorden": GOOD}), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["beoordeel", str(path), "--peildatum", peildatum])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "peildatum" in err and ("ligt buiten" in err or "geen datum" in err or "geen bestaande datum" in err)


def test_json_output_never_holds_nan_or_infinity(tmp_path, capsys):
    batch = tmp_path / "ids.jsonl"
    batch.write_text('{"id": NaN, "antwoorden": {}}\n{"id": -Infinity, "antwoorden": {}}\n{"id": 1e400, "antwoorden": {}}\n',
                     encoding="utf-8")
    code, out, _ = run(capsys, "beoordeel", "--regio", "lekstroom", str(batch))
    assert code == 2
    for line in out.splitlines():  # a strict parser reads every record
        r = json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} in de uitvoer"))
        assert r["id"] is None and "fout" in r


# ── --sessie on a file that is not ours ───────────────────────────────────


def sqlite_of_another_program(path):
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE adres (naam TEXT)")
    conn.execute("INSERT INTO adres VALUES ('Jansen')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("inhoud", [b"x", b"mijn aantekeningen\n" * 50, b"SQLite format 2\x00" + b"\x00" * 100, "sqlite"],
                         ids=["1-byte", "tekst", "bijna-sqlite", "ander-programma"])
@pytest.mark.parametrize("opdracht", [["intake", "--regio", "lekstroom", "--jsonl"], ["sessies"],
                                      ["intake", "--hervat", "--jsonl"]], ids=["intake", "sessies", "hervat"])
def test_an_existing_file_that_is_no_session_database_of_wmo_is_left_untouched(tmp_path, capsys, inhoud, opdracht):
    path = tmp_path / "sessies.db"
    if inhoud == "sqlite":
        sqlite_of_another_program(path)
    else:
        path.write_bytes(inhoud)
    before = path.read_bytes()
    code, _, err = run(capsys, *opdracht, "--sessie", str(path))  # refused before anything is read from stdin
    assert code == 2
    assert f"{path} bestaat al en is geen sessiebestand van wmo-dsl" in err and "niet veranderd" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessies.db"]  # no -wal or -shm beside it either


def test_a_one_byte_session_file_is_refused_in_a_real_process_without_a_traceback(tmp_path):
    path = tmp_path / "sessies.db"
    path.write_bytes(b"x")
    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "intake", "--regio", "lekstroom", "--jsonl", "--sessie", str(path)],
                          input="", capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.startswith("wmo: fout: ")
    assert path.read_bytes() == b"x"


def test_an_empty_file_is_taken_as_a_new_session_file(tmp_path):
    path = tmp_path / "sessies.db"
    path.touch()
    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "intake", "--regio", "lekstroom", "--jsonl", "--sessie", str(path)],
                          input="", capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_session_file_of_wmo_opens_again(tmp_path, capsys):
    import datetime as dt

    from wmo_dsl.cases.sessions import SessionStore

    path = tmp_path / "sessies.db"
    store = SessionStore(path)
    store.new("lekstroom", dt.date(2025, 1, 1))
    store.close()
    assert main(["sessies", "--sessie", str(path)]) == 0
    assert "lekstroom" in capsys.readouterr().out


def test_a_sessions_file_whose_schema_text_is_no_utf8_gives_a_dutch_message(tmp_path, capsys):
    import sqlite3

    from wmo_dsl.cases.sessions import SessionStore
    from wmo_dsl.cli import main

    path = tmp_path / "sessies.db"
    SessionStore(path).conn.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(path.read_bytes())
    data[data.find(b"CREATE TABLE sessie") + 9] = 0x80
    path.write_bytes(bytes(data))
    assert main(["sessies", "--sessie", str(path)]) == 2
    err = capsys.readouterr().err
    assert "beschadigd" in err and "geen UTF-8" in err and "codec" not in err
