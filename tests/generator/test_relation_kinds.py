"""A project adds its own relation kinds in the overview (`relations:`); the built-in ones work unchanged.

The error cases (an unknown kind, a redefined or repeated one, an unknown line family) are golden
cases: tests/golden/relation-kind-*.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.model.vocab import RELATIONS
from tests.golden_cases import materialise
from tests.helpers import add_site_parts, html_path, mkdocs_build, run_cli

ABOUT = "# About\n\nA test site with a relation kind of its own.\n"
DECLARED = """relations:
  - kind: supplier-of
    verb: supplies widgets to
    family: product
    joins_side: true
lede:"""
SUPPLIES = """relations:
  - to: alpha
    kind: supplier-of
    cite:
      - source: mini
        quote: Widgets are what both companies sell.
        basis: reported
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(project, site, build log): the golden base with a declared kind used by beta, built strictly."""
    tmp = tmp_path_factory.mktemp("relation-kinds")
    project = add_site_parts(materialise({}, tmp / "project"), ABOUT)
    overview = project / "content/overview/overview.yaml"
    overview.write_text(
        overview.read_text(encoding="utf-8").replace("lede:", f"sides: [alpha]\n{DECLARED}", 1), encoding="utf-8"
    )
    beta = project / "content/actors/beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("relations:\n", SUPPLIES, 1), encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return project, tmp / "site", result.stderr


def test_a_project_with_its_own_kind_checks_and_builds_strictly(built: tuple[Path, Path, str]) -> None:
    project, _, log = built
    assert "WARNING" not in log, log
    checked = run_cli(project, "check")
    assert checked.returncode == 0, checked.stderr


def test_the_declared_kind_reads_with_its_verb_on_pages_and_map(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    alpha = html_path(site, "actors/alpha.md").read_text(encoding="utf-8")  # beta has only a cast entry
    # The infobox's row from the other end: the declared kind gives no `inverse:`, so its label and "it".
    assert re.search(r"<dt>Supplies widgets to it</dt><dd><a [^>]*>Beta</a>", alpha)
    actors = html_path(site, "actors/index.md").read_text(encoding="utf-8")
    assert re.search(r">Beta</a> supplies widgets to <a [^>]*>Alpha</a>", actors)  # the ties in words
    # Beta stands on Alpha's side, so the map writes the tie in Beta's box rather than drawing a line to Alpha.
    captions = " ".join(re.findall(r'<tspan class="caption"[^>]*>([^<]*)</tspan>', actors))
    assert "supplies widgets to, and is a partner of, Alpha" in captions


def test_a_declared_kind_can_put_its_subject_on_a_side(built: tuple[Path, Path, str]) -> None:
    """`joins_side: true`: beta supplies alpha, alpha is a side, so beta is drawn on alpha's side."""
    _, site, _ = built
    actors = html_path(site, "actors/index.md").read_text(encoding="utf-8")
    assert 'class="node node-member node-organisation group-side-1"' in actors


def test_the_built_in_kinds_are_unchanged() -> None:
    assert RELATIONS["partner-of"].verb == "is a partner of" and RELATIONS["partner-of"].symmetric
    assert RELATIONS["leads"].joins_side and RELATIONS["leads"].family == "people"
