"""Three motiveringen as a reviewer reads them: the consultant's text of example cases, kept as golden files.

After an intended change of wording, write them again with ``WMO_GOLDEN=schrijf python -m pytest tests/present/test_golden.py``
and read the diff before committing.
"""

import os
from pathlib import Path

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import convert_deviations, read_case
from wmo_dsl.plugins import load_region
from wmo_dsl.present.explain import build, render

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = [("lekstroom", "afwijking_intensiteit.json"), ("tsd", "ib_ontwikkelen.json"), ("zou", "stap3_bemoeizorg.json")]


def motivering(regio: str, naam: str) -> str:
    casus = read_case(ROOT / "regions" / regio / "casussen" / naam)
    rules = load_region(regio, casus.peildatum)
    b = rules.evaluate(convert_answers(rules.model, casus.antwoorden), casus.peildatum, convert_deviations(rules.model, casus))
    return render(build(b, rules), "tekst")


@pytest.mark.parametrize("regio, naam", CASES)
def test_the_motivering_reads_as_the_golden_file(regio, naam):
    path = GOLDEN / f"{regio}_{naam.removesuffix('.json')}.txt"
    text = motivering(regio, naam)
    if os.environ.get("WMO_GOLDEN") == "schrijf":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_a_changed_duration_is_said_as_the_new_one_instead_of_the_old():
    from wmo_dsl.present.wijziging import _instead

    assert _instead("6 maanden", "12 maanden") == "6 in plaats van 12 maanden"
