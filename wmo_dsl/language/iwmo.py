"""The iWmo 3.2 code lists a toewijzing (WMO301) uses, and the Omvang a volume becomes.

One table per code list, as published (WMO020 productcategorie, WJ756 eenheid,
WMO757 frequentie), the combinations of eenheid and frequentie each
uitvoeringsvariant allows (the "Toewijzingsvarianten" table of the standard),
and the rules that turn a product's volume into an Omvang: a whole Volume in the
finest unit that makes it whole (2,5 uur per week is 150 minuten per week),
euro as eurocent (IV024), a period iWmo lacks (per kwartaal, per jaar) as the
total over a fixed duration, and an Einddatum wherever the frequentie is per
week (CD076). The checker, the analysis and the toewijzing all read this one
module, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import ast
from .types import Eenheid
from .vocabulary import CODE, period_parts

# WMO020 – Productcategorie
CATEGORIE = {
    "01": "Hulp bij het huishouden", "02": "Begeleiding", "03": "Persoonlijke verzorging", "04": "Kortdurend verblijf",
    "05": "Woondiensten", "06": "Overige ondersteuning gericht op het individu of huishouden/gezin",
    "07": "Dagbesteding", "08": "Vervoerdiensten", "09": "Overige groepsgerichte ondersteuning",
    "10": "Overige maatwerk arrangementen", "11": "Rolstoelen", "12": "Vervoervoorzieningen", "13": "Woonvoorzieningen",
    "14": "Overige hulpmiddelen", "15": "Beschermd wonen", "16": "Opvang", "17": "Spoedopvang",
    "18": "Overige beschermd wonen en opvang",
}
# WJ756 – Eenheid
EENHEID = {"01": "Minuut", "04": "Uur", "14": "Etmaal", "16": "Dagdeel (4 uur)", "82": "Stuks (output)",
           "83": "Euro's", "84": "Stuks (inspanning)"}
# WMO757 – Frequentie
FREQUENTIE = {"1": "Per dag", "2": "Per week", "4": "Per maand", "6": "Totaal binnen geldigheidsduur toewijzing"}

# The Toewijzingsvarianten table (regels-toewijzing.md §4.3): eenheid -> the frequenties allowed.
_ALL, _NO_DAY = ("1", "2", "4", "6"), ("2", "4", "6")
TOEGESTAAN = {
    "inspanningsgericht": {"01": _ALL, "04": _ALL, "14": _NO_DAY, "16": _NO_DAY, "84": _NO_DAY},
    "outputgericht": {"82": _ALL, "83": _NO_DAY},
}
VARIANTEN = ("inspanningsgericht", "outputgericht", "taakgericht")  # taakgericht: no toewijzing per client (IV096)
STANDAARD_VARIANT = "inspanningsgericht"
EINDDATUM_VERPLICHT = frozenset({"2"})  # CD076: Frequentie 2 (per week)
MAX_VOLUME = 99_999_999  # LDT_Volume

# The unit of a volume in the language -> its iWmo eenheid, and how many of the eenheid one unit is.
# Counted things are stuks: output (82) or inspanning (84) by the product's variant.
_STUKS = ("stuks", "sessies", "ritten")
UNIT_CODES = {"minuten": ("01", 1), "uur": ("04", 1), "etmalen": ("14", 1), "dagdelen": ("16", 1), "euro": ("83", 100)}
# A finer eenheid that can make a volume whole: uur -> minuut.
FINER = {"04": ("01", 60)}
PERIOD_CODES = {"dag": "1", "week": "2", "maand": "4", None: "6"}
MONTHS_PER_PERIOD = {"kwartaal": 3, "jaar": 12}  # periods iWmo has no frequentie for


def months_per_period(periode: str | None) -> int | None:
    """The months of a period iWmo has no frequentie for but a fixed duration can total ('per jaar':
    12, 'per 2 maanden': 2); None for per dag, week and maand (frequenties) and for a count of
    days or weeks (no whole months)."""
    if periode is None or periode in PERIOD_CODES:
        return None
    count, period = period_parts(periode)
    months = {"maand": 1, **MONTHS_PER_PERIOD}.get(period)
    return None if months is None else months * count
# What the language calls each eenheid, for messages and for W025.
UNIT_WORDS = {"01": "minuten", "04": "uur", "14": "etmalen", "16": "dagdelen", "82": "stuks", "83": "euro", "84": "stuks"}


def volume_maat(unit: Eenheid | None) -> str | None:
    """What a volume counts, for the eenheid lists: 'uur', or a rate as a whole ('euro per km', which has no eenheid)."""
    if unit is None:
        return None
    return unit.maat if unit.per is None else str(unit)


def variant_of(stated: str | None) -> str:
    return stated or STANDAARD_VARIANT


def unit_code(maat: str | None, variant: str) -> str | None:
    """The iWmo eenheid of a volume unit, or None (km, or no unit)."""
    if maat in _STUKS:
        return "82" if variant == "outputgericht" else "84"
    return UNIT_CODES[maat][0] if maat in UNIT_CODES else None


def allowed_text(variant: str, eenheid: str | None = None) -> str:
    """The allowed forms in words: 'minuut per dag, per week, per maand of totaal; …'."""
    table = TOEGESTAAN.get(variant, {})
    parts = []
    for code, frequenties in table.items():
        if eenheid is not None and code != eenheid:
            continue
        words = [FREQUENTIE[f].lower().replace("totaal binnen geldigheidsduur toewijzing", "totaal (zonder periode)")
                 for f in frequenties]
        parts.append(f"{EENHEID[code].lower()} ({code}) {', '.join(words[:-1])} of {words[-1]}")
    return "; ".join(parts) if parts else "geen (deze uitvoeringsvariant kent geen toewijzing)"


@dataclass(frozen=True)
class Vorm:
    """The shape of an Omvang before its number: eenheid, frequentie, and the factor from the
    volume to the Volume (60 for uur in minuten, 100 for euro in eurocent, 6/12 for half a year
    of a volume per jaar)."""

    eenheid: str
    frequentie: str
    factor: Decimal = Decimal(1)

    @property
    def einddatum_verplicht(self) -> bool:
        return self.frequentie in EINDDATUM_VERPLICHT


@dataclass(frozen=True)
class Omvang:
    volume: int
    eenheid: str
    frequentie: str


def vorm(maat: str | None, periode: str | None, variant: str, eenheid: str | None = None, frequentie: str | None = None,
         looptijd_maanden: int | None = None) -> Vorm | str:
    """The iWmo shape of a volume in ``maat`` per ``periode`` (the product may state ``eenheid``
    and ``frequentie`` itself), or why there is none, in Dutch. ``looptijd_maanden``: the
    product's fixed duration in months, which turns 'per jaar' into a total."""
    if variant == "taakgericht":
        return "een taakgericht product krijgt geen toewijzing per cliënt (iWmo IV096)"
    code = eenheid or unit_code(maat, variant)
    if code is None:
        wat = f"de eenheid {maat}" if maat else "een volume zonder eenheid"
        return (f"{wat} heeft geen iWmo-eenheid; geef die zelf in het iwmo-blok (eenheid \"84\" voor stuks) of kies een "
                f"volume in een eenheid die er een heeft; toegestaan bij {variant}: {allowed_text(variant)}")
    if code not in EENHEID:
        return f"iWmo-eenheid '{code}' bestaat niet (WJ756: {', '.join(EENHEID)})"
    factor = Decimal(UNIT_CODES[maat][1]) if maat in UNIT_CODES and UNIT_CODES[maat][0] == code else Decimal(1)
    months = months_per_period(periode)
    if frequentie is None and months is not None:
        if looptijd_maanden is None:
            return (f"'per {periode}' is geen iWmo-frequentie en het product heeft geen vaste duur om een totaal uit te "
                    f"rekenen; toegestaan bij {variant}: {allowed_text(variant, code)}")
        factor = factor * Decimal(looptijd_maanden) / months
        frequentie = "6"
    if frequentie is None and periode is not None and periode not in PERIOD_CODES:
        return (f"'per {periode}' is geen iWmo-frequentie; reken het volume om naar per week of per maand "
                f"(volume x in {maat} per week), of geef de frequentie zelf")
    freq = frequentie or PERIOD_CODES.get(periode)
    if freq is None or freq not in FREQUENTIE:
        return f"iWmo-frequentie '{freq or periode}' bestaat niet (WMO757: {', '.join(FREQUENTIE)})"
    if freq not in TOEGESTAAN.get(variant, {}).get(code, ()):
        return (f"{EENHEID[code].lower()} ({code}) {FREQUENTIE[freq].lower()} ({freq}) mag niet bij {variant}; "
                f"toegestaan: {allowed_text(variant)}")
    return Vorm(code, freq, factor)


