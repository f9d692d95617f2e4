"""Configuration files and option precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogen.config import Options, find_config, options_for, options_from_config
from audiogen.errors import ConfigError
from audiogen.types import Pauses


def test_defaults() -> None:
    o = Options()
    # no engine: each language's default (see audiogen.speech.voices)
    assert (o.engine, o.voice, o.bitrate_kbps, o.target_lufs, o.ceiling_dbtp) == (
        None,
        None,
        64,
        -16.0,
        -1.0,
    )
    assert o.pauses == Pauses(300, 700, 1000)
    assert o.jobs >= 1


def test_audiogen_toml_next_to_articles(tmp_path: Path) -> None:
    (tmp_path / "audiogen.toml").write_text(
        'engine = "espeak"\nbitrate = 96\n[pauses]\nsentence_ms = 250\n'
        '[engine_options.espeak]\nrate = 160\n[replace]\n"ACME(tm)" = "Acme"\n'
        '[boilerplate]\ndrop = ["^Sponsored"]\n[lexicon]\nGuterres = "goo-TEH-resh"\n',
        encoding="utf-8",
    )
    o = options_for(tmp_path)
    assert o.engine == "espeak" and o.bitrate_kbps == 96
    assert o.pauses.sentence_ms == 250 and o.pauses.paragraph_ms == 700
    assert o.options_for_engine() == {"rate": 160}
    assert o.replace == {"ACME(tm)": "Acme"} and o.drop == ("^Sponsored",)
    assert o.lexicon == {"Guterres": "goo-TEH-resh"}
    # the command line wins, and engine options go to the engine in use
    o = options_for(
        tmp_path, {"engine": "gtts", "engine_options": {"tld": "ie"}, "bitrate_kbps": None}
    )
    assert o.engine == "gtts" and o.bitrate_kbps == 96
    assert o.options_for_engine() == {"tld": "ie"}


def test_tool_section_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.audiogen]\nvoice = "espeak-de"\n')
    sub = tmp_path / "articles"
    sub.mkdir()
    path, data = find_config(sub)
    assert path == tmp_path / "pyproject.toml" and data == {"voice": "espeak-de"}
    assert options_for(sub).voice == "espeak-de"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"engin": "piper"}, "unknown key"),
        ({"bitrate": "fast"}, "wrong type"),
        ({"pauses": {"sentence": 3}}, r"\[pauses\] takes"),
        ({"engine_options": {"tld": "ie"}}, r"\[engine_options.ENGINE\]"),
        ({"boilerplate": {"keep": []}}, "only drop"),
    ],
)
def test_bad_configuration_names_the_file(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        options_from_config(data, Path("site/audiogen.toml"))
    assert str(info.value).startswith("site/audiogen.toml")


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "audiogen.toml").write_text("engine = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        options_for(tmp_path)


# Where a TOML file is read, what is wrong with it, and the fix the message must end with.
TOML_ERRORS = [
    ("audiogen.toml", "engine = \n", "invalid TOML", "fix the file"),
    ("pyproject.toml", "[tool.audiogen\n", "invalid TOML", "fix the file"),
    ("lexicon.toml", "Guterres = \n", "invalid TOML", "fix the lexicon"),
    ("lexicon.toml", "Guterres = 'x'\n[a\n", "invalid TOML", "fix the lexicon"),
]


@pytest.mark.parametrize(("name", "content", "problem", "fix"), TOML_ERRORS)
def test_invalid_toml_names_the_file_and_the_fix(
    tmp_path: Path, name: str, content: str, problem: str, fix: str
) -> None:
    from audiogen.text.lexicon import load_lexicon_file

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        if name == "lexicon.toml":
            load_lexicon_file(path)
        else:
            find_config(tmp_path)
    message = str(info.value)
    assert message.startswith(f"{path.resolve() if name != 'lexicon.toml' else path}: {problem} (")
    assert message.endswith(f"): {fix}")


@pytest.mark.parametrize("name", ["audiogen.toml", "lexicon.toml"])
def test_unreadable_toml_names_the_file(tmp_path: Path, name: str) -> None:
    from audiogen.text.lexicon import load_lexicon_file

    path = tmp_path / name
    path.mkdir()  # a folder where the file should be: open() fails
    with pytest.raises(ConfigError, match=r": cannot read it \(") as info:
        if name == "lexicon.toml":
            load_lexicon_file(path)
        else:
            from audiogen.config import load_toml

            load_toml(path)
    assert str(info.value).startswith(str(path))


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--bitrate", "65"], ["--bitrate", "64", "320"]),
        (["-e", "piper", "-O", "length_scale=abc"], ["length_scale", "'abc'"]),
        (["-e", "piper", "-O", "length_scale=0"], ["length_scale", "above 0"]),
        (["--sentence-pause", "-100"], ["--sentence-pause", "0 to 60000"]),
        (["--paragraph-pause", "99999999"], ["--paragraph-pause"]),
        (["-e", "piper", "-O", "speed=2"], ["no option speed", "length_scale, noise_scale"]),
        (["-O", "length_scale=1.1"], ["hibari", "no option length_scale", "speed"]),
        (["-e", "espeak", "-O", "rate=5"], ["rate", "80 to 450"]),
        (["-e", "gtts", "-O", "tld=not a domain"], ["tld"]),
        (["-e", "nosuch"], ["installed engines are"]),
    ],
)
def test_bad_option_values_fail_before_any_work(
    tmp_path: Path, args: list[str], names: list[str]
) -> None:
    """One line naming the allowed values, exit code 2, and nothing written (nothing spoken)."""
    from .conftest import run

    article = tmp_path / "story.txt"
    article.write_text("A title\n\nOne sentence to speak.\n", encoding="utf-8")
    result = run("build", str(article), "-o", str(tmp_path / "out"), "-q", *args)
    assert result.exit_code == 2, result.output_both
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in result.output_both
    for name in names:
        assert name in line
    assert not (tmp_path / "out").exists()


def test_options_for_takes_strings_as_paths(tmp_path: Path) -> None:
    """README's library example passes plain strings."""
    opts = options_for(str(tmp_path), {"out_dir": str(tmp_path / "audio")})
    assert opts.out_dir == tmp_path / "audio"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("bitrate = 65\n", "not an MP3 bit rate"),
        ("[pauses]\nheading_ms = -1\n", "heading_ms"),
        ("jobs = 0\n", "jobs"),
        ('intro = "missing.wav"\n', "missing.wav does not exist"),
        ("[engine_options.piper]\nlength_scale = -1\n", "length_scale"),
    ],
)
def test_bad_configuration_values_name_the_file(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "audiogen.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        options_for(tmp_path)
    assert "audiogen.toml" in str(info.value)
