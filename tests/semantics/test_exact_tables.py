"""Gaps and overlaps of exact tables are decided without the solver (exact_tables.py), and say
what the solver's path says: compared on small random exact tables."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.language.check import check
from wmo_dsl.language.parse import parse_text
from wmo_dsl.semantics import analysis
from wmo_dsl.semantics.exact_tables import complete, overlapping_pairs
from wmo_dsl.semantics.lookup import ANY, exact_rows
from wmo_dsl.semantics.solver import Solver

HEADER = 'regio proef "Proef"\n  bron "test" versie "1"\n  geldig vanaf 2024-01-01\n\n'
COLUMNS = {"soort": ["a", "b", "c"], "zwaar": ["ja", "nee"], "vorm": ["x", "y"]}
PRODUCTS = ["p1", "p2", "p3"]


def rule_text(columns: list[str], rows: list[tuple[list[str], str]], eerste_treffer: bool) -> str:
    text = HEADER
    for naam in columns:
        if naam == "zwaar":
            text += 'vraag zwaar: ja/nee\n  tekst "Zwaar?"\n\n'
        else:
            text += f"vraag {naam}: keuze\n" + "".join(f'  optie {naam}_{o} "{o}"\n' for o in COLUMNS[naam]) + "\n"
    for p in PRODUCTS:
        text += f'product {p} "{p}"\n  eenheid per maand\n  duur 12 maanden\n\n'
    text += f"tabel besluit: {' | '.join(columns)} -> product\n" + ("  eerste treffer\n" if eerste_treffer else "")
    for cells, uitkomst in rows:
        text += "  " + " | ".join(cells) + f" -> {uitkomst}\n"
    return text + "\nregel besluit\n  als besluit != geen\n  dan product besluit\n"


def cell_of(naam: str, value: str) -> str:
    return value if value == "-" or naam == "zwaar" else f"{naam}_{value}"


@st.composite
def tables(draw, wildcards: bool = True):
    columns = draw(st.sampled_from([["soort"], ["soort", "zwaar"], ["soort", "vorm"], ["zwaar", "soort", "vorm"]]))
    choices = {c: COLUMNS[c] + (["-"] if wildcards else []) for c in columns}
    rows = draw(st.lists(st.tuples(st.tuples(*[st.sampled_from(choices[c]) for c in columns]), st.sampled_from(PRODUCTS)),
                         min_size=1, max_size=9))
    eerste = draw(st.booleans())
    return rule_text(columns, [([cell_of(c, v) for c, v in zip(columns, cells)], p) for cells, p in rows], eerste)


def model_of(text: str):
    return check(parse_text(text))


def solver_of(model):
    return Solver(model, dt.date(2025, 1, 1), analysis=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_an_exact_table_is_complete_exactly_when_the_solver_finds_no_gap(text):
    model = model_of(text)
    tabel = model.tabellen["besluit"]
    exact = exact_rows(model, tabel)
    assert exact is not None, "every cell is a plain value or '-'"
    gaps = analysis._gaps(model, solver_of(model), tabel)
    assert complete(*exact) is (not gaps)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_exact_overlaps_are_the_solvers_overlaps(text):
    model = model_of(text)
    tabel = model.tabellen["besluit"]
    if tabel.eerste_treffer:
        return
    exact = exact_rows(model, tabel)
    assert exact is not None
    by_solver = analysis._overlaps(model, solver_of(model), tabel)
    pairs = overlapping_pairs(exact[1], [r.uitkomst for r in tabel.rijen])
    if pairs is None:  # '-' cells and an overlap: left to the solver, which must then find one
        assert any(f.code == "W011" for f in by_solver)
        return
    fast = analysis._exact_overlaps(model, tabel, exact[1], pairs)
    assert sorted((f.code, f.bericht.split(",")[0], f.regel) for f in fast) == \
        sorted((f.code, f.bericht.split(",")[0], f.regel) for f in by_solver)


def test_without_dashes_the_overlap_message_and_example_are_the_solvers():
    text = rule_text(["soort", "zwaar"], [(["soort_a", "ja"], "p1"), (["soort_b", "ja"], "p1"), (["soort_a", "ja"], "p2")], False)
    model = model_of(text)
    tabel = model.tabellen["besluit"]
    exact = exact_rows(model, tabel)
    assert exact is not None
    fast = analysis._exact_overlaps(model, tabel, exact[1], overlapping_pairs(exact[1], [r.uitkomst for r in tabel.rijen]) or [])
    by_solver = analysis._overlaps(model, solver_of(model), tabel)
    assert [f.bericht for f in fast] == [f.bericht for f in by_solver]
    assert len(fast) == 1 and "bijvoorbeeld bij: soort" in fast[0].bericht


def test_a_table_with_a_range_or_a_derived_column_is_not_exact():
    text = HEADER + "vraag uren: getal\n  minimaal 0\n  maximaal 10\n\n" + 'product p1 "p1"\n  eenheid per maand\n  duur 12 maanden\n\n'
    text += "tabel besluit: uren -> product\n  0 tot 5 -> p1\n\nregel besluit\n  als besluit != geen\n  dan product besluit\n"
    model = model_of(text)
    assert exact_rows(model, model.tabellen["besluit"]) is None


def test_completeness_splits_on_columns_and_does_not_list_the_product():
    domains = [list(range(50))] * 6  # 50**6 combinations
    keys = [(v, ANY, ANY, ANY, ANY, ANY) for v in range(50)]
    assert complete(domains, keys) is True
    assert complete(domains, keys[:-1]) is False


def test_a_plain_ten_thousand_row_table_is_proven_without_w030_and_without_a_solver_session(monkeypatch):
    import sys
    from pathlib import Path

    from wmo_dsl.semantics import lazy_solver

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import generate

    def no_session(*args, **kwargs):
        raise AssertionError("every proof of this file is decided without the solver")

    monkeypatch.setattr(lazy_solver, "Solver", no_session)
    model = model_of(generate.exact_table(10_000))
    codes = [f.code for f in analysis.analyse(model)]
    assert "W030" not in codes and "W010" not in codes and "W011" not in codes


def test_a_table_with_a_gap_still_asks_the_solver_for_the_missing_rows():
    text = rule_text(["soort", "zwaar"], [(["soort_a", "-"], "p1"), (["soort_b", "ja"], "p2")], False)
    model = model_of(text)
    found = [f for f in analysis.analyse(model) if f.code == "W010"]
    assert len(found) == 1 and "soort" in found[0].bericht and "zwaar" in found[0].bericht
