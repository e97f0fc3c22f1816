"""``escalation_quotes``: finds the direct quotations in a text.

A character scanner pairs quotation marks (curly and straight, double and single) paragraph
by paragraph. News style lets a quotation run over several paragraphs: a paragraph that ends
inside a quotation and is followed by one that opens with a mark continues it. A mark that is
never closed is dropped, never the rest of the article. Apostrophes (We’re, Syria’s, groups’)
are not quotation marks. Names in quotation marks (“Tower 22”, the “Harir” base) are kept
apart as ``doc.spans["quoted_names"]``: they are not quotations.

Sets ``doc.spans["quotes"]`` with one span per quotation (the quoted words, marks excluded;
a quotation over several paragraphs is one span).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

QUOTES_KEY = "quotes"
NAMES_KEY = "quoted_names"

DOUBLE_OPEN = "\u201c\u201e\u00ab"
DOUBLE_CLOSE = "\u201d\u00bb"
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"


@dataclass(frozen=True)
class Quotation:
    start: int  # first character inside the marks
    end: int  # character after the last one inside the marks
    mark: str  # the opening mark


@Language.factory("escalation_quotes", assigns=["doc.spans"], requires=[])
def make_quote_component(nlp: Language, name: str) -> QuoteComponent:
    return QuoteComponent()


class QuoteComponent:
    def __call__(self, doc: Doc) -> Doc:
        quotes, names = [], []
        for q in find_quotations(doc.text):
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            listed = bool(names) and _listed_after(names[-1], span)
            (names if is_name(span) or is_named_thing(span, listed) else quotes).append(span)
        doc.spans[QUOTES_KEY] = quotes
        doc.spans[NAMES_KEY] = names
        return doc


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside the quotations ``escalation_quotes`` found."""
    spans = doc.spans[QUOTES_KEY] if QUOTES_KEY in doc.spans else []
    return {i for span in spans for i in range(span.start, span.end)}


def is_name(span: Span) -> bool:
    """“Tower 22”, the “Harir” base, “Operation Inherent Resolve”: a name, not a quotation."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or len(words) > 5:
        return False
    return (
        all(
            t.is_title
            or t.is_digit
            or t.is_upper
            or t.like_num
            or t.lower_ in ("of", "al", "the", "and", "-")
            for t in words
        )
        and words[0].text[:1].isupper()
    )


def is_named_thing(span: Span, listed: bool = False) -> bool:
    """The “grain centre”, its “rural development centre”: a short noun phrase in quotation
    marks right after "the" or a possessive, the whole of its noun phrase, names a thing (or is
    a term the author holds at a distance), not somebody's words. ``listed``: it follows such a name
    after "and"/"or" ("the “grain centre” and “rural development centre”")."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or len(words) > 4 or any(t.pos_ in ("VERB", "AUX", "PRON") for t in words):
        return False
    if words[-1].pos_ not in ("NOUN", "PROPN"):
        return False
    doc = span.doc
    before = _neighbour(doc, span.start - 1, -1)
    after = _neighbour(doc, span.end, 1)
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return False  # a “major” mission: a word of the noun phrase, not its name
    # definite: "the “grain centre”" names a place; "a “decisive response”" is somebody's word
    return listed or (before is not None and (before.lower_ == "the" or before.dep_ == "poss"))


def _neighbour(doc: Doc, i: int, step: int):
    """The nearest word at or beyond ``i`` in direction ``step``, skipping marks and spaces."""
    while 0 <= i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += step
    return doc[i] if 0 <= i < len(doc) else None


def _listed_after(previous: Span, span: Span) -> bool:
    between = span.doc[previous.end : span.start]
    words = [t for t in between if not (t.is_punct or t.is_space)]
    return len(words) == 1 and words[0].lower_ in ("and", "or")


# ---- scanning --------------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"\n\s*\n")


