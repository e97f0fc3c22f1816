"""Writers: records out as JSONL, replaced all at once.

``OUT/articles.jsonl`` (and incidents, quotes, claims, events) are links into ``OUT/.current/``,
itself a link to the last complete generation directory ``OUT/.gen-XXXX/``. A run writes a new
generation, syncs it to disk, and swaps ``.current`` with one ``rename``: readers see the old
outputs or the new ones, never a mix, and a run killed at any moment leaves the previous
outputs complete.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO

from pydantic import BaseModel

RECORD_TYPES = ("articles", "incidents", "quotes", "claims")
DERIVED_TYPES = ("events",)  # made from the records of every article (escalation_cli.events)
OUTPUT_TYPES = RECORD_TYPES + DERIVED_TYPES
SINGULAR = {
    "articles": "article",
    "incidents": "incident",
    "quotes": "quote",
    "claims": "claim",
    "events": "event",
}
CURRENT = ".current"
GENERATION_PREFIX = ".gen-"


def dumps(record: BaseModel) -> str:
    """One JSON line: fields in model order, UTF-8, compact, deterministic."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


class GenerationWriter:
    def __init__(self, out_dir: Path | str) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.generation = Path(tempfile.mkdtemp(prefix=GENERATION_PREFIX, dir=self.out_dir))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.generation, 0o777 & ~umask)  # mkdtemp makes it private
        self._files: dict[str, IO[str]] = {}
        self.counts = {kind: 0 for kind in OUTPUT_TYPES}
        try:
            for kind in OUTPUT_TYPES:
                self._files[kind] = open(  # noqa: SIM115 (closed in commit/abort)
                    self.generation / f"{kind}.jsonl", "w", encoding="utf-8", newline="\n"
                )
        except OSError:
            self.abort()
            raise

    def write_line(self, kind: str, line: str) -> None:
        self._files[kind].write(line + "\n")
        self.counts[kind] += 1

    def write(self, kind: str, record: BaseModel) -> None:
        self.write_line(kind, dumps(record))

    def commit(self) -> None:
        for handle in self._files.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        self._files = {}
        _fsync(self.generation)
        # one rename switches every output at once
        current = self.out_dir / CURRENT
        if current.is_dir() and not current.is_symlink():
            # a copied output directory holds a real .current: keep it as an old generation
            os.rename(current, self.out_dir / f"{GENERATION_PREFIX}moved-{os.getpid()}")
        link = self.out_dir / f"{CURRENT}.{os.getpid()}.tmp"
        link.unlink(missing_ok=True)
        try:
            os.symlink(self.generation.name, link)
            os.replace(link, current)
        except OSError:
            link.unlink(missing_ok=True)
            raise
        for kind in OUTPUT_TYPES:
            _ensure_link(self.out_dir / f"{kind}.jsonl", f"{CURRENT}/{kind}.jsonl")
        _fsync(self.out_dir)
        self._remove_old_generations()

    def abort(self) -> None:
        for handle in self._files.values():
            try:
                handle.close()
            except OSError:
                pass
        self._files = {}
        shutil.rmtree(self.generation, ignore_errors=True)

    def _remove_old_generations(self) -> None:
        for path in self.out_dir.glob(f"{GENERATION_PREFIX}*"):
            if path.name != self.generation.name:
                shutil.rmtree(path, ignore_errors=True)
        for path in self.out_dir.glob(f"{CURRENT}.*.tmp"):
            path.unlink(missing_ok=True)


def _ensure_link(path: Path, target: str) -> None:
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)  # also replaces a plain file left by an older version


def _fsync(directory: Path) -> None:
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
