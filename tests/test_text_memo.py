"""What a rebuild after an edit redoes of the text stages: only the paragraphs that changed are
repaired, split, normalized and judged for language; the rest is remembered in the cache."""

from __future__ import annotations

import random
import re
from pathlib import Path

import ftfy
import langdetect
import pytest

import audiogen.audio.master
import audiogen.text.clean
import audiogen.text.language
import audiogen.text.script
from audiogen.make.plan import TextMemo
from audiogen.make.store import Sentences, Store
from audiogen.pipeline import prepare
from audiogen.text.clean import repair_text
from audiogen.text.language import detect_language
from audiogen.text.read import read_bytes
from audiogen.text.script import speak_block

from .conftest import run

PARAGRAPHS = [
    "The city council met on Tuesday evening to vote on the budget for next year.",
    "Members debated the library hours for more than three hours before the vote.",
    "The plan passed by seven votes to two, and the mayor said she was pleased.",
    "Residents who spoke at the meeting asked for more money for the parks.",
    "The next meeting will be held on the fourth of March at the town hall.",
    "The budget also sets aside money to repair the bridge on the river road.",
    "Council staff will publish the full figures on the city website next week.",
    "A public hearing on the new bus routes is planned for later in the spring.",
]


def _article(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("Council passes the budget\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    return path


def test_ascii_text_that_ftfy_keeps_skips_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, object]] = []
    real_fix_text = ftfy.fix_text

    def fix_text(text: str, config: object = None, **kwargs: object) -> str:
        calls.append((text, config))
        return real_fix_text(text, config, **kwargs)

    monkeypatch.setattr(ftfy, "fix_text", fix_text)
    # anything else goes through ftfy, with the stage's settings
    for text in ("caf\u00c3\u00a9", "Tom &amp; Jerry", "a\r\nb", "bell\x07"):
        calls.clear()
        fixed, _ = repair_text(text)
        assert [seen for seen, _ in calls] == [text]
        assert fixed == re.sub(r"\s+", " ", real_fix_text(text, calls[0][1])).strip()
    config = calls[0][1]
    rng = random.Random(7)
    alphabet = "\t\n" + "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "&")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        calls.clear()
        fixed, changes = repair_text(text)
        assert calls == []  # ftfy was skipped ...
        assert real_fix_text(text, config) == text  # ... and would keep it
        assert fixed == re.sub(r"\s+", " ", text).strip()
        assert changes == []


