"""Lexicon files, `audiogen lexicon check`, and language detection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from audiogen.config import options_for
from audiogen.errors import ConfigError
from audiogen.pipeline import build, prepare
from audiogen.speech.engines.base import select_voice
from audiogen.speech.synth import synthesize_script
from audiogen.text.language import detect_language
from audiogen.text.lexicon import check, lexicon_for, load_lexicon_file, user_lexicon_path
from audiogen.text.read import read_bytes

from .conftest import ROOT, SAMPLE, run


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
    assert found["Kluge"].sounds == ""  # no engine given: nothing to tell
    # a word the lexicon settles is listed with its entry; the words of its respelling are not
    settled = {f.word: f for f in check(sentences, "en", {"Kluge": "Klooga"})}
    assert settled["Kluge"].reason == 'lexicon entry: Kluge = "Klooga"'
    assert "Klooga" not in settled
    # with the speaking voice's phonemizer, the reading is shown, and the entry changes it
    from audiogen.speech.engines.hibari import HibariEngine

    engine = HibariEngine()

    def sounds(word: str) -> str | None:
        return engine.phonemize(word, voice="heart", lang="en")

    heard = {f.word: f for f in check(sentences, "en", None, sounds)}
    respelled = {f.word: f for f in check(sentences, "en", {"Kluge": "Klooga"}, sounds)}
    assert heard["Kluge"].sounds and respelled["Kluge"].sounds
    assert respelled["Kluge"].sounds != heard["Kluge"].sounds


@pytest.mark.parametrize(
    ("engine", "word", "sounds"),
    [
        # each engine's own alphabet: misaki for hibari (O is the "oh" diphthong), IPA for Piper
        ("hibari", "Kluge", "klˈuʤ"),
        ("piper", "Kluge", "klˈuːdʒ"),
        ("pico", "Kluge", ""),  # Pico cannot show its phonemes
    ],
)
def test_check_asks_the_engine_that_will_speak(engine: str, word: str, sounds: str) -> None:
    from audiogen.speech.engines.base import get_engine

    e = get_engine(engine)
    voice = select_voice(e, None, "en").id
    found = check(
        [(f"{word} spoke.", f"{word} spoke.")],
        "en",
        {},
        lambda w: e.phonemize(w, voice=voice, lang="en"),
    )
    assert found[0].sounds == sounds


def test_lexicon_check_command(tmp_path: Path) -> None:
    result = run("lexicon", "check", str(SAMPLE))
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert "dictionary" in lines["António"]
    # articles/lexicon.toml settles them: shown with the entry that applies and its reading
    assert 'lexicon entry: Voronkov = "[[ vəɹˈɑnkɔf ]]"  /vəɹˈɑnkɔf/' in lines["Voronkov"]
    assert "lexicon entry: Guterres" in lines["Guterres"]
    assert "the" not in lines and "U" not in lines


@pytest.mark.parametrize(
    "word",
    [
        "Harbour",
        "harbours",
        "centre",
        "organised",
        "defence",
        "programme",
        "colour",
        "labour",
        "neighbourhood",
        "analyse",
        "travelled",
        "catalogue",
        "theatre",
        "Councillors",
    ],
)
def test_british_spellings_are_not_names(word: str) -> None:
    sentence = f"The {word} was mentioned."
    assert [f.word for f in check([(sentence, sentence)], "en")] == []


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["Voronkov"], ['Voronkov: Voronkov = "[[ vəɹˈɑnkɔf ]]"', "it says: /vəɹˈɑnkɔf/"]),
        (["Kluge"], ['Kluge: Kluge = "Klooga"', "the voice is given: Klooga", "it says: /kl"]),
        (["Harbour"], ["Harbour: no entry", "the voice is given: Harbour", "it says: /h"]),
        # phoneme entries reach Piper only: espeak is given the word
        (["Voronkov", "-e", "espeak"], ["Voronkov: no entry", "given: Voronkov"]),
    ],
)
def test_lexicon_say(args: list[str], lines: list[str]) -> None:
    result = run("lexicon", "say", *args, "-c", str(ROOT / "articles"))
    assert result.exit_code == 0, result.output_both
    for line in lines:
        assert line in result.stdout


def test_lexicon_say_writes_what_the_voice_says(tmp_path: Path) -> None:
    from mutagen.mp3 import MP3

    out = tmp_path / "kluge.mp3"
    result = run(
        "lexicon", "say", "Kluge", "-c", str(ROOT / "articles"), "-e", "espeak", "-o", str(out)
    )
    assert result.exit_code == 0, result.output_both
    assert 0.2 < MP3(out).info.length < 3


def _spy(monkeypatch: pytest.MonkeyPatch, engine_class: type) -> list[str]:
    """The texts every engine of ``engine_class`` is asked to speak."""
    heard: list[str] = []
    real = engine_class.synthesize

    def synthesize(self: Any, text: str, **kwargs: Any) -> Any:
        heard.append(text)
        return real(self, text, **kwargs)

    monkeypatch.setattr(engine_class, "synthesize", synthesize)
    return heard


def test_phoneme_entries_only_reach_piper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mutagen.id3 import ID3

    from audiogen.speech.engines.espeak import EspeakEngine
    from audiogen.speech.engines.piper import PiperEngine

    (tmp_path / "lexicon.toml").write_text('Voronkov = "[[ vəɹˈɑnkɔf ]]"\nKluge = "Klooga"\n')
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nMr. Voronkov met Dr. Kluge on Monday.\n", encoding="utf-8")
    for engine in ("piper", "espeak"):
        options = options_for(tmp_path, {"engine": engine, "out_dir": tmp_path / engine})
        prepared = prepare(src, options)
        # The script (what staff proof-read) shows the word; a respelling is in it.
        assert "Voronkov" in prepared.script.text and "[[" not in prepared.script.text
        assert "Klooga" in prepared.script.text
        assert prepared.phonemes == ({"Voronkov": "[[ vəɹˈɑnkɔf ]]"} if engine == "piper" else {})
    piper_heard = _spy(monkeypatch, PiperEngine)
    espeak_heard = _spy(monkeypatch, EspeakEngine)
    for engine in ("piper", "espeak"):
        manifest = build(
            src, options_for(tmp_path, {"engine": engine, "out_dir": tmp_path / engine})
        )
        spoken = " ".join(s.text for s in manifest.sentences)
        assert "Mister Voronkov met" in spoken and "[[" not in spoken
        lyrics = ID3(tmp_path / engine / "a.mp3").getall("USLT")[0].text
        assert "Voronkov" in lyrics and "[[" not in lyrics
    # Piper is given the phonemes; espeak, which would read the brackets out, the word.
    assert any("Mister [[ vəɹˈɑnkɔf ]] met" in t and "Klooga" in t for t in piper_heard)
    assert not any("Voronkov" in t for t in piper_heard)
    assert any("Mister Voronkov met" in t and "Klooga" in t for t in espeak_heard)
    assert not any("[[" in t for t in espeak_heard)


def test_sample_script_shows_the_word_and_piper_gets_phonemes(piper_engine: Any) -> None:
    assert (SAMPLE.parent / "lexicon.toml").read_text(encoding="utf-8").count("Guterres = ")
    result = run("script", str(SAMPLE))
    assert result.exit_code == 0, result.output_both
    assert "António Guterres" in result.stdout and "[[" not in result.stdout
    prepared = prepare(SAMPLE, options_for(SAMPLE.parent))
    assert "[[" not in prepared.script.text
    wanted = [s for s in prepared.script.sentences if "Guterres" in s.text][:1]
    assert wanted

    class Spy:
        def __init__(self, engine: Any) -> None:
            self.engine, self.heard = engine, []

        def __getattr__(self, name: str) -> Any:
            return getattr(self.engine, name)

        def synthesize(self, text: str, **kwargs: Any) -> Any:
            self.heard.append(text)
            return self.engine.synthesize(text, **kwargs)

    spy = Spy(piper_engine)
    audio = synthesize_script(
        spy,  # type: ignore[arg-type]
        wanted,
        voice=select_voice(piper_engine, None, "en").id,
        lang="en",
        phonemes=prepared.phonemes,
    )
    assert audio[0].frames > 0
    said = " ".join(spy.heard)
    assert "[[ ɡuːtˈɛɹɛʃ ]]" in said and "Guterres" not in said


def test_phoneme_edit_makes_outputs_stale_and_respeaks_only_its_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from audiogen.speech.engines.piper import PiperEngine

    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('Voronkov = "[[ vəɹˈɑnkɔf ]]"\n', encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nMr. Voronkov spoke on Monday. Everyone listened.\n", encoding="utf-8")
    out = tmp_path / "out"
    heard = _spy(monkeypatch, PiperEngine)

    def check() -> tuple[int, str]:
        result = run("check", str(src), "-o", str(out), "-e", "piper")
        return result.exit_code, str(result.output_both)

    def build_cli() -> str:
        result = run("build", str(src), "-o", str(out), "-e", "piper")
        assert result.exit_code == 0, result.output_both
        return str(result.output_both)

    build_cli()
    assert any("[[ vəɹˈɑnkɔf ]]" in t for t in heard)
    script_sha = json.loads((out / "a.json").read_text(encoding="utf-8"))["script_sha256"]
    assert check()[0] == 0
    # An entry for a word the article lacks changes nothing that matters.
    lexicon.write_text('Voronkov = "[[ vəɹˈɑnkɔf ]]"\nKluge = "[[ klˈuːɡə ]]"\n', encoding="utf-8")
    assert check()[0] == 0
    # Editing the phoneme entry of a word in the article leaves the script as it was ...
    lexicon.write_text('Voronkov = "[[ vɚɹˈɑːnkɔːf ]]"\n', encoding="utf-8")
    code, text = check()
    assert code != 0 and "lexicon changed (phonemes" in text, text
    heard.clear()
    # ... but the build speaks again exactly the sentence with the word, with the new phonemes.
    assert "up to date" not in build_cli()
    assert heard == ["Mister [[ vɚɹˈɑːnkɔːf ]] spoke on Monday."]
    manifest = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert manifest["script_sha256"] == script_sha
    assert manifest["inputs"]["phonemes"] == {"Voronkov": "[[ vɚɹˈɑːnkɔːf ]]"}
    assert check()[0] == 0
    heard.clear()
    assert "up to date" in build_cli() and heard == []


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
    result = run("build", str(src), "-o", str(tmp_path / "out"), "-e", "hibari")
    assert result.exit_code == 2
    assert (
        "no voice for language 'de'" in result.output_both
        and "Leave out --engine" in result.output_both
    )
    # without --engine, the language's default voice speaks it
    result = run("build", str(src), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.output_both
    manifest = json.loads((tmp_path / "out" / "de.json").read_text(encoding="utf-8"))
    assert (manifest["engine"], manifest["voice"]) == ("pico", "pico-de-DE")
    assert manifest["language"]["source"] == "article"


PARAGRAPHS_DE = (
    "Der Bundestag hat am Donnerstag den Haushalt für das kommende Jahr beschlossen.\n\n"
    "Die Opposition kritisierte die geplanten Ausgaben für Verteidigung und Verkehr.\n"
)


@pytest.mark.parametrize(
    ("given", "front", "body", "lang", "source"),
    [
        # the configuration or --lang is never overridden
        ("en", "", PARAGRAPHS_DE, "en", "option"),
        # nor is the article's own lang
        (None, "fr", PARAGRAPHS_DE, "fr", "article"),
        # two paragraphs, surely German: detected
        (None, "", PARAGRAPHS_DE, "de", "detected"),
        # one paragraph: too short to overrule the default, whatever detection guessed
        (None, "", PARAGRAPHS_DE.split("\n\n")[0] + "\n", "en", "default"),
        # a headline only
        (None, "", "", "en", "default"),
    ],
)
def test_language_choice(given: str | None, front: str, body: str, lang: str, source: str) -> None:
    from audiogen.text.language import choose_language

    meta = f"---\ntitle: Haushalt 2025\nlang: {front}\n---\n\n" if front else ""
    text = meta + ("" if front else "Haushalt 2025\n\n") + body
    article = read_bytes("a.md" if front else "a.txt", text.encode())
    choice = choose_language(given, article)
    assert (choice.lang, choice.source) == (lang, source)
    if source == "detected":
        assert choice.confidence is not None and choice.confidence >= 0.8
        assert "detected" in choice.explain() and "%" in choice.explain()


def test_lexicon_docstring_examples() -> None:
    import doctest

    import audiogen.text.lexicon

    failed, attempted = doctest.testmod(audiogen.text.lexicon)
    assert attempted >= 1
    assert failed == 0


def test_readme_respelling_example_is_said_as_a_word(tmp_path: Path) -> None:
    """README's [lexicon] example used to be GOO-teh-resh, which the voice spells "G O O"."""
    import re

    from audiogen.text.lexicon import say

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    value = re.search(r'^Guterres = "([^"]+)"', readme, re.M).group(1)
    from audiogen.speech.engines.hibari import HibariEngine

    engine = HibariEngine()  # the default English voice's phonemizer
    text, ipa = say(
        "Guterres",
        "en",
        {"Guterres": value},
        lambda w: engine.phonemize(w, voice="heart", lang="en"),
    )
    assert text == value and ipa.startswith("ɡ")  # the sound g, not the letter name "jee"
    (tmp_path / "lexicon.toml").write_text('Guterres = "GOO-teh-resh"\n', encoding="utf-8")
    result = run("lexicon", "say", "Guterres", "-c", str(tmp_path))
    assert "capitals are spelled letter by letter" in result.stdout
