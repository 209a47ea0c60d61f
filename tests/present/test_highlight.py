"""Highlighting: a Pygments lexer found by its entry point, with the grammar's own keywords."""

from pathlib import Path

import pytest
from pygments import lex
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Error, Keyword, Name, String

from wmo_dsl.present.highlight import WmoLexer, grammar_keywords

REPO = Path(__file__).resolve().parents[2]


def test_pygments_finds_the_lexer_by_name_and_by_file_extension():
    assert isinstance(get_lexer_by_name("wmo"), WmoLexer)
    assert isinstance(get_lexer_for_filename("lekstroom.wmo"), WmoLexer)


def test_keywords_come_from_the_grammar():
    keywords = grammar_keywords()
    assert {"regio", "vraag", "tabel", "regel", "termijn", "ja/nee", "anders"} <= set(keywords)


@pytest.mark.parametrize("path", sorted(REPO.glob("regions/*/*.wmo")), ids=lambda p: p.name)
def test_every_shipped_rule_file_lexes_without_errors(path):
    tokens = list(lex(path.read_text(encoding="utf-8"), WmoLexer()))
    assert not [v for t, v in tokens if t in Error]


def test_sources_keywords_and_dates_are_told_apart():
    tokens = [(t, v) for t, v in lex('vraag type: keuze\n  bron "§1 Type"\n  geldig vanaf 2022-01-01\n', WmoLexer()) if v.strip()]
    assert (Keyword, "vraag") in tokens and (Name, "type") in tokens
    assert (Name.Decorator, "bron") in tokens and (String.Doc, '"§1 Type"') in tokens
    assert any(v == "2022-01-01" and t not in Name for t, v in tokens)
