-- 信访工作条例 第三十二条、第三十五条、第三十六条: the body that handled a matter answers it in its
-- own name and with its own document numbers; review goes to that body's superior (上一级机关).

-- Each unit's reviewing superior inside the network. NULL: the superior is outside the county
-- system (the county itself: its superior is the city government), so a review is referred there.
ALTER TABLE org_units
  ADD COLUMN reviewing_unit_id uuid REFERENCES org_units (id),
  -- The unit's own prefix for its answers (e.g. 示人社信复); NULL: derived from its name.
  ADD COLUMN doc_prefix text CHECK (doc_prefix IS NULL OR length(doc_prefix) BETWEEN 1 AND 20),
  ADD CONSTRAINT org_units_reviewing_not_self CHECK (reviewing_unit_id IS NULL OR reviewing_unit_id <> id);

-- The legal default, whatever departments and townships a county has: a county department (the
-- bureau is one), or a township, is reviewed by the county government — the county unit, acting as
-- 县人民政府. Set on insert unless the row names another superior; existing rows get it here.
CREATE FUNCTION org_units_default_reviewing_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.reviewing_unit_id IS NULL AND NEW.kind IN ('department', 'township', 'bureau') THEN
    SELECT id INTO NEW.reviewing_unit_id FROM org_units
     WHERE kind = 'county' AND path = split_part(NEW.path, '.', 1);
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER org_units_default_reviewing_unit BEFORE INSERT ON org_units
  FOR EACH ROW EXECUTE FUNCTION org_units_default_reviewing_unit();

UPDATE org_units u SET reviewing_unit_id = c.id
  FROM org_units c
 WHERE u.reviewing_unit_id IS NULL AND u.kind IN ('department', 'township', 'bureau')
   AND c.kind = 'county' AND c.path = split_part(u.path, '.', 1);

-- Answer numbers: per unit per year, without gaps (the counter row is taken under its row lock in
-- the issuing transaction; a rolled-back issue gives its number back).
CREATE TABLE document_number_counters (
  unit_id  uuid NOT NULL REFERENCES org_units (id),
  year     integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  last_no  integer NOT NULL CHECK (last_no >= 1),
  PRIMARY KEY (unit_id, year)
);

ALTER TABLE case_documents
  ADD COLUMN doc_number text,
  ADD COLUMN issuer_unit_id uuid REFERENCES org_units (id),
  ADD COLUMN issuer_name text;

-- Where the petitioner's review (复查) or reexamination (复核) request goes: a unit of the network,
-- or a body outside it (name only) to which the request was referred.
ALTER TABLE cases
  ADD COLUMN appeal_unit_id uuid REFERENCES org_units (id),
  ADD COLUMN appeal_body_name text CHECK (appeal_body_name IS NULL OR length(appeal_body_name) BETWEEN 1 AND 100),
  ADD COLUMN appeal_referred_at timestamptz;
