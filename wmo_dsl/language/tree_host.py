"""What the mixins of the transformer need from the transformer that combines them.

The transformer (``tree.py``, :class:`~wmo_dsl.language.tree.ToAst`) is one Lark
transformer made of mixins: units, expressions, products and statements. They
report findings, make positions and read detail lines with helpers that
``tree.py`` (or another mixin) defines. :class:`TreeHost` states that contract
once: every mixin subclasses it, so mypy checks each mixin against it, and the
combined transformer must provide every abstract method. Their names start with
``_``, so Lark never takes them for grammar rules.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from lark import Token, Transformer_NonRecursive
from lark.tree import Meta

from ..errors import Bevinding
from . import ast
from .types import Eenheid


def token_line(tok: Token) -> tuple[int, int]:
    """(line, column) of a token; (0, 0) for a token made without a position, as ``_pos`` gives for
    a rule without one."""
    return tok.line or 0, tok.column or 0


class TreeHost(Transformer_NonRecursive):
    """The state and helpers of the transformer that its mixins use."""

    pad: str
    regels: tuple[str, ...]  # the lines of the rule file, for a finding's source line
    findings: list[Bevinding]
    units: dict[str, Eenheid]  # every way of writing a unit the region declares -> the unit

    # tree.py
    @abstractmethod
    def _finding(self, code: str, bericht: str, tok: Token, hint: str | None = None) -> None: ...

    @abstractmethod
    def _pos(self, meta: Meta) -> ast.Pos: ...

    @abstractmethod
    def _tokpos(self, tok: Token) -> ast.Pos: ...

    @abstractmethod
    def _date(self, tok: Token) -> dt.date: ...

    @abstractmethod
    def _bounded(self, tok: Token) -> Decimal: ...

    @abstractmethod
    def _details(self, items: Iterable[Any], meta: Meta | None = None) -> dict[str, Any]: ...

    @abstractmethod
    def _second_line(self, word: str, meta: Meta, nth: int = 2) -> tuple[int, int]: ...

    # tree_statements.py
    @abstractmethod
    def _zinnen(self, rest: Iterable[Any]) -> ast.Zinnen: ...

    @abstractmethod
    def _only_where_read(self, d: dict[str, Any], meta: Meta | None) -> None: ...
