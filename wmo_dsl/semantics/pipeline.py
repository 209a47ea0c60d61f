"""The stages in order: rule-file text → parse → check → analyse → :class:`Rules`.

``checked`` runs the language stages and the analysis (the proofs of ``wmo
check``) and refuses a file with errors; ``load_rules`` caches the result while
the file is unchanged, so every command that loads a region pays once.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from ..errors import RegelbestandFout
from ..language.check import Model, check
from ..language.parse import parse_file
from .analysis import analyse
from .engine import Rules


def checked(path: Path | str) -> Model:
    """Parse, check and analyse a rule file; RegelbestandFout with every error."""
    model = check(parse_file(path))
    findings = analyse(model)
    if any(f.ernst == "fout" for f in findings):
        raise RegelbestandFout(list(model.waarschuwingen) + findings)
    return replace(model, waarschuwingen=tuple(model.waarschuwingen) + tuple(findings))


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
