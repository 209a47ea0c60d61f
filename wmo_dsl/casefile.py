"""Case files: the JSON contract ``{"regio", "peildatum", "antwoorden"}``, read strictly.

Example cases that a region ships add ``titel`` and ``verwacht``; the same file
is a valid input for ``wmo beoordeel``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import CasusFout, WmoFout

_KNOWN_KEYS = {"regio", "peildatum", "antwoorden", "afwijkingen", "titel", "verwacht", "toelichting"}


@dataclass(frozen=True)
class Casus:
    pad: str
    regio: str | None
    peildatum: dt.date | None
    antwoorden: dict
    titel: str | None = None
    verwacht: dict | None = None
    afwijkingen: tuple = ()


def parse_peildatum(text, waar: str) -> dt.date:
    if isinstance(text, str):
        for parse in (dt.date.fromisoformat, _dutch_date):
            try:
                return parse(text)
            except ValueError:
                pass
    raise CasusFout(f"{waar}peildatum {json.dumps(text, ensure_ascii=False)} is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-01-01")


def _dutch_date(text: str) -> dt.date:
    day, month, year = (int(p) for p in text.split("-"))
    return dt.date(year, month, day)


def read_case(pad: str | Path) -> Casus:
    pad = Path(pad)
    waar = f"{pad}: "
    try:
        text = pad.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CasusFout(f"{waar}bestand bestaat niet") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CasusFout(f"{waar}bestand kan niet gelezen worden ({err})") from None
    return parse_case(text, str(pad))


def parse_case(text: str, pad: str = "<casus>") -> Casus:
    waar = f"{pad}: "
    try:
        data = json.loads(text)
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
    afwijkingen = data.get("afwijkingen") or []
    if not isinstance(afwijkingen, list) or not all(
            isinstance(a, dict) and {"onderwerp", "waarde", "reden"} <= set(a) for a in afwijkingen):
        raise CasusFout(f"{waar}'afwijkingen' is een lijst van {{\"onderwerp\", \"waarde\", \"reden\"}}")
    return Casus(pad, regio, peildatum, data["antwoorden"], data.get("titel"), data.get("verwacht"), tuple(afwijkingen))


def convert_deviations(model, casus: Casus) -> list[dict]:
    """A case file's professional deviations as the engine takes them."""
    from .intake import parse_derived

    result = []
    for a in casus.afwijkingen:
        naam = a["onderwerp"]
        if naam not in model.waarden and naam not in model.tabellen:
            raise CasusFout(f"{casus.pad}: afwijking van '{naam}': dat is geen afgeleide waarde van regio {model.regio.id}")
        try:
            waarde = parse_derived(model, naam, str(a["waarde"]))
        except WmoFout as err:
            raise CasusFout(f"{casus.pad}: afwijking van '{naam}': {err}") from None
        result.append({"onderwerp": naam, "waarde": waarde, "van": a.get("van", "volgens de regels"), "naar": str(a["waarde"]), "reden": a["reden"]})
    return result


def _json_reason(msg: str) -> str:
    return {
        "Expecting value": "hier wordt een waarde verwacht",
        "Expecting property name enclosed in double quotes": "verwacht een veldnaam tussen dubbele aanhalingstekens",
        "Expecting ',' delimiter": "verwacht een komma",
        "Expecting ':' delimiter": "verwacht een dubbele punt",
        "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
        "Extra data": "na het object staat nog meer",
    }.get(msg, msg)
