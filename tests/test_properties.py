"""Property-based tests (hypothesis): whatever an author or a configuration gives them, the
readers, front matter, configuration and text stages return a result or raise an AudiogenError,
never another exception, and never run past a time limit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audiogen.config import options_from_config
from audiogen.errors import AudiogenError
from audiogen.text.clean import clean_article
from audiogen.text.normalize import normalize
from audiogen.text.read import read_bytes, slugify
from audiogen.text.split import sentences

LIMIT = settings(
    max_examples=60,
    deadline=dt.timedelta(seconds=2),  # no input may hang a stage
    suppress_health_check=[HealthCheck.too_slow],
)

NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "-", "a.htm", "a.markdown", "a.bin"])
# text an author might write: any Unicode (lone surrogates included), with markup and YAML in it
PIECES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        ["---\n", "title: ", "slug: ", "&a [*a, *a]\n", "<p>", "</p>", "<div>" * 50, "\n\n",
         "# ", "| a | b |\n", "\ufeff", "\x00", "\r\n", "1,000,000", "$5.5bn", "12:30", "Dr. "]
    ),
)  # fmt: skip
ARTICLES = st.lists(PIECES, max_size=12).map("".join)


def contract(call, *args, **kwargs):
    """A result or an AudiogenError; anything else fails the test with its traceback."""
    try:
        return call(*args, **kwargs)
    except AudiogenError as exc:
        assert "\n" not in str(exc).strip(), "errors are one line"
        return None


# how files start: byte order marks, front matter, markup
HEADS = st.sampled_from([b"", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"---\n", b"<html><p>"])


@settings(LIMIT, max_examples=200)
@given(name=NAMES, data=st.tuples(HEADS, st.binary(max_size=400)).map(b"".join))
@example(name="a.txt", data=b"\xff\xfe\x00bad utf\x80\x81\n")  # a UTF-16 BOM, odd bytes
def test_read_bytes_any_bytes(name: str, data: bytes) -> None:
    contract(read_bytes, name, data)


@LIMIT
@given(name=NAMES, text=ARTICLES, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_read_bytes_any_text(name: str, text: str, encoding: str) -> None:
    contract(read_bytes, name, text.encode(encoding, "replace"))


YAML_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.lists(st.text(max_size=10), max_size=3), st.dates(),
)  # fmt: skip
META_KEYS = st.sampled_from(
    ["title", "slug", "author", "date", "lang", "url", "site", "summary", "image", "cover", "x"]
)


@LIMIT
@given(meta=st.dictionaries(META_KEYS, YAML_VALUES, max_size=6), body=ARTICLES)
def test_front_matter_any_values(meta: dict, body: str) -> None:
    import yaml

    front = yaml.safe_dump(meta, allow_unicode=True)
    article = contract(
        read_bytes, "a.md", f"---\n{front}---\n\n{body}\n".encode("utf-8", "replace")
    )
    if article is not None:
        assert article.slug == slugify(article.slug)  # a slug is safe and stable


TOML_SCALARS = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
)
TOML_VALUES = st.one_of(
    TOML_SCALARS, st.dictionaries(st.text(max_size=12), TOML_SCALARS, max_size=3)
)
CONFIG_KEYS = st.sampled_from(
    ["engine", "voice", "lang", "bitrate", "target_lufs", "true_peak", "max_bytes", "jobs",
     "intro", "outro", "prune", "strict", "assets", "pauses", "engine_options", "replace",
     "boilerplate", "lexicon", "feed", "typo"]
)  # fmt: skip


@LIMIT
@given(data=st.dictionaries(CONFIG_KEYS, TOML_VALUES, max_size=5))
def test_options_from_config_any_mapping(data: dict) -> None:
    from audiogen.config import check_options

    options = contract(options_from_config, data)
    if options is not None:
        contract(check_options, options)


@LIMIT
@given(title=st.text(max_size=60), blocks=st.lists(ARTICLES, max_size=4))
def test_clean_any_article(title: str, blocks: list[str]) -> None:
    from audiogen.types import Article, Block

    article = Article(
        title=title,
        blocks=tuple(Block("paragraph", b, None) for b in blocks if b.strip()),
        slug="a",
        source="a.txt",
        source_sha256="0" * 64,
        format="text",
    )
    contract(clean_article, article)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "ru", "zh"])
@LIMIT
@given(text=ARTICLES)
def test_normalize_and_split_any_text(lang: str, text: str) -> None:
    spoken = contract(normalize, text, lang)
    contract(sentences, spoken if spoken is not None else text, lang)
