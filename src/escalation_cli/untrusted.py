"""Untrusted text: what an article or a file name says stays data in every output.

Articles are scraped from the open web and file names come with them, so both are input from
strangers. One rule per output, all here:

- reading: :func:`clean` takes control characters and bidirectional overrides out of article
  text before any offset is taken, so JSONL, CSV, HTML and the terminal see the same text;
- terminal and stderr: :func:`printable`, :func:`one_line` and :func:`rich_text` (never rich
  markup, no control characters), :func:`mask` where character offsets must hold;
- HTML: :func:`html_text`;
- CSV: :func:`csv_cell` (a formula becomes text, the OWASP way);
- JSON for people's logs: :func:`json_text`.
"""

from __future__ import annotations

import html
import re

# Control characters that separate words (Python's str.split() already treats them as
# whitespace): they become a space, so "word<FF>word" stays two words.
_SPACES = dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x1f\x85"), " ")
# Bidirectional embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they
# reorder what a reader sees ("Trojan Source"). Marks (U+200E, U+200F, U+061C) stay: Arabic
# and Hebrew text needs them and they cannot reorder other text.
_BIDI = "\u202a-\u202e\u2066-\u2069"
# C0 and C1 controls other than tab and newline, DEL, bidi controls, and lone surrogates
# (a JSON "\\ud800" escape decodes to one; it cannot be written as UTF-8).
_DROP = re.compile(f"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f{_BIDI}\ud800-\udfff]")
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_LINE_ENDS = re.compile(r"\r\n?")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """Article text as the readers keep it: line ends as ``\\n``, word-separating controls as a
    space, every other control character and bidi override removed; tab and newline stay."""
    if not _UNSAFE.search(text):
        return text
    text = _LINE_ENDS.sub("\n", text).translate(_SPACES)
    return _DROP.sub("", text)


def mask(text: str) -> str:
    """Each unsafe character replaced by U+FFFD one for one, so offsets into ``text`` hold
    (for showing stored records whose offsets point into their text)."""
    return _UNSAFE.sub("\ufffd", text)


def printable(value: object) -> str:
    """Text for a person's terminal: no control characters but newline and tab, no bidi
    overrides. Print it with markup off (or through :func:`rich_text`)."""
    return clean("" if value is None else str(value))


def one_line(value: object) -> str:
    """Like :func:`printable`, on one line (error messages: one line per error)."""
    return " ".join(printable(value).replace("\t", " ").split("\n"))


def rich_text(value: object):
    """A rich ``Text`` that is shown as written: never parsed as markup or emoji codes."""
    from rich.text import Text

    return Text(printable(value))


def html_text(value: object) -> str:
    """Text for an HTML element or a quoted attribute value."""
    return html.escape(printable(value), quote=True)


def csv_cell(value):
    """A CSV cell a spreadsheet cannot evaluate: text starting with ``= + - @``, a tab or a
    carriage return gets a leading ``'`` (OWASP). Numbers stay numbers (``-3.2`` is a
    latitude, not a formula), since only text is touched."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def json_text(line: str) -> str:
    """A JSON text (``json.dumps(..., ensure_ascii=False)``) with the characters JSON leaves
    raw but a terminal would act on (C1 controls, DEL, bidi overrides) as ``\\u`` escapes.
    Valid only because such characters can only be inside JSON strings."""
    return re.sub(f"[\x7f-\x9f{_BIDI}]", lambda m: f"\\u{ord(m.group()):04x}", line)
