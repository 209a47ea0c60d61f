"""The engine: a checked region that evaluates cases into a :class:`Beoordeling`.

This joins the stages for one case: which questions are still needed
(``solver.py``), the evaluation with its trace (``evaluate.py``) and the
values a consultant may look at. The result has the shape of the JSON contract
of ``wmo beoordeel --formaat json``; ``explain.py`` turns it into words.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..language import ast, kinds

from ..language.check import Model
from ..errors import RegioFout
from .evaluate import Evaluation, Uitkomst
from .values import check_computed

if TYPE_CHECKING:
    from .compile import Compiled
    from .solver import Solver


def regelversie(model: Model) -> str:
    """The version of a region's rules as the contract states it."""
    regio = model.regio
    assert regio.geldig_vanaf is not None, "the checker requires 'geldig vanaf'"
    versie = regio.bron.versie if regio.bron and regio.bron.versie else "onbekend"
    return f"{versie} (geldig vanaf {regio.geldig_vanaf.isoformat()})"


VAN_REGELS = "volgens de regels"  # a deviation that does not say what the rules derived (yet)


@dataclass(frozen=True)
class Afwijking:
    """A consultant's professional deviation: ``waarde`` replaces what the rules derive for ``onderwerp``.

    Deviations form a history: several on one onderwerp all stay (in the session, the
    result and the receipt); the last one counts (:func:`geldend`). ``van`` is always what
    the rules derive without any deviation, filled in by :meth:`Rules.evaluate`."""

    onderwerp: str  # a derived value or table
    waarde: object  # the deviating value, as the engine computes with it
    van: str  # what the rules said, in words
    naar: str  # the deviating value, in words
    reden: str
    tijdstip: str | None = None  # when the consultant made it (intake); None in a case file without one

    def als_data(self, geldt: bool = True) -> dict:
        return {"onderwerp": self.onderwerp, "van": self.van, "naar": self.naar, "reden": self.reden,
                "tijdstip": self.tijdstip, "geldt": geldt}


def geldend(afwijkingen: Sequence[Afwijking]) -> list[Afwijking]:
    """The deviations that count: per onderwerp the last one, in the order they were last made."""
    last = {a.onderwerp: a for a in afwijkingen}
    return [a for a in afwijkingen if last[a.onderwerp] is a]


@dataclass
class Beoordeling:
    """The outcome of one case: the indicatie, its values, what is missing, and the trace."""

    model: Model
    peildatum: dt.date
    antwoorden: dict
    uitkomst: str  # "indicatie" | "geen_indicatie" | "onvolledig"
    ontbrekend: list[str]
    waarden: dict[str, object]
    conclusies: Uitkomst | None
    evaluatie: Evaluation | None = field(repr=False, default=None)
    afwijkingen: list[Afwijking] = field(default_factory=list)  # the whole history, oldest first
    plugin: dict | None = None  # {"naam", "versie"} of the region's plugin, for the receipt
    herkomst: dict | None = None  # question -> (bron, tijdstip) when the answers come from an intake

    @property
    def geldende_afwijkingen(self) -> list[Afwijking]:
        return geldend(self.afwijkingen)

    def afwijkingen_data(self) -> list[dict]:
        """Every deviation made, oldest first, each saying whether it is the one that counts."""
        counting = {id(a) for a in self.geldende_afwijkingen}
        return [a.als_data(id(a) in counting) for a in self.afwijkingen]

    @property
    def producten(self):
        if self.conclusies is None or self.conclusies.geen_indicatie:
            return []
        return self.conclusies.producten

    def known_from_answers(self, naam: str) -> bool:
        """True when a traced value rests only on real answers, not on answers filled in
        for questions that could not change the outcome. A derived value the given answers
        already fix (``waarden``) counts as known whatever it read of a skipped question
        ('a of b' with a: ja), and so does a rule whose condition they fix: the deciding steps
        stay in the explanation whatever the intake skipped."""
        if self.evaluatie is None:
            return False
        if naam in self.waarden or (naam.startswith("regel:") and self._fixed_rule(naam[len("regel:"):])):
            return True
        trace = self.evaluatie.trace
        seen: set[str] = set()
        stack = [naam]
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            if n in self.model.vragen and n not in self.antwoorden:
                return False
            if n != naam and n in self.waarden:
                continue  # fixed by the answers given
            stap = trace.get(n)
            if stap is not None:
                stack.extend(stap.gelezen)
        return True

    def _fixed_rule(self, rid: str) -> bool:
        """Does the rule's condition follow from the given answers alone?"""
        from .evaluate import Open

        regel = self.model.regels.get(rid)
        if regel is None:
            return False
        if regel.voorwaarde is None:
            return True
        overrides = {a.onderwerp: a.waarde for a in self.afwijkingen}
        try:
            Evaluation(self.model, self.antwoorden, overrides, strict=True, peildatum=self.peildatum).eval(regel.voorwaarde)
        except Open:
            return False
        return True


