"""Transcription: the bundled faster-whisper model on the fixtures, backend resolution, and the
openai-whisper and OpenAI API backends (the API faked with respx; no network, no download)."""

import json
import subprocess
import sys
import types
from pathlib import Path

import httpx
import numpy as np
import pytest
import respx

from ava_core import speech
from ava_core.speech.audio import Audio, AudioTooLong, CorruptAudio, NotAudio
from ava_core.errors import ConfigError, ServiceUnavailable
from ava_core.settings import Settings
from ava_core.speech.transcription import (
    FILLER_PROMPT,
    NO_SPEECH_MESSAGE,
    FallbackTranscriber,
    TranscriberUnavailable,
    Transcript,
    TranscriptionServiceError,
    backend_names,
    get_transcriber,
)
from ava_core.speech.whisper_local import FasterWhisperTranscriber
from ava_core.speech.openai_api import OpenAITranscriber

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
REFERENCES = json.loads((FIXTURES / "references.json").read_text())
CLEAR = ["answer_two_sum.ogg", "answer_conflict.mp3", "answer_tree.wav", "answer_fillers.flac"]
API_URL = "https://api.openai.com/v1/audio/transcriptions"


@pytest.fixture(scope="module")
def local() -> FasterWhisperTranscriber:
    transcriber = get_transcriber(settings=Settings())
    transcriber.load()
    return transcriber


@pytest.fixture(scope="module")
def transcripts(local) -> dict[str, Transcript]:
    return {name: local.transcribe(FIXTURES / name) for name in REFERENCES}


# --- the bundled model on the fixtures ---------------------------------------------------


@pytest.mark.parametrize("name", CLEAR)
def test_word_error_rate_on_clear_answers(transcripts, name):
    transcript = transcripts[name]
    assert speech.word_error_rate(REFERENCES[name], transcript.text) <= 0.15, transcript.text


@pytest.mark.parametrize(
    "name", ["stereo_44k.wav", "short_answer.flac", "short_answer.webm", "short_answer.m4a"]
)
def test_short_clips_in_every_container(transcripts, name):
    words = speech.normalize_words(transcripts[name].text)
    assert words[:3] == ["i", "would", "sort"]
    assert "first" in words


def test_fillers_are_kept(transcripts):
    metrics = speech.measure(transcripts["answer_fillers.flac"])
    assert metrics.fillers.get("um", 0) + metrics.fillers.get("uh", 0) >= 3, metrics.fillers
    assert metrics.fillers.get("you know") == 1


def test_transcript_shape(transcripts):
    t = transcripts["answer_tree.wav"]
    assert (t.backend, t.model, t.language) == ("faster-whisper", "tiny.en", "en")
    assert t.duration == pytest.approx(12.91, abs=0.01)
    assert not t.no_speech and t.notice == ""
    assert t.segments and t.words
    assert t.processing_seconds > 0
    starts = [w.start for w in t.words]
    assert starts == sorted(starts)
    for w in t.words:
        assert 0 <= w.start <= w.end <= t.duration + 0.5
        assert 0 <= w.probability <= 1
        assert w.word == w.word.strip() and w.word
    assert " ".join(w.word for w in t.words) == t.text


def test_transcript_round_trips_through_json(transcripts):
    t = transcripts["answer_fillers.flac"]
    again = Transcript.from_dict(json.loads(json.dumps(t.to_dict())))
    assert again == t


def test_silence_gives_an_empty_transcript_that_says_so(transcripts):
    t = transcripts["silence.wav"]
    assert t.text == "" and t.words == [] and t.segments == []
    assert t.no_speech
    assert t.notice == NO_SPEECH_MESSAGE
    assert t.duration == pytest.approx(2.0)


def test_background_noise_is_not_turned_into_words(local):
    noise = np.random.default_rng(7).standard_normal(3 * 16000) * 0.01
    audio = Audio(noise.astype(np.float32))
    assert not audio.is_silent()  # loud enough to reach the model and its voice detection
    t = local.transcribe(audio)
    assert t.no_speech and t.text == "" and t.notice == NO_SPEECH_MESSAGE


def test_bad_audio_raises_its_error(local):
    with pytest.raises(CorruptAudio):
        local.transcribe(FIXTURES / "corrupt.flac")
    with pytest.raises(NotAudio):
        local.transcribe(b"not a recording at all" * 10)


