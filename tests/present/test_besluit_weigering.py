"""A refusal letter: its reasons are the grounds of the refusal, in "u" form."""

import re
from pathlib import Path

from wmo_dsl.cli import main
from wmo_dsl.intake.saving import default_name

ZOU = Path(__file__).resolve().parents[2] / "regions" / "zou" / "casussen"


def reasons(capsys, casus: str) -> str:
    assert main(["beoordeel", str(ZOU / casus), "--formaat", "besluit"]) == 0
    brief = capsys.readouterr().out
    waarom = brief.split("Waarom wij zo besluiten", 1)[1].split("Wij baseren dit besluit", 1)[0]
    return re.sub(r"<[^>]+>", " ", waarom)


def test_a_zou_refusal_letter_does_not_give_a_fact_for_support_as_a_reason(capsys):
    waarom = reasons(capsys, "stap5_geen_bereikbaarheid.json")
    assert "problemen op meerdere levensgebieden" not in waarom
    assert "De vijf stappen" not in waarom
    assert "stap 5" not in waarom


def test_a_zou_refusal_letter_names_its_ground_in_u_form(capsys):
    waarom = reasons(capsys, "stap5_geen_bereikbaarheid.json")
    assert "U hebt buiten kantooruren geen bereikbare hulpverlener nodig" in waarom
    assert "Geen bereikbaarheid buiten kantooruren, geen veiligheidsvraagstukken" not in waarom


class _Uitkomst:
    def __init__(self, uitkomst: str) -> None:
        self.uitkomst = uitkomst


def test_the_default_name_of_a_refusal_is_no_indicatie():
    assert default_name(_Uitkomst("geen_indicatie"), "s1", "besluit") == "besluit-s1.besluit.html"  # type: ignore[arg-type]
    assert default_name(_Uitkomst("geen_indicatie"), "s1", "markdown") == "beoordeling-s1.md"  # type: ignore[arg-type]
    assert default_name(_Uitkomst("indicatie"), "s1", "besluit") == "indicatie-s1.besluit.html"  # type: ignore[arg-type]
