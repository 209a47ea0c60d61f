"""``wmo beoordeel … --formaat toewijzing``: one case, or a batch with one document per case."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from ..errors import CasusFout, WmoFout, os_reden
from ..language import limits
from ..safeio import PRIVATE, private_dir, write_atomic
from ..cases.batch import Batch, Invoer
from ..cases.casefile import Casus
from ..semantics.engine import Beoordeling


def read_gegevens(pad: str | None) -> dict | None:
    """The user's JSON with the header and client fields (``--gegevens``), or None."""
    if pad is None:
        return None
    try:
        text = Path(pad).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise CasusFout(f"{pad}: kan het gegevensbestand niet lezen: {os_reden(err)}") from None
    except UnicodeDecodeError:
        raise CasusFout(f"{pad}: het gegevensbestand is geen UTF-8-tekst") from None
    try:
        data = limits.loads(text)
    except ValueError as err:
        raise CasusFout(f"{pad}: geen geldige JSON ({err})") from None
    if not isinstance(data, dict):
        raise CasusFout(f"{pad}: verwacht een JSON-object (afzender, ontvanger, berichtidentificatie, client)")
    return data


def document(beoordeling: Beoordeling, gegevens: dict | None, bericht: bool, nummers: dict | None = None,
             datum_besluit: dt.date | None = None, melden: bool = True) -> str:
    """The toewijzing of one case as XML text; CasusFout (Dutch) when it cannot be sent."""
    from ..cases.toewijzing import Toewijzing, allocate, refusal_text
    from ..present import wmo301

    if bericht and gegevens is None:
        raise CasusFout("--bericht vraagt --gegevens G.json met afzender, ontvanger, berichtidentificatie en client")
    if bericht:
        wmo301.check_gegevens(gegevens)  # what is missing is said before anything else
    given = {**((gegevens or {}).get("toewijzingnummers") or {}), **(nummers or {})}
    items = allocate(beoordeling, given, datum_besluit, nu=dt.datetime.now())
    reden = refusal_text(beoordeling, items)
    if reden is not None:
        raise CasusFout(reden)
    toegewezen = [t for t in items if isinstance(t, Toewijzing)]
    assert len(toegewezen) == len(items)  # refusal_text names every Weigering
    element = wmo301.bericht(toegewezen, gegevens) if bericht else wmo301.toegewezen_producten(toegewezen)
    if melden and any(t.nummer_voorlopig for t in toegewezen):
        print("let op: het ToewijzingNummer is een voorlopig nummer (9xxxxxxxx); geef het echte nummer in de casus "
              "('toewijzingnummers') of in --gegevens", file=sys.stderr)
    return wmo301.xml_text(element)


def write_single(args: argparse.Namespace, beoordeling: Beoordeling, casus: Casus) -> None:
    text = document(beoordeling, read_gegevens(args.gegevens), args.bericht, getattr(casus, "toewijzingnummers", None),
                    getattr(casus, "datum_besluit", None))
    if args.uit:
        write_atomic(args.uit, text, PRIVATE)
        print(f"Geschreven: {Path(args.uit).resolve()}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_batch(args: argparse.Namespace, batch: Batch, cases: Iterable[Invoer]) -> int:
    """One document per case in the folder ``--uit``; one JSON line per case on stdout (the file
    written, or the same error record as every batch format)."""
    if not args.uit:
        raise WmoFout("--formaat toewijzing met een .jsonl- of .csv-bestand schrijft één document per casus: geef --uit MAP")
    folder = Path(args.uit)
    private_dir(folder, tighten=False)
    gegevens = read_gegevens(args.gegevens)
    n = 0
    for invoer in cases:
        naam = _file_name(invoer)
        client = _client_gegevens(gegevens, invoer) if args.bericht else gegevens

        def shape(b: Beoordeling, client: dict | None = client) -> dict:
            return {"toewijzing": document(b, client, args.bericht, melden=False)}
        batch.shape = shape
        record = batch.result(invoer)
        if "toewijzing" in record:
            write_atomic(folder / naam, record.pop("toewijzing"), PRIVATE)
            record["bestand"] = naam
        sys.stdout.write(limits.dumps(record) + "\n")
        n += 1
    summary = f"{n} casus{'sen' if n != 1 else ''} beoordeeld, documenten in {folder.resolve()}"
    if batch.fouten:
        summary += f", {batch.fouten} met een fout (zie de foutregels)"
    print(summary, file=sys.stderr)
    return 2 if batch.fouten else 0


def _file_name(invoer: Invoer) -> str:
    ident = re.sub(r"[^A-Za-z0-9_.-]", "_", str(invoer.id))[:60] if invoer.id not in (None, "") else ""
    return f"{invoer.regel:06d}-{ident}.xml" if ident else f"{invoer.regel:06d}.xml"


def _client_gegevens(gegevens: dict | None, invoer: Invoer) -> dict | None:
    """The gegevens of one client in a batch: the shared header with ``clienten[id]`` over it."""
    if gegevens is None:
        return None
    clienten = given if isinstance(given := gegevens.get("clienten"), dict) else {}
    own = clienten.get(str(invoer.id))
    shared = {k: v for k, v in gegevens.items() if k != "clienten"}
    return {**shared, **own} if isinstance(own, dict) else shared
