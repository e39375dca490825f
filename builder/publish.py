"""Publish: generate the pages, build the site into a folder of its own, check its links,
and only then make ``site`` show it, in one step that is never seen half-done.

``site`` is a symbolic link to a versioned folder beside it (``.site-<random>``); a new
version replaces the link with ``rename``, which is atomic, so at every moment
``site/index.html`` opens the old site or the new one, never nothing. The first publish
over a ``site`` that is still a real folder swaps the two with ``renameat2``'s
``RENAME_EXCHANGE`` (Linux); where that is missing, the folder is moved aside a moment
before the link takes its place. Each build gets a new folder, so two publishes cannot
share one; the docs folder's lock is held throughout, so a second publish (or build) of
the same briefing stops at once, naming the first. The version shown before, and any a
killed publish left behind, are removed afterwards.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.errors import print_warnings
from builder.lock import locked
from builder.paths import Paths
from builder.uptodate import inputs_digest, is_current, record
from builder.write import lock_path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """The site was not published; ``site`` still shows what it showed."""


def publish(paths: Paths, site: Path, command: list[str], site_url: str = "") -> str:
    """Build the pages and the site, check the links, swap ``site``; a summary line."""
    from builder.linkcheck import check_site
    from builder.pipeline import build

    site = Path(os.path.abspath(site))
    with locked(lock_path(paths.docs), f"publishing {site.name}"):
        digest = inputs_digest(paths, command)
        if is_current(paths, site, digest):
            return f"{site.name}/ is up to date: nothing it is made from has changed"
        built = build(paths)
        print_warnings(built.prepared.warnings)
        print(f"built {paths.docs}: {built.report.summary()}", flush=True)
        new = Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=site.parent))
        try:
            env = {**os.environ, "BRIEFING_PREBUILT": "1"}
            # The command comes from the Makefile (or the user), never from the data.
            site_command = [*command, "--site-dir", str(new)]
            result = subprocess.run(site_command, env=env, check=False)  # noqa: S603
            if result.returncode:
                raise PublishError(f"{command[0]} failed (exit {result.returncode})")
            links = check_site(new, site_url)
            for line in links.broken:
                print(line, file=sys.stderr, flush=True)
            if links.broken or not links.pages:
                raise PublishError(f"{len(links.broken)} broken links, {links.pages} pages")
            new.chmod(0o755)  # mkdtemp makes it private; a site is for reading
            old = swap(new, site)
            record(paths, site, digest)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        remove_old_versions(site, keep=new, also=old)
    return (
        f"site built in {site.name}/: {links.pages} pages, {links.internal} internal links checked"
    )


def swap(new: Path, site: Path) -> Path | None:
    """Make ``site`` a link to ``new`` (a folder beside it) in one step; return the folder
    that ``site`` showed until now, if any, for the caller to remove."""
    link = site.parent / f".{site.name}-link-{secrets.token_hex(8)}"
    os.symlink(new.name, link)
    try:
        if site.is_symlink():
            before = Path(os.path.realpath(site))
            os.replace(link, site)
            return before if before.parent == site.parent else None
        if not site.exists():
            os.replace(link, site)
            return None
        if _exchange(link, site):  # now `link` names the real folder that was `site`
            return link
        aside = site.parent / f".{site.name}-old-{secrets.token_hex(8)}"
        os.rename(site, aside)
        os.replace(link, site)
        return aside
    finally:
        if link.is_symlink():
            link.unlink()


def _exchange(one: Path, other: Path) -> bool:
    """Swap two names at once (Linux's renameat2); False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    rename = getattr(libc, "renameat2", None)
    if rename is None:
        return False
    done = rename(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(other))


def remove_old_versions(site: Path, *, keep: Path, also: Path | None) -> None:
    """The version ``site`` showed before, and versions or links a killed publish left."""
    stale = [also] if also is not None and also != keep else []
    stale += [
        path for path in site.parent.glob(f".{site.name}-*") if path != keep and path not in stale
    ]
    for path in stale:
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
