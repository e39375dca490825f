"""Run ``python -m builder`` and SIGKILL it just before its k-th change under a folder.

    python -m tests.killpoint K FOLDER -- BUILDER ARGS...

Every call that changes the file system under FOLDER counts as one change: creating a
file (``os.open`` with ``O_CREAT``), ``fchmod`` of a file so created, ``replace``,
``unlink``, ``mkdir``, ``rmdir``. Before the K-th, the process sends itself SIGKILL: no
handler, no ``finally``, no flush of buffered writes runs, as when the machine's user
kills a build. With K = 0 it runs to the end and prints ``changes: N`` on stderr.

The builder's code is not changed or told anything: the count is taken in the ``os``
module, which the builder (and the version of it before this test existed) call.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any


def arm(kill_at: int, folder: str) -> Callable[[], int]:
    """Count changes under ``folder`` from now on; return a function giving the count."""
    inside = os.path.realpath(folder) + os.sep
    count = 0
    created: set[int] = set()

    def change() -> None:
        nonlocal count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def under(path: Any) -> bool:
        text = os.fsdecode(path) if isinstance(path, str | bytes | os.PathLike) else ""
        return os.path.realpath(text).startswith(inside)

    real_open, real_fchmod = os.open, os.fchmod

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        counted = bool(flags & os.O_CREAT) and under(path)
        if counted:
            change()
        handle = real_open(path, flags, *args, **kwargs)
        if counted:
            created.add(handle)
        return handle

    def fchmod(fd: int, mode: int) -> None:
        if fd in created:
            created.discard(fd)
            change()
        real_fchmod(fd, mode)

    def on_path(real: Callable[..., Any], *which: int) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if any(under(args[i]) for i in which if i < len(args)):
                change()
            return real(*args, **kwargs)

        return wrapper

    os.open = open_
    os.fchmod = fchmod
    os.replace = on_path(os.replace, 0, 1)
    os.rename = on_path(os.rename, 0, 1)
    os.unlink = on_path(os.unlink, 0)
    os.remove = on_path(os.remove, 0)
    os.mkdir = on_path(os.mkdir, 0)
    os.rmdir = on_path(os.rmdir, 0)
    return lambda: count


def main(argv: list[str]) -> int:
    kill_at, folder, separator, *command = argv
    assert separator == "--", "usage: python -m tests.killpoint K FOLDER -- ARGS..."
    from builder.cli import main as builder_main  # imported first: its imports change nothing

    counted = arm(int(kill_at), folder)
    code = builder_main(command)
    print(f"changes: {counted()}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
