import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STANDARD_ERRORS, zRegionCode, zText, zUuid } from "../../../domain/schemas/common.ts";
import { ORG_KINDS } from "../../../domain/schemas/org.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import type { Queryable } from "../../db/index.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";

type Kind = (typeof ORG_KINDS)[number];

/** A unit as the administrator sees it: inactive ones too. */
export const ZOrgUnitAdmin = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  regionCode: z.string(),
  path: z.string(),
  isActive: z.boolean(),
  userCount: z.number(),
  /** The unit a review of this unit's answers goes to (复查机关); null: outside the county's system. */
  reviewingUnitId: z.string().nullable(),
  /** The unit that does this unit's review work when it is the reviewing body (复查复核办公室). */
  reviewOfficeId: z.string().nullable(),
  /** The unit's own prefix for its answers' numbers (示人社信复); null: derived from its name. */
  docPrefix: z.string().nullable(),
});

/** 复查机关, 复查复核办公室 and 文号前缀 of a unit (条例 第三十二条、第三十五条). */
export const ZOrgUnitAnswering = z.object({
  reviewingUnitId: zUuid.nullable(),
  reviewOfficeId: zUuid.nullable(),
  docPrefix: z
    .string()
    .trim()
    .regex(
      /^[\p{Script=Han}A-Za-z0-9]{1,20}$/u,
      "1–20 个汉字、字母或数字 / 1–20 Chinese characters, letters or digits",
    )
    .nullable(),
});

export const ZOrgUnitCreate = z.object({
  parentId: zUuid,
  kind: z.enum(["township", "village", "group", "department", "bureau"]),
  /** The short code that becomes the last part of the unit's path (c.t1.v2). */
  code: z.string().regex(/^[a-z0-9_]{1,20}$/, "1–20 lower-case letters, digits or _"),
  name: zText(1, 100),
  /** GB/T 2260 code; groups, departments and bureaus take their parent's when left out. */
  regionCode: zRegionCode.optional(),
});

export const ZOrgUnitRename = z.object({ name: zText(1, 100) });

/** Which kind of unit may hang under which (四级网络: county → township → village → group). */
export const PARENT_KINDS: Record<Exclude<Kind, "county">, readonly Kind[]> = {
  township: ["county"],
  village: ["township"],
  group: ["village"],
  department: ["county", "township"],
  bureau: ["county", "township"],
};

/**
 * The region code a new unit must carry: a township 9 digits and a village 12, each starting with
 * its parent's code; a group, a department and a bureau share their parent's code. Null = fine.
 */
export function regionCodeProblem(
  kind: Exclude<Kind, "county">,
  parentCode: string,
  code: string,
): string | null {
  if (kind === "township")
    return code.length === 9 && code.startsWith(parentCode)
      ? null
      : "a township has 9 digits starting with its county's";
  if (kind === "village")
    return code.length === 12 && code.startsWith(parentCode)
      ? null
      : "a village has 12 digits starting with its township's";
  return code === parentCode ? null : "a group, department or bureau carries its parent's code";
}

interface AdminUnitRow {
  id: string;
  parent_id: string | null;
  kind: Kind;
  name: string;
  region_code: string;
  path: string;
  is_active: boolean;
  user_count: number;
  reviewing_unit_id: string | null;
  review_office_id: string | null;
  doc_prefix: string | null;
}

const SELECT_UNITS = `SELECT o.id, o.parent_id, o.kind, o.name, o.region_code, o.path, o.is_active,
  o.reviewing_unit_id, o.review_office_id, o.doc_prefix,
  (SELECT count(*)::int FROM users u WHERE u.unit_id = o.id AND u.is_active) AS user_count FROM org_units o`;

const present = (u: AdminUnitRow) => ({
  id: u.id,
  parentId: u.parent_id,
  kind: u.kind,
  name: u.name,
  regionCode: u.region_code,
  path: u.path,
  isActive: u.is_active,
  userCount: u.user_count,
  reviewingUnitId: u.reviewing_unit_id,
  reviewOfficeId: u.review_office_id,
  docPrefix: u.doc_prefix,
});

async function loadUnit(q: Queryable, id: string) {
  const row = (await q.query<AdminUnitRow>(`${SELECT_UNITS} WHERE o.id = $1`, [id])).rows[0];
  if (!row) throw new AppError("NOT_FOUND");
  return present(row);
}

