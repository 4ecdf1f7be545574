"""The interview's fixed sentences: the rubric each score follows (shown to Claude too), and
what a behavioral answer is asked or told for each gap it has, weakest gap first."""

RUBRIC: dict[str, str] = {
    "understand": (
        "Points for: restating the problem in one's own words; naming the inputs and the output; "
        "clarifying questions or stated assumptions (one point, two for two or more); the size "
        "constraints and what they rule out; edge cases (one point, two for two or more kinds: "
        "empty, single element, duplicates, negatives, zeros, no answer, boundaries); a worked "
        "example. 8 points: 0 gives 1, 1-2 give 2, 3-4 give 3, 5-6 give 4, 7-8 give 5. Jumping "
        "straight to a solution with nothing else scores 1; an answer that uses no word of the "
        "problem (about another problem) scores at most 2."
    ),
    "match": (
        "Naming a pattern the question expects (its label or a synonym) gives 3; a reason that "
        "ties it to the input (sorted, fixed window, dependencies...) gives 4; also comparing it "
        "with the brute force or another pattern gives 5. Without an expected pattern: a "
        "brute-force idea gives 2, a wrong pattern or nothing gives 1."
    ),
    "plan": (
        "Points for: ordered steps (one, two for three or more markers); data structures named "
        "(one, two for two or more); concrete operations or pseudocode (one for two, two for "
        "four or more); fitting the question's approach (two); edge cases or a base case (one). "
        "9 points: 0-1 give 1, 2-3 give 2, 4-5 give 3, 6-7 give 4, 8-9 give 5. A brute-force plan "
        "the constraints rule out scores at most 2."
    ),
    "implement": (
        "The tests decide the base: all passing 5, at least 90% 4, at least 70% 3, some 2, none "
        "or code that does not parse 1. Readability (cryptic single-letter names, range(len()), "
        "unused variables, changing the input in place, deleting from a list inside a loop, deep "
        "nesting, very long functions): two or more issues take one point off. Code measured "
        "slower than the question's complexity takes one point off."
    ),
    "review": (
        "Points for: tracing concrete values through the code (one, two for three or more "
        "traced steps, three for twelve or more); edge cases checked (one, two for two or more "
        "kinds); a bug found or fixed (one); checking the result against the expected output "
        "(one); running the examples counts one when nothing else is there. 7 points: 0 gives 1, "
        "1 gives 2, 2-3 give 3, 4-5 give 4, 6-7 give 5."
    ),
    "evaluate": (
        "Time and space both right gives 4, and 5 with a reason (one pass, halving, sort "
        "dominates...); time right but space missing or wrong gives 3; time wrong or missing but "
        "space right gives 2; otherwise 1. Time is right when it matches the question's "
        "complexity, or the complexity measured on the candidate's own code (then space cannot "
        "be checked and the score stops at 4)."
    ),
    "behavioral": (
        "One point for each STAR component present (Situation, Task, Action in the first person, "
        "Result); one for three or more distinct actions; specificity (numbers, names) one point "
        "at 3/5, two at 4/5; ownership (more 'I' than 'we') one; reflection (what they learned or "
        "would change) one; poor relevance to the question takes one off. 9 points: 0-1 give 1, "
        "2-3 give 2, 4-5 give 3, 6-7 give 4, 8-9 give 5. An answer that never mentions the "
        "resume item a generated question asks about (its name, or two words of the resume's "
        "own line about it) scores at most 3. Under 30 words, or a hypothetical answer with no "
        "story, scores at most 2; under 12 words scores 1."
    ),
    "communication": (
        "From the speech metrics: start at 5 and take one off for each of pace, fillers, hedges "
        "and long pauses outside its target band, and one more when fillers reach 5 per 100 "
        "words."
    ),
}

# A gap in a behavioral answer -> the follow-up question that goes after it.
FOLLOW_UPS: dict[str, str] = {
    "story": "Can you walk me through one specific time this happened: where were you, and what did you do?",
    "subject": "The question was about {subject}. How does this example connect to it, or can you "
    "tell me about {subject} itself?",
    "hypothetical": "That's what you would do. Can you tell me about a time you actually did it?",
    "topic": "Let's come back to the question: tell me about a time that was about {topic} itself.",
    "someone_else": "What was your own part in that: what did you decide or do yourself?",
    "action": "What did you personally do? Walk me through your own steps.",
    "buzz": "Can you make that concrete: what exactly did you do, and what did it change?",
    "template": "Which part of that did you do yourself, and how do you know what it changed?",
    "ramble": "In two sentences: what did you do, and what came of it?",
    "result": "What was the measurable result?",
    "ownership": "Which parts of that were yours, rather than the team's?",
    "specificity": "Can you put numbers on it: how much time, money, users or errors changed?",
    "situation": "Can you set the scene: where were you working, and what was at stake?",
    "task": "What exactly were you responsible for, and what was the goal?",
    "reflection": "Looking back, what would you do differently next time?",
}
# A gap -> the improvement an answer's feedback and the report give.
IMPROVEMENTS: dict[str, str] = {
    "story": "Answer with one real example, in the past tense: the situation, what you did, and how it ended.",
    "subject": "Answer about what the question names from your resume (the project, employer or "
    "tool), or say how your example connects to it.",
    "hypothetical": "Tell a time it happened, in the past tense, instead of what you would do.",
    "topic": "Answer the competency the question asks about, not a neighbouring story.",
    "someone_else": "Say which decisions and steps were yours, not only what others did.",
    "action": "Spend most of the answer on your own actions, with 'I' and a verb for each step you took.",
    "buzz": "Replace phrases that say nothing checkable with what you did and what changed.",
    "template": "Swap the template's round figures and labels for the real people, system and numbers.",
    "ramble": "Cut the background to a sentence and spend the time on what you did.",
    "result": "End with the result, measured: a number, a date, or what changed because of your work.",
    "ownership": "Say 'I' for what you did yourself and keep 'we' for what the team did.",
    "specificity": "Add the numbers: how big, how long, how much it changed (time saved, errors, users).",
    "situation": "Open with one sentence of context: where you were, the team, and what was at stake.",
    "task": "Say what you were responsible for, or the goal you set, before the actions.",
    "reflection": "Close with what you learned or would do differently, in one sentence.",
}
