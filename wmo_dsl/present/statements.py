"""Values as statements a consultant reads aloud: the rule file's ``zin``/``label`` lines, for "u" or "de inwoner".

A statement is written in the rule file to "u" (the letter). The consultant's screen reads the
same sentence about "de inwoner" by a small swap (:func:`about_the_citizen`); a rule file gives a
second string where the swap would be wrong. A step of the explanation is its conclusion and the
facts that held (:meth:`Feiten.because`): only values that are known, each said as a statement,
never a condition as written.
"""

from __future__ import annotations

import re
from typing import Protocol

from ..language import ast
from ..semantics.notation import list_text, typed_text, value_text
from ..language.model import Model
from ..language.motivations import PLACEHOLDER
from ..semantics.evaluate import Evaluation

_VERBS = {"kunt": "kan", "bent": "is", "hebt": "heeft", "heeft": "heeft", "wilt": "wil", "zult": "zal"}
_NUMBER_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien"}
MAX_WOORDEN = 25  # a sentence longer than this is split: conclusion first, then each fact


def about_the_citizen(text: str) -> str:
    """'U kunt niet zelfstandig reizen.' → 'De inwoner kan niet zelfstandig reizen.'

    The swap: U/u → de inwoner, uw → zijn of haar, uzelf → zichzelf, and the verbs that differ
    between 'u' and 'hij of zij', only right before or after 'u': kunt→kan, bent→is, hebt→heeft,
    wilt→wil, zult→zal."""
    verbs = "|".join(_VERBS)
    text = re.sub(rf"\b([Uu])(\s+)({verbs})\b", lambda m: m[1] + m[2] + _VERBS[m[3]], text)
    text = re.sub(rf"\b({verbs}|{verbs.title()})(\s+)u\b",
                  lambda m: (_VERBS[m[1].lower()].capitalize() if m[1][0].isupper() else _VERBS[m[1]]) + m[2] + "u", text)
    swap = {"U": "De inwoner", "u": "de inwoner", "Uw": "Zijn of haar", "uw": "zijn of haar", "uzelf": "zichzelf"}
    return re.sub(r"\b(U|u|Uw|uw|uzelf)\b", lambda m: swap[m[1]], text)


_BACK = {"kan": "kunt", "is": "bent", "wil": "wilt", "zal": "zult"}


def to_the_citizen(text: str) -> str:
    """The rule file's own prose about 'de inwoner', for the letter: 'De inwoner kan …' → 'U kunt …'."""
    verbs = "|".join(_BACK)
    text = re.sub(rf"\b([Dd]e inwoner)(\s+)({verbs})\b", lambda m: m[1] + m[2] + _BACK[m[3]], text)
    text = re.sub(rf"\b({verbs}|{verbs.title()})(\s+)de inwoner\b",
                  lambda m: (_BACK[m[1].lower()].capitalize() if m[1][0].isupper() else _BACK[m[1]]) + m[2] + "de inwoner", text)
    swap = {"De inwoner": "U", "de inwoner": "u", "Zijn of haar": "Uw", "zijn of haar": "uw", "hij of zij": "u", "Hij of zij": "U"}
    return re.sub(r"\b(De inwoner|de inwoner|Zijn of haar|zijn of haar|[Hh]ij of zij)\b", lambda m: swap[m[1]], text)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """'U kunt …' → 'u kunt …' inside a sentence; 'Wlz …', 'IB …' and names stay as they are."""
    if len(text) > 1 and text[1].isupper() or text.split(" ", 1)[0] in ("Beschermd", "Wet"):
        return text
    return text[:1].lower() + text[1:]


def count_word(n: int) -> str:
    return _NUMBER_WORDS.get(n, str(n))


class Labelling(Protocol):
    """Readable names for values (explain.Labels)."""

    def value(self, naam: str, value: object) -> str: ...


