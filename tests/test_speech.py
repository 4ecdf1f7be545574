"""Speech metrics on hand-built transcripts with known timestamps: exact expected values."""

import json

import pytest

from ava_core.speech import (
    SpeechMetrics,
    measure,
    normalize_words,
    word_error_rate,
)
from ava_core.speech.transcription import NO_SPEECH_MESSAGE, Transcript, Word


def timed(text: str, word_seconds: float = 0.4, gaps: dict[int, float] | None = None) -> Transcript:
    """Each word lasts ``word_seconds``; ``gaps[i]`` seconds of silence follow word i."""
    gaps = gaps or {}
    words = []
    clock = 0.0
    for i, word in enumerate(text.split()):
        words.append(Word(word, clock, clock + word_seconds))
        clock += word_seconds + gaps.get(i, 0.0)
    return Transcript(text=text, words=words, duration=clock, backend="test")


def plain(n: int) -> str:
    return " ".join(f"word{i}" for i in range(n))


# --- pace, talk time, pauses ---------------------------------------------------------------


def test_pace_over_speaking_time():
    m = measure(timed(plain(20)))
    assert m.timed
    assert m.word_count == 20
    assert m.talk_time_seconds == pytest.approx(8.0)
    assert m.speaking_time_seconds == pytest.approx(8.0)
    assert m.words_per_minute == pytest.approx(150.0)
    assert m.long_pause_count == 0
    assert m.longest_pause_seconds == 0.0
    assert m.long_pauses_per_minute == 0.0
    assert m.verdict("pace").status == "good"
    assert m.verdict("pace").message == "150 words per minute: within 120 to 160 words per minute."
    assert m.verdict("pauses").message == "No long pauses."


def test_long_pauses_are_left_out_of_speaking_time():
    m = measure(timed(plain(20), gaps={4: 3.0, 9: 2.0, 14: 2.5}))
    assert m.talk_time_seconds == pytest.approx(15.5)
    assert m.long_pause_count == 2  # 3.0 s and 2.5 s; exactly 2.0 s is not long
    assert [p.duration for p in m.pauses] == pytest.approx([3.0, 2.5])
    assert (m.pauses[0].after, m.pauses[0].before) == ("word4", "word5")
    assert m.pauses[0].start == pytest.approx(2.0)
    assert m.pauses[0].end == pytest.approx(5.0)
    assert m.longest_pause_seconds == pytest.approx(3.0)
    assert m.speaking_time_seconds == pytest.approx(10.0)
    assert m.words_per_minute == pytest.approx(120.0)
    assert m.long_pauses_per_minute == pytest.approx(2 / (15.5 / 60))
    pauses = m.verdict("pauses")
    assert pauses.status == "too_high"
    assert pauses.message.startswith("2 long pauses (longest 3.0 s) in 0.3 minutes")


def test_longest_pause_is_reported_even_when_short():
    m = measure(timed(plain(12), gaps={3: 1.5, 7: 0.5}))
    assert m.long_pause_count == 0
    assert m.longest_pause_seconds == pytest.approx(1.5)
    assert m.speaking_time_seconds == pytest.approx(12 * 0.4 + 2.0)


def test_one_long_pause_is_always_fine():
    m = measure(timed(plain(20), gaps={9: 4.0}))
    assert m.long_pause_count == 1
    verdict = m.verdict("pauses")
    assert verdict.status == "good"
    assert verdict.message.startswith("1 long pause (longest 4.0 s): within the target")


def test_pause_band_grows_with_talk_time():
    # 150 words of 0.4 s: 60 s of speech plus 2 long pauses of 3 s = 66 s of talk.
    two = measure(timed(plain(150), gaps={49: 3.0, 99: 3.0}))
    assert two.talk_time_seconds == pytest.approx(66.0)
    assert two.verdict("pauses").status == "too_high"  # 2 pauses > 1.1 allowed
    three_minutes = measure(timed(plain(450), gaps={149: 3.0, 299: 3.0}))
    assert three_minutes.verdict("pauses").status == "good"  # 2 pauses in 3.1 minutes


@pytest.mark.parametrize(
    "word_seconds, wpm, status",
    [
        (0.5, 120.0, "good"),
        (0.375, 160.0, "good"),
        (0.51, 20 / (10.2 / 60), "too_low"),
        (0.3, 200.0, "too_high"),
    ],
)
def test_pace_band_is_inclusive(word_seconds, wpm, status):
    m = measure(timed(plain(20), word_seconds=word_seconds))
    assert m.words_per_minute == pytest.approx(wpm)
    assert m.verdict("pace").status == status


