"""The interviews: pure state machines, and the services that keep them in the store.

    flow.py             what both flows share: refused actions, the clock and its readings,
                        picking a question the user has not seen recently
    coding_flow.py      the coding interview (UMPIRE) as a state machine
    behavioral_flow.py  the behavioral interview as a state machine
    session.py          what both services share: the session in the store, its state saved
                        after every change, the one place an answer is stored (before any
                        feedback is asked for), the final report
    coding.py           CodingInterview: the coding flow over the store, the judge and the interviewer
    behavioral.py       BehavioralInterview: resumes, generated questions, answers and follow-ups
"""
