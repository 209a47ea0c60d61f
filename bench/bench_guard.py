"""The solver's time limits on files no solver can decide in time: wall time and peak memory of
`wmo check` and `wmo beoordeel` (an empty case) with the real limits (guard.py: 2 s per call,
5 s per query, the analysis of a file 15 s), as separate processes.

Run: python bench/bench_guard.py   (prints one line per file and command)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.semantics.solver_files import interacting, nonlinear  # noqa: E402


def measure(args: list[str]) -> tuple[float, int, int]:
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "wmo_dsl.cli", *args],
                         capture_output=True, text=True)
    peak_kb = int(run.stderr.strip().splitlines()[-1]) if run.stderr.strip() else 0
    if "Traceback" in run.stderr:
        raise SystemExit(f"traceback in {args}:\n{run.stderr}")
    return time.monotonic() - start, peak_kb // 1024, run.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "leeg.json"
        case.write_text('{"antwoorden": {}}', encoding="utf-8")
        print(f"{'bestand':<28} {'opdracht':<10} {'wandtijd':>9} {'piekgeheugen':>13} {'exit':>5}")
        for name, text in (("40 samenhangende getallen", interacting(40)), ("som van kubussen", nonlinear())):
            path = Path(tmp) / "hard.wmo"
            path.write_text(text, encoding="utf-8")
            for label, args in (("check", ["check", str(path)]), ("beoordeel", ["beoordeel", "--regels", str(path), str(case)])):
                seconds, mb, rc = measure(args)
                print(f"{name:<28} {label:<10} {seconds:>8.2f}s {mb:>10} MB {rc:>5}")


if __name__ == "__main__":
    main()
