"""What 'wmo sessies' says of a session: bezig while an intake runs it, onderbroken when its process
died, afgerond once it reached a result (also when reopened and interrupted), and its kenmerk."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys

import pytest

from wmo_dsl.cases.kenmerk import check_kenmerk, elfproef
from wmo_dsl.cases.sessions import SessieFout, SessionStore
from wmo_dsl.cli import main
from wmo_dsl.errors import WmoFout
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.plugins import load_region

PEILDATUM = dt.date(2025, 6, 1)


def status(db, sid):
    store = SessionStore(db)
    try:
        return next(r.status for r in store.list() if r.id == sid)
    finally:
        store.close()


def start_intake(db, *extra):
    """A JSON-lines intake in its own process, waiting at its first question; returns (process, session id)."""
    proc = subprocess.Popen([sys.executable, "-m", "wmo_dsl.cli", "intake", "--jsonl", "--regio", "lekstroom", "--peildatum",
                             "2025-06-01", "--sessie", str(db), *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    start = json.loads(proc.stdout.readline())
    assert "vraag" in json.loads(proc.stdout.readline())
    return proc, start


def test_a_running_session_is_bezig_and_once_its_process_is_killed_it_is_onderbroken(tmp_path):
    db = tmp_path / "s.db"
    proc, start = start_intake(db)
    try:
        assert status(db, start["sessie"]) == "bezig"
        with pytest.raises(SessieFout, match="nu open in een andere intake"):  # nobody else may run it meanwhile
            Gesprek.hervat(SessionStore(db), start["sessie"], load_region)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdin.close(), proc.stdout.close(), proc.stderr.close()
    assert status(db, start["sessie"]) == "onderbroken"
    again = Gesprek.hervat(SessionStore(db), start["sessie"], load_region)  # and it resumes
    assert again.sessie_id == start["sessie"] and status(db, start["sessie"]) == "bezig"
    again.store.close()


def test_a_store_closed_without_a_word_leaves_its_session_onderbroken_and_wmo_sessies_says_so(tmp_path, capsys):
    db = tmp_path / "s.db"
    g = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(db), PEILDATUM)
    g.beantwoord("type", "behouden")
    assert status(db, g.sessie_id) == "bezig"
    g.store.close()  # like a crash: no 'gestopt' was written
    assert status(db, g.sessie_id) == "onderbroken"
    assert main(["sessies", "--sessie", str(db)]) == 0
    assert "onderbroken" in capsys.readouterr().out


def finished(db) -> Gesprek:
    g = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(db), PEILDATUM)
    for qid, waarde in {"resultaatgebieden": ["sociaal_functioneren"], "type": "ontwikkelen", "verzwarende_omstandigheden": [],
                        "verandering_verwacht": False}.items():
        g.beantwoord(qid, waarde)
    g.afronden()
    return g


def test_interrupting_a_reopened_finished_session_keeps_afgerond_and_its_last_result(tmp_path, monkeypatch):
    from wmo_dsl.intake import terminal

    db = tmp_path / "s.db"
    eerste = finished(db)
    uitkomst = eerste.staat.uitkomsten[-1]
    eerste.store.close()
    weer = Gesprek.hervat(SessionStore(db), eerste.sessie_id, load_region)

    class Typed:
        lines = ["wijzig type", "behouden"]

        def prompt(self, *args, **kwargs):
            if not self.lines:
                raise KeyboardInterrupt  # Ctrl-C at the question that follows the change
            return self.lines.pop(0)

    monkeypatch.setattr(terminal, "say", lambda *a, **k: None)
    monkeypatch.setattr(terminal, "show_question", lambda *a, **k: None)
    assert terminal.IntakeScherm(weer, Typed()).run() == 130
    assert weer.antwoorden["type"] == "behouden"  # the change is kept in the log
    weer.store.close()
    assert status(db, eerste.sessie_id) == "afgerond"
    replayed = Gesprek.hervat(SessionStore(db), eerste.sessie_id, load_region)
    assert replayed.staat.uitkomsten == [uitkomst]  # the last result version is still the one reached


def test_stop_before_any_result_is_gestopt(tmp_path):
    db = tmp_path / "s.db"
    g = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(db), PEILDATUM)
    g.stoppen()
    assert status(db, g.sessie_id) == "gestopt"


@pytest.mark.parametrize("tekst", ["111222333", "123456782", "1234.56.782", "1234 56 782", "bsn 111222333", "Z-123456782"])
def test_a_kenmerk_that_holds_a_bsn_is_refused_in_dutch(tekst):
    with pytest.raises(WmoFout, match="lijkt een BSN"):
        check_kenmerk(tekst)


@pytest.mark.parametrize("tekst", ["123456789", "Z/25/0042", "2025-0001234", "12345678", "mw. J. 14u", "000000000"])
def test_a_kenmerk_without_a_bsn_is_kept(tekst):
    assert check_kenmerk(f"  {tekst} ") == tekst


def test_the_elfproef_is_the_weighted_sum_of_the_bsn():
    assert elfproef("111222333") and elfproef("123456782")
    assert not elfproef("123456789") and not elfproef("11122233") and not elfproef("000000000")


def test_the_kenmerk_of_a_session_is_listed_and_a_bsn_never_reaches_the_database(tmp_path, capsys):
    db = tmp_path / "s.db"
    g = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(db), PEILDATUM)
    with pytest.raises(WmoFout, match="lijkt een BSN"):
        g.geef("kenmerk", "111222333")
    g.geef("kenmerk", "Z/25/0042")
    g.stoppen()
    g.store.close()
    assert main(["sessies", "--sessie", str(db)]) == 0
    out = capsys.readouterr().out
    assert "kenmerk" in out.splitlines()[0] and "Z/25/0042" in out and "gestopt" in out
    assert b"111222333" not in b"".join(p.read_bytes() for p in tmp_path.iterdir())


def test_a_bsn_given_as_kenmerk_on_the_command_line_is_refused_before_a_session_exists(tmp_path, capsys):
    db = tmp_path / "s.db"
    assert main(["intake", "--jsonl", "--regio", "lekstroom", "--sessie", str(db), "--kenmerk", "1234.56.782"]) == 2
    assert "lijkt een BSN" in capsys.readouterr().err
    assert not db.exists()


def test_hervat_without_an_id_takes_the_latest_session_that_no_other_intake_runs(tmp_path):
    db = tmp_path / "s.db"
    eerder = Gesprek.nieuw(load_region("lekstroom", PEILDATUM), SessionStore(db), PEILDATUM)
    eerder.beantwoord("type", "behouden")
    eerder.store.close()  # interrupted
    proc, start = start_intake(db)  # the latest one, running now
    try:
        again = Gesprek.hervat(SessionStore(db), None, load_region)
        assert again.sessie_id == eerder.sessie_id != start["sessie"]
        again.store.close()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdin.close(), proc.stdout.close(), proc.stderr.close()
