import { z } from "zod";

export const IMPORT_KINDS = ["network", "users", "ledger"] as const;

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
  /** A ledger import: the column mapping, the names that matched nothing, every row's outcome. */
  ledger: z
    .object({
      headers: z.array(z.string()),
      mapping: z.record(z.string(), z.string().nullable()),
      mappingSource: z.enum(["given", "remembered", "automatic"]),
      unknownCategories: z.array(z.string()),
      unknownUnits: z.array(z.string()),
      defaultedCategories: z.array(z.string()),
      defaultedUnits: z.array(z.string()),
      unverifiedIds: z.number(),
      duplicates: z.number(),
      rows: z.array(
        z.object({
          row: z.number(),
          outcome: z.enum(["imported", "to_import", "duplicate", "skipped"]),
          ledgerNumber: z.string().nullable(),
          caseNumber: z.string().nullable(),
          note: z.string(),
        }),
      ),
    })
    .optional(),
});
export type TImportResult = z.infer<typeof ZImportResult>;

/** The ledger's mapping step: the headers, the mapping they get, and the first rows — read from the file's head only. */
export const ZLedgerMappingStep = z.object({
  file: z.object({ name: z.string(), sheet: z.string() }),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()),
  mappingSource: z.enum(["given", "remembered", "automatic"]),
  /** The first data rows as text, cell by cell in the file's column order. */
  sample: z.array(z.array(z.string())),
});
export type TLedgerMappingStep = z.infer<typeof ZLedgerMappingStep>;

export const ZImportQuery = z.object({
  /** false (default): check and preview, write nothing. */
  apply: z.enum(["true", "false"]).default("false"),
  skipInvalid: z.enum(["true", "false"]).default("false"),
  /** Ledger: accept the automatic mapping; unknown categories → 其他, unknown units unassigned. */
  yes: z.enum(["true", "false"]).default("false"),
  /** Ledger: the confirmed mapping, JSON {field: header or null}. */
  mapping: z.string().max(20000).optional(),
  /** Ledger: choices for unknown names, JSON {categories: {name: id|null}, units: {name: id|null}}. */
  values: z.string().max(200000).optional(),
});

export const ZLedgerMappingJson = z.record(z.string().max(40), z.string().max(200).nullable());
export const ZLedgerValuesJson = z.object({
  categories: z.record(z.string().max(100), z.uuid().nullable()).optional(),
  units: z.record(z.string().max(100), z.uuid().nullable()).optional(),
});
