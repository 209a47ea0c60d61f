"""Intake sessions on disk: an append-only log of what the consultant did, in SQLite.

Every answer, undo, skip and professional deviation is one row, written in its
own transaction before the intake asks the next question, so nothing is lost
to Ctrl-C, a closed terminal or ``kill -9``; resuming replays the log. The
database holds personal data: its folder is created 0700 and its files 0600,
it lives only in the user's data directory or where ``--sessie`` says, and
``--geen-opslag`` keeps it in memory only.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WmoFout, os_reden
from .sessionfile import SessieFout, open_database
from .sessionfile import damaged as _damaged

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessie (
    id          TEXT PRIMARY KEY,
    regio       TEXT NOT NULL,
    peildatum   TEXT NOT NULL,
    aangemaakt  TEXT NOT NULL,
    bijgewerkt  TEXT NOT NULL,
    status      TEXT NOT NULL           -- bezig | gestopt | afgerond
);
CREATE TABLE IF NOT EXISTS gebeurtenis (
    sessie      TEXT NOT NULL REFERENCES sessie(id) ON DELETE CASCADE,
    volgnummer  INTEGER NOT NULL,
    soort       TEXT NOT NULL,          -- antwoord | terug | later | afwijking | resultaat | gegeven
    vraag       TEXT,
    waarde      TEXT,                   -- JSON, as in a case file
    reden       TEXT,
    tijd        TEXT NOT NULL,
    PRIMARY KEY (sessie, volgnummer)
);
"""


ONLEESBAAR = object()  # a stored value that is no JSON any more (a hand edit, a damaged page)


def _read_value(text):
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return ONLEESBAAR


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("wmo-dsl", appauthor=False)) / "sessies.db"


def open_store(sessie: str | None, in_memory: bool = False) -> "SessionStore":
    """The session store a command asks for: in memory, at ``--sessie``, or in the user's data folder."""
    if in_memory:
        return SessionStore(None)
    if sessie is not None:
        return SessionStore(sessie)
    return SessionStore(default_path(), eigen_map=True)


@dataclass(frozen=True)
class Gebeurtenis:
    soort: str
    vraag: str | None
    waarde: object = None
    reden: str | None = None
    tijd: str | None = None  # when it was given (stored with every event; the receipt names it)


@dataclass
class SessieInfo:
    id: str
    regio: str
    peildatum: dt.date
    aangemaakt: str
    bijgewerkt: str
    status: str
    gebeurtenissen: list[Gebeurtenis] = field(default_factory=list)


