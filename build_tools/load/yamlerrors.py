"""YAML syntax errors in an editor's words: libyaml's message → where, what went wrong, and what to type."""

from __future__ import annotations

import re

import yaml

_SYNTAX_HINT = "check indentation, colons and quotes on this line and the one above"
# libyaml's wording → what an editor needs to hear; matched against "context problem".
_SYNTAX_PLAIN = [
    ("quoted scalar found unexpected end of stream", "a quoted value is never closed", "add the closing quote"),
    (
        "mapping values are not allowed",
        "unexpected ':' in a value",
        "put the whole value in quotes (a value may not contain ': ' unquoted), or fix the indentation of this line",
    ),
    (
        "did not find expected key",
        "this line does not fit the fields above it",
        "each line is `field: value` or a `- ` list entry at the indentation of its siblings",
    ),
    ("flow sequence did not find expected ',' or ']'", "a [list] is not closed", "close it with ] on the same line"),
    ("flow mapping did not find expected ',' or '}'", "a {mapping} is not closed", "close it with } on the same line"),
    (
        "did not find expected '-' indicator",
        "a list entry is out of line",
        "start each entry with `- ` at the same indentation",
    ),
]


# A value that starts with one of these is YAML syntax, not text, unless it is quoted.
_INDICATOR_START = re.compile(
    r"""^[ \t]*(?:-[ \t]+)*(?:[^\s'"#][^:#]*:[ \t]+)?(?P<value>(?P<char>[*@`&!%|>]).*|(?P<open>['"\[{]).*)$"""
)
_CLOSER = {"'": "'", '"': '"', "[": "]", "{": "}"}
# Text, spaces, then `#`: YAML reads the rest of the line as a comment.
_TRAILING_COMMENT = re.compile(r"""^[ \t]*(?:-[ \t]+)*(?:[^\s'"#][^:#]*:[ \t]+)?[^\s'"#|>\[{][^#]*?[ \t]#""")


def _value_needs_quotes(line_text: str) -> str | None:
    """The indicator a plain value starts with, when the value is text that YAML would read as syntax."""
    match = _INDICATOR_START.match(line_text)
    if not match:
        return None
    if match.group("char"):
        return match.group("char")
    value = match.group("value").rstrip()
    opener = match.group("open")
    closer = value.find(_CLOSER[opener], 1)
    # `[a] and b` or `'a' and b`: closed, then more text; an unclosed one is reported as such.
    if closer > 0 and value[closer + 1 :].strip() and not value[closer + 1 :].lstrip().startswith("#"):
        return opener
    return None


def syntax_problem(err: yaml.MarkedYAMLError, text: str = "") -> tuple[int, int, str, str]:
    """Position, plain-language message and hint for a YAML syntax error."""
    raw = " ".join(part for part in (err.context, err.problem) if part)
    mark = err.problem_mark or err.context_mark
    lines = text.split("\n")
    for candidate in (err.problem_mark, err.context_mark):
        if candidate is not None and candidate.line < len(lines):
            char = _value_needs_quotes(lines[candidate.line])
            if char:
                return (
                    candidate.line + 1,
                    lines[candidate.line].index(char) + 1 if char in lines[candidate.line] else 1,
                    f"a value starting with the character {char} must be in quotes",
                    f'put the value in quotes, e.g. text: "{char}…" (YAML reads a leading {char} '
                    f"as syntax), or use `>-` and write the text on the next line",
                )
    if err.problem_mark is not None and 0 < err.problem_mark.line < len(lines):
        previous = lines[err.problem_mark.line - 1]
        if _TRAILING_COMMENT.match(previous):
            return (
                err.problem_mark.line,
                previous.index(" #") + 2,
                "the text after ` #` was read as a comment, so the value ended there",
                "put the value in quotes or use `>-`, so that ` #` stays part of the text",
            )
    for needle, message, hint in _SYNTAX_PLAIN:  # noqa: B007 (the matching entry's hint is used after the loop)
        if needle in raw:
            if ("never closed" in message or "not closed" in message) and err.context_mark is not None:
                mark = err.context_mark  # point at the opening quote or bracket, not where parsing gave up
            break
    else:
        message, hint = raw, _SYNTAX_HINT
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return line, col, message, hint
