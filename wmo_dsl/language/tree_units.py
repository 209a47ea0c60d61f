"""Lark's parse tree to AST: units as written, and the units a region declares itself.

A unit is read where it is written (``2,5 uur per week``, ``0,18 euro per km``, ``100 euro per
4 weken``, ``eenheid strippen per jaar``): the word after ``per`` is a period (a count of one
when none is given) or a unit, which makes a rate. The region's own units (``eenheid strip`` /
``meervoud strippen`` / ``is 4 uur``) are read from the tree before anything else, so an amount
may use a unit declared further down the file. A mixin of
:class:`~wmo_dsl.language.tree.ToAst`, which gives ``_finding`` and ``_bounded``.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from fractions import Fraction

from lark import Token, Tree, v_args

from . import ast
from .tree_host import TreeHost
from .types import Eenheid
from .vocabulary import (AMOUNT_UNIT_WORDS, AMOUNT_UNITS, PERIOD_WORDS, PERIODS, PERIODS_ALLOWED, TIME_UNIT_WORDS, TIME_UNITS,
                         period_name)

MAX_PERIOD_COUNT = 366  # per 52 weken, per 12 maanden: more is a typo


def _number_and_name(tree: Tree[Token]) -> tuple[Token, Token]:
    """The terminals of ``eenheid_is: "is" NUMBER NAME``."""
    aantal, doel = tree.children
    assert isinstance(aantal, Token) and isinstance(doel, Token)
    return aantal, doel


@v_args(meta=True)
class UnitsToAst(TreeHost):
    def _declare_units(self, tree: Tree[Token]) -> None:
        """Read the region's ``eenheid`` declarations from the parse tree, before transforming it."""
        self.units = {}
        declared: dict[str, tuple[Token, str, tuple[Token, Token] | None]] = {}
        for node in getattr(tree, "children", ()):
            if not (isinstance(node, Tree) and node.data == "eenheid_def"):
                continue
            naam, *items = node.children
            assert isinstance(naam, Token)  # eenheid_def: "eenheid" NAME …
            meervoud = next((str(i.children[0]) for i in items if isinstance(i, Tree) and i.data == "meervoud"), str(naam))
            is_ = next((_number_and_name(i) for i in items if isinstance(i, Tree) and i.data == "eenheid_is"), None)
            for word in dict.fromkeys((str(naam), meervoud)):
                clash = self._builtin_word(word)
                if clash is not None:
                    self._finding("E250", f"'{word}' is al {clash}", naam,
                                  hint="een eenheid van de regio heeft een eigen naam; de ingebouwde eenheden: "
                                       + ", ".join(AMOUNT_UNITS))
                elif word in declared:
                    self._finding("E250", f"eenheid '{word}' is al gedefinieerd op regel {declared[word][0].line}", naam,
                                  hint="geef elke eenheid een eigen naam")
                else:
                    declared[word] = (naam, meervoud, is_)
        resolved: dict[str, Eenheid] = {}

        def resolve(word: str, seen: tuple[str, ...]) -> Eenheid | None:
            naam, meervoud, is_ = declared[word]
            if meervoud in resolved:
                return resolved[meervoud]
            soort, schaal = meervoud, Fraction(1)
            if is_ is not None:
                aantal, doel = is_
                target = AMOUNT_UNIT_WORDS.get(str(doel))
                base = Eenheid(target) if target is not None else None
                if base is None and str(doel) in declared:
                    if declared[str(doel)][1] in seen:
                        self._finding("E250", f"eenheid '{meervoud}' is uitgedrukt in zichzelf", doel,
                                      hint="een eenheid is een aantal van een ingebouwde eenheid of van een andere eenheid")
                        return None
                    base = resolve(str(doel), seen + (meervoud,))
                    if base is None:
                        return None
                if base is None:
                    self._finding("E250", f"'{doel}' is geen eenheid", doel,
                                  hint=self._unit_hint(str(doel)) or "bijvoorbeeld: is 4 uur")
                    return None
                waarde = self._bounded(aantal)
                if waarde <= 0:
                    self._finding("E250", f"een eenheid is meer dan 0 {doel}", aantal, hint="bijvoorbeeld: is 4 uur")
                    return None
                soort, schaal = base.soort, base.schaal * Fraction(waarde)
            unit = Eenheid(meervoud, enkelvoud=str(naam), soort=soort, schaal=schaal)
            resolved[meervoud] = unit
            return unit

        for word in declared:
            unit = resolve(word, ())
            if unit is not None:
                self.units[word] = unit

    @staticmethod
    def _builtin_word(word: str) -> str | None:
        if word in AMOUNT_UNIT_WORDS:
            return "een ingebouwde eenheid"
        if word in TIME_UNIT_WORDS:
            return "een duur (voor rekenen met datums)"
        if word in PERIOD_WORDS:
            return "een periode"
        return None

    def eenheid_def(self, meta, items):
        naam, *rest = items
        d = self._details(rest, meta)
        unit = getattr(self, "units", {}).get(str(naam)) or Eenheid(d.get("meervoud", str(naam)), enkelvoud=str(naam),
                                                                     soort=d.get("meervoud", str(naam)))
        is_ = d.get("is")
        if is_ is not None:
            target = self._maat(is_[1], quiet=True)
            is_ = (self._bounded(is_[0]), target) if target is not None else None
        return ast.EenheidDef(str(naam), unit, is_, d.get("bron"), d.get("toelichting"), self._tokpos(naam))

    def meervoud(self, meta, items):
        return ("meervoud", str(items[0]))

    def eenheid_is(self, meta, items):
        return ("is", (items[0], items[1]))

    def per_deel(self, meta, items):
        return (items[0], items[1])  # (the count or None, the word)

    def _unit_hint(self, woord: str) -> str | None:
        known = sorted(set(AMOUNT_UNIT_WORDS) | set(TIME_UNIT_WORDS) | set(getattr(self, "units", {})))
        close = difflib.get_close_matches(woord, known, n=2, cutoff=0.6)
        return ("bedoelde u " + " of ".join(f"'{c}'" for c in close) + "?") if close else None

    def _maat(self, eenheid: Token, quiet: bool = False) -> Eenheid | None:
        """A unit word without period: a built-in unit or one the region declares."""
        woord = str(eenheid)
        maat = AMOUNT_UNIT_WORDS.get(woord)
        if maat is not None:
            return Eenheid(maat)
        declared = getattr(self, "units", {}).get(woord)
        if declared is not None or quiet:
            return declared
        own = ", ".join(dict.fromkeys(u.maat for u in self.units.values())) if getattr(self, "units", None) else ""
        self._finding("E231", f"'{woord}' is geen eenheid", eenheid,
                      hint=self._unit_hint(woord) or "eenheden: " + ", ".join(AMOUNT_UNITS) + (f", {own}" if own else "")
                      + "; een duur in " + ", ".join(TIME_UNITS) + "; een eigen eenheid declareert u met: eenheid <naam>")
        return None

    def _unit(self, eenheid: Token, pers: list[tuple[Token | None, Token]]) -> Eenheid | None:
        """The unit of an amount as written (``uur``, ``uur per week``, ``euro per km``); a finding
        and None when it is not one."""
        maat = self._maat(eenheid)
        if maat is None or not pers:
            return maat
        if len(pers) > 1:
            count, word = pers[1]
            written = f"{eenheid} " + " ".join(f"per {c + ' ' if c else ''}{w}" for c, w in pers)
            self._finding("E251", f"'{written}': een hoeveelheid heeft hoogstens één 'per'", count or word,
                          hint="een tarief met ook een periode kan niet; schrijf twee waarden, bijvoorbeeld 15 minuten per sessie "
                               "en 2 sessies per week: hun product is in minuten per week")
            return None
        count, word = pers[0]
        woord = str(word)
        if woord in PERIOD_WORDS:
            period = PERIOD_WORDS[woord]
            if count is None:
                if woord not in PERIODS:  # 'per weken'
                    self._finding("E231", f"'per {woord}' mist een aantal", word, hint=f"schrijf per {period} of per 4 {woord}")
                    return None
                return replace(maat, periode=period)
            aantal = self._bounded(count)
            if aantal != aantal.to_integral_value() or not 1 <= aantal <= MAX_PERIOD_COUNT:
                self._finding("E231", f"'per {count} {woord}': een periode telt een heel aantal van 1 tot en met {MAX_PERIOD_COUNT}",
                              count, hint="mogelijk: " + PERIODS_ALLOWED)
                return None
            return replace(maat, periode=period_name(int(aantal), period))
        per = self._maat(word, quiet=True)
        if per is not None:
            if count is not None:
                self._finding("E231", f"'per {count} {woord}': een aantal staat alleen bij een periode", count,
                              hint=f"schrijf per {woord}, en reken zo nodig om")
                return None
            if per.soort == maat.soort:
                self._finding("E231", f"'{maat.maat} per {woord}' is een getal, geen eenheid", word,
                              hint="een tarief telt een eenheid per een andere soort eenheid, bijvoorbeeld 0,18 euro per km")
                return None
            return replace(maat, per=per)
        close = difflib.get_close_matches(woord, [*PERIOD_WORDS, *AMOUNT_UNIT_WORDS, *getattr(self, "units", {})], n=1, cutoff=0.5)
        count_text = f"{count} " if count is not None else ""
        self._finding("E231", f"'per {count_text}{woord}' is geen periode of eenheid", word,
                      hint=(f"bedoelde u 'per {count_text}{close[0]}'? " if close else "") + "mogelijk: " + PERIODS_ALLOWED
                      + "; of een eenheid, zoals per km (een tarief)")
        return None
