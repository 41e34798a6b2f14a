"""The generator's pipeline: load → validate → render, with no MkDocs import."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from build_tools.load.facts import load_content
from build_tools.load.history import build_date, load_history
from build_tools.load.project import DocsRules
from build_tools.problems import Collector, ContentError, Problem
from build_tools.render.collisions import clash_problems, duplicate_id_problems
from build_tools.render.handwritten import hand_written_problems
from build_tools.render.output import Output, PageOut
from build_tools.render.page import page_target
from build_tools.render.pagecache import PageCache
from build_tools.render.renderer import (
    DEFAULT_RENDERING,
    TEMPLATES,
    Page,
    Rendering,
    environment,
    navigation,
    render_site,
)
from build_tools.render.structured import facts_json
from build_tools.validate import newsflow
from build_tools.validate.checks import validate
from build_tools.validate.site import Site


@dataclass
class Generated:
    """The result of a successful run: validated content, pages by path, and their navigation."""

    site: Site
    pages: dict[str, Page]
    nav: list[Any]


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while the pipeline runs, then restore it.

    The pipeline allocates many objects that all live until the end and makes few cycles; each
    collection rescans all of them, which took a quarter of validation time at 100× the content.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(content_dir: Path, project_root: Path) -> Site:
    """Load and validate everything; raise ContentError listing every problem."""
    with _no_gc_pauses():
        return _check(content_dir, project_root)


def _check(content_dir: Path, project_root: Path) -> Site:
    problems = Collector(project_root)
    raw_files = load_content(content_dir, problems)
    site = validate(raw_files, problems)
    unreadable = any(p.path == problems.rel(content_dir) for p in problems.problems)  # e.g. a linked content/
    if content_dir.is_dir() and not unreadable:
        _require_singletons(site, content_dir, problems)
    problems.raise_if_any()
    return site


def _require_singletons(site: Site, content_dir: Path, problems: Collector) -> None:
    """The site needs at least one source and exactly one overview."""
    if not site.sources and not any(
        p.path.startswith(problems.rel(content_dir / "sources")) for p in problems.problems
    ):
        problems.add(
            content_dir / "sources",
            1,
            1,
            "no source found",
            "add a source's metadata (.yaml) and text (.txt) to content/sources/",
        )
    overviews = site.models("overview")
    if len(overviews) != 1 and not any("/overview/" in p.path for p in problems.problems):
        problems.add(
            content_dir / "overview",
            1,
            1,
            f"expected one overview file, found {len(overviews)}",
            "keep exactly one file in content/overview/ (the home page's story)",
        )


# Files the generator writes besides its pages (generate_output), which a hand-written file may not replace.
GENERATED_FILES = ("facts.json",)


def generate(
    content_dir: Path,
    project_root: Path,
    rendering: Rendering = DEFAULT_RENDERING,
    cache: PageCache | None = None,
    docs_dir: Path | None = None,
) -> Generated:
    """Validate the content, then render every page to Markdown in memory (with `cache`, only the pages
    whose inputs changed since the cache's previous build).

    The rendered pages are checked against what else claims their names before anything is written: ids
    that a page already uses, and (with `docs_dir`, MkDocs' folder of hand-written pages) a hand-written
    file that would be built in a generated page's place."""
    with _no_gc_pauses():
        site = _check(content_dir, project_root)
        history = load_history(content_dir, project_root)
        try:
            if cache is None:
                pages = render_site(site, project_root, history, build_date(), rendering)
            else:
                with cache.build(
                    site, environment(rendering.compiled, rendering.templates), rendering.templates
                ) as cached:
                    pages = render_site(site, project_root, history, build_date(), rendering, cached)
        except jinja2.TemplateError as err:
            raise ContentError([template_problem(err, project_root)]) from None
        problems = Collector(project_root)
        duplicate_id_problems(site, {path: page.markdown for path, page in pages.items()}, problems, TEMPLATES)
        if docs_dir is not None:
            clash_problems([*pages, *GENERATED_FILES], docs_dir, problems)
        problems.raise_if_any()
        return Generated(site, pages, navigation(site, rendering.wording))


def template_problem(err: jinja2.TemplateError, project_root: Path) -> Problem:
    """A template error as a problem at the template's file and line."""
    filename, line = getattr(err, "filename", None), getattr(err, "lineno", None)
    if filename is None:  # runtime errors: the innermost template frame says where
        tb = err.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith(".j2"):
                filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    where = Collector(project_root).rel(Path(filename or TEMPLATES))
    return Problem(
        where, line or 1, 1, f"template error: {err.message or err}", "fix the template; content files are fine"
    )


def generate_output(
    content_dir: Path,
    project_root: Path,
    rendering: Rendering = DEFAULT_RENDERING,
    cache: PageCache | None = None,
    docs_dir: Path | None = None,
) -> Output:
    """Generate the site and reduce it to plain data: pages, nav, facts.json and coverage."""
    generated = generate(content_dir, project_root, rendering, cache, docs_dir)
    site = generated.site
    pages = {path: PageOut(p.markdown, p.title, p.kind, p.source_file) for path, p in generated.pages.items()}
    return Output(
        pages=pages,
        nav=generated.nav,
        files={GENERATED_FILES[0]: facts_json(site, page_target)},
        coverage=coverage_line(site),
        uncited=uncited_problems(site, content_dir, project_root),
        as_of=site.as_of().label(),
        notes=overtaken(site, project_root),
    )


def overtaken(site: Site, project_root: Path) -> list[Problem]:
    """Statements still citing as current a source sentence that later reporting overtook (warnings)."""
    return newsflow.overtaken_warnings(site, Collector(project_root).rel)


UNCITED_HINT = "cite the sentence from a fact (a `cite:` whose quote is taken from it)"


def uncited_problems(site: Site, content_dir: Path, project_root: Path) -> list[Problem]:
    """Each uncited sentence as a problem at its place in its source's text file (a strict build refuses them)."""
    rel = Collector(project_root).rel
    problems = []
    for source_id, sentence in site.uncited():
        source = site.sources[source_id]
        line = source.text.count("\n", 0, sentence.start) + 1
        column = sentence.start - source.text.rfind("\n", 0, sentence.start)
        path = rel(content_dir / "sources" / source.meta.text_file)
        problems.append(
            Problem(path, line, column, f"sentence {sentence.id} is cited by no fact: {sentence.text}", UNCITED_HINT)
        )
    return problems


def strict_refusals(
    generated: Generated, content_dir: Path, project_root: Path, docs_dir: Path | None, rules: DocsRules | None
) -> list[Problem]:
    """What a strict build refuses of content that generates: uncited sentences, and (with MkDocs' rules for
    them, read from mkdocs.yml) what it warns of in the hand-written pages."""
    refused = uncited_problems(generated.site, content_dir, project_root)
    if docs_dir is not None and rules is not None:
        pages = Collector(project_root)
        built = {path: page.markdown for path, page in generated.pages.items()} | dict.fromkeys(GENERATED_FILES, "")
        hand_written_problems(docs_dir, built, rules, pages)
        refused += pages.problems
    return refused


def publishable(
    content_dir: Path, project_root: Path, docs_dir: Path | None = None, rules: DocsRules | None = None
) -> Generated:
    """Everything a strict build checks before it writes: valid content, pages that render, every sentence cited,
    and (with `rules`) hand-written pages as a strict build checks them."""
    generated = generate(content_dir, project_root, docs_dir=docs_dir)
    refused = strict_refusals(generated, content_dir, project_root, docs_dir, rules)
    if refused:
        raise ContentError(refused)
    return generated


def coverage_line(site: Site) -> str:
    """How many substantive source sentences are cited, as one line."""
    cited, total = site.coverage()
    percent = 100.0 * cited / total if total else 100.0
    return f"Source coverage: {cited}/{total} substantive sentences cited ({percent:.1f}%)"
