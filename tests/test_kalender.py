"""Werkdagen under the Algemene termijnenwet: weekends and the feestdagen of art. 3."""

import datetime as dt

from wmo_dsl.kalender import add_werkdagen, atw_feestdagen, is_werkdag


def test_goede_vrijdag_and_tweede_paasdag_are_skipped():
    # Easter 2025 is 20 April: Goede Vrijdag 18 April, tweede Paasdag 21 April.
    assert add_werkdagen(dt.date(2025, 4, 17), 1) == dt.date(2025, 4, 22)


def test_5_mei_is_a_feestdag_every_year_not_only_in_lustrum_years():
    assert not is_werkdag(dt.date(2026, 5, 5))  # a Tuesday, 2026 is no lustrum year
    assert add_werkdagen(dt.date(2026, 5, 4), 1) == dt.date(2026, 5, 6)


def test_christmas_and_new_year_are_skipped():
    assert add_werkdagen(dt.date(2025, 12, 24), 1) == dt.date(2025, 12, 29)
    assert add_werkdagen(dt.date(2025, 12, 31), 1) == dt.date(2026, 1, 2)


def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday():
    assert dt.date(2025, 4, 26) in atw_feestdagen(2025)
    assert dt.date(2025, 4, 27) not in atw_feestdagen(2025)
