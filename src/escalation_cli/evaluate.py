"""Evaluate: score extracted JSONL against hand annotations (``shared/eval`` format).

Implements the matching rules of the gold README for every record type: incidents, quotes,
claims, bases, provinces and publication dates. Imports neither spaCy nor the pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
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
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

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
    quotes: PRF = field(default_factory=PRF)
    quote_speaker: Accuracy = field(default_factory=Accuracy)
    claims: PRF = field(default_factory=PRF)
    claim_claimant: Accuracy = field(default_factory=Accuracy)
    claim_distanced: PRF = field(default_factory=PRF)
    errors: Errors = field(default_factory=Errors)

    def as_dict(self) -> dict:
        return {
            "articles": {"gold": self.articles_gold, "found": self.articles_found},
            "published": {k: v.as_dict() for k, v in self.published.items()},
            "bases": self.bases.as_dict(),
            "provinces": self.provinces.as_dict(),
            "incidents": {
                **self.incidents.as_dict(),
                "fields": {k: v.as_dict() for k, v in self.incident_fields.items()},
            },
            "quotes": {**self.quotes.as_dict(), "speaker": self.quote_speaker.as_dict()},
            "claims": {
                **self.claims.as_dict(),
                "claimant": self.claim_claimant.as_dict(),
                "distanced": self.claim_distanced.as_dict(),
            },
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


def load_output(out_dir: Path) -> dict[str, list[dict]]:
    if not out_dir.is_dir():
        raise EvaluationError(f"{out_dir}: no such output directory (run escalation extract first)")
    articles = out_dir / "articles.jsonl"
    if not articles.is_file():
        raise EvaluationError(f"{articles}: missing (run escalation extract first)")
    return {
        kind: read_jsonl(out_dir / f"{kind}.jsonl") if (out_dir / f"{kind}.jsonl").is_file() else []
        for kind in RECORD_FILES
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


def _score_incidents(
    report: Report, source: str, golds: list[dict], preds: list[dict], names: Names
) -> None:
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

    matched = _greedy(golds, preds, score)
    for g, p in _count(report.incidents, golds, preds, matched):
        gold, pred = golds[g], preds[p]
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


def evaluate(gold_path: Path, out_dir: Path, gazetteer: Gazetteer | None = None) -> Report:
    golds = read_jsonl(gold_path)
    output = load_output(out_dir)
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
    return report
