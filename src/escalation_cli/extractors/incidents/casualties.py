"""Casualties: killed and wounded figures, read from the dependency parse.

A figure is a casualty predicate with its victims: a verb of killing or wounding and its
subject or object ("five service members were wounded", "killing three troops"), an adjective
("are dead", "left eight militiamen dead"), an injury suffered ("suffered traumatic brain
injuries"), a noun with its "of" phrase ("the death of a contractor", "claimed the lives of
three soldiers"), a toll ("bringing the death toll to two") or a negation ("no casualties",
"no one was hurt"). The number is the victims' own: a numeral and its qualifier ("at least
five"), the article "a" for one, a name for one person, conjoined groups added up ("two
Americans and one Briton"), and nothing at all for vague amounts ("several", "dozens").

:func:`sentence_figures` reads the figures of a sentence; :func:`attach_figures` gives each to
the event mention it belongs to (the event in its clause, else the one told just before);
:func:`combine` turns one event's figures into its killed and wounded values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from escalation_cli import lexicon as lx
from escalation_cli.extractors.docinfo import ents_in
from escalation_cli.extractors.sections import BODY, HEAD, section_at
from escalation_cli.gazetteer import Gazetteer
from escalation_cli.pipeline.candidates import by_sentence, tokens_with
from escalation_cli.pipeline.incidents import IncidentCue

KILLED, WOUNDED = "killed", "wounded"


@dataclass(frozen=True)
class Figure:
    """One casualty statement about one group of victims."""

    kinds: tuple[str, ...]  # ("killed",), ("wounded",) or both for "no casualties"
    number: int | None  # None: a vague amount ("several service members")
    qualifier: str = "exact"  # exact, at_least, more_than, about
    token: int = 0  # the casualty word
    total: bool = False  # "the death toll rose to two": it replaces what came before
    also: bool = False  # "one Iraqi was also wounded": it adds to what came before
    group: str | None = None  # who the victims are: "US troops", "militants", ...
    source: str | None = None  # whose figure it is, when the text attributes it
    victims: str | None = None  # the victims as written ("its commander, Qassem Soleimani")
    victim: int | None = None  # the head word of the victims
    by_us: bool = False  # killed by US or coalition forces ("US forces responded, killing two")
    with_others: bool = False  # "X and two other people": the victims told before, and more


@dataclass(frozen=True)
class Count:
    number: int | None
    qualifier: str = "exact"


_VAGUE = Count(None)


# ---- reading the figures of a sentence -------------------------------------------------------


def doc_figures(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Figure]:
    """Every casualty figure of the document, in text order (found once per doc)."""
    cached = doc.user_data.get(_FIGURES)
    if cached is not None:
        return cached
    words = (
        set(lx.CASUALTY_VERBS)
        | set(lx.CASUALTY_NOUNS)
        | lx.DEAD_WORDS
        | lx.VICTIM_NOUNS
        | {"toll", "life", "loss", "losses"}
    )
    found: list[Figure] = []
    candidates = tokens_with(doc, LEMMA, words) + tokens_with(doc, LOWER, words)
    for sent, _ in by_sentence(doc, sorted(set(candidates))):
        found.extend(sentence_figures(sent, gazetteer))
    doc.user_data[_FIGURES] = found
    return found


_FIGURES = ("escalation", "figures")


def sentence_figures(sent: Span, gazetteer: Gazetteer | None = None) -> list[Figure]:
    figures = []
    for token in sent:
        for kinds, count, total, victims in _figures_at(token):
            if count.number == 0 and victims is not None and _nobody(victims):
                kinds = (KILLED, WOUNDED)  # "no one was hurt"
            beside = _alongside(token, victims)
            if beside and count.number:
                # "al-Muhandis, killed in a drone strike alongside Qassem Soleimani"
                count = Count(count.number + len(beside), count.qualifier)
            figures.append(
                Figure(
                    kinds=kinds,
                    number=count.number,
                    qualifier=count.qualifier,
                    token=token.i,
                    total=total,
                    also=_has_also(token),
                    group=_group_of(victims),
                    source=_source_of(token, gazetteer),
                    victims=_victims_text(victims, beside, token) if count.number else None,
                    victim=victims.i if victims is not None else None,
                    by_us=KILLED in kinds and _by_us_side(token, gazetteer),
                    with_others=victims is not None
                    and any(
                        t.lower_ in ("other", "others")
                        for c in victims.conjuncts
                        for t in c.subtree
                    ),
                )
            )
    # "a number of troops suffered injuries and one Iraqi was wounded": the groups add up to
    # no number when one of them has none
    for kind in (KILLED, WOUNDED):
        mine = [f for f in figures if kind in f.kinds and not f.total]
        if any(f.number is None for f in mine):
            figures = [
                replace(f, number=None, qualifier="exact")
                if f in mine and f.number and len(f.kinds) == 1
                else f
                for f in figures
            ]
    return figures


def _victims_text(
    victims: Token | None, beside: list[Token] = (), predicate: Token | None = None
) -> str | None:
    """The victims' phrase with the people named beside them ("alongside X"), without the
    clause that kills them when it hangs on them ("X, killed in a strike")."""
    if victims is None:
        return None
    clause: set[int] = set()
    if predicate is not None and victims in predicate.ancestors:
        clause = set(range(predicate.left_edge.i, predicate.right_edge.i + 1))
    tokens = {t.i for t in victims.subtree if abs(t.i - victims.i) <= 12} - clause
    for other in _conjuncts(victims):
        tokens |= {t.i for t in other.subtree if abs(t.i - other.i) <= 8}
    if not tokens:
        return None
    doc = victims.doc
    text = doc[min(tokens) : max(tokens) + 1].text.rstrip(" ,;:-\u2013\u2014")
    for person in beside:
        text += " and " + doc[person.left_edge.i : person.i + 1].text
    return text[:240]


def _alongside(token: Token, victims: Token | None) -> list[Token]:
    """People killed with the victims, named in an "alongside" phrase of the clause."""
    if victims is None or token.pos_ not in ("VERB", "ADJ"):
        return []
    # the victims' own words, not the clause that kills them when it hangs on them
    # ("al-Muhandis, killed in a drone strike alongside X")
    own = {t.i for t in victims.subtree} - {t.i for t in token.subtree}
    found = []
    for t in token.subtree:
        if t.lower_ == "alongside" and t.i not in own:
            found += [g for g in t.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    return found


_US_SIDE_WORDS = re.compile(r"^(?:u\.?s\.?|american|coalition|cjtf|centcom)$", re.I)


def _by_us_side(token: Token, gazetteer: Gazetteer | None) -> bool:
    """The killing was done by US or coalition forces: the subject of the active clause the
    casualty verb belongs to ("US forces responded by destroying the launchers, killing two
    militants", "U.S. jets killed eight fighters")."""
    if token.pos_ != "VERB" or any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return False
    head = token
    for _ in range(5):
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _names_us_side(subject, gazetteer)
        if head.dep_ not in ("advcl", "xcomp", "pcomp", "conj", "prep") or head.head.i == head.i:
            return False
        head = head.head
        if head.lemma_.lower() in lx.REPORTING_VERBS:
            return False
    return False


def _names_us_side(subject: Token, gazetteer: Gazetteer | None) -> bool:
    """ "US forces", "American troops", "coalition jets": the subject and the words before it."""
    doc = subject.doc
    words = doc[subject.left_edge.i : subject.i + 1]
    if gazetteer is not None:
        for ent in ents_in(doc, words.start, words.end):
            actor = gazetteer.actors.get(ent.kb_id_) if ent.label_ == "ACTOR" else None
            if actor is not None and actor.alignment == "us_led":
                return True
    return any(_US_SIDE_WORDS.match(t.text) for t in words)


def _nobody(victims: Token) -> bool:
    return victims.lower_ in ("nobody", "none", "noone") or (
        victims.lower_ == "one" and any(c.lower_ == "no" for c in victims.children)
    )


def _figures_at(token: Token):
    """(kinds, count, total, victims) for each figure whose casualty word is this token."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.pos_ in ("VERB", "AUX", "ADJ") and (
        lemma in lx.CASUALTY_VERBS or lower in lx.CASUALTY_VERBS
    ):
        kind = lx.CASUALTY_VERBS.get(lemma) or lx.CASUALTY_VERBS[lower]
        tally = _tally_of(token)
        if tally is not None:
            # "the number of troops injured rose to 40": a running total, or nothing when it
            # is not given ("the number of wounded is not known")
            count = _tally_count(tally, token)
            if count is not None:
                victims = token.head if token.head.dep_ == "pobj" else _of_object(tally)
                yield (kind,), count, True, victims
            return
        victims = _verb_victims(token)
        if victims is not None:
            yield (kind,), _count_negated(token, victims), False, victims
        return
    if lower in lx.DEAD_WORDS and token.dep_ in ("acomp", "oprd", "attr", "xcomp", "ccomp"):
        victims = _adjective_victims(token)
        if victims is not None:
            yield (KILLED,), _count_negated(token, victims), False, victims
        return
    if token.pos_ in ("NOUN", "PROPN") and (lower in lx.VICTIM_NOUNS or lemma in lx.VICTIM_NOUNS):
        count = count_victims(token)
        if count.number is not None or token.dep_ not in ("compound",):
            yield (KILLED,), count, False, token  # "resulted in seven martyrs"
        return
    if token.pos_ == "NOUN" and lemma == "loss" and _denied(token):
        if any(c.lower_ == "human" for c in token.children if c.dep_ in ("amod", "compound")):
            # "without causing any human or material losses", "no human losses"
            yield (KILLED, WOUNDED), Count(0), False, None
        return
    if token.pos_ in ("NOUN", "PROPN") and (lemma in lx.CASUALTY_NOUNS or lower == "toll"):
        yield from _noun_figures(token)
    if lemma == "life" and token.dep_ == "dobj" and token.head.lemma_ in ("claim", "take"):
        victims = _of_object(token)
        if victims is not None:
            yield (KILLED,), count_victims(victims), False, victims


def _verb_victims(verb: Token) -> Token | None:
    """Who a verb of killing or wounding was done to."""
    if verb.dep_ == "amod" and verb.i < verb.head.i:
        return None  # "two wounded service members": a description, not a report
    if verb.dep_ == "amod" and verb.tag_ == "VBN":
        return verb.head  # "six militiamen dead and nine injured"
    for child in verb.children:
        if child.dep_ in ("nsubjpass",):
            return _real_victims(child, verb)
    if verb.lemma_.lower() in lx.INTRANSITIVE_CASUALTY_VERBS or verb.tag_ == "VBN":
        for child in verb.children:
            if child.dep_ == "nsubj":
                return _real_victims(child, verb)
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
    if verb.dep_ in ("acl",) and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "al-Muhandis, the deputy head of the PMF, killed in a drone strike"
    if verb.dep_ in ("ccomp", "oprd") and verb.head.lemma_ == "leave":
        # "left five soldiers wounded", "five others were left wounded"
        return next((c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return None


_TALLY_NOUNS = frozenset({"number", "tally", "count"})
_TALLY_VERBS = frozenset({"reach", "be", "hit", "top", "stand", "rise", "climb", "increase"})


def _tally_of(verb: Token) -> Token | None:
    """The noun of "the number of X killed", "the number of service members injured has
    risen", "the number of wounded": a count of the victims, not a report of them ("a
    number of troops were injured" is a vague amount, read elsewhere)."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in _TALLY_NOUNS:
        tally = verb.head  # "the number of service members injured"
    else:
        if verb.dep_ == "acl" and verb.head.dep_ == "pobj":
            of = verb.head.head  # "the number of troops injured"
        elif verb.dep_ == "pobj":
            of = verb.head  # "the number of wounded"
        else:
            return None
        if of.lower_ != "of" or of.head.lemma_.lower() not in _TALLY_NOUNS:
            return None
        tally = of.head
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tally.children):
        return None
    return tally


