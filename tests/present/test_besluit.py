"""The draft beschikking: product, dates, sources, legal basis and the objection clause; A4 in Chromium."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.errors import WmoFout

REGIONS = Path(__file__).resolve().parents[2] / "regions"
EXAMPLES = {  # one example case with an indicatie per region: (case, product code, start, end)
    "lekstroom": ("matrix_022A2.json", "022A2", "1-1-2025", "31-12-2025"),
    "tsd": ("ib_ontwikkelen.json", "Individuele begeleiding gericht op leren", "1-6-2025", "uiterlijk 31-5-2027"),
    "zou": ("stap3_bemoeizorg.json", "02B04", None, None),
    "leiden": ("pilot.json", "BGI", None, None),
}


def besluit(capsys, *args) -> str:
    assert main(["beoordeel", *args, "--formaat", "besluit"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("regio", sorted(EXAMPLES))
def test_the_letter_names_product_dates_sources_basis_and_how_to_object(capsys, regio):
    case, code, start, end = EXAMPLES[regio]
    text = besluit(capsys, str(REGIONS / regio / "casussen" / case))
    (row,) = [line for line in text.splitlines() if line.startswith("| ") and code in line]
    assert re.search(r"\| \d{1,2}-\d{1,2}-\d{4} \|", row)
    if start:
        assert f"| {start} | {end} |" in row
    assert "(bron: " in text and "## Waarom wij zo besluiten" in text
    assert "Wij baseren dit besluit op artikel 2.3.5 van de Wmo 2015, op [de verordening maatschappelijke ondersteuning" in text
    assert "binnen zes weken" in text and "artikel 6:7 en 6:8 van de Algemene wet bestuursrecht" in text
    assert "college van burgemeester en wethouders" in text and "voorlopige voorziening" in text
    assert "[Naam inwoner]" in text and "[Straat en huisnummer]" in text


def test_an_aanvraagdatum_and_a_grondslag_are_named(tmp_path, capsys):
    rules = (REGIONS / "lekstroom" / "lekstroom.wmo").read_text(encoding="utf-8").replace(
        "  geldig vanaf 2022-01-01", '  geldig vanaf 2022-01-01\n  grondslag "Verordening maatschappelijke ondersteuning Houten 2022"', 1)
    (tmp_path / "r.wmo").write_text(rules, encoding="utf-8")
    casus = json.loads((REGIONS / "lekstroom" / "casussen" / "matrix_022A2.json").read_text(encoding="utf-8"))
    casus["aanvraagdatum"] = "2024-11-20"
    (tmp_path / "c.json").write_text(json.dumps(casus), encoding="utf-8")
    text = besluit(capsys, str(tmp_path / "c.json"), "--regels", str(tmp_path / "r.wmo"))
    assert "Op 20-11-2024 heeft u ondersteuning gevraagd" in text
    assert "Wij baseren dit besluit op artikel 2.3.5 van de Wmo 2015, op Verordening maatschappelijke ondersteuning Houten 2022" in text


def test_an_incomplete_case_gets_no_letter_but_what_is_missing(tmp_path, capsys):
    (tmp_path / "c.json").write_text(json.dumps({"regio": "lekstroom", "peildatum": "2025-01-01",
                                                  "antwoorden": {"resultaatgebieden": ["zelfzorg_gezondheid"]}}), encoding="utf-8")
    assert main(["beoordeel", str(tmp_path / "c.json"), "--formaat", "besluit"]) == 2
    assert "nog nodig: Kan de inwoner nog (grote) stappen zetten" in capsys.readouterr().err


def test_a_regions_own_template_runs_in_the_sandbox(monkeypatch, capsys):
    from wmo_dsl import hookimpl
    from wmo_dsl.plugins import plugin_manager

    class Eigen:
        template = "Besluit van {{ regio_naam }}: {{ besluiten[0].code }}"

        @hookimpl
        def wmo_besluit_sjabloon(self, regio, formaat):
            return self.template if regio == "lekstroom" else None

    plugin = Eigen()
    plugin_manager().register(plugin)
    try:
        case = str(REGIONS / "lekstroom" / "casussen" / "matrix_022A2.json")
        assert besluit(capsys, case) == "Besluit van Regio Lekstroom: 022A2"
        plugin.template = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
        assert main(["beoordeel", case, "--formaat", "besluit"]) == 2
        assert "besluitsjabloon van regio lekstroom kan niet gebruikt worden" in capsys.readouterr().err
    finally:
        plugin_manager().unregister(plugin)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MEASURE = """<script>
document.body.dataset.meting = JSON.stringify({
  overloop: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  tabel: Math.ceil(document.querySelector("table.besluit").getBoundingClientRect().right),
  tekst: Math.ceil(document.body.getBoundingClientRect().right),
});
</script>"""


def chromium(tmp_path, *args):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                           "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path / 'profiel'}",
                           *args], capture_output=True, text=True, timeout=90, check=True)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_chromium_prints_the_html_letter_on_a4_within_the_margins(tmp_path, capsys):
    html_path = tmp_path / "besluit.html"
    assert main(["beoordeel", str(REGIONS / "lekstroom" / "casussen" / "matrix_022A2.json"), "--formaat", "besluit",
                 "--uit", str(html_path)]) == 0
    assert html_path.stat().st_mode & 0o077 == 0
    pdf = tmp_path / "besluit.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.as_uri())
    data = pdf.read_bytes()
    boxes = {tuple(round(float(x)) for x in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)}
    assert boxes == {(0, 0, 595, 842)}  # A4 in points
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b", data)) <= 4
    measured = html_path.with_name("meting.html")
    measured.write_text(html_path.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=794,1123", "--dump-dom", measured.as_uri()).stdout
    import html

    meting = json.loads(html.unescape(re.search(r'data-meting="([^"]*)"', dom).group(1)))
    assert not meting["overloop"] and meting["tabel"] <= meting["tekst"]