def test_remembered_answers_are_the_answers(cache_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    text = (
        "Caf\u00c3\u00a9 owners meet the mayor\n\nThe caf\u00c3\u00a9 opens at 9am on 3 May 2024.\n"
    )
    src.write_bytes(text.encode())
    plain = prepare(src)
    memo = TextMemo(Store(cache_dir))
    assert memo.repair("The caf\u00c3\u00a9 opens.", audiogen.text.clean.CleanRules(), line=3) == (
        audiogen.text.clean.repair_text("The caf\u00c3\u00a9 opens.", line=3)
    )
    again = prepare(src)  # from the cache now
    assert again.script == plain.script and again.changes == plain.changes
    assert memo.speak("It opens at 9am.", "en", None) == speak_block("It opens at 9am.", "en")


def test_an_edit_redoes_the_stages_for_its_paragraph_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _article(tmp_path / "council.txt", PARAGRAPHS)
    out = tmp_path / "out"

    def build() -> None:
        result = run("build", str(src), "-o", str(out), "-e", "espeak", "-j", "1", "-q")
        assert result.exit_code == 0, result.output_both

    build()
    repaired: list[str] = []
    spoken: list[str] = []
    judged: list[str] = []
    mastered: list[object] = []
    real_repair, real_speak = audiogen.text.clean.repair_text, audiogen.text.script.speak_block
    real_detect, real_master = langdetect.detect_langs, audiogen.audio.master.master_segment

    def repair(text: str, *args: object, **kwargs: object) -> object:
        repaired.append(text)
        return real_repair(text, *args, **kwargs)  # type: ignore[arg-type]

    def speak(text: str, *args: object) -> object:
        spoken.append(text)
        return real_speak(text, *args)  # type: ignore[arg-type]

    def detect_langs(text: str) -> object:
        judged.append(text)
        return real_detect(text)

    def master_segment(segment: object, *args: object) -> object:
        mastered.append(segment)
        return real_master(segment, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(audiogen.text.clean, "repair_text", repair)
    monkeypatch.setattr(audiogen.text.script, "speak_block", speak)
    monkeypatch.setattr(langdetect, "detect_langs", detect_langs)
    monkeypatch.setattr(audiogen.audio.master, "master_segment", master_segment)
    read: list[str] = []
    real_get = Sentences.get

    def get(self: Sentences, key: str) -> object:
        read.append(key)
        return real_get(self, key)

    monkeypatch.setattr(Sentences, "get", get)
    edited = PARAGRAPHS.copy()
    edited[2] = "The plan passed by eight votes to one, and the mayor said she was pleased."
    _article(src, edited)
    build()
    assert repaired == [edited[2]]
    assert spoken == [edited[2]]
    assert judged == []  # the other paragraphs settle the language whatever this one says
    assert len(mastered) == 1
    assert len(read) == 1  # the edited sentence, looked for; the others' sound is never read


def test_language_is_judged_only_when_the_unknown_text_could_change_it(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = TextMemo(Store(cache_dir))

    def article(paragraphs: list[str]) -> object:
        text = "Council passes the budget\n\n" + "\n\n".join(paragraphs)
        return read_bytes("a.txt", text.encode())

    assert detect_language(article(PARAGRAPHS), memo) == "en"  # type: ignore[arg-type]
    judged: list[str] = []
    real = langdetect.detect_langs

    def detect_langs(text: str) -> object:
        judged.append(text)
        return real(text)

    monkeypatch.setattr(langdetect, "detect_langs", detect_langs)
    one = [*PARAGRAPHS[:-1], "Die nächste Sitzung findet am vierten März im Rathaus statt."]
    assert detect_language(article(one), memo) == "en" and judged == []  # type: ignore[arg-type]
    german = [
        "Der Stadtrat hat am Dienstagabend über den Haushalt für das nächste Jahr abgestimmt.",
        "Die Mitglieder diskutierten mehr als drei Stunden lang über die Öffnungszeiten.",
        "Der Plan wurde mit sieben zu zwei Stimmen angenommen, sagte die Bürgermeisterin.",
        "Die Bürger forderten bei der Sitzung mehr Geld für die Parks der Stadt.",
    ]
    assert detect_language(article([*german, PARAGRAPHS[0]]), memo) == "de"  # type: ignore[arg-type]
    assert judged == german  # judged: they could (and do) change the answer


def test_a_batch_keeps_langdetect_profiles_between_articles() -> None:
    """One article frees langdetect's profiles (60 MB) once judged; inside keeping_profiles (a
    batch, a cluster worker) they stay loaded for the next article, and are freed at its end."""
    import langdetect.detector_factory as factory

    from audiogen.text.language import judge, keeping_profiles

    english = "The council approved the budget for the new year after a long debate."
    judge([english])
    assert factory._factory is None
    with keeping_profiles():
        assert judge([english])[0].get("en", 0) > 0.9
        loaded = factory._factory
        assert loaded is not None
        judge(["Le conseil municipal a adopté le budget de la ville jeudi soir."])
        assert factory._factory is loaded
    assert factory._factory is None


def test_profiles_filled_in_as_used_judge_as_langdetect_does(tmp_path: Path) -> None:
    """audiogen fills langdetect's n-gram table in as the detector looks n-grams up (a tenth of
    the load); every paragraph is judged exactly as langdetect's own factory judges it."""
    import langdetect.detector_factory as factory
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    from audiogen.text.language import judge

    data = Path(__file__).parent / "data"
    texts = ["Совет утвердил бюджет города на следующий год.", "وافق مجلس المدينة على الميزانية"]
    for name in ("news-fr-budget-lyon.md", "news-es-presupuesto-sevilla.md",
                 "news-de-stadtrat-koeln.md", "chinese-paragraph.txt",
                 "un-counter-terrorism-week-2021.raw.txt"):  # fmt: skip
        text = (data / name).read_text(encoding="utf-8")
        texts += [p[:1000] for p in text.split("\n\n") if len(p.split()) >= 3][:8]
    ours = judge(texts)
    assert factory._factory is None  # freed again: no batch keeps it
    DetectorFactory.seed = 0
    factory.init_factory()  # langdetect's own: every profile's n-grams in the table up front
    try:
        theirs = []
        for text in texts:
            try:
                theirs.append({str(x.lang): float(x.prob) for x in detect_langs(text)})
            except LangDetectException:
                theirs.append({})
    finally:
        factory._factory = None
    assert len(texts) > 25 and ours == theirs
    assert {max(j, key=j.__getitem__) for j in ours if j} >= {"fr", "es", "de", "ru", "ar", "en"}


def test_a_rebuild_remembers_which_words_are_english(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring a dropped possessive asks the English word list (a fifth of a second to load)
    about a few words; a rebuild after an edit finds the answers remembered."""
    import audiogen.text.clean.apostrophes as apostrophes

    asked: list[str] = []
    real = apostrophes.is_english_word

    def is_english_word(word: str) -> bool:
        asked.append(word)
        return real(word)

    monkeypatch.setattr(apostrophes, "is_english_word", is_english_word)
    src = tmp_path / "office.txt"
    paragraphs = [
        "Office news",
        "The Office said on Monday that the new plan was ready for the city.",
        "Offices staff will meet on Tuesday to talk about the budget for the year.",
        "The meeting starts at nine in the morning.",
    ]
    src.write_text("\n\n".join(paragraphs), encoding="utf-8")
    first = prepare(src)
    assert asked == ["Offices"]
    paragraphs[3] = "The meeting starts at ten in the morning."
    src.write_text("\n\n".join(paragraphs), encoding="utf-8")
    again = prepare(src)
    assert asked == ["Offices"]  # not asked again
    assert again.changes == first.changes


@pytest.mark.parametrize("torn", [b"", b"\0" * 40, b'{"value": ["The city coun'])
def test_a_memo_torn_by_a_power_cut_is_recalled_as_none(tmp_path: Path, torn: bytes) -> None:
    """Memos are not flushed to disk before they take their name (a cold build writes one a
    paragraph before it speaks): what a power cut can leave of one is never taken for an
    answer."""
    memos = Store(tmp_path).memos
    memos.remember("speak", {"text": "x"}, ["The city council met."])
    assert memos.recall("speak", {"text": "x"}) == ["The city council met."]
    memos._path("speak", {"text": "x"}).write_bytes(torn)
    assert memos.recall("speak", {"text": "x"}) is None
