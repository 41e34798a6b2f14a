"""Rules on files as they are read: no symbolic links in content/, no orphan or empty source texts, no
invisible characters.

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


def linked_folder(content_dir: Path, root: Path) -> Path | None:
    """The content folder, or a folder between the project and it, when it is a symbolic link (else None)."""
    current = Path(os.path.abspath(content_dir))
    top = Path(os.path.abspath(root))
    while True:
        if current.is_symlink():
            return current
        if current == top or top not in current.parents:
            return None
        current = current.parent


def is_symlinked(content_dir: Path, path: Path) -> bool:
    """True when the path or a folder between content/ and it is a symbolic link."""
    current = path
    while current != content_dir and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def source_text_problems(text: str) -> list[tuple[int, int, str, str]]:
    """What a (canonical) source text may not hold, each as (line, col, message, hint): emptiness, the
    invisible characters refused in fact files (a bidi control or a byte order mark would be published), and
    control characters other than tab and line end."""
    if not text.strip():
        return [(1, 1, "source text is empty", "paste the source's full text into the file")]
    controls = [(at, char) for at, char in enumerate(text) if unicodedata.category(char) == "Cc" and char not in "\t\n"]
    return [
        (
            *line_col(text, at),
            f"{'control' if unicodedata.category(char) == 'Cc' else 'invisible'} character {describe_char(char)} "
            "in the source text",
            "delete it (it is invisible and would be published with the text; it can hide or reorder words), "
            "then run reverify",
        )
        for at, char in sorted(invisible_characters(text) + controls)
    ]


def line_col(text: str, at: int) -> tuple[int, int]:
    """1-based line and column of an offset in a text."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


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


# Control characters have no Unicode name, only an alias (Python's unicodedata.name knows none of them).
_CONTROL_NAMES = {0x0: "NULL", 0x7: "BELL", 0x8: "BACKSPACE", 0xB: "LINE TABULATION", 0xC: "FORM FEED"}
_CONTROL_NAMES |= {0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE", 0xD: "CARRIAGE RETURN"}


def describe_char(char: str) -> str:
    """A character as an editor can search for it: `U+200B ZERO WIDTH SPACE`."""
    fallback = _CONTROL_NAMES.get(ord(char), "CONTROL" if unicodedata.category(char) == "Cc" else "UNNAMED")
    return f"U+{ord(char):04X} {unicodedata.name(char, fallback)}"


# Letters of other scripts drawn like Latin ones (the usual homoglyphs); NFKC covers fullwidth and styled forms.
_LOOK_ALIKES = dict(
    zip(
        "АВЕКМНОРСТХаеорсухіјѕԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοντυ",
        "ABEKMHOPCTXaeopcyxijsdqwABEZHIKMNOPTYXaovty",
        strict=True,
    )
)


def looks_like(char: str) -> str | None:
    """The plain ASCII letter a character passes for (Cyrillic 'а' for 'a', fullwidth 'ａ'), if any."""
    folded = unicodedata.normalize("NFKC", char)
    if folded != char and len(folded) == 1 and folded.isascii() and folded.isprintable() and not folded.isspace():
        return folded
    return _LOOK_ALIKES.get(char)


def describe_foreign(char: str) -> str:
    """A character as `describe_char` gives it, with what it passes for: "U+0430 CYRILLIC SMALL LETTER A (it
    looks like 'a')"."""
    twin = looks_like(char)
    return describe_char(char) + (f" (it looks like '{twin}')" if twin else "")


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """Offsets and characters of every invisible character, except a joiner where a script or emoji needs it."""
    return [
        (at, char)
        for at, char in enumerate(text)
        if ord(char) > 127 and unicodedata.category(char) in _INVISIBLE_CATEGORIES and not _joins(text, at)
    ]


_ZWNJ, _ZWJ = "\u200c", "\u200d"
_VIRAMA = 9  # canonical combining class of a virama (Indic scripts join or break ligatures after it)


def _joins(text: str, at: int) -> bool:
    """A zero-width (non-)joiner in the place it has a visible effect: after a virama; ZWJ inside an emoji
    sequence (👩‍💻); ZWNJ between two letters of a script other than Latin (Persian, Arabic…)."""
    char = text[at]
    if char not in (_ZWNJ, _ZWJ) or at == 0 or at + 1 >= len(text):
        return False
    before, after = text[at - 1], text[at + 1]
    if unicodedata.combining(before) == _VIRAMA:
        return True
    if char == _ZWJ:
        return (before == "\ufe0f" or unicodedata.category(before) in ("So", "Sk")) and unicodedata.category(
            after
        ) == "So"
    letters = unicodedata.category(before).startswith("L") and unicodedata.category(after).startswith("L")
    return letters and not all(unicodedata.name(c, "").startswith("LATIN") for c in (before, after))
