"""`python -m build_tools new KIND ID`: write a commented stub fact file that passes the models."""

from __future__ import annotations

import re
from pathlib import Path

from .schema import modeline

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER_QUOTE = "REPLACE WITH WORDS COPIED EXACTLY FROM THE SOURCE"
FOLDERS = {"actor": "actors", "dispute": "disputes", "event": "events", "term": "terms"}

_CITE = """\
{indent}cite:
{indent}  # Copy the words exactly from content/sources/{source}.txt; `make check` shows the closest
{indent}  # passage until they match. basis: on-record (add `speaker:` actor id), anonymous,
{indent}  # reported (the outlet's own reporting) or inferred (add `note:` explaining why).
{indent}  - source: {source}
{indent}    quote: {quote}
{indent}    basis: reported"""

_BODIES = {
    "actor": """\
id: {id}
kind: person  # person, organisation, product or project
name: {name}  # the name the site always uses
role:  # who or what this is, in one sentence
  text: {name} is …  # one neutral sentence; write [[other-id]] to link another fact
{cite2}
# Optional lists, each entry with `text:` and `cite:` like `role:` above:
# about: [], wants: [], aliases: [{{name: …, note: …}}], relations: [{{to: actor-id, kind: …, cite: […]}}]
""",
    "dispute": """\
id: {id}
title: {name}
summary:  # what the dispute is about, in one or two sentences
  text: …
{cite2}
stakes:  # what is at stake; one entry per point
  - text: …
{cite4}
parties: [{actors}]  # ids of the actors with a side in it
positions:  # one per side
  - actor: {actor}
    short: … (a few words for the stance table)
    text: …
{cite4}
status:  # where things stood as of the source date
  text: …
{cite2}
# Optional: leverage (actor, text, cite), background (text, cite), events [ids], terms [ids]
""",
    "event": """\
id: {id}
title: {name}
when:  # value YYYY-MM-DD, YYYY-MM, YYYY-summer or YYYY (quote a bare year: "2025"), matching precision
  value: "2025-01"
  precision: month  # day, month, season or year
  # or instead of value, the source's own phrase: relative: last summer, source: {source}
summary:
  text: …
{cite2}
actors: [{actor}]  # ids of the actors involved
# Optional: until (an end date like `when:`), place, disputes [ids]
""",
    "term": """\
id: {id}
term: {name}
also: []  # other spellings to recognise in text
definition:
  text: …
{cite2}
see_also: []  # ids of related facts
""",
}


class ScaffoldError(Exception):
    """The stub cannot be written (bad id, file exists); a usage error, not a content problem."""


def stub_text(kind: str, entity_id: str, source: str, actors: list[str]) -> str:
    """The text of a new stub fact file; `source` and `actors` are existing ids to start from."""
    name = entity_id.replace("-", " ").capitalize()
    cite = {
        f"cite{n}": _CITE.format(indent=" " * n, source=source, quote=PLACEHOLDER_QUOTE) for n in (2, 4)
    }
    body = _BODIES[kind].format(
        id=entity_id, name=name, source=source, actors=", ".join(actors), actor=actors[0], **cite
    )
    return f"{modeline(FOLDERS[kind])}\n{body}"


def existing_ids(content_dir: Path, folder: str, count: int, fallback: str) -> list[str]:
    """The first ids in a content folder (so the stub's references resolve), or a placeholder."""
    found = [p.stem for p in sorted((content_dir / folder).glob("*.yaml"))][:count]
    return found or [fallback]


def write_stub(content_dir: Path, kind: str, entity_id: str) -> Path:
    """Write the stub into content/<folder>/<id>.yaml; refuse bad ids and existing ids."""
    if kind not in FOLDERS:
        raise ScaffoldError(f"unknown kind '{kind}'; choose one of: {', '.join(FOLDERS)}")
    if not ID_PATTERN.match(entity_id):
        raise ScaffoldError(f"'{entity_id}' is not a valid id: use lower-case letters, digits and hyphens, e.g. sam-altman")
    taken = sorted(content_dir.glob(f"*/{entity_id}.yaml"))
    if taken:
        raise ScaffoldError(f"id '{entity_id}' is already used by {taken[0]}; ids are unique across content/ (nothing written)")
    target = content_dir / FOLDERS[kind] / f"{entity_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        source = existing_ids(content_dir, "sources", 1, "source-id")[0]
        handle.write(stub_text(kind, entity_id, source, existing_ids(content_dir, "actors", 2, "actor-id")))
    return target
