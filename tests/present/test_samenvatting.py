"""The outcome first: a summary of the Resultaat that fits on one screen of 80 columns."""

import json
from pathlib import Path

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import convert_deviations, read_case
from wmo_dsl.cases.resultaat import datum_tekst, resultaat
from wmo_dsl.plugins import load_region
from wmo_dsl.present.samenvatting import MEER, samenvatting

REGIONS = Path(__file__).resolve().parents[2] / "regions"
ALL = sorted(REGIONS.glob("*/casussen/*.json"))


def beoordeling(pad: Path):
    casus = read_case(pad)
    rules = load_region(json.loads(pad.read_text(encoding="utf-8"))["regio"], casus.peildatum)
    return rules.evaluate(convert_answers(rules.model, casus.antwoorden), casus.peildatum, convert_deviations(rules.model, casus))


@pytest.mark.parametrize("pad", ALL[::3], ids=lambda p: f"{p.parent.parent.name}:{p.stem}")
def test_every_summary_fits_in_eighteen_lines_of_79_columns(pad):
    lines = samenvatting(beoordeling(pad))
    assert 1 <= len(lines) <= 18 and all(len(line) <= 79 for line in lines)


def test_each_product_is_named_with_its_omvang_and_period_from_the_resultaat():
    b = beoordeling(REGIONS / "tsd" / "casussen" / "ontwikkelen_met_groep_en_bereik.json")
    text = "\n".join(samenvatting(b))
    assert text.startswith("Uitkomst: Indicatie · Toekomst Sociaal Domein · peildatum 1-6-2025")
    for p in resultaat(b).producten:
        assert f"  * {p.naam}" in text and p.omvang.tekst in text
    assert "3 uur per week · vanaf 1-6-2025, uiterlijk 31-5-2027" in text
    assert "Eerste einddatum: uiterlijk 31-5-2027" in text
    assert "ib_ontwikkelen" not in text


def test_the_next_deadline_is_the_first_on_or_after_the_peildatum_and_the_rest_is_counted():
    b = beoordeling(REGIONS / "leiden" / "casussen" / "intensief.json")
    r = resultaat(b)
    text = " ".join(" ".join(samenvatting(b)).split())
    komend = sorted((t for t in r.termijnen if t.datum >= r.peildatum), key=lambda t: t.datum)
    assert len(komend) > 2
    assert f"Eerstvolgende termijn: {datum_tekst(komend[0].datum)}. {komend[0].omschrijving}" in text
    assert f"1-9-2025 t/m {datum_tekst(r.producten[0].einddatum)} (6 maanden)" in text
    assert f"nog {len(komend) - 1} termijnen daarna" in text


def test_signals_referrals_and_missing_questions_are_what_is_still_to_do():
    signaal = "\n".join(samenvatting(beoordeling(REGIONS / "lekstroom" / "casussen" / "psychiatrie_signaal.json")))
    assert "Nog te doen:\n  ! " in signaal
    wlz = "\n".join(samenvatting(beoordeling(REGIONS / "tsd" / "casussen" / "wlz.json")))
    assert wlz.startswith("Uitkomst: Geen indicatie") and "→ verwijzen naar: Wet langdurige zorg" in wlz
    onvolledig = " ".join(samenvatting(beoordeling(REGIONS / "tsd" / "casussen" / "onvolledig_begeleiding.json")))
    assert "Nog niet te beoordelen" in onvolledig and "vragen beantwoorden" in onvolledig


def test_a_summary_that_does_not_fit_gives_each_product_one_line_and_then_is_cut():
    b = beoordeling(REGIONS / "tsd" / "casussen" / "ontwikkelen_met_groep_en_bereik.json")
    compact = samenvatting(b, hoogte=7)
    assert len(compact) <= 7 and "  * Groepstraining: 6 sessies · vanaf 1-6-2025, einde niet bepaald" in compact
    cut = samenvatting(b, hoogte=4)
    assert len(cut) == 4 and cut[-1] == MEER


def test_a_professional_deviation_is_named_in_the_summary_by_labels():
    b = beoordeling(REGIONS / "lekstroom" / "casussen" / "afwijking_intensiteit.json")
    text = "\n".join(samenvatting(b))
    assert "Professionele afweging: intensiteit → een hogere intensiteit (intensiteit +)" in text and "024A2" in text
