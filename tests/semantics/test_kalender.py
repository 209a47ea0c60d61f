"""Werkdagen under the Algemene termijnenwet: weekends and the feestdagen of art. 3."""

import datetime as dt

from wmo_dsl.semantics.calendar import add_werkdagen, atw_feestdagen, is_werkdag


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


def test_the_feestdagen_agree_with_the_holidays_package_plus_the_atw_differences():
    """Cross-check against 'holidays' (NL): the Atw adds 5 mei every year and Goede Vrijdag; Sundays do not matter."""
    import holidays

    for jaar in range(2019, 2036):
        pakket = holidays.NL(years=jaar)
        tweede_paasdag = next(d for d in pakket if d.month in (3, 4) and d.weekday() == 0 and (d.month, d.day) not in ((4, 26), (4, 27)))
        verwacht = set(pakket) | {dt.date(jaar, 5, 5), tweede_paasdag - dt.timedelta(days=3)}
        weekdag = lambda dagen: {d for d in dagen if d.weekday() != 6}
        assert weekdag(atw_feestdagen(jaar)) == weekdag(verwacht), jaar


def test_a_region_can_add_dated_free_days():
    vrijdag_na_hemelvaart = dt.date(2025, 5, 30)
    assert add_werkdagen(dt.date(2025, 5, 28), 1) == vrijdag_na_hemelvaart
    assert add_werkdagen(dt.date(2025, 5, 28), 1, frozenset({vrijdag_na_hemelvaart})) == dt.date(2025, 6, 2)
