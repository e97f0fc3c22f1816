"""``escalation_paragraphs``: a line break ends a sentence.

Titles, captions and subheadings have no final full stop; without this the parser runs them
into the next sentence ("Washington: No broader conflict with Iran During the announcement").
Placed before the parser, which keeps boundaries that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("escalation_paragraphs", assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc
