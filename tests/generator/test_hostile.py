"""Hostile and broken input: refused with a clean message, never a traceback, never executed."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.pipeline import generate
from build_tools.problems import ContentError
from tests.golden_cases import BASE, materialise, report
from tests.helpers import examples

FILES = sorted(p.relative_to(BASE).as_posix() for p in (BASE / "content").rglob("*.yaml"))
# Characters that matter to YAML, Markdown and decoders, plus ordinary text.
NASTY = st.sampled_from(
    [
        *list(":-[]{}&*!|>'\"#%@`\t\n\r\x00\x85\u2028\ufeffé "),
        "---",
        "? ",
        ": ",
        "- ",
        "<script>",
        "[[x]]",
        "&a",
        "*a",
        "!!python/name:os.system",
    ]
)
SNIPPET = st.lists(st.one_of(NASTY, st.text(max_size=5)), max_size=6).map("".join)


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the valid base project, changed in one of the ways an editor's slip might."""
    rel = draw(st.sampled_from(FILES))
    data = (BASE / rel).read_bytes()
    lines = data.split(b"\n")
    at = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["insert", "delete", "duplicate", "replace", "bytes", "truncate", "indent"]))
    if how == "insert":
        text = lines[at].decode()
        col = draw(st.integers(0, len(text)))
        lines[at] = (text[:col] + draw(SNIPPET) + text[col:]).encode()
    elif how == "delete":
        del lines[at]
    elif how == "duplicate":
        lines.insert(at, lines[at])
    elif how == "replace":
        lines[at] = draw(SNIPPET).encode()
    elif how == "indent":
        lines[at] = b" " * draw(st.integers(1, 4)) + lines[at]
    elif how == "bytes":
        cut = draw(st.integers(0, len(data)))
        return rel, data[:cut] + draw(st.binary(min_size=1, max_size=4)) + data[cut:]
    else:
        return rel, data[: draw(st.integers(0, len(data)))]
    return rel, b"\n".join(lines)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation())
def test_mutated_content_builds_or_reports_cleanly(change: tuple[str, bytes]) -> None:
    """Any single mutation gives either a full render or a ContentError with well-formed problems."""
    rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        project = materialise({}, Path(tmp) / "p")
        (project / rel).write_bytes(data)
        try:
            generated = generate(project / "content", project)
        except ContentError as err:
            assert err.problems
            for problem in err.problems:
                assert problem.line >= 1 and problem.col >= 1
                assert problem.path.startswith("content/")
                assert problem.message and "Traceback" not in problem.message
            return
        assert {"index.md", "actors/index.md", "disputes/control.md"} <= set(generated.pages)


def _check_with(tmp_path: Path, data: bytes) -> str:
    project = materialise({}, tmp_path / "p")
    (project / "content/terms/widget.yaml").write_bytes(data)
    return report(project)


def test_full_billion_laughs_is_refused(tmp_path: Path) -> None:
    """Nine levels of nine aliases are refused at the first anchor, before any expansion."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    out = _check_with(tmp_path, ("\n".join(lines) + "\n").encode())
    assert out.startswith(
        "content/terms/widget.yaml:1:5: error: YAML anchors (&name) and aliases (*name) are not allowed"
    )


def test_ten_thousand_levels_are_refused(tmp_path: Path) -> None:
    """10,000 nested lists stop at the depth limit, without recursion errors."""
    out = _check_with(tmp_path, b"id: widget\nterm: " + b"[" * 10_000 + b"]" * 10_000 + b"\n")
    assert out.startswith("content/terms/widget.yaml:2:46: error: nesting deeper than 40 levels")


def test_fifty_megabytes_are_refused_unread(tmp_path: Path) -> None:
    """A 50 MB file is refused on its size alone."""
    project = materialise({}, tmp_path / "p")
    with (project / "content/terms/widget.yaml").open("wb") as out:
        out.write(b"id: widget\n")
        out.truncate(50_000_000)
    assert report(project).startswith(
        "content/terms/widget.yaml:1:1: error: file is 50.0 MB; a fact file may be at most 1000 KB"
    )


def test_python_tags_never_run(tmp_path: Path) -> None:
    """An object-constructing tag is refused, not executed."""
    marker = tmp_path / "ran"
    data = f"id: widget\nterm: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    assert "unsupported YAML tag !!python/object/apply:os.system" in _check_with(tmp_path, data)
    assert not marker.exists()


def test_many_values_are_refused(tmp_path: Path) -> None:
    """A file under the size limit but with runaway numbers of values is refused."""
    data = b"id: widget\nterm: [" + b"1," * 150_000 + b"1]\n"
    assert "more than 100000 values in one file" in _check_with(tmp_path, data)


def test_base_copy_is_independent(tmp_path: Path) -> None:
    """The hostile tests write into copies only: the copy's file is emptied, the base's is as it was."""
    before = (BASE / "content/terms/widget.yaml").read_bytes()
    _check_with(tmp_path, b"")
    assert (tmp_path / "p/content/terms/widget.yaml").read_bytes() == b""
    assert (BASE / "content/terms/widget.yaml").read_bytes() == before


# ------------------------------------------------------------------ fuzz over Unicode, YAML scalars and quote edits

_PROBLEM_LINE = re.compile(r"^content/\S*:\d+:\d+: error: .+$")
# Plain scalars YAML 1.1 reads as something other than the text typed, or as syntax.
TRICKY_SCALARS = [
    "060",
    "0x1F",
    "1_000",
    "1:30",
    "+5",
    "-0",
    ".5",
    "1e3",
    ".inf",
    ".nan",
    "yes",
    "No",
    "on",
    "~",
    "null",
    "2024-01-01",
    "2024-01-01 10:00:00",
    "<<",
    "=",
    "*a",
    "&a b",
    "!x y",
    "@x",
    "`x`",
    "%x",
    "|",
    ">",
    "'a' b",
    '"a" b',
    "[a] b",
    "{a} b",
    "a # b",
    "a #b",
    "a: b",
    "- a",
    "? a",
    "a\\nb",
    "#",
    "[[alpha]]",
    "[[Alpha]] x",
]


def _report_is_clean(project: Path) -> str:
    """The check's report, asserting it is OK or a list of well-formed problems (never a traceback)."""
    out = report(project)
    if out == "OK\n":
        return out
    lines = out.rstrip("\n").split("\n")
    assert lines[-1].endswith("nothing was built."), out
    for line in lines[:-1]:
        assert line.startswith("    hint: ") or _PROBLEM_LINE.match(line), (line, out)
    return out


