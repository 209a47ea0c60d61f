"""Checking products: durations, the iWmo terms their volume implies, partners and tariffs.

A mixin of the checker of definitions (``check.py``), which provides ``defs``,
``expect``, ``error`` and ``suggest``. A volume with a unit fills the iWmo
``eenheid`` and ``frequentie`` of a product itself (uur: 04, per week: 2, …)
unless the product states them; a stated code that contradicts the unit is a
warning (W025). The defaults of ``alle producten`` give way to a product's own
volume unit. What the toewijzing needs that can be seen without answers is checked
here too: a product without a known productcode (W027, ``code onbekend``), a volume
whose unit and period have no iWmo form in the product's uitvoeringsvariant (E241),
and a literal volume or duration that gives no allocatable Omvang (W028); computed
volumes are proven by the analysis (``semantics/allocatable.py``).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from . import ast
from .checker_host import CheckerHost
from .types import DUUR, GETAL
from . import iwmo as I


class ProductChecker(CheckerHost):
    def check_product(self, p: ast.Product) -> ast.Product:
        outer, self.current = self.current, p.id
        self.deps.setdefault(p.id, set())
        duur = self.expect(p.duur, DUUR, "de duur van een product") if p.duur is not None else None
        maxi = self.expect(p.maximale_duur, DUUR, "de maximale duur") if p.maximale_duur is not None else None
        mini = self.expect(p.minimale_duur, DUUR, "de minimale duur") if p.minimale_duur is not None else None
        volume = self.expect(p.volume, GETAL, "het iWmo-volume") if p.volume is not None else None
        for partner in p.alleen_met:
            if not isinstance(self.defs.get(partner), ast.Product):
                self.error("E204", f"product '{partner}' (in 'alleen in combinatie met') is niet gedefinieerd", p.pos,
                           hint=self.suggest(partner, [n for n, d in self.defs.items() if isinstance(d, ast.Product)]))
        self.check_tarieven(p)
        bedragen = tuple(self.check_bedrag(p, b) for b in p.bedragen)
        self.current = outer
        iwmo = self.iwmo_terms(p, volume)
        checked = replace(p, duur=duur, maximale_duur=maxi, minimale_duur=mini, volume=volume, iwmo=iwmo, bedragen=bedragen)
        self.check_toewijzing(checked)
        return checked

    def check_bedrag(self, p: ast.Product, b: ast.Bedrag) -> ast.Bedrag:
        """An 'eigen bijdrage' or 'vergoeding' line is an amount in euro (per a period or not): E246."""
        expr, t = self.resolve(b.expr)
        if t.soort not in ("getal", "onbekend") or (t.soort == "getal" and (t.eenheid is None or t.eenheid.maat != "euro")):
            self.error("E246", f"de {b.woorden} van product '{p.id}' moet een bedrag in euro zijn, maar dit is {t}", b.pos,
                       hint=f"bijvoorbeeld: {b.woorden} 2,50 euro, of de naam van een afgeleide waarde in euro")
        if any(x.soort == b.soort and x.pos.line < b.pos.line for x in p.bedragen):
            self.error("E228", f"'{b.woorden}' staat twee keer bij product '{p.id}'", b.pos,
                       hint="schrijf elk bedrag één keer; de eerste telde, de tweede niet")
        return replace(b, expr=expr)

    def iwmo_terms(self, p: ast.Product, volume: ast.Expr | None) -> tuple[tuple[str, str], ...]:
        """The product's iWmo fields, with eenheid and frequentie from the unit of its volume where
        the product does not state them itself."""
        iwmo = dict(p.iwmo)
        unit = volume.t.eenheid if volume is not None and volume.t is not None else None
        if unit is None:
            return p.iwmo
        own = self.own_iwmo.get(p.id, dict(p.iwmo))
        implied = {"eenheid": I.unit_code(I.volume_maat(unit), I.variant_of(p.uitvoeringsvariant)),
                   "frequentie": I.PERIOD_CODES.get(unit.periode)}
        for veld, code in implied.items():
            if veld in own and code is not None and own[veld] != code:
                said = f"{own[veld]} ({I.UNIT_WORDS[own[veld]]})" if veld == "eenheid" and own[veld] in I.UNIT_WORDS else own[veld]
                self.error("W025", f"iWmo-{veld} {said} van product '{p.id}' past niet bij het volume in {unit} ({code})",
                           p.pos, hint=f"laat '{veld}' weg (het volume geeft {code}), of reken het volume om met 'in'",
                           ernst="waarschuwing")
            elif veld not in own and code is not None:
                iwmo[veld] = code
        return tuple(iwmo.items())

    def check_toewijzing(self, p: ast.Product) -> None:
        """What the iWmo toewijzing of this product needs, as far as it shows without answers."""
        if p.uitvoeringsvariant is not None and p.uitvoeringsvariant not in I.VARIANTEN:
            self.error("E205", f"uitvoeringsvariant '{p.uitvoeringsvariant}' van product '{p.id}' bestaat niet", p.pos,
                       hint="kies inspanningsgericht (standaard), outputgericht of taakgericht")
            return
        if p.code_onbekend is not None:
            if p.code != p.id or dict(p.iwmo).get("productcode"):
                self.error("E228", f"product '{p.id}' heeft een code en ook 'code onbekend'", p.pos,
                           hint="laat 'code onbekend' weg als de code bekend is")
            self.error("W027", f"product '{p.id}' heeft geen bekende iWmo-productcode: {p.code_onbekend}", p.pos,
                       hint="een toewijzing (--formaat toewijzing) voor dit product wordt geweigerd tot de code bekend is",
                       ernst="waarschuwing")
        for code, reden, ernst in I.static_problems(p):
            self.error(code, f"product '{p.id}' is niet toe te wijzen in iWmo: {reden}", p.pos, ernst=ernst,
                       hint="zie docs/taal.md, 'De toewijzing'")

    def check_tarieven(self, p: ast.Product) -> None:
        """A tariff is money in a product's own unit, and one date starts one tariff."""
        gezien: dict[object, ast.Tarief] = {}
        for t in p.tarieven:
            if t.bedrag != t.bedrag.quantize(Decimal("0.01")):
                self.error("E227", f"tarief {bedrag_text(t.bedrag)} heeft meer dan twee cijfers achter de komma", t.pos,
                           hint="een bedrag in euro's heeft hoogstens twee cijfers achter de komma, bijvoorbeeld 1234,56")
            if p.eenheid and p.eenheid.startswith("per ") and t.eenheid != p.eenheid:
                self.error("E226", f"product '{p.id}' heeft eenheid {p.eenheid}, maar een tarief {t.eenheid}", t.pos,
                           hint=f"schrijf het tarief {p.eenheid}, of pas de eenheid van het product aan")
            eerder = gezien.setdefault(t.vanaf, t)
            if eerder is not t:
                self.error("E225", f"product '{p.id}' heeft twee tarieven vanaf {t.vanaf.isoformat()}", t.pos,
                           hint=f"een tarief geldt tot het volgende begint; geef het nieuwe tarief een latere datum "
                                f"(het andere staat op regel {eerder.pos.line})")


