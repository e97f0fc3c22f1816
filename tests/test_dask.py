"""`extract --engine dask`: the same bytes as one local process, on a Dask cluster.

One LocalCluster of two worker processes serves the whole module (its workers keep the pipeline
they loaded, as on a long-lived cluster); the CLI runs as a real process and reaches it with
``--scheduler``. One test lets the run start its own LocalCluster (``--workers 2``).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalation_cli.cli import app

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install 'escalation-cli[dask]'"
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
EXE = str(Path(sys.executable).with_name("escalation"))


def run(*args, timeout=600, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def outputs(out: Path) -> dict[str, bytes]:
    """Every JSONL output of the directory (articles ... claims, and events where written)."""
    files = {p.name: p.read_bytes() for p in sorted(out.glob("*.jsonl"))}
    assert "articles.jsonl" in files and files["articles.jsonl"], f"no articles in {out}"
    return files


def extract(inputs: list, out: Path, *options) -> dict[str, bytes]:
    result = run("extract", *inputs, "--out", out, "--quiet", *options)
    assert result.returncode == 0, result.stderr
    return outputs(out)


def make_corpus(directory: Path, copies: int) -> Path:
    """The project's own sample articles, each copy with its own title (distinct ids)."""
    directory.mkdir(parents=True, exist_ok=True)
    sources = sorted(RAW.glob("*.txt")) + sorted(FIXTURES.iterdir())
    for n in range(copies):
        for source in sources:
            text = source.read_text(encoding="utf-8")
            (directory / f"{n:02d}_{source.name}").write_text(f"Copy {n}: {text}", "utf-8")
    return directory


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not beside the project (../shared)")
    return path


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster, set_as_default=False) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """256 short articles, about 250,000 characters: a handful of shards."""
    return make_corpus(tmp_path_factory.mktemp("corpus"), copies=64)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    return extract([corpus], tmp_path_factory.mktemp("reference"), "--workers", "1")


def on(cluster) -> tuple[str, ...]:
    return ("--engine", "dask", "--scheduler", cluster.scheduler_address)


# ---- the same bytes --------------------------------------------------------------------------


def bench_articles() -> list[Path]:
    return sorted(shared("bench", "corpus").glob("*.txt"))[:300]


@pytest.mark.parametrize(
    "inputs",
    [
        pytest.param(lambda: [shared("eval", "dev", "raw")], id="dev"),
        pytest.param(bench_articles, id="bench-300"),
    ],
)
def test_a_cluster_gives_the_bytes_of_one_process(inputs, cluster, tmp_path):
    paths = inputs()
    reference = extract(paths, tmp_path / "one", "--workers", "1")
    assert extract(paths, tmp_path / "dask", *on(cluster)) == reference


def test_a_local_cluster_started_by_the_run(tmp_path):
    seeds = shared("seeds")
    reference = extract([seeds], tmp_path / "one")
    assert b'"incident_id"' in reference["incidents.jsonl"]
    assert extract([seeds], tmp_path / "dask", "--engine", "dask", "--workers", "2") == reference


