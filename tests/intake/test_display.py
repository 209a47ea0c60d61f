"""What the console intake shows fits the terminal and reads evenly (a reviewer's findings at 80 columns)."""

from __future__ import annotations

import datetime as dt

from wmo_dsl.cases.sessionlog import Gebeurtenis
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.cli import main


def test_the_sessions_table_fits_80_columns_and_shortens_a_long_kenmerk_with_an_ellipsis(tmp_path, capsys):
    path = tmp_path / "sessies.db"
    store = SessionStore(path)
    kort = store.new("lekstroom", dt.date(2025, 1, 1))
    lang = store.new("lekstroom", dt.date(2025, 1, 1))
    store.append(kort, Gebeurtenis("gegeven", "kenmerk", "mw. J. 14u"))
    store.append(lang, Gebeurtenis("gegeven", "kenmerk", "zaak Z-2026-001234 van de wijkteams noord"))
    store.close()
    assert main(["sessies", "--sessie", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "regio", "begonnen", "status", "antwoorden", "kenmerk"]
    assert all(len(line) <= 80 for line in lines), lines
    assert any(line.endswith(" mw. J. 14u") for line in lines)
    assert any(line.endswith("…") and " zaak Z-20" in line for line in lines)
