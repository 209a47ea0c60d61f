"""Fuzzing what consultants and other programs send: case files, JSONL and CSV batches, typed
answers in the intake and JSON lines. The only outcomes allowed are a result, an error record,
or exit 2 with a Dutch message. Bounded for CI; bench/fuzz_cases_long.py runs the long version."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.cases.natural import AntwoordFout, parse_answer
from wmo_dsl.plugins import load_region
from wmo_dsl.cases.sessions import SessionStore

REPO = Path(__file__).resolve().parents[2]
CASES = [(p.parent.parent.name, p.read_text(encoding="utf-8")) for p in sorted(REPO.glob("regions/*/casussen/*.json"))]
REGIONS = sorted({r for r, _ in CASES})
ODD_VALUES = [None, True, False, 0, -1, 1.5, 10 ** 20, "1e30", "", "x" * 300, "9999-12-31", "31-12-9999", "2025-02-30",
              [], [[[[]]]], {}, {"a": {"b": 1}}, "NaN", "Infinity", "\u0000", "\ud7ff\ue000", "=1+1", "ja", "geen"]
ODD_TEXT = ["NaN", "-Infinity", "1e400", "9" * 400, "[" * 200, "{" * 200, '"\\ud800"', "\xff", "\x00", ",", ":", "}", "]"]


def _bytes(draw, text: str) -> bytes:
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        pos = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "text"]))
        if kind == "flip" and data:
            i = min(pos, len(data) - 1)
            data[i] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(max_size=4))
        elif kind == "delete":
            del data[pos:pos + draw(st.integers(1, 10))]
        else:
            data[pos:pos] = draw(st.sampled_from(ODD_TEXT)).encode("utf-8", "surrogatepass")
    return bytes(data)


@st.composite
def mutated_case(draw) -> tuple[str, bytes]:
    """A real example case with some answers, keys or bytes replaced by something odd."""
    region, text = draw(st.sampled_from(CASES))
    data = json.loads(text)
    antwoorden = data.setdefault("antwoorden", {})
    for _ in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(["antwoord", "key", "peildatum", "afwijkingen", "top"]))
        value = draw(st.sampled_from(ODD_VALUES) | st.from_regex(r"[0-9a-z_,.\- ]{0,12}", fullmatch=True))
        if target == "antwoord" and antwoorden:
            antwoorden[draw(st.sampled_from(sorted(antwoorden)))] = value
        elif target == "key":
            antwoorden[draw(st.text(max_size=8))] = value
        elif target == "peildatum":
            data["peildatum"] = value
        elif target == "afwijkingen":
            data["afwijkingen"] = value if draw(st.booleans()) else [{"onderwerp": draw(st.text(max_size=8)), "waarde": value,
                                                                       "reden": draw(st.text(max_size=8))}]
        else:
            data[draw(st.sampled_from(["antwoorden", "regio", "id"]))] = value
    return region, _bytes(draw, json.dumps(data, ensure_ascii=False))


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_info:  # argparse
            code = exit_info.code
    return code, out.getvalue(), err.getvalue()


def check_case_file(region: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "casus.json"
        path.write_bytes(data)
        code, out, err = _run(["beoordeel", str(path), "--regio", region, "--formaat", "json"])
    assert code in (0, 2), (code, err)
    if code == 0:
        assert json.loads(out)["uitkomst"] in ("indicatie", "geen_indicatie", "onvolledig")
    else:
        assert err.startswith("wmo: fout: ") and out == "", err


def check_batch(region: str, lines: list[bytes], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"batch{suffix}"
        path.write_bytes(b"\n".join(lines) + b"\n")
        code, out, err = _run(["beoordeel", "--regio", region, str(path), "--peildatum", "2025-01-01"])
    if code == 2 and not out:  # a CSV header that is not a header: one message for the file
        assert err.startswith("wmo: fout: "), err
        return
    assert code in (0, 2), (code, err)
    for line in out.splitlines():
        record = json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)))
        assert ("uitkomst" in record) != ("fout" in record), record
        assert isinstance(record["regel"], int)


@st.composite
def csv_batch(draw) -> tuple[str, list[bytes]]:
    region = draw(st.sampled_from(REGIONS))
    vragen = list(load_region(region).model.vragen)
    kolommen = draw(st.lists(st.sampled_from(vragen + ["id", "peildatum"]), min_size=1, max_size=6, unique=True))
    rows = [",".join(kolommen).encode()]
    for _ in range(draw(st.integers(0, 5))):
        cells = [draw(st.sampled_from(["ja", "nee", "geen", "3,5", "1e30", "=1+1", '"a,b"', "behouden", "2025-01-01", ""])
                      | st.text(max_size=6)) for _ in kolommen]
        rows.append(_bytes(draw, ",".join(cells)))
    return region, rows


@st.composite
def typed_answer(draw) -> tuple[str, str, str]:
    region = draw(st.sampled_from(REGIONS))
    vragen = list(load_region(region).model.vragen)
    text = draw(st.sampled_from(["ja", "nee", "1", "0", "99", "geen", "2,5", "1.250,5", "1e999", "31-12-9999", "1-1-99999999999",
                                 "vandaag", "30 februari 2025", "zelfzorg en financien", "9" * 500, "", " ", "\x00"])
                | st.text(max_size=30))
    return region, draw(st.sampled_from(vragen)), text


def check_typed_answer(region: str, vraag_id: str, text: str) -> None:
    rules = load_region(region)
    vraag = rules.model.vragen[vraag_id]
    try:
        value = parse_answer(vraag, text)
    except AntwoordFout as err:
        assert str(err)
        return
    gesprek = Gesprek.nieuw(rules, SessionStore(None), rules.model.regio.geldig_vanaf)
    gesprek.beantwoord(vraag_id, value)  # whatever parse_answer accepts, the session stores and the engine evaluates
    gesprek.beoordeling()


@st.composite
def jsonl_conversation(draw) -> tuple[str, list[str]]:
    region = draw(st.sampled_from(REGIONS))
    messages = draw(st.lists(
        st.sampled_from(['{"opdracht": "terug"}', '{"opdracht": "later"}', '{"opdracht": "vlieg"}', "[1]", "geen json",
                         '{"antwoord": NaN}', '{"antwoord": 1e400}', '{"antwoord": ' + "[" * 100 + "]" * 100 + "}"])
        | st.builds(lambda v: json.dumps({"antwoord": v}), st.sampled_from(ODD_VALUES))
        | st.text(max_size=20), max_size=12))
    return region, messages


def check_jsonl(region: str, messages: list[str]) -> None:
    rules = load_region(region)
    stdin, stdout = io.StringIO("".join(m.replace("\n", " ") + "\n" for m in messages)), io.StringIO()
    assert run_jsonl(Gesprek.nieuw(rules, SessionStore(None), rules.model.regio.geldig_vanaf), stdin, stdout) == 0
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert any("resultaat" in line for line in lines)  # the input always ends with a result reached or stopped
    for line, following in zip(lines, lines[1:]):
        if "fout" in line and line["vraag"] is not None:  # after any refusal, the open question again
            assert following.get("vraag") == line["vraag"] and "tekst" in following


FAST = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@FAST
@given(mutated_case())
def test_mutated_case_files_give_a_result_or_a_dutch_message(case):
    check_case_file(*case)


@FAST
@given(st.sampled_from(REGIONS), st.lists(mutated_case().map(lambda c: c[1].replace(b"\n", b" ")), max_size=6))
def test_mutated_jsonl_batches_give_one_record_per_case(region, lines):
    check_batch(region, lines, ".jsonl")


@FAST
@given(csv_batch())
def test_mutated_csv_batches_give_records_or_one_message(batch):
    check_batch(batch[0], batch[1], ".csv")


@FAST
@given(typed_answer())
def test_typed_answers_are_understood_or_refused_in_dutch(answer):
    check_typed_answer(*answer)


@FAST
@given(jsonl_conversation())
def test_json_lines_conversations_never_break(conversation):
    check_jsonl(*conversation)
