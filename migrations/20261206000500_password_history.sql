-- The hashes a user's password had before (issue #14, finding 12): a user may not choose the
-- current password or one of the last five again. Every change, an administrator's reset too,
-- keeps the hash it replaces; the oldest beyond ten are removed.
CREATE TABLE password_history (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users (id),
  password_hash text NOT NULL,
  replaced_at   timestamptz NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, id DESC);
