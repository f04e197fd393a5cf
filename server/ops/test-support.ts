/**
 * Shared set-up for the operations tests: a source database filled through the API, and
 * fingerprints of whole databases to show that a refused operation changed nothing.
 */
import fs from "node:fs";
import zlib from "node:zlib";
import { decryptField } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { caseInput, freshIdNumber } from "../test/factories.ts";
import { as, type Session, type TestContext } from "../test/harness.ts";
import { digestTables, readCatalog, type TableDigest } from "./catalog.ts";

/** Count and hash of every table but schema_migrations, as stored now. */
export async function fingerprint(db: Db): Promise<Record<string, TableDigest>> {
  return db.transaction(async (tx) => {
    const tables = (await readCatalog(tx)).filter((t) => t.name !== "schema_migrations");
    return Object.fromEntries(await digestTables(tx, tables));
  });
}

export interface Person {
  name: string;
  idNumber: string;
  phone?: string;
}

let phoneSeq = 0;
export function person(name: string): Person {
  phoneSeq += 1;
  return { name, idNumber: freshIdNumber(), phone: `139${String(10_000_000 + phoneSeq * 7919).slice(-8)}` };
}

/** Registers a case through the API and returns its id. */
export async function registerThroughApi(
  t: TestContext,
  session: Session,
  people: Person[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await as(t.app, session).post(
    "/api/cases",
    caseInput({
      petitioners: people.map((p) => ({ ...p, address: `${p.name}家`, isRepresentative: false })),
      ...overrides,
    }),
  );
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** An online submission with an idempotency key, so idempotency_keys holds an encrypted answer. */
export async function submitOnlineThroughApi(t: TestContext, p: Person, key: string): Promise<void> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/public/petitions",
    headers: { "idempotency-key": key },
    payload: {
      title: "小区路灯长期不亮",
      content: "甲村主路的路灯已经坏了三个月，晚上出行很不安全，请尽快维修。",
      problemRegionCode: "990001001001",
      petitioner: { name: p.name, idNumber: p.idNumber, phone: p.phone },
      consentPrivacy: true,
    },
  });
  if (res.statusCode !== 201) throw new Error(`online submission failed: ${res.statusCode} ${res.body}`);
}

export function gunzipText(file: string): string {
  return zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");
}

export function gzipText(file: string, text: string): void {
  fs.writeFileSync(file, zlib.gzipSync(text));
}

/** The ID number of every petitioner, decrypted, keyed by case and position. */
export async function decryptedIdNumbers(
  db: Db,
  ring: Parameters<typeof decryptField>[0],
): Promise<Record<string, string>> {
  const { rows } = await db.query<{ case_id: string; position: number; id_number_enc: string }>(
    "SELECT case_id, position, id_number_enc FROM case_petitioners WHERE id_number_enc IS NOT NULL",
  );
  return Object.fromEntries(
    rows.map((r) => [
      `${r.case_id}/${r.position}`,
      decryptField(ring, r.id_number_enc, "case_petitioners.id_number"),
    ]),
  );
}
