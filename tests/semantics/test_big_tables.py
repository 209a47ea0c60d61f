"""A big table compiles to a lookup that means what the table means, and deep code never outgrows Python."""

import datetime as dt
import random
from decimal import Decimal

from wmo_dsl.language.check import check
from wmo_dsl.language.parse import MAX_NESTING, parse_text
from wmo_dsl.semantics import compile as compiler
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.semantics.evaluate import Evaluation, Open
from wmo_dsl.semantics.lookup import table_lookup

from ..conftest import HEADER

PEILDATUM = dt.date(2025, 1, 1)


def _keuze(naam: str, n: int) -> str:
    return f"vraag {naam}: keuze\n" + "".join(f'  optie {naam}_{i} "{i}"\n' for i in range(n)) + "\n"


def _big_table(rows: int, irregular: bool) -> str:
    """``rows`` exact rows over soort (rows // 40 options, one spare) and zwaarte (40 options); with
    ``irregular`` also a '-' row, an 'of' row and a range on a third column in between, duplicate
    keys, and a last catch-all row."""
    a = rows // 40
    text = HEADER + _keuze("soort", a + 1) + _keuze("zwaarte", 40) + "vraag uren: getal\n  minimaal 0\n  maximaal 100\n\n"
    text += "".join(f'product p{k} "P{k}"\n\n' for k in range(7))
    text += "tabel t: soort | zwaarte | uren -> product\n"
    for k in range(rows):
        i, j = divmod(k, 40)
        if irregular and k == rows // 3:
            text += f"  soort_{i} | - | 0 tot 10 -> p5\n  - | zwaarte_{j} of zwaarte_{(j + 1) % 40} | - -> p6\n"
        if irregular and k % 97 == 0:
            text += f"  soort_{i} | zwaarte_{j} | {k % 50} -> p4\n"  # the same soort and zwaarte, one number
        text += f"  soort_{i} | zwaarte_{j} | - -> p{(i + 3 * j) % 4}\n"
        if irregular and k % 101 == 0:
            text += f"  soort_{i} | zwaarte_{j} | - -> p5\n"  # a duplicate: never reached
    if irregular:
        text += "  - | - | > 50 -> p6\n"
    return text + "\nregel r\n  als t != geen\n  dan product t\n"


def _agree(rules: Rules, cases: int, seed: int) -> None:
    rng = random.Random(seed)
    soorten, zwaartes = rules.model.vragen["soort"].opties, rules.model.vragen["zwaarte"].opties
    for _ in range(cases):
        answers = {"soort": rng.choice(soorten).id, "zwaarte": rng.choice(zwaartes).id, "uren": rng.choice([0, 5, 10, 11, 49, 50, 51, 100])}
        answers["uren"] = Decimal(answers["uren"])
        traced = Evaluation(rules.model, answers, peildatum=PEILDATUM)
        uitkomst = traced.conclude()
        values, compiled = rules.compiled(answers, PEILDATUM)
        assert values["t"] == traced.value("t"), answers
        assert compiled == uitkomst


def test_a_2000_row_table_of_exact_rows_compiles_to_a_lookup_that_agrees_with_the_evaluator():
    rules = Rules(check(parse_text(_big_table(2000, irregular=False), "r.wmo")))
    keys, table, rest = table_lookup(rules.model, rules.model.tabellen["t"])
    assert keys == [0, 1] and len(table) == 2000 and rest == []
    assert len(rules.compiled.source.splitlines()) < 60  # a lookup, not 2,000 branches
    _agree(rules, 40, 1)


def test_irregular_rows_between_exact_ones_keep_the_first_match_of_the_table():
    rules = Rules(check(parse_text(_big_table(1000, irregular=True), "r.wmo")))
    keys, table, rest = table_lookup(rules.model, rules.model.tabellen["t"])
    assert 0 < len(rest) < 150 and 750 < len(table) < 1000  # rows an irregular row may catch are tried in order
    _agree(rules, 100, 2)


def test_code_at_the_nesting_bound_compiles_and_agrees_with_the_evaluator():
    depth = MAX_NESTING - 2  # the innermost condition (en, >) adds two levels
    body = ("vraag x: ja/nee\nvraag n: getal\n  minimaal 0\n  maximaal 100\n\n"
            "diep is " + "als x en n > 1 dan (" * depth + "n" + ") anders 0" * depth + "\n"
            "trap is " + "als n > 50 dan 1 anders (" * depth + "2" + ")" * depth + "\n")
    rules = Rules(check(parse_text(HEADER + body, "r.wmo")))
    assert rules.compiled.function is not compiler._engine_only
    for answers in ({"x": True, "n": 7}, {"x": False, "n": 70}, {"x": True, "n": 1}):
        answers["n"] = Decimal(answers["n"])
        values, _ = rules.compiled(answers, PEILDATUM)
        evaluation = Evaluation(rules.model, answers, peildatum=PEILDATUM)
        assert values == {"diep": evaluation.value("diep"), "trap": evaluation.value("trap")}


def test_code_that_would_nest_deeper_than_python_allows_goes_to_the_engine(monkeypatch):
    monkeypatch.setattr(compiler, "_MAX_INDENT", 5)
    body = "vraag x: ja/nee\n\nproduct p \"P\"\n\ndiep is " + "als x dan " * 10 + "1" + " anders 0" * 10 + "\n\n" \
           "regel r\n  als diep = 1\n  dan product p\n"
    rules = Rules(check(parse_text(HEADER + body, "r.wmo")))
    assert rules.compiled.function is compiler._engine_only
    try:
        rules.compiled({"x": True}, PEILDATUM)
        raise AssertionError("the engine-only function must send every case to the engine")
    except Open:
        pass
    fast = rules.evaluate_fast({"x": True}, PEILDATUM)
    assert fast.uitkomst == "indicatie" and fast.waarden["diep"] == 1
