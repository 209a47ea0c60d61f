"""The session store: every event on disk at once, private files, listings without personal data."""

import datetime as dt
import os
import stat

import pytest

from wmo_dsl.cases.sessions import Gebeurtenis, SessieFout, SessionStore


def test_files_are_private(tmp_path):
    path = tmp_path / "map" / "sessies.db"
    store = SessionStore(path)
    sid = store.new("lekstroom", dt.date(2025, 1, 1))
    store.append(sid, Gebeurtenis("antwoord", "type", "behouden"))
    for f in path.parent.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_events_survive_a_new_connection_in_order(tmp_path):
    path = tmp_path / "s.db"
    store = SessionStore(path)
    sid = store.new("lekstroom", dt.date(2025, 1, 1))
    store.append(sid, Gebeurtenis("antwoord", "type", "behouden"))
    store.append(sid, Gebeurtenis("later", "verzwarende_omstandigheden"))
    # no close(): like a killed process
    info = SessionStore(path).load(None)
    assert info.id == sid and info.regio == "lekstroom"
    assert [g.soort for g in info.gebeurtenissen] == ["antwoord", "later"]


def test_listing_shows_no_answers(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    sid = store.new("lekstroom", dt.date(2025, 1, 1))
    store.append(sid, Gebeurtenis("antwoord", "resultaatgebieden", ["administratie_financien"]))
    (row,) = store.list()
    assert (row.id, row.regio, row.status, row.kenmerk, row.antwoorden) == (sid, "lekstroom", "bezig", None, 1)
    assert "administratie" not in repr(row)


def test_delete_removes_the_answers(tmp_path):
    path = tmp_path / "s.db"
    store = SessionStore(path)
    sid = store.new("lekstroom", dt.date(2025, 1, 1))
    store.append(sid, Gebeurtenis("antwoord", "type", "geheim_antwoord_123"))
    store.delete(sid)
    store.close()
    assert SessionStore(path).list() == []  # the session is gone from the listing
    raw = b"".join(f.read_bytes() for f in tmp_path.iterdir())
    assert b"geheim_antwoord_123" not in raw
    with pytest.raises(SessieFout, match="bestaat niet"):
        SessionStore(path).load(sid)


def test_memory_store_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = SessionStore(None)
    sid = store.new("lekstroom", dt.date(2025, 1, 1))
    store.append(sid, Gebeurtenis("antwoord", "type", "behouden"))
    assert os.listdir(tmp_path) == []


def test_wmo_sessies_counts_answered_questions_not_events(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    sid = store.new("lekstroom", dt.date(2025, 1, 1))
    for g in [Gebeurtenis("antwoord", "a", True), Gebeurtenis("antwoord", "b", True), Gebeurtenis("later", "c"),
              Gebeurtenis("antwoord", "b", False), Gebeurtenis("antwoord", "c", True), Gebeurtenis("terug", "c", True),
              Gebeurtenis("antwoord", "d", 1), Gebeurtenis("resultaat", None, {"uitkomst": "indicatie", "producten": []})]:
        store.append(sid, g)
    assert store.list()[0][-1] == 3  # a, b (changed once) and d; c was undone


def test_terug_after_a_change_brings_back_the_answer_from_before(tmp_path):
    from wmo_dsl.intake.conversation import Gesprek
    from wmo_dsl.plugins import load_region

    gesprek = Gesprek.nieuw(load_region("lekstroom"), SessionStore(tmp_path / "s.db"), dt.date(2025, 1, 1))
    gesprek.beantwoord("type", "ontwikkelen")
    gesprek.beantwoord("resultaatgebieden", frozenset({"zingeving_meedoen"}))
    gesprek.beantwoord("type", "behouden")
    assert gesprek.terug().id == "type" and gesprek.antwoorden["type"] == "ontwikkelen"
    again = Gesprek.hervat(gesprek.store, gesprek.sessie_id, lambda regio, peildatum: load_region(regio))
    assert again.antwoorden["type"] == "ontwikkelen"
    assert again.terug().id == "resultaatgebieden" and "resultaatgebieden" not in again.antwoorden


def test_every_result_is_kept_as_a_version_and_a_finished_session_can_be_reopened(tmp_path):
    from wmo_dsl.intake.conversation import Gesprek
    from wmo_dsl.plugins import load_region

    store = SessionStore(tmp_path / "s.db")
    gesprek = Gesprek.nieuw(load_region("lekstroom"), store, dt.date(2025, 1, 1))
    gesprek.beantwoord("resultaatgebieden", frozenset({"administratie_financien"}))
    gesprek.afronden()
    gesprek.beantwoord("resultaatgebieden", frozenset({"zingeving_meedoen", "sociaal_functioneren"}))
    gesprek.afronden()
    again = Gesprek.hervat(store, gesprek.sessie_id, lambda regio, peildatum: load_region(regio))
    assert [u["uitkomst"] for u in again.staat.uitkomsten] == ["geen_indicatie", "onvolledig"]
    assert again.volgende().id == "type"