def omvang(v: Vorm, waarde: Decimal) -> Omvang | str:
    """The Omvang of ``waarde`` in the shape ``v``: a whole, positive Volume, in a finer eenheid
    where that makes it whole; or why it cannot be, in Dutch."""
    amount = Decimal(waarde) * v.factor
    code = v.eenheid
    if amount != amount.to_integral_value() and code in FINER:
        finer, times = FINER[code]
        if amount * times == (amount * times).to_integral_value():  # minuut allows what uur allows
            code, amount = finer, amount * times
    if amount != amount.to_integral_value():
        return f"het volume {_number(amount)} {UNIT_WORDS[code]} is geen heel getal (iWmo: Volume is een geheel getal)"
    if amount <= 0:
        return f"het volume is {_number(amount)}: een toewijzing heeft een positief volume"
    if amount > MAX_VOLUME:
        return f"het volume {_number(amount)} is groter dan iWmo toestaat ({MAX_VOLUME})"
    return Omvang(int(amount), code, v.frequentie)


def _number(x: Decimal) -> str:
    return format(x.normalize(), "f").replace(".", ",")


def looptijd_maanden(duur: ast.Duur | None) -> int | None:
    """A fixed duration (an ast.Duur) in whole months, or None."""
    if duur is None:
        return None
    match duur.eenheid:
        case "maanden":
            return duur.aantal
        case "jaren":
            return duur.aantal * 12
        case _:
            return None