class Feiten:
    """Statements of values for one reader: ``lezer`` is "u" (the letter) or "inwoner" (the screen)."""

    def __init__(self, model: Model, labels: Labelling, lezer: str = "inwoner") -> None:
        self.model = model
        self.labels = labels
        self.lezer = lezer

    def definition(self, naam: str) -> ast.Vraag | ast.Waarde | ast.Tabel | None:
        m = self.model
        return m.vragen.get(naam) or m.waarden.get(naam) or m.tabellen.get(naam)

    def said(self, zin: ast.Zin) -> str:
        if self.lezer == "u":
            return zin.u
        return zin.inwoner or about_the_citizen(zin.u)

    def prose(self, text: str) -> str:
        """The rule file's own sentence (a motivering, a toelichting) for this reader."""
        return to_the_citizen(text) if self.lezer == "u" else text

    def reader(self, text: str) -> str:
        """A sentence written to 'u' by the tool itself, for this reader."""
        return text if self.lezer == "u" else about_the_citizen(text)

    def label(self, naam: str) -> str:
        d = self.definition(naam)
        if d is not None and d.zinnen.label:
            return d.zinnen.label
        if isinstance(d, ast.Vraag) and d.persoon is not None:
            return d.onderwerp()
        return naam.replace("_", " ")

    def words(self, naam: str, value: object) -> str:
        """A value in words: a symbol's label, an option's label, a product's name, a record's parts."""
        d = self.definition(naam)
        symbolen = dict(d.zinnen.symbolen) if d is not None else {}
        if isinstance(value, str) and value in symbolen:
            return symbolen[value]
        t = self.model.types.get(naam)
        from ..semantics.values import Record

        if isinstance(value, Record) and t is not None and t.velden:
            return "; ".join(f"{symbolen.get(k, k.replace('_', ' '))}: {value_text(v, eenheid=t.unit_of(k))}" for k, v in value.fields)
        if isinstance(value, (list, tuple, frozenset, set)) and isinstance(d, ast.Vraag):
            opts = {o.id: o.label for o in d.opties}
            return list_text([lower_first(opts.get(v, str(v))) for v in sorted(value, key=lambda v: list(opts).index(v) if v in opts else 99)])
        if isinstance(value, str) and value in self.model.producten:
            return self.labels.value(naam, value)
        return self.labels.value(naam, value) if t is None or isinstance(value, str) else typed_text(
            value, t, {o.id: o.label for o in d.opties} if isinstance(d, ast.Vraag) else None)

    def fact(self, naam: str, value: object) -> str:
        """The statement of one known value: "U kunt niet zelfstandig reizen.", "Er zijn twee verzwarende omstandigheden: …";
        an answer of the consultant's professional judgement ('oordeel') says so."""
        text = self._fact(naam, value)
        d = self.definition(naam)
        if isinstance(d, ast.Vraag) and d.oordeel:
            return f"Naar het oordeel van de consulent geldt: {lower_first(text)}"
        return text

    def _fact(self, naam: str, value: object) -> str:
        d = self.definition(naam)
        z = d.zinnen if d is not None else ast.Zinnen()
        if isinstance(value, bool):
            zin = z.ja if value else z.nee
            if zin is not None:
                return self.said_filled(zin, naam, value)
            return f"{capital(self.label(naam))}: {'ja' if value else 'nee'}."
        if z.waarde is not None:
            return self.said_filled(z.waarde, naam, value)
        if isinstance(value, (list, tuple, frozenset, set)) and isinstance(d, ast.Vraag):
            n = len(value)
            if n == 0:
                return f"Er zijn geen {self.label(naam)}."
            if n == 1 and d.enkelvoud:
                return f"Er is één {d.enkelvoud}: {self.words(naam, value)}."
            if n == len(d.opties) and n > 3:
                return f"Alle {count_word(n)} {self.label(naam)} zijn van toepassing."
            return f"Er zijn {count_word(n)} {self.label(naam)}: {self.words(naam, value)}."
        return f"{capital(self.label(naam))}: {self.words(naam, value)}."

    def said_filled(self, zin: ast.Zin, naam: str, value: object) -> str:
        """A statement with its values, for this reader: the swap to 'de inwoner' also reaches the
        filled-in labels ("behouden wat u kunt"); a consultant's own form is used as written."""
        if self.lezer == "u":
            return self.filled(zin.u, naam, value)
        return self.filled(zin.inwoner, naam, value) if zin.inwoner else about_the_citizen(self.filled(zin.u, naam, value))

    def filled(self, text: str, naam: str, value: object) -> str:
        values = self.values

        def one(n: str, start: bool) -> str | None:
            if n == "waarde":
                words = self.words(naam, value)
                return words if start else lower_first(words)
            if n == "aantal" and isinstance(value, (list, tuple, frozenset, set)):
                return count_word(len(value))
            return self.words(n, values[n]) if n in values else None
        def start(at: int) -> bool:  # a value opening a sentence keeps its capital: "{waarde} is nodig."
            before = text[:at].rstrip()
            return not before or before.endswith((".", "!", "?"))
        return PLACEHOLDER.sub(lambda m: one(m.group(1).strip(), start(m.start())) or m.group(0), text)

    values: dict = {}

    # ── reasons ──
    def known(self, naam: str) -> bool:
        return naam in self.values and self.values[naam] is not None and naam not in self.model.producten

    def refs(self, e: ast.Expr | None) -> list[str]:
        return list(dict.fromkeys(s.id for s in ast.walk(e) if isinstance(s, ast.Ref) and s.target != "product" and self.known(s.id)))

    def held(self, e: ast.Expr | None, ev: Evaluation) -> list[str]:
        """The known values that made ``e`` hold (none for no condition)."""
        match e:
            case ast.Not(operand=x):
                return self.failed(x, ev)
            case ast.Logic(op="en", items=items):
                return [n for i in items for n in self.held(i, ev)]
            case ast.Logic(op="of", items=items):
                return [n for i in items if ev.eval(i) is True for n in self.held(i, ev)][:len(self.refs(e))]
            case _:
                return self.refs(e)

    def failed(self, e: ast.Expr | None, ev: Evaluation) -> list[str]:
        """The known values that kept ``e`` from holding (none for no condition)."""
        match e:
            case ast.Not(operand=x):
                return self.held(x, ev)
            case ast.Logic(op="en", items=items):
                return [n for i in items if ev.eval(i) is False for n in self.failed(i, ev)]
            case ast.Logic(op="of", items=items):
                return [n for i in items for n in self.failed(i, ev)]
            case _:
                return self.refs(e)

    def because(self, conclusion: str, names: list[str], skip: tuple[str, ...] = ()) -> str:
        """'Conclusion, want fact and fact.' when short, else the conclusion and each fact as a sentence."""
        facts = list(dict.fromkeys(self.fact(n, self.values[n]) for n in names if n not in skip and self.known(n)))
        facts = [f for f in facts if f.rstrip(".") != conclusion.rstrip(".")]
        conclusion = conclusion.rstrip(".")
        if not facts:
            return conclusion + "."
        short = conclusion + ", want " + list_text([lower_first(f.rstrip(".")) for f in facts]) + "."
        if len(short.split()) <= MAX_WOORDEN and not any(":" in f for f in facts[:-1]) and not (len(facts) > 1 and ":" in facts[-1]):
            return short
        return conclusion + ". " + " ".join(facts)


def statement_lines(model: Model) -> dict[str, list[str]]:
    """For ``wmo toon``: each definition's statements as the rule file gives them, in words."""
    found: dict[str, list[str]] = {}
    definities: list[ast.Vraag | ast.Waarde | ast.Tabel | ast.Product] = [
        *model.vragen.values(), *model.waarden.values(), *model.tabellen.values(), *model.producten.values()]
    for d in definities:
        z, lines = d.zinnen, []
        if z.label:
            lines.append(f"label: {z.label}")
        for wat, zin in (("als het zo is", z.ja), ("als het niet zo is", z.nee), ("zin", z.waarde)):
            if zin is not None:
                lines.append(f"{wat}: “{zin.u}”" + (f" (voor de consulent: “{zin.inwoner}”)" if zin.inwoner else ""))
        lines += [f"{s.replace('_', ' ')}: {label}" for s, label in z.symbolen]
        if lines:
            found[d.id] = lines
    return found
