"""Example cases as tests: each region ships cases with the indicatie they must give.

Like OpenFisca's YAML tests, a case names its answers and what is expected
(``verwacht``); only the fields it names are compared, so a case about a
referral need not spell out every derived value. A failure is reported as a
readable difference, field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..cases.answers import convert_answers
from ..cases.casefile import Casus, convert_deviations, read_case
from ..cases.contract import result_json
from ..semantics.engine import Rules
from ..errors import WmoFout


@dataclass
class CaseResult:
    pad: str
    titel: str
    verschillen: list[str] = field(default_factory=list)
    fout: str | None = None

    @property
    def geslaagd(self) -> bool:
        return not self.verschillen and self.fout is None


def run_case(rules: Rules, casus: Casus) -> CaseResult:
    result = CaseResult(casus.pad, casus.titel or Path(casus.pad).stem)
    if casus.verwacht is None:
        result.fout = "de casus mist 'verwacht'"
        return result
    try:
        antwoorden = convert_answers(rules.model, casus.antwoorden)
        # the case's professional deviations count, as in 'wmo beoordeel' on the same case
        beoordeling = rules.evaluate(antwoorden, casus.peildatum, convert_deviations(rules.model, casus))
    except WmoFout as err:
        result.fout = err.melding()
        return result
    actual = result_json(beoordeling, [])
    result.verschillen = compare(casus.verwacht, actual)
    return result


def compare(verwacht: dict, actual: dict) -> list[str]:
    diffs = []
    for key, want in verwacht.items():
        if key == "producten":
            got = actual["producten"]
            if want and isinstance(want[0], str):
                got_codes = [p["code"] for p in got]
                if sorted(got_codes) != sorted(want):
                    diffs.append(f"producten: verwacht {_show(want)}, gekregen {_show(got_codes)}")
                continue
            got_by_code = {p["code"]: p for p in got}
            if sorted(got_by_code) != sorted(w["code"] for w in want):
                diffs.append(f"producten: verwacht {_show([w['code'] for w in want])}, gekregen {_show(sorted(got_by_code))}")
                continue
            for w in want:
                diffs += _partial(f"producten[{w['code']}]", w, got_by_code[w["code"]])
        elif key == "waarden":
            diffs += _partial("waarden", want, actual["waarden"])
        elif key == "termijnen" and isinstance(want, dict):
            got = {t["id"]: t["datum"] for t in actual["termijnen"]}
            for tid, datum in want.items():
                if got.get(tid) != datum:
                    diffs.append(f"termijnen.{tid}: verwacht {_show(datum)}, gekregen {_show(got.get(tid))}")
        elif key == "afwijkingen" and isinstance(want, list) and len(want) == len(actual.get(key, [])):
            for i, (w, g) in enumerate(zip(want, actual[key])):  # only the fields a case lists ('tijdstip' is the intake's)
                diffs += _partial(f"afwijkingen[{i}]", w, g)
        elif key in ("verwijzingen", "signalen"):
            if sorted(actual.get(key, [])) != sorted(want):
                diffs.append(f"{key}: verwacht {_show(sorted(want))}, gekregen {_show(sorted(actual.get(key, [])))}")
        elif key not in actual:
            diffs.append(f"{key}: onbekend veld in 'verwacht'")
        elif actual[key] != want:
            diffs.append(f"{key}: verwacht {_show(want)}, gekregen {_show(actual[key])}")
    return diffs


_MISSING = "(onbekend)"


def _partial(where: str, want: object, got: object) -> list[str]:
    """Only what the case lists is compared, also inside nested objects (iwmo, an amount, a record)."""
    if isinstance(want, dict) and isinstance(got, dict):
        return [d for k, v in want.items() for d in _partial(f"{where}.{k}", v, got.get(k, _MISSING))]
    if want != got:
        return [f"{where}: verwacht {_show(want)}, gekregen {_show(got)}"]
    return []


def _show(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def region_cases(folder: Path | None) -> list[Casus]:
    if folder is None or not folder.is_dir():
        return []
    return [read_case(p) for p in sorted(folder.glob("*.json"))]


def case_files(paths: list[Path]) -> list[Casus | CaseResult]:
    """The case files named (a folder: its *.json), each read on its own: one that cannot be read
    becomes a failed result with its message, and the others are still tested."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    found: list[Casus | CaseResult] = []
    for path in files:
        try:
            found.append(read_case(path))
        except WmoFout as err:
            found.append(CaseResult(str(path), path.stem, fout=err.melding()))
    return found
