"""The GitHub Pages workflow, linted offline: pinned actions, least privilege, safe deploys."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})"
    r"\s+#\s+v\d+\.\d+\.\d+\s*$"
)
ON_MAIN = ("github.event_name == 'push'", "github.ref == 'refs/heads/main'")
PAGES_ACTIONS = ("actions/upload-pages-artifact", "actions/configure-pages", "actions/deploy-pages")


def load() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict), f"{WORKFLOW} is not a mapping"
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    value = workflow.get("on", workflow.get(True))
    assert isinstance(value, dict), "the workflow's `on:` should be a mapping of events"
    return value


def jobs() -> dict[str, dict[str, Any]]:
    found = load()["jobs"]
    assert isinstance(found, dict)
    return found


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def action(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@", 1)[0]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(job))


def job_using(name: str) -> tuple[str, dict[str, Any]]:
    found = [(job_id, job) for job_id, job in jobs().items() if name in runs(job)]
    assert len(found) == 1, f"expected one job that runs {name!r}, found {len(found)}"
    return found[0]


def test_triggers_are_push_to_main_and_pull_requests() -> None:
    on = triggers(load())
    assert set(on) == {"push", "pull_request"}
    assert on["push"] == {"branches": ["main"]}


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    lines = [line for line in WORKFLOW.read_text("utf-8").splitlines() if "uses:" in line]
    assert lines, "the workflow uses no actions?"
    for line in lines:
        assert PINNED.match(line), f"not pinned to a 40-hex SHA with a `# vX.Y.Z` comment: {line}"


def test_every_container_image_is_pinned_by_digest() -> None:
    images = []
    for job in jobs().values():
        container = job.get("container")
        if container is not None:
            images.append(container if isinstance(container, str) else container["image"])
        images += [service["image"] for service in job.get("services", {}).values()]
    assert images, "the test job runs in Debian's Python image"
    for image in images:
        assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), (
            f"not pinned by digest (name:tag@sha256:...): {image}"
        )


def test_permissions_are_least_privilege() -> None:
    assert load()["permissions"] == {}, "top-level permissions must be empty"
    for job_id, job in jobs().items():
        assert "permissions" in job, f"job {job_id} must declare its own permissions"
        uses = {action(step) for step in steps(job)}
        if "actions/deploy-pages" in uses:
            assert job["permissions"] == {"pages": "write", "id-token": "write"}, job_id
        else:
            assert job["permissions"] == {"contents": "read"}, job_id


def test_concurrency_group() -> None:
    concurrency = load()["concurrency"]
    assert isinstance(concurrency, dict)
    assert concurrency.get("group"), "the concurrency needs a group"
    # Never cancel a run on main halfway through a deployment.
    assert "pull_request" in str(concurrency.get("cancel-in-progress"))


def test_checkout_keeps_no_credentials() -> None:
    checkouts = [
        step for job in jobs().values() for step in steps(job) if action(step) == "actions/checkout"
    ]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, step


def test_pages_actions_run_only_on_a_push_to_main() -> None:
    for job_id, job in jobs().items():
        for step in steps(job):
            if action(step) not in PAGES_ACTIONS:
                continue
            condition = f"{job.get('if', '')} {step.get('if', '')}"
            for part in ON_MAIN:
                assert part in condition, f"{job_id}: {action(step)} runs without {part}"


def site_folder() -> str:
    """Where `make site` leaves the site: the folder `builder publish` swaps into place."""
    makefile = (PROJECT / "Makefile").read_text("utf-8")
    recipe = re.search(r"(?m)^site:.*\n((?:\t.*\n)+)", makefile)
    assert recipe, "the Makefile has no site recipe"
    published = re.search(r"\bpublish (?:--\S+ \S+ )*(\S+)", recipe[1])  # past its options
    assert published, "the site recipe does not say where the site is published"
    default = re.search(r"(?m)^BRIEFING \?= (\S+)$", makefile)
    assert default, "the Makefile gives BRIEFING no default"
    return posixpath.normpath(published[1].replace("$(BRIEFING)", default[1]))


def test_the_uploaded_folder_is_the_site_make_site_builds() -> None:
    _, build = job_using("make site")
    order = list(enumerate(steps(build)))
    uploads = [i for i, s in order if action(s) == "actions/upload-pages-artifact"]
    assert len(uploads) == 1, "one upload, in the job that builds the site"
    assert steps(build)[uploads[0]]["with"]["path"] == site_folder()
    built = [i for i, s in order if "make site" in str(s.get("run", ""))]
    assert built[0] < uploads[0], "the site is uploaded after it is built"


def test_build_and_deploy() -> None:
    build_id, _ = job_using("make site")
    test_id, test = job_using("make test")
    assert re.search(r"apt-get install -y chromium\b", runs(test)), "install Debian's Chromium"
    deploy = next(
        job
        for job in jobs().values()
        if "actions/deploy-pages" in {action(step) for step in steps(job)}
    )
    assert set(deploy["needs"]) == {build_id, test_id}
    assert deploy["environment"]["name"] == "github-pages"
    assert "make" not in runs(deploy), "the deploy job publishes; it builds nothing"


def zizmor() -> str | None:
    beside_python = Path(sys.executable).parent / "zizmor"
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("zizmor")


def test_zizmor_finds_nothing() -> None:
    executable = zizmor()
    # zizmor is in requirements/dev.lock, so `make test` always has it.
    assert executable is not None, "zizmor is missing: run make test, which installs it"
    result = subprocess.run(
        [executable, "--offline", "--no-progress", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
