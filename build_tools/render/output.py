"""The generator's result as plain data (pages, nav, extra files, coverage) for the MkDocs plugin and the export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.problems import Problem


@dataclass(frozen=True)
class PageOut:
    """One generated page: its Markdown and the fact file its edit link opens."""

    markdown: str
    title: str
    kind: str
    source_file: str | None


@dataclass
class Output:
    """Everything the hook or the exporter needs, with no reference to the models."""

    pages: dict[str, PageOut]
    nav: list[Any]
    files: dict[str, str] = field(default_factory=dict)  # other generated files, e.g. facts.json
    coverage: str = ""
    uncited: list[Problem] = field(default_factory=list)  # source sentences no fact cites
    as_of: str = ""
    notes: list[Problem] = field(default_factory=list)  # warnings that refuse nothing (overtaken sentences)
