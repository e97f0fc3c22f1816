"""Evaluate: score extracted JSONL against hand annotations (``shared/eval`` format).

Implements the matching rules of the gold README for every record type: incidents, quotes,
claims, bases, provinces and publication dates. Imports neither spaCy nor the pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from escalation_cli.gazetteer import Gazetteer, normalise_alias

_NON_WORD = re.compile(r"[^a-z0-9']+")
_PARTICLES = {"al", "el", "ez", "az", "as", "ad", "ar", "at", "an", "ash", "the", "of"}
_LOCATION_WORDS = {
    "base",
    "bases",
    "garrison",
    "airport",
    "air",
    "airbase",
    "airfield",
    "military",
    "governorate",
    "province",
    "region",
    "city",
    "oil",
    "oilfield",
    "field",
    "gas",
    "camp",
    "landing",
    "zone",
    "international",
    "facility",
    "site",
    "mission",
    "support",
}
_STOP = {"the", "of", "and", "a", "an", "in", "for", "s", "'s", "to", "on"}
_FOLD = [
    (re.compile(r"\bunited states of america\b|\bunited states\b|\bu s a\b|\busa\b|\bu s\b"), "us"),
    (re.compile(r"\biranian\b"), "iran"),
    (re.compile(r"\bwashington\b|\bpentagon\b|\bamerican\b|\bamerica\b"), "us"),
    (re.compile(r"\bsyrian\b"), "syria"),
    (re.compile(r"\biraqi\b"), "iraq"),
    (re.compile(r"\brussian\b"), "russia"),
]

RECORD_FILES = ("articles", "incidents", "quotes", "claims")


def normalise(text: str | None) -> list[str]:
    """The gold README's normalisation: lower, curly apostrophes, non-word chars to spaces."""
    if not text:
        return []
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _NON_WORD.sub(" ", text).split()


def name_of(value) -> str | None:
    """A field may be a plain string or an object with a ``name``."""
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


# ---- scores ----------------------------------------------------------------------------------


