/**
 * Writing a checked ledger (ledger.ts): closed historical cases with their petitioners (encrypted
 * and blind-indexed by register-case.ts's preparePetitioners) and the handling unit as the
 * accepted lead, LEDGER_BATCH rows per statement, in the caller's transaction; then the confirmed
 * mapping and value choices, remembered for the next file.
 */
import { randomUUID } from "node:crypto";
import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import { maskIdNumber, maskPhone } from "../../domain/identity/mask.ts";
import { preparePetitioners } from "../commands/register-case.ts";
import { blindIndex, encryptField, type KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";
import { indexText } from "../search/segment.ts";
import type { LedgerCheck, ParsedRow } from "./ledger.ts";
import { titleOf } from "./ledger-rows.ts";
import type { LedgerContext, ValueResolver } from "./ledger-values.ts";

/** Rows per INSERT statement: big enough that a statement's fixed cost vanishes, small enough to stream. */
export const LEDGER_BATCH = 1000;

/** ISO day in Asia/Shanghai → the instant it starts. */
const dayStart = (d: string) => `${d}T00:00:00+08:00`;

/** Encrypts one row's petitioner the way a registration does; an ID number that fails GB 11643 is kept, flagged. */
function petitionerOf(keyRing: KeyRing, p: ParsedRow) {
  if (!p.name && !p.idNumber && !p.phone && !p.address) return null;
  const idOk = p.idNumber ? validateIdNumber(p.idNumber).ok : false;
  const phoneOk = p.phone ? validatePhone(p.phone).ok : false;
  const [prepared] = preparePetitioners(keyRing, [
    {
      name: p.name || "（台账未记）",
      idNumber: idOk ? p.idNumber : undefined,
      phone: phoneOk ? p.phone : undefined,
      address: p.address || undefined,
      isRepresentative: false,
    },
  ]);
  const x = prepared!;
  let { idEnc, idBidx, idMasked, phoneEnc, phoneBidx, phoneMasked } = x;
  if (p.idNumber && !idOk) {
    const raw = p.idNumber.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
    idEnc = encryptField(keyRing, raw, "case_petitioners.id_number");
    idBidx = blindIndex(keyRing, "id_number", raw);
    idMasked = maskIdNumber(raw);
  }
  if (p.phone && !phoneOk) {
    const raw = p.phone.normalize("NFKC").replace(/\s+/g, "");
    phoneEnc = encryptField(keyRing, raw, "case_petitioners.phone");
    phoneBidx = null;
    phoneMasked = maskPhone(raw);
  }
  return {
    position: 0,
    name: x.input.name,
    id_number_enc: idEnc,
    id_number_bidx: idBidx,
    id_number_masked: idMasked,
    id_number_unverified: Boolean(p.idNumber && !idOk),
    phone_enc: phoneEnc,
    phone_bidx: phoneBidx,
    phone_masked: phoneMasked,
    address: p.address || null,
  };
}

const WRITE_SQL = `WITH i AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(n int, id uuid, import_key text, ledger_number text,
    channel text, category_id uuid, title text, content text, region_code text, region_unit_id uuid,
    region_path text, headcount int, batch_count int, is_collective boolean, received_at timestamptz,
    replied_at timestamptz, reply_text text, rating text, year text, unit_id uuid, search_text text,
    petitioner jsonb, bidx text[])
), c AS (
  INSERT INTO cases (id, case_number, query_code_hash, channel, status, category_id, title, content,
     problem_region_code, region_unit_id, region_path, headcount, batch_count, is_collective, is_first_petition,
     referral_source, received_at, registered_at, registered_by, owner_unit_id, search_text, replied_at,
     reply_text, bureau_rating, rated_at, is_imported, ledger_number, import_key)
  SELECT i.id, $2 || '-' || i.year || '-' || lpad(nextval('case_number_seq')::text, 7, '0'),
         'imported:' || gen_random_uuid()::text, i.channel, 'closed', i.category_id, i.title, i.content,
         i.region_code, i.region_unit_id, i.region_path, i.headcount, i.batch_count, i.is_collective,
         NOT EXISTS (SELECT 1 FROM unnest(i.bidx) AS b(v)
                      WHERE EXISTS (SELECT 1 FROM case_petitioners x WHERE x.id_number_bidx = b.v)),
         CASE WHEN i.channel = 'referral' THEN '台账：转交' END, i.received_at, $3, $4, $5, i.search_text,
         i.replied_at, i.reply_text, i.rating, CASE WHEN i.rating IS NOT NULL THEN COALESCE(i.replied_at, i.received_at) END,
         true, i.ledger_number, i.import_key
    FROM i ORDER BY i.n
  ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING
  RETURNING id, case_number
), p AS (
  INSERT INTO case_petitioners (case_id, position, name, id_number_enc, id_number_bidx, id_number_masked,
     id_number_unverified, phone_enc, phone_bidx, phone_masked, address)
  SELECT c.id, x.position, x.name, x.id_number_enc, x.id_number_bidx, x.id_number_masked, x.id_number_unverified,
         x.phone_enc, x.phone_bidx, x.phone_masked, x.address
    FROM c JOIN i ON i.id = c.id, jsonb_to_recordset(i.petitioner) AS x(position int, name text,
         id_number_enc text, id_number_bidx text, id_number_masked text, id_number_unverified boolean,
         phone_enc text, phone_bidx text, phone_masked text, address text)
), a AS (
  INSERT INTO case_assignments (case_id, unit_id, role, status, assigned_at)
  SELECT c.id, i.unit_id, 'lead', 'accepted', i.received_at FROM c JOIN i ON i.id = c.id WHERE i.unit_id IS NOT NULL
)
SELECT i.n, c.case_number FROM i LEFT JOIN c ON c.id = i.id ORDER BY i.n`;

export interface LedgerWriteContext {
  keyRing: KeyRing;
  now: Date;
  actorId: string | null;
  collectiveThreshold: number;
}

/**
 * Writes one batch of checked rows (LEDGER_BATCH at most) in one statement, in the caller's
 * transaction. Returns each row's case number, or null where the row's import key was written
 * meanwhile by another import.
 */
export async function writeLedgerBatch(
  tx: Queryable,
  batch: readonly ParsedRow[],
  values: ValueResolver,
  place: LedgerContext,
  ctx: LedgerWriteContext,
): Promise<(string | null)[]> {
  const county = place.county!;
  const inputs = batch.map((p, n) => {
    const region = values.region(p);
    const pet = petitionerOf(ctx.keyRing, p);
    const title = titleOf(p.content);
    return {
      n,
      id: randomUUID(),
      import_key: p.key,
      ledger_number: p.ledgerNumber,
      channel: p.channel,
      category_id: values.categoryId(p),
      title,
      content: p.content,
      region_code: region.code,
      region_unit_id: region.id,
      region_path: region.path,
      headcount: p.headcount,
      batch_count: p.batches,
      is_collective: p.headcount >= ctx.collectiveThreshold,
      received_at: dayStart(p.receivedOn),
      replied_at: p.closedOn ? dayStart(p.closedOn) : null,
      reply_text: p.outcome || null,
      rating: p.rating,
      year: p.receivedOn.slice(0, 4),
      unit_id: values.unitId(p),
      search_text: indexText(title, p.content),
      petitioner: pet ? [pet] : [],
      bidx: pet?.id_number_bidx ? [pet.id_number_bidx] : [],
    };
  });
  const { rows } = await tx.query<{ n: number; case_number: string | null }>(WRITE_SQL, [
    JSON.stringify(inputs),
    county.code.slice(0, 6),
    ctx.now,
    ctx.actorId,
    place.bureauId,
  ]);
  const out: (string | null)[] = batch.map(() => null);
  for (const r of rows) out[r.n] = r.case_number;
  return out;
}

/** The confirmed mapping and the value choices, remembered for the next file with these headers. */
export async function rememberLedgerChoices(tx: Queryable, check: LedgerCheck, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO ledger_mappings (header_key, headers, mapping, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (header_key) DO UPDATE SET headers = EXCLUDED.headers, mapping = EXCLUDED.mapping,
       updated_at = EXCLUDED.updated_at`,
    [check.headerKey, JSON.stringify(check.info.headers), JSON.stringify(check.info.mapping), now],
  );
  const values = check.chosen;
  if (values.length)
    await tx.query(
      `INSERT INTO ledger_value_mappings (kind, value, target_id, updated_at)
       SELECT x.kind, x.value, x.target_id, $2 FROM jsonb_to_recordset($1::jsonb) AS x(kind text, value text, target_id uuid)
       ON CONFLICT (kind, value) DO UPDATE SET target_id = EXCLUDED.target_id, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(values.map(([kind, value, target_id]) => ({ kind, value, target_id }))), now],
    );
}
