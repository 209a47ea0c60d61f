"""Case files: the JSON contract ``{"regio", "peildatum", "antwoorden"}``, read strictly.

Example cases that a region ships add ``titel`` and ``verwacht``; the same file
is a valid input for ``wmo beoordeel``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..language import limits
from ..language.model import Model
from ..errors import CasusFout, WmoFout, os_reden

if TYPE_CHECKING:
    from ..semantics.engine import Afwijking, Beoordeling, Rules

_KNOWN_KEYS = {"regio", "peildatum", "antwoorden", "afwijkingen", "titel", "verwacht", "toelichting", "aanvraagdatum",
               "toewijzingnummers", "kenmerk", "gemeente", "datum_besluit"}


@dataclass(frozen=True)
class Casus:
    pad: str
    regio: str | None
    peildatum: dt.date | None
    antwoorden: dict
    titel: str | None = None
    verwacht: dict | None = None
    afwijkingen: tuple = ()
    aanvraagdatum: dt.date | None = None  # when the citizen asked: the beschikking names it
    kenmerk: str | None = None  # the municipality's kenmerk or zaaknummer, in the beschikking's header
    gemeente: str | None = None  # the citizen's gemeente: the beschikking's college
    datum_besluit: dt.date | None = None  # the beschikking's date (default: the day it is made)
    toewijzingnummers: dict | None = None  # iWmo ToewijzingNummer per productcode (--formaat toewijzing)


def parse_peildatum(text: object, waar: str, wat: str = "peildatum") -> dt.date:
    """'2025-01-01' or '1-1-2025', within the bounds of ``limits``."""
    shown = limits.dumps(text if isinstance(text, (str, int, float, bool, type(None))) else str(text))[:40]
    if isinstance(text, str):
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})-(\d{1,2})-(\d{4,})", text.strip())
        if m:
            y, mo, d = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
            if len(y) > 4:
                raise CasusFout(f"{waar}{wat} {shown} ligt buiten 1-1-1900 tot en met 31-12-2199")
            return limits.make_date(int(y), int(mo), int(d), f"{waar}{wat} {shown}")
    raise CasusFout(f"{waar}{wat} {shown} is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-01-01")


def read_case(pad: str | Path) -> Casus:
    pad = Path(pad)
    waar = f"{pad}: "
    try:
        text = pad.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CasusFout(f"{waar}bestand bestaat niet") from None
    except UnicodeDecodeError as err:
        raise CasusFout(f"{waar}bestand is geen UTF-8-tekst (byte {err.start + 1}); sla het op als UTF-8") from None
    except OSError as err:
        raise CasusFout(f"{waar}bestand kan niet gelezen worden: {os_reden(err)}") from None
    return parse_case(text, str(pad))


def parse_case(text: str, pad: str = "<casus>") -> Casus:
    waar = f"{pad}: "
    try:
        data = limits.loads(text)
    except limits.GrensFout as err:
        raise CasusFout(f"{waar}{err}") from None
    except json.JSONDecodeError as err:
        raise CasusFout(f"{pad}:{err.lineno}:{err.colno}: geen geldige JSON ({_json_reason(err.msg)})") from None
    if not isinstance(data, dict):
        raise CasusFout(f"{waar}een casus is een JSON-object met 'regio', 'peildatum' en 'antwoorden'")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise CasusFout(f"{waar}onbekend veld {', '.join(repr(k) for k in unknown)}; toegestaan: {', '.join(sorted(_KNOWN_KEYS))}")
    if "antwoorden" not in data:
        raise CasusFout(f"{waar}het veld 'antwoorden' ontbreekt")
    if not isinstance(data["antwoorden"], dict):
        raise CasusFout(f"{waar}'antwoorden' moet een object zijn met per vraag-id een antwoord")
    regio = data.get("regio")
    if regio is not None and not isinstance(regio, str):
        raise CasusFout(f"{waar}'regio' moet een tekst zijn, zoals \"lekstroom\"")
    peildatum = parse_peildatum(data["peildatum"], waar) if data.get("peildatum") is not None else None
    afwijkingen = check_deviations(data.get("afwijkingen"), waar)
    aanvraag = parse_peildatum(data["aanvraagdatum"], waar, "aanvraagdatum") if data.get("aanvraagdatum") is not None else None
    nummers = data.get("toewijzingnummers")
    if nummers is not None and not (isinstance(nummers, dict) and all(isinstance(v, int) and not isinstance(v, bool)
                                                                        for v in nummers.values())):
        raise CasusFout(f"{waar}'toewijzingnummers' is een object met per productcode een geheel getal, zoals {{\"02B03\": 1234}}")
    teksten = {k: _short_text(data.get(k), waar, k) for k in ("kenmerk", "gemeente")}
    besluit = parse_peildatum(data["datum_besluit"], waar, "datum_besluit") if data.get("datum_besluit") is not None else None
    return Casus(pad, regio, peildatum, data["antwoorden"], data.get("titel"), data.get("verwacht"), afwijkingen, aanvraag,
                 teksten["kenmerk"], teksten["gemeente"], besluit, toewijzingnummers=nummers)


def _short_text(value: object, waar: str, veld: str) -> str | None:
    """'kenmerk' or 'gemeente': one line of text, at most 200 characters, or absent."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 200 or any(c < " " for c in value):
        raise CasusFout(f"{waar}'{veld}' is één regel tekst van hoogstens 200 tekens")
    return value.strip()


