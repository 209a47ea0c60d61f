"""Checking 'motivering' sentences: the words a consultant reads where a rule file gives them.

A ``motivering "…"`` on a rule, a derived value, a table or a table row is used
verbatim in the consultant's explanation, with ``{naam}`` placeholders filled with
values in words. A placeholder must name a question, a derived value or a table
(E236). A rule that can conclude something and has no motivering gets a warning
(W026) when the sentence the tool would write for it must show a bare id: a
comparison with a value that has no label (a derived value's own symbol).

A mixin of the checker of definitions (``check.py``); it provides ``defs``,
``error`` and ``suggest``.
"""

from __future__ import annotations

import re

from . import ast

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(text: str) -> list[str]:
    return [m.strip() for m in PLACEHOLDER.findall(text)]


class MotivationChecker:
    """'motivering' lines for the checker of definitions."""

    def check_motivering(self, text: str | None, pos: ast.Pos) -> None:
        if text is None:
            return
        for naam in placeholders(text):
            d = self.defs.get(naam)
            if isinstance(d, ast.Waarde) and d.gevallen and all(g.voorwaarde is not None for g in d.gevallen):
                self.error("W032", f"'{{{naam}}}' in de motivering kan leeg blijven: '{naam}' heeft gevallen zonder 'anders'",
                           pos, hint=f"geef '{naam}' een geval 'anders'; de uitleg toont anders [{naam.replace('_', ' ')}] "
                           "als plek die de consulent invult", ernst="waarschuwing")
            if not isinstance(d, (ast.Vraag, ast.Waarde, ast.Tabel)):
                close = self.suggest(naam, [n for n, x in self.defs.items() if isinstance(x, (ast.Vraag, ast.Waarde, ast.Tabel))])
                self.error("E236", f"'{{{naam[:40]}}}' in de motivering noemt geen vraag, afgeleide waarde of tabel", pos,
                           hint=close or "tussen { en } staat de naam van een vraag of afgeleide waarde")

    def check_motivations(self, regels: dict) -> None:
        for d in self.defs.values():
            if isinstance(d, (ast.Waarde, ast.Tabel)):
                self.check_motivering(d.motivering, d.pos)
            if isinstance(d, ast.Tabel):
                for rij in d.rijen:
                    self.check_motivering(rij.motivering, rij.pos)
        self.check_refusal_has_reason(regels)
        for regel in regels.values():
            self.check_motivering(regel.motivering, regel.pos)
            if regel.motivering is None and regel.toelichting is None and regel.conclusies and regel.voorwaarde is not None:
                bare = sorted({s.id for s in ast.walk(regel.voorwaarde) if isinstance(s, ast.Symbol) and not self.labelled(s.id)})
                if bare:
                    self.error("W026", f"regel '{regel.id}' heeft geen motivering, en de zin die wmo-dsl ervoor maakt toont "
                               f"{', '.join(repr(b) for b in bare)} zoals in het regelbestand", regel.pos,
                               hint='geef de regel een motivering "…" (met {naam} voor waarden), of een toelichting',
                               ernst="waarschuwing")

    def check_refusal_has_reason(self, regels: dict) -> None:
        """W031: no rule could say why a case gets no indicatie: every product rule holds always and
        there is no 'geen indicatie' rule. The letter then shows a placeholder for the motivering."""
        if not any(isinstance(c, ast.ProductConclusie) for r in regels.values() for c in r.conclusies):
            return
        reasons = [r for r in regels.values() if r.voorwaarde is not None and any(
            isinstance(c, (ast.ProductConclusie, ast.GeenIndicatie)) for c in r.conclusies)]
        if not reasons:
            first = next(iter(regels.values()))
            self.error("W031", "een uitkomst zonder indicatie krijgt geen reden: geen regel met een voorwaarde kent een product "
                       "toe of zegt 'geen indicatie'", first.pos,
                       hint="het besluit toont dan een plek voor de motivering die de consulent invult (art. 3:46 Awb)",
                       ernst="waarschuwing")

    def labelled(self, symbol: str) -> bool:
        """Has this value words of its own: an option label or a product name? (Plain words count.)"""
        if "_" not in symbol:
            return True
        for d in self.defs.values():
            if isinstance(d, ast.Product) and d.id == symbol:
                return True
            if isinstance(d, ast.Vraag) and any(o.id == symbol for o in d.opties):
                return True
        return False
