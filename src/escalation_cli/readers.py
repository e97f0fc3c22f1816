"""Readers: files, directories and stdin in, :class:`Document` objects out.

Every input becomes a ``Document`` (cleaned text plus what its header said) or a
``ReadError`` naming the source and the reason, so one bad file never stops a batch.
Supported: ``.txt``/``.md`` (first non-empty line is the title, header lines follow),
``.html``/``.htm``, ``.json`` (one object or a list) and ``.jsonl``; stdin is sniffed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from escalation_cli import dates
from escalation_cli.untrusted import clean

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

STDIN = "-"


@dataclass
class Document:
    """One article as read: cleaned text and the metadata its header or container gave."""

    source: str
    text: str
    title: str | None = None
    published_text: str | None = None  # the header words the date came from
    published: str | None = None  # ISO date as given by a header or metadata
    published_precision: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    dateline: str | None = None  # "BAGHDAD", "WASHINGTON (AP)": where the story was filed
    # a numeric header date that is either of two days ("05-01-2024"), until the text settles it
    published_readings: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)

    @property
    def article_id(self) -> str:
        return article_id(self.text)


@dataclass(frozen=True)
class ReadError:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def article_id(text: str) -> str:
    """Stable id: a hash of the normalised text (Unicode NFC, whitespace collapsed)."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


# ---- walking paths ---------------------------------------------------------------------------


