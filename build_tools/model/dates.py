"""Dates with a precision: parsing, resolving the source's relative phrases, and display."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 12}
QUALIFIER_MONTH = {"early": 2, "mid": 6, "late": 10, "end": 12}
# The earliest reading of a vague date, for "can it be later than …" (never later than a reader's):
# a season's first month ("winter 2025" may mean January 2025), a qualifier's first month or day.
_SEASON_FIRST = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 1}
_QUALIFIED_YEAR = {"early": 1, "mid": 4, "late": 9, "end": 10}
_QUALIFIED_MONTH = {"early": 1, "mid": 10, "late": 20, "end": 24}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

_FORMS = [
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("season", re.compile(r"^(\d{4})-(spring|summer|autumn|winter)$")),
    ("year", re.compile(r"^(\d{4})$")),
]


class DateError(ValueError):
    """A date that cannot be read, is impossible, or contradicts its precision."""


@dataclass(frozen=True)
class Date:
    """A calendar date known to some precision, optionally qualified (early, late…)."""

    year: int
    precision: str
    month: int | None = None
    day: int | None = None
    season: str | None = None
    qualifier: str | None = None

    def label(self) -> str:
        """Human form at the date's precision, e.g. "summer 2024", "end of 2025"."""
        month = MONTHS[self.month - 1] if self.month else ""
        if self.precision == "day":
            base = f"{self.day} {month} {self.year}"
        elif self.precision == "month":
            base = f"{month} {self.year}"
        elif self.precision == "season":
            base = f"{self.season} {self.year}"
        else:
            base = str(self.year)
        if self.qualifier == "end":
            return f"end of {base}"
        return f"{self.qualifier} {base}" if self.qualifier else base

    def iso(self) -> str:
        """Machine form at the date's precision (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-season)."""
        if self.precision == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if self.precision == "season":
            return f"{self.year:04d}-{self.season}"
        return f"{self.year:04d}"

    def html_datetime(self) -> str:
        """The machine form HTML's <time> accepts, or "" for a season (HTML has no season form)."""
        return "" if self.precision == "season" else self.iso()

    def earliest(self) -> dt.date:
        """The first day the date can mean: a month's first day, "late 2025" 1 September, "winter 2025" 1 January."""
        month = self.month or _SEASON_FIRST.get(self.season or "", 1)
        if self.precision == "year" and self.qualifier:
            month = _QUALIFIED_YEAR[self.qualifier]
        day = self.day or 1
        if self.precision == "month" and self.qualifier:
            day = _QUALIFIED_MONTH[self.qualifier]
        return dt.date(self.year, month, day)

    def last_day(self) -> dt.date:
        """The last calendar day the date can mean: "end of 2025" and "2025" → 31 December 2025."""
        if self.precision == "day":
            return dt.date(self.year, self.month or 1, self.day or 1)
        if self.precision == "month":
            month = self.month or 12
            return dt.date(self.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if self.precision == "season":  # a season ends with the third month after its first
            first = SEASONS[self.season or "summer"]
            end_month = (first + 2 - 1) % 12 + 1
            end_year = self.year + (first + 2 > 12)
            return Date(end_year, "month", month=end_month).last_day()
        return dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological key; a vague date sorts at the position its qualifier suggests."""
        if self.precision == "day":
            return (self.year, self.month or 1, self.day or 1)
        if self.precision == "month":
            return (
                self.year,
                self.month or 1,
                15 if self.qualifier is None else {"early": 5, "mid": 15, "late": 25, "end": 30}[self.qualifier],
            )
        if self.precision == "season":
            return (self.year, SEASONS[self.season or "summer"], 15)
        return (self.year, QUALIFIER_MONTH.get(self.qualifier or "", 6), 15)


@dataclass(frozen=True)
class Span:
    """A stretch of time the source counts back from its own date ("in the past six years").

    It is shown as the source gives it, "in the six years to late March 2024", never as the year
    it starts in, which would claim a precision the source does not have.
    """

    start: Date
    end: Date
    years: int

    @property
    def precision(self) -> str:
        """Spans are counted in years."""
        return "year"

    @property
    def year(self) -> int:
        """The year the span starts in."""
        return self.start.year

    def label(self) -> str:
        """Human form, e.g. "in the six years to late March 2024"."""
        count = "year" if self.years == 1 else f"{_NUMBER_NAMES.get(self.years, str(self.years))} years"
        return f"in the {count} to {self.end.label()}"

    def iso(self) -> str:
        """An ISO 8601 interval, start/end."""
        return f"{self.start.iso()}/{self.end.iso()}"

    def html_datetime(self) -> str:
        """ "": HTML's <time> has no form for a span of years."""
        return ""

    def earliest(self) -> dt.date:
        """The first day the span can start on."""
        return self.start.earliest()

    def last_day(self) -> dt.date:
        """The last day of the span: that of its end."""
        return self.end.last_day()

    def sort_key(self) -> tuple[int, int, int]:
        """Sorts where the span starts."""
        return self.start.sort_key()


_NUMBER_NAMES = {number: word for word, number in NUMBER_WORDS.items()}


def parse_value(value: str, precision: str, qualifier: str | None = None) -> Date:
    """Read a date value, checking it exists and matches its declared precision."""
    for form, pattern in _FORMS:
        match = pattern.match(value.strip())
        if not match:
            continue
        if form != precision:
            raise DateError(f"precision '{precision}' contradicts value '{value}', which is a {form}")
        year = int(match.group(1))
        if form == "season":
            return Date(year, form, season=match.group(2), qualifier=qualifier)
        month = int(match.group(2)) if form in ("day", "month") else None
        day = int(match.group(3)) if form == "day" else None
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as err:
            raise DateError(f"'{value}' is not a real date ({err})") from None
        return Date(year, form, month=month, day=day, qualifier=qualifier)
    raise DateError(f"cannot read date '{value}'; write YYYY-MM-DD, YYYY-MM, YYYY-summer or YYYY")


def resolve_relative(phrase: str, anchor: Date) -> Date | Span:
    """Turn the source's phrase ("last summer", "in February") into a date, relative to `anchor`."""
    text = re.sub(r"\s+", " ", phrase.strip().lower().rstrip(".,"))
    text = re.sub(r"^(in|by|during|since|at|over|for) ", "", text)
    year = anchor.year
    if text in ("the past year", "the last year", "past year"):
        return _span_back(anchor, 1)
    if text == "last year":
        return Date(year - 1, "year")
    if text == "this year":
        return Date(year, "year")
    if text in ("the end of this year", "end of this year", "the end of the year"):
        return Date(year, "year", qualifier="end")
    match = re.fullmatch(r"(last|this) (spring|summer|autumn|fall|winter)", text)
    if match:
        season = "autumn" if match.group(2) == "fall" else match.group(2)
        return Date(year - 1 if match.group(1) == "last" else year, "season", season=season)
    match = re.fullmatch(r"(early|mid|late) (this|last) year", text)
    if match:
        return Date(year - (match.group(2) == "last"), "year", qualifier=match.group(1))
    match = re.fullmatch(r"(the )?(past|last) (\w+) years", text)
    if match and (match.group(3) in NUMBER_WORDS or match.group(3).isdigit()):
        return _span_back(anchor, NUMBER_WORDS.get(match.group(3)) or int(match.group(3)))
    match = re.fullmatch(r"(\w+)( this year| last year)?", text)
    if match and match.group(1).capitalize() in MONTHS:
        month = MONTHS.index(match.group(1).capitalize()) + 1
        return Date(year - (match.group(2) == " last year"), "month", month=month)
    raise DateError(f"cannot resolve the relative date '{phrase}'")


def _span_back(anchor: Date, years: int) -> Span:
    """The `years` years up to the anchor date, at the anchor's own precision."""
    start = Date(anchor.year - years, anchor.precision, anchor.month, anchor.day, anchor.season, anchor.qualifier)
    return Span(start, anchor, years)


SUPPORTED_PHRASES = (
    "last year, this year, the past year and the past N years (a span up "
    "to the source's date), last summer (any season), "
    "in February (any month, optionally 'this year' or 'last year'), by the end of this year, "
    "early/mid/late this year"
)
