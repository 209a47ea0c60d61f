"""A region's own template within a time and a size budget: every overrun a Dutch message and exit 2, never a traceback or a hang."""

import time
from pathlib import Path

import pytest

from wmo_dsl import hookimpl
from wmo_dsl.cli import main
from wmo_dsl.plugins import plugin_manager
from wmo_dsl.present import sandbox
from wmo_dsl.present.sandbox import SjabloonFout, render

CASE = str(Path(__file__).resolve().parents[2] / "regions" / "lekstroom" / "casussen" / "matrix_022A2.json")


@pytest.mark.parametrize("source, melding", [
    ("{% for i in range(100000000) %}{% endfor %}", "groter dan 1.000.000"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "te diep aan (recursie)"),
    ("{{ 'a' * 10000000000 }}", "groter dan 1.000.000"),
    ("{{ 'x'|center(1000000000) }}", "groter dan 1.000.000"),
    ("{{ '%999999999s' % 'x' }}", "groter dan 1.000.000"),
    ("{{ 7 ** 100000000 }}", "groter dan 1.000.000"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "meer dan 1.000.000 stappen"),
    ("{% for i in range(900000) %}xxxxxxxxxx{% endfor %}", "maakt meer dan 1.000.000 tekens"),
    ("{{ 1 // 0 }}", "deelt door nul"),
], ids=["range", "recursion", "product", "center", "format", "power", "nested-loops", "output", "zero"])
def test_a_template_beyond_its_budget_is_a_dutch_error_within_a_second(source, melding):
    start = time.monotonic()
    with pytest.raises(SjabloonFout, match=melding.replace("(", r"\(").replace(")", r"\)")):
        render(source, {})
    assert time.monotonic() - start < 3


def test_a_loop_without_steps_stops_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.3)
    start = time.monotonic()
    with pytest.raises(SjabloonFout, match="seconden nog niet klaar"):
        render("{% set s = 'x' * 900000 %}{% for i in s %}{% for j in s %}{% endfor %}{% endfor %}", {})
    assert time.monotonic() - start < 2


def test_an_ordinary_template_renders_as_before():
    assert render("{{ n }}: {% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 2 }} {{ 'x'|upper }}", {"n": "B"}) == "B: 012 abab X"


def test_a_region_template_that_hangs_or_explodes_ends_the_command_with_exit_2(capsys, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_STEPS", 20_000)  # the same stop, sooner
    class Eigen:
        template = "{% for i in range(99999) %}{% for j in range(99999) %}{{ i }}{% endfor %}{% endfor %}"

        @hookimpl
        def wmo_besluit_sjabloon(self, regio, formaat):
            return self.template if regio == "lekstroom" else None

    plugin = Eigen()
    plugin_manager().register(plugin)
    try:
        for template in (Eigen.template, "{{ 'a' * 10000000000 }}", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"):
            plugin.template = template
            assert main(["beoordeel", CASE, "--formaat", "besluit"]) == 2
            err = capsys.readouterr().err
            assert "besluitsjabloon van regio lekstroom kan niet gebruikt worden: het sjabloon" in err and "Traceback" not in err
    finally:
        plugin_manager().unregister(plugin)
