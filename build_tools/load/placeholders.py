"""The one placeholder convention: a value starting with `TODO:` says what to write instead.

`python -m build_tools new` writes placeholders into its stubs; validation refuses any such value in
any fact file (and any line of a source text starting with it) until the editor replaces it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from build_tools.load.yamlload import Doc, strings
from build_tools.problems import Collector

PREFIX = "TODO:"


def placeholder(what: str) -> str:
    """A placeholder value as YAML (quoted: `TODO:` holds a colon), e.g. `"TODO: the name"`."""
    return f'"{PREFIX} {what}"'


def is_placeholder(value: Any) -> bool:
    """Whether a parsed value is a placeholder left to fill in."""
    return isinstance(value, str) and value.lstrip().startswith(PREFIX)


def holds_placeholder(value: Any) -> bool:
    """Whether a value is a placeholder or a mapping with one as a direct field."""
    return is_placeholder(value) or (isinstance(value, dict) and any(map(is_placeholder, value.values())))


def report_in_doc(doc: Doc, problems: Collector) -> None:
    """One problem per placeholder value of a fact file, at its line, saying what to write."""
    for loc, value in find(doc.data):
        field = next((part for part in reversed(loc) if isinstance(part, str)), "value")
        what = value.lstrip()[len(PREFIX) :].strip()
        problems.add(
            doc.path,
            *doc.where(loc),
            f"'{field}' is still a placeholder ({PREFIX} …)",
            f"replace the whole value, `{PREFIX}` included, with {what}",
        )


def in_text(text: str) -> list[tuple[int, str]]:
    """Lines of a source text that are still placeholders, as (line number, what to write)."""
    return [
        (number, line.lstrip()[len(PREFIX) :].strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if is_placeholder(line)
    ]


def report_in_source_text(doc: Doc, problems: Collector) -> None:
    """One problem per placeholder line of the text file a source's metadata names (if it can be read)."""
    name = doc.data.get("text_file") if isinstance(doc.data, dict) else None
    path = doc.path.parent / name if isinstance(name, str) and name else None
    if path is None or path.parent != doc.path.parent or not path.is_file():
        return  # a missing text file is reported when the source is read
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    for number, what in in_text(text):
        problems.add(
            path, number, 1, f"source text is still a placeholder ({PREFIX} …)", f"replace the line with {what}"
        )


def find(data: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every placeholder value in parsed YAML, with its location."""
    return ((loc, text) for loc, text in strings(data) if is_placeholder(text))
