"""When the news moves on: a worked example with a later source, a status history and a superseded statement.

The fixture tests/fixtures/news-moves-on is the golden base project plus a fictional press release of
28 October 2025 (test data, not the real content): the dispute's status gains a dated entry from it,
and an earlier background statement is marked superseded by that entry.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from build_tools.pipeline import generate
from tests.golden_cases import report
from tests.helpers import FIXTURES, ROOT, add_site_parts, html_path, mkdocs_build, repin

FIXTURE = FIXTURES / "news-moves-on"
ABOUT = "# About\n\nA test site built from the news-moves-on fixture.\n"
NEWER = "Facts as of <strong>28 October 2025</strong>"
OLDER = "Facts as of <strong>April 2025</strong>"


def fixture_project(dst: Path) -> Path:
    """The fixture's content with the real generator, theme and config: a whole buildable project."""
    shutil.copytree(FIXTURE, dst)
    return add_site_parts(dst, ABOUT)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site): the fixture built by the real strict MkDocs build."""
    tmp = tmp_path_factory.mktemp("news")
    project = fixture_project(tmp / "project")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project, tmp / "site"


def _text(html: str) -> str:
    """The article's visible text, roughly: tags and popups out, whitespace collapsed."""
    html = html[html.index("<article") : html.rindex("</article>")]
    html = re.sub(r'<small class="cite-pop".*?</small>', "", html, flags=re.S)
    html = re.sub(r"<button[^>]*>.*?</button>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",").replace(" .", ".").replace(" :", ":")


def test_the_fixture_checks_clean(tmp_path: Path) -> None:
    assert report(fixture_project(tmp_path / "p")) == "OK\n"


def test_dispute_page_shows_the_latest_status_then_how_it_developed(built: tuple[Path, Path]) -> None:
    _, site = built
    html = unescape(html_path(site, "disputes/control.md").read_text(encoding="utf-8"))
    text = _text(html)
    assert "Where it stood on 28 October 2025" in text
    latest = text.index("Where it stood on 28 October 2025")
    developed = text.index("How it developed")
    assert latest < text.index("Beta now shares control of the deal with Alpha") < developed
    assert developed < text.index("April 2025 The dispute is unresolved")
    assert '<p class="status-current" id="status-settled">' in html
    assert (
        '<li id="status-unresolved"><span class="status-date"><time datetime="2025-04">April 2025</time></span>' in html
    )


def test_superseded_statement_is_shown_as_dated_earlier_reporting(built: tuple[Path, Path]) -> None:
    _, site = built
    html = unescape(html_path(site, "disputes/control.md").read_text(encoding="utf-8"))
    assert '<span class="superseded superseded-normal">' in html
    text = _text(html)
    assert (
        "Earlier reporting, as of April 2025: According to people familiar "
        "with the matter, Beta wanted more control of the deal." in text
    )
    assert "Since superseded: Alpha and Beta later announced a settlement under which Beta shares control." in text
    assert 'class="superseded-by" href="./#status-settled">Later reporting</a>' in html


def test_only_pages_that_use_the_later_source_stand_at_its_date(built: tuple[Path, Path]) -> None:
    project, site = built
    generated = generate(project / "content", project)
    newer = {path for path in generated.pages if NEWER in html_path(site, path).read_text(encoding="utf-8")}
    assert newer == {"disputes/control.md", "sources/press-release.md"}
    # What changed and the disputes index state no fact: they say how far the sources run instead.
    no_facts = {"changes.md", "disputes/index.md"}
    for path in set(generated.pages) - newer - no_facts:
        assert OLDER in html_path(site, path).read_text(encoding="utf-8"), path
    for path in no_facts:
        assert "The sources run to <strong>28 October 2025</strong>" in html_path(site, path).read_text(
            encoding="utf-8"
        )


def _edited(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    project = fixture_project(tmp_path / "p")
    target = project / rel
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project


def test_check_refuses_a_supersession_by_older_reporting(tmp_path: Path) -> None:
    project = _edited(tmp_path, "content/disputes/control.yaml", "by: control#settled", "by: control#unresolved")
    assert report(project) == (
        "content/disputes/control.yaml:56:11: error: superseded by 'control#unresolved', which is not later reporting: "
        "its newest source is from April 2025, this statement's from April 2025\n"
        "    hint: supersede only with later reporting: the newer statement must cite a "
        "source published after April 2025; or remove `superseded:`\n"
        "1 problem found; nothing was built.\n"
    )


def test_check_refuses_a_later_source_dated_before_the_one_it_supersedes(tmp_path: Path) -> None:
    project = _edited(tmp_path, "content/sources/press-release.yaml", 'value: "2025-10-28"', 'value: "2025-03-28"')
    out = report(project)
    assert (
        "content/disputes/control.yaml:56:11: error: superseded by 'control#settled', which is not later reporting: "
        "its newest source is from 28 March 2025, this statement's from April 2025"
    ) in out


def test_a_single_status_mapping_still_reads_as_one_entry_at_its_source_date(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "p")
    shutil.copy2(ROOT / "tests/golden/_base/content/disputes/control.yaml", project / "content/disputes/control.yaml")
    (project / "content/sources/press-release.yaml").unlink()
    (project / "content/sources/press-release.txt").unlink()
    generated = generate(project / "content", project)
    page = generated.pages["disputes/control.md"].markdown
    assert "## Where it stood in April 2025 { #status }" in page
    assert "How it developed" not in page


def test_the_fixture_pins_its_press_release(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "p")
    pinned = (project / "content/sources/press-release.yaml").read_text(encoding="utf-8")
    repin(project, "press-release")
    assert (project / "content/sources/press-release.yaml").read_text(encoding="utf-8") == pinned
