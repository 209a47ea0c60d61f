"""Regions as plugins: a region from outside regions/ is found through entry points and used via the CLI."""

import json
import subprocess
import sys
import textwrap

from wmo_dsl import hookspecs
from wmo_dsl.cli import main
from wmo_dsl.plugins import RegionSource, plugin_manager, region_sources

RULES = textwrap.dedent('''\
    regio wegwerp "Regio Wegwerp"
      gemeenten "Nergenshuizen"
      bron "Testbeleid" versie "0.1"
      geldig vanaf 2024-01-01

    vraag hulp_nodig: ja/nee
      tekst "Is er hulp nodig?"
      bron "§1"

    product hulp "Hulp"
      eenheid per uur
      duur 3 maanden

    regel hulp_regel
      als hulp_nodig
      dan product hulp
      bron "§1"
''')

CASE = {"titel": "Hulp nodig", "regio": "wegwerp", "peildatum": "2025-01-01", "antwoorden": {"hulp_nodig": True},
        "verwacht": {"uitkomst": "indicatie", "producten": [{"code": "hulp", "duur_maanden": 3}]}}


def _make_package(site, name="wegwerp_regio", case=CASE):
    pkg = site / name
    (pkg / "casussen").mkdir(parents=True)
    (pkg / "wegwerp.wmo").write_text(RULES, encoding="utf-8")
    (pkg / "casussen" / "hulp.json").write_text(json.dumps(case), encoding="utf-8")
    (pkg / "__init__.py").write_text(textwrap.dedent('''\
        from pathlib import Path
        from wmo_dsl import hookimpl
        from wmo_dsl.regions import RegionSource  # the import of version 0.1 keeps working

        @hookimpl
        def wmo_regions():
            return [RegionSource.from_folder(Path(__file__).parent, id="wegwerp")]
    '''), encoding="utf-8")
    return pkg


def test_hook_wmo_regions_from_an_installed_distribution(tmp_path):
    """A third-party package with an entry point in group wmo_dsl, found by a fresh `wmo` process."""
    site = tmp_path / "site"
    _make_package(site)
    dist = site / "wegwerp_regio-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: wegwerp-regio\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[wmo_dsl]\nwegwerp = wegwerp_regio\n", encoding="utf-8")
    case_file = tmp_path / "casus.json"
    case_file.write_text(json.dumps({"regio": "wegwerp", "peildatum": "2025-01-01", "antwoorden": {"hulp_nodig": True}}), encoding="utf-8")
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}

    def wmo(*args):
        return subprocess.run([sys.executable, "-m", "wmo_dsl.cli", *args], capture_output=True, text=True, env=env)

    regios = wmo("regios")
    assert regios.returncode == 0, regios.stderr
    assert "wegwerp  Regio Wegwerp" in regios.stdout and "lekstroom" in regios.stdout
    result = wmo("beoordeel", str(case_file), "--formaat", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["producten"][0]["code"] == "hulp"
    tested = wmo("test", "--regio", "wegwerp")
    assert tested.returncode == 0 and "1 geslaagd, 0 mislukt" in tested.stdout


def test_hook_wmo_regions_registered_directly_reports_a_failing_case(tmp_path, capsys):
    wrong = dict(CASE, verwacht={"uitkomst": "geen_indicatie", "producten": []})
    pkg = _make_package(tmp_path, case=wrong)

    class Plugin:
        @hookspecs.hookimpl
        def wmo_regions(self):
            return [RegionSource.from_folder(pkg, id="wegwerp")]

    plugin = Plugin()
    plugin_manager().register(plugin, name="wegwerp-test")
    try:
        assert "wegwerp" in region_sources()
        code = main(["test", "--regio", "wegwerp"])
        out = capsys.readouterr().out
    finally:
        plugin_manager().unregister(name="wegwerp-test")
    assert code == 1
    assert "FOUT  Hulp nodig  (hulp.json)" in out
    assert 'uitkomst: verwacht "geen_indicatie", gekregen "indicatie"' in out
    assert 'producten: verwacht [], gekregen ["hulp"]' in out


def test_every_hook_is_documented():
    import inspect

    hooks = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("wmo_")]
    assert hooks == ["wmo_besluit_sjabloon", "wmo_output_formats", "wmo_regions"]
    for name in hooks:
        doc = inspect.getdoc(getattr(hookspecs, name))
        assert doc and ":return:" in doc
