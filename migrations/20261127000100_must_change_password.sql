-- A password an administrator chose (a reset, or a new account's first password) is known to
-- someone other than its user: until the user picks their own, the session is restricted to
-- changing it (`change_password`, server/auth/sessions.ts). Existing, demo and seeded accounts
-- keep their passwords as they are.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
