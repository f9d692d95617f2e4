"""Options and configuration files.

Configuration comes from ``audiogen.toml`` in the article's folder, else from ``[tool.audiogen]``
in the nearest ``pyproject.toml`` above it; command-line options override both. Unknown keys are an
error, so a typo never passes silently.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audiogen.errors import ConfigError
from audiogen.text.read import MAX_BYTES
from audiogen.types import Pauses

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "audiogen.toml"

CACHE_ENV = "AUDIOGEN_CACHE_DIR"
"""Environment variable that moves the cache folder (CI keeps this folder between runs)."""


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(value: object) -> bool:
    """Whether ``value`` names a location by URL (``s3://bucket/prefix``, ``gs://...``,
    ``file:///...``), read through fsspec, rather than a local path. A one-letter scheme is a
    Windows drive, not a URL."""
    return isinstance(value, str) and _URL.match(value) is not None


_LOCATIONS = ("out_dir", "cache_dir")
"""The options that may name a URL instead of a folder."""


def default_cache_dir() -> Path:
    """``AUDIOGEN_CACHE_DIR`` if set to a folder, else the platform's user cache folder for
    audiogen: where the build's store (:mod:`audiogen.make.store`, or its local tier) and the
    recognizer's model live."""
    env = os.environ.get(CACHE_ENV)
    if env and not is_url(env):
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("audiogen", appauthor=False))


def cache_location() -> Path | str:
    """Where the build's store is when no ``--cache-dir`` is given: ``AUDIOGEN_CACHE_DIR`` as
    given (a folder or a URL), else :func:`default_cache_dir`."""
    env = os.environ.get(CACHE_ENV)
    if env and is_url(env):
        return env
    return default_cache_dir()


@dataclass(frozen=True)
class FeedSettings:
    """The podcast feed's channel, from ``[feed]``. ``None``: derived from the articles."""

    base_url: str | None = None
    """Public URL of the output folder (``audiogen feed --base-url`` wins)."""

    title: str | None = None
    """Show title; ``None``: the articles' site name."""

    description: str | None = None
    """Show description."""

    link: str | None = None
    """The show's web page; ``None``: the base URL."""

    author: str | None = None
    """``itunes:author``: the publisher as listeners see it."""

    owner_name: str | None = None
    """``itunes:owner`` name (podcast directories contact them)."""

    owner_email: str | None = None
    """``itunes:owner`` email (directories verify ownership with it)."""

    image: str | None = None
    """Show artwork: a URL, or a file name relative to the base URL (square JPEG or PNG,
    1400-3000 px, as Apple Podcasts requires)."""

    category: str = "News"
    """Apple Podcasts category; ``News/Daily News`` names a subcategory."""

    explicit: bool = False
    """``itunes:explicit``."""

    language: str | None = None
    """Channel language; ``None``: the articles' most common language."""

    copyright: str | None = None
    """Copyright line."""


