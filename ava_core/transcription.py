"""The public path of speech to text (``from ava_core import transcription``), kept for notebooks
and scripts: it lives in ``ava_core.speech.transcription``."""

from ava_core.speech.transcription import (
    Segment,
    Transcriber,
    TranscriberUnavailable,
    Transcript,
    TranscriptionError,
    TranscriptionServiceError,
    Word,
    backend_names,
    get_transcriber,
)

__all__ = [
    "Segment", "Transcriber", "TranscriberUnavailable", "Transcript", "TranscriptionError",
    "TranscriptionServiceError", "Word", "backend_names", "get_transcriber",
]
