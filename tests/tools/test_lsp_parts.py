"""The parts of ``wmo lsp`` called directly: names per namespace, completion, counterexamples as case files."""

from __future__ import annotations

from pathlib import Path

import pytest

from wmo_dsl.errors import RegelbestandFout

from wmo_dsl.cases.casefile import parse_case
from wmo_dsl.tools.casetest import run_case
from wmo_dsl.semantics.engine import Rules
from wmo_dsl.tools.lsp.completion import complete
from wmo_dsl.tools.lsp.counterexample import case_file, case_text
from wmo_dsl.tools.lsp.document import proofs, quick

TSD = Path(__file__).resolve().parents[2] / "regions" / "tsd" / "tsd.wmo"
OVERLAP = """regio r "R"
  geldig vanaf 2025-01-01
vraag leeftijd: getal
vraag soort: keuze uit a, b
product p "P"
product q "Q"
tabel t: leeftijd -> product
  < 20 -> p
  < 30 -> q
  >= 30 -> p
klasse is
  jong als leeftijd < 18
  oud  als leeftijd >= 65
regel r1
  als t = p en klasse = jong
  dan product t
"""


def test_a_rule_and_a_product_of_the_same_name_are_told_apart():
    snap = quick(TSD.as_uri(), TSD.read_text(encoding="utf-8"))
    product = snap.index.uses("dagbesteding_ontwikkelen", "def")
    rule = snap.index.uses("dagbesteding_ontwikkelen", "regel")
    assert [o.definitie for o in rule] == [True] and len(product) == 5 and sum(o.definitie for o in product) == 1
    assert snap.index.uses("ggz", "def") == [] and len(snap.index.uses("ggz", "verwijzing")) == 2


def test_completion_knows_lists_units_and_the_start_of_a_line():
    text = OVERLAP.replace("  als t = p en klasse = jong", "  als soort in [a, ")
    snap = quick("file:///tmp/r.wmo", text)
    line = text.split("\n").index("  als soort in [a, ")
    assert [i.label for i in complete(snap, None, line, len("  als soort in [a, "))] == ["a", "b"]
    units = {i.label for i in complete(snap, None, 2, len("vraag leeftijd: getal"))}  # no unit here: names
    assert "uur" not in units
    snap = quick("file:///tmp/r.wmo", text + "vraag uren: getal\n  eenheid uur per \n")
    line = len((text + "vraag uren: getal").split("\n"))
    after_per = [i.label for i in complete(snap, None, line, len("  eenheid uur per "))]
    assert after_per[:5] == ["dag", "week", "maand", "kwartaal", "jaar"] and "km" in after_per  # a period, or a unit: a rate
    top = [i.label for i in complete(snap, None, 0, 0)]
    indented = [i.label for i in complete(snap, None, 8, 2)]  # '  < 20 -> p', at its indentation
    assert "vraag" in top and "tekst" not in top and "tekst" in indented and "vraag" not in indented


def test_an_overlap_and_an_uncovered_case_become_case_files_that_run():
    snap = quick("file:///tmp/r.wmo", OVERLAP)
    found = {f.code: f for f in proofs(snap)}
    assert {"W011", "E232"} <= set(found)
    for code in ("W011", "E232"):
        f = found[code]
        case = case_file(snap.model, f.code, f.bericht, f.regel)
        casus = parse_case(case_text(case), f"{code}.json")
        answers = casus.antwoorden
        assert (code != "W011" or 18 <= answers["leeftijd"] < 20) and (code != "E232" or 18 <= answers["leeftijd"] < 65)
        assert run_case(Rules(snap.model), casus).geslaagd  # 'verwacht' is what the rules give today


def _positions(bestand):
    from wmo_dsl.language import ast

    return [(type(n).__name__, n.pos.line, n.pos.column, n.pos.end_line, n.pos.end_column)
            for d in bestand.definities for n in ast.walk(d) if hasattr(n, "pos")]


def test_parsing_only_what_changed_gives_what_parse_text_gives():
    from wmo_dsl.language.parse import parse_text
    from wmo_dsl.tools.lsp.incremental import ParseCache

    root = Path(__file__).resolve().parents[2]
    for path in sorted(root.glob("regions/*/*.wmo")) + sorted(root.glob("tests/data/*.wmo")):
        text = path.read_text(encoding="utf-8")
        cache = ParseCache()
        cache.parse(text, str(path))
        edited = text.replace("\nregel ", "\nregel x", 1)  # one definition changes, on the same lines
        once, whole = cache.parse(edited, str(path)), parse_text(edited, str(path))
        assert cache.parsed == 1, path
        assert once == whole and _positions(once) == _positions(whole) and once.bronregels == whole.bronregels, path
    broken = text.replace("\nregel ", "\nregel : ", 1)
    with pytest.raises(RegelbestandFout) as once:
        cache.parse(broken, "x.wmo")
    with pytest.raises(RegelbestandFout) as whole:
        parse_text(broken, "x.wmo")
    assert once.value.bevindingen == whole.value.bevindingen != []


def test_lines_added_above_definitions_move_them_without_parsing_them_again():
    from wmo_dsl.language.parse import parse_text
    from wmo_dsl.tools.lsp.incremental import ParseCache

    root = Path(__file__).resolve().parents[2]
    for path in sorted(root.glob("regions/*/*.wmo")):
        text = path.read_text(encoding="utf-8")
        cache = ParseCache()
        cache.parse(text, str(path))
        at = text.index("\nregel ") + 1
        edited = text[:at] + "# twee regels erbij\n\n" + text[at:].replace("\nregel ", "\nregel x", 1)  # and one definition changes
        once, whole = cache.parse(edited, str(path)), parse_text(edited, str(path))
        assert cache.parsed == 2, path  # the chunk the comment joins and the edited definition; the others moved
        assert once == whole and _positions(once) == _positions(whole) and once.bronregels == whole.bronregels, path
        assert [d.pos.line for d in once.definities] == [d.pos.line for d in whole.definities]