def test_overlapping_and_punctuation_only_words():
    words = [
        Word("So", 0.0, 0.5),
        Word("-", 0.5, 3.5),  # punctuation only: not a word, no pause around it
        Word("we", 0.4, 0.8),  # starts before the previous word ended: a gap of 0
        Word("sort", 0.8, 1.2),
    ]
    m = measure(Transcript(text="So - we sort", words=words))
    assert m.word_count == 3
    assert m.talk_time_seconds == pytest.approx(1.2)
    assert m.longest_pause_seconds == 0.0


# --- fillers and hedges --------------------------------------------------------------------

FILLER_ANSWER = (
    "Um, so I would, like, use a hash map. You know, it is kind of the obvious choice, "
    "I mean, basically a lookup table."
)


def test_fillers_single_and_multi_word_with_rates():
    m = measure(timed(FILLER_ANSWER, word_seconds=0.5))
    assert m.word_count == 24
    assert m.fillers == {
        "I mean": 1,
        "basically": 1,
        "kind of": 1,
        "like": 1,
        "um": 1,
        "you know": 1,
    }
    assert m.filler_count == 6
    assert m.fillers_per_100_words == pytest.approx(25.0)
    assert m.talk_time_seconds == pytest.approx(12.0)
    assert m.fillers_per_minute == pytest.approx(30.0)
    verdict = m.verdict("fillers")
    assert verdict.status == "too_high"
    assert verdict.value == pytest.approx(25.0)
    assert '("I mean" x1, "basically" x1, "kind of" x1)' in verdict.message


def test_fillers_are_ranked_by_count():
    m = measure("Um, I would, um, sort it, uh, first, um, and then, uh, merge the halves.")
    assert list(m.fillers.items()) == [("um", 3), ("uh", 2)]


@pytest.mark.parametrize(
    "words, status",
    [(50, "too_high"), (51, "good")],  # one filler: 2.0 per 100 words is not under 2
)
def test_filler_band(words, status):
    m = measure("um " + plain(words - 1))
    assert m.filler_count == 1
    assert m.verdict("fillers").status == status


def test_hedges():
    m = measure(
        timed(
            "I think maybe we could use a heap, but I'm not sure. Probably a sorted list "
            "works, I guess."
        )
    )
    assert m.word_count == 19
    assert m.hedges == {"I guess": 1, "I think": 1, "I'm not sure": 1, "maybe": 1, "probably": 1}
    assert m.hedge_count == 5
    assert m.hedges_per_100_words == pytest.approx(500 / 19)
    assert m.filler_count == 0
    assert m.verdict("hedges").status == "too_high"


def test_no_hedges_and_no_fillers():
    m = measure(timed("I would use a hash map because lookups take constant time on average."))
    assert (m.hedges, m.fillers) == ({}, {})
    assert m.verdict("hedges").status == "good"
    assert (
        m.verdict("fillers").message == "0.0 fillers per 100 words: under 2 fillers per 100 words."
    )


@pytest.mark.parametrize(
    "text, fillers",
    [
        ("I like hash maps.", {}),
        ("It looks like a tree.", {}),
        ("I would like to start.", {}),
        ("Something like a queue.", {}),
        ("It's like a stack.", {}),
        ("So, like, we iterate.", {"like": 1}),
        ("Like, this is hard.", {"like": 1}),
        ("And like we tried again.", {"like": 1}),
        ("Um like we tried.", {"um": 1, "like": 1}),
        ("We tried like um three times.", {"like": 1, "um": 1}),
        ("I, like, tried.", {"like": 1}),
        ("I like, uh, trees.", {"uh": 1}),
        ("I feel like it works.", {}),
        ("Do you know the answer?", {}),
        ("As you know, it is sorted.", {}),
        ("You know the answer.", {}),
        ("It was, you know, hard.", {"you know": 1}),
        ("You know, just check every pair.", {"you know": 1}),
        ("So you know we tried.", {"you know": 1}),
        ("What I mean is simple.", {}),
        ("I mean it.", {}),
        ("I mean, it works.", {"I mean": 1}),
        ("What kind of tree is it?", {}),
        ("A sort of heap.", {}),
        ("It is kind of slow.", {"kind of": 1}),
        ("It's sort of like a heap.", {"sort of": 1}),
        (
            "Actually, it literally works, basically.",
            {"actually": 1, "literally": 1, "basically": 1},
        ),
        ("Umm, uhh, erm, hmm, ahh, uhm.", {"um": 2, "uh": 1, "er": 1, "hmm": 1, "ah": 1}),
    ],
)
def test_filler_heuristics(text, fillers):
    assert measure(text).fillers == fillers


