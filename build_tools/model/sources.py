"""Source texts as data: sentences with stable ids, and a quote index built once per source."""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from build_tools.model.models import SourceMeta

# Typographic quotes and apostrophes match their straight forms; everything else must match exactly.
_QUOTE_MAP = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
_WHITESPACE = re.compile(r"\s+")
# A quotation in a paragraph (quotes straightened): double quotes, or single quotes that are not apostrophes.
_QUOTATION = re.compile(r""""[^"]*"|(?<![\w'])'[^']+'(?![\w])""")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! or ? (perhaps followed by a closing quote) before whitespace and a capital, or a
# word written in camel case ("iPhone"), unless the full stop closes an abbreviation (ABBREVIATIONS, or
# initials such as J. or U.S.). A sentence glued to the next without a space ("away.Beta then sold…",
# a careless edit of the text) ends there too, so that the glued sentence is seen and must be cited.
_SENTENCE_END = re.compile(
    r"""[.!?]["”’']?(?=\s+["“‘']?(?:[A-Z0-9$]|[a-z]+[A-Z]))|(?<=\w\w)[.!?]["”’']?(?=[A-Z][a-z])"""
)
# Words whose full stop does not end a sentence, compared without case: titles, company forms,
# saints and streets, Latin, months. "etc." is left out: it ends sentences as often as not.
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr"}
    | {"inc", "corp", "ltd", "co", "bros", "plc", "vs", "ft", "mt"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
_SENTENCE_START = re.compile(r"""["“‘']?[A-Z0-9$]""")
# A title line is at most this share of its text's widest line; hard-wrapped lines come close to 1.
TITLE_WIDTH = 0.6
_WORD_BEFORE = re.compile(r"[\w.]+$")  # the word a full stop closes, with its inner dots (U.S, e.g)
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")  # J, U.S, e.g, i.e: single letters joined by dots
# What a heading never ends in: a full stop (perhaps inside a closing quote or bracket), a comma, a colon
# or a semicolon. A question or an exclamation can be a subhead ("When will it arrive?").
_UNFINISHED = re.compile(r"""[.,:;…]["”’')\]]*$""")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or heading) of a source, addressed by a stable id such as `s3-2`."""

    id: str
    paragraph: int
    text: str
    start: int
    end: int
    heading: bool


@dataclass(frozen=True)
class Located:
    """Where a quote sits in its source: character span and the sentences it touches."""

    start: int
    end: int
    sentences: tuple[Sentence, ...]

    @property
    def anchor(self) -> str:
        """Id of the sentence the quote starts in; citations link there."""
        return self.sentences[0].id


def unix_text(text: str) -> str:
    """A file's text as it reads, not as it was saved: CRLF and CR line ends as LF, a leading byte order mark
    dropped (a Windows checkout with core.autocrlf, or an editor's BOM, changes no word)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def canonical_text(text: str) -> str:
    """A source text as the generator uses it: `unix_text`, in Unicode NFC. Its pin, its sentences and the
    quotes found in it are all taken from this form."""
    return unicodedata.normalize("NFC", unix_text(text))


@lru_cache(maxsize=65536)  # the same quote is normalised when validated, rendered and indexed
def normalise(text: str) -> str:
    """The form quotes are compared in: NFC (as source texts are read), straight quotes, single spaces."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTE_MAP)).strip()


@dataclass
class SourceText:
    """A source's metadata, its text, its sentences and a normalised index for quote lookup."""

    meta: SourceMeta
    text: str
    sentences: list[Sentence] = field(init=False)
    _norm: str = field(init=False, repr=False)
    _norm_to_orig: list[int] = field(init=False, repr=False)
    _starts: list[int] = field(init=False, repr=False)
    _characters: frozenset[str] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.sentences = split_sentences(self.text)
        self._starts = [s.start for s in self.sentences]
        self._build_index()

    def _build_index(self) -> None:
        """Normalise the text once, keeping a map back to original offsets."""
        translated = self.text.translate(_QUOTE_MAP)
        chars: list[str] = []
        offsets: list[int] = []
        previous_space = True
        for index, char in enumerate(translated):
            if char.isspace():
                if previous_space:
                    continue
                char = " "
                previous_space = True
            else:
                previous_space = False
            chars.append(char)
            offsets.append(index)
        self._norm = "".join(chars)
        self._norm_to_orig = offsets

    def locate(self, quote: str) -> Located | None:
        """Find a quote (whitespace- and quote-style-insensitive); None when it is not in the text."""
        needle = normalise(quote)
        if not needle:
            return None
        at = self._norm.find(needle)
        if at < 0:
            return None
        start = self._norm_to_orig[at]
        end = self._norm_to_orig[at + len(needle) - 1] + 1
        first = bisect.bisect_right(self._starts, start) - 1
        touched = [s for s in self.sentences[max(first, 0) :] if s.start < end]
        return Located(start, end, tuple(s for s in touched if s.end > start))

    @property
    def characters(self) -> frozenset[str]:
        """Every character of the text (quotes straightened), to name one a quote holds that the text never uses."""
        if self._characters is None:
            self._characters = frozenset(self._norm)
        return self._characters

    def locate_within(self, needle: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of `needle` (compared as `locate` compares) at or after `start`, if it ends by `end`."""
        wanted = normalise(needle)
        if not wanted:
            return None
        at = self._norm.find(wanted, bisect.bisect_left(self._norm_to_orig, start))
        if at < 0:
            return None
        span = (self._norm_to_orig[at], self._norm_to_orig[at + len(wanted) - 1] + 1)
        return span if span[1] <= end else None

    def in_quotation_marks(self, start: int, end: int) -> bool:
        """Whether a span lies within a pair of quotation marks of its paragraph ("…", “…”, or ‘…’ / '…')."""
        paragraph = [s for s in self.sentences if s.start <= start < s.end or s.start < end <= s.end]
        if not paragraph:
            return False
        number = paragraph[0].paragraph
        lo = min(s.start for s in self.sentences if s.paragraph == number)
        hi = max(s.end for s in self.sentences if s.paragraph == number)
        straight = self.text[lo:hi].translate(_QUOTE_MAP)  # one character for one: offsets stay
        return any(match.start() + lo < start and end <= match.end() + lo for match in _QUOTATION.finditer(straight))

    def occurrences(self, quote: str) -> int:
        """How many times a quote occurs in the text (compared as `locate` does, overlaps counted)."""
        needle = normalise(quote)
        count, at = 0, self._norm.find(needle) if needle else -1
        while at >= 0:
            count += 1
            at = self._norm.find(needle, at + 1)
        return count

    def closest(self, quote: str) -> str:
        """The sentence most like a quote that was not found, to show the editor."""
        needle = normalise(quote)
        best = max(
            self.sentences,
            key=lambda s: difflib.SequenceMatcher(None, needle, normalise(s.text), autojunk=False).ratio(),
        )
        return best.text

    def sentence(self, sentence_id: str) -> Sentence | None:
        """The sentence with this id, if any."""
        return next((s for s in self.sentences if s.id == sentence_id), None)


def split_sentences(text: str) -> list[Sentence]:
    """Split into paragraphs and sentences; short one-line paragraphs without a full stop are headings."""
    sentences: list[Sentence] = []
    for paragraph_no, (lead, stripped) in enumerate(_paragraphs(text), start=1):
        if _is_heading(stripped):
            sentences.append(Sentence(f"h{paragraph_no}", paragraph_no, stripped, lead, lead + len(stripped), True))
            continue
        cut = 0
        number = 0
        for match in [*sentence_ends(stripped), None]:
            stop = match.end() if match else len(stripped)
            piece = stripped[cut:stop]
            if piece.strip():
                number += 1
                skip = len(piece) - len(piece.lstrip())
                start = lead + cut + skip
                sentences.append(
                    Sentence(
                        f"s{paragraph_no}-{number}",
                        paragraph_no,
                        piece.strip(),
                        start,
                        start + len(piece.strip()),
                        False,
                    )
                )
            cut = stop
    return sentences


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Each paragraph's offset and stripped text; a title line atop a paragraph is a paragraph of its own."""
    position = 0
    for block in _PARAGRAPH_BREAK.split(text):
        offset = text.index(block, position) if block else position
        position = offset + len(block)
        stripped = block.strip()
        if not stripped:
            continue
        lead = offset + (len(block) - len(block.lstrip()))
        title, _, rest = stripped.partition("\n")
        if rest and _is_title_line(title, rest):
            yield lead, title.strip()
            rest_lead = lead + len(title) + 1
            yield rest_lead + (len(rest) - len(rest.lstrip())), rest.strip()
        else:
            yield lead, stripped


def _is_title_line(line: str, rest: str) -> bool:
    """A heading set directly above its text: a heading by itself, followed by a capital, and clearly
    shorter than the text's lines (a hard-wrapped sentence's first line fills the width, a title does not)."""
    widest = max(len(other.strip()) for other in rest.splitlines())
    starts_sentence = _SENTENCE_START.match(rest.lstrip()) is not None
    return _is_heading(line.strip()) and starts_sentence and len(line.strip()) < TITLE_WIDTH * widest


def sentence_ends(text: str) -> list[re.Match[str]]:
    """Where the sentences of a paragraph end: each . ! or ? before a capital that closes no abbreviation."""
    return [match for match in _SENTENCE_END.finditer(text) if not _closes_abbreviation(text, match)]


def _closes_abbreviation(text: str, match: re.Match[str]) -> bool:
    """Whether a sentence end is the full stop of "Mr.", "Inc.", "U.S.", an initial "J." and the like."""
    if match.group() != ".":
        return False  # a closing quote after the stop, or ! or ?: a real end
    word = _WORD_BEFORE.search(text, 0, match.start())
    if word is None:
        return False
    return word.group().lower() in ABBREVIATIONS or _INITIALS.match(word.group()) is not None


def _is_heading(paragraph: str) -> bool:
    """A subhead or title: one short line, one sentence at most, without a full stop (or comma, colon) at its end."""
    short = "\n" not in paragraph and len(paragraph.split()) <= 12
    return short and not sentence_ends(paragraph) and _UNFINISHED.search(paragraph) is None
