"""Entry point for `python -m build_tools`."""

from __future__ import annotations

import sys

from build_tools.tools.cli import main

sys.exit(main())