def test_hedge_takes_its_words_from_fillers():
    m = measure("I feel like it works.")
    assert (m.hedges, m.fillers) == ({"I feel like": 1}, {})


def test_curly_apostrophes():
    assert measure("I\u2019m not sure it works.").hedges == {"I'm not sure": 1}


def test_whisper_style_words_count_like_text():
    text = "Um, so I would, like, use a hash map. You know, it is kind of the obvious choice."
    from_words = measure(timed(text))
    from_text = measure(text)
    assert (
        from_words.fillers
        == from_text.fillers
        == {
            "kind of": 1,
            "like": 1,
            "um": 1,
            "you know": 1,
        }
    )
    assert from_words.word_count == from_text.word_count == 18


def test_punctuation_comes_from_the_text_when_words_have_none():
    # The OpenAI API lists bare words; its text has the punctuation that marks a filler "like".
    words = [Word(w, i * 0.4, i * 0.4 + 0.4) for i, w in enumerate("So like we iterate".split())]
    m = measure(Transcript(text="So, like, we iterate.", words=words))
    assert m.fillers == {"like": 1}
    assert m.timed and m.words_per_minute == pytest.approx(150.0)


def test_words_win_when_they_differ_from_the_text():
    words = [Word(w, i * 0.4, i * 0.4 + 0.4) for i, w in enumerate("Um so we iterate".split())]
    m = measure(Transcript(text="So we iterate.", words=words))
    assert m.word_count == 4 and m.fillers == {"um": 1}


# --- typed text, silence, short answers ----------------------------------------------------


def test_typed_text_has_counts_but_no_time_metrics():
    m = measure("Um, I would sort the array first, and then, you know, use two pointers.")
    assert not m.timed
    assert m.word_count == 14
    assert m.fillers == {"um": 1, "you know": 1}
    assert m.fillers_per_100_words == pytest.approx(200 / 14)
    for value in (
        m.words_per_minute,
        m.talk_time_seconds,
        m.speaking_time_seconds,
        m.fillers_per_minute,
        m.long_pause_count,
        m.longest_pause_seconds,
        m.long_pauses_per_minute,
    ):
        assert value is None
    assert m.notes == [
        "No timestamps (typed text): pace, talk time, pauses and per-minute rates need a recording."
    ]
    assert m.verdict("pace").status == "unknown"
    assert m.verdict("pace").message == "Pace needs a recording with timestamps."
    assert m.verdict("pauses").status == "unknown"
    assert m.verdict("fillers").status == "too_high"


def test_a_transcript_without_words_counts_as_typed():
    m = measure(Transcript.from_text("I would sort the array first and then scan it once."))
    assert not m.timed and m.word_count == 11 and m.words_per_minute is None


def test_no_speech():
    silent = Transcript(text="", duration=2.0, no_speech=True, notice=NO_SPEECH_MESSAGE)
    m = measure(silent)
    assert m.word_count == 0
    assert m.fillers_per_100_words is None and m.hedges_per_100_words is None
    assert m.words_per_minute is None
    assert m.notes == [NO_SPEECH_MESSAGE]
    assert {v.status for v in m.verdicts} == {"unknown"}
    assert {v.message for v in m.verdicts} == {"No speech to judge."}


def test_too_short_to_judge():
    m = measure(timed("um " + plain(8)))
    assert m.word_count == 9
    assert m.fillers == {"um": 1}
    assert m.words_per_minute == pytest.approx(150.0)
    assert {v.status for v in m.verdicts} == {"unknown"}
    assert m.verdicts[0].message == "Too short to judge: verdicts start at 10 words."


# --- history -------------------------------------------------------------------------------


def entry(wpm=None, fillers=None, hedges=None, pauses=None) -> dict:
    return {
        "words_per_minute": wpm,
        "fillers_per_100_words": fillers,
        "hedges_per_100_words": hedges,
        "long_pauses_per_minute": pauses,
    }


