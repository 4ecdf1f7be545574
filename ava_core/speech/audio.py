"""Decode an answer recording to 16 kHz mono float32 samples, with no ffmpeg binary.

PyAV bundles the FFmpeg libraries, so WAV from ``st.audio_input`` and uploads of wav, mp3, m4a,
webm, ogg or flac all decode in-process. Bad input raises a subclass of ``AudioError`` whose
message says what happened and what to do. Silence is not an error here: ``Audio.is_silent``
tells, and the transcriber returns an empty transcript that says so.

``av`` and ``numpy`` are imported inside the functions that need them, so importing this module
is cheap.
"""

from __future__ import annotations

import io
import math
import os
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Union

from ava_core.errors import AvaError

if TYPE_CHECKING:
    import numpy as np

SAMPLE_RATE = 16000
SILENCE_DB = -50.0  # a recording whose loudest sample is below this (dBFS) holds no speech

AudioSource = Union[bytes, bytearray, memoryview, str, os.PathLike, BinaryIO, "Audio"]


class AudioError(AvaError):
    """The recording cannot be used; the message says why and what to do."""


class EmptyAudio(AudioError):
    """No bytes, or a recording that holds no sound at all."""


class NotAudio(AudioError):
    """The bytes are not a sound recording (a document, an image, random bytes)."""


class CorruptAudio(AudioError):
    """The bytes start like a sound file, but the sound in it cannot be decoded."""


class AudioTooLong(AudioError):
    """The recording is longer than ``settings.max_audio_seconds``."""

    def __init__(self, message: str, limit_seconds: float, seconds: float | None):
        super().__init__(message)
        self.limit_seconds = limit_seconds
        self.seconds = seconds  # the recording's length when its header tells, else None


@dataclass
class Audio:
    """Decoded sound: mono float32 samples (full scale is 1.0) at ``sample_rate`` (16 kHz)."""

    samples: np.ndarray
    sample_rate: int = SAMPLE_RATE
    source_format: str = ""  # the container PyAV found: "wav", "mp3", "ogg", "matroska,webm", ...
    source_rate: int = SAMPLE_RATE
    source_channels: int = 1

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    @property
    def peak_db(self) -> float:
        """The loudest sample in dBFS (0 is full scale); -inf for digital silence."""
        if len(self.samples) == 0:
            return -math.inf
        peak = float(abs(self.samples).max())
        return 20 * math.log10(peak) if peak > 0 else -math.inf

    def is_silent(self, threshold_db: float = SILENCE_DB) -> bool:
        return self.peak_db < threshold_db

    def to_wav_bytes(self) -> bytes:
        """The samples as a 16-bit PCM mono WAV file."""
        import numpy as np

        pcm = (np.clip(self.samples, -1.0, 1.0) * 32767).astype("<i2")
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.sample_rate)
            out.writeframes(pcm.tobytes())
        return buffer.getvalue()


# First bytes of the containers Ava accepts: bytes that start like one of these but do not
# decode are a damaged sound file, not some other kind of file.
_SIGNATURES: tuple[tuple[int, bytes], ...] = (
    (0, b"RIFF"),  # wav
    (0, b"ID3"),  # mp3 with tags
    (0, b"OggS"),  # ogg, opus
    (0, b"fLaC"),  # flac
    (0, b"\x1aE\xdf\xa3"),  # webm, matroska
    (4, b"ftyp"),  # m4a, mp4
    (0, b"FORM"),  # aiff
)


def looks_like_audio(data: bytes) -> bool:
    """Whether ``data`` starts like a sound file of a format Ava accepts."""
    if any(data[at : at + len(magic)] == magic for at, magic in _SIGNATURES):
        return True
    return len(data) >= 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0  # an MPEG audio frame


def read_bytes(source: AudioSource) -> bytes:
    """The raw bytes of a recording given as bytes, a path or a binary file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise EmptyAudio(f"There is no recording at {path}. Record or upload the answer again.")
        return path.read_bytes()
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        return source.read()
    raise TypeError(
        f"Expected audio as bytes, a path or a file object, not {type(source).__name__}."
    )


def load_audio(source: AudioSource, max_seconds: float | None = None) -> Audio:
    """Decode ``source`` to 16 kHz mono float32, refusing recordings longer than ``max_seconds``.

    ``max_seconds`` defaults to the configured ``max_audio_seconds`` (AVA_MAX_AUDIO_SECONDS).
    Raises ``EmptyAudio``, ``NotAudio``, ``CorruptAudio`` or ``AudioTooLong``. An ``Audio`` is
    returned as it is (after the length check).
    """
    if max_seconds is None:
        from ava_core.settings import load_settings

        max_seconds = load_settings().max_audio_seconds
    if isinstance(source, Audio):
        if source.duration > max_seconds:
            raise _too_long(max_seconds, source.duration)
        return source
    data = read_bytes(source)
    if not data:
        raise EmptyAudio("The recording is empty (0 bytes). Record your answer again.")
    return _decode(data, max_seconds)


def _decode(data: bytes, max_seconds: float) -> Audio:
    import av
    import numpy as np

    try:
        container = av.open(io.BytesIO(data), mode="r", metadata_errors="ignore")
    except av.error.FFmpegError:
        if looks_like_audio(data):
            raise _corrupt() from None
        raise NotAudio(
            "This file is not a sound recording. Upload a wav, mp3, m4a, webm, ogg or flac file."
        ) from None
    with container:
        if not container.streams.audio:
            raise NotAudio(
                "This file has no sound in it. Upload a wav, mp3, m4a, webm, ogg or flac file."
            )
        stream = container.streams.audio[0]
        header_seconds = container.duration / av.time_base if container.duration else None
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        max_samples = int(max_seconds * SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        total = 0
        errors = 0
        try:
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except av.error.FFmpegError:
                    errors += 1
                    continue
                for frame in frames:
                    frame.pts = None  # timestamps may jump in damaged or concatenated files
                    for out in resampler.resample(frame):
                        chunk = out.to_ndarray().reshape(-1)
                        chunks.append(chunk)
                        total += len(chunk)
                if total > max_samples:
                    raise _too_long(max_seconds, header_seconds)
            for out in resampler.resample(None):
                chunk = out.to_ndarray().reshape(-1)
                chunks.append(chunk)
                total += len(chunk)
        except av.error.FFmpegError:
            errors += 1
        if total > max_samples:
            raise _too_long(max_seconds, header_seconds)
        if total == 0:
            if errors:
                raise _corrupt()
            raise EmptyAudio("The recording holds no sound (0 seconds). Record your answer again.")
        samples = np.concatenate(chunks).astype(np.float32, copy=False)
        return Audio(
            samples=samples,
            source_format=container.format.name,
            source_rate=stream.codec_context.sample_rate or SAMPLE_RATE,
            source_channels=stream.codec_context.channels or 1,
        )


def _corrupt() -> CorruptAudio:
    return CorruptAudio(
        "This sound file is damaged and cannot be played back. Record your answer again, "
        "or export the file again and upload it."
    )


def _too_long(limit: float, seconds: float | None) -> AudioTooLong:
    length = (
        f"is {_minutes(seconds)} long" if seconds and seconds > limit else "is longer than that"
    )
    return AudioTooLong(
        f"Recordings can be at most {_minutes(limit)} long and this one {length}. "
        "Record a shorter answer, or raise the limit with AVA_MAX_AUDIO_SECONDS.",
        limit_seconds=limit,
        seconds=seconds,
    )


def _minutes(seconds: float) -> str:
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"
