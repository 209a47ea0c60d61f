"""Lone surrogates and bad bytes: refused at input with a Dutch message, never written, whatever the locale."""

import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from wmo_dsl.cli import main
from wmo_dsl.intake.conversation import Gesprek
from wmo_dsl.intake.jsonl import run_jsonl
from wmo_dsl.semantics.pipeline import load_rules
from wmo_dsl.cases.sessions import SessionStore

RULES = """regio tekst "Tekst"
  geldig vanaf 2025-01-01

vraag naam: tekst
  tekst "Naam?"

vraag x: getal
  tekst "x?"

product p "P"

regel r
  als x > 1
  dan product p
"""


@pytest.fixture
def regels(tmp_path):
    path = tmp_path / "tekst.wmo"
    path.write_text(RULES, encoding="utf-8")
    return path


def conversation(regels, tmp_path, messages: list[str]) -> list[dict]:
    gesprek = Gesprek.nieuw(load_rules(regels), SessionStore(tmp_path / "s.db"), dt.date(2025, 6, 1))
    out = io.StringIO()
    run_jsonl(gesprek, io.StringIO("".join(m + "\n" for m in messages)), out)
    out.getvalue().encode("utf-8")  # strict: nothing written holds a surrogate
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("message", [
    r'{"antwoord": "Jan \ud800"}',
    r'{"opdracht": "wijzig", "vraag": "\ud800"}',
    r'{"opdracht": "afwijken", "onderwerp": "x", "waarde": "1", "reden": "\udc80"}',
    r'{"\ud800": 1}',
    '{"antwoord": "Jan \udcff"}',  # a raw surrogate: a bad byte read with surrogateescape
], ids=["answer", "wijzig", "reason", "key", "raw"])
def test_a_lone_surrogate_in_a_json_line_is_a_fout_and_the_conversation_goes_on(regels, tmp_path, message):
    lines = conversation(regels, tmp_path, [message, '{"antwoord": "Jan"}', '{"antwoord": 0}'])
    fout = next(line["fout"] for line in lines if "fout" in line)
    assert "surrogaat" in fout or "geen UTF-8-tekst" in fout
    assert lines[-1]["resultaat"]["uitkomst"] == "geen_indicatie"


def test_a_case_file_and_a_batch_refuse_surrogates_in_ids_and_answers_and_never_write_them(regels, tmp_path, capsys):
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": "a\\ud800", "antwoorden": {"x": 1}}\n{"id": 2, "antwoorden": {"naam": "\\udfff", "x": 1}}\n'
                     '{"id": 3, "antwoorden": {"naam": "Jan", "x": 1}}\n', encoding="utf-8")
    for uit in ("uit.jsonl", "uit.csv"):
        assert main(["beoordeel", "--regels", str(regels), str(batch), "--uit", str(tmp_path / uit)]) == 2
        text = (tmp_path / uit).read_bytes().decode("utf-8")  # strict
        assert text.count("surrogaat") == 2 and "\ud800" not in text
    casus = tmp_path / "c.json"
    casus.write_text('{"antwoorden": {"naam": "\\ud800", "x": 1}}', encoding="utf-8")
    assert main(["beoordeel", "--regels", str(regels), str(casus)]) == 2
    assert "antwoord op 'naam' bevat een losse surrogaat" in capsys.readouterr().err


def test_a_typed_answer_with_a_surrogate_is_refused():
    from wmo_dsl.cases.natural import AntwoordFout, parse_answer

    rules_vraag = next(v for v in load_rules_text().model.vragen.values() if v.id == "naam")
    with pytest.raises(AntwoordFout, match="surrogaat"):
        parse_answer(rules_vraag, "Jan \udcff")


def load_rules_text():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "r.wmo"
        path.write_text(RULES, encoding="utf-8")
        return load_rules(path)


@pytest.mark.parametrize("env", [{"LC_ALL": "C", "PYTHONIOENCODING": "ascii:strict"}, {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
                         ids=["ascii", "posix"])
def test_the_json_lines_intake_speaks_utf8_whatever_the_locale_and_a_bad_byte_is_a_fout(regels, tmp_path, env):
    import os

    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG", "LC_ALL", "LC_CTYPE")}
    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "intake", "--regels", str(regels), "--jsonl", "--geen-opslag",
                           "--peildatum", "2025-06-01"], input='{"antwoord": "café \xff"}\n{"antwoord": "café"}\n{"antwoord": 0}\n'
                          .encode("utf-8").replace(b"\xc3\xbf", b"\xff"), capture_output=True, env={**environ, **env}, timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert lines[2]["fout"].startswith("de regel is geen UTF-8-tekst")
    assert lines[-1]["resultaat"]["uitkomst"] == "geen_indicatie"
    assert "café" in proc.stdout.decode("utf-8")


def test_a_rule_file_with_a_bad_byte_names_its_position(tmp_path, capsys):
    path = tmp_path / "r.wmo"
    path.write_bytes('regio r "Rü\xff"\n'.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    assert main(["check", str(path)]) == 2
    assert "fout E003: bestand is geen UTF-8-tekst: byte 0xff op regel 1, kolom 12" in capsys.readouterr().err


def test_a_case_file_name_that_is_not_utf8_is_written_escaped_never_as_a_raw_byte(regels, tmp_path):
    import os

    variant = tmp_path / "variant.wmo"
    variant.write_text(RULES.replace("x > 1", "x > 10"), encoding="utf-8")
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xff.json", "w", encoding="utf-8") as f:
        f.write('{"antwoorden": {"x": 5}}')
    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "vergelijk", "--regels", str(regels), "--regels", str(variant),
                           os.fsdecode(folder + b"/caf\xff.json"), "--voorbeelden", "5"], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"\xff" not in proc.stdout and "caf\\xff: P → geen indicatie" in proc.stdout.decode("utf-8")