def harmonic_mean(precision: float, recall: float) -> float:
    """F1."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def as_dict(self) -> dict:
        value = self.value
        return {
            "right": self.right,
            "total": self.total,
            "accuracy": None if value is None else round(value, 4),
        }


@dataclass
class Errors:
    """What went wrong, per article, for people reading the report."""

    items: list[dict] = field(default_factory=list)

    def add(self, kind: str, source: str, detail: str) -> None:
        self.items.append({"type": kind, "source": source, "detail": detail})


@dataclass
class Report:
    articles_gold: int = 0
    articles_found: int = 0
    published: dict[str, Accuracy] = field(
        default_factory=lambda: {
            "stated_exact": Accuracy(),
            "inferable_consistent": Accuracy(),
            "none_when_none": Accuracy(),
        }
    )
    bases: PRF = field(default_factory=PRF)
    provinces: PRF = field(default_factory=PRF)
    incidents: PRF = field(default_factory=PRF)
    incident_fields: dict[str, Accuracy] = field(
        default_factory=lambda: {
            k: Accuracy()
            for k in (
                "date",
                "weapon",
                "base",
                "province",
                "killed",
                "wounded",
                "perpetrator",
                "intercepted",
            )
        }
    )
    # matched incidents whose gold has no killed (or wounded) figure: how often one is given
    figure_given_where_none: Accuracy = field(default_factory=Accuracy)
    quotes: PRF = field(default_factory=PRF)
    quote_speaker: Accuracy = field(default_factory=Accuracy)
    claims: PRF = field(default_factory=PRF)
    claim_claimant: Accuracy = field(default_factory=Accuracy)
    claim_distanced: PRF = field(default_factory=PRF)
    events: EventScores | None = None  # with an events gold
    errors: Errors = field(default_factory=Errors)

    def as_dict(self) -> dict:
        events = {"events": self.events.as_dict()} if self.events is not None else {}
        return {
            "articles": {"gold": self.articles_gold, "found": self.articles_found},
            "published": {k: v.as_dict() for k, v in self.published.items()},
            "bases": self.bases.as_dict(),
            "provinces": self.provinces.as_dict(),
            "incidents": {
                **self.incidents.as_dict(),
                "fields": {k: v.as_dict() for k, v in self.incident_fields.items()},
                "figure_given_where_none": self.figure_given_where_none.as_dict(),
            },
            "quotes": {**self.quotes.as_dict(), "speaker": self.quote_speaker.as_dict()},
            "claims": {
                **self.claims.as_dict(),
                "claimant": self.claim_claimant.as_dict(),
                "distanced": self.claim_distanced.as_dict(),
            },
            **events,
            "errors": self.errors.items,
        }


# ---- loading ---------------------------------------------------------------------------------


class EvaluationError(ValueError):
    pass


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
    return rows


def load_output(out_dir: Path, events: bool = False) -> dict[str, list[dict]]:
    """The record files of an output directory (and events.jsonl when ``events``)."""
    if not out_dir.is_dir():
        raise EvaluationError(f"{out_dir}: no such output directory (run escalation extract first)")
    articles = out_dir / "articles.jsonl"
    if not articles.is_file():
        raise EvaluationError(f"{articles}: missing (run escalation extract first)")
    if events and not (out_dir / "events.jsonl").is_file():
        raise EvaluationError(
            f"{out_dir / 'events.jsonl'}: missing (run escalation extract with this version)"
        )
    kinds = (*RECORD_FILES, "events") if events else RECORD_FILES
    return {
        kind: read_jsonl(out_dir / f"{kind}.jsonl") if (out_dir / f"{kind}.jsonl").is_file() else []
        for kind in kinds
    }


# ---- matching helpers ------------------------------------------------------------------------


class Names:
    """Folds location and actor names so spellings of one entry compare equal."""

    def __init__(self, gazetteer: Gazetteer | None) -> None:
        self.gazetteer = gazetteer

    def location(self, value) -> str | None:
        name = name_of(value)
        if name is None:
            return None
        if self.gazetteer is not None:
            alias = self.gazetteer.resolve(name, ("BASE", "PROVINCE"))
            if alias is None:
                alias = self.gazetteer.resolve(_strip_location_words(name), ("BASE", "PROVINCE"))
            if alias is not None:
                return f"{alias.label}/{alias.id}"
        return _strip_location_words(name) or normalise_alias(name)

    def actor_tokens(self, value) -> set[str]:
        """Name words after folding, plus the gazetteer entry the whole name spells, so that
        two spellings of one actor ("CENTCOM", "US Central Command") compare equal."""
        name = name_of(value)
        if name is None:
            return set()
        text = " ".join(normalise(name))
        for pattern, repl in _FOLD:
            text = pattern.sub(repl, text)
        tokens = {t for t in text.split() if t not in _STOP}
        if self.gazetteer is not None:
            alias = self.gazetteer.resolve(name, ("ACTOR",))
            if alias is None and name.lower().startswith("the "):
                alias = self.gazetteer.resolve(name[4:], ("ACTOR",))
            if alias is not None:
                tokens.add(f"ACTOR/{alias.id}")
        return tokens


def _strip_location_words(name: str) -> str:
    tokens = [t for t in normalise(name) if t not in _PARTICLES and t not in _LOCATION_WORDS]
    return " ".join(tokens)


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if len(a) == 10 and len(b) == 10:
        try:
            delta = dt.date.fromisoformat(a) - dt.date.fromisoformat(b)
        except ValueError:
            return a == b
        return abs(delta.days) <= 1
    return a.startswith(b) or b.startswith(a)


def _subsequence_within(needle: list[str], hay: list[str], window: int) -> bool:
    it = iter(hay[:window])
    return all(any(tok == h for h in it) for tok in needle)


def _closeness(gold: list[str], hay: list[str]) -> float:
    """How well a prediction starts like the gold: the longest run of gold words it opens
    with (after skipping a few words), so that of two candidates the closer one is paired."""
    best = 0.0
    for skip in range(0, 4):
        run = 0
        for g, h in zip(gold, hay[skip:], strict=False):
            if g != h:
                break
            run += 1
        best = max(best, run - 0.5 * skip)
    return best + 0.01


def _greedy(golds: list[dict], preds: list[dict], score: Callable[[dict, dict], float | None]):
    """One-to-one pairs, best score first; non-optional gold before optional on ties."""
    pairs = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            s = score(gold, pred)
            if s is not None:
                pairs.append((-s, bool(gold.get("optional")), gi, pi))
    pairs.sort()
    used_g, used_p, matched = set(), set(), []
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gi, pi))
    return matched


def _count(prf: PRF, golds, preds, matched) -> list[tuple[int, int]]:
    """Add TP/FP/FN; returns the pairs whose gold is not optional."""
    matched_g = {g for g, _ in matched}
    matched_p = {p for _, p in matched}
    scored = [(g, p) for g, p in matched if not golds[g].get("optional")]
    prf.tp += len(scored)
    prf.fp += sum(1 for i in range(len(preds)) if i not in matched_p)
    prf.fn += sum(1 for i, g in enumerate(golds) if i not in matched_g and not g.get("optional"))
    return scored


# ---- per record type -------------------------------------------------------------------------


def match_incidents(golds: list[dict], preds: list[dict], names: Names) -> list[tuple[int, int]]:
    """One article's predicted incidents paired with its gold incidents: (gold index, predicted
    index), one to one, best score first (the incident matching of the gold README)."""

    def location_agrees(g: dict, p: dict) -> bool:
        for key in ("base", "province", "country"):
            gv, pv = name_of(g.get(key)), name_of(p.get(key))
            if gv and pv:
                if key == "country":
                    return names.actor_tokens(gv) & names.actor_tokens(pv) != set()
                return names.location(gv) == names.location(pv)
        return True

    def score(g: dict, p: dict) -> float | None:
        gw, pw = g.get("weapon") or "unknown", p.get("weapon") or "unknown"
        if gw != pw and "unknown" not in (gw, pw):
            return None
        if not location_agrees(g, p) or not _dates_agree(g.get("date"), p.get("date")):
            return None
        s = 1.0
        s += gw == pw
        s += g.get("date") == p.get("date")
        s += names.location(g.get("base")) == names.location(p.get("base"))
        s += names.location(g.get("province")) == names.location(p.get("province"))
        s += (g.get("killed"), g.get("wounded")) == (p.get("killed"), p.get("wounded"))
        return s

    return _greedy(golds, preds, score)


def _score_incidents(
    report: Report, source: str, golds: list[dict], preds: list[dict], names: Names
) -> None:
    matched = match_incidents(golds, preds, names)
    for g, p in _count(report.incidents, golds, preds, matched):
        gold, pred = golds[g], preds[p]
        for key in ("killed", "wounded"):
            if gold.get(key) is None:
                # the text gives no figure: a number here is made up
                report.figure_given_where_none.add(pred.get(key) is not None)
                if pred.get(key) is not None:
                    report.errors.add(
                        "incident-figure",
                        source,
                        f"{key}: gold none, got {pred.get(key)!r} ({gold.get('evidence')!r})",
                    )
        checks = {
            "date": gold.get("date") == pred.get("date"),
            "weapon": (gold.get("weapon") or "unknown") == (pred.get("weapon") or "unknown"),
            "base": names.location(gold.get("base")) == names.location(pred.get("base")),
            "province": names.location(gold.get("province"))
            == names.location(pred.get("province")),
            "killed": gold.get("killed") == pred.get("killed"),
            "wounded": gold.get("wounded") == pred.get("wounded"),
            "perpetrator": _same_actor(names, gold.get("perpetrator"), pred.get("perpetrator")),
            "intercepted": bool(gold.get("intercepted")) == bool(pred.get("intercepted")),
        }
        for key, ok in checks.items():
            if gold.get(key) is None:
                continue  # a field is scored where the gold gives a value
            report.incident_fields[key].add(ok)
            if not ok:
                report.errors.add(
                    "incident-field",
                    source,
                    f"{key}: gold {gold.get(key)!r}, got {_field(pred, key)!r} "
                    f"({gold.get('evidence')!r})",
                )
    _report_unmatched(
        report,
        "incident",
        source,
        golds,
        preds,
        matched,
        lambda g: f"{g.get('weapon')} {g.get('date')} {g.get('evidence')!r}",
        lambda p: (
            f"{p.get('weapon')} {p.get('date')} {name_of(p.get('base'))} {_evidence_text(p)!r}"
        ),
    )


def _field(record: dict, key: str):
    value = record.get(key)
    return name_of(value) if isinstance(value, dict) else value


def _evidence_text(pred: dict) -> str:
    ev = pred.get("evidence")
    if isinstance(ev, list) and ev:
        first = ev[0]
        return (first.get("text") if isinstance(first, dict) else str(first))[:60]
    return str(ev)[:60] if ev else ""


def _same_actor(names: Names, gold, pred) -> bool:
    g, p = name_of(gold), name_of(pred)
    if g is None or p is None:
        return g is None and p is None
    return bool(names.actor_tokens(g) & names.actor_tokens(p))


def _score_quotes(
    report: Report, source: str, golds: list[dict], preds: list[dict], names: Names
) -> None:
    def score(g: dict, p: dict) -> float | None:
        needle = normalise(g.get("start_words"))
        hay = normalise(p.get("text"))
        if not needle or not _subsequence_within(needle, hay, len(needle) + 3):
            return None
        return _closeness(normalise(g.get("start_words")), hay)

    matched = _greedy(golds, preds, score)
    for g, p in _count(report.quotes, golds, preds, matched):
        ok = _same_actor(names, golds[g].get("speaker"), preds[p].get("speaker"))
        report.quote_speaker.add(ok)
        if not ok:
            report.errors.add(
                "quote-speaker",
                source,
                f"gold {golds[g].get('speaker')!r}, got "
                f"{name_of(preds[p].get('speaker'))!r} ({golds[g].get('start_words')!r})",
            )
    _report_unmatched(
        report,
        "quote",
        source,
        golds,
        preds,
        matched,
        lambda g: repr(g.get("start_words")),
        lambda p: repr((p.get("text") or "")[:60]),
    )


def _score_claims(
    report: Report, source: str, golds: list[dict], preds: list[dict], names: Names
) -> None:
    def score(g: dict, p: dict) -> float | None:
        needle = normalise(g.get("start_words"))[:3]
        hay = normalise(p.get("content"))
        if not needle or not _subsequence_within(needle, hay, 8):
            return None
        return _closeness(normalise(g.get("start_words")), hay)

    matched = _greedy(golds, preds, score)
    for g, p in _count(report.claims, golds, preds, matched):
        gold, pred = golds[g], preds[p]
        ok = _same_actor(names, gold.get("claimant"), pred.get("claimant"))
        report.claim_claimant.add(ok)
        if not ok:
            report.errors.add(
                "claim-claimant",
                source,
                f"gold {gold.get('claimant')!r}, got {name_of(pred.get('claimant'))!r} "
                f"({gold.get('start_words')!r})",
            )
        gd, pd = bool(gold.get("distanced")), bool(pred.get("distanced"))
        report.claim_distanced.tp += gd and pd
        report.claim_distanced.fp += pd and not gd
        report.claim_distanced.fn += gd and not pd
        if gd != pd:
            report.errors.add(
                "claim-distanced", source, f"gold {gd}, got {pd} ({gold.get('start_words')!r})"
            )
    _report_unmatched(
        report,
        "claim",
        source,
        golds,
        preds,
        matched,
        lambda g: f"{g.get('claimant')}: {g.get('start_words')!r}",
        lambda p: f"{name_of(p.get('claimant'))}: {(p.get('content') or '')[:60]!r}",
    )


def _report_unmatched(report, kind, source, golds, preds, matched, show_gold, show_pred) -> None:
    matched_g = {g for g, _ in matched}
    matched_p = {p for _, p in matched}
    for i, gold in enumerate(golds):
        if i not in matched_g and not gold.get("optional"):
            report.errors.add(f"{kind}-missed", source, show_gold(gold))
    for i, pred in enumerate(preds):
        if i not in matched_p:
            report.errors.add(f"{kind}-spurious", source, show_pred(pred))


def _score_set(
    prf: PRF,
    report: Report,
    kind: str,
    source: str,
    gold: Iterable[str],
    pred: Iterable[str],
    key: Callable[[str], str | None],
) -> None:
    g = {key(x) for x in gold if key(x)}
    p = {key(x) for x in pred if key(x)}
    prf.tp += len(g & p)
    prf.fp += len(p - g)
    prf.fn += len(g - p)
    for item in sorted(g - p):
        report.errors.add(f"{kind}-missed", source, item)
    for item in sorted(p - g):
        report.errors.add(f"{kind}-spurious", source, item)


def _score_published(report: Report, source: str, gold: dict, article: dict | None) -> None:
    pred = article.get("published") if article else None
    if gold.get("published"):
        ok = pred == gold["published"]
        report.published["stated_exact"].add(ok)
        if not ok:
            report.errors.add("published", source, f"gold {gold['published']!r}, got {pred!r}")
    elif gold.get("published_inferable"):
        want = gold["published_inferable"]
        ok = bool(pred) and (pred.startswith(want) or want.startswith(pred))
        report.published["inferable_consistent"].add(ok)
        if not ok:
            report.errors.add("published", source, f"inferable {want!r}, got {pred!r}")
    else:
        ok = pred is None
        report.published["none_when_none"].add(ok)
        if not ok:
            report.errors.add("published", source, f"no date can be inferred, got {pred!r}")


# ---- entry point -----------------------------------------------------------------------------


def evaluate(
    gold_paths: Path | Iterable[Path],
    out_dir: Path,
    gazetteer: Gazetteer | None = None,
    events_gold: Path | None = None,
) -> Report:
    """Score an output directory against one or more gold files (their articles together),
    and its events.jsonl against an events gold when one is given."""
    paths = [gold_paths] if isinstance(gold_paths, Path) else list(gold_paths)
    golds = [gold for path in paths for gold in read_jsonl(path)]
    output = load_output(out_dir, events=events_gold is not None)
    names = Names(gazetteer)
    report = Report(articles_gold=len(golds))
    by_source: dict[str, dict] = {}
    for article in output["articles"]:
        by_source.setdefault(Path(str(article.get("source", ""))).name, article)
    per_kind: dict[str, dict[str, list[dict]]] = {k: {} for k in ("incidents", "quotes", "claims")}
    for kind in per_kind:
        for row in output[kind]:
            per_kind[kind].setdefault(row.get("article_id"), []).append(row)

    for gold in golds:
        source = gold["source"]
        article = by_source.get(Path(source).name)
        if article is None:
            report.errors.add("article-missing", source, "not in articles.jsonl")
        else:
            report.articles_found += 1
        aid = article.get("article_id") if article else None
        _score_published(report, source, gold, article)
        entities = article.get("entities", []) if article else []

        def names_with(label: str, entities: list[dict] = entities) -> list[str]:
            return [name_of(e) for e in entities if e.get("label") == label and name_of(e)]

        _score_set(
            report.bases,
            report,
            "base",
            source,
            gold.get("bases", []),
            names_with("BASE"),
            names.location,
        )
        _score_set(
            report.provinces,
            report,
            "province",
            source,
            gold.get("provinces", []),
            names_with("PROVINCE"),
            names.location,
        )
        _score_incidents(
            report, source, gold.get("incidents", []), per_kind["incidents"].get(aid, []), names
        )
        _score_quotes(
            report, source, gold.get("quotes", []), per_kind["quotes"].get(aid, []), names
        )
        _score_claims(
            report, source, gold.get("claims", []), per_kind["claims"].get(aid, []), names
        )
    if events_gold is not None:
        report.events = _score_output_events(read_jsonl(events_gold), golds, output, names)
        for error in report.events.errors:
            report.errors.add(error["type"], error["source"], error["detail"])
    return report


# ---- events: B-cubed over the gold incidents of certain events (events.README.md) ------------


@dataclass
class EventScores:
    """B-cubed precision and recall of a clustering, and how many events it made."""

    items: int = 0
    precision: float = 0.0
    recall: float = 0.0
    events_gold: int = 0  # every event of the events gold
    events_gold_scored: int = 0  # gold events with a kept item
    events_predicted: int = 0  # events holding the incidents of the gold articles
    events_predicted_scored: int = 0  # predicted events with a kept item
    errors: list[dict] = field(default_factory=list)

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)

    def as_dict(self) -> dict:
        return {
            "items": self.items,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "events_gold": self.events_gold,
            "events_gold_scored": self.events_gold_scored,
            "events_predicted": self.events_predicted,
            "events_predicted_scored": self.events_predicted_scored,
        }


def bcubed(items: list[tuple[str, str]]) -> tuple[float, float]:
    """(precision, recall) averaged over items, each a (gold cluster, predicted cluster)."""
    if not items:
        return 0.0, 0.0
    gold_size = Counter(g for g, _ in items)
    pred_size = Counter(p for _, p in items)
    both = Counter(items)
    precision = sum(both[item] / pred_size[item[1]] for item in items) / len(items)
    recall = sum(both[item] / gold_size[item[0]] for item in items) / len(items)
    return precision, recall


def score_events(
    events_gold: list[dict],
    golds: list[dict],
    event_of: Callable[[str, int], str | None],
    predicted_events: Iterable[str],
) -> EventScores:
    """Score a clustering. ``event_of(source, gold index)`` is the predicted event of the
    predicted incident matched to that gold incident (None when unmatched);
    ``predicted_events`` the events of every predicted incident of the gold articles."""
    by_source = {gold["source"]: gold for gold in golds}
    scores = EventScores(events_gold=len(events_gold))
    items: list[tuple[str, str]] = []
    where: dict[tuple[str, str], list[str]] = {}  # (gold, predicted) -> member sources
    for event in events_gold:
        missing = [m["source"] for m in event.get("members", []) if m["source"] not in by_source]
        if missing:
            raise EvaluationError(
                f"events gold: {event.get('event')}: {missing[0]} is in none of the gold "
                f"files given (add its gold file)"
            )
        if not event.get("certain", True):
            continue
        for member in event.get("members", []):
            incidents = by_source[member["source"]].get("incidents", [])
            index = member["incident"]
            if index >= len(incidents) or incidents[index].get("optional"):
                continue
            predicted = event_of(member["source"], index)
            if predicted is None:
                continue
            items.append((event["event"], predicted))
            where.setdefault((event["event"], predicted), []).append(f"{member['source']}#{index}")
    scores.items = len(items)
    scores.precision, scores.recall = bcubed(items)
    scores.events_gold_scored = len({g for g, _ in items})
    scores.events_predicted = len(set(predicted_events))
    scores.events_predicted_scored = len({p for _, p in items})
    gold_parts: dict[str, set[str]] = {}
    pred_parts: dict[str, set[str]] = {}
    for g, p in items:
        gold_parts.setdefault(g, set()).add(p)
        pred_parts.setdefault(p, set()).add(g)
    for g, parts in gold_parts.items():
        if len(parts) > 1:
            detail = "; ".join(f"{p}: {', '.join(where[(g, p)])}" for p in sorted(parts))
            scores.errors.append(
                {"type": "event-split", "source": g, "detail": f"in {len(parts)} events: {detail}"}
            )
    for p, parts in pred_parts.items():
        if len(parts) > 1:
            detail = " + ".join(f"{g} ({', '.join(where[(g, p)])})" for g in sorted(parts))
            scores.errors.append({"type": "event-merged", "source": p, "detail": detail})
    return scores


def _score_output_events(
    events_gold: list[dict], golds: list[dict], output: dict[str, list[dict]], names: Names
) -> EventScores:
    """Match each gold article's incidents to the extracted ones, then score events.jsonl."""
    event_of_incident: dict[str, str] = {}
    for event in output.get("events", []):
        for source in event.get("sources", []):
            event_of_incident[source.get("incident_id")] = event.get("event_id")
    articles: dict[str, dict] = {}
    for article in output["articles"]:
        articles.setdefault(Path(str(article.get("source", ""))).name, article)
    incidents: dict[str, list[dict]] = {}
    for row in output["incidents"]:
        incidents.setdefault(row.get("article_id"), []).append(row)
    matched: dict[tuple[str, int], str] = {}
    predicted_events: list[str] = []
    for gold in golds:
        article = articles.get(Path(gold["source"]).name)
        preds = incidents.get(article.get("article_id"), []) if article else []
        for pred in preds:
            incident_id = pred.get("incident_id")
            predicted_events.append(event_of_incident.get(incident_id) or f"alone:{incident_id}")
        for g, p in match_incidents(gold.get("incidents", []), preds, names):
            incident_id = preds[p].get("incident_id")
            matched[(gold["source"], g)] = (
                event_of_incident.get(incident_id) or f"alone:{incident_id}"
            )
    return score_events(
        events_gold, golds, lambda source, index: matched.get((source, index)), predicted_events
    )


