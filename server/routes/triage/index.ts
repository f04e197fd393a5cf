import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { REGISTERING_ROLES } from "../../../domain/auth/roles.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import {
  ZRoutingRule,
  ZRoutingRuleInput,
  ZTriageChoice,
  ZTriageRequest,
  ZTriageSuggestion,
} from "../../../domain/schemas/triage.ts";
import { NOT_SURE_ZH, suggestTriage } from "../../../domain/triage/suggest.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import type { Queryable } from "../../db/index.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { findVisibleCase } from "../../queries/cases.ts";
import { loadTriageModel } from "../../triage/model-store.ts";
import { routeOutUnits, suggestUnits } from "../../triage/routing.ts";
import { triageTokens } from "../../triage/tokens.ts";

/** Roles that edit the routing catalogue: the bureau office routes cases daily, the system admin keeps the data. */
const CATALOGUE_EDITORS = ["bureau_office", "system_admin"] as const;

async function suggest(q: Queryable, title: string | undefined, content: string, region: string | null) {
  const text = `${title ?? ""}\n${content}`;
  const model = await loadTriageModel(q);
  const s = suggestTriage({ text, tokens: triageTokens(text) }, model);
  const codes = s.category.map((c) => c.value);
  const { rows } = await q.query<{ id: string; code: string; name_zh: string }>(
    "SELECT id, code, name_zh FROM categories WHERE code = ANY($1::text[]) AND is_active",
    [codes],
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const category = s.category.map((c) => ({
    ...c,
    categoryId: byCode.get(c.value)?.id ?? null,
    name: byCode.get(c.value)?.name_zh ?? null,
  }));
  const top = category[0];
  const units = top?.categoryId ? await suggestUnits(q, top.categoryId, top.value, region) : [];
  // A matter leaving the petition route goes to the body that takes it over, if the bureau has one.
  const outs = await routeOutUnits(
    q,
    s.routeOut.map((r) => r.route),
  );
  const unitOptions = [...outs, ...units.filter((u) => !outs.some((o) => o.unitId === u.unitId))];
  const { unit: _modelUnits, ...rest } = s;
  return {
    ...rest,
    notSureZh: s.notSure ? NOT_SURE_ZH : null,
    category,
    handlingUnit: unitOptions[0] ?? null,
    unitOptions,
    model: model ? { examples: model.examples, confirmedChoices: model.confirmedChoices } : null,
  };
}

const SELECT_RULES = `SELECT r.id, r.category_id, c.name_zh AS category_name, r.region_code, r.unit_id, o.name AS unit_name, r.note
  FROM routing_rules r JOIN categories c ON c.id = r.category_id JOIN org_units o ON o.id = r.unit_id`;

interface RuleRow {
  id: string;
  category_id: string;
  category_name: string;
  region_code: string | null;
  unit_id: string;
  unit_name: string;
  note: string | null;
}

const presentRule = (r: RuleRow) => ({
  id: r.id,
  categoryId: r.category_id,
  categoryName: r.category_name,
  regionCode: r.region_code,
  unitId: r.unit_id,
  unitName: r.unit_name,
  note: r.note,
});

/** Triage suggestions (never decisions), the registrar's recorded choice, and the routing catalogue. */
export const triageRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.post(
    "/suggest",
    {
      schema: {
        tags: ["triage"],
        summary: "分类建议：性质、法定类别、问题类别、承办单位 Triage suggestions with their reasons",
        body: ZTriageRequest,
        response: { 200: ZTriageSuggestion, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...REGISTERING_ROLES);
      return suggest(db, req.body.title, req.body.content, req.body.problemRegionCode ?? null);
    },
  );

  app.post(
    "/cases/:id/choice",
    {
      schema: {
        tags: ["triage"],
        summary: "记录登记员的分类选择（用于下次训练） Record the registrar's choice for the next training",
        params: z.object({ id: zUuid }),
        body: ZTriageChoice,
        response: {
          200: z.object({ tookTopNature: z.boolean(), tookTopCategory: z.boolean() }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...REGISTERING_ROLES);
      return db.transaction(async (tx) => {
        const row = await findVisibleCase(tx, actor, req.params.id, true);
        if (!row) throw new AppError("CASE_NOT_FOUND");
        const cat = await tx.query("SELECT 1 FROM categories WHERE id = $1 AND is_active", [
          req.body.categoryId,
        ]);
        if (cat.rows.length === 0) throw new AppError("CATEGORY_UNKNOWN");
        if (req.body.unitId) {
          const unit = await tx.query("SELECT 1 FROM org_units WHERE id = $1 AND is_active", [
            req.body.unitId,
          ]);
          if (unit.rows.length === 0) throw new AppError("UNIT_UNKNOWN");
        }
        // What was suggested, recomputed from the case text, is kept with the choice.
        const s = await suggest(tx, row.title, row.content, row.problem_region_code);
        const tookTopNature = s.nature[0]?.value === req.body.nature;
        const tookTopCategory = s.category[0]?.categoryId === req.body.categoryId;
        await tx.query(
          `INSERT INTO triage_choices (case_id, suggested, chosen_nature, chosen_legal_class, chosen_category_id,
             chosen_unit_id, took_top_nature, took_top_category, chosen_by, chosen_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (case_id) DO UPDATE SET suggested = EXCLUDED.suggested, chosen_nature = EXCLUDED.chosen_nature,
             chosen_legal_class = EXCLUDED.chosen_legal_class, chosen_category_id = EXCLUDED.chosen_category_id,
             chosen_unit_id = EXCLUDED.chosen_unit_id, took_top_nature = EXCLUDED.took_top_nature,
             took_top_category = EXCLUDED.took_top_category, chosen_by = EXCLUDED.chosen_by, chosen_at = EXCLUDED.chosen_at`,
          [
            row.id,
            JSON.stringify({
              nature: s.nature.map((o) => o.value),
              category: s.category.map((o) => o.value),
              // What the registration screen showed when the registrar saved (accepted, changed,
              // no suggestion), when the screen sent it.
              shown: req.body.shown ?? null,
            }),
            req.body.nature,
            req.body.legalClass,
            req.body.categoryId,
            req.body.unitId ?? null,
            tookTopNature,
            tookTopCategory,
            actor.id,
            app.deps.now(),
          ],
        );
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: actor.roles.join(","),
          ip: req.ip,
          action: "triage_choice",
          objectType: "case",
          objectId: row.id,
          detail: { caseNumber: row.case_number, ...req.body, tookTopNature, tookTopCategory },
        });
        return { tookTopNature, tookTopCategory };
      });
    },
  );

  app.get(
    "/routes",
    {
      schema: {
        tags: ["triage"],
        summary: "派单目录 The routing catalogue",
        response: { 200: z.object({ items: z.array(ZRoutingRule) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...CATALOGUE_EDITORS, ...REGISTERING_ROLES);
      const { rows } = await db.query<RuleRow>(`${SELECT_RULES} ORDER BY c.sort, r.region_code NULLS FIRST`);
      return { items: rows.map(presentRule) };
    },
  );

  app.post(
    "/routes",
    {
      schema: {
        tags: ["triage"],
        summary: "新增派单规则 Add a routing rule (category + region → unit)",
        body: ZRoutingRuleInput,
        response: { 201: ZRoutingRule, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...CATALOGUE_EDITORS);
      const b = req.body;
      const rule = await db.transaction(async (tx) => {
        const unit = await tx.query("SELECT 1 FROM org_units WHERE id = $1 AND is_active", [b.unitId]);
        if (unit.rows.length === 0) throw new AppError("UNIT_UNKNOWN");
        const cat = await tx.query("SELECT 1 FROM categories WHERE id = $1", [b.categoryId]);
        if (cat.rows.length === 0) throw new AppError("CATEGORY_UNKNOWN");
        const dup = await tx.query(
          "SELECT 1 FROM routing_rules WHERE category_id = $1 AND COALESCE(region_code, '') = COALESCE($2, '')",
          [b.categoryId, b.regionCode],
        );
        if (dup.rows.length > 0) throw new AppError("ROUTING_RULE_DUPLICATE");
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO routing_rules (category_id, region_code, unit_id, note, updated_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [b.categoryId, b.regionCode, b.unitId, b.note ?? null, actor.id, app.deps.now()],
        );
        const id = rows[0]!.id;
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: actor.roles.join(","),
          ip: req.ip,
          action: "routing_rule_add",
          objectType: "routing_rule",
          objectId: id,
          detail: { ...b },
        });
        return (await tx.query<RuleRow>(`${SELECT_RULES} WHERE r.id = $1`, [id])).rows[0]!;
      });
      return reply.code(201).send(presentRule(rule));
    },
  );

  app.delete(
    "/routes/:id",
    {
      schema: {
        tags: ["triage"],
        summary: "删除派单规则 Remove a routing rule",
        params: z.object({ id: zUuid }),
        response: { 204: z.null(), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...CATALOGUE_EDITORS);
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<RuleRow>(`${SELECT_RULES} WHERE r.id = $1`, [req.params.id]);
        if (!rows[0]) throw new AppError("NOT_FOUND");
        await tx.query("DELETE FROM routing_rules WHERE id = $1", [req.params.id]);
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: actor.roles.join(","),
          ip: req.ip,
          action: "routing_rule_remove",
          objectType: "routing_rule",
          objectId: req.params.id,
          detail: presentRule(rows[0]),
        });
      });
      return reply.code(204).send(null);
    },
  );
};