class SessionStore:
    """The sessions database; ``SessionStore(None)`` keeps everything in memory.

    ``eigen_map``: the folder is the tool's own (the default data folder), so a looser
    mode found on it is tightened to 0700."""

    def __init__(self, path: Path | str | None, eigen_map: bool = False):
        if path is not None and not str(path).strip():
            raise SessieFout("--sessie is leeg; geef het pad van een sessiebestand, of laat --sessie weg")
        self.path = Path(path).expanduser() if path is not None else None
        try:
            self.conn = self._connect(eigen_map)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as err:  # a damaged schema text: no UTF-8
            raise _damaged(self.path, err) from None
        except OSError as err:
            raise SessieFout(f"sessiebestand {self.path} kan niet geopend worden: {os_reden(err)}") from None

    def _connect(self, eigen_map: bool) -> sqlite3.Connection:
        if self.path is None:
            conn = sqlite3.connect(":memory:", isolation_level=None)
        else:
            conn = open_database(self.path, eigen_map)  # refuses a file that is not ours, and planted links
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA secure_delete=ON")  # deleted sessions are overwritten, not just unlinked
        conn.executescript(_SCHEMA)
        return conn

    @contextmanager
    def _guarded(self):
        """Turn a damaged database into a Dutch message that says how to move it aside."""
        try:
            yield
        except (sqlite3.DatabaseError, UnicodeDecodeError) as err:
            raise _damaged(self.path, err) from None

    @contextmanager
    def _transaction(self):
        with self._guarded():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    @staticmethod
    def _now() -> str:
        return dt.datetime.now().isoformat(timespec="seconds")

    def new(self, regio: str, peildatum: dt.date) -> str:
        sessie_id = f"{dt.date.today():%Y%m%d}-{secrets.token_hex(3)}"
        now = self._now()
        with self._transaction():
            self.conn.execute("INSERT INTO sessie VALUES (?, ?, ?, ?, ?, 'bezig')", (sessie_id, regio, peildatum.isoformat(), now, now))
        return sessie_id

    def append(self, sessie_id: str, g: Gebeurtenis) -> None:
        """Write one event in its own transaction: on disk before the intake goes on."""
        now = g.tijd or self._now()
        waarde = json.dumps(g.waarde, ensure_ascii=False, allow_nan=False)
        with self._transaction():
            (n,) = self.conn.execute("SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM gebeurtenis WHERE sessie = ?", (sessie_id,)).fetchone()
            self.conn.execute(
                "INSERT INTO gebeurtenis VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sessie_id, n, g.soort, g.vraag, waarde, g.reden, now),
            )
            self.conn.execute("UPDATE sessie SET bijgewerkt = ?, status = 'bezig' WHERE id = ?", (now, sessie_id))

    def set_status(self, sessie_id: str, status: str) -> None:
        with self._transaction():
            self.conn.execute("UPDATE sessie SET status = ?, bijgewerkt = ? WHERE id = ?", (status, self._now(), sessie_id))

    def load(self, sessie_id: str | None) -> SessieInfo:
        """A session with its events; without id the most recent unfinished one.

        An event whose stored value cannot be read any more keeps its place with
        ``waarde=ONLEESBAAR``: the conversation says so and asks again."""
        with self._guarded():
            if sessie_id is None:
                row = self.conn.execute(
                    "SELECT * FROM sessie WHERE status != 'afgerond' ORDER BY bijgewerkt DESC, rowid DESC LIMIT 1").fetchone()
                if row is None:
                    raise SessieFout("er is geen onderbroken sessie om te hervatten; zie 'wmo sessies'")
            else:
                row = self.conn.execute("SELECT * FROM sessie WHERE id = ?", (sessie_id,)).fetchone()
                if row is None:
                    raise SessieFout(f"sessie '{sessie_id[:40]}' bestaat niet; zie 'wmo sessies'")
            try:
                peildatum = dt.date.fromisoformat(row[2])
            except (TypeError, ValueError):
                raise SessieFout(f"sessie {row[0]} heeft geen geldige peildatum ({str(row[2])[:20]!r}); "
                                 f"begin een nieuwe sessie of verwijder deze met 'wmo sessies --verwijder {row[0]}'") from None
            info = SessieInfo(row[0], row[1], peildatum, row[3], row[4], row[5])
            for soort, vraag, waarde, reden, tijd in self.conn.execute(
                    "SELECT soort, vraag, waarde, reden, tijd FROM gebeurtenis WHERE sessie = ? ORDER BY volgnummer", (info.id,)):
                info.gebeurtenissen.append(Gebeurtenis(soort, vraag, _read_value(waarde), reden, tijd))
        return info

    def list(self) -> list[tuple[str, str, str, str, int | str]]:
        """(id, regio, aangemaakt, status, number of answers): no answers themselves.

        A damaged database gives what can still be read (sessions in file order, '?' where a
        count cannot be read) and then the message, in ``SessieFout.gelezen``."""
        rows: list = []
        damage = None
        try:
            for row in self.conn.execute("SELECT rowid, id, regio, aangemaakt, status FROM sessie"):
                rows.append(list(row))
        except sqlite3.DatabaseError as err:
            damage = err
        for row in rows:
            try:
                n = answered_count(self.conn.execute("SELECT soort, vraag FROM gebeurtenis WHERE sessie = ? ORDER BY volgnummer",
                                                     (row[1],)).fetchall())
            except sqlite3.DatabaseError as err:
                damage, n = damage or err, "?"
            row.append(n)
        result = [tuple(r[1:]) for r in sorted(rows, key=lambda r: (str(r[3]), r[0]))]  # started, then stored order
        if damage is not None:
            raise _damaged(self.path, damage, result)
        return result

    def delete(self, sessie_id: str) -> None:
        with self._transaction():
            cur = self.conn.execute("DELETE FROM sessie WHERE id = ?", (sessie_id,))
            if cur.rowcount == 0:
                raise SessieFout(f"sessie '{sessie_id[:40]}' bestaat niet; zie 'wmo sessies'")
        with self._guarded():
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # do not leave the deleted answers in the WAL

    def close(self) -> None:
        self.conn.close()


