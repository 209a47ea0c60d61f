"""Writing files so that nothing is lost, half-written or redirected, and private folders for personal data.

Every file the tool writes goes through :func:`write_atomic` or :class:`AtomicFile`:
a temporary file created with ``O_CREAT|O_EXCL|O_NOFOLLOW`` in the target's own folder,
flushed and fsynced, then renamed over the target. On a full disk or a read-only folder
the old file is untouched and no partial file is left; the user gets a Dutch message and
exit 2.

The path is walked one folder at a time through file descriptors (``openat`` with
``O_NOFOLLOW``), so the rename and every ``chmod`` land in the folder that was checked,
never across a link swapped in meanwhile. A symbolic link on the way is only followed
when it cannot have been planted: it belongs to the user (or to root, like ``/dev/stdout``)
and its folder is not shared (not world-writable, not sticky like ``/tmp``); a link that
was followed must end in a file of the user. Anything else is refused, saying which
link and why, and nothing is written.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TextIO

from .errors import WmoFout, os_reden

PRIVATE = 0o600
PUBLIC = 0o644
_MAX_LINKS = 40  # as the kernel's own limit on links in one path
SYSTEM_UID = 0  # root's links are trusted outside shared folders (/dev/stdout); tests replace it


class SchrijfFout(WmoFout):
    """A file that could not be written; the old one (if any) is untouched."""


def write_reason(err: OSError) -> str:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "de schijf is vol"
    if err.errno == errno.EFBIG:
        return "het bestand wordt te groot voor deze schijf of dit account"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "geen schrijfrechten"
    if err.errno == errno.ELOOP:
        return "het pad is (door een koppeling) veranderd terwijl wmo het controleerde"
    return os_reden(err)


def user_id() -> int:
    """Whose files these are; tests replace it to play another user."""
    return os.geteuid()


# ── Walking a path without being redirected ───────────────────────────────


@dataclass
class Target:
    """Where a write lands: ``name`` in the open folder ``folder_fd`` (real path ``real``).

    ``exists``: a regular file is there now; ``direct``: not a regular file (a device, a pipe,
    ``/dev/stdout``), written in place since renaming over it would replace it."""

    folder_fd: int
    name: str
    real: Path
    exists: bool = False
    direct: bool = False
    follow: bool = False  # open ``name`` following it: a /proc link to an open file (/dev/stdout)

    def close(self) -> None:
        os.close(self.folder_fd)


def _shared(mode: int) -> bool:
    """A folder others can put things in: world-writable, or sticky (like /tmp)."""
    return bool(mode & (stat.S_IWOTH | stat.S_ISVTX))


def _check_link(folder_fd: int, folder: Path, name: str, info: os.stat_result, shown: str) -> None:
    """Refuse a link that someone else can have planted, saying why."""
    folder_mode = os.fstat(folder_fd).st_mode
    foreign = info.st_uid not in (user_id(), SYSTEM_UID)
    if foreign and _shared(folder_mode):
        why = "een koppeling (symlink) van een andere gebruiker in een gedeelde map"
    elif foreign:
        why = "een koppeling (symlink) van een andere gebruiker"
    elif _shared(folder_mode):
        why = f"een koppeling (symlink) in een gedeelde map ({folder}, waar iedereen iets kan neerzetten)"
    else:
        return
    link = folder / name
    shown_link = shown if Path(shown) == link else f"{shown}: {link}"
    raise SchrijfFout(f"'{shown_link}' is {why}; er is niets geschreven. Schrijf naar het echte bestand of kies een ander pad")


def _open_dir(name: str, folder_fd: int) -> int:
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder_fd)


def _walk(path: Path, shown: str, create: bool, hops: list[int]) -> tuple[int, Path]:
    """Open the folder ``path`` one component at a time; ``create`` makes missing ones 0700.

    Returns the open folder and its real path. A link is checked before it is followed."""
    fd = os.open("/", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    real = Path("/")
    todo = list(reversed((Path.cwd() / path).parts[1:]))  # not abspath: '..' after a link is physical
    try:
        while todo:
            name = todo.pop()
            if name in ("", "."):
                continue
            if name == "..":
                fd_next, real = _open_dir("..", fd), real.parent
                os.close(fd)
                fd = fd_next
                continue
            created = False
            try:
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                if not create:
                    raise
                try:
                    os.mkdir(name, 0o700, dir_fd=fd)
                    created = True
                except FileExistsError:
                    pass
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
            if stat.S_ISLNK(info.st_mode):
                _check_link(fd, real, name, info, shown)
                todo.extend(reversed(_follow(fd, name, hops)))
                if todo and todo[-1] == "/":
                    todo.pop()
                    os.close(fd)
                    fd, real = os.open("/", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC), Path("/")
                continue
            if not stat.S_ISDIR(info.st_mode):
                raise SchrijfFout(f"{real / name} is een bestand, geen map; kies een ander pad")
            fd_next = _open_dir(name, fd)
            os.close(fd)
            fd, real = fd_next, real / name
            if created:
                os.fchmod(fd, 0o700)  # the umask may have taken bits away, never added: make it exact
    except BaseException:
        os.close(fd)
        raise
    return fd, real


def _follow(folder_fd: int, name: str, hops: list[int]) -> list[str]:
    """The components a link stands for (a leading '/' for an absolute one)."""
    hops[0] += 1
    if hops[0] > _MAX_LINKS:
        raise OSError(errno.ELOOP, "te veel koppelingen")
    target = os.readlink(name, dir_fd=folder_fd)
    parts = list(Path(target).parts)
    return ["/", *parts[1:]] if target.startswith("/") else parts


def resolve(path: Path | str, create_folders: bool = False) -> Target:
    """Find where writing ``path`` lands, refusing a planted link (see the module's docstring).

    Raises SchrijfFout with a Dutch reason; an OSError of the file system passes through."""
    shown = str(path)
    path = Path(path).expanduser()
    hops = [0]
    followed = False
    while True:
        folder_fd, folder = _walk(path.parent, shown, create_folders, hops)
        try:
            name = path.name
            if not name or name in (".", ".."):
                raise SchrijfFout(f"kan {shown} niet schrijven: dat is een map")
            try:
                info = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
            except FileNotFoundError:
                return Target(folder_fd, name, folder / name)
            if stat.S_ISLNK(info.st_mode):
                _check_link(folder_fd, folder, name, info, shown)
                if folder.parts[1:2] == ("proc",):  # /dev/stdout: a link to an open file, not to a path
                    return Target(folder_fd, name, folder / name, direct=True, follow=True)
                parts = _follow(folder_fd, name, hops)
                path = Path(*parts) if parts[0] == "/" else folder.joinpath(*parts)
                followed = True
                os.close(folder_fd)
                continue
            if stat.S_ISDIR(info.st_mode):
                raise SchrijfFout(f"kan {shown} niet schrijven: dat is een map")
            if not stat.S_ISREG(info.st_mode):
                return Target(folder_fd, name, folder / name, direct=True)
            if followed and info.st_uid != user_id():
                raise SchrijfFout(f"'{shown}' wijst (via een koppeling) naar {folder / name}, een bestand van een andere "
                                  f"gebruiker; er is niets geschreven")
            return Target(folder_fd, name, folder / name, exists=True)
        except BaseException:
            os.close(folder_fd)
            raise


def read_existing(path: Path | str, limit: int = 1 << 16) -> bytes | None:
    """The start of the regular file a write to ``path`` would replace; None if there is none."""
    try:
        target = resolve(path)
    except FileNotFoundError:
        return None
    try:
        if not target.exists:
            return None
        fd = os.open(target.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=target.folder_fd)
        try:
            return os.read(fd, limit)
        finally:
            os.close(fd)
    finally:
        target.close()


def _create_temp(target: Target, mode: int) -> tuple[int, str]:
    """A new file beside the target that nobody can have prepared: O_EXCL refuses any existing name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        name = temp_name(target.name)
        try:
            return os.open(name, flags, mode, dir_fd=target.folder_fd), name
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "geen vrije tijdelijke naam")


