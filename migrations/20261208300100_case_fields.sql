-- Fields per category (issue 19 §1). An administrator's field set for a category is versioned: a
-- change writes a new version and never edits an old one, and a case keeps the values it was
-- recorded with beside the version that defines them, so an old case keeps its meaning.
CREATE TABLE field_sets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id uuid NOT NULL REFERENCES categories (id),
  version     integer NOT NULL CHECK (version >= 1),
  -- The definitions: [{ key, labelZh, labelEn, type, unit?, options?, required, viewRoles, editRoles }]
  -- checked by domain/fields/definitions.ts before they are written.
  fields      jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
  -- Whether cases of the category record amounts recovered as dated payments (the wage ledger).
  has_payments boolean NOT NULL DEFAULT false,
  payments_label_zh text,
  payments_label_en text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid REFERENCES users (id),
  UNIQUE (category_id, version)
);

-- The values of one case under one field set version: money as integer fen in a JSON string of
-- digits, numbers as decimal strings, dates as YYYY-MM-DD, choices as their value, yes/no as
-- booleans. A case re-classified into another category keeps its earlier values under their own
-- version and gains a row for the new category's fields.
CREATE TABLE case_field_values (
  case_id      uuid NOT NULL REFERENCES cases (id),
  field_set_id uuid NOT NULL REFERENCES field_sets (id),
  field_values jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(field_values) = 'object'),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   uuid REFERENCES users (id),
  PRIMARY KEY (case_id, field_set_id)
);
CREATE INDEX case_field_values_set ON case_field_values (field_set_id);

-- Amounts recovered, one row a payment (a case may recover in several). Integer fen, never a float.
-- A wrong entry is voided (with who, when and why), never deleted, so the ledger can be retraced.
CREATE TABLE case_payments (
  case_id     uuid NOT NULL REFERENCES cases (id),
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  paid_on     date NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 100000000000000),
  note        text CHECK (note IS NULL OR length(note) <= 200),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users (id),
  voided_at   timestamptz,
  voided_by   uuid REFERENCES users (id),
  void_reason text,
  PRIMARY KEY (case_id, id),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE INDEX case_payments_paid_on ON case_payments (paid_on) WHERE voided_at IS NULL;

-- The shipped set: 劳资纠纷/拖欠农民工工资.
INSERT INTO field_sets (category_id, version, fields, has_payments, payments_label_zh, payments_label_en)
SELECT id, 1, $json$[
  {"key": "employer", "labelZh": "用工单位", "labelEn": "Employer", "type": "text", "required": true,
   "viewRoles": ["registrar", "bureau_office", "bureau_leader", "leader_in_charge", "principal_leader", "unit_staff", "unit_leader", "local_staff", "analyst"],
   "editRoles": ["registrar", "bureau_office", "unit_staff", "unit_leader", "local_staff"]},
  {"key": "project", "labelZh": "项目名称", "labelEn": "Project", "type": "text", "required": false,
   "viewRoles": ["registrar", "bureau_office", "bureau_leader", "leader_in_charge", "principal_leader", "unit_staff", "unit_leader", "local_staff", "analyst"],
   "editRoles": ["registrar", "bureau_office", "unit_staff", "unit_leader", "local_staff"]},
  {"key": "workers", "labelZh": "人数", "labelEn": "Number of workers", "type": "number", "unit": "人", "integer": true, "required": false,
   "viewRoles": ["registrar", "bureau_office", "bureau_leader", "leader_in_charge", "principal_leader", "unit_staff", "unit_leader", "local_staff", "analyst"],
   "editRoles": ["registrar", "bureau_office", "unit_staff", "unit_leader", "local_staff"]},
  {"key": "amount_owed", "labelZh": "欠薪金额", "labelEn": "Amount owed", "type": "money", "required": false,
   "viewRoles": ["registrar", "bureau_office", "bureau_leader", "leader_in_charge", "principal_leader", "unit_staff", "unit_leader", "local_staff", "analyst"],
   "editRoles": ["registrar", "bureau_office", "unit_staff", "unit_leader", "local_staff"]}
]$json$::jsonb, true, '追回金额（按笔）', 'Amounts recovered (per payment)'
  FROM categories WHERE code = 'labor.wage_arrears';

-- The work report's default template says what was recovered for migrant workers, from records;
-- added once, and only to a body that does not speak of it yet, so an analyst's wording is kept.
UPDATE report_templates
   SET body = replace(body, '{{table:categories}}',
                      '{{table:categories}}' || chr(10) || '为农民工讨要工资{{wages.cases}}件，累计追回{{wages.recoveredWan}}万元。')
 WHERE code = 'work_report' AND position('{{wages.' IN body) = 0;
