"""Fuzzing parser and checker: whatever a policy writer types, the only error is a Dutch finding
that points inside the file. Bounded for CI; bench/fuzz_long.py runs the long version."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.language.check import check
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.language.parse import parse_text

REPO = Path(__file__).resolve().parents[2]
SOURCES = [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("regions/*/*.wmo"))]
TOKENS = ["regio", "vraag", "tabel", "product", "regel", "als", "dan", "en", "of", "niet", "is", "anders", "bron", "tekst",
          "optie", "keuze", "ja/nee", "meerdere", "getal", "datum", "geen", "indicatie", "verwijzing", "signaal", "termijn",
          "x", "y", "022B1", "12", "0,5", "20%", "2025-01-01", '"tekst"', ":", "|", "->", "-", "[", "]", "(", ")", "{", "}",
          ",", "=", "<=", "+", "*", "\n", "\n  ", "\n    ", "  ", "#", "maanden", "werkdagen", "tot", "in", "bevat", "aantal"]


def assert_only_findings(text: str) -> None:
    try:
        check(parse_text(text, "fuzz.wmo"))
    except RegelbestandFout as err:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 2
        assert err.bevindingen
        for f in err.bevindingen:
            assert 0 <= f.regel <= lines, (f, lines)
            assert f.bericht


@st.composite
def mutated_source(draw):
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["delete", "insert", "duplicate_line", "token"]))
        if kind == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)):]
        elif kind == "insert":
            text = text[:pos] + draw(st.text(max_size=5)) + text[pos:]
        elif kind == "token":
            text = text[:pos] + " " + draw(st.sampled_from(TOKENS)) + " " + text[pos:]
        else:
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            text = "".join(lines[: i + 1] + lines[i:])
    return text


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def test_windows_and_old_mac_line_ends_count_as_lines():
    assert_only_findings('regio r "R"\r\n  geldig vanaf 2022-01-01\r\rvraag x keuze\r\n')
    try:
        parse_text('regio r "R"\r  geldig vanaf 2022-01-01\rvraag x keuze\r', "f.wmo")
    except RegelbestandFout as err:
        assert (err.bevindingen[0].regel, err.bevindingen[0].bronregel) == (3, "vraag x keuze")


@FAST
@given(mutated_source())
def test_mutated_rule_files_give_findings_not_crashes(text):
    assert_only_findings(text)


@FAST
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join))
def test_random_token_sequences_give_findings_not_crashes(text):
    assert_only_findings('regio r "R"\n  geldig vanaf 2022-01-01\n' + text)