def test_too_long_for_a_small_configured_limit():
    transcriber = get_transcriber(settings=Settings(max_audio_seconds=5))
    with pytest.raises(AudioTooLong, match="at most 5 s long"):
        transcriber.transcribe(FIXTURES / "answer_tree.wav")


def test_the_model_loads_once_per_process(local):
    again = get_transcriber(settings=Settings())
    assert again.load() is local.load()


# --- backend resolution --------------------------------------------------------------------


def test_backends_are_registered_by_name():
    assert backend_names() == ["faster-whisper", "openai-whisper", "openai"]


def test_default_is_the_bundled_tiny_model():
    transcriber = get_transcriber(settings=Settings())
    assert isinstance(transcriber, FasterWhisperTranscriber)
    assert transcriber.model == "tiny.en"
    assert (transcriber.model_path / "model.bin").is_file()
    assert (transcriber.compute_type, transcriber.threads) == ("int8", 2)


def test_openai_key_selects_the_api_with_an_offline_fallback():
    transcriber = get_transcriber(settings=Settings(openai_api_key="sk-test"))
    assert isinstance(transcriber, FallbackTranscriber)
    assert (transcriber.name, transcriber.model) == ("openai", "whisper-1")
    assert isinstance(transcriber.fallback, FasterWhisperTranscriber)
    plain = get_transcriber(settings=Settings(openai_api_key="sk-test"), fallback=False)
    assert isinstance(plain, OpenAITranscriber)


def test_explicit_backend_wins_over_the_key():
    settings = Settings(openai_api_key="sk-test", stt_backend="faster-whisper")
    assert get_transcriber(settings=settings).name == "faster-whisper"
    assert get_transcriber("faster-whisper", Settings(openai_api_key="sk")).name == "faster-whisper"


def test_unknown_backend():
    with pytest.raises(ConfigError, match="Unknown speech-to-text backend 'vosk'"):
        get_transcriber("vosk", Settings())


def test_openai_backend_without_a_key():
    with pytest.raises(TranscriberUnavailable, match="OPENAI_API_KEY"):
        get_transcriber("openai", Settings())


def test_larger_model_from_a_local_folder(tmp_path, local):
    folder = tmp_path / "my-model"
    folder.mkdir()
    for item in local.model_path.iterdir():
        (folder / item.name).symlink_to(item)
    transcriber = get_transcriber(settings=Settings(whisper_model=str(folder)))
    assert (transcriber.model, transcriber.model_path) == ("my-model", folder)
    t = transcriber.transcribe(FIXTURES / "short_answer.flac")
    assert t.model == "my-model"
    assert "sort" in t.text.lower()


def test_model_folder_that_is_not_a_model(tmp_path):
    with pytest.raises(TranscriberUnavailable, match="AVA_WHISPER_MODEL must be a folder"):
        get_transcriber(settings=Settings(whisper_model=str(tmp_path)))


# --- openai-whisper (optional, not installed by default) -----------------------------------


def test_openai_whisper_missing_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "whisper", None)  # makes `import whisper` fail
    checkpoint = tmp_path / "tiny.pt"
    checkpoint.write_bytes(b"checkpoint")
    settings = Settings(stt_backend="openai-whisper", whisper_checkpoint=str(checkpoint))
    with pytest.raises(TranscriberUnavailable) as caught:
        get_transcriber(settings=settings)
    message = str(caught.value)
    assert "openai-whisper is not installed" in message
    assert "pip install openai-whisper" in message
    assert "torch" in message
    assert "AVA_STT_BACKEND=faster-whisper" in message


def test_openai_whisper_needs_a_checkpoint():
    with pytest.raises(TranscriberUnavailable, match="AVA_WHISPER_CHECKPOINT is not set"):
        get_transcriber(settings=Settings(stt_backend="openai-whisper"))


