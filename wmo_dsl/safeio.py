"""Writing files so that nothing is lost or half-written, and private folders for personal data.

Every file the tool writes goes through :func:`write_atomic` or :class:`AtomicFile`:
a temporary file in the target's own folder, flushed and fsynced, then renamed
over the target. On a full disk or a read-only folder the old file is untouched
and no partial file is left; the user gets a Dutch message and exit 2.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import WmoFout, os_reden

PRIVATE = 0o600
PUBLIC = 0o644


class SchrijfFout(WmoFout):
    """A file that could not be written; the old one (if any) is untouched."""


def write_reason(err: OSError) -> str:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "de schijf is vol"
    if err.errno == errno.EFBIG:
        return "het bestand wordt te groot voor deze schijf of dit account"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "geen schrijfrechten"
    return os_reden(err)


class AtomicFile:
    """A text file written under a temporary name and renamed over ``path`` on success.

    Use as a context manager; an exception inside the block (or a failing write)
    removes the temporary file and leaves ``path`` as it was. A target that is not a
    regular file (``/dev/stdout``, a named pipe, ``/dev/full``) is written directly:
    renaming over a device would replace it. A symbolic link is followed, so the
    link stays and the file it points to is replaced.
    """

    def __init__(self, path: Path | str, mode: int = PRIVATE, newline: str | None = None):
        self.path = Path(path).expanduser()
        self.mode = mode
        self.newline = newline
        self._tmp: str | None = None
        self._direct = False
        self.file = None

    def __enter__(self):
        target = Path(os.path.realpath(self.path))
        try:
            info = target.stat()
        except FileNotFoundError:
            info = None
        except OSError as err:
            raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}") from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise SchrijfFout(f"kan {self.path} niet schrijven: dat is een map")
        try:
            if info is not None and not stat.S_ISREG(info.st_mode):
                self._direct = True
                self.file = open(target, "w", encoding="utf-8", newline=self.newline)
                return self.file
            self.path = target
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as err:
            raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}") from None
        os.fchmod(fd, self.mode)
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline=self.newline)
        return self.file

    def __exit__(self, exc_type, exc, tb):
        if self._direct:
            try:
                self.file.close()
            except OSError as err:
                if exc_type is None:
                    raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}") from None
            if exc_type is not None and issubclass(exc_type, OSError):
                raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(exc)}") from None
            return False
        try:
            if exc_type is None:
                try:
                    self.file.flush()
                    os.fsync(self.file.fileno())
                    self.file.close()
                    os.replace(self._tmp, self.path)
                    self._tmp = None
                    _fsync_dir(self.path.parent)
                except OSError as err:
                    raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}; het oude bestand is niet veranderd") from None
            elif issubclass(exc_type, OSError):  # a write inside the block failed (a full disk)
                raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(exc)}; het oude bestand is niet veranderd") from None
            return False
        finally:
            if self._tmp is not None:
                try:
                    self.file.close()
                except OSError:
                    pass
                try:
                    os.unlink(self._tmp)
                except OSError:
                    pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path | str, text: str, mode: int = PRIVATE) -> None:
    """Write ``text`` to ``path`` all at once, or not at all."""
    with AtomicFile(path, mode) as f:
        f.write(text)


def file_mode(path: Path, default: int) -> int:
    """The permission bits an existing file has (kept when it is rewritten), else ``default``."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return default


_FORBIDDEN_ROOTS = ("/proc", "/sys", "/dev")


def private_dir(folder: Path, tighten: bool = True) -> None:
    """Make ``folder`` exist with mode 0700, creating every missing parent 0700 too.

    ``tighten``: an existing folder with a looser mode is set to 0700 (the tool's own data folder)."""
    folder = Path(folder).expanduser()
    resolved = str(folder.resolve(strict=False))
    if any(resolved == root or resolved.startswith(root + "/") for root in _FORBIDDEN_ROOTS):
        raise WmoFout(f"{folder} is geen plek voor bestanden (een systeemmap)")
    missing = []
    p = folder
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    if p.exists() and not p.is_dir():
        raise WmoFout(f"{p} is een bestand, geen map; kies een ander pad")
    for part in reversed(missing):
        try:
            os.mkdir(part, 0o700)
        except FileExistsError:
            pass
        except OSError as err:
            raise WmoFout(f"kan map {part} niet maken: {write_reason(err)}") from None
        os.chmod(part, 0o700)  # the umask may have taken bits away, never added: make it exact
    if tighten and stat.S_IMODE(folder.stat().st_mode) != 0o700:
        try:
            os.chmod(folder, 0o700)
        except OSError as err:
            raise WmoFout(f"kan map {folder} niet afschermen: {write_reason(err)}") from None


def private_cache_file(name: str) -> Path | None:
    """A file in the user's own cache folder (created 0700) that only the user can have written:
    None when there is no such place, or when the file is owned by someone else or writable by others."""
    import platformdirs

    try:
        folder = Path(platformdirs.user_cache_dir("wmo-dsl", appauthor=False))
        private_dir(folder)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
            return None
        path = folder / name
        try:
            info = path.lstat()
        except FileNotFoundError:
            return path
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
        return path
    except (OSError, WmoFout):
        return None
