"""Write stage for the hook-free path: generated pages as plain Markdown files with front matter."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from .pipeline import Generated


def export_pages(generated: Generated, out_dir: Path) -> list[Path]:
    """Write every page (and the nav as nav.json) into out_dir, replacing it only when all are written."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir.parent))
    written: list[Path] = []
    for path, page in sorted(generated.pages.items()):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written.append(out_dir / path)
    (staging / "nav.json").write_text(json.dumps(generated.nav, indent=2) + "\n", encoding="utf-8")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)
    return written
