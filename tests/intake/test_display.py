"""What the console intake shows fits the terminal and reads evenly (a reviewer's findings at 80 columns)."""

from __future__ import annotations

import datetime as dt
import re

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


def test_a_help_line_that_wraps_continues_under_its_help_text_not_under_the_command(monkeypatch):
    from wmo_dsl.intake import screen

    monkeypatch.setattr(screen, "width", lambda: 40)
    line = screen.help_line("afwijken", "leg een professionele afweging vast die afwijkt van de regel")
    regels = screen.wrapped(line, screen.HULP_INSPRINGING).split("\n")
    start = regels[0].index("leg")
    assert len(regels) > 1 and start == screen.HULP_INSPRINGING
    assert all(r[:start].isspace() and not r[start].isspace() for r in regels[1:]), regels


def test_the_review_list_puts_every_answer_under_its_question_text_also_from_item_10_on():
    from wmo_dsl.intake.screen import numbered

    regels = numbered([(f"vraag {i}", f"antwoord {i}") for i in range(1, 12)])
    for vraag, antwoord in zip(regels[::2], regels[1::2]):
        assert vraag.index("vraag") == antwoord.index("antwoord") == 6, (vraag, antwoord)
    assert regels[0] == "   1. vraag 1" and regels[18] == "  10. vraag 10"
    assert numbered([("een", "ja")]) == ["  1. een", "     ja"]


def test_the_next_deadline_and_its_description_are_two_sentences_not_a_comma_before_a_capital():
    from tests.present.test_samenvatting import REGIONS, beoordeling
    from wmo_dsl.present.samenvatting import samenvatting

    text = " ".join(" ".join(samenvatting(beoordeling(REGIONS / "leiden" / "casussen" / "intensief.json"))).split())
    assert re.search(r"Eerstvolgende termijn: \d{1,2}-\d{1,2}-\d{4}\. [A-Z]", text), text
    assert not re.search(r"Eerstvolgende termijn: [^.]*, [A-Z]", text), text


def test_the_aanvraagdatum_is_echoed_and_refused_in_the_same_date_notation_as_every_other_date():
    import pytest

    from wmo_dsl.errors import WmoFout
    from wmo_dsl.intake.saving import _aanvraagdatum
    from wmo_dsl.semantics.notation import value_text

    morgen = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(WmoFout, match=rf"aanvraagdatum: {value_text(morgen)} ligt na vandaag"):
        _aanvraagdatum(morgen.isoformat())
    assert value_text(dt.date(2026, 12, 1)) == "1-12-2026"


def test_the_intake_shows_no_date_with_leading_zeros_nor_with_a_month_name():
    from pathlib import Path

    import wmo_dsl.intake as intake

    bron = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(intake.__file__).parent.glob("*.py")))
    assert "%d-%m-%Y" not in bron and "MAANDEN[" not in bron
