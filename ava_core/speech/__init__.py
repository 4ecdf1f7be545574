"""Speech: what the candidate said and how they said it, and the interviewer's voice.

    audio.py          decoding a recording (any container PyAV reads) to 16 kHz mono, with checks
    transcription.py  speech to text: the interface, its registry, the fallback to offline
    whisper_local.py  the offline backends: faster-whisper (the default), openai-whisper
    openai_api.py     the OpenAI transcription API
    delivery.py       how an answer was said: pace, fillers, hedges, pauses, and against a baseline
    voice.py          the interviewer's voice: the browser's own speech, or ElevenLabs

``speech.measure(transcript)`` and the other delivery measures are at this face; the
transcription backends stay behind ``speech.transcription.get_transcriber()``.
"""

from ava_core.speech.delivery import (
    HESITATIONS,
    LONG_PAUSE_SECONDS,
    PACE_BAND,
    Comparison,
    Pause,
    SpeechMetrics,
    Verdict,
    compare,
    measure,
    normalize_words,
    word_error_rate,
)

__all__ = [
    "HESITATIONS", "LONG_PAUSE_SECONDS", "PACE_BAND", "Comparison", "Pause", "SpeechMetrics",
    "Verdict", "compare", "measure", "normalize_words", "word_error_rate",
]