def test_openai_whisper_results_are_mapped(monkeypatch, tmp_path):
    calls = {}

    class FakeModel:
        def transcribe(self, samples, **options):
            calls["samples"] = samples
            calls["options"] = options
            return {
                "text": " Um, I would sort it.",
                "language": "en",
                "segments": [
                    {
                        "start": 0.0,
                        "end": 1.6,
                        "text": " Um, I would sort it.",
                        "no_speech_prob": 0.01,
                        "avg_logprob": -0.2,
                        "words": [
                            {"word": " Um,", "start": 0.0, "end": 0.3, "probability": 0.6},
                            {"word": " I", "start": 0.5, "end": 0.6, "probability": 0.9},
                            {"word": " would", "start": 0.6, "end": 0.9, "probability": 0.9},
                            {"word": " sort", "start": 0.9, "end": 1.2, "probability": 0.9},
                            {"word": " it.", "start": 1.2, "end": 1.6, "probability": 0.9},
                        ],
                    }
                ],
            }

    def load_model(path, device):
        calls["loaded"] = (path, device)
        return FakeModel()

    fake = types.ModuleType("whisper")
    fake.load_model = load_model
    monkeypatch.setitem(sys.modules, "whisper", fake)
    checkpoint = tmp_path / "tiny.pt"
    checkpoint.write_bytes(b"checkpoint")
    settings = Settings(stt_backend="openai-whisper", whisper_checkpoint=str(checkpoint))
    t = get_transcriber(settings=settings).transcribe(FIXTURES / "short_answer.flac")
    assert calls["loaded"] == (str(checkpoint), "cpu")
    assert calls["options"]["initial_prompt"] == FILLER_PROMPT
    assert calls["options"]["fp16"] is False and calls["options"]["word_timestamps"] is True
    assert calls["options"]["condition_on_previous_text"] is False
    assert calls["samples"].dtype == np.float32
    assert (t.backend, t.model, t.text) == ("openai-whisper", "tiny", "Um, I would sort it.")
    assert [w.word for w in t.words] == ["Um,", "I", "would", "sort", "it."]
    assert t.words[0].probability == 0.6
    assert t.duration == pytest.approx(1.98, abs=0.01)


# --- the OpenAI transcription API ----------------------------------------------------------

VERBOSE_JSON = {
    "task": "transcribe",
    "language": "english",
    "duration": 1.98,
    "text": "Um, I would sort the array first.",
    "words": [
        {"word": "Um", "start": 0.0, "end": 0.3},
        {"word": "I", "start": 0.4, "end": 0.5},
        {"word": "would", "start": 0.5, "end": 0.7},
        {"word": "sort", "start": 0.7, "end": 1.0},
        {"word": "the", "start": 1.0, "end": 1.1},
        {"word": "array", "start": 1.1, "end": 1.4},
        {"word": "first", "start": 1.4, "end": 1.8},
    ],
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 1.8,
            "text": " Um, I would sort the array first.",
            "tokens": [1, 2, 3],
            "temperature": 0.0,
            "avg_logprob": -0.25,
            "compression_ratio": 0.9,
            "no_speech_prob": 0.01,
        }
    ],
}


def api(**options) -> OpenAITranscriber:
    return OpenAITranscriber("sk-test", backoff_seconds=0, **options)


@respx.mock
def test_api_success_sends_wav_with_word_and_segment_timestamps():
    route = respx.post(API_URL).mock(return_value=httpx.Response(200, json=VERBOSE_JSON))
    t = api().transcribe(FIXTURES / "short_answer.flac")
    request = route.calls.last.request
    assert request.headers["authorization"] == "Bearer sk-test"
    body = request.read()
    for part in (
        b'name="model"\r\n\r\nwhisper-1',
        b'name="response_format"\r\n\r\nverbose_json',
        b'name="timestamp_granularities[]"\r\n\r\nword',
        b'name="timestamp_granularities[]"\r\n\r\nsegment',
        b'name="language"\r\n\r\nen',
        b'name="prompt"\r\n\r\n' + FILLER_PROMPT.encode(),
        b'filename="answer.wav"',
        b"Content-Type: audio/wav",
        b"RIFF",
    ):
        assert part in body
    assert (t.backend, t.model, t.language) == ("openai", "whisper-1", "english")
    assert t.text == "Um, I would sort the array first."
    assert [w.word for w in t.words][:3] == ["Um", "I", "would"]
    assert t.words[-1].end == 1.8 and t.words[0].probability is None
    assert t.segments[0].no_speech_prob == 0.01
    assert t.duration == 1.98
    assert speech.measure(t).fillers == {"um": 1}