# ── Replaying the log ─────────────────────────────────────────────────────


def answered_count(events) -> int:
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

    def __init__(self, model):
        self.model = model
        self.antwoorden: dict[str, object] = {}
        self.volgorde: list[str] = []
        self.later: list[str] = []
        self.afwijkingen: list = []
        self.onbruikbaar: dict[str, str] = {}  # question -> why its stored answer was set aside
        self.geschiedenis: list[tuple[str, object]] = []  # (question, its answer before) per answer: 'terug' restores it
        self.uitkomsten: list[dict] = []  # every result the conversation reached; the last one counts
        self.gegevens: dict[str, object] = {}  # the letter's facts: aanvraagdatum, kenmerk, gemeente (JSON values)
        self.herkomst: dict[str, tuple[str, str | None]] = {}  # question -> (bron, tijd) of its answer, for the receipt

    def replay(self, gebeurtenissen) -> "SessionState":
        """A stored log: its answers count as 'hervat' (given in an earlier sitting)."""
        for g in gebeurtenissen:
            self.apply(g, "hervat")
        return self

    def apply(self, g: Gebeurtenis, bron: str = "consulent") -> None:
        try:
            self._apply(g)
            if g.soort == "antwoord":
                self.herkomst[g.vraag] = (bron, g.tijd)
        except WmoFout as err:
            wat = {"antwoord": "antwoord op", "afwijking": "afwijking van", "later": "'later' bij",
                   "terug": "'terug' bij"}.get(g.soort, str(g.soort)[:20])
            self.onbruikbaar[str(g.vraag)] = f"het bewaarde {wat} '{str(g.vraag)[:40]}' is niet meer bruikbaar ({err.melding()})"
        else:
            if g.soort == "antwoord":
                self.onbruikbaar.pop(g.vraag, None)

    def _apply(self, g: Gebeurtenis) -> None:
        from ..semantics.engine import Afwijking
        from .answers import from_json
        from .casefile import deviation_text
        from .natural import parse_derived

        model = self.model
        if g.waarde is ONLEESBAAR:
            raise WmoFout("de opgeslagen waarde is onleesbaar")
        if g.soort in ("antwoord", "later", "terug") and g.vraag not in model.vragen:
            raise WmoFout("deze vraag bestaat niet in de regels van nu")
        if g.soort == "antwoord":
            waarde = from_json(model.vragen[g.vraag], g.waarde)
            self.geschiedenis.append((g.vraag, self.antwoorden.get(g.vraag, _UNANSWERED)))
            self.antwoorden[g.vraag] = waarde
            if g.vraag in self.volgorde:
                self.volgorde.remove(g.vraag)
            self.volgorde.append(g.vraag)
            if g.vraag in self.later:
                self.later.remove(g.vraag)
        elif g.soort == "terug":
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
            if g.vraag not in self.later:
                self.later.append(g.vraag)
        elif g.soort == "afwijking":
            if g.vraag not in model.waarden and g.vraag not in model.tabellen:
                raise WmoFout("dit is geen afgeleide waarde in de regels van nu")
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
