"""Shared helpers: small rule files written inline, the installed Lekstroom region."""

from __future__ import annotations

import datetime as dt

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.language.check import check
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.language.parse import parse_text
from wmo_dsl.plugins import load_region

HEADER = 'regio r "Regio R"\n  geldig vanaf 2022-01-01\n'
PEILDATUM = dt.date(2025, 1, 1)


def findings(source: str, header: bool = True):
    """The findings a rule file produces (an empty list when it is fine)."""
    try:
        model = check(parse_text((HEADER if header else "") + source, "r.wmo"))
    except RegelbestandFout as err:
        return err.bevindingen
    return list(model.waarschuwingen)


def model_of(source: str):
    return check(parse_text(HEADER + source, "r.wmo"))


@pytest.fixture(scope="session")
def lekstroom():
    return load_region("lekstroom")


@pytest.fixture
def evaluate(lekstroom):
    def run(**antwoorden):
        return lekstroom.evaluate(convert_answers(lekstroom.model, antwoorden), PEILDATUM)

    return run
