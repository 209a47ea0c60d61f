"""Werkdagen: days that count for a deadline under the Algemene termijnenwet.

A werkdag is a day that is not a Saturday, a Sunday, or an algemeen erkende
feestdag of the Algemene termijnenwet (Atw): art. 3 lid 1 (Nieuwjaarsdag,
tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, the day Koningsdag is
celebrated, 5 mei, eerste en tweede Kerstdag) and lid 2 (Goede Vrijdag). The
``holidays`` package's NL calendar differs (5 mei only every fifth year), so
the list is computed here from Easter, which ``dateutil`` (a dependency of
``holidays``) provides.
"""

from __future__ import annotations

import datetime as dt
import functools

# The version of this calendar, for a result's receipt: raise it when the days that count change.
WERKDAGEN_VERSIE = "atw-art3-1"

from dateutil.easter import easter


@functools.lru_cache(maxsize=256)
def atw_feestdagen(jaar: int) -> frozenset[dt.date]:
    """The algemeen erkende feestdagen of one year (Atw art. 3 lid 1 and 2)."""
    pasen = easter(jaar)
    koningsdag = dt.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # on a Sunday it is celebrated the day before
        koningsdag = dt.date(jaar, 4, 26)
    return frozenset(
        {
            dt.date(jaar, 1, 1),
            pasen - dt.timedelta(days=2),  # Goede Vrijdag (lid 2)
            pasen + dt.timedelta(days=1),  # tweede Paasdag
            koningsdag,
            dt.date(jaar, 5, 5),  # Bevrijdingsdag, every year
            pasen + dt.timedelta(days=39),  # Hemelvaartsdag
            pasen + dt.timedelta(days=50),  # tweede Pinksterdag
            dt.date(jaar, 12, 25),
            dt.date(jaar, 12, 26),
        }
    )


def is_werkdag(dag: dt.date, extra_vrij: frozenset[dt.date] = frozenset()) -> bool:
    return dag.weekday() < 5 and dag not in atw_feestdagen(dag.year) and dag not in extra_vrij


def add_werkdagen(start: dt.date, n: int, extra_vrij: frozenset[dt.date] = frozenset()) -> dt.date:
    """The date ``n`` werkdagen after (or, negative, before) ``start``."""
    step = 1 if n >= 0 else -1
    dag = start
    remaining = abs(n)
    while remaining:
        dag += dt.timedelta(days=step)
        if is_werkdag(dag, extra_vrij):
            remaining -= 1
    return dag
