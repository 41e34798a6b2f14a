"""Prose markup: emphasis pairs around fact links as around words; everything else is shown as typed."""

from __future__ import annotations

from build_tools.render.markup import Token, tokens, write_html


def _html(text: str) -> str:
    """Prose as HTML, a fact link written as <a>…</a> with its words (or its id)."""
    return str(write_html(tokens(text), lambda t: f"<a>{t.text or t.ref}</a>", lambda t: t.text))


def test_emphasis_around_a_fact_link_is_emphasis() -> None:
    assert _html("*[[alpha]]* won") == "<em><a>alpha</a></em> won"
    assert _html("**the [[alpha|firm]] deal** and _this_") == (
        "<strong>the </strong><strong><a>firm</a></strong><strong> deal</strong> and <em>this</em>"
    )
    assert tokens("_[[alpha]] and [[beta]]_") == [
        Token("", "em", ref="alpha"),
        Token(" and ", "em"),
        Token("", "em", ref="beta"),
    ]


def test_markers_inside_a_links_words_or_unpaired_stay_as_typed() -> None:
    assert _html("a [[alpha|a*b*]] c") == "a <a>a*b*</a> c"
    assert _html("x * [[y]] * z") == "x &#42; <a>y</a> &#42; z"
    assert _html("*a* [[b]] *c*") == "<em>a</em> <a>b</a> <em>c</em>"
