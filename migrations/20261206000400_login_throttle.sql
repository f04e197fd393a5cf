-- Failed logins are throttled per account name and address, per account name and per address,
-- with growing delays, instead of locking an account for everyone (issue #14, finding 10): an
-- attacker cannot lock an administrator out from elsewhere, and an unknown name is throttled
-- exactly like a known one, so the answers tell nobody which names exist. Keys are
-- 'acct:<name>|ip:<address>', 'acct:<name>' and 'ip:<address>'.
CREATE TABLE login_throttle (
  key           text PRIMARY KEY CHECK (length(key) <= 200),
  failures      integer NOT NULL CHECK (failures >= 0),
  blocked_until timestamptz,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);
