"""Batch speed: the compiled engine against a hand-written floor and the rule-engine package.

Run: python bench/bench_batch.py [--miljoen]
Prints, for Lekstroom:
  1. in-process µs per case: the engine (decision compiled from the checked AST), the same
     decision written by hand in Python (the floor), and the rule-engine package (PyPI) with the
     same decision as rule expressions; interleaved rounds, medians, ratios;
  2. end to end: wmo beoordeel on 100,000 generated JSONL cases (wall time, cases per second,
     peak memory), and with --miljoen also on 1,000,000;
  3. cold start: python -c pass, wmo --help, wmo beoordeel on one case.
Needs /usr/bin/time (Debian package 'time') for peak memory, and 'pip install rule-engine'.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.semantics.evaluate import ProductToekenning, Uitkomst
from wmo_dsl.cases.population import generate
from wmo_dsl.plugins import load_region

REPO = Path(__file__).resolve().parent.parent
PEILDATUM = dt.date(2025, 1, 1)
ROUNDS = 15
CASES = 2000


# ── The floor: Lekstroom's decision written by hand ──

def _duur(n):
    from wmo_dsl.language.ast import Duur
    return Duur(n, "maanden")


D6, D12, D24, D60 = _duur(6), _duur(12), _duur(24), _duur(60)
ONE = Decimal(1)
OMVANG = {1: ("gemiddeld", "022"), 2: ("gemiddeld", "022"), 3: ("bovengemiddeld", "024"), 4: ("bovengemiddeld", "024"),
          5: ("groot", "026"), 6: ("groot", "026")}
INTENSITEIT = ("gemiddeld", "plus", "plusplus")


def hand_written(a: dict):
    gebieden = a["resultaatgebieden"]
    n = len(gebieden)
    omvang, prefix = OMVANG.get(n, (None, None))
    alleen_administratie = gebieden == frozenset(("administratie_financien",))
    k = len(a["verzwarende_omstandigheden"])
    intensiteit = INTENSITEIT[min(k, 2)]
    behouden = a["type"] == "behouden"
    maximale_duur = D60 if behouden else D24
    standaardduur = D6 if a["verandering_verwacht"] else (D24 if behouden else D12)
    matrix = f"{prefix}{'B' if behouden else 'A'}{min(k, 2) + 1}" if prefix else None
    if matrix == "022B1" and a["alleen_waakvlam"]:
        ib = "lichte_ib"
    elif matrix == "026A3" and a["hoogste_product_ontoereikend"]:
        ib = "zware_ib"
    else:
        ib = matrix
    values = {"omvang": omvang, "alleen_administratie": alleen_administratie, "intensiteit": intensiteit,
              "ib_product": ib, "standaardduur": standaardduur, "maximale_duur": maximale_duur, "matrixproduct": matrix}
    u = Uitkomst()
    if n == 0:
        u.geen_indicatie.append("geen_resultaatgebied")
    if alleen_administratie:
        u.geen_indicatie.append("alleen_administratie_en_financien")
        u.verwijzingen.append(("voorliggend_veld", "alleen_administratie_en_financien"))
    if ib is not None:
        volume = a.get("uren_per_maand") if ib in ("lichte_ib", "zware_ib") else ONE
        u.producten.append(ProductToekenning(ib, standaardduur, maximale_duur, False, "individuele_begeleiding", None, volume))
        if not alleen_administratie:
            if ib == "zware_ib":
                u.signalen.append(("zware_ib_uitzondering", "zware_ib_tijdelijk"))
            if ib == "lichte_ib":
                u.signalen.append(("lichte_ib_afbouwen", "lichte_ib_afbouw"))
            if "psychiatrie" in a["verzwarende_omstandigheden"]:
                u.signalen.append(("ggz_crisisopvang", "psychiatrie_crisisopvang"))
            if a["verandering_verwacht"]:
                u.signalen.append(("korte_indicatie", "korte_duur_evalueren"))
    else:
        u.niet_van_toepassing.append("individuele_begeleiding")
    return values, u


# ── The same decision in the rule-engine package ──

def rule_engine_decision():
    import rule_engine

    R = rule_engine.Rule
    omvang = [(R("resultaatgebieden.length >= 1 and resultaatgebieden.length <= 2"), "022"),
              (R("resultaatgebieden.length >= 3 and resultaatgebieden.length <= 4"), "024"),
              (R("resultaatgebieden.length >= 5 and resultaatgebieden.length <= 6"), "026")]
    intensiteit = [(R("verzwarende_omstandigheden.length == 0"), "1"), (R("verzwarende_omstandigheden.length == 1"), "2")]
    behouden = R('type == "behouden"')
    alleen_adm = R('resultaatgebieden == ["administratie_financien"]')
    geen = R("resultaatgebieden.length == 0")
    lichte = R('matrix == "022B1" and alleen_waakvlam')
    zware = R('matrix == "026A3" and hoogste_product_ontoereikend')
    psych = R('"psychiatrie" in verzwarende_omstandigheden')
    verandering = R("verandering_verwacht")

    def decide(a: dict):
        thing = {k: (sorted(v) if isinstance(v, frozenset) else v) for k, v in a.items()}
        prefix = next((code for rule, code in omvang if rule.matches(thing)), None)
        level = next((code for rule, code in intensiteit if rule.matches(thing)), "3")
        b = behouden.matches(thing)
        thing["matrix"] = f"{prefix}{'B' if b else 'A'}{level}" if prefix else None
        ib = "lichte_ib" if lichte.matches(thing) else "zware_ib" if zware.matches(thing) else thing["matrix"]
        adm = alleen_adm.matches(thing)
        stop = geen.matches(thing) or adm
        signalen = []
        if ib is not None and not adm:
            signalen += ["zware_ib_uitzondering"] if ib == "zware_ib" else []
            signalen += ["lichte_ib_afbouwen"] if ib == "lichte_ib" else []
            signalen += ["ggz_crisisopvang"] if psych.matches(thing) else []
            signalen += ["korte_indicatie"] if verandering.matches(thing) else []
        return (None if stop else ib), signalen

    return decide


def outcome(u: Uitkomst):
    return (None if u.geen_indicatie or not u.producten else u.producten[0].product), [s for s, _ in u.signalen]


def per_case_us(fn, cases) -> float:
    start = time.perf_counter()
    for a in cases:
        fn(a)
    return (time.perf_counter() - start) / len(cases) * 1e6


def in_process() -> None:
    rules = load_region("lekstroom", PEILDATUM)
    cases = [convert_answers(rules.model, c["antwoorden"]) for c in generate(rules.model, CASES, zaad=1)]
    engine = rules.compiled
    decide = rule_engine_decision()
    for a in cases:  # the three must agree before their speed means anything
        assert engine(a) == hand_written(a), a
        assert outcome(engine(a)[1]) == decide(a), a
    timings = {"motor (gecompileerd)": [], "met de hand (vloer)": [], "rule-engine": []}
    for _ in range(ROUNDS):
        timings["motor (gecompileerd)"].append(per_case_us(engine, cases))
        timings["met de hand (vloer)"].append(per_case_us(hand_written, cases))
        timings["rule-engine"].append(per_case_us(decide, cases[:200]))
    floor = statistics.median(timings["met de hand (vloer)"])
    print(f"1. Lekstroom, µs per casus in het proces (mediaan van {ROUNDS} afwisselende rondes, {CASES} casussen):")
    for name, values in timings.items():
        m = statistics.median(values)
        print(f"   {name:22s} {m:8.2f} µs   {m / floor:6.2f}× de vloer")


def run_timed(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of a command, by /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        return wall, int(report.read().strip().splitlines()[-1]) // 1024


def end_to_end(sizes) -> None:
    print("2. wmo beoordeel van begin tot eind (JSONL in, JSONL uit):")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            population = Path(tmp) / f"populatie_{n}.jsonl"
            subprocess.run(["wmo", "genereer", "--regio", "lekstroom", "--aantal", str(n), "--uit", str(population)],
                           check=True, stderr=subprocess.DEVNULL)
            wall, mb = run_timed(["wmo", "beoordeel", "--regio", "lekstroom", "--peildatum", PEILDATUM.isoformat(),
                                  str(population), "--uit", str(Path(tmp) / "resultaat.jsonl")])
            dots = lambda x: f"{x:,.0f}".replace(",", ".")  # noqa: E731
            print(f"   {dots(n):>9} casussen: {wall:6.2f} s, {dots(n / wall):>7} casussen/s, piekgeheugen {mb} MB")


def cold_start() -> None:
    case = REPO / "regions" / "lekstroom" / "casussen" / "matrix_024A2.json"
    print("3. Koude start (mediaan van 7 keer, wandtijd):")
    for label, args in (("python -c pass", [sys.executable, "-c", "pass"]), ("wmo --help", ["wmo", "--help"]),
                        ("wmo beoordeel (1 casus)", ["wmo", "beoordeel", str(case), "--formaat", "json"])):
        walls = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
        print(f"   {label:24s} {statistics.median(walls) * 1000:7.0f} ms")


def main() -> None:
    print(f"wmo-dsl batchmeting, {dt.date.today().isoformat()}, {os.cpu_count()} kernen, Python {sys.version.split()[0]}")
    in_process()
    end_to_end([100_000, 1_000_000] if "--miljoen" in sys.argv else [100_000])
    cold_start()


if __name__ == "__main__":
    main()
