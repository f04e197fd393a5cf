/**
 * Every place an encrypted field token (server/crypto/field-crypto.ts) is stored, with the context
 * it was encrypted under. Key rotation re-encrypts exactly these; findUnlistedTokens() looks for
 * tokens anywhere else, so a new encrypted column that was not added here is noticed.
 */
import type { Queryable } from "../db/index.ts";
import { quoteIdent } from "./catalog.ts";

export interface TokenColumn {
  /** table.column, or table.column.field for a token inside jsonb. */
  label: string;
  table: string;
  /** The column the token lives in (itself, or the jsonb document holding it). */
  column: string;
  /** The encryptField context: a token only decrypts under the context it was written with. */
  context: string;
  /** Primary-key columns and their types, to address a row in an update. */
  key: readonly { name: string; type: string }[];
  /** SQL reading the token from a row of the table. */
  tokenSql: string;
  /** SQL for the SET clause, given `v.token` as the new token. */
  setSql: string;
}

const PETITIONER_KEY = [
  { name: "case_id", type: "uuid" },
  { name: "position", type: "integer" },
] as const;

export const TOKEN_COLUMNS: readonly TokenColumn[] = [
  {
    label: "case_petitioners.id_number_enc",
    table: "case_petitioners",
    column: "id_number_enc",
    context: "case_petitioners.id_number",
    key: PETITIONER_KEY,
    tokenSql: "id_number_enc",
    setSql: "id_number_enc = v.token",
  },
  {
    label: "case_petitioners.phone_enc",
    table: "case_petitioners",
    column: "phone_enc",
    context: "case_petitioners.phone",
    key: PETITIONER_KEY,
    tokenSql: "phone_enc",
    setSql: "phone_enc = v.token",
  },
  {
    label: "idempotency_keys.response.enc",
    table: "idempotency_keys",
    column: "response",
    context: "idempotency_keys.response",
    key: [{ name: "key", type: "text" }],
    tokenSql: "response->>'enc'",
    setSql: "response = jsonb_set(response, '{enc}', to_jsonb(v.token))",
  },
  ...(["id_number", "phone"] as const).flatMap((field) => [
    {
      label: `reception_appointments.${field}_enc`,
      table: "reception_appointments",
      column: `${field}_enc`,
      context: `reception_appointments.${field}`,
      key: [{ name: "id", type: "uuid" }],
      tokenSql: `${field}_enc`,
      setSql: `${field}_enc = v.token`,
    },
    {
      label: `reception_petitioners.${field}_enc`,
      table: "reception_petitioners",
      column: `${field}_enc`,
      context: `reception_petitioners.${field}`,
      key: [
        { name: "record_id", type: "uuid" },
        { name: "position", type: "integer" },
      ],
      tokenSql: `${field}_enc`,
      setSql: `${field}_enc = v.token`,
    },
  ]),
  {
    label: "users.totp_secret_enc",
    table: "users",
    column: "totp_secret_enc",
    context: "users.totp_secret",
    key: [{ name: "id", type: "uuid" }],
    tokenSql: "totp_secret_enc",
    setSql: "totp_secret_enc = v.token",
  },
];

/** The key id of a v1 token, as SQL: the second dot-separated part. */
export function keyIdSql(tokenSql: string): string {
  return `split_part(${tokenSql}, '.', 2)`;
}

/** A v1 token as a whole text value, and as a JSON string inside a jsonb document. */
const TOKEN_TEXT = String.raw`^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$`;
const TOKEN_IN_JSON = String.raw`"v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+"`;

/**
 * Text and jsonb columns outside TOKEN_COLUMNS that hold something shaped like a token, with how
 * many rows do. A full scan of those columns: an operations check, not for request paths.
 */
export async function findUnlistedTokens(q: Queryable): Promise<{ column: string; rows: number }[]> {
  const listed = new Set(TOKEN_COLUMNS.map((c) => `${c.table}.${c.column}`));
  const columns = await q.query<{ table_name: string; column_name: string; type: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, t.typname AS type
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attgenerated = '' AND t.typname IN ('text', 'varchar', 'jsonb', 'json')
      ORDER BY 1, 2`,
  );
  const out: { column: string; rows: number }[] = [];
  for (const col of columns.rows) {
    const label = `${col.table_name}.${col.column_name}`;
    if (listed.has(label)) continue;
    const isJson = col.type === "jsonb" || col.type === "json";
    const test = isJson
      ? `${quoteIdent(col.column_name)}::text ~ '${TOKEN_IN_JSON}'`
      : `${quoteIdent(col.column_name)} ~ '${TOKEN_TEXT}'`;
    const r = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${quoteIdent(col.table_name)} WHERE ${test}`,
    );
    if (r.rows[0]!.n > 0) out.push({ column: label, rows: r.rows[0]!.n });
  }
  return out;
}
