"""wmo regio nieuw: a new region package that works as soon as it is registered."""

import importlib.util
import sys
import tomllib

import pytest

from wmo_dsl.cli import main
from wmo_dsl.plugins import plugin_manager


def test_a_scaffolded_region_registers_and_passes_its_cases(tmp_path, capsys):
    doel = tmp_path / "wmo-regio-rivierenland"
    assert main(["regio", "nieuw", "rivierenland", "--naam", "Regio Rivierenland", "--map", str(doel)]) == 0
    pyproject = tomllib.loads((doel / "pyproject.toml").read_text())
    assert pyproject["project"]["entry-points"]["wmo_dsl"] == {"rivierenland": "wmo_regio_rivierenland"}

    spec = importlib.util.spec_from_file_location("wmo_regio_rivierenland", doel / "wmo_regio_rivierenland" / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugin_manager().register(module, name="rivierenland-test")
    try:
        capsys.readouterr()
        assert main(["check", str(doel / "wmo_regio_rivierenland" / "rivierenland.wmo")]) == 0
        assert main(["test", "--regio", "rivierenland"]) == 0
        out = capsys.readouterr().out
    finally:
        plugin_manager().unregister(name="rivierenland-test")
    assert "rivierenland: 2 casussen" in out and "2 geslaagd, 0 mislukt" in out


def test_a_bad_id_or_an_existing_folder_is_refused(tmp_path, capsys):
    assert main(["regio", "nieuw", "Rivier Land", "--map", str(tmp_path / "x")]) == 2
    assert "geen geldige regio-id" in capsys.readouterr().err
    assert main(["regio", "nieuw", "rivier", "--map", str(tmp_path)]) == 2
    assert "bestaat al" in capsys.readouterr().err
