"""One generator, any story: nothing of the live story is written into the generator or its theme.

The story's strings are read from content/ at test time (actor ids, names and aliases, the sources'
ids, outlets and chain, the overview's title), so a new actor or source is checked without editing
this file.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

CONTENT = ROOT / "content"
# The generator (templates included) and the theme files; the starter is the fictional sample.
CODE_ROOTS = (
    ROOT / "build_tools",
    ROOT / "docs" / "stylesheets",
    ROOT / "docs" / "javascripts",
    ROOT / "docs" / "overrides",
)
EXEMPT = ROOT / "build_tools" / "starter"
TEXT_SUFFIXES = {".py", ".j2", ".css", ".js", ".html", ".md", ".yml", ".yaml", ".json", ".txt"}
POSSESSIVE = re.compile(r"['’]s$")
# Proper nouns that name no story: the language a text is in (the source page names languages for any story).
NOT_STORY = {"english"}


def _yaml(folder: str) -> Iterator[dict]:
    for path in sorted((CONTENT / folder).glob("*.yaml")):
        yield yaml.safe_load(path.read_text(encoding="utf-8"))


def _capitalised(phrase: str, *, first: bool) -> set[str]:
    """The capitalised words of a phrase, without a possessive 's; the first word only if `first`
    (in sentence case it is capitalised anyway) or if it has a capital inside (OpenAI)."""
    words = re.findall(r"[A-Za-z][\w'’-]*", phrase)
    return {
        POSSESSIVE.sub("", word)
        for index, word in enumerate(words)
        if word[0].isupper() and (first or index or any(char.isupper() for char in word[1:]))
    }


def _month_phrases(when: dict | None) -> set[str]:
    """A dated month as pages say it: {"value": "2025-04"} → {"April 2025"}."""
    match = re.match(r"^(\d{4})-(\d{2})", str((when or {}).get("value") or ""))
    return {f"{calendar.month_name[int(match[2])]} {match[1]}"} if match else set()


@functools.cache
def story_strings() -> frozenset[str]:
    """Every string that names something of the live story: ids, names and their proper nouns."""
    found: set[str] = set()
    for actor in _yaml("actors"):
        names = [actor["name"], *(alias["name"] for alias in actor.get("aliases", []))]
        found |= {actor["id"], *names}
        for name in names:
            found |= _capitalised(name, first=True)
    for source in _yaml("sources"):
        found |= {source["id"], *_capitalised(source["outlet"], first=False)}
        for step in source.get("chain", []):
            found |= _capitalised(step["name"], first=step["kind"] == "original")  # the original is an outlet's
    for dated in [*_yaml("sources"), *_yaml("events")]:
        found |= _month_phrases(dated.get("published") or dated.get("when"))
    for overview in _yaml("overview"):
        found |= _capitalised(overview["title"], first=False)
    strings = {POSSESSIVE.sub("", string).lower() for string in found if len(string) > 2}
    return frozenset(strings - NOT_STORY)


@functools.cache
def story_pattern() -> re.Pattern[str]:
    """Any story string as a whole word, case-insensitive."""
    alternatives = "|".join(re.escape(string) for string in sorted(story_strings(), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


def code_files() -> Iterator[Path]:
    for root in CODE_ROOTS:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and EXEMPT not in path.parents:
                yield path


def test_the_story_strings_are_read_from_content() -> None:
    strings = story_strings()
    assert {
        "openai",
        "microsoft",
        "sam-altman",
        "stargate",
        "ultraman",
        "journal",
        "wsj-drift-2025",
        "april 2025",
    } <= strings


@pytest.mark.parametrize("path", list(code_files()), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_story_string_in_the_generator_or_theme(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    hits = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group()}"
        for m in story_pattern().finditer(text)
    ]
    assert not hits, "story-specific strings (move them to content/ or the plugin's config):\n" + "\n".join(hits)
