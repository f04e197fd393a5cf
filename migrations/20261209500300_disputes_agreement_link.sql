-- A backup restores tables in foreign-key order (server/ops/catalog.ts), so two tables may not
-- point at each other. A mediation agreement names its dispute (case_mediations.dispute_id, with
-- its foreign key); the dispute's pointer back to the agreement is written by the same command
-- (server/commands/mediation.ts) in the same transaction, and keeps no foreign key of its own.
ALTER TABLE disputes DROP CONSTRAINT disputes_agreement_fk;
