"""Finding the few tokens worth a closer look without walking every token in Python.

The components look for rare words (attack verbs, reporting verbs, quotation marks). A Python
loop over every token of every article costs more than the rules themselves, so candidates are
found with a vectorised lookup of the words' hashes in the token attribute array.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

import numpy as np
from spacy.tokens import Doc, Span

_HASHES: dict[tuple[int, frozenset[str]], np.ndarray] = {}


def _hashes(doc: Doc, words: frozenset[str]) -> np.ndarray:
    key = (id(doc.vocab.strings), words)
    found = _HASHES.get(key)
    if found is None:
        forms = {f for w in words for f in (w, w.lower(), w.title(), w.upper())}
        found = np.array(sorted(doc.vocab.strings.add(f) for f in forms), dtype="uint64")
        _HASHES[key] = found
    return found


def tokens_with(doc: Doc, attr: int, words: Iterable[str]) -> list[int]:
    """Indices of the tokens whose ``attr`` (LEMMA, LOWER, ORTH) is one of ``words``."""
    if len(doc) == 0:
        return []
    values = doc.to_array([attr])
    return np.nonzero(np.isin(values, _hashes(doc, frozenset(words))))[0].tolist()


def by_sentence(doc: Doc, indices: list[int]) -> list[tuple[Span, list[int]]]:
    """The sentences holding these token indices, each with its indices, in order."""
    if not indices:
        return []
    sentences = list(doc.sents)
    starts = [s.start for s in sentences]
    grouped: dict[int, list[int]] = {}
    for i in indices:
        grouped.setdefault(bisect_right(starts, i) - 1, []).append(i)
    return [(sentences[n], grouped[n]) for n in sorted(grouped)]
