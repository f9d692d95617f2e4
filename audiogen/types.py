"""The core types that flow through the pipeline: frozen dataclasses, one docstring a field."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

BlockKind = Literal["heading", "paragraph", "table"]
SentenceKind = Literal["title", "heading", "body"]


@dataclass(frozen=True)
class Audio:
    """Mono or multi-channel signed little-endian PCM that carries its own format."""

    pcm: bytes
    """Interleaved signed little-endian samples."""

    sample_rate: int
    """Frames per second."""

    sample_width: int = 2
    """Bytes per sample (2: 16-bit)."""

    channels: int = 1
    """Number of interleaved channels."""

    @property
    def frames(self) -> int:
        """Number of frames (samples per channel)."""
        return len(self.pcm) // (self.sample_width * self.channels)

    @property
    def duration_ms(self) -> float:
        """Duration in milliseconds."""
        return 1000.0 * self.frames / self.sample_rate

    @classmethod
    def from_mp3(cls, data: bytes) -> Audio:
        """Decode an MP3 to 16-bit mono PCM at the MP3's own sample rate: what a player hears
        (resampling here would only lose quality). Raises ``miniaudio.DecodeError`` when
        ``data`` is not MP3 audio."""
        import miniaudio

        info = miniaudio.mp3_get_info(data)
        decoded = miniaudio.decode(
            data,
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=info.sample_rate,
        )
        return cls(decoded.samples.tobytes(), decoded.sample_rate, 2, 1)


@dataclass(frozen=True)
class Segment:
    """One piece of the track as it is leveled and encoded on its own: a sentence's audio (or an
    intro or outro) and the silence that follows it."""

    audio: Audio
    """The sound, trimmed to its own edges: 16-bit mono at the track's rate."""

    pause_frames: int = 0
    """Frames of silence that should follow it before the next segment starts."""


@dataclass(frozen=True)
class Pauses:
    """Silence inserted between sentences, in milliseconds."""

    sentence_ms: int = 300
    """After a sentence inside a paragraph."""

    paragraph_ms: int = 700
    """After the last sentence of a paragraph."""

    heading_ms: int = 1000
    """Before and after a heading, and after the title."""

    edge_ms: int = 40
    """Silence kept at each end of a sentence's own audio (engines pad unevenly)."""


class Memo(Protocol):
    """Somewhere a stage may remember small JSON answers between runs (the store's memos)."""

    def recall(self, namespace: str, key_obj: Any) -> Any:
        """What :meth:`remember` stored under ``key_obj`` in ``namespace``, or ``None``."""
        ...

    def remember(self, namespace: str, key_obj: Any, value: Any) -> None:
        """Store the JSON value ``value`` under ``key_obj`` in ``namespace``."""
        ...


@dataclass(frozen=True)
class Voice:
    """A voice an engine offers."""

    id: str
    """The identifier passed as ``--voice`` (e.g. ``en_US-joe-medium``)."""

    engine: str
    """Name of the engine that speaks with this voice."""

    langs: tuple[str, ...]
    """Languages the voice speaks, as BCP 47 tags (``en``, ``en-US``)."""

    offline: bool
    """True when the voice works without a network."""

    license: str = ""
    """Licence of the voice model or service terms."""

    description: str = ""
    """A short human description (accent, gender, quality)."""

    def speaks(self, lang: str) -> bool:
        """True when the voice speaks ``lang`` (``en`` matches ``en-US``, and the reverse)."""
        want = lang.lower().replace("_", "-")
        for have in self.langs:
            have = have.lower().replace("_", "-")
            if have == want or have.split("-")[0] == want or want.split("-")[0] == have:
                return True
        return False


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a table of an article's body."""

    kind: BlockKind
    """``heading``, ``paragraph`` or ``table`` (as read from HTML; the clean stage turns each
    into a paragraph or drops it)."""

    text: str
    """The block's text, one line, as written (not yet normalized for speech); a table's is one
    line a row, its cells separated by tabs."""

    line: int | None = None
    """1-based line in the source where the block starts, when the format has lines."""


@dataclass(frozen=True)
class Article:
    """An article as read from its source, before it is turned into speech."""

    title: str
    """The headline, spoken first."""

    blocks: tuple[Block, ...]
    """The body: headings and paragraphs in order."""

    slug: str
    """Safe file stem for the outputs."""

    source: str
    """Where the article came from (a path, or ``-`` for stdin)."""

    source_sha256: str
    """SHA-256 of the source bytes."""

    format: str
    """``text``, ``markdown`` or ``html``."""

    author: str | None = None
    """Author or byline."""

    date: str | None = None
    """Publication date, ISO 8601 (``2021-07-02``) when it could be parsed, with the time and its
    zone when the source gives one (``2021-07-02T09:30:00+02:00``)."""

    lang: str | None = None
    """Language tag from the source (front matter, ``<html lang>``), if any."""

    url: str | None = None
    """Canonical URL of the article."""

    site: str | None = None
    """Publication or site name."""

    summary: str | None = None
    """A short summary (front matter ``summary`` or ``description``)."""

    cover: str | None = None
    """Path of a cover image (front matter ``image`` or ``cover``), resolved against the source."""

    title_line: int | None = None
    """1-based source line of the title, when it was read from the body text."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the spoken script."""

    text: str
    """Exactly what is spoken (after cleaning and normalization)."""

    kind: SentenceKind
    """``title``, ``heading`` or ``body``."""

    paragraph: int
    """Index of the block (title = 0, body blocks from 1) the sentence belongs to."""

    section: int
    """Index of the section: 0 before the first heading, then one per heading."""

    written: str = ""
    """The sentence as written, before normalization for speech (``UNOCT`` where ``text`` says
    ``U N O C T``)."""


