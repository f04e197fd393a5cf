-- Merge (合并): a repeat petition folded into its open original keeps a link to it.
-- Simplified procedure (简易办理): marked on the case; its 10-working-day clock is a case clock.
ALTER TABLE cases ADD COLUMN merged_into_id uuid REFERENCES cases (id);
ALTER TABLE cases ADD COLUMN simplified boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD CONSTRAINT cases_merged_link CHECK ((status = 'merged') <= (merged_into_id IS NOT NULL));
ALTER TABLE cases ADD CONSTRAINT cases_not_merged_into_self CHECK (merged_into_id IS DISTINCT FROM id);
CREATE INDEX cases_merged_into ON cases (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- The approval chain (签批) is the bureau's own setting; the code's default applies until it is set.
INSERT INTO settings (key, value) VALUES
  ('workflow.approval_chain',
   '{"urgent": ["bureau_leader", "leader_in_charge"], "general": ["bureau_leader", "leader_in_charge"], "major": ["bureau_leader", "leader_in_charge", "principal_leader"]}')
ON CONFLICT (key) DO NOTHING;
