import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTIONS,
  isAuditAction,
  RETIRED_AUDIT_ACTIONS,
} from "../../../domain/audit/actions.ts";
import { CASE_ACTIONS } from "../../../domain/workflow/transitions.ts";

/**
 * The audit screen names every action code the server writes (domain/audit/actions.ts). This test
 * reads the server's source: every audit row written — through recordAudit, its wrappers, or an
 * `INSERT INTO audit_log` in SQL — must have its code in the catalogue, and every code in the
 * catalogue must still be written somewhere. A code built from a template (`case_${action}`) must be
 * listed below with what it expands to.
 */

const SERVER = path.resolve(import.meta.dirname, "../..");

/** The shared functions that write an audit row, and which argument is the action code. */
const WRITERS: Record<string, number | "object"> = {
  recordAudit: "object",
  recordActorAudit: 2,
  auditBureau: 2,
  recordOpsAudit: 1,
};

/** What each template of the source may expand to (the source's own union types and loops). */
const TEMPLATES: Record<string, readonly string[]> = {
  "case_${action}": CASE_ACTIONS,
  "case_${input.step}": ["request_review", "request_reexam"],
  "admin_user_${action}": ["deactivate", "activate", "unlock"],
  "admin_password_reset_${decision}": ["approve", "reject"],
  "ownership_${to}": ["resolved", "withdrawn"],
  "supervision_${input.kind}_create": ["reminder", "order", "flag"],
  "supervision_${action}": ["accept", "return", "lift"],
  "reception_appointment_${to}": ["cancelled", "no_show"],
  "import_${kind}": ["network", "users"],
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (p.endsWith(".ts") && !p.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

/** The text from an opening bracket to its closing one (strings are not special: good enough here). */
function balanced(src: string, open: number): string {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === "(" || ch === "{" || ch === "[") depth++;
    else if (ch === ")" || ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return src.slice(open + 1, i);
    }
  }
  throw new Error("unbalanced");
}

/** Top-level comma-separated parts. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let inTemplate = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "`") inTemplate = !inTemplate;
    if (inTemplate) continue;
    if (ch === "(" || ch === "{" || ch === "[") depth++;
    else if (ch === ")" || ch === "}" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

interface Found {
  codes: string[];
  templates: string[];
  /** The expression is a variable: allowed only as a wrapper's own `action` parameter. */
  variable: string | null;
}

