"""Escaping of untrusted YAML text, and the small inline syntax prose may use.

Prose fields allow `*emphasis*`, `**strong**` and `[[id]]` or `[[id|words]]` (a link to another
fact's page). Everything else, HTML included, is shown literally. Prose is parsed into tokens once
and written as HTML whose Markdown-significant characters are entities, so the same output is
safe in a Markdown paragraph and inside a raw HTML block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from build_tools.model.vocab import ID_PATTERN

_BASE = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "\\": "\\\\",
    "`": "\\`",
    "[": "\\[",
    "]": "\\]",
    "(": "\\(",
    ")": "\\)",
    "!": "\\!",
    "#": "\\#",
}
_EMPHASIS = {"*": "\\*", "_": "\\_"}
_PLAIN_TABLE = str.maketrans({**_BASE, **_EMPHASIS})
_WHITESPACE = re.compile(r"\s+")
_LINE_START = re.compile(r"^(\d+)\.|^([-+])")
# `[[id]]` links to a fact's page, shown with its name; `[[id|words]]` shows the words instead.
FACT_LINK = re.compile(rf"\[\[({ID_PATTERN})(?:\|([^\[\]|]+))?\]\]")
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
    | {char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+!|-"}
)


@lru_cache(maxsize=1 << 16, typed=True)
def escape_attr(text: object) -> Markup:
    """A value for an HTML attribute, or text inside raw HTML or Markdown that nothing may reinterpret."""
    return Markup(_one_line(str(text)).translate(_HTML_TABLE))


@dataclass(frozen=True)
class Token:
    """One piece of prose: plain text, emphasis, a fact link (`ref`), or a glossary term (`term`)."""

    text: str
    style: str = ""  # "", "em" or "strong"
    ref: str | None = None
    term: str | None = None


def tokens(text: object) -> list[Token]:
    """Prose split into text, emphasis and fact links; nothing else is syntax.

    Emphasis is paired first, with each fact link standing as one word, so `*[[id]]*` or `**the [[id]] deal**`
    is emphasis around a link; markers inside a link's words (`[[id|a*b*]]`) are not emphasis."""
    value = _one_line(str(text))
    links = list(FACT_LINK.finditer(value))
    masked = FACT_LINK.sub(lambda match: "x" * len(match.group()), value)  # same length: offsets stay
    out: list[Token] = []
    last = 0
    for match in _PAIRED.finditer(masked):
        out += _link_tokens(value, last, match.start(), links)
        style = "strong" if match.group(1) == "**" else "em"
        out += _link_tokens(value, match.start(2), match.end(2), links, style)
        last = match.end()
    out += _link_tokens(value, last, len(value), links)
    return [token for token in out if token.text or token.ref]


def _link_tokens(value: str, start: int, end: int, links: list[re.Match[str]], style: str = "") -> list[Token]:
    """The text between two offsets as plain text and fact links, all in one style."""
    out: list[Token] = []
    for link in (match for match in links if start <= match.start() and match.end() <= end):
        out.append(Token(value[start : link.start()], style))
        out.append(Token(link.group(2) or "", style, ref=link.group(1)))
        start = link.end()
    out.append(Token(value[start:end], style))
    return out


def mark_terms(items: list[Token], find: Callable[[str], tuple[int, int, str] | None]) -> list[Token]:
    """Split plain-text tokens where `find` spots a glossary term: (start, end, term id) or None."""
    out: list[Token] = []
    for token in items:
        rest = token
        while not rest.ref and not rest.term and (hit := find(rest.text)) is not None:
            start, end, term_id = hit
            out.append(Token(rest.text[:start], rest.style))
            out.append(Token(rest.text[start:end], rest.style, term=term_id))
            rest = Token(rest.text[end:], rest.style)
        out.append(rest)
    return [token for token in out if token.text or token.ref]


def write_html(items: Iterable[Token], link: Callable[[Token], str], term: Callable[[Token], str]) -> Markup:
    """Tokens as HTML, safe in Markdown too: text escaped to entities, links and terms by the callbacks."""
    parts: list[str] = []
    for token in items:
        if token.ref is not None:
            piece = link(token)
        elif token.term is not None:
            piece = term(token)
        else:
            piece = token.text.translate(_HTML_TABLE)  # already on one line; inner spaces matter
        if token.style:
            piece = f"<{token.style}>{piece}</{token.style}>"
        parts.append(piece)
    return Markup(_guard_line_start("".join(parts)))


def plain_text(text: object, name: Callable[[str], str] | None = None) -> str:
    """Prose as plain text (for descriptions and tooltips): links become their words, no markers."""
    return "".join(
        (token.text or (name(token.ref) if name else token.ref)) if token.ref else token.text for token in tokens(text)
    )


def finalize(value: object) -> object:
    """Jinja finalize hook: every `{{ value }}` is escaped unless a helper already made it Markup."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_plain(value)
