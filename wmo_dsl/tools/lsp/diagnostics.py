"""Findings (:class:`Bevinding`) as LSP diagnostics, and where each code is explained.

A diagnostic spans the word the finding points at, carries the finding's code
with a ``codeDescription`` link to the table of codes in ``docs/taal.md``, and
its hint in the message and in ``data`` (for the quick fixes). Severity follows
``ernst``: an E-code, a gap (W010) and an overlap (W011) are errors, the other
W-codes warnings.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as lsp

from ...errors import Bevinding
from ...language.vocabulary import CODES

# The table of codes in docs/taal.md, under the heading "Controle: `wmo check`".
DOC_ANCHOR = "controle-wmo-check"
_DOCS = Path(__file__).resolve().parents[3] / "docs" / "taal.md"
SOURCE = "wmo"


def doc_uri(code: str) -> str:
    """The documentation of a code: docs/taal.md of this checkout as file:// (the codes' table), or,
    installed without the docs, the same path relative to the project as a 'wmo-dsl:' URI."""
    base = _DOCS.as_uri() if _DOCS.exists() else "wmo-dsl:docs/taal.md"
    return f"{base}#{DOC_ANCHOR}"


def explanation(code: str) -> str | None:
    meaning = CODES.get(code)
    if meaning is None:
        return None
    soort = "fout" if code.startswith("E") or code in ("W010", "W011") else "waarschuwing"
    return f"**{code}** ({soort}): {meaning}\n\nZie de tabel van codes in docs/taal.md, 'Controle: wmo check'."


def word_range(lines: list[str], regel: int, kolom: int) -> lsp.Range:
    """The word (or quoted text) that starts at 1-based ``regel``:``kolom``; at least one character."""
    line = max(regel - 1, 0)
    text = lines[line] if line < len(lines) else ""
    start = min(max(kolom - 1, 0), len(text))
    m = re.compile(r'"[^"\n]*"|[A-Za-z0-9_]+').match(text, start)
    end = m.end() if m and m.end() > start else min(start + 1, max(len(text), start))
    if end == start:
        end = start + 1 if start < len(text) else start
    return lsp.Range(lsp.Position(line, start), lsp.Position(line, end))


def diagnostic(f: Bevinding, lines: list[str]) -> lsp.Diagnostic:
    severity = lsp.DiagnosticSeverity.Error if f.ernst == "fout" else lsp.DiagnosticSeverity.Warning
    message = f.bericht + (f"\ntip: {f.hint}" if f.hint else "")
    return lsp.Diagnostic(
        range=word_range(lines, f.regel, f.kolom), message=message, severity=severity, code=f.code,
        code_description=lsp.CodeDescription(href=doc_uri(f.code)), source=SOURCE,
        data={"code": f.code, "hint": f.hint},
    )


def diagnostics(findings: list[Bevinding], lines: list[str]) -> list[lsp.Diagnostic]:
    seen, out = set(), []
    for f in sorted(findings, key=lambda b: (b.regel, b.kolom, b.code)):
        key = (f.code, f.regel, f.kolom, f.bericht)
        if key not in seen:
            seen.add(key)
            out.append(diagnostic(f, lines))
    return out
