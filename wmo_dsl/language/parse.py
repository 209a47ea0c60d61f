"""Parse stage: rule-file text to the typed AST of ``ast.py``.

The parser comes from ``grammar.py``; this module lays Lark's tree over the
frozen dataclasses of ``ast.py`` (without recursion, so a deep file gives a
finding, not a crash) and checks the bounds of literal values. Syntax errors
become Dutch findings in ``syntax_errors.py``.
"""

from __future__ import annotations

from pathlib import Path

from lark.exceptions import LarkError, UnexpectedInput, VisitError
from lark.indenter import DedentError

from ..errors import Bevinding, RegelbestandFout, os_reden
from . import ast
from .grammar import parser
from .syntax_errors import all_syntax_findings, source_line
from .tree import ToAst


def parse_text(text: str, pad: str = "<tekst>") -> ast.Regelbestand:
    """Parse one rule file's text; raise RegelbestandFout with Dutch findings."""
    # One notion of a line for us and for Lark: Windows and old Mac line ends become \n, and no
    # other character (form feed, U+2028, …) starts a line, as str.splitlines would have it.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    regels = tuple(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"))
    if not text.endswith("\n"):
        text += "\n"
    tabs = _tab_findings(regels, pad)
    if tabs:
        raise RegelbestandFout(tabs)
    if len(text) > MAX_FILE_CHARS:
        raise RegelbestandFout([Bevinding("E104", f"het bestand is groter dan {MAX_FILE_CHARS // 1_000_000} miljoen tekens", pad, 1, 1,
                                          hint="verdeel de regels over meer regio's of versies")])
    try:
        tree = parser().parse(text)
    except (UnexpectedInput, DedentError) as err:
        raise RegelbestandFout(all_syntax_findings(err, regels, pad)) from None
    except LarkError as err:  # pragma: no cover - any other parser failure is still a user-file problem
        raise RegelbestandFout([Bevinding("E001", f"het bestand kan niet gelezen worden ({err})", pad, 1, 1)]) from None
    too_deep = _too_deep(tree, regels, pad)
    if too_deep:
        raise RegelbestandFout(too_deep)
    builder = ToAst(pad, regels)
    try:
        definities = builder.transform(tree)
    except VisitError as err:  # pragma: no cover - the builder reports, it does not raise
        if isinstance(err.orig_exc, RegelbestandFout):
            raise err.orig_exc from None
        raise
    if builder.findings:
        raise RegelbestandFout(sorted(builder.findings, key=lambda b: (b.regel, b.kolom)))
    return ast.Regelbestand(pad=pad, definities=tuple(definities), bronregels=regels)


def _tab_findings(regels: tuple[str, ...], pad: str) -> list[Bevinding]:
    """A tab in the indentation: how far it reaches depends on the editor, so it is named as what it is."""
    found = []
    for nummer, tekst in enumerate(regels, start=1):
        inspringing = tekst[:len(tekst) - len(tekst.lstrip(" \t"))]
        if "\t" in inspringing and tekst.strip():
            found.append(Bevinding("E101", "deze regel springt in met een tab; spring in met spaties", pad, nummer,
                                   inspringing.index("\t") + 1, hint="vervang de tab door spaties: twee per niveau",
                                   bronregel=tekst))
    return found


MAX_FILE_CHARS = 2_000_000
MAX_NESTING = 64  # levels of one expression: brackets, 'niet', operators within operators
_EXPRESSION_RULES = frozenset({
    "of", "en", "niet", "vergelijking", "in_bereik", "in_lijst", "bevat", "optellen", "aftrekken",
    "vermenigvuldigen", "delen", "negatief", "aantal", "functie", "lijst", "record",
})
# A chain (a en b en c, a + b - c) is one level, however long: it becomes one node.
_CHAIN = {"en": "en", "of": "of", "optellen": "+", "aftrekken": "+", "vermenigvuldigen": "*", "delen": "*"}


def _too_deep(tree, regels: tuple[str, ...], pad: str) -> list[Bevinding]:
    """Every expression nested deeper than MAX_NESTING, found without recursion (a file of
    600 nested brackets must give a finding, not a RecursionError)."""
    findings = []
    stack = [(tree, 0, None)]
    reported: set[int] = set()
    while stack:
        node, depth, parent = stack.pop()
        if not hasattr(node, "data"):
            continue
        chain = _CHAIN.get(node.data)
        if node.data in _EXPRESSION_RULES and not (chain and chain == _CHAIN.get(parent)):
            depth += 1
            if depth > MAX_NESTING:
                line = getattr(node.meta, "line", 1)
                if line not in reported:
                    reported.add(line)
                    findings.append(Bevinding(
                        "E104", f"deze uitdrukking is dieper genest dan {MAX_NESTING} niveaus", pad, line,
                        getattr(node.meta, "column", 1), hint="splits haar op in afgeleide waarden met elk een eigen naam",
                        bronregel=source_line(regels, line)))
                continue
        stack.extend((child, depth, node.data) for child in node.children)
    return sorted(findings, key=lambda b: (b.regel, b.kolom))


def parse_file(pad: str | Path) -> ast.Regelbestand:
    pad = Path(pad)
    try:
        raw = pad.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise RegelbestandFout([Bevinding("E002", "bestand bestaat niet", str(pad), 0, 0)]) from None
    except UnicodeDecodeError as err:
        begin = raw.rfind(b"\n", 0, err.start) + 1
        regel, kolom = raw.count(b"\n", 0, err.start) + 1, len(raw[begin:err.start].decode("utf-8", "replace")) + 1
        raise RegelbestandFout(
            [Bevinding("E003", f"bestand is geen UTF-8-tekst: byte 0x{raw[err.start]:02x} op regel {regel}, kolom {kolom}",
                       str(pad), regel, kolom, hint="sla het bestand op als UTF-8")]
        ) from None
    except OSError as err:
        raise RegelbestandFout([Bevinding("E002", f"bestand kan niet gelezen worden: {os_reden(err)}", str(pad), 0, 0)]) from None
    return parse_text(text, str(pad))
