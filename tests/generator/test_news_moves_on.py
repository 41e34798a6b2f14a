"""When the news moves on: a worked example with a later source, a status history and superseded statements.

The fixture tests/fixtures/news-moves-on is the golden base project plus a fictional joint statement of
28 October 2025 (test data, not the real content) whose id sorts before the first source's: the dispute's
status gains a dated entry from it, and Beta's position, the dispute's headline and Beta's role are
superseded by later ones citing it. Every page that shows one of them shows the newest state, dated,
with a link to the earlier one.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from build_tools.pipeline import generate
from tests.golden_cases import report
from tests.helpers import FIXTURES, ROOT, add_site_parts, cli, html_path, mkdocs_build, repin

FIXTURE = FIXTURES / "news-moves-on"
ABOUT = "# About\n\nA test site built from the news-moves-on fixture.\n"
NEWER = "Facts as of <strong>28 October 2025</strong>"
OLDER = "Facts as of <strong>April 2025</strong>"
UPDATED = "Updated 28 October 2025; earlier reporting"


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


def _page(site: Path, path: str) -> str:
    return unescape(html_path(site, path).read_text(encoding="utf-8"))


def test_the_fixture_checks_clean(tmp_path: Path) -> None:
    assert report(fixture_project(tmp_path / "p")) == "OK\n"


def test_dispute_page_shows_the_latest_status_then_how_it_developed(built: tuple[Path, Path]) -> None:
    _, site = built
    html = _page(site, "disputes/control.md")
    text = _text(html)
    latest = text.index("Where it stood on 28 October 2025")
    developed = text.index("How it developed")
    assert latest < text.index("Beta now shares control of the deal with Alpha") < developed
    assert developed < text.index("April 2025 The dispute is unresolved")
    assert '<p class="status-current" id="status-settled">' in html
    assert (
        '<li id="status-unresolved"><span class="status-date"><time datetime="2025-04">April 2025</time></span>' in html
    )


def test_a_reason_in_plain_words_is_shown_as_the_sites_note(built: tuple[Path, Path]) -> None:
    _, site = built
    html = _page(site, "disputes/control.md")
    assert '<span id="background-1" class="superseded superseded-normal">' in html
    text = _text(html)
    assert (
        "Earlier reporting, as of April 2025: According to people familiar "
        "with the matter, Beta wanted more control of the deal." in text
    )
    # Not cited, so not reporting: the site's own note, labelled as such.
    assert "Since superseded. Our note: The settlement answers the question of control. Later reporting" in text
    assert 'class="superseded-by" href="./#status-settled">Later reporting</a>' in html


def test_a_cited_reason_is_shown_with_its_marker(built: tuple[Path, Path]) -> None:
    _, site = built
    html = _page(site, "disputes/control.md")
    note = re.search(
        r'<span class="superseded-note">Since superseded: Alpha and Beta announced a settlement(.*?)</a>', html
    )
    assert note, "the position's cited reason"
    assert 'class="cite cite-reported"' in note.group(1)
    assert "The joint statement says:" in html[note.start() : note.start() + 2000]


def _current_then_dated(text: str, current: str, earlier: str | None = None) -> None:
    """`current` is shown, followed by its date and the link to earlier reporting; `earlier` only as such."""
    assert f"{current} {UPDATED}" in text, current
    if earlier is not None:
        assert re.search(rf"Earlier reporting, as of April 2025: {re.escape(earlier)}", text), earlier


def test_a_superseded_position_shows_its_newest_state_dated_on_every_page(built: tuple[Path, Path]) -> None:
    _, site = built
    fight = _text(_page(site, "disputes/control.md"))
    _current_then_dated(fight, "Under the settlement, Beta shares control of the deal with Alpha.", "Beta wanted more")
    assert fight.index("Beta shares control of the deal with Alpha.") < fight.index("Beta wanted more control. Since")
    stances = _text(_page(site, "stances.md"))  # the stance table: the short form
    _current_then_dated(stances, "Beta: Shares control")
    assert "Wants control" not in stances


def test_a_superseded_headline_shows_its_newest_state_dated_on_every_page(built: tuple[Path, Path]) -> None:
    _, site = built
    fight = _text(_page(site, "disputes/control.md"))
    _current_then_dated(fight, "Alpha and Beta have settled their dispute over control.", "Beta wants more control")
    home = _text(_page(site, "index.md"))  # the main fight's one sentence on the home page
    _current_then_dated(home, "Who is in control Alpha and Beta have settled their dispute over control.")
    assert "Beta wants more control" not in home


def test_a_superseded_role_shows_its_newest_state_dated_on_every_page(built: tuple[Path, Path]) -> None:
    _, site = built
    beta = _text(_page(site, "actors/beta.md"))
    _current_then_dated(beta, "A company that shares control of the deal with Alpha.", "A company that wanted more")
    cast = _text(_page(site, "actors/index.md"))  # Beta has a page of its own: the cast links to it, no more
    assert "A company that wanted more control" not in cast
    description = re.search(r'<meta name="description" content="([^"]*)"', _page(site, "actors/beta.md"))
    assert description and description.group(1) == "A company that shares control of the deal with Alpha."


def test_every_link_to_earlier_or_later_reporting_lands_on_its_statement(built: tuple[Path, Path]) -> None:
    _, site = built
    checked = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'class="(?:since|superseded-by)" href="([^"]+)"', html):
            path, _, anchor = unescape(href).partition("#")
            target = (page.parent / path / "index.html").resolve()
            assert anchor and f'id="{anchor}"' in unescape(target.read_text(encoding="utf-8")), (page, href)
            checked += 1
    assert checked >= 8


def test_a_dated_statement_says_its_date(tmp_path: Path) -> None:
    """The dispute's summary carries its own date; without a headline it is the dek, and says so."""
    project = fixture_project(tmp_path / "p")
    control = project / "content/disputes/control.yaml"
    text = control.read_text(encoding="utf-8")
    control.write_text(text[: text.index("headline:")] + text[text.index("summary:") :], encoding="utf-8")
    page = generate(project / "content", project).pages["disputes/control.md"].markdown
    assert '<p class="dek"><span class="stated-when">As of April 2025:</span> Beta wanted more control.' in page


