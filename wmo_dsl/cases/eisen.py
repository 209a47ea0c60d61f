"""Refusing answers that break an eis of the rules, for the intake (typed and JSON-lines answers):
the eis's own message, as an :class:`~wmo_dsl.cases.natural.AntwoordFout` (the terminal shows it
and asks again) that is also a :class:`~wmo_dsl.errors.CasusFout` (a program is told)."""

from __future__ import annotations

import datetime as dt

from ..errors import CasusFout
from ..semantics.eisen import broken_eis
from ..semantics.engine import Rules
from .natural import AntwoordFout


class EisFout(AntwoordFout, CasusFout):
    """Answers that break an eis of the rules; the message is the eis's own."""


def toets_eisen(rules: Rules, antwoorden: dict, peildatum: dt.date, overrides: dict | None = None) -> None:
    """EisFout when ``antwoorden`` break an eis, whatever the open questions will be."""
    eis = broken_eis(rules, antwoorden, peildatum, overrides) if rules.model.eisen else None
    if eis is not None:
        raise EisFout(eis.melding)
