"""The stages in order: rule-file text → parse → check → analyse → :class:`Rules`.

``checked`` runs the language stages and the analysis (the proofs of ``wmo
check``) and refuses a file with errors; ``load_rules`` caches the result while
the file is unchanged, so every command that loads a region pays once.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace
from pathlib import Path

from ..bulk import building
from ..errors import Bevinding, RegelbestandFout, WmoFout
from ..language.check import Model, check
from ..language.parse import parse_file
from .analysis import analyse
from .engine import Rules


def checked(path: Path | str, fresh: bool = False) -> Model:
    """Parse, check and analyse a rule file; RegelbestandFout with every error. ``fresh``: analyse
    again rather than read the findings kept for this text (``wmo check``)."""
    with building():
        model = check(parse_file(path))
        findings = analyse(model) if fresh else cached_analysis(model)
    if any(f.ernst == "fout" for f in findings):
        raise RegelbestandFout(list(model.waarschuwingen) + findings)
    return replace(model, waarschuwingen=tuple(model.waarschuwingen) + tuple(findings))


_ANALYSIS_VERSION = "6"  # raise when the analysis finds something else for the same text


def cached_analysis(model: Model) -> list[Bevinding]:
    """The findings of the analysis, kept (signed and bound to the rule text: ``cache.py``) in the
    user's own cache folder: a command that loads an unchanged region does not start the solver
    again. An entry that is not exactly what was written is analysed again. ``wmo check`` always
    analyses afresh."""
    from .. import __version__
    from ..safeio import private_cache_file, write_atomic
    from . import cache

    text = "\n".join(model.bronregels)
    key = hashlib.sha256(f"{__version__}\n{_ANALYSIS_VERSION}\n{model.pad}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    binding = cache.text_hash(f"{__version__}\n{_ANALYSIS_VERSION}\n{model.pad}", text)
    sleutel = cache.key()
    path = private_cache_file(f"analyse-{key}.json") if sleutel is not None else None
    if path is not None and sleutel is not None and path.exists():
        try:
            with open(path, "rb") as f:
                found = cache.load(f.read(1 << 24), binding, sleutel)
            if found is not None:
                return found
        except OSError:
            pass  # unreadable: computed again
    findings = analyse(model)
    if path is not None and sleutel is not None:
        try:
            write_atomic(path, cache.dump(findings, binding, sleutel))
        except WmoFout:
            pass  # no cache: slower next time, nothing else
    return findings


@functools.lru_cache(maxsize=64)
def _load_rules(path: Path, mtime: float) -> Rules:
    return Rules(checked(path))


def load_rules(path: Path | str) -> Rules:
    """Parse and check one rule file (cached while the file is unchanged)."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load_rules(path, mtime)
