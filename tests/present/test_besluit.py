"""The draft beschikking: product, dates, sources, legal basis and the objection clause; A4 in Chromium."""

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.errors import WmoFout

REGIONS = Path(__file__).resolve().parents[2] / "regions"
EXAMPLES = {  # one example case with an indicatie per region: (case, product name, start, end)
    "lekstroom": ("matrix_022A2.json", "IB 1-2 resultaatgebieden, ontwikkelen, intensiteit +", "1-1-2025", "31-12-2025"),
    "tsd": ("ib_ontwikkelen.json", "Individuele begeleiding gericht op leren", "1-6-2025", "uiterlijk 31-5-2027"),
    "zou": ("stap3_bemoeizorg.json", "Bemoeizorg", None, None),
    "leiden": ("pilot.json", "Begeleiding individueel", None, None),
}


def besluit(capsys, *args) -> str:
    assert main(["beoordeel", *args, "--formaat", "besluit"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("regio", sorted(EXAMPLES))
def test_the_letter_names_product_dates_sources_basis_and_how_to_object_without_product_codes(capsys, regio):
    case, code, start, end = EXAMPLES[regio]
    text = besluit(capsys, str(REGIONS / regio / "casussen" / case))
    (row,) = [line for line in text.splitlines() if line.startswith("| ") and code in line]
    assert not re.search(r"\b(02[0-9A-Z]{3}|BGI)\b", row)
    assert re.search(r"\| \d{1,2}-\d{1,2}-\d{4} \|", row)
    if start:
        assert f"| {start} | {end} |" in row
    assert "(bron: " in text and "## Waarom wij zo besluiten" in text
    assert "Wij baseren dit besluit op artikel 2.3.5 van de Wmo 2015, op **[de verordening maatschappelijke ondersteuning" in text
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


def case_file(tmp_path, regio: str, name: str, **extra) -> str:
    casus = json.loads((REGIONS / regio / "casussen" / name).read_text(encoding="utf-8"))
    (tmp_path / name).write_text(json.dumps({**casus, **extra}), encoding="utf-8")
    return str(tmp_path / name)


def test_a_bemoeizorg_letter_says_there_was_no_own_hulpvraag_and_never_speaks_of_an_aanvraag(tmp_path, capsys):
    text = besluit(capsys, case_file(tmp_path, "zou", "stap3_bemoeizorg.json", aanvraagdatum="2025-05-12"))
    assert "Onderwerp: besluit over ondersteuning uit de Wmo 2015\n" in text
    assert "Op 12-5-2025 is ons gemeld dat u mogelijk ondersteuning nodig heeft. U heeft zelf geen hulpvraag gesteld." in text
    assert "aanvraag" not in text.split("## Wat wij hebben onderzocht")[0].split("Nog in te vullen")[1]
    assert "uw aanvraag" not in text


def test_an_aanvraag_letter_opens_with_the_aanvraagdatum_or_a_place_to_fill_it_in(tmp_path, capsys):
    assert "Op 3-3-2025 heeft u ondersteuning gevraagd" in besluit(
        capsys, case_file(tmp_path, "zou", "stap4_casusregie.json", aanvraagdatum="2025-03-03"))
    text = besluit(capsys, str(REGIONS / "zou" / "casussen" / "stap4_casusregie.json"))
    assert "Op **[aanvraagdatum]** heeft u ondersteuning gevraagd" in text and "Wij hebben uw aanvraag onderzocht." in text


def test_a_region_can_make_a_case_a_melding(tmp_path, capsys):
    rules = (REGIONS / "zou" / "zou.wmo").read_text(encoding="utf-8").replace(
        "  ambtshalve als niet eigen_hulpvraag\n  aanvraag   anders", "  melding anders")
    (tmp_path / "r.wmo").write_text(rules, encoding="utf-8")
    text = besluit(capsys, case_file(tmp_path, "zou", "stap4_casusregie.json", aanvraagdatum="2025-03-03"),
                   "--regels", str(tmp_path / "r.wmo"))
    assert "Op 3-3-2025 heeft u bij ons gemeld dat u ondersteuning nodig heeft (artikel 2.3.2 van de Wmo 2015)." in text
    assert "na uw melding" in text


def test_the_letter_is_dated_today_unless_the_case_fixes_the_date(tmp_path, capsys):
    import datetime as dt

    today = dt.date.today()
    assert f"Datum: {today.day}-{today.month}-{today.year}\n" in besluit(capsys, str(REGIONS / "tsd" / "casussen" / "ib_ontwikkelen.json"))
    fixed = besluit(capsys, case_file(tmp_path, "tsd", "ib_ontwikkelen.json", datum_besluit="2025-06-03"))
    assert "Datum: 3-6-2025\n" in fixed and f"peildatum 1-6-2025" in fixed


def test_kenmerk_and_gemeente_fill_their_places_and_every_remaining_place_is_listed_and_highlighted(tmp_path, capsys):
    open_ = besluit(capsys, str(REGIONS / "tsd" / "casussen" / "ib_ontwikkelen.json"))
    listed = re.search(r"\*\*Nog in te vullen:\*\* (.*)\.\n", open_)[1].split("; ")
    assert {"[gemeente]", "[kenmerk]", "[aanvraagdatum]", "[Naam inwoner]", "[adres]", "[naam consulent]"} <= set(listed)
    body = open_.split("\n\n", 1)[1]
    for place in listed:
        assert f"**{place}**" in body, place
    assert not re.search(r"(?<!\*)\[[a-zA-Z]", body.replace("(bron:", ""))  # no place without its highlight
    filled = besluit(capsys, case_file(tmp_path, "tsd", "ib_ontwikkelen.json", kenmerk="Z/25/1", gemeente="Dordrecht",
                                       aanvraagdatum="2025-05-20"))
    assert "Ons kenmerk: Z/25/1" in filled and "wethouders van Dordrecht," in filled
    assert "[gemeente]" not in filled and "[kenmerk]" not in filled and "[aanvraagdatum]" not in filled


def test_the_html_letter_highlights_every_place_alike_and_does_not_print_the_consultants_block(tmp_path, capsys):
    out = tmp_path / "b.html"
    assert main(["beoordeel", str(REGIONS / "tsd" / "casussen" / "ib_ontwikkelen.json"), "--formaat", "besluit", "--uit", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert re.search(r"@media print \{.*\.consulent \{ display: none; \}", page)
    letter = page.split('<div class="adres">')[1]
    assert re.findall(r"\[[^\]<]*\]", re.sub(r'<span class="vul">\[[^\]<]*\]</span>', "", letter)) == []
    assert '<span class="vul">[gemeente]</span>' in letter and '<span class="vul">[kenmerk]</span>' in letter


def test_every_granting_letter_states_leveringsvorm_and_eigen_bijdrage_and_no_iwmo_codes():
    letters = _letters("markdown")
    assert len(letters) > 40
    for case, text, _ in letters:
        assert not re.search(r"categorie \d|eenheid \d|frequentie \d", text), case
        if "U krijgt de volgende ondersteuning" in text:
            assert "persoonsgebonden budget (pgb)" in text and "artikel 2.3.6 van de Wmo 2015" in text, case
            assert "Centraal Administratiekantoor (CAK)" in text, case
        else:
            assert "pgb" not in text and "CAK" not in text, case


def test_a_region_gives_its_own_eigen_bijdrage_sentence_or_none(tmp_path, capsys):
    case = str(REGIONS / "zou" / "casussen" / "stap4_casusregie.json")
    for line, expected in [('  eigen bijdrage "Voor begeleiding betaalt u het abonnementstarief."', "Voor begeleiding betaalt u het abonnementstarief."),
                           ("  eigen bijdrage geen", "Voor deze ondersteuning betaalt u geen eigen bijdrage.")]:
        rules = (REGIONS / "zou" / "zou.wmo").read_text(encoding="utf-8").replace(
            "  geldig vanaf 2025-01-01", "  geldig vanaf 2025-01-01\n" + line, 1)
        (tmp_path / "r.wmo").write_text(rules, encoding="utf-8")
        text = besluit(capsys, case, "--regels", str(tmp_path / "r.wmo"))
        assert expected in text and "CAK" not in text


def test_a_period_before_the_aanvraag_or_wholly_before_the_letter_is_stated_as_terugwerkende_kracht(tmp_path, capsys):
    past = besluit(capsys, case_file(tmp_path, "leiden", "pilot.json", datum_besluit="2025-06-03"))
    assert "(1-7-2019 tot en met 31-12-2019) ligt helemaal vóór de datum van deze brief" in past
    early = besluit(capsys, case_file(tmp_path, "tsd", "ib_ontwikkelen.json", aanvraagdatum="2025-06-15", datum_besluit="2025-06-20"))
    assert "gaat in op 1-6-2025, vóór de datum van uw aanvraag (15-6-2025): wij kennen deze ondersteuning met terugwerkende kracht toe" in early
    now = besluit(capsys, case_file(tmp_path, "tsd", "ib_ontwikkelen.json", aanvraagdatum="2025-05-20", datum_besluit="2025-06-03"))
    assert "terugwerkende kracht" not in now


def test_a_case_file_refuses_a_kenmerk_that_is_no_line_of_text(tmp_path, capsys):
    assert main(["beoordeel", case_file(tmp_path, "tsd", "ib_ontwikkelen.json", kenmerk=["Z"]), "--formaat", "besluit"]) == 2
    assert "'kenmerk' is één regel tekst" in capsys.readouterr().err


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
def chromium(tmp_path, *args):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                           "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path / 'profiel'}",
                           *args], capture_output=True, text=True, timeout=90, check=True)


def test_the_html_letter_is_written_for_its_owner_only(tmp_path):
    html_path = tmp_path / "besluit.html"
    assert main(["beoordeel", str(REGIONS / "lekstroom" / "casussen" / "matrix_022A2.json"), "--formaat", "besluit",
                 "--uit", str(html_path)]) == 0
    assert html_path.stat().st_mode & 0o077 == 0 and html_path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


PDFTOTEXT = shutil.which("pdftotext")
MOST_PRODUCTS = Path(__file__).with_name("besluit_meeste_producten.json")
MM = 72 / 25.4  # points per millimetre
A4 = (595.28, 841.89)
MARGINS = {"boven": 22 * MM, "rechts": 20 * MM, "onder": 20 * MM, "links": 25 * MM}  # as the template's @page says


@functools.cache
def _decided() -> tuple:
    """Every example case with a decision, and the case with the most products, evaluated once:
    (name, Beoordeling, Uitleg, Briefgegevens). As 'wmo beoordeel' does, without 'what would change'
    (the letter does not show it)."""
    from wmo_dsl.cases.answers import convert_answers
    from wmo_dsl.cases.casefile import convert_deviations, read_case
    from wmo_dsl.plugins import load_region
    from wmo_dsl.present.brief import Briefgegevens
    from wmo_dsl.present.explain import build

    decided = []
    for path in sorted(REGIONS.glob("*/casussen/*.json")) + [MOST_PRODUCTS]:
        casus = read_case(path)
        rules = load_region(casus.regio, casus.peildatum)
        b = rules.evaluate(convert_answers(rules.model, casus.antwoorden), casus.peildatum, convert_deviations(rules.model, casus))
        if b.uitkomst != "onvolledig":
            decided.append((f"{path.parent.parent.name}/{path.stem}", b, build(b),
                            Briefgegevens(casus.aanvraagdatum, casus.kenmerk, casus.gemeente, casus.datum_besluit)))
    return tuple(decided)


def _letters(formaat: str = "html") -> list[tuple[str, str, dict]]:
    """(name, letter, JSON result) for every decided case."""
    from wmo_dsl.plugins import output_formats
    from wmo_dsl.present.besluit import render_besluit

    return [(name, render_besluit(b, uitleg, formaat, gegevens=gegevens), json.loads(output_formats()["json"](b, uitleg)))
            for name, b, uitleg, gegevens in _decided()]


def _one_document(letters) -> str:
    """All letters in one HTML page, each from a new page and led by a marker word: one Chromium run."""
    head = letters[0][1].split("<body>")[0]
    bodies = [f'<section style="break-before: page"><p>BRIEF{i}</p>{html.split("<body>")[1].split("</body>")[0]}</section>'
              .replace("</table>", "</table><p>TABELEINDE</p>") for i, (_, html, _) in enumerate(letters)]
    return head + "<body>" + "".join(bodies) + "</body></html>"


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) of every word in the PDF, from 'pdftotext -bbox'."""
    import html

    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        elif m := re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line):
            words.append((page, *map(float, m.groups()[:4]), html.unescape(m[5])))
    return words


def _expected(result: dict, html_text: str) -> list[str]:
    """What the printed letter must show whole: every product name, every date and amount of the
    JSON result's products, and the letter's own table cells."""
    import html

    want = []
    for p in result["producten"]:
        want.append(p["naam"])
        for value in p.values():
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                y, m, d = value.split("-")
                want.append(f"{int(d)}-{int(m)}-{y}")
            elif isinstance(value, str) and "€" in value:
                want.append(value)
    table = html_text.split('<table class="besluit">')[1].split("</table>")[0] if '<table class="besluit">' in html_text else ""
    want += [html.unescape(re.sub(r"<[^>]+>", " ", cell)).split(" (")[0].strip()
             for cell in re.findall(r"<td>(.*?)</td>", table)]
    return [w for w in want if w]


def _cells(words) -> str:
    """The decision table's text column by column (pdftotext reads a table line by line across its
    cells): each word goes to the column whose heading starts left of it."""
    kop = next((i for i, w in enumerate(words[:-1]) if w[5] == "Ondersteuning" and words[i + 1][5] == "Omvang"), None)
    if kop is None:
        return ""
    einde = next(i for i, w in enumerate(words) if w[5] == "TABELEINDE" and i > kop)
    starts = [words[kop + k][1] - 1 for k in range(4)]  # Ondersteuning, Omvang, Vanaf, Tot (en met)
    columns: list[list[str]] = [[], [], [], []]
    for w in sorted(words[kop + 6:einde], key=lambda w: (w[0], w[2], w[1])):
        columns[max(k for k, x in enumerate(starts) if w[1] >= x or k == 0)].append(w[5])
    return " | ".join(" ".join(c) for c in columns)


@pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None,
                    reason="Debian's chromium or poppler-utils (pdftotext) is not installed (.ci/run installs both)")
def test_every_letter_prints_on_a4_with_every_value_whole_and_nothing_outside_the_margins(tmp_path, capsys):
    letters = _letters()
    assert len(letters) > 40 and any(len(r["producten"]) >= 6 for _, _, r in letters)
    doc = tmp_path / "alle.html"
    doc.write_text(_one_document(letters), encoding="utf-8")
    pdf = tmp_path / "alle.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", doc.as_uri())
    boxes = {tuple(round(float(x)) for x in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf.read_bytes())}
    assert boxes == {(0, 0, 595, 842)}  # A4 in points
    words = _words(pdf)
    outside = [w for w in words if w[1] < MARGINS["links"] - 1 or w[3] > A4[0] - MARGINS["rechts"] + 1
               or w[2] < MARGINS["boven"] - 1 or w[4] > A4[1] - MARGINS["onder"] + 1]
    assert not outside, f"buiten de marges: {outside[:5]}"
    starts = [i for i, w in enumerate(words) if re.fullmatch(r"BRIEF\d+", w[5])]
    assert len(starts) == len(letters)
    assert all(words[b - 1][0] - words[a][0] + 1 <= 4 for a, b in zip(starts, [*starts[1:], len(words)]))  # pages a letter takes
    for n, (name, html_text, result) in enumerate(letters):
        own = words[starts[n]:starts[n + 1] if n + 1 < len(starts) else len(words)]
        text = " ".join(w[5] for w in own)
        table = _cells(own)
        for value in _expected(result, html_text):  # whole in its cell, not only somewhere in a reason
            assert " ".join(value.split()) in table, f"{name}: '{value}' staat niet heel in de tabel van de PDF"
        assert "Nog in te vullen" not in text and "Alleen voor de consulent" not in text, name
        if result["uitkomst"] == "indicatie":  # the heading is on the page of the table's first row
            kop = next(w for w, v in zip(own, own[1:]) if w[5] == "Ons" and v[5] == "besluit")
            rij = next(w for w in own if w[5] == result["producten"][0]["naam"].split()[0] and w[0] >= kop[0] and w[2] > kop[2])
            assert kop[0] == rij[0], f"{name}: de kop 'Ons besluit' staat op een andere bladzijde dan de tabel"
