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
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from ..language import kinds, limits
from ..language.model import Model
from ..language.vocabulary import JA, NEE
from ..language.persons import field_id
from .answers import OngeldigAntwoord, convert_answers
from .casefile import check_deviations, parse_peildatum
from .contract import result_json
from ..semantics.engine import Beoordeling, Rules
from ..errors import CasusFout, WmoFout

_CASE_KEYS = {"id", "regio", "peildatum", "antwoorden", "afwijkingen", "titel", "verwacht", "toelichting"}
_CSV_META = {"id", "peildatum"}
_PERSON_COLUMN = re.compile(r"(\w+)\.(\d{1,2})\.(\w+)")


@dataclass(frozen=True)
class Invoer:
    """One case as read from a batch file, before it is checked against the rules."""

    regel: int  # line (JSONL) or row (CSV, the header is row 1)
    id: object
    peildatum: object
    antwoorden: dict
    afwijkingen: object = ()  # as the line gives them: shape-checked by casefile.check_deviations
    fout: str | None = None  # the line itself could not be read
    fout_vraag: str | None = None  # ... because of this answer
    regio: object = None  # the region a JSONL line names, if any


class CaseError(Exception):
    def __init__(self, vraag: str | None, bericht: str):
        super().__init__(bericht)
        self.vraag = vraag
        self.bericht = bericht


MAX_LINE = 1 << 20  # bytes in one JSONL line


def read_cases(path: Path, stream: BinaryIO, rules: Rules) -> Iterator[Invoer]:
    """The cases of a .jsonl or .csv file, one at a time. ``stream`` is binary: each line is
    decoded on its own, so one bad byte costs one case, not the whole run."""
    if path.suffix.lower() == ".csv":
        yield from _read_csv(stream, rules)
    else:
        yield from _read_jsonl(stream)


def _lines(stream: BinaryIO, bad: list[tuple[int, str]] | None = None) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, text, why it could not be read) for every line; a line longer than
    MAX_LINE bytes is skipped whole. With ``bad``, unreadable lines are reported there and
    given as empty text (for the CSV reader, which needs a string)."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE + 1)
        if not raw:
            return
        number += 1
        fout = None
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(MAX_LINE + 1)
            fout = f"de regel is langer dan {MAX_LINE // 1024} kB"
            text = None
        else:
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                fout = f"de regel is geen UTF-8-tekst (byte {err.start + 1}); sla het bestand op als UTF-8"
                text = None
        if bad is not None:
            if fout:
                bad.append((number, fout))
            yield number, text if text is not None else "\n", None
        else:
            yield number, text, fout


def _read_jsonl(stream: BinaryIO) -> Iterator[Invoer]:
    for number, line, fout in _lines(stream):
        if fout:
            yield Invoer(number, None, None, {}, fout=fout)
            continue
        assert line is not None, "a line without text has a fout"
        if not line.strip():
            continue
        try:
            data = limits.loads(line)
        except limits.GrensFout as err:
            vraag = err.pad[1] if len(err.pad) == 2 and err.pad[0] == "antwoorden" else None
            yield Invoer(number, None, None, {}, fout=str(err), fout_vraag=vraag)
            continue
        except json.JSONDecodeError as err:
            yield Invoer(number, None, None, {}, fout=f"geen geldige JSON (kolom {err.colno})")
            continue
        except (ValueError, RecursionError):
            yield Invoer(number, None, None, {}, fout="geen geldige JSON")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("antwoorden"), dict):
            yield Invoer(number, None, None, {}, fout="een regel is een JSON-object met 'antwoorden' (per vraag-id een antwoord)")
            continue
        try:
            case_id = limits.check_id(data.get("id"))
        except limits.GrensFout as err:
            yield Invoer(number, None, None, {}, fout=str(err))
            continue
        unknown = sorted(set(data) - _CASE_KEYS)
        if unknown:
            yield Invoer(number, case_id, None, {}, fout=f"onbekend veld {', '.join(repr(k[:40]) for k in unknown[:5])}")
            continue
        yield Invoer(number, case_id, data.get("peildatum"), data["antwoorden"], data.get("afwijkingen"), regio=data.get("regio"))


