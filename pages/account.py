"""Account: who you are, your data, preferences, your password, sign out, and deleting the account
with everything in it."""

import streamlit as st

from ava_app import services as ui
from ava_core import accounts
from ava_core.errors import AvaError
from ava_core.hosting import source_notice

svc = ui.services()
who = ui.require_user()
user = who.user

st.title("Account")
st.markdown(f"**{ui.md(user.display_name)}** · {ui.md(user.email)}")
provider = "Supabase Auth" if user.auth_provider == "supabase" else "a local Ava account"
st.caption(f"Signed in with {provider} · member since {user.created_at:%B %d, %Y}")
st.caption(source_notice(svc.settings))

with ui.user_errors():
    counts = accounts.data_counts(svc.store, user)
    cols = st.columns(3)
    cols[0].metric("Sessions", counts["sessions"])
    cols[1].metric("Answers and messages", counts["messages"])
    cols[2].metric("Resumes", counts["resumes"])

st.subheader("Preferences")
voice = st.toggle(
    "The interviewer speaks its questions", value=accounts.speaks_questions(user),
    key="pref_voice", disabled=not svc.settings.voice,
    help=None if svc.settings.voice else "Voice is turned off for this Ava (AVA_VOICE).",
)
with ui.user_errors():
    if accounts.set_speaks_questions(svc.store, user, voice):
        st.toast("Saved.", icon=":material/check:")

st.subheader("Change password")
with st.form("change_password", clear_on_submit=True):
    current = st.text_input("Current password", type="password", key="password_current",
                            autocomplete="current-password")
    new = st.text_input("New password", type="password", key="password_new",
                        autocomplete="new-password",
                        help="At least 8 characters. A few unrelated words make a strong password.")
    again = st.text_input("Repeat the new password", type="password", key="password_again",
                          autocomplete="new-password")
    change = st.form_submit_button("Change password")
if change:
    if new != again:
        st.error("The two new passwords are not the same. Type them again.", icon=":material/error:")
    else:
        try:
            ui.remember_user(svc.accounts.change_password(who, current, new))
        except AvaError as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.success("Your password is changed.", icon=":material/check_circle:")

st.divider()
if st.button("Sign out", icon=":material/logout:", key="sign_out"):
    with ui.user_errors():
        svc.accounts.sign_out(who)
    ui.forget_user("You are signed out.")
    st.rerun()

st.divider()
st.subheader("Delete my account")
st.warning(
    "This deletes your account and all your data: sessions, answers, feedback, resumes and your "
    "own questions. It cannot be undone.",
    icon=":material/warning:",
)
with st.form("delete_account"):
    confirm = st.text_input(f"Type your email ({ui.md(user.email)}) to confirm", key="delete_confirm")
    delete = st.form_submit_button("Delete my account and all my data", type="primary")
if delete:
    try:
        svc.accounts.delete_account(who, confirm)
    except AvaError as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        ui.forget_user("Your account and all its data were deleted.")
        st.rerun()