def _tally_count(tally: Token, verb: Token) -> Count | None:
    """The figure a tally is given: "rose to at least 40", "stood at 34", "reached 12",
    "bringing the number of militants killed to 16"."""
    for token in (verb, tally, tally.head):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "at"):
                numeral = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif (
                token is tally.head
                and token.lemma_.lower() in _TALLY_VERBS
                and child.dep_ in ("dobj", "attr")
            ):
                numeral = child
            else:
                continue
            value = number_of(numeral) if numeral is not None and numeral.like_num else None
            if value is not None:
                return Count(value, _qualifier(numeral))
    return None


def _real_victims(subject: Token, verb: Token) -> Token | None:
    """The subject, unless it is a relative pronoun restating the victims of another clause
    ("those who were wounded"): then nothing new is said."""
    if subject.lower_ in ("who", "that", "which", "whom") and verb.dep_ == "relcl":
        return None
    return subject


def _adjective_victims(adjective: Token) -> Token | None:
    head = adjective.head
    wanted = ("dobj", "nsubjpass") if adjective.dep_ == "oprd" else None
    for child in head.children:
        if wanted and child.dep_ in wanted:
            return child
        if not wanted and child.dep_ in ("nsubj", "nsubjpass"):
            return _real_victims(child, head)
    return None


