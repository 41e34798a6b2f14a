"""Hand-written pages as a strict MkDocs build checks them, so that `check` fails wherever the build fails:
a relative link must lead to a file of the site (hand-written or generated), with `anchors: warn` to an id
that page has, and with `omitted_files: warn` every page must be in the nav.

MkDocs' own rules, read from mkdocs.yml (load/project.py, DocsRules): files whose names start with a dot
and `templates/` are left out, as are `exclude_docs`; `not_in_nav` pages may stay out of the nav. Only what
MkDocs reports as a warning is checked (its defaults, or mkdocs.yml's levels).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pathspec

from build_tools.load.docsfiles import MARKDOWN_SUFFIXES, hand_written
from build_tools.load.project import DocsRules
from build_tools.problems import Collector
from build_tools.render.collisions import page_anchors

LINK_HINT = "fix the link (relative to this page); generated pages are named as in the nav, e.g. sources/<id>.md"
_DEFAULT_IGNORED = (".*", "/templates/")  # MkDocs' own exclusions (mkdocs/structure/files.py)
_INLINE_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?^[ ]{0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1")


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def hand_written_problems(docs_dir: Path, generated: Mapping[str, str], rules: DocsRules, problems: Collector) -> None:
    """Links to no file of the site or to an id its page lacks, and pages in no nav entry (each where MkDocs
    would warn). `generated` holds the generated files by path: each page's Markdown, other files' text."""
    if not docs_dir.is_dir():
        return
    ignored = _spec([*_DEFAULT_IGNORED, *rules.ignored])
    files = [path for path in hand_written(docs_dir) if not ignored.match_file(path)]
    pages = [path for path in files if Path(path).suffix.lower() in MARKDOWN_SUFFIXES]
    texts = {page: (docs_dir / page).read_text(encoding="utf-8", errors="replace") for page in pages}
    site = {*files, *generated}
    for page in pages:
        text = texts[page]
        for target, fragment, at in _links(text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target)) if target else page
            line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            if rules.links_warn and resolved not in site:
                problems.add(
                    docs_dir / page, line, col, f"link to '{target}', which is no page or file of the site", LINK_HINT
                )
            elif rules.anchors_warn and fragment and resolved in {**generated, **texts}:
                markdown = generated.get(resolved, texts.get(resolved, ""))
                if fragment not in {anchor.id for anchor in page_anchors(markdown)}:
                    problems.add(
                        docs_dir / page,
                        line,
                        col,
                        f"link to '{target}#{fragment}', but {resolved} has no element with the id '{fragment}'",
                        "link to an id the page has (its headings' anchors), or to the page alone",
                    )
    if rules.omitted_warn and rules.nav is not None:
        allowed = _spec(rules.not_in_nav)
        for page in pages:
            if page not in rules.nav and not allowed.match_file(page):
                problems.add(
                    docs_dir / page,
                    1,
                    1,
                    f"hand-written page {problems.rel(docs_dir / page)} is in no entry of `nav:` in mkdocs.yml",
                    "add it to `nav:`, or list it under `not_in_nav:` (mkdocs.yml says omitted_files: warn)",
                )


def _links(text: str) -> Iterator[tuple[str, str, int]]:
    """Relative links of a Markdown page outside code: (path, fragment, offset); a path has an extension,
    or is empty for a link within the page (`#id`)."""
    blank = _CODE_SPAN.sub(lambda m: " " * len(m.group()), _FENCE.sub(lambda m: " " * len(m.group()), text))
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(blank):
            link = match.group(1)
            target, _, fragment = link.partition("#")
            target = target.split("?", 1)[0]
            name = target.rsplit("/", 1)[-1]
            if ":" in link.split("#", 1)[0] or target.startswith("/") or (target and "." not in name):
                continue
            yield target, fragment, match.start(1)
