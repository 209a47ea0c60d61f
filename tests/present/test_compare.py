"""wmo vergelijk: what the seed 003 variant of Lekstroom (omvang 1-3 / 4-6) does to a population."""

import collections
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

from wmo_dsl.cli import main
from wmo_dsl.cases.sessions import Gebeurtenis, SessionStore

REPO = Path(__file__).resolve().parents[2]
VARIANT = REPO / "regions" / "lekstroom" / "varianten" / "omvang_1-3_4-6.wmo"


NAMEN = {"lichte_ib": "Lichte individuele begeleiding (waakvlamfunctie)", "zware_ib": "Zware individuele begeleiding"}


def label(antwoorden, klassen, laagste, hoogste):
    """Lekstroom's decision written out by hand, for an omvang split into ``klassen``: a product
    without a code by its name."""
    gebieden = antwoorden["resultaatgebieden"]
    if not gebieden or gebieden == ["administratie_financien"]:
        return "geen indicatie"
    omvang = next(code for (lo, hi), code in klassen.items() if lo <= len(gebieden) <= hi)
    n = len(antwoorden["verzwarende_omstandigheden"])
    code = omvang + ("B" if antwoorden["type"] == "behouden" else "A") + ("1" if n == 0 else "2" if n == 1 else "3")
    if code == laagste and antwoorden["alleen_waakvlam"]:
        return NAMEN["lichte_ib"]
    if code == hoogste and antwoorden["hoogste_product_ontoereikend"]:
        return NAMEN["zware_ib"]
    return code


def test_the_transition_table_of_10000_generated_cases_matches_a_hand_count(tmp_path, capsys):
    population = tmp_path / "populatie.jsonl"
    assert main(["genereer", "--regio", "lekstroom", "--aantal", "10000", "--zaad", "42", "--uit", str(population)]) == 0
    expected = collections.Counter()
    for line in population.read_text(encoding="utf-8").splitlines():
        a = json.loads(line)["antwoorden"]
        expected[(label(a, {(1, 2): "022", (3, 4): "024", (5, 6): "026"}, "022B1", "026A3"),
                  label(a, {(1, 3): "023", (4, 6): "046"}, "023B1", "046A3"))] += 1
    capsys.readouterr()
    assert main(["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), str(population),
                 "--peildatum", "2025-01-01", "--formaat", "markdown", "--voorbeelden", "3"]) == 0
    report = capsys.readouterr().out
    table = re.search(r"\| van \| naar \| aantal \|\n\|---\|---\|---:\|\n((?:\|.*\n)+)", report).group(1)
    found = collections.Counter()
    for row in table.splitlines():
        van, naar, n = [c.strip() for c in row.strip("|").split("|")]
        found[(van, naar)] += int(n.strip("*"))
    assert found == expected
    veranderd = sum(n for (van, naar), n in expected.items() if van != naar)
    assert f"| andere uitkomst | {veranderd} |" in report
    assert len(re.findall(r"^\| g\d+ \|", report, re.M)) == 3  # the first three changed cases, with their answers


def tariff(code, peildatum):
    """The monthly tariff the fixture below gives a matrix product, written out by hand."""
    bedrag = 300 + 100 * int(code[2]) + 50 * int(code[4]) + (25 if code[3] == "A" else 0) + Decimal("0.45")
    return bedrag + 20 if peildatum >= dt.date(2026, 1, 1) else bedrag


