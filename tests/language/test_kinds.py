"""The registry of question kinds: every kind has every part in every stage, an unknown kind
fails loudly wherever it is asked about, and each kind's answers survive its own JSON and text
readers."""

import datetime as dt
import json
import random
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from wmo_dsl.cases.answers import JSON_KINDS, from_json, to_json
from wmo_dsl.cases.natural import TEXT_KINDS, answer_text, parse_answer
from wmo_dsl.intake import screen
from wmo_dsl.language import ast, kinds
from wmo_dsl.language.kinds import INVOER, KINDS, Kind, OnbekendeSoort
from wmo_dsl.plugins import load_region, region_sources
from wmo_dsl.semantics import engine, samples
from wmo_dsl.semantics.smt_kinds import SMT_KINDS, question_term

PEILDATUM = dt.date(2025, 6, 1)
GRAMMAR = Path(__file__).parents[2] / "grammar" / "wmo.lark"


def questions():
    for region in sorted(region_sources()):
        model = load_region(region, PEILDATUM).model
        yield from ((region, v) for v in model.vragen.values())


def a_question(soort: str) -> ast.Vraag:
    return ast.Vraag("x", soort, None, None, None, (), None, None, None, None)


@pytest.mark.parametrize("naam", list(KINDS))
def test_every_kind_has_every_part_in_every_stage(naam):
    k = KINDS[naam]
    assert k.naam == naam
    assert k.woord and k.beschrijving and "type" in k.schema
    assert k.invoer in INVOER and k.invoer in screen._INVOER
    assert naam in SMT_KINDS and naam in JSON_KINDS and naam in TEXT_KINDS
    assert f"-> soort_{naam}" in GRAMMAR.read_text(encoding="utf-8")


def test_the_protocol_schema_names_exactly_the_registered_kinds():
    schema = json.loads((files("wmo_dsl.intake") / "protocol.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["vraag"]["properties"]["soort"]["enum"] == list(KINDS)


def test_an_unknown_kind_fails_with_its_name_and_the_known_ones():
    with pytest.raises(OnbekendeSoort, match="onbekende soort vraag 'kleur'; bekend zijn: janee, keuze"):
        kinds.kind("kleur")


@pytest.mark.parametrize("ask", [
    lambda v: samples.sample(v, PEILDATUM, random.Random(1)),
    lambda v: engine.any_answer(v, PEILDATUM),
    lambda v: question_term(v, "a"),
    lambda v: from_json(v, "€ 50,00"),
    lambda v: parse_answer(v, "€ 50,00"),
    lambda v: to_json(v, "50"),
], ids=["sample", "any_answer", "solver", "json", "text", "to_json"])
def test_a_question_of_an_unknown_kind_is_refused_by_every_stage_not_taken_as_text(ask):
    with pytest.raises(OnbekendeSoort, match="kleur"):
        ask(a_question("kleur"))


def test_a_table_of_a_later_stage_that_misses_a_kind_stops_the_import():
    table = {n: None for n in KINDS if n != "datum"} | {"kleur": None}
    with pytest.raises(ImportError, match=r"ontbreekt voor \['datum'\], onbekend: \['kleur'\]"):
        kinds.missing_kinds("semantics/x.py X", table)


def test_a_kind_without_all_its_parts_cannot_be_made():
    class Half(Kind):
        naam = "half"

        def type(self, vraag):
            raise AssertionError

    with pytest.raises(TypeError, match="abstract"):
        Half()


@pytest.mark.parametrize("region,vraag", list(questions()), ids=lambda x: x if isinstance(x, str) else x.id)
def test_samples_of_every_question_survive_the_json_form_and_the_words(region, vraag):
    k = kinds.of(vraag)
    rng = random.Random(vraag.id)
    for value in [k.any_answer(vraag, PEILDATUM)] + [k.sample(vraag, PEILDATUM, rng, bias) for bias in (0.1, 0.5, 0.9)]:
        written = to_json(vraag, value)
        jsonschema.validate(written, k.schema)
        assert from_json(vraag, written) == value
        assert parse_answer(vraag, answer_text(vraag, value)) == value


def test_the_solver_declares_one_variable_of_the_kinds_sort_per_question():
    from wmo_dsl.semantics.smt_kinds import declarations

    keuze = ast.Vraag("x", "meerdere", None, None, None, (ast.Optie("a", "a"), ast.Optie("b", "b")), None, None, None, None)
    assert declarations(keuze, question_term(keuze, "a")) == ["(declare-const |a.q.x.a| Bool)", "(declare-const |a.q.x.b| Bool)"]
    assert declarations(a_question("datum"), question_term(a_question("datum"), "a")) == ["(declare-const |a.q.x| Int)"]


def test_the_checker_stops_at_a_question_of_an_unknown_kind_when_the_rules_are_loaded():
    from dataclasses import replace

    from wmo_dsl.language.check import check
    from wmo_dsl.language.parse import parse_text

    bestand = parse_text('regio r "R"\n  geldig vanaf 2025-01-01\n\nvraag huur: getal\n\nproduct p "P"\n  code "02A01"\n\nregel r\n  als huur > 700\n  dan product p\n')
    kleur = tuple(replace(d, soort="kleur") if isinstance(d, ast.Vraag) else d for d in bestand.definities)
    check(bestand)  # the file as written checks
    with pytest.raises(OnbekendeSoort, match="'kleur'"):
        check(replace(bestand, definities=kleur))
