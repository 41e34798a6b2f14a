"""Pinned sources: a changed text fails the build; `reverify` sorts the citations; facts.json selectors."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from build_tools.model.sources import normalise
from build_tools.pipeline import Generated, check
from build_tools.render.page import page_target
from build_tools.render.structured import SELECTOR_CONTEXT, facts_json
from tests.golden_cases import materialise
from tests.helpers import SECOND_SOURCE, bare_project, citations_in, cli, git_commit_all, mkdocs_build, second_story

MINI = "content/sources/mini.txt"
MINI_META = "content/sources/mini.yaml"
PIN_ERROR = (
    "content/sources/{id}.yaml:{line}:9: error: the text of source '{id}' "
    "(content/sources/{id}.txt) changed since it was pinned"
)
PIN_HINT = "hint: run `explainer reverify {id}` to check every citation against the new text, then accept"


def _project(tmp_path: Path, *, git: bool = True) -> Path:
    """The golden base project as a project of its own (with a mkdocs.yml), committed to git when asked."""
    project = materialise({}, tmp_path / "p")
    bare_project(project)
    if git:
        git_commit_all(project)
    return project


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    """Replace text in a file, each old text once (it must be there)."""
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_one_word_no_quote_covers_fails_check(tmp_path: Path) -> None:
    """`check` refuses a text whose hash differs from the pin, even when every quote is still found."""
    project = _project(tmp_path, git=False)
    _edit(project / MINI, ("People familiar with", "People close to"))
    result = cli(project, "check")
    assert result.returncode == 1
    assert PIN_ERROR.format(id="mini", line=13) in result.stderr
    assert PIN_HINT.format(id="mini") in result.stderr
    assert "quote not found" not in result.stderr and "Traceback" not in result.stderr


def _uncovered_word(text: str, spans: list[tuple[int, int]]) -> re.Match[str]:
    """A word of the text that no quote covers."""
    for match in re.finditer(r"[A-Za-z]{4,}", text):
        if all(match.end() <= start or match.start() >= end for start, end in spans):
            return match
    raise AssertionError("every word is quoted")


@pytest.mark.slow
def test_changed_text_fails_the_strict_build(tmp_path: Path) -> None:
    """The real `mkdocs build --strict` stops with the pin message when one unquoted word changes."""
    project = second_story(tmp_path / "project")
    site = check(project / "content", project)
    source = site.sources[SECOND_SOURCE]
    spans = [(loc.start, loc.end) for (sid, _), loc in site.located.items() if sid == SECOND_SOURCE]
    word = _uncovered_word(source.text, spans)
    text_file = project / f"content/sources/{SECOND_SOURCE}.txt"
    text_file.write_text(
        source.text[: word.start()] + word.group().upper() + source.text[word.end() :], encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    line = next(
        n
        for n, text in enumerate(
            (project / f"content/sources/{SECOND_SOURCE}.yaml").read_text(encoding="utf-8").splitlines(), 1
        )
        if text.startswith("sha256:")
    )
    assert PIN_ERROR.format(id=SECOND_SOURCE, line=line) in result.stderr, result.stderr
    assert PIN_HINT.format(id=SECOND_SOURCE) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def _statuses(stdout: str) -> dict[str, str]:
    """`path:line:col` → the rest of the verdict line (status and detail)."""
    found = {}
    for line in stdout.splitlines():
        match = re.match(r"^(\S+:\d+:\d+): (.*)$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def test_reverify_classifies_unchanged_moved_changed_and_gone(tmp_path: Path) -> None:
    """A sentence inserted before a quote moves it; an altered word changes it (hint: the new sentence); a cut sentence
    is gone."""
    project = _project(tmp_path)
    before = (project / MINI_META).read_bytes()
    _edit(
        project / MINI,
        ("People familiar", "A new first sentence. People familiar"),
        ("what both companies sell", "what both firms sell"),
        (" The dispute over control is unresolved.", ""),
    )
    result = cli(project, "reverify", "mini")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    verdicts = _statuses(result.stdout)
    assert (
        verdicts["content/actors/alpha.yaml:9:14"]
        == "unchanged: sentence s2-1: “Alpha and Beta signed a deal last summer.”"
    )
    assert (
        verdicts["content/actors/beta.yaml:9:14"]
        == "moved: sentence s3-1 → s3-2 (its link changes): “Beta wanted more control.”"
    )
    assert (
        verdicts["content/terms/widget.yaml:8:14"]
        == "changed: quote not found: “Widgets are what both companies sell.”"
    )
    assert (
        "    hint: closest passage (s4-1, covers 83% of the quote): “Widgets are what both firms sell.”"
        in result.stdout
    )
    assert verdicts["content/disputes/control.yaml:14:16"].startswith("gone: quote not found, and nothing close")
    assert "11 citations of 'mini': 5 unchanged, 3 moved, 1 changed, 2 gone" in result.stdout
    refused = cli(project, "reverify", "mini", "--accept")
    assert refused.returncode == 1 and "not pinned" in refused.stderr
    assert (project / MINI_META).read_bytes() == before
    _edit(project / "content/terms/widget.yaml", ("what both companies sell", "what both firms sell"))
    fixed = _statuses(cli(project, "reverify", "mini").stdout)
    assert fixed["content/terms/widget.yaml:8:14"].startswith("found: sentence s4-1 (not in the pinned text")


def test_accept_rewrites_only_the_hash_line(tmp_path: Path) -> None:
    """With every quote still found, --accept changes the `sha256:` line and nothing else; check passes again."""
    project = _project(tmp_path)
    before = (project / MINI_META).read_text(encoding="utf-8").splitlines()
    _edit(project / MINI, ("Two Partners\n", "Two Partners\n\nAn opening paragraph added later.\n"))
    assert cli(project, "check").returncode == 1
    result = cli(project, "reverify", "mini", "--accept")
    assert result.returncode == 0, result.stderr
    digest = hashlib.sha256((project / MINI).read_bytes()).hexdigest()
    after = (project / MINI_META).read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=False) if old != new]
    assert len(after) == len(before) and changed == [(before[12], f"sha256: {digest}")]
    assert f"pinned: {MINI_META}:13: sha256: {before[12].split()[1]} → {digest}" in result.stdout
    assert "moved: sentence s2-1 → s3-1" in result.stdout
    _pin_accepted_only_new_sentence_uncited(project)


def test_reverify_without_the_pinned_text_and_without_a_pin(tmp_path: Path) -> None:
    """Outside git the pinned text is unknown: found quotes are `found`; a missing pin is added after `text_file:`."""
    project = _project(tmp_path, git=False)
    _edit(project / MINI_META, ("sha256: ", "# sha256: "))
    _edit(project / MINI, ("Two Partners\n", "Two Partners\n\nAn opening paragraph added later.\n"))
    result = cli(project, "reverify", "mini", "--accept")
    assert result.returncode == 0, result.stderr
    assert "found: sentence s3-1 (the pinned text is not available to tell whether it moved)" in result.stdout
    assert f"pinned: {MINI_META}:12: sha256: added " in result.stdout
    _pin_accepted_only_new_sentence_uncited(project)
    assert cli(project, "reverify", "nowhere").returncode == 2


def _pin_accepted_only_new_sentence_uncited(project: Path) -> None:
    """After --accept the pin holds; what check still refuses is the added sentence, which no fact cites yet."""
    check = cli(project, "check")
    assert "changed since it was pinned" not in check.stderr
    assert check.returncode == 1 and "1 problem found" in check.stderr
    assert "is cited by no fact: An opening paragraph added later." in check.stderr


def test_selectors_match_the_source_text(generated: Generated) -> None:
    """Each citation's TextQuoteSelector: prefix, exact and suffix occur consecutively in the source text."""
    document = json.loads(facts_json(generated.site, page_target))
    citations = list(citations_in(document["facts"]))
    assert len(citations) == sum(1 for _ in generated.site.citations()) > 50
    for citation in citations:
        selector = citation["selector"]
        text = generated.site.sources[citation["source"]].text
        assert selector["type"] == "TextQuoteSelector"
        assert selector["prefix"] + selector["exact"] + selector["suffix"] in text
        assert normalise(selector["exact"]) == normalise(citation["quote"])
        at = text.index(selector["prefix"] + selector["exact"] + selector["suffix"])
        assert len(selector["prefix"]) == min(SELECTOR_CONTEXT, at + len(selector["prefix"]))
        assert len(selector["suffix"]) <= SELECTOR_CONTEXT


