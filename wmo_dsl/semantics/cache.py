"""The analysis cache: findings of ``wmo check`` kept per rule text, trusted only when signed.

A cache entry lives in the user's cache folder, which other programs of the same user
may write as well. So an entry is read only when

* its HMAC-SHA256 (a key of 32 random bytes in the user's own data folder, mode 0600,
  made on first use) matches the content, checked before the content is parsed;
* it is bound to the rule text: the SHA-256 of the path and the text is stored inside
  and compared (the file name only hashes it);
* every finding passes a strict hand check (fields, types, a known code, no control
  characters, bounded lengths).

Anything else (a forged "no gap", deep JSON, wrong types, a finding with escape
sequences, a missing key) counts as no entry: the analysis runs again and the entry
is written anew.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
import re
import stat
from pathlib import Path

from ..errors import Bevinding, WmoFout
from ..language import limits
from ..language.vocabulary import CODES

_KEY_BYTES = 32
_FIELDS = {f.name: f for f in dataclasses.fields(Bevinding)}
_REQUIRED = {"code", "bericht", "bestand", "regel", "kolom"}
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # a tab may stand in a line
_MAX_FINDINGS = 100_000


def _key_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("wmo-dsl", appauthor=False)) / "cache-sleutel"


def key() -> bytes | None:
    """The user's own signing key, made on first use; None when it cannot be had safely
    (then nothing is cached)."""
    from ..safeio import private_dir

    path = _key_path()
    try:
        private_dir(path.parent)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            try:
                os.write(fd, os.urandom(_KEY_BYTES))
                os.fsync(fd)
            finally:
                os.close(fd)
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
                return None
            data = os.read(fd, _KEY_BYTES + 1)
        finally:
            os.close(fd)
    except (OSError, WmoFout):
        return None
    return data if len(data) == _KEY_BYTES else None


def text_hash(pad: str, text: str) -> str:
    return hashlib.sha256(f"{pad}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


def dump(findings: list[Bevinding], binding: str, sleutel: bytes) -> str:
    """An entry: the HMAC on the first line, then the content as JSON."""
    content = limits.dumps({"tekst": binding, "bevindingen": [dataclasses.asdict(f) for f in findings]})
    return hmac.new(sleutel, content.encode("utf-8"), hashlib.sha256).hexdigest() + "\n" + content


def load(raw: bytes, binding: str, sleutel: bytes) -> list[Bevinding] | None:
    """The findings of an entry, or None when it is not exactly what ``dump`` wrote for this text."""
    mac, newline, content = raw.partition(b"\n")
    expected = hmac.new(sleutel, content, hashlib.sha256).hexdigest().encode("ascii")
    if not newline or not hmac.compare_digest(mac, expected):
        return None
    try:
        data = limits.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError, WmoFout):
        return None
    if not isinstance(data, dict) or set(data) != {"tekst", "bevindingen"} or data["tekst"] != binding:
        return None
    items = data["bevindingen"]
    if not isinstance(items, list) or len(items) > _MAX_FINDINGS:
        return None
    findings = []
    for item in items:
        finding = _finding(item)
        if finding is None:
            return None
        findings.append(finding)
    return findings


def _finding(item: object) -> Bevinding | None:
    """A finding from its JSON, strictly: the fields of Bevinding with their types, nothing more."""
    if not isinstance(item, dict) or not _REQUIRED <= set(item) <= set(_FIELDS):
        return None
    for naam, value in item.items():
        if naam in ("regel", "kolom"):
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**9:
                return None
        elif value is None and naam in ("hint", "bronregel"):
            continue
        elif not isinstance(value, str) or len(value) > limits.MAX_TEXT or _CONTROL.search(value):
            return None
    if item["code"] not in CODES or item.get("ernst", "fout") not in ("fout", "waarschuwing"):
        return None
    return Bevinding(**item)
