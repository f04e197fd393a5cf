import { ROLE_LABELS } from "../auth/role-labels.ts";
import { ROLES, type Role } from "../auth/roles.ts";
import { CASE_STATUSES } from "../workflow/statuses.ts";
import { AUDIT_ACTIONS, isAuditAction } from "./actions.ts";
import {
  AUDIT_FIELD_LABELS,
  AUDIT_STATE_LABELS,
  AUDIT_VALUE_LABELS,
  type AuditBi,
  type AuditLang,
} from "./labels.ts";

/**
 * An audit row's detail as people read it: each field the server writes under its name, each code
 * value under its label. What cannot be named this way (a key no one described, a settings object
 * with keys of its own) is left in `raw`, which the screen shows folded as the raw record.
 */
export type AuditValue =
  | { t: "text"; text: string }
  | { t: "time"; iso: string }
  | { t: "label"; label: AuditBi }
  | { t: "status"; code: string }
  | { t: "channel"; code: string }
  | { t: "bool"; value: boolean }
  | { t: "list"; items: AuditValue[] }
  | { t: "fields"; fields: AuditField[] }
  | { t: "none" }
  /** Too particular to name here: the value is in the raw record. */
  | { t: "raw" };

export interface AuditField {
  key: string;
  label: AuditBi;
  value: AuditValue;
}

export interface AuditDetailView {
  fields: AuditField[];
  /** The keys (with their values) not shown as fields; null when every key was. */
  raw: Record<string, unknown> | null;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_DEPTH = 3;
/** Fields that hold roles (a grant, the approval chain by severity); elsewhere `registrar` may be a user name. */
const ROLE_KEYS = new Set(["roles", "role", "from", "to", "urgent", "general", "major"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describeString(action: string, key: string, value: string): AuditValue {
  const coded = AUDIT_VALUE_LABELS[key]?.[value];
  if (coded) return { t: "label", label: coded };
  if (key === "action" && isAuditAction(value)) return { t: "label", label: AUDIT_ACTIONS[value] };
  if (key === "channel") return { t: "channel", code: value };
  const isStatus = (CASE_STATUSES as readonly string[]).includes(value);
  if (key === "status" && isStatus) return { t: "status", code: value };
  if (key === "from" || key === "to") {
    if (action.startsWith("case_") && isStatus) return { t: "status", code: value };
    const prefix = Object.keys(AUDIT_STATE_LABELS).find((p) => action.startsWith(p));
    const state = prefix ? AUDIT_STATE_LABELS[prefix]?.[value] : undefined;
    if (state) return { t: "label", label: state };
  }
  if (ROLE_KEYS.has(key) && (ROLES as readonly string[]).includes(value)) {
    return { t: "label", label: ROLE_LABELS[value as Role] };
  }
  if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { t: "time", iso: value };
  return { t: "text", text: value };
}

/** The value of one field, or null when it holds something no label describes. */
function describeValue(action: string, key: string, value: unknown, depth: number): AuditValue | null {
  if (value === null || value === undefined) return { t: "none" };
  if (typeof value === "boolean") return { t: "bool", value };
  if (typeof value === "number") return { t: "text", text: String(value) };
  if (typeof value === "string") return describeString(action, key, value);
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    const items = value.map((v) => describeValue(action, key, v, depth + 1));
    return items.every((i) => i !== null) ? { t: "list", items: items as AuditValue[] } : null;
  }
  if (isPlainObject(value)) {
    const fields: AuditField[] = [];
    for (const [k, v] of Object.entries(value).sort(byCatalogue)) {
      const label = AUDIT_FIELD_LABELS[k];
      const described = label ? describeValue(action, k, v, depth + 1) : null;
      if (!label || !described) return null;
      fields.push({ key: k, label, value: described });
    }
    return { t: "fields", fields };
  }
  return null;
}

/** Fields in the catalogue's order, whatever order the database returns a row's keys in. */
const FIELD_ORDER = new Map(Object.keys(AUDIT_FIELD_LABELS).map((k, i) => [k, i]));
const byCatalogue = ([a]: [string, unknown], [b]: [string, unknown]) =>
  (FIELD_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER) - (FIELD_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER);

export function describeAuditDetail(action: string, detail: Record<string, unknown>): AuditDetailView {
  const fields: AuditField[] = [];
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail).sort(byCatalogue)) {
    const label = Object.hasOwn(AUDIT_FIELD_LABELS, key) ? AUDIT_FIELD_LABELS[key] : undefined;
    if (!label) {
      raw[key] = value;
      continue;
    }
    const described = describeValue(action, key, value, 0);
    if (!described) raw[key] = value;
    fields.push({ key, label, value: described ?? { t: "raw" } });
  }
  return { fields, raw: Object.keys(raw).length > 0 ? raw : null };
}

/** How the reader names the codes whose labels live with their screens (statuses, channels). */
export interface AuditNames {
  status(code: string): string;
  channel(code: string): string;
}

const TIME_FORMAT = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** A moment as the bureau reads it: Shanghai time, `YYYY-MM-DD HH:mm:ss`. */
export function shanghaiTime(iso: string | Date): string {
  return TIME_FORMAT.format(typeof iso === "string" ? new Date(iso) : iso);
}

export function auditValueText(v: AuditValue, lang: AuditLang, names: AuditNames): string {
  const sep = lang === "zh" ? "、" : ", ";
  switch (v.t) {
    case "text":
      return v.text;
    case "time":
      return shanghaiTime(v.iso);
    case "label":
      return v.label[lang];
    case "status":
      return names.status(v.code);
    case "channel":
      return names.channel(v.code);
    case "bool":
      return lang === "zh" ? (v.value ? "是" : "否") : v.value ? "yes" : "no";
    case "list":
      return v.items.length === 0 ? "—" : v.items.map((i) => auditValueText(i, lang, names)).join(sep);
    case "fields":
      return lang === "zh"
        ? `（${auditFieldsText(v.fields, lang, names)}）`
        : `(${auditFieldsText(v.fields, lang, names)})`;
    case "none":
      return "—";
    case "raw":
      return lang === "zh" ? "（见原始记录）" : "(see the raw record)";
  }
}

/** Fields as one line: `名称：值；名称：值`. */
export function auditFieldsText(fields: readonly AuditField[], lang: AuditLang, names: AuditNames): string {
  return fields
    .map((f) =>
      lang === "zh"
        ? `${f.label.zh}：${auditValueText(f.value, lang, names)}`
        : `${f.label.en}: ${auditValueText(f.value, lang, names)}`,
    )
    .join(lang === "zh" ? "；" : "; ");
}
