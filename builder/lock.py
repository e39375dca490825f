"""One build at a time: an advisory lock on a file, held for as long as a build writes.

``flock`` on a lock file that stays in place (removing it would let two processes each
hold a lock on a different file). The holder writes its process id and what it does into
the file, so that another build can say whom it waits for; the lock goes with the
process, however it ends, so a build killed with SIGKILL never leaves a stale lock, only
a stale line, which the next holder overwrites. A process that already holds a lock may
take it again (a ``publish`` holds the docs folder's lock while its build writes pages).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_held: dict[str, int] = {}  # lock files this process holds -> how many times


class Busy(OSError):
    """Another process holds the lock."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@contextmanager
def locked(path: Path, doing: str) -> Iterator[None]:
    """Hold the lock at ``path`` (created if missing) or raise :class:`Busy` at once;
    ``doing`` says what the holder does, for the message another process shows."""
    key = os.path.realpath(path)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(key, flags, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            # What the holder wrote: its process id and what it does.
            pid, _, what = os.pread(handle, 4096, 0).decode("utf-8", "replace").partition(" ")
            who = f"process {pid}" if pid.isdigit() else "another process"
            raise Busy(
                f"{who} is {what.strip() or doing} (lock file {path.as_posix()}); "
                "wait for it to finish, or stop it, then run again"
            ) from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()} {doing}\n".encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            os.ftruncate(handle, 0)  # the file a finished build leaves is always the same
    finally:
        os.close(handle)  # releases the lock
