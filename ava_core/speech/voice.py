"""The interviewer's voice.

By default the browser speaks with its own speech synthesis: ``browser_speech_html`` returns a
small self-contained HTML/JS snippet that a page embeds (``st.components.v1.html``); nothing
runs on the server and nothing goes over the network. With ELEVENLABS_API_KEY set, ElevenLabs
makes an MP3 that the page plays with ``st.audio``; when ElevenLabs fails, the browser's voice
takes over and the result says so. ``settings.voice`` False (AVA_VOICE=off) turns voice off.

No streamlit import here; httpx is imported only when ElevenLabs is used.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from time import sleep
from typing import TYPE_CHECKING

from ava_core.errors import ServiceUnavailable
from ava_core.retry import Backoff, send_with_retries
from ava_core.settings import Settings, load_settings

if TYPE_CHECKING:
    import httpx

ELEVENLABS_URL = "https://api.elevenlabs.io/v1/text-to-speech/{voice_id}"
ELEVENLABS_MODEL = "eleven_multilingual_v2"


class VoiceError(ServiceUnavailable):
    """The speech service failed; ``status`` is its HTTP status when it answered."""


@dataclass
class Utterance:
    """What a page needs to speak ``text``: ``audio`` to play, or ``html`` to embed, or nothing."""

    text: str
    provider: str  # "elevenlabs", "browser" or "off"
    audio: bytes | None = None
    mime_type: str | None = None  # of ``audio``: "audio/mpeg"
    html: str | None = None  # the browser-voice snippet
    notice: str = ""  # what the user should know, such as a fallback to the browser's voice


def browser_speech_html(
    text: str,
    *,
    lang: str = "en-US",
    rate: float = 1.0,
    pitch: float = 1.0,
    autoplay: bool = True,
) -> str:
    """An HTML snippet that speaks ``text`` with the browser's speech synthesis.

    It speaks at once when ``autoplay`` is set and the browser allows it (some wait for a click
    on the page first), and always shows a button to hear it (again). The text is embedded as a
    JSON string with ``<``, ``>`` and ``&`` escaped, so it cannot end the script.
    """
    spoken = (
        json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )
    options = json.dumps({"lang": lang, "rate": rate, "pitch": pitch})
    label = html.escape(text, quote=True)
    return f"""<div class="ava-voice">
<button type="button" id="ava-say" aria-label="Listen: {label}">&#128266; Listen</button>
<span id="ava-voice-note" style="margin-left:.5em;font:13px sans-serif;color:#666"></span>
</div>
<script>
(function () {{
  var text = {spoken}, options = {options};
  var note = document.getElementById("ava-voice-note");
  var synth = window.speechSynthesis;
  function say() {{
    if (!synth) {{ note.textContent = "This browser cannot speak: read the text."; return; }}
    synth.cancel();
    var u = new SpeechSynthesisUtterance(text);
    u.lang = options.lang; u.rate = options.rate; u.pitch = options.pitch;
    var voice = synth.getVoices().find(function (v) {{ return v.lang === options.lang; }});
    if (voice) {{ u.voice = voice; }}
    u.onerror = function (e) {{
      if (e.error === "not-allowed") {{ note.textContent = "Click Listen to hear it."; }}
    }};
    synth.speak(u);
  }}
  document.getElementById("ava-say").addEventListener("click", say);
  if ({json.dumps(autoplay)}) {{ say(); }}
}})();
</script>"""


class ElevenLabsVoice:
    """POST text to ElevenLabs' text-to-speech and get MP3 bytes back.

    429 and 5xx answers and timeouts are retried ``max_retries`` times after ``backoff_seconds``
    (doubled each time); then ``VoiceError`` says what failed.
    """

    def __init__(
        self,
        api_key: str,
        voice_id: str,
        *,
        model_id: str = ELEVENLABS_MODEL,
        timeout: float = 20.0,
        max_retries: int = 1,
        backoff_seconds: float = 1.0,
        client: httpx.Client | None = None,
    ):
        self.api_key = api_key
        self.voice_id = voice_id
        self.model_id = model_id
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.client = client

    def synthesize(self, text: str) -> bytes:
        import httpx

        client = self.client or httpx.Client(timeout=self.timeout)
        try:
            response = send_with_retries(
                lambda: client.post(
                    ELEVENLABS_URL.format(voice_id=self.voice_id),
                    headers={"xi-api-key": self.api_key, "Accept": "audio/mpeg"},
                    json={"text": text, "model_id": self.model_id},
                    timeout=self.timeout,
                ),
                Backoff(self.max_retries, self.backoff_seconds),
                timed_out=lambda: VoiceError(f"ElevenLabs did not answer within {self.timeout:g} s."),
                unreachable=lambda error: VoiceError(f"Could not reach ElevenLabs ({error})."),
                sleep=sleep,
            )
        finally:
            if self.client is None:
                client.close()
        if response.status_code == 200 and response.content:
            return response.content
        raise _voice_error(response)


def _voice_error(response: httpx.Response) -> VoiceError:
    status = response.status_code
    if status == 200:
        return VoiceError("ElevenLabs answered with no audio.", status)
    if status in (401, 403):
        return VoiceError(
            f"ElevenLabs refused the key ({status}); check ELEVENLABS_API_KEY.", status
        )
    if status == 429:
        return VoiceError("ElevenLabs is rate-limiting or out of credits (429).", status)
    if status >= 500:
        return VoiceError(f"ElevenLabs had a server error ({status}).", status)
    return VoiceError(f"ElevenLabs refused the request ({status}: {response.text[:200]}).", status)


def speak(
    text: str,
    settings: Settings | None = None,
    *,
    client: httpx.Client | None = None,
) -> Utterance:
    """How to say ``text``: ElevenLabs audio when configured, else the browser's voice, or off.

    Never raises for a service failure: ElevenLabs errors fall back to the browser's voice and
    the utterance's ``notice`` says so. ``client`` is an httpx client for ElevenLabs (tests).
    """
    settings = settings or load_settings()
    text = text.strip()
    if not settings.voice:
        return Utterance(text, "off", notice="The interviewer's voice is off (AVA_VOICE).")
    if not text:
        return Utterance(text, "off")
    notice = ""
    if settings.elevenlabs_api_key:
        voice = ElevenLabsVoice(
            settings.elevenlabs_api_key, settings.elevenlabs_voice_id, client=client
        )
        try:
            return Utterance(
                text, "elevenlabs", audio=voice.synthesize(text), mime_type="audio/mpeg"
            )
        except VoiceError as error:
            notice = f"{error} Using the browser's voice instead."
    return Utterance(text, "browser", html=browser_speech_html(text), notice=notice)
