"""`reverify SOURCE_ID [--accept]`: check every citation of one source against its current text.

Each citation is classified:

- `unchanged`: the quote is found, in the sentence it was in under the pinned text;
- `reworded`: the quote is found in the same sentence, but that sentence's words around it changed:
  listed with the old and new sentence, for the editor to check the quote still supports the statement;
- `merged`: the sentence the quote is in now also holds other text, whole sentences of the pinned text
  or new ones glued on ("unresolved. iPhone sales rose."): what it says is cited without anyone having
  read it, so it is refused like a lost quote;
- `split`: the sentence the quote was in is now two or more (a sentence boundary moved under the quote):
  the quote's link and the sentences it covers change, so it is refused too;
- `moved`: the quote is found, in another sentence (its link, `sources/<id>/#s…`, changes);
- `found`: the quote is found, but the pinned text is not available to say whether it moved, or the
  quote is not in the pinned text (it was edited to fit the new text);
- `changed`: the quote is not found, but a passage covers at least half of its words (shown as a hint);
- `gone`: no passage comes close.

The pinned text (the one whose SHA-256 the metadata records) is looked up in the git history of the
text file; without git, or when no committed version has that hash, found quotes are `found`.
The source's coverage (substantive sentences cited) is printed for the pinned and the new text, so a
change of coverage is seen before it is accepted. With `--accept` and nothing changed, gone, merged or
split, the `sha256:` line of the metadata is rewritten in place.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from build_tools.load.facts import RawFile, load_content
from build_tools.load.pins import file_sha256, text_path, text_sha256
from build_tools.model import models as m
from build_tools.model.models import walk
from build_tools.model.sources import Located, SourceText, canonical_text, normalise
from build_tools.problems import Collector
from build_tools.validate.checks import validate
from build_tools.validate.site import Entity

GONE_BELOW = 0.5  # a passage must cover at least half of a quote's words to be offered as its new form
_WORD = re.compile(r"[\w$%'-]+")
_SHA_LINE = re.compile(r"^(\s*sha256:[ \t]*)([\"']?)([0-9A-Za-z]*)\2(?=[ \t]*(?:#|$))")
_PLACEHOLDER_PIN = "0" * 64
GIT_HISTORY_LIMIT = 200


@dataclass(frozen=True)
class Passage:
    """A candidate new form of a quote: one sentence, or two consecutive ones, with its score."""

    label: str
    text: str
    coverage: float
    ratio: float


@dataclass(frozen=True)
class Verdict:
    """What became of one citation under the new text."""

    where: str
    status: str
    detail: str

    def format(self) -> str:
        """One line: `path:line:col: status: detail`."""
        return f"{self.where}: {self.status}: {self.detail}"


def words(text: str) -> list[str]:
    """The words of a text, compared case-insensitively and quote-style-insensitively."""
    return _WORD.findall(normalise(text).lower())


def coverage(quote_words: list[str], passage: str) -> tuple[float, float]:
    """Share of the quote's words the passage matches in order, and the overall similarity."""
    if not quote_words:
        return 0.0, 0.0
    matcher = difflib.SequenceMatcher(None, quote_words, words(passage), autojunk=False)
    covered = sum(block.size for block in matcher.get_matching_blocks())
    return covered / len(quote_words), matcher.ratio()


def ranked_passages(source: SourceText, quote: str) -> list[Passage]:
    """Every sentence and pair of consecutive sentences, scored against the quote, best first."""
    quote_words = words(quote)
    sentences = source.sentences
    candidates = [(s.id, s.text) for s in sentences]
    for first, second in itertools.pairwise(sentences):
        if first.paragraph == second.paragraph:
            candidates.append((f"{first.id}–{second.id}", source.text[first.start : second.end]))
    scored = [Passage(label, text, *coverage(quote_words, text)) for label, text in candidates]
    return sorted(scored, key=lambda p: (-p.coverage, -p.ratio, p.label))