def test_reverify_tells_a_merged_or_split_sentence_from_a_reworded_one() -> None:
    """A sentence glued onto a cited one (the splitter reads them as one) is `merged`, a sentence break new under
    a quote is `split`; words changed beside the quote are only `reworded`."""
    from build_tools.model.sources import SourceText
    from build_tools.tools.reverify import classify

    meta = None  # classify reads only the texts
    before = SourceText(meta, "The dispute is unresolved. Beta wanted control and more money.\n")  # type: ignore[arg-type]
    after = SourceText(meta, "The dispute is unresolved. Sales rose. Beta wanted control and more money.\n")  # type: ignore[arg-type]
    glued = SourceText(meta, "The dispute is unresolved. and flour sales rose. Beta wanted control and more money.\n")  # type: ignore[arg-type]
    split = SourceText(meta, "The dispute is unresolved. Beta wanted control. And more money.\n")  # type: ignore[arg-type]
    reworded = SourceText(meta, "The dispute is unresolved. Beta wanted control and much more money.\n")  # type: ignore[arg-type]
    assert classify(after, before, "The dispute is unresolved.")[0] == "unchanged"
    status, detail = classify(glued, before, "The dispute is unresolved.")
    assert status == "merged" and "flour" in detail
    status, detail = classify(split, before, "Beta wanted control")
    assert status == "split" and "sentence s1-2 is now split" in detail
    assert classify(reworded, before, "Beta wanted control")[0] == "reworded"


def test_a_glued_sentence_is_never_accepted_silently(tmp_path: Path) -> None:
    """The issue's case: a sentence glued onto a cited one. Without a space it is split off and counted as
    uncited (coverage shown, then refused by check); glued after a space it merges, and --accept refuses."""
    project = _project(tmp_path)
    cited = "The dispute over control is unresolved."
    _edit(project / MINI, (cited, cited + "Beta then sold its shares."))
    result = cli(project, "reverify", "mini", "--accept")
    assert result.returncode == 0, result.stderr
    assert "coverage of 'mini' changed: 5/5 in the pinned text, 5/6 substantive sentences cited in the new text" in (
        result.stdout
    )
    check = cli(project, "check")
    assert check.returncode == 1 and "is cited by no fact: Beta then sold its shares." in check.stderr

    project = _project(tmp_path / "second")
    before = (project / MINI_META).read_bytes()
    _edit(project / MINI, (cited, cited + " and then Beta sold its shares."))
    refused = cli(project, "reverify", "mini", "--accept")
    assert refused.returncode == 1
    assert "merged: sentence s3-2 now also holds text that was not in it" in refused.stdout
    assert "not pinned: look at the 2 merged or split sentence(s)" in refused.stderr
    assert (project / MINI_META).read_bytes() == before
