"""The nesting bound holds for every recursive construct of the grammar, and long chains are wide, not deep."""

import json
import sys
from decimal import Decimal

import pytest

from wmo_dsl.cli import main
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.language import ast
from wmo_dsl.language.check import check
from wmo_dsl.language.parse import MAX_NESTING, expression_rules, parse_text

from ..conftest import HEADER

# an expression nested ``d`` times in each recursive construct (brackets where the grammar needs them)
NESTINGS = {
    "niet": lambda d: "niet " * d + "x",
    "als_dan": lambda d: "als x dan " * d + "1" + " anders 0" * d,
    "optellen": lambda d: "(1 + " * d + "1" + ")" * d,
    "aftrekken": lambda d: "(1 - " * d + "1" + ")" * d,
    "vermenigvuldigen": lambda d: "(1 * " * d + "1" + ")" * d,
    "delen": lambda d: "(1 / " * d + "1" + ")" * d,
    "negatief": lambda d: "-" * d + "1",
    "en": lambda d: "(x en " * d + "x" + ")" * d,
    "of": lambda d: "(x of " * d + "x" + ")" * d,
    "vergelijking": lambda d: "(" * d + "1" + " = 1)" * d,
    "omrekenen": lambda d: "(" * d + "1 uur" + " in minuten)" * d,
    "in_bereik": lambda d: "(" * d + "1" + " in 0 tot 1)" * d,
    "in_lijst": lambda d: "(" * d + "1" + " in [1])" * d,
    "bevat": lambda d: "(" * d + "[1]" + " bevat 1)" * d,
    "aantal": lambda d: "aantal " * d + "[1]",
    "functie": lambda d: "max(" * d + "1" + ")" * d,
    "lijst": lambda d: "[" * d + "1" + "]" * d,
    "record": lambda d: "{a: " * d + "1" + "}" * d,
    "tussen": lambda d: "dagen tussen " * d + "2024-01-01" + " en 2024-01-02" * d,
    "aantal_met": lambda d: "aantal leden met " * d + "x",
    "som_van": lambda d: "som van l van leden met " * d + "x",
    "hoogste": lambda d: "hoogste l van leden met " * d + "x",
    "laagste": lambda d: "laagste l van leden met " * d + "x",
}


def _file(expr: str) -> str:
    return HEADER + 'vraag x: ja/nee\n\nproduct p "P"\n\ndiep is ' + expr + "\n\nregel r\n  als x\n  dan product p\n"


def test_the_bound_knows_every_recursive_expression_rule_of_the_grammar():
    assert set(NESTINGS) <= expression_rules()  # none of them hand-kept: read from the parser


@pytest.mark.parametrize("construct", sorted(NESTINGS))
def test_600_deep_nesting_of_every_construct_is_e104_in_check_beoordeel_and_batch(tmp_path, capsys, construct):
    rules = tmp_path / "diep.wmo"
    rules.write_text(_file(NESTINGS[construct](600)), encoding="utf-8")
    case = tmp_path / "casus.json"
    case.write_text(json.dumps({"antwoorden": {"x": True}}), encoding="utf-8")
    batch = tmp_path / "casussen.jsonl"
    batch.write_text(json.dumps({"antwoorden": {"x": True}}) + "\n", encoding="utf-8")
    for args in (["check", str(rules)], ["beoordeel", "--regels", str(rules), str(case)],
                 ["beoordeel", "--regels", str(rules), str(batch)]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert f"{rules}:7:" in err and "fout E104: deze uitdrukking is dieper genest dan 64 niveaus" in err, (args, err[:300])


@pytest.mark.parametrize("construct", sorted(NESTINGS))
def test_nesting_up_to_the_bound_is_no_e104(construct):
    try:
        check(parse_text(_file(NESTINGS[construct](MAX_NESTING - 2)), "r.wmo"))
    except RegelbestandFout as err:  # a type error is fine here: the nesting itself is allowed
        assert "E104" not in [b.code for b in err.bevindingen]


def test_a_long_chain_is_one_node_of_the_tree():
    expr = check(parse_text(HEADER + "vraag a: getal\nx is " + " + ".join(["a"] * 3000) + " - a\n", "r.wmo")).waarden["x"].expr
    assert isinstance(expr, ast.Arith) and len(expr.rest) == 3000 and expr.rest[-1][0] == "-"
    expr = check(parse_text(HEADER + "vraag a: ja/nee\nx is " + " en ".join(["a"] * 3000) + "\n", "r.wmo")).waarden["x"].expr
    assert isinstance(expr, ast.Logic) and len(expr.items) == 3000


def test_right_nested_brackets_of_one_operator_keep_their_meaning():
    model = check(parse_text(HEADER + "x is 10 - (4 - (3 - 1))\ny is (10 - 4) - 3 - 1\n", "r.wmo"))
    from wmo_dsl.semantics.evaluate import Evaluation

    evaluation = Evaluation(model, {})
    assert (evaluation.value("x"), evaluation.value("y")) == (8, 2)


def test_chains_longer_than_the_recursion_limit_run_everywhere():
    """Evaluator, compiled code, the solver's encoding and the text renderers iterate over a chain."""
    from wmo_dsl.present.exprtext import to_text
    from wmo_dsl.semantics.engine import Rules
    from wmo_dsl.present.explain import build, render
    from wmo_dsl.present.words import Words

    n = 3 * sys.getrecursionlimit()
    body = ("vraag a: ja/nee\nvraag b: ja/nee\nvraag u: getal\n  minimaal 0\n  maximaal 10\n\nproduct p \"P\"\n\n"
            "totaal is " + " + ".join(["u"] * n) + "\n\n"
            "regel r\n  als " + " en ".join(["a"] * n) + " en b en totaal > 5\n  dan product p\n")
    rules = Rules(check(parse_text(HEADER + body, "r.wmo")))
    answers = {"a": True, "b": True, "u": Decimal(1)}
    engine = rules.evaluate(answers)
    assert engine.uitkomst == "indicatie" and engine.waarden["totaal"] == n
    values, conclusies = rules.compiled(answers)
    assert values["totaal"] == n and conclusies == engine.conclusies
    assert rules.compiled({**answers, "b": False})[1].producten == []
    assert rules.still_needed({"a": True, "u": Decimal(1)}) == ["b"]  # the solver's encoding of both chains
    assert to_text(rules.model.waarden["totaal"].expr).count("u") == n
    assert Words(rules.model).expr(rules.model.regels["r"].voorwaarde).count(" en ") >= n
    assert "totaal" in render(build(engine, rules, spoor=True), "tekst")
