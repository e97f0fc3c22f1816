"""Casualties: killed and wounded figures of an event."""

from __future__ import annotations

import re

from escalation_cli import lexicon as lx
from escalation_cli.extractors.incidents.mention import Mention

_NUM = (
    r"\b(?P<num>\d[\d,]*|a dozen|dozens|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|some|many"
    r"|scores)\b"
)
_QUAL = (
    r"(?:(?P<qual>at least|no fewer than|more than|over|upwards of|in excess of|about"
    r"|around|nearly|almost|approximately|roughly|up to|an estimated|close to|some)\s+)?"
)
_GAP = r"(?:(?!(?:and|or|but|while|as|that|which|who|whom|whose|of)\b)[\w'\u2019-]+,?\s+){0,4}?"
_ADVERB = (
    r"(?:(?:reportedly|allegedly|also|later|instantly|immediately|pronounced|declared"
    r"|confirmed|seriously|critically|slightly|lightly|badly|severely|moderately|all)\s+)?"
)
_KILL_PATTERNS = [
    re.compile(
        _QUAL + _NUM + r"\s+" + _GAP + r"(?:(?:were|was|have been|had been|are|being|got)"
        r"\s+)?" + _ADVERB + r"(?:killed|dead|died|slain|martyred)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:killed|killing|kills|kill|claimed the lives of|left)\s+"
        + _QUAL
        + _NUM
        + r"\b(?!\s+(?:drones?|rockets?|missiles?))",
        re.I,
    ),
    re.compile(r"\bdeaths? of\s+" + _QUAL + _NUM + r"\b", re.I),
    re.compile(_QUAL + _NUM + r"\s+(?:[\w-]+\s+){0,2}?(?:martyrs|dead|fatalities|deaths)\b", re.I),
]
_WOUND_PATTERNS = [
    re.compile(
        _QUAL + _NUM + r"\s+" + _GAP + r"(?:(?:were|was|have been|had been|are|being|got)"
        r"\s+)?" + _ADVERB + r"(?:wounded|injured|hurt)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:wounded|wounding|wounds|injured|injuring|injures|hurt|injuries to)\s+"
        + _QUAL
        + _NUM
        + r"\b",
        re.I,
    ),
    re.compile(
        _QUAL + _NUM + r"\s+" + _GAP + r"(?:suffered|sustained|received)\s+(?:[\w-]+\s+)?"
        r"(?:injuries|wounds)\b",
        re.I,
    ),
]
_NO_CASUALTIES = [re.compile(p, re.I) for p in lx.NO_CASUALTY_PATTERNS]
_GROUP_AFTER = re.compile(r"^\s*(?:[\w'\u2019.-]+\s+){0,3}?(?P<noun>[a-z-]+?)s?\b", re.I)


def _number(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if word in ("a dozen",):
        return 12
    if word in lx.VAGUE_NUMBERS or word == "dozens":
        return None
    return lx.NUMBER_WORDS.get(word)


_CASUALTY_HINT = re.compile(
    r"kill|dead|death|die|martyr|slain|wound|injur|hurt|casualt|fatalit|lives", re.I
)


def read_casualties(text: str, mention: Mention) -> None:
    if not _CASUALTY_HINT.search(text):
        return
    for attribute, patterns in (("killed", _KILL_PATTERNS), ("wounded", _WOUND_PATTERNS)):
        for pattern in patterns:
            match = pattern.search(text)
            if not match:
                continue
            raw = match.group("num")
            if raw.lower() in ("a", "an") and not _PERSON_AFTER.match(text[match.end() :]):
                continue  # "killed a US contractor" is one; "killed a way" is not
            number = _number(raw)
            if number is None:
                continue
            qualifier = lx.QUALIFIERS.get((match.group("qual") or "").lower(), "exact")
            setattr(mention, attribute, number)
            setattr(mention, f"{attribute}_qualifier", qualifier)
            if mention.casualty_group is None:
                mention.casualty_group = _casualty_group(text, match)
            break
    if mention.killed is None and mention.wounded is None:
        if any(p.search(text) for p in _NO_CASUALTIES):
            mention.killed, mention.wounded = 0, 0
            mention.killed_qualifier = mention.wounded_qualifier = "exact"


_PERSON_AFTER = re.compile(
    r"\s*(?:[\w.'-]+\s+){0,2}?(?:contractor|soldier|service|civilian|member|person|child|woman"
    r"|man|officer|fighter|marine|sailor|airman|guard|commander|leader|official|journalist"
    r"|worker|resident|militant|militiaman|advis[eo]r|general|colonel|operative|american"
    r"|employee|driver|guard|policeman|trooper)\b",
    re.I,
)


def _casualty_group(text: str, match: re.Match) -> str | None:
    """Who was hit: the first group word after the figure ("two American contractors")."""
    window = text[match.start() : match.end() + 40].lower()
    american = bool(re.search(r"\b(us|u\.s\.|american|coalition)\b", window))
    found = []
    for word, group in lx.CASUALTY_GROUPS.items():
        hit = re.search(rf"\b{word}s?\b", window)
        if hit:
            # "American" is an adjective when another group word follows it
            found.append((hit.start() + (100 if word == "american" else 0), word, group))
    if not found:
        return None
    _, word, group = min(found)
    if group == "US troops" and not american:
        return "troops"
    return group
