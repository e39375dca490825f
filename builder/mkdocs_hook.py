"""MkDocs hook: regenerate the pages before each build, so `mkdocs serve` follows edits;
and render the sidebar once for all the pages that share it.

The generated pages are plain Markdown that any MkDocs-compatible tool can render without
this hook: `make site` runs the builder itself first, and the theme falls back to
rendering each sidebar when the hook is absent.

It regenerates the briefing its configuration names (``extra.briefing_data``, written by
the builder into ``.briefing/mkdocs.yml``) into that configuration's docs folder, and no
other; the writer itself refuses a docs folder made from another briefing's data.

When the pages cannot be regenerated (bad data, a template error, another build holding
the docs folder), ``mkdocs build`` fails with the positioned message and no traceback.
``mkdocs serve`` must not fail: it would keep every request of the browser waiting until
a build succeeds (MkDocs serves nothing while its newest build is unfinished), for as long
as the data stays broken. So under ``serve`` the site is built from the last good pages,
each page shows the message at its top, and the terminal shows it too.
"""

from __future__ import annotations

import html
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# ProperDocs (the fork of MkDocs) runs this hook too, and reports only its own PluginError
# as a message; MkDocs' would show as a traceback there.
_TOOL = "properdocs" if "properdocs" in sys.modules else "mkdocs"
PluginError: type[Exception] = importlib.import_module(f"{_TOOL}.exceptions").PluginError

ROOT = Path(__file__).resolve().parent.parent

# What `mkdocs` was started for, and why the pages of the build under way are not new.
# (MkDocs loads this file once per process: a rebuild under `serve` finds both here.)
_state: dict[str, Any] = {"serving": False, "problem": ""}

_NOTICE = (
    '<div role="alert" id="briefing-preview-error" style="position:sticky;top:0;'
    "z-index:10000;margin:0;padding:0.8em 1.2em;background:#b00020;color:#fff;"
    'font:0.8rem/1.5 monospace;white-space:pre-wrap;max-height:50vh;overflow:auto">'
    "<strong>The pages were not regenerated; this is the last good version.</strong>\n"
    "{message}</div>"
)


def on_startup(command: str, **_: Any) -> None:
    _state["serving"] = command == "serve"


def on_pre_build(config: Any, **_: Any) -> None:
    _state["problem"] = ""
    if os.environ.get("BRIEFING_PREBUILT") == "1":  # `make site` has just run the builder
        return
    # MkDocs loads hooks by file path, not as a package, and puts sys.path back as it was
    # once the file is loaded: the builder package is found from here on.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # Imported here, not above: `make site` loads this hook only to skip it, and the
    # builder's imports (pydantic, the validators) would cost it a third of a second.
    try:
        from builder.errors import DataError
        from builder.pipeline import Paths, build
    except ImportError as error:  # a renderer's own venv (.venv-properdocs) has no pydantic
        raise PluginError(
            f"the builder cannot run where {_TOOL} runs ({error}): make site RENDERER={_TOOL} "
            "generates the pages first, then builds"
        ) from None

    data = config.extra.get("briefing_data")
    if not data:
        # The shared mkdocs.yml alone: which briefing it is for, it cannot say. Guessing
        # once regenerated one briefing's pages into another's docs folder.
        raise PluginError(
            f"{config.config_file_path} names no briefing (extra.briefing_data); build with "
            "make site BRIEFING=<folder>, or mkdocs -f <folder>/.briefing/mkdocs.yml"
        )
    try:
        build(Paths(Path(data), Path(config.docs_dir), ROOT / "templates"))
        return
    except DataError as error:
        message = "briefing data has problems:\n" + error.report()
    except OSError as error:  # another build holds the folder; a full disk
        message = f"pages not regenerated: {error}"
    if not _state["serving"]:
        raise PluginError(message)
    _state["problem"] = message
    # Printed, not logged: MkDocs' strict mode would count a logged error and fail the
    # build, which is what must not happen here.
    print(f"{'ERROR':<8} -  {message}", file=sys.stderr, flush=True)


def on_post_build(config: Any, **_: Any) -> None:
    """A published site's stylesheets lose the rules nothing in it can match (a phone
    paints nothing before it has them). Not under ``serve``: a preview changes page by
    page, and a class a new page brings would find its rules gone."""
    if _state["serving"]:
        return
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from builder.trimcss import trim_site

    trim_site(Path(config.site_dir))


def on_post_page(output: str, **_: Any) -> str:
    """Under `serve`, after a failed regeneration: the message at the top of each page."""
    problem = _state["problem"]
    if not problem:
        return output
    start = output.find("<body")
    end = output.find(">", start) + 1 if start >= 0 else 0
    return output[:end] + _NOTICE.format(message=html.escape(problem)) + output[end:]


def on_env(env: Any, **_: Any) -> Any:
    # A new environment, and so an empty memo, for every build (and every serve rebuild).
    env.globals["shared_sidebar"] = SharedSidebar()
    return env


class SharedSidebar:
    """The navigation sidebar of a page that is not itself in the navigation marks nothing
    as current, and its links differ only by where the page stands: every entity page in
    one folder has the same sidebar, byte for byte. The theme renders it once per folder
    (about ten times at 5,000 entities, not 5,000; it was a tenth of MkDocs' time).

    Called from the theme's ``base.html`` as builder/theme.py edits it:
    ``{% call shared_sidebar(page, nav) %}``.
    """

    def __init__(self) -> None:
        self._rendered: dict[str, str] = {}

    def __call__(self, page: Any, nav: Any, caller: Callable[[], str]) -> str:
        key = self.key(page, nav)
        if key is None:
            return caller()
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]

    @staticmethod
    def key(page: Any, nav: Any) -> str | None:
        """What the page's links are relative to, with the page's own place as ``*``; None
        when the page's sidebar is its own (it is in the navigation, or a navigation link
        leads inside the folder that is the page)."""
        url: str | None = getattr(page, "url", None)
        if url is None or nav is None or page in nav.pages:
            return None
        # As MkDocs' get_relative_url reads a page URL: a last part with a dot is a file,
        # and links are relative to its folder; otherwise the URL is itself the folder.
        folder, _, last = url.rpartition("/")
        if "." in last:
            return folder
        folder = url.rstrip("/")
        if any(item.url.startswith(folder + "/") for item in nav.pages):
            return None
        parent, _, _ = folder.rpartition("/")
        return f"{parent}/*" if parent else "*"