_DEVIATION_SHAPE = "'afwijkingen' is een lijst van {\"onderwerp\": naam, \"waarde\": nieuwe waarde, \"reden\": tekst}"


def check_deviations(afwijkingen: object, waar: str = "") -> tuple:
    """A case's professional deviations, shape-checked: every one needs a subject, a value and a reason."""
    if afwijkingen is None or afwijkingen == ():
        return ()
    if not isinstance(afwijkingen, list):
        raise CasusFout(f"{waar}{_DEVIATION_SHAPE}")
    for nummer, a in enumerate(afwijkingen, 1):
        if not isinstance(a, dict):
            raise CasusFout(f"{waar}afwijking {nummer} is geen object; {_DEVIATION_SHAPE}")
        missing = [k for k in ("onderwerp", "waarde", "reden") if k not in a]
        if missing:
            raise CasusFout(f"{waar}afwijking {nummer} mist {' en '.join(repr(k) for k in missing)}; {_DEVIATION_SHAPE}")
        if not isinstance(a["onderwerp"], str):
            raise CasusFout(f"{waar}afwijking {nummer}: 'onderwerp' is de naam van een afgeleide waarde (een tekst)")
        if isinstance(a["waarde"], (dict, list)) or a["waarde"] is None:
            raise CasusFout(f"{waar}afwijking {nummer}: 'waarde' is één waarde (tekst, getal of ja/nee)")
        if not isinstance(a["reden"], str) or not a["reden"].strip():
            raise CasusFout(f"{waar}afwijking {nummer}: een afwijking vraagt een reden; een lege reden wordt niet aangenomen")
        if "van" in a and not isinstance(a["van"], str):
            raise CasusFout(f"{waar}afwijking {nummer}: 'van' is een tekst")
        if a.get("tijdstip") is not None and not isinstance(a["tijdstip"], str):
            raise CasusFout(f"{waar}afwijking {nummer}: 'tijdstip' is een tekst, zoals \"2025-07-01T10:30:00\"")
        unknown = sorted(set(a) - {"onderwerp", "waarde", "reden", "van", "tijdstip", "geldt", "naar"})
        if unknown:
            raise CasusFout(f"{waar}afwijking {nummer}: onbekend veld {', '.join(repr(k) for k in unknown)}")
        if len(a["reden"]) > limits.MAX_TEXT:
            raise CasusFout(f"{waar}afwijking {nummer}: de reden is langer dan {limits.MAX_TEXT} tekens")
    return tuple(afwijkingen)


def convert_deviations(model: Model, casus: Casus) -> list[Afwijking]:
    """A case file's professional deviations as the engine takes them (:class:`Afwijking`)."""
    from ..semantics.engine import VAN_REGELS, Afwijking
    from .derived_answers import parse_derived

    result = []
    for a in casus.afwijkingen:
        naam = deviation_subject(model, a["onderwerp"])
        if naam not in model.waarden and naam not in model.tabellen:
            raise CasusFout(f"{casus.pad}: afwijking van '{naam}': dat is geen afgeleide waarde van regio {model.regio.id}")
        try:
            waarde = parse_derived(model, naam, str(a["waarde"]))
        except WmoFout as err:
            raise CasusFout(f"{casus.pad}: afwijking van '{naam}': {err}") from None
        result.append(Afwijking(naam, waarde, a.get("van", VAN_REGELS), deviation_text(model, waarde), a["reden"], a.get("tijdstip")))
    return result  # a history: several on one onderwerp stay; the engine lets the last one count


def judge(rules: Rules, casus: Casus, peildatum: dt.date, fast: bool = False) -> Beoordeling:
    """One case as ``wmo beoordeel`` judges it: its answers checked and converted, its afwijkingen
    applied, on ``peildatum``. ``fast``: without afwijkingen, the compiled decision (the same
    outcome, no trace to explain it), for many cases."""
    from .answers import convert_answers

    antwoorden = convert_answers(rules.model, casus.antwoorden, f"{casus.pad}: ")
    if fast and not casus.afwijkingen:
        return rules.evaluate_fast(antwoorden, peildatum)
    return rules.evaluate(antwoorden, peildatum, convert_deviations(rules.model, casus))


def deviation_text(model: Model, waarde: object) -> str:
    """A deviating value in words, the same from a case file, a receipt and a session log."""
    from ..semantics.notation import value_text

    if isinstance(waarde, str) and waarde in model.producten:  # by name; the code only when it is a real one
        product = model.producten[waarde]
        return f"{product.echte_code} ({product.naam})" if product.echte_code else product.naam
    return value_text(waarde)


def deviation_subject(model: Model, tekst: str) -> str:
    """The derived value a deviation names: its id ('ib_product') or its label ('ib product')."""
    from .natural import fold

    if tekst in model.waarden or tekst in model.tabellen:
        return tekst
    t = fold(tekst).replace("_", " ").strip()
    return next((n for n in [*model.waarden, *model.tabellen] if n.replace("_", " ") == t), tekst)


def _json_reason(msg: str) -> str:
    return {
        "Expecting value": "hier wordt een waarde verwacht",
        "Expecting property name enclosed in double quotes": "verwacht een veldnaam tussen dubbele aanhalingstekens",
        "Expecting ',' delimiter": "verwacht een komma",
        "Expecting ':' delimiter": "verwacht een dubbele punt",
        "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
        "Extra data": "na het object staat nog meer",
    }.get(msg, msg)
