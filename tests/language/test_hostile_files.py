"""Files under attack: full disks, closed outputs, poisoned or damaged sessions, hostile session paths."""

import datetime as dt
import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region
from wmo_dsl.cases.sessions import Gebeurtenis, SessieFout, SessionStore

REPO = Path(__file__).resolve().parents[2]
WMO = [sys.executable, "-m", "wmo_dsl.cli"]


def small_disk():
    """In the child: files may not grow beyond 4 kB, as on a disk that is (almost) full."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def wmo(*args, cwd=None, **kwargs):
    return subprocess.run([*WMO, *args], capture_output=True, text=True, cwd=cwd, **kwargs)


# ── Atomic writes ─────────────────────────────────────────────────────────


def test_fmt_on_a_full_disk_leaves_the_rule_file_as_it_was(tmp_path):
    path = tmp_path / "lekstroom.wmo"
    text = (REPO / "regions" / "lekstroom" / "lekstroom.wmo").read_text(encoding="utf-8")
    path.write_text(text.replace("  gemiddeld      | behouden    | gemiddeld -> 022B1", "  gemiddeld | behouden | gemiddeld -> 022B1"),
                    encoding="utf-8")
    before = path.read_bytes()
    assert len(before) > 4096
    proc = wmo("fmt", str(path), preexec_fn=small_disk)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "niet schrijven" in proc.stderr and "het oude bestand is niet veranderd" in proc.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lekstroom.wmo"]  # no temporary file left


def test_fmt_keeps_the_mode_of_the_rule_file(tmp_path):
    path = tmp_path / "r.wmo"
    path.write_text('regio r "R"\n   geldig vanaf 2024-01-01\n', encoding="utf-8")
    path.chmod(0o640)
    assert main(["fmt", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == 'regio r "R"\n  geldig vanaf 2024-01-01\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("args", [
    ["genereer", "--regio", "lekstroom", "--aantal", "200", "--uit", "{uit}"],
    ["toon", "--regio", "lekstroom", "--uit", "{uit}"],
    ["beoordeel", "--regio", "lekstroom", "{batch}", "--uit", "{uit}"],
], ids=["genereer", "toon", "batch"])
def test_an_output_file_on_a_full_disk_keeps_its_old_content_and_leaves_nothing(tmp_path, args):
    batch = tmp_path / "in.jsonl"
    batch.write_text("".join(json.dumps({"id": i, "antwoorden": {"resultaatgebieden": []}}) + "\n" for i in range(200)))
    uit = tmp_path / "uit.txt"
    uit.write_text("oud\n")
    proc = wmo(*[a.format(uit=uit, batch=batch) for a in args], "--overschrijven", preexec_fn=small_disk)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert "niet schrijven" in proc.stderr
    assert uit.read_text() == "oud\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "uit.txt"]


def test_outputs_holding_answers_are_private(tmp_path, capsys):
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"antwoorden": {"resultaatgebieden": []}}) + "\n")
    old = os.umask(0)
    try:
        assert main(["beoordeel", "--regio", "lekstroom", str(batch), "--uit", str(tmp_path / "r.jsonl")]) == 0
        assert main(["genereer", "--regio", "lekstroom", "--aantal", "3", "--uit", str(tmp_path / "p.jsonl")]) == 0
        assert main(["toon", "--regio", "lekstroom", "--uit", str(tmp_path / "t.md")]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "p.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "t.md").stat().st_mode) == 0o644  # the rules themselves are public


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="geen /dev/full op dit systeem")
def test_a_full_output_device_gives_a_message_and_stays_a_device(tmp_path):
    proc = wmo("toon", "--regio", "lekstroom", "--uit", "/dev/full")
    assert proc.returncode == 2 and "de schijf is vol" in proc.stderr and "Traceback" not in proc.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*WMO, "check"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2 and "kan niet naar de uitvoer schrijven: de schijf is vol" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_a_closed_pipe_is_not_an_error(tmp_path):
    proc = subprocess.run(f"{sys.executable} -m wmo_dsl.cli genereer --regio lekstroom --aantal 20000 | head -1",
                          shell=True, capture_output=True, text=True)
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert proc.stdout.startswith('{"id"')


# ── Sessions ──────────────────────────────────────────────────────────────


def poisoned_session(path: Path) -> str:
    store = SessionStore(path)
    sid = store.new("leiden", dt.date(2025, 1, 1))
    store.append(sid, Gebeurtenis("antwoord", "structureel_nodig", True))
    store.append(sid, Gebeurtenis("antwoord", "startdatum", "2025-01-01"))
    store.conn.execute("UPDATE gebeurtenis SET waarde = '\"9999-12-31\"' WHERE vraag = 'startdatum'")  # a hand edit
    store.conn.execute("INSERT INTO gebeurtenis VALUES (?, 99, 'antwoord', 'toestemming_delen', '{kapot', NULL, 'x')", (sid,))
    store.close()
    return sid


def test_a_poisoned_session_opens_names_the_unusable_answers_and_asks_them_again(tmp_path):
    db = tmp_path / "s.db"
    sid = poisoned_session(db)
    gesprek = Gesprek.hervat(SessionStore(db), sid, lambda regio, peildatum: load_region(regio, peildatum))
    assert gesprek.antwoorden == {"structureel_nodig": True}
    assert "ligt buiten 1-1-1900 tot en met 31-12-2199" in gesprek.onbruikbaar["startdatum"]
    assert "onleesbaar" in gesprek.onbruikbaar["toestemming_delen"]
    assert gesprek.volgende().id == "toestemming_delen"


def test_a_poisoned_session_resumes_over_jsonl_and_in_vergelijk(tmp_path, capsys):
    db = tmp_path / "s.db"
    sid = poisoned_session(db)
    proc = wmo("intake", "--hervat", sid, "--sessie", str(db), "--jsonl",
               input='{"antwoord": true}\n{"antwoord": "2025-02-03"}\n{"antwoord": 3}\n')
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines[0]["sessie"] == sid
    lines = lines[1:]
    assert lines[0]["vraag"] == "startdatum" and "niet meer bruikbaar" in lines[0]["fout"]
    asked = [m["vraag"] for m in lines if "tekst" in m]
    assert asked == ["toestemming_delen", "startdatum", "uren_per_week"]
    assert lines[-1]["resultaat"]["uitkomst"] == "indicatie"
    proc = wmo("vergelijk", "--regio", "leiden", "--variant", str(REPO / "regions" / "leiden" / "leiden.wmo"), "--sessies",
               "--sessie", str(db))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


def test_a_date_beyond_the_bounds_is_refused_before_it_is_stored(tmp_path):
    rules = load_region("leiden")
    store = SessionStore(tmp_path / "s.db")
    gesprek = Gesprek.nieuw(rules, store, dt.date(2025, 1, 1))
    stdin = io.StringIO('{"antwoord": true}\n{"antwoord": true}\n{"antwoord": "9999-12-31"}\n')
    stdout = io.StringIO()
    run_jsonl(gesprek, stdin, stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    fout = next(line for line in lines if "fout" in line)
    assert fout["vraag"] == "startdatum" and "ligt buiten" in fout["fout"]
    stored = store.conn.execute("SELECT waarde FROM gebeurtenis WHERE vraag = 'startdatum'").fetchall()
    assert stored == []


def damaged_database(path: Path) -> None:
    store = SessionStore(path)
    for _ in range(200):
        sid = store.new("lekstroom", dt.date(2025, 1, 1))
        store.append(sid, Gebeurtenis("antwoord", "type", "behouden"))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 3 + 3000] = b"A" * 3000
    path.write_bytes(bytes(data))


def test_a_damaged_session_database_gives_a_dutch_message_and_lists_what_it_can(tmp_path):
    db = tmp_path / "s.db"
    damaged_database(db)
    proc = wmo("sessies", "--sessie", str(db))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "beschadigd" in proc.stderr and f"mv {db} {db}.beschadigd" in proc.stderr
    assert proc.stdout.count("lekstroom") > 0
    proc = wmo("intake", "--hervat", "--sessie", str(db), "--jsonl", input="")
    assert proc.returncode == 2 and "beschadigd" in proc.stderr and "Traceback" not in proc.stderr


def test_a_file_that_is_no_database_is_refused_and_left_as_it_was(tmp_path):
    db = tmp_path / "s.db"
    db.write_text("dit is geen database " * 100)
    with pytest.raises(SessieFout, match="geen sessiebestand van wmo-dsl"):
        SessionStore(db)
    assert db.read_text() == "dit is geen database " * 100


def test_an_empty_session_path_is_refused(capsys):
    assert main(["sessies", "--sessie", ""]) == 2
    assert "--sessie is leeg" in capsys.readouterr().err
    assert main(["intake", "--regio", "lekstroom", "--jsonl", "--sessie", ""]) == 2
    assert "--sessie is leeg" in capsys.readouterr().err


@pytest.mark.parametrize("pad", ["bestand/sessies.db", "/proc/sessies.db", "/sys/sessies.db"])
def test_a_session_path_under_a_file_or_a_system_folder_gives_a_message(tmp_path, pad):
    (tmp_path / "bestand").write_text("x")
    proc = wmo("intake", "--regio", "lekstroom", "--jsonl", "--sessie", pad, input="", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("wmo: fout: ") and "Traceback" not in proc.stderr


def test_the_own_session_folder_is_tightened_and_created_private_under_umask_000(tmp_path):
    loose = tmp_path / "data" / "wmo-dsl"
    loose.mkdir(parents=True)
    loose.chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    assert wmo("intake", "--regio", "lekstroom", "--jsonl", input="", env=env).returncode == 0
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "nieuw" / "diep")}
    assert wmo("intake", "--regio", "lekstroom", "--jsonl", input="", env=env, preexec_fn=lambda: os.umask(0)).returncode == 0
    for folder in (tmp_path / "nieuw", tmp_path / "nieuw" / "diep", tmp_path / "nieuw" / "diep" / "wmo-dsl"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((tmp_path / "nieuw" / "diep" / "wmo-dsl" / "sessies.db").stat().st_mode) == 0o600


def test_a_vergelijk_report_over_sessions_is_private(tmp_path):
    db = tmp_path / "s.db"
    store = SessionStore(db)
    sid = store.new("lekstroom", dt.date(2025, 1, 1))
    store.append(sid, Gebeurtenis("antwoord", "resultaatgebieden", ["woonvaardigheden"]))
    store.close()
    uit = tmp_path / "verslag.md"
    proc = wmo("vergelijk", "--regio", "lekstroom", "--variant", str(REPO / "regions" / "lekstroom" / "varianten" / "omvang_1-3_4-6.wmo"),
               "--sessies", "--sessie", str(db), "--formaat", "markdown", "--uit", str(uit), preexec_fn=lambda: os.umask(0))
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(uit.stat().st_mode) == 0o600
