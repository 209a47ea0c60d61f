"""``wmo regio nieuw``: a new region as its own installable plugin package.

Rendered from the Jinja2 templates in ``templates/nieuwe_regio/``: the plugin
module, a rule file with a commented skeleton that already passes ``wmo check``,
two example cases and a test; the ``pyproject.toml`` is written as data with
``tomli-w``. The readable name is data everywhere it lands: a Python literal via
``repr``, a TOML string via the TOML writer, escaped Markdown, and in the rule
file a string the language can hold (a name with a double quote is refused).
The package is built in a temporary folder and renamed into place only when it
is complete, so a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import jinja2

from ..errors import WmoFout
from ..safeio import write_reason

_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")

_FILES = {  # template -> path in the new package ({module} and {id} filled in)
    "README.md.j2": "README.md",
    "__init__.py.j2": "{module}/__init__.py",
    "regio.wmo.j2": "{module}/{id}.wmo",
    "casus_begeleiding.json.j2": "{module}/casussen/begeleiding.json",
    "casus_voorliggend.json.j2": "{module}/casussen/voorliggend_veld.json",
    "test_regio.py.j2": "tests/test_regio.py",
}


def check_name(naam: str) -> str:
    """A readable region name the rule language can hold: one line, no double quote."""
    if not naam.strip():
        raise WmoFout("--naam is leeg; geef een leesbare naam, bijvoorbeeld \"Regio Rivierenland\"")
    if '"' in naam or any(ord(c) < 32 or ord(c) == 127 for c in naam):
        raise WmoFout("--naam mag geen dubbel aanhalingsteken, regeleinde of tab bevatten: "
                      "de naam komt tussen aanhalingstekens in het regelbestand")
    if len(naam) > 100:
        raise WmoFout("--naam is langer dan 100 tekens")
    return naam.strip()


def pyproject(region_id: str, module: str, naam: str) -> str:
    import tomli_w

    data = {
        "build-system": {"requires": ["setuptools>=68", "wheel"], "build-backend": "setuptools.build_meta"},
        "project": {
            "name": f"wmo-regio-{region_id}",
            "version": "0.1.0",
            "description": f"Regels voor Wmo-begeleiding van {naam}, als plugin voor wmo-dsl",
            "requires-python": ">=3.11",
            "dependencies": ["wmo-dsl"],
            "optional-dependencies": {"test": ["pytest>=8"]},
            # This is how wmo-dsl finds the region: the group is always called wmo_dsl.
            "entry-points": {"wmo_dsl": {region_id: module}},
        },
        "tool": {"setuptools": {"packages": [module], "package-data": {module: ["*.wmo", "casussen/*.json"]}}},
    }
    return tomli_w.dumps(data)


def new_region(region_id: str, doel: Path, naam: str | None = None, vandaag: dt.date | None = None) -> list[Path]:
    """Write the package for ``region_id`` into ``doel`` (which must not exist yet); return the files written."""
    if not _ID.fullmatch(region_id):
        shown = region_id if len(region_id) <= 40 and region_id.isprintable() else repr(region_id[:40]) + "…"
        raise WmoFout(f"'{shown}' is geen geldige regio-id; gebruik 1 tot 40 kleine letters, cijfers en _, "
                      f"beginnend met een letter (bijvoorbeeld 'rivierenland')")
    naam = check_name(naam) if naam is not None else f"Regio {region_id.replace('_', ' ').title()}"
    if doel.exists():
        raise WmoFout(f"{doel} bestaat al; kies een andere map met --map")
    env = jinja2.Environment(loader=jinja2.PackageLoader("wmo_dsl.tools", "templates/nieuwe_regio"), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["python"] = repr
    env.filters["markdown"] = lambda text: re.sub(r"([\\`*_{}\[\]<>()#+\-.!|~])", r"\\\1", text)
    context = {
        "id": region_id,
        "module": f"wmo_regio_{region_id}",
        "naam": naam,
        "vandaag": (vandaag or dt.date.today()).isoformat(),
    }
    files = {target.format(**context): env.get_template(template).render(**context) for template, target in _FILES.items()}
    files["pyproject.toml"] = pyproject(region_id, context["module"], naam)
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        bouw = Path(tempfile.mkdtemp(prefix=f".{doel.name}.", dir=doel.parent))
    except OSError as err:
        raise WmoFout(f"kan {doel} niet maken: {write_reason(err)}") from None
    try:
        for target, text in files.items():
            path = bouw / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        bouw.chmod(0o755)
        bouw.rename(doel)
    except OSError as err:
        shutil.rmtree(bouw, ignore_errors=True)
        raise WmoFout(f"kan {doel} niet maken: {write_reason(err)}; er is niets achtergebleven") from None
    return [doel / target for target in sorted(files)]
