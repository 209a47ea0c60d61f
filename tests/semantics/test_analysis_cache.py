"""The analysis cache: a tampered entry (forged, deep, wrongly typed, escape sequences, another text) is analysed again."""

import hashlib
import hmac
import json

import pytest

from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.semantics import cache, pipeline
from wmo_dsl.semantics.pipeline import checked

GAP = """regio gat "Gat"
  geldig vanaf 2025-01-01

vraag x: getal
  tekst "x?"
  label "x"
  minimaal 0
  maximaal 100

q is
  label "q"
  1 als x > 1
  2 als x < 1

product p "P"

regel r
  als q = 1
  dan product p
"""


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def entry(home, rules: str):
    """The rule file and its (only) cache entry, after one honest load."""
    path = home / "gat.wmo"
    path.write_text(rules, encoding="utf-8")
    with pytest.raises(RegelbestandFout):
        checked(path)
    (found,) = (home / "cache" / "wmo-dsl").glob("analyse-*.json")
    return path, found


def signed(home, content: str) -> str:
    sleutel = (home / "data" / "wmo-dsl" / "cache-sleutel").read_bytes()
    return hmac.new(sleutel, content.encode(), hashlib.sha256).hexdigest() + "\n" + content


def test_an_honest_entry_is_used_without_analysing_again(home, monkeypatch):
    path, _ = entry(home, GAP)
    monkeypatch.setattr(pipeline, "analyse", lambda model: pytest.fail("analysed again"))
    with pytest.raises(RegelbestandFout) as err:
        checked(path)
    assert [b.code for b in err.value.bevindingen] == ["E232"]


def forged_no_gap(home, found):
    return json.dumps({"tekst": json.loads(found.read_text().partition("\n")[2])["tekst"], "bevindingen": []})


@pytest.mark.parametrize("forge", [
    lambda home, found: "[]",  # the old, unsigned format: no findings
    lambda home, found: "0" * 64 + "\n" + forged_no_gap(home, found),  # a made-up signature
    lambda home, found: "[" * 100_000 + "]" * 100_000,
    lambda home, found: signed(home, "[" * 100_000 + "]" * 100_000),
    lambda home, found: signed(home, json.dumps({"tekst": "0" * 64, "bevindingen": []})),  # another rule text
    lambda home, found: signed(home, forged_no_gap(home, found).replace("[]", '[{"code": "E232", "bericht": 5, "bestand": "x", "regel": "1", "kolom": 1}]')),
    lambda home, found: signed(home, forged_no_gap(home, found).replace("[]", '[{"code": "E232", "bericht": "\\u001b]0;PWNED\\u0007", "bestand": "x", "regel": 1, "kolom": 1}]')),
    lambda home, found: signed(home, forged_no_gap(home, found).replace("[]", '[{"code": "X999", "bericht": "b", "bestand": "x", "regel": 1, "kolom": 1, "extra": 1}]')),
], ids=["unsigned", "bad-signature", "deep", "deep-signed", "other-text", "wrong-types", "escape", "unknown-code"])
def test_a_tampered_entry_is_analysed_again_and_the_gap_is_still_found(home, forge):
    path, found = entry(home, GAP)
    found.write_text(forge(home, found), encoding="utf-8")
    with pytest.raises(RegelbestandFout) as err:
        checked(path)
    codes = [b.code for b in err.value.bevindingen]
    assert codes == ["E232"] and all("\x1b" not in b.bericht for b in err.value.bevindingen)
    assert cache.load(found.read_bytes(), json.loads(found.read_text().partition("\n")[2])["tekst"],
                      (home / "data" / "wmo-dsl" / "cache-sleutel").read_bytes()) is not None  # written anew


def test_the_signing_key_is_private_and_a_loose_one_is_not_used(home):
    sleutel = cache.key()
    path = home / "data" / "wmo-dsl" / "cache-sleutel"
    assert len(sleutel) == 32 and path.stat().st_mode & 0o777 == 0o600
    assert cache.key() == sleutel
    path.chmod(0o644)
    assert cache.key() is None
