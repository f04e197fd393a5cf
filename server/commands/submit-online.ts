import { createHash } from "node:crypto";
import type { TPublicSubmitRequest, TPublicSubmitResponse } from "../../domain/schemas/case.ts";
import { canonicalJson } from "../audit/hash-chain.ts";
import type { ClockContext } from "../cases/clocks.ts";
import { decryptField, encryptField, type KeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { registerCase } from "./register-case.ts";

export interface SubmitContext {
  keyRing: KeyRing;
  clocks: ClockContext;
  now: Date;
  collectiveThreshold: number;
  maxRepresentatives: number;
  ip: string | null;
  countyPath: string;
}

const RESPONSE_CONTEXT = "idempotency_keys.response";

class LostRace extends Error {}

async function storedResponse(db: Db, keyRing: KeyRing, key: string, requestHash: string) {
  const { rows } = await db.query<{ request_hash: string; response: { enc: string } }>(
    "SELECT request_hash, response FROM idempotency_keys WHERE key = $1",
    [key],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.request_hash !== requestHash) throw new AppError("IDEMPOTENCY_KEY_REUSED");
  return JSON.parse(decryptField(keyRing, row.response.enc, RESPONSE_CONTEXT)) as TPublicSubmitResponse;
}

/**
 * A citizen's online submission. With an idempotency key, a retry (after a timeout, a crash of the
 * server, a lost answer) returns the first answer and never creates a second case: the key is
 * written in the same transaction as the case, so both exist or neither does.
 */
export async function submitOnline(
  db: Db,
  body: TPublicSubmitRequest,
  idempotencyKey: string | null,
  ctx: SubmitContext,
): Promise<{ response: TPublicSubmitResponse; replayed: boolean }> {
  const requestHash = createHash("sha256").update(canonicalJson(body)).digest("hex");
  if (idempotencyKey) {
    const earlier = await storedResponse(db, ctx.keyRing, idempotencyKey, requestHash);
    if (earlier) return { response: earlier, replayed: true };
  }
  try {
    const response = await db.transaction(async (tx) => {
      const registered = await registerCase(
        tx,
        {
          channel: "online",
          title: body.title,
          content: body.content,
          problemRegionCode: body.problemRegionCode,
          nature: body.nature,
          legalClass: body.legalClass,
          categoryId: body.categoryId,
          accusedDescription: body.accusedDescription,
          petitioners: [{ ...body.petitioner, isRepresentative: false }],
          batchCount: 1,
          isAnonymous: false,
          isConfidential: body.nature === "accusation",
        },
        { ...ctx, actor: null, areaPath: ctx.countyPath },
      );
      const response: TPublicSubmitResponse = {
        caseNumber: registered.caseNumber,
        queryCode: registered.queryCode,
        receivedAt: registered.receivedAt.toISOString(),
      };
      if (idempotencyKey) {
        // ON CONFLICT waits for a concurrent holder of the key to finish; if it committed, we lost.
        const ins = await tx.query(
          `INSERT INTO idempotency_keys (key, request_hash, case_id, response, created_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING key`,
          [
            idempotencyKey,
            requestHash,
            registered.id,
            JSON.stringify({ enc: encryptField(ctx.keyRing, JSON.stringify(response), RESPONSE_CONTEXT) }),
            ctx.now,
          ],
        );
        if (ins.rows.length === 0) throw new LostRace();
      }
      return response;
    });
    return { response, replayed: false };
  } catch (err) {
    if (err instanceof LostRace && idempotencyKey) {
      const earlier = await storedResponse(db, ctx.keyRing, idempotencyKey, requestHash);
      if (earlier) return { response: earlier, replayed: true };
    }
    throw err;
  }
}
