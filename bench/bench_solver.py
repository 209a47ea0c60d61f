"""The still-needed set and wmo check on rule files of growing size, with z3 and with BDDs.

Run: python bench/bench_solver.py [--snel]
For every generated rule file (bench/generate.py) and the four regions it prints:
  - wmo check: wall time and peak memory of the whole command (analysis afresh);
  - the z3 session: time to build it, the still-needed set of an empty case and of a case with
    half the questions answered (each the median of 5 calls on the built session), peak memory;
  - the same still-needed sets with BDDs (bench/solver_dd.py), where the model is finite, and
    whether both give the same set.
Targets on this machine: still-needed median under 50 ms and worst under 150 ms, wmo check under 2 s, peak memory under 300 MB.
The column 'doel' says 'ja' when both still-needed series ('leeg' and 'gesprek') meet the 50/150 ms target. The
session's build ('z3 bouw') includes the compiled decision and one still-needed set of the empty case (the warm-up,
semantics/warm.py), which the intake pays before its first question.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
PEILDATUM = dt.date(2025, 6, 1)


def measure(path: str) -> dict:
    """In a fresh process: build the solver for one rule file and time the still-needed sets as the
    intake asks for them: 20 calls on the empty case, and the up to 20 calls of a simulated intake
    (answer one still-needed question, ask again). Median and worst of each; BDDs beside it when the
    package ``dd`` is installed."""
    from wmo_dsl.language.check import check
    from wmo_dsl.language.parse import parse_file
    from wmo_dsl.semantics.engine import Rules
    from wmo_dsl.semantics.solver import Solver

    rules = Rules(check(parse_file(path)))
    start = time.perf_counter()
    solver = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    build = time.perf_counter() - start
    rng = random.Random(1)
    questions = list(rules.model.vragen)
    half = {q: solver.sample(q, rng) for q in questions[: len(questions) // 2]}
    result = {"bouw_z3": build}
    times = []
    for _ in range(20):
        solver._earlier = []  # each call afresh: the cost of an empty case, not of remembering it
        start = time.perf_counter()
        needed = solver.still_needed({})
        times.append(time.perf_counter() - start)
    result["z3_leeg"], result["z3_leeg_slechtst"], result["nodig_leeg"] = statistics.median(times), max(times), needed
    start = time.perf_counter()
    result["nodig_half"] = solver.still_needed(half)
    result["z3_half"] = time.perf_counter() - start
    answers: dict = {}
    times = []
    for _ in range(20):  # an intake: answer the first question still needed, then ask again
        start = time.perf_counter()
        needed = solver.still_needed(answers)
        times.append(time.perf_counter() - start)
        if not needed:
            break
        q = sorted(needed, key=questions.index)[0]
        answers[q] = solver.sample(q, rng)
    result["z3_gesprek"], result["z3_gesprek_slechtst"], result["gesprek_stappen"] = statistics.median(times), max(times), len(times)
    try:
        from solver_dd import BddStillNeeded, Unsupported
    except ModuleNotFoundError:
        result["bdd"] = "n.v.t. (pakket dd niet geïnstalleerd)"
    else:
        try:
            start = time.perf_counter()
            bdd = BddStillNeeded(rules.model)
            result["bouw_bdd"] = time.perf_counter() - start
            for label, given in (("leeg", {}), ("half", half)):
                start = time.perf_counter()
                found = bdd.still_needed(given)
                result[f"bdd_{label}"] = time.perf_counter() - start
                result[f"bdd_gelijk_{label}"] = found == result[f"nodig_{label}"]
        except Unsupported as err:
            result["bdd"] = f"n.v.t. ({err})"
    result["piek_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return result


def wmo_check(path: str) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "wmo_dsl.cli", "check", path],
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    return wall, int(proc.stderr.strip().splitlines()[-1]) // 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


def main() -> None:
    import generate

    snel = "--snel" in sys.argv
    print(f"wmo-dsl solvermeting, {dt.date.today().isoformat()}, {os.cpu_count()} kernen, Python {sys.version.split()[0]}")
    print("nog nodig in ms: 'leeg' 20 keer op de lege casus, 'gesprek' de stappen van een gesimuleerde intake;"
          " mediaan/slechtst (doel 50/150 ms; 'doel': beide gehaald)")
    print(f"{'bestand':28} {'check s':>8} {'MB':>5} | {'z3 bouw':>7} {'leeg':>13} {'gesprek':>13} {'half':>7} {'MB':>5} {'doel':>4} | "
          f"{'bdd bouw':>8} {'leeg ms':>7} {'half ms':>7} {'zelfde':>6}")
    files: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for name, (fn, sizes) in generate.FAMILIES.items():
            for n in (sizes[:2] if snel else sizes):
                path = Path(folder) / f"{name.replace(' ', '_').replace('/', '_')}_{n}.wmo"
                path.write_text(fn(n), encoding="utf-8")
                files.append((f"{name} {n}", str(path)))
        for region in ("lekstroom", "leiden", "tsd", "zou"):
            files.append((f"regio {region}", str(HERE.parent / "regions" / region / f"{region}.wmo")))
        for label, path in files:
            check_s, check_mb = wmo_check(path)
            proc = subprocess.run([sys.executable, __file__, "--een", path], capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"{label:28} {check_s:8.2f} {check_mb:5} | fout: {proc.stderr.strip().splitlines()[-1]}")
                continue
            r = json.loads(proc.stdout)
            bdd = (f"{ms(r['bouw_bdd'])} {ms(r['bdd_leeg'])} {ms(r['bdd_half'])} "
                   f"{'ja' if r['bdd_gelijk_leeg'] and r['bdd_gelijk_half'] else 'NEE':>6}") if "bouw_bdd" in r else r["bdd"]
            leeg = f"{r['z3_leeg'] * 1000:.0f}/{r['z3_leeg_slechtst'] * 1000:.0f}"
            gesprek = f"{r['z3_gesprek'] * 1000:.0f}/{r['z3_gesprek_slechtst'] * 1000:.0f}"
            doel = all(r[f"z3_{k}"] <= 0.050 and r[f"z3_{k}_slechtst"] <= 0.150 for k in ("leeg", "gesprek"))
            print(f"{label:28} {check_s:8.2f} {check_mb:5} | {ms(r['bouw_z3'])} {leeg:>13} {gesprek:>13} {ms(r['z3_half'])} "
                  f"{r['piek_mb']:5} {'ja' if doel else 'NEE':>4} | {bdd}")


if __name__ == "__main__":
    if "--een" in sys.argv:
        print(json.dumps(measure(sys.argv[sys.argv.index("--een") + 1]), default=str))
    else:
        main()
