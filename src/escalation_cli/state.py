"""State: what has been processed, kept next to the outputs in SQLite (``.escalation.sqlite``).

For every source file it holds the content hash and the record lines that file produced, so a
rerun only processes new or changed files and rebuilds the outputs from here. Each file's
records are committed in one transaction: a run killed at any moment leaves the state as it
was after the last whole file, and the next run carries on from there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = ".escalation.sqlite"
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    errors TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS records (
    source TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    article_id TEXT NOT NULL,
    line TEXT NOT NULL,
    PRIMARY KEY (source, seq)
);
"""


@dataclass(frozen=True)
class StoredRecord:
    kind: str
    article_id: str
    line: str


class State:
    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / STATE_FILE
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self._in_transaction = False

    def close(self) -> None:
        self.db.close()

    # ---- pipeline fingerprint ----------------------------------------------------------------

    def fingerprint(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        return row[0] if row else None

    def reset(self, fingerprint: str) -> None:
        """Forget every file (another model, other patterns, --force): all are redone."""
        with self._transaction():
            self.db.execute("DELETE FROM records")
            self.db.execute("DELETE FROM sources")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    # ---- sources -----------------------------------------------------------------------------

    def known(self, source: str) -> tuple[str, list[str]] | None:
        row = self.db.execute(
            "SELECT sha256, errors FROM sources WHERE source=?", (source,)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def save(
        self, source: str, sha256: str, records: Iterable[StoredRecord], errors: list[str]
    ) -> None:
        with self._transaction():
            self.db.execute("DELETE FROM records WHERE source=?", (source,))
            self.db.executemany(
                "INSERT INTO records VALUES (?, ?, ?, ?, ?)",
                ((source, seq, r.kind, r.article_id, r.line) for seq, r in enumerate(records)),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?)",
                (source, sha256, json.dumps(errors)),
            )

    def forget(self, sources: Iterable[str]) -> int:
        n = 0
        with self._transaction():
            for source in sources:
                self.db.execute("DELETE FROM records WHERE source=?", (source,))
                n += self.db.execute("DELETE FROM sources WHERE source=?", (source,)).rowcount
        return n

    def sources(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT source FROM sources ORDER BY source")]

    def records(self, source: str) -> Iterator[StoredRecord]:
        for kind, article_id, line in self.db.execute(
            "SELECT kind, article_id, line FROM records WHERE source=? ORDER BY seq", (source,)
        ):
            yield StoredRecord(kind, article_id, line)

    # ---- transactions ------------------------------------------------------------------------

    def _transaction(self):
        state = self

        class _Tx:
            def __enter__(self):
                state.db.execute("BEGIN IMMEDIATE")

            def __exit__(self, kind, value, tb):
                if kind is None:
                    state.db.execute("COMMIT")
                else:
                    state.db.execute("ROLLBACK")
                return False

        return _Tx()