def pinned_text(path: Path, sha256: str) -> str | None:
    """The version of a text file whose bytes have this hash, from the index or git history; None if unknown."""
    revisions = [":"] + [
        f"{commit}:"
        for commit in _git(path.parent, "log", "-n", str(GIT_HISTORY_LIMIT), "--format=%H", "--", path.name).split()
    ]
    for revision in revisions:
        blob = _git_bytes(path.parent, "cat-file", "blob", f"{revision}./{path.name}")
        if blob is None:
            continue
        text = canonical_text(blob.decode("utf-8", errors="replace"))
        if text_sha256(text) == sha256 or hashlib.sha256(blob).hexdigest() == sha256:  # pins of raw bytes, too
            return text
    return None


def _git(cwd: Path, *args: str) -> str:
    """Output of a git command as text; empty when git is missing or fails."""
    output = _git_bytes(cwd, *args)
    return output.decode("utf-8", errors="replace") if output is not None else ""


def _git_bytes(cwd: Path, *args: str) -> bytes | None:
    """Output of a git command as bytes; None when git is missing or fails."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def classify(current: SourceText, pinned: SourceText | None, quote: str) -> tuple[str, str]:
    """Status and detail of one quote under the current text."""
    located = current.locate(quote)
    shown = _short(quote)
    if located is not None:
        before = pinned.locate(quote) if pinned is not None else None
        if pinned is None:
            return (
                "found",
                f"sentence {located.anchor} (the pinned text is not available to tell whether it moved): {shown}",
            )
        if before is None:
            return (
                "found",
                f"sentence {located.anchor} (not in the pinned text: the quote was edited to fit the new one): {shown}",
            )
        moved_boundary = boundary_moved(before, located)
        if moved_boundary is not None:
            return moved_boundary
        if before.anchor == located.anchor:
            old = " ".join(normalise(x.text) for x in before.sentences)
            new = " ".join(normalise(x.text) for x in located.sentences)
            if old != new:  # e.g. a new sentence glued onto the cited one: the quote now stands in other words
                return (
                    "reworded",
                    f"sentence {located.anchor} changed around the quote; check it still supports the "
                    f"statement: was “{_short(old, 120)[1:-1]}”, now “{_short(new, 120)[1:-1]}”",
                )
            return "unchanged", f"sentence {located.anchor}: {shown}"
        return "moved", f"sentence {before.anchor} → {located.anchor} (its link changes): {shown}"
    ranked = ranked_passages(current, quote)
    best = ranked[0] if ranked else None
    if best is None or best.coverage < GONE_BELOW:
        score = f" (the closest passage covers {best.coverage:.0%} of it)" if best else ""
        return "gone", f"quote not found, and nothing close{score}: {shown}"
    return (
        "changed",
        f"quote not found: {shown}\n    hint: closest passage ({best.label}, "
        f"covers {best.coverage:.0%} of the quote): “{best.text}”",
    )


_END_MARKS = ".!?\"'”’)"


def boundary_moved(before: Located, after: Located) -> tuple[str, str] | None:
    """`merged` when a sentence the quote was in now sits, whole and with its end, inside a longer one;
    `split` when a sentence it is in now was part of a longer one (its end mark is new). None otherwise."""
    olds = [normalise(x.text) for x in before.sentences]
    news = [normalise(x.text) for x in after.sentences]
    for old in olds:
        for new in news:
            if old != new and old in new:
                return (
                    "merged",
                    f"sentence {after.anchor} now also holds text that was not in it, which no one has checked: "
                    f"was “{_short(old, 120)[1:-1]}”, now “{_short(new, 120)[1:-1]}”",
                )
            bare = new.rstrip(_END_MARKS)
            if old != new and bare and bare != new and bare in old and len(bare) < len(old.rstrip(_END_MARKS)):
                return (
                    "split",
                    f"sentence {before.anchor} is now split, and the quote's part is {after.anchor}: "
                    f"was “{_short(old, 120)[1:-1]}”, now “{_short(new, 120)[1:-1]}”",
                )
    return None


def source_coverage(source: SourceText, quotes: list[str]) -> tuple[int, int]:
    """(substantive sentences the quotes touch, substantive sentences) of one source text."""
    touched = {s.id for quote in quotes if (found := source.locate(quote)) for s in found.sentences}
    substantive = [s for s in source.sentences if not s.heading]
    return sum(s.id in touched for s in substantive), len(substantive)


def _short(quote: str, limit: int = 80) -> str:
    """A quote in curly quotes, shortened for one line."""
    text = normalise(quote)
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def verdicts(
    entities: list[Entity], source_id: str, current: SourceText, pinned: SourceText | None, rel: Collector
) -> list[Verdict]:
    """A verdict for every citation of the source, in file and line order."""
    found = []
    for entity in sorted(entities, key=lambda e: str(e.doc.path)):
        for loc, node in walk(entity.model):
            if isinstance(node, m.Citation) and node.source == source_id:
                line, col = entity.doc.where((*loc, "quote"))
                status, detail = classify(current, pinned, node.quote)
                found.append(
                    (
                        rel.rel(entity.doc.path),
                        line,
                        col,
                        Verdict(f"{rel.rel(entity.doc.path)}:{line}:{col}", status, detail),
                    )
                )
    return [verdict for *_, verdict in sorted(found, key=lambda item: item[:3])]


def _prepare(raw_files: list[RawFile], source_id: str) -> RawFile | None:
    """The source's metadata file; a missing or malformed pin is replaced in memory so the rest can be checked."""
    raw = next((r for r in raw_files if r.kind == "sources" and r.doc.path.stem == source_id), None)
    if raw is not None and isinstance(raw.doc.data, dict):
        pin = raw.doc.data.get("sha256")
        if not (isinstance(pin, str) and re.fullmatch(r"[0-9a-f]{64}", pin)):
            raw.doc.data["sha256"] = _PLACEHOLDER_PIN
    return raw


