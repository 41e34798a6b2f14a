"""Safe YAML reading that remembers where every value stands and refuses what editors never mean.

Built on PyYAML's event stream (libyaml's C parser where present) rather than `safe_load`, so that
duplicate keys, anchors/aliases, exotic tags, runaway nesting and oversized files are caught with a
line number instead of being silently accepted or expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_tools.load.files import read_text
from build_tools.load.safety import describe_char, invisible_characters, line_col
from build_tools.load.yamlerrors import syntax_problem
from build_tools.model.sources import unix_text
from build_tools.problems import Collector

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 40
MAX_SCALARS = 100_000
# An integer is read only up to this many characters: beyond Python's limit (4,300 digits) converting it fails,
# and no field needs more than a few digits (models' numbers are bounded: base.Order).
MAX_NUMBER_CHARS = 30

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# The constructors of the plain types, called directly: `construct_object` would keep every node
# it ever built in the constructor's memo, a leak that grew with each rebuild under `mkdocs serve`.
_PLAIN_TAGS = {
    tag: _CONSTRUCTOR.yaml_constructors[tag]
    for tag in (
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
    )
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)

Path_ = tuple[Any, ...]


class _NoKey:
    """Marker: the current mapping is waiting for a key, not a value."""

    __slots__ = ()


_NO_KEY: Any = _NoKey()


@dataclass
class Doc:
    """A parsed file: its data plus the 1-based (line, col) of each value and each mapping key."""

    path: Path
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Best position for a location: the exact node, else its nearest recorded parent."""
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.marks:
                return self.marks[loc[:cut]]
        return (1, 1)

    def find(self, loc: Path_, needle: str) -> tuple[int, int]:
        """Where `needle` first occurs in the file at or after the value at `loc` (for a message that names one
        character of a long value); the value's own position when it does not occur there as typed."""
        line, col = self.where(loc)
        try:
            text = unix_text(self.path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            return line, col
        start = sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + col - 1
        at = text.find(needle, start)
        return line_col(text, at) if at >= 0 else (line, col)


class _Refused(Exception):
    """Stops reading a file at the first structural problem; carries position and text."""

    def __init__(self, line: int, col: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


def load_yaml(path: Path, problems: Collector) -> Doc | None:
    """Parse one fact file into a Doc, or record a problem and return None."""
    text = read_text(path, problems)
    if text is None:
        return None
    invisible = invisible_characters(text)
    if invisible:
        for at, char in invisible:
            line = text.count("\n", 0, at) + 1
            col = at - (text.rfind("\n", 0, at) + 1) + 1
            problems.add(
                path,
                line,
                col,
                f"invisible character {describe_char(char)}",
                "delete it (it is invisible, often pasted from a web page or "
                "word processor); it can hide or reorder text",
            )
        return None
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        col = tab.end() - tab.start()
        problems.add(
            path,
            line,
            col,
            "tab character used for indentation",
            "YAML indents with spaces only; replace the tab with spaces",
        )
        return None
    notes: list[_Refused] = []
    try:
        doc = _build(path, text, notes)
    except _Refused as err:
        problems.add(path, err.line, err.col, err.message, err.hint)
        return None
    except yaml.MarkedYAMLError as err:
        line, col, message, hint = syntax_problem(err, text)
        problems.add(path, line, col, f"YAML syntax error: {message}", hint)
        return None
    except yaml.reader.ReaderError as err:  # a control character YAML does not allow in text
        at = min(err.position, len(text))
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        code = ord(err.character) if isinstance(err.character, str) else err.character
        problems.add(
            path,
            line,
            col,
            f"character U+{code:04X} is not allowed in YAML",
            "delete it; it is an invisible control character, often pasted by accident",
        )
        return None
    except yaml.YAMLError as err:  # any other refusal by the parser: still one clean line
        problems.add(path, 1, 1, f"YAML cannot be read: {err}", "check the file for pasted binary data")
        return None
    for note in notes:
        problems.add(path, note.line, note.col, note.message, note.hint)
    if doc.data is None:
        problems.add(path, 1, 1, "file is empty", "write the entity's fields, or delete the file")
        return None
    if not isinstance(doc.data, dict):
        problems.add(
            path,
            1,
            1,
            "file must hold a mapping of field names to values",
            "start with `id: …` on the first line, not a list or a single value",
        )
        return None
    return doc


def _short_tag(tag: str | None) -> str:
    """A tag as the editor wrote it: `!!python/object` rather than its expanded form."""
    tag = tag or ""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _refuse_tag(line: int, col: int, tag: str | None) -> _Refused:
    short = _short_tag(tag)
    why = "; fact files never hold code or objects" if "python" in short else ""
    return _Refused(
        line, col, f"unsupported YAML tag {short}{why}", "remove the tag; fact files hold plain text, numbers and lists"
    )


# YAML 1.1 resolves a plain scalar to a non-string only if it starts with one of these (numbers,
# booleans, null, timestamps, merge and value keys) or is empty.
_MAY_NOT_BE_TEXT = frozenset("-+.0123456789~nNtTfFyYoO<=")


_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_MERGE = "tag:yaml.org,2002:merge"


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Turn a scalar event into a Python value; only plain YAML types are accepted."""
    tag = event.tag
    if tag is None:  # fast path: most values are text, and quoted or block scalars always are
        if event.style in ('"', "'", "|", ">") or (event.value and event.value[0] not in _MAY_NOT_BE_TEXT):
            return event.value
    if tag in (None, "!"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _TIMESTAMP:
        return event.value  # dates stay text; the date model parses and checks them
    if tag == _MERGE:
        raise _Refused(
            *_pos(event), "merge keys (`<<:`) are not supported", "write the fields out in full where they are needed"
        )
    if tag == "tag:yaml.org,2002:int" and len(event.value) > MAX_NUMBER_CHARS:
        raise _Refused(
            *_pos(event),
            f"a number {len(event.value)} characters long is too large for any field",
            "ranks and orders are whole numbers of a few digits; if this is text (an id, a code), put it in quotes",
        )
    if tag == "tag:yaml.org,2002:int" and event.tag is None and not _PLAIN_INT.match(event.value):
        number = _PLAIN_TAGS[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value, style=event.style))
        raise _Refused(
            *_pos(event),
            f"'{event.value}' would be read as the number {number} (YAML "
            f"1.1: leading zero, hex, underscore or base 60)",
            f'put the value in quotes: "{event.value}"',
        )
    if tag not in _PLAIN_TAGS:
        raise _refuse_tag(*_pos(event), event.tag or tag)
    return _PLAIN_TAGS[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value, style=event.style))


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    assert mark is not None  # PyYAML's parser marks every event; the stubs allow None
    return mark.line + 1, mark.column + 1


def _end(event: yaml.Event) -> tuple[int, int]:
    """Where an event ends, 0-based (line, column)."""
    mark = event.end_mark
    assert mark is not None  # as in _pos
    return mark.line, mark.column


def _check_collection(event: yaml.CollectionStartEvent, depth: int) -> None:
    line, col = _pos(event)
    if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        raise _refuse_tag(line, col, event.tag)
    if depth > MAX_DEPTH:
        raise _Refused(
            line,
            col,
            f"nesting deeper than {MAX_DEPTH} levels",
            "fact files are shallow; check for runaway brackets or indentation",
        )


def _comment_after(lines: list[str], event: yaml.ScalarEvent) -> int:
    """Column (1-based) of ` #` right after a plain value on its line, where YAML cut the text; else 0."""
    line, column = _end(event)
    if line >= len(lines):
        return 0
    match = re.match(r"^[ \t]+#", lines[line][column:])
    return column + match.end() if match else 0


# Fields holding a name or words, where a cut by ` #` loses text even when one word is left.
_WORDS_FIELDS = frozenset(
    {"name", "title", "term", "also", "short", "label", "heading", "place", "outlet", "text", "quote", "note", "words"}
)


def _is_prose(loc: Path_, value: Any) -> bool:
    """Text (several words, or a name field), as opposed to an id, a kind or a file name, which may carry a comment."""
    if not isinstance(value, str):
        return False
    key = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return any(char.isspace() for char in value) or key in _WORDS_FIELDS


def _build(path: Path, text: str, notes: list[_Refused] | None = None) -> Doc:
    """Walk the event stream once, building values and recording positions."""
    doc = Doc(path, None)
    stack: list[tuple[Any, Path_]] = []  # (container, its path)
    pending_key: list[Any] = []  # parallel to stack: key awaiting a value (mappings only)
    documents = 0
    scalars = 0
    lines = text.split("\n")

    def attach(value: Any, event: yaml.Event) -> Path_:
        if not stack:
            doc.data = value
            doc.marks[()] = _pos(event)
            return ()
        container, cpath = stack[-1]
        if isinstance(container, list):
            loc = (*cpath, len(container))
            container.append(value)
        else:
            key = pending_key[-1]
            loc = (*cpath, key)
            container[key] = value
            pending_key[-1] = _NO_KEY
        doc.marks[loc] = _pos(event)
        return loc

    for event in yaml.parse(text, Loader=_Parser):
        if getattr(event, "anchor", None) is not None or isinstance(event, yaml.AliasEvent):
            line, col = _pos(event)
            raise _Refused(
                line,
                col,
                "YAML anchors (&name) and aliases (*name) are not allowed",
                "write the value out in full where it is needed",
            )
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                line, col = _pos(event)
                raise _Refused(
                    line,
                    col,
                    "a fact file holds one YAML document",
                    "remove the second `---` and move that entity to its own file",
                )
        elif isinstance(event, yaml.ScalarEvent):
            scalars += 1
            if scalars > MAX_SCALARS:
                line, col = _pos(event)
                raise _Refused(
                    line, col, f"more than {MAX_SCALARS} values in one file", "split the file: one entity per file"
                )
            value = _scalar(event)
            if stack and isinstance(stack[-1][0], dict) and pending_key[-1] is _NO_KEY:
                _take_key(doc, stack[-1], pending_key, value, event)
            else:
                loc = attach(value, event)
                col = (
                    _comment_after(lines, event)
                    if notes is not None and not event.style and _is_prose(loc, value)
                    else 0
                )
                if col and notes is not None:
                    notes.append(
                        _Refused(
                            _end(event)[0] + 1,
                            col,
                            "the text after ` #` was read as a comment, so the value ended there",
                            "put the value in quotes or use `>-`, so that ` #` stays part of the text",
                        )
                    )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            _check_collection(event, len(stack) + 1)
            if stack and isinstance(stack[-1][0], dict) and pending_key[-1] is _NO_KEY:
                line, col = _pos(event)
                raise _Refused(
                    line,
                    col,
                    "a mapping key must be plain text",
                    "write `name: value`; keys cannot be lists or mappings",
                )
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            loc = attach(container, event)
            stack.append((container, loc))
            pending_key.append(_NO_KEY)
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            pending_key.pop()
    return doc


def _take_key(doc: Doc, frame: tuple[Any, Path_], pending_key: list[Any], key: Any, event: yaml.ScalarEvent) -> None:
    """Record a mapping key, refusing duplicates and non-text keys."""
    mapping, mpath = frame
    line, col = _pos(event)
    if not isinstance(key, str):
        raise _Refused(
            line, col, f"mapping key {key!r} is not text", "field names are words such as `text:` or `cite:`"
        )
    if key in mapping:
        first_line, _ = doc.key_marks[(*mpath, key)]
        raise _Refused(
            line,
            col,
            f"duplicate key '{key}' (first given on line {first_line})",
            "keep one of the two; YAML would silently drop the first",
        )
    doc.key_marks[(*mpath, key)] = (line, col)
    pending_key[-1] = key


def strings(data: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value in parsed YAML, with its location (the same path as `Doc.where` takes)."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*loc, index))
