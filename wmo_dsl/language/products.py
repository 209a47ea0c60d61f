"""Checking products: durations, the iWmo terms their volume implies, partners and tariffs.

A mixin of the checker of definitions (``check.py``), which provides ``defs``,
``expect``, ``error`` and ``suggest``. A volume with a unit fills the iWmo
``eenheid`` and ``frequentie`` of a product itself (uur: 04, per week: 2, …)
unless the product states them; a stated code that contradicts the unit is a
warning (W025). The defaults of ``alle producten`` give way to a product's own
volume unit.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from . import ast
from .types import DUUR, GETAL
from .vocabulary import IWMO_FREQUENCIES, IWMO_UNIT_NAMES, IWMO_UNITS


class ProductChecker:
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
        self.current = outer
        iwmo = self.iwmo_terms(p, volume)
        return replace(p, duur=duur, maximale_duur=maxi, minimale_duur=mini, volume=volume, iwmo=iwmo)

    def iwmo_terms(self, p: ast.Product, volume) -> tuple:
        """The product's iWmo fields, with eenheid and frequentie from the unit of its volume where
        the product does not state them itself."""
        iwmo = dict(p.iwmo)
        unit = volume.t.eenheid if volume is not None and volume.t is not None else None
        if unit is None:
            return p.iwmo
        own = self.own_iwmo.get(p.id, dict(p.iwmo))
        implied = {"eenheid": IWMO_UNITS.get(unit.maat), "frequentie": IWMO_FREQUENCIES.get(unit.periode)}
        for veld, code in implied.items():
            if veld in own and code is not None and own[veld] != code:
                said = f"{own[veld]} ({IWMO_UNIT_NAMES[own[veld]]})" if veld == "eenheid" and own[veld] in IWMO_UNIT_NAMES else own[veld]
                self.error("W025", f"iWmo-{veld} {said} van product '{p.id}' past niet bij het volume in {unit} ({code})",
                           p.pos, hint=f"laat '{veld}' weg (het volume geeft {code}), of reken het volume om met 'in'",
                           ernst="waarschuwing")
            elif veld not in own and code is not None:
                iwmo[veld] = code
        return tuple(iwmo.items())

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
    )


def bedrag_text(bedrag: Decimal) -> str:
    return str(bedrag).replace(".", ",")