def accept(raw: RawFile, new_hash: str, problems: Collector) -> str:
    """Write the new hash into the metadata file, changing only the `sha256:` line; say what changed."""
    path = raw.doc.path
    lines = path.read_bytes().decode("utf-8").splitlines(keepends=True)  # bytes: CRLF line ends stay as they are
    line = raw.doc.where(("sha256",))[0] if ("sha256",) in raw.doc.marks else 0
    # The line's own ending (LF, or CRLF in a Windows checkout) is kept, and so is every other line's.
    body = lines[line - 1].rstrip("\r\n") if line else ""
    ending = lines[line - 1][len(body) :] if line else "\n"
    match = _SHA_LINE.match(body) if line else None
    if match is not None:
        quote = match.group(2)
        lines[line - 1] = f"{match.group(1)}{quote}{new_hash}{quote}" + body[match.end() :] + ending
        what = f"{problems.rel(path)}:{line}: sha256: {match.group(3)} → {new_hash}"
    elif line:  # a placeholder (`new source` writes one) or another malformed value: the whole line goes
        lines[line - 1] = f"sha256: {new_hash}{ending or chr(10)}"
        what = f"{problems.rel(path)}:{line}: sha256: set to {new_hash}"
    else:
        after, _ = raw.doc.where(("text_file",))
        lines.insert(after, f"sha256: {new_hash}{_ending(lines)}")
        what = f"{problems.rel(path)}:{after + 1}: sha256: added {new_hash}"
    path.write_bytes("".join(lines).encode("utf-8"))  # bytes: no newline translation, whatever the platform
    return what


def _ending(lines: list[str]) -> str:
    """The line ending a file uses (that of its first line), LF when it has none."""
    first = lines[0] if lines else "\n"
    return first[len(first.rstrip("\r\n")) :] or "\n"


