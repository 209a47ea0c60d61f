"""The commands about rule files: wmo regios, check, fmt, toon, regio nieuw and test."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..present.highlight import terminal_colours
from ..errors import Bevinding, RegelbestandFout, WmoFout, printable
from ..language import limits
from ..language.model import Model
from ..safeio import PUBLIC, file_mode, write_atomic



def cmd_regios(args: argparse.Namespace) -> int:
    import json

    from ..cases.gemeenten import regio_json, zoek_gemeente
    from ..plugins import load_region, region_sources

    sources = region_sources()
    regios = {rid: load_region(rid).model.regio for rid in sources}
    shown = list(regios)
    if args.gemeente is not None:
        found = zoek_gemeente(regios, args.gemeente)
        shown = list(found.regios)
        if not shown and args.formaat == "tekst":
            hint = f" Bedoelde u {found.voorstel}?" if found.voorstel else ""
            naam = "".join(c if c.isprintable() else "?" for c in args.gemeente)[:60]
            print(f"Geen regio noemt de gemeente '{naam}'.{hint}")
            return 1
    if args.formaat == "json":
        print(printable(json.dumps([regio_json(regios[rid]) for rid in shown], ensure_ascii=False, indent=2), json=True))
        return 0
    if not sources:
        print("Er zijn geen regio's geïnstalleerd.")
        return 0
    for rid in shown:
        rules = load_region(rid)
        r = rules.model.regio
        tot = f" tot {r.geldig_tot:%d-%m-%Y}" if r.geldig_tot else ""
        versie = r.bron.versie if r.bron and r.bron.versie else "onbekend"
        print(printable(f"{r.id}  {r.naam}", lines=False))
        print(printable(f"    versie {versie}, geldig vanaf {r.geldig_vanaf:%d-%m-%Y}{tot}", lines=False))
        if r.bron:
            print(printable(f"    bron: {r.bron.tekst}", lines=False))
        print(printable(f"    gemeenten: {', '.join(r.gemeenten) if r.gemeenten else '(geen genoemd)'}", lines=False))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..plugins import region_sources
    from ..semantics.pipeline import checked

    paths = [q for p in map(Path, args.paden) for q in (sorted(p.glob("*/*.wmo")) if p.is_dir() else [p])] \
        or [p for s in region_sources().values() for p in s.regels]  # a folder: the rule file of each region in it
    findings: list[Bevinding] = []
    failed = False
    oordeel = {}
    for path in paths:
        try:
            model = checked(path, fresh=True)
            findings.extend(model.waarschuwingen)
            if getattr(args, "oordeel", False):
                oordeel[str(path)] = judgements(model)
        except RegelbestandFout as err:
            findings.extend(err.bevindingen)
            failed = True
    if args.formaat == "json":
        print(printable(limits.dumps({"bestanden": [str(p) for p in paths], "bevindingen": [f.als_data() for f in findings],
                                      **({"oordeel": oordeel} if getattr(args, "oordeel", False) else {})},
                                     indent=2), json=True))
    else:
        for f in findings:
            stream = sys.stderr if f.ernst == "fout" else sys.stdout
            print(f.toon(kleur=terminal_colours(stream)), file=stream)
            print(file=sys.stderr if f.ernst == "fout" else sys.stdout)
        errors = sum(1 for f in findings if f.ernst == "fout")
        warnings = len(findings) - errors
        extra = f", {warnings} waarschuwing{'en' if warnings != 1 else ''}" if warnings else ""
        if failed:
            print(f"{errors} fout{'en' if errors != 1 else ''}{extra} in {len(paths)} bestand{'en' if len(paths) != 1 else ''}", file=sys.stderr)
        else:
            print(f"{len(paths)} bestand{'en' if len(paths) != 1 else ''} gecontroleerd: geen fouten{extra}")
        for pad, per_product in oordeel.items():
            print(printable(judgement_text(pad, per_product), lines=True))
    return 2 if failed else 0


def judgements(model: Model) -> dict:
    """Per product, the 'oordeel' questions that can decide it (the solver's answer, never an enumeration)."""
    from ..semantics.findings import judged_on
    from ..semantics.judgement import deciding_judgements

    return {pid: [{"vraag": q, "beslist": how} for q, how in found]
            for pid, found in deciding_judgements(model, judged_on(model)).items()}


def judgement_text(pad: str, per_product: dict) -> str:
    lines = [f"\nOordeel van de consulent in {pad}: welke oordeelsvragen een product kunnen beslissen"]
    for pid, found in per_product.items():
        said = ", ".join(f["vraag"] + (" (niet bewezen)" if f["beslist"] != "ja" else "") for f in found)
        lines.append(f"  {pid}: {said or 'geen'}")
    return "\n".join(lines)


def cmd_fmt(args: argparse.Namespace) -> int:
    from ..tools.fmt import format_text
    from ..language.parse import parse_file

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
            if args.check:  # what would change, as a unified diff (also for CI logs)
                sys.stdout.writelines(printable(line) for line in difflib.unified_diff(
                    text.splitlines(keepends=True), formatted.splitlines(keepends=True), f"{path} (nu)", f"{path} (na wmo fmt)"))
            else:
                write_atomic(path, formatted, file_mode(path, PUBLIC))
    if args.check:
        for path in anders:
            print(printable(f"{path}: staat niet in de vaste opmaak (wmo fmt {path})", lines=False))
        print(f"{len(paths) - len(anders)} van {len(paths)} bestand{'en' if len(paths) != 1 else ''} in de vaste opmaak")
        return 1 if anders else 0
    print(f"{len(anders)} van {len(paths)} bestand{'en' if len(paths) != 1 else ''} opnieuw opgemaakt")
    return 0


def cmd_toon(args: argparse.Namespace) -> int:
    from ..present import document
    from ..plugins import load_region
    from ..semantics.pipeline import checked

    if args.pad and args.regio:
        raise WmoFout("geef een regelbestand óf --regio op, niet allebei")
    if args.pad:
        model, naam = checked(args.pad), args.pad
    elif args.regio:
        model = load_region(args.regio, args.peildatum).model
        naam = Path(model.pad).name
    else:
        raise WmoFout("welke regels? Geef --regio op (zie 'wmo regios') of het pad van een regelbestand")
    if args.formaat == "json":
        import json

        from ..present.catalogue import catalogue

        text = json.dumps(catalogue(model), ensure_ascii=False, indent=2) + "\n"
    else:
        text = document.render(document.build(model, naam), args.formaat)
    if args.uit:
        from .targets import guard

        guard(args.uit, args.overschrijven, text)
        write_atomic(args.uit, text, PUBLIC)  # the rules of a region: no personal data
        print(printable(f"{args.uit} geschreven ({args.formaat})", lines=False))
    else:
        sys.stdout.write(printable(text, json=args.formaat == "json"))
    return 0


def cmd_regio_nieuw(args: argparse.Namespace) -> int:
    from ..tools.scaffold import new_region

    doel = Path(args.map) if args.map else Path(f"wmo-regio-{args.id}")
    files = new_region(args.id, doel, args.naam)
    print(printable(f"Nieuwe regio '{args.id}' in {doel}/:", lines=False))
    for f in files:
        print(printable(f"  {f.relative_to(doel)}", lines=False))
    print(printable(f"\nVolgende stappen:\n  cd {doel}\n  python3 -m pip install -e .\n  wmo test --regio {args.id}"))
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    """Run example cases: every installed region's, one region's, or a loose rule file's
    (--regels, with the cases named or its casussen/ folder). A case file that cannot be read is one
    line of the report; the others are still run, and the exit is 2 at the end."""
    from ..tools.casetest import CaseResult, case_files, run_case
    from ..plugins import load_region, region_sources
    from ..semantics.pipeline import load_rules

    named = [Path(p) for p in args.casussen]
    if args.regels:
        if args.regio:
            raise WmoFout("geef --regels óf --regio op, niet allebei")
        rules = load_rules(args.regels)
        folder = Path(args.regels).parent / "casussen"
        suites = [(Path(args.regels).name, lambda peildatum, r=rules: r, named or ([folder] if folder.is_dir() else []))]
    else:
        sources = region_sources()
        if args.regio:
            if args.regio not in sources:
                raise WmoFout(f"onbekende regio '{args.regio}'; geïnstalleerd: {', '.join(sources)}")
            sources = {args.regio: sources[args.regio]}
        elif named:
            raise WmoFout("bij casusbestanden hoort --regio of --regels: welke regels gelden?")
        suites = [(rid, lambda peildatum, rid=rid: load_region(rid, peildatum),
                   named or ([source.casussen] if source.casussen else [])) for rid, source in sources.items()]
    total = failed = unreadable = 0
    for naam, rules_on, paths in suites:
        cases = case_files(paths)
        print(printable(f"{naam}: {len(cases)} casus{'sen' if len(cases) != 1 else ''}", lines=False))
        for casus in cases:
            total += 1
            result = casus if isinstance(casus, CaseResult) else run_case(rules_on(casus.peildatum), casus)
            if result.geslaagd:
                print(printable(f"  ok    {result.titel}", lines=False))
                continue
            failed += 1
            unreadable += isinstance(casus, CaseResult)
            print(printable(f"  FOUT  {result.titel}  ({Path(result.pad).name})", lines=False))
            for line in ([result.fout] if result.fout else result.verschillen):
                print(printable(f"          {line}"))
    print(f"\n{total - failed} geslaagd, {failed} mislukt" + (f" ({unreadable} onleesbaar)" if unreadable else ""))
    return 2 if unreadable else 1 if failed else 0
