import { randomInt } from "node:crypto";
import type { Queryable } from "../db/index.ts";

// No 0/O, 1/I/L: the code is read out over the phone and typed from paper.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newQueryCode(length = 8): string {
  let code = "";
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * Case numbers are <county region code>-<year>-<sequence>. The sequence comes from a database
 * sequence, not a counter row, so concurrent registrations never queue on one lock; a rolled-back
 * registration leaves a gap, which is allowed and documented.
 */
export async function nextCaseNumber(q: Queryable, countyRegionCode: string, year: number): Promise<string> {
  const { rows } = await q.query<{ n: string }>("SELECT nextval('case_number_seq')::text AS n");
  return `${countyRegionCode.slice(0, 6)}-${year}-${rows[0]!.n.padStart(7, "0")}`;
}
