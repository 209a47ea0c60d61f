"""No ids in the conversation: prompts, the overview, 'wijzig N' and 'afwijken' speak in labels."""

import datetime as dt
from pathlib import Path

import pytest

from wmo_dsl.cases.natural import AntwoordFout
from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.errors import WmoFout
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.labels import prompt_of
from wmo_dsl.language.check import check
from wmo_dsl.language.parse import parse_text
from wmo_dsl.plugins import load_region

from ..conftest import PEILDATUM

HUISGENOTEN = Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo"


@pytest.fixture(scope="module")
def tsd():
    return load_region("tsd")


DAGBESTEDING = {"dagbesteding_nodig": "ja", "mantelzorger_ontlasten": "ja"}


def tsd_gesprek(tsd, answers: dict, until: str | None = None) -> Gesprek:
    """Answer what is asked (ja/nee questions 'nee' unless ``answers`` says otherwise) up to ``until``."""
    g = Gesprek.nieuw(tsd, SessionStore(None), dt.date(2025, 6, 1))
    while (vraag := g.volgende()) is not None and vraag.id != until:
        g.beantwoord_tekst(vraag, answers.get(vraag.id, "nee"))
    return g


def test_a_prompt_is_the_questions_label_a_persons_question_names_the_person_and_otherwise_it_is_antwoord(tsd):
    vragen = tsd.model.vragen
    assert prompt_of(vragen["leerbaar"]) == "leerbaarheid> "
    assert prompt_of(vragen["afstand_km"]) == "afstand naar de dagbesteding> "
    assert prompt_of(vragen["wlz_indicatie"]) == "antwoord> "
    huis = check(parse_text(HUISGENOTEN.read_text(encoding="utf-8"), str(HUISGENOTEN))).vragen
    assert prompt_of(huis["huisgenoten[2].leeftijd"]) == "leeftijd (huisgenoot 2)> "
    assert all("_" not in prompt_of(v) and "[" not in prompt_of(v) for v in [*vragen.values(), *huis.values()])


def test_afwijken_takes_a_number_or_the_beginning_of_a_label_for_the_value_and_its_new_value(tsd):
    g = tsd_gesprek(tsd, DAGBESTEDING, until="zelfstandig_reizen")
    namen = list(g.afwijkbaar())
    assert g.kies_onderwerp(str(namen.index("dagbesteding_soort") + 1)) == "dagbesteding_soort"
    assert g.kies_onderwerp("soort dag") == "dagbesteding_soort"
    assert g.afwijkende_waarde("dagbesteding_soort", "2") == "ontwikkelen"
    assert g.afwijkende_waarde("soort dagbesteding", "behoud") == "behouden"  # the beginning, as at any question
    assert g.afwijkende_waarde("dagbesteding_soort", "ontwikkelen") == "ontwikkelen"  # the id, as a program sends it


def test_a_refused_deviation_names_labels_and_numbers_never_ids(tsd):
    g = tsd_gesprek(tsd, DAGBESTEDING, until="zelfstandig_reizen")
    with pytest.raises(AntwoordFout) as fout:
        g.afwijkende_waarde("dagbesteding_soort", "uitbreiden")
    melding = str(fout.value)
    assert "geen mogelijke waarde van soort dagbesteding" in melding and "1 behouden wat u kunt; 2 ontwikkelen" in melding
    assert "dagbesteding_soort" not in melding
    with pytest.raises(AntwoordFout) as typo:
        g.kies_onderwerp("soort dagbestedng")
    assert "bedoelde u 'soort dagbesteding'?" in str(typo.value) and typo.value.suggestie == "dagbesteding_soort"
    with pytest.raises(WmoFout) as onbekend:
        g.afwijkende_waarde("niets hiervan", "1")
    assert "route bij een crisis" in onbekend.value.melding() and "acute_route" not in onbekend.value.melding()


def test_the_overview_names_derived_values_by_label_and_products_by_name(tsd):
    g = tsd_gesprek(tsd, {**DAGBESTEDING, "dagdelen_per_week": "4", "afstand_km": "4", "ritten_per_week": "4", "etmalen": "4"})
    assert "  - vervoer naar de dagbesteding: Vervoer naar de dagbesteding, 0-5 km" in g.overzicht()
    g.wijk_af("vervoersklasse", "2", "De dichtstbijzijnde plek is vol")  # the labelled products come first
    text = g.overzicht()
    assert "Professionele afweging: vervoer naar de dagbesteding → Vervoer naar de dagbesteding, 5-10 km (De dichtstbijzijnde" in text
    assert "vervoer_5_10" not in text and "vervoersklasse" not in text and "acute_route" not in text


def test_the_numbers_of_the_answers_have_no_gaps_and_are_the_numbers_wijzig_takes(lekstroom):
    g = Gesprek.nieuw(lekstroom, SessionStore(None), PEILDATUM)
    for tekst in ["zelfzorg", "behouden", "geen", "nee", "nee"]:  # type behouden: 'alleen waakvlam' is asked
        g.beantwoord_tekst(g.volgende(), tekst)
    g.beantwoord_tekst(g.zoek_vraag("soort ondersteuning"), "ontwikkelen")  # now 'alleen waakvlam' no longer matters
    assert g.volgende() is None
    tellend = [v.id for v in g.genummerd() if v.id in g.relevante_antwoorden()]
    assert tellend == ["resultaatgebieden", "type", "verzwarende_omstandigheden", "verandering_verwacht"]
    assert [g.zoek_vraag(str(i)).id for i in range(1, 5)] == tellend
    assert g.zoek_vraag("5").id == "alleen_waakvlam"
    assert "5. Is alleen nog" not in g.overzicht() and "(doet er niet meer toe)" in g.overzicht().splitlines()[5]
    with pytest.raises(WmoFout, match="1. resultaatgebieden; 2. soort ondersteuning"):
        g.zoek_vraag("xyz")
    n = len(g.genummerd())
    with pytest.raises(WmoFout) as info:
        g.zoek_vraag("9")
    assert str(info.value) == (f"Er is geen vraag 9; typ het nummer van een beantwoorde vraag (1 tot en met {n}) "
                               "of het begin van de vraag.")


def test_wijzig_with_a_number_before_any_answer_says_there_is_no_such_question(lekstroom):
    g = Gesprek.nieuw(lekstroom, SessionStore(None), PEILDATUM)
    with pytest.raises(WmoFout, match="^Er is geen vraag 1: er is nog geen vraag beantwoord.$"):
        g.zoek_vraag("1")