def iter_sources(paths: Iterable[str]) -> Iterator[str | ReadError]:
    """Expand files, directories (recursive, sorted) and ``-`` into a list of sources."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield _named(str(path))
        elif path.exists() or path.is_symlink():
            yield ReadError(str(path), "not a regular file")
        else:
            yield ReadError(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[str | ReadError]:
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path) -> Iterator[str | ReadError]:
        try:
            stat = directory.stat()
        except OSError as exc:
            yield ReadError(str(directory), exc.strerror or str(exc))
            return
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            yield ReadError(str(directory), "directory loop (symlink), skipped")
            return
        seen.add(key)
        try:
            children = sorted(directory.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            yield ReadError(str(directory), f"cannot list directory: {exc.strerror or exc}")
            return
        for child in children:
            if child.name.startswith("."):
                continue
            if child.is_dir():
                yield from visit(child)
            elif child.suffix.lower() in SUPPORTED_SUFFIXES:
                yield _named(str(child))

    yield from visit(root)


def _named(source: str) -> str | ReadError:
    """The file, or an error when its name is not UTF-8: such a name cannot be written into
    the JSONL records or the state, so the file is refused (shown with its bytes escaped)."""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(source).decode("utf-8", "backslashreplace")
        return ReadError(shown, "file name is not valid UTF-8 (rename the file); not read")
    return source


def iter_documents(paths: Iterable[str]) -> Iterator[Document | ReadError]:
    """Every document in ``paths``, in a stable order, with errors in line."""
    for source in iter_sources(paths):
        if isinstance(source, ReadError):
            yield source
            continue
        yield from read_source(source)


DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_CHARS = 200_000  # a longer "article" is a dump, not news: the rest is cut with a warning


@dataclass(frozen=True)
class RawSource:
    """The bytes of one input, read within the size limit."""

    name: str
    data: bytes
    kind: str


def read_raw(source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawSource | ReadError:
    """Read one input whole, refusing (before reading) anything over ``max_bytes``."""
    try:
        if source == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                return ReadError(
                    "<stdin>",
                    f"more than {_size(max_bytes)} on stdin (the --max-bytes limit); not read",
                )
            return RawSource("<stdin>", data, _sniff(data))
        path = Path(source)
        size = path.stat().st_size
        if size > max_bytes:
            return ReadError(
                source,
                f"file is {_size(size)}, over the --max-bytes limit of "
                f"{_size(max_bytes)}; not read",
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            return ReadError(
                source,
                f"file grew over the --max-bytes limit of "
                f"{_size(max_bytes)} while reading; not read",
            )
        return RawSource(source, data, _kind_of(source, data))
    except IsADirectoryError:
        return ReadError(source, "is a directory")
    except OSError as exc:
        return ReadError(source, exc.strerror or str(exc))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_source(source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    raw = read_raw(source, max_bytes)
    if isinstance(raw, ReadError):
        yield raw
        return
    yield from parse_bytes(raw.data, raw.name, raw.kind)


def parse_bytes(data: bytes, source: str, kind: str) -> Iterator[Document | ReadError]:
    if not data.strip():
        yield ReadError(source, "empty file")
        return
    if b"\x00" in data[:8192]:
        yield ReadError(source, "binary file (contains NUL bytes), not an article")
        return
    text = decode(data)
    if kind == "html":
        yield _checked(parse_html(text, source))
    elif kind == "json":
        yield from parse_json(text, source)
    elif kind == "jsonl":
        yield from parse_jsonl(text, source)
    else:
        yield _checked(parse_text(text, source))


def _checked(doc: Document | ReadError) -> Document | ReadError:
    if isinstance(doc, Document) and len(doc.text) > MAX_CHARS:
        doc.text = doc.text[:MAX_CHARS]
        doc.warnings.append(f"text cut to the first {MAX_CHARS:,} characters")
    if isinstance(doc, Document):
        body = doc.text.strip()
        if doc.title and body.startswith(doc.title):
            body = body[len(doc.title) :].strip()
        if not body:
            return ReadError(
                doc.source, "no article text (only a title)" if doc.title else "no article text"
            )
    return doc


def _kind_of(path: str, data: bytes) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:512].lower()
    if head.startswith(b"<"):
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        # one object per line, or one object over many lines
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except (ValueError, RecursionError):
            return "json"
    return "text"


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1: never fails. Control characters
    and bidi overrides are taken out (:func:`escalation_cli.untrusted.clean`)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return unicodedata.normalize("NFC", clean(text))


# ---- plain text ------------------------------------------------------------------------------

# A line that starts the site furniture after the article: everything from it on is dropped.
_TRAILER = re.compile(
    r"^\s*(most popular|most read|leave a (reply|comment)|related (stories|articles|posts|news)|"
    r"check also|read also|you may also like|more stories|recommended|share this:?|like this:?|"
    r"%d bloggers like this:?|comments|subscribe( to our newsletter)?|support [\w .'-]{2,40}\.*|"
    r"click here to support|tags?:.*|also read|trending( now)?|latest news)\s*$",
    re.IGNORECASE,
)
# Lines dropped wherever they occur: links to other stories and photo credits.
_FURNITURE = re.compile(
    r"^\s*(read more|read also|see also|also read|related)\s*:.*$"
    r"|^\s*\(?photo( credit)?\s*:.*\)?\s*$"
    r"|^\s*\u00a9.*$"  # "© Photographer/Agency": a credit line
    r"|^.{0,80}\b(see|watch|read) (it|more|the video|the full story) here\b.{0,20}$",
    re.IGNORECASE,
)
# Lines a scraper leaves above the story, dropped there: empty labels ("ID :", "Story Code :
# 1113586"), breadcrumbs and language menus ("News / Iraq / Military"), template tokens
# ("author_image Kurdistan 24", "access_time 13 hours ago"), a lone navigation word.
_HEAD_FURNITURE = re.compile(
    r"^\s*[\w ]{1,24}\s:\s*\w{0,12}\s*$"
    r"|^\s*[^/|]{1,25}(?:\s[/|>\u00bb]\s+[^/|]{1,25}){2,}\s*[/|]?\s*$"
    r"|^\s*[a-z]+_[a-z_]+\b(?:\s+\S+){0,5}\s*$"
    r"|^\s*\d+\s+(?:seconds?|minutes?|mins?|hours?|days?)\s+ago\s*$"
    r"|^\s*(?:subscribe|sign in|log ?in|menu|search|advertisement|share|print|home)\s*$",
    re.IGNORECASE,
)
# A leading metadata field with an ISO date, sometimes followed on the same line by a section
# label ("date 2023-01-08 Theme") or by the story itself ("date 2023-02-19 Rockets hit ...").
_DATE_FIELD = re.compile(
    r"^\s*(?:date|published|posted|pubdate|datetime)\s*:?\s+"
    r"(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A dateline opening the first paragraph of the story: "BAGHDAD —", "ERBIL, Kurdistan Region —",
# "WASHINGTON (AP) –", "TEHRAN, Sep. 07 (MNA) –", and an agency prefix "Shafaq News/ ".
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+)*"
    r"(?:,\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})?"
    r"(?:,?\s*[A-Z][a-z]{2,3}\.?\s\d{1,2})?"
    r"(?:\s*\([^()\n]{1,40}\))?)\s*[\u2013\u2014-]{1,2}\s+(?=\S)"
    r"|^(?P<agency>[A-Z][\w]+(?:\s[A-Z][\w]+){0,3})/\s+(?=[A-Z\u201c\"])"
    # a dateline that lost its dash: "BAGHDAD A militiaman was killed ..."
    r"|^(?P<bare>[A-Z]{4,}(?:[ -][A-Z]{2,})*)\s+(?=(?:A|An|The)\s)"
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_BYLINE = re.compile(
    r"^\s*by\s+(?P<who>[^\n]{2,80}?)\s*(?:[-\u2013\u2014|,]\s*(?P<date>.+))?$", re.I
)
_SOURCE_LINE = re.compile(r"^\s*(source|sources|via)\s*:\s*(?P<outlet>.{2,60})$", re.I)
_STAFF_WORDS = re.compile(r"\b(desk|staff|team|editor|editors|correspondents?|reporters?)\b", re.I)
_OUTLET_WORDS = re.compile(
    r"\b(english|news|agency|times|post|daily|tv|network|media|press|dispatch|cradle|"
    r"mayadeen|akhbar|reuters|baladi|rudaw|newsweek)\b",
    re.I,
)


def parse_text(text: str, source: str, title: str | None = None) -> Document:
    """Plain text: the first non-empty line is the title unless one is given."""
    return _document(text.split("\n"), source, title=title, title_from_text=title is None)


def _document(
    lines: list[str], source: str, *, title: str | None, title_from_text: bool
) -> Document:
    """Clean lines into a Document: trailer cut, furniture dropped, header lines read.

    The text keeps the title as its first paragraph so that offsets cover everything read.
    """
    lines = _strip_trailer(lines)
    lines = [ln for ln in lines if not _FURNITURE.match(ln)]
    doc = Document(source=source, text="", title=title)
    lines = _clear_head(lines, doc)
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    if title_from_text:
        # header lines above the headline ("Fri, 02/26/2021 - 22:33") are read, not titles
        while nonempty and _read_header_line(lines[nonempty[0]], doc):
            lines[nonempty[0]] = ""
            nonempty = nonempty[1:]
        repeated = _repeated_line(lines, nonempty[:3])
        if repeated is not None:
            # a headline printed twice (page title and heading): what stands above it is the
            # site's name
            for i in nonempty[: nonempty.index(repeated)]:
                lines[i] = ""
            nonempty = nonempty[nonempty.index(repeated) :]
    if title_from_text and nonempty and _is_headline(lines[nonempty[0]]):
        doc.title = " ".join(lines[nonempty[0]].split())
        lines = lines[: nonempty[0] + 1] + [""] + lines[nonempty[0] + 1 :]
        nonempty = [i + 1 if i > nonempty[0] else i for i in nonempty[1:]]
    elif title and nonempty and " ".join(lines[nonempty[0]].split()) == title:
        nonempty = nonempty[1:]
    elif title:
        lines = [title, ""] + lines
        nonempty = [i + 2 for i in nonempty]
    for i in nonempty[:6]:
        if doc.title and " ".join(lines[i].split()) == doc.title:
            lines[i] = ""  # the headline printed twice
        elif _read_header_line(lines[i], doc):
            lines[i] = ""
    lines = _cut_dateline(lines, doc)
    doc.text = _join(_drop_repeats(lines))
    if doc.published is None and doc.published_readings:
        # "05-01-2024" over a story that writes "On 3 January": the fifth of January
        settled = dates.settle_numeric_date(doc.published_readings, doc.text)
        if settled:
            doc.published, doc.published_precision = settled, "day"
    doc.published_readings = ()
    return doc


_HEAD_LINES = 8  # how far down the scraper's furniture and metadata are looked for


def _clear_head(lines: list[str], doc: Document) -> list[str]:
    """Drop the furniture above the story and read a leading ``date YYYY-MM-DD`` field.

    What follows the field on its line stays when it is a headline or the story itself, and is
    dropped when it is a section label ("Theme", "1. Politics").
    """
    lines = list(lines)
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        field = _DATE_FIELD.match(line)
        if field:
            parsed = dates.parse_header_date(field.group("date"))
            if parsed and doc.published is None:
                doc.published, doc.published_precision = parsed
                doc.published_text = field.group("date")
            rest = field.group("rest").strip()
            lines[i] = rest if len(_WORD.findall(rest)) >= 4 else ""
        elif _HEAD_FURNITURE.match(line) or (seen <= 3 and _TRAILER.match(line)):
            lines[i] = ""
    return lines


def _repeated_line(lines: list[str], indices: list[int]) -> int | None:
    """The first of these lines that is printed again among them, if any."""
    texts = [" ".join(lines[i].split()) for i in indices]
    for n, text in enumerate(texts):
        if (
            text in texts[n + 1 :]
            and 3 <= len(text.split()) <= 20
            and not text.endswith((".", ")"))
            and not _is_outlet_line(text)
        ):
            return indices[n]
    return None


def _is_headline(line: str) -> bool:
    """A first line that can be a title: short, and not a sentence of the story."""
    words = line.split()
    if len(words) > 30:
        return False
    return not (len(words) > 6 and line.rstrip().endswith((".", "\u201d", '"')))


def _cut_dateline(lines: list[str], doc: Document) -> list[str]:
    """Take the dateline off the paragraph it opens: it says where the story was filed, not
    where anything happened, so neither the gazetteer nor the incidents may read it."""
    lines = list(lines)
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEAD_LINES + 2:
            break
        if doc.title and i == 0:
            continue
        match = _DATELINE.match(line.strip())
        if match:
            found = match.group("dateline") or match.group("agency") or match.group("bare")
            doc.dateline = " ".join(found.split())
            lines[i] = line.strip()[match.end() :]
            break
    return lines


def _drop_repeats(lines: list[str]) -> list[str]:
    """A paragraph printed twice in a row (captions often are), or printed once and then again
    with a credit added, is kept once: its second copy."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    kept: list[list[str]] = []
    for paragraph in paragraphs:
        text = " ".join(" ".join(paragraph).split())
        if kept and text:
            previous = " ".join(" ".join(kept[-1]).split())
            if previous and text.startswith(previous) and len(previous) >= 40:
                kept[-1] = paragraph
                continue
        kept.append(paragraph)
    out: list[str] = []
    for paragraph in kept:
        out.extend(paragraph)
        out.append("")
    return out


