"""The stages in order: rule-file text → parse → check → analyse → :class:`Rules`.

``checked`` runs the language stages and the analysis (the proofs of ``wmo
check``) and refuses a file with errors; ``load_rules`` caches the result while
the file is unchanged, so every command that loads a region pays once.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import replace
from pathlib import Path

from ..errors import Bevinding, RegelbestandFout, WmoFout
from ..language.check import Model, check
from ..language.parse import parse_file
from .analysis import analyse
from .engine import Rules


def checked(path: Path | str, fresh: bool = False) -> Model:
    """Parse, check and analyse a rule file; RegelbestandFout with every error. ``fresh``: analyse
    again rather than read the findings kept for this text (``wmo check``)."""
    model = check(parse_file(path))
    findings = analyse(model) if fresh else cached_analysis(model)
    if any(f.ernst == "fout" for f in findings):
        raise RegelbestandFout(list(model.waarschuwingen) + findings)
    return replace(model, waarschuwingen=tuple(model.waarschuwingen) + tuple(findings))


_ANALYSIS_VERSION = "3"  # raise when the analysis finds something else for the same text


def cached_analysis(model: Model) -> list[Bevinding]:
    """The findings of the analysis, kept (as JSON, keyed by the rule file's path and text and the
    version of wmo-dsl) in the user's own cache folder: a command that loads an unchanged region
    does not start the solver again. ``wmo check`` always analyses afresh."""
    from .. import __version__
    from ..safeio import private_cache_file, write_atomic

    text = "\n".join(model.bronregels)
    key = hashlib.sha256(f"{__version__}\n{_ANALYSIS_VERSION}\n{model.pad}\n{text}".encode()).hexdigest()[:32]
    path = private_cache_file(f"analyse-{key}.json")
    if path is not None and path.exists():
        try:
            return [Bevinding(**f) for f in json.loads(path.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            pass  # a damaged cache entry is computed again
    findings = analyse(model)
    if path is not None:
        try:
            write_atomic(path, json.dumps([dataclasses.asdict(f) for f in findings], ensure_ascii=False))
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
