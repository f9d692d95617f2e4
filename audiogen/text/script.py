"""The script: an article's blocks split into sentences and normalized for speech, each sentence
kept with its written form. What ``audiogen script`` prints and ``build`` speaks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audiogen.types import Article, Script, Sentence

if TYPE_CHECKING:
    from audiogen.text.clean import Change
    from audiogen.text.language import LanguageChoice

SpeakBlock = Callable[[str, str, "Mapping[str, str] | None"], list[list[str]]]
"""A block's text, language and lexicon to its ``[written, spoken]`` sentence pairs (the shape of
:func:`speak_block`, which a caller may remember)."""


@dataclass(frozen=True)
class Prepared:
    """An article made ready to speak."""

    article: Article
    """The cleaned article."""

    script: Script
    """What will be spoken."""

    changes: tuple[Change, ...]
    """Every repair and dropped line, for ``audiogen script --explain``."""

    lines: tuple[int | None, ...] = ()
    """Source line of each block number in ``changes`` (0: the title), where known."""

    phonemes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The lexicon's phoneme entries (``"[[ ... ]]"``) for the engine, applied to each sentence
    as it is spoken (:func:`audiogen.speech.synth.engine_text`), never to the script; empty for
    an engine that does not read phonemes."""

    language: LanguageChoice | None = None
    """How the script's language was decided (for ``--explain`` and the manifest)."""


def split_lexicon(
    lexicon: Mapping[str, str], reads_phonemes: bool
) -> tuple[dict[str, str], dict[str, str]]:
    """``(for the script, for the engine)``: the entries :func:`make_script` applies, and the
    phoneme entries applied only to the text handed to the engine.

    Phonemes are for engines that read them (``Engine.reads_phonemes``: Piper and hibari; another
    engine would read the brackets out), so for another engine they are dropped and the word is
    read as usual. For an engine that reads them they also go to the script, where they only
    keep their word as written (see :func:`.normalize.normalize`) so that the phonemes find it
    again when the sentence is spoken.
    """
    from audiogen.text.lexicon import is_phonemes

    phonemes = {k: v for k, v in lexicon.items() if is_phonemes(v)}
    if not reads_phonemes:
        return {k: v for k, v in lexicon.items() if k not in phonemes}, {}
    return dict(lexicon), phonemes


def speak_block(text: str, lang: str, lexicon: Mapping[str, str] | None = None) -> list[list[str]]:
    """One block's sentences as ``[written, spoken]`` pairs: split, then normalized for speech
    (a sentence with nothing to say, no letter or figure, is left out)."""
    from audiogen.text.normalize import normalize as speak
    from audiogen.text.split import sentences as split_sentences

    out = []
    for written in split_sentences(text, lang):
        spoken = speak(written, lang, lexicon).strip()
        if any(c.isalnum() for c in spoken):
            out.append([written, spoken])
    return out


def make_script(
    article: Article,
    lang: str,
    lexicon: dict[str, str] | None = None,
    speak: SpeakBlock | None = None,
) -> Script:
    """Split the article into sentences and normalize each for speech, one block at a time with
    ``speak`` (default :func:`speak_block`; a caller may pass a remembering one)."""
    out: list[Sentence] = []
    speak = speak or speak_block

    def add(text: str, kind: str, paragraph: int, section: int) -> None:
        pairs = speak(text, lang, lexicon)
        for written, spoken in pairs:
            out.append(Sentence(spoken, kind, paragraph, section, written))  # type: ignore[arg-type]

    add(article.title, "title", 0, 0)
    section = 0
    for i, block in enumerate(article.blocks, start=1):
        if block.kind == "heading":
            section += 1
            add(block.text, "heading", i, section)
        else:
            add(block.text, "body", i, section)
    return Script(tuple(out), lang)


__all__ = ["Prepared", "SpeakBlock", "make_script", "speak_block", "split_lexicon"]
