"""Speech-to-text figures: python bench/transcription_bench.py

Prints, for the bundled tiny.en model (faster-whisper, int8, 2 CPU threads):
- model load time (target under 1.5 s);
- real-time factor, transcription time / audio duration, on a ~60 s spoken answer made with
  espeak-ng at bench time (target at most 0.12);
- peak memory (RSS) of this process;
- the filler prompt's effect: hesitations kept and word error rate with and without it;
- openai-whisper's tiny model on the same clip as the baseline ratio, when it is installed and
  a tiny checkpoint is on disk (nothing is downloaded).

Needs espeak-ng and sox on PATH (apt-get install -y espeak-ng sox).
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ava_core import speech  # noqa: E402
from ava_core.speech.audio import load_audio  # noqa: E402
from ava_core.settings import Settings  # noqa: E402
from ava_core.speech.transcription import TranscribeOptions, get_transcriber  # noqa: E402
from ava_core.speech.whisper_local import FasterWhisperTranscriber  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "audio"
RUNS = 3
LONG_ANSWER = (
    "Um, so the first thing I would do is make sure I understand the problem. We get an array "
    "of numbers and a target, and we need two positions whose values add up to the target. "
    "Uh, I would ask whether the array is sorted, and whether there can be more than one "
    "answer. You know, those details change the approach. A brute force solution checks every "
    "pair, which takes quadratic time. Um, that works for small inputs, but it is too slow for "
    "a large array. So instead, I would use a hash map. For each number, I look up the value I "
    "still need. If it is in the map, I return both positions. Uh, otherwise I store the number "
    "with its position and move on. This runs in linear time and uses linear memory. Um, to "
    "test it, I would try an empty array, an array with one element, and an array where the "
    "answer uses the last element. You know, I would also check negative numbers, because they "
    "are easy to forget."
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthesize(text: str, folder: Path) -> Path:
    raw, out = folder / "long.raw.wav", folder / "long.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", "-R", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out), "norm", "-3"],
        check=True,
    )
    return out


def hesitations(text: str) -> int:
    return sum(n for name, n in speech.measure(text).fillers.items() if name in speech.HESITATIONS)


def timed_runs(transcriber, audio, options: TranscribeOptions | None = None):
    seconds, transcript = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        transcript = transcriber.transcribe(audio, options)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), transcript


def openai_whisper_checkpoint(settings: Settings) -> Path | None:
    candidates = (
        [Path(settings.whisper_checkpoint).expanduser()] if settings.whisper_checkpoint else []
    )
    cache = Path.home() / ".cache" / "whisper"
    candidates += [cache / "tiny.en.pt", cache / "tiny.pt"]
    return next((c for c in candidates if c.is_file()), None)


def main() -> None:
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        sys.exit("This bench needs espeak-ng and sox: apt-get install -y espeak-ng sox")
    settings = Settings()
    rss_before = peak_rss_mb()

    started = time.perf_counter()
    import faster_whisper  # noqa: F401

    import_seconds = time.perf_counter() - started
    transcriber = get_transcriber("faster-whisper", settings)
    assert isinstance(transcriber, FasterWhisperTranscriber)
    started = time.perf_counter()
    transcriber.load()
    load_seconds = time.perf_counter() - started
    rss_loaded = peak_rss_mb()

    print(f"faster-whisper {faster_whisper.__version__}, model {transcriber.model}, ", end="")
    print(f"{transcriber.compute_type}, {transcriber.threads} threads, beam 5, VAD on")
    print(f"import faster_whisper:   {import_seconds:6.2f} s")
    print(f"model load:              {load_seconds:6.2f} s   (target < 1.5 s)")

    with tempfile.TemporaryDirectory() as tmp:
        clip = load_audio(synthesize(LONG_ANSWER, Path(tmp)), settings.max_audio_seconds)
    transcriber.transcribe(FIXTURES / "short_answer.flac")  # warm-up

    with_prompt, t_prompt = timed_runs(transcriber, clip)
    rtf = with_prompt / clip.duration
    print(f"clip:                    {clip.duration:6.1f} s of speech (espeak-ng, 150 wpm)")
    print(f"transcription (median of {RUNS}): {with_prompt:5.2f} s")
    print(f"real-time factor:        {rtf:6.3f}   (target <= 0.12)")

    no_prompt_options = TranscribeOptions(initial_prompt=None)
    without_prompt, t_plain = timed_runs(transcriber, clip, no_prompt_options)
    print(
        f"peak RSS:                {peak_rss_mb():6.0f} MB (before load {rss_before:.0f} MB, ",
        end="",
    )
    print(f"after load {rss_loaded:.0f} MB)")

    print("\nfiller prompt          hesitations kept   WER     RTF")
    rows = [("60 s clip", LONG_ANSWER, t_prompt, t_plain, with_prompt, without_prompt)]
    references = json.loads((FIXTURES / "references.json").read_text())
    name = "answer_fillers.flac"
    sound = load_audio(FIXTURES / name, settings.max_audio_seconds)
    a, fixture_prompt = timed_runs(transcriber, sound)
    b, fixture_plain = timed_runs(transcriber, sound, no_prompt_options)
    rows.append((name, references[name], fixture_prompt, fixture_plain, a, b))
    for label, reference, prompted, plain, s_prompted, s_plain in rows:
        expected = hesitations(reference)
        duration = prompted.duration
        for mode, t, seconds in (("with", prompted, s_prompted), ("without", plain, s_plain)):
            kept = hesitations(t.text)
            wer = speech.word_error_rate(reference, t.text)
            print(
                f"  {label:20s} {mode:8s} {kept:2d} of {expected:<2d}          "
                f"{wer:6.3f}  {seconds / duration:.3f}"
            )

    print("\nper fixture (with the prompt)   WER     RTF")
    for name, reference in references.items():
        if not name.startswith("answer_"):
            continue
        sound = load_audio(FIXTURES / name, settings.max_audio_seconds)
        seconds, t = timed_runs(transcriber, sound)
        wer = speech.word_error_rate(reference, t.text)
        print(f"  {name:28s} {wer:6.3f}  {seconds / sound.duration:.3f}")

    print()
    try:
        import whisper
    except ImportError:
        print(
            "openai-whisper is not installed: no baseline (pip install openai-whisper pulls torch)."
        )
        return
    checkpoint = openai_whisper_checkpoint(settings)
    if checkpoint is None:
        print(
            "openai-whisper is installed but no tiny checkpoint is on disk (AVA_WHISPER_CHECKPOINT"
        )
        print("or ~/.cache/whisper/tiny.en.pt): no baseline; this bench downloads nothing.")
        return
    model = whisper.load_model(str(checkpoint), device="cpu")
    model.transcribe(clip.samples[: 16000 * 2], language="en", fp16=False)  # warm-up
    started = time.perf_counter()
    result = model.transcribe(
        clip.samples, language="en", fp16=False, word_timestamps=True, beam_size=5
    )
    baseline = time.perf_counter() - started
    print(
        f"openai-whisper {checkpoint.name}: {baseline:.2f} s, RTF {baseline / clip.duration:.3f}, ",
        end="",
    )
    print(f"WER {speech.word_error_rate(LONG_ANSWER, result['text']):.3f}")
    print(f"faster-whisper int8 is {baseline / with_prompt:.1f}x faster than the baseline")


if __name__ == "__main__":
    main()
