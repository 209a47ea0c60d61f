"""Output files (``--uit``): never over a file that is not what the command writes.

An existing ``--uit`` file is replaced only when it is empty or of the same kind as the new
output, told from its start:

- JSON lines: the first line is a JSON object with the same first two keys (cases from
  ``genereer``: ``id``, ``antwoorden``; results of a batch: ``regel``, ``id``);
- JSON: an object with the same first three keys (``regio``, ``regelversie``, ``peildatum``);
- HTML: the same ``<meta name="generator">``, or else a title like the new one;
- text, Markdown, CSV: a first line like the new one: the same part before its first ``:``
  (``Regio Lekstroom``, ``Vergelijking``), or the same part after it (``de regels``); without
  a ``:``, the same line up to its first ``(`` or ``,`` (the CSV header of a batch).

Anything else (a case file, a letter, notes, a binary file) is refused with a Dutch message
and exit 2, and stays as it was, unless ``--overschrijven`` is given.
"""

from __future__ import annotations

import json
import re

from ..errors import WmoFout
from ..safeio import read_existing

Soort = tuple[str, tuple[str, ...]]  # the kind and what tells two of that kind apart (keys, a heading)

_JSON_KEY = re.compile(r'^  "((?:[^"\\]|\\.)*)":', re.M)  # a top-level key of JSON indented by 2
_GENERATOR = re.compile(r'<meta\s+name="generator"\s+content="([^"]*)"', re.I)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)


def kind(text: str) -> Soort:
    """What kind of output ``text`` is, from its start (see the module's docstring)."""
    text = text.lstrip("\ufeff")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("{") and first.endswith("}"):
        try:
            obj = json.loads(first)
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, dict):
            return ("json-regels", tuple(list(obj)[:2]))
    if first == "{":
        return ("json", tuple(_JSON_KEY.findall(text)[:3]))
    if first.lower().startswith("<!doctype html") or first.lower().startswith("<html"):
        if generator := _GENERATOR.search(text):
            return ("html", (generator.group(1), ""))
        title = _TITLE.search(text)
        return ("html", _heading(title.group(1)) if title else ("", ""))
    return ("tekst", _heading(first.lstrip("#*_ ")))


def _heading(line: str) -> tuple[str, str]:
    """A heading as (what comes before its first ':', what comes after)."""
    if ":" in line:
        before, after = line.split(":", 1)
        return before.strip(), after.strip()
    return re.split(r"[(,]", line, maxsplit=1)[0].strip(), ""


def same_kind(old: Soort, new: Soort) -> bool:
    """Whether a file of kind ``old`` may be replaced by output of kind ``new``."""
    if old[0] != new[0]:
        return False
    if old[0] in ("tekst", "html"):
        (before, after), (new_before, new_after) = old[1], new[1]
        return before == new_before or bool(after) and after == new_after
    return old[1] == new[1]


def jsonl_kind(*keys: str) -> Soort:
    """The kind of JSON lines whose objects start with ``keys``."""
    return ("json-regels", tuple(keys[:2]))


def guard(uit: str, overschrijven: bool, nieuw: str | Soort) -> None:
    """Refuse to write ``uit`` when it holds something else than the new output (text or kind)."""
    if overschrijven:
        return
    try:
        head = read_existing(uit, 1 << 20)
    except OSError:
        return  # the write itself says what is wrong with the path
    if not head:
        return
    soort = nieuw if isinstance(nieuw, tuple) else kind(nieuw[:1 << 16])
    if b"\0" not in head and same_kind(kind(head.decode("utf-8", errors="replace")), soort):
        return
    raise WmoFout(f"{uit} bestaat al en lijkt niet op wat deze opdracht schrijft; er is niets geschreven. "
                  f"Een bestaand bestand wordt alleen vervangen als het leeg is of dezelfde soort uitvoer van "
                  f"wmo-dsl bevat. Kies een ander bestand, of geef --overschrijven om het toch te vervangen")
