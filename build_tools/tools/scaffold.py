"""`python -m build_tools new KIND ID`: write a commented stub whose every guess is a `TODO:` placeholder.

`check` refuses each placeholder at its line until it is replaced (see placeholders.py), so a stub
cannot be published unfinished. Only the id, given on the command line, is real from the start.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.load.placeholders import PREFIX, placeholder
from build_tools.model.schema import modeline
from build_tools.model.vocab import FOLDER_NOUNS, ID_PATTERN

_ID = re.compile(rf"^{ID_PATTERN}$")
# Kind on the command line → folder in content/ (every folder of models.KINDS).
FOLDERS = {noun: folder for folder, noun in FOLDER_NOUNS.items()}
_MARK = re.compile(r"«([^»]*)»")  # «what to write» in the bodies below becomes a placeholder

_CITE = """\
cite:
  # basis: on-record (add `speaker:` actor id), anonymous, reported (the outlet's own reporting)
  # or inferred (add `note:` explaining why). `explainer check` shows the closest passage to a quote.
  - source: «id of a source in content/sources/»
    quote: «words copied exactly from that source's .txt file»
    basis: «on-record, anonymous, reported or inferred»"""

_WHEN = """\
  value: «the date as YYYY-MM-DD, YYYY-MM, YYYY-summer or YYYY»
  precision: «day, month, season or year, matching the value»"""

_BODIES = {
    "source": """\
title: «the source's title»
outlet: «who published the text we have»
via: «how the text reached us: as published, a translation, a retelling…»
language: «the BCP 47 tag of the text's language, e.g. en»
published:
{when}
published_basis: «how the publication date is known; say if it is inferred»
text_file: {id}.txt  # paste the text into this file, beside this one
retrieved: "TODO: the day you copied the text, YYYY-MM-DD"
sha256: "TODO: once the text is in, run `explainer reverify {id} --accept`"
# Optional: short ("the article"), credit, original, translated_from, url, notes
""",
    "actor": """\
kind: «person, organisation, product or project»
name: «the name the site always uses»
role:  # who or what this is
  text: «one neutral sentence saying who or what this is; [[other-id]] links another fact»
{cite2}
# Optional lists, each entry with `text:` and `cite:` like `role:` above:
# about: [], wants: [], aliases: [{{name: …, note: …}}], relations: [{{to: actor-id, kind: …, cite: […]}}]
""",
    "dispute": """\
title: «a short name for the dispute»
summary:
  text: «what the dispute is about, in one or two sentences»
{cite2}
stakes:  # one entry per point
  - text: «one thing at stake»
{cite4}
parties: [«id of an actor with a side in it»]
positions:  # one per side
  - actor: «id of the actor whose position this is»
    short: «the position in a few words, for the stance table»
    text: «the position, in the actor's own terms»
{cite4}
status:
  text: «where things stood as of the source date»
{cite2}
# Optional: tier, rank, headline, leverage (actor, text, cite), background, events [ids], terms [ids]
""",
    "question": """\
title: «the question, in a few words»
summary:
  text: «what the question is, in one or two sentences»
{cite2}
positions:  # one per side
  - actor: «id of the actor whose position this is»
    short: «the position in a few words, for the stance table»
    text: «the position, in the actor's own terms»
{cite4}
# Optional: sections [{{heading, points}}], why_it_matters (actor, text, cite), status, disputes [ids]
""",
    "event": """\
title: «a short title for the event»
when:  # or the source's own phrase instead of value: `relative: last summer` with `source: <id>`;
       # leave `when:` out entirely when the source gives no date
{when}
summary:
  text: «what happened, in one neutral sentence»
{cite2}
actors: [«id of an actor involved»]
# Optional: until (an end date like `when:`), place, disputes [ids]
""",
    "term": """\
term: «the term as the glossary shows it»
also: []  # other spellings to recognise in text
definition:
  text: «the definition, in one neutral sentence»
{cite2}
see_also: []  # ids of related facts
""",
    "figure": """\
value: «the number as shown, e.g. $650 million»
label: «what the number measures»
statement:
  text: «the sentence that gives the number»
{cite2}
related: []  # ids of related facts
""",
    "overview": """\
title: «the home page's title»
lede:  # the story in brief, a paragraph per statement
  - text: «the first paragraph of the story»
{cite4}
# Optional: standfirst (two or three statements), sides [actor ids], clusters [actor ids]
""",
    "change": """\
date: «the day of the change, YYYY-MM-DD»
kind: «added, updated or corrected»
summary: «what changed, in plain words for readers»
about: [«id of a page the change touched»]
""",
}
SOURCE_TEXT = f"{PREFIX} the source's full text, pasted exactly as published (a blank line between paragraphs)\n"


class ScaffoldError(Exception):
    """The stub cannot be written (bad id, file exists); a usage error, not a content problem."""


def _indent(text: str, spaces: int) -> str:
    """Every line of `text` indented by `spaces`."""
    return "\n".join(" " * spaces + line for line in text.splitlines())


def stub_text(kind: str, entity_id: str) -> str:
    """The text of a new stub fact file: its id, comments, and a placeholder for everything else."""
    body = _BODIES[kind].format(id=entity_id, when=_WHEN, cite2=_indent(_CITE, 2), cite4=_indent(_CITE, 4))
    body = _MARK.sub(lambda match: placeholder(match.group(1)), body)
    return f"{modeline(FOLDERS[kind])}\nid: {entity_id}\n{body}"


def _refuse(content_dir: Path, kind: str, entity_id: str) -> None:
    """Raise ScaffoldError for an unknown kind, a bad or taken id, or a second overview."""
    if kind not in FOLDERS:
        raise ScaffoldError(f"unknown kind '{kind}'; choose one of: {', '.join(FOLDERS)}")
    if not _ID.match(entity_id):
        raise ScaffoldError(
            f"'{entity_id}' is not a valid id: use lower-case letters, digits and hyphens, e.g. jane-doe"
        )
    taken = sorted(content_dir.glob(f"*/{entity_id}.yaml"))
    if taken:
        raise ScaffoldError(
            f"id '{entity_id}' is already used by {taken[0]}; ids are unique across content/ (nothing written)"
        )
    overviews = sorted((content_dir / "overview").glob("*.yaml"))
    if kind == "overview" and overviews:
        raise ScaffoldError(f"the site has one overview: edit {overviews[0]} instead (nothing written)")
    if kind == "source" and (content_dir / "sources" / f"{entity_id}.txt").exists():
        raise ScaffoldError(f"content/sources/{entity_id}.txt already exists (nothing written)")


def write_stub(content_dir: Path, kind: str, entity_id: str) -> list[Path]:
    """Write the stub into content/<folder>/<id>.yaml (and <id>.txt for a source); never overwrite."""
    _refuse(content_dir, kind, entity_id)
    target = content_dir / FOLDERS[kind] / f"{entity_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    written = [target]
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(stub_text(kind, entity_id))
    if kind == "source":
        text_path = target.with_suffix(".txt")
        with text_path.open("x", encoding="utf-8") as handle:
            handle.write(SOURCE_TEXT)
        written.append(text_path)
    return written
