"""initial schema: users, sign-in throttle, questions, resumes, sessions, messages, feedback, step scores

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSONData = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Timestamp = sa.DateTime(timezone=True)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owner(table: str, column: str = "user_id", nullable: bool = False) -> sa.Column:
    return sa.Column(
        column,
        sa.Uuid(),
        sa.ForeignKey("users.id", name=f"fk_{table}_{column}_users", ondelete="CASCADE"),
        nullable=nullable,
    )


def _session_fk(table: str) -> sa.Column:
    return sa.Column(
        "session_id",
        sa.Uuid(),
        sa.ForeignKey("sessions.id", name=f"fk_{table}_session_id_sessions", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", Timestamp, nullable=False),
        sa.Column("locked_until", Timestamp, nullable=True),
        sa.Column("lockouts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("email", name="pk_sign_in_throttle"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("auth_provider", sa.String(16), nullable=False),
        sa.Column("preferences", JSONData, nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("last_sign_in_at", Timestamp, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("topics", JSONData, nullable=False),
        sa.Column("difficulty", sa.String(16), nullable=True),
        _owner("questions", "owner_id", nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("body", JSONData, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_questions"),
    )
    op.create_index("ix_questions_kind", "questions", ["kind"])
    op.create_index("ix_questions_owner_id", "questions", ["owner_id"])

    op.create_table(
        "resumes",
        sa.Column("id", sa.Uuid(), nullable=False),
        _owner("resumes"),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parsed", JSONData, nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_resumes"),
    )
    op.create_index("ix_resumes_user_id", "resumes", ["user_id"])

    op.create_table(
        "sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        _owner("sessions"),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column(
            "question_id",
            sa.String(120),
            sa.ForeignKey("questions.id", name="fk_sessions_question_id_questions", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "resume_id",
            sa.Uuid(),
            sa.ForeignKey("resumes.id", name="fk_sessions_resume_id_resumes", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("topic", sa.String(40), nullable=True),
        sa.Column("difficulty", sa.String(16), nullable=True),
        sa.Column("context", JSONData, nullable=False),
        sa.Column("state", JSONData, nullable=False),
        sa.Column("time_limit_s", sa.Integer(), nullable=True),
        sa.Column("overall_score", sa.Float(), nullable=True),
        sa.Column("hiring_signal", sa.String(24), nullable=True),
        sa.Column("started_at", Timestamp, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.Column("finished_at", Timestamp, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
    )
    op.create_index("ix_sessions_question_id", "sessions", ["question_id"])
    op.create_index("ix_sessions_resume_id", "sessions", ["resume_id"])
    op.create_index("ix_sessions_user_started", "sessions", ["user_id", "started_at"])

    op.create_table(
        "messages",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        _session_fk("messages"),
        _owner("messages"),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("step", sa.String(24), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("audio_seconds", sa.Float(), nullable=True),
        sa.Column("words_per_minute", sa.Float(), nullable=True),
        sa.Column("fillers_per_100_words", sa.Float(), nullable=True),
        sa.Column("long_pauses", sa.Integer(), nullable=True),
        sa.Column("talk_time_s", sa.Float(), nullable=True),
        sa.Column("metrics", JSONData, nullable=True),
        sa.Column("data", JSONData, nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_messages"),
    )
    op.create_index("ix_messages_session_order", "messages", ["session_id", "id"])
    op.create_index("ix_messages_user_session", "messages", ["user_id", "session_id", "id"])

    op.create_table(
        "feedback",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        _session_fk("feedback"),
        _owner("feedback"),
        sa.Column(
            "message_id",
            BigId,
            sa.ForeignKey("messages.id", name="fk_feedback_message_id_messages", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("step", sa.String(24), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("evidence", JSONData, nullable=False),
        sa.Column("improvement", sa.Text(), nullable=False),
        sa.Column("provider", sa.String(24), nullable=False),
        sa.Column("fallback_reason", sa.Text(), nullable=True),
        sa.Column("details", JSONData, nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
    )
    op.create_index("ix_feedback_message_id", "feedback", ["message_id"])
    op.create_index("ix_feedback_session_id", "feedback", ["session_id"])
    op.create_index("ix_feedback_user_session", "feedback", ["user_id", "session_id", "id"])

    op.create_table(
        "step_scores",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column(
            "feedback_id",
            BigId,
            sa.ForeignKey("feedback.id", name="fk_step_scores_feedback_id_feedback", ondelete="CASCADE"),
            nullable=False,
        ),
        _session_fk("step_scores"),
        _owner("step_scores"),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("step", sa.String(24), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("out_of", sa.Float(), nullable=False),
        sa.Column("evidence", JSONData, nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_step_scores"),
    )
    op.create_index("ix_step_scores_feedback_id", "step_scores", ["feedback_id"])
    op.create_index("ix_step_scores_session_id", "step_scores", ["session_id"])
    op.create_index("ix_step_scores_user_session", "step_scores", ["user_id", "session_id", "id"])


    if op.get_context().dialect.name == "postgresql":
        op.execute(ROW_LEVEL_SECURITY)


# PostgreSQL: every table gets row-level security, so Supabase's Data API (anon and signed-in
# clients) sees nothing by default. Ava itself connects as the tables' owner, which RLS does not
# restrict. On Supabase (where auth.uid() exists) each user may see and change only their own
# rows, read the shipped question bank, and delete their own account.
OWNED_TABLES = ("resumes", "sessions", "messages", "feedback", "step_scores")
# A row that hangs off a session may only be written into one of the user's own sessions.
SESSION_OWNED = """
      AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id AND s.user_id = (SELECT auth.uid()))"""
ROW_LEVEL_SECURITY = (
    "\n".join(
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;"
        for table in ("users", "sign_in_throttle", "questions", *OWNED_TABLES, "alembic_version")
    )
    + """
