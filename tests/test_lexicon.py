"""Lexicon files, `audiogen lexicon check`, and language detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogen.config import options_for
from audiogen.errors import ConfigError
from audiogen.lexicon import check, lexicon_for, load_lexicon_file, user_lexicon_path
from audiogen.pipeline import detect_language, prepare
from audiogen.read import read_bytes

from .conftest import SAMPLE
from .test_cli import run


@pytest.fixture(autouse=True)
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_user_site_and_config_precedence(tmp_path: Path) -> None:
    user = user_lexicon_path()
    assert str(user).startswith(str(tmp_path / "config-home"))
    user.parent.mkdir(parents=True)
    user.write_text('Guterres = "user"\nKluge = "Klooga"\n', encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "lexicon.toml").write_text('Guterres = "site"\n', encoding="utf-8")
    assert lexicon_for(site) == {"Guterres": "site", "Kluge": "Klooga"}
    (site / "audiogen.toml").write_text('[lexicon]\nGuterres = "config"\n', encoding="utf-8")
    assert options_for(site).lexicon == {"Guterres": "config", "Kluge": "Klooga"}


@pytest.mark.parametrize("content", ["Guterres = 3\n", 'Guterres = ""\n', "Guterres = \n"])
def test_bad_lexicon_names_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_lexicon_file(path)
    assert str(info.value).startswith(str(path))


def test_check_finds_names_and_acronyms() -> None:
    sentences = [
        ("Mister Voronkov met Kluge in Geneva.", "Mr. Voronkov met Kluge in Geneva."),
        ("Voronkov said Aemet was ready.", "Voronkov said AEMET was ready."),
    ]
    found = {f.word: f for f in check(sentences, "en")}
    assert set(found) == {"Voronkov", "Kluge", "Aemet"}
    assert found["Voronkov"].count == 2 and "dictionary" in found["Voronkov"].reason
    assert found["Aemet"].reason == "acronym read as a word"
    assert found["Kluge"].sounds  # the phonemizer's reading is shown
    # a word the lexicon settles, and the words of its respelling, are not reported
    assert "Kluge" not in {f.word for f in check(sentences, "en", {"Kluge": "Klooga"})}


def test_lexicon_check_command(tmp_path: Path) -> None:
    result = run("lexicon", "check", str(SAMPLE))
    assert result.exit_code == 0
    words = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert "Guterres" in words
    assert "Voronkov" not in words  # articles/lexicon.toml settles it
    assert "the" not in words and "U" not in words


def test_phoneme_entries_only_reach_piper(tmp_path: Path) -> None:
    (tmp_path / "lexicon.toml").write_text('Voronkov = "[[ vəɹˈɑnkɔf ]]"\nKluge = "Klooga"\n')
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nMr. Voronkov met Dr. Kluge on Monday.\n", encoding="utf-8")
    piper = prepare(src, options_for(tmp_path)).script.text
    espeak = prepare(src, options_for(tmp_path, {"engine": "espeak"})).script.text
    assert "[[ vəɹˈɑnkɔf ]]" in piper and "Klooga" in piper
    assert "Voronkov" in espeak and "[[" not in espeak and "Klooga" in espeak


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Der Bundestag hat am Donnerstag den Haushalt für das kommende Jahr beschlossen.", "de"),
        ("Le gouvernement a présenté mercredi son projet de budget pour l'année prochaine.", "fr"),
        ("The council approved the budget for the coming year on Thursday evening.", "en"),
        ("Too short", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    article = read_bytes("a.txt", f"Title\n\n{text}\n".encode())
    assert detect_language(article) == lang


def test_front_matter_lang_wins_and_no_voice_is_clear(tmp_path: Path) -> None:
    src = tmp_path / "de.md"
    src.write_text(
        "---\ntitle: Haushalt\nlang: de\n---\n\nDer Bundestag hat den Haushalt beschlossen.\n",
        encoding="utf-8",
    )
    assert prepare(src, options_for(tmp_path)).script.lang == "de"
    result = run("build", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert (
        "no voice for language 'de'" in result.output_both
        and "--engine espeak" in result.output_both
    )
    result = run("build", str(src), "-o", str(tmp_path / "out"), "-e", "espeak", "-q")
    assert result.exit_code == 0
