"""The ``wmo`` command: Dutch subcommands over the public API.

Every user mistake arrives here as a :class:`~wmo_dsl.errors.WmoFout` and
leaves as a Dutch message on stderr with exit code 2; a traceback would mean a
bug in wmo-dsl, not in the user's input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import limits
from .errors import CasusFout, RegelbestandFout, WmoFout, os_reden
from .safeio import PRIVATE, PUBLIC, AtomicFile, file_mode, write_atomic

_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments:": "argumenten:",
    "options:": "opties:",
    "show this help message and exit": "toon deze hulp en stop",
}


class _DutchParser(argparse.ArgumentParser):
    """argparse with Dutch headings and errors that exit 2 like every user error."""

    def format_usage(self) -> str:
        return _dutch(super().format_usage())

    def format_help(self) -> str:
        return _dutch(super().format_help())

    def error(self, message: str):
        message = (message.replace("the following arguments are required", "verplicht")
                   .replace("invalid choice", "ongeldige keuze").replace("choose from", "kies uit")
                   .replace("unrecognized arguments", "onbekende argumenten")
                   .replace("expected one argument", "verwacht één waarde"))
        self.print_usage(sys.stderr)
        print(f"{self.prog}: fout: {message}", file=sys.stderr)
        sys.exit(2)


def _dutch(text: str) -> str:
    for en, nl in _ARGPARSE_DUTCH.items():
        text = text.replace(en, nl)
    return text


def _date(text: str) -> dt.date:
    from .casefile import parse_peildatum

    try:
        return parse_peildatum(text, "")
    except CasusFout as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _DutchParser(prog="wmo", description="Wmo-begeleiding: regels per regio, beoordeling en uitleg.")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", parser_class=_DutchParser)
    sub.required = True

    p = sub.add_parser("regios", help="toon de geïnstalleerde regio's", description="Toon de geïnstalleerde regio's met versie, geldigheid en gemeenten.")
    p.set_defaults(func=cmd_regios)

    p = sub.add_parser("check", help="controleer regelbestanden", description="Controleer regelbestanden; zonder PAD alle geïnstalleerde regio's.")
    p.add_argument("paden", nargs="*", metavar="PAD", help="een regelbestand (.wmo)")
    p.add_argument("--formaat", choices=["tekst", "json"], default="tekst", help="uitvoer als tekst (standaard) of json")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("beoordeel", help="beoordeel één casus of een bestand vol casussen", description=(
        "Beoordeel een casus (JSON) en leg de uitkomst uit. Met een .jsonl- of .csv-bestand: beoordeel elke regel "
        "(één casus per regel of rij) en schrijf per casus één resultaat als JSON-regel (of CSV met --uit X.csv). "
        "Een casus met een fout wordt een foutregel; de rest gaat door. Exit 0: alle casussen goed; exit 2: "
        "minstens één fout."))
    p.add_argument("casus", metavar="CASUS", help="casusbestand (.json: {\"regio\", \"peildatum\", \"antwoorden\"}), of veel casussen (.jsonl, .csv)")
    p.add_argument("--regio", help="regio-id; nodig als de casus geen 'regio' noemt")
    p.add_argument("--regels", metavar="PAD", help="gebruik dit regelbestand in plaats van een geïnstalleerde regio")
    p.add_argument("--peildatum", type=_date, help="datum waarop beoordeeld wordt (standaard: uit de casus, anders vandaag)")
    p.add_argument("--formaat", default="tekst", help="tekst (standaard), markdown of json")
    p.add_argument("--uit", metavar="RESULTAAT", help="bij .jsonl/.csv: schrijf de resultaten naar RESULTAAT.jsonl of RESULTAAT.csv (standaard: het scherm)")
    p.add_argument("--uitleg", action="store_true", help="bij .jsonl/.csv: neem per casus ook de uitleg en 'wat_verandert' op (trager)")
    p.set_defaults(func=cmd_beoordeel)

    p = sub.add_parser("intake", help="voer een intake-gesprek in de console", description=(
        "Een begeleid gesprek: alleen vragen die de uitkomst nog kunnen veranderen, met uitleg aan het eind. "
        "Elk antwoord wordt meteen bewaard (tenzij --geen-opslag)."))
    p.add_argument("--regio", help="regio-id; zonder deze optie vraagt de intake naar de gemeente")
    p.add_argument("--peildatum", type=_date, help="datum waarop beoordeeld wordt (standaard: vandaag)")
    p.add_argument("--hervat", nargs="?", const="", metavar="ID", help="ga verder met een onderbroken sessie (zonder ID: de laatste)")
    p.add_argument("--sessie", metavar="PAD", help="sessiebestand (standaard in de gebruikersmap van wmo-dsl)")
    p.add_argument("--geen-opslag", action="store_true", help="bewaar niets op schijf")
    p.add_argument("--jsonl", action="store_true", help="spreek JSON-regels op stdin/stdout in plaats van de terminal")
    p.set_defaults(func=cmd_intake)

    p = sub.add_parser("sessies", help="toon of verwijder bewaarde intake-sessies", description=(
        "Toon bewaarde sessies (id, regio, datum, status; geen antwoorden) of verwijder er een."))
    p.add_argument("--sessie", metavar="PAD", help="sessiebestand (standaard in de gebruikersmap van wmo-dsl)")
    p.add_argument("--verwijder", metavar="ID", help="verwijder deze sessie met al haar antwoorden")
    p.set_defaults(func=cmd_sessies)

    p = sub.add_parser("fmt", help="zet regelbestanden in de vaste opmaak", description=(
        "Zet regelbestanden in de vaste opmaak: inspringing, spaties, uitgelijnde tabellen; commentaar blijft staan. "
        "Een map betekent: alle .wmo-bestanden daarin."))
    p.add_argument("paden", nargs="*", metavar="PAD", help="regelbestand of map (standaard: de huidige map)")
    p.add_argument("--check", action="store_true", help="wijzig niets; exit 1 als een bestand niet in de vaste opmaak staat")
    p.set_defaults(func=cmd_fmt)

    p = sub.add_parser("vergelijk", help="vergelijk twee versies van de regels over veel casussen", description=(
        "Beoordeel elke casus onder twee regelversies en toon hoeveel uitkomsten veranderen, een overgangstabel "
        "(van product naar product), de veranderde casussen en, als de regels tarieven geven, het verschil in "
        "maandkosten. Casussen: .jsonl, .csv of .json-bestanden, of --sessies voor de bewaarde intake-sessies."))
    p.add_argument("casussen", nargs="*", metavar="CASUSSEN", help="casusbestanden (.jsonl, .csv, .json)")
    p.add_argument("--regio", help="regio-id: de geldende regels zijn versie A")
    p.add_argument("--variant", metavar="VARIANT.wmo", help="de nieuwe regels (versie B) naast die van --regio")
    p.add_argument("--regels", metavar="PAD", action="append", help="twee keer: versie A en versie B als regelbestanden")
    p.add_argument("--sessies", action="store_true", help="vergelijk ook over de bewaarde intake-sessies (alleen antwoorden, geen vrije tekst)")
    p.add_argument("--sessie", metavar="PAD", help="het sessiebestand (standaard: dat van 'wmo intake')")
    p.add_argument("--peildatum", type=_date, help="peildatum (standaard: vandaag)")
    p.add_argument("--formaat", choices=["tekst", "markdown", "html"], default="tekst", help="tekst (standaard), markdown of html")
    p.add_argument("--voorbeelden", type=int, default=10, metavar="N", help="toon de eerste N veranderde casussen (standaard 10)")
    p.add_argument("--uit", metavar="BESTAND", help="schrijf het verslag naar dit bestand")
    p.set_defaults(func=cmd_vergelijk)

    p = sub.add_parser("genereer", help="maak willekeurige geldige casussen", description=(
        "Schrijf N willekeurige geldige casussen (JSON-regels) voor een regio: elk antwoord binnen het domein en de "
        "grenzen van zijn vraag. Hetzelfde zaad geeft dezelfde casussen. Voor vergelijkingen en metingen."))
    p.add_argument("--regio", required=True, help="regio-id")
    p.add_argument("--aantal", type=int, required=True, metavar="N", help="aantal casussen")
    p.add_argument("--zaad", type=int, default=0, metavar="S", help="zaad van de toevalsgenerator (standaard 0)")
    p.add_argument("--uit", metavar="BESTAND", help="schrijf naar dit .jsonl-bestand (standaard: het scherm)")
    p.set_defaults(func=cmd_genereer)

    p = sub.add_parser("toon", help="toon de regels van een regio als document", description=(
        "Toon de regels van een regio als document om naast het brondocument te leggen: vragen, afgeleide waarden, "
        "beslistabellen (als matrix waar dat kan), producten, regels, verwijzingen en termijnen, elk met bron en regelnummer."))
    p.add_argument("pad", nargs="?", metavar="PAD", help="een regelbestand (.wmo) in plaats van --regio")
    p.add_argument("--regio", help="regio-id van een geïnstalleerde regio")
    p.add_argument("--peildatum", type=_date, help="toon de regelversie die op deze datum geldt (standaard: de nieuwste)")
    p.add_argument("--formaat", choices=["markdown", "html"], default="markdown", help="markdown (standaard) of html: één zelfstandig bestand")
    p.add_argument("--uit", metavar="BESTAND", help="schrijf naar dit bestand in plaats van naar het scherm")
    p.set_defaults(func=cmd_toon)

    p = sub.add_parser("regio", help="maak een nieuwe regio aan", description="Opdrachten voor regio's.")
    regio_sub = p.add_subparsers(dest="regio_opdracht", metavar="OPDRACHT", parser_class=_DutchParser)
    regio_sub.required = True
    q = regio_sub.add_parser("nieuw", help="maak een nieuwe regio als eigen installeerbaar pakket",
                             description="Maak een nieuwe regio als eigen pakket: pyproject met entry point, regelbestand, voorbeeldcasussen en een test.")
    q.add_argument("id", metavar="NAAM", help="regio-id, bijvoorbeeld rivierenland")
    q.add_argument("--naam", help="leesbare naam, bijvoorbeeld \"Regio Rivierenland\"")
    q.add_argument("--map", metavar="PAD", help="waar het pakket komt (standaard: ./wmo-regio-NAAM)")
    q.set_defaults(func=cmd_regio_nieuw)

    p = sub.add_parser("test", help="draai de voorbeeldcasussen van de regio's", description="Draai de voorbeeldcasussen die elke regio meelevert en toon verschillen.")
    p.add_argument("--regio", help="alleen deze regio")
    p.set_defaults(func=cmd_test)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args) or 0
        sys.stdout.flush()
        return code
    except RegelbestandFout as err:
        print(err.melding(kleur=sys.stderr.isatty()), file=sys.stderr)
        return 2
    except WmoFout as err:
        print(f"wmo: fout: {err.melding()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nafgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (wmo … | head): not an error
        return 0
    except OSError as err:
        if not _is_stdout_error(err):
            raise
        _silence_stdout()
        print(f"wmo: fout: kan niet naar de uitvoer schrijven: {os_reden(err)}", file=sys.stderr)
        return 2


def _is_stdout_error(err: OSError) -> bool:
    """A write to stdout failed (a full disk behind '> bestand', a closed pipe)."""
    import errno

    return err.errno in (errno.ENOSPC, errno.EPIPE, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit does not fail a second time."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# ── wmo regios ──


def cmd_regios(args) -> int:
    from .regions import load_region, region_sources

    sources = region_sources()
    if not sources:
        print("Er zijn geen regio's geïnstalleerd.")
        return 0
    for rid in sources:
        rules = load_region(rid)
        r = rules.model.regio
        tot = f" tot {r.geldig_tot:%d-%m-%Y}" if r.geldig_tot else ""
        print(f"{r.id}  {r.naam}")
        print(f"    versie {rules.model.regio.bron.versie if r.bron and r.bron.versie else 'onbekend'}, geldig vanaf {r.geldig_vanaf:%d-%m-%Y}{tot}")
        if r.bron:
            print(f"    bron: {r.bron.tekst}")
        print(f"    gemeenten: {', '.join(r.gemeenten) if r.gemeenten else '(geen genoemd)'}")
    return 0


# ── wmo check ──


def cmd_check(args) -> int:
    from .regions import checked, region_sources

    paths = [Path(p) for p in args.paden] or [p for s in region_sources().values() for p in s.regels]
    findings = []
    failed = False
    for path in paths:
        try:
            model = checked(path)
            findings.extend(model.waarschuwingen)
        except RegelbestandFout as err:
            findings.extend(err.bevindingen)
            failed = True
    if args.formaat == "json":
        print(limits.dumps({"bestanden": [str(p) for p in paths], "bevindingen": [f.als_data() for f in findings]}, indent=2))
    else:
        for f in findings:
            stream = sys.stderr if f.ernst == "fout" else sys.stdout
            print(f.toon(kleur=stream.isatty()), file=stream)
            print(file=sys.stderr if f.ernst == "fout" else sys.stdout)
        errors = sum(1 for f in findings if f.ernst == "fout")
        warnings = len(findings) - errors
        extra = f", {warnings} waarschuwing{'en' if warnings != 1 else ''}" if warnings else ""
        if failed:
            print(f"{errors} fout{'en' if errors != 1 else ''}{extra} in {len(paths)} bestand{'en' if len(paths) != 1 else ''}", file=sys.stderr)
        else:
            print(f"{len(paths)} bestand{'en' if len(paths) != 1 else ''} gecontroleerd: geen fouten{extra}")
    return 2 if failed else 0


# ── wmo beoordeel ──


def output_formats() -> dict:
    from .regions import plugin_manager

    formats = {}
    for contributed in plugin_manager().hook.wmo_output_formats():
        for name, fn in (contributed or {}).items():
            formats.setdefault(name, fn)
    return formats


def cmd_beoordeel(args) -> int:
    from .answers import convert_answers
    from .casefile import convert_deviations, read_case
    from .explain import build
    from .regions import load_region, load_rules

    if Path(args.casus).suffix.lower() in (".jsonl", ".csv"):
        return cmd_beoordeel_batch(args)
    formats = output_formats()
    if args.formaat not in formats:
        raise WmoFout(f"onbekend formaat '{args.formaat}'; beschikbaar: {', '.join(sorted(formats))}")
    casus = read_case(args.casus)
    peildatum = args.peildatum or casus.peildatum or dt.date.today()
    if args.regels:
        rules = load_rules(args.regels)
    else:
        regio = args.regio or casus.regio
        if regio is None:
            raise CasusFout(f"{args.casus}: de casus noemt geen regio; geef --regio op")
        if args.regio and casus.regio and args.regio != casus.regio:
            raise CasusFout(f"{args.casus}: de casus is voor regio '{casus.regio}', maar --regio zegt '{args.regio}'")
        rules = load_region(regio, peildatum)
    antwoorden = convert_answers(rules.model, casus.antwoorden, f"{args.casus}: ")
    beoordeling = rules.evaluate(antwoorden, peildatum, convert_deviations(rules.model, casus))
    sys.stdout.write(formats[args.formaat](beoordeling, build(beoordeling, rules)))
    return 0


def cmd_beoordeel_batch(args) -> int:
    import contextlib
    import csv

    from .batch import CSV_COLUMNS, Batch, csv_row, read_cases
    from .regions import load_region, load_rules

    source = Path(args.casus)
    if not args.regio and not args.regels:
        raise CasusFout(f"{source}: geef --regio op (of --regels): een batchbestand noemt geen regio")
    peildatum = args.peildatum or dt.date.today()
    if args.regels:
        rules = load_rules(args.regels)
        batch = Batch(rules.id, peildatum, lambda d: rules, args.uitleg)
    else:
        batch = Batch(args.regio, peildatum, lambda d: load_region(args.regio, d), args.uitleg)
    rules = batch.rules_for(peildatum)
    stream = _open_cases(source)
    with contextlib.ExitStack() as stack:
        stack.enter_context(stream)
        # Results hold answers: the file is private, and only appears whole (renamed at the end).
        out = stack.enter_context(AtomicFile(args.uit, PRIVATE, newline="")) if args.uit else sys.stdout
        as_csv = bool(args.uit) and args.uit.lower().endswith(".csv")
        writer = csv.writer(out, lineterminator="\n") if as_csv else None
        if writer:
            writer.writerow(CSV_COLUMNS)
        cases = read_cases(source, stream, rules)
        if sys.stderr.isatty() and (args.uit or not sys.stdout.isatty()):
            cases = stack.enter_context(_progress(source)).__call__(cases)
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


def _open_cases(source: Path):
    """A batch file opened as bytes: every line is decoded on its own."""
    if source.is_dir():
        raise CasusFout(f"{source}: dat is een map; geef een .jsonl- of .csv-bestand")
    try:
        return source.open("rb")
    except OSError as err:
        raise CasusFout(f"{source}: kan het bestand niet openen: {os_reden(err)}") from None


def _progress(source: Path):
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


# ── wmo intake, wmo sessies ──


def _store(args):
    from .sessions import SessionStore, default_path

    if getattr(args, "geen_opslag", False):
        if args.hervat is not None:
            raise WmoFout("--hervat en --geen-opslag gaan niet samen: zonder opslag is er niets om te hervatten")
        return SessionStore(None)
    if args.sessie is not None:
        return SessionStore(args.sessie)
    return SessionStore(default_path(), eigen_map=True)


def cmd_intake(args) -> int:
    from .intake import Gesprek
    from .regions import load_region, region_sources

    store = _store(args)
    try:
        if args.hervat is not None:
            gesprek = Gesprek.hervat(store, args.hervat or None, lambda regio, peildatum: load_region(regio, peildatum))
        else:
            regio = args.regio
            if regio is None and args.jsonl:
                raise WmoFout("--jsonl heeft --regio nodig")
            if regio is not None:
                rules = load_region(regio, args.peildatum)
            if args.jsonl:
                gesprek = Gesprek.nieuw(rules, store, args.peildatum or dt.date.today())
        if args.jsonl:
            from .intake_jsonl import run_jsonl

            return run_jsonl(gesprek, sys.stdin, sys.stdout)
        if not sys.stdin.isatty():
            raise WmoFout("de intake heeft een terminal nodig; gebruik --jsonl om haar vanuit een ander programma te voeren")
        from prompt_toolkit import PromptSession

        from .intake_tui import IntakeScherm, choose_region

        session = PromptSession()
        if args.hervat is None:
            if regio is None:
                try:
                    regio = choose_region(session, region_sources(), load_region)
                except (KeyboardInterrupt, EOFError):
                    return 130
                rules = load_region(regio, args.peildatum)
            gesprek = Gesprek.nieuw(rules, store, args.peildatum or dt.date.today())
        return IntakeScherm(gesprek, session, opgeslagen=store.path is not None).run()
    finally:
        store.close()


def cmd_sessies(args) -> int:
    from .sessions import SessieFout, SessionStore, default_path

    if args.sessie is not None and not args.sessie.strip():
        raise SessieFout("--sessie is leeg; geef het pad van een sessiebestand, of laat --sessie weg")
    path = Path(args.sessie).expanduser() if args.sessie else default_path()
    if not path.exists():
        print(f"Er zijn geen sessies (nog geen sessiebestand {path}).")
        return 0
    store = SessionStore(path, eigen_map=args.sessie is None)
    try:
        if args.verwijder:
            store.delete(args.verwijder)
            print(f"Sessie {args.verwijder} is verwijderd, met al haar antwoorden.")
            return 0
        try:
            rows = store.list()
        except SessieFout as err:
            _print_sessions(err.gelezen)
            raise
        if not rows:
            print("Er zijn geen sessies.")
            return 0
        _print_sessions(rows)
        return 0
    finally:
        store.close()


def _print_sessions(rows) -> None:
    if not rows:
        return
    print(f"{'id':<17} {'regio':<12} {'begonnen':<19} {'status':<9} antwoorden")
    for sid, regio, begonnen, status, aantal in rows:
        print(f"{sid:<17} {regio:<12} {str(begonnen).replace('T', ' '):<19} {status:<9} {aantal}")


# ── wmo fmt ──


def cmd_fmt(args) -> int:
    from .fmt import format_text
    from .parse import parse_file

    paths: list[Path] = []
    for name in args.paden or ["."]:
        p = Path(name)
        paths.extend(sorted(p.rglob("*.wmo")) if p.is_dir() else [p])
    if not paths:
        print("Geen regelbestanden (.wmo) gevonden.")
        return 0
    anders = []
    for path in paths:
        parse_file(path)  # a missing or broken file is reported like everywhere else
        text = path.read_text(encoding="utf-8")  # parse_file has read it as UTF-8 already
        formatted = format_text(text, str(path))
        if formatted != text:
            anders.append(path)
            if not args.check:
                write_atomic(path, formatted, file_mode(path, PUBLIC))
    if args.check:
        for path in anders:
            print(f"{path}: staat niet in de vaste opmaak (wmo fmt {path})")
        print(f"{len(paths) - len(anders)} van {len(paths)} bestand{'en' if len(paths) != 1 else ''} in de vaste opmaak")
        return 1 if anders else 0
    print(f"{len(anders)} van {len(paths)} bestand{'en' if len(paths) != 1 else ''} opnieuw opgemaakt")
    return 0


# ── wmo vergelijk ──


def cmd_vergelijk(args) -> int:
    from . import compare
    from .batch import read_cases
    from .casefile import read_case
    from .regions import load_region, load_rules

    peildatum = args.peildatum or dt.date.today()
    if args.regels:
        if len(args.regels) != 2 or args.variant:
            raise WmoFout("geef --regels precies twee keer op (versie A en versie B), of --regio met --variant")
        a, b = load_rules(args.regels[0]), load_rules(args.regels[1])
        naam_a, naam_b = Path(args.regels[0]).name, Path(args.regels[1]).name
    elif args.regio and args.variant:
        a, b = load_region(args.regio, peildatum), load_rules(args.variant)
        naam_a, naam_b = f"{args.regio} (geldend)", Path(args.variant).name
    else:
        raise WmoFout("wat vergelijken? Geef --regio R met --variant VARIANT.wmo, of twee keer --regels")
    if not args.casussen and not args.sessies:
        raise WmoFout("geef casusbestanden op (.jsonl, .csv, .json) of --sessies")

    def cases():
        for name in args.casussen:
            path = Path(name)
            if path.suffix.lower() == ".json":
                yield path.stem, read_case(path).antwoorden
                continue
            with _open_cases(path) as stream:
                for invoer in read_cases(path, stream, a):
                    if invoer.fout:
                        raise CasusFout(f"{path}:{invoer.regel}: {invoer.fout}")
                    yield (str(invoer.id) if invoer.id is not None else f"{path.name}:{invoer.regel}"), invoer.antwoorden
        if args.sessies:
            store = _store(args)
            yield from compare.session_cases(store, a.id, lambda regio, datum: load_region(regio, datum))

    result = compare.compare(a, b, cases(), peildatum, naam_a, naam_b, args.voorbeelden)
    text = compare.render(result, args.formaat)
    if args.uit:
        write_atomic(args.uit, text, PRIVATE)  # the report shows answers of changed cases
        print(f"{args.uit} geschreven: {result.veranderd} van {result.aantal} casussen veranderen van uitkomst", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


# ── wmo genereer ──


def cmd_genereer(args) -> int:
    from .population import generate, write_jsonl
    from .regions import load_region

    if args.aantal < 0:
        raise WmoFout("--aantal moet 0 of meer zijn")
    model = load_region(args.regio).model
    cases = generate(model, args.aantal, args.zaad)
    if not args.uit:
        write_jsonl(cases, sys.stdout)
        return 0
    with AtomicFile(args.uit, PRIVATE) as out:
        n = write_jsonl(cases, out)
    print(f"{n} casussen voor regio {args.regio} geschreven naar {args.uit} (zaad {args.zaad})", file=sys.stderr)
    return 0


# ── wmo toon ──


def cmd_toon(args) -> int:
    from . import document
    from .regions import checked, load_region

    if args.pad and args.regio:
        raise WmoFout("geef een regelbestand óf --regio op, niet allebei")
    if args.pad:
        model, naam = checked(args.pad), args.pad
    elif args.regio:
        model = load_region(args.regio, args.peildatum).model
        naam = Path(model.pad).name
    else:
        raise WmoFout("welke regels? Geef --regio op (zie 'wmo regios') of het pad van een regelbestand")
    text = document.render(document.build(model, naam), args.formaat)
    if args.uit:
        write_atomic(args.uit, text, PUBLIC)  # the rules of a region: no personal data
        print(f"{args.uit} geschreven ({args.formaat})")
    else:
        sys.stdout.write(text)
    return 0


# ── wmo regio nieuw ──


def cmd_regio_nieuw(args) -> int:
    from .scaffold import new_region

    doel = Path(args.map) if args.map else Path(f"wmo-regio-{args.id}")
    files = new_region(args.id, doel, args.naam)
    print(f"Nieuwe regio '{args.id}' in {doel}/:")
    for f in files:
        print(f"  {f.relative_to(doel)}")
    print(f"\nVolgende stappen:\n  cd {doel}\n  python3 -m pip install -e .\n  wmo test --regio {args.id}")
    return 0


# ── wmo test ──


def cmd_test(args) -> int:
    from .casetest import region_cases, run_case
    from .regions import load_region, region_sources

    sources = region_sources()
    if args.regio:
        if args.regio not in sources:
            raise WmoFout(f"onbekende regio '{args.regio}'; geïnstalleerd: {', '.join(sources)}")
        sources = {args.regio: sources[args.regio]}
    total = failed = 0
    for rid, source in sources.items():
        rules = load_region(rid)
        cases = region_cases(source.casussen)
        print(f"{rid}: {len(cases)} casus{'sen' if len(cases) != 1 else ''}")
        for casus in cases:
            total += 1
            result = run_case(load_region(rid, casus.peildatum) if casus.peildatum else rules, casus)
            if result.geslaagd:
                print(f"  ok    {result.titel}")
                continue
            failed += 1
            print(f"  FOUT  {result.titel}  ({Path(result.pad).name})")
            for line in ([result.fout] if result.fout else result.verschillen):
                print(f"          {line}")
    print(f"\n{total - failed} geslaagd, {failed} mislukt")
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