def with_defaults(p: ast.Product, std: ast.Product) -> ast.Product:
    """A product with the file's 'alle producten' defaults filled in where it says nothing itself."""
    iwmo = dict(std.iwmo)
    iwmo.update(dict(p.iwmo))
    own = {k for k, _ in p.kenmerken}
    return replace(
        p,
        eenheid=p.eenheid or std.eenheid,
        duur=p.duur or std.duur,
        maximale_duur=p.maximale_duur or (None if p.onbeperkt else std.maximale_duur),
        onbeperkt=p.onbeperkt or (std.onbeperkt and p.maximale_duur is None),
        minimale_duur=p.minimale_duur or std.minimale_duur,
        alleen_met=p.alleen_met or std.alleen_met,
        kenmerken=tuple(k for k in std.kenmerken if k[0] not in own) + p.kenmerken,
        iwmo=tuple(iwmo.items()),
        volume=p.volume or std.volume,
        # a shared tariff is in the shared unit: a product with a unit of its own does not take it
        tarieven=p.tarieven or (std.tarieven if p.eenheid in (None, std.eenheid) else ()),
        bron=p.bron or std.bron,
        uitvoeringsvariant=p.uitvoeringsvariant or std.uitvoeringsvariant,
        bedragen=p.bedragen or std.bedragen,
    )


def bedrag_text(bedrag: Decimal) -> str:
    return str(bedrag).replace(".", ",")
