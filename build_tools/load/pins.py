"""Pinned sources: each source's metadata records the SHA-256 of its text, and the build checks it.

The hash is taken of the canonical text (model/sources.py: LF line ends, no leading byte order mark, NFC)
encoded as UTF-8, so a checkout that turns line ends into CRLF, or an editor that adds a BOM, changes no pin.
For a text already in that form (every text this project has pinned) it is the SHA-256 of the file's bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_tools.load.yamlload import Doc
from build_tools.model.models import SourceMeta
from build_tools.model.sources import canonical_text
from build_tools.problems import Collector


def text_sha256(text: str) -> str:
    """SHA-256 of a source text in its canonical form, as lower-case hex."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    """The pin of a source text file: the SHA-256 of its canonical text (of its bytes, if it is not UTF-8)."""
    data = path.read_bytes()
    try:
        return text_sha256(data.decode("utf-8"))
    except UnicodeDecodeError:
        return hashlib.sha256(data).hexdigest()


def text_path(doc: Doc, meta: SourceMeta) -> Path:
    """The source's text file, beside its metadata file."""
    return doc.path.parent / meta.text_file


def check_pin(doc: Doc, meta: SourceMeta, text: str, problems: Collector) -> bool:
    """Report a source whose (canonical) text no longer has the pinned hash; True when it matches."""
    if text_sha256(text) == meta.sha256:
        return True
    path = text_path(doc, meta)
    line, col = doc.where(("sha256",))
    problems.add(
        doc.path,
        line,
        col,
        f"the text of source '{meta.id}' ({problems.rel(path)}) changed since it was pinned",
        f"run `explainer reverify {meta.id}` to check every citation against the new text, then accept",
    )
    return False
