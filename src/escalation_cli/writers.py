"""Writers: records out as JSONL, to a directory (atomically) or to stdout.

Directory output goes to temporary files next to the targets, which replace the previous
outputs only when the whole run has been written: an interrupted run leaves the previous
outputs complete and readable.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Protocol

from pydantic import BaseModel

RECORD_TYPES = ("articles", "incidents", "quotes", "claims")
SINGULAR = {"articles": "article", "incidents": "incident", "quotes": "quote", "claims": "claim"}


def dumps(record: BaseModel) -> str:
    """One JSON line: fields in model order, UTF-8, compact, deterministic."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


class RecordSink(Protocol):
    def write(self, kind: str, record: BaseModel) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class DirectoryWriter:
    """``OUT/{articles,incidents,quotes,claims}.jsonl``, replaced all at once on commit."""

    def __init__(self, out_dir: Path | str) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, IO[str]] = {}
        self.counts = {kind: 0 for kind in RECORD_TYPES}
        try:
            for kind in RECORD_TYPES:
                handle = tempfile.NamedTemporaryFile(
                    "w",
                    encoding="utf-8",
                    dir=self.out_dir,
                    prefix=f".{kind}.",
                    suffix=".jsonl.tmp",
                    delete=False,
                    newline="\n",
                )
                self._files[kind] = handle
        except OSError:
            self.abort()
            raise

    def path(self, kind: str) -> Path:
        return self.out_dir / f"{kind}.jsonl"

    def write(self, kind: str, record: BaseModel) -> None:
        self._files[kind].write(dumps(record) + "\n")
        self.counts[kind] += 1

    def commit(self) -> None:
        for handle in self._files.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        for kind, handle in self._files.items():
            os.replace(handle.name, self.path(kind))
        self._files = {}
        _fsync_dir(self.out_dir)

    def abort(self) -> None:
        for handle in self._files.values():
            try:
                handle.close()
            finally:
                Path(handle.name).unlink(missing_ok=True)
        self._files = {}


class StreamWriter:
    """All records as one JSONL stream, each with a leading ``"type"`` field."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.counts = {kind: 0 for kind in RECORD_TYPES}

    def write(self, kind: str, record: BaseModel) -> None:
        row = {"type": SINGULAR[kind], **record.model_dump(mode="json")}
        self.stream.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.counts[kind] += 1

    def commit(self) -> None:
        self.stream.flush()

    def abort(self) -> None:
        self.stream.flush()


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
