"""Command line (`explainer` or `python -m build_tools`): init, check, new, export, schema, reverify, cites, synth,
bench.

Exit 0 ok, 1 problems, 2 usage.

Like git, a command works on the project it is run in: the nearest folder at or above the current one
that holds a mkdocs.yml. Its content folder, cache and wording are the `explainer` plugin's options
there, so the command sees what the build sees. `--content DIR` names the facts folder instead (its
project is the nearest mkdocs.yml at or above it)."""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
from pathlib import Path

from build_tools.load.project import (
    CONFIG_FILE,
    Project,
    ProjectError,
    docs_rules,
    find_root,
    project_from_options,
    read_project,
    site_dir_problem,
)
from build_tools.pipeline import Rendering, coverage_line, generate, generate_output, overtaken, strict_refusals
from build_tools.problems import ContentError, Problem
from build_tools.tools.scaffold import FOLDERS

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command cannot run here (no project, no content folder); exit 2."""


def _root(args: argparse.Namespace) -> Path:
    """The project's folder: the nearest one holding a mkdocs.yml at or above `--content`, or this folder."""
    start = args.content.resolve() if args.content is not None else Path.cwd()
    root = find_root(start)
    if root is not None:
        return root
    if args.content is not None:  # a bare facts folder: its parent stands for the project
        return start.parent
    raise UsageError(
        f"no {CONFIG_FILE} in {start} or any folder above it; run the command inside an explainer project "
        "(`explainer init DIR` makes one) or name its facts with --content"
    )


def _project(args: argparse.Namespace) -> Project:
    """The project the command works on, with the plugin's options from its mkdocs.yml (`--content` wins)."""
    root = _root(args)
    # A bare facts folder has no mkdocs.yml: the defaults, and no cache written beside it.
    project = read_project(root) if (root / CONFIG_FILE).is_file() else project_from_options(root, {"cache": ""})
    if args.content is not None:
        project = dataclasses.replace(project, content=args.content.resolve())
    if not project.content.is_dir():
        raise UsageError(f"content folder not found: {project.content}")
    return project


def _cmd_check(args: argparse.Namespace) -> int:
    """Exit 1 on anything `mkdocs build --strict` refuses (uncited sentences and the hand-written pages' links
    included), else 0; warnings (sentences overtaken but still cited as current, the sample's name) refuse nothing."""
    project = _project(args)
    site_dir = site_dir_problem(project)
    if site_dir is not None:  # the build refuses it before writing anything
        raise ContentError([site_dir])
    # Rendered too, with the project's wording: a template error fails a build.
    generated = generate(
        project.content, project.root, Rendering(project.wording, project.cache), docs_dir=project.docs_dir
    )
    site = generated.site
    print(coverage_line(site))
    # A strict build refuses uncited sentences and warns of broken hand-written pages: check refuses them too.
    rules = docs_rules(project.root / CONFIG_FILE) if (project.root / CONFIG_FILE).is_file() else None
    refused = strict_refusals(generated, project.content, project.root, project.docs_dir, rules)
    if refused:
        raise ContentError(refused)
    _print_warnings([*overtaken(site, project.root), *_leftovers(project.root)])
    print(
        f"OK: {len(site.entities)} fact files, {sum(1 for _ in site.citations())} "
        f"citations, all quotes verified, every source sentence cited."
    )
    return EXIT_OK


def _leftovers(root: Path) -> list[Problem]:
    from build_tools.tools.initproject import sample_leftovers

    return sample_leftovers(root)


def _print_warnings(warnings: list[Problem]) -> None:
    """Warnings on stderr, each at its file and line with a hint; they do not change the exit code."""
    for warning in sorted(warnings):
        print(warning.format(), file=sys.stderr)
    if warnings:
        print(
            f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}; nothing is refused for them.", file=sys.stderr
        )


