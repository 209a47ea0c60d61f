"""Reasons that must be there: a negative decision's reason with its source (art. 3:46 Awb),
and the values a motivering's {naam} shows (a value the answers do not fix is a fill-in)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ..semantics.engine import Beoordeling

GEEN_REDEN = ("[Reden: de regels geven voor deze uitkomst geen reden; schrijf hier de motivering "
              "(art. 3:46 Awb) voordat het besluit verstuurd wordt]")


class _Punt(Protocol):
    """A point of the argument (explain.Punt: explain imports this module, so not the other way)."""

    @property
    def onderwerp(self) -> str: ...
    @property
    def tekst(self) -> str: ...
    @property
    def bron(self) -> str | None: ...
    @property
    def regel(self) -> int | None: ...


P = TypeVar("P", bound=_Punt)


class _Uitleg(Protocol[P]):
    """The argument's 'waarom' and 'niet' (explain.Uitleg)."""

    waarom: list[P]
    niet: list[P]


def refusal_reasons(b: Beoordeling, u: _Uitleg[P], Punt: Callable[..., P]) -> None:
    """A negative decision always has a reason with its source under 'waarom': the rules'
    'geen indicatie', else what did not hold for each product; if the rules give none, a
    visible placeholder for the consultant (``wmo check`` warns about it: W031)."""
    if any(p.onderwerp.startswith("regel ") or p.onderwerp == "geen indicatie" for p in u.waarom):
        return
    redenen = [p for p in u.niet if p.onderwerp == "geen indicatie"] or list(u.niet)
    bron = b.model.regio.bron.tekst if b.model.regio.bron else f"regels van {b.model.regio.naam}"
    for p in redenen:
        u.waarom.append(Punt(p.onderwerp, p.tekst, p.bron or bron, p.regel))
    u.niet = [p for p in u.niet if p not in redenen]
    if not redenen:
        u.waarom.append(Punt("geen reden", GEEN_REDEN, None))


def value_of(b: Beoordeling) -> Callable[[str], tuple[object, bool]]:
    """For a motivering's {naam}: its value and whether the given answers fix it."""
    def value_of(naam: str) -> tuple[object, bool]:
        ev = b.evaluatie
        if ev is None:
            return None, False
        try:
            value = ev.value(naam)
        except Exception:  # noqa: BLE001 - a value that cannot be computed is shown as a fill-in
            return None, False
        known = naam in b.antwoorden if naam in b.model.vragen else b.known_from_answers(naam)
        return value, known
    return value_of
