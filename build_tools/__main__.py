"""Entry point for `python -m build_tools`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