class Rules:
    """A region's checked rules: the small public surface the CLI and the intake use."""

    def __init__(self, model: Model):
        self.model = model
        self._solvers: dict[tuple, Solver] = {}
        self.plugin: dict | None = None  # set by plugins.load_region: the region's plugin and its version

    @property
    def id(self) -> str:
        return self.model.regio.id

    @property
    def regelversie(self) -> str:
        return regelversie(self.model)

    def solver(self, peildatum: dt.date, overrides: dict | None = None) -> Solver:
        """The solver session for these rules (``solver.py``), made on first use: z3 is only
        loaded when an open question has to be decided."""
        key = (peildatum, tuple(sorted((k, repr(v)) for k, v in (overrides or {}).items())))
        if key not in self._solvers:
            from .solver import Solver

            self._solvers[key] = Solver(self.model, peildatum, overrides, None if overrides else self.compiled)
        return self._solvers[key]

    def solver_notes(self, peildatum: dt.date, overrides: dict | None = None) -> list[str]:
        """Why the solver could not decide something for this case (none when it could), for --spoor."""
        key = (peildatum, tuple(sorted((k, repr(v)) for k, v in (overrides or {}).items())))
        solver = self._solvers.get(key)
        return list(solver.door.reasons) if solver is not None else []

    def check_peildatum(self, peildatum: dt.date) -> None:
        regio = self.model.regio
        if regio.geldig_vanaf and peildatum < regio.geldig_vanaf:
            raise RegioFout(f"de regels van regio {regio.id} gelden pas vanaf {regio.geldig_vanaf:%d-%m-%Y}; peildatum is {peildatum:%d-%m-%Y}")
        if regio.geldig_tot and peildatum > regio.geldig_tot:
            raise RegioFout(f"de regels van regio {regio.id} golden tot {regio.geldig_tot:%d-%m-%Y}; peildatum is {peildatum:%d-%m-%Y}")

    @functools.cached_property
    def compiled(self) -> Compiled:
        """The decision compiled to Python (``compile.py``), made on first use."""
        from ..bulk import building
        from .compile import compile_model

        with building():
            return compile_model(self.model)

    def evaluate_fast(self, answers: dict, peildatum: dt.date | None = None) -> Beoordeling:
        """The same Beoordeling as :meth:`evaluate`, without the trace, for batches.

        Runs the compiled decision; a case that leaves open a question the
        decision reads goes through :meth:`evaluate`, which knows exactly which
        open questions matter.
        """
        from .evaluate import Open

        peildatum = peildatum or dt.date.today()
        self.check_peildatum(peildatum)
        self.refuse_broken_eis(answers, peildatum)
        try:
            waarden, conclusies = self.compiled(answers, peildatum)
        except Open:
            return self.evaluate(answers, peildatum)
        check_computed(waarden, conclusies)
        uitkomst = "indicatie" if conclusies.producten and not conclusies.geen_indicatie else "geen_indicatie"
        return Beoordeling(self.model, peildatum, answers, uitkomst, [], waarden, conclusies, plugin=self.plugin)

    def refuse_broken_eis(self, answers: dict, peildatum: dt.date) -> None:
        """EisBreuk (a CasusFout) with the eis's own message when the answers break an eis of the rules."""
        from .eisen import EisBreuk, broken_eis

        eis = broken_eis(self, answers, peildatum) if self.model.eisen else None
        if eis is not None:
            raise EisBreuk(eis)

    def still_needed(self, answers: dict, peildatum: dt.date | None = None, overrides: dict | None = None) -> list[str]:
        """The unanswered questions that can still change the outcome, in rule-file order. Questions
        about persons count once the number of persons is known: first 'how many', then per person.
        Once the outcome is settled: the questions a ``motivering`` that will appear names (a value
        named in a motivering counts as used, so its sentence never shows an unasked value)."""
        peildatum = peildatum or dt.date.today()
        needed = self.outcome_needed(answers, peildatum, overrides)
        return needed or self.motivering_needed(answers, peildatum, overrides)

    def motivering_needed(self, answers: dict, peildatum: dt.date, overrides: dict | None = None) -> list[str]:
        """Unanswered questions behind a ``{naam}`` of a motivering that the explanation will show:
        a firing rule's, or that of the case, row or definition that gave a value."""
        from ..language.motivations import placeholders
        from .evaluate import Open

        m = self.model
        ev = Evaluation(m, answers, overrides, strict=True, peildatum=peildatum)
        try:
            ev.conclude()
        except Open:
            return []
        texts: list[str | None] = [r.motivering for r in m.regels.values() if r.motivering and ev.trace["regel:" + r.id].waarde is True]
        for naam, stap in list(ev.trace.items()):
            d = m.waarden.get(naam) or m.tabellen.get(naam)
            if d is not None and stap.soort in ("waarde", "tabel"):
                texts.append(getattr(stap.via, "motivering", None) or d.motivering)
        needed: list[str] = []
        for naam in dict.fromkeys(p for t in texts if t for p in placeholders(t)):
            while naam in m.vragen or naam in m.waarden or naam in m.tabellen:
                try:
                    ev.value(naam)
                    break
                except Open as open_:
                    qid = open_.args[0] if open_.args else None
                    if qid not in m.vragen or qid in needed or m.vragen[qid].persoon is not None:
                        break
                    needed.append(qid)
                    ev.answers = {**ev.answers, qid: any_answer(m.vragen[qid], peildatum)}  # look for the next one
        order = {q: i for i, q in enumerate(m.vragen)}
        return sorted(needed, key=order.__getitem__)  # every one is a question

    def outcome_needed(self, answers: dict, peildatum: dt.date | None = None, overrides: dict | None = None) -> list[str]:
        """The unanswered questions that can still change the outcome (the solver's answer)."""
        peildatum = peildatum or dt.date.today()
        if self.settled(answers, overrides, peildatum):
            return []
        vragen = self.model.vragen
        return [q for q in self.solver(peildatum, overrides).still_needed(answers)
                if (persoon := vragen[q].persoon) is None or persoon[0] in answers]

    def settled(self, answers: dict, overrides: dict | None = None, peildatum: dt.date | None = None) -> bool:
        """Does the outcome follow without reading an open question? Then nothing more is needed,
        and the solver need not start (a complete case, and most cases of a batch)."""
        from .evaluate import Open

        if all(q in answers for q in self.model.vragen):
            return True
        try:
            Evaluation(self.model, answers, overrides, strict=True, peildatum=peildatum or dt.date.today()).conclude()
        except Open:
            return False
        return True

    def evaluate(self, answers: dict, peildatum: dt.date | None = None, afwijkingen: Iterable[Afwijking] | None = None) -> Beoordeling:
        """Evaluate converted answers (see ``answers.convert_answers``) on a peildatum.

        ``afwijkingen``: a consultant's professional deviations (:class:`Afwijking`); the
        deviating value replaces what the rules derive.
        """
        peildatum = peildatum or dt.date.today()
        self.check_peildatum(peildatum)
        afwijkingen = list(afwijkingen or [])
        overrides = {a.onderwerp: a.waarde for a in afwijkingen}  # the last one per onderwerp counts
        self.refuse_broken_eis(answers, peildatum)
        ontbrekend = self.outcome_needed(answers, peildatum, overrides)
        waarden = self._known_values(answers, peildatum, overrides)
        check_computed(waarden, None)
        if ontbrekend:
            return Beoordeling(self.model, peildatum, answers, "onvolledig", ontbrekend, waarden, None, afwijkingen=afwijkingen,
                               plugin=self.plugin)
        # No open question can change the outcome: fill them with any valid answer.
        filled = dict(answers)
        for qid, vraag in self.model.vragen.items():
            if qid not in filled:
                filled[qid] = any_answer(vraag, peildatum)
        if self.model.eisen:  # the filled-in answers keep every eis too, or the values shown would be impossible ones
            from .eisen import allowed

            if not allowed(self.model, filled, overrides, peildatum):
                filled.update(self.solver(peildatum, overrides).completion(answers) or {})
        evaluation = Evaluation(self.model, filled, overrides, peildatum=peildatum)
        conclusies = evaluation.conclude()
        check_computed({n: v for n, v in evaluation.values.items() if n not in self.model.vragen}, conclusies)
        if afwijkingen:
            afwijkingen = self._with_rule_values(afwijkingen, filled, peildatum)
        uitkomst = "indicatie" if conclusies.producten and not conclusies.geen_indicatie else "geen_indicatie"
        return Beoordeling(self.model, peildatum, answers, uitkomst, [], waarden, conclusies, evaluation, afwijkingen,
                           plugin=self.plugin)

    def _with_rule_values(self, afwijkingen: list["Afwijking"], answers: dict, peildatum: dt.date) -> list["Afwijking"]:
        """Every deviation says what the rules derive without any deviation, in words."""
        from dataclasses import replace

        from .notation import typed_text

        plain = Evaluation(self.model, answers, None, peildatum=peildatum)
        labels = {p.id: p.code for p in self.model.producten.values()}
        return [replace(a, van=typed_text(plain.derived(a.onderwerp, None), self.model.types.get(a.onderwerp), labels))
                for a in afwijkingen]

    def _known_values(self, answers: dict, peildatum: dt.date, overrides: dict | None = None) -> dict[str, object]:
        """Derived values that the given answers already fix (whatever the open ones will be)."""
        from .evaluate import Open

        names = [n for n in [*self.model.waarden, *self.model.tabellen]
                 if not (n in self.model.waarden and self.model.waarden[n].parameter)]
        evaluation = Evaluation(self.model, answers, overrides, strict=True, peildatum=peildatum)
        known = {}
        for n in names:
            try:
                known[n] = evaluation.derived(n, None)  # computed without an open question: fixed
            except Open:
                if not self.settled(answers, overrides, peildatum):  # may still be fixed: the solver decides
                    return self.solver(peildatum, overrides).known_values(answers)
        return known


def any_answer(vraag: ast.Vraag, peildatum: dt.date) -> Any:
    """A valid answer to a question (for one that cannot change the outcome)."""
    return kinds.of(vraag).any_answer(vraag, peildatum)