function codesOf(expr: string): Found {
  const codes = [...expr.matchAll(/["']([a-z0-9_]+)["']/g)].map((m) => m[1]!);
  const templates = [...expr.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
  const variable = codes.length === 0 && templates.length === 0 ? expr : null;
  return { codes, templates, variable };
}

interface Site extends Found {
  where: string;
}

function auditSites(): Site[] {
  const sites: Site[] = [];
  for (const file of sourceFiles(SERVER)) {
    const src = fs.readFileSync(file, "utf8");
    const where = path.relative(SERVER, file);
    // Local wrappers: `const audit = (action: string, …) => recordAudit(…)` — the action is their
    // first argument.
    const local = [...src.matchAll(/const (\w+) = (?:async )?\(action: string/g)]
      .filter((m) => /^[^;]*?=>\s*(await )?recordAudit\(/.test(src.slice(m.index, m.index + 300)))
      .map((m) => m[1]!);
    const writers: Record<string, number | "object"> = { ...WRITERS };
    for (const w of local) writers[w] = 0;
    for (const [name, arg] of Object.entries(writers)) {
      for (const m of src.matchAll(new RegExp(`(?<![\\w.])${name}\\(`, "g"))) {
        const args = balanced(src, m.index + name.length);
        if (/^\s*\w+\s*:/.test(args)) continue; // the function's own declaration
        let expr: string;
        if (arg === "object") {
          const obj = splitTop(args)[1] ?? "";
          const field = splitTop(obj.replace(/^\{|\}$/g, "")).find((p) => /^action\b/.test(p));
          if (!field) throw new Error(`${where}: an audit row without an action`);
          expr = field.includes(":") ? field.slice(field.indexOf(":") + 1).trim() : "action";
        } else {
          expr = splitTop(args)[arg] ?? "";
        }
        sites.push({ where, ...codesOf(expr) });
      }
    }
    // Rows written by SQL: the fourth value of the insert, a literal or a parameter (the writer's
    // own insert takes any action).
    if (where === path.join("audit", "audit-log.ts")) continue;
    for (const m of src.matchAll(/INSERT INTO audit_log \(actor_id, actor_role, ip, action,[^)]*\)\s*/g)) {
      const rest = src.slice(m.index + m[0].length);
      const sqlEnd = rest.indexOf("`");
      const sql = rest.slice(0, sqlEnd);
      const list = /^VALUES\s*\(/.test(sql) ? balanced(sql, sql.indexOf("(")) : sql.replace(/^SELECT\s+/, "");
      const fourth = splitTop(list)[3] ?? "";
      if (/^\$\d+$/.test(fourth)) {
        const params = splitTop(balanced(rest, rest.indexOf("[", sqlEnd)));
        sites.push({ where, ...codesOf(params[Number(fourth.slice(1)) - 1] ?? "") });
      } else {
        sites.push({ where, ...codesOf(fourth.replace(/'/g, '"')) });
      }
    }
  }
  return sites;
}

const sites = auditSites();

describe("the audit action catalogue", () => {
  it("finds the audit rows the server writes", () => {
    // A guard on the reader itself: it sees the well-known writers of each kind.
    const all = sites.flatMap((s) => s.codes);
    for (const code of ["case_register", "login_failed", "audit_read", "backlog_mark", "keys_rotate"]) {
      expect(all, code).toContain(code);
    }
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source's template, as text
    expect(sites.flatMap((s) => s.templates)).toContain("case_${action}");
    expect(sites.length).toBeGreaterThan(80);
  });

  it("names every action code the server writes", () => {
    const unnamed = sites.flatMap((s) =>
      s.codes.filter((c) => !isAuditAction(c)).map((c) => `${s.where}: ${c}`),
    );
    expect(unnamed).toEqual([]);
  });

  it("knows what every templated action code expands to, and names each", () => {
    for (const s of sites) {
      for (const tpl of s.templates) {
        const parts = TEMPLATES[tpl];
        expect(parts, `${s.where}: add \`${tpl}\` to TEMPLATES`).toBeDefined();
        for (const part of parts ?? []) {
          const code = tpl.replace(/\$\{[^}]+\}/, part);
          expect(isAuditAction(code), `${s.where}: ${code}`).toBe(true);
        }
      }
    }
  });

  it("reads each audit row's action as a literal, a template, or a wrapper's own parameter", () => {
    const unread = sites.filter((s) => s.variable !== null && s.variable !== "action");
    expect(unread.map((s) => `${s.where}: ${s.variable}`)).toEqual([]);
  });

  it("lists no code the server no longer writes", () => {
    const written = new Set(sites.flatMap((s) => s.codes));
    for (const s of sites) {
      for (const tpl of s.templates) {
        for (const part of TEMPLATES[tpl] ?? []) written.add(tpl.replace(/\$\{[^}]+\}/, part));
      }
    }
    expect(AUDIT_ACTION_CODES.filter((c) => !written.has(c) && !RETIRED_AUDIT_ACTIONS.includes(c))).toEqual(
      [],
    );
  });

  it("gives every code a Chinese and an English name", () => {
    for (const code of AUDIT_ACTION_CODES) {
      expect(AUDIT_ACTIONS[code].zh, code).toMatch(/\p{Script=Han}/u);
      expect(AUDIT_ACTIONS[code].en, code).toMatch(/^[A-Z]/);
    }
  });
});
