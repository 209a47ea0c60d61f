"""Parse stage: rule-file text to the typed AST of ``ast.py``.

The parser comes from ``grammar.py``; this module lays Lark's tree over the
frozen dataclasses of ``ast.py`` (without recursion, so a deep file gives a
finding, not a crash) and checks the bounds of literal values. Syntax errors
become Dutch findings in ``syntax_errors.py``.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedInput, VisitError
from lark.grammar import NonTerminal
from lark.indenter import DedentError

from ..bulk import building
from ..errors import Bevinding, RegelbestandFout, os_reden
from . import ast
from .grammar import parser
from .syntax_errors import all_syntax_findings, source_line
from .tree import ToAst


def parse_text(text: str, pad: str = "<tekst>") -> ast.Regelbestand:
    """Parse one rule file's text; raise RegelbestandFout with Dutch findings."""
    with building():  # hundreds of thousands of young objects without cycles: not collected over and over (bulk.py)
        return _parse_text(text, pad)


def _parse_text(text: str, pad: str) -> ast.Regelbestand:
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
    _gather_chains(tree)
    too_deep = _too_deep(tree, regels, pad)
    if too_deep:
        raise RegelbestandFout(too_deep)
    builder = ToAst(pad, regels)
    builder._declare_units(tree)  # the region's own units first: an amount may use one declared below it
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


@functools.lru_cache(maxsize=1)
def expression_rules() -> frozenset[str]:
    """The names Lark gives the nodes of a recursive expression: every rule reachable from
    ``expr`` in the grammar that holds an expression itself (``als_dan``, ``optellen``, ``lijst``,
    …), read from the parser, so a construct added to the grammar is bounded without a list here."""
    rules: dict[str, list] = {}
    for rule in parser().rules:
        rules.setdefault(rule.origin.name, []).append(rule)
    reachable, todo = set(), ["expr"]
    while todo:
        name = todo.pop()
        if name not in reachable:
            reachable.add(name)
            todo.extend(s.name for r in rules.get(name, ()) for s in r.expansion if isinstance(s, NonTerminal))
    names = set()
    for origin in reachable:
        for rule in rules[origin]:
            if not any(isinstance(s, NonTerminal) for s in rule.expansion):
                continue  # a leaf: a number, a name, a date
            kept = [s for s in rule.expansion if isinstance(s, NonTerminal) or not s.filter_out]
            if rule.alias:
                names.add(rule.alias)
            elif not origin.startswith("_") and not (rule.options.expand1 and len(kept) == 1):
                names.add(origin)  # a node of its own ('lijst'); '?atom: "(" expr ")"' is inlined
    return frozenset(names | {_ARITH_CHAIN})


# A chain (a en b en c, a + b - c) is one node, however long: the parse tree's left spine of the
# same operator (family) is gathered into one node before anything else walks it.
_LOGIC_CHAINS = frozenset({"en", "of"})
_ARITH_FAMILY = {"optellen": "+", "aftrekken": "+", "vermenigvuldigen": "*", "delen": "*"}
_ARITH_OP = {"optellen": "+", "aftrekken": "-", "vermenigvuldigen": "*", "delen": "/"}
_ARITH_CHAIN = "rekenketen"  # [first, op, operand, op, operand, …]: no grammar rule, made here


def _gather_chains(tree: Tree[Token]) -> None:
    """Turn every left-nested chain into one node, in place and without recursion: ``en``/``of``
    get all their items as children, arithmetic of one family becomes a ``rekenketen``. A chain of
    100,000 terms is then one node, not 100,000 nested ones (which the builder would copy)."""
    stack: list[Tree[Token] | Token] = [tree]
    while stack:
        node = stack.pop()
        if not isinstance(node, Tree):
            continue
        if node.data in _LOGIC_CHAINS:
            spine: list[Tree[Token] | Token] = []
            cur: Tree[Token] | Token = node
            while isinstance(cur, Tree) and cur.data == node.data and len(cur.children) == 2:
                spine.append(cur.children[1])
                cur = cur.children[0]
            node.children = [cur, *reversed(spine)]
        elif node.data in _ARITH_FAMILY:
            family, operands, cur = _ARITH_FAMILY[node.data], [], node
            while isinstance(cur, Tree) and _ARITH_FAMILY.get(cur.data) == family:
                operands.append((cur.children[1], Token("OP", _ARITH_OP[cur.data])))
                cur = cur.children[0]
            children = [cur]
            for operand, op in reversed(operands):
                children += (op, operand)
            node.data, node.children = _ARITH_CHAIN, children
        stack.extend(node.children)


def _too_deep(tree: Tree[Token], regels: tuple[str, ...], pad: str) -> list[Bevinding]:
    """Every expression nested deeper than MAX_NESTING, found without recursion (a file of
    600 nested brackets must give a finding, not a RecursionError). Chains are gathered first."""
    rules = expression_rules()
    findings = []
    stack: list[tuple[Tree[Token] | Token, int]] = [(tree, 0)]
    reported: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        if node.data in rules:
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
        stack.extend((child, depth) for child in node.children)
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