def _cmd_cites(args: argparse.Namespace) -> int:
    """List every statement that cites a source sentence (`SOURCE#sentence`), marking those superseded."""
    from build_tools.pipeline import check
    from build_tools.problems import Collector
    from build_tools.validate.newsflow import citing_statements

    source_id, _, sentence_id = args.sentence.partition("#")
    project = _project(args)
    site = check(project.content, project.root)
    source = site.sources.get(source_id)
    if source is None:
        raise UsageError(f"no source '{source_id}'; sources: {', '.join(site.sources_by_date())}")
    sentence = next((s for s in source.sentences if s.id == sentence_id), None)
    if sentence is None:
        raise UsageError(
            f"no sentence '{sentence_id}' in '{source_id}'; write SOURCE#s<paragraph>-<sentence>, e.g. {source_id}#s1-1"
        )
    print(f"{source_id}#{sentence_id}: {sentence.text}")
    rel = Collector(project.root).rel
    found = citing_statements(site, source_id, sentence_id)
    for place in found:
        line, col = place.entity.doc.where(place.loc)
        state = "superseded" if place.node.superseded is not None else ("dated" if place.node.when else "current")
        print(f"{rel(place.entity.doc.path)}:{line}:{col}: {state}: {place.node.text}")
    if not found:
        print("cited by no statement")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from build_tools.tools.export import export_pages
    from build_tools.tools.outdir import OutputRefused, refuse_target

    project = _project(args)
    try:
        refuse_target(args.out, project, "export")  # before generating: a refused target gets nothing written
    except OutputRefused as err:
        raise UsageError(str(err)) from None
    rendering = Rendering(project.wording, project.cache, "file")
    output = generate_output(project.content, project.root, rendering, docs_dir=project.docs_dir)
    try:
        written = export_pages(output, args.out, project)
    except OutputRefused as err:
        raise UsageError(str(err)) from None
    print(f"Wrote {len(written)} pages to {args.out}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from build_tools.model.schema import SchemaFolderError, stale_schemas, write_schemas

    out = _root(args) / "schema"
    if args.check:
        stale = stale_schemas(out)
        for name in stale:
            print(f"schema/{name}: differs from build_tools/model/models.py", file=sys.stderr)
        if stale:
            print("run `explainer schema` to regenerate", file=sys.stderr)
        return EXIT_PROBLEMS if stale else EXIT_OK
    try:
        written = write_schemas(out)
    except SchemaFolderError as err:
        raise UsageError(str(err)) from None
    print(f"Wrote {len(written)} schemas to {out}")
    return EXIT_OK


def _cmd_init(args: argparse.Namespace) -> int:
    """Write a minimal working explainer into an empty or new folder; exit 2 (nothing written) otherwise."""
    from build_tools.tools.initproject import InitError, init_project

    try:
        written = init_project(args.dir)
    except InitError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"Wrote a sample explainer ({len(written)} files) to {args.dir}. Next: cd {args.dir}; "
        "explainer check; mkdocs serve. The sample story is fictional: replace it with your own source and facts, "
        "name the site (site_name in mkdocs.yml) and rewrite docs/about.md; `explainer check` warns until you do, "
        "and says OK when `mkdocs build --strict` will pass."
    )
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    """Write a stub for a new fact; exit 2 (nothing written) for a bad or taken id."""
    from build_tools.tools.scaffold import ScaffoldError, write_stub

    try:
        written = write_stub(_project(args).content, args.kind, args.id)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {' and '.join(map(str, written))}; replace every `TODO:` value, then run `explainer check`.")
    return EXIT_OK


def _cmd_reverify(args: argparse.Namespace) -> int:
    from build_tools.tools.reverify import run

    project = _project(args)
    return run(project.content, project.root, args.source, args.accept)


def _cmd_synth(args: argparse.Namespace) -> int:
    from build_tools.tools.outdir import OutputRefused
    from build_tools.tools.synth import MAX_SCALE, synthesise

    if not 1 <= args.scale <= MAX_SCALE:
        print(f"error: --scale must be between 1 and {MAX_SCALE}", file=sys.stderr)
        return EXIT_USAGE

    project = _project(args)
    try:
        count = synthesise(args.scale, args.out, project.content, project.root, project)
    except OutputRefused as err:
        raise UsageError(str(err)) from None
    print(f"Wrote {count} fact files ({args.scale} copies) to {args.out}")
    return EXIT_OK


