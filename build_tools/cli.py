"""Command line: `python -m build_tools check | export DIR` (more commands register themselves here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CONTENT_DIR, PROJECT_ROOT
from .pipeline import check, coverage_report, generate
from .problems import ContentError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _cmd_check(args: argparse.Namespace) -> int:
    site = check(args.content, PROJECT_ROOT)
    print(coverage_report(site))
    print(f"OK: {len(site.entities)} fact files, {sum(1 for _ in site.citations())} citations, all quotes verified.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export_pages

    generated = generate(args.content, PROJECT_ROOT)
    written = export_pages(generated, args.out)
    print(f"Wrote {len(written)} pages to {args.out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="content folder (default: content/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every fact file and report all problems").set_defaults(func=_cmd_check)
    export = sub.add_parser("export", help="write the generated pages as Markdown files with front matter")
    export.add_argument("out", type=Path, help="output folder (replaced)")
    export.set_defaults(func=_cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; content problems exit 1, usage errors 2, never a traceback."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    try:
        return args.func(args)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
