"""make bench: throughput and memory of escalation extract beside the bare English pipeline.

Every measurement runs in a fresh process (so peak RSS is its own) on this machine, one after
the other. Numbers are printed as a table and written to bench/results/latest.json.

    python bench/run.py                  # everything (a few minutes)
    python bench/run.py --quick          # smaller inputs, for a smoke test
    python bench/run.py --measure events --events 100000   # only the grouping into events
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import logging
import os
import platform
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "bench" / "corpus"
RESULTS = ROOT / "bench" / "results"


# ---- inputs ----------------------------------------------------------------------------------


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("bbc_*.txt"))]


def relevant_set(n: int) -> list[str]:
    """The seed articles repeated to n, each copy's title numbered so article ids differ."""
    seeds = seed_texts()
    return [f"{i:04d} {seeds[i % len(seeds)]}" for i in range(n)]


def mixed_set() -> list[str]:
    return corpus_texts() + seed_texts()


def scaled_feed(n: int) -> Iterator[str]:
    """A general feed of n articles with numbered titles, built from one fixed pool of 1,000
    distinct articles (980 of the general corpus in a fixed shuffled order, and a seed article
    in every fifty). Feeds of 1,000 and 20,000 articles hold the same distinct texts, so a
    difference in memory can only come from their number. A generator: the measured process
    never holds the feed."""
    general, seeds = corpus_texts(), seed_texts()
    random.Random(7).shuffle(general)
    pool, taken = [], 0
    for i in range(1000):
        if i % 50 == 49:
            pool.append(seeds[(i // 50) % len(seeds)])
        else:
            pool.append(general[taken])
            taken += 1
    for i in range(n):
        yield f"{i:05d} {pool[i % len(pool)]}"


def write_corpus(texts: Iterable[str], directory: Path) -> tuple[Path, int, int]:
    """Write the texts as files; (directory, articles, words)."""
    directory.mkdir(parents=True, exist_ok=True)
    articles = total_words = 0
    for i, text in enumerate(texts):
        (directory / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        articles += 1
        total_words += len(text.split())
    return directory, articles, total_words


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


# ---- measurements (each in its own process) --------------------------------------------------


def measure_reference(texts: list[str]) -> dict:
    """The bare English pipeline, all its components: the cost of the model itself."""
    from escalation_cli.nlp import load_model

    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "words": words(texts),
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_extract(
    texts: Iterable[str],
    workers: int = 1,
    profile: bool = False,
    engine: str = "local",
    cluster: str | None = None,
) -> dict:
    """escalation extract on files written to disk, into a fresh output directory. Peak RSS is
    read right after the run, before the outputs are looked at.

    ``engine="dask"`` runs on a Dask LocalCluster of ``workers`` processes: with
    ``cluster="cold"`` the run starts it itself (``--engine dask --workers N``), so its time
    holds the cluster's start, each worker's loading of the pipeline and the shutdown; with
    ``cluster="warm"`` the cluster is started and its workers have loaded the pipeline (one
    small run) before the clock starts, as for a backfill on a running cluster
    (``--scheduler``)."""
    from escalation_cli.batch import RunOptions, run_extract
    from escalation_cli.nlp import build_nlp

    nlp = build_nlp()
    with tempfile.TemporaryDirectory() as tmp, _local_cluster(engine, cluster, workers) as address:
        source, articles, total_words = write_corpus(texts, Path(tmp) / "in")
        del texts
        if address:  # every worker loads the pipeline, as an earlier run would have
            from distributed import Client

            from escalation_cli.executors import PipelineSpec, load_on_worker

            with Client(address, set_as_default=False) as client:
                client.run(load_on_worker, PipelineSpec.resolve(None))
        out = Path(tmp) / "out"
        options = RunOptions(workers=workers, engine=engine, scheduler=address)
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        summary = run_extract([str(source)], nlp, out, options)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
        with (out / "articles.jsonl").open(encoding="utf-8") as handle:
            relevant = sum('"relevant":true' in line for line in handle)
    rss, rss_workers = peak_rss_mb(), peak_rss_mb(children=True)  # workers reaped by now
    result = {
        "articles": articles,
        "words": total_words,
        "seconds": seconds,
        "relevant": relevant,
        "failed": summary.failed,
        "records": summary.records,
        "peak_rss_mb": rss,
        "peak_rss_worker_mb": rss_workers,
        "workers": workers,
        "engine": engine,
    }
    if profiler:
        result["profile"] = where_time_goes(profiler)
    return result


@contextlib.contextmanager
def _local_cluster(engine: str, cluster: str | None, workers: int) -> Iterator[str | None]:
    """A running LocalCluster's address for a warm Dask measurement, else None."""
    if engine != "dask" or cluster != "warm":
        yield None
        return
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local.scheduler_address


def where_time_goes(profiler: cProfile.Profile) -> dict:
    """Own time (tottime) by area, in percent of the total."""
    stats = pstats.Stats(profiler)
    areas: dict[str, float] = {}
    total = 0.0
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():
        total += tottime
        areas[_area(filename, name)] = areas.get(_area(filename, name), 0.0) + tottime
    return {k: round(100 * v / total, 1) for k, v in sorted(areas.items(), key=lambda kv: -kv[1])}


def _area(filename: str, name: str) -> str:
    f = filename.replace("\\\\", "/")
    if "dateparser" in f:
        return "dateparser"
    if "escalation_cli/pipeline/" in f:
        return "escalation components (spans)"
    if "escalation_cli/extractors/" in f or "escalation_cli/extract.py" in f:
        return "escalation extractors (records)"
    if "escalation_cli/relevance.py" in f:
        return "relevance gate"
    if "escalation_cli/" in f:
        return "escalation read/write/state"
    if "pydantic" in f:
        return "pydantic validation"
    if "thinc" in f or "spacy/ml" in f or "numpy" in f or "blis" in f:
        return "model (thinc: tok2vec, tagger, parser, ner)"
    if "spacy" in f:
        return "spaCy (tokenizer, pipeline, matcher)"
    if "sqlite3" in f or name.startswith("<method 'execute"):
        return "sqlite"
    if "json" in f:
        return "json"
    if f == "~":
        if any(
            k in name
            for k in ("spacy", "thinc", "numpy", "blis", "murmurhash", "preshed", "cymem", "srsly")
        ):
            return "model (thinc: tok2vec, tagger, parser, ner)"
        if "execute" in name or "commit" in name:
            return "sqlite"
        if "re.Pattern" in name or "_sre" in name:
            return "regular expressions"
        return "builtins"
    return "other python"


# ---- events: grouping many incidents (synthetic) ---------------------------------------------


def synthetic_incidents(n: int, seed: int = 13) -> tuple[list[dict], dict[str, dict], dict]:
    """n incident records as extract writes them, the reports of synthetic real-world events,
    with the noise of news: several outlets per event (about five), one to three incidents per
    article, a day (70%), a month (10%) or no date (20%), a base left out (30%), an unknown
    weapon (15%), a death toll one higher (20% of tolls), a day later (5%, US and local time),
    no publication date (10%). Attacks on the gazetteer's bases in Iraq, Syria and Jordan (70%)
    and US strike waves in their provinces (30%), over eleven years. Returns (incidents,
    articles by id, the true event of each incident)."""
    import datetime as dt

    from escalation_cli.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    rng = random.Random(seed)
    bases = [b for b in gazetteer.bases.values() if b.country in ("Iraq", "Syria", "Jordan")]
    provinces = [p for p in gazetteer.provinces.values() if p.country in ("Iraq", "Syria")]
    start = dt.date(2014, 1, 1).toordinal()
    reports: list[tuple[int, dict]] = []
    event = 0
    while len(reports) < n:
        day = start + rng.randrange(4000)
        if rng.random() < 0.7:
            base = rng.choice(bases)
            province = gazetteer.provinces.get(base.province) if base.province else None
            truth = {
                "day": day,
                "base": base.name,
                "province": province.name if province else None,
                "country": base.country,
                "weapon": rng.choice(["drone", "rocket", "missile", "mortar"]),
                "perpetrator": rng.choice(
                    [None, "Islamic Resistance in Iraq", "Iran-backed militias"]
                ),
                "killed": rng.choice([None, None, 0, 0, 1, 3]),
                "target": "US base",
            }
        else:
            province = rng.choice(provinces)
            truth = {
                "day": day,
                "base": None,
                "province": province.name,
                "country": province.country,
                "weapon": "airstrike",
                "perpetrator": "United States",
                "killed": rng.choice([None, 2, 5, 8]),
                "target": "Iran-backed militia sites",
            }
        for _ in range(min(1 + int(rng.expovariate(0.25)), 20)):
            reports.append((event, truth))
        event += 1
    reports = reports[:n]
    rng.shuffle(reports)
    incidents: list[dict] = []
    articles: dict[str, dict] = {}
    truth_of: dict[str, int] = {}
    i = 0
    while i < len(reports):
        taken = reports[i : i + rng.choice([1, 1, 2, 3])]
        i += len(taken)
        chunk = list(dict(taken).items())  # an article reports an event once
        latest = max(t["day"] for _, t in chunk)
        published = latest + rng.choice([0, 1, 1, 2, 3, 7])
        aid = f"{len(articles):016x}"
        articles[aid] = {
            "article_id": aid,
            "source": f"synthetic/{aid}.txt",
            "outlet": f"outlet {rng.randrange(200)}",
            "url": None,
            "published": None if rng.random() < 0.1 else dt.date.fromordinal(published).isoformat(),
        }
        for j, (event_no, t) in enumerate(chunk):
            day = dt.date.fromordinal(t["day"] + (rng.random() < 0.05))
            r = rng.random()
            date = day.isoformat() if r < 0.7 else (day.strftime("%Y-%m") if r < 0.8 else None)
            killed = t["killed"]
            if killed and rng.random() < 0.2:
                killed += 1
            iid = f"{len(incidents):016x}"
            truth_of[iid] = event_no
            incidents.append(
                {
                    "incident_id": iid,
                    "article_id": aid,
                    "date": date,
                    "date_precision": None if date is None else ("day", "month")[len(date) == 7],
                    "weapon": t["weapon"] if rng.random() > 0.15 else "unknown",
                    "base": t["base"] if rng.random() > 0.3 else None,
                    "province": t["province"],
                    "country": t["country"],
                    "perpetrator": t["perpetrator"] if rng.random() > 0.3 else None,
                    "target": t["target"],
                    "killed": killed,
                    "evidence": [{"text": "synthetic", "start": j, "end": j + 1}],
                    "mentions": 1,
                }
            )
    return incidents, articles, truth_of


def measure_events(n: int) -> dict:
    """Grouping n synthetic incidents into events (escalation_cli.events.group_events): time,
    and B-cubed against the synthetic truth (a sanity check, not the dev-set score)."""
    from escalation_cli.evaluate import bcubed
    from escalation_cli.events import group_events, reference_from_gazetteer
    from escalation_cli.gazetteer import load_gazetteer

    incidents, articles, truth = synthetic_incidents(n)
    reference = reference_from_gazetteer(load_gazetteer())
    started, cpu = time.perf_counter(), time.process_time()
    events = group_events(incidents, articles, reference)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    predicted = {s.incident_id: e.event_id for e in events for s in e.sources}
    precision, recall = bcubed([(truth[i], predicted[i]) for i in truth])
    return {
        "incidents": len(incidents),
        "events": len(events),
        "events_true": len(set(truth.values())),
        "seconds": seconds,
        "cpu_seconds": cpu,  # less sensitive than wall time to other work on the machine
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "peak_rss_mb": peak_rss_mb(),
    }


MEASURES = {
    "reference_relevant": lambda a: measure_reference(relevant_set(a.relevant)),
    "extract_relevant": lambda a: measure_extract(relevant_set(a.relevant)),
    "extract_relevant_2": lambda a: measure_extract(relevant_set(a.relevant), workers=2),
    "reference_mixed": lambda a: measure_reference(random.Random(7).sample(mixed_set(), a.sample)),
    "extract_mixed": lambda a: measure_extract(mixed_set()),
    "extract_mixed_2": lambda a: measure_extract(mixed_set(), workers=2),
    "extract_relevant_dask": lambda a: measure_extract(
        relevant_set(a.relevant), workers=2, engine="dask", cluster="warm"
    ),
    "extract_mixed_dask": lambda a: measure_extract(
        mixed_set(), workers=2, engine="dask", cluster="warm"
    ),
    "extract_relevant_dask_cold": lambda a: measure_extract(
        relevant_set(a.relevant), workers=2, engine="dask", cluster="cold"
    ),
    "extract_mixed_dask_cold": lambda a: measure_extract(
        mixed_set(), workers=2, engine="dask", cluster="cold"
    ),
    "memory_small": lambda a: measure_extract(scaled_feed(a.small)),
    "memory_large": lambda a: measure_extract(scaled_feed(a.large)),
    "profile_relevant": lambda a: measure_extract(relevant_set(a.relevant // 2), profile=True),
    "events": lambda a: measure_events(a.events),
}


# ---- orchestration ---------------------------------------------------------------------------


def run_one(name: str, args) -> dict:
    command = [
        sys.executable,
        __file__,
        "--measure",
        name,
        "--relevant",
        str(args.relevant),
        "--sample",
        str(args.sample),
        "--small",
        str(args.small),
        "--large",
        str(args.large),
        "--events",
        str(args.events),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{name}.stderr").write_text(result.stderr)
        raise SystemExit(
            f"bench: {name} failed (stderr in {RESULTS / name}.stderr):\n{result.stderr[-2000:]}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", choices=sorted(MEASURES))
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--relevant", type=int, default=300)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--events", type=int, default=100000, help="synthetic incidents to group")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--only", help="comma-separated measurements to run (others skipped)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds of every measurement, in turn; medians"
    )
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(MEASURES[args.measure](args)))
        return
    if not SEEDS.is_dir() or not CORPUS.is_dir():
        raise SystemExit(f"bench: needs {SEEDS} and {CORPUS} (../shared beside the checkout)")
    if args.quick:
        args.relevant, args.sample, args.small, args.large = 40, 40, 200, 1000
        args.events = 10000
    names = args.only.split(",") if args.only else list(MEASURES)
    rounds = []
    for n in range(args.repeat):
        rounds.append({})
        for name in names:
            print(f"bench: {name} ({n + 1}/{args.repeat}) ...", file=sys.stderr, flush=True)
            rounds[-1][name] = r = run_one(name, args)
            if "words" in r:
                print(f"  {rate(r)[0]:,.0f} words/s, {r['seconds']:.2f} s", file=sys.stderr)
            else:
                print(f"  {r['seconds']:.2f} s", file=sys.stderr)
    results = {name: median_run([r[name] for r in rounds]) for name in names}
    report = summarise(results, rounds)
    print_table(report)
    if args.only:
        return
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {"machine": machine(), "report": report, "raw": results, "rounds": rounds}, indent=2
        )
    )
    print(f"\nwritten to {args.json}", file=sys.stderr)


def median_run(runs: list[dict]) -> dict:
    """The run with the median time (the machines are shared: one slow run says little)."""
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def machine() -> dict:
    import spacy

    return {
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "system": platform.platform(),
    }


def rate(r: dict) -> tuple[float, float]:
    return r["words"] / r["seconds"], r["articles"] / r["seconds"]


def summarise(results: dict, rounds: list[dict]) -> dict:
    ref_rel = rate(results["reference_relevant"]) if "reference_relevant" in results else None
    ref_mix = rate(results["reference_mixed"]) if "reference_mixed" in results else None
    rows = {}
    for name, r in results.items():
        if name == "events":
            continue
        wps, aps = rate(r)
        reference = ref_mix if "mixed" in name or "memory" in name else ref_rel
        rows[name] = {
            "articles": r["articles"],
            "words": r["words"],
            "seconds": round(r["seconds"], 2),
            "words_per_s": round(wps),
            "articles_per_s": round(aps, 1),
            "ratio_to_reference": round(wps / reference[0], 2) if reference else None,
            "peak_rss_mb": round(r["peak_rss_mb"]),
            "peak_rss_worker_mb": round(r.get("peak_rss_worker_mb", 0)),
            "relevant": r.get("relevant"),
        }

    def ratio(a: str, b: str) -> float | None:
        """Median over the rounds of a's words/s over b's in the same round."""
        if a not in results or b not in results:
            return None
        return round(statistics.median(rate(r[a])[0] / rate(r[b])[0] for r in rounds), 2)

    rows["scaling_2_workers_relevant"] = ratio("extract_relevant_2", "extract_relevant")
    rows["scaling_2_workers_mixed"] = ratio("extract_mixed_2", "extract_mixed")
    rows["dask_vs_2_workers_relevant"] = ratio("extract_relevant_dask", "extract_relevant_2")
    rows["dask_vs_2_workers_mixed"] = ratio("extract_mixed_dask", "extract_mixed_2")
    rows["dask_cold_vs_2_workers_relevant"] = ratio(
        "extract_relevant_dask_cold", "extract_relevant_2"
    )
    rows["dask_cold_vs_2_workers_mixed"] = ratio("extract_mixed_dask_cold", "extract_mixed_2")
    if "memory_large" in results and "memory_small" in results:
        rows["memory_growth_mb"] = round(
            results["memory_large"]["peak_rss_mb"] - results["memory_small"]["peak_rss_mb"]
        )
    if "profile_relevant" in results:
        rows["profile_extract_relevant_percent"] = results["profile_relevant"].get("profile")
    if "events" in results:
        events = results["events"]
        rows["events"] = {
            "incidents": events["incidents"],
            "events": events["events"],
            "events_true": events["events_true"],
            "seconds": round(events["seconds"], 2),
            "cpu_seconds": round(events["cpu_seconds"], 2),
            "incidents_per_s": round(events["incidents"] / events["seconds"]),
            "bcubed_precision": events["bcubed_precision"],
            "bcubed_recall": events["bcubed_recall"],
            "peak_rss_mb": round(events["peak_rss_mb"]),
        }
    return rows


def print_table(report: dict) -> None:
    header = (
        f"{'measurement':26} {'articles':>8} {'words':>9} {'seconds':>8} {'words/s':>9} "
        f"{'art/s':>7} {'x ref':>6} {'RSS MB':>7} {'worker':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, row in report.items():
        if not isinstance(row, dict) or "words" not in row or name.startswith("profile"):
            continue
        ratio = row["ratio_to_reference"]
        print(
            f"{name:26} {row['articles']:8d} {row['words']:9d} {row['seconds']:8.2f} "
            f"{row['words_per_s']:9d} {row['articles_per_s']:7.1f} "
            f"{ratio if ratio is not None else '':>6} {row['peak_rss_mb']:7d} "
            f"{row['peak_rss_worker_mb']:7d}"
        )
    print()
    for key, what in (
        ("scaling_2_workers_relevant", "2 workers / 1 worker, relevant text"),
        ("scaling_2_workers_mixed", "2 workers / 1 worker, mixed feed"),
        ("dask_vs_2_workers_relevant", "dask (running cluster) / 2 workers, relevant text"),
        ("dask_vs_2_workers_mixed", "dask (running cluster) / 2 workers, mixed feed"),
        (
            "dask_cold_vs_2_workers_relevant",
            "dask (cluster started by the run) / 2 workers, relevant text",
        ),
        (
            "dask_cold_vs_2_workers_mixed",
            "dask (cluster started by the run) / 2 workers, mixed feed",
        ),
        ("memory_growth_mb", "peak RSS growth from memory_small to memory_large, MB"),
    ):
        if report.get(key) is not None:
            print(f"{what}: {report[key]}")
    if report.get("profile_extract_relevant_percent"):
        print(
            "\nwhere the time goes (extract on relevant text under cProfile, own time; the "
            "profiler inflates Python code against compiled code):"
        )
        for area, share in report["profile_extract_relevant_percent"].items():
            print(f"  {share:5.1f}%  {area}")
    if report.get("events"):
        e = report["events"]
        print(
            f"\nevents: {e['incidents']:,} synthetic incidents grouped into {e['events']:,} events "
            f"({e['events_true']:,} true) in {e['seconds']} s, {e['cpu_seconds']} s of CPU "
            f"({e['incidents_per_s']:,} incidents/s, "
            f"peak RSS {e['peak_rss_mb']} MB); B-cubed against the synthetic truth "
            f"P {e['bcubed_precision']} R {e['bcubed_recall']}"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
