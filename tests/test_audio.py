"""Decoding recordings to 16 kHz mono float32, and every bad-audio case's clear error."""

import io
import json
import wave
from pathlib import Path

import numpy as np
import pytest

from ava_core.speech.audio import (
    SAMPLE_RATE,
    Audio,
    AudioError,
    AudioTooLong,
    CorruptAudio,
    EmptyAudio,
    NotAudio,
    load_audio,
    looks_like_audio,
)
from ava_core.errors import AvaError

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
REFERENCES = json.loads((FIXTURES / "references.json").read_text())


@pytest.mark.parametrize(
    "name, seconds, source_format, source_rate, channels",
    [
        ("answer_tree.wav", 12.91, "wav", 16000, 1),
        ("answer_two_sum.ogg", 17.71, "ogg", 16000, 1),
        ("answer_conflict.mp3", 15.37, "mp3", 16000, 1),
        ("answer_fillers.flac", 12.64, "flac", 16000, 1),
        ("stereo_44k.wav", 1.98, "wav", 44100, 2),
        ("short_answer.flac", 1.98, "flac", 16000, 1),
        ("short_answer.webm", 1.98, "matroska,webm", 48000, 1),
        ("short_answer.m4a", 2.05, "mov,mp4,m4a,3gp,3g2,mj2", 16000, 1),
        ("silence.wav", 2.0, "wav", 16000, 1),
    ],
)
def test_every_fixture_decodes_to_16k_mono_float32(
    name, seconds, source_format, source_rate, channels
):
    audio = load_audio(FIXTURES / name, max_seconds=600)
    assert audio.sample_rate == SAMPLE_RATE
    assert audio.samples.dtype == np.float32
    assert audio.samples.ndim == 1
    assert audio.duration == pytest.approx(seconds, abs=0.05)
    assert audio.source_format == source_format
    assert audio.source_rate == source_rate
    assert audio.source_channels == channels
    assert np.abs(audio.samples).max() < 1.5


def test_stereo_44k_is_mixed_and_resampled_to_the_same_speech_as_the_16k_clip():
    stereo = load_audio(FIXTURES / "stereo_44k.wav", max_seconds=600).samples
    mono = load_audio(FIXTURES / "short_answer.flac", max_seconds=600).samples
    n = min(len(stereo), len(mono))
    assert abs(len(stereo) - len(mono)) < 0.01 * SAMPLE_RATE
    assert np.corrcoef(stereo[:n], mono[:n])[0, 1] > 0.95


def test_bytes_paths_and_file_objects_decode_alike():
    path = FIXTURES / "answer_tree.wav"
    data = path.read_bytes()
    upload = io.BytesIO(data)
    upload.read(100)  # a file object that was already read from, like a re-run upload
    decoded = [load_audio(s, max_seconds=600).samples for s in (data, str(path), path, upload)]
    for samples in decoded[1:]:
        np.testing.assert_array_equal(samples, decoded[0])


def test_silence_decodes_and_is_silent_while_speech_is_not():
    assert load_audio(FIXTURES / "silence.wav", max_seconds=600).is_silent()
    assert not load_audio(FIXTURES / "short_answer.flac", max_seconds=600).is_silent()


def test_wav_bytes_round_trip():
    audio = load_audio(FIXTURES / "short_answer.flac", max_seconds=600)
    again = load_audio(audio.to_wav_bytes(), max_seconds=600)
    assert again.source_format == "wav"
    np.testing.assert_allclose(again.samples, audio.samples, atol=2 / 32767)


def test_empty_bytes():
    with pytest.raises(EmptyAudio, match="empty"):
        load_audio(b"", max_seconds=600)


def test_missing_file(tmp_path):
    with pytest.raises(EmptyAudio, match="no recording"):
        load_audio(tmp_path / "nothing.wav", max_seconds=600)


def test_wav_with_no_samples():
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
    with pytest.raises(EmptyAudio, match="no sound"):
        load_audio(buffer.getvalue(), max_seconds=600)


@pytest.mark.parametrize(
    "data",
    [
        b"Jane Doe\nSoftware engineer\nExperience: five years of Python.\n" * 20,
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 20,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        bytes(range(256)) * 40,
    ],
    ids=["text", "pdf", "png", "bytes"],
)
def test_not_audio(data):
    with pytest.raises(NotAudio, match="Upload a wav, mp3, m4a, webm, ogg or flac file"):
        load_audio(data, max_seconds=600)


@pytest.mark.parametrize("name", ["corrupt.flac", "truncated.wav"])
def test_corrupt_files(name):
    with pytest.raises(CorruptAudio, match="damaged"):
        load_audio(FIXTURES / name, max_seconds=600)


def test_longer_than_the_limit():
    with pytest.raises(AudioTooLong) as caught:
        load_audio(FIXTURES / "answer_tree.wav", max_seconds=5)
    error = caught.value
    assert error.limit_seconds == 5
    assert error.seconds == pytest.approx(12.9, abs=0.1)
    assert "at most 5 s long and this one is 13 s long" in str(error)
    assert "AVA_MAX_AUDIO_SECONDS" in str(error)


def test_limit_defaults_to_the_setting(monkeypatch):
    monkeypatch.setenv("AVA_MAX_AUDIO_SECONDS", "10")
    with pytest.raises(AudioTooLong, match="at most 10 s long"):
        load_audio(FIXTURES / "answer_tree.wav")
    assert load_audio(FIXTURES / "short_answer.flac").duration < 10


def test_limit_is_checked_on_decoded_audio():
    audio = Audio(np.zeros(3 * SAMPLE_RATE, dtype=np.float32))
    assert load_audio(audio, max_seconds=3) is audio
    with pytest.raises(AudioTooLong, match="at most 2 s long and this one is 3 s long"):
        load_audio(audio, max_seconds=2)


def test_minutes_in_the_message():
    audio = Audio(np.zeros(130 * SAMPLE_RATE, dtype=np.float32))
    with pytest.raises(AudioTooLong, match="at most 2 min long and this one is 2 min 10 s long"):
        load_audio(audio, max_seconds=120)


def test_every_audio_error_is_an_ava_error():
    for error in (EmptyAudio, NotAudio, CorruptAudio, AudioTooLong):
        assert issubclass(error, AudioError)
        assert issubclass(error, AvaError)


def test_other_inputs_are_refused():
    with pytest.raises(TypeError, match="bytes, a path or a file object"):
        load_audio(42, max_seconds=600)


@pytest.mark.parametrize("name", sorted(REFERENCES) + ["corrupt.flac", "truncated.wav"])
def test_fixture_signatures_are_recognised(name):
    assert looks_like_audio((FIXTURES / name).read_bytes())


def test_signature_rejects_documents():
    assert not looks_like_audio(b"%PDF-1.7")
    assert not looks_like_audio(b"\x89PNG\r\n\x1a\n")
    assert not looks_like_audio(b"")
