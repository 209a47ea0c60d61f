"""Rule files of growing size in the shape of the shipped regions, for the solver benchmarks.

Each function returns the text of one rule file that passes ``wmo check``:

* ``multiselect(n)``: a ``meerdere`` question with n options, counted with ``aantal`` into an omvang
  (Lekstroom's shape) and tested with ``bevat`` for signals;
* ``chain(n)``: n yes/no and keuze questions feeding one decision as ordered steps (Zuid-Oost
  Utrecht's shape: the first step that applies decides);
* ``table(rows)``: a decision table over two choices and a number in bands (Lekstroom's matrix,
  larger);
* ``numbers(n)``: n numeric questions, each put in bands by a table with ranges (TSD's distances);
* ``catalogue(n)``: n products and n rules over 20 questions, some products only with a partner
  (TSD's catalogue);
* ``composite()``: a 13-option multi-select, 30 questions, a 105-row table and 4 numeric questions.
"""

from __future__ import annotations

HEADER = 'regio bench "Benchmark"\n  bron "gegenereerd" versie "1"\n  geldig vanaf 2024-01-01\n\n'


def _keuze(naam: str, opties: list[str]) -> str:
    return f"vraag {naam}: keuze\n" + "".join(f'  optie {o} "{o.replace("_", " ").capitalize()}"\n' for o in opties) + "\n"


def _janee(naam: str) -> str:
    return f'vraag {naam}: ja/nee\n  tekst "Geldt {naam.replace("_", " ")}?"\n\n'


def _products(names: list[str]) -> str:
    return "".join(f'product {p} "Product {p}"\n  eenheid per maand\n  duur 12 maanden\n\n' for p in names)


