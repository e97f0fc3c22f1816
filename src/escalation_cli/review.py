"""Review: one article with what the extractor saw in it, for a person to check.

In the terminal (rich) or as a standalone HTML page (spaCy's displaCy, span style, which shows
overlapping marks). Entities are found again with the gazetteer on a blank tokenizer, so no
statistical model is loaded; incidents, quotes and claims come from the written records.
Every text shown comes from articles, so it goes through :mod:`escalation_cli.untrusted`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from escalation_cli.stats import KINDS, StatsError, iter_records
from escalation_cli.untrusted import html_text, mask

ENTITY_COLOURS = {
    "BASE": "#f4a261",
    "PROVINCE": "#8ecae6",
    "PLACE": "#bde0fe",
    "ACTOR": "#cdb4db",
    "INCIDENT": "#e76f51",
    "QUOTE": "#90be6d",
    "CLAIM": "#ffd166",
}
TERMINAL_STYLES = {
    "BASE": "bold dark_orange",
    "PROVINCE": "bold cyan",
    "PLACE": "cyan",
    "ACTOR": "magenta",
    "QUOTE": "green",
    "CLAIM": "yellow",
}


@dataclass
class ArticleView:
    article: dict
    incidents: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # the events its incidents belong to
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, label)


def load_article(out_dir: str, key: str, on_error=lambda e: None) -> ArticleView:
    """The article whose id starts with ``key`` or whose source ends with it."""
    if not Path(out_dir).is_dir():
        raise StatsError(f"{out_dir}: no such output directory (run escalation extract first)")
    view: ArticleView | None = None
    for kind, record in iter_records(out_dir, on_error):
        if kind == "articles":
            if view is None and _is_match(record, key):
                view = ArticleView(article=record)
        elif kind == "events":
            if view is not None and any(
                isinstance(s, dict) and s.get("article_id") == view.article["article_id"]
                for s in record.get("sources") or []
            ):
                view.events.append(record)
        elif view is not None and record.get("article_id") == view.article["article_id"]:
            getattr(view, kind).append(record)
    if view is None:
        raise StatsError(f"{key}: no article with this id or source in {out_dir}")
    return view


def _is_match(record: dict, key: str) -> bool:
    """By id or its first characters, by source path, or by file name or its beginning."""
    source = str(record.get("source", ""))
    return (
        str(record.get("article_id", "")).startswith(key)
        or source == key
        or source.endswith("/" + key)
        or Path(source).name.startswith(key)
    )


def mark_spans(view: ArticleView, patterns_dirs=()) -> None:
    """Entity marks from the gazetteer, then the records' own offsets."""
    import spacy

    from escalation_cli.nlp import build_nlp

    nlp = build_nlp(nlp=spacy.blank("en"), patterns_dirs=patterns_dirs)
    doc = nlp(view.article.get("text", ""))
    view.marks = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    for incident in view.incidents:
        for evidence in incident.get("evidence", []):
            view.marks.append((evidence["start"], evidence["end"], "INCIDENT"))
    for quote in view.quotes:
        view.marks.append((quote["start"], quote["end"], "QUOTE"))
    for claim in view.claims:
        view.marks.append((claim["start"], claim["end"], "CLAIM"))
    view.marks.sort()


def render_html(view: ArticleView) -> str:
    """A standalone HTML page: the text with every mark (displaCy span style)."""
    import spacy
    from spacy import displacy

    text = article_text(view)
    doc = spacy.blank("en")(text)
    spans = []
    for start, end, label in view.marks:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        spans.append({"start_token": span.start, "end_token": span.end, "label": html_text(label)})
    # displaCy escapes the tokens but puts the title and the labels in the page as they are
    title = html_text(view.article.get("title") or view.article.get("source"))
    data = {"text": text, "tokens": [t.text for t in doc], "spans": spans, "title": title}
    html = displacy.render(
        data, style="span", manual=True, page=True, options={"colors": ENTITY_COLOURS}
    )
    html = html.replace("<head>", "<head>" + PAGE_HEAD, 1)
    return html.replace("</body>", _record_tables(view) + "</body>", 1)


# The page declares its encoding and forbids scripts, frames, forms and anything fetched, so
# even text that got past an escape could not run or call home (inline styles only).
PAGE_HEAD = (
    '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'; style-src 'unsafe-inline'; form-action 'none'\">"
)


def article_text(view: ArticleView) -> str:
    """The article text to show, unsafe characters masked one for one (offsets hold)."""
    return mask(str(view.article.get("text") or ""))


def _record_tables(view: ArticleView) -> str:
    rows = []
    rows.append(
        "<h2>Incidents</h2><table class='incidents'><tr><th>date</th><th>weapon</th>"
        "<th>where</th><th>perpetrator</th><th>killed</th><th>wounded</th></tr>"
    )
    for i in view.incidents:
        cells = incident_summary(i)[:-1]
        rows.append("<tr>" + "".join(f"<td>{html_text(v)}</td>" for v in cells) + "</tr>")
    rows.append("</table><h2>Quotes</h2><ul class='quotes'>")
    for q in view.quotes:
        rows.append(
            f"<li><b>{html_text(str(q.get('speaker')))}</b> ({html_text(str(q.get('cue')))}): "
            f"{html_text(q.get('text'))}</li>"
        )
    rows.append("</ul><h2>Claims</h2><ul class='claims'>")
    for c in view.claims:
        doubt = " <i>(distanced)</i>" if c.get("distanced") else ""
        rows.append(
            f"<li><b>{html_text(str(c.get('claimant')))}</b> ({html_text(c.get('cue'))})"
            f"{doubt}: {html_text(c.get('content'))}</li>"
        )
    rows.append("</ul>")
    return "<div style='font-family: sans-serif; padding: 1em 2em'>" + "".join(rows) + "</div>"


def incident_summary(incident: dict) -> tuple[str, ...]:
    """date, weapon, where, perpetrator, killed, wounded, evidence: one row for people."""
    where = (
        incident.get("base")
        or incident.get("place")
        or incident.get("province")
        or incident.get("country")
        or ""
    )
    evidence = (incident.get("evidence") or [{}])[0].get("text", "")[:60]
    values = (
        incident.get("date"),
        incident.get("weapon"),
        where,
        incident.get("perpetrator"),
        incident.get("killed"),
        incident.get("wounded"),
        evidence,
    )
    return tuple("" if v is None else str(v) for v in values)


def terminal_text(view: ArticleView):
    """The text as rich Text, entities coloured, quotes and claims styled."""
    from rich.text import Text

    text = Text(article_text(view))
    for start, end, label in view.marks:
        if label == "INCIDENT":
            text.stylize("underline", start, end)
        else:
            text.stylize(TERMINAL_STYLES.get(label, "bold"), start, end)
    return text


__all__ = ["KINDS", "ArticleView", "load_article", "mark_spans", "render_html", "terminal_text"]


def event_summary(event: dict, article_id: str) -> tuple[str, ...]:
    """event id, date, where, reports, the other sources, what they disagree on: one row."""
    where = event.get("base") or event.get("place") or event.get("province") or ""
    others = [
        s.get("outlet") or Path(str(s.get("source") or s.get("article_id"))).name
        for s in event.get("sources") or []
        if isinstance(s, dict) and s.get("article_id") != article_id
    ]
    values = (
        event.get("event_id"),
        event.get("date"),
        f"{event.get('weapon')} {where}".strip(),
        str(event.get("n_articles")),
        "; ".join(dict.fromkeys(others)),
        ", ".join(event.get("disputed") or []),
    )
    return tuple("" if v is None else str(v) for v in values)
