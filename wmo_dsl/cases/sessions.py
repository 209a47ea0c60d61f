"""Intake sessions on disk: an append-only log of what the consultant did, in SQLite.

Every answer, undo, skip and professional deviation is one row, written in its
own transaction before the intake asks the next question, so nothing is lost
to Ctrl-C, a closed terminal or ``kill -9``; resuming replays the log. The
database holds personal data: its folder is created 0700 and its files 0600,
it lives only in the user's data directory or where ``--sessie`` says, and
``--geen-opslag`` keeps it in memory only.

A running intake holds a lock on its session (``sessionfile.Sloten``): a session still
marked ``bezig`` whose lock nobody holds was interrupted and is listed ``onderbroken``. A
session that once reached a result stays ``afgerond`` when it is reopened and then stopped
or interrupted; its last result version is the last ``resultaat`` event. The optional
kenmerk of a session is its last ``gegeven`` event for ``kenmerk`` (never a BSN, see kenmerk.py).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import os_reden
from .sessionfile import SessieFout, Sloten, open_database
from .sessionlog import GEGEVENS, ONLEESBAAR, Gebeurtenis, SessionState, _read_value, answered_count

__all__ = ["GEGEVENS", "ONLEESBAAR", "Gebeurtenis", "SessieFout", "SessieInfo", "Sessierij", "SessionState", "SessionStore",
           "answered_count", "default_path", "open_store"]
from .sessionfile import damaged as _damaged

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessie (
    id          TEXT PRIMARY KEY,
    regio       TEXT NOT NULL,
    peildatum   TEXT NOT NULL,
    aangemaakt  TEXT NOT NULL,
    bijgewerkt  TEXT NOT NULL,
    status      TEXT NOT NULL           -- bezig | gestopt | afgerond (listed: onderbroken when bezig without its lock)
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


class Sessierij(NamedTuple):
    """One line of 'wmo sessies': no answers."""

    id: str
    regio: str
    aangemaakt: str
    status: str
    kenmerk: str | None
    antwoorden: int | str


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

    def __init__(self, path: Path | str | None, eigen_map: bool = False) -> None:
        if path is not None and not str(path).strip():
            raise SessieFout("--sessie is leeg; geef het pad van een sessiebestand, of laat --sessie weg")
        self.path = Path(path).expanduser() if path is not None else None
        try:
            self.conn = self._connect(eigen_map)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as err:  # a damaged schema text: no UTF-8
            raise _damaged(self.path, err) from None
        except OSError as err:
            raise SessieFout(f"sessiebestand {self.path} kan niet geopend worden: {os_reden(err)}") from None
        self.sloten = Sloten(self.conn.execute("PRAGMA database_list").fetchone()[2] if self.path is not None else None)
        self.vast: set[str] = set()  # the sessions this store runs (their locks are held)

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
    def _guarded(self) -> Iterator[None]:
        """Turn a damaged database into a Dutch message that says how to move it aside."""
        try:
            yield
        except (sqlite3.DatabaseError, UnicodeDecodeError) as err:
            raise _damaged(self.path, err) from None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
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
        self.claim(sessie_id)
        return sessie_id

    def _rowid(self, sessie_id: str) -> int | None:
        with self._guarded():
            row = self.conn.execute("SELECT rowid FROM sessie WHERE id = ?", (sessie_id,)).fetchone()
        return row[0] if row else None

    def claim(self, sessie_id: str) -> None:
        """Hold the session while this store is open (a new one, or one resumed); SessieFout when
        another intake runs it now. The lock goes with the process, however it ends."""
        if sessie_id in self.vast:
            return
        n = self._rowid(sessie_id)
        if n is not None and not self.sloten.take(n):
            raise SessieFout(f"sessie {sessie_id} is nu open in een andere intake; maak die eerst af of stop haar, "
                             f"dan kan deze sessie hier verder")
        self.vast.add(sessie_id)

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
            # a finished session that is reopened stays 'afgerond': its last result version still counts
            self.conn.execute("UPDATE sessie SET bijgewerkt = ?, status = CASE status WHEN 'afgerond' THEN 'afgerond' ELSE 'bezig' END "
                              "WHERE id = ?", (now, sessie_id))

    def set_status(self, sessie_id: str, status: str) -> None:
        """'afgerond' after a result; 'gestopt' when the intake stops without one, which keeps a
        session that reached a result before (reopened, then stopped or interrupted) 'afgerond'."""
        with self._transaction():
            if status == "gestopt":
                status_sql = ("CASE WHEN EXISTS (SELECT 1 FROM gebeurtenis WHERE sessie = :id AND soort = 'resultaat') "
                              "THEN 'afgerond' ELSE 'gestopt' END")
            else:
                status_sql = ":status"
            self.conn.execute(f"UPDATE sessie SET status = {status_sql}, bijgewerkt = :nu WHERE id = :id",
                              {"status": status, "nu": self._now(), "id": sessie_id})

    def load(self, sessie_id: str | None) -> SessieInfo:
        """A session with its events; without id the most recent unfinished one that no other intake runs now.

        An event whose stored value cannot be read any more keeps its place with
        ``waarde=ONLEESBAAR``: the conversation says so and asks again."""
        with self._guarded():
            if sessie_id is None:
                rows = self.conn.execute(
                    "SELECT rowid, * FROM sessie WHERE status != 'afgerond' ORDER BY bijgewerkt DESC, rowid DESC").fetchall()
                vrij = [r[1:] for r in rows if r[1] in self.vast or self.sloten.here(r[0]) or self.sloten.running(r[0]) is not True]
                if not vrij:
                    elders = "; de sessies die nog open zijn, lopen nu in een andere intake" if rows else ""
                    raise SessieFout(f"er is geen onderbroken sessie om te hervatten{elders}; zie 'wmo sessies'")
                row = vrij[0]
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

    def list(self) -> list[Sessierij]:
        """(id, regio, aangemaakt, status, kenmerk, number of answers): no answers themselves.
        A session marked 'bezig' that no intake holds is 'onderbroken'.

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
            if row[4] == "bezig" and row[1] not in self.vast and isinstance(row[0], int) and self.sloten.running(row[0]) is False:
                row[4] = "onderbroken"
            try:
                kenmerk = self.conn.execute("SELECT waarde FROM gebeurtenis WHERE sessie = ? AND soort = 'gegeven' AND vraag = 'kenmerk' "
                                            "ORDER BY volgnummer DESC LIMIT 1", (row[1],)).fetchone()
                kenmerk = _read_value(kenmerk[0]) if kenmerk else None
                n: int | str = answered_count(self.conn.execute("SELECT soort, vraag FROM gebeurtenis WHERE sessie = ? ORDER BY volgnummer",
                                                     (row[1],)).fetchall())
            except sqlite3.DatabaseError as err:
                damage, kenmerk, n = damage or err, None, "?"
            row += [kenmerk if isinstance(kenmerk, str) else None, n]
        result = [Sessierij(*r[1:]) for r in sorted(rows, key=lambda r: (str(r[3]), r[0]))]  # started, then stored order
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
        self.sloten.close()  # after SQLite's connection: see Sloten
        self.vast.clear()
