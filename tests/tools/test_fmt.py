"""wmo fmt: one canonical layout, idempotent, same AST, comments kept."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.cli import main
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.tools.fmt import format_text
from wmo_dsl.language.parse import parse_text

REPO = Path(__file__).resolve().parents[2]
FILES = sorted(REPO.glob("regions/*/*.wmo"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_shipped_rule_files_are_in_the_canonical_layout(path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text, str(path)) == text


def test_messy_layout_becomes_canonical_and_keeps_comments_and_meaning():
    messy = ('# kop\nregio r   "R"\n    geldig vanaf 2022-01-01   # vanaf\n\n\n\n\n'
             'vraag a :ja/nee\n    tekst "A?"\n'
             'x is\n    laag als a\n    heel_hoog   anders\n'
             'tabel t: a -> product\n    ja->p\n    nee   ->  q\n'
             'product p "P"\nproduct q "Q"\nregel r\n    als t!=geen\n    dan product t\n    # slot\n')
    tidy = format_text(messy)
    assert tidy == ('# kop\nregio r "R"\n  geldig vanaf 2022-01-01  # vanaf\n\n\n'
                    'vraag a: ja/nee\n  tekst "A?"\n'
                    'x is\n  laag      als a\n  heel_hoog anders\n'
                    'tabel t: a -> product\n  ja  -> p\n  nee -> q\n'
                    'product p "P"\nproduct q "Q"\nregel r\n  als t != geen\n  dan product t\n  # slot\n')
    assert parse_text(tidy) == parse_text(messy)
    assert format_text(tidy) == tidy


SOURCES = [p.read_text(encoding="utf-8") for p in FILES]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SOURCES), st.data())
def test_reindented_and_respaced_files_format_back_to_the_same_meaning(text, data):
    lines = text.split("\n")
    factor = data.draw(st.sampled_from([1, 2]))
    extra = data.draw(st.sampled_from(["", " ", "  "]))
    changed = "\n".join(" " * ((len(l) - len(l.lstrip())) * factor) + l.lstrip().replace(" | ", " |" + extra)
                        for l in lines)
    try:
        original = parse_text(changed)
    except RegelbestandFout:
        return
    tidy = format_text(changed)
    assert parse_text(tidy) == original
    assert format_text(tidy) == tidy
    assert tidy.count("#") == changed.count("#")


def test_fmt_check_reports_and_fmt_fixes(tmp_path, capsys):
    path = tmp_path / "r.wmo"
    path.write_text('regio r "R"\n    geldig vanaf 2022-01-01\n', encoding="utf-8")
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "staat niet in de vaste opmaak" in out
    assert f"-    geldig vanaf 2022-01-01\n+  geldig vanaf 2022-01-01\n" in out  # the unified diff of what fmt would change
    assert out.startswith(f"--- {path} (nu)\n+++ {path} (na wmo fmt)\n")
    assert main(["fmt", str(path)]) == 0
    assert path.read_text() == 'regio r "R"\n  geldig vanaf 2022-01-01\n'
    assert main(["fmt", "--check", str(path)]) == 0


def test_fmt_refuses_a_broken_file_with_the_usual_error(tmp_path, capsys):
    path = tmp_path / "r.wmo"
    path.write_text('regio r "R"\nvraag x keuze\n', encoding="utf-8")
    assert main(["fmt", str(path)]) == 2
    assert ":2:9: fout E100" in capsys.readouterr().err


def test_units_rates_and_periods_with_a_count_get_the_canonical_layout():
    messy = ('regio r "R"\n  geldig vanaf 2022-01-01\neenheid   strip\n    meervoud    strippen\n    is 4   uur\n'
             'x is 100   euro per   4 weken\ny is 0,18 euro   per km\nvraag v: getal\n    eenheid   strippen  per jaar\n')
    tidy = format_text(messy)
    assert tidy == ('regio r "R"\n  geldig vanaf 2022-01-01\neenheid strip\n  meervoud strippen\n  is 4 uur\n'
                    'x is 100 euro per 4 weken\ny is 0,18 euro per km\nvraag v: getal\n  eenheid strippen per jaar\n')
    assert format_text(tidy) == tidy
    assert format_text((REPO / "tests" / "data" / "vervoer.wmo").read_text(encoding="utf-8")) == \
        (REPO / "tests" / "data" / "vervoer.wmo").read_text(encoding="utf-8")
