"""Eisen: the solver and the proofs assume them; answers that break one are refused."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.errors import CasusFout, RegelbestandFout
from wmo_dsl.semantics.eisen import broken_eis
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.pipeline import checked

from ..conftest import findings

DATA = Path(__file__).resolve().parent.parent / "data" / "eisen.wmo"
PEILDATUM = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def rules():
    return Rules(checked(DATA))


def test_a_gap_only_a_forbidden_answer_reaches_is_not_reported():
    assert checked(DATA).waarschuwingen == ()


def test_without_the_eis_the_same_table_has_a_gap(tmp_path):
    path = tmp_path / "zonder.wmo"
    path.write_text(DATA.read_text(encoding="utf-8").replace("\neis ", "\n# eis "), encoding="utf-8")
    with pytest.raises(RegelbestandFout) as err:
        checked(path)
    assert [f.code for f in err.value.bevindingen if f.ernst == "fout"] == ["W010"]


def test_the_intake_does_not_ask_what_only_a_second_partner_could_make_relevant(rules):
    answers = {"huisgenoten": Decimal(2), "huisgenoten[1].relatie": "kind"}
    assert rules.still_needed(answers, PEILDATUM) == ["huisgenoten[2].relatie"]
    with_partner = {"huisgenoten": Decimal(3), "huisgenoten[1].relatie": "partner"}
    assert rules.still_needed(with_partner, PEILDATUM) == []  # only a second partner would change the outcome


def test_without_the_eis_the_intake_would_ask_about_a_second_partner(tmp_path):
    path = tmp_path / "zonder.wmo"
    path.write_text(DATA.read_text(encoding="utf-8").replace("\neis ", "\n# eis ").replace("  0 -> \"geen\"\n",
                    "  0 -> \"geen\"\n  >= 2 -> \"meer\"\n"), encoding="utf-8")
    zonder = Rules(checked(path))
    with_partner = {"huisgenoten": Decimal(3), "huisgenoten[1].relatie": "partner"}
    assert zonder.still_needed(with_partner, PEILDATUM) == ["huisgenoten[2].relatie", "huisgenoten[3].relatie"]


def test_answers_that_make_the_condition_false_break_the_eis(rules):
    answers = {"huisgenoten": Decimal(2), "huisgenoten[1].relatie": "partner", "huisgenoten[2].relatie": "partner"}
    assert broken_eis(rules, answers, PEILDATUM).melding == "Er is hoogstens één partner."


def test_answers_that_no_completion_can_save_break_the_eis_before_the_last_housemate_is_known(rules):
    answers = {"huisgenoten": Decimal(3), "huisgenoten[1].relatie": "partner", "huisgenoten[2].relatie": "partner"}
    assert broken_eis(rules, answers, PEILDATUM) is not None
    assert broken_eis(rules, {**answers, "huisgenoten[2].relatie": "kind"}, PEILDATUM) is None


def test_a_case_that_breaks_an_eis_is_refused_with_its_message(rules):
    answers = {"huisgenoten": Decimal(2), "huisgenoten[1].relatie": "partner", "huisgenoten[2].relatie": "partner"}
    for evaluate in (rules.evaluate, rules.evaluate_fast):
        with pytest.raises(CasusFout, match="eis op regel 15 van de regels: Er is hoogstens één partner"):
            evaluate(answers, PEILDATUM)


def test_an_eis_that_is_not_a_yes_no_condition_is_e207():
    (f,) = [f for f in findings('vraag n: getal\neis n + 1 "Klopt niet."\n') if f.ernst == "fout"]
    assert f.code == "E207" and "een eis moet ja/nee zijn" in f.bericht


def test_a_complete_case_fills_the_questions_it_skips_with_answers_that_keep_every_eis(rules):
    b = rules.evaluate({"huisgenoten": Decimal(3), "huisgenoten[1].relatie": "partner"}, PEILDATUM)
    assert b.uitkomst == "geen_indicatie" and b.conclusies.geen_indicatie == ["partner_helpt"]
    assert b.waarden["partners"] == 1


RELATIES = (None, "partner", "kind", "anders")


def _brute_needed(rules, answers):
    """Every question that some pair of eis-keeping completions, differing only in it, shows to matter."""
    import itertools

    from wmo_dsl.semantics.eisen import allowed

    model = rules.model
    n = int(answers["huisgenoten"])
    open_qs = [f"huisgenoten[{i}].relatie" for i in range(1, n + 1) if f"huisgenoten[{i}].relatie" not in answers]
    keys = {}
    for values in itertools.product(RELATIES[1:], repeat=len(open_qs)):
        full = {**answers, **dict(zip(open_qs, values))}
        if allowed(model, full, peildatum=PEILDATUM):
            keys[values] = rules.evaluate(full, PEILDATUM).conclusies.key
    return sorted(q for i, q in enumerate(open_qs)
                  if any(keys[a] != keys[b] for a in keys for b in keys if all(x == y for j, (x, y) in enumerate(zip(a, b)) if j != i)))


@pytest.mark.parametrize("n", [2, 3])
def test_the_still_needed_set_is_exactly_what_eis_keeping_answers_can_change(rules, n):
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=12, deadline=None)
    @given(st.lists(st.sampled_from(RELATIES), min_size=n, max_size=n))
    def check(relaties):
        answers = {"huisgenoten": Decimal(n), **{f"huisgenoten[{i}].relatie": r for i, r in enumerate(relaties, 1) if r}}
        if broken_eis(rules, answers, PEILDATUM) is not None:
            return
        assert sorted(rules.still_needed(answers, PEILDATUM)) == _brute_needed(rules, answers)

    check()


def test_eisen_that_admit_no_answer_at_all_are_an_error(tmp_path):
    path = tmp_path / "onmogelijk.wmo"
    path.write_text(DATA.read_text(encoding="utf-8") + 'eis aantal huisgenoten > 3 "Er wonen meer dan drie mensen."\n',
                    encoding="utf-8")
    with pytest.raises(RegelbestandFout) as err:
        checked(path)
    (f,) = [f for f in err.value.bevindingen if f.ernst == "fout"]
    assert f.code == "W035" and "laten samen geen enkel antwoord toe" in f.bericht and f.regel == 15
