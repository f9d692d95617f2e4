"""The bytes of the store's content-addressed entries, each carrying a checksum of its key and
content, so that a truncated, corrupted or misplaced entry reads as ``None`` (and is made again)
wherever it was found: this machine's folder or a shared tier (:mod:`audiogen.make.shared`).

* a sentence: a WAV file whose last chunk is the SHA-256 of the key, the format and the PCM (WAV
  readers skip the unknown chunk, so other tools play it);
* a run: its bytes, then the SHA-256 of the key and the bytes.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from audiogen.types import Audio

CHECK_ID = b"agck"
"""The RIFF chunk holding a sentence's checksum."""


def _fmt(audio: Audio) -> bytes:
    return struct.pack(
        "<HHIIHH",
        1,
        audio.channels,
        audio.sample_rate,
        audio.sample_rate * audio.sample_width * audio.channels,
        audio.sample_width * audio.channels,
        8 * audio.sample_width,
    )


def sound_entry(key: str, audio: Audio) -> bytes:
    """A WAV file holding ``audio``, then a chunk with the SHA-256 of the key, format and PCM."""
    fmt = _fmt(audio)
    pad = b"\0" if len(audio.pcm) % 2 else b""  # RIFF chunks are word-aligned
    check = hashlib.sha256(key.encode("ascii") + fmt + audio.pcm).digest()
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(audio.pcm))
        + audio.pcm
        + pad
        + CHECK_ID
        + struct.pack("<I", len(check))
        + check
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def read_sound_entry(key: str, data: bytes) -> Audio | None:
    """The audio in an entry written by :func:`sound_entry`, or ``None`` if it is damaged."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    if struct.unpack("<I", data[4:8])[0] != len(data) - 8:
        return None  # truncated, or something appended
    chunks: dict[bytes, bytes] = {}
    pos = 12
    while pos + 8 <= len(data):
        cid, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        chunks[cid] = data[pos + 8 : pos + 8 + size]
        pos += 8 + size + (size % 2)
    fmt, pcm, check = chunks.get(b"fmt "), chunks.get(b"data"), chunks.get(CHECK_ID)
    if pos != len(data) or fmt is None or pcm is None or check is None or len(fmt) != 16:
        return None
    if hashlib.sha256(key.encode("ascii") + fmt + pcm).digest() != check:
        return None
    _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", fmt)
    return Audio(pcm, rate, bits // 8, channels)


@dataclass(frozen=True)
class EntryId:
    """What identifies a cached sentence's sound, read without reading the sound."""

    checksum: str
    """The SHA-256 the entry stores (of its key, format and samples), hex."""

    sample_rate: int
    """Its sample rate."""


ENDS = (36, 40)
"""What :func:`entry_id` reads of a sound entry: its first bytes (the WAV header up to the
sample rate) and its last (the checksum chunk)."""


def entry_id(head: bytes, tail: bytes) -> EntryId | None:
    """The checksum and sample rate a sound entry's first and last bytes (:data:`ENDS`) record,
    or ``None`` when they are not a sound entry's. The sound itself is not read or checked."""
    if len(head) < ENDS[0] or head[:4] != b"RIFF" or head[8:16] != b"WAVEfmt ":
        return None
    if len(tail) < ENDS[1] or tail[:4] != CHECK_ID or struct.unpack("<I", tail[4:8])[0] != 32:
        return None
    return EntryId(tail[8:].hex(), struct.unpack("<I", head[24:28])[0])


def entry_checksum(key: str, audio: Audio) -> str:
    """The checksum an entry for ``audio`` under ``key`` stores (see :class:`EntryId`)."""
    return hashlib.sha256(key.encode("ascii") + _fmt(audio) + audio.pcm).hexdigest()


def run_entry(key: str, body: bytes) -> bytes:
    """A run's entry: ``body``, then the SHA-256 of the key and ``body``."""
    return body + hashlib.sha256(key.encode("ascii") + body).digest()


def read_run_entry(key: str, data: bytes) -> bytes | None:
    """The body of an entry written by :func:`run_entry`, or ``None`` if it is damaged."""
    body, check = data[:-32], data[-32:]
    if len(data) < 32 or hashlib.sha256(key.encode("ascii") + body).digest() != check:
        return None
    return body


__all__ = [
    "CHECK_ID",
    "ENDS",
    "EntryId",
    "entry_checksum",
    "entry_id",
    "read_run_entry",
    "read_sound_entry",
    "run_entry",
    "sound_entry",
]
