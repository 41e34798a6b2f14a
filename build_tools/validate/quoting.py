"""Quotes taken whole: a quote (and a speaker's `words:`) begins and ends on word boundaries, and `words:` are
the speaker's own, inside the quote and inside quotation marks in the source."""

from __future__ import annotations

from typing import Any

from build_tools.model import models as m
from build_tools.model.sources import SourceText
from build_tools.problems import Collector
from build_tools.validate.site import Entity


def _cut_word(text: str, start: int, end: int) -> tuple[str, str] | None:
    """Where a span of a text cuts a word: ("starts", the whole word) or ("ends", the whole word), else None."""
    if 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        left = start
        while left > 0 and text[left - 1].isalnum():
            left -= 1
        return "starts", _whole_word(text, left)
    if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return "ends", _whole_word(text, _word_start(text, end - 1))
    return None


def _word_start(text: str, at: int) -> int:
    while at > 0 and text[at - 1].isalnum():
        at -= 1
    return at


def _whole_word(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def check_word_edges(
    entity: Entity, loc: tuple[Any, ...], text: str, start: int, end: int, field: str, problems: Collector
) -> None:
    """A quote (or `words:`) must begin and end on word boundaries: a cut word can change what is said."""
    cut = _cut_word(text, start, end)
    if cut is not None:
        where, word = cut
        _add(
            problems,
            entity,
            (*loc, field),
            f"`{field}:` {where} in the middle of the word '{word}'",
            f"quote whole words: {'begin' if where == 'starts' else 'end'} with the whole of '{word}'",
        )


def check_words(
    entity: Entity,
    loc: tuple[Any, ...],
    citation: m.Citation,
    source: SourceText,
    start: int,
    end: int,
    problems: Collector,
) -> None:
    """`words:` are the speaker's own: part of the quote, on word boundaries, and in quotation marks in the source."""
    span = source.locate_within(citation.words or "", start, end)
    if span is None:
        _add(
            problems,
            entity,
            (*loc, "words"),
            "`words:` are not part of the quote, so they cannot be shown as the speaker's words",
            "copy into `words:` the words within the quote that the source puts in quotation marks, or leave it out",
        )
        return
    check_word_edges(entity, loc, source.text, *span, "words", problems)
    if not source.in_quotation_marks(*span):
        _add(
            problems,
            entity,
            (*loc, "words"),
            "the source does not put these `words:` in quotation marks, so they are not the speaker's own words",
            "leave `words:` out: the statement then paraphrases what the source reports",
        )


def _add(problems: Collector, entity: Entity, loc: tuple[Any, ...], message: str, hint: str) -> None:
    problems.add(entity.doc.path, *entity.doc.where(loc), message, hint)
