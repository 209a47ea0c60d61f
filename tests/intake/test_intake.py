"""The conversation core: only relevant questions, and every command of the intake."""

import pytest

from wmo_dsl.errors import WmoFout
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.opdrachten import command_of
from wmo_dsl.cases.natural import AntwoordFout
from wmo_dsl.plugins import load_region
from wmo_dsl.cases.sessions import SessionStore

from ..conftest import PEILDATUM


@pytest.fixture
def gesprek(lekstroom, tmp_path):
    return Gesprek.nieuw(lekstroom, SessionStore(tmp_path / "s.db"), PEILDATUM)


def answer(g, *texts):
    for text in texts:
        g.beantwoord_tekst(g.volgende(), text)


def asked(g, texts):
    """Answer in turn and return the ids of the questions asked."""
    ids = []
    for text in texts:
        vraag = g.volgende()
        ids.append(vraag.id)
        g.beantwoord_tekst(vraag, text)
    assert g.volgende() is None
    return ids


def test_only_administratie_ends_after_one_question(gesprek):
    assert asked(gesprek, ["administratie"]) == ["resultaatgebieden"]
    b = gesprek.beoordeling()
    assert b.uitkomst == "geen_indicatie" and [v for v, _ in b.conclusies.verwijzingen] == ["voorliggend_veld"]


def test_a_024A2_case_never_asks_the_lowest_or_highest_product_questions(gesprek):
    ids = asked(gesprek, ["zelfzorg, wonen en sociaal", "ontwikkelen", "gedrag", "nee"])
    assert ids == ["resultaatgebieden", "type", "verzwarende_omstandigheden", "verandering_verwacht"]
    assert [p.product for p in gesprek.beoordeling().producten] == ["024A2"]


def test_a_026A3_case_asks_whether_the_highest_product_is_enough(gesprek):
    ids = asked(gesprek, ["1,2,3,4,5,6", "ontwikkelen", "gedrag en psychiatrie", "ja", "nee", "20 uur"])
    assert "hoogste_product_ontoereikend" in ids
    assert ids[-1] == "uren_per_maand"  # how much comes last, once it is clear what
    assert [p.product for p in gesprek.beoordeling().producten] == ["zware_ib"]


def test_terug_undoes_the_last_answer_and_asks_it_again(gesprek):
    answer(gesprek, "zelfzorg", "behouden")
    assert gesprek.terug().id == "type"
    assert gesprek.volgende().id == "type" and "type" not in gesprek.antwoorden


def test_wijzig_drops_questions_that_no_longer_matter_and_asks_new_ones(gesprek):
    answer(gesprek, "zelfzorg", "behouden", "geen", "nee")  # 022B1: waakvlam asked
    assert gesprek.volgende().id == "verandering_verwacht"
    answer(gesprek, "nee")
    assert gesprek.volgende() is None
    gesprek.beantwoord_tekst(gesprek.zoek_vraag("resultaatgebieden"), "1,2,3,4,5,6")
    assert "alleen_waakvlam" not in gesprek.relevante_antwoorden()
    assert "(doet er niet meer toe)" in gesprek.overzicht()
    gesprek.beantwoord_tekst(gesprek.zoek_vraag("verzwarende"), "gedrag, psychiatrie")
    gesprek.beantwoord_tekst(gesprek.zoek_vraag("type"), "ontwikkelen")
    assert gesprek.volgende().id == "hoogste_product_ontoereikend"


def test_waarom_names_what_needs_the_question_with_source_and_help(gesprek):
    answer(gesprek, "zelfzorg", "behouden", "geen")
    text = gesprek.waarom(gesprek.volgende())
    assert "Is alleen nog een lichte 'leun en steun'-functie nodig" in text
    assert "Bron: §5 Lichte en zware Individuele Begeleiding" in text
    assert "  - product (§5 Lichte en zware Individuele Begeleiding)" in text and "afgeleide waarde" not in text
    assert "Toelichting: Dan is het laagste product (022B1) meer dan nodig" in text


def test_overzicht_shows_answers_and_what_is_decided(gesprek):
    answer(gesprek, "zelfzorg en wonen", "ontwikkelen")
    text = gesprek.overzicht()
    assert "1. resultaatgebieden: Zelfzorg en (geestelijke en lichamelijke) gezondheid; Woonvaardigheden" in text
    assert "  - omvang van de ondersteuning: gemiddeld (1 of 2 resultaatgebieden)" in text
    assert "Nog nodig: 2 vragen (verzwarende omstandigheden; verandering verwacht)" in text


def test_later_skips_a_question_until_what_it_decides_comes_up(gesprek):
    answer(gesprek, "zelfzorg")
    gesprek.sla_over("type")
    assert gesprek.volgende().id == "verzwarende_omstandigheden"  # needed whatever the type
    answer(gesprek, "geen")
    assert gesprek.volgende().id == "verandering_verwacht"  # needed whatever the type
    answer(gesprek, "nee")
    assert gesprek.volgende().id == "type"  # 'alleen waakvlam' matters only for one type: it waits
    gesprek.sla_over("type")  # skipped again: what waited is asked now
    assert gesprek.volgende().id == "alleen_waakvlam"
    answer(gesprek, "nee")
    assert gesprek.volgende().id == "type"


def test_afwijken_needs_a_reason_and_shows_as_professionele_afweging(gesprek):
    from wmo_dsl.present.explain import build, render

    answer(gesprek, "zelfzorg", "ontwikkelen", "geen")
    with pytest.raises(WmoFout, match="reden"):
        gesprek.wijk_af("intensiteit", "plus", "  ")
    gesprek.wijk_af("intensiteit", "plus", "Zorgmijding speelt, maar is nog niet te benoemen")
    answer(gesprek, "nee")
    b = gesprek.beoordeling()
    assert [p.product for p in b.producten] == ["022A2"]
    text = render(build(b), "tekst")
    flat = " ".join(text.split())
    assert "Professionele afweging" in text and ("Volgens de regels geldt: een gemiddelde intensiteit. De consulent kiest na een "
                                                 "professionele afweging voor: een hogere intensiteit (intensiteit +). "
                                                 "Reden: Zorgmijding speelt") in flat
    assert gesprek.casus()["afwijkingen"][0]["waarde"] == "plus"


def test_a_refused_answer_records_nothing(gesprek):
    vraag = gesprek.volgende()
    with pytest.raises(AntwoordFout):
        gesprek.beantwoord_tekst(vraag, "tuinieren")
    assert gesprek.antwoorden == {} and gesprek.volgende().id == vraag.id


def test_a_session_resumes_exactly_where_it_stopped(gesprek, tmp_path):
    answer(gesprek, "zelfzorg en wonen", "ontwikkelen")
    gesprek.sla_over("verzwarende_omstandigheden")
    gesprek.wijk_af("intensiteit", "plusplus", "gezin vraagt veel")
    weer = Gesprek.hervat(SessionStore(tmp_path / "s.db"), gesprek.sessie_id, lambda regio, p: load_region(regio))
    assert weer.antwoorden == gesprek.antwoorden and weer.later == ["verzwarende_omstandigheden"]
    assert weer.afwijkingen == gesprek.afwijkingen
    assert weer.volgende().id == gesprek.volgende().id == "verandering_verwacht"


def test_commands_are_recognised_and_answers_are_not():
    assert command_of("wijzig type") == ("wijzig", "type")
    assert command_of("Waarom") == ("waarom", "")
    assert command_of("?") == ("help", "")
    assert command_of("zelfzorg") is None
