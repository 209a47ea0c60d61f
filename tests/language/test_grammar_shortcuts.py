"""The grammar's two shortcut rules (a bare name as a whole condition or a whole table cell) only
make parsing faster: every example parses to the same tree, with the same positions, as with the
grammar without them."""

import re
import sys
from pathlib import Path

import pytest
from lark import Lark, Token, Tree

from wmo_dsl.language.grammar import WmoIndenter, grammar_text, parser

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402

SHORTCUTS = ("naam_als_voorwaarde", "naam_in_cel")


def long_way() -> Lark:
    lines = [line for line in grammar_text().splitlines() if not any(s in line for s in SHORTCUTS)]
    return Lark("\n".join(lines), parser="lalr", postlex=WmoIndenter(), propagate_positions=True, maybe_placeholders=True)


def corpus() -> list[tuple[str, str]]:
    files = [p for p in sorted(REPO.glob("**/*.wmo")) if ".git" not in p.parts and ".venv" not in p.parts]
    found = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in files]
    taal = (REPO / "docs" / "taal.md").read_text(encoding="utf-8")
    found.append(("docs/taal.md", "\n".join(re.findall(r"^```wmo\n(.*?)^```$", taal, re.S | re.M))))
    found += [("generate.table", generate.table(100)), ("generate.exact_table", generate.exact_table(30)),
              ("generate.en_chain", generate.en_chain(25)), ("generate.sum_chain", generate.sum_chain(25)),
              ("generate.composite", generate.composite()), ("generate.numbers", generate.numbers(4)),
              ("generate.catalogue", generate.catalogue(4)), ("generate.chain", generate.chain(6)),
              ("generate.multiselect", generate.multiselect(6))]
    return found


def shape(node) -> list:
    """Everything of a parse tree that the AST builder reads: rule names, tokens, positions."""
    out, stack = [], [node]
    while stack:
        x = stack.pop()
        if isinstance(x, Tree):
            m = x.meta
            out.append((x.data, len(x.children), getattr(m, "line", None), getattr(m, "column", None),
                        getattr(m, "end_line", None), getattr(m, "end_column", None)))
            stack.extend(reversed(x.children))
        elif isinstance(x, Token):
            out.append((x.type, str(x), x.line, x.column))
        else:
            out.append(x)
    return out


@pytest.fixture(scope="module")
def both():
    return parser(), long_way()


def test_the_shortcut_rules_exist_in_the_grammar():
    text = grammar_text()
    assert all(re.search(rf"^{s}\.\d+: NAME", text, re.M) for s in SHORTCUTS)


@pytest.mark.parametrize("name,text", corpus(), ids=lambda v: v if len(v) < 60 else None)
def test_every_example_parses_to_the_same_tree_with_and_without_the_shortcuts(both, name, text):
    short, long = both
    assert shape(short.parse(text + "\n")) == shape(long.parse(text + "\n"))


@pytest.mark.parametrize("expr", [
    "a", "a en b", "a of b en c", "niet a", "a = 3", "a + b > c", "a * b = 2", "als a dan b anders c", "(a)",
    "a in [x, y]", "a in 1 tot 3", "a bevat x", "f(a)", "jaren tussen a en b >= 18", "aantal a met b", "a en (b of c)",
])
def test_conditions_with_bare_names_parse_as_before(both, expr):
    text = f'regio r "R"\n  geldig vanaf 2024-01-01\n\nregel x\n  als {expr}\n  dan product p\n'
    short, long = both
    assert shape(short.parse(text)) == shape(long.parse(text))
