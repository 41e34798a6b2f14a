"""Escaping of untrusted YAML text into Markdown, and the small inline syntax prose may use.

Prose fields allow `*emphasis*`, `**strong**` and `[[id]]` (a link to another fact's page, shown
with that fact's name). Everything else, HTML included, is shown literally: `<`, `&`, brackets,
braces (attribute lists), backticks and line-leading list or heading marks are escaped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from markupsafe import Markup

_BASE = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
    "{": "&#123;", "}": "&#125;", "|": "&#124;",
    "\\": "\\\\", "`": "\\`", "[": "\\[", "]": "\\]", "(": "\\(", ")": "\\)", "!": "\\!", "#": "\\#",
}
_EMPHASIS = {"*": "\\*", "_": "\\_"}
_PLAIN_TABLE = str.maketrans({**_BASE, **_EMPHASIS})
_PROSE_TABLE = str.maketrans(_BASE)
_WHITESPACE = re.compile(r"\s+")
_LINE_START = re.compile(r"^(\d+)\.|^([-+])")
FACT_LINK = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")
# Emphasis markers must pair up on a word boundary; a lone `*` or `_` is shown literally.
_PAIRED = re.compile(r"(\*\*|\*|_)(?=\S)(.+?)(?<=\S)\1")


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", str(text)).strip()


def _guard_line_start(escaped: str) -> str:
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else f"\\{m.group(2)}", escaped, count=1)


# The escapers are pure and see the same names, titles and quotes on many pages: memoised, they
# halve the render time of a large site. `typed` keeps 1 and True apart.
@lru_cache(maxsize=1 << 16, typed=True)
def escape_plain(text: object) -> Markup:
    """Any value as literal Markdown text: nothing in it is markup."""
    return Markup(_guard_line_start(_one_line(str(text)).translate(_PLAIN_TABLE)))


_HTML_TABLE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    | {char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+!|"}
)


@lru_cache(maxsize=1 << 16, typed=True)
def escape_attr(text: object) -> Markup:
    """A value for an HTML attribute, or text inside raw HTML that Markdown must leave alone."""
    return Markup(_one_line(str(text)).translate(_HTML_TABLE))


def _escape_emphasis_run(text: str) -> str:
    """Escape a run of prose, keeping only well-formed emphasis pairs as Markdown."""
    out: list[str] = []
    last = 0
    for match in _PAIRED.finditer(text):
        out.append(text[last:match.start()].translate(_PLAIN_TABLE))
        marker = match.group(1)
        out.append(marker + match.group(2).translate(_PLAIN_TABLE) + marker)
        last = match.end()
    out.append(text[last:].translate(_PLAIN_TABLE))
    return "".join(out)


def escape_prose(text: object, link: Callable[[str], str]) -> Markup:
    """Prose as Markdown: emphasis and `[[id]]` fact links kept, everything else literal."""
    value = _one_line(str(text))
    parts: list[str] = []
    last = 0
    for match in FACT_LINK.finditer(value):
        parts.append(_escape_emphasis_run(value[last:match.start()]))
        parts.append(link(match.group(1)))
        last = match.end()
    parts.append(_escape_emphasis_run(value[last:]))
    return Markup(_guard_line_start("".join(parts)))


def plain_text(text: object) -> str:
    """Prose stripped to plain text (for descriptions and tooltips): links become names, no markers."""
    return _one_line(str(text)).replace("**", "").replace("*", "")


def finalize(value: object) -> object:
    """Jinja finalize hook: every `{{ value }}` is escaped unless a helper already made it Markup."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_plain(value)
