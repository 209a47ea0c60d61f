"""The long fuzz run: N mutated rule files and random token sequences through parser and checker.

Run: python bench/fuzz_long.py [N]   (default 100000; prints the count, the time and the result)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.language.test_fuzz import TOKENS, assert_only_findings, mutated_source  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    half = n // 2
    config = settings(max_examples=half, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
    start = time.perf_counter()
    given(mutated_source())(config(assert_only_findings))()
    given(st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join))(
        config(lambda t: assert_only_findings('regio r "R"\n  geldig vanaf 2022-01-01\n' + t)))()
    print(f"{2 * half} invoeren door parser en checker in {time.perf_counter() - start:.0f} s: geen onverwachte fout")


if __name__ == "__main__":
    main()
