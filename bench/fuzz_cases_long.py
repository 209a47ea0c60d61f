"""The long fuzz run over what consultants and programs send: N inputs spread over mutated case
files, JSONL and CSV batches, typed intake answers and JSON-lines conversations.

Run: python bench/fuzz_cases_long.py [N]   (default 20000; prints the count per kind, the time and the result)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.cases.test_fuzz_cases import (REGIONS, check_batch, check_case_file, check_jsonl, check_typed_answer,  # noqa: E402
                                   csv_batch, jsonl_conversation, mutated_case, typed_answer)
from tests.cases.test_fuzz_hostile import (check_calendar_file, check_hostile_case, check_hostile_jsonl,  # noqa: E402
                                           check_tampered_sessions, hostile_case, hostile_conversation, tampered_sessions)
from tests.semantics.solver_files import calendar_model  # noqa: E402

KINDS = {
    "casusbestanden": (mutated_case(), lambda c: check_case_file(*c)),
    "JSONL-batches": (st.tuples(st.sampled_from(REGIONS), st.lists(mutated_case().map(lambda c: c[1].replace(b"\n", b" ")), max_size=6)),
                      lambda b: check_batch(b[0], b[1], ".jsonl")),
    "CSV-batches": (csv_batch(), lambda b: check_batch(b[0], b[1], ".csv")),
    "getypte antwoorden": (typed_answer(), lambda a: check_typed_answer(*a)),
    "JSON-regelgesprekken": (jsonl_conversation(), lambda c: check_jsonl(*c)),
    "gesprekken met surrogaten en stuurtekens": (hostile_conversation(), lambda c: check_hostile_jsonl(*c)),
    "casussen met surrogaten, stuurtekens en grenzen": (st.tuples(hostile_case(), st.sampled_from(["json", "tekst"])),
                                                        lambda c: check_hostile_case(c[0][0], c[0][1], c[1])),
    "geknoeide sessiebestanden": (tampered_sessions(), check_tampered_sessions),
    "regelbestanden met kalenderfuncties": (calendar_model(), check_calendar_file),
}
# A share of the inputs per kind: the slow kinds (a rule file checked and evaluated, a sessions
# database written) get fewer, the rest share what is left equally.
SHARES = {"geknoeide sessiebestanden": 0.04, "regelbestanden met kalenderfuncties": 0.02}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rest = (1 - sum(SHARES.values())) / (len(KINDS) - len(SHARES))
    start, total = time.perf_counter(), 0
    for name, (strategy, check) in KINDS.items():
        each = max(1, int(n * SHARES.get(name, rest)))
        config = settings(max_examples=each, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        t = time.perf_counter()
        given(strategy)(config(check))()
        total += each
        print(f"  {each} {name} in {time.perf_counter() - t:.0f} s", flush=True)
    print(f"{total} invoeren in {time.perf_counter() - start:.0f} s: geen onverwachte fout")


if __name__ == "__main__":
    main()