def _noun_figures(noun: Token):
    lemma, lower = noun.lemma_.lower(), noun.lower_
    if lower == "toll":
        number = _toll_number(noun)
        if number is not None:
            yield (KILLED,), number, True, None
        return
    kinds = lx.CASUALTY_NOUNS.get(lemma) or lx.CASUALTY_NOUNS.get(lower)
    if _denied(noun):
        if (
            noun.dep_ == "conj"
            and noun.head.lemma_.lower() in lx.CASUALTY_NOUNS
            and _denied(noun.head)
        ):
            return  # "no deaths or injuries": the first noun speaks for the list
        # "no injuries" and "no casualties" mean nobody was hurt at all (of those it names:
        # "no casualties among US forces")
        victims = _of_object(noun)
        yield ((KILLED, WOUNDED) if WOUNDED in kinds else kinds), Count(0), False, victims
        return
    if noun.dep_ == "conj" and (noun.head.lemma_.lower() in lx.CASUALTY_NOUNS):
        return  # "suffered concussions and traumatic brain injuries": one figure
    verb = noun.head
    while verb.dep_ in ("prep", "pobj", "conj") and verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head  # "diagnosed with traumatic brain injuries"
    if noun.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in lx.SUFFER_VERBS:
        if WOUNDED not in kinds:
            return
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            victims = _real_victims(subject, verb)
            if victims is not None:
                yield (WOUNDED,), _count_negated(verb, victims), False, victims
        return
    if lemma in lx.COUNTED_NOUNS:
        victims = _of_object(noun)
        if victims is not None:
            yield kinds, count_victims(victims), False, victims
            return
        if (
            len(kinds) == 1
            and noun.dep_ in ("dobj", "pobj")
            and verb.lemma_.lower() in lx.CAUSE_VERBS
            and any(c.dep_ == "nummod" and c.like_num for c in noun.children)
        ):
            # "inflicting two minor injuries", "resulted in three deaths": one for each (and
            # "eight injuries and minor damage" counts the injuries only)
            numeral = next(c for c in noun.children if c.dep_ == "nummod")
            yield kinds, Count(number_of(numeral), _qualifier(numeral)), False, None


