"""Question bank: browse and search every question, read one, practise it, add your own and
delete your own."""

import json

import streamlit as st

from ava_app import services as ui
from ava_core.questions import catalog
from ava_core.errors import AvaError
from ava_core.questions import COMPETENCIES, COMPLEXITY_CLASSES, TOPICS, InvalidQuestion

svc = ui.services()
who = ui.require_user()

EXAMPLES_TEMPLATE = json.dumps([
    {"input": {"nums": [1, 2, 3]}, "output": 6, "explanation": "1 + 2 + 3"},
    {"input": {"nums": []}, "output": 0},
], indent=2)


def show(entry: catalog.Entry) -> None:
    view = catalog.public_view(entry.question)
    with st.container(border=True):
        if entry.kind == "behavioral":
            st.markdown(f"### {ui.md(view['text'])}")
            st.caption(", ".join(entry.topic_labels) + (f" · {view['difficulty']}" if view["difficulty"] else ""))
            if view["signals"]:
                st.markdown("**What a strong answer shows**\n\n" + "\n".join(f"- {ui.md(s)}" for s in view["signals"]))
            if view["follow_ups"]:
                st.markdown("**Follow-ups you may get**\n\n" + "\n".join(f"- {ui.md(s)}" for s in view["follow_ups"]))
        else:
            st.markdown(f"### {ui.md(view['title'])}")
            st.caption(f"{view['difficulty'].capitalize()} · {', '.join(entry.topic_labels)} · "
                       f"{view['hidden_tests']} hidden tests")
            st.markdown(view["statement"])
            for i, example in enumerate(view["examples"], 1):
                st.markdown(f"**Example {i}**")
                st.code(json.dumps(example["input"]) + "  →  " + json.dumps(example["output"]), language="json")
                if example.get("explanation"):
                    st.caption(example["explanation"])
            if view["constraints"]:
                st.markdown("**Constraints**\n\n" + "\n".join(f"- `{c}`" for c in view["constraints"]))
            if st.button("Practise this question", type="primary", icon=":material/play_arrow:",
                         key=f"practise_{entry.id}"):
                st.session_state["practice_request"] = {"question_id": entry.id}
                st.switch_page("pages/coding.py")
        if entry.mine:
            with st.popover("Delete this question", icon=":material/delete:"):
                st.write("Your own question will be deleted for good.")
                if st.button("Yes, delete it", key=f"delete_{entry.id}", type="primary"):
                    try:
                        catalog.delete_custom(svc.store, who.user.id, entry.id)
                    except AvaError as exc:
                        st.error(str(exc), icon=":material/error:")
                    else:
                        st.rerun()


def browse() -> None:
    items = catalog.entries(svc.store, who.user.id, svc.bank)
    cols = st.columns([1.2, 1.6, 1.2, 2])
    kind = cols[0].segmented_control("Kind", catalog.KINDS, format_func=str.capitalize, key="bank_kind")
    vocabulary = COMPETENCIES if kind == "behavioral" else TOPICS if kind == "coding" else {**TOPICS, **COMPETENCIES}
    topic = cols[1].selectbox("Topic", [None, *vocabulary], key="bank_topic",
                              format_func=lambda t: "Any" if t is None else vocabulary[t])
    difficulty = cols[2].selectbox("Difficulty", [None, "easy", "medium", "hard"], key="bank_difficulty",
                                   format_func=lambda d: "Any" if d is None else d.capitalize())
    text = cols[3].text_input("Search", key="bank_text", placeholder="words in the title or statement")
    mine = st.toggle("Only my questions", key="bank_mine")
    found = catalog.search(items, kind=kind, topic=topic, difficulty=difficulty, text=text, mine=mine)
    st.caption(f"{len(found)} of {len(items)} questions")
    if not found:
        st.info("No question matches these filters.", icon=":material/search_off:")
        return
    st.dataframe(catalog.rows(found), hide_index=True, width="stretch", key="bank_table")
    ids = [e.id for e in found]
    if "bank_open" in st.session_state:  # a question just added: open it
        st.session_state["bank_selected"] = st.session_state.pop("bank_open")
    if st.session_state.get("bank_selected") not in ids:
        st.session_state["bank_selected"] = None
    by_id = {e.id: e for e in found}
    chosen = st.selectbox("Read a question", [None, *ids], key="bank_selected",
                          format_func=lambda i: "Choose one…" if i is None else by_id[i].title)
    if chosen:
        show(by_id[chosen])


def add_form() -> None:
    notice = st.session_state.pop("bank_notice", None)
    if notice:
        st.success(notice, icon=":material/check_circle:")
    kind = st.segmented_control("Kind of question", catalog.KINDS, format_func=str.capitalize,
                                default="behavioral", key="new_kind")
    with st.form("new_question", clear_on_submit=False):
        if kind == "coding":
            form = {
                "title": st.text_input("Title", key="new_title", max_chars=200),
                "topics": st.multiselect("Topics", list(TOPICS), format_func=TOPICS.get, key="new_topics"),
                "difficulty": st.selectbox("Difficulty", ["easy", "medium", "hard"], key="new_difficulty"),
                "statement": st.text_area("Statement (markdown)", key="new_statement", height=150),
                "constraints": st.text_area("Constraints (one per line)", key="new_constraints"),
                "function": st.text_input("Function name", key="new_function", value="solve"),
                "starter_code": st.text_area("Starter code", key="new_starter", height=120,
                                             value="def solve(nums: list[int]) -> int:\n    pass\n"),
                "examples": st.text_area("Examples (JSON: shown with the statement)", key="new_examples",
                                         height=150, value=EXAMPLES_TEMPLATE),
                "tests": st.text_area("Hidden tests (JSON, optional, same shape)", key="new_tests", height=120),
                "solution": st.text_area("Reference solution (optional)", key="new_solution", height=120),
                "time": st.selectbox("Time complexity (optional)", [None, *COMPLEXITY_CLASSES], key="new_time"),
                "space": st.selectbox("Space complexity (optional)", [None, *COMPLEXITY_CLASSES], key="new_space"),
                "hints": st.text_area("Hints (one per line, gentlest first)", key="new_hints"),
            }
        else:
            form = {
                "text": st.text_area("Question", key="new_text", max_chars=600,
                                     placeholder="Tell me about a time you…"),
                "competencies": st.multiselect("Competencies", list(COMPETENCIES),
                                               format_func=COMPETENCIES.get, key="new_competencies"),
                "difficulty": st.selectbox("Difficulty", [None, "easy", "medium", "hard"], key="new_bdifficulty",
                                           format_func=lambda d: "Any" if d is None else d.capitalize()),
                "signals": st.text_area("What a strong answer shows (one per line)", key="new_signals"),
                "follow_ups": st.text_area("Follow-up prompts (one per line)", key="new_follow_ups"),
            }
        saved = st.form_submit_button("Add the question", type="primary")
    if saved:
        try:
            record = catalog.add_custom(svc.store, who.user.id, kind or "behavioral", form)
        except InvalidQuestion as exc:
            st.error("The question was not added:\n\n" + "\n".join(f"- {p}" for p in catalog.form_problems(exc)),
                     icon=":material/error:")
        except AvaError as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.session_state["bank_open"] = record.id
            st.session_state["bank_notice"] = f"Added “{record.title}”: it is open in Browse, as one of yours."
            st.rerun()


st.title("Question bank")
browse_tab, add_tab = st.tabs(["Browse", "Add your own"])
with browse_tab:
    browse()
with add_tab:
    add_form()
