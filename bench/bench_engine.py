"""Engine figures: parse+check of every installed region, one evaluation, one still-needed set.

Run: python bench/bench_engine.py   (prints medians over repeated runs; no pass/fail)
"""

from __future__ import annotations

import statistics
import time

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import read_case
from wmo_dsl.plugins import load_region, region_sources
from wmo_dsl.semantics.pipeline import checked


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    sources = region_sources()
    paths = [p for s in sources.values() for p in s.regels]
    t = median_seconds(lambda: [checked(p, fresh=True) for p in paths], 5)
    print(f"parse, check en analyse van {len(paths)} regelbestand(en), analyse opnieuw (wmo check): {t * 1000:.1f} ms")
    t = median_seconds(lambda: [checked(p) for p in paths], 10)
    print(f"parse en check van {len(paths)} regelbestand(en), analyse uit de cache (laden van een regio): {t * 1000:.1f} ms")
    for rid, source in sources.items():
        rules = load_region(rid)
        cases = [read_case(p) for p in sorted(source.casussen.glob("*.json"))] if source.casussen else []
        prepared = [(convert_answers(rules.model, c.antwoorden), c.peildatum) for c in cases]
        t = median_seconds(lambda: [rules.evaluate(a, p) for a, p in prepared], 20)
        print(f"{rid}: beoordeling (met nog-nodig-set) per voorbeeldcasus: {t / max(len(prepared), 1) * 1e6:.0f} µs")
        t = median_seconds(lambda: rules.still_needed({}), 10)
        print(f"{rid}: nog-nodig-set zonder antwoorden: {t * 1000:.1f} ms")


if __name__ == "__main__":
    main()
