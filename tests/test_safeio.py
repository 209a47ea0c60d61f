"""Writes that cannot be redirected: a link someone else can have planted is never followed, a
temporary file is never one that was prepared, and nothing is changed through a link."""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from wmo_dsl import safeio
from wmo_dsl.cases.sessions import SessieFout, SessionStore
from wmo_dsl.cli import main
from wmo_dsl.errors import WmoFout
from wmo_dsl.safeio import SchrijfFout, private_dir, write_atomic

NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="alleen als root kan de test een tweede gebruiker spelen")


@pytest.fixture
def shared(tmp_path):
    """A folder like /tmp: anyone may put things in it (sticky, world-writable)."""
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    folder.chmod(0o1777)
    return folder


@pytest.fixture
def victim(tmp_path):
    path = tmp_path / "eigen" / "brief.md"
    path.parent.mkdir()
    path.write_text("mijn eigen brief\n")
    return path


@pytest.fixture
def other_user(monkeypatch):
    """Play another user: every file the test itself made now belongs to someone else."""
    monkeypatch.setattr(safeio, "user_id", lambda: 4242)
    monkeypatch.setattr(safeio, "SYSTEM_UID", 4243)  # also when the test runs as root


def second_user():
    """In the child, before it runs: become the second user."""
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def test_a_planted_link_in_a_sticky_folder_is_left_untouched(shared, victim, other_user, capsys):
    link = shared / "regels.md"
    link.symlink_to(victim)
    assert main(["toon", "--regio", "lekstroom", "--uit", str(link)]) == 2
    err = capsys.readouterr().err
    assert f"'{link}' is een koppeling (symlink) van een andere gebruiker in een gedeelde map; er is niets geschreven" in err
    assert victim.read_text() == "mijn eigen brief\n"
    assert link.is_symlink() and sorted(p.name for p in shared.iterdir()) == ["regels.md"]


@as_root
def test_a_link_planted_by_a_second_uid_in_a_sticky_folder_is_left_untouched(victim):
    shared = Path(tempfile.mkdtemp(prefix="wmo-gedeeld-", dir="/tmp"))  # reachable for the second user
    try:
        shared.chmod(0o1777)
        link = shared / "uitslag.jsonl"
        subprocess.run(["ln", "-s", str(victim), str(link)], check=True, preexec_fn=second_user)
        assert link.lstat().st_uid == NOBODY
        proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "genereer", "--regio", "lekstroom", "--aantal", "2",
                               "--uit", str(link), "--overschrijven"], capture_output=True, text=True)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert "van een andere gebruiker in een gedeelde map; er is niets geschreven" in proc.stderr
        assert victim.read_text() == "mijn eigen brief\n" and link.is_symlink()
    finally:
        shutil.rmtree(shared)


def test_a_planted_link_to_a_folder_on_the_way_is_refused(shared, victim, other_user):
    (shared / "map").symlink_to(victim.parent)
    with pytest.raises(SchrijfFout, match="koppeling"):
        write_atomic(shared / "map" / "brief.md", "overschreven")
    assert victim.read_text() == "mijn eigen brief\n"


def test_even_an_own_link_in_a_shared_folder_is_not_followed(shared, victim):
    (shared / "brief.md").symlink_to(victim)
    with pytest.raises(SchrijfFout, match="in een gedeelde map"):
        write_atomic(shared / "brief.md", "overschreven")
    assert victim.read_text() == "mijn eigen brief\n"


def test_a_link_of_another_user_is_refused_also_outside_a_shared_folder(tmp_path, victim, other_user):
    (tmp_path / "brief.md").symlink_to(victim)
    with pytest.raises(SchrijfFout, match="van een andere gebruiker; er is niets geschreven"):
        write_atomic(tmp_path / "brief.md", "overschreven")
    assert victim.read_text() == "mijn eigen brief\n"


@as_root
def test_an_own_link_to_a_file_of_another_user_is_refused(tmp_path, victim):
    os.chown(victim, NOBODY, NOBODY)
    (tmp_path / "brief.md").symlink_to(victim)
    with pytest.raises(SchrijfFout, match="een bestand van een andere gebruiker"):
        write_atomic(tmp_path / "brief.md", "overschreven")
    assert victim.read_text() == "mijn eigen brief\n"


def test_an_own_link_in_an_own_folder_is_followed_and_stays_a_link(tmp_path, victim):
    link = tmp_path / "brief.md"
    link.symlink_to(victim)
    write_atomic(link, "nieuw\n")
    assert link.is_symlink() and victim.read_text() == "nieuw\n"
    assert sorted(p.name for p in victim.parent.iterdir()) == ["brief.md"]


def test_a_temporary_name_taken_by_a_planted_link_is_passed_by(tmp_path, victim, monkeypatch):
    names = iter([".uit.md.vast.tmp", ".uit.md.vrij.tmp"])
    monkeypatch.setattr(safeio, "temp_name", lambda name: next(names))
    (tmp_path / ".uit.md.vast.tmp").symlink_to(victim)
    write_atomic(tmp_path / "uit.md", "uitvoer\n")
    assert (tmp_path / "uit.md").read_text() == "uitvoer\n"
    assert victim.read_text() == "mijn eigen brief\n" and (tmp_path / ".uit.md.vast.tmp").is_symlink()


def test_a_session_database_behind_a_planted_link_is_not_opened(shared, victim, other_user):
    (shared / "sessies.db").symlink_to(victim)
    with pytest.raises(SessieFout, match="koppeling .* het sessiebestand is niet geopend"):
        SessionStore(shared / "sessies.db")
    assert victim.read_text() == "mijn eigen brief\n"


def test_a_planted_wal_file_beside_the_session_database_is_refused(tmp_path, victim):
    db = tmp_path / "sessies.db"
    SessionStore(db).close()
    (tmp_path / "sessies.db-wal").symlink_to(victim)
    with pytest.raises(SessieFout, match="sessies.db-wal, dat geen gewoon bestand van u is"):
        SessionStore(db)
    assert victim.read_text() == "mijn eigen brief\n"


def test_a_private_folder_behind_a_planted_link_is_neither_made_nor_tightened(shared, victim, other_user):
    victim.parent.chmod(0o755)
    (shared / "data").symlink_to(victim.parent)
    with pytest.raises(WmoFout, match="koppeling"):
        private_dir(shared / "data" / "wmo-dsl")
    assert sorted(p.name for p in victim.parent.iterdir()) == ["brief.md"]
    assert stat.S_IMODE(victim.parent.stat().st_mode) == 0o755


def test_new_private_folders_are_0700_and_files_0600_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        private_dir(tmp_path / "a" / "b")
        write_atomic(tmp_path / "a" / "b" / "c.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b" / "c.json").stat().st_mode) == 0o600


def test_devices_are_written_in_place(capsys):
    assert main(["toon", "--regio", "lekstroom", "--uit", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
