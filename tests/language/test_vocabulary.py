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
    (units,) = re.findall(r"^TIJDSEENHEID: (.*(?:\n\s+\|.*)*)", grammar, re.M)
    assert set(re.findall(r'"(\w+)"', units)) == set(V.TIME_UNIT_WORDS)


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