# ── A product of a rule file ──────────────────────────────────────────────


def product_code(p: ast.Product) -> str | None:
    """The productcode a toewijzing carries (an ast.Product): the stated one, the ``code`` line,
    or an id that is a code (02B03); never an id standing in for a missing code (BGI, waakvlam)."""
    if p.code_onbekend is not None:
        return None
    stated = dict(p.iwmo).get("productcode")
    if stated:
        return stated
    if p.code and p.code != p.id:
        return p.code
    return p.id if re.fullmatch(CODE, p.id) else None


def states_iwmo(p: ast.Product) -> bool:
    """The product says something about its toewijzing: only then is it checked for one."""
    return bool(p.iwmo) or p.volume is not None or p.code_onbekend is not None or p.uitvoeringsvariant is not None


def product_vorm(p: ast.Product, duur: ast.Duur | None = None) -> Vorm | str:
    """The Omvang shape of a product (checked, so its volume has a type); ``duur``: the product's
    duration of this case (an ast.Duur), else the fixed one of the rule file."""
    unit = p.volume.t.eenheid if p.volume is not None and p.volume.t is not None else None
    if duur is None and isinstance(p.duur, ast.Literal) and isinstance(p.duur.value, ast.Duur):
        duur = p.duur.value
    velden = dict(p.iwmo)
    return vorm(volume_maat(unit), unit.periode if unit else None, variant_of(p.uitvoeringsvariant),
                velden.get("eenheid"), velden.get("frequentie"), looptijd_maanden(duur))


def static_problems(p: ast.Product) -> list[tuple[str, str, str]]:
    """(code, reason, ernst) for what keeps a product from a valid toewijzing whatever the answers;
    nothing for a product that says nothing about iWmo (no iwmo block, code or variant)."""
    problems: list[tuple[str, str, str]] = []
    if not states_iwmo(p):
        return problems
    code = product_code(p)
    if code is None and p.code_onbekend is None:
        problems.append(("W028", f"geen iWmo-productcode (het id '{p.id}' is geen productcode); "
                                 f"schrijf code \"…\" of code onbekend \"reden\"", "waarschuwing"))
    elif code is not None and len(code) > 5:
        problems.append(("W028", f"productcode '{code}' is langer dan 5 tekens (LDT_ProductCode)", "waarschuwing"))
    categorie = dict(p.iwmo).get("productcategorie")
    if categorie not in CATEGORIE:
        said = f"productcategorie '{categorie}' staat niet in WMO020" if categorie else "geen productcategorie"
        problems.append(("W028", f"{said} (01 tot en met 18)", "waarschuwing"))
    if p.volume is None:
        problems.append(("W028", "geen volume: een toewijzing met productcode heeft een Omvang (CD041)", "waarschuwing"))
        return problems
    v = product_vorm(p)
    if isinstance(v, str):
        unit = p.volume.t.eenheid if p.volume.t is not None else None
        code = dict(p.iwmo).get("eenheid") or unit_code(volume_maat(unit), variant_of(p.uitvoeringsvariant))
        no_period = (unit is not None and code is not None and months_per_period(unit.periode) is not None
                     and not dict(p.iwmo).get("frequentie"))
        problems.append(("E241", v, "fout") if no_period else ("W028", v, "waarschuwing"))
        return problems
    if isinstance(p.volume, ast.Literal) and isinstance(p.volume.value, Decimal):
        o = omvang(v, p.volume.value)
        if isinstance(o, str):
            problems.append(("W028", o, "waarschuwing"))
    if v.einddatum_verplicht and p.duur is None and p.maximale_duur is None:
        problems.append(("W028", "een omvang per week heeft een einddatum nodig (CD076); geef het product een duur of "
                                 "maximale duur", "waarschuwing"))
    return problems
