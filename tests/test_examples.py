"""The examples a new user copies work as written: the GitHub Actions workflow's `run:` steps in a
temporary clone, and README's library example."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / "examples" / "github-actions.yml"

ARTICLE = """\
A short story of our own

The council met on Monday. Residents asked for a new bridge.
"""


def _steps() -> list[dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return [step for step in workflow["jobs"]["audio"]["steps"] if "run" in step]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _clone(tmp_path: Path) -> Path:
    """This repository's tracked files as they are now (not as last committed), as a fresh git
    repository with one article of a new user's own, and a bare remote to push to."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode("utf-8")
    clone = tmp_path / "site"
    for name in filter(None, listed.split("\0")):
        if name.startswith(("articles/", "output/")) or not (ROOT / name).is_file():
            continue
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, clone / name)
    (clone / "articles").mkdir()
    (clone / "articles" / "our-story.txt").write_text(ARTICLE, encoding="utf-8")
    # espeak keeps the test quick; the steps are the same for every engine
    (clone / "articles" / "audiogen.toml").write_text('engine = "espeak"\n', encoding="utf-8")
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(clone, "init", "-q", "-b", "main")
    _git(clone, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(clone, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "start")
    _git(clone, "remote", "add", "origin", str(remote))
    _git(clone, "push", "-q", "-u", "origin", "main")
    return clone


def _install_offline(command: str) -> str:
    """The install step as written, told not to reach the registry: the test's environment
    already has every dependency (the venv sees the system's site-packages)."""
    assert re.fullmatch(r"python -m pip install -e \.", command.strip()), command
    return command.strip() + " --no-deps --no-build-isolation --no-index --quiet"


@pytest.mark.slow
def test_github_actions_steps_run_as_written(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    # A fresh environment that sees this one's packages (dependencies and pip) but not its
    # audiogen: a path in a .pth file adds the folder without running that folder's .pth files.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / "bin"
    site = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(env_dir),
        "AUDIOGEN_CACHE_DIR": str(clone / ".audiogen-cache"),
    }
    env.pop("PYTHONPATH", None)
    steps = _steps()
    install = [s for s in steps if "pip install" in s["run"]]
    assert len(install) == 1, "one install step"
    assert "pip install audiogen" not in WORKFLOW.read_text(encoding="utf-8")
    command = _install_offline(install[0]["run"])
    done = subprocess.run(command, shell=True, cwd=clone, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (bin_dir / "audiogen").is_file()

    # a push to main builds and commits; then a pull request finds the audio current
    order = [s for s in steps if s.get("if") == "github.event_name == 'push'"]
    order += [s for s in steps if s.get("if") == "github.event_name == 'pull_request'"]
    assert len(order) == len(steps) - 1
    for step in order:
        script = "set -e\n" + step["run"]
        done = subprocess.run(
            ["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{step.get('name')}: {done.stdout}{done.stderr}"
        assert "Traceback" not in done.stderr
    assert (clone / "output" / "our-story.mp3").is_file()
    log = subprocess.run(
        ["git", "log", "--oneline", "main"],
        cwd=tmp_path / "remote.git",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Update audio versions" in log


def test_readme_library_example_runs(tmp_path: Path) -> None:
    """README's Python example, as written, with only its output folder moved to a temp one."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library") :]
    code = section[section.index("```python") + len("```python") : section.index("```\n", 12)]
    assert '"/tmp/audio"' in code
    code = code.replace('"/tmp/audio"', repr(str(tmp_path / "audio")))
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "audio" / "city-council-budget-2024.mp3").is_file()
    assert "Sentence(" in done.stdout


def test_first_make_audio_says_what_it_installs() -> None:
    """The first make audio was silent for about 40 s: it says what it sets up, and pip's own
    lines (not --quiet) show what is being fetched."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("$(STAMP): pyproject.toml") :].split("\n\n", 1)[0]
    assert "@echo" in recipe
    install = [line for line in recipe.splitlines() if "pip install" in line and " -e ." in line]
    assert install and "--quiet" not in install[0]


KUBERNETES = ROOT / "examples" / "kubernetes"


def test_kubernetes_example_is_one_consistent_setup() -> None:
    """The Job's command is a build the CLI accepts, against the scheduler the DaskCluster
    serves, on workers of one process and one thread; the image installs extras that exist."""
    import click

    from audiogen.cli import cli

    cluster = yaml.safe_load((KUBERNETES / "dask-cluster.yaml").read_text(encoding="utf-8"))
    job = yaml.safe_load((KUBERNETES / "build-job.yaml").read_text(encoding="utf-8"))
    worker = cluster["spec"]["worker"]["spec"]["containers"][0]
    assert worker["args"][:2] == ["dask", "worker"]
    assert worker["args"][worker["args"].index("--nthreads") + 1] == "1"
    command = job["spec"]["template"]["spec"]["containers"][0]["command"]
    assert command[:2] == ["audiogen", "build"]
    ctx = cli.commands["build"].make_context("build", list(command[2:]), resilient_parsing=True)
    name = cluster["metadata"]["name"]
    port = cluster["spec"]["scheduler"]["service"]["ports"][0]["port"]
    assert ctx.params["scheduler"] == f"tcp://{name}-scheduler:{port}"
    assert str(ctx.params["cache_dir"]).startswith("s3://")
    assert str(ctx.params["out_dir"]).startswith("s3://")
    assert isinstance(cli.commands["build"], click.Command)
    # scheduler and workers run with the settings --workers gives a LocalCluster
    from dask.config import collect_env, get

    from audiogen.make.cluster import QUIET

    scheduler = cluster["spec"]["scheduler"]["spec"]["containers"][0]
    for container in (worker, scheduler):
        settings = collect_env({e["name"]: e["value"] for e in container.get("env", [])})
        assert {key: get(key, config=settings) for key in QUIET} == QUIET
    image = worker["image"]
    assert job["spec"]["template"]["spec"]["containers"][0]["image"] == image
    dockerfile = (KUBERNETES / "Dockerfile").read_text(encoding="utf-8")
    extras = re.search(r"-e '\.\[([a-z0-9,]+)\]'", dockerfile)
    assert extras is not None
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for extra in extras.group(1).split(","):
        assert re.search(rf"^{extra} = \[", pyproject, re.M), extra


def test_sharded_workflow_builds_every_article_into_one_bucket(
    tmp_path: Path, s3_bucket: str
) -> None:
    """The matrix workflow's build step, as written, once per shard, then its feed job, against
    a real S3 endpoint: every article is built exactly once into the bucket, and the feed lists
    them all. (Its install steps install the `s3` extra, which the test environment has.)"""
    import fsspec

    workflow = yaml.safe_load(
        (ROOT / "examples" / "github-actions-shards.yml").read_text(encoding="utf-8")
    )
    jobs = workflow["jobs"]
    shards = jobs["build"]["strategy"]["matrix"]["shard"]
    (build,) = [s["run"] for s in jobs["build"]["steps"] if "run" in s and "--shard" in s["run"]]
    feed = [s["run"] for s in jobs["feed"]["steps"] if "run" in s and "pip" not in s["run"]]
    for step in jobs["build"]["steps"] + jobs["feed"]["steps"]:
        if "pip install" in step.get("run", ""):
            extra = re.search(r"\.\[(\w+)\]", step["run"])
            assert extra and re.search(rf"^{extra.group(1)} = \[", _PYPROJECT, re.M)
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(1, 6):
        (articles / f"story-{n}.txt").write_text(
            f"Story {n}\n\nThe council met on day {n}. Residents asked questions.\n",
            encoding="utf-8",
        )
    (articles / "audiogen.toml").write_text('engine = "espeak"\n', encoding="utf-8")
    env = {
        **os.environ,
        "CACHE": f"s3://{s3_bucket}/cache",
        "OUT": f"s3://{s3_bucket}/audio",
        "AUDIOGEN_CACHE_DIR": str(tmp_path / "runner-cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    for shard in shards:
        command = build.replace("${{ matrix.shard }}", str(shard))
        done = subprocess.run(["bash", "-ec", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
    for command in feed:
        done = subprocess.run(["bash", "-ec", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    names = sorted(Path(p).name for p in fs.ls(f"{s3_bucket}/audio"))
    assert [n for n in names if n.endswith(".mp3")] == [f"story-{n}.mp3" for n in range(1, 6)]
    feed_xml = fs.cat(f"{s3_bucket}/audio/feed.xml").decode("utf-8")
    assert all(f"https://audio.example.org/story-{n}.mp3" in feed_xml for n in range(1, 6))


_PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
