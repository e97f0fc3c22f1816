import io
import json

import pytest

from escalation_cli.readers import (
    Document,
    ReadError,
    article_id,
    iter_documents,
    parse_bytes,
    parse_text,
)


def one(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_text_title_byline_with_date():
    doc = parse_text(
        "Rockets hit base\nA standfirst line that is part of the story.\n"
        "By News Desk - March 26 2023\n\nBody paragraph one.\n\nBody two.",
        "a.txt",
    )
    assert doc.title == "Rockets hit base"
    assert (doc.published, doc.published_precision) == ("2023-03-26", "day")
    assert doc.author == "News Desk"
    assert doc.outlet is None
    assert doc.text.startswith("Rockets hit base\n\nA standfirst line")
    assert "By News Desk" not in doc.text


def test_text_date_line_and_outlet_byline():
    doc = parse_text(
        "Title here\n\nMarch 25, 2023\n\nSource: Agencies\n\nBy Al Mayadeen English\n\nThe text.",
        "b.txt",
    )
    assert doc.published == "2023-03-25"
    assert doc.outlet == "Al Mayadeen English"
    assert doc.author is None
    assert doc.text == "Title here\n\nThe text."


def test_trailer_is_not_article_text_and_its_date_is_ignored():
    doc = parse_text(
        "Title\n\nThe story says something.\n\nCheck Also\n\nAnother Story, November 18, 2024\n\n"
        "Teaser text.",
        "c.txt",
    )
    assert doc.text == "Title\n\nThe story says something."
    assert doc.published is None


def test_furniture_lines_dropped_but_story_continues():
    doc = parse_text(
        "Title\n\nFirst.\n\nRead more: Some other story\n\nSecond.\n\nLeave a Reply\n\n"
        "Your email address will not be published.",
        "d.txt",
    )
    assert doc.text == "Title\n\nFirst.\n\nSecond."


def test_foreign_script_block_ends_the_article():
    doc = parse_text(
        "Title\n\nStory text here.\n\n\u0627\u0644\u0646\u0633\u062e\u0629 "
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u0645\u0646\n\nSupport us",
        "e.txt",
    )
    assert doc.text == "Title\n\nStory text here."


def test_cp1252_bytes_are_decoded():
    data = "Title\n\nThe \u201cHarir\u201d base \u2013 caf\u00e9.".encode("cp1252")
    doc = one(parse_bytes(data, "f.txt", "text"))
    assert isinstance(doc, Document)
    assert "\u201cHarir\u201d" in doc.text and "caf\u00e9" in doc.text


def test_empty_and_binary_files_are_errors():
    assert isinstance(one(parse_bytes(b"  \n", "g.txt", "text")), ReadError)
    error = one(parse_bytes(b"\x00\x01\x02abc", "h.txt", "text"))
    assert isinstance(error, ReadError) and "binary" in error.reason


def test_html_visible_text_title_and_meta_date():
    html = (
        "<html><head><title>Site | Page</title><meta property='og:title' content='Drone hits base'>"
        "<meta property='article:published_time' content='2024-02-03T08:15:00Z'>"
        "<script>var x = 'not text';</script></head><body><nav>Home</nav><article>"
        "<h1>Drone hits base</h1><p>A drone hit the base.</p><p>Nobody was hurt.</p></article>"
        "<aside><h3>Related Stories</h3><p>Old story</p></aside></body></html>"
    )
    doc = one(parse_bytes(html.encode(), "p.html", "html"))
    assert doc.title == "Drone hits base"
    assert doc.published == "2024-02-03"
    assert doc.text == "Drone hits base\n\nA drone hit the base.\n\nNobody was hurt."


def test_html_without_body_text_is_an_error():
    error = one(parse_bytes(b"<html><head><title>x</title></head></html>", "q.html", "html"))
    assert isinstance(error, ReadError) and "no article text" in error.reason


def test_json_object_and_list():
    obj = {"title": "T", "body": "Rockets fell.", "published": "2023-11-09", "url": "u"}
    doc = one(parse_bytes(json.dumps(obj).encode(), "x.json", "json"))
    assert (doc.title, doc.published, doc.url) == ("T", "2023-11-09", "u")
    assert doc.text == "T\n\nRockets fell."
    docs = list(parse_bytes(json.dumps([obj, {"content": "Other."}]).encode(), "y.json", "json"))
    assert [d.source for d in docs] == ["y.json#1", "y.json#2"]


def test_jsonl_bad_line_is_reported_with_line_number_and_rest_kept():
    data = b'{"text": "One."}\n{not json\n{"content": "Three."}\n["no object"]\n'
    items = list(parse_bytes(data, "z.jsonl", "jsonl"))
    assert isinstance(items[0], Document) and isinstance(items[2], Document)
    assert isinstance(items[1], ReadError) and "line 2" in str(items[1])
    assert isinstance(items[3], ReadError) and items[3].source == "z.jsonl:4"


def test_directory_walk_is_recursive_sorted_and_reports_missing(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two\n\nText two.")
    (tmp_path / "1.txt").write_text("One\n\nText one.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = list(iter_documents([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert [getattr(i, "title", None) for i in items[:2]] == ["One", "Two"]
    assert isinstance(items[2], ReadError) and "no such file" in items[2].reason


def test_stdin_is_sniffed(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "From stdin."}\n')))
    doc = one(iter_documents(["-"]))
    assert doc.text == "From stdin." and doc.source == "<stdin>:1"


def test_article_id_is_stable_under_whitespace():
    assert article_id("A  b\n c") == article_id("A b c")
    assert len(article_id("x")) == 16


# ---- the head of an article as scrapers deliver it -------------------------------------------


def test_leading_date_field_with_a_section_label_is_not_the_title():
    doc = parse_text(" date 2022-05-04 Theme\nRockets fall on a base\n\nThe body text.", "h1.txt")
    assert (doc.published, doc.title) == ("2022-05-04", "Rockets fall on a base")
    assert "Theme" not in doc.text and "2022-05-04" not in doc.text


def test_leading_date_field_followed_by_the_story_keeps_the_story():
    doc = parse_text(
        " date 2022-05-04 Two rockets struck a base near the river on Tuesday, officials said.\n\n"
        "More text follows here.",
        "h2.txt",
    )
    assert doc.published == "2022-05-04"
    assert doc.title is None  # a sentence of the story is no headline
    assert doc.text.startswith("Two rockets struck a base")


def test_date_line_shapes_of_scrapers():
    for line, iso in [
        ("May 4, 2022 Updated: May 5, 2022", "2022-05-04"),
        ("AFP , AP , Wednesday 4 May 2022", "2022-05-04"),
        ("Wed, 05/04/2022 - 10:15", "2022-05-04"),
        ("Wednesday 4 May 2022 - 08:29", "2022-05-04"),
    ]:
        doc = parse_text(f"Headline of the day\n\n{line}\n\nThe body text.", "h3.txt")
        assert doc.published == iso, line
        assert doc.text == "Headline of the day\n\nThe body text.", line


def test_furniture_above_the_headline_is_dropped_and_a_date_there_read():
    doc = parse_text(
        "ID :\nWed, 05/04/2022 - 10:15\nAuther :\n\nRockets fall on a base\n\nThe body text.",
        "h4.txt",
    )
    assert (doc.title, doc.published) == ("Rockets fall on a base", "2022-05-04")
    assert doc.text == "Rockets fall on a base\n\nThe body text."


def test_breadcrumbs_template_tokens_and_nav_words_are_not_text():
    doc = parse_text(
        "Subscribe\nNews / World / Region\n\nRockets fall on a base\naccess_time 3 hours ago\n"
        "author_image Some Outlet\n\nThe body text.",
        "h5.txt",
    )
    assert doc.title == "Rockets fall on a base"
    assert doc.text == "Rockets fall on a base\n\nThe body text."


def test_headline_printed_twice_below_the_site_name():
    doc = parse_text(
        "Daily Example News and Opinion\n\nRockets fall on a base\n\nRockets fall on a base\n\n"
        "The body text.",
        "h6.txt",
    )
    assert doc.title == "Rockets fall on a base"
    assert doc.text == "Rockets fall on a base\n\nThe body text."


def test_outlet_line_and_byline_without_date():
    doc = parse_text(
        "Rockets fall on a base\n\nExample News Network\n\nBy Staff, Agencies\n\nThe body text.",
        "h7.txt",
    )
    assert (doc.outlet, doc.author) == ("Example News Network", "Staff, Agencies")
    assert doc.text == "Rockets fall on a base\n\nThe body text."


def test_dateline_is_taken_off_the_first_paragraph():
    for opening, where in [
        ("RIVERTON \u2014 ", "RIVERTON"),
        ("RIVERTON, Northland \u2014 ", "RIVERTON, Northland"),
        ("RIVERTON (AP) \u2013 ", "RIVERTON (AP)"),
        ("RIVERTON, Sep. 07 (XNA) \u2013 ", "RIVERTON, Sep. 07 (XNA)"),
        ("Example News/ ", "Example News"),
    ]:
        doc = parse_text(f"Headline\n\n{opening}Rockets fell on the base.", "h8.txt")
        assert doc.dateline == where, opening
        assert doc.text == "Headline\n\nRockets fell on the base.", opening


def test_capitals_in_a_sentence_are_no_dateline():
    doc = parse_text("Headline\n\nNATO said on Monday that rockets fell.", "h9.txt")
    assert doc.dateline is None and doc.text.endswith("NATO said on Monday that rockets fell.")


def test_caption_printed_twice_with_its_credit_is_kept_once():
    caption = "A soldier stands near a damaged wall at the base on a cold morning"
    doc = parse_text(
        f"Headline\n\n{caption}.\n\n{caption}. (Jane Doe/Agency)\n\nThe body text.", "h10.txt"
    )
    assert doc.text == f"Headline\n\n{caption}. (Jane Doe/Agency)\n\nThe body text."


# ---- untrusted text: control characters and bidi overrides never reach a Document -----------

HOSTILE = "\x1b]0;title\x07\x1b[31mred\x1b[0m \u202egnp.exe\u202c \u2066iso\u2069 \x9b1m\x01\x7f"
UNSAFE = set(map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]))
UNSAFE |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def fields(doc: Document) -> list[str]:
    values = (doc.text, doc.title, doc.published_text, doc.outlet, doc.author, doc.url)
    return [v for v in values if v]


def assert_clean(doc: Document) -> None:
    assert isinstance(doc, Document), doc
    for value in fields(doc):
        assert not set(value) & UNSAFE, value


def test_text_reader_removes_controls_before_header_and_offsets():
    data = f"Title {HOSTILE}\r\nMarch 5,\x1b 2024\r\n\r\nBody {HOSTILE} text.\x0cNext\n".encode()
    doc = one(parse_bytes(data, "a.txt", "text"))
    assert_clean(doc)
    assert doc.title == "Title ]0;title[31mred[0m gnp.exe iso 1m"
    assert doc.published == "2024-03-05"  # the header date is read once the ESC is gone
    assert doc.text.endswith("Body ]0;title[31mred[0m gnp.exe iso 1m text. Next")


def test_html_reader_removes_controls_from_text_character_references_and_meta():
    page = (
        '<html><head><meta property="og:title" content="T&#x202E;itle&#27;[1m">'
        '<meta name="author" content="Ann&#x9b;e &#7;Smith">'
        '<meta property="og:site_name" content="Wire&#x2066;">'
        '<meta property="og:url" content="http://x.example/&#0;a"></head>'
        "<body><p>Rockets &#27;]0;x&#7;hit the &#x202e;base.</p>"
        f"<p>{HOSTILE} more.</p></body></html>"
    )
    doc = one(parse_bytes(page.encode(), "a.html", "html"))
    assert_clean(doc)
    assert doc.title == "Title[1m"
    assert (doc.author, doc.outlet) == ("Ann\u203ae Smith", "Wire")  # &#x9b; is cp1252 for ›
    assert "Rockets ]0;xhit the base." in doc.text


def test_json_and_jsonl_readers_remove_controls_from_every_field():
    item = {
        "title": "Head\u001b[2Jline\u202e",
        "text": "Body\u0000 with \u001b]8;;http://x\u0007link\u202c\r\n"
        "and a lone \ud800 surrogate.",
        "published": "2024-03-05\u0007",
        "author": "\u009b31mStaff",
        "outlet": "Wire\u2069",
        "url": "http://x.example/\u0000",
    }
    line = json.dumps(item)  # escapes stay escapes in the file; json.loads makes them characters
    for kind, data in (("json", line), ("jsonl", line + "\n" + line)):
        docs = list(parse_bytes(data.encode(), f"a.{kind}", kind))
        assert docs
        for doc in docs:
            assert_clean(doc)
            assert doc.title == "Head[2Jline"
            assert doc.published == "2024-03-05"
            assert (doc.author, doc.outlet, doc.url) == ("31mStaff", "Wire", "http://x.example/")
            assert doc.text.endswith("Body with ]8;;http://xlink\nand a lone  surrogate.")


def test_stdin_is_cleaned_like_a_file(monkeypatch):
    data = f"Title\n\nBody {HOSTILE} end.\n".encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = one(iter_documents(["-"]))
    assert_clean(doc)
    assert doc.text == parse_bytes(data, "x", "text").__next__().text


def test_nul_bytes_early_mean_binary_and_later_are_dropped():
    early = one(parse_bytes(b"Title\n\nText\x00\x00 and more text.", "a.txt", "text"))
    assert isinstance(early, ReadError) and "binary file" in early.reason
    body = b"Title\n\n" + b"A long line of article text. " * 400 + b"\x00After the NUL."
    late = one(parse_bytes(body, "b.txt", "text"))
    assert_clean(late)
    assert late.text.endswith("article text. After the NUL.")


def test_json_nested_too_deeply_is_one_error_not_a_crash():
    deep = "[" * 5000 + "]" * 5000
    error = one(parse_bytes(deep.encode(), "a.json", "json"))
    assert isinstance(error, ReadError) and "nested too deeply" in error.reason
    lines = '{"text": "A good line of article text."}\n{"text": ' + deep + "}\n"
    good, bad = parse_bytes(lines.encode(), "a.jsonl", "jsonl")
    assert isinstance(good, Document)
    assert isinstance(bad, ReadError) and bad.source == "a.jsonl:2"


def test_file_name_that_is_not_utf8_is_refused_by_name(tmp_path):
    import os

    directory = os.fsencode(tmp_path)
    with open(os.path.join(directory, b"bad\xffname.txt"), "wb") as handle:
        handle.write(b"Title\n\nText of the article.")
    (tmp_path / "good.txt").write_text("Title\n\nText of the article too.")
    items = list(iter_documents([str(tmp_path)]))
    assert isinstance(items[0], ReadError)
    assert items[0].source.endswith("bad\\xffname.txt")
    assert "not valid UTF-8" in items[0].reason
    assert isinstance(items[1], Document)


@pytest.mark.parametrize(
    "header, body, published",
    [
        # the story writes dates day first: the fifth of January
        ("Posted: 05-01-2024 14:22", "On 3 January, rockets hit the Harir base.", "2024-01-05"),
        # month first: the first of May
        ("Posted: 05-01-2024 14:22", "On April 29, rockets hit the Harir base.", "2024-05-01"),
        # nothing tells: no date rather than a guess, and the line is still no part of the story
        ("02/03/2021", "Rockets hit the Harir base on Monday.", None),
        # one reading only
        ("26-02-2021", "Rockets hit the Harir base on Monday.", "2021-02-26"),
    ],
)
def test_a_numeric_header_date_is_read_the_way_the_story_writes_dates(header, body, published):
    doc = parse_text(f"Rockets hit Harir base\n{header}\n{body}\n", "t.txt")
    assert doc.published == published
    numeric = next(w for w in header.split() if w[0].isdigit())
    assert numeric not in doc.text


@pytest.mark.parametrize(
    "head, url",
    [
        ("<link rel='canonical' href='https://example.com/a'>", "https://example.com/a"),
        (
            "<meta property='og:url' content='https://example.com/og'>"
            "<link rel='canonical' href='https://example.com/a'>",
            "https://example.com/og",
        ),
        ("<link rel='canonical' href='javascript:alert(1)'>", None),
        ("<meta property='og:url' content='data:text/html,x'>", None),
    ],
)
def test_html_url_from_og_or_canonical_link_and_only_http(head, url):
    body = "<h1>Drone hits base</h1><p>A drone hit the Harir base.</p>"
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    assert one(parse_bytes(html.encode(), "p.html", "html")).url == url


@pytest.mark.parametrize(
    "story, published",
    [
        ("On 3 January, rockets hit the Harir base.", "2024-01-05"),
        ("On April 29, rockets hit the Harir base.", "2024-05-01"),
        ("Rockets hit the Harir base on Monday.", None),
    ],
)
def test_a_numeric_metadata_date_is_read_as_the_story_writes_dates(story, published):
    item = {"title": "Rockets hit Harir base", "date": "05/01/2024", "text": story}
    doc = one(parse_bytes(json.dumps(item).encode(), "a.json", "json"))
    assert doc.published == published
