"""Write stage for the hook-free path: generated pages as plain Markdown files with front matter."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.load.project import Project
from build_tools.render.output import Output
from build_tools.tools.outdir import replace_folder


def export_pages(output: Output, out_dir: Path, project: Project) -> list[Path]:
    """Write every page, facts.json and nav.json into a new folder that then replaces out_dir (see outdir.py)."""

    def fill(folder: Path) -> list[Path]:
        written: list[Path] = []
        for path, page in sorted(output.pages.items()):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
            written.append(out_dir / path)
        for path, content in sorted(output.files.items()):
            (folder / path).write_text(content, encoding="utf-8")
        (folder / "nav.json").write_text(json.dumps(output.nav, indent=2) + "\n", encoding="utf-8")
        return written

    return replace_folder(out_dir, fill, project, "export")
