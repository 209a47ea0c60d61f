"""The one Jinja2 environment of the engine's own templates, escaping by output format.

Everything that goes into a template (labels from rule files, answers, reasons
a consultant typed) is data, never markup. Each format escapes by default:

* ``*.html.j2``: HTML autoescaping (markupsafe);
* ``*.md.j2``: every ``{{ … }}`` goes through :func:`md_escape`, so a reason with
  newlines or a label like ``# Kop`` or ``<script>`` cannot start a heading, a list
  item, a table row, a code block or raw HTML. Markdown a template builds on
  purpose is marked with the ``raw`` filter (macro output) or ``code`` (a code span);
* ``*.txt.j2``: control characters are replaced, so an answer cannot move the
  terminal's cursor or change its colours.
"""

from __future__ import annotations

import functools
import re
import textwrap

import jinja2


class Markdown(str):
    """Text that is Markdown already: not escaped again."""


# '_' between two letters or digits never starts emphasis (CommonMark), so ids stay readable.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>#|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_MD_LINE_START = re.compile(r"^([-+=]|\d+[.)])(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def md_escape(value: object) -> str:
    """A value as inline Markdown text: one line, every markup character escaped."""
    if isinstance(value, Markdown):
        return value
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def md_code(value: object) -> Markdown:
    """A code span: backticks inside cannot close it."""
    return Markdown("`" + " ".join(str(value).replace("`", "'").split()) + "`")


def plain(value: object) -> str:
    """A value for a terminal or a text file: no control characters (escape sequences)."""
    return _CONTROL.sub(" ", str(value)).replace("\r", " ")


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    if value is None:
        return ""
    name = context.name or ""
    if name.endswith(".md.j2"):
        return md_escape(value)
    if name.endswith(".txt.j2") and not isinstance(value, (int, float)):
        return plain(value)
    return value


def wrap(text: str, width: int = 78, indent: str = "") -> str:
    """``text`` filled to ``width``; an amount of money ('€ 0,18') stays on one line."""
    kept = text.replace("€ ", "€\u00a0")
    return textwrap.fill(kept, width=width, initial_indent="", subsequent_indent=indent, break_on_hyphens=False).replace("€\u00a0", "€ ")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared environment: strict about undefined names, escaping per format."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("wmo_dsl.present", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["wrap"] = wrap
    env.filters["raw"] = Markdown
    env.filters["code"] = md_code
    return env
