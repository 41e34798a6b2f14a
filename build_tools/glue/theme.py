"""Fixes to the theme's HTML that its templates offer no block for."""

from __future__ import annotations

import html as html_text
import re

# Material's drawer and search toggles are checkboxes with autocomplete="off" (to stop Firefox
# restoring their state); HTML forbids autocomplete on checkboxes, so the Nu checker reports them.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# On a section's index page Material writes the table of contents' title as a label for the
# `__toc` toggle but leaves the toggle out; a label must name a control, so it becomes a div there.
_ORPHAN_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)

# A section label (navigation.tabs makes top-level items sections) gets tabindex="" from Material's
# nav-item.html; an empty tabindex is invalid, and leaving it out is what Material means.
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
# Material's footer escapes the previous and next pages' titles in their aria-label, which MkDocs has already
# escaped: "it&amp;#39;s" would be read out, and axe finds the name does not match the visible title.
_FOOTER_LABEL = re.compile(r'(class="md-footer__link md-footer__link--(?:prev|next)" aria-label=")([^"]*)(")')


def fix_page_html(html: str) -> str:
    """A built page without the theme's invalid markup."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _FOOTER_LABEL.sub(lambda m: m.group(1) + _escaped_once(m.group(2)) + m.group(3), html)
    if 'id="__toc"' not in html:
        html = _ORPHAN_TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', html)
    return html


def _escaped_once(value: str) -> str:
    """An attribute value escaped once, whether the theme escaped it once or twice."""
    return html_text.escape(html_text.unescape(html_text.unescape(value)))