def _cmd_bench(args: argparse.Namespace) -> int:
    # benchmarks/ sits in this generator's own checkout and is not part of the installed package; the
    # console script does not put the checkout on sys.path, so add it. benchmarks never imports this module.
    root = _root(args)
    if not (root / "benchmarks" / "bench.py").is_file():
        raise UsageError(f"bench runs in the generator's own checkout, with its benchmarks/ folder (not in {root})")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from benchmarks.bench import run_from_args

    if args.out is None:
        args.out = root / "benchmarks" / "results"
    return run_from_args(args)


def add_bench_arguments(bench: argparse.ArgumentParser) -> None:
    """The options of `bench` (benchmarks/bench.py reads them from the parsed arguments)."""
    bench.add_argument("--scales", default="1,10,100", help="comma-separated scales (default 1,10,100)")
    bench.add_argument(
        "--out", type=Path, default=None, help="folder for results.json and the SVG plot (default benchmarks/results)"
    )
    bench.add_argument("--repeat", type=int, default=1, help="alternating build pairs per scale (default 1)")
    bench.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve edit-loop measurement")


def build_parser(prog: str = "python -m build_tools") -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument(
        "--content",
        type=Path,
        default=None,
        help="content folder (default: the `content` option in the nearest mkdocs.yml at or above this folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser(
        "init", help="write a minimal working explainer (a fictional sample) into an empty or new folder"
    )
    init.add_argument("dir", type=Path, help="the folder to create (must be empty or not exist)")
    init.set_defaults(func=_cmd_init)
    sub.add_parser("check", help="validate every fact file and report all problems").set_defaults(func=_cmd_check)
    export = sub.add_parser("export", help="write the generated pages as Markdown files with front matter")
    export.add_argument(
        "out", type=Path, help="output folder: new, empty, or written by an earlier export (then replaced)"
    )
    export.set_defaults(func=_cmd_export)
    synth = sub.add_parser("synth", help="write a project folder with N copies of the content (for benchmarks)")
    synth.add_argument("--scale", type=int, default=10, help="number of copies (default 10)")
    synth.add_argument(
        "out", type=Path, help="output project folder: new, empty, or written by an earlier synth (then replaced)"
    )
    synth.set_defaults(func=_cmd_synth)
    bench = sub.add_parser("bench", help="measure validation, rendering and MkDocs builds at several scales")
    add_bench_arguments(bench)
    bench.set_defaults(func=_cmd_bench)
    schema = sub.add_parser("schema", help="write the JSON Schemas of the fact files into schema/")
    schema.add_argument("--check", action="store_true", help="only compare; exit 1 if schema/ is out of date")
    schema.set_defaults(func=_cmd_schema)
    new = sub.add_parser("new", help="write a stub fact file whose every value to fill in is a `TODO:` placeholder")
    new.add_argument("kind", choices=list(FOLDERS))
    new.add_argument("id", help="the new id (lower-case words joined by hyphens; also the file name)")
    new.set_defaults(func=_cmd_new)
    reverify = sub.add_parser(
        "reverify", help="check every citation of a source against its current text; --accept pins it"
    )
    reverify.add_argument("source", help="the source's id (content/sources/<id>.yaml)")
    reverify.add_argument(
        "--accept", action="store_true", help="when every quote is still found, write the text's new sha256"
    )
    reverify.set_defaults(func=_cmd_reverify)
    cites = sub.add_parser("cites", help="list every statement that cites a source sentence, e.g. `cites article#s3-1`")
    cites.add_argument("sentence", help="SOURCE#sentence: a source id and a sentence id, as in the source page's links")
    cites.set_defaults(func=_cmd_cites)
    return parser


def _never_fail_to_print() -> None:
    """Reports quote the source (curly quotes, any script): a console or pipe that cannot show a character
    (Windows' cp1252 when output is redirected) gets an escape instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; content problems exit 1, usage errors 2, never a traceback."""
    # The console script `explainer` (pyproject.toml) and `python -m build_tools` run the same commands.
    parser = build_parser("explainer" if Path(sys.argv[0]).name == "explainer" else "python -m build_tools")
    _never_fail_to_print()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    try:
        return args.func(args)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    except ProjectError as err:  # mkdocs.yml unreadable or the plugin's options wrong: fix the config
        print(ContentError(err.problems).report(), file=sys.stderr)
        return EXIT_PROBLEMS
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
