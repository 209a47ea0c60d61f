"""Rates, the region's own units and periods with a count compute as by hand, and the solver agrees."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.semantics.pipeline import load_rules

from ..conftest import HEADER

RULES = Path(__file__).resolve().parents[1] / "data" / "vervoer.wmo"
PEILDATUM = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def rules():
    return load_rules(RULES)


def judge(rules, **antwoorden):
    return rules.evaluate(convert_answers(rules.model, antwoorden), PEILDATUM)


def test_the_transport_region_checks_clean(rules):
    assert [f"{f.code} {f.bericht}" for f in rules.model.waarschuwingen] == []


def test_a_rate_times_a_distance_is_money_exactly(rules):
    b = judge(rules, afstand="12,5 km", zones_per_rit=3, ritten=3, inkomen="€ 1.250,50")
    # 12,5 km * 0,18 euro per km = 2,25 euro; 3 zones * 0,65 = 1,95 euro
    assert (b.waarden["rit_km"], b.waarden["rit_zones"], b.waarden["rit"]) == (Decimal("2.25"), Decimal("1.95"), Decimal("2.25"))
    assert all(type(v) is Decimal for v in (b.waarden["rit_km"], b.waarden["rit"]))
    assert b.waarden["prijs_per_km"] == Decimal("0.18")
    (product,) = b.producten
    assert (product.product, product.volume) == ("08V01", Decimal(700))


def test_a_period_of_4_weeks_is_a_thirteenth_of_a_year(rules):
    b = judge(rules, afstand=1, zones_per_rit=1, ritten=1, inkomen=0)
    assert b.waarden["abonnement_per_week"] == Decimal(25)  # 100 euro per 4 weken * 13 / 52


def test_a_declared_unit_with_is_converts_and_a_rate_of_minutes_per_session_counts(rules):
    b = judge(rules, afstand=1, zones_per_rit=1, ritten=1, inkomen=0)
    assert (b.waarden["lang"], b.waarden["twee_sessies"]) == (Decimal(12), Decimal(30))


def test_rounding_to_cents_rounds_half_up(rules):
    b = judge(rules, afstand="12,53", zones_per_rit=0, ritten=1, inkomen=0)
    assert b.waarden["rit"] == Decimal("2.26")  # 2,2554 euro


def test_the_solver_reads_a_rate_as_the_evaluator_does(tmp_path):
    """A rule that needs more than 10 euro from fewer than 5 km at 0,18 euro per km never holds (W020),
    and one that needs more than 0,50 euro does (it is not reported)."""
    path = tmp_path / "r.wmo"
    path.write_text(HEADER + 'vraag afstand: getal\n  label "afstand"\n  eenheid km\n  minimaal 0\n'
                    "parameter km_tarief is 0,18 euro per km\n  label \"tarief\"\n"
                    'product p "P"\nproduct q "Q"\n'
                    "regel nooit\n  als afstand * km_tarief > 10 euro en afstand < 5 km\n  dan product p\n"
                    "regel soms\n  als afstand * km_tarief > 0,5 euro en afstand < 5 km\n  dan product q\n", encoding="utf-8")
    from wmo_dsl.semantics.pipeline import checked

    codes = {(f.code, f.bericht.split("'")[1]) for f in checked(path).waarschuwingen if f.code == "W020"}
    assert codes == {("W020", "nooit")}


def test_a_volume_in_a_unit_without_an_iwmo_code_is_a_finding_and_the_toewijzing_says_why(tmp_path, capsys):
    """No silent 'frequentie: null': W028 at check time, and the toewijzing refuses the product with the reason."""
    import json

    from wmo_dsl.cli import main
    from wmo_dsl.semantics.pipeline import checked

    path = tmp_path / "r.wmo"
    path.write_text(RULES.read_text(encoding="utf-8").replace('    eenheid "84"\n', ""), encoding="utf-8")
    (w028,) = [f for f in checked(path).waarschuwingen if f.code == "W028"]
    assert "de eenheid strippen heeft geen iWmo-eenheid" in w028.bericht and 'eenheid "84"' in w028.bericht
    case = tmp_path / "casus.json"
    case.write_text(json.dumps({"peildatum": "2025-03-01", "antwoorden": {
        "afstand": 20, "zones_per_rit": 1, "ritten": 3, "inkomen": 100}}), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(path), str(case), "--formaat", "json"]) == 0
    toewijzing = json.loads(capsys.readouterr().out)["toewijzing"]
    assert toewijzing["producten"] == []
    assert [g["product"] for g in toewijzing["geweigerd"]] == ["Strippenkaart"]
    assert "strippen heeft geen iWmo-eenheid" in toewijzing["geweigerd"][0]["reden"]


def test_a_volume_per_4_weeks_has_no_iwmo_frequentie_and_says_how_to_convert(tmp_path):
    from wmo_dsl.semantics.pipeline import checked

    path = tmp_path / "r.wmo"
    path.write_text(RULES.read_text(encoding="utf-8").replace("volume 700 strippen per jaar", "volume 50 strippen per 4 weken"),
                    encoding="utf-8")
    (w028,) = [f for f in checked(path).waarschuwingen if f.code == "W028"]
    assert "'per 4 weken' is geen iWmo-frequentie" in w028.bericht and "per week" in w028.bericht


@pytest.mark.parametrize("afstand, zones, ritten, inkomen", [
    (Decimal("12.5"), Decimal(3), Decimal(3), Decimal("1250.50")), (Decimal("11.11"), Decimal(0), Decimal(3), Decimal(0)),
    (Decimal("11.12"), Decimal(4), Decimal("2.5"), Decimal(1999)), (Decimal(0), Decimal(0), Decimal(0), Decimal(2000)),
])
def test_the_evaluator_and_the_compiled_function_agree_on_rates(rules, afstand, zones, ritten, inkomen):
    from wmo_dsl.semantics.evaluate import Evaluation

    answers = {"afstand": afstand, "zones_per_rit": zones, "ritten": ritten, "inkomen": inkomen}
    traced = Evaluation(rules.model, answers)
    values, compiled = rules.compiled(answers)
    assert compiled == traced.conclude()
    assert values == {n: traced.value(n) for n in values}


def test_still_needed_asks_the_distance_until_the_rate_decides(rules):
    # with zones 4 * 0,65 = 2,60 euro the ride costs more than 2 euro whatever the distance
    assert "afstand" not in rules.still_needed({"zones_per_rit": Decimal(4), "ritten": Decimal(3), "inkomen": Decimal(100)}, PEILDATUM)
    assert "afstand" in rules.still_needed({"zones_per_rit": Decimal(1), "ritten": Decimal(3), "inkomen": Decimal(100)}, PEILDATUM)
