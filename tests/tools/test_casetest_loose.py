"""`wmo test --regels PAD [CASUS …]`: a loose rule file is tested before it is packaged, and a
malformed case file is one line of the report while every other case still runs (exit 2 at the end)."""

import shutil
import subprocess
import sys
from pathlib import Path

REGIONS = Path(__file__).resolve().parents[2] / "regions"


def _wmo(*args):
    return subprocess.run([sys.executable, "-m", "wmo_dsl.cli", *args], capture_output=True, text=True, timeout=120)


def test_a_loose_rule_file_is_tested_with_its_casussen_folder(tmp_path):
    shutil.copy(REGIONS / "zou" / "zou.wmo", tmp_path / "zou.wmo")
    shutil.copytree(REGIONS / "zou" / "casussen", tmp_path / "casussen")
    run = _wmo("test", "--regels", str(tmp_path / "zou.wmo"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(list((tmp_path / 'casussen').glob('*.json')))} geslaagd, 0 mislukt" in run.stdout


def test_a_malformed_case_file_is_one_line_and_the_others_still_run(tmp_path):
    shutil.copy(REGIONS / "zou" / "zou.wmo", tmp_path / "zou.wmo")
    cases = sorted((REGIONS / "zou" / "casussen").glob("*.json"))[:3]
    (tmp_path / "a_kapot.json").write_text('{"antwoorden": ', encoding="utf-8")
    run = _wmo("test", "--regels", str(tmp_path / "zou.wmo"), str(tmp_path / "a_kapot.json"), *map(str, cases))
    assert run.returncode == 2, run.stdout + run.stderr
    assert "FOUT  a_kapot  (a_kapot.json)" in run.stdout
    assert run.stdout.count("  ok    ") == 3 and "3 geslaagd, 1 mislukt (1 onleesbaar)" in run.stdout
    assert "Traceback" not in run.stderr
