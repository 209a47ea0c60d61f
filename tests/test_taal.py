"""docs/taal.md cannot drift from the language: its examples are parsed and checked."""

import re
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.semantics.pipeline import checked

TAAL = Path(__file__).resolve().parent.parent / "docs" / "taal.md"
BLOCKS = re.findall(r"^```(wmo fout|wmo|uitvoer)\n(.*?)^```$", TAAL.read_text(encoding="utf-8"), re.S | re.M)


def example_file(tmp_path) -> Path:
    path = tmp_path / "voorbeeld.wmo"
    path.write_text("\n".join(text for kind, text in BLOCKS if kind == "wmo"), encoding="utf-8")
    return path


def test_all_examples_together_are_a_clean_region(tmp_path):
    model = checked(example_file(tmp_path))
    assert model.regio.id == "voorbeeld"
    assert [f"{f.code} {f.bericht}" for f in model.waarschuwingen] == []


def test_the_reference_shows_every_keyword_of_the_grammar(tmp_path):
    from wmo_dsl.language.grammar import grammar_keywords

    prose = re.sub(r"^```.*?^```$", "", TAAL.read_text(encoding="utf-8"), flags=re.S | re.M)
    code = example_file(tmp_path).read_text(encoding="utf-8") + "\n" + "\n".join(re.findall(r"`([^`\n]+)`", prose))
    words = set(re.findall(r"[a-z/]+", re.sub(r'"[^"\n]*"|#.*', "", code)))
    missing = sorted(k for k in grammar_keywords() if k not in words)
    assert missing == []


def test_the_example_region_is_in_the_canonical_layout(tmp_path):
    path = example_file(tmp_path)
    assert main(["fmt", "--check", str(path)]) == 0


ERRORS = [(text, expected) for (kind, text), (next_kind, expected) in zip(BLOCKS, BLOCKS[1:])
          if kind == "wmo fout" and next_kind == "uitvoer"]


def test_every_error_example_has_its_expected_output():
    assert len(ERRORS) == sum(1 for kind, _ in BLOCKS if kind == "wmo fout") >= 3


@pytest.mark.parametrize("text, expected", ERRORS, ids=[e[1].split(":")[0] for e in ERRORS])
def test_an_error_example_gives_the_message_shown(tmp_path, text, expected):
    path = tmp_path / "fout.wmo"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegelbestandFout) as err:
        checked(path)
    assert err.value.melding(kleur=False).replace(str(path), "fout.wmo").strip() == expected.strip()


def test_the_documented_example_case_passes_against_its_region(tmp_path, capsys):
    (block,) = re.findall(r"^```json casus\n(.*?)^```$", TAAL.read_text(encoding="utf-8"), re.S | re.M)
    case = tmp_path / "voorbeeld.json"
    case.write_text(block, encoding="utf-8")
    rules = TAAL.parent.parent / "tests" / "data" / "taxbus" / "taxbus.wmo"
    assert main(["test", "--regels", str(rules), str(case)]) == 0, capsys.readouterr()
