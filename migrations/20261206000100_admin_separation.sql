-- 三员分立 without a way round it (issue #14): a new account holds no role until the security
-- administrator grants one, so `roles` may be empty; an administrator still holds exactly one role
-- and never a business role.
ALTER TABLE users DROP CONSTRAINT users_roles_check;
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (
  roles <@ ARRAY['registrar', 'bureau_office', 'bureau_leader', 'leader_in_charge', 'principal_leader',
                 'unit_staff', 'unit_leader', 'local_staff', 'analyst',
                 'system_admin', 'security_admin', 'audit_admin']::text[]
  AND (NOT roles && ARRAY['system_admin', 'security_admin', 'audit_admin']::text[] OR cardinality(roles) = 1)
);

-- An administrator's password is reset by the two other administrators together: one asks (and
-- chooses the password, which the administrator must replace at the next login), the other
-- approves. Nothing changes on the account until the approval; a request lapses after a day.
CREATE TABLE admin_password_resets (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_user_id  uuid NOT NULL REFERENCES users (id),
  requested_by    uuid NOT NULL REFERENCES users (id),
  password_hash   text NOT NULL,
  requested_at    timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by      uuid REFERENCES users (id),
  decided_at      timestamptz,
  CHECK (requested_by <> target_user_id),
  CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> target_user_id))
);
CREATE INDEX admin_password_resets_pending ON admin_password_resets (target_user_id) WHERE status = 'pending';
