import { z } from "zod";

export const IMPORT_KINDS = ["network", "users"] as const;

export const ZImportIssue = z.object({
  sheet: z.string(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  zh: z.string(),
  en: z.string(),
});

/** A preview or an applied import of the network or the users (the 422 IMPORT_INVALID details too). */
export const ZImportResult = z.object({
  kind: z.enum(IMPORT_KINDS),
  mode: z.enum(["accounts", "roles", "all"]).nullable(),
  file: z.object({ name: z.string(), sha256: z.string(), sheet: z.string() }),
  applied: z.boolean(),
  summary: z.object({
    rows: z.number(),
    invalidRows: z.number(),
    created: z.number(),
    updated: z.number(),
    roles: z.number(),
    unchanged: z.number(),
  }),
  issues: z.array(ZImportIssue),
  changes: z.array(
    z.object({
      row: z.number(),
      action: z.enum(["create", "update", "roles"]),
      key: z.string(),
      detail: z.string(),
    }),
  ),
  /** First passwords of the accounts an applied users import created: in this answer only. */
  passwords: z.array(z.object({ username: z.string(), displayName: z.string(), password: z.string() })),
});
export type TImportResult = z.infer<typeof ZImportResult>;

export const ZImportQuery = z.object({
  /** false (default): check and preview, write nothing. */
  apply: z.enum(["true", "false"]).default("false"),
  skipInvalid: z.enum(["true", "false"]).default("false"),
});