def test_only_pages_that_use_the_later_source_stand_at_its_date(built: tuple[Path, Path]) -> None:
    project, site = built
    generated = generate(project / "content", project)
    newer = {path for path in generated.pages if NEWER in html_path(site, path).read_text(encoding="utf-8")}
    assert newer == {
        "index.md",  # the home page shows the dispute's headline as it now stands
        "stances.md",
        "disputes/control.md",
        "actors/beta.md",
        "sources/joint-statement.md",
    }
    # What changed states no fact: it says how far the sources run instead.
    no_facts = {"changes.md"}
    for path in set(generated.pages) - newer - no_facts:
        assert OLDER in html_path(site, path).read_text(encoding="utf-8"), path
    for path in no_facts:
        assert "The sources run to <strong>28 October 2025</strong>" in html_path(site, path).read_text(
            encoding="utf-8"
        )


def test_the_footer_says_the_date_of_the_page_it_is_on(built: tuple[Path, Path]) -> None:
    _, site = built
    for path, date in (("glossary.md", "April 2025"), ("disputes/control.md", "28 October 2025")):
        footer = html_path(site, path).read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        assert f"The facts on this page stand as of {date};" in footer, path


def _edited(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    project = fixture_project(tmp_path / "p")
    target = project / rel
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project


def test_a_page_that_says_since_superseded_stands_at_the_later_date(tmp_path: Path) -> None:
    """The glossary once said "Facts as of April 2025" above "Since superseded": it now stands at the later date."""
    project = _edited(
        tmp_path,
        "content/terms/widget.yaml",
        "      basis: reported\n",
        "      basis: reported\n  superseded:\n    by: control#settled\n",
    )
    page = generate(project / "content", project).pages["glossary.md"].markdown
    assert "Since superseded." in page
    assert "Facts as of <strong>28 October 2025</strong>" in page
    assert "Based on <a" in page and "the joint statement, 28 October 2025</a>" in page
    assert 'as_of: "28 October 2025"' in page  # what the footer says


def test_check_refuses_a_supersession_by_older_reporting(tmp_path: Path) -> None:
    project = _edited(tmp_path, "content/disputes/control.yaml", "by: control#settled\n", "by: control#unresolved\n")
    assert report(project) == (
        "content/disputes/control.yaml:92:11: error: superseded by 'control#unresolved', which is not later reporting: "
        "its newest source is from April 2025, this statement's from April 2025\n"
        "    hint: supersede only with later reporting: the newer statement must cite a "
        "source published after April 2025; or remove `superseded:`\n"
        "1 problem found; nothing was built.\n"
    )


def test_check_refuses_a_later_source_dated_before_the_one_it_supersedes(tmp_path: Path) -> None:
    project = _edited(tmp_path, "content/sources/joint-statement.yaml", 'value: "2025-10-28"', 'value: "2025-03-28"')
    out = report(project)
    assert (
        "content/disputes/control.yaml:92:11: error: superseded by 'control#settled', which is not later reporting: "
        "its newest source is from 28 March 2025, this statement's from April 2025"
    ) in out


def test_a_position_is_superseded_by_a_later_position_of_its_actor(tmp_path: Path) -> None:
    project = _edited(tmp_path, "content/disputes/control.yaml", "by: control#beta-shares", "by: control#settled")
    assert report(project) == (
        "content/disputes/control.yaml:45:11: error: a position of 'beta' is superseded by a later position of "
        "'beta' in the same file, not by 'control#status-settled'\n"
        "    hint: add the later position to `positions:` with an `id:`, and write `by: control#<that id>`\n"
        "1 problem found; nothing was built.\n"
    )


def test_a_role_has_one_current_entry(tmp_path: Path) -> None:
    project = _edited(tmp_path, "content/actors/beta.yaml", "    superseded:\n      by: beta  # an actor", "    # ")
    assert report(project) == (
        "content/actors/beta.yaml:13:5: error: `role:` has 2 current entries; mark the earlier ones `superseded:`\n"
        "    hint: mark each earlier role `superseded: {by: beta#<id of the later one>}`\n"
        "1 problem found; nothing was built.\n"
    )


def test_check_warns_of_a_sentence_still_cited_as_current_after_later_reporting(tmp_path: Path) -> None:
    """The dispute's summary cites the sentence the superseded position cites: dated, it is fine; undated, a warning."""
    project = _edited(tmp_path, "content/disputes/control.yaml", '  when:\n    value: "2025-04"\n', "  # when:\n    #")
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr  # a warning refuses nothing
    assert result.stdout.splitlines()[-1].startswith("OK:")
    assert (
        "content/disputes/control.yaml:26:14: warning: cites s3-1 of 'mini', which later reporting overtook "
        "(superseded at content/actors/beta.yaml:12:5); this statement still reads as current\n"
        "    hint: if later reporting overtook it too, mark it `superseded:`; if it still holds as of its date, "
        "give it `when:`\n"
        "1 warning; nothing is refused for them.\n"
    ) in result.stderr
    assert "warning" not in cli(fixture_project(tmp_path / "clean"), "check").stderr


def test_cites_lists_every_statement_citing_a_sentence(tmp_path: Path) -> None:
    result = cli(fixture_project(tmp_path / "p"), "cites", "mini#s3-1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "mini#s3-1: People familiar with the matter said Beta wanted more control.\n"
        "content/actors/beta.yaml:7:5: superseded: A company that wanted more control.\n"
        "content/disputes/control.yaml:5:5: superseded: Beta wants more control of the deal, people familiar with "
        "the matter say.\n"
        "content/disputes/control.yaml:20:3: dated: Beta wanted more control.\n"
        "content/disputes/control.yaml:37:5: superseded: Beta wanted more control.\n"
        "content/disputes/control.yaml:86:5: superseded: According to people familiar with the matter, Beta wanted "
        "more control of the deal.\n"
    )
    assert cli(tmp_path / "p", "cites", "mini#s9-9").returncode == 2


def test_a_single_status_mapping_still_reads_as_one_entry_at_its_source_date(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "p")
    for name in ("disputes/control.yaml", "actors/beta.yaml"):
        shutil.copy2(ROOT / "tests/golden/_base/content" / name, project / "content" / name)
    (project / "content/sources/joint-statement.yaml").unlink()
    (project / "content/sources/joint-statement.txt").unlink()
    generated = generate(project / "content", project)
    page = generated.pages["disputes/control.md"].markdown
    assert "## Where it stood in April 2025 { #status }" in page
    assert "How it developed" not in page


def test_the_fixture_pins_its_joint_statement(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "p")
    pinned = (project / "content/sources/joint-statement.yaml").read_text(encoding="utf-8")
    repin(project, "joint-statement")
    assert (project / "content/sources/joint-statement.yaml").read_text(encoding="utf-8") == pinned


def test_a_lever_later_reporting_replaced_leaves_the_home_board(tmp_path: Path) -> None:
    """The home page's board shows what each side holds as things stand; the replaced lever stays on its fight."""
    lever = (
        "leverage:\n"
        "  - actor: beta\n"
        "    text: Beta could hold out for more control, people familiar with the matter said.\n"
        "    cite:\n"
        "      - source: mini\n"
        "        quote: People familiar with the matter said Beta wanted more control.\n"
        "        basis: anonymous\n"
    )
    project = _edited(tmp_path, "content/disputes/control.yaml", "status:\n", lever + "status:\n")
    pages = generate(project / "content", project).pages
    assert "Beta could hold out for more control" in pages["index.md"].markdown
    project = _edited(
        tmp_path / "second",
        "content/disputes/control.yaml",
        "status:\n",
        lever + "    superseded:\n      by: control#beta-shares\nstatus:\n",
    )
    pages = generate(project / "content", project).pages
    assert "Beta could hold out for more control" not in pages["index.md"].markdown
    assert "Earlier reporting, as of April 2025:</span> Beta could hold out" in pages["disputes/control.md"].markdown


def test_a_dated_position_says_its_date_in_the_stance_table(tmp_path: Path) -> None:
    position = (
        "  - actor: alpha\n"
        "    short: Signed the deal\n"
        "    when:\n"
        '      value: "2024-summer"\n'
        "      precision: season\n"
        "    text: Alpha signed the deal with Beta.\n"
        "    cite:\n"
        "      - source: mini\n"
        "        quote: Alpha and Beta signed a deal last summer.\n"
        "        basis: reported\n"
        "status:\n"
    )
    project = _edited(tmp_path, "content/disputes/control.yaml", "status:\n", position)
    stances = generate(project / "content", project).pages["stances.md"].markdown
    assert re.search(
        r'Signed the deal<button[^>]*>\d+</button>.*?</small> <span class="since">As of summer 2024</span>', stances
    )


def test_notes_on_a_source_that_is_no_translation_are_not_called_so(tmp_path: Path) -> None:
    project = _edited(
        tmp_path, "content/sources/joint-statement.yaml", "text_file:", "notes: [Issued by both companies.]\ntext_file:"
    )
    page = generate(project / "content", project).pages["sources/joint-statement.md"].markdown
    assert "## Notes on the source { #notes }" in page and "translation" not in page


def test_a_cast_entry_shows_its_newest_role_dated_then_the_earlier_one(tmp_path: Path) -> None:
    """Alpha has no page of its own: its entry on the cast page says who it is now, dated, then who it was."""
    role = (
        "role:\n"
        "  - text: A company that signed a deal with [[beta]].\n"
        "    cite:\n"
        "      - source: mini\n"
        "        quote: Alpha and Beta signed a deal last summer.\n"
        "        basis: reported\n"
        "    superseded:\n"
        "      by: alpha\n"
        "  - text: A company that settled its dispute with [[beta]] over control.\n"
        "    cite:\n"
        "      - source: joint-statement\n"
        "        quote: Alpha and Beta today announced that they have settled their dispute over control.\n"
        "        basis: reported\n"
    )
    project = fixture_project(tmp_path / "p")
    alpha = project / "content/actors/alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(text[: text.index("role:")] + role, encoding="utf-8")
    overview = project / "content/overview/overview.yaml"  # the sides always have a page: here, no sides
    overview.write_text(overview.read_text(encoding="utf-8").replace("sides: [alpha, beta]\n", ""), encoding="utf-8")
    pages = generate(project / "content", project).pages
    assert "actors/alpha.md" not in pages
    cast = pages["actors/index.md"].markdown
    entry = cast[cast.index('<li id="alpha"') : cast.index("</li>", cast.index('<li id="alpha"'))]
    assert entry.index("settled its dispute") < entry.index("Updated 28 October 2025; earlier reporting")
    assert entry.index("earlier reporting</a>") < entry.index("Earlier reporting, as of April 2025:")
    # Both links land on the entry, which holds both states (an entry has no anchors of its own statements).
    assert unescape(entry).count('href="./#alpha"') == 2
