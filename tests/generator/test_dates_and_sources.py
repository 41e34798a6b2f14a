"""Dates at their precision, relative phrases resolved against the source date, and sentence ids."""

from __future__ import annotations

import pytest

from build_tools.model.dates import Date, DateError, parse_value, resolve_relative
from build_tools.model.sources import normalise, split_sentences

SOURCE_DATE = Date(2025, "month", month=4, qualifier="late")


@pytest.mark.parametrize(
    ("value", "precision", "qualifier", "label"),
    [
        ("2025-01-21", "day", None, "21 January 2025"),
        ("2024-03", "month", None, "March 2024"),
        ("2024-summer", "season", None, "summer 2024"),
        ("2024", "year", "early", "early 2024"),
        ("2025", "year", "end", "end of 2025"),
        ("2025-04", "month", "late", "late April 2025"),
    ],
)
def test_dates_show_at_their_precision(value: str, precision: str, qualifier: str | None, label: str) -> None:
    assert parse_value(value, precision, qualifier).label() == label


@pytest.mark.parametrize(
    ("value", "precision", "message"),
    [
        ("2024-02-30", "day", "'2024-02-30' is not a real date"),
        ("2024-13", "month", "'2024-13' is not a real date"),
        ("2024-03", "day", "precision 'day' contradicts value '2024-03', which is a month"),
        ("March 2024", "month", "cannot read date 'March 2024'"),
    ],
)
def test_bad_dates_are_refused(value: str, precision: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_value(value, precision)


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("last year", "2024"),
        ("Last summer", "summer 2024"),
        ("in February", "February 2025"),
        ("In January this year", "January 2025"),
        ("by the end of this year", "end of 2025"),
        ("In the past six years", "in the six years to late April 2025"),  # a span, not a false year
        ("in the past year", "in the year to late April 2025"),
    ],
)
def test_relative_dates_resolve_against_the_source_date(phrase: str, label: str) -> None:
    assert resolve_relative(phrase, SOURCE_DATE).label() == label


def test_unknown_relative_phrase_is_an_error() -> None:
    with pytest.raises(DateError, match="cannot resolve the relative date 'a while ago'"):
        resolve_relative("a while ago", SOURCE_DATE)


def test_chronological_order_respects_precision() -> None:
    dates = [
        parse_value("2025", "year", "end"),
        parse_value("2024-summer", "season"),
        parse_value("2025-01", "month"),
        parse_value("2024", "year", "early"),
    ]
    assert [d.label() for d in sorted(dates, key=Date.sort_key)] == [
        "early 2024",
        "summer 2024",
        "January 2025",
        "end of 2025",
    ]


def test_sentences_get_stable_ids_and_headings_are_marked() -> None:
    text = "First sentence. Second one “quoted.” Third?\n\nA heading\n\nNext paragraph here."
    sentences = split_sentences(text)
    assert [(s.id, s.heading) for s in sentences] == [
        ("s1-1", False),
        ("s1-2", False),
        ("s1-3", False),
        ("h2", True),
        ("s3-1", False),
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_quote_matching_ignores_whitespace_and_quote_style_only() -> None:
    assert normalise("Osprey’s  board\n of “directors”") == normalise('Osprey\'s board of "directors"')
    assert normalise("Osprey's board") != normalise("Osprey's Board")
