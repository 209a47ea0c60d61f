"""The commands about cases: wmo beoordeel (one case or a batch), genereer and vergelijk."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import functools
import sys
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO, TextIO

from ..errors import CasusFout, WmoFout, os_reden, printable
from ..language import limits
from ..plugins import output_formats
from ..safeio import PRIVATE, AtomicFile, write_atomic
from .targets import guard, jsonl_kind

if TYPE_CHECKING:
    from ..cases.casefile import Casus
    from ..semantics.engine import Beoordeling, Rules



def cmd_beoordeel(args: argparse.Namespace) -> int:
    from ..cases.casefile import judge, read_case
    from ..present.brief import Briefgegevens
    from ..present.explain import build
    from ..plugins import load_region
    from ..semantics.pipeline import load_rules

    if Path(args.casus).suffix.lower() in (".jsonl", ".csv"):
        return cmd_beoordeel_batch(args)
    formats = output_formats()
    if args.formaat not in formats and args.formaat != "toewijzing":  # toewijzing: an iWmo message, with its own options
        raise WmoFout(f"onbekend formaat '{args.formaat}'; beschikbaar: {', '.join(sorted([*formats, 'toewijzing']))}")
    casus = read_case(args.casus)
    peildatum = args.peildatum or casus.peildatum or dt.date.today()
    if args.regels:
        rules = load_rules(args.regels)
    else:
        rules = load_region(_case_region(args.regio, casus), peildatum)
    beoordeling = judge(rules, casus, peildatum)
    if args.formaat == "toewijzing":
        from .toewijzing import write_single

        write_single(args, beoordeling, casus)
        return 0
    formaat = formats[args.formaat]
    uitleg = build(beoordeling, rules, spoor=args.spoor, lezer=formaat.lezer)
    gegevens = Briefgegevens(casus.aanvraagdatum, casus.kenmerk, casus.gemeente, casus.datum_besluit)
    text = formaat(beoordeling, uitleg, gegevens, formaat.opmaak_voor(args.uit, "markdown"))
    if args.uit:
        guard(args.uit, args.overschrijven, text)
        write_atomic(args.uit, text, PRIVATE)
        print(printable(f"Geschreven: {Path(args.uit).resolve()}", lines=False), file=sys.stderr)
        if formaat.verantwoording:  # the receipt beside the letter: 'wmo herbereken' checks it
            from ..present.besluit import sidecar, sidecar_path

            write_atomic(sidecar_path(args.uit), sidecar(beoordeling), PRIVATE)
            print(printable(f"Geschreven: {sidecar_path(args.uit).resolve()} (verantwoording)", lines=False), file=sys.stderr)
    else:
        sys.stdout.write(printable(text, json=args.formaat == "json"))
    return 0


def _case_region(regio: str | None, casus: Casus) -> str:
    """The region a case file is judged in: --regio, else the file's own; they may not differ."""
    gekozen = regio or casus.regio
    if gekozen is None:
        raise CasusFout(f"{casus.pad}: de casus noemt geen regio; geef --regio op")
    if regio and casus.regio and regio != casus.regio:
        raise CasusFout(f"{casus.pad}: de casus is voor regio '{casus.regio}', maar --regio zegt '{regio}'")
    return gekozen