def test_ctrl_c_stops_a_local_cluster_run_at_once(corpus, tmp_path):
    """Ctrl-C reaches the whole process group: the workers must not die of it, the driver
    stops, writes what finished and exits 130, with no traceback."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [EXE, "extract", str(corpus), "--out", str(out), "--engine", "dask", "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    state = out / ".escalation.sqlite"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and not _saved(state):
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "stopped by SIGINT" in stderr
    written = (out / "articles.jsonl").read_text().splitlines()
    assert 0 < len(written) < 256
    assert len(written) == _saved(state)


def test_stream_output_on_a_cluster(cluster, tmp_path):
    corpus = make_corpus(tmp_path / "in", copies=1)
    one = run("extract", corpus, "--out", "-", "--quiet")
    dask = run("extract", corpus, "--out", "-", "--quiet", *on(cluster))
    assert one.returncode == dask.returncode == 0, dask.stderr
    assert '"type":"incident"' in one.stdout
    assert dask.stdout == one.stdout


def test_incremental_reruns_send_only_what_changed(cluster, tmp_path):
    corpus = make_corpus(tmp_path / "in", copies=2)
    out = tmp_path / "out"
    extract([corpus], out, *on(cluster))
    files = len(list(corpus.iterdir()))
    again = run("extract", corpus, "--out", out, *on(cluster))
    assert f"processed 0, unchanged {files}," in again.stderr, again.stderr
    (corpus / "zz_new.txt").write_text(
        "Rockets hit a base\n\nSeveral rockets hit the Conoco gas field base on Monday, "
        "a war monitor said.\n"
    )
    changed = sorted(corpus.glob("01_*.txt"))[0]
    changed.write_text(changed.read_text() + "\n\nA drone attack on Harir wounded two.\n")
    removed = sorted(corpus.glob("00_*.txt"))[0]
    removed.unlink()
    rerun = run("extract", corpus, "--out", out, "--prune", *on(cluster))
    assert rerun.returncode == 0, rerun.stderr
    assert "processed 2, unchanged" in rerun.stderr and "pruned 1" in rerun.stderr
    assert outputs(out) == extract([corpus], tmp_path / "clean", "--workers", "1")


# ---- failures --------------------------------------------------------------------------------


def test_a_worker_killed_mid_run_is_replaced(cluster, client, corpus, reference, tmp_path):
    pids = client.run(os.getpid)
    out = tmp_path / "dask"
    process = subprocess.Popen(
        [EXE, "extract", str(corpus), "--out", str(out), "--quiet", *on(cluster)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and process.poll() is None and time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            if worker in pids and any(str(k).startswith("escalation-shard-") for k in keys):
                os.kill(pids[worker], signal.SIGKILL)  # a shard is running there
                killed = worker
                break
        time.sleep(0.05)
    _, stderr = process.communicate(timeout=600)
    assert killed is not None, "no shard was seen running on a worker"
    assert process.returncode == 0, stderr
    assert outputs(out) == reference
    client.wait_for_workers(2, timeout=120)  # the nanny started a new worker process
    assert killed not in client.run(os.getpid)


def test_a_killed_driver_loses_nothing(cluster, corpus, reference, tmp_path):
    out = tmp_path / "dask"
    process = subprocess.Popen(
        [EXE, "extract", str(corpus), "--out", str(out), "--quiet", *on(cluster)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    state = out / ".escalation.sqlite"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and not _saved(state):
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = _saved(state)
    assert 0 < done < 256, "the kill did not land mid-run"
    rerun = run("extract", corpus, "--out", out, *on(cluster))
    assert rerun.returncode == 0, rerun.stderr
    assert f"processed {256 - done}, unchanged {done}," in rerun.stderr, rerun.stderr
    assert outputs(out) == reference


def _saved(state: Path) -> int:
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM sources").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_an_unreachable_scheduler_is_one_line_and_keeps_the_outputs(tmp_path):
    corpus = make_corpus(tmp_path / "in", copies=1)
    out = tmp_path / "out"
    before = extract([corpus], out)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    result = run(
        "extract", corpus, "--out", out, "--force", "--engine", "dask", "--scheduler", address
    )
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address}")
    assert result.stdout == ""
    assert outputs(out) == before
    again = run("extract", corpus, "--out", out)
    assert "processed 0," in again.stderr, "the state was reset by the failed run"


# ---- usage -----------------------------------------------------------------------------------


def test_scheduler_without_the_dask_engine_is_a_usage_error():
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "x", "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.stderr
    both = runner.invoke(
        app,
        ["extract", "x", "--engine", "dask", "--scheduler", "tcp://h:8786", "--workers", "3"],
    )
    assert both.exit_code == 2
    assert "--workers" in both.stderr
    bad = runner.invoke(app, ["extract", "x", "--engine", "spark"])
    assert bad.exit_code == 2


def test_the_scheduler_variable_alone_does_not_switch_the_engine(tmp_path):
    corpus = make_corpus(tmp_path / "in", copies=1)
    env = {**os.environ, "DASK_SCHEDULER_ADDRESS": "tcp://127.0.0.1:9"}
    result = run("extract", corpus, "--out", tmp_path / "out", env=env)
    assert result.returncode == 0, result.stderr
    assert "processed 4," in result.stderr, result.stderr


# ---- the executor on its own -----------------------------------------------------------------


class _Done:
    def __init__(self, value) -> None:
        self.value = value

    def result(self, timeout=None):
        return self.value

    def release(self) -> None:
        pass


def test_a_worker_with_another_pipeline_is_refused():
    import pickle

    from escalation_cli.executors import DaskExecutor, EngineError, PipelineSpec

    executor = DaskExecutor(PipelineSpec("en_core_web_sm"), "aaaa", batch_size=16)
    done = _Done(("aaaa", "tcp://w:1", 0.5, pickle.dumps([([], None)])))
    assert executor._result((done, 1000)) == [([], None)]
    with pytest.raises(EngineError, match="tcp://w:1 builds another pipeline"):
        executor._result((_Done(("bbbb", "tcp://w:1", 0.5, pickle.dumps([]))), 1000))


def test_shards_grow_to_about_a_second_of_work_within_bounds():
    import pickle

    from escalation_cli.executors import SHARD_CHARS, DaskExecutor, PipelineSpec

    executor = DaskExecutor(PipelineSpec("en_core_web_sm"), "aaaa", batch_size=16)
    assert executor.shard_chars == SHARD_CHARS[0]  # nothing measured yet
    cheap = ("aaaa", "tcp://w:1", 0.5, pickle.dumps([]))  # 200,000 characters in 0.5 s
    executor._result((_Done(cheap), 200_000))
    assert executor.shard_chars == 400_000
    for _ in range(20):
        executor._result((_Done(cheap), 5_000_000))
    assert executor.shard_chars == SHARD_CHARS[1]
    slow = ("aaaa", "tcp://w:1", 10.0, pickle.dumps([]))  # the model on relevant text
    for _ in range(20):
        executor._result((_Done(slow), 30_000))
    assert executor.shard_chars == SHARD_CHARS[0]


class _Failed(_Done):
    def result(self, timeout=None):
        raise self.value


def test_a_shard_that_kills_its_workers_ends_the_run():
    from distributed import KilledWorker

    from escalation_cli.executors import DaskExecutor, EngineLost, PipelineSpec

    executor = DaskExecutor(PipelineSpec("en_core_web_sm"), "aaaa", batch_size=16)
    with pytest.raises(EngineLost, match="died 4 times"):
        executor._result((_Failed(KilledWorker("escalation-shard-x-0", "tcp://w:1", 3)), 1000))


def test_the_spec_carries_the_drivers_model_and_patterns(monkeypatch, tmp_path):
    from escalation_cli.executors import PipelineSpec

    monkeypatch.setenv("ESCALATION_MODEL", "some_model")
    monkeypatch.chdir(tmp_path)
    spec = PipelineSpec.resolve(None, ["mine"])
    assert spec == PipelineSpec("some_model", (str(tmp_path / "mine"),))
    assert PipelineSpec.resolve("other", []).model == "other"


# Whether glibc serves an allocation by mmap (mallinfo2.hblks grows): two of 1 MiB, one after the
# other, then one of 16 MiB once the worker has set the thresholds. glibc's own dynamic rule
# maps the first 1 MiB block and raises its threshold when it is freed (1, 0); a frozen
# threshold maps both (1, 1); after the restore, blocks under 32 MiB come from the heap.
_MMAP_PROBE = """
import ctypes, json
from escalation_cli import executors

class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split())]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
libc.malloc.restype = ctypes.c_void_p

def mapped(size):
    before = libc.mallinfo2().hblks
    block = libc.malloc(size)
    grown = libc.mallinfo2().hblks - before
    libc.free(ctypes.c_void_p(block))
    return grown

seen = [mapped(1 << 20), mapped(1 << 20)]
executors._restore_malloc_thresholds()
print(json.dumps(seen + [mapped(16 << 20)]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
@pytest.mark.parametrize(
    "environ, expected", [({"MALLOC_TRIM_THRESHOLD_": "65536"}, [1, 1, 0]), ({}, [1, 0, 1])]
)
def test_a_worker_undoes_the_nannys_frozen_mmap_threshold(environ, expected):
    """Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_ set, which also pins glibc's mmap
    threshold: the worker sets both thresholds back (and leaves a process without it alone)."""
    import json

    env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    result = subprocess.run(
        [sys.executable, "-c", _MMAP_PROBE],
        env={**env, **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_the_nanny_of_a_cluster_sets_the_trim_threshold(client):
    """The premise of the test above: workers under a nanny get Dask's MALLOC_TRIM_THRESHOLD_."""
    values = client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
    assert values and all(v is not None for v in values.values())
