"""``make serve``: the live preview. An edit to the data is served within about a second.

    python -m builder.serve [--root FOLDER] [--dev-addr HOST:PORT]

One process keeps the briefing's MkDocs site loaded (builder/preview_site.py). On every
change to the data, the templates, the hand-written pages, the theme overrides or the site
configuration, it regenerates the pages with the builder (which rewrites only pages whose
text changed), re-renders only those pages' HTML, and tells the open browsers to reload.
MkDocs' own development server serves the pages and reloads the browsers; what differs
from ``mkdocs serve``:

- changes are noticed by inotify, not by polling every half second, and the builder's own
  writes into the docs folder (its pages, its manifest, its temporary files) are not
  taken for edits;
- a bad edit leaves the last good site served: the positioned error is printed, and shown
  at the top of every page served until the edit is fixed; the server keeps running
  (``mkdocs serve`` would hold every request until a build succeeded);
- a change to the builder's own code restarts the process, so that the new code runs.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from builder.errors import DataError
from builder.index import Index
from builder.mkdocs_hook import _NOTICE
from builder.paths import PROJECT, Paths
from builder.pipeline import Superseded, build, prepare_changed
from builder.preview_site import PreviewSite
from builder.write import MANIFEST, read_manifest

log = logging.getLogger("mkdocs.preview")
CODE = PROJECT / "builder"
RELOAD_GRACE = 0.3  # seconds between showing pages first and the rest of the update


class PreviewServer(LiveReloadServer):
    """MkDocs' development server with inotify, a filter on what counts as an edit, and
    the current problem shown on every page it serves."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # inotify, not a poll every half second
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]
        self.build_delay = 0.05  # an editor's save is a burst of events: wait for quiet
        self.problem = ""
        self.ignored: set[str] = set()  # absolute paths of the builder's own output
        self.restart = False

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in self._watched_paths:
            return
        self._watched_paths[path] = 1
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._changed  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _changed(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        paths = [os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", ""))]
        relevant = [p for p in paths if p and not self._own_output(p)]
        if not relevant:
            return
        if any(p.startswith(str(CODE) + os.sep) and p.endswith(".py") for p in relevant):
            self.restart = True
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _own_output(self, path: str) -> bool:
        name = os.path.basename(path)
        return path in self.ignored or name.startswith(".") or name.endswith("~")

    def edited_since(self) -> bool:
        """Whether an edit came after the update under way began."""
        return self._want_rebuild

    def publish(self) -> None:
        """Serve the folder as it is now, in the middle of an update (requests otherwise
        wait for the update to finish), and tell the browsers to reload."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def new_version(self) -> None:
        """The end of this update is a version of its own: the browsers reload again."""
        self._wanted_epoch = _timestamp()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        if not self.problem:
            return content
        start = content.find(b"<body")
        end = content.find(b">", start) + 1 if start >= 0 else 0
        notice = _NOTICE.format(message=html.escape(self.problem)).encode("utf-8")
        return content[:end] + notice + content[end:]


class Preview:
    """The builder, the site and the server of one briefing."""

    def __init__(self, paths: Paths, server: PreviewServer, site: PreviewSite) -> None:
        self.paths, self.server, self.site = paths, server, site
        self.index: Index | None = None  # the last good build's, to see what an edit changed

    def regenerate(self, first: bool = False) -> None:
        """The builder, then the site; never raises: a failure is the problem shown."""
        if self.server.restart:
            self._restart()
        started = time.perf_counter()
        shown_first = self._show_first()
        try:
            built = build(self.paths, cancelled=self.server.edited_since)
        except Superseded:
            # A newer edit is waiting: its pages first, then the whole update for both.
            log.info("a newer edit: this update gives way to it")
            return
        except DataError as error:
            self._fail("briefing data has problems:\n" + error.report(), first)
            return
        except OSError as error:
            self._fail(f"pages not regenerated: {error}", first)
            return
        finally:
            self._ignore_own_output()
        self.index = built.prepared.index
        for warning in built.prepared.warnings:
            log.warning(warning)
        generated = time.perf_counter()
        try:
            update = self.site.update()
        except Exception as error:  # a template of the theme, a page MkDocs cannot render
            self._fail(f"the site was not rebuilt: {_describe(error)}", first)
            return
        self.server.root = self.site.site_dir
        self.server.problem = ""
        done = time.perf_counter()
        log.info(
            f"pages: {built.report.summary()} in {generated - started:.2f}s; "
            f"site: {update.summary()} in {done - generated:.2f}s"
        )
        if shown_first:
            self.server.new_version()  # the browsers reload again, for the other pages

    def _show_first(self) -> bool:
        """The pages of the entities an edit changed, rendered and served before the
        builder renders every page again (about a third of its time): at 5,000 entities
        the edited page shows in about a second instead of three or four. Whether any
        were; the whole update follows, as if none had been."""
        if self.index is None:
            return False
        started = time.perf_counter()
        try:
            pages = prepare_changed(self.paths, self.index)
            shown = self.site.show_first(pages) if pages else []
        except Exception:  # the whole update that follows meets it again, and reports it
            return False
        if shown:
            elapsed = time.perf_counter() - started
            log.info(f"shown first: {', '.join(shown)} in {elapsed:.2f}s")
            self.server.publish()
            # Let the browsers fetch it before the builder starts again: parts of its work
            # (the YAML parser, pydantic) hold the interpreter for a second or more at a
            # time at thousands of entities, and a request would wait for them.
            time.sleep(RELOAD_GRACE)
        return bool(shown)

    def _fail(self, message: str, first: bool) -> None:
        self.server.problem = message
        print(f"{'ERROR':<8} -  {message}", file=sys.stderr, flush=True)
        if first and not self.site.site_dir and self.paths.config.is_file():
            # No good site yet in this process: the pages from before, under the notice.
            try:
                self.site.update()
                self.server.root = self.site.site_dir
            except Exception as error:
                print(f"{'ERROR':<8} -  {_describe(error)}", file=sys.stderr, flush=True)

    def _ignore_own_output(self) -> None:
        docs = os.path.abspath(self.paths.docs)
        owned = {os.path.join(docs, name) for name in read_manifest(self.paths.docs)}
        self.server.ignored = owned | {os.path.join(docs, MANIFEST)}

    def _restart(self) -> None:
        log.info("The builder's code changed: restarting the preview")
        self.server.observer.stop()
        self.server.server_close()
        self.site.close()
        os.execv(sys.executable, [sys.executable, "-m", "builder.serve", *sys.argv[1:]])  # noqa: S606


def _describe(error: BaseException) -> str:
    """An error with its place when it has one (Jinja's template errors do)."""
    where = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    place = f"{where}:{line}: " if where and line else ""
    return f"{place}{type(error).__name__}: {error}"


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder.serve", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="briefing folder")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    args = parser.parse_args(argv)
    root: Path = args.root
    paths = Paths(root / "data", root / "docs", PROJECT / "templates")
    host, _, port = args.dev_addr.rpartition(":")
    # Requests are answered from other threads while the builder works in this one: a
    # shorter switch interval lets them have the interpreter sooner (a page shown first
    # was answered up to 2 s late at the default 5 ms on a loaded machine).
    sys.setswitchinterval(0.0005)
    # The pages are the builder's: the hook must not regenerate them inside MkDocs' events.
    os.environ["BRIEFING_PREBUILT"] = "1"
    _logging()
    work = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
    mount = urlsplit(os.environ.get("SITE_URL", "") or "/").path
    url = _serve_url(host, int(port), mount)
    site = PreviewSite(paths.config, url, work)
    server = PreviewServer(
        builder=lambda: None, host=host, port=int(port), root=str(work), mount_path=mount
    )
    preview = Preview(paths, server, site)
    server.builder = preview.regenerate
    server.error_handler = lambda code: _error_page(server.root, code)
    try:
        preview.regenerate(first=True)
        if not site.site_dir:
            return 1
        for folder in (paths.data, paths.templates, paths.docs, PROJECT / "overrides", CODE):
            if folder.is_dir():
                server.watch(str(folder))
        server.watch(str(PROJECT / "mkdocs.yml"), recursive=False)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        site.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _error_page(root: str, code: int) -> bytes | None:
    page = Path(root) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


if __name__ == "__main__":
    raise SystemExit(main())
