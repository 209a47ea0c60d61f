"""Sensitivity and the comparison of rule versions ask outcome.py whether an outcome changed: every
part counts, also a signal or a deadline alone."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.casefile import Casus
from wmo_dsl.present.compare import compare
from wmo_dsl.present.sensitivity import what_would_change
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.pipeline import checked

DATA = Path(__file__).resolve().parent.parent / "data" / "uitkomst.wmo"
PEILDATUM = dt.date(2025, 3, 1)
BASE = {"wlz": False, "hulp": True, "lang": True, "voorliggend": False, "zorgen": False, "start": dt.date(2025, 3, 3),
        "inkomen": Decimal(3000)}


@pytest.fixture(scope="module")
def rules():
    return Rules(checked(DATA))


def test_a_signal_that_comes_with_one_answer_more_is_a_line_of_what_would_change(rules):
    lines = what_would_change(rules, rules.evaluate(BASE, PEILDATUM))
    assert "bij ‘Zijn er zorgen over de mantelzorger?’ ja: dan ook het signaal 'Zorgen over de mantelzorger'" in lines


def test_a_signal_that_goes_is_named_as_dropping_out(rules):
    lines = what_would_change(rules, rules.evaluate({**BASE, "zorgen": True}, PEILDATUM))
    assert "bij ‘Zijn er zorgen over de mantelzorger?’ nee: dan vervalt het signaal 'Zorgen over de mantelzorger'" in lines


def test_a_product_that_goes_says_it_drops_out(rules):
    lines = what_would_change(rules, rules.evaluate(BASE, PEILDATUM))
    assert "bij ‘Is er hulp nodig?’ nee: dan vervalt: 02A01 (Begeleiding)" in [line.split("; ")[0] for line in lines]


def test_an_answer_that_changes_no_part_of_the_outcome_is_no_line(rules):
    lines = what_would_change(rules, rules.evaluate({**BASE, "hulp": False, "wlz": True}, PEILDATUM))
    assert not any("Is de hulp voor lang?" in line for line in lines)


def test_the_comparison_counts_a_case_whose_deadline_alone_changes(rules, tmp_path):
    later = tmp_path / "later.wmo"
    later.write_text(DATA.read_text(encoding="utf-8").replace("start + 10 werkdagen", "start + 15 werkdagen"), encoding="utf-8")
    other = Rules(checked(later))
    cases = [("a", {**BASE, "start": "2025-03-03", "inkomen": 3000}), ("b", {**BASE, "hulp": False, "start": "2025-03-03",
                                                                          "inkomen": 3000})]
    v = compare(lambda d: rules, lambda d: other, [(naam, Casus(naam, None, None, a)) for naam, a in cases], PEILDATUM,
                "nu", "later")
    assert (v.aantal, v.veranderd, v.anders_zelfde_product) == (2, 0, 1)
