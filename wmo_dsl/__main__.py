"""``python -m wmo_dsl`` runs the same command line as ``wmo``."""

import sys

from .cli import main

sys.exit(main())