def run(content_dir: Path, project_root: Path, source_id: str, do_accept: bool) -> int:
    """The command: print a verdict per citation; with --accept and nothing lost, pin the new text."""
    problems = Collector(project_root)
    raw_files = load_content(content_dir, problems)
    raw = _prepare(raw_files, source_id)
    if raw is None:
        print(f"error: no source '{source_id}' in {problems.rel(content_dir / 'sources')}/", file=sys.stderr)
        return 2
    site = validate(raw_files, problems)
    current = site.sources.get(source_id)
    if current is None:
        own = [p.format() for p in problems.problems if Path(p.path).stem == source_id and "/sources/" in f"/{p.path}"]
        print("\n".join(own or [f"error: source '{source_id}' could not be read"]), file=sys.stderr)
        return 1
    meta: m.SourceMeta = current.meta
    path = text_path(raw.doc, meta)
    old_text = current.text if text_sha256(current.text) == meta.sha256 else pinned_text(path, meta.sha256)
    pinned = SourceText(meta, old_text) if old_text is not None else None
    found = verdicts(list(site.entities.values()), source_id, current, pinned, problems)
    for verdict in found:
        print(verdict.format())
    quotes = [c.quote for _, c in _citations_of(site.entities.values(), source_id)]
    print(_coverage_line(source_id, current, pinned, quotes))
    return _conclude(raw, meta, found, do_accept, problems)


def _citations_of(entities: Iterable[Entity], source_id: str) -> Iterator[tuple[Entity, m.Citation]]:
    for entity in entities:
        for _, node in walk(entity.model):
            if isinstance(node, m.Citation) and node.source == source_id:
                yield entity, node


def _coverage_line(source_id: str, current: SourceText, pinned: SourceText | None, quotes: list[str]) -> str:
    """The source's coverage before and after the edit: an accepted text never hides a change of coverage."""
    cited, total = source_coverage(current, quotes)
    now = f"{cited}/{total} substantive sentences cited"
    if pinned is None:
        return f"coverage of '{source_id}' in the new text: {now} (the pinned text is not available to compare)"
    was_cited, was_total = source_coverage(pinned, quotes)
    change = "unchanged" if (cited, total) == (was_cited, was_total) else "changed"
    uncited = f"; {total - cited} no fact cites yet (check refuses them)" if cited < total else ""
    before = f"{was_cited}/{was_total} in the pinned text"
    return f"coverage of '{source_id}' {change}: {before}, {now} in the new text{uncited}"


def _conclude(raw: RawFile, meta: m.SourceMeta, found: list[Verdict], do_accept: bool, problems: Collector) -> int:
    """Summary line, and the new pin when accepted; exit status 1 when a citation changed or is gone."""
    lost = [v for v in found if v.status in ("changed", "gone")]
    regrouped = [v for v in found if v.status in ("merged", "split")]
    new_hash = file_sha256(text_path(raw.doc, meta))
    counts = ", ".join(
        f"{sum(v.status == s for v in found)} {s}"
        for s in ("unchanged", "reworded", "moved", "merged", "split", "found", "changed", "gone")
        if any(v.status == s for v in found)
    )
    print(f"{len(found)} citations of '{meta.id}': {counts or 'none'}")
    if lost or regrouped:
        fix = [f"fix the {len(lost)} changed or gone quote(s)"] if lost else []
        if regrouped:
            fix.append(
                f"look at the {len(regrouped)} merged or split sentence(s): restore the sentence break in the text "
                "(e.g. a space after the full stop), or edit the quote to cover what the sentence now says"
            )
        print(
            f"not pinned: {'; '.join(fix)}; then run `explainer reverify {meta.id} --accept`",
            file=sys.stderr,
        )
        return 1
    if new_hash == meta.sha256:
        print(f"the text of '{meta.id}' matches its pin; nothing to change")
        return 0
    if not do_accept:
        print(f"every quote is found; run `explainer reverify {meta.id} --accept` to pin the new text")
        return 0
    print(f"pinned: {accept(raw, new_hash, problems)}")
    return 0
