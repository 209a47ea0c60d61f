"""The errors a user can cause, and how they are shown.

There is one base class, :class:`WmoFout`: the CLI catches it, prints its Dutch
message and exits with code 2. Anything else that escapes is a bug in wmo-dsl,
never a mistake of the user. A rule file collects all its findings before it
fails, so a policy writer fixes a whole file in one round.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from dataclasses import dataclass

# What may never reach a terminal raw: C0 and C1 control characters (ESC starts an escape
# sequence, CR overwrites a line), DEL, the bidirectional overrides and isolates (text that reads
# differently than it is), and lone surrogates (undecodable bytes in a file name; they cannot be
# encoded for output). Newline and tab are kept where a text may have lines.
_HIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = re.compile(f"[{_HIDDEN}]")
_CONTROL_OR_LINE = re.compile(f"[{_HIDDEN}\t\n]")


def _escape(match: re.Match) -> str:
    c = ord(match.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def _escape_json(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: object, lines: bool = True, json: bool = False) -> str:
    """``text`` safe for a terminal: every control character shown as its escape (ESC as the four
    characters ``\\x1b``), printable text unchanged. ``lines=False``: newlines and tabs too (a file
    name, one source line). ``json=True``: for JSON text, escapes as ``\\u001b`` (what ``json.dumps``
    leaves raw, DEL, C1 and bidi controls, can only stand inside a string, so the JSON stays valid
    and means the same). Used for everything from a file, a case, a session or an argument."""
    return (_CONTROL if lines else _CONTROL_OR_LINE).sub(_escape_json if json else _escape, str(text))


class WmoFout(Exception):
    """A mistake by the user (rule file, case file, answer, command line)."""

    exit_code = 2

    def melding(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Bevinding:
    """One finding in a rule file: an error or a warning at ``bestand:regel:kolom``."""

    code: str  # e.g. "E101"
    bericht: str
    bestand: str
    regel: int
    kolom: int
    hint: str | None = None
    ernst: str = "fout"  # "fout" | "waarschuwing"
    bronregel: str | None = None

    def toon(self, kleur: Callable[[str], str] | None = None) -> str:
        """Render as a policy writer sees it: location, message, the line, a caret, a hint.

        ``kleur``: a function that colours a rule-file line for a terminal (see
        ``present.highlight.highlight_terminal``), or None for plain text."""
        soort = "fout" if self.ernst == "fout" else "waarschuwing"
        regels = [f"{printable(self.bestand, lines=False)}:{self.regel}:{self.kolom}: {soort} {self.code}: "
                  f"{printable(self.bericht)}"]
        if self.bronregel is not None:
            line = self.bronregel.rstrip("\n")
            # The caret stands under the same character after tabs are expanded and controls escaped.
            caret = len(printable(line[:max(self.kolom - 1, 0)].expandtabs(4), lines=False))
            tekst = printable(line.expandtabs(4), lines=False)
            if kleur:
                tekst = kleur(tekst)
            regels.append(f"    {self.regel:>4} | {tekst}")
            regels.append("    " + " " * 4 + " | " + " " * caret + "^")
        if self.hint:
            regels.append(f"    tip: {printable(self.hint)}")
        return "\n".join(regels)

    def als_data(self) -> dict:
        return {
            "code": self.code,
            "ernst": self.ernst,
            "bericht": self.bericht,
            "bestand": self.bestand,
            "regel": self.regel,
            "kolom": self.kolom,
            "hint": self.hint,
        }


class RegelbestandFout(WmoFout):
    """A rule file that cannot be used: carries every finding, not just the first."""

    def __init__(self, bevindingen: list[Bevinding]):
        self.bevindingen = list(bevindingen)
        super().__init__(self.melding())

    def melding(self, kleur: Callable[[str], str] | None = None) -> str:
        fouten = [b for b in self.bevindingen if b.ernst == "fout"]
        kop = f"{len(fouten)} fout{'en' if len(fouten) != 1 else ''} in het regelbestand"
        return "\n\n".join([b.toon(kleur) for b in self.bevindingen] + [kop])


class CasusFout(WmoFout):
    """A case file or an answer that does not fit the region's questions."""


class RegioFout(WmoFout):
    """An unknown region, or a region without valid rules on the peildatum."""


_OS_REDENEN = {
    errno.ENOENT: "de map of het bestand bestaat niet",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EISDIR: "dat is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen-lezen bestandssysteem",
}


def os_reden(err: OSError) -> str:
    """Why a file could not be read or written, in Dutch."""
    reden = _OS_REDENEN.get(err.errno) if err.errno is not None else None
    return reden or err.strerror or "onbekende fout"
