"""Sections: which paragraphs of an article are its head, its photo captions and its body.

News pages put a headline, sometimes a kicker and a standfirst, above the story, and photo
captions inside it. They retell the story's events in fewer words (the head) or describe a
picture (captions), so the extractors read them after the body and let them join the body's
events rather than start their own. Pure functions over the text; computed once per doc.

- **caption**: a paragraph that describes a picture: it names the picture ("A picture taken
  on ...", "This satellite photo ... shows", "File photo of") or ends with a photo credit
  ("(Photo by AP)", "(John Davison/Reuters)", "(AFP)", a bare "AFP").
- **head**: the paragraphs above the first body paragraph that are not captions (headline,
  kicker, standfirst, tag lines).
- **body**: from the first paragraph that reads as prose: a sentence ending in a full stop or a
  closing quotation mark with at least a dozen words, or any paragraph of thirty words or more.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from escalation_cli.extractors.docinfo import doc_text

HEAD, CAPTION, BODY = "head", "caption", "body"

_CREDIT = re.compile(
    r"(?:\((?:[^()]*(?:photo|picture|image|file|screenshot|via|/|getty|\bap\b|afp|reuters"
    r"|epa|anadolu|xinhua|army|navy|air force|dod)[^()]*)\)"
    r"|\b(?:AFP|AP|Reuters|EPA|Getty Images|Anadolu)\s*)\s*\.?\s*$",
    re.IGNORECASE,
)
_PICTURE = re.compile(
    r"^(?:[Aa]n?\s+|[Tt]his\s+|[Tt]he\s+|[Ff]ile\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?:[Pp]hoto|[Pp]icture|[Ii]mage|[Pp]hotograph|[Ss]creenshot|[Ff]ootage|[Vv]ideo still)s?\b"
    r"(?:\s+\S+){0,12}?\s+(?:shows?|showing|taken|of)\b"
    r"|^(?:[Ff]ile\s+)?(?:[Pp]hoto|[Pp]icture|[Ii]mage)s?\s*(?:of|:)"
)
_SENTENCE_END = (".", "\u201d", '"', "!", "?", "\u2019")


@dataclass(frozen=True)
class Section:
    start: int  # character offsets into the text
    end: int
    kind: str


def classify_paragraphs(text: str) -> list[Section]:
    """Every line of the text (a paragraph, or a line of one) with its kind, in order."""
    sections: list[Section] = []
    in_body = False
    for match in re.finditer(r"[^\n]+", text):
        paragraph = match.group(0).strip()
        if not paragraph:
            continue
        if is_caption(paragraph):
            kind = CAPTION
        elif in_body or _is_prose(paragraph):
            kind = BODY
            in_body = True
        else:
            kind = HEAD
        sections.append(Section(match.start(), match.end(), kind))
    return sections


def is_caption(paragraph: str) -> bool:
    words = len(paragraph.split())
    if _PICTURE.match(paragraph):
        return words <= 160  # a caption that runs on, but not a story that opens with "Photo"
    return words <= 90 and bool(_CREDIT.search(paragraph))


def _is_prose(paragraph: str) -> bool:
    words = paragraph.split()
    if len(words) >= 30:
        return True
    return len(words) >= 12 and paragraph.rstrip().endswith(_SENTENCE_END)


_KEY = ("escalation", "sections")


def sections_of(doc: Doc) -> list[Section]:
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = classify_paragraphs(doc_text(doc))
    return found


def section_at(doc: Doc, char: int) -> str:
    """The kind of the paragraph holding this character offset (body when in none)."""
    sections = sections_of(doc)
    n = bisect_right([s.start for s in sections], char) - 1
    if 0 <= n < len(sections) and sections[n].start <= char < sections[n].end:
        return sections[n].kind
    return BODY