def temp_name(name: str) -> str:
    return f".{name}.{secrets.token_hex(6)}.tmp"


class AtomicFile:
    """A text file written under a temporary name and renamed over ``path`` on success.

    Use as a context manager; an exception inside the block (or a failing write)
    removes the temporary file and leaves ``path`` as it was. A target that is not a
    regular file (``/dev/stdout``, a named pipe, ``/dev/full``) is written directly:
    renaming over a device would replace it. A symbolic link of the user's own is
    followed, so the link stays and the file it points to is replaced; a link that can
    have been planted is refused (see the module's docstring).
    """

    def __init__(self, path: Path | str, mode: int = PRIVATE, newline: str | None = None):
        self.path = Path(path).expanduser()
        self.mode = mode
        self.newline = newline
        self._tmp: str | None = None
        self._target: Target | None = None
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        try:
            self._target = target = resolve(self.path)
        except OSError as err:
            raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}") from None
        try:
            if target.direct:
                flags = os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC | (0 if target.follow else os.O_NOFOLLOW)
                fd = os.open(target.name, flags, dir_fd=target.folder_fd)
            else:
                fd, self._tmp = _create_temp(target, self.mode)
                os.fchmod(fd, self.mode)  # on the open file, never through a name
        except OSError as err:
            target.close()
            raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}") from None
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline=self.newline)
        return self.file

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        target, file = self._target, self.file
        assert target is not None and file is not None  # both set by __enter__
        try:
            if target.direct:
                return self._exit_direct(exc_type, exc)
            if exc_type is None:
                try:
                    file.flush()
                    os.fsync(file.fileno())
                    file.close()
                    assert self._tmp is not None  # not direct: written under a temporary name
                    os.replace(self._tmp, target.name, src_dir_fd=target.folder_fd, dst_dir_fd=target.folder_fd)
                    self._tmp = None
                    _fsync(target.folder_fd)
                except OSError as err:
                    raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}; het oude bestand is niet veranderd") from None
            elif isinstance(exc, OSError):  # a write inside the block failed (a full disk)
                raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(exc)}; het oude bestand is niet veranderd") from None
            return False
        finally:
            if self._tmp is not None:
                try:
                    file.close()
                except OSError:
                    pass
                try:
                    os.unlink(self._tmp, dir_fd=target.folder_fd)
                except OSError:
                    pass
            target.close()

    def _exit_direct(self, exc_type: type[BaseException] | None, exc: BaseException | None) -> bool:
        assert self.file is not None  # set by __enter__
        try:
            self.file.close()
        except OSError as err:
            if exc_type is None:
                raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(err)}") from None
        if isinstance(exc, OSError):
            raise SchrijfFout(f"kan {self.path} niet schrijven: {write_reason(exc)}") from None
        return False


def _fsync(fd: int) -> None:
    try:
        os.fsync(fd)
    except OSError:
        pass


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

    ``tighten``: an existing folder with a looser mode is set to 0700 (the tool's own data folder).
    The folders are walked like a write's path: a planted link on the way is refused."""
    folder = Path(folder).expanduser()
    resolved = os.path.realpath(folder)
    if any(resolved == root or resolved.startswith(root + "/") for root in _FORBIDDEN_ROOTS):
        raise WmoFout(f"{folder} is geen plek voor bestanden (een systeemmap)")
    try:
        fd, _ = _walk(folder, str(folder), create=True, hops=[0])
    except OSError as err:
        raise WmoFout(f"kan map {folder} niet maken: {write_reason(err)}") from None
    try:
        if tighten and stat.S_IMODE(os.fstat(fd).st_mode) != 0o700:
            os.fchmod(fd, 0o700)
    except OSError as err:
        raise WmoFout(f"kan map {folder} niet afschermen: {write_reason(err)}") from None
    finally:
        os.close(fd)


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