@dataclass(frozen=True)
class Script:
    """The whole spoken script of an article."""

    sentences: tuple[Sentence, ...]
    """Sentences in speaking order."""

    lang: str
    """Language the script is spoken in."""

    @property
    def text(self) -> str:
        """One sentence a line, a blank line between paragraphs: what ``audiogen script`` prints."""
        lines: list[str] = []
        last: int | None = None
        for s in self.sentences:
            if last is not None and s.paragraph != last:
                lines.append("")
            lines.append(s.text)
            last = s.paragraph
        return "\n".join(lines) + "\n" if lines else ""


@dataclass(frozen=True)
class TimedSentence:
    """A sentence with its position in the MP3, as players decode it."""

    text: str
    """The spoken text."""

    start_ms: int
    """Start in the decoded MP3, milliseconds."""

    end_ms: int
    """End in the decoded MP3, milliseconds."""

    kind: SentenceKind = "body"
    """``title``, ``heading`` or ``body``."""

    paragraph: int = 0
    """Paragraph index (see :class:`Sentence`)."""

    section: int = 0
    """Section index (see :class:`Sentence`)."""

    written: str = ""
    """The sentence as written (``UNOCT``, where ``text`` says ``U N O C T``): what captions and
    read-along text show. Empty in manifests from before it existed; use :attr:`display`."""

    @property
    def display(self) -> str:
        """The text to show a reader: the written form, else the spoken one."""
        return self.written or self.text


MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Manifest:
    """Everything known about one built audio version: the source of every published output."""

    title: str
    """Article title."""

    slug: str
    """File stem of the outputs."""

    lang: str
    """Spoken language."""

    engine: str
    """Engine name."""

    voice: str
    """Voice identifier."""

    duration_ms: int
    """Duration of the MP3 as players decode it."""

    loudness_lufs: float
    """Integrated loudness of the decoded MP3 (ITU-R BS.1770)."""

    true_peak_dbtp: float
    """True peak of the decoded MP3 (4x oversampled)."""

    script_sha256: str
    """SHA-256 of the spoken script text."""

    source_sha256: str
    """SHA-256 of the source article bytes."""

    sentences: tuple[TimedSentence, ...]
    """Every sentence with its real position in the MP3."""

    mp3: dict[str, Any]
    """``path`` (relative to the manifest), ``bytes`` and ``sha256`` of the MP3."""

    source: str = ""
    """The article's source path as given."""

    author: str | None = None
    """Author."""

    date: str | None = None
    """Publication date."""

    url: str | None = None
    """Source URL."""

    site: str | None = None
    """Publication."""

    summary: str | None = None
    """Summary or first paragraph."""

    bitrate_kbps: int = 64
    """MP3 constant bit rate."""

    sample_rate: int = 22050
    """MP3 sample rate."""

    options: dict[str, Any] = field(default_factory=dict)
    """Build options that change the audio (pauses, engine options)."""

    version: str = ""
    """audiogen version that built it."""

    format_version: int = MANIFEST_VERSION
    """Version of this manifest's layout."""

    inputs: dict[str, Any] = field(default_factory=dict)
    """What else shaped the MP3, to tell whether it is current: ``output_format``, ``engine``
    (name, version, voice, model checksum, options, language), ``metadata_sha256``, ``encoder``."""

    intro_ms: int = 0
    """Length of the intro and the pause after it, before the speech (0: none); sentence timings
    and ``duration_ms`` include it."""

    outro_ms: int = 0
    """Length of the pause before the outro and the outro (0: none), included in ``duration_ms``."""

    checks: dict[str, Any] = field(default_factory=dict)
    """Checks that need no recognizer (see :mod:`audiogen.qa.checks`): ``passed``, ``problems``
    (clipping, loudness, silence, pace, empty, truncated) and ``measured``. Empty in manifests
    from before they existed."""

    language: dict[str, Any] = field(default_factory=dict)
    """How ``lang`` was decided: ``source`` (``option``, ``article``, ``detected`` or
    ``default``), and with detection the ``guess`` and its ``confidence`` (share of the text).
    Empty in manifests from before it was recorded."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        d = asdict(self)
        d["sentences"] = [asdict(s) for s in self.sentences]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Manifest:
        """The inverse of :meth:`to_dict`; unknown keys are an error."""
        d = dict(d)
        d["sentences"] = tuple(TimedSentence(**s) for s in d.get("sentences", ()))
        return cls(**d)
