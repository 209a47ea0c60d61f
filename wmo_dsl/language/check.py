"""Check stage: a parsed rule file to a resolved, typed :class:`Model`.

The checker is where a rule file stops being text: every bare name becomes a
reference to a definition or a symbolic value, every expression gets a type,
and the derived values get an evaluation order. It reports all it finds in one
run, each finding at ``bestand:regel:kolom`` with a Dutch message and, where it
can guess, a "bedoelde u …?" suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from ..errors import Bevinding, RegelbestandFout
from . import ast, kinds
from .checker_host import Definitie, add_once
from .expressions import ExpressionChecker, pos_of
from .persons import PersonChecker
from .motivations import MotivationChecker
from .names import NameChecker
from .products import ProductChecker, with_defaults
from .same_labels import SameLabelChecker
from .model import Model
from .types import DATUM, DUUR, GEEN, JANEE, ONBEKEND, PRODUCT, Type, unified

__all__ = ["Model", "Type", "check", "checked_datum"]



def check(bestand: ast.Regelbestand) -> Model:
    """Resolve and type a parsed rule file; raise RegelbestandFout listing every error."""
    return _Checker(bestand).run()


def checked_datum(t: ast.Termijn) -> ast.Expr:
    """The date of a termijn of a checked model: the checker refuses one without (E224)."""
    assert t.datum is not None, t.id
    return t.datum


class _Checker(ProductChecker, PersonChecker, MotivationChecker, NameChecker, SameLabelChecker, ExpressionChecker):
    def __init__(self, bestand: ast.Regelbestand):
        self.bestand = bestand
        self.findings: list[Bevinding] = []
        self.defs: dict[str, Definitie] = {}  # questions, derived values, tables, products
        self.verwijzingen: dict[str, ast.Verwijzing] = {}
        self.signalen: dict[str, ast.Signaal] = {}
        self.regels: dict[str, ast.Regel] = {}
        self.termijnen: dict[str, ast.Termijn] = {}
        self.vrije_dagen: list[ast.VrijeDagen] = []
        self.eenheden: dict[str, ast.EenheidDef] = {}
        self.eisen: list[ast.Eis] = []
        self.standaard: ast.Product | None = None
        self.own_iwmo: dict[str, dict[str, str]] = {}  # product -> the iWmo fields it states itself
        self.types: dict[str, Type] = {}
        self.resolved: dict[str, Definitie] = {}
        self.in_progress: list[str] = []
        self.deps: dict[str, set[str]] = {}
        self.current: str | None = None

    # ── findings ──
    def error(self, code: str, message: str, pos: ast.Pos, hint: str | None = None, ernst: str = "fout") -> None:
        line = pos.line
        bronregel = self.bestand.bronregels[line - 1] if 0 < line <= len(self.bestand.bronregels) else None
        self.findings.append(Bevinding(code, message, pos.file, line, pos.column, hint, ernst, bronregel))

    def suggest(self, naam: str, candidates: Iterable[str]) -> str | None:
        names = sorted(c for c in candidates if "[" not in c)  # not the expanded questions of each person
        close = difflib.get_close_matches(naam, names, n=3, cutoff=0.6)
        if not close:
            return None
        return "bedoelde u " + " of ".join(f"'{c}'" for c in close) + "?"

    # ── the run ──
    def run(self) -> Model:
        regio = self.collect()
        for naam in list(self.defs):
            self.type_of(naam, self.defs[naam].pos)
        regels = {naam: self.check_regel(regel) for naam, regel in self.regels.items()}
        termijnen = {naam: self.check_termijn(t) for naam, t in self.termijnen.items()}
        eisen = tuple(self.check_eis(e) for e in self.eisen)
        producten = {n: p for n, d in self.defs.items() if isinstance(d, ast.Product) and isinstance(p := self.resolved.get(n, d), ast.Product)}
        self.unused_conclusions(regels)
        self.check_motivations(regels)
        self.check_same_labels()
        self.constant_bounds()
        errors = [f for f in self.findings if f.ernst == "fout"]
        if errors or regio is None:
            self.findings.sort(key=lambda b: (b.regel, b.kolom))
            raise RegelbestandFout(self.findings)
        return Model(
            pad=self.bestand.pad,
            regio=regio,
            vragen={n: d for n, d in self.defs.items() if isinstance(d, ast.Vraag)},
            waarden={n: w for n, d in self.defs.items() if isinstance(d, ast.Waarde) and isinstance(w := self.resolved[n], ast.Waarde)},
            tabellen={n: tb for n, d in self.defs.items() if isinstance(d, ast.Tabel) and isinstance(tb := self.resolved[n], ast.Tabel)},
            producten=producten,
            verwijzingen=self.verwijzingen,
            signalen=self.signalen,
            regels=regels,
            termijnen=termijnen,
            vrije_dagen=frozenset(dag for blok in self.vrije_dagen for dag, _ in blok.dagen),
            types=dict(self.types),
            afhankelijkheden={n: frozenset(d) for n, d in self.deps.items()},
            bronregels=self.bestand.bronregels,
            waarschuwingen=tuple(self.findings),
            eenheden=self.eenheden,
            eisen=eisen,
        )

    def unused_conclusions(self, regels: dict) -> None:
        """A referral or signal no rule gives is a warning, as a product no rule concludes is."""
        given = {c.id for r in regels.values() for c in r.conclusies
                 if isinstance(c, (ast.VerwijzingConclusie, ast.SignaalConclusie))}
        for soort, space in (("verwijzing", self.verwijzingen), ("signaal", self.signalen)):
            for naam, d in space.items():
                if naam not in given:
                    self.error("W024", f"{soort} '{naam}' wordt door geen regel gegeven", d.pos,
                               hint=f"geef haar in een regel ('dan {soort} {naam}') of verwijder haar", ernst="waarschuwing")

    def collect(self) -> ast.Regio | None:
        regio = None
        for d in self.bestand.definities:
            if isinstance(d, ast.Regio):
                if regio is not None:
                    self.error("E201", f"een regelbestand beschrijft één regio; '{regio.id}' staat al op regel {regio.pos.line}", d.pos)
                else:
                    regio = d
                continue
            if isinstance(d, ast.VrijeDagen):
                self.vrije_dagen.append(d)
                continue
            if isinstance(d, ast.Eis):
                self.eisen.append(d)
                continue
            if isinstance(d, ast.EenheidDef):  # read by the parser already (tree_units.py)
                self.eenheden[d.id] = d
                continue
            if isinstance(d, ast.AlleProducten):
                if self.standaard is not None:
                    self.error("E201", "er staat al een blok 'alle producten' in dit bestand", d.pos, hint="voeg de twee blokken samen")
                self.standaard = d.product
                continue
            earlier = (add_once(self.verwijzingen, d) if isinstance(d, ast.Verwijzing) else add_once(self.signalen, d)
                       if isinstance(d, ast.Signaal) else add_once(self.regels, d) if isinstance(d, ast.Regel)
                       else add_once(self.termijnen, d) if isinstance(d, ast.Termijn) else add_once(self.defs, d))
            if earlier is not None:
                self.error("E202", f"'{d.id}' is al gedefinieerd op regel {earlier.pos.line}", d.pos, hint="geef elke definitie een eigen naam")
        if regio is None:
            first = self.bestand.definities[0].pos if self.bestand.definities else ast.Pos(self.bestand.pad, 1, 1)
            self.error("E203", "het regelbestand mist een regiokop", ast.Pos(first.file, max(first.line, 1), 1),
                       hint='begin het bestand met: regio <id> "<naam>"')
        else:
            if regio.geldig_vanaf is None:
                self.error("E204", "de regio mist 'geldig vanaf'", regio.pos, hint="voeg toe: geldig vanaf 2022-01-01")
            elif regio.geldig_tot is not None and regio.geldig_tot < regio.geldig_vanaf:
                self.error("E205", "'geldig tot' ligt vóór 'geldig vanaf'", regio.pos)
        if self.standaard is not None:
            for naam, d in list(self.defs.items()):
                if isinstance(d, ast.Product):
                    self.own_iwmo[naam] = dict(d.iwmo)
                    self.defs[naam] = with_defaults(d, self.standaard)
        self.expand_persons()
        for naam, d in list(self.defs.items()):
            if isinstance(d, ast.Vraag):
                self.defs[naam] = self.check_vraag(d)
        if "peildatum" in self.defs:
            self.error("E234", "'peildatum' is de datum waarop een casus beoordeeld wordt en kan geen eigen definitie zijn",
                       self.defs["peildatum"].pos, hint="kies een andere naam, bijvoorbeeld startdatum")
        return regio

    def check_vraag(self, vraag: ast.Vraag) -> ast.Vraag:
        soort = kinds.of(vraag)  # a kind no entry defines stops here, at load time
        if soort.opties:
            if not vraag.opties:
                self.error("E210", f"vraag '{vraag.id}' is een {vraag.soort}-vraag zonder opties", vraag.pos,
                           hint="voeg opties toe: optie <id> \"<label>\"")
            seen: dict[str, ast.Optie] = {}
            for optie in vraag.opties:
                if optie.id in seen:
                    self.error("E202", f"optie '{optie.id}' staat twee keer bij vraag '{vraag.id}'", optie.pos)
                seen[optie.id] = optie
        elif vraag.opties:
            self.error("E211", f"vraag '{vraag.id}' is een {soort.woord}-vraag en kan geen opties hebben", vraag.opties[0].pos,
                       hint="maak er een keuze-vraag van: vraag naam: keuze")
        if not soort.grenzen:
            for grens in (vraag.minimaal, vraag.maximaal):
                if grens is not None:
                    self.error("E212", f"alleen een getal-vraag heeft een minimum of maximum; '{vraag.id}' is een {soort.woord}-vraag", pos_of(grens))
        else:
            vraag = replace(vraag, minimaal=self.check_grens(vraag, vraag.minimaal), maximaal=self.check_grens(vraag, vraag.maximaal))
            lo, hi = vraag.minimaal, vraag.maximaal
            if isinstance(lo, ast.Literal) and isinstance(hi, ast.Literal) and isinstance(lo.value, Decimal) and isinstance(hi.value, Decimal) \
                    and lo.value > hi.value:
                self.error("E213", f"het minimum van '{vraag.id}' is groter dan het maximum", pos_of(lo))
        if vraag.hoeveelheid is not None and not soort.eenheid:
            self.error("E212", f"alleen een getal-vraag heeft een eenheid als {vraag.hoeveelheid}; '{vraag.id}' is een "
                               f"{soort.woord}-vraag", vraag.pos)
        return vraag

    def check_grens(self, vraag: ast.Vraag, grens: ast.Expr | None) -> ast.Literal | None:
        """A bound of a getal question: a number, in the question's unit when it has one."""
        if grens is None:
            return None
        if not (isinstance(grens, ast.Literal) and grens.kind in ("getal", "hoeveelheid")):
            self.error("E212", "een minimum of maximum is een getal", pos_of(grens))
            return None
        unit = vraag.hoeveelheid
        if grens.eenheid != unit and not (grens.eenheid is None and unit is not None):
            self.unit_mismatch(f"de grens van '{vraag.id}'", Type("getal", eenheid=unit), Type("getal", eenheid=grens.eenheid),
                               grens, pos_of(grens))
            return None
        assert isinstance(grens.value, Decimal)  # a getal or hoeveelheid literal holds a Decimal
        if vraag.geheel and grens.value != grens.value.to_integral_value():
            self.error("E212", f"'{vraag.id}' is een geheel getal: de grens {grens.value} ook", pos_of(grens))
        return replace(grens, kind="hoeveelheid", eenheid=unit) if unit is not None else grens

    # ── types of definitions ──
    def type_of(self, naam: str, pos: ast.Pos) -> Type:
        if naam in self.types:
            return self.types[naam]
        if naam in self.in_progress:
            cyclus = self.in_progress[self.in_progress.index(naam):] + [naam]
            d = self.defs[naam]
            self.error("E206", "deze waarden zijn van elkaar afhankelijk in een kring: " + " → ".join(cyclus), d.pos,
                       hint="een afgeleide waarde mag niet (via andere) van zichzelf afhangen")
            for n in cyclus:
                self.types[n] = ONBEKEND
            return ONBEKEND
        d = self.defs[naam]
        if isinstance(d, ast.Vraag):
            t = kinds.of(d).type(d)
            self.types[naam] = t
            return t
        if isinstance(d, ast.Product):
            self.types[naam] = PRODUCT
            self.resolved[naam] = self.check_product(d)
            return PRODUCT
        self.in_progress.append(naam)
        outer, self.current = self.current, naam
        self.deps.setdefault(naam, set())
        try:
            if isinstance(d, ast.Waarde):
                t = self.check_waarde(d)
            else:
                t = self.check_tabel(d)
        finally:
            self.current = outer
            self.in_progress.pop()
        self.types.setdefault(naam, t)
        return self.types[naam]

    def check_termijn(self, t: ast.Termijn) -> ast.Termijn:
        outer, self.current = self.current, "termijn:" + t.id
        self.deps.setdefault(self.current, set())
        voorwaarde = self.expect(t.voorwaarde, JANEE, "een voorwaarde") if t.voorwaarde is not None else None
        datum = self.expect(t.datum, DATUM, "de datum van een termijn") if t.datum is not None else None
        if t.datum is None:
            self.error("E224", f"termijn '{t.id}' mist een datum", t.pos, hint="voeg toe: datum startdatum + 10 werkdagen")
        self.current = outer
        return replace(t, voorwaarde=voorwaarde, datum=datum)

    def check_eis(self, e: ast.Eis) -> ast.Eis:
        """An eis is a yes/no condition; what it reads counts under 'eis:<line>' (model.eis_key)."""
        outer, self.current = self.current, f"eis:{e.pos.line}"
        self.deps.setdefault(self.current, set())
        voorwaarde = self.expect(e.voorwaarde, JANEE, "een eis")
        self.current = outer
        return replace(e, voorwaarde=voorwaarde)

    def check_waarde(self, w: ast.Waarde) -> Type:
        if w.expr is not None:
            expr, t = self.resolve(w.expr)
            self.resolved[w.id] = replace(w, expr=expr)
            return t
        if not w.gevallen:  # only a bron or toelichting: nothing to compute
            self.error("E238", f"'{w.id}' heeft geen uitdrukking en geen gevallen", w.pos,
                       hint=f"schrijf {w.id} is <uitdrukking>, of gevallen als: <waarde> als <voorwaarde>")
            self.resolved[w.id] = w
            return ONBEKEND
        gevallen = []
        types: list[tuple[Type, ast.Pos]] = []
        anders_gezien = False
        for geval in w.gevallen:
            if anders_gezien:
                self.error("E220", "na een 'anders'-geval wordt geen geval meer bekeken", geval.pos,
                           hint="zet het 'anders'-geval onderaan")
            voorwaarde = None
            if geval.voorwaarde is not None:
                voorwaarde = self.expect(geval.voorwaarde, JANEE, "een voorwaarde")
            else:
                anders_gezien = True
            waarde, t = self.resolve(geval.waarde, new_symbols=True)
            gevallen.append(replace(geval, waarde=waarde, voorwaarde=voorwaarde))
            types.append((t, pos_of(geval.waarde)))
        self.resolved[w.id] = replace(w, gevallen=tuple(gevallen))
        self.mixed_outcomes(w.id, [g.waarde for g in gevallen])
        return self.unify(types, f"de gevallen van '{w.id}'")

    def ref_type(self, naam: str, pos: ast.Pos) -> Type:
        """The type of a named definition, recording that the current definition reads it."""
        if naam not in self.defs:
            self.error("E204", f"'{naam}' is niet gedefinieerd", pos, hint=self.suggest(naam, self.defs))
            return ONBEKEND
        if self.current is not None:
            self.deps.setdefault(self.current, set()).add(naam)
        return self.type_of(naam, pos)

    def unify(self, types: list[tuple[Type, ast.Pos]], wat: str) -> Type:
        result = GEEN
        for t, pos in types:
            combined = unified(result, t)
            if combined is None:
                self.error("E207", f"{wat} geven verschillende soorten uitkomst: {result} en {t}", pos)
                return ONBEKEND
            result = combined
        return result

    def check_tabel(self, tabel: ast.Tabel) -> Type:
        kolommen: list[Type] = []
        for naam, pos in zip(tabel.invoer, tabel.invoer_pos or [tabel.pos] * len(tabel.invoer)):
            kolommen.append(self.ref_type(naam, pos))
        rijen = []
        types = []
        for rij in tabel.rijen:
            if len(rij.cellen) != len(tabel.invoer):
                self.error("E221", f"deze rij heeft {len(rij.cellen)} cel{'len' if len(rij.cellen) != 1 else ''}, de tabel '{tabel.id}' heeft {len(tabel.invoer)} kolommen ({', '.join(tabel.invoer)})",
                           rij.pos, hint="geef elke rij één cel per kolom; '-' betekent: maakt niet uit")
                continue
            cellen = tuple(self.check_cel(cel, kolom, naam) for cel, kolom, naam in zip(rij.cellen, kolommen, tabel.invoer))
            if self.unknown_product_in_row(tabel, rij):
                rijen.append(replace(rij, cellen=cellen))
                continue
            uitkomst, t = self.resolve(rij.uitkomst, new_symbols=True)
            types.append((t, pos_of(rij.uitkomst)))
            rijen.append(replace(rij, cellen=cellen, uitkomst=uitkomst))
        if not tabel.rijen:
            self.error("E222", f"tabel '{tabel.id}' heeft geen rijen", tabel.pos)
        self.resolved[tabel.id] = replace(tabel, rijen=tuple(rijen))
        self.mixed_outcomes(tabel.id, [r.uitkomst for r in rijen])
        return self.unify(types, f"de rijen van tabel '{tabel.id}'")

    def check_regel(self, regel: ast.Regel) -> ast.Regel:
        outer, self.current = self.current, "regel:" + regel.id  # rules have a namespace of their own
        self.deps.setdefault(regel.id, set())
        voorwaarde = self.expect(regel.voorwaarde, JANEE, "een voorwaarde") if regel.voorwaarde is not None else None
        conclusies: list[ast.Conclusie] = []
        for c in regel.conclusies:
            if isinstance(c, ast.ProductConclusie):
                if isinstance(c.product, ast.Name) and c.product.id not in self.defs and not self.suggest(c.product.id, self.defs):
                    self.error("E204", f"product '{c.product.id}' is niet gedefinieerd", c.product.pos,
                               hint=f'definieer het: product {c.product.id} "<naam van het product>"')
                    conclusies.append(c)
                    continue
                product = self.expect(c.product, PRODUCT, "'dan product'")
                duur = self.expect(c.duur, DUUR, "een duur") if c.duur is not None else None
                maxi = self.expect(c.maximale_duur, DUUR, "een maximale duur") if c.maximale_duur is not None else None
                conclusies.append(replace(c, product=product, duur=duur, maximale_duur=maxi))
            elif isinstance(c, ast.VerwijzingConclusie):
                if c.id not in self.verwijzingen:
                    self.error("E204", f"verwijzing '{c.id}' is niet gedefinieerd", c.pos,
                               hint=self.suggest(c.id, self.verwijzingen) or f'definieer haar: verwijzing {c.id} "<omschrijving>"')
                conclusies.append(c)
            elif isinstance(c, ast.GeenProductConclusie):
                if not isinstance(self.defs.get(c.id), ast.Product):
                    self.error("E204", f"product '{c.id}' is niet gedefinieerd", c.pos,
                               hint=self.suggest(c.id, [n for n, d in self.defs.items() if isinstance(d, ast.Product)]))
                conclusies.append(c)
            elif isinstance(c, ast.SignaalConclusie):
                if c.id not in self.signalen:
                    self.error("E204", f"signaal '{c.id}' is niet gedefinieerd", c.pos,
                               hint=self.suggest(c.id, self.signalen) or f'definieer het: signaal {c.id} "<omschrijving>"')
                conclusies.append(c)
            else:
                conclusies.append(c)
        if not regel.conclusies:
            self.error("E223", f"regel '{regel.id}' concludeert niets", regel.pos,
                       hint="voeg een conclusie toe, bijvoorbeeld: dan product <naam>")
        self.current = outer
        return replace(regel, voorwaarde=voorwaarde, conclusies=tuple(conclusies))
