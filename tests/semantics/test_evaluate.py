"""Evaluation: outcomes, durations and a trace that says which row or case decided each value."""

from wmo_dsl.semantics.evaluate import Evaluation

ALL_AREAS = ["zelfzorg_gezondheid", "regelvermogen_dagstructuur", "administratie_financien",
             "sociaal_functioneren", "zingeving_meedoen", "woonvaardigheden"]


def test_matrix_product_comes_with_the_duration_of_its_type(evaluate):
    b = evaluate(resultaatgebieden=["zelfzorg_gezondheid", "woonvaardigheden", "sociaal_functioneren"], type="behouden",
                 verzwarende_omstandigheden=["gedrag", "huishouden"], verandering_verwacht=False)
    (p,) = b.producten
    assert (p.product, p.duur.aantal, p.maximale_duur.aantal) == ("024B3", 24, 60)
    assert b.uitkomst == "indicatie"


def test_expected_change_shortens_the_indicatie_and_warns(evaluate):
    b = evaluate(resultaatgebieden=["zelfzorg_gezondheid"], type="ontwikkelen", verzwarende_omstandigheden=[], verandering_verwacht=True)
    (p,) = b.producten
    assert p.duur.aantal < 12
    assert [s for s, _ in b.conclusies.signalen] == ["korte_indicatie"]


def test_trace_names_the_table_row_and_source(evaluate, lekstroom):
    b = evaluate(resultaatgebieden=ALL_AREAS, type="ontwikkelen", verzwarende_omstandigheden=["gedrag", "psychiatrie"],
                 hoogste_product_ontoereikend=False, verandering_verwacht=False)
    stap = b.evaluatie.trace["matrixproduct"]
    assert stap.waarde == "026A3"
    assert "-> 026A3" in lekstroom.model.bronregels[stap.regelnummer - 1]
    assert stap.bron == "Toelichting: schematisch productmodel"
    assert set(stap.gelezen) == {"omvang", "type", "intensiteit"}


def test_trace_of_a_case_value_names_its_condition_and_answers(evaluate, lekstroom):
    b = evaluate(resultaatgebieden=["zelfzorg_gezondheid"], type="ontwikkelen", verzwarende_omstandigheden=["life_event"], verandering_verwacht=False)
    stap = b.evaluatie.trace["intensiteit"]
    assert stap.waarde == "plus" and stap.gelezen == ("verzwarende_omstandigheden",)
    assert "plus" in lekstroom.model.bronregels[stap.regelnummer - 1]
    assert stap.bron == "§3 Benodigde intensiteit"


def test_no_indicatie_overrides_products_but_keeps_the_referral(evaluate):
    b = evaluate(resultaatgebieden=["administratie_financien"])
    assert b.uitkomst == "geen_indicatie" and b.producten == []
    assert b.conclusies.verwijzingen == [("voorliggend_veld", "alleen_administratie_en_financien")]


def test_incomplete_cases_report_known_values_only(evaluate):
    b = evaluate(resultaatgebieden=["zelfzorg_gezondheid", "woonvaardigheden"])
    assert b.uitkomst == "onvolledig"
    assert b.waarden["omvang"] == "gemiddeld"
    assert "intensiteit" not in b.waarden


def test_evaluation_is_deterministic(lekstroom):
    answers = {"resultaatgebieden": frozenset(ALL_AREAS), "type": "behouden", "verzwarende_omstandigheden": frozenset(),
               "alleen_waakvlam": False, "hoogste_product_ontoereikend": False, "verandering_verwacht": False}
    keys = {Evaluation(lekstroom.model, answers).conclude().key for _ in range(3)}
    assert len(keys) == 1
