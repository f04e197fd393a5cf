import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZErrorResponse, zUuid } from "../../../domain/schemas/common.ts";
import { ZCategory, ZCategoryCreate, ZCategoryUpdate, ZOrgUnit } from "../../../domain/schemas/org.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { requireActor, requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { orgUnitAdminRoutes } from "./units.ts";

interface UnitRow {
  id: string;
  parent_id: string | null;
  kind: z.infer<typeof ZOrgUnit>["kind"];
  name: string;
  region_code: string;
  path: string;
}
interface CategoryRow {
  id: string;
  parent_id: string | null;
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
  is_active: boolean;
}

const presentCategory = (c: CategoryRow) => ({
  id: c.id,
  parentId: c.parent_id,
  code: c.code,
  nameZh: c.name_zh,
  nameEn: c.name_en,
  sort: c.sort,
  isActive: c.is_active,
});

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse };

export const orgRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  await app.register(orgUnitAdminRoutes);

  app.get(
    "/org/units",
    {
      schema: {
        tags: ["org"],
        summary: "组织网络（县-乡-村-组及部门） The org network",
        response: { 200: z.object({ items: z.array(ZOrgUnit) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      const { rows } = await db.query<UnitRow>(
        "SELECT id, parent_id, kind, name, region_code, path FROM org_units WHERE is_active ORDER BY path",
      );
      return {
        items: rows.map((u) => ({
          id: u.id,
          parentId: u.parent_id,
          kind: u.kind,
          name: u.name,
          regionCode: u.region_code,
          path: u.path,
        })),
      };
    },
  );

  app.get(
    "/categories",
    {
      schema: {
        tags: ["org"],
        summary: "问题类别（两级） Category taxonomy",
        response: { 200: z.object({ items: z.array(ZCategory) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      const { rows } = await db.query<CategoryRow>(
        "SELECT id, parent_id, code, name_zh, name_en, sort, is_active FROM categories ORDER BY sort, code",
      );
      return { items: rows.map(presentCategory) };
    },
  );

  app.post(
    "/categories",
    {
      schema: {
        tags: ["org"],
        summary: "新增问题类别（系统管理员） Add a category",
        body: ZCategoryCreate,
        response: { 201: ZCategory, ...errors, 409: ZErrorResponse, 422: ZErrorResponse },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, "system_admin");
      const created = await db.transaction(async (tx) => {
        if (req.body.parentId) {
          const parent = await tx.query<{ parent_id: string | null }>(
            "SELECT parent_id FROM categories WHERE id = $1",
            [req.body.parentId],
          );
          // Two levels only: a parent must itself be top-level.
          if (!parent.rows[0] || parent.rows[0].parent_id !== null) throw new AppError("CATEGORY_UNKNOWN");
        }
        const { rows } = await tx.query<CategoryRow>(
          `INSERT INTO categories (parent_id, code, name_zh, name_en, sort) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (code) DO NOTHING
           RETURNING id, parent_id, code, name_zh, name_en, sort, is_active`,
          [req.body.parentId ?? null, req.body.code, req.body.nameZh, req.body.nameEn, req.body.sort],
        );
        if (!rows[0]) throw new AppError("CONFLICT");
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "admin_category_create",
          objectType: "category",
          objectId: rows[0].id,
          detail: { code: req.body.code },
        });
        return rows[0];
      });
      return reply.code(201).send(presentCategory(created));
    },
  );

  app.patch(
    "/categories/:id",
    {
      schema: {
        tags: ["org"],
        summary: "修改问题类别（系统管理员） Change a category",
        params: z.object({ id: zUuid }),
        body: ZCategoryUpdate,
        response: { 200: ZCategory, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      return presentCategory(
        await db.transaction(async (tx) => {
          const b = req.body;
          const { rows } = await tx.query<CategoryRow>(
            `UPDATE categories SET name_zh = COALESCE($2, name_zh), name_en = COALESCE($3, name_en),
                    sort = COALESCE($4, sort), is_active = COALESCE($5, is_active)
              WHERE id = $1 RETURNING id, parent_id, code, name_zh, name_en, sort, is_active`,
            [req.params.id, b.nameZh ?? null, b.nameEn ?? null, b.sort ?? null, b.isActive ?? null],
          );
          if (!rows[0]) throw new AppError("NOT_FOUND");
          await recordAudit(tx, {
            actorId: actor.id,
            actorRole: "system_admin",
            ip: req.ip,
            action: "admin_category_update",
            objectType: "category",
            objectId: req.params.id,
            detail: b,
          });
          return rows[0];
        }),
      );
    },
  );
};