def cmd_beoordeel_batch(args: argparse.Namespace) -> int:
    import contextlib
    import csv

    from ..cases.batch import CSV_COLUMNS, Batch, csv_row, read_cases
    from ..plugins import load_region
    from ..semantics.pipeline import load_rules

    source = Path(args.casus)
    if not args.regio and not args.regels:
        raise CasusFout(f"{source}: geef --regio op (of --regels): een batchbestand noemt geen regio")
    peildatum = args.peildatum or dt.date.today()
    if args.regels:
        rules = load_rules(args.regels)
        batch = Batch(rules.id, peildatum, lambda d: rules, _explain if args.uitleg else None)
    else:
        batch = Batch(args.regio, peildatum, lambda d: load_region(args.regio, d), _explain if args.uitleg else None)
    rules = batch.rules_for(peildatum)
    as_csv = bool(args.uit) and args.uit.lower().endswith(".csv")
    if args.uit:
        guard(args.uit, args.overschrijven, ",".join(CSV_COLUMNS) if as_csv else jsonl_kind("regel", "id"))
    stream = _open_cases(source)
    if args.formaat == "toewijzing":
        from .toewijzing import cmd_batch

        with stream:
            return cmd_batch(args, batch, read_cases(source, stream, rules))
    with contextlib.ExitStack() as stack:
        stack.enter_context(stream)
        # Results hold answers: the file is private, and only appears whole (renamed at the end).
        out = stack.enter_context(AtomicFile(args.uit, PRIVATE, newline="")) if args.uit else _Printable(sys.stdout)
        writer = csv.writer(out, lineterminator="\n") if as_csv else None
        if writer:
            writer.writerow(CSV_COLUMNS)
        cases: Iterable = read_cases(source, stream, rules)
        if sys.stderr.isatty() and (args.uit or not sys.stdout.isatty()):
            cases = stack.enter_context(_progress(source))(cases)
        n = 0
        for invoer in cases:
            record = batch.result(invoer)
            if writer:
                writer.writerow(csv_row(record))
            else:
                out.write(limits.dumps(record) + "\n")
            n += 1
    summary = f"{n} casus{'sen' if n != 1 else ''} beoordeeld"
    if batch.fouten:
        summary += f", {batch.fouten} met een fout (zie de foutregels)"
    print(summary, file=sys.stderr)
    return 2 if batch.fouten else 0


class _Printable:
    """JSON lines for the screen: what json.dumps leaves raw (DEL, C1, bidi controls) escaped too."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text, json=True))


def _explain(beoordeling: Beoordeling, rules: Rules) -> tuple[list, list]:
    """A case's explanation and what would change it, for batch results with --uitleg."""
    from ..present.explain import build

    uitleg = build(beoordeling, rules)
    return uitleg.als_data(), uitleg.gevoeligheid


def _open_cases(source: Path) -> BinaryIO:
    """A batch file opened as bytes: every line is decoded on its own."""
    if source.is_dir():
        raise CasusFout(f"{source}: dat is een map; geef een .jsonl- of .csv-bestand")
    try:
        return source.open("rb")
    except OSError as err:
        raise CasusFout(f"{source}: kan het bestand niet openen: {os_reden(err)}") from None


def _progress(source: Path) -> contextlib.AbstractContextManager[Callable[[Iterable], Iterable]]:
    """A prompt-toolkit progress bar over the cases (only on a terminal)."""
    from prompt_toolkit.shortcuts import ProgressBar

    total = None
    try:
        with source.open("rb") as f:
            total = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        if source.suffix.lower() == ".csv":
            total -= 1
    except OSError:
        pass
    bar = ProgressBar(title=f"Beoordelen: {source.name}")

    class _Bar:
        def __enter__(self):
            bar.__enter__()
            return lambda cases: bar(cases, label="casussen", total=total)

        def __exit__(self, *exc):
            return bar.__exit__(*exc)

    return _Bar()