def with_tariffs(source: Path, target: Path) -> Path:
    """A copy of a rule file with two tariff periods for every matrix product and an hourly tariff for the others."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if m := re.match(r"product (\d{3}[AB]\d) ", line):
            for vanaf in (dt.date(2025, 1, 1), dt.date(2026, 1, 1)):
                lines.append(f"  tarief {str(tariff(m.group(1), vanaf)).replace('.', ',')} per maand vanaf {vanaf}")
        elif re.match(r"product (lichte_ib|zware_ib) ", line):
            lines.append("  tarief 68,50 per uur vanaf 2025-01-01")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def euro(bedrag):
    return "€ " + f"{bedrag:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def test_the_monthly_cost_difference_uses_each_products_tariff_at_the_peildatum(tmp_path, capsys):
    a = with_tariffs(REPO / "regions/lekstroom/lekstroom.wmo", tmp_path / "lekstroom.wmo")
    b = with_tariffs(VARIANT, tmp_path / "variant.wmo")
    population = tmp_path / "populatie.jsonl"
    main(["genereer", "--regio", "lekstroom", "--aantal", "2000", "--zaad", "7", "--uit", str(population)])
    cases = [json.loads(line)["antwoorden"] for line in population.read_text(encoding="utf-8").splitlines()]
    for peildatum in (dt.date(2025, 6, 1), dt.date(2026, 2, 1)):
        totals = []
        for klassen, laagste, hoogste in (({(1, 2): "022", (3, 4): "024", (5, 6): "026"}, "022B1", "026A3"),
                                          ({(1, 3): "023", (4, 6): "046"}, "023B1", "046A3")):
            codes = [label(c, klassen, laagste, hoogste) for c in cases]
            codes = [{naam: pid for pid, naam in NAMEN.items()}.get(code, code) for code in codes]
            # a matrix product by its monthly tariff; lichte and zware IB by the hour, times the hours per month
            totals.append(sum(tariff(code, peildatum) if code[:1].isdigit() else
                              Decimal("68.50") * Decimal(a["uren_per_maand"]) if code in ("lichte_ib", "zware_ib") else 0
                              for code, a in zip(codes, cases)))
        capsys.readouterr()
        assert main(["vergelijk", "--regels", str(a), "--regels", str(b), str(population),
                     "--peildatum", peildatum.isoformat()]) == 0
        out = capsys.readouterr().out
        verschil = totals[1] - totals[0]
        assert (f"Maandkosten op de peildatum: {euro(totals[0])} → {euro(totals[1])} "
                f"(verschil {'−' if verschil < 0 else ''}{euro(abs(verschil))} per maand)") in out
        assert "niet meegeteld" not in out
    capsys.readouterr()
    assert main(["vergelijk", "--regels", str(a), "--regels", str(b), str(population),
                 "--peildatum", "2024-12-31", "--formaat", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Maandkosten op de peildatum: € 0,00 → € 0,00" in out and "022B1: tarief pas vanaf 2025-01-01 (" in out


def test_an_hourly_tariff_counts_with_the_indicated_volume_per_week(tmp_path, capsys):
    rules = tmp_path / "uren.wmo"
    rules.write_text(
        'regio r "R"\n  geldig vanaf 2022-01-01\n\nvraag uren: getal\n  tekst "Uren per week?"\n\n'
        'product b "Begeleiding"\n  eenheid per uur\n  tarief 70,00 per uur vanaf 2025-01-01\n'
        '  iwmo\n    frequentie "2"\n    volume uren\n\nregel r\n  als uren > 0\n  dan product b\n', encoding="utf-8")
    other = tmp_path / "uren_duurder.wmo"
    other.write_text(rules.read_text(encoding="utf-8").replace("70,00", "72,00"), encoding="utf-8")
    cases = tmp_path / "c.jsonl"
    cases.write_text('{"antwoorden": {"uren": 3}}\n{"antwoorden": {"uren": 6}}\n', encoding="utf-8")
    assert main(["vergelijk", "--regels", str(rules), "--regels", str(other), str(cases), "--peildatum", "2025-03-01"]) == 0
    # 9 hours a week for 52/12 weeks a month: 9 * 70 * 52 / 12 = 2730, at 72: 2808
    assert "Maandkosten op de peildatum: € 2.730,00 → € 2.808,00 (verschil € 78,00 per maand)" in capsys.readouterr().out


def test_the_html_report_is_self_contained_with_an_svg_bar_chart(tmp_path, capsys):
    population = tmp_path / "p.jsonl"
    main(["genereer", "--regio", "lekstroom", "--aantal", "300", "--uit", str(population)])
    target = tmp_path / "verslag.html"
    assert main(["vergelijk", "--regels", str(REPO / "regions/lekstroom/lekstroom.wmo"), "--regels", str(VARIANT),
                 str(population), "--peildatum", "2025-01-01", "--formaat", "html", "--uit", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert "<svg" in page and "<rect" in page and "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "lekstroom.wmo → omvang_1-3_4-6.wmo" in page


def test_stored_intake_sessions_are_compared_by_their_answers_only(tmp_path, capsys):
    store = SessionStore(tmp_path / "sessies.db")
    for gebieden in (["zelfzorg_gezondheid", "woonvaardigheden", "sociaal_functioneren"], ["woonvaardigheden"]):
        sid = store.new("lekstroom", dt.date(2025, 1, 1))
        for vraag, waarde in (("resultaatgebieden", gebieden), ("type", "behouden"),
                              ("verzwarende_omstandigheden", []), ("verandering_verwacht", False), ("alleen_waakvlam", False)):
            store.append(sid, Gebeurtenis("antwoord", vraag, waarde))
    store.close()
    assert main(["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), "--sessies", "--sessie",
                 str(tmp_path / "sessies.db"), "--peildatum", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Casussen: 2" in out
    assert re.search(r"1  024B1 → 023B1  \*", out) and re.search(r"1  022B1 → 023B1  \*", out)
    assert "sessie 1: 024B1 → 023B1" in out and sid not in out


def test_vergelijk_says_what_it_needs(capsys):
    assert main(["vergelijk", "--regio", "lekstroom"]) == 2
    assert "--variant" in capsys.readouterr().err
