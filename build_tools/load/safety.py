"""Rules on files as they are read: no symbolic links in content/, no orphan or empty source texts, NFC.

They run in the load stage, before any YAML is parsed into facts, and report through the same Collector
as the rest (docs/handbook/editing.md, "Refused on purpose").
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from build_tools.problems import Collector


def check_files(content_dir: Path, raw_files: list[Any], problems: Collector) -> None:
    """Symlinks anywhere in content/, and source texts that no metadata file names."""
    for folder, dirs, files in os.walk(content_dir, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                problems.add(
                    path,
                    1,
                    1,
                    "symbolic link in content/",
                    "replace the link by the file itself; content/ holds real files "
                    "only (a link could point outside the project)",
                )
    named = {
        (raw.doc.path.parent, raw.doc.data.get("text_file"))
        for raw in raw_files
        if raw.kind == "sources" and isinstance(raw.doc.data, dict)
    }
    broken = {raw.doc.path.with_suffix("") for raw in raw_files if raw.kind == "sources"}
    sources = content_dir / "sources"
    for path in sorted(sources.glob("*.txt")) if sources.is_dir() else []:
        if path.is_symlink() or (path.parent, path.name) in named or path.with_suffix("") in broken:
            continue
        problems.add(
            path,
            1,
            1,
            f"source text '{path.name}' has no metadata file naming it",
            f"add content/sources/{path.stem}.yaml with `text_file: {path.name}` "
            f"(`explainer new source {path.stem}`), or delete the text",
        )


def is_symlinked(content_dir: Path, path: Path) -> bool:
    """True when the path or a folder between content/ and it is a symbolic link."""
    current = path
    while current != content_dir and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def source_text_problem(text: str) -> tuple[int, int, str, str] | None:
    """An empty source text, or one not in NFC: (line, col, message, hint)."""
    if not text.strip():
        return 1, 1, "source text is empty", "paste the source's full text into the file"
    if not unicodedata.is_normalized("NFC", text):
        at = first_not_nfc(text)
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        return (
            line,
            col,
            f"source text is not in Unicode NFC (U+{ord(text[at]):04X} {unicodedata.name(text[at], 'UNNAMED')})",
            "normalise the file to NFC (e.g. `uconv -x any-nfc`), then run reverify; quotes are compared in NFC",
        )
    return None


def first_not_nfc(text: str) -> int:
    """Offset of the first character that NFC would change (with the one before it)."""
    for index in range(len(text)):
        pair = text[max(index - 1, 0) : index + 1]
        if unicodedata.normalize("NFC", pair) != pair:
            return index
    return 0


# Invisible characters refused anywhere in a fact file: format characters (zero-width, bidi
# controls, soft hyphen), line and paragraph separators, private-use characters.
_INVISIBLE_CATEGORIES = {"Cf", "Zl", "Zp", "Co"}


def describe_char(char: str) -> str:
    """A character as an editor can search for it: `U+200B ZERO WIDTH SPACE`."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """Offsets and characters of every invisible character (a byte order mark at the start is allowed)."""
    return [
        (at, char)
        for at, char in enumerate(text)
        if (ord(char) > 127 and unicodedata.category(char) in _INVISIBLE_CATEGORIES)
        and not (at == 0 and char == "\ufeff")
    ]
