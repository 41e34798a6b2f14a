"""The way off MkDocs: the exported pages built by Zensical give the same pages, titles and links as MkDocs.

Runs scripts/zensical_build.sh (its own venv, .venv-zensical, from requirements-zensical.lock) and the
real `mkdocs build --strict`, then compares the two sites. What differs is written down in docs/handbook/zensical.md.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # a Zensical venv and two full builds

BASE_PATH = "/openai-microsoft/"  # the path of mkdocs.yml's default site_url: absolute links in 404.html use it


class _Page(HTMLParser):
    """Title, first h1 text, ids and hrefs of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title, self.h1, self.ids, self.hrefs = "", "", set[str](), list[str]()
        self._in: str | None = None
        self._h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a" and attributes.get("href") is not None:
            self.hrefs.append(str(attributes["href"]))
        if tag in ("title", "h1") and not (tag == "h1" and self._h1_done):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._h1_done = self._h1_done or tag == "h1"
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data


def read_site(site: Path) -> dict[str, _Page]:
    """Every HTML page of a built site, parsed, by path."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def resolve(page: str, href: str) -> tuple[str, str] | None:
    """(target page, fragment) of an internal link, or None for links that leave the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith(BASE_PATH):
        target = Path("/", path[len(BASE_PATH) :])
    else:
        target = Path("/", page).parent / path if path else Path("/", page)
    resolved = target.resolve().as_posix().lstrip("/")
    if not Path(resolved).suffix:
        resolved = f"{resolved}/index.html".lstrip("/")
    return resolved, parts.fragment


def broken_links(site: Path, pages: dict[str, _Page]) -> list[tuple[str, str]]:
    """(page, href) of every internal link whose file or anchor is missing."""
    broken = []
    for name, page in pages.items():
        for href in page.hrefs:
            target = resolve(name, href)
            if target is None:
                continue
            file, fragment = target
            if not (site / file).is_file() or (fragment and file in pages and fragment not in pages[file].ids):
                broken.append((name, href))
    return broken


def content_links(pages: dict[str, _Page]) -> dict[str, set[tuple[str, str]]]:
    """Per page, the internal targets it links to, without the theme's own skip and footer links."""
    out: dict[str, set[tuple[str, str]]] = {}
    for name, page in pages.items():
        targets = {resolve(name, href) for href in page.hrefs}
        out[name] = {t for t in targets if t is not None and not (t[0] == name and t[1] in _skip_ids(page))}
    return out


def _skip_ids(page: _Page) -> set[str]:
    """Fragments the themes use for their skip-to-content link: Zensical's `__skip`, Material's h1 id."""
    return {"__skip", *(i for i in page.ids if i == _slug(page.h1))}


def _slug(text: str) -> str:
    return re.sub(r"[^\w\s-]", "", text.lower()).strip().replace(" ", "-")


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The MkDocs build and the Zensical build of the exported pages."""
    base = tmp_path_factory.mktemp("zensical")
    zensical = subprocess.run(
        [str(ROOT / "scripts" / "zensical_build.sh"), str(base / "z")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    assert "No issues found" in zensical.stdout + zensical.stderr
    from tests.helpers import mkdocs_build

    mkdocs = mkdocs_build(ROOT, base / "m")
    assert mkdocs.returncode == 0, mkdocs.stderr
    return base / "m", base / "z" / "site"


def test_same_pages_and_titles(both_sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = (read_site(site) for site in both_sites)
    assert len(mkdocs) > 18
    assert sorted(mkdocs) == sorted(zensical)
    for name in mkdocs:
        z_title = zensical[name].title.strip()
        if (
            name == "index.html"
        ):  # Zensical names the home page by its nav label ("Home - site"); docs/handbook/zensical.md
            z_title = z_title.removeprefix("Home - ")
        assert (mkdocs[name].title.strip(), mkdocs[name].h1.strip()) == (z_title, zensical[name].h1.strip()), name


def test_no_missing_links_in_either_build(both_sites: tuple[Path, Path]) -> None:
    for site in both_sites:
        pages = read_site(site)
        assert sum(len(p.hrefs) for p in pages.values()) > 1000
        assert broken_links(site, pages) == [], site


def test_pages_link_to_the_same_places(both_sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = (content_links(read_site(site)) for site in both_sites)
    for name in mkdocs:
        assert mkdocs[name] == zensical[name], name


def test_zensical_is_pinned_and_isolated(both_sites: tuple[Path, Path]) -> None:
    """The script (run by `both_sites`) installed the pinned Zensical into its own venv, not the project's."""
    declared = (ROOT / "requirements-zensical.in").read_text(encoding="utf-8")
    pinned = re.search(r"^zensical==(\d+\.\d+\.\d+)$", declared, re.MULTILINE)
    assert pinned
    isolated = ROOT / ".venv-zensical"
    assert (isolated / "bin" / "zensical").is_file()
    assert [p.name for p in isolated.glob("lib/python*/site-packages/zensical-*.dist-info")] == [
        f"zensical-{pinned.group(1)}.dist-info"
    ]
    assert not list((ROOT / ".venv").glob("lib/python*/site-packages/zensical-*.dist-info"))
