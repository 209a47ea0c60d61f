"""The toewijzing as iWmo 3.2 XML: the ``ToegewezenProducten`` of a WMO301 message, or a whole
``Bericht`` whose header and client come from the user's own JSON (``--gegevens``).

Elements and their order follow WMO301.xsd; the children of the basisschema's
composite types (Categorie, Code, Volume, …) are in the basisschema namespace
(elementFormDefault qualified). The file is UTF-8 without BOM with CR/LF line ends
(OP192). Nothing the tool cannot know (BSN, name, AGB code, gemeentecode) is made up:
``--bericht`` without those fields is refused with the list of what is missing.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from ..errors import CasusFout
from ..cases.toewijzing import Toewijzing

NS = "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"
NS_BASIS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
XSD_VERSIE = "1.0.0"  # BasisschemaXsdVersie and BerichtXsdVersie of iWmo 3.2 (IV034)
PLACEHOLDER_NOTE = ("ToewijzingNummer is een voorlopig nummer van wmo-dsl; vervang het door het nummer uit het "
                    "gemeentelijk systeem.")

ET.register_namespace("wmo301", NS)
ET.register_namespace("iwmo", NS_BASIS)


def _w(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    e = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        e.text = str(text)
    return e


def _b(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    e = ET.SubElement(parent, f"{{{NS_BASIS}}}{tag}")
    if text is not None:
        e.text = str(text)
    return e


def toegewezen_producten(items: list[Toewijzing], parent: ET.Element | None = None) -> ET.Element:
    """The ToegewezenProducten element (in a Client when ``parent`` is given)."""
    tp = _w(parent, "ToegewezenProducten") if parent is not None else ET.Element(f"{{{NS}}}ToegewezenProducten")
    for t in items:
        e = _w(tp, "ToegewezenProduct")
        _w(e, "ToewijzingNummer", t.nummer)
        product = _w(e, "Product")
        _b(product, "Categorie", t.categorie)
        _b(product, "Code", t.code)
        assert t.tijd is not None  # a message is made at a moment (allocate's ``nu``)
        _w(e, "Toewijzingsdatum", _datum(t).isoformat())
        _w(e, "Toewijzingstijd", t.tijd.isoformat(timespec="seconds"))
        _w(e, "Ingangsdatum", t.ingangsdatum.isoformat())
        if t.einddatum is not None:
            _w(e, "Einddatum", t.einddatum.isoformat())
        omvang = _w(e, "Omvang")
        _b(omvang, "Volume", t.omvang.volume)
        _b(omvang, "Eenheid", t.omvang.eenheid)
        _b(omvang, "Frequentie", t.omvang.frequentie)
        if t.nummer_voorlopig:
            _w(e, "Commentaar", PLACEHOLDER_NOTE)
    return tp


def _datum(t: Toewijzing) -> dt.date:
    """The Toewijzingsdatum, which a message always has (allocate's ``nu``)."""
    assert t.datum is not None, t.product
    return t.datum


def xml_text(element: ET.Element) -> str:
    """The document: XML declaration, indented, CR/LF line ends (OP192)."""
    ET.indent(element, space="  ")
    body = ET.tostring(element, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").replace("\n", "\r\n")


# ── A whole Bericht ───────────────────────────────────────────────────────

# What --gegevens must give, with the pattern it must meet and what the pattern means (Dutch).
_HEADER = {
    "afzender": (r"[0-9]{4}", "de gemeentecode van CBS: 4 cijfers"),
    "ontvanger": (r"[0-9]{8}", "de AGB-code van de aanbieder: 8 cijfers"),
    "berichtidentificatie": (r".*\S.*", "een eigen kenmerk van het bericht, hoogstens 12 tekens"),
}
_CLIENT = {
    "bsn": (r"[0-9]{9}", "9 cijfers die de elfproef halen"),
    "geboortedatum": (r"\d{4}-\d{2}-\d{2}", "JJJJ-MM-DD"),
    "geslacht": (r"[012]", "0 (onbekend), 1 (man) of 2 (vrouw)"),
    "achternaam": (r".*\S.*", "de geslachtsnaam"),
}
_ADRES = {
    "huisnummer": (r"[0-9]{1,5}", "een getal"),
    "postcode": (r"[0-9]{4}[A-Z]{2}", "een Nederlandse postcode zoals 1234AB"),
}


def check_gegevens(gegevens: object, waar: str = "--gegevens") -> dict:
    """The header and client fields of ``--gegevens``, or CasusFout listing what is missing or wrong."""
    if not isinstance(gegevens, dict):
        raise CasusFout(f"{waar}: verwacht een JSON-object met {', '.join(_HEADER)} en 'client'")
    problems = []
    client = given if isinstance(given := gegevens.get("client"), dict) else {}
    adres = given if isinstance(given := client.get("adres"), dict) else {}
    for prefix, fields, data in (("", _HEADER, gegevens), ("client.", _CLIENT, client), ("client.adres.", _ADRES, adres)):
        for naam, (pattern, uitleg) in fields.items():
            value = data.get(naam)
            if value is None or value == "":
                problems.append(f"{prefix}{naam} ontbreekt ({uitleg})")
            elif not re.fullmatch(pattern, str(value)):
                problems.append(f"{prefix}{naam} {str(value)[:20]!r} klopt niet ({uitleg})")
    bid = gegevens.get("berichtidentificatie")
    if isinstance(bid, str) and len(bid) > 12:
        problems.append("berichtidentificatie is langer dan 12 tekens")
    bsn = str(client.get("bsn", ""))
    if re.fullmatch(r"[0-9]{9}", bsn) and not _elfproef(bsn):
        problems.append("client.bsn haalt de elfproef niet (CS002)")
    if problems:
        raise CasusFout(f"{waar}: een volledig bericht (--bericht) kan niet: " + "; ".join(problems))
    return gegevens


def _elfproef(bsn: str) -> bool:
    total = sum(int(c) * w for c, w in zip(bsn, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0 and total != 0


def bericht(items: list[Toewijzing], gegevens: object, dagtekening: dt.date | None = None) -> ET.Element:
    """A whole WMO301 Bericht for one client, its header and client from ``gegevens`` (checked here)."""
    g = check_gegevens(gegevens)
    c, a = g["client"], g["client"]["adres"]
    dagtekening = max([dagtekening or dt.date.today(), *(_datum(t) for t in items)])  # TR134
    root = ET.Element(f"{{{NS}}}Bericht")
    header = _w(root, "Header")
    for tag, value in (("BerichtCode", "414"), ("BerichtVersie", "3"), ("BerichtSubversie", "2"),
                       ("Afzender", g["afzender"]), ("Ontvanger", g["ontvanger"])):
        _w(header, tag, value)
    ident = _w(header, "BerichtIdentificatie")
    _b(ident, "Identificatie", g["berichtidentificatie"])
    _b(ident, "Dagtekening", dagtekening.isoformat())
    versie = _w(header, "XsdVersie")
    _b(versie, "BasisschemaXsdVersie", XSD_VERSIE)
    _b(versie, "BerichtXsdVersie", XSD_VERSIE)
    client = _w(root, "Client")
    _w(client, "Bsn", c["bsn"])
    geboorte = _w(client, "Geboortedatum")
    _b(geboorte, "Datum", c["geboortedatum"])
    _b(geboorte, "DatumGebruik", "1")
    _w(client, "Geslacht", c["geslacht"])
    naam = _w(client, "Naam")
    geslachtsnaam = _b(naam, "Geslachtsnaam")
    _b(geslachtsnaam, "Achternaam", c["achternaam"])
    if c.get("voorvoegsel"):
        _b(geslachtsnaam, "Voorvoegsel", c["voorvoegsel"])
    if c.get("voorletters"):
        _b(naam, "Voorletters", c["voorletters"])
    _b(naam, "NaamGebruik", "1")
    contact = _w(_w(client, "Contactgegevens"), "Contact")
    _w(contact, "Soort", "01")  # BRP-adres (TR061)
    adres = _w(contact, "Adres")
    _b(_b(adres, "Huis"), "Huisnummer", a["huisnummer"])
    _b(adres, "Postcode", a["postcode"])
    if a.get("straatnaam"):
        _b(adres, "Straatnaam", a["straatnaam"])
    if a.get("plaatsnaam"):
        _b(adres, "Plaatsnaam", a["plaatsnaam"])
    _b(adres, "LandCode", "NL")
    toegewezen_producten(items, client)
    return root
