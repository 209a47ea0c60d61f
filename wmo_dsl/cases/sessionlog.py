"""Replaying a session's log: the events of an intake and what they add up to.

``SessionState`` turns the stored events (answers, undo, skips, deviations, results and the
letter's facts) into the answers of now; an event that no longer fits is set aside with a
Dutch reason instead of breaking the session. Kept apart from the store (``sessions.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import WmoFout
from ..language.model import Model

if TYPE_CHECKING:
    from ..semantics.engine import Afwijking

ONLEESBAAR = object()  # a stored value that is no JSON any more (a hand edit, a damaged page)


def _read_value(text: str | None) -> object:
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return ONLEESBAAR


@dataclass(frozen=True)
class Gebeurtenis:
    soort: str
    vraag: str | None
    waarde: object = None
    reden: str | None = None
    tijd: str | None = None  # when it was given (stored with every event; the receipt names it)





def answered_count(events: Iterable[tuple[str, str]]) -> int:
    """How many questions a log leaves answered: a changed answer counts once, an undone one not."""
    stack: list[tuple[str, bool]] = []  # (question, was it answered before)
    answered: set[str] = set()
    for soort, vraag in events:
        if soort == "antwoord":
            stack.append((vraag, vraag in answered))
            answered.add(vraag)
        elif soort == "terug":
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == vraag:
                    if not stack.pop(i)[1]:
                        answered.discard(vraag)
                    break
            else:
                answered.discard(vraag)
    return len(answered)


_UNANSWERED = object()
GEGEVENS = ("aanvraagdatum", "kenmerk", "gemeente")  # what a session keeps for the beschikking, besides answers


class SessionState:
    """What a session's log adds up to: the answers, their order, skipped questions and
    professional deviations. An event that no longer fits (a hand edit, another rule
    version) is set aside in ``onbruikbaar`` with a Dutch reason instead of breaking it."""

    def __init__(self, model: Model):
        self.model = model
        self.antwoorden: dict[str, object] = {}
        self.volgorde: list[str] = []
        self.later: list[str] = []
        self.afwijkingen: list[Afwijking] = []
        self.onbruikbaar: dict[str, str] = {}  # question -> why its stored answer was set aside
        self.geschiedenis: list[tuple[str, object]] = []  # (question, its answer before) per answer: 'terug' restores it
        self.uitkomsten: list[dict] = []  # every result the conversation reached; the last one counts
        self.gegevens: dict[str, object] = {}  # the letter's facts: aanvraagdatum, kenmerk, gemeente (JSON values)
        self.herkomst: dict[str, tuple[str, str | None]] = {}  # question -> (bron, tijd) of its answer, for the receipt

    def replay(self, gebeurtenissen: Iterable[Gebeurtenis]) -> "SessionState":
        """A stored log: its answers count as 'hervat' (given in an earlier sitting)."""
        for g in gebeurtenissen:
            self.apply(g, "hervat")
        return self

    def apply(self, g: Gebeurtenis, bron: str = "consulent") -> None:
        try:
            self._apply(g)
            if g.soort == "antwoord":
                assert g.vraag is not None, "_apply refuses an answer to no question"
                self.herkomst[g.vraag] = (bron, g.tijd)
        except WmoFout as err:
            wat = {"antwoord": "antwoord op", "afwijking": "afwijking van", "later": "'later' bij",
                   "terug": "'terug' bij"}.get(g.soort, str(g.soort)[:20])
            self.onbruikbaar[str(g.vraag)] = f"het bewaarde {wat} '{str(g.vraag)[:40]}' is niet meer bruikbaar ({err.melding()})"
        else:
            if g.soort == "antwoord":
                self.onbruikbaar.pop(str(g.vraag), None)  # the key it was set aside under

    def _apply(self, g: Gebeurtenis) -> None:
        from ..semantics.engine import Afwijking
        from .answers import from_json
        from .casefile import deviation_text
        from .derived_answers import parse_derived

        model = self.model
        if g.waarde is ONLEESBAAR:
            raise WmoFout("de opgeslagen waarde is onleesbaar")
        if g.soort in ("antwoord", "later", "terug") and g.vraag not in model.vragen:
            raise WmoFout("deze vraag bestaat niet in de regels van nu")
        if g.soort == "antwoord":
            assert g.vraag is not None, "a question of the rules (checked above)"
            waarde = from_json(model.vragen[g.vraag], g.waarde)
            self.geschiedenis.append((g.vraag, self.antwoorden.get(g.vraag, _UNANSWERED)))
            self.antwoorden[g.vraag] = waarde
            if g.vraag in self.volgorde:
                self.volgorde.remove(g.vraag)
            self.volgorde.append(g.vraag)
            if g.vraag in self.later:
                self.later.remove(g.vraag)
        elif g.soort == "terug":
            assert g.vraag is not None, "a question of the rules (checked above)"
            self._undo(g.vraag)
        elif g.soort == "resultaat":
            if isinstance(g.waarde, dict):
                self.uitkomsten.append(g.waarde)
        elif g.soort == "gegeven":
            if g.vraag not in GEGEVENS or not (g.waarde is None or isinstance(g.waarde, str)):
                raise WmoFout("dit gegeven voor het besluit is onbekend of geen tekst")
            if g.vraag == "aanvraagdatum" and g.waarde:
                try:
                    dt.date.fromisoformat(g.waarde)
                except ValueError:
                    raise WmoFout("de aanvraagdatum is geen datum") from None
            self.gegevens[g.vraag] = g.waarde
        elif g.soort == "later":
            assert g.vraag is not None, "a question of the rules (checked above)"
            if g.vraag not in self.later:
                self.later.append(g.vraag)
        elif g.soort == "afwijking":
            if g.vraag not in model.waarden and g.vraag not in model.tabellen:
                raise WmoFout("dit is geen afgeleide waarde in de regels van nu")
            assert g.vraag is not None, "a derived value of the rules (checked above)"
            if not isinstance(g.waarde, dict) or not isinstance(g.waarde.get("naar"), (str, int, float, bool)) \
                    or not isinstance(g.waarde.get("van"), str) or not isinstance(g.reden, str):
                raise WmoFout("de opgeslagen afwijking is onvolledig")
            waarde = parse_derived(model, g.vraag, str(g.waarde["naar"]))
            naar = deviation_text(model, waarde)
            # A history: an earlier deviation on the same onderwerp stays; the engine lets the last one count.
            self.afwijkingen.append(Afwijking(g.vraag, waarde, g.waarde["van"], naar, g.reden, g.tijd))
        else:
            raise WmoFout(f"onbekende gebeurtenis '{str(g.soort)[:20]}'")

    def vorige(self, vraag: str) -> object:
        """The answer 'terug' would restore for ``vraag``: the one before its last change, or _UNANSWERED."""
        for q, before in reversed(self.geschiedenis):
            if q == vraag:
                return before
        return _UNANSWERED

    def _undo(self, vraag: str) -> None:
        """Undo the last answer to ``vraag``: the answer before it comes back (after 'wijzig'), else none."""
        before = self.vorige(vraag)
        for i in range(len(self.geschiedenis) - 1, -1, -1):
            if self.geschiedenis[i][0] == vraag:
                del self.geschiedenis[i]
                break
        if before is _UNANSWERED:
            if vraag in self.antwoorden:
                del self.antwoorden[vraag]
                self.volgorde.remove(vraag)
        else:
            self.antwoorden[vraag] = before
