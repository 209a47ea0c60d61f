"""Fuzzing the hostile classes of the second round: lone surrogates and control characters in
everything typed or sent, amounts at the bounds, tampered session databases, and rule files over
every calendar function. Allowed outcomes: a result, an error record, or exit 2 with a Dutch message;
never a traceback, never a byte that is not UTF-8, never a raw control character on a terminal.
Bounded for CI; bench/fuzz_cases_long.py runs the long version."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.cases.sessions import SessionStore
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.plugins import load_region

from ..semantics.solver_files import calendar_model
from .test_fuzz_cases import CASES, REGIONS, _run

NASTY = ["\ud800", "\udfff", "\x1b]0;PWNED\x07", "\x1b[2J", "\x00", "\x7f", "\u0085", "\u2028", "\u202e", "\r", "\t"]
BOUNDS = ["999999999999", "1000000000000", "999999999999999", "0,000000000000001", "-999999999999", "1e12", "99999999999 uur"]


def nasty_text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(NASTY) | st.text(max_size=4), min_size=1, max_size=4).map("".join)


def _no_raw_control(text: str) -> None:
    assert not any(ord(c) < 32 and c not in "\n\t" or c == "\x7f" for c in text), repr(text)
    text.encode("utf-8")  # no lone surrogate was written


@st.composite
def hostile_conversation(draw) -> tuple[str, list[str]]:
    region = draw(st.sampled_from(REGIONS))
    vragen = list(load_region(region).model.vragen)
    messages = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["antwoord", "wijzig", "afwijken", "raw"]))
        if kind == "antwoord":
            messages.append(json.dumps({"antwoord": draw(nasty_text() | st.sampled_from(BOUNDS))}))
        elif kind == "wijzig":
            messages.append(json.dumps({"opdracht": "wijzig", "vraag": draw(nasty_text() | st.sampled_from(vragen))}))
        elif kind == "afwijken":
            messages.append(json.dumps({"opdracht": "afwijken", "onderwerp": draw(nasty_text()), "waarde": draw(nasty_text()),
                                        "reden": draw(nasty_text())}))
        else:
            messages.append(draw(nasty_text()))
    return region, messages


def check_hostile_jsonl(region: str, messages: list[str]) -> None:
    rules = load_region(region)
    stdin, stdout = io.StringIO("".join(m.replace("\n", " ") + "\n" for m in messages)), io.StringIO()
    assert run_jsonl(Gesprek.nieuw(rules, SessionStore(None), rules.model.regio.geldig_vanaf), stdin, stdout) == 0
    text = stdout.getvalue()
    text.encode("utf-8")  # every line written is UTF-8: no surrogate escaped the input check
    for line in text.splitlines():
        json.loads(line)


@st.composite
def hostile_case(draw) -> tuple[str, bytes]:
    region, text = draw(st.sampled_from(CASES))
    data = json.loads(text)
    antwoorden = data.setdefault("antwoorden", {})
    for _ in range(draw(st.integers(1, 3))):
        value = draw(nasty_text() | st.sampled_from(BOUNDS) | st.sampled_from([10 ** 12, 10 ** 15 - 1, -(10 ** 12), 1e-15]))
        if antwoorden and draw(st.booleans()):
            antwoorden[draw(st.sampled_from(sorted(antwoorden)))] = value
        else:
            antwoorden[draw(nasty_text())] = value
    return region, json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


def check_hostile_case(region: str, data: bytes, formaat: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "casus\x1b[2J.json"
        path.write_bytes(data)
        code, out, err = _run(["beoordeel", str(path), "--regio", region, "--formaat", formaat])
    assert code in (0, 2), (code, err)
    _no_raw_control(err)
    if formaat == "json":
        out.encode("utf-8")
    else:
        _no_raw_control(out.replace("\n", ""))


@st.composite
def tampered_sessions(draw) -> bytes:
    """A sessions database of wmo-dsl with some rows or bytes replaced by something odd."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessies.db"
        store = SessionStore(path)
        rules = load_region(draw(st.sampled_from(REGIONS)))
        gesprek = Gesprek.nieuw(rules, store, rules.model.regio.geldig_vanaf)
        vraag = next(iter(rules.model.vragen))
        try:
            gesprek.beantwoord(vraag, rules.model.vragen[vraag].opties[0].id if rules.model.vragen[vraag].opties else True)
        except Exception:  # noqa: BLE001 - only the bytes matter here
            pass
        store.close() if hasattr(store, "close") else None
        with sqlite3.connect(path) as db:
            for table, in db.execute("select name from sqlite_master where type = 'table'").fetchall():
                columns = [r[1] for r in db.execute(f"pragma table_info({table})")]
                for column in columns:
                    if draw(st.integers(0, 3)) == 0:
                        value = draw(nasty_text() | st.integers() | st.none())
                        if isinstance(value, str):  # as raw bytes: a poisoned file may hold any, also bad UTF-8
                            value = value.encode("utf-8", "surrogatepass")
                        try:
                            db.execute(f"update {table} set {column} = ?", (value,))
                        except (sqlite3.Error, OverflowError):  # a constraint of the schema: that column stays
                            pass
        data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(0, 2))):
        i = draw(st.integers(0, len(data) - 1))
        data[i] = draw(st.integers(0, 255))
    return bytes(data)


def check_tampered_sessions(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessies.db"
        path.write_bytes(data)
        code, out, err = _run(["sessies", "--sessie", str(path)])
    assert code in (0, 2), (code, err)
    _no_raw_control(out.replace("\n", "") + err.replace("\n", ""))


def check_calendar_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kalender.wmo"
        path.write_text(text, encoding="utf-8")
        code, _, err = _run(["check", str(path)])
        assert code in (0, 1), err
        case = Path(folder) / "casus.json"
        case.write_text(json.dumps({"peildatum": "2026-12-04", "antwoorden": {"geboortedatum": "1956-12-05"}}), encoding="utf-8")
        code, out, err = _run(["beoordeel", "--regels", str(path), str(case), "--formaat", "json"])
        assert code == 0, err
        assert json.loads(out)["uitkomst"] in ("indicatie", "geen_indicatie", "onvolledig")


FAST = settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@FAST
@given(hostile_conversation())
def test_surrogates_and_control_characters_in_json_lines_never_break_the_conversation(conversation):
    check_hostile_jsonl(*conversation)


@FAST
@given(hostile_case(), st.sampled_from(["json", "tekst"]))
def test_surrogates_control_characters_and_bounds_in_case_files_give_a_result_or_a_dutch_message(case, formaat):
    check_hostile_case(case[0], case[1], formaat)


@settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(tampered_sessions())
def test_a_tampered_sessions_database_gives_a_list_or_a_dutch_message(data):
    check_tampered_sessions(data)


@settings(max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(calendar_model())
def test_rule_files_over_every_calendar_function_check_and_evaluate(text):
    check_calendar_file(text)

