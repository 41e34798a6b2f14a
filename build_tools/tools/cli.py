"""Command line (`explainer` or `python -m build_tools`): init, check, new, export, schema, reverify, synth, bench.

Exit 0 ok, 1 problems, 2 usage.

Without `--content`, the facts are `content/` of the current folder when it has one (a project made by
`explainer init`), else this checkout's `content/`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools import CONTENT_DIR, PROJECT_ROOT
from build_tools.pipeline import coverage_line, generate, generate_output, uncited_problems
from build_tools.problems import ContentError
from build_tools.tools.scaffold import FOLDERS

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _cmd_check(args: argparse.Namespace) -> int:
    """Exit 1 on anything `mkdocs build --strict` refuses in the facts (uncited sentences included), else 0."""
    if not args.content.is_dir():
        print(f"error: content folder not found: {args.content}", file=sys.stderr)
        return EXIT_USAGE
    site = generate(args.content, args.root).site  # rendered too: a template error fails a build
    print(coverage_line(site))
    uncited = uncited_problems(site, args.content, args.root)
    if uncited:  # a strict build refuses them, so `check` does too (same report)
        raise ContentError(uncited)
    print(
        f"OK: {len(site.entities)} fact files, {sum(1 for _ in site.citations())} "
        f"citations, all quotes verified, every source sentence cited."
    )
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from build_tools.tools.export import export_pages

    written = export_pages(generate_output(args.content, args.root, links_from="file"), args.out)
    print(f"Wrote {len(written)} pages to {args.out}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from build_tools.model.schema import stale_schemas, write_schemas

    out = PROJECT_ROOT / "schema"
    if args.check:
        stale = stale_schemas(out)
        for name in stale:
            print(f"schema/{name}: differs from build_tools/model/models.py", file=sys.stderr)
        if stale:
            print("run `python -m build_tools schema` to regenerate", file=sys.stderr)
        return EXIT_PROBLEMS if stale else EXIT_OK
    written = write_schemas(out)
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
        "explainer check; mkdocs serve. The sample story is fictional: replace it with your own source and facts."
    )
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    """Write a stub for a new fact; exit 2 (nothing written) for a bad or taken id."""
    from build_tools.tools.scaffold import ScaffoldError, write_stub

    try:
        written = write_stub(args.content, args.kind, args.id)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {' and '.join(map(str, written))}; replace every `TODO:` value, then run `make check`.")
    return EXIT_OK


def _cmd_reverify(args: argparse.Namespace) -> int:
    from build_tools.tools.reverify import run

    return run(args.content, args.root, args.source, args.accept)


def _cmd_synth(args: argparse.Namespace) -> int:
    from build_tools.tools.synth import synthesise

    if args.scale < 1:
        print("error: --scale must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    count = synthesise(args.scale, args.out, args.content)
    print(f"Wrote {count} fact files ({args.scale} copies) to {args.out}")
    return EXIT_OK


def _cmd_bench(args: argparse.Namespace) -> int:
    # benchmarks/ sits beside build_tools/ in a checkout and is not part of the installed package;
    # the console script does not put the project on sys.path, so add it. benchmarks never imports this module.
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    try:
        from benchmarks.bench import run_from_args
    except ImportError:
        print(
            f"error: bench needs the project checkout's benchmarks/ folder ({PROJECT_ROOT / 'benchmarks'})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return run_from_args(args)


def add_bench_arguments(bench: argparse.ArgumentParser) -> None:
    """The options of `bench` (benchmarks/bench.py reads them from the parsed arguments)."""
    bench.add_argument("--scales", default="1,10,100", help="comma-separated scales (default 1,10,100)")
    bench.add_argument(
        "--out",
        type=Path,
        default=PROJECT_ROOT / "benchmarks" / "results",
        help="folder for results.json and the SVG plot",
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
        help="content folder (default: content/ of the current folder if any, else of this checkout)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser(
        "init", help="write a minimal working explainer (a fictional sample) into an empty or new folder"
    )
    init.add_argument("dir", type=Path, help="the folder to create (must be empty or not exist)")
    init.set_defaults(func=_cmd_init)
    sub.add_parser("check", help="validate every fact file and report all problems").set_defaults(func=_cmd_check)
    export = sub.add_parser("export", help="write the generated pages as Markdown files with front matter")
    export.add_argument("out", type=Path, help="output folder (replaced)")
    export.set_defaults(func=_cmd_export)
    synth = sub.add_parser("synth", help="write a project folder with N copies of the content (for benchmarks)")
    synth.add_argument("--scale", type=int, default=10, help="number of copies (default 10)")
    synth.add_argument("out", type=Path, help="output project folder (replaced)")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; content problems exit 1, usage errors 2, never a traceback."""
    # The console script `explainer` (pyproject.toml) and `python -m build_tools` run the same commands.
    parser = build_parser("explainer" if Path(sys.argv[0]).name == "explainer" else "python -m build_tools")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    args.root = PROJECT_ROOT
    if args.content is None:
        here = Path.cwd()
        if (here / "content").is_dir() and (here / "mkdocs.yml").is_file():  # a project of its own, e.g. from `init`
            args.content, args.root = here / "content", here
        else:
            args.content = CONTENT_DIR
    try:
        return args.func(args)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
