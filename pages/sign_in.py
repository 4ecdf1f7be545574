"""Sign in or create an account."""

import streamlit as st

from ava_app import services as ui
from ava_core.accounts import ConfirmationRequired
from ava_core.errors import AvaError
from ava_core.hosting import source_notice

svc = ui.services()

st.title("Ava")
st.subheader("Practise interviews out loud. Get specific, measured feedback.")
notice = ui.pop_notice()
if notice:
    st.success(notice, icon=":material/check_circle:")

pitch, forms = st.columns([1, 1], gap="large")
with pitch:
    st.markdown(
        ":material/code: **Coding interviews, step by step.** Walk through UMPIRE (Understand, "
        "Match, Plan, Implement, Review, Evaluate) out loud; your code runs against hidden tests "
        "and your complexity claim is checked against what the code does.\n\n"
        ":material/forum: **Behavioral interviews from your resume.** Questions name your own "
        "projects and employers; Ava checks each answer's STAR structure and follows up on what "
        "it left out.\n\n"
        ":material/graphic_eq: **How you said it.** Pace, filler words and long pauses, against "
        "your own baseline.\n\n"
        ":material/insights: **Progress.** Your weakest topics and steps, and what to practise "
        "next."
    )
    if svc.accounts.name == "supabase":
        st.caption("Accounts are managed by Supabase Auth.")
    stored = ui.storage(svc)
    if not stored.warning:
        st.caption(stored.text)
    st.caption(source_notice(svc.settings))

with forms:
    sign_in_tab, sign_up_tab = st.tabs(["Sign in", "Create account"])

    with sign_in_tab:
        with st.form("sign_in"):
            email = st.text_input("Email", key="sign_in_email", autocomplete="email")
            password = st.text_input(
                "Password", type="password", key="sign_in_password", autocomplete="current-password"
            )
            submitted = st.form_submit_button("Sign in", type="primary")
        if submitted:
            try:
                ui.remember_user(svc.accounts.sign_in(email, password))
                st.rerun()
            except AvaError as exc:
                st.error(str(exc), icon=":material/error:")

    with sign_up_tab:
        if stored.warning:
            st.warning(stored.text, icon=":material/warning:")
        with st.form("sign_up"):
            name = st.text_input("Your name (optional)", key="sign_up_name", max_chars=60)
            new_email = st.text_input("Email", key="sign_up_email", autocomplete="email")
            new_password = st.text_input(
                "Password", type="password", key="sign_up_password", autocomplete="new-password",
                help="At least 8 characters. A few unrelated words make a strong password.",
            )
            again = st.text_input(
                "Repeat the password", type="password", key="sign_up_again", autocomplete="new-password"
            )
            created = st.form_submit_button("Create account", type="primary")
        if created:
            if new_password != again:
                st.error("The two passwords are not the same. Type them again.", icon=":material/error:")
            else:
                try:
                    ui.remember_user(svc.accounts.sign_up(new_email, new_password, name))
                    st.rerun()
                except ConfirmationRequired as exc:
                    st.info(str(exc), icon=":material/mail:")
                except AvaError as exc:
                    st.error(str(exc), icon=":material/error:")