DO $rls$
BEGIN
  IF to_regprocedure('auth.uid()') IS NULL OR to_regrole('authenticated') IS NULL THEN
    RETURN;  -- not Supabase: no client roles to grant anything to
  END IF;
  CREATE POLICY users_own_row ON users FOR ALL TO authenticated
    USING (id = (SELECT auth.uid())) WITH CHECK (id = (SELECT auth.uid()));
  CREATE POLICY questions_read_bank_and_own ON questions FOR SELECT TO authenticated
    USING (owner_id IS NULL OR owner_id = (SELECT auth.uid()));
  CREATE POLICY questions_insert_own ON questions FOR INSERT TO authenticated
    WITH CHECK (owner_id = (SELECT auth.uid()));
  CREATE POLICY questions_update_own ON questions FOR UPDATE TO authenticated
    USING (owner_id = (SELECT auth.uid())) WITH CHECK (owner_id = (SELECT auth.uid()));
  CREATE POLICY questions_delete_own ON questions FOR DELETE TO authenticated
    USING (owner_id = (SELECT auth.uid()));
"""
    + "".join(
        f"""  CREATE POLICY {table}_own_rows ON {table} FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()){
        "" if table in ("resumes", "sessions") else SESSION_OWNED});
"""
        for table in OWNED_TABLES
    )
    + """  EXECUTE $fn$
    CREATE OR REPLACE FUNCTION public.delete_own_account() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $body$
    BEGIN
      IF auth.uid() IS NULL THEN
        RAISE EXCEPTION 'sign in first';
      END IF;
      DELETE FROM public.users WHERE id = auth.uid();
      DELETE FROM auth.users WHERE id = auth.uid();
    END;
    $body$
  $fn$;
  REVOKE ALL ON FUNCTION public.delete_own_account() FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION public.delete_own_account() TO authenticated;
END
$rls$;"""
)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS public.delete_own_account()")
    for table in ("step_scores", "feedback", "messages", "sessions", "resumes", "questions"):
        op.drop_table(table)
    op.drop_table("users")
    op.drop_table("sign_in_throttle")
