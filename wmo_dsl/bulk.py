"""Building many small objects at once without paying the cycle collector for it.

Reading a rule file makes a few hundred thousand objects that live on (Lark's tree, the AST,
the checked model, the compiled lookup) and no reference cycles worth collecting. CPython's
cycle collector runs after every 700 new objects and walks the ones that survived, so reading a
20,000-row table spent half its time there. The stages that build in bulk run inside
:func:`building`; the collector runs once afterwards, as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def building() -> Iterator[None]:
    """Pause the cycle collector while the block runs (nested blocks: the outermost resumes)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
