-- Optional TOTP second factor (RFC 6238). The secret is stored encrypted like other sensitive
-- fields; the last accepted time step stops a code from being used twice.
ALTER TABLE users
  ADD COLUMN totp_secret_enc text,
  ADD COLUMN totp_enabled boolean NOT NULL DEFAULT false,
  ADD COLUMN totp_last_step bigint,
  ADD CONSTRAINT users_totp_needs_secret CHECK (NOT totp_enabled OR totp_secret_enc IS NOT NULL);
