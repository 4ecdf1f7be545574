-- Ava's database schema for Supabase (or any PostgreSQL), generated from the migrations
-- by `python -m ava_core db schema-sql`. Do not edit by hand.
-- Paste it into Supabase's SQL editor once; `python -m ava_core db upgrade` (or the app
-- on start) applies later migrations.

BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 0001

CREATE TABLE sign_in_throttle (
    email VARCHAR(254) NOT NULL, 
    failures INTEGER NOT NULL, 
    window_started_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    locked_until TIMESTAMP WITH TIME ZONE, 
    lockouts INTEGER NOT NULL, 
    CONSTRAINT pk_sign_in_throttle PRIMARY KEY (email)
);

CREATE TABLE users (
    id UUID NOT NULL, 
    email VARCHAR(254) NOT NULL, 
    display_name VARCHAR(80) NOT NULL, 
    password_hash VARCHAR(255), 
    auth_provider VARCHAR(16) NOT NULL, 
    preferences JSONB NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    last_sign_in_at TIMESTAMP WITH TIME ZONE, 
    CONSTRAINT pk_users PRIMARY KEY (id), 
    CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE questions (
    id VARCHAR(120) NOT NULL, 
    kind VARCHAR(16) NOT NULL, 
    title VARCHAR(200) NOT NULL, 
    topics JSONB NOT NULL, 
    difficulty VARCHAR(16), 
    owner_id UUID, 
    source VARCHAR(16) NOT NULL, 
    body JSONB NOT NULL, 
    content_hash VARCHAR(64) NOT NULL, 
    retired BOOLEAN NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT pk_questions PRIMARY KEY (id), 
    CONSTRAINT fk_questions_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_questions_kind ON questions (kind);

CREATE INDEX ix_questions_owner_id ON questions (owner_id);

CREATE TABLE resumes (
    id UUID NOT NULL, 
    user_id UUID NOT NULL, 
    filename VARCHAR(255) NOT NULL, 
    text TEXT NOT NULL, 
    parsed JSONB NOT NULL, 
    page_count INTEGER NOT NULL, 
    size_bytes INTEGER NOT NULL, 
    sha256 VARCHAR(64) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT pk_resumes PRIMARY KEY (id), 
    CONSTRAINT fk_resumes_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_resumes_user_id ON resumes (user_id);

CREATE TABLE sessions (
    id UUID NOT NULL, 
    user_id UUID NOT NULL, 
    mode VARCHAR(16) NOT NULL, 
    status VARCHAR(16) NOT NULL, 
    title VARCHAR(200) NOT NULL, 
    question_id VARCHAR(120), 
    resume_id UUID, 
    topic VARCHAR(40), 
    difficulty VARCHAR(16), 
    context JSONB NOT NULL, 
    state JSONB NOT NULL, 
    time_limit_s INTEGER, 
    overall_score FLOAT, 
    hiring_signal VARCHAR(24), 
    started_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    finished_at TIMESTAMP WITH TIME ZONE, 
    CONSTRAINT pk_sessions PRIMARY KEY (id), 
    CONSTRAINT fk_sessions_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
    CONSTRAINT fk_sessions_question_id_questions FOREIGN KEY(question_id) REFERENCES questions (id) ON DELETE SET NULL, 
    CONSTRAINT fk_sessions_resume_id_resumes FOREIGN KEY(resume_id) REFERENCES resumes (id) ON DELETE SET NULL
);

CREATE INDEX ix_sessions_question_id ON sessions (question_id);

CREATE INDEX ix_sessions_resume_id ON sessions (resume_id);

CREATE INDEX ix_sessions_user_started ON sessions (user_id, started_at);

CREATE TABLE messages (
    id BIGSERIAL NOT NULL, 
    session_id UUID NOT NULL, 
    user_id UUID NOT NULL, 
    role VARCHAR(16) NOT NULL, 
    kind VARCHAR(24) NOT NULL, 
    step VARCHAR(24), 
    text TEXT NOT NULL, 
    code TEXT, 
    audio_seconds FLOAT, 
    words_per_minute FLOAT, 
    fillers_per_100_words FLOAT, 
    long_pauses INTEGER, 
    talk_time_s FLOAT, 
    metrics JSONB, 
    data JSONB NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT pk_messages PRIMARY KEY (id), 
    CONSTRAINT fk_messages_session_id_sessions FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE, 
    CONSTRAINT fk_messages_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_messages_session_order ON messages (session_id, id);

CREATE INDEX ix_messages_user_session ON messages (user_id, session_id, id);

CREATE TABLE feedback (
    id BIGSERIAL NOT NULL, 
    session_id UUID NOT NULL, 
    user_id UUID NOT NULL, 
    message_id BIGINT, 
    scope VARCHAR(16) NOT NULL, 
    step VARCHAR(24), 
    score FLOAT, 
    summary TEXT NOT NULL, 
    evidence JSONB NOT NULL, 
    improvement TEXT NOT NULL, 
    provider VARCHAR(24) NOT NULL, 
    fallback_reason TEXT, 
    details JSONB NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT pk_feedback PRIMARY KEY (id), 
    CONSTRAINT fk_feedback_session_id_sessions FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE, 
    CONSTRAINT fk_feedback_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
    CONSTRAINT fk_feedback_message_id_messages FOREIGN KEY(message_id) REFERENCES messages (id) ON DELETE SET NULL
);

CREATE INDEX ix_feedback_message_id ON feedback (message_id);

CREATE INDEX ix_feedback_session_id ON feedback (session_id);

CREATE INDEX ix_feedback_user_session ON feedback (user_id, session_id, id);

CREATE TABLE step_scores (
    id BIGSERIAL NOT NULL, 
    feedback_id BIGINT NOT NULL, 
    session_id UUID NOT NULL, 
    user_id UUID NOT NULL, 
    criterion VARCHAR(40) NOT NULL, 
    step VARCHAR(24), 
    score FLOAT NOT NULL, 
    out_of FLOAT NOT NULL, 
    evidence JSONB NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT pk_step_scores PRIMARY KEY (id), 
    CONSTRAINT fk_step_scores_feedback_id_feedback FOREIGN KEY(feedback_id) REFERENCES feedback (id) ON DELETE CASCADE, 
    CONSTRAINT fk_step_scores_session_id_sessions FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE, 
    CONSTRAINT fk_step_scores_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_step_scores_feedback_id ON step_scores (feedback_id);

CREATE INDEX ix_step_scores_session_id ON step_scores (session_id);

CREATE INDEX ix_step_scores_user_session ON step_scores (user_id, session_id, id);

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE sign_in_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE questions ENABLE ROW LEVEL SECURITY;
ALTER TABLE resumes ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE step_scores ENABLE ROW LEVEL SECURITY;
ALTER TABLE alembic_version ENABLE ROW LEVEL SECURITY;
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
  CREATE POLICY resumes_own_rows ON resumes FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
  CREATE POLICY sessions_own_rows ON sessions FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
  CREATE POLICY messages_own_rows ON messages FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid())
      AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id AND s.user_id = (SELECT auth.uid())));
  CREATE POLICY feedback_own_rows ON feedback FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid())
      AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id AND s.user_id = (SELECT auth.uid())));
  CREATE POLICY step_scores_own_rows ON step_scores FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid())
      AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id AND s.user_id = (SELECT auth.uid())));
  EXECUTE $fn$
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
$rls$;;

INSERT INTO alembic_version (version_num) VALUES ('0001') RETURNING alembic_version.version_num;

-- Running upgrade 0001 -> 0002

ALTER TABLE sessions ADD COLUMN summary JSONB;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;

