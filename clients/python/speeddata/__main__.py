"""``python -m speeddata ...``: see :mod:`speeddata.cli`."""
from .cli import main

raise SystemExit(main())