def _metadata_date(value: str, text: str) -> tuple[str, str] | None:
    """A date field of HTML or JSON metadata; a numeric one that is either of two days
    ("05/01/2024") read the way the story writes its dates, as in a text header."""
    parsed = dates.parse_header_date(value)
    if parsed is None:
        settled = dates.settle_numeric_date(dates.numeric_date_readings(value), text)
        parsed = (settled, "day") if settled else None
    return parsed


def _read_header_line(line: str, doc: Document) -> bool:
    """Take date/byline/outlet from one header line; True if the line was only header."""
    stripped = line.strip()
    if len(stripped.split()) > 14:
        return False
    match = _SOURCE_LINE.match(stripped)
    if match:
        return True  # "Source: Agencies" names a wire, not the outlet
    match = _BYLINE.match(stripped)
    if match:
        who = match.group("who").strip()
        when = match.group("date")
        if when:
            parsed = dates.parse_header_date(when)
            if parsed is None:
                who = stripped[match.start("who") :].strip()  # "By Staff, Agencies"
            elif doc.published is None:
                doc.published, doc.published_precision = parsed
                doc.published_text = when.strip()
        if _OUTLET_WORDS.search(who) and not _STAFF_WORDS.search(who) and len(who.split()) <= 5:
            doc.outlet = doc.outlet or who
        else:
            doc.author = doc.author or who
        return True
    parsed = dates.parse_header_date(stripped)
    if parsed is not None:
        if doc.published is None:
            doc.published, doc.published_precision = parsed
            doc.published_text = stripped
        return True
    readings = dates.numeric_date_readings(stripped)
    if readings:
        if doc.published is None and not doc.published_readings:
            doc.published_readings, doc.published_text = readings, stripped
        return True
    if _is_outlet_line(stripped):
        doc.outlet = doc.outlet or stripped
        return True
    return False


