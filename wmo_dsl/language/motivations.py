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
from .checker_host import CheckerHost, Definitie

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(text: str) -> list[str]:
    return [m.strip() for m in PLACEHOLDER.findall(text)]


class MotivationChecker(CheckerHost):
    """'motivering' lines for the checker of definitions."""

    def check_motivering(self, text: str | None, pos: ast.Pos, wat: str = "de motivering") -> None:
        if text is None:
            return
        for naam in placeholders(text):
            d = self.defs.get(naam)
            if isinstance(d, ast.Waarde) and d.gevallen and all(g.voorwaarde is not None for g in d.gevallen):
                self.error("W032", f"'{{{naam}}}' in {wat} kan leeg blijven: '{naam}' heeft gevallen zonder 'anders'",
                           pos, hint=f"geef '{naam}' een geval 'anders'; de uitleg toont anders [{naam.replace('_', ' ')}] "
                           "als plek die de consulent invult", ernst="waarschuwing")
            if not isinstance(d, (ast.Vraag, ast.Waarde, ast.Tabel)):
                close = self.suggest(naam, [n for n, x in self.defs.items() if isinstance(x, (ast.Vraag, ast.Waarde, ast.Tabel))])
                self.error("E236", f"'{{{naam[:40]}}}' in {wat} noemt geen vraag, afgeleide waarde of tabel", pos,
                           hint=close or "tussen { en } staat de naam van een vraag of afgeleide waarde")

    def check_motivations(self, regels: dict) -> None:
        for d in self.defs.values():
            if isinstance(d, (ast.Waarde, ast.Tabel)):
                self.check_motivering(d.motivering, d.pos)
            if isinstance(d, ast.Tabel):
                for rij in d.rijen:
                    self.check_motivering(rij.motivering, rij.pos)
            if isinstance(d, (ast.Vraag, ast.Waarde, ast.Tabel, ast.Product)):
                self.check_statements(d)
            if isinstance(d, ast.Product):
                for naam, tekst in d.kenmerken:
                    self.check_motivering(tekst, d.pos, wat=f"kenmerk '{naam}'")
        self.check_refusal_has_reason(regels)
        for regel in regels.values():
            self.check_motivering(regel.motivering, regel.pos)
        self.check_fallbacks(regels)

    def check_statements(self, d: Definitie) -> None:
        """A 'zin ja'/'zin nee' on what is not yes/no, or a '{naam}' that names nothing: E242 / E236."""
        z = d.zinnen
        janee = self.types.get(d.id) is not None and self.types[d.id].soort == "janee" if not isinstance(d, ast.Product) else False
        for zin, soort in ((z.ja, "ja"), (z.nee, "nee")):
            if zin is not None and not janee:
                self.error("E242", f"'zin {soort}' hoort bij een ja/nee-vraag of een ja/nee-waarde; '{d.id}' is dat niet", zin.pos,
                           hint='gebruik label "…" en zin "… {waarde} …"')
        for zin in (z.ja, z.nee, z.waarde):
            if zin is None:
                continue
            for text in (zin.u, zin.inwoner):
                for naam in placeholders(text or ""):
                    if naam not in ("waarde", "aantal") and not isinstance(self.defs.get(naam), (ast.Vraag, ast.Waarde, ast.Tabel)):
                        self.error("E236", f"'{{{naam[:40]}}}' in de zin noemt geen vraag, afgeleide waarde of tabel", zin.pos,
                                   hint="{waarde} is de waarde zelf; verder de naam van een vraag of afgeleide waarde")
        if z.symbolen and not isinstance(d, (ast.Waarde, ast.Tabel)):
            self.error("E242", "'label symbool \"…\"' hoort bij een afgeleide waarde of een tabel", d.pos)

    def check_fallbacks(self, regels: dict) -> None:
        """Every place where a generated sentence would fall back on a name (W026): one finding that
        lists them; an error in a rule file that ships in regions/, a warning elsewhere."""
        places = fallback_places({**self.defs, **self.resolved}, self.types, self.deps, regels)
        if not places:
            return
        shown = "; ".join(places)
        self.error("W026", f"{len(places)} plek(ken) waar de uitleg of de brief op een naam uit het regelbestand terugvalt: {shown}",
                   ast.Pos(self.bestand.pad, 1, 1),
                   hint='geef ja/nee-waarden zin ja "…" en zin nee "…", andere waarden label "…" (docs/taal.md, Zinnen)',
                   ernst="fout" if ships_in_regions(self.bestand.pad) else "waarschuwing")

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


def ships_in_regions(pad: str) -> bool:
    """A rule file of a region package that ships with wmo-dsl: a file in a package directory under regions/."""
    from pathlib import Path

    p = Path(pad).resolve()
    return any(parent.name == "regions" and (parent / "__init__.py").exists() for parent in p.parents) \
        and (p.parent / "__init__.py").exists()


def fallback_places(defs: dict, types: dict, deps: dict, regels: dict) -> list[str]:
    """'vraag x: zin ja en zin nee', 'intensiteit: label plusplus': what a sentence would lack."""
    shown: list[str] = []
    stack = [s.id for r in regels.values() for s in ast.walk((r.voorwaarde, r.conclusies)) if isinstance(s, ast.Ref)]
    stack += [n for n, d in defs.items() if isinstance(d, ast.Waarde) and types.get(n) is not None
              and types[n].soort in ("record", "getal")]  # shown under 'Berekend' whatever reads them
    while stack:
        naam = stack.pop()
        if naam in shown or naam not in defs:
            continue
        shown.append(naam)
        stack.extend(deps.get(naam, ()))
    places = []
    for naam in sorted(shown, key=lambda n: defs[n].pos.line):
        d = defs[naam]
        if isinstance(d, ast.Product) or (isinstance(d, ast.Vraag) and (d.persoon is not None or d.personen)):
            continue
        z, t = d.zinnen, types.get(naam)
        wat = f"{'vraag' if isinstance(d, ast.Vraag) else 'tabel' if isinstance(d, ast.Tabel) else 'waarde'} {naam}"
        if t is not None and t.soort == "janee":
            missing = [w for w, zin in (("zin ja", z.ja), ("zin nee", z.nee)) if zin is None]
        elif t is not None and t.soort == "product":
            missing = []
        else:
            missing = [] if (z.label or z.waarde) else ["label"]
        if isinstance(d, (ast.Waarde, ast.Tabel)) and not (t is not None and t.soort == "product"):
            known = {s for s, _ in z.symbolen}
            outcomes = [g.waarde for g in d.gevallen] if isinstance(d, ast.Waarde) else [r.uitkomst for r in d.rijen]
            missing += [f"label {s.id}" for s in ast.walk(tuple(outcomes))
                        if isinstance(s, ast.Symbol) and s.id not in known and s.id not in defs and not _option(defs, s.id)]
        if t is not None and t.soort == "record" and t.velden:
            known = {s for s, _ in z.symbolen}
            missing += [f"label {veld}" for veld in (v[0] if isinstance(v, tuple) else v for v in t.velden) if veld not in known]
        if missing:
            places.append(f"{wat}: {', '.join(dict.fromkeys(missing))}")
    return places


def _option(defs: dict, symbool: str) -> bool:
    return any(isinstance(d, ast.Vraag) and any(o.id == symbool for o in d.opties) for d in defs.values())
