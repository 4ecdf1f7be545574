"""The interviewer's voice: browser speech by default, ElevenLabs when configured (faked with
respx), falling back to the browser's voice when ElevenLabs fails, and off by a setting."""

import json
import re

import httpx
import pytest
import respx

from ava_core.speech import voice
from ava_core.errors import ServiceUnavailable
from ava_core.settings import Settings
from ava_core.speech.voice import ElevenLabsVoice, VoiceError, browser_speech_html, speak

QUESTION = "Tell me about a time you disagreed with a teammate."
VOICE_ID = "21m00Tcm4TlvDq8ikWAM"
URL = f"https://api.elevenlabs.io/v1/text-to-speech/{VOICE_ID}"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
ELEVEN = Settings(elevenlabs_api_key="el-test")


def spoken_text(snippet: str) -> str:
    """The text the snippet's script will speak, decoded from its JSON string."""
    return json.loads(re.search(r"var text = (\".*?(?<!\\)\")", snippet).group(1))


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(voice, "sleep", lambda seconds: None)


def test_browser_voice_by_default():
    u = speak(QUESTION, Settings())
    assert (u.provider, u.text, u.audio, u.notice) == ("browser", QUESTION, None, "")
    assert "speechSynthesis" in u.html and "SpeechSynthesisUtterance" in u.html
    assert spoken_text(u.html) == QUESTION
    assert "http" not in u.html  # nothing is fetched


def test_voice_off():
    u = speak(QUESTION, Settings(voice=False, elevenlabs_api_key="el-test"))
    assert (u.provider, u.html, u.audio) == ("off", None, None)
    assert "AVA_VOICE" in u.notice


def test_nothing_to_say():
    assert speak("   ", Settings()).provider == "off"


def test_text_cannot_break_out_of_the_script():
    text = 'Why </script><script>alert("x")</script> & <b>?'
    snippet = browser_speech_html(text)
    assert snippet.count("</script>") == 1
    assert "<script>alert" not in snippet
    assert spoken_text(snippet) == text


def test_snippet_options():
    snippet = browser_speech_html(QUESTION, lang="en-GB", rate=0.9, autoplay=False)
    assert '"lang": "en-GB"' in snippet and '"rate": 0.9' in snippet
    assert "if (false) { say(); }" in snippet
    assert "if (true) { say(); }" in browser_speech_html(QUESTION)


@respx.mock
def test_elevenlabs_when_the_key_is_set():
    route = respx.post(URL).mock(return_value=httpx.Response(200, content=MP3))
    u = speak(QUESTION, ELEVEN)
    assert (u.provider, u.audio, u.mime_type, u.html, u.notice) == (
        "elevenlabs",
        MP3,
        "audio/mpeg",
        None,
        "",
    )
    request = route.calls.last.request
    assert request.headers["xi-api-key"] == "el-test"
    assert request.headers["accept"] == "audio/mpeg"
    assert json.loads(request.content) == {"text": QUESTION, "model_id": "eleven_multilingual_v2"}


@respx.mock
def test_elevenlabs_voice_id_comes_from_the_settings():
    route = respx.post("https://api.elevenlabs.io/v1/text-to-speech/abc123").mock(
        return_value=httpx.Response(200, content=MP3)
    )
    speak(QUESTION, Settings(elevenlabs_api_key="el-test", elevenlabs_voice_id="abc123"))
    assert route.called


@respx.mock
def test_bad_key_falls_back_to_the_browser_and_says_so():
    route = respx.post(URL).mock(return_value=httpx.Response(401, json={"detail": "bad key"}))
    u = speak(QUESTION, ELEVEN)
    assert u.provider == "browser"
    assert spoken_text(u.html) == QUESTION
    assert "ELEVENLABS_API_KEY" in u.notice
    assert u.notice.endswith("Using the browser's voice instead.")
    assert route.call_count == 1


@respx.mock
def test_server_error_is_retried_then_falls_back():
    route = respx.post(URL).mock(return_value=httpx.Response(503))
    u = speak(QUESTION, ELEVEN)
    assert u.provider == "browser"
    assert "server error (503)" in u.notice
    assert route.call_count == 2


@respx.mock
def test_rate_limit_then_success():
    route = respx.post(URL).mock(
        side_effect=[httpx.Response(429), httpx.Response(200, content=MP3)]
    )
    u = speak(QUESTION, ELEVEN)
    assert (u.provider, u.audio) == ("elevenlabs", MP3)
    assert route.call_count == 2


@respx.mock
def test_timeout_falls_back():
    respx.post(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    u = speak(QUESTION, ELEVEN)
    assert u.provider == "browser"
    assert "did not answer within 20 s" in u.notice


@respx.mock
def test_unreachable_falls_back():
    respx.post(URL).mock(side_effect=httpx.ConnectError("no route"))
    u = speak(QUESTION, ELEVEN)
    assert u.provider == "browser" and "Could not reach ElevenLabs" in u.notice


@respx.mock
def test_empty_audio_falls_back():
    respx.post(URL).mock(return_value=httpx.Response(200, content=b""))
    u = speak(QUESTION, ELEVEN)
    assert u.provider == "browser" and "no audio" in u.notice


@respx.mock
def test_elevenlabs_voice_raises_a_service_error():
    respx.post(URL).mock(return_value=httpx.Response(422, text="text too long"))
    with pytest.raises(VoiceError, match=r"refused the request \(422: text too long\)") as caught:
        ElevenLabsVoice("el-test", VOICE_ID).synthesize(QUESTION)
    assert caught.value.status == 422
    assert isinstance(caught.value, ServiceUnavailable)


def test_a_given_client_is_used_and_left_open():
    seen = []

    def handler(request):
        seen.append(request.url.path)
        return httpx.Response(200, content=MP3)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    u = speak(QUESTION, ELEVEN, client=client)
    assert u.audio == MP3 and seen == [f"/v1/text-to-speech/{VOICE_ID}"]
    assert not client.is_closed
    client.close()
