import type { Queryable } from "../db/index.ts";

/**
 * Synthetic cases written straight into the tables with set-based SQL, for property tests and the
 * statistics benchmark. They bypass registration on purpose (speed); they satisfy every CHECK and
 * foreign key, and they carry the fields statistics read: channel, nature, category, regions,
 * counting units, first petition, the lead unit, the statutory clocks and the ratings.
 */
export interface SyntheticCase {
  channel: "letter" | "visit" | "online" | "phone" | "referral";
  nature: "request" | "suggestion" | "appeal" | "accusation" | "inquiry" | null;
  categoryId: string | null;
  regionUnitId: string;
  destinationLevel: "national" | "provincial" | "municipal" | "county" | null;
  headcount: number;
  batchCount: number;
  isFirstPetition: boolean;
  receivedAt: string;
  householdRegionCode: string | null;
  leadUnitId: string | null;
  /** Statutory clocks to write: step → state and due day. */
  clocks: { step: string; state: "running" | "met" | "breached"; dueOn: string }[];
  bureauRating: "satisfied" | "basically_satisfied" | "dissatisfied" | null;
  unitRating: "satisfied" | "basically_satisfied" | "dissatisfied" | null;
  replied: boolean;
}

/** Inserts the given cases in four statements; returns their ids in order. */
export async function insertSyntheticCases(
  q: Queryable,
  list: readonly SyntheticCase[],
  collectiveThreshold = 5,
): Promise<string[]> {
  if (list.length === 0) return [];
  const rows = list.map((c, i) => ({ ...c, ord: i, isCollective: c.headcount >= collectiveThreshold }));
  const { rows: made } = await q.query<{ id: string; ord: number }>(
    `INSERT INTO cases (case_number, query_code_hash, channel, status, nature, legal_class, category_id, title, content,
        problem_region_code, region_unit_id, region_path, destination_level, headcount, batch_count, is_collective,
        is_first_petition, received_at, registered_at, owner_unit_id, referral_source, reply_opinion, reply_text,
        replied_at, bureau_rating, unit_rating, rated_at)
     SELECT 'SYN-' || left(gen_random_uuid()::text, 13) || '-' || x.ord, 'x', x.channel,
            CASE WHEN x.replied THEN 'replied' ELSE 'accepted' END,
            x.nature, CASE WHEN x.nature = 'accusation' THEN 'accusation' END, x."categoryId", '合成事项', '合成事项内容',
            u.region_code, u.id, u.path, x."destinationLevel", x.headcount, x."batchCount", x."isCollective",
            x."isFirstPetition", x."receivedAt", x."receivedAt", u.id,
            CASE WHEN x.channel = 'referral' THEN '市信访局' END,
            CASE WHEN x.replied THEN 'explain' END, CASE WHEN x.replied THEN '已答复' END,
            CASE WHEN x.replied THEN x."receivedAt" END,
            x."bureauRating", CASE WHEN x."bureauRating" IS NOT NULL THEN x."unitRating" END,
            CASE WHEN x."bureauRating" IS NOT NULL THEN x."receivedAt" END
       FROM jsonb_to_recordset($1::jsonb) AS x(ord int, channel text, nature text, "categoryId" uuid,
            "regionUnitId" uuid, "destinationLevel" text, headcount int, "batchCount" int, "isCollective" boolean,
            "isFirstPetition" boolean, "receivedAt" timestamptz, replied boolean, "bureauRating" text, "unitRating" text)
       JOIN org_units u ON u.id = x."regionUnitId"
      ORDER BY x.ord
     RETURNING id, split_part(case_number, '-', 4)::int AS ord`,
    [JSON.stringify(rows)],
  );
  const ids: string[] = [];
  for (const r of made) ids[r.ord] = r.id;
  if (made.length !== list.length) throw new Error("synthetic insert lost rows (unknown region unit?)");
  const withIds = rows.map((r, i) => ({ ...r, id: ids[i] }));
  await q.query(
    `INSERT INTO case_petitioners (case_id, position, name, household_region_code)
     SELECT x.id, 0, '合成信访人', x."householdRegionCode"
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "householdRegionCode" text)`,
    [JSON.stringify(withIds)],
  );
  await q.query(
    `INSERT INTO case_assignments (case_id, unit_id, role, status, assigned_at)
     SELECT x.id, x."leadUnitId", 'lead', 'handling', x."receivedAt"
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "leadUnitId" uuid, "receivedAt" timestamptz)
      WHERE x."leadUnitId" IS NOT NULL`,
    [JSON.stringify(withIds)],
  );
  const clocks = withIds.flatMap((r) => r.clocks.map((k) => ({ id: r.id, ...k })));
  if (clocks.length > 0) {
    await q.query(
      `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, stopped_at, state, pack)
       SELECT x.id, 'statutory', x.step, x."dueOn"::date - 15, x."dueOn"::date,
              CASE WHEN x.state = 'running' THEN NULL ELSE x."dueOn"::date::timestamptz END, x.state, 'national-2022'
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, step text, state text, "dueOn" text)`,
      [JSON.stringify(clocks)],
    );
  }
  return ids;
}