def multiselect(n: int) -> str:
    opties = [f"gebied_{i}" for i in range(1, n + 1)]
    third = max(n // 3, 1)
    text = HEADER + "vraag gebieden: meerdere\n" + "".join(f'  optie {o} "Gebied {o[7:]}"\n' for o in opties) + "\n"
    text += _keuze("type", ["behouden", "ontwikkelen"])
    text += _janee("verandering")
    text += (f"omvang is\n  klein  als aantal gebieden in 1 tot {third}\n  midden als aantal gebieden in {third + 1} tot {2 * third}\n"
             f"  groot  als aantal gebieden >= {2 * third + 1}\n  geen   anders\n\n")
    text += "tabel keuze_product: omvang | type -> product\n" + "".join(
        f"  {o} | {t} -> p_{o}_{t}\n" for o in ("klein", "midden", "groot") for t in ("behouden", "ontwikkelen")) + "\n"
    text += _products([f"p_{o}_{t}" for o in ("klein", "midden", "groot") for t in ("behouden", "ontwikkelen")])
    text += 'signaal eerste "Het eerste gebied"\n\nsignaal zwaar "Veel verandering"\n\n'
    text += "regel geen_gebied\n  als aantal gebieden = 0\n  dan geen indicatie\n\n"
    text += "regel product\n  als keuze_product != geen\n  dan product keuze_product\n\n"
    text += f"regel eerste\n  als gebieden bevat gebied_1 en gebieden bevat gebied_{n}\n  dan signaal eerste\n\n"
    text += "regel zwaar\n  als verandering en omvang = groot\n  dan signaal zwaar\n"
    return text


def chain(n: int) -> str:
    text = HEADER
    conditions = []
    for i in range(1, n + 1):
        if i % 2:
            text += _janee(f"vraag_{i}")
            conditions.append(f"vraag_{i}")
        else:
            text += _keuze(f"vraag_{i}", ["laag", "midden", "hoog"])
            conditions.append(f"vraag_{i} = hoog")
    steps = [f"stap_{i}" for i in range(1, n + 1)]
    text += "stap is\n" + "".join(f"  {s} als {c}\n" for s, c in zip(steps, conditions)) + "  geen_stap anders\n\n"
    products = [f"product_{k}" for k in range(1, 6)]
    text += _products(products) + 'verwijzing elders "Elders"\n\n'
    for i, s in enumerate(steps):
        text += f"regel regel_{s}\n  als stap = {s}\n  dan product {products[i % 5]}\n\n"
    text += "regel niets\n  als stap = geen_stap\n  dan verwijzing elders\n  en geen indicatie\n"
    return text


def table(rows: int) -> str:
    a, b = {100: (5, 4), 1000: (10, 10), 10000: (25, 20)}[rows]
    c = rows // (a * b)
    text = HEADER + _keuze("soort", [f"soort_{i}" for i in range(a)]) + _keuze("zwaarte", [f"zwaarte_{i}" for i in range(b)])
    text += f"vraag uren: getal\n  minimaal 0\n  maximaal {c * 10}\n\n"
    products = [f"product_{k}" for k in range(10)]
    text += _products(products)
    text += "tabel besluit: soort | zwaarte | uren -> product\n"
    for k, (i, j, band) in enumerate((i, j, band) for i in range(a) for j in range(b) for band in range(c)):
        text += f"  soort_{i} | zwaarte_{j} | {band * 10} tot {band * 10 + 10} -> {products[(i + 2 * j + 3 * band) % 10]}\n"
    text += "  eerste treffer\n\n"
    text += "regel besluit\n  als besluit != geen\n  dan product besluit\n"
    return text


def numbers(n: int) -> str:
    text = HEADER + _products(["laag", "midden", "hoog"]) + 'signaal grens "Op de grens"\n\n'
    for i in range(1, n + 1):
        text += f"vraag afstand_{i}: getal\n  minimaal 0\n  maximaal 100\n\n"
        text += f"tabel klasse_{i}: afstand_{i} -> product\n  0 tot 10 -> laag\n  > 10 -> midden\n  eerste treffer\n\n"
        text += (f"regel klasse_{i}\n  als klasse_{i} != geen en afstand_{i} <= 50\n  dan product klasse_{i}\n\n"
                 f"regel ver_{i}\n  als afstand_{i} > 50\n  dan product hoog\n\n")
    text += "regel grens\n  als afstand_1 = 10\n  dan signaal grens\n"
    return text


def catalogue(n: int) -> str:
    text = HEADER
    questions = [f"vraag_{i}" for i in range(1, 21)]
    for q in questions:
        text += _janee(q)
    products = [f"product_{k}" for k in range(1, n + 1)]
    for k, p in enumerate(products):
        text += f'product {p} "Product {k + 1}"\n  eenheid per uur\n'
        if k % 10 == 9:
            text += f"  alleen in combinatie met {products[k - 1]}\n"
        text += "\n"
    for k, p in enumerate(products):
        a, b = questions[k % 20], questions[(k * 7 + 3) % 20]
        condition = f"{a} en niet {b}" if k % 10 != 9 else f"{a} en niet {b} en {questions[(k - 1) % 20]} en niet {questions[((k - 1) * 7 + 3) % 20]}"
        text += f"regel regel_{k + 1}\n  als {condition}\n  dan product {p}\n\n"
    return text


def composite() -> str:
    opties = [f"domein_{i}" for i in range(1, 14)]
    text = HEADER + "vraag domeinen: meerdere\n" + "".join(f'  optie {o} "Domein {o[7:]}"\n' for o in opties) + "\n"
    questions = []
    for i in range(1, 31):
        if i % 3:
            text += _janee(f"criterium_{i}")
            questions.append(f"criterium_{i}")
        else:
            text += _keuze(f"criterium_{i}", ["nee", "soms", "ja"])
            questions.append(f"criterium_{i} = ja")
    for i in range(1, 5):
        text += f"vraag uren_{i}: getal\n  minimaal 0\n  maximaal 40\n\n"
    text += _keuze("type", [f"type_{t}" for t in range(5)])
    text += ("omvang is\n  klein als aantal domeinen in 1 tot 4\n  midden als aantal domeinen in 5 tot 8\n"
             "  groot als aantal domeinen >= 9\n  geen anders\n\n")
    text += "intensiteit is\n" + "".join(f"  niveau_{k} als {questions[k]}\n" for k in range(6)) + "  niveau_6 anders\n\n"
    products = [f"product_{k}" for k in range(105)]
    text += _products(products)
    text += "tabel besluit: omvang | type | intensiteit -> product\n"
    k = 0
    for o in ("klein", "midden", "groot"):
        for t in range(5):
            for n in range(7):
                text += f"  {o} | type_{t} | niveau_{n} -> {products[k]}\n"
                k += 1
    text += "\n"
    text += 'signaal veel_uren "Veel uren"\n\nverwijzing elders "Elders"\n\n'
    text += "regel besluit\n  als besluit != geen en niet criterium_29\n  dan product besluit\n\n"
    text += "regel elders\n  als criterium_29 of aantal domeinen = 0\n  dan verwijzing elders\n  en geen indicatie\n\n"
    text += ("regel uren\n  als uren_1 + uren_2 > 20 en uren_3 <= uren_4\n  dan signaal veel_uren\n\n"
             "regel samen\n  als " + " en ".join(questions[10:28:3]) + "\n  dan signaal veel_uren\n")
    return text


FAMILIES = {
    "meerdere": (multiselect, [8, 13, 16, 24, 32]),
    "ja/nee en keuze": (chain, [20, 40, 80, 160]),
    "tabelrijen": (table, [100, 1000, 10000]),
    "getallen": (numbers, [1, 4, 8, 16]),
    "regels en producten": (catalogue, [50, 200, 400]),
    "samengesteld": (lambda _: composite(), [1]),
}


# ── Hostile sizes (issue 19): big exact tables, long chains, many syntax errors ──

def exact_table(rows: int) -> str:
    """A table of ``rows`` exact-value rows over two keuze questions (no bands, no '-'), the
    shape that once compiled in time quadratic in the rows."""
    b = 100
    a = -(-rows // b)
    text = HEADER + _keuze("soort", [f"soort_{i}" for i in range(a)]) + _keuze("zwaarte", [f"zwaarte_{j}" for j in range(b)])
    products = [f"product_{k}" for k in range(10)]
    text += _products(products)
    text += "tabel besluit: soort | zwaarte -> product\n"
    for k in range(rows):
        i, j = divmod(k, b)
        text += f"  soort_{i} | zwaarte_{j} -> {products[(i + 3 * j) % 10]}\n"
    text += "\nregel besluit\n  als besluit != geen\n  dan product besluit\n"
    return text


def en_chain(terms: int) -> str:
    """One condition of ``terms`` yes/no questions joined by 'en' (on few questions, repeated)."""
    questions = [f"vraag_{i}" for i in range(1, 11)]
    text = HEADER + "".join(_janee(q) for q in questions) + _products(["hulp"])
    text += "regel hulp\n  als " + " en ".join(questions[k % 10] for k in range(terms)) + "\n  dan product hulp\n"
    return text


def sum_chain(terms: int) -> str:
    """One derived value of ``terms`` numbers added up: a + a + … + a."""
    text = HEADER + "vraag uren: getal\n  minimaal 0\n  maximaal 10\n\n" + _products(["hulp"])
    text += "totaal is " + " + ".join("uren" for _ in range(terms)) + "\n\n"
    text += "regel hulp\n  als totaal > 5\n  dan product hulp\n"
    return text


def syntax_errors(n: int) -> str:
    """A file with ``n`` broken definitions, each its own syntax error."""
    text = HEADER + _janee("vraag_1")
    text += "".join(f"regel kapot_{i}\n  als vraag_1 en )\n  dan geen indicatie\n\n" for i in range(n))
    return text