/**
 * The org network as the system administrator keeps it: add a township, village, group or
 * department, rename a unit, deactivate one nobody works in any more (and reactivate it). Units are
 * never deleted: cases, users and the audit log point at them.
 */
export const orgUnitAdminRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/org/units/all",
    {
      schema: {
        tags: ["org"],
        summary: "组织网络管理视图（含停用单位，系统管理员） Every unit, inactive ones too",
        response: { 200: z.object({ items: z.array(ZOrgUnitAdmin) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, "system_admin", "security_admin");
      const { rows } = await db.query<AdminUnitRow>(`${SELECT_UNITS} ORDER BY o.path`);
      return { items: rows.map(present) };
    },
  );

  app.post(
    "/org/units",
    {
      schema: {
        tags: ["org"],
        summary: "新增单位（系统管理员） Add a unit under a parent",
        body: ZOrgUnitCreate,
        response: { 201: ZOrgUnitAdmin, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, "system_admin");
      const b = req.body;
      const unit = await db.transaction(async (tx) => {
        const parent = (
          await tx.query<{ kind: Kind; path: string; region_code: string; is_active: boolean }>(
            "SELECT kind, path, region_code, is_active FROM org_units WHERE id = $1 FOR UPDATE",
            [b.parentId],
          )
        ).rows[0];
        if (!parent?.is_active) throw new AppError("UNIT_UNKNOWN");
        if (!PARENT_KINDS[b.kind].includes(parent.kind))
          throw new AppError("ORG_UNIT_INVALID", {
            kind: b.kind,
            parentKind: parent.kind,
            allowed: PARENT_KINDS[b.kind],
          });
        const regionCode =
          b.regionCode ?? (["group", "department", "bureau"].includes(b.kind) ? parent.region_code : "");
        const problem = regionCodeProblem(b.kind, parent.region_code, regionCode);
        if (problem) throw new AppError("ORG_UNIT_INVALID", { regionCode: problem });
        const path = `${parent.path}.${b.code}`;
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO org_units (parent_id, kind, path, name, region_code, created_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (path) DO NOTHING RETURNING id`,
          [b.parentId, b.kind, path, b.name, regionCode, app.deps.now()],
        );
        if (!rows[0]) throw new AppError("ORG_UNIT_CODE_TAKEN", { path });
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "admin_unit_create",
          objectType: "org_unit",
          objectId: rows[0].id,
          detail: { path, kind: b.kind, name: b.name, regionCode },
        });
        return loadUnit(tx, rows[0].id);
      });
      return reply.code(201).send(unit);
    },
  );

  app.patch(
    "/org/units/:id",
    {
      schema: {
        tags: ["org"],
        summary: "单位更名（系统管理员） Rename a unit",
        params: z.object({ id: zUuid }),
        body: ZOrgUnitRename,
        response: { 200: ZOrgUnitAdmin, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      return db.transaction(async (tx) => {
        const before = (
          await tx.query<{ name: string }>("SELECT name FROM org_units WHERE id = $1 FOR UPDATE", [
            req.params.id,
          ])
        ).rows[0];
        if (!before) throw new AppError("NOT_FOUND");
        await tx.query("UPDATE org_units SET name = $2 WHERE id = $1", [req.params.id, req.body.name]);
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "admin_unit_rename",
          objectType: "org_unit",
          objectId: req.params.id,
          detail: { from: before.name, to: req.body.name },
        });
        return loadUnit(tx, req.params.id);
      });
    },
  );

  app.put(
    "/org/units/:id/answering",
    {
      schema: {
        tags: ["org"],
        summary:
          "设置复查机关、复查复核办公室和文号前缀（系统管理员） Set a unit's reviewing body, review office and number prefix",
        description:
          "reviewingUnitId: where a review of the unit's answers goes (null: a body outside the county's system, to which requests are referred). It may not be the unit itself or a unit below it. reviewOfficeId: the unit that acts for this one when it is the reviewing body (a county government's review office). docPrefix: the prefix of the unit's answer numbers (null: derived from its name).",
        params: z.object({ id: zUuid }),
        body: ZOrgUnitAnswering,
        response: { 200: ZOrgUnitAdmin, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      const b = req.body;
      return db.transaction(async (tx) => {
        const unit = (
          await tx.query<{
            path: string;
            reviewing_unit_id: string | null;
            review_office_id: string | null;
            doc_prefix: string | null;
          }>(
            "SELECT path, reviewing_unit_id, review_office_id, doc_prefix FROM org_units WHERE id = $1 FOR UPDATE",
            [req.params.id],
          )
        ).rows[0];
        if (!unit) throw new AppError("NOT_FOUND");
        const other = async (id: string | null, field: string) => {
          if (id === null) return;
          const r = (
            await tx.query<{ path: string }>("SELECT path FROM org_units WHERE id = $1 AND is_active", [id])
          ).rows[0];
          if (!r) throw new AppError("UNIT_UNKNOWN", { field });
          // A unit reviewed by itself or by a unit below it would review its own answers.
          if (r.path === unit.path || r.path.startsWith(`${unit.path}.`))
            throw new AppError("UNIT_ANSWERING_CYCLE", { field });
        };
        await other(b.reviewingUnitId, "reviewingUnitId");
        if (b.reviewOfficeId === req.params.id)
          throw new AppError("UNIT_ANSWERING_CYCLE", { field: "reviewOfficeId" });
        if (b.reviewOfficeId !== null) {
          const ok = await tx.query("SELECT 1 FROM org_units WHERE id = $1 AND is_active", [
            b.reviewOfficeId,
          ]);
          if (ok.rows.length === 0) throw new AppError("UNIT_UNKNOWN", { field: "reviewOfficeId" });
        }
        const before = {
          reviewingUnitId: unit.reviewing_unit_id,
          reviewOfficeId: unit.review_office_id,
          docPrefix: unit.doc_prefix,
        };
        const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => b[k] !== before[k]);
        if (changed.length > 0) {
          await tx.query(
            "UPDATE org_units SET reviewing_unit_id = $2, review_office_id = $3, doc_prefix = $4 WHERE id = $1",
            [req.params.id, b.reviewingUnitId, b.reviewOfficeId, b.docPrefix],
          );
          await recordAudit(tx, {
            actorId: actor.id,
            actorRole: "system_admin",
            ip: req.ip,
            action: "admin_unit_answering",
            objectType: "org_unit",
            objectId: req.params.id,
            detail: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: b[k] }])),
          });
        }
        return loadUnit(tx, req.params.id);
      });
    },
  );

  for (const active of [false, true]) {
    app.post(
      `/org/units/:id/${active ? "activate" : "deactivate"}`,
      {
        schema: {
          tags: ["org"],
          summary: active
            ? "启用单位（系统管理员） Reactivate a unit"
            : "停用单位（系统管理员） Deactivate a unit",
          params: z.object({ id: zUuid }),
          response: { 200: ZOrgUnitAdmin, ...STANDARD_ERRORS },
        },
      },
      async (req) => {
        const actor = requireRole(req, "system_admin");
        return db.transaction(async (tx) => {
          const row = (
            await tx.query<{ kind: Kind; path: string; parent_active: boolean | null }>(
              `SELECT o.kind, o.path, p.is_active AS parent_active FROM org_units o
                 LEFT JOIN org_units p ON p.id = o.parent_id WHERE o.id = $1 FOR UPDATE OF o`,
              [req.params.id],
            )
          ).rows[0];
          if (!row) throw new AppError("NOT_FOUND");
          if (active) {
            if (row.parent_active === false) throw new AppError("ORG_UNIT_INVALID", { parent: "inactive" });
          } else {
            if (row.kind === "county") throw new AppError("ORG_UNIT_IN_USE", { reason: "county" });
            const use = (
              await tx.query<{ units: number; users: number }>(
                `SELECT (SELECT count(*)::int FROM org_units WHERE parent_id = $1 AND is_active) AS units,
                        (SELECT count(*)::int FROM users WHERE unit_id = $1 AND is_active) AS users`,
                [req.params.id],
              )
            ).rows[0]!;
            if (use.units > 0 || use.users > 0) throw new AppError("ORG_UNIT_IN_USE", use);
          }
          await tx.query("UPDATE org_units SET is_active = $2 WHERE id = $1", [req.params.id, active]);
          await recordAudit(tx, {
            actorId: actor.id,
            actorRole: "system_admin",
            ip: req.ip,
            action: active ? "admin_unit_activate" : "admin_unit_deactivate",
            objectType: "org_unit",
            objectId: req.params.id,
            detail: { path: row.path },
          });
          return loadUnit(tx, req.params.id);
        });
      },
    );
  }
};
