"""One run per output directory: an exclusive ``flock`` on ``OUT/.escalation.lock``.

The lock goes with the process: a run killed with SIGKILL releases it, so a stale lock never
wedges cron.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

LOCK_FILE = ".escalation.lock"


class LockBusy(RuntimeError):
    """Another run holds the lock; the message is one line."""


class OutputLock:
    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / LOCK_FILE
        self.handle = None

    def acquire(self, wait: float = 0.0) -> None:
        self.handle = open(self.path, "a+")  # noqa: SIM115 (held for the whole run)
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self._holder()
                    self.handle.close()
                    self.handle = None
                    waited = f" after waiting {wait:g}s" if wait else ""
                    raise LockBusy(
                        f"{self.path.parent}: another escalation run{holder} is "
                        f"writing here{waited}; use --wait SECONDS to wait"
                    ) from None
                time.sleep(0.2)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"{os.getpid()}\n")
        self.handle.flush()

    def _holder(self) -> str:
        try:
            pid = Path(self.path).read_text().strip()
        except OSError:
            return ""
        return f" (pid {pid})" if pid.isdigit() else ""

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
