"""The interview's fixed sentences: the rubric each score follows (shown to Claude too), and
what a behavioral answer is asked or told for each gap it has, weakest gap first."""

RUBRIC: dict[str, str] = {
    "understand": (
        "Judged against the question's facts: the clarifications a good candidate asks and the "
        "edge cases that matter, in the candidate's own words. Points for: restating the problem; "
        "naming the inputs and the output; the question's clarifications (one each for those that "
        "matter, half for minor ones or questions the facts do not list, at most three); the size "
        "constraints; the question's edge cases (at most three; naming kinds of edge case without "
        "saying what happens counts half); a worked example. 10 points: 2 reach 2, 4 reach 3, 6 reach "
        "4 and 8 reach 5, and halfway to the next (1, 3, 5, 7) earns the half point between; but 4 "
        "needs two of the question's own clarifications or edge cases and 5 needs four. Jumping "
        "straight to a solution scores 1."
    ),
    "match": (
        "The approach must be described, not only named: saying how an accepted approach works "
        "on this problem gives two points, naming a pattern the question expects one, a reason "
        "that ties it to the input one, a comparison with a slower approach or the brute force "
        "one. 5 points: 0 gives 1, 1 gives 2, 2 gives 3, 3 gives 3.5, 4 gives 4, 5 gives 5. A "
        "name with no description scores at most 3. Taking one of the question's wrong approaches as one's "
        "own (even under the right pattern's name) scores at most 2; a slower one, 2 or 3. The "
        "right approach claimed at a cost it does not have loses a point and scores at most 3.5."
    ),
    "plan": (
        "Judged against the question's reference plan: its steps covered in order give up to six "
        "points; describing an accepted approach, ordered step markers, a named data structure "
        "and one of the question's edge cases give one each. 10 points: 2 reach 2, 4 reach 3, 6 "
        "reach 4 and 8 reach 5, and halfway to the next (1, 3, 5, 7) earns the half point between. "
        "A plan that is one of the question's wrong approaches scores at most 2; a slower one at "
        "most 3. The right approach claimed at a cost it does not have loses a point and scores at "
        "most 3.5."
    ),
    "implement": (
        "The tests decide the base: all passing 5, at least 90% 4, at least 70% 3, some 2, none "
        "or code that does not parse 1. Readability (cryptic single-letter names, range(len()), "
        "unused variables, changing the input in place, deleting from a list inside a loop, deep "
        "nesting, very long functions): two or more issues take one point off. Code measured "
        "slower than the question's complexity takes one point off. Passing code that takes a "
        "slower approach, or nests loops over the input deeper than the solution needs, scores at "
        "most 3; passing code with no explanation of how it works scores at most 4."
    ),
    "review": (
        "Points for: tracing concrete values through the code (one, two for three or more "
        "traced steps, three for twelve or more); the question's edge cases checked (at most "
        "three; kinds named without checking count half); the question's common bugs caught (at "
        "most two), or another bug found (one); checking the result against the expected output "
        "(one). 1 reaches 2, 3 reach 3, 5 reach 4 and 7 reach 5, and halfway to the next (0.5, 2, 4, 6) "
        "earns the half point between. A review that "
        "finds nothing wrong in code that fails tests scores at most 2."
    ),
    "evaluate": (
        "Time and space both right gives 4, and 5 with a reason drawn from how this solution "
        "works; time right but space missing or wrong gives 3; time wrong or missing but space "
        "right gives 2; otherwise 1; such a reason adds half a point to 3, 2 or 1. A bound is "
        "right when it equals one of the accepted approaches' bounds in any equivalent form "
        "(O(R*C) = O(rows * cols); speech like 'O of n squared'), read as the total the candidate "
        "claims, not one step's cost; or the "
        "complexity measured on the candidate's own code (then space cannot be checked and the "
        "score stops at 4). The right bound claimed for one of the question's slower approaches "
        "scores at most 3."
    ),
    "form": (
        "On every spoken coding step, an answer that lists terms without sentences relating them "
        "(a keyword salad), or that answers another problem, scores at most 2."
    ),
    "behavioral": (
        "Judged by what the sentences do, not by STAR labels or keywords: concrete actions the "
        "candidate took ('I wrote', 'I called'; at most four points), checkable details (named "
        "people, systems, non-round figures, quotes; half a point each, at most three), an outcome "
        "(one) and a lesson (half); abstract verbs, buzzwords and hedges take half a point each. "
        "1.5 reaches 2, 3 reach 3, 4.5 reach 4 and 6 reach 5, and halfway to the next earns the half "
        "point between. At most 2 "
        "for a hypothetical ('I would...'), a story where others acted, a buzzword string, an "
        "answer about another competency than the one asked, or a long ramble with few actions; "
        "at most 3 for a template (STAR labels, round invented figures with no concrete action), "
        "a story that never mentions the resume item the question asks about, or an answer to a "
        "question about failure that never says what the speaker got wrong; under 50 words "
        "scores at most 2, and under 20 words 1."
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
    "own_topic": "That's a different part of the project. Can you tell me about a time that was about {topic}?",
    "other_story": "That sounds like a different kind of story. Can you tell me about a time that was about {topic}?",
    "leans_other": "Which part of that was about {topic}? Tell me more about that part: what did you do?",
    "no_mistake": "What did you get wrong yourself in that story, and how did you find out?",
    "someone_else": "What was your own part in that: what did you decide or do yourself?",
    "action": "What did you personally do? Walk me through your own steps.",
    "buzz": "Can you make that concrete: what exactly did you do, and what did it change?",
    "template": "Which part of that did you do yourself, and how do you know what it changed?",
    "ramble": "In two sentences: what did you do, and what came of it?",
    "late_start": "Let's skip ahead to the moment you acted: what did you do first?",
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
    "own_topic": "Tell the situation the question asks about, not the part of the project you would rather tell.",
    "other_story": "Pick a story about what the question asks, not a good story of another kind.",
    "leans_other": "Keep the story on what the question asks about: put that part at its centre.",
    "no_mistake": "For a failure question, name your own mistake, how you found it and what you changed.",
    "someone_else": "Say which decisions and steps were yours, not only what others did.",
    "action": "Spend most of the answer on your own actions, with 'I' and a verb for each step you took.",
    "buzz": "Replace phrases that say nothing checkable with what you did and what changed.",
    "template": "Swap the template's round figures and labels for the real people, system and numbers.",
    "ramble": "Cut the background to a sentence and spend the time on what you did.",
    "late_start": "Give the background in one sentence and start from the moment you acted.",
    "result": "End with the result, measured: a number, a date, or what changed because of your work.",
    "ownership": "Say 'I' for what you did yourself and keep 'we' for what the team did.",
    "specificity": "Add the numbers: how big, how long, how much it changed (time saved, errors, users).",
    "situation": "Open with one sentence of context: where you were, the team, and what was at stake.",
    "task": "Say what you were responsible for, or the goal you set, before the actions.",
    "reflection": "Close with what you learned or would do differently, in one sentence.",
}
