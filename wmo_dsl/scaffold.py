"""``wmo regio nieuw``: a new region as its own installable plugin package.

Rendered from the Jinja2 templates in ``templates/nieuwe_regio/``: a pyproject
with the ``wmo_dsl`` entry point, the plugin module, a rule file with a
commented skeleton that already passes ``wmo check``, two example cases and a
test. A developer renames, fills in the rules, and has a working region.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2

from .errors import WmoFout

_ID = re.compile(r"^[a-z][a-z0-9_]*$")

_FILES = {  # template -> path in the new package ({module} and {id} filled in)
    "pyproject.toml.j2": "pyproject.toml",
    "README.md.j2": "README.md",
    "__init__.py.j2": "{module}/__init__.py",
    "regio.wmo.j2": "{module}/{id}.wmo",
    "casus_begeleiding.json.j2": "{module}/casussen/begeleiding.json",
    "casus_voorliggend.json.j2": "{module}/casussen/voorliggend_veld.json",
    "test_regio.py.j2": "tests/test_regio.py",
}


def new_region(region_id: str, doel: Path, naam: str | None = None, vandaag: dt.date | None = None) -> list[Path]:
    """Write the package for ``region_id`` into ``doel`` (which must not exist yet); return the files written."""
    if not _ID.match(region_id):
        raise WmoFout(f"'{region_id}' is geen geldige regio-id; gebruik kleine letters, cijfers en _, beginnend met een letter (bijvoorbeeld 'rivierenland')")
    if doel.exists():
        raise WmoFout(f"{doel} bestaat al; kies een andere map met --map")
    env = jinja2.Environment(loader=jinja2.PackageLoader("wmo_dsl", "templates/nieuwe_regio"), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    context = {
        "id": region_id,
        "module": f"wmo_regio_{region_id}",
        "naam": naam or f"Regio {region_id.replace('_', ' ').title()}",
        "vandaag": (vandaag or dt.date.today()).isoformat(),
    }
    written = []
    for template, target in _FILES.items():
        path = doel / target.format(**context)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.get_template(template).render(**context), encoding="utf-8")
        written.append(path)
    return written
