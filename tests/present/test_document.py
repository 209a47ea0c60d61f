"""wmo toon: a region's rules as a document to hold against the PDF."""

import html
import html.parser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wmo_dsl.present import document
from wmo_dsl.cli import main
from wmo_dsl.plugins import load_region

REGIONS = ("lekstroom", "zou", "tsd", "leiden")
# The seed's schematic: omvang (1-2, 3-4, 5-6) × type (behouden, ontwikkelen) across, intensiteit down.
LEKSTROOM_MATRIX = [
    ["022B1", "022A1", "024B1", "024A1", "026B1", "026A1"],
    ["022B2", "022A2", "024B2", "024A2", "026B2", "026A2"],
    ["022B3", "022A3", "024B3", "024A3", "026B3", "026A3"],
]


def toon(capsys, *args) -> str:
    assert main(["toon", *args]) == 0
    return capsys.readouterr().out


class _Tables(html.parser.HTMLParser):
    """The tables of an HTML page as rows of (tag, attributes, text) cells."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.cell = None
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if name in attrs and not attrs[name].startswith("#"):
                self.external.append(f"{tag} {name}={attrs[name]}")
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = [tag, attrs, ""]
            self.tables[-1]["rows"][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data


def html_tables(text: str) -> _Tables:
    parser = _Tables()
    parser.feed(text)
    return parser


def test_markdown_shows_the_lekstroom_matrix_like_the_seed(capsys):
    out = toon(capsys, "--regio", "lekstroom")
    header = next(line for line in out.splitlines() if line.startswith("| intensiteit ↓"))
    assert [c.strip() for c in header.strip("|").split("|")][1:] == [
        f"{omvang}, {type}" for omvang in ("gemiddeld", "bovengemiddeld", "groot") for type in ("behouden", "ontwikkelen")]
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.strip().strip("|").split("|")][1:]
            for line in out.splitlines() if re.match(r"\| (gemiddeld|plus|plusplus) \| 02", line)}
    assert [rows["gemiddeld"], rows["plus"], rows["plusplus"]] == LEKSTROOM_MATRIX
    assert ("- omvang van de ondersteuning **bovengemiddeld**: bovengemiddeld (3 of 4 resultaatgebieden), "
            "als aantal resultaatgebieden is 3 tot en met 4") in out
    assert "*Bron: Toelichting: schematisch productmodel* · regel 146" in out


def test_markdown_says_every_definition_in_words_with_its_source(capsys):
    out = toon(capsys, "--regio", "lekstroom")
    assert "**Kan de inwoner nog (grote) stappen zetten in zelfredzaamheid en participatie?** (`type`, één keuze)" in out
    assert "- Behouden van zelfredzaamheid en participatie (`behouden`); ook: behoud, stabiel, nee" in out
    assert "| een hogere intensiteit (intensiteit +) | aantal verzwarende omstandigheden is 1 |" in out
    assert "alleen administratie = resultaatgebieden is precies ‘Administratie en financiën’" in out
    assert "- **als** er is een product\n- **dan** product: product (duur: duur, maximale duur: maximale duur)" in out
    assert "- **als** alleen administratie\n- **dan** geen indicatie\n- **en** verwijzing: Voorliggend veld of informele hulp" in out
    assert "| 022B1 | IB 1-2 resultaatgebieden, behouden, gemiddelde intensiteit | eenheid: per maand;" in out


def test_html_is_one_self_contained_page_with_the_18_cell_matrix(capsys):
    out = toon(capsys, "--regio", "lekstroom", "--formaat", "html")
    page = html_tables(out)
    assert page.external == []  # no scripts, style sheets, images or links to elsewhere: one file to mail or print
    (matrix,) = [t for t in page.tables if t["class"] == "matrix"]
    head, types, *body = matrix["rows"]
    # a heading: the value, then (in <small>) its label and its condition
    assert [(c[2].split(",")[0], c[1].get("colspan")) for c in head[1:]] == [
        ("gemiddeldgemiddeld (1 of 2 resultaatgebieden)", "2"), ("bovengemiddeldbovengemiddeld (3 of 4 resultaatgebieden)", "2"),
        ("grootgroot (5 of 6 resultaatgebieden)", "2")]
    assert [c[2].split("Behouden")[0].split("Ontwikkelen")[0] for c in types[1:]] == ["behouden", "ontwikkelen"] * 3
    assert [[c[2] for c in row if c[0] == "td"] for row in body] == LEKSTROOM_MATRIX
    assert [row[0][2].split(",")[0] for row in body] == [
        "gemiddeldeen gemiddelde intensiteit", "pluseen hogere intensiteit (intensiteit +)", "plusplusde hoogste intensiteit (intensiteit ++)"]
    cell = body[0][1]
    assert cell[1]["title"] == "IB 1-2 resultaatgebieden, behouden, gemiddelde intensiteit"


def test_html_highlights_the_rule_text_of_each_definition(capsys):
    out = toon(capsys, "--regio", "lekstroom", "--formaat", "html")
    block = out.split('id="tabel-matrixproduct"')[1].split("</section>")[0]
    assert "<summary>regeltekst</summary>" in block
    assert re.search(r'<span style="[^"]*">tabel</span>', block), "keywords are coloured"
    assert "026A3" in block and "toelichting" in block


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_renders_every_definition(region):
    model = load_region(region).model
    doc = document.build(model)
    assert sum(len(g.vragen) for g in doc.groepen) == len(model.vragen)
    assert [w.id for w in doc.waarden] == list(model.waarden)
    assert [r.id for r in doc.regels] == list(model.regels)
    text = document.render(doc, "markdown")
    for naam in [*model.vragen, *model.producten]:
        assert f"`{naam}`" in text or f"| {naam} |" in text
    for item in [*doc.waarden, *doc.tabellen, *doc.regels]:
        assert item.herkomst.code.split()[0] in ("parameter", "tabel", "regel", item.id), item.herkomst.code
        assert f"regel {item.herkomst.regel}" in text


def test_a_table_with_ranges_is_shown_row_by_row(tmp_path, capsys):
    path = tmp_path / "r.wmo"
    path.write_text('regio r "R"\n  geldig vanaf 2024-01-01\nvraag uren: getal\n  minimaal 0\n  maximaal 10\n'
                    'vraag kind: ja/nee\nproduct a "A"\nproduct b "B"\n'
                    'tabel klasse: uren | kind -> product\n  0 tot 3 | - -> a\n  > 3 | ja -> b\n  > 3 | nee -> a\n'
                    'regel r\n  als klasse != geen\n  dan product klasse\n', encoding="utf-8")
    out = toon(capsys, str(path))
    assert "| uren | kind | product |\n|---|---|---|\n| 0 tot en met 3 | elk | a |\n| groter dan 3 | ja | b |" in out
    assert "| Gemeenten | niet genoemd in het brondocument |" in out


def test_a_products_tariffs_are_shown_in_euros_oldest_first(tmp_path, capsys):
    path = tmp_path / "r.wmo"
    path.write_text('regio r "R"\n  geldig vanaf 2024-01-01\nvraag kind: ja/nee\nproduct a "A"\n  eenheid per maand\n'
                    '  tarief 1250 per maand vanaf 2026-01-01\n  tarief 1234,5 per maand vanaf 2025-01-01\n'
                    'regel r\n  als kind\n  dan product a\n', encoding="utf-8")
    out = toon(capsys, str(path))
    assert ("| a | A | eenheid: per maand; tarief: € 1.234,50 per maand vanaf 1-1-2025; "
            "tarief: € 1.250,00 per maand vanaf 1-1-2026 |") in out


def test_toon_writes_a_file_and_refuses_clearly(tmp_path, capsys):
    target = tmp_path / "lekstroom.html"
    assert main(["toon", "--regio", "lekstroom", "--formaat", "html", "--uit", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["toon"]) == 2
    assert "Geef --regio op" in capsys.readouterr().err
    assert main(["toon", "--regio", "lekstroom", "--uit", str(tmp_path / "geen" / "x.md")]) == 2
    assert "de map of het bestand bestaat niet" in capsys.readouterr().err


def test_the_document_is_the_same_byte_for_byte_every_time(capsys):
    assert toon(capsys, "--regio", "tsd", "--formaat", "html") == toon(capsys, "--regio", "tsd", "--formaat", "html")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Measures the page as Chromium lays it out and writes the figures into the DOM, which --dump-dom prints.
MEASURE = """<script>
const m = document.querySelector("table.matrix");
const cells = [...m.querySelectorAll("tbody td")];
document.body.dataset.meting = JSON.stringify({
  breedte: document.documentElement.clientWidth,
  matrix: Math.ceil(m.getBoundingClientRect().right),
  zichtbaar: cells.filter(c => c.getBoundingClientRect().width > 20 && c.innerText.trim().length === 5).length,
  overloop: document.documentElement.scrollWidth > document.documentElement.clientWidth,
});
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("breedte", [800, 1280])
def test_chromium_lays_out_the_matrix_within_the_page(tmp_path, capsys, breedte):
    import json

    page = toon(capsys, "--regio", "lekstroom", "--formaat", "html").replace("</body>", MEASURE + "</body>")
    path = tmp_path / "toon.html"
    path.write_text(page, encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profiel'}", f"--window-size={breedte},1000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=90, check=True).stdout
    meting = json.loads(html.unescape(re.search(r'data-meting="([^"]*)"', dom).group(1)))
    assert meting["zichtbaar"] == 18
    assert meting["matrix"] <= meting["breedte"] and not meting["overloop"]


ZOU_LABELS = """regio r "R"
  geldig vanaf 2024-01-01
vraag nabijheid_24_7_nodig: ja/nee
  label "nabijheid 24/7 nodig"
vraag x: ja/nee
stap is
  label "uitkomst van de vijf stappen"
  label beschermd_wonen_nodig "beschermd wonen"
  beschermd_wonen_nodig als nabijheid_24_7_nodig
  geen_stap             als x
  rest                  anders
uren is {direct: 3, indirect: 1}
  label "verdeling van de uren"
  label direct "directe tijd"
regel r
  als stap = beschermd_wonen_nodig
  dan geen indicatie
"""


def test_the_document_names_values_and_their_own_values_by_the_labels_the_rule_file_gives(tmp_path, capsys):
    path = tmp_path / "r.wmo"
    path.write_text(ZOU_LABELS, encoding="utf-8")
    out = toon(capsys, str(path))
    assert "### uitkomst van de vijf stappen (`stap`)\n" in out and "### stap" not in out
    assert "| uitkomst van de vijf stappen is | als |" in out
    assert "| beschermd wonen | nabijheid 24/7 nodig |" in out and "nabijheid 24 7" not in out
    assert "| geen stap | x |" in out  # no label: the id in words
    assert "- **als** uitkomst van de vijf stappen is ‘beschermd wonen’" in out
    assert "verdeling van de uren = directe tijd: 3; indirect: 1" in out


def test_a_value_without_a_label_keeps_its_id_in_words_as_heading_without_the_id_again(tmp_path, capsys):
    path = tmp_path / "r.wmo"
    path.write_text(ZOU_LABELS.replace('  label "uitkomst van de vijf stappen"\n', ""), encoding="utf-8")
    out = toon(capsys, str(path))
    assert "### stap\n" in out and "(`stap`)" not in out