def cmd_vergelijk(args: argparse.Namespace) -> int:
    """Each case is judged as 'wmo beoordeel' judges it, under both rule sets: a case file on
    --peildatum, else its own; a batch line on its own, else --peildatum (as the batch does)."""
    from ..present import compare
    from ..cases.batch import read_cases
    from ..cases.casefile import Casus, check_deviations, parse_peildatum, read_case
    from ..plugins import load_region
    from ..semantics.pipeline import load_rules

    peildatum = args.peildatum or dt.date.today()
    a: Callable[[dt.date], Rules]
    if args.regels:
        if len(args.regels) != 2 or args.variant:
            raise WmoFout("geef --regels precies twee keer op (versie A en versie B), of --regio met --variant")
        rules_a, rules_b = load_rules(args.regels[0]), load_rules(args.regels[1])
        a = lambda d: rules_a  # noqa: E731
        naam_a, naam_b = Path(args.regels[0]).name, Path(args.regels[1]).name
    elif args.regio and args.variant:
        a = functools.cache(lambda d: load_region(args.regio, d))  # the version in force on each case's peildatum
        rules_b = load_rules(args.variant)
        naam_a, naam_b = f"{args.regio} (geldend)", Path(args.variant).name
    else:
        raise WmoFout("wat vergelijken? Geef --regio R met --variant VARIANT.wmo, of twee keer --regels")
    if not args.casussen and not args.sessies:
        raise WmoFout("geef casusbestanden op (.jsonl, .csv, .json) of --sessies")
    if args.uit:  # before the cases are read: the report starts like an empty one
        guard(args.uit, args.overschrijven, compare.render(compare.Vergelijking(naam_a, naam_b, peildatum), args.formaat))

    def cases() -> Iterator[tuple[str, Casus]]:
        for name in args.casussen:
            path = Path(name)
            if path.suffix.lower() == ".json":
                casus = read_case(path)
                if args.regio:
                    _case_region(args.regio, casus)
                yield limits.escaped(path.stem), dataclasses.replace(casus, peildatum=args.peildatum or casus.peildatum)
                continue
            with _open_cases(path) as stream:
                for invoer in read_cases(path, stream, a(peildatum)):
                    waar = f"{path}:{invoer.regel}: "
                    if invoer.fout:
                        raise CasusFout(f"{waar}{invoer.fout}")
                    eigen = parse_peildatum(invoer.peildatum, waar) if invoer.peildatum is not None else None
                    label = str(invoer.id) if invoer.id is not None else f"{path.name}:{invoer.regel}"
                    yield label, Casus(waar.removesuffix(": "), None, eigen, invoer.antwoorden,
                                       afwijkingen=check_deviations(invoer.afwijkingen, waar))
        if args.sessies:
            from ..cases.sessions import open_store

            store = open_store(args.sessie)
            for label, casus in compare.session_cases(store, a(peildatum).id, lambda regio, datum: load_region(regio, datum)):
                yield label, dataclasses.replace(casus, peildatum=args.peildatum or casus.peildatum)

    result = compare.compare(a, lambda d: rules_b, cases(), peildatum, naam_a, naam_b, args.voorbeelden)
    text = compare.render(result, args.formaat)
    if args.uit:
        write_atomic(args.uit, text, PRIVATE)  # the report shows answers of changed cases
        print(printable(f"{args.uit} geschreven: {result.veranderd} van {compare.casussen(result.aantal)} met een andere uitkomst",
                        lines=False), file=sys.stderr)
    else:
        sys.stdout.write(printable(text))
    return 0


def cmd_genereer(args: argparse.Namespace) -> int:
    from ..cases.population import generate, write_jsonl
    from ..plugins import load_region
    from ..semantics.pipeline import load_rules

    if args.aantal < 0:
        raise WmoFout("--aantal moet 0 of meer zijn")
    if bool(args.regio) == bool(args.regels):
        raise WmoFout("geef --regio of --regels op (één van beide)")
    model = (load_rules(args.regels) if args.regels else load_region(args.regio)).model
    cases = generate(model, args.aantal, args.zaad)
    if args.uit:
        guard(args.uit, args.overschrijven, jsonl_kind("id", "antwoorden"))
    if not args.uit:
        write_jsonl(cases, _Printable(sys.stdout))
        return 0
    with AtomicFile(args.uit, PRIVATE) as out:
        n = write_jsonl(cases, out)
    print(printable(f"{n} casussen voor regio {model.regio.id} geschreven naar {args.uit} (zaad {args.zaad})", lines=False),
          file=sys.stderr)
    return 0
