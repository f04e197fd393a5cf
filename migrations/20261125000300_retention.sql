-- Retention: after how many days since its last event an archived case loses the personal data of
-- its petitioners (`xinfang retention anonymise`). Ten years by default; each bureau sets it to its
-- own archive retention rules (信访档案保管期限) and legal advice, since anonymising cannot be undone.
INSERT INTO settings (key, value) VALUES ('retention.anonymise_after_days', '3650')
ON CONFLICT (key) DO NOTHING;
