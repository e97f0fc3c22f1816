"""``escalation_paragraphs``: a line break ends a sentence.

Titles, captions and subheadings have no final full stop; without this the parser runs them
into the next sentence ("Washington: No broader conflict with Iran During the announcement").
Placed before the parser, which keeps boundaries that are already set.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("escalation_paragraphs", assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    # line breaks are whitespace tokens of their own; find them in C, not token by token
    for i in np.nonzero(doc.to_array([IS_SPACE]))[0].tolist():
        if i + 1 < len(doc) and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
            if i + 2 < len(doc) and doc[i + 1].is_alpha and not doc[i + 2].is_punct:
                # the parser sometimes cuts a line after its first word ("Interior | Minister
                # of ..."); a one-word sentence without a full stop is never right
                doc[i + 2].is_sent_start = False
    # a name particle cut from its name by a stray space ("Rahi Salam al- Sharaifi") ends no
    # sentence
    for match in _OPEN_PARTICLE.finditer(doc.text):
        token = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if token is not None and token.start > 0 and not token[0].is_sent_start:
            token[0].is_sent_start = False
    return doc


_OPEN_PARTICLE = re.compile(r"\b(?:al|el|ad|ash|as|ar|az|at|an|bin|ibn|abu|abd)- (?=[A-Z])")