@dataclass(frozen=True)
class Options:
    """Everything that shapes a build. ``None`` means "the engine's or article's default"."""

    engine: str | None = None
    """Engine name (``audiogen engines`` lists them); ``None``: the default for the article's
    language (:data:`audiogen.speech.voices.DEFAULT_ENGINES`)."""

    voice: str | None = None
    """Voice id; ``None``: the engine's first voice for the article's language."""

    lang: str | None = None
    """Language; ``None``: the article's own (front matter, ``<html lang>``), else English."""

    out_dir: Path | str = Path("output")
    """Folder the outputs are written to, or the URL (a ``str``: ``s3://bucket/audio/``) they are
    published to; the stages write a URL's outputs into a local staging folder first
    (:func:`audiogen.publish.remote.output_folder`)."""

    bitrate_kbps: int = 64
    """MP3 constant bit rate."""

    target_lufs: float = -16.0
    """Integrated loudness target."""

    ceiling_dbtp: float = -1.0
    """True-peak ceiling of the decoded MP3."""

    pauses: Pauses = field(default_factory=Pauses)
    """Silences between sentences, paragraphs and around headings."""

    engine_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Keyword options per engine name (``{"piper": {"length_scale": 1.1}}``)."""

    replace: Mapping[str, str] = field(default_factory=dict)
    """Site substitution table applied while cleaning (``[replace]``)."""

    drop: tuple[str, ...] = ()
    """Extra boilerplate patterns (``[boilerplate] drop``)."""

    lexicon: Mapping[str, str] = field(default_factory=dict)
    """Word -> respelling (or ``[[phonemes]]``) applied to whole words."""

    max_bytes: int = MAX_BYTES
    """Largest article accepted."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Parallel synthesis: cores speech synthesis may use, one sentence at a time on each
    (engines that allow it); default: the number of cores."""

    cache_dir: Path | str | None = None
    """The store: a folder, or a URL (``s3://bucket/prefix``) shared by machines; ``None``:
    ``AUDIOGEN_CACHE_DIR``, else the user's cache folder."""

    force: bool = False
    """Rebuild outputs even when they are current."""

    intro: Path | None = None
    """Audio file (WAV, FLAC, OGG, MP3) played before the speech, loudness-matched to it."""

    outro: Path | None = None
    """Audio file played after the speech, loudness-matched to it."""

    feed: FeedSettings = field(default_factory=lambda: FeedSettings())
    """The podcast feed's channel (``[feed]``)."""

    config_file: Path | None = None
    """The configuration file these options came from (``None``: none), named in errors about
    its values."""

    prune: bool = False
    """``build`` removes the outputs of articles that are gone (``--prune``, ``prune = true``)."""

    strict: bool = False
    """A build whose audio checks fail is a failed build (``--strict``, ``strict = true``): CI
    then exits non-zero."""

    assets: Path | None = None
    """A folder of shared images that front matter covers may name, besides the article's own
    folder (``assets``)."""

    def sound_options(self) -> dict[str, Any]:
        """The options that change the audio, for the manifest (and the cache later)."""
        return {
            "bitrate_kbps": self.bitrate_kbps,
            "target_lufs": self.target_lufs,
            # published under the name manifests have always used
            "true_peak_dbtp": self.ceiling_dbtp,
            "pauses": dataclasses.asdict(self.pauses),
            # with no engine chosen, any engine's options may apply
            "engine_options": dict(
                self.options_for_engine() if self.engine else self.engine_options
            ),
            # only when set, so that manifests without them stay as they were
            **{k: str(v) for k, v in (("intro", self.intro), ("outro", self.outro)) if v},
        }

    def options_for_engine(self, engine: str | None = None) -> Mapping[str, Any]:
        """Keyword options for ``engine`` (default: the selected engine)."""
        return self.engine_options.get(engine or self.engine or "", {})


_SCALARS: dict[str, type | tuple[type, ...]] = {
    "engine": str,
    "voice": str,
    "lang": str,
    "bitrate": int,
    "target_lufs": (int, float),
    "true_peak": (int, float),
    "max_bytes": int,
    "jobs": int,
    "intro": str,
    "outro": str,
    "prune": bool,
    "strict": bool,
    "assets": str,
}
_TABLES = {"pauses", "engine_options", "replace", "boilerplate", "lexicon", "feed"}


def find_config(folder: Path) -> tuple[Path | None, dict[str, Any]]:
    """The configuration that applies to articles in ``folder`` and the file it came from."""
    folder = folder.resolve()
    own = folder / CONFIG_NAME
    if own.is_file():
        return own, load_toml(own)
    for parent in (folder, *folder.parents):
        pyproject = parent / "pyproject.toml"
        if pyproject.is_file():
            data = load_toml(pyproject)
            section = data.get("tool", {}).get("audiogen")
            if section is not None:
                return pyproject, section
            break  # the project's root: do not read configuration from outside it
    return None, {}


def load_toml(path: Path, fix: str = "fix the file") -> dict[str, Any]:
    """The tables of a TOML file; an unreadable or invalid file is a :class:`ConfigError` that
    names it and, for invalid TOML, ends with ``fix`` (what to do about it)."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}): {fix}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None


def options_from_config(
    data: Mapping[str, Any], source: Path | None = None, base: Options | None = None
) -> Options:
    """``base`` (default: the defaults) updated from a configuration mapping; unknown keys fail."""
    where = str(source) if source else "configuration"
    opts = base or Options()
    unknown = sorted(set(data) - set(_SCALARS) - _TABLES)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}: "
            f"known keys are {', '.join(sorted([*_SCALARS, *_TABLES]))}"
        )
    for key, kind in _SCALARS.items():
        if key in data and not isinstance(data[key], kind):
            raise ConfigError(f"{where}: {key} has the wrong type ({data[key]!r})")
    changes: dict[str, Any] = {}
    for key, attr in (
        ("engine", "engine"),
        ("voice", "voice"),
        ("lang", "lang"),
        ("bitrate", "bitrate_kbps"),
        ("target_lufs", "target_lufs"),
        ("true_peak", "ceiling_dbtp"),
        ("max_bytes", "max_bytes"),
        ("jobs", "jobs"),
        ("prune", "prune"),
        ("strict", "strict"),
    ):
        if key in data:
            changes[attr] = data[key]
    tables = {key: _table(data, key, where) for key in _TABLES if key in data}
    if "pauses" in tables:
        for name, ms in tables["pauses"].items():
            if isinstance(ms, bool) or not isinstance(ms, int):
                raise ConfigError(
                    f"{where}: [pauses] {name} = {ms!r} has the wrong type: give whole "
                    "milliseconds, such as 300"
                )
        try:
            changes["pauses"] = dataclasses.replace(opts.pauses, **tables["pauses"])
        except TypeError:
            names = ", ".join(f.name for f in dataclasses.fields(Pauses))
            raise ConfigError(f"{where}: [pauses] takes {names}") from None
    if "engine_options" in tables:
        table = tables["engine_options"]
        if not all(isinstance(v, dict) for v in table.values()):
            raise ConfigError(f"{where}: write engine options as [engine_options.ENGINE] tables")
        changes["engine_options"] = {
            name: {**opts.engine_options.get(name, {}), **values} for name, values in table.items()
        }
    for key in ("replace", "lexicon"):
        if key in tables:
            _strings(tables[key].values(), f"[{key}]", where)
            changes[key] = {**getattr(opts, key), **{str(k): v for k, v in tables[key].items()}}
    if "boilerplate" in tables:
        extra = set(tables["boilerplate"]) - {"drop"}
        if extra:
            raise ConfigError(f"{where}: [boilerplate] takes only drop = [patterns]")
        patterns = tables["boilerplate"].get("drop", [])
        # a string would be read as one pattern a character, and "." drops every block
        if not isinstance(patterns, list):
            raise ConfigError(
                f"{where}: [boilerplate] drop = {patterns!r} has the wrong type: write a list, "
                f'such as drop = ["^Sponsored"]'
            )
        _strings(patterns, "[boilerplate] drop", where)
        changes["drop"] = (*opts.drop, *patterns)
    changes.update(_publish_settings(data, source, opts))
    return dataclasses.replace(opts, **changes)


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    """The table ``key`` of ``data``; a value that is not a table is a :class:`ConfigError`."""
    table = data[key]
    if not isinstance(table, dict):
        raise ConfigError(
            f"{where}: {key} = {table!r} has the wrong type: write it as a table, a [{key}] line "
            "with key = value lines below it"
        )
    return table


def _strings(values: Any, what: str, where: str) -> None:
    """Raise :class:`ConfigError` unless every one of ``values`` is a string."""
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(
                f"{where}: {what} has {value!r}, which is not a string: put it in quotes"
            )


def _publish_settings(
    data: Mapping[str, Any], source: Path | None, opts: Options
) -> dict[str, Any]:
    """``intro``/``outro`` (resolved against the configuration's folder) and ``[feed]``."""
    where = str(source) if source else "configuration"
    changes: dict[str, Any] = {}
    for key in ("intro", "outro", "assets"):
        if key in data:
            path = Path(data[key]).expanduser()
            changes[key] = source.parent / path if source and not path.is_absolute() else path
    if "feed" in data:
        table = data["feed"]
        fields = {f.name: f for f in dataclasses.fields(FeedSettings)}
        if not isinstance(table, dict) or set(table) - set(fields):
            unknown = ", ".join(sorted(set(table) - set(fields))) if isinstance(table, dict) else ""
            raise ConfigError(
                f"{where}: [feed] has unknown key(s) {unknown}: it takes {', '.join(fields)}"
            )
        for key, value in table.items():
            kind = bool if key == "explicit" else str
            if not isinstance(value, kind):
                raise ConfigError(f"{where}: [feed] {key} has the wrong type ({value!r})")
        changes["feed"] = dataclasses.replace(opts.feed, **table)
    return changes


def options_for(article_dir: str | Path, overrides: Mapping[str, Any] | None = None) -> Options:
    """Options for articles in ``article_dir``: defaults, then its configuration, then ``overrides``
    (command-line values; ``None`` values are ignored; paths may be strings). Raises
    :class:`ConfigError` for a value a build would fail on (:func:`check_options`)."""
    from audiogen.text.lexicon import lexicon_for

    article_dir = Path(article_dir)

    path, data = find_config(article_dir)
    opts = dataclasses.replace(options_from_config(data, path), config_file=path)
    # lexicon files first, so that [lexicon] in the configuration has the last word
    opts = dataclasses.replace(opts, lexicon={**lexicon_for(article_dir), **opts.lexicon})
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    if "pauses" in given and isinstance(given["pauses"], Mapping):
        given["pauses"] = dataclasses.replace(opts.pauses, **given["pauses"])
    if "engine_options" in given:
        # Command-line engine options apply to the engine being used (with none chosen, the
        # English default's).
        from audiogen.speech.voices import default_engine

        engine = given.get("engine") or opts.engine or default_engine("en")
        table = dict(opts.engine_options)
        table[engine] = {**table.get(engine, {}), **given["engine_options"]}
        given["engine_options"] = table
    for key in ("out_dir", "cache_dir", "intro", "outro", "assets"):
        if isinstance(given.get(key), str) and not (key in _LOCATIONS and is_url(given[key])):
            given[key] = Path(given[key])
    try:
        opts = dataclasses.replace(opts, **given)
    except TypeError as exc:
        raise ConfigError(f"unknown option: {exc}") from None
    check_options(opts, path)
    return opts


PAUSE_MAX_MS = 60_000
"""The longest pause accepted: a minute of silence is a typo, not a pause."""

MAX_JOBS = 256
"""The most synthesis jobs accepted: more is a typo on any machine audiogen runs on."""

MAX_BYTES_LIMIT = 100 * MAX_BYTES
"""The largest ``max_bytes`` accepted (100 MB of text is days of speech)."""

_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_options(opts: Options, source: Path | None = None) -> None:
    """Raise :class:`ConfigError`, naming the allowed values, for any value a build would fail on
    or publish wrongly: checked before any work, so a typo never costs a synthesis."""
    from audiogen.audio.encode import BITRATES

    where = f" (command line or {source})" if source else ""

    def fail(message: str) -> None:
        raise ConfigError(message + where)

    if opts.bitrate_kbps not in BITRATES:
        fail(
            f"bit rate {opts.bitrate_kbps} kb/s is not an MP3 bit rate: --bitrate (bitrate) takes "
            f"one of {', '.join(map(str, BITRATES))}"
        )
    for f in dataclasses.fields(Pauses):
        ms = getattr(opts.pauses, f.name)
        if isinstance(ms, bool) or not isinstance(ms, int) or not 0 <= ms <= PAUSE_MAX_MS:
            flag = "--" + f.name.removesuffix("_ms") + "-pause"
            fail(
                f"pause {f.name} = {ms!r}: {flag} ([pauses] {f.name}) takes whole milliseconds "
                f"from 0 to {PAUSE_MAX_MS}"
            )
    if not _whole(opts.jobs, 1, MAX_JOBS):
        fail(f"jobs = {opts.jobs!r}: --jobs (jobs) takes a whole number from 1 to {MAX_JOBS}")
    # NaN fails every comparison, so it fails these too
    if not _number(opts.target_lufs) or not -70 <= opts.target_lufs < 0:
        fail(f"target_lufs = {opts.target_lufs!r}: give a loudness from -70 to below 0 LUFS")
    if not _number(opts.ceiling_dbtp) or not -20 <= opts.ceiling_dbtp <= 0:
        fail(f"true_peak = {opts.ceiling_dbtp!r}: give a ceiling from -20 to 0 dBTP")
    if not _whole(opts.max_bytes, 1, MAX_BYTES_LIMIT):
        fail(
            f"max_bytes = {opts.max_bytes!r}: give a size from 1 to {MAX_BYTES_LIMIT} bytes "
            "(a long feature is about 60 KB)"
        )
    if opts.lang is not None and not _LANG.fullmatch(opts.lang):
        fail(f"lang = {opts.lang!r}: --lang (lang) takes a language code such as en, de or pt-BR")
    if opts.assets is not None and not Path(opts.assets).is_dir():
        fail(f"assets folder {opts.assets} does not exist: assets takes a folder of images")
    for key in ("intro", "outro"):
        path = getattr(opts, key)
        if path is not None and not Path(path).is_file():
            fail(f"{key} file {path} does not exist: --{key} ({key}) takes an audio file")
    # An engine checks its options when constructed, and constructing one loads nothing: the
    # engine that will speak (with none chosen, the language's default), and every other
    # installed engine the configuration gives options to.
    from audiogen.speech.engines.base import engine_names, get_engine
    from audiogen.speech.voices import default_engine

    chosen = opts.engine or default_engine(opts.lang)
    installed = set(engine_names())
    for name in sorted({chosen, *(n for n in opts.engine_options if n in installed)}):
        try:
            get_engine(name, **opts.options_for_engine(name))
        except ConfigError as exc:
            fail(str(exc))
