"""Batch stage: many cases in, one result per case out, streaming.

``wmo beoordeel --regio R CASES.jsonl|CASES.csv`` reads one case per line or
row, evaluates it with the compiled decision (``Rules.evaluate_fast``) and
writes one result in the JSON shape of the single-case contract. Nothing is
kept per case after it is written, so memory stays flat however long the file
is. A case with bad input becomes an error record (line, answer id, message)
and the run goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from .answers import from_json
from .casefile import parse_peildatum
from .engine import Rules, result_json
from .errors import CasusFout, WmoFout

_CASE_KEYS = {"id", "regio", "peildatum", "antwoorden", "afwijkingen", "titel", "verwacht", "toelichting"}
_CSV_META = {"id", "peildatum"}
_JA = {"ja", "j", "true", "waar", "1", "yes", "y"}
_NEE = {"nee", "n", "false", "onwaar", "0", "no"}


@dataclass(frozen=True)
class Invoer:
    """One case as read from a batch file, before it is checked against the rules."""

    regel: int  # line (JSONL) or row (CSV, the header is row 1)
    id: object
    peildatum: object
    antwoorden: dict
    afwijkingen: tuple = ()
    fout: str | None = None  # the line itself could not be read


class CaseError(Exception):
    def __init__(self, vraag: str | None, bericht: str):
        super().__init__(bericht)
        self.vraag = vraag
        self.bericht = bericht


def read_cases(path: Path, stream: TextIO, rules: Rules) -> Iterator[Invoer]:
    """The cases of a .jsonl or .csv file, one at a time."""
    if path.suffix.lower() == ".csv":
        yield from _read_csv(stream, rules)
    else:
        yield from _read_jsonl(stream)


def _read_jsonl(stream: TextIO) -> Iterator[Invoer]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield Invoer(number, None, None, {}, fout=f"geen geldige JSON (kolom {err.colno})")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("antwoorden"), dict):
            yield Invoer(number, None, None, {}, fout="een regel is een JSON-object met 'antwoorden' (per vraag-id een antwoord)")
            continue
        unknown = sorted(set(data) - _CASE_KEYS)
        if unknown:
            yield Invoer(number, data.get("id"), None, {}, fout=f"onbekend veld {', '.join(repr(k) for k in unknown)}")
            continue
        yield Invoer(number, data.get("id"), data.get("peildatum"), data["antwoorden"], tuple(data.get("afwijkingen") or ()))


def _read_csv(stream: TextIO, rules: Rules) -> Iterator[Invoer]:
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in rules.model.vragen and h not in _CSV_META]
    if unknown:
        raise CasusFout(f"onbekende kolom {', '.join(repr(h) for h in unknown)} in de kop; kolommen zijn vraag-ids "
                        f"({', '.join(rules.model.vragen)}) en eventueel id en peildatum")
    for number, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Invoer(number, None, None, {}, fout=f"deze rij heeft {len(row)} kolommen, de kop {len(header)}")
            continue
        cells = dict(zip(header, row))
        antwoorden = {h: _csv_value(rules, h, v) for h, v in cells.items() if h not in _CSV_META and v.strip()}
        yield Invoer(number, cells.get("id") or None, cells.get("peildatum") or None, antwoorden)


def _csv_value(rules: Rules, qid: str, text: str):
    """A CSV cell as the JSON value the case contract expects; from_json checks it after."""
    text = text.strip()
    soort = rules.model.vragen[qid].soort
    if soort == "janee":
        low = text.lower()
        return True if low in _JA else False if low in _NEE else text
    if soort == "meerdere":
        return [] if text.lower() == "geen" else [p.strip() for p in text.split(";") if p.strip()]
    if soort == "getal":
        try:
            return json.loads(text.replace(",", "."))
        except json.JSONDecodeError:
            return text
    return text


def convert(rules: Rules, antwoorden: dict) -> dict:
    """Check each answer against its question; the first bad one names itself."""
    vragen = rules.model.vragen
    result = {}
    for qid, value in antwoorden.items():
        vraag = vragen.get(qid)
        if vraag is None:
            raise CaseError(qid, f"onbekende vraag '{qid}' voor regio {rules.model.regio.id}")
        if value is None:
            continue
        try:
            result[qid] = from_json(vraag, value)
        except CasusFout as err:
            raise CaseError(qid, str(err)) from None
    return result


class Batch:
    """Evaluates batch cases against one region, choosing the rule version per peildatum."""

    def __init__(self, regio: str, peildatum: dt.date, load, uitleg: bool = False):
        self.regio = regio
        self.peildatum = peildatum
        self.load = load  # peildatum -> Rules
        self.uitleg = uitleg
        self.fouten = 0
        self._rules: dict[dt.date, Rules] = {}

    def rules_for(self, peildatum: dt.date) -> Rules:
        if peildatum not in self._rules:
            self._rules[peildatum] = self.load(peildatum)
        return self._rules[peildatum]

    def result(self, invoer: Invoer) -> dict:
        """The contract's JSON object for one case, or an error record."""
        head = {"regel": invoer.regel, "id": invoer.id}
        try:
            if invoer.fout:
                raise CaseError(None, invoer.fout)
            try:
                peildatum = parse_peildatum(invoer.peildatum, "") if invoer.peildatum is not None else self.peildatum
            except CasusFout as err:
                raise CaseError(None, str(err)) from None
            try:
                rules = self.rules_for(peildatum)
            except WmoFout as err:
                raise CaseError(None, err.melding()) from None
            antwoorden = convert(rules, invoer.antwoorden)
            if invoer.afwijkingen or self.uitleg:
                return {**head, **self._full(rules, invoer, antwoorden, peildatum)}
            return {**head, **result_json(rules.evaluate_fast(antwoorden, peildatum), None)}
        except CaseError as err:
            self.fouten += 1
            return {**head, "fout": {"vraag": err.vraag, "bericht": err.bericht}}

    def _full(self, rules: Rules, invoer: Invoer, antwoorden: dict, peildatum: dt.date) -> dict:
        from .casefile import Casus, convert_deviations
        from .explain import build

        try:
            afwijkingen = convert_deviations(rules.model, Casus(f"regel {invoer.regel}", None, peildatum, invoer.antwoorden,
                                                                afwijkingen=invoer.afwijkingen))
        except CasusFout as err:
            raise CaseError(None, str(err)) from None
        beoordeling = rules.evaluate(antwoorden, peildatum, afwijkingen)
        uitleg = build(beoordeling, rules)
        data = result_json(beoordeling, uitleg.als_data() if self.uitleg else None)
        if self.uitleg:
            data["wat_verandert"] = uitleg.gevoeligheid
        return data


# ── Output ──

CSV_COLUMNS = ("regel", "id", "uitkomst", "producten", "verwijzingen", "signalen", "ontbrekend", "fout_vraag", "fout")


def csv_row(record: dict) -> list:
    """A result as one CSV row: the outcome in a few columns, lists joined with ';'."""
    fout = record.get("fout") or {}
    return [record["regel"], record.get("id") or "", record.get("uitkomst", "fout"),
            ";".join(p["code"] for p in record.get("producten", [])),
            ";".join(record.get("verwijzingen", [])), ";".join(record.get("signalen", [])),
            ";".join(record.get("ontbrekend", [])), fout.get("vraag") or "", fout.get("bericht", "")]
