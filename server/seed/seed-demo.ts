import { loadRulePack } from "../../domain/calendar/rule-pack.ts";
import { generateIdNumber } from "../../domain/identity/id-card.ts";
import type { Actor } from "../auth/actor.ts";
import { hashPassword } from "../auth/passwords.ts";
import { loadWorkCalendar } from "../cases/clocks.ts";
import { registerCase } from "../commands/register-case.ts";
import type { KeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { seedKnowledgeDemo } from "../knowledge/seed.ts";
import { storeDemoBoundaries } from "../map/boundaries.ts";
import { seedDemoRouting } from "../triage/routing.ts";
import { seedBureauDemo } from "./demo-bureau.ts";
import { DEMO_CASES, DEMO_NAMES } from "./demo-cases.ts";
import { seedDemoWageFields } from "./demo-fields.ts";
import {
  DEMO_COUNTY_CODE,
  DEMO_PASSWORD,
  DEMO_UNITS,
  DEMO_USERS,
  type DemoUnit,
  type DemoUser,
} from "./demo-network.ts";
import { progressDemoCases } from "./demo-progress.ts";

/** Loads the demo network and users; returns false if the database already has a network. */
export async function seedDemoNetwork(db: Db): Promise<boolean> {
  const existing = await db.query("SELECT 1 FROM org_units LIMIT 1");
  if (existing.rows.length > 0) return false;
  await insertNetwork(db, DEMO_UNITS, DEMO_USERS, DEMO_PASSWORD);
  // The demo county's synthetic township and village outlines, so the map has something to draw.
  await storeDemoBoundaries(db);
  await seedDemoRouting(db);
  return true;
}

/**
 * Inserts units (parents first) and users with one password, or with a ready hash of it (the test
 * factories' cheap one); used by the demo and by test factories.
 */
export async function insertNetwork(
  db: Db,
  units: readonly DemoUnit[],
  users: readonly DemoUser[],
  password: string | { hash: string },
): Promise<void> {
  const passwordHash = typeof password === "string" ? await hashPassword(password) : password.hash;
  await db.transaction(async (tx) => {
    for (const u of units) {
      const path = u.parent ? `${u.parent}.${u.code}` : u.code;
      await tx.query(
        `INSERT INTO org_units (parent_id, kind, path, name, region_code)
         VALUES ((SELECT id FROM org_units WHERE path = $1), $2, $3, $4, $5)`,
        [u.parent, u.kind, path, u.name, u.regionCode],
      );
    }
    for (const u of users) {
      await tx.query(
        `INSERT INTO users (username, display_name, unit_id, roles, password_hash)
         VALUES ($1, $2, (SELECT id FROM org_units WHERE path = $3), $4, $5)`,
        [u.username, u.displayName, u.unitPath, u.roles, passwordHash],
      );
    }
  });
}

/** A small deterministic generator, so every demo database looks the same. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedDemoCases(
  db: Db,
  keyRing: KeyRing,
  now: Date,
  count = 40,
  rulePack = "county-internal",
): Promise<number> {
  const clocks = { pack: loadRulePack(rulePack), calendar: await loadWorkCalendar(db) };
  const registrar = (
    await db.query<{ id: string; unit_id: string }>(
      "SELECT id, unit_id FROM users WHERE username = 'registrar'",
    )
  ).rows[0];
  if (!registrar) throw new Error("seed the demo network first");
  const actor: Actor = {
    id: registrar.id,
    username: "registrar",
    displayName: "王登记",
    roles: ["registrar"],
    unitId: registrar.unit_id,
    unitName: "示范县信访局",
    unitKind: "bureau",
    unitPath: "c.xfj",
    areaPath: "c",
  };
  const categories = new Map(
    (await db.query<{ id: string; code: string }>("SELECT id, code FROM categories")).rows.map((r) => [
      r.code,
      r.id,
    ]),
  );
  const next = rng(20261125);
  for (let i = 0; i < count; i++) {
    const t = DEMO_CASES[i % DEMO_CASES.length]!;
    // Spread over the last 180 days; the same petitioner returns now and then (a repeat).
    const receivedAt = new Date(now.getTime() - Math.floor(next() * 180 * 86_400_000) - 3_600_000);
    const personIndex = Math.floor(next() * DEMO_NAMES.length);
    const headcount = t.headcount ?? 1;
    const petitioners = Array.from({ length: Math.min(headcount, 3) }, (_, k) => {
      const n = (personIndex + k) % DEMO_NAMES.length;
      return {
        name: DEMO_NAMES[n]!,
        idNumber: generateIdNumber(DEMO_COUNTY_CODE, `19${60 + n}0${(n % 9) + 1}15`, String(100 + n)),
        phone: `139${String(10_000_000 + n * 7_654_321).slice(0, 8)}`,
        address: `示范县${t.regionCode.length > 6 ? "" : "城关镇"}某街${n + 1}号`,
        householdRegionCode: t.regionCode.slice(0, 9).padEnd(9, "0"),
        isRepresentative: headcount >= 5 && k < 2,
      };
    });
    await db.transaction((tx) =>
      registerCase(
        tx,
        {
          channel: t.channel,
          title: t.title,
          content: t.content,
          problemRegionCode: t.regionCode,
          nature: t.nature,
          legalClass:
            t.nature === "accusation"
              ? "accusation"
              : t.nature === "suggestion"
                ? "suggestion"
                : "appeal_request",
          categoryId: categories.get(t.category),
          petitioners,
          headcount,
          batchCount: 1,
          destinationLevel: t.destination,
          // Two of three visits to an upper level were registered there (其中登记).
          ...(t.channel === "visit" &&
          (t.destination === "provincial" || t.destination === "national" || t.destination === "municipal")
            ? { upperRegistered: i % 3 !== 0 }
            : {}),
          isAnonymous: false,
          isConfidential: t.nature === "accusation",
          referralSource: t.channel === "referral" ? "市信访局" : undefined,
          referralNumber: t.channel === "referral" ? `市交〔2026〕${i + 1}号` : undefined,
          receivedAt: receivedAt.toISOString(),
        },
        {
          keyRing,
          clocks,
          // Demo items were registered when they arrived, so their clocks ran from then.
          now: receivedAt,
          collectiveThreshold: 5,
          maxRepresentatives: 5,
          ip: null,
          actor,
          areaPath: "c",
        },
      ),
    );
  }
  await progressDemoCases(db, clocks);
  // Fields per category: the wage-arrears cases' employers, amounts and payments (server/seed/demo-fields.ts).
  await seedDemoWageFields(db, now);
  await seedBureauDemo(db, keyRing, now, clocks);
  await seedKnowledgeDemo(db, now);
  return count;
}
