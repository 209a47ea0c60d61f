"""The typed syntax tree of a rule file: one frozen dataclass per construct.

The parser (``parse.py``) builds these from Lark's tree; the checker
(``check.py``) resolves names in them and gives every expression its type;
nothing downstream sees Lark. Expressions and table cells are in
``expressions.py``, the definitions of a rule file in ``definitions.py``.
"""

from .definitions import *  # noqa: F401,F403
from .definitions import __all__ as _definitions
from .expressions import *  # noqa: F401,F403
from .expressions import __all__ as _expressions

__all__ = [*_expressions, *_definitions]


def walk(node):
    """Every node inside ``node`` (itself included), depth first, without recursion."""
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, (tuple, list)):
            stack.extend(reversed(x))
        else:
            fields = _fields(type(x))
            if fields is not None:
                yield x
                stack.extend(reversed([getattr(x, f) for f in fields]))


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a node class that may hold nodes (not its position or type), looked up once."""
    try:
        return _FIELDS[cls]
    except KeyError:
        names = getattr(cls, "__dataclass_fields__", None)
        found = _FIELDS[cls] = None if names is None else tuple(f for f in names if f not in ("pos", "t"))
        return found


__all__.append("walk")