def _is_outlet_line(line: str) -> bool:
    """ "Zhyan News Network": a short line of capitalised words naming a news organisation."""
    words = line.split()
    return (
        1 <= len(words) <= 5
        and bool(_OUTLET_WORDS.search(line))
        and not _STAFF_WORDS.search(line)
        and all(w[0].isupper() or w[0].isdigit() or w in ("of", "and", "the") for w in words)
    )


def _strip_trailer(lines: list[str]) -> list[str]:
    """Cut at the first trailer marker after the opening lines, or at a run of non-Latin text."""
    start = min(len(lines), 3)
    for i in range(start, len(lines)):
        line = lines[i]
        if _TRAILER.match(line) or _is_foreign_block(line):
            return lines[:i]
    return lines


def _is_foreign_block(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8:
        return False
    latin = sum(1 for c in letters if c < "\u0250")
    return latin / len(letters) < 0.2


def _join(lines: list[str]) -> str:
    """Paragraphs separated by one blank line; leading/trailing blank lines dropped."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


# ---- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "tr",
    "blockquote",
    "figcaption",
    "header",
    "footer",
    "ul",
    "ol",
    "table",
    "main",
    "aside",
    "pre",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "iframe"}
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "dcterms.created",
)


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self._skip = 0
        self._in_title = False
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "meta":
            key = (
                attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ""
            ).lower()
            if key and "content" in attrs:
                self.meta.setdefault(key, clean(attrs["content"]).strip())
        elif tag == "time" and self.time_datetime is None and attrs.get("datetime"):
            self.time_datetime = clean(attrs["datetime"])
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split():
            self.meta.setdefault("canonical", clean(attrs.get("href", "")).strip())
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP_TAGS:
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        data = clean(data)  # character references can spell control characters
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._skip:
            return
        if self._in_h1:
            self.h1.append(data)
        self.parts.append(data)


def parse_html(text: str, source: str) -> Document:
    parser = _HTMLText()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything left is a broken file
        return ReadError(source, f"cannot parse HTML: {exc}")  # type: ignore[return-value]
    raw = "".join(parser.parts)
    lines = [" ".join(ln.split()) for ln in raw.split("\n")]
    title = (
        parser.meta.get("og:title")
        or " ".join("".join(parser.h1).split())
        or " ".join("".join(parser.title_parts).split())
        or None
    )
    doc = _document(lines, source, title=title, title_from_text=title is None)
    if doc.published is None:
        for key in _DATE_META:
            value = parser.meta.get(key)
            if value:
                parsed = _metadata_date(value, doc.text)
                if parsed:
                    doc.published, doc.published_precision = parsed
                    doc.published_text = value
                    break
    if doc.published is None and parser.time_datetime:
        parsed = dates.parse_header_date(parser.time_datetime)
        if parsed:
            doc.published, doc.published_precision = parsed
            doc.published_text = parser.time_datetime
    doc.author = doc.author or parser.meta.get("author") or None
    doc.outlet = doc.outlet or parser.meta.get("og:site_name") or None
    url = parser.meta.get("og:url") or parser.meta.get("canonical") or ""
    doc.url = url if re.match(r"https?://", url, re.I) else None  # never a javascript: link
    return doc


# ---- JSON ------------------------------------------------------------------------------------

TOO_DEEP = "JSON nested too deeply to be an article, not read"
_TEXT_KEYS = ("text", "body", "content", "article", "article_text")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("published", "date", "published_at", "publishedAt", "pubdate", "datetime", "time")


def parse_json(text: str, source: str) -> Iterator[Document | ReadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(source, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    except RecursionError:
        yield ReadError(source, TOO_DEEP)
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, start=1):
        name = source if len(items) == 1 else f"{source}#{index}"
        yield from _from_object(item, name)


def parse_jsonl(text: str, source: str) -> Iterator[Document | ReadError]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{source}:{lineno}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(name, f"invalid JSON on line {lineno}: {exc.msg}")
            continue
        except RecursionError:
            yield ReadError(name, TOO_DEEP)
            continue
        yield from _from_object(item, name)


def _from_object(item: object, name: str) -> Iterator[Document | ReadError]:
    if not isinstance(item, dict):
        yield ReadError(name, "expected a JSON object with a text, body or content field")
        return
    body = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str)), None)
    if body is None:
        yield ReadError(name, "no text, body or content field")
        return
    body = clean(body)  # JSON escapes can spell control characters
    title = _title_of(item)
    if "<" in body and re.search(r"</?(p|div|br|span|a)\b", body, re.I):
        doc = parse_html(body, name)
        if isinstance(doc, ReadError):
            yield doc
            return
        if title:
            doc = _document(doc.text.split("\n"), name, title=title, title_from_text=False)
    else:
        lines = unicodedata.normalize("NFC", body).replace("\r\n", "\n").split("\n")
        doc = _document(lines, name, title=title, title_from_text=False)
    for key in _DATE_KEYS:
        value = _string(item, key)
        if value.strip():
            parsed = _metadata_date(value, doc.text)
            if parsed:
                doc.published, doc.published_precision = parsed
                doc.published_text = value
                break
    for key, attr in (
        ("url", "url"),
        ("link", "url"),
        ("author", "author"),
        ("byline", "author"),
        ("outlet", "outlet"),
        ("source", "outlet"),
        ("site", "outlet"),
    ):
        value = _string(item, key).strip()
        if value and getattr(doc, attr) is None:
            setattr(doc, attr, value)
    yield _checked(doc)


def _title_of(item: dict) -> str | None:
    for key in _TITLE_KEYS:
        value = " ".join(_string(item, key).split())
        if value:
            return value
    return None


def _string(item: dict, key: str) -> str:
    """A string field, cleaned like article text; "" when absent or not a string."""
    value = item.get(key)
    return clean(value) if isinstance(value, str) else ""
