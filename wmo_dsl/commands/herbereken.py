"""wmo herbereken: evaluate a saved result again from its receipt (verantwoording).

Reads a JSON result (``wmo beoordeel --formaat json``, a saved intake result, the JSON
sidecar of a besluit, the ``resultaat`` line of a JSON-lines intake) or a file of batch
result lines, checks the receipt's seal (a hand edit is said to be so), evaluates the
receipt's answers and deviations again with the installed rules (or ``--regels`` /
``--regio``) and prints ``gelijk`` or what differs and why. Exit 0: every result the same;
1: something differs; 2: the file cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import CasusFout, os_reden
from ..semantics.engine import Rules

# What a result decides: compared field by field.
BESLISSING = ("uitkomst", "producten", "niet_toegekend", "termijnen", "verwijzingen", "signalen", "waarden", "ontbrekend",
              "afwijkingen")


def cmd_herbereken(args: argparse.Namespace) -> int:
    records = list(_records(Path(args.resultaat)))
    if not records:
        raise CasusFout(f"{args.resultaat}: er staat geen resultaat in")
    alles_gelijk = True
    for waar, record in records:
        regels = herbereken(record, args.regels, args.regio)
        gelijk = regels == ["gelijk"]
        alles_gelijk &= gelijk
        prefix = f"{waar}: " if len(records) > 1 else ""
        for regel in regels:
            print(prefix + regel)
    return 0 if alles_gelijk else 1


def _records(path: Path) -> Iterator[tuple[str, dict]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CasusFout(f"{path}: bestand bestaat niet") from None
    except (OSError, UnicodeDecodeError) as err:
        reden = os_reden(err) if isinstance(err, OSError) else "geen UTF-8-tekst"
        raise CasusFout(f"{path}: bestand kan niet gelezen worden: {reden}") from None
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        yield path.name, _resultaat(whole, str(path))
        return
    for nummer, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            raise CasusFout(f"{path}:{nummer}: geen geldige JSON") from None
        if not isinstance(data, dict):
            raise CasusFout(f"{path}:{nummer}: een resultaat is een JSON-object")
        if "fout" in data and "verantwoording" not in data:
            continue  # an error line of a batch: nothing was decided
        yield f"regel {data.get('regel', nummer)}", _resultaat(data, f"{path}:{nummer}")


def _resultaat(data: dict, waar: str) -> dict:
    """The result a record holds: the object itself, or its 'resultaat' (the last line of a JSON-lines intake)."""
    resultaat = data.get("resultaat", data)
    if not isinstance(resultaat, dict):
        raise CasusFout(f"{waar}: 'resultaat' is geen JSON-object")
    return resultaat


def herbereken(record: dict, regels: str | None = None, regio: str | None = None) -> list[str]:
    """The lines to print for one result: ['gelijk'], or what differs and why."""
    from ..cases.answers import convert_answers
    from ..cases.casefile import Casus, check_deviations, convert_deviations
    from ..cases.contract import result_json
    from ..cases.verantwoording import grammar_sha256, rule_file_sha256, seal_holds

    receipt = record.get("verantwoording")
    if not isinstance(receipt, dict) or not isinstance(receipt.get("antwoorden"), dict):
        raise CasusFout("dit resultaat heeft geen verantwoording; het kan niet herberekend worden")
    out: list[str] = []
    if not seal_holds(record):
        out.append("let op: de verantwoording klopt niet met de inhoud: dit resultaat is na het maken gewijzigd (zegel klopt niet)")
    try:
        peildatum = dt.date.fromisoformat(str(receipt.get("peildatum")))
    except ValueError:
        raise CasusFout("de verantwoording heeft geen geldige peildatum") from None
    rules = _rules(receipt, peildatum, regels, regio)
    model = rules.model
    was = {b["naam"]: b.get("sha256") for b in receipt.get("regelbestanden") or [] if isinstance(b, dict)}
    nu = rule_file_sha256(model)
    if nu not in was.values():
        namen = ", ".join(was) or "(onbekend)"
        out.append(f"regelbestand anders dan bij het maken: {namen} had sha256 {', '.join(str(v)[:12] for v in was.values())}…, "
                   f"nu {Path(str(model.pad)).name} met sha256 {nu[:12]}…")
    if receipt.get("grammatica_sha256") not in (None, grammar_sha256()):
        out.append("de grammatica van wmo-dsl is anders dan bij het maken")
    antwoorden_json = {q: a.get("waarde") for q, a in receipt["antwoorden"].items() if isinstance(a, dict)}
    herkomst = {q: (a.get("bron", "casus"), a.get("tijdstip")) for q, a in receipt["antwoorden"].items() if isinstance(a, dict)}
    antwoorden = convert_answers(model, antwoorden_json, "verantwoording: ")
    afwijkingen = check_deviations(receipt.get("afwijkingen") or None, "verantwoording: ")
    deviations = convert_deviations(model, Casus("verantwoording", None, peildatum, antwoorden_json, afwijkingen=afwijkingen))
    b = rules.evaluate(antwoorden, peildatum, deviations)
    nieuw = result_json(b, None, herkomst)
    verschillen = [d for k in BESLISSING for d in _diff(k, record.get(k), nieuw.get(k))]
    for waar, oud, nieuwe in verschillen:
        out.append(f"{waar}: was {_kort(oud)}, wordt {_kort(nieuwe)}")
    if verschillen and (regels or regio):
        out.append(f"met deze regels wordt de beslissing: {_beslissing(nieuw)}")
    return out or ["gelijk"]


def _rules(receipt: dict, peildatum: dt.date, regels: str | None, regio: str | None) -> Rules:
    from ..plugins import load_region
    from ..semantics.pipeline import load_rules

    if regels:
        return load_rules(regels)
    naam = regio or receipt.get("regio")
    if not isinstance(naam, str):
        raise CasusFout("de verantwoording noemt geen regio; geef --regio of --regels op")
    return load_region(naam, peildatum)


def _diff(where: str, old: object, new: object) -> list[tuple[str, object, object]]:
    """Where two results differ, as paths: 'producten[BGI].einddatum', 'afwijkingen[1].van'."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        return [d for k in dict.fromkeys([*old, *new]) for d in _diff(f"{where}.{k}", old.get(k), new.get(k))]
    if isinstance(old, list) and isinstance(new, list) and where == "producten":
        codes_old = [p.get("code") for p in old if isinstance(p, dict)]
        codes_new = [p.get("code") for p in new if isinstance(p, dict)]
        if codes_old != codes_new:
            return [(where, [_product(p) for p in old if isinstance(p, dict)], [_product(p) for p in new if isinstance(p, dict)])]
        return [d for o, n in zip(old, new) for d in _diff(f"{where}[{o.get('code')}]", o, n)]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new) and all(isinstance(x, dict) for x in old + new):
        return [d for i, (o, n) in enumerate(zip(old, new)) for d in _diff(f"{where}[{i}]", o, n)]
    return [(where, old, new)]


def _kort(value: object) -> str:
    if value is None:
        return "geen"
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return "[" + "; ".join(value) + "]" if value else "geen"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 300 else text[:300] + "…"


def _product(p: dict) -> str:
    omvang = (p.get("omvang") or {}).get("tekst") if isinstance(p.get("omvang"), dict) else None
    return " ".join(str(x) for x in (p.get("code"), omvang, p.get("ingangsdatum"), "t/m", p.get("einddatum") or p.get("einde")) if x)


def _beslissing(result: dict) -> str:
    producten = _kort([_product(p) for p in result.get("producten") or [] if isinstance(p, dict)])
    return f"{result.get('uitkomst')}; producten {producten}"