def _read_csv(stream: BinaryIO, rules: Rules) -> Iterator[Invoer]:
    bad: list[tuple[int, str]] = []
    reader = csv.reader((text for _, text, _ in _lines(stream, bad) if text is not None))  # never None with ``bad``
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise CasusFout(f"de kopregel van het CSV-bestand kan niet gelezen worden ({err})") from None
    if bad and bad[0][0] == 1:
        raise CasusFout(f"de kopregel van het CSV-bestand: {bad[0][1]}")
    if header is None:
        return
    header = [_person_column(h.strip()) for h in header]
    unknown = [h for h in header if h not in rules.model.vragen and h not in _CSV_META]
    if unknown:
        raise CasusFout(f"onbekende kolom {', '.join(repr(h[:40]) for h in unknown[:5])} in de kop; kolommen zijn vraag-ids "
                        f"({', '.join(rules.model.vragen)}) en eventueel id en peildatum")
    dubbel = sorted({h for h in header if header.count(h) > 1})
    if dubbel:
        raise CasusFout(f"kolom {', '.join(repr(h) for h in dubbel)} staat meer dan eens in de kop; elke vraag krijgt één kolom")
    row: list[str] | str | None  # a row, why it could not be read, or the end
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            row = None
        except csv.Error as err:
            row = f"deze rij kan niet gelezen worden ({err})"
        while bad and bad[0][0] <= reader.line_num:  # lines that were no UTF-8 come out as their own error records
            number, fout = bad.pop(0)
            yield Invoer(number, None, None, {}, fout=fout)
        if row is None:
            return
        if isinstance(row, str):
            yield Invoer(start, None, None, {}, fout=row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Invoer(start, None, None, {}, fout=f"deze rij heeft {len(row)} kolommen, de kop {len(header)}")
            continue
        te_lang = [h for h, cell in zip(header, row) if len(cell) > limits.MAX_TEXT]
        if te_lang:
            yield Invoer(start, None, None, {}, fout=f"de cel in kolom '{te_lang[0]}' is langer dan {limits.MAX_TEXT} tekens")
            continue
        cells = dict(zip(header, row))
        antwoorden = {h: _csv_value(rules, h, v) for h, v in cells.items() if h not in _CSV_META and v.strip()}
        _count_persons(rules.model, antwoorden)
        yield Invoer(start, cells.get("id") or None, cells.get("peildatum") or None, antwoorden)


def _person_column(header: str) -> str:
    """A CSV column about a person, ``huisgenoten.2.leeftijd``, as its question id ``huisgenoten[2].leeftijd``."""
    match = _PERSON_COLUMN.fullmatch(header)
    return field_id(match[1], int(match[2]), match[3]) if match else header


def _count_persons(model: Model, antwoorden: dict) -> None:
    """Without a count column, a list has as many persons as its highest numbered column with an answer."""
    for qid in list(antwoorden):
        vraag = model.vragen[qid]
        if vraag.persoon is not None and vraag.persoon[0] not in antwoorden:
            lijst, nummer, _ = vraag.persoon
            hoogste = max([nummer] + [persoon[1] for q in antwoorden
                                      if (persoon := model.vragen[q].persoon) and persoon[0] == lijst])
            antwoorden[lijst] = str(hoogste)


def _csv_value(rules: Rules, qid: str, text: str) -> object:
    """A CSV cell as the JSON value the case contract expects, by the JSON type of the question's
    kind (ja/nee a boolean, a list 'a; b' or 'geen', else the text: from_json reads Dutch and
    plain notation and checks it after)."""
    text = text.strip()
    json_type = kinds.of(rules.model.vragen[qid]).schema["type"]
    if json_type == "boolean":
        low = text.lower()
        return True if low in JA else False if low in NEE else text
    if json_type == "array":
        return [] if text.lower() == "geen" else [p.strip() for p in text.split(";") if p.strip()]
    return text


def convert(rules: Rules, antwoorden: dict) -> dict:
    """Check each answer against its question as a case file is checked; the first bad one names itself."""
    try:
        return convert_answers(rules.model, antwoorden)
    except OngeldigAntwoord as err:
        raise CaseError(err.vraag, str(err)) from None


class Batch:
    """Evaluates batch cases against one region, choosing the rule version per peildatum."""

    def __init__(self, regio: str, peildatum: dt.date, load: Callable[[dt.date], Rules],
                 explain: Callable[[Beoordeling, Rules], tuple[list, list]] | None = None):
        self.regio = regio
        self.peildatum = peildatum
        self.load = load  # peildatum -> Rules
        self.explain = explain  # (beoordeling, rules) -> (explanation as data, what would change), for --uitleg
        self.fouten = 0
        self._rules: dict[dt.date, Rules] = {}
        self.shape: Callable[[Beoordeling], dict] = lambda beoordeling: result_json(beoordeling, None)  # another format's record (the toewijzing)

    def rules_for(self, peildatum: dt.date) -> Rules:
        if peildatum not in self._rules:
            self._rules[peildatum] = self.load(peildatum)
        return self._rules[peildatum]

    def result(self, invoer: Invoer) -> dict:
        """The contract's JSON object for one case, or an error record: whatever goes wrong
        with one case stays with that case."""
        head = {"regel": invoer.regel, "id": invoer.id}
        try:
            return {**head, **self._result(invoer)}
        except CaseError as err:
            fout = {"vraag": err.vraag, "bericht": err.bericht}
        except WmoFout as err:
            fout = {"vraag": None, "bericht": err.melding()}
        except (ArithmeticError, ValueError, TypeError, KeyError, RecursionError, MemoryError, OSError) as err:
            # a bug in wmo-dsl, not in the case; the case still gets its record and the run goes on
            fout = {"vraag": None, "bericht": f"interne fout van wmo-dsl bij deze casus ({type(err).__name__}); "
                                             f"meld dit met het regelnummer aan de beheerder"}
        self.fouten += 1
        return {**head, "fout": fout}

    def _result(self, invoer: Invoer) -> dict:
        if invoer.fout:
            raise CaseError(invoer.fout_vraag, invoer.fout)
        try:
            peildatum = parse_peildatum(invoer.peildatum, "") if invoer.peildatum is not None else self.peildatum
        except CasusFout as err:
            raise CaseError(None, str(err)) from None
        rules = self.rules_for(peildatum)
        if invoer.regio is not None and invoer.regio != rules.id:
            shown = invoer.regio[:40] if isinstance(invoer.regio, str) else limits.dumps(invoer.regio)[:40]
            raise CaseError(None, f"de casus is voor regio '{shown}', maar deze batch beoordeelt regio {rules.id}")
        afwijkingen = check_deviations(invoer.afwijkingen)
        antwoorden = convert(rules, invoer.antwoorden)
        if afwijkingen or self.explain:
            return self._full(rules, invoer, antwoorden, peildatum, afwijkingen)
        return self.shape(rules.evaluate_fast(antwoorden, peildatum))

    def _full(self, rules: Rules, invoer: Invoer, antwoorden: dict, peildatum: dt.date, afwijkingen: tuple) -> dict:
        from .casefile import Casus, convert_deviations

        converted = convert_deviations(rules.model, Casus(f"regel {invoer.regel}", None, peildatum, invoer.antwoorden,
                                                          afwijkingen=afwijkingen))
        beoordeling = rules.evaluate(antwoorden, peildatum, converted)
        if self.explain is None:
            return self.shape(beoordeling)
        uitleg, verandert = self.explain(beoordeling, rules)
        return {**result_json(beoordeling, uitleg), "wat_verandert": verandert}


# ── Output ──

CSV_COLUMNS = ("regel", "id", "uitkomst", "producten", "verwijzingen", "signalen", "ontbrekend", "fout_vraag", "fout")


def csv_row(record: dict) -> list:
    """A result as one CSV row: the outcome in a few columns, lists joined with ';'."""
    fout = record.get("fout") or {}
    row = [record["regel"], record.get("id") or "", record.get("uitkomst", "fout"),
           ";".join(p["code"] for p in record.get("producten", [])),
           ";".join(record.get("verwijzingen", [])), ";".join(record.get("signalen", [])),
           ";".join(record.get("ontbrekend", [])), fout.get("vraag") or "", fout.get("bericht", "")]
    return [csv_safe(cell) for cell in row]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(cell: object) -> object:
    """A cell a spreadsheet will not run as a formula (OWASP, CSV injection): text starting with
    = + - @ tab or carriage return gets a leading apostrophe, unless it is a plain number."""
    if isinstance(cell, str) and limits.text_problem(cell):  # never written (refused at input)
        cell = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in cell)
    if not isinstance(cell, str) or not cell.startswith(_FORMULA_START):
        return cell
    try:
        float(cell.replace(",", "."))
        return cell
    except ValueError:
        return "'" + cell