@respx.mock
def test_api_401_is_a_clear_error_and_not_retried():
    route = respx.post(API_URL).mock(
        return_value=httpx.Response(401, json={"error": {"message": "Incorrect API key"}})
    )
    with pytest.raises(
        TranscriptionServiceError, match="refused the key.*OPENAI_API_KEY"
    ) as caught:
        api().transcribe(FIXTURES / "short_answer.flac")
    assert caught.value.status == 401
    assert isinstance(caught.value, ServiceUnavailable)
    assert route.call_count == 1


@respx.mock
def test_api_429_is_retried_then_succeeds():
    route = respx.post(API_URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(200, json=VERBOSE_JSON),
        ]
    )
    t = api().transcribe(FIXTURES / "short_answer.flac")
    assert route.call_count == 2
    assert t.text == "Um, I would sort the array first."


@respx.mock
def test_api_429_every_time_gives_up_with_a_clear_error():
    route = respx.post(API_URL).mock(return_value=httpx.Response(429))
    with pytest.raises(TranscriptionServiceError, match="rate-limiting") as caught:
        api(max_retries=2).transcribe(FIXTURES / "short_answer.flac")
    assert caught.value.status == 429
    assert route.call_count == 3


@respx.mock
def test_api_server_errors_are_retried_then_reported():
    route = respx.post(API_URL).mock(return_value=httpx.Response(503, text="overloaded"))
    with pytest.raises(TranscriptionServiceError, match=r"server error \(503\)"):
        api(max_retries=1).transcribe(FIXTURES / "short_answer.flac")
    assert route.call_count == 2


@respx.mock
def test_api_timeout_is_retried_then_reported():
    route = respx.post(API_URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(TranscriptionServiceError, match="did not answer within 5 s"):
        api(max_retries=1, timeout=5).transcribe(FIXTURES / "short_answer.flac")
    assert route.call_count == 2


@respx.mock
def test_api_unreachable():
    respx.post(API_URL).mock(side_effect=httpx.ConnectError("no route"))
    with pytest.raises(TranscriptionServiceError, match="Could not reach"):
        api().transcribe(FIXTURES / "short_answer.flac")


@respx.mock
def test_api_bad_request_shows_the_reason():
    respx.post(API_URL).mock(
        return_value=httpx.Response(400, json={"error": {"message": "Invalid file format."}})
    )
    with pytest.raises(TranscriptionServiceError, match=r"\(400: Invalid file format.\)"):
        api().transcribe(FIXTURES / "short_answer.flac")


@respx.mock
def test_api_answer_that_is_not_json():
    respx.post(API_URL).mock(return_value=httpx.Response(200, text="<html>proxy</html>"))
    with pytest.raises(TranscriptionServiceError, match="not JSON"):
        api().transcribe(FIXTURES / "short_answer.flac")


@respx.mock
def test_api_is_not_called_for_silence():
    route = respx.post(API_URL).mock(return_value=httpx.Response(200, json=VERBOSE_JSON))
    t = api().transcribe(FIXTURES / "silence.wav")
    assert route.call_count == 0
    assert t.no_speech and t.text == "" and t.notice == NO_SPEECH_MESSAGE


@respx.mock
def test_api_failure_falls_back_to_the_local_model_and_says_so(local):
    respx.post(API_URL).mock(return_value=httpx.Response(503))
    transcriber = FallbackTranscriber(api(max_retries=0), local)
    t = transcriber.transcribe(FIXTURES / "short_answer.flac")
    assert t.backend == "faster-whisper"
    assert "sort" in t.text.lower()
    assert "server error (503)" in t.notice
    assert "transcribed offline with faster-whisper instead" in t.notice


@respx.mock
def test_fallback_does_not_hide_bad_audio(local):
    route = respx.post(API_URL).mock(return_value=httpx.Response(503))
    with pytest.raises(CorruptAudio):
        FallbackTranscriber(api(), local).transcribe(FIXTURES / "corrupt.flac")
    assert route.call_count == 0


def test_importing_is_cheap():
    code = (
        "import sys, ava_core.speech.audio, ava_core.speech.transcription, ava_core.speech, ava_core.speech.voice; "
        "print(sorted(m for m in ('faster_whisper', 'ctranslate2', 'av', 'numpy', 'httpx', "
        "'streamlit', 'whisper') if m in sys.modules))"
    )
    root = Path(__file__).parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == "[]"