def gold_as_records(golds: list[dict]) -> tuple[dict[str, dict], list[dict]]:
    """The gold incidents as if an extractor had found them all, field for field: (articles by
    id, incidents). Scoring events on these measures the grouping rules alone."""
    articles: dict[str, dict] = {}
    incidents: list[dict] = []
    for gold in golds:
        aid = _hash(gold["source"])
        articles[aid] = {
            "article_id": aid,
            "source": gold["source"],
            "published": gold.get("published"),
            "outlet": gold.get("outlet"),
            "url": gold.get("url"),
        }
        for n, incident in enumerate(gold.get("incidents", [])):
            if incident.get("optional"):
                continue  # an extractor may or may not report it; the scores leave it out
            iid = _hash(f"{gold['source']}#{n}")
            record = {k: v for k, v in incident.items() if k not in ("evidence", "optional")}
            record.update(
                incident_id=iid,
                article_id=aid,
                evidence=[{"text": incident.get("evidence") or "", "start": n, "end": n}],
            )
            incidents.append(record)
    return articles, incidents


def score_gold_events(
    events_gold: list[dict], golds: list[dict], group: Callable[[list[dict], dict], list]
) -> EventScores:
    """B-cubed of ``group(incidents, articles)`` (which returns event records) run on the
    gold incidents themselves (:func:`gold_as_records`): the rules with perfect extraction."""
    articles, incidents = gold_as_records(golds)
    events = group(incidents, articles)
    event_of_incident = {
        source.incident_id: event.event_id for event in events for source in event.sources
    }
    by_key = {}
    for gold in golds:
        for n, incident in enumerate(gold.get("incidents", [])):
            if not incident.get("optional"):
                by_key[(gold["source"], n)] = event_of_incident[_hash(f"{gold['source']}#{n}")]
    return score_events(
        events_gold, golds, lambda source, index: by_key.get((source, index)), by_key.values()
    )


def _hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]
