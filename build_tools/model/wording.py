"""The site's own wording, defined once: page titles, kickers, nav labels and blurbs, and the tiers' headings.

These are the generator's defaults, written for any story told as a conflict between sides. A project
changes any of them in mkdocs.yml, under the plugin's `wording:` option (or, for the command, the same
option read from mkdocs.yml), without touching a template:

    plugins:
      - explainer:
          wording:
            stances: {title: Who backs which bid}
            main: {heading: The main battles, one: Main battle, index: "The {n} main battles:"}

Keys are the generated pages (`PAGES`) and the tiers (`model.vocab.TIERS`); each takes only the
fields its defaults have. `with_overrides` refuses anything else, naming what it expected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from types import MappingProxyType
from typing import TypeVar

from build_tools.model.vocab import TIERS, Tier
from build_tools.problems import did_you_mean


@dataclass(frozen=True)
class PageWords:
    """How one generated page names itself and is named by others."""

    title: str  # the page's title, and the words of links to it
    kicker: str  # the line above the title
    nav: str = ""  # its label in the navigation, when not the title
    blurb: str = ""  # what follows its link in the home page's Explore list
    description: str = ""  # the page's meta description (search engines, link previews)

    def describing(self, source: str) -> str:
        """The description with `{source}` replaced by how the site names its source ("the article")."""
        return self.description.replace("{source}", source)

    @property
    def label(self) -> str:
        """The navigation label: `nav`, or the title."""
        return self.nav or self.title


PAGES: dict[str, PageWords] = {
    "home": PageWords("", "Explainer", nav="Home"),
    # Only a navigation label: the stance table (below) opens the disputes' section.
    "disputes": PageWords("The disputes", "The disputes", nav="Disputes"),
    "stances": PageWords(
        "Who stands where",
        "The disputes",
        blurb="Each side’s position in every dispute, in one table.",
        description="Each side's position in each dispute, in a few words, with its source.",
    ),
    "actors": PageWords(
        "Who\u2019s who",
        "The cast",
        blurb="Everyone in the story, by side, and a map of their ties.",
        description="The people, organisations, products and projects in the story, and how they are tied.",
    ),
    "timeline": PageWords(
        "Timeline",
        "Timeline",
        blurb="What happened when.",
        description="The events of the story on a time axis, from {source}'s dates.",
    ),
    "sources": PageWords(
        "The source",
        "The source",
        nav="Sources",  # the section's label when there are several; with one, the title
        blurb="The full text, sentence by sentence, with what cites each sentence.",
        description="The full text of the source, sentence by sentence, with the facts that cite each sentence.",
    ),
    "glossary": PageWords(
        "Glossary",
        "Glossary",
        blurb="What the story's terms mean.",
        description="The terms the story uses, each defined from {source}.",
    ),
    # Not a listing: a question's own page and its place among the home page's reasons are kicked with this.
    "question": PageWords("", "Open question"),
    "changes": PageWords(
        "What changed",
        "Corrections and updates",
        description="What changed in the facts this site is built from, newest first, corrections flagged.",
    ),
}


@dataclass(frozen=True)
class WordingProblem:
    """One wrong `wording:` option: the key it sits under, what is wrong, and what to write instead."""

    key: str
    message: str
    hint: str


class WordingError(ValueError):
    """`wording:` options that name no page or tier, a field it lacks, or an empty text; all of them at once."""

    def __init__(self, problems: list[WordingProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class Wording:
    """The wording one site uses: the defaults with its project's overrides."""

    pages: Mapping[str, PageWords]
    tiers: Mapping[str, Tier]

    def page(self, key: str) -> PageWords:
        """One generated page's words."""
        return self.pages[key]

    def with_overrides(self, options: Mapping[str, Mapping[str, str]]) -> Wording:
        """These words with some replaced; every unknown key or field and every empty text refused at once."""
        problems: list[WordingProblem] = []
        pages, tiers = dict(self.pages), dict(self.tiers)
        for key, changes in options.items():
            if key in pages:
                pages[key] = _override(pages[key], key, changes, problems)
            elif key in tiers:
                tiers[key] = _override(tiers[key], key, changes, problems)
            else:
                choices = [*pages, *tiers]
                guess = did_you_mean(key, choices)
                message = f"wording: no page or tier '{key}'" + (f"; {guess}" if guess else "")
                problems.append(WordingProblem(key, message, f"use one of: {', '.join(choices)}"))
        if problems:
            raise WordingError(problems)
        return Wording(MappingProxyType(pages), MappingProxyType(tiers))


W = TypeVar("W", PageWords, Tier)


def _override(words: W, key: str, changes: Mapping[str, str], problems: list[WordingProblem]) -> W:
    """`words` with some fields replaced; an unknown field or an empty text is added to `problems`."""
    allowed = [f.name for f in fields(words)]
    found = len(problems)
    for name, text in changes.items():
        if name not in allowed:
            guess = did_you_mean(name, allowed)
            message = f"wording.{key}: no field '{name}'" + (f"; {guess}" if guess else "")
            problems.append(WordingProblem(key, message, f"{key} takes: {', '.join(allowed)}"))
        elif not isinstance(text, str) or not text.strip():
            problems.append(WordingProblem(key, f"wording.{key}.{name}: expected a non-empty text", "write the words"))
    return words if len(problems) > found else replace(words, **changes)


DEFAULT_WORDING = Wording(MappingProxyType(PAGES), MappingProxyType(TIERS))