def _with_value(tmp: str, rel: str, old: str, new: str) -> Path:
    project = materialise({}, Path(tmp) / "p")
    target = project / rel
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project


FIELDS = [
    ("content/terms/widget.yaml", "term: Widget", "term: {}"),
    ("content/terms/widget.yaml", "  text: What both companies sell.", "  text: {}"),
    ("content/disputes/control.yaml", "title: Who is in control", "title: {}"),
    ("content/actors/alpha.yaml", "name: Alpha", "name: {}"),
    ("content/figures/two-partners.yaml", 'value: "2"', "value: {}"),
    ("content/figures/two-partners.yaml", "related: [alpha, beta]", "related: [alpha, beta]\norder: {}"),
    ("content/events/deal-signed.yaml", "relative: last summer", "relative: {}"),
]
ANY_CHAR = st.characters(blacklist_categories=("Cs",))  # every category but surrogates, which UTF-8 cannot hold


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIELDS),
    st.text(ANY_CHAR, min_size=1, max_size=12),
    st.sampled_from(["plain", "double", "single", "folded"]),
)
def test_any_unicode_in_a_field_is_accepted_or_refused_cleanly(
    field: tuple[str, str, str], text: str, style: str
) -> None:
    """Any characters (controls, format characters, separators, combining marks…) in any style."""
    rel, old, new = field
    if style == "double":
        value = json.dumps(text)
    elif style == "single":
        value = "'" + text.replace("'", "''") + "'"
    elif style == "folded":
        value = ">-\n    " + text.replace("\n", " ")
    else:
        value = text
    with tempfile.TemporaryDirectory() as tmp:
        _report_is_clean(_with_value(tmp, rel, old, new.format(value)))


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIELDS), st.sampled_from(TRICKY_SCALARS), st.text(st.sampled_from(list("ab #:'\"*[]0")), max_size=4)
)
def test_tricky_yaml_scalars_are_accepted_or_refused_cleanly(
    field: tuple[str, str, str], scalar: str, tail: str
) -> None:
    """Plain scalars YAML 1.1 reads as numbers, booleans, dates, aliases, comments or syntax."""
    rel, old, new = field
    with tempfile.TemporaryDirectory() as tmp:
        out = _report_is_clean(_with_value(tmp, rel, old, new.format(scalar + tail)))
    if scalar + tail in ("060", "0x1F", "1_000", "1:30") and "order" in new:
        assert "would be read as the number" in out


QUOTES = [
    ("content/terms/widget.yaml", "Widgets are what both companies sell."),
    ("content/disputes/control.yaml", "The dispute over control is unresolved."),
    ("content/actors/beta.yaml", "Alpha and Beta signed a deal"),
]


@st.composite
def quote_edit(draw: st.DrawFn) -> tuple[str, str, str]:
    """A cited quote changed: cut, extended over a break, a character inserted or removed, a word doubled."""
    rel, quote = draw(st.sampled_from(QUOTES))
    words = quote.split()
    how = draw(st.sampled_from(["cut", "extend", "insert", "delete", "double", "case"]))
    if how == "cut":
        start = draw(st.integers(0, len(words) - 1))
        new = " ".join(words[start : draw(st.integers(start + 1, len(words)))])
    elif how == "extend":
        new = quote + draw(st.sampled_from([" Widgets are", " People familiar", " Alpha's chief said", "\n\nWidgets"]))
    elif how == "insert":
        at = draw(st.integers(0, len(quote)))
        new = quote[:at] + draw(st.text(ANY_CHAR, min_size=1, max_size=2)) + quote[at:]
    elif how == "delete":
        at = draw(st.integers(0, len(quote) - 1))
        new = quote[:at] + quote[at + 1 :]
    elif how == "double":
        at = draw(st.integers(0, len(words) - 1))
        new = " ".join(words[: at + 1] + words[at:])
    else:
        new = quote.upper()
    return rel, quote, new


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quote_edit())
def test_quote_edits_are_accepted_or_refused_cleanly(edit: tuple[str, str, str]) -> None:
    """An edited quote is found (and passes the quote rules) or refused, never a crash."""
    rel, quote, new = edit
    with tempfile.TemporaryDirectory() as tmp:
        out = _report_is_clean(_with_value(tmp, rel, f"quote: {quote}", f"quote: {json.dumps(new)}"))
    if len(re.findall(r"\w+", new)) < 3 and out != "OK\n":
        assert "too short" in out or "not found" in out or "error" in out