def test_comparison_with_recent_average():
    current = measure(
        timed(plain(20)), history=[entry(100, 4.0, 0.2, 0.0), entry(110, 2.0, 0.4, 0.0)]
    )
    pace = current.comparison("pace")
    assert (pace.current, pace.average, pace.samples, pace.change) == (
        pytest.approx(150.0),
        pytest.approx(105.0),
        2,
        "better",
    )
    assert pace.message == (
        "150.0 words per minute against 105.0 on average over your 2 recent answers: better."
    )
    fillers = current.comparison("fillers")
    assert (fillers.current, fillers.average, fillers.change) == (0.0, pytest.approx(3.0), "better")
    assert current.comparison("hedges").change == "same"  # 0 against 0.3: within 0.5
    assert current.comparison("pauses").change == "same"


def test_worse_than_usual():
    current = measure(timed(FILLER_ANSWER, word_seconds=0.5), history=[entry(140, 1.0, 0.0, 0.0)])
    assert current.comparison("fillers").change == "worse"
    assert current.comparison("fillers").average == pytest.approx(1.0)
    assert current.comparison("pace").change == "same"  # 120 and 140 are both in the band


@pytest.mark.parametrize(
    "current_seconds, average, change",
    [
        (0.3, 170.0, "worse"),  # 200 wpm is 40 over the band; 170 was 10 over
        (0.3, 230.0, "better"),  # 200 is closer to the band than 230
        (0.5, 118.0, "same"),  # 120 against 118: 2 wpm closer, within the 5 wpm tolerance
    ],
)
def test_pace_is_better_when_closer_to_the_band(current_seconds, average, change):
    m = measure(timed(plain(20), word_seconds=current_seconds), history=[entry(wpm=average)])
    assert m.comparison("pace").change == change


def test_only_the_last_answers_with_a_value_count():
    history = [entry(wpm=300)] * 3 + [
        entry(130),
        entry(None),
        entry(140),
        entry(150),
        entry(160),
        entry(170),
    ]
    m = measure(timed(plain(20)), history=history)
    pace = m.comparison("pace")
    assert pace.samples == 5
    assert pace.average == pytest.approx(150.0)  # 130, 140, 150, 160, 170; the typed answer skipped
    m3 = measure(timed(plain(20)), history=history, recent=3)
    assert m3.comparison("pace").average == pytest.approx(160.0)


def test_history_of_results_and_stored_dicts():
    earlier = measure(timed(FILLER_ANSWER, word_seconds=0.5))
    stored = json.loads(json.dumps(earlier.to_dict()))
    m = measure(timed(plain(20)), history=[earlier, stored])
    fillers = m.comparison("fillers")
    assert fillers.samples == 2
    assert fillers.average == pytest.approx(25.0)
    assert fillers.change == "better"


def test_nothing_to_compare():
    m = measure("Um, I would sort the array and then scan it from both ends.", history=[entry(140)])
    pace = m.comparison("pace")
    assert (pace.current, pace.average, pace.change) == (None, None, "unknown")
    assert pace.message == "No words per minute to compare."
    assert m.comparison("fillers").message == "No fillers per 100 words to compare."


def test_no_history_no_comparisons():
    assert measure(timed(plain(20))).comparisons == []


def test_to_dict_is_json_ready():
    m = measure(timed(FILLER_ANSWER, gaps={3: 2.5}), history=[entry(140, 1.0, 0.0, 0.0)])
    data = json.loads(json.dumps(m.to_dict()))
    assert data["fillers"]["um"] == 1
    assert data["pauses"][0]["duration"] == pytest.approx(2.5)
    assert data["verdicts"][0]["metric"] == "pace"
    assert data["comparisons"][1]["metric"] == "fillers"
    assert set(data) == {f for f in SpeechMetrics.__dataclass_fields__}


# --- word error rate -----------------------------------------------------------------------


def test_normalize_words():
    text = "Um, I\u2019d use 2 pointers - O(n) time; 42 steps, 105 ms, 1000 rows, brute-force. Uhh"
    assert normalize_words(text) == [
        "i'd", "use", "two", "pointers", "o", "n", "time", "forty", "two", "steps",
        "one", "hundred", "five", "ms", "1000", "rows", "brute", "force",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "reference, hypothesis, rate",
    [
        ("the cat sat", "the cat sat", 0.0),
        ("the cat sat", "the cat", 1 / 3),
        ("a b c d", "a x c d e", 0.5),
        ("Hello, World!", "hello world", 0.0),
        ("I would um sort it", "I would sort it", 0.0),
        ("two pointers", "2 pointers", 0.0),
        ("", "", 0.0),
        ("", "hi", 1.0),
        ("sort", "", 1.0),
    ],
)
def test_word_error_rate(reference, hypothesis, rate):
    assert word_error_rate(reference, hypothesis) == pytest.approx(rate)