def find_quotations(text: str) -> list[Quotation]:
    """Every top-level quotation in ``text``, in order. Never raises on unbalanced marks."""
    bounds = []
    start = 0
    for match in _PARAGRAPH.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    found: list[Quotation] = []
    continuing = False  # the last quotation runs on into this paragraph
    for n, (p_start, p_end) in enumerate(bounds):
        quotes, open_at = _scan_paragraph(text, p_start, p_end)
        if continuing and quotes and quotes[0].start == p_start + 1:
            first = quotes.pop(0)
            found[-1] = Quotation(found[-1].start, first.end, found[-1].mark)
        elif continuing and open_at is not None and open_at[0] == p_start + 1 and not quotes:
            found[-1] = Quotation(found[-1].start, _rstrip(text, p_end), found[-1].mark)
            open_at = None
            if n + 1 < len(bounds) and _opens_paragraph(text, bounds[n + 1][0]):
                continuing = True
                continue
        found.extend(quotes)
        continuing = False
        if open_at is not None and n + 1 < len(bounds) and _opens_paragraph(text, bounds[n + 1][0]):
            # news style: a quotation over paragraphs closes only at its end, and each new
            # paragraph of it opens with a mark
            found.append(Quotation(open_at[0], _rstrip(text, p_end), open_at[1]))
            continuing = True
        elif open_at is not None and n + 1 == len(bounds) and open_at[0] == p_start + 1:
            # the text was cut inside a quotation that opens its last paragraph
            end = _rstrip(text, p_end)
            if end - open_at[0] >= 20:
                found.append(Quotation(open_at[0], end, open_at[1]))
    return found


def _opens_paragraph(text: str, start: int) -> bool:
    return text[start : start + 1] in DOUBLE_OPEN + '"'


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


_MARKS = re.compile("[\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb]")


def _scan_paragraph(text: str, start: int, end: int):
    """Pair the marks of one paragraph (only the marks are visited, not every character)."""
    quotes: list[Quotation] = []
    open_at: tuple[int, str] | None = None
    skip_to = -1
    for found in _MARKS.finditer(text, start, end):
        i = found.start()
        if i <= skip_to:
            continue
        ch = text[i]
        if open_at is None:
            if ch in DOUBLE_OPEN or (ch == '"' and _opens(text, i)):
                open_at = (i + 1, ch)
            elif ch == SINGLE_OPEN or (
                ch == "'" and _opens(text, i) and _single_closes_later(text, i, end)
            ):
                open_at = (i + 1, ch)
        else:
            mark = open_at[1]
            if _closes(text, i, mark):
                if i > open_at[0]:
                    quotes.append(Quotation(open_at[0], i, mark))
                open_at = None
            elif mark in DOUBLE_OPEN + '"' and ch in SINGLE_OPEN:
                # a quotation inside a quotation: skip to its end
                close = text.find(SINGLE_CLOSE, i + 1, end)
                while close != -1 and not _closes(text, close, SINGLE_OPEN):
                    close = text.find(SINGLE_CLOSE, close + 1, end)
                if close != -1:
                    skip_to = close
    return quotes, open_at


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014-:,") and not after.isspace()


def _closes(text: str, i: int, mark: str) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in DOUBLE_OPEN:
        return ch in DOUBLE_CLOSE or (ch == '"' and not before.isspace())
    if mark == '"':
        return ch in ('"',) + tuple(DOUBLE_CLOSE) and not before.isspace()
    # single marks: a closing mark is not followed by a letter (We’re, Syria’s)
    if ch in (SINGLE_CLOSE, "'"):
        return not after.isalnum() and not before.isspace()
    return False


def _single_closes_later(text: str, i: int, end: int) -> bool:
    j = i + 1
    while j < end:
        if text[j] == "'" and _closes(text, j, "'") and not text[j - 1] == "s":
            return True
        if text[j] in ".!?" and j + 1 < end and text[j + 1] == " ":
            return False
        j += 1
    return False
