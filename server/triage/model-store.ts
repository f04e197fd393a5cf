import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TriageModel } from "../../domain/triage/suggest.ts";
import type { Queryable } from "../db/index.ts";

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../domain/triage/model.json");
let fromFile: TriageModel | null | undefined;
let fromDb: { id: string; model: TriageModel } | undefined;

/** The newest model trained on this bureau's data, else the one committed with the code, else none (rules only). */
export async function loadTriageModel(q: Queryable): Promise<TriageModel | null> {
  // A row trained by an older release (naive Bayes, version 1) is not read by this one. The model
  // is megabytes of JSON: it is read and compiled once per row, not once per suggestion.
  const { rows } = await q.query<{ id: string }>(
    "SELECT id::text AS id FROM triage_models WHERE model->>'version' = '2' ORDER BY id DESC LIMIT 1",
  );
  const id = rows[0]?.id;
  if (id) {
    if (fromDb?.id !== id) {
      const m = await q.query<{ model: TriageModel }>("SELECT model FROM triage_models WHERE id = $1", [id]);
      fromDb = { id, model: m.rows[0]!.model };
    }
    return fromDb.model;
  }
  if (fromFile === undefined) {
    fromFile = fs.existsSync(FILE) ? (JSON.parse(fs.readFileSync(FILE, "utf8")) as TriageModel) : null;
  }
  return fromFile;
}

export interface RouteMatch {
  ruleId: string;
  unitId: string;
  unitName: string;
  regionCode: string | null;
  byParentCategory: boolean;
}

/** 派单目录: the most specific rule for the category (or its parent) and the problem region. */
export async function routeFor(
  q: Queryable,
  categoryId: string,
  problemRegionCode: string | null,
): Promise<RouteMatch | null> {
  const { rows } = await q.query<{
    id: string;
    unit_id: string;
    unit_name: string;
    region_code: string | null;
    by_parent: boolean;
  }>(
    `SELECT r.id, r.unit_id, o.name AS unit_name, r.region_code, r.category_id <> $1 AS by_parent
       FROM routing_rules r JOIN org_units o ON o.id = r.unit_id
      WHERE (r.category_id = $1 OR r.category_id = (SELECT parent_id FROM categories WHERE id = $1))
        AND (r.region_code IS NULL OR starts_with(COALESCE($2, ''), r.region_code))
      ORDER BY (r.category_id = $1) DESC, length(COALESCE(r.region_code, '')) DESC LIMIT 1`,
    [categoryId, problemRegionCode],
  );
  const r = rows[0];
  return r
    ? {
        ruleId: r.id,
        unitId: r.unit_id,
        unitName: r.unit_name,
        regionCode: r.region_code,
        byParentCategory: r.by_parent,
      }
    : null;
}
