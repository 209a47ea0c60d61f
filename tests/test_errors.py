"""Messages for a terminal: printable() escapes what could steer the terminal, and nothing else."""

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from wmo_dsl.errors import Bevinding, printable


def test_an_escape_sequence_is_shown_as_its_characters():
    assert printable("a\x1b]0;PWNED\x07\x1b[2Jb") == "a\\x1b]0;PWNED\\x07\\x1b[2Jb"
    assert printable("regel 1\nregel 2\tx") == "regel 1\nregel 2\tx"
    assert printable("naam\nmet\tregels", lines=False) == "naam\\x0amet\\x09regels"
    assert printable("\x9b31m \u202eevil \ud800") == "\\x9b31m \\u202eevil \\ud800"
    assert printable("Zelfzorg en (geestelijke) gezondheid: € 12,50 — ë") == "Zelfzorg en (geestelijke) gezondheid: € 12,50 — ë"


@settings(max_examples=200)
@given(st.text())
def test_nothing_that_steers_a_terminal_is_left(text):
    shown = printable(text, lines=False)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in shown)
    assert "\u202e" not in shown and "\u2066" not in shown


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_json_escaped_for_a_terminal_means_the_same(text):
    dumped = json.dumps({"t": text}, ensure_ascii=False)
    shown = printable(dumped, json=True)
    assert json.loads(shown) == {"t": text}
    assert not any(unicodedata.category(c) == "Cc" for c in shown)


def test_the_caret_stays_under_the_character_after_tabs_and_escapes():
    line = "\tregio r \"R\x1b[2J\" @@"
    b = Bevinding("E100", "onverwacht teken '@'", "r\x1b.wmo", 1, line.index("@") + 1, bronregel=line)
    shown = b.toon().splitlines()
    assert shown[0].startswith("r\\x1b.wmo:1:")
    assert shown[2].index("^") == shown[1].index("@@")
