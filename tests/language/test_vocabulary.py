"""The vocabulary is kept in one place: the grammar's tokens, every finding code, the docs."""

import re
from pathlib import Path

from wmo_dsl.language import vocabulary as V
from wmo_dsl.language.grammar import grammar_text

REPO = Path(__file__).resolve().parents[2]


def test_the_grammar_states_the_same_token_patterns_as_the_vocabulary():
    grammar = grammar_text()
    for name in ("STRING", "DATE", "CODE", "NUMBER", "NAME", "COMMENT"):
        (pattern,) = re.findall(rf"^{name}(?:\.\d)?: /(.*)/$", grammar, re.M)
        assert pattern == getattr(V, name), name


def test_every_unit_word_of_the_vocabulary_reads_as_a_duration_or_an_amount():
    from wmo_dsl.language.parse import parse_text

    header = 'regio r "R"\n  geldig vanaf 2025-01-01\n'
    for word, unit in {**V.TIME_UNIT_WORDS, **V.AMOUNT_UNIT_WORDS}.items():
        (literal,) = [d.expr for d in parse_text(header + f"x is 2 {word}\n").definities[1:]]
        if word in V.TIME_UNIT_WORDS:
            assert (literal.kind, literal.value.eenheid) == ("duur", unit), word
        else:
            assert (literal.kind, literal.eenheid.maat) == ("hoeveelheid", unit), word
    for periode in V.PERIODS:
        (literal,) = [d.expr for d in parse_text(header + f"x is 2 uur per {periode}\n").definities[1:]]
        assert literal.eenheid.periode == periode


def test_every_finding_code_the_tool_can_give_is_explained_here_and_in_the_docs():
    used = set()
    for path in (REPO / "wmo_dsl").rglob("*.py"):
        used |= set(re.findall(r'"([EW]\d{3})"', path.read_text(encoding="utf-8")))
    assert used - set(V.CODES) == set()
    docs = (REPO / "docs" / "taal.md").read_text(encoding="utf-8")
    rows = "\n".join(line for line in docs.splitlines() if line.startswith("| ") and re.match(r"\| [EW]\d{3}", line))
    table = set(re.findall(r"[EW]\d{3}", rows)) | {f"{k}{n:03d}" for k, a, b in re.findall(r"([EW])(\d{3})[–-][EW](\d{3})", rows)
                                                    for n in range(int(a), int(b) + 1)}
    assert set(V.CODES) - table == set()
