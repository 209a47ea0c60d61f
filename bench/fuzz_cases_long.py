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

KINDS = {
    "casusbestanden": (mutated_case(), lambda c: check_case_file(*c)),
    "JSONL-batches": (st.tuples(st.sampled_from(REGIONS), st.lists(mutated_case().map(lambda c: c[1].replace(b"\n", b" ")), max_size=6)),
                      lambda b: check_batch(b[0], b[1], ".jsonl")),
    "CSV-batches": (csv_batch(), lambda b: check_batch(b[0], b[1], ".csv")),
    "getypte antwoorden": (typed_answer(), lambda a: check_typed_answer(*a)),
    "JSON-regelgesprekken": (jsonl_conversation(), lambda c: check_jsonl(*c)),
}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    each = n // len(KINDS)
    config = settings(max_examples=each, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    start = time.perf_counter()
    for name, (strategy, check) in KINDS.items():
        t = time.perf_counter()
        given(strategy)(config(check))()
        print(f"  {each} {name} in {time.perf_counter() - t:.0f} s")
    print(f"{each * len(KINDS)} invoeren in {time.perf_counter() - start:.0f} s: geen onverwachte fout")


if __name__ == "__main__":
    main()
