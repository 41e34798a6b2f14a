"""Sentence splitting knows abbreviations and initials, and tells headings from sentences that need citing."""

from __future__ import annotations

import pytest

from build_tools.model.sources import split_sentences


def _texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text) if not sentence.heading]


@pytest.mark.parametrize(
    "sentence",
    [
        "Warner Bros. Discovery agreed to sell its studios to Netflix in a deal worth $72 billion.",
        "Sen. Elizabeth Warren wrote to the company, and Mr. Zaslav did not reply.",
        "Mrs. Robinson and Dr. Fauci were not involved.",
        "Apple Inc. and Microsoft Corp. both reported earnings, as did Rolls-Royce Holdings Ltd. on Thursday.",
        "Berkshire Hathaway Co. and Martin Luther King Jr. Boulevard both appear in the filing.",
        "The parade went down St. Patrick Street.",
        "The U.S. Justice Department and the U.K. Competition and Markets Authority opened inquiries.",
        "J. P. Morgan founded the bank, and J.P. Morgan Chase still bears his name.",
        "Some rivals, e.g. Google and Amazon, build their own chips, i.e. They compete on hardware too.",
        "It was billed as Ali vs. Frazier, the fight of the century.",
        "The deal closed on Jan. 21 and was announced in Oct. 2024.",
    ],
)
def test_an_abbreviation_does_not_end_a_sentence(sentence: str) -> None:
    assert _texts(f"{sentence} The next sentence follows.") == [sentence, "The next sentence follows."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares fell 5%. Analysts were surprised.", ["Shares fell 5%.", "Analysts were surprised."]),
        (
            'He called it "the best partnership." Others disagreed.',
            ['He called it "the best partnership."', "Others disagreed."],
        ),
        ("Is it over? Nobody knows! Talks go on.", ["Is it over?", "Nobody knows!", "Talks go on."]),
        (
            "The company is based in the U.S. It employs 200 people.",
            ["The company is based in the U.S. It employs 200 people."],
        ),
    ],
)
def test_real_sentence_ends_still_split(text: str, expected: list[str]) -> None:
    """The last case is the price of the rule: after "U.S." a new sentence is not told from a name."""
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Nadella and Altman drift apart",
        "When will AGI arrive?",
        "Mr. Smith goes to Washington",
        "What the U.S. wants from the deal",
    ],
)
def test_a_short_line_without_a_full_stop_is_a_heading(line: str) -> None:
    first = split_sentences(f"{line}\n\nThe body starts here.")[0]
    assert first.heading and first.id == "h1" and first.text == line


@pytest.mark.parametrize(
    "line",
    [
        "The talks failed.",
        "He said: \u201cNo.\u201d",  # the full stop sits inside the closing quote
        "The deal, in short:",
        "Shares fell. Then they rose",  # two sentences are never a heading
        "The board met on Monday and on Tuesday and again on Wednesday to discuss the offer in detail",
    ],
)
def test_a_sentence_on_its_own_line_is_not_a_heading(line: str) -> None:
    assert not split_sentences(f"{line}\n\nThe body starts here.")[0].heading


def test_a_title_line_atop_its_text_is_a_heading_of_its_own() -> None:
    text = (
        "Differences deepen\n"
        "But that partnership has now become strained. According to people familiar with the\n"
        "relationship, the two chief executives have increasingly disagreed.\n"
    )
    sentences = split_sentences(text)
    assert [(s.id, s.heading) for s in sentences] == [("h1", True), ("s2-1", False), ("s2-2", False)]
    assert [text[s.start : s.end] for s in sentences][:2] == [
        "Differences deepen",
        "But that partnership has now become strained.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A hard-wrapped sentence whose first line ends before a capital is no title.
        "According to people familiar with the matter, Microsoft could actually block\n"
        "OpenAI from restructuring into a for-profit company, and the talks drag on.",
        # Nor is a short first line continued in lower case.
        "Shares fell\nsharply on Monday after the report, and the company declined to comment at length.",
    ],
)
def test_a_wrapped_first_line_is_no_title(text: str) -> None:
    assert not any(sentence.heading for sentence in split_sentences(text))
