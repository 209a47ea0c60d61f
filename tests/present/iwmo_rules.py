"""The iWmo 3.2 reference for tests: WMO301.xsd with its basisschema.xsd, read from ``../shared/iwmo/``
beside the checkout (never copied into the project), and the rules of regels-toewijzing.md that
concern a ToegewezenProduct, written out here as checks on a document."""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "iwmo"
NS = {"w": "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema", "i": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"}

# Clearly fake header and client data, owned by the tests (BSN 999999990 passes the elfproef and is no one's).
FAKE = {"afzender": "0000", "ontvanger": "00000000", "berichtidentificatie": "TEST-0001",
        "client": {"bsn": "999999990", "geboortedatum": "1970-01-01", "geslacht": "0", "achternaam": "Testpersoon",
                   "adres": {"huisnummer": 1, "postcode": "9999ZZ"}}}

# The Toewijzingsvarianten table (regels-toewijzing.md §4.3), written out again (not imported).
ALLOWED = {
    "inspanningsgericht": {("01", f) for f in "1246"} | {("04", f) for f in "1246"} | {(e, f) for e in ("14", "16", "84") for f in "246"},
    "outputgericht": {("82", f) for f in "1246"} | {("83", f) for f in "246"},
}


@functools.lru_cache(maxsize=1)
def _schema():
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is nodig om tegen WMO301.xsd te valideren (test-extra)")
    return xmlschema.XMLSchema(str(SHARED / "WMO301.xsd"))


def schema():
    """The WMO301 schema, or the test is skipped with the reason."""
    if not (SHARED / "WMO301.xsd").is_file() or not (SHARED / "basisschema.xsd").is_file():
        pytest.skip(f"de iWmo-referentie ontbreekt: {SHARED} (CI heeft ../shared naast de checkout)")
    return _schema()


def validate(xml_text: str) -> ET.Element:
    """A Bericht, or a ToegewezenProducten element wrapped in a Bericht with the fake data, valid by the XSD."""
    from wmo_dsl.present import wmo301

    root = ET.fromstring(xml_text.encode("utf-8"))
    if root.tag == f"{{{NS['w']}}}ToegewezenProducten":
        wrapper = wmo301.bericht([], FAKE, dt.date(2099, 1, 1))
        client = wrapper.find("w:Client", NS)
        client.remove(client.find("w:ToegewezenProducten", NS))
        client.append(root)
        xml_text = ET.tostring(wrapper, encoding="unicode")
    schema().validate(xml_text)
    return root


def assert_rules(root: ET.Element, variants: dict[str, str] | None = None, euro: dict[str, Decimal] | None = None) -> None:
    """CD075, CD076, CS003, IV042, IV024 and the eenheid × frequentie table on every ToegewezenProduct.
    ``variants``: productcode -> uitvoeringsvariant; ``euro``: productcode -> the amount in euro."""
    products = root.findall(".//w:ToegewezenProduct", NS)
    assert products, "a toewijzing holds at least one ToegewezenProduct"
    for tp in products:
        code = tp.findtext("w:Product/i:Code", namespaces=NS)
        einde, ingang = tp.findtext("w:Einddatum", namespaces=NS), tp.findtext("w:Ingangsdatum", namespaces=NS)
        volume = tp.findtext("w:Omvang/i:Volume", namespaces=NS)
        eenheid = tp.findtext("w:Omvang/i:Eenheid", namespaces=NS)
        frequentie = tp.findtext("w:Omvang/i:Frequentie", namespaces=NS)
        budget = tp.find("w:Budget", NS)
        assert code and volume is not None, "CD041: a Product/Code comes with an Omvang"
        assert budget is None or einde, "CD075: a Budget needs an Einddatum"
        assert frequentie != "2" or einde, "CD076: per week needs an Einddatum"
        assert einde is None or einde >= ingang, "CS003: Einddatum not before Ingangsdatum"
        assert volume.isdigit() and int(volume) > 0, "IV042: a whole, positive Volume"
        if eenheid == "83" and euro and code in euro:
            assert Decimal(volume) == euro[code] * 100, "IV024: euro in eurocent"
        variant = (variants or {}).get(code, "inspanningsgericht")
        assert (eenheid, frequentie) in ALLOWED[variant], f"{eenheid} × {frequentie} is not allowed for {variant}"
