"""The OpenAI transcription API as a speech-to-text backend (when OPENAI_API_KEY is set)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ava_core.retry import Backoff, send_with_retries
from ava_core.settings import Settings
from ava_core.speech.audio import Audio
from ava_core.speech.transcription import (
    Backend,
    TranscribeOptions,
    TranscriberUnavailable,
    Transcript,
    TranscriptionServiceError,
    add_whisper_result,
    register_backend,
)

if TYPE_CHECKING:
    import httpx

OPENAI_URL = "https://api.openai.com/v1"


class OpenAITranscriber(Backend):
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
        add_whisper_result(transcript, result)

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
