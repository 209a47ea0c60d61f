"""``wmo lsp`` as an editor feels it: how long after a change the diagnostics come.

Run: python bench/bench_lsp.py [REGELS | PAD.wmo]   (default 400 rules, bench/generate.py's catalogue)
Starts the real server over stdio, opens the generated file, then makes 10 changes within one
line of a rule in the middle (a comment at its end: every file keeps checking), 10 that add a line there (so every definition below it moves),
and 10 to the condition of that rule ('en' and 'of' in turn: the rules themselves change, so the proofs are not moved but run
again), and prints, as median and worst:
  - diagnostics without proofs: from the change to the first publication for its version
    (parse and check; target 150 ms);
  - proofs: from the change to the publication with the analysis (the pause before the proofs,
    400 ms by default, WMO_LSP_PAUZE_MS, is included; target 1 s);
  - the server's peak memory (VmHWM; target 300 MB).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import catalogue  # noqa: E402

from tests.tools.lsp_client import LspClient  # noqa: E402


def publications(client: LspClient, uri: str, version: int, timeout: float = 120) -> tuple[float, float]:
    """When the first diagnostics of ``version`` came, and when its proofs ('wmo/bewezen')."""
    client.proofs(uri, version, timeout)
    with client.lock:
        first = next(t for t, p in client.published[uri] if p.get("version") == version)
        proven = next(t for t, v in client.proven[uri] if v == version)
    return first, proven


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    arg = sys.argv[1] if len(sys.argv) > 1 else "400"
    text = catalogue(int(arg)) if arg.isdigit() else Path(arg).read_text(encoding="utf-8")
    n = text.count("\nregel ") + text.startswith("regel ")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalogus.wmo"
        path.write_text(text, encoding="utf-8")
        client = LspClient(Path(tmp))
        uri = path.as_uri()
        start = time.monotonic()
        client.open(uri, text)
        first, proven = publications(client, uri, 1)
        print(f"{n} regels, {len(text.splitlines())} regels tekst")
        print(f"  openen: meldingen zonder bewijzen na {1000 * (first - start):.0f} ms, met bewijzen na {1000 * (proven - start):.0f} ms")
        lines = text.split("\n")
        middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  als "))
        version = 1
        for soort, edit in (("binnen een regel", lambda v: lines[:middle] + [lines[middle] + f"  # {v}"] + lines[middle + 1:]),
                            ("met een regel erbij", lambda v: lines[:middle] + [f"  # wijziging {v}", lines[middle]] + lines[middle + 1:]),
                            ("in een voorwaarde", lambda v: lines[:middle] + [lines[middle].replace(" en ", " of " if v % 2 else " en ", 1)]
                             + lines[middle + 1:])):
            quick, proofs = [], []
            for _ in range(10):
                version += 1
                start = time.monotonic()
                client.change(uri, "\n".join(edit(version)), version)
                first, proven = publications(client, uri, version)
                quick.append(1000 * (first - start))
                proofs.append(1000 * (proven - start))
            print(f"  na een wijziging {soort}:")
            print(f"    zonder bewijzen: mediaan {statistics.median(quick):.0f} ms, slechtst {max(quick):.0f} ms (doel 150 ms)")
            print(f"    met bewijzen:    mediaan {statistics.median(proofs):.0f} ms, slechtst {max(proofs):.0f} ms "
                  f"(doel 1000 ms; inclusief de pauze van 400 ms)")
        print(f"  piekgeheugen van de server: {peak_mb(client.proc.pid):.0f} MB (doel 300 MB)")
        client.shutdown()


if __name__ == "__main__":
    main()
