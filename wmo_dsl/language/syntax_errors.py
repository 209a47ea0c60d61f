"""Syntax errors in Dutch: every definition with a mistake, where, what was expected, and a hint.

Lark stops at the first error; to report all of them, each top-level
definition is parsed on its own (behind a stand-in header) and its error
mapped back to the file. A hint comes from ``syntax_hints.py``.
"""

from __future__ import annotations

from dataclasses import replace

from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.indenter import DedentError

from ..errors import Bevinding
from .grammar import WmoIndenter, parser
from .syntax_hints import describe_expected, hint_for


_CHUNK_HEADER = 'regio r "R"\n  geldig vanaf 2022-01-01\n'


def all_syntax_findings(first: UnexpectedInput | DedentError, regels: tuple[str, ...], pad: str) -> list[Bevinding]:
    """Every definition with a syntax error, not just the first: each top-level
    definition is parsed on its own (behind a stand-in header, so the parser
    stands where it would in the whole file) and its error mapped back."""
    findings: list[Bevinding] = []
    for start, end in _top_level_chunks(regels):
        chunk = regels[start:end]
        prefix = "" if chunk[0].startswith("regio") else _CHUNK_HEADER
        shift = start - prefix.count("\n")
        source = prefix + "\n".join(chunk) + "\n"
        try:
            parser().parse(source)
        except UnexpectedInput as err:
            f = _syntax_finding(err, source, tuple(source.split("\n")[:-1]), pad)
        except DedentError as err:
            f = _dedent_finding(err, chunk, pad)
            shift = start
        else:
            continue
        line = f.regel + shift
        if end < len(regels):  # the chunk ended where the next definition starts, not the file
            f = replace(f, bericht=f.bericht.replace("het einde van het bestand", "het einde van de definitie")
                        .replace("het bestand houdt te vroeg op", "de definitie houdt te vroeg op"))
        findings.append(replace(f, regel=line, bronregel=source_line(regels, line)))
    if not findings:  # the definitions parse apart but not together: report what the whole file said
        if isinstance(first, DedentError):
            return [_dedent_finding(first, regels, pad)]
        return [_syntax_finding(first, "\n".join(regels) + "\n", regels, pad)]
    return findings


def _top_level_chunks(regels: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) line indexes of each definition that starts at the left margin."""
    starts = [i for i, line in enumerate(regels) if line[:1].strip() and not line.startswith("#")]
    return [(s, e) for s, e in zip(starts, starts[1:] + [len(regels)])]



def source_line(regels: tuple[str, ...], nummer: int) -> str | None:
    return regels[nummer - 1] if 0 < nummer <= len(regels) else None


def _syntax_finding(err: UnexpectedInput, text: str, regels: tuple[str, ...], pad: str) -> Bevinding:
    line, column = err.line, err.column
    if isinstance(err, UnexpectedToken) and err.token.type == "_NL":
        # The offending newline token starts at the end of the line that is incomplete.
        line, column = err.token.line, err.token.column
    if isinstance(err, UnexpectedToken) and err.token.type in ("_INDENT", "_DEDENT"):
        # Lark gives these no position of their own; they belong at the start of the next line.
        line, column = _indent_position(err, regels)
    if isinstance(err, UnexpectedEOF) or line is None or line < 1:
        line = max(len(regels), 1)
        column = len(source_line(regels, line) or "") + 1
    bericht = _message(err)
    hint = hint_for(err, _parse_sample)
    if isinstance(err, UnexpectedToken) and err.token.type == "_INDENT":
        bericht = "deze regel springt verder in dan de regel erboven, en daar kan geen ingesprongen blok beginnen"
        above = next((n for n in range(line - 1, 0, -1) if (source_line(regels, n) or "").strip()), None)
        hint = hint or (f"laat de regel even ver inspringen als regel {above}" if above else None)
        return Bevinding("E101", bericht, pad, line, column, hint=hint, bronregel=source_line(regels, line))
    return Bevinding("E100", bericht, pad, line, column, hint=hint, bronregel=source_line(regels, line))


def _parse_sample(text: str) -> Tree[Token]:
    """A hint's sample parsed as a file (one function, so the samples' failures are computed once)."""
    return parser().parse(text if text.endswith("\n") else text + "\n")


def _indent_position(err: UnexpectedToken, regels: tuple[str, ...]) -> tuple[int, int]:
    """The line an indentation token stands for: the next line with code after the line break
    whose position Lark lends it."""
    prev_line = getattr(err.token, "line", None) or 1
    for nummer in range(prev_line + 1, len(regels) + 1):
        tekst = regels[nummer - 1]
        if tekst.strip() and not tekst.lstrip().startswith("#"):
            return nummer, len(tekst) - len(tekst.lstrip()) + 1
    return prev_line, 1


def _message(err: UnexpectedInput) -> str:
    if isinstance(err, UnexpectedCharacters):
        teken = err.char
        return f"onverwacht teken {teken!r}; verwacht: {describe_expected(err.allowed, parser())}"
    if isinstance(err, UnexpectedEOF):
        return f"het bestand houdt te vroeg op; verwacht: {describe_expected(err.expected, parser())}"
    assert isinstance(err, UnexpectedToken)
    tok = err.token
    if tok.type == "_INDENT":
        gevonden = "een inspringing die hier niet hoort"
    elif tok.type == "_DEDENT":
        gevonden = "het einde van een ingesprongen blok"
    elif tok.type == "_NL":
        gevonden = "het einde van de regel"
    elif tok.type == "$END":
        gevonden = "het einde van het bestand"
    else:
        gevonden = repr(str(tok))
    return f"onverwacht {gevonden}; verwacht: {describe_expected(err.expected, parser())}"


def _dedent_finding(err: DedentError, regels: tuple[str, ...], pad: str) -> Bevinding:
    # Lark does not say where; find the first line whose indentation matches no open block.
    stack = [0]
    for nummer, tekst in enumerate(regels, start=1):
        if not tekst.strip() or tekst.lstrip().startswith("#"):
            continue
        indent = len(tekst.expandtabs(WmoIndenter.tab_len)) - len(tekst.expandtabs(WmoIndenter.tab_len).lstrip())
        if indent > stack[-1]:
            stack.append(indent)
        else:
            while indent < stack[-1]:
                stack.pop()
            if indent != stack[-1]:
                return Bevinding(
                    "E101",
                    "de inspringing van deze regel past bij geen enkel blok erboven",
                    pad,
                    nummer,
                    indent + 1,
                    hint="laat de regel even ver inspringen als de regels van het blok waar hij bij hoort",
                    bronregel=tekst,
                )
    return Bevinding("E101", "de inspringing klopt niet", pad, 1, 1)
