"""Write stage for the hook-free path: generated pages as plain Markdown files with front matter."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from build_tools.render.output import Output


def export_pages(output: Output, out_dir: Path) -> list[Path]:
    """Write every page, facts.json and nav.json; out_dir is replaced only once all are written."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir.parent))
    written: list[Path] = []
    for path, page in sorted(output.pages.items()):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written.append(out_dir / path)
    for path, content in sorted(output.files.items()):
        (staging / path).write_text(content, encoding="utf-8")
    (staging / "nav.json").write_text(json.dumps(output.nav, indent=2) + "\n", encoding="utf-8")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)
    return written
