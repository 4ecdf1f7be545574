"""From submitting a 60 s spoken answer to its feedback being ready, offline (target under 2 s),
split into transcription, metrics and storing, and coaching. Printed both ways: from the
Submit button (the page has transcribed the recording already, for the user to review) and
from the recording arriving, transcription included.

The answer is the espeak-ng fixtures joined to about 60 s of speech. It goes through the coding
interview service exactly as the page calls it (transcribe, then ``answer``, then ``feedback``)
on a fresh SQLite database, with the local faster-whisper model (loaded once before timing, as
the app caches it). Baseline in the same run: the same answer typed (no transcription, no
delivery), which is what everything but the speech costs.

    python bench/answer_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURES = ["answer_two_sum.ogg", "answer_tree.wav", "answer_conflict.mp3", "answer_fillers.flac"]


def sixty_seconds() -> bytes:
    import numpy as np

    from ava_core.speech.audio import Audio, load_audio

    pieces, total = [], 0.0
    while total < 60:
        for name in FIXTURES:
            audio = load_audio(ROOT / "tests" / "fixtures" / "audio" / name)
            pieces += [audio.samples, np.zeros(int(0.6 * audio.sample_rate), dtype=np.float32)]
            total += audio.duration + 0.6
            if total >= 60:
                break
    joined = np.concatenate(pieces)
    return Audio(joined, 16000, "wav", 16000, 1).to_wav_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from ava_core.store import db
    from ava_core.interview.coding import CodingInterview
    from ava_core.interviewer import get_interviewer
    from ava_core.questions import load_bank
    from ava_core.settings import load_settings
    from ava_core.store import Store
    from ava_core.speech.transcription import get_transcriber

    audio = sixty_seconds()
    settings = load_settings({})
    transcriber = get_transcriber(settings=settings)
    t = time.perf_counter()
    transcriber.load()
    load_s = time.perf_counter() - t
    bank = load_bank()
    coach = get_interviewer("offline", settings)

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(db.make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}"))
        db.upgrade(store.engine)
        store.bank.sync_bank(bank.records())
        user = store.accounts.create_user("bench@example.com", "Bench")
        spoken, typed = [], []
        duration = None
        for _ in range(args.runs + 1):  # the first run warms caches and is not counted
            interview = CodingInterview.begin(store, user.id, bank, coach, minutes=45, question_id="two-sum")
            interview.start()
            t0 = time.perf_counter()
            transcript = transcriber.transcribe(audio)
            t1 = time.perf_counter()
            interview.answer(transcript.text, transcript)
            t2 = time.perf_counter()
            interview.feedback()
            t3 = time.perf_counter()
            spoken.append((t1 - t0, t2 - t1, t3 - t2, t3 - t0))
            duration = transcript.duration

            again = CodingInterview.begin(store, user.id, bank, coach, minutes=45, question_id="two-sum")
            again.start()
            t0 = time.perf_counter()
            again.answer(transcript.text)
            again.feedback()
            typed.append(time.perf_counter() - t0)
            interview.abandon()
            again.abandon()

    spoken, typed = spoken[1:], typed[1:]
    med = [statistics.median(run[i] for run in spoken) for i in range(4)]
    base = statistics.median(typed)
    after_submit = med[1] + med[2]
    print(f"60 s answer ({duration:.1f} s of audio), median of {args.runs} runs, offline:")
    print(f"  transcription (faster-whisper tiny.en, int8, 2 threads): {med[0]:.3f} s")
    print("    (the page transcribes when the recording arrives; the user then reviews the text)")
    print(f"  speech metrics and storing the answer:                   {med[1] * 1000:.1f} ms")
    print(f"  coaching (offline coach) and storing the feedback:       {med[2] * 1000:.1f} ms")
    print(f"  from pressing Submit to feedback:                        {after_submit * 1000:.1f} ms "
          f"(target < 2 s: {'met' if after_submit < 2 else 'MISSED'})")
    print(f"  recording in to feedback, transcription included:        {med[3]:.3f} s "
          f"(target < 2 s: {'met' if med[3] < 2 else 'MISSED'})")
    print(f"baseline, the same answer typed: {base * 1000:.1f} ms; spoken / typed: {med[3] / base:.0f}x")
    print(f"(model load, once per process, not counted: {load_s:.2f} s)")


if __name__ == "__main__":
    main()