def _of_object(noun: Token) -> Token | None:
    """The victims in "the death of X", also where the parse hangs the "of" phrase on a word
    between ("the assassination in January 2020 of Qasem Soleimani")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "among"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for token in noun.subtree:
        if token.i > noun.i and token.i - noun.i <= 8 and token.lower_ == "of":
            victim = next((g for g in token.children if g.dep_ == "pobj"), None)
            if victim is not None and (victim.pos_ == "PROPN" or victim.ent_type_ == "ACTOR"):
                return victim
    return None


def _denied(noun: Token) -> bool:
    """ "no casualties", "zero casualties", "without causing casualties", "did not result in
    any casualties", "there were no deaths or injuries"."""
    words = noun
    while words.dep_ == "conj" and words.head.i != words.i:
        words = words.head  # "no deaths or injuries": the determiner sits on the first
    if any(c.lower_ in ("no", "zero") for c in words.children if c.dep_ in ("det", "nummod")):
        return True
    if words.dep_ in ("nsubj", "nsubjpass"):
        return False  # "reports on casualties are not available": nothing denied
    above = words.head
    for _ in range(3):
        # "inflicted no damage to the facility or injuries to US forces"
        if above.pos_ in ("VERB", "AUX") or above.dep_ in ("nsubj", "nsubjpass"):
            break
        if (
            above.pos_ == "NOUN"
            and above.lemma_.lower() in lx.HARM_NOUNS
            and any(
                c.lower_ in ("no", "zero") for c in above.children if c.dep_ in ("det", "nummod")
            )
        ):
            return True
        above = above.head
    head = words.head
    for _ in range(4):
        if head.lower_ == "without":
            return True
        if any(c.dep_ == "neg" for c in head.children) and head.pos_ in ("VERB", "AUX"):
            return True
        if head.head.i == head.i or head.pos_ in ("VERB", "AUX") and head.dep_ != "pcomp":
            break
        if head.dep_ in ("nsubj", "nsubjpass"):
            break
        head = head.head
    return False


