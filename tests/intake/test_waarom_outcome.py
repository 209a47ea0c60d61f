"""'waarom' says what the answer can change now: every part of the outcome counts (outcome.py), so an
answer that only brings a signal is named with the signal, not as two equal lines."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from wmo_dsl.intake.waarom import waarom
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.pipeline import checked

DATA = Path(__file__).resolve().parent.parent / "data" / "uitkomst.wmo"
PEILDATUM = dt.date(2025, 3, 1)


def gesprek(**antwoorden):
    rules = Rules(checked(DATA))
    return SimpleNamespace(rules=rules, model=rules.model, antwoorden=antwoorden, peildatum=PEILDATUM, afwijkingen=[])


def test_waarom_names_the_signal_an_answer_brings_when_the_products_stay_the_same():
    g = gesprek(wlz=False, hulp=True, lang=True, voorliggend=False, start=dt.date(2025, 3, 3), inkomen=Decimal(3000))
    text = waarom(g, g.model.vragen["zorgen"])
    assert "Wat het antwoord nu kan uitmaken:" in text
    assert "  - ja: 02A01, Begeleiding, 12 maanden; signaal: Zorgen over de mantelzorger" in text
    assert "  - nee: 02A01, Begeleiding, 12 maanden; geen signaal" in text


def test_waarom_says_nothing_about_effects_when_every_answer_gives_the_same_outcome():
    g = gesprek(wlz=True, hulp=False, voorliggend=False, zorgen=False, start=dt.date(2025, 3, 3), inkomen=Decimal(3000))
    assert "Wat het antwoord nu kan uitmaken" not in waarom(g, g.model.vragen["lang"])
