"""The intake conversation, apart from any screen.

A :class:`Gesprek` knows which question comes next (the first of the engine's
still-needed set, in rule-file order, skipped ones last), records every answer,
undo, skip and professional deviation in the session log before it moves on,
and can say why it asks, what is settled so far, and how the case ends. The
terminal UI (``terminal.py``) and the JSON-lines protocol (``jsonl.py``)
are thin front ends over it, so both ask exactly the same questions; their commands
are one table (``opdrachten.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..language import ast, kinds, limits
from ..cases.answers import answers_json, from_json, json_value
from ..semantics.engine import Beoordeling, Rules
from ..errors import CasusFout, WmoFout
from ..cases.eisen import toets_eisen
from ..cases.derived_answers import parse_derived
from ..cases.natural import AntwoordFout, answer_text, fold, parse_answer
from .waarom import nodig_voor, waarom
from .labels import kies, onderwerp_vraag, vraag_naam, waarde_naam, waarde_vraag, waarde_woorden
from ..cases.sessions import Gebeurtenis, SessionState, SessionStore
from ..semantics.engine import Afwijking

@dataclass(frozen=True)
class Antwoordregel:
    vraag: ast.Vraag
    waarde: object
    telt_mee: bool


class Gesprek:
    """One intake: the answers so far and the log they come from."""

    def __init__(self, rules: Rules, store: SessionStore, sessie_id: str, peildatum: dt.date):
        self.rules = rules
        self.model = rules.model
        self.store = store
        self.sessie_id = sessie_id
        self.peildatum = peildatum
        self.staat = SessionState(self.model)
        self.vrijgegeven: set[str] = set()  # skipped twice: its follow-up questions no longer wait for it

    # ── starting and resuming ──
    @classmethod
    def nieuw(cls, rules: Rules, store: SessionStore, peildatum: dt.date) -> "Gesprek":
        rules.check_peildatum(peildatum)
        return cls(rules, store, store.new(rules.id, peildatum), peildatum)

    @classmethod
    def hervat(cls, store: SessionStore, sessie_id: str | None, load: Callable[[str, dt.date], Rules]) -> "Gesprek":
        """Replay a stored session; ``load(regio, peildatum)`` gives the rules."""
        info = store.load(sessie_id)
        store.claim(info.id)  # refused while another intake runs it; held until the store closes
        gesprek = cls(load(info.regio, info.peildatum), store, info.id, info.peildatum)
        gesprek.staat.replay(info.gebeurtenissen)
        return gesprek

    # ── the log ──
    def _record(self, g: Gebeurtenis) -> None:
        from dataclasses import replace

        g = replace(g, tijd=g.tijd or dt.datetime.now().isoformat(timespec="seconds"))
        self.store.append(self.sessie_id, g)
        self.staat.apply(g)

    @property
    def antwoorden(self) -> dict:
        return self.staat.antwoorden

    @property
    def volgorde(self) -> list[str]:
        return self.staat.volgorde

    @property
    def later(self) -> list[str]:
        return self.staat.later

    @property
    def afwijkingen(self) -> list[Afwijking]:
        return self.staat.afwijkingen

    @property
    def onbruikbaar(self) -> dict[str, str]:
        return self.staat.onbruikbaar

    # ── what the letter needs besides the answers ──
    def geef(self, veld: str, waarde: str | None) -> None:
        """Record the aanvraagdatum (ISO), the kenmerk (never a BSN: WmoFout) or the gemeente for the beschikking."""
        from ..cases.kenmerk import check_kenmerk

        self._record(Gebeurtenis("gegeven", veld, check_kenmerk(waarde) if veld == "kenmerk" and waarde else waarde))

    def briefgegevens(self):
        """The session's facts for the letter (:class:`~wmo_dsl.present.brief.Briefgegevens`)."""
        from ..present.brief import Briefgegevens

        g = self.staat.gegevens
        datum, kenmerk, gemeente = (v if isinstance(v := g.get(k), str) else None for k in ("aanvraagdatum", "kenmerk", "gemeente"))
        return Briefgegevens(dt.date.fromisoformat(datum) if datum else None, kenmerk, gemeente)

    # ── asking ──
    def overrides(self) -> dict:
        return {a.onderwerp: a.waarde for a in self.afwijkingen}

    def nodig(self) -> list[str]:
        return self.rules.still_needed(self.antwoorden, self.peildatum, self.overrides())

    def volgende(self) -> ast.Vraag | None:
        """The next question: the first still needed, skipped ones only when nothing else is left.
        A question that a skipped one may make unnecessary (the follow-up of a gate question put off
        with 'later') waits until the skipped one is answered."""
        return self._next(self.later)

    def kan_later(self, vraag_id: str) -> bool:
        """Would 'later' put this question off? Not when every other question still needed waits for it."""
        later = [q for q in self.later if q != vraag_id] + [vraag_id]
        volgende = self._next(later)
        return volgende is None or volgende.id != vraag_id

    def _next(self, later: list[str]) -> ast.Vraag | None:
        nodig = self.model.in_asking_order(self.nodig())
        eerst = [q for q in nodig if q not in later]
        if eerst and later:
            eerst = [q for q in eerst if q not in self._waiting_for_later(eerst, nodig, later)]
        kies = eerst or [q for q in later if q in nodig]
        return self.model.vragen[kies[0]] if kies else None

    def _waiting_for_later(self, eerst: list[str], nodig: list[str], later: list[str]) -> set[str]:
        """The questions of ``eerst`` that are not needed under some answer to a skipped question
        (one with a few answers: ja/nee or a choice); those wait for it, until it is answered or
        skipped a second time."""
        waiting: set[str] = set()
        for p in later:
            vraag = self.model.vragen.get(p)
            if p not in nodig or vraag is None or p in self.vrijgegeven:
                continue
            values = kinds.of(vraag).choices(vraag) or ()
            for value in values[:8]:
                needed = set(self.rules.still_needed({**self.antwoorden, p: value}, self.peildatum, self.overrides()))
                waiting |= {q for q in eerst if q not in needed}
        return waiting

    def vraagtekst(self, vraag: ast.Vraag) -> str:
        """The question as asked; about a person with what is known of them: "Huisgenoot 2 (34 jaar): …"."""
        from ..cases.persons import person_question

        return person_question(self.model, vraag, self.antwoorden, lambda qid, v: answer_text(self.model.vragen[qid], v))

    def beantwoord(self, vraag_id: str, waarde: object) -> None:
        """Record an answer; EisFout (nothing recorded) when it breaks an eis of the rules."""
        vraag = self.model.vragen[vraag_id]
        toets_eisen(self.rules, {**self.antwoorden, vraag_id: waarde}, self.peildatum, self.overrides())
        self._record(Gebeurtenis("antwoord", vraag_id, json_value(waarde, vraag)))

    def beantwoord_tekst(self, vraag: ast.Vraag, tekst: str) -> None:
        """A typed answer; AntwoordFout when it does not fit (nothing is recorded then)."""
        self.beantwoord(vraag.id, parse_answer(vraag, tekst))

    def beantwoord_json(self, vraag: ast.Vraag, waarde: object) -> None:
        """An answer as in a case file; CasusFout when it does not fit. A list of persons (objects with
        their answers) gives the count and every answer about them, all checked before any is kept."""
        if vraag.soort == "personen":
            from ..cases.persons import person_answers

            antwoorden = person_answers(self.model, vraag, waarde, from_json)
            toets_eisen(self.rules, {**self.antwoorden, **antwoorden}, self.peildatum, self.overrides())
            for qid, value in antwoorden.items():
                self.beantwoord(qid, value)
            return
        if isinstance(waarde, str) and vraag.soort != "tekst":
            try:
                value = from_json(vraag, waarde)
            except CasusFout as err:  # a string as people type it ("ja hoor", "1 3", "5 jan 2026"): the one parser
                try:
                    value = parse_answer(vraag, waarde)
                except AntwoordFout:
                    raise err from None  # neither: the message that names the ids a program sends
            self.beantwoord(vraag.id, value)
            return
        self.beantwoord(vraag.id, from_json(vraag, waarde))

    def terug(self) -> ast.Vraag | None:
        """Undo the last answer (after 'wijzig': the answer before it comes back); returns its
        question, or None when there is nothing to undo."""
        if not self.staat.geschiedenis:
            return None
        laatste = self.staat.geschiedenis[-1][0]
        self._record(Gebeurtenis("terug", laatste, json_value(self.antwoorden.get(laatste), self.model.vragen[laatste])))
        return self.model.vragen[laatste]

    def sla_over(self, vraag_id: str) -> None:
        if vraag_id in self.later:  # skipped again: what waited for it is asked now
            self.vrijgegeven.add(vraag_id)
        self._record(Gebeurtenis("later", vraag_id))

    def genummerd(self) -> list[ast.Vraag]:
        """The answered questions as numbered in "Klopt dit?" and the overview (the numbers 'wijzig N'
        takes): those that count first, without gaps, then those that no longer matter."""
        rows = self.antwoordregels()
        return [r.vraag for r in rows if r.telt_mee] + [r.vraag for r in rows if not r.telt_mee]

    def zoek_vraag(self, tekst: str) -> ast.Vraag:
        """A question by number in the overview, label, id or unique prefix; WmoFout with the list otherwise."""
        t = fold(tekst).replace("_", " ")
        genummerd = self.genummerd()
        if t.isdigit() and 1 <= int(t) <= len(genummerd):
            return genummerd[int(t) - 1]
        namen = {v.id: {fold(v.id).replace("_", " "), fold(v.onderwerp()), fold(vraag_naam(v))} for v in self.model.vragen.values()}
        exact = [v for v in self.model.vragen.values() if t in namen[v.id]]
        kandidaten = exact or [v for v in self.model.vragen.values() if any(n.startswith(t) for n in namen[v.id])]
        if t and len(kandidaten) > 1:
            kandidaten = [v for v in kandidaten if v.id in self.antwoorden] or kandidaten
        if t and len(kandidaten) == 1:
            return kandidaten[0]
        if t.isdigit():
            raise WmoFout(f"Er is geen vraag {t}; typ het nummer van een beantwoorde vraag (1 tot en met {len(genummerd)}) "
                          "of het begin van de vraag." if genummerd else f"Er is geen vraag {t}: er is nog geen vraag beantwoord.")
        lijst = "; ".join(f"{i}. {vraag_naam(v)}" for i, v in enumerate(genummerd, 1)) or "(nog geen)"
        raise WmoFout(f"Welke vraag? Typ het nummer of het begin van de naam. Beantwoord zijn: {lijst}")

    # ── professional deviation ──
    def afwijkbaar(self) -> dict[str, str]:
        """Derived values a consultant may deviate from, with their current value in words."""
        b = self.beoordeling()
        out = {}
        for naam in list(self.model.waarden) + list(self.model.tabellen):
            w = self.model.waarden.get(naam)
            if w is not None and w.parameter:
                continue
            out[naam] = self._show(naam, b.waarden[naam]) if naam in b.waarden else "nog niet bepaald"
        return out

    def kies_onderwerp(self, tekst: str) -> str:
        """The derived value a consultant named: by id, label, number in the list or its beginning;
        AntwoordFout (with a suggestion for a typo) otherwise."""
        if tekst.strip() in self.afwijkbaar():
            return tekst.strip()
        return kies(onderwerp_vraag(self.model, list(self.afwijkbaar())), tekst, "is geen afgeleide waarde om van af te wijken")

    def afwijkend_onderwerp(self, tekst: str) -> str | None:
        """The derived value a consultant named (as :meth:`kies_onderwerp`), or None."""
        try:
            return self.kies_onderwerp(tekst)
        except AntwoordFout:
            return None

    def afwijkende_waarde(self, onderwerp: str, tekst: str) -> object:
        """The value a consultant typed for a deviation, checked before a reason is asked: an id as a
        program sends it, or a label, number or beginning as people type it."""
        naam = self.afwijkend_onderwerp(onderwerp)
        if naam is None:
            raise WmoFout(f"'{onderwerp[:40]}' is geen afgeleide waarde; kies uit: "
                          + "; ".join(f"{i}. {waarde_naam(self.model, n)}" for i, n in enumerate(self.afwijkbaar(), 1)))
        vraag = waarde_vraag(self.model, naam)
        if vraag is None:
            return parse_derived(self.model, naam, tekst)
        try:
            return parse_derived(self.model, naam, tekst)
        except WmoFout:
            return kies(vraag, tekst, f"is geen mogelijke waarde van {waarde_naam(self.model, naam)}")

    def wijk_af(self, onderwerp: str, tekst: str, reden: str) -> None:
        onderwerp = self.afwijkend_onderwerp(onderwerp) or onderwerp
        waarde = self.afwijkende_waarde(onderwerp, tekst)  # refused here, before anything is stored
        if not reden.strip():
            raise WmoFout("een afwijking vraagt een reden")
        if len(reden) > limits.MAX_TEXT:
            raise WmoFout(f"de reden is langer dan {limits.MAX_TEXT} tekens; vat haar samen")
        van = self.afwijkbaar().get(onderwerp, "onbekend")
        self._record(Gebeurtenis("afwijking", onderwerp, {"naar": json_value(waarde), "van": van}, reden.strip()))

    def _show(self, naam: str, waarde: object) -> str:
        return waarde_woorden(self.model, naam, waarde)  # a product by name, a symbol by its label: never an id

    # ── explaining (waarom.py) ──
    def nodig_voor(self, vraag: ast.Vraag) -> list[str]:
        return nodig_voor(self.model, vraag)

    def waarom(self, vraag: ast.Vraag) -> str:
        return waarom(self, vraag)

    def antwoordregels(self) -> list[Antwoordregel]:
        """Given answers in rule-file order, each marked whether it still counts."""
        tellend = self.relevante_antwoorden()
        return [Antwoordregel(self.model.vragen[q], self.antwoorden[q], q in tellend) for q in self.model.vragen if q in self.antwoorden]

    def relevante_antwoorden(self) -> dict:
        """The answers the conversation would ask for now, replayed in its own order.

        An answer that a change ('wijzig') made irrelevant drops out; an answer that was asked
        stays, even if a later answer happens to settle the outcome on its own.
        """
        kept: dict = {}
        while True:
            nodig = [q for q in self.rules.still_needed(kept, self.peildatum, self.overrides()) if q in self.antwoorden]
            if not nodig:
                return kept
            eerst = [q for q in nodig if q not in self.later] or nodig
            kept[eerst[0]] = self.antwoorden[eerst[0]]

    def overzicht(self) -> str:
        regels = []
        tellend = self.relevante_antwoorden()
        genummerd = self.genummerd()
        if genummerd:
            regels.append("Antwoorden tot nu toe:")
            for i, v in enumerate(genummerd, 1):
                merk = "" if v.id in tellend else "  (doet er niet meer toe)"
                regels.append(f"  {i}. {vraag_naam(v)}: {answer_text(v, self.antwoorden[v.id])}{merk}")
        else:
            regels.append("Nog geen antwoorden.")
        if self.later:
            regels.append("Later: " + "; ".join(vraag_naam(self.model.vragen[q]) for q in self.later if q in self.model.vragen))
        b = self.beoordeling()
        if b.waarden:
            regels.append("Al bepaald:")
            for naam, waarde in b.waarden.items():
                regels.append(f"  - {waarde_naam(self.model, naam)}: {self._show(naam, waarde)}")
        for a in self.afwijkingen:
            regels.append(f"Professionele afweging: {self.afwijking_tekst(a)}")
        nodig = b.ontbrekend
        regels.append(f"Nog nodig: {len(nodig)} vra{'gen' if len(nodig) != 1 else 'ag'}"
                      + (f" ({'; '.join(vraag_naam(self.model.vragen[q]) for q in nodig)})" if nodig else ""))
        return "\n".join(regels)

    def afwijking_tekst(self, a: Afwijking) -> str:
        """"soort dagbesteding → behouden wat u kunt (reden)": labels and names, never ids."""
        return f"{waarde_naam(self.model, a.onderwerp)} → {self._show(a.onderwerp, a.waarde)} ({a.reden})"

    # ── the end ──
    def beoordeling(self) -> Beoordeling:
        """The outcome over every answer given: an answer that no longer matters cannot change it,
        and it stays in the record and the explanation. The answers in rule-file order, as the case
        file holds them: the letter lists them so, as 'wmo beoordeel' of that case file does."""
        antwoorden = {q: self.antwoorden[q] for q in self.model.vragen if q in self.antwoorden}
        b = self.rules.evaluate(antwoorden, self.peildatum, self.afwijkingen)
        b.herkomst = dict(self.staat.herkomst)  # the receipt names who gave each answer, and when
        return b

    def casus(self) -> dict:
        """The case file of the contract, to re-evaluate with 'wmo beoordeel' (deviations included)."""
        antwoorden = self.antwoorden
        casus: dict[str, object] = {
            "regio": self.rules.id,
            "peildatum": self.peildatum.isoformat(),
            "antwoorden": answers_json(self.model, antwoorden),
        }
        if self.afwijkingen:
            casus["afwijkingen"] = [{"onderwerp": a.onderwerp, "waarde": json_value(a.waarde), "van": a.van, "reden": a.reden,
                                     **({"tijdstip": a.tijdstip} if a.tijdstip else {})} for a in self.afwijkingen]
        casus.update({k: v for k, v in self.staat.gegevens.items() if v})
        return casus

    def overzicht_data(self) -> dict:
        """The overview as data: every answer given, what is settled, what is still needed."""
        from ..cases.answers import typed_json

        b = self.beoordeling()
        return {"antwoorden": answers_json(self.model, self.antwoorden),
                "vastgesteld": {k: typed_json(v, self.model.types.get(k)) for k, v in b.waarden.items()},
                "nog_nodig": list(b.ontbrekend)}

    def afronden(self, b: Beoordeling | None = None) -> None:
        """The conversation reached a result: kept as one more version in the log (the last one counts)."""
        b = b or self.beoordeling()
        self._record(Gebeurtenis("resultaat", None, {"uitkomst": b.uitkomst, "producten": [self.model.producten[p.product].code or p.product
                                                                                           for p in b.producten]}))
        self.store.set_status(self.sessie_id, "afgerond")

    def stoppen(self) -> None:
        self.store.set_status(self.sessie_id, "gestopt")