def _toll_number(toll: Token) -> Count | None:
    """ "the death toll rose to two", "bringing the toll to 5", "a toll of 12"."""
    places = [toll, toll.head]
    for token in places:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "of", "at"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.like_num:
                        return Count(number_of(obj))
            if child.dep_ == "nummod":
                return Count(number_of(child))
    return None


def _count_negated(predicate: Token, victims: Token) -> Count:
    if any(c.dep_ == "neg" for c in predicate.children):
        return Count(0)
    return count_victims(victims)


# ---- counting the victims --------------------------------------------------------------------


def count_victims(np: Token) -> Count:
    """How many people a noun phrase names; conjoined phrases are added up."""
    parts = [np, *_conjuncts(np)]
    total, qualifier = 0, "exact"
    for part in parts:
        count = _count_one(part)
        if count.number is None:
            return _VAGUE
        total += count.number
        if count.qualifier != "exact":
            qualifier = count.qualifier
    return Count(total, qualifier)


def _conjuncts(np: Token) -> list[Token]:
    out = []
    for child in np.children:
        if child.lemma_.lower() in lx.CASUALTY_NOUNS:
            continue  # "the death of a contractor and injury of soldiers": another figure
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out.append(child)
            out.extend(_conjuncts(child))
        elif child.dep_ == "prep" and child.lower_ in ("alongside", "with") and child.i > np.i:
            if child.lower_ == "with" and np.doc[child.i - 1].lower_ not in ("along", "together"):
                continue
            out.extend(g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN")
    return out


def _count_one(np: Token) -> Count:
    lower = np.lower_
    if _nobody(np) or lower == "no":
        return Count(0)
    if np.like_num or np.pos_ == "NUM":
        return Count(number_of(np), _qualifier(np))  # "three of which", "25 of its fighters"
    for child in np.children:
        if child.dep_ == "nummod" or (child.dep_ in ("quantmod", "compound") and child.like_num):
            number = number_of(child)
            if number is None:
                return _VAGUE
            return Count(number, _qualifier(child))
    if lower in lx.VAGUE_AMOUNT_NOUNS or lower in lx.VAGUE_NUMBERS:
        return _VAGUE  # "a number of personnel", "dozens of others", "many"
    if lower in ("couple", "pair") and any(c.lower_ == "of" for c in np.children):
        return Count(2)
    for child in np.children:
        word = child.lower_
        if child.dep_ in ("det", "amod", "quantmod") and (
            word in lx.VAGUE_NUMBERS or word in ("dozens", "scores", "hundreds", "several")
        ):
            return _VAGUE
        if child.dep_ == "det" and word in ("no",):
            return Count(0)
        if child.dep_ == "det" and word in ("a", "an", "one", "another", "single"):
            return Count(1)
    if lower in ("he", "she", "him", "her"):
        return Count(1)
    if np.pos_ == "PROPN" and np.tag_ == "NNP":
        return Count(1)  # a named person
    if np.tag_ == "NN" and np.pos_ == "NOUN" and lower not in lx.COLLECTIVE_NOUNS:
        return Count(1)  # "the contractor", "its commander", a headline's "Man dies"
    return _VAGUE


def number_of(token: Token) -> int | None:
    """The value of a numeral token: digits, number words, "a dozen", "Thirty-four"."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        value = int(text)
    elif text in lx.NUMBER_WORDS and text not in ("a", "an", "both", "couple", "pair"):
        value = lx.NUMBER_WORDS[text]
    elif "-" in text and all(p in lx.NUMBER_WORDS for p in text.split("-")):
        value = sum(lx.NUMBER_WORDS[p] for p in text.split("-"))
    else:
        return None
    for child in token.children:
        # "Thirty - four": the tens are a compound of the units
        if child.dep_ == "compound" and child.lower_ in lx.NUMBER_WORDS:
            value += lx.NUMBER_WORDS[child.lower_]
        if child.lower_ in ("hundred", "thousand") and child.dep_ in ("compound", "nummod"):
            value *= 100 if child.lower_ == "hundred" else 1000
    if text == "dozen":
        value = 12
    return value


def _qualifier(number: Token) -> str:
    words = " ".join(c.lower_ for c in number.children if c.i < number.i)
    for phrase, qualifier in sorted(lx.QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
        if words.endswith(phrase) or f" {phrase} " in f" {words} ":
            return qualifier
    left = number.doc[max(0, number.left_edge.i - 2) : number.i].text.lower()
    for phrase, qualifier in sorted(lx.QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
        if phrase != "some" and left.endswith(phrase):
            return qualifier
    return "exact"


def _has_also(token: Token) -> bool:
    return any(c.lower_ in ("also", "additionally") for c in token.children) or any(
        c.lower_ in ("also",) for c in token.head.children if token.dep_ in ("acomp",)
    )


def _group_of(victims: Token | None) -> str | None:
    """Who the victims are, from the words of their phrase ("two American contractors")."""
    if victims is None:
        return None
    words = [t.lower_ for t in victims.subtree if t.i - victims.i < 8]
    lemmas = {t.lemma_.lower() for t in victims.subtree if t.i - victims.i < 8}
    text = f" {' '.join(words)} "
    american = bool({"us", "u.s.", "american", "americans", "coalition"} & set(words))

    def named(word: str) -> bool:
        return (" " in word and f" {word}" in text) or word in lemmas or word in words

    head = victims.lemma_.lower()
    # a group of several words ("service members"), then the head noun ("two American
    # contractors" are contractors), then its modifiers
    found = [g for w, g in lx.CASUALTY_GROUPS.items() if " " in w and named(w)]
    found += [g for w, g in lx.CASUALTY_GROUPS.items() if w == head]
    found += [g for w, g in lx.CASUALTY_GROUPS.items() if w != "american" and named(w)]
    if not found:
        return "US troops" if american else None
    group = found[0]
    if group == "US troops" and not american:
        return "troops"
    return group


def _source_of(token: Token, gazetteer: Gazetteer | None) -> str | None:
    """Whose figure it is: the subject of the reporting verb the figure is said under."""
    head = token
    for _ in range(6):
        if head.head.i == head.i:
            break
        head = head.head
        if head.lemma_.lower() in lx.REPORTING_VERBS and head.pos_ == "VERB":
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is None and head.dep_ in ("advcl", "xcomp") and head.tag_ == "VBG":
                # "Iraq's government condemned the strikes, saying they killed 16 people"
                subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in ("it", "they", "he", "she", "we"):
                return _name_of(subject, gazetteer)
            return None
    return None


def _name_of(subject: Token, gazetteer: Gazetteer | None) -> str:
    doc = subject.doc
    span = doc[subject.left_edge.i : subject.i + 1]
    if gazetteer is not None:
        for ent in ents_in(doc, span.start, span.end):
            if ent.label_ == "ACTOR" and ent.kb_id_ and ent.kb_id_ in gazetteer.actors:
                return gazetteer.actors[ent.kb_id_].name
    words = [t.text for t in span if t.dep_ != "det" and not t.is_punct]
    return " ".join(words) or subject.text


# ---- which event a figure belongs to ---------------------------------------------------------


def attach_figures(
    figures: Sequence[Figure],
    cues: Sequence[IncidentCue],
    doc: Doc,
    strikers: Sequence[bool] = (),
    places: Sequence[Where] = (),
    gazetteer: Gazetteer | None = None,
) -> dict[int, list[Figure]]:
    """Figures per mention (index into ``cues``): the event in the figure's clause, else the
    event told last before it. ``strikers[n]`` says that mention ``n`` is a strike by the US
    or its coalition, whose victims are fighters rather than troops; ``places[n]`` where it
    was, to tell a toll of somewhere else."""
    out: dict[int, list[Figure]] = {}
    guessed: list[tuple[int, Figure]] = []
    for figure in figures:
        index = _event_of(figure, cues, doc, strikers)
        if index is None:
            continue
        if any(c.sentence[0] <= figure.token < c.sentence[1] for c in cues):
            out.setdefault(index, []).append(figure)
        else:
            guessed.append((index, figure))
    told = {
        (kind, f.number) for n, found in out.items() for f in found for kind in f.kinds if f.number
    }
    for index, figure in guessed:
        # a figure told apart from any event ("at least five were wounded, and one contractor
        # was pronounced dead") that an event states itself elsewhere belongs to that event,
        # not to the one told just before
        if figure.number and all((kind, figure.number) in told for kind in figure.kinds):
            continue
        where = places[index] if index < len(places) else Where()
        if _told_of_elsewhere(doc[figure.token], cues[index], where, gazetteer):
            continue
        out.setdefault(index, []).append(figure)
    return out


@dataclass(frozen=True)
class Where:
    """Where a mention places its event: countries and province ids."""

    countries: frozenset[str] = frozenset()
    provinces: tuple[str, ...] = ()


def _told_of_elsewhere(
    token: Token, cue: IncidentCue, where: Where, gazetteer: Gazetteer | None
) -> bool:
    """A figure told apart from any event that counts a period ("have been killed in Gaza since
    October 7") or a place outside the event's ("1,400 were killed in Israel" after an attack
    in Syria): the toll of something else, not of the event told before it."""
    doc = token.doc
    predicate = token.head if token.dep_ in ("acomp", "oprd") else token
    for prep in predicate.children:
        if prep.dep_ != "prep":
            continue
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ in ("since", "throughout") and any(g.ent_type_ == "DATE" for g in objects):
            return True
        if prep.lower_ not in ("in", "across", "inside"):
            continue
        for place in objects:
            if place.ent_type_ and _outside(place, cue, where, gazetteer, doc):
                return True
    return False


def _outside(place: Token, cue: IncidentCue, where: Where, gazetteer, doc: Doc) -> bool:
    """A named place that the event's own words and location do not take in."""
    ent = next((e for e in ents_in(doc, place.i, place.i + 1)), None)
    if ent is None or ent.label_ not in ("GPE", "LOC", "FAC", "BASE", "PROVINCE", "PLACE", "ACTOR"):
        return False
    if {t.lower_ for t in ent} & {doc[i].lower_ for i in cue.zone}:
        return False  # the event's own words name it
    country, province = None, None
    if gazetteer is not None and ent.kb_id_:
        if ent.label_ == "ACTOR":
            actor = gazetteer.actors.get(ent.kb_id_)
            if actor is None or actor.type != "state":
                return False
            country = actor.country
        elif ent.label_ == "PROVINCE" and ent.kb_id_ in gazetteer.provinces:
            province = ent.kb_id_
            country = gazetteer.provinces[province].country
        elif ent.label_ == "BASE" and ent.kb_id_ in gazetteer.bases:
            province = gazetteer.bases[ent.kb_id_].province
            country = gazetteer.bases[ent.kb_id_].country
        elif ent.label_ == "PLACE" and ent.kb_id_ in gazetteer.places:
            province = gazetteer.places[ent.kb_id_].province
            country = gazetteer.provinces[province].country if province else None
    if not where.countries:
        # an event placed nowhere ("the attacks come amid the war in Gaza"): a toll that names
        # its own place is not told of it
        return ent.label_ != "ACTOR" or country is not None
    if province and where.provinces:
        return province not in where.provinces
    if country:
        return country not in where.countries
    if ent.label_ in ("GPE", "LOC"):
        # a place the gazetteer does not know ("Gaza"), unless it names a country of the event
        return ent.text not in where.countries
    return False


_RECENT = 4  # how many earlier mentions a figure without an event of its own may reach back


def _event_of(
    figure: Figure, cues: Sequence[IncidentCue], doc: Doc, strikers: Sequence[bool]
) -> int | None:
    token = doc[figure.token]
    clause = token.head if token.dep_ in ("acomp", "oprd") else token
    sent = token.sent
    here = [(n, c) for n, c in enumerate(cues) if c.sentence[0] == sent.start]
    if figure.by_us:
        # those the US side killed fell in a strike of its own, never in an attack on it
        here = [(n, c) for n, c in here if n < len(strikers) and strikers[n]]
        if not here:
            return None
    if here:
        # the event inside the figure's own clause is the most specific link ("killed in a
        # US attack", "the killing of X in a drone strike"), then the event whose zone holds
        # the figure ("a drone attack that killed three")
        below = {t.i for t in clause.subtree}
        governed = [n for n, c in here if set(c.triggers) & below]
        if governed:
            return min(governed, key=lambda n: _distance(cues[n], token))
        inside = [n for n, c in here if token.i in c.zone]
        if inside:
            return min(inside, key=lambda n: _distance(cues[n], token))
        nominal = token.pos_ == "NOUN" and token.lemma_.lower() in lx.COUNTED_NOUNS
        above = [n for n, c in here if any(token.i in _subtree(doc[t]) for t in c.triggers)]
        if above and not nominal:  # "the killing of X" under a clause is not its victim
            return min(above, key=lambda n: _distance(cues[n], token))
        if nominal and figure.number and _of_object(token) is not None:
            # "the killing of X, ..., in a drone strike": the event that tells how X died comes
            # after; with none ("the attack comes as Washington braces for retaliation for the
            # killing of X") the killing is an event of its own, outside those of the sentence
            after = [n for n, c in here if min(c.triggers) > token.i]
            if not after:
                return None
            return min(after, key=lambda n: _distance(cues[n], token))
        return min((n for n, _ in here), key=lambda n: _distance(cues[n], token))
    if (
        token.pos_ == "NOUN"
        and token.lemma_.lower() in lx.COUNTED_NOUNS
        and figure.number
        and _of_object(token) is not None
    ):
        return None  # "the killing of X" names an event of its own, not one told before
    if section_at(doc, sent.start_char) == HEAD:
        # a kicker or standfirst ("No casualties reported") is about the story's lead event
        lead = [n for n, c in enumerate(cues) if section_at(doc, doc[c.sentence[0]].idx) == BODY]
        return lead[0] if lead else None
    before = [n for n, c in enumerate(cues) if c.sentence[1] <= sent.start][-_RECENT:]
    if not before:
        return None
    if strikers and figure.group in ("militants", "troops", "US troops", "contractor"):
        # fighters fall to strikes, troops and contractors to attacks on them
        want = figure.group == "militants"
        fitting = [n for n in before if n < len(strikers) and strikers[n] == want]
        if fitting:
            return fitting[-1]
        if figure.group == "US troops":
            return None  # "no casualties among US forces" after US strikes: not their victims
    return before[-1]


def _distance(cue: IncidentCue, token: Token) -> int:
    return min(abs(t - token.i) for t in cue.triggers)


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


# ---- one event's figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class Casualties:
    killed: int | None = None
    killed_qualifier: str | None = None
    wounded: int | None = None
    wounded_qualifier: str | None = None
    group: str | None = None
    source: str | None = None
    victims: str | None = None  # those killed, as written


def combine(figures: Iterable[Figure]) -> Casualties:
    """One event's killed and wounded, from its figures in text order.

    A toll replaces every other figure of its kind. Otherwise the first figure that gives a
    number stands, a positive number wins over an earlier "none", a fuller count of the same
    victims wins over a partial one ("the assassination of X, killed alongside Y"; "killed a
    commander" ... "killing X and two other people"), and a
    figure told as an addition ("also wounded") is added to it.
    """
    figures = list(figures)
    values: dict[str, tuple[int | None, str | None]] = {}
    group = source = None
    killed_by: str | None = None
    for kind in (KILLED, WOUNDED):
        value: int | None = None
        qualifier: str | None = None
        tolls = [f for f in figures if kind in f.kinds and f.total and f.number is not None]
        if tolls:
            value, qualifier = tolls[-1].number, tolls[-1].qualifier
        else:
            stood: Figure | None = None
            for figure in figures:
                if kind not in figure.kinds or figure.number is None:
                    continue
                fuller = (
                    stood is not None
                    and figure.number > stood.number
                    and (
                        (figure.victim is not None and figure.victim == stood.victim)
                        # "killed a senior commander" ... "killing Abu Baqir al-Saadi and two
                        # other people"
                        or figure.with_others
                    )
                )
                if value is None or (value == 0 and figure.number > 0) or fuller:
                    stood = figure
                    value, qualifier = figure.number, figure.qualifier
                    if kind == KILLED and figure.number and figure.victims:
                        killed_by = figure.victims
                    if figure.number > 0:
                        group = group or figure.group
                        source = source or figure.source
                elif figure.also and figure.number > 0:
                    value += figure.number
                    if figure.qualifier != "exact":
                        qualifier = figure.qualifier
        values[kind] = (value, qualifier if value is not None else None)
    killed_by = killed_by or next(
        (f.victims for f in figures if KILLED in f.kinds and f.number and f.victims), None
    )
    return Casualties(
        victims=killed_by,
        killed=values[KILLED][0],
        killed_qualifier=values[KILLED][1],
        wounded=values[WOUNDED][0],
        wounded_qualifier=values[WOUNDED][1],
        group=group,
        source=source,
    )


__all__ = ["Casualties", "Figure", "attach_figures", "combine", "count_victims", "doc_figures"]
