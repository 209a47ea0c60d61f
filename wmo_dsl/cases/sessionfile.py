"""Opening the sessions database: only a file of wmo-dsl's own, never through a planted link.

``--sessie PAD`` names a file that may already exist. It is used only when it is empty
(0 bytes: a new file, or one left by a start that was cut short) or an SQLite database of
wmo-dsl (the 16-byte SQLite header, then a table ``sessie``, or no tables at all). Anything
else (a letter, another program's database) is refused with a Dutch message and left exactly
as it was: SQLite would otherwise turn it into a database. The path is resolved like every
write (``safeio.resolve``): a link that someone else can have planted is refused, a new file
is created ``O_CREAT|O_EXCL|O_NOFOLLOW`` 0600, and the mode of an existing one is set on the
open file, never through a name.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from ..errors import WmoFout, os_reden
from ..safeio import SchrijfFout, private_dir, resolve, user_id

SQLITE_HEADER = b"SQLite format 3\x00"
SIDECARS = ("-wal", "-shm", "-journal")  # the files SQLite opens beside the database


class SessieFout(WmoFout):
    """A session that cannot be found, opened or written."""

    def __init__(self, message: str, gelezen: list | None = None) -> None:
        super().__init__(message)
        self.gelezen = gelezen or []  # what could be read before the damage (for 'wmo sessies')


def damaged(path: Path | None, err: Exception, gelezen: list | None = None) -> SessieFout:
    plek = path if path is not None else "in het geheugen"
    reden = "er staat tekst in die geen UTF-8 is" if isinstance(err, UnicodeDecodeError) else err
    return SessieFout(
        f"het sessiebestand {plek} is beschadigd of geen sessiebestand ({reden}). Zet het opzij, bijvoorbeeld met "
        f"'mv {plek} {plek}.beschadigd'; de volgende intake begint dan een nieuw sessiebestand. "
        f"Neem het beschadigde bestand niet mee naar een andere plek: het kan persoonsgegevens bevatten.", gelezen)


def not_ours(path: Path, why: str) -> SessieFout:
    return SessieFout(f"{path} bestaat al en is geen sessiebestand van wmo-dsl ({why}); het is niet geopend en niet "
                      f"veranderd. Geef bij --sessie een nieuw bestand of een sessiebestand van wmo-dsl")


def open_database(path: Path, eigen_map: bool) -> sqlite3.Connection:
    """A connection to the sessions database at ``path`` (created 0600 when new), or SessieFout.

    ``eigen_map``: the folder is the tool's own, so a looser mode on it is tightened to 0700."""
    if path.is_dir():
        raise SessieFout(f"{path} is een map; geef het pad van een sessiebestand")
    private_dir(path.parent, tighten=eigen_map)
    try:
        real, new = _prepare(path)
    except SchrijfFout as err:
        raise SessieFout(str(err).replace("er is niets geschreven", "het sessiebestand is niet geopend")) from None
    old = os.umask(0o077)  # the -wal and -shm files SQLite creates must be private too
    try:
        conn = sqlite3.connect(real, isolation_level=None, timeout=10)
        conn.text_factory = _text  # a tampered file may hold bytes that are no UTF-8
        try:
            if not new:
                tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if tables and "sessie" not in tables:
                    raise not_ours(path, "een SQLite-database van een ander programma: er is geen tabel 'sessie'")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
        except BaseException:
            conn.close()
            raise
    finally:
        os.umask(old)
    return conn


def _text(raw: bytes) -> str:
    """A text column as str; bytes that are no UTF-8 (only in a damaged or tampered file) as U+FFFD."""
    return raw.decode("utf-8", "replace")


