"""A build cache on disk for work whose result depends only on its inputs.

Keys hash every input together with the code and package versions that produce the
result, so a hit is always what a fresh computation would give: output stays
deterministic whether or not the cache exists. Delete the folder any time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import jinja2

from builder.paths import PROJECT

FOLDER = Path(os.environ.get("BRIEFING_CACHE", PROJECT / ".cache"))


def cached_text(parts: list[str], compute: Callable[[], str]) -> str:
    key = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    path = FOLDER / "text" / key[:2] / key
    try:
        return path.read_text("utf-8")
    except OSError:
        pass
    text = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except OSError:
        pass  # a read-only checkout builds without a cache
    return text


def source_digest(*files: Path) -> str:
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


def template_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Compiled templates, keyed by Jinja on each template's name and source checksum, in
    a folder of their own for each way of compiling them: Jinja compiles a filter call
    with or without the context depending on the filter, so a template compiled while a
    filter took no context must not be reused once it takes one."""
    compiled_as = [jinja2.__version__, repr(env.autoescape), *sorted(env.extensions)]
    for kind, functions in (("filter", env.filters), ("test", env.tests)):
        for name, function in sorted(functions.items()):
            compiled_as.append(f"{kind} {name} {getattr(function, 'jinja_pass_arg', '')}")
    digest = hashlib.sha256("\x00".join(compiled_as).encode()).hexdigest()[:16]
    folder = FOLDER / "jinja" / digest
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
