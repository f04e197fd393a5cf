import path from "node:path";

/**
 * The one typed configuration object. Nothing else in the server reads process.env, so every
 * setting is visible here with its default.
 */
export interface Config {
  /** postgres://… for PostgreSQL; unset for the embedded PGlite database. */
  databaseUrl: string | null;
  dataDir: string;
  /**
   * Close what in the data folder is open to the group or others (to 0700 / 0600) at start instead
   * of refusing to run (XF_FIX_PERMISSIONS=1; `xinfang fix-permissions` does it once).
   */
  fixPermissions: boolean;
  host: string;
  port: number;
  /** Demo mode loads a demo county on first start and prints demo credentials. */
  demo: boolean;
  /** The API documentation (/docs) without a login: the demo's default, XF_DOCS_PUBLIC otherwise. */
  docsPublic: boolean;
  /** Key ring JSON (see server/crypto); unset in embedded mode means "generate into dataDir". */
  keyRing: string | null;
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  collectiveThreshold: number;
  /** 信访工作条例 Art. 18: at most 5 representatives; some provinces allow fewer. */
  maxRepresentatives: number;
  attachmentMaxBytes: number;
  attachmentTypes: string[];
  publicRateLimitPerMinute: number;
  /** Loopback is exempt from rate limits only when this is set (load tests). */
  rateLimitAllowLoopback: boolean;
  secureCookies: boolean;
  logLevel: string;
  pgPoolSize: number;
  /** Staff registrations written together at most, in one statement (group commit). */
  intakeBatchMax: number;
  /** Registration statements running at the same time; more arrivals wait and share the next one. */
  intakeWriters: number;
  /** The rule pack of time limits (a file in rules/): national-2022, zhejiang, county-internal … */
  rulePack: string;
  /** "mlps" (等保三级): administrators must use a second factor and passwords expire. */
  securityProfile: "standard" | "mlps";
  /** Days after which a password must be changed; 0 = never (the mlps profile defaults to 90). */
  passwordMaxAgeDays: number;
  /** When the deadline scan runs (cron, Asia/Shanghai); "off" leaves it to `xinfang deadlines scan`. */
  deadlineScanCron: string;
  /** Append-only file of audit chain heads, outside the database (server/audit/anchor.ts). */
  auditAnchorFile: string;
  /** A CJK font for PDF documents ("file" or "file.ttc#PostScriptName"); unset = find Noto CJK. */
  pdfFont: string | null;
  /** "My to-dos" marks a case due soon (yellow) when its next due day is within this many working days. */
  todoDueSoonDays: number;
  /** Minutes between VACUUM (ANALYZE) passes on the embedded database; 0 = never (server/db/maintenance.ts). */
  pgliteMaintenanceMinutes: number;
  /** Open data (docs/OPENDATA.md): a cell counting fewer cases than this is published as "<N". */
  openDataMinCell: number;
  /** Largest boundary GeoJSON the map accepts, in bytes. */
  mapGeojsonMaxBytes: number;
  /** Open311 jurisdiction_id this server answers for; unset = the county's region code. */
  open311Jurisdiction: string | null;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid integer setting: ${value}`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return value === "1" || value.toLowerCase() === "true";
}

function cron(value: string | undefined, fallback: string): string {
  if (value === undefined || value === "") return fallback;
  if (value === "off" || /^(\S+\s+){4}\S+$/.test(value.trim())) return value.trim();
  throw new Error(`invalid cron setting (five fields, or "off"): ${value}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.XF_DATA_DIR ?? "data");
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    fixPermissions: bool(env.XF_FIX_PERMISSIONS, false),
    host: env.HOST ?? "0.0.0.0",
    port: int(env.PORT, 3000),
    demo: bool(env.XF_DEMO, true),
    docsPublic: bool(env.XF_DOCS_PUBLIC, bool(env.XF_DEMO, true)),
    keyRing: env.XF_KEY_RING || null,
    sessionIdleMinutes: int(env.XF_SESSION_IDLE_MINUTES, 15),
    loginMaxFailures: int(env.XF_LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: int(env.XF_LOGIN_LOCK_MINUTES, 30),
    collectiveThreshold: int(env.XF_COLLECTIVE_THRESHOLD, 5),
    maxRepresentatives: int(env.XF_MAX_REPRESENTATIVES, 5),
    attachmentMaxBytes: int(env.XF_ATTACHMENT_MAX_BYTES, 10 * 1024 * 1024),
    attachmentTypes: (
      env.XF_ATTACHMENT_TYPES ??
      "application/pdf,image/jpeg,image/png,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
    ).split(","),
    publicRateLimitPerMinute: int(env.XF_PUBLIC_RATE_LIMIT, 30),
    rateLimitAllowLoopback: bool(env.XF_RATE_LIMIT_ALLOW_LOOPBACK, false),
    secureCookies: bool(env.XF_SECURE_COOKIES, false),
    logLevel: env.LOG_LEVEL ?? "info",
    pgPoolSize: int(env.XF_PG_POOL_SIZE, 10),
    intakeBatchMax: int(env.XF_INTAKE_BATCH_MAX, 64),
    intakeWriters: int(env.XF_INTAKE_WRITERS, 2),
    rulePack: env.XF_RULE_PACK ?? "county-internal",
    securityProfile: env.XF_SECURITY_PROFILE === "mlps" ? "mlps" : "standard",
    passwordMaxAgeDays: int(env.XF_PASSWORD_MAX_AGE_DAYS, env.XF_SECURITY_PROFILE === "mlps" ? 90 : 0),
    deadlineScanCron: cron(env.XF_DEADLINE_SCAN_CRON, "*/15 * * * *"),
    auditAnchorFile: path.resolve(env.XF_AUDIT_ANCHOR_FILE ?? path.join(dataDir, "audit-anchors.jsonl")),
    pdfFont: env.XF_PDF_FONT || null,
    todoDueSoonDays: int(env.XF_TODO_DUE_SOON_DAYS, 3),
    pgliteMaintenanceMinutes: int(env.XF_PGLITE_MAINTENANCE_MINUTES, 60),
    openDataMinCell: Math.max(2, int(env.XF_OPEN_DATA_MIN_CELL, 5)),
    mapGeojsonMaxBytes: int(env.XF_MAP_GEOJSON_MAX_BYTES, 5 * 1024 * 1024),
    open311Jurisdiction: env.XF_OPEN311_JURISDICTION || null,
  };
}
