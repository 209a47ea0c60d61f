"""Checking that the values a consultant chooses between each have words of their own (W041).

A consultant picks an option of a question, or a value of a derived value or a
table when deviating from it ('afwijken'), by its label: the intake lists the
labels and reads back what is typed. Two options with the same label (compared
without case, after trimming) cannot be told apart there, nor in the
explanation or the letter. Each second one gets a warning.

A mixin of the checker of definitions (``check.py``); it reads ``defs`` and
``bestand`` and calls ``error``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from . import ast
from .checker_host import CheckerHost


class SameLabelChecker(CheckerHost):
    """W041 for the checker of definitions."""

    def check_same_labels(self) -> None:
        for d in self.defs.values():
            if isinstance(d, ast.Vraag) and d.persoon is None:
                self._options_apart(d)
                for veld in d.per_persoon:
                    self._options_apart(veld)
            elif isinstance(d, (ast.Waarde, ast.Tabel)):
                for first, second, label in _same((s, s, tekst) for s, tekst in d.zinnen.symbolen):
                    self.error("W041", f"waarde '{first}' en waarde '{second}' van '{d.id}' hebben hetzelfde label '{label}': "
                               "de consulent kan ze niet uit elkaar houden", self._label_pos(d, second),
                               hint="geef elke waarde een eigen label", ernst="waarschuwing")

    def _options_apart(self, vraag: ast.Vraag) -> None:
        for first, second, label in _same((o.id, o, o.label) for o in vraag.opties):
            self.error("W041", f"optie '{first}' en optie '{second.id}' van vraag '{vraag.id}' hebben hetzelfde label '{label}': "
                       "de consulent kan ze niet uit elkaar houden", second.pos,
                       hint="geef elke optie een eigen label", ernst="waarschuwing")

    def _label_pos(self, d: ast.Waarde | ast.Tabel, symbool: str) -> ast.Pos:
        """The line 'label <symbool> "…"' of a definition (the AST keeps no position for it); else the definition's."""
        pattern = re.compile(rf'\s+label\s+{re.escape(symbool)}\s+"')
        lines = self.bestand.bronregels
        for number in range(d.pos.line, len(lines)):  # the lines after the definition's first, numbered from 1
            line = lines[number]
            if line.strip() and not line[0].isspace() and not line.startswith("#"):
                break  # the next definition
            if match := pattern.match(line):
                return ast.Pos(d.pos.file, number + 1, match.end() - len(match.group(0).lstrip()) + 1)
        return d.pos


T = TypeVar("T")


def _same(items: Iterable[tuple[str, T, str]]) -> list[tuple[str, T, str]]:
    """(the first id, the later item, the label) for each item whose label an earlier one has already."""
    seen: dict[str, str] = {}
    found: list[tuple[str, T, str]] = []
    for ident, item, label in items:
        key = label.strip().casefold()
        if key in seen:
            found.append((seen[key], item, label.strip()))
        else:
            seen[key] = ident
    return found
