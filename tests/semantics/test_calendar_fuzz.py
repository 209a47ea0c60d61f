"""Generated models over every calendar function ('jaren|maanden|weken|dagen tussen', '+'/'-' with
dagen, weken, maanden, jaren and werkdagen, 'peildatum') go through check, beoordeel, the
still-needed set and the intake without a solver error, and the still-needed set is sound."""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.language.check import check
from wmo_dsl.language.parse import parse_file
from wmo_dsl.semantics.analysis import analyse
from wmo_dsl.semantics.pipeline import load_rules

from .solver_files import calendar_model

PEILDATUM = dt.date(2026, 12, 4)
_DATE = st.dates(dt.date(1930, 1, 1), dt.date(2030, 12, 31))


def _answers(draw_dates, draw_flag, model) -> dict:
    return {q: (draw_flag if vraag.soort == "janee" else date)
            for (q, vraag), date in zip(model.vragen.items(), draw_dates) if date is not None}


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(calendar_model(), st.lists(st.one_of(st.none(), _DATE), min_size=4, max_size=4), st.booleans())
def test_calendar_models_go_through_check_beoordeel_and_still_needed(tmp_path_factory, text, dates, flag):
    path = tmp_path_factory.mktemp("kalender") / "kalender.wmo"
    path.write_text(text, encoding="utf-8")
    rules = load_rules(path)
    analyse(rules.model, PEILDATUM)
    answers = _answers(dates, flag, rules.model)
    b = rules.evaluate(answers, PEILDATUM)
    needed = set(rules.still_needed(answers, PEILDATUM))
    assert set(b.ontbrekend) == needed
    # the door caught no solver error: only a time limit may leave something undecided
    assert all("tijdslimiet" in reason for reason in rules.solver_notes(PEILDATUM)), rules.solver_notes(PEILDATUM)
    # sound: with every needed question answered as well, the outcome no longer depends on the rest
    if not needed:
        assert b.uitkomst in ("indicatie", "geen_indicatie")


@settings(max_examples=4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(calendar_model(), _DATE)
def test_calendar_models_run_through_the_json_lines_intake(tmp_path_factory, text, date):
    path = tmp_path_factory.mktemp("kalender") / "kalender.wmo"
    path.write_text(text, encoding="utf-8")
    rules = load_rules(path)
    out = io.StringIO()
    replies = "\n".join(json.dumps({"antwoord": a}) for a in [date.isoformat()] * 3 + [True]) + "\n"
    run_jsonl(Gesprek.nieuw(rules, SessionStore(None), PEILDATUM), io.StringIO(replies), out)
    messages = [json.loads(line) for line in out.getvalue().splitlines()]
    assert messages and all("fout" not in m or "vraag" in m for m in messages)


def test_a_model_without_an_interpretation_of_a_calendar_function_pins_nothing(tmp_path):
    """The cause of 'ast is null': z3 leaves a calendar function uninterpreted in a model that did not
    need it, and reading that interpretation crashed."""
    import z3

    path = tmp_path / "kalender.wmo"
    path.write_text('regio k "K"\n  geldig vanaf 2025-01-01\n\nvraag geboortedatum: datum\n  tekst "Geboren?"\n\n'
                    'vraag startdatum: datum\n  tekst "Start?"\n\nleeftijd is jaren tussen geboortedatum en peildatum\n\n'
                    'product p "P"\n\nregel p\n  als leeftijd >= 18\n  dan product p\n\n'
                    'termijn t "T"\n  datum startdatum + 3 maanden\n', encoding="utf-8")
    solver = load_rules(path).solver(PEILDATUM)
    assert solver.functions  # the encoding declares calendar functions
    empty = z3.Solver()
    assert empty.check() == z3.sat
    solver.pin_calendar(empty.model())  # no interpretation at all: nothing to pin, no error


def test_a_calendar_function_given_as_a_bare_else_value_is_pinned_at_the_points_the_model_uses(tmp_path):
    """z3 often gives an interpretation as '[else -> 69]' without entries; the true value must still be
    pinned where the encoding applies the function, or the same spurious model comes back."""
    import z3

    path = tmp_path / "leeftijd.wmo"
    path.write_text('regio l "L"\n  geldig vanaf 2025-01-01\n\nvraag geboortedatum: datum\n  tekst "Geboren?"\n\n'
                    'vraag inkomen_laag: ja/nee\n  tekst "Laag inkomen?"\n\nleeftijd is jaren tussen geboortedatum en peildatum\n\n'
                    'product p "P"\n\nregel p\n  als leeftijd >= 70 en inkomen_laag\n  dan product p\n', encoding="utf-8")
    solver = load_rules(path).solver(PEILDATUM)
    born = dt.date(1956, 12, 5).toordinal()
    fake = z3.Solver()
    f = z3.Function("jaren_tussen", z3.IntSort(), z3.IntSort(), z3.IntSort())
    fake.add(z3.Int("a.q.geboortedatum") == born, z3.Int("b.q.geboortedatum") == born, f(born, PEILDATUM.toordinal()) == 70)
    assert fake.check() == z3.sat
    before = len(solver.solver.assertions())
    solver.pin_calendar(fake.model())
    pinned = solver.solver.assertions()[before:]
    assert pinned and all("69" in str(p) for p in pinned)  # one day before the 70th birthday: 69, whatever the model said


def test_a_gap_at_an_exact_age_is_reported_at_that_age_not_a_year_off(tmp_path):
    """The solver may guess an age from a birth date a year off; the example is checked by the
    evaluator and the age pinned until the gap is real."""
    path = tmp_path / "leeftijd.wmo"
    path.write_text('regio l "L"\n  geldig vanaf 2025-01-01\n\nvraag geboortedatum: datum\n  tekst "Geboren?"\n\n'
                    'leeftijd is jaren tussen geboortedatum en peildatum\n\n'
                    'product jong "Jong"\n\nproduct oud "Oud"\n\n'
                    'tabel groep: leeftijd -> product\n  < 70 -> jong\n  > 70 -> oud\n\n'
                    'regel groep\n  als groep != geen\n  dan product groep\n', encoding="utf-8")
    findings = [f for f in analyse(check(parse_file(path)), dt.date(2025, 1, 1)) if f.code == "W010"]
    assert len(findings) == 1 and "leeftijd 70" in findings[0].bericht and "69" not in findings[0].bericht, findings
