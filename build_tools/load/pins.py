"""Pinned sources: each source's metadata records the SHA-256 of its text, and the build checks it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_tools.load.yamlload import Doc
from build_tools.model.models import SourceMeta
from build_tools.problems import Collector


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, as lower-case hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_path(doc: Doc, meta: SourceMeta) -> Path:
    """The source's text file, beside its metadata file."""
    return doc.path.parent / meta.text_file


def check_pin(doc: Doc, meta: SourceMeta, problems: Collector) -> bool:
    """Report a source whose text no longer has the pinned hash; True when it matches."""
    path = text_path(doc, meta)
    if file_sha256(path) == meta.sha256:
        return True
    line, col = doc.where(("sha256",))
    problems.add(
        doc.path,
        line,
        col,
        f"the text of source '{meta.id}' ({problems.rel(path)}) changed since it was pinned",
        f"run `explainer reverify {meta.id}` to check every citation against the new text, then accept",
    )
    return False