def _prepare(path: Path) -> tuple[Path, bool]:
    """Check (or create) the file itself: its real path, and whether it is new (or empty)."""
    try:
        target = resolve(path)
    except OSError as err:
        raise SessieFout(f"sessiebestand {path} kan niet geopend worden: {os_reden(err)}") from None
    try:
        if target.direct:
            raise SessieFout(f"{path} is geen gewoon bestand; geef het pad van een sessiebestand")
        for suffix in SIDECARS:
            try:
                info = os.stat(target.name + suffix, dir_fd=target.folder_fd, follow_symlinks=False)
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(info.st_mode) or info.st_uid != user_id():
                raise SessieFout(f"naast {path} staat {target.name + suffix}, dat geen gewoon bestand van u is (iemand kan het "
                                 f"hebben neergezet); het sessiebestand is niet geopend")
        if not target.exists:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            os.close(os.open(target.name, flags, 0o600, dir_fd=target.folder_fd))
            return target.real, True
        fd = os.open(target.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=target.folder_fd)
        try:
            head = os.read(fd, len(SQLITE_HEADER))
            if head and head != SQLITE_HEADER:
                raise not_ours(path, "geen SQLite-database")
            if os.fstat(fd).st_uid == user_id():
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
        return target.real, not head
    except OSError as err:
        raise SessieFout(f"sessiebestand {path} kan niet geopend worden: {os_reden(err)}") from None
    finally:
        target.close()


# ── Who is running a session ──────────────────────────────────────────────

LOCK_BASE = 1 << 40  # one byte per session (its rowid), far past SQLite's own lock bytes at 1 GiB
_HELD: dict[tuple[int, int, int], set[int]] = {}  # (device, inode, session) -> the Sloten of this process that hold it


class Sloten:
    """The sessions an intake is running, as a lock on one byte of the database file per session.

    On Linux an open-file-description lock (``F_OFD_SETLK``): the kernel drops it when the
    process dies (``kill -9``, a closed terminal), so a session marked ``bezig`` whose byte is
    free was interrupted. Elsewhere a POSIX ``lockf``, which another process sees the same way.
    No file besides the database; the descriptor is closed only after SQLite's connection
    (closing another descriptor of the file would drop SQLite's own POSIX locks). Within one
    process a session held by one store may be taken by another (the process runs it)."""

    def __init__(self, database: str | None) -> None:
        self.fd: int | None = None
        self.keys: set[tuple[int, int, int]] = set()
        if not database:  # in memory: nothing to lock, nobody else can see it
            return
        try:
            self.fd = os.open(database, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
            info = os.fstat(self.fd)
            self.file = (info.st_dev, info.st_ino)
        except OSError:  # a read-only copy: the statuses are shown as stored
            self.fd = None

    def _lock(self, kind: int, n: int, get: bool = False) -> int:
        import fcntl
        import struct

        assert self.fd is not None  # take() and running() look first
        if hasattr(fcntl, "F_OFD_SETLK"):
            data = struct.pack("hhqqixxxx", kind, os.SEEK_SET, LOCK_BASE + n, 1, 0)
            answer = fcntl.fcntl(self.fd, fcntl.F_OFD_GETLK if get else fcntl.F_OFD_SETLK, data)
            return struct.unpack("hhqqixxxx", answer)[0]
        if get:  # POSIX locks: try and give back (a lock of this process never conflicts)
            try:
                fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, LOCK_BASE + n)
            except OSError:
                return fcntl.F_WRLCK
            fcntl.lockf(self.fd, fcntl.LOCK_UN, 1, LOCK_BASE + n)
            return fcntl.F_UNLCK
        fcntl.lockf(self.fd, (fcntl.LOCK_UN if kind == fcntl.F_UNLCK else fcntl.LOCK_EX) | fcntl.LOCK_NB, 1, LOCK_BASE + n)
        return kind

    def take(self, n: int) -> bool:
        """Hold session ``n`` (its rowid) while this store is open; False when another intake holds it."""
        import fcntl

        if self.fd is None:
            return True
        key = (*self.file, n)
        try:
            self._lock(fcntl.F_WRLCK, n)
        except OSError:
            if not _HELD.get(key):  # another process runs it
                return False
        _HELD.setdefault(key, set()).add(id(self))
        self.keys.add(key)
        return True

    def running(self, n: int) -> bool | None:
        """Whether another intake holds session ``n`` (None: cannot tell)."""
        import fcntl

        if self.fd is None:
            return None
        try:
            return self._lock(fcntl.F_WRLCK, n, get=True) != fcntl.F_UNLCK
        except OSError:
            return None

    def here(self, n: int) -> bool:
        """Whether a store of this process holds session ``n`` (it may take it too)."""
        return self.fd is not None and bool(_HELD.get((*self.file, n)))

    def close(self) -> None:
        for key in self.keys:
            _HELD.get(key, set()).discard(id(self))
        self.keys.clear()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
