"""The receipt (verantwoording) of one result: what made it, so anyone can check it again.

Every JSON result carries under ``verantwoording``: the sha256 of the rule file as it was
loaded, the region id and its plugin's version, the wmo-dsl version, the grammar's sha256,
the peildatum, the werkdagen calendar's version, the answers with their source (``casus``,
``consulent`` or ``hervat``) and, from the intake, the time each was given, and every
deviation with its reason and time. Nothing in it is the clock of the evaluation: the same
inputs give the same bytes. Its ``zegel`` is the sha256 of the evaluated part of the result
(:data:`GEZEGELD`) with the receipt itself, so a result edited by hand is recognised
(``wmo herbereken``).
"""

from __future__ import annotations

import functools
import hashlib
import json

from ..language.model import Model
from ..semantics.calendar import WERKDAGEN_VERSIE
from ..semantics.engine import Beoordeling
from .answers import answers_json, json_value

# The keys of a result the seal covers: the decision and its inputs, not the explanation's wording.
GEZEGELD = ("regio", "regelversie", "peildatum", "uitkomst", "producten", "verwijzingen", "signalen", "termijnen",
            "waarden", "ontbrekend", "niet_toegekend", "afwijkingen", "verantwoording")

_HASHES: dict[int, tuple[object, str]] = {}


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rule_file_sha256(model: Model) -> str:
    """The sha256 of the rule file's text as it was loaded (its lines, each ending in a newline)."""
    kept = _HASHES.get(id(model))
    if kept is None or kept[0] is not model:
        kept = (model, sha256_text("".join(line + "\n" for line in model.bronregels)))
        _HASHES[id(model)] = kept
    return kept[1]


@functools.lru_cache(maxsize=1)
def grammar_sha256() -> str:
    from ..language.grammar import grammar_text

    return sha256_text(grammar_text())


def _version() -> str:
    from .. import __version__

    return __version__


def verantwoording(b: Beoordeling, herkomst: dict | None = None) -> dict:
    """The receipt of ``b``; ``herkomst``: question -> (bron, tijdstip) from an intake (else: 'casus')."""
    m = b.model
    herkomst = herkomst or {}
    antwoorden = {}
    for qid, waarde in answers_json(m, b.antwoorden).items():
        bron, tijdstip = herkomst.get(qid, ("casus", None))
        antwoorden[qid] = {"waarde": waarde, "bron": bron, **({"tijdstip": tijdstip} if tijdstip else {})}
    regio = m.regio
    plugin = b.plugin or {"naam": None, "versie": None}
    return {
        "wmo_dsl": _version(),
        "grammatica_sha256": grammar_sha256(),
        "regio": regio.id,
        "plugin": dict(plugin),
        "regelbestanden": [{"naam": _name(m.pad), "sha256": rule_file_sha256(m),
                            "versie": regio.bron.versie if regio.bron and regio.bron.versie else None}],
        "peildatum": b.peildatum.isoformat(),
        "werkdagen": {"kalender": WERKDAGEN_VERSIE, "vrije_dagen": sorted(d.isoformat() for d in m.vrije_dagen)},
        "antwoorden": antwoorden,
        "afwijkingen": [{"onderwerp": a.onderwerp, "waarde": json_value(a.waarde), "reden": a.reden, "tijdstip": a.tijdstip}
                        for a in b.afwijkingen],
    }


def _name(pad: object) -> str | None:
    from pathlib import Path

    return Path(str(pad)).name if pad else None


def zegel(result: dict) -> str:
    """The seal over the evaluated part of a result (canonical JSON, keys sorted)."""
    part = {k: result.get(k) for k in GEZEGELD}
    receipt = dict(part.get("verantwoording") or {})
    receipt.pop("zegel", None)
    part["verantwoording"] = receipt
    return hashlib.sha256(json.dumps(part, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def seal(result: dict) -> dict:
    result["verantwoording"]["zegel"] = zegel(result)
    return result


def seal_holds(result: dict) -> bool:
    receipt = result.get("verantwoording")
    return isinstance(receipt, dict) and receipt.get("zegel") == zegel(result)
