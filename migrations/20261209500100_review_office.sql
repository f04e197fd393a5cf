-- 信访工作条例 第三十五条: a review (复查) is decided by the superior of the body that answered. A
-- county government does that work through an office (the county's 信访复查复核 office, usually
-- inside the petition bureau): `review_office_id` names the unit that acts for a reviewing body.
-- The county government's leaders act for it too (server/policies/case-policy.ts). A unit whose
-- own answer is under review never acts for its reviewer.
ALTER TABLE org_units
  ADD COLUMN review_office_id uuid REFERENCES org_units (id),
  ADD CONSTRAINT org_units_review_office_not_self CHECK (review_office_id IS NULL OR review_office_id <> id);

-- The default: a county's review office is its petition bureau (existing networks, and every
-- bureau created later, e.g. by `xinfang setup` or the network import).
UPDATE org_units c SET review_office_id = b.id
  FROM org_units b
 WHERE c.kind = 'county' AND c.review_office_id IS NULL
   AND b.kind = 'bureau' AND b.path = (SELECT min(x.path) FROM org_units x
                                       WHERE x.kind = 'bureau' AND starts_with(x.path, c.path || '.'));

CREATE FUNCTION org_units_default_review_office() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'bureau' THEN
    UPDATE org_units SET review_office_id = NEW.id
     WHERE kind = 'county' AND review_office_id IS NULL AND path = split_part(NEW.path, '.', 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER org_units_default_review_office AFTER INSERT ON org_units
  FOR EACH ROW EXECUTE FUNCTION org_units_default_review_office();
