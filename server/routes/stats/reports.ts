import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { REPORT_TEMPLATE_EDITORS, STATISTICS_ROLES } from "../../../domain/metrics/access.ts";
import { ZCaseListQuery } from "../../../domain/schemas/case.ts";
import { STANDARD_ERRORS } from "../../../domain/schemas/common.ts";
import { ZReportTemplate, ZReportTemplateUpdate, ZStatsQuery } from "../../../domain/schemas/stats.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import type { Queryable } from "../../db/index.ts";
import { usesWagePlaceholders, wageReportValues } from "../../fields/report.ts";
import { ledgerFieldColumns } from "../../fields/xlsx.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { bureauReportValues, usesBureauPlaceholders } from "../../reports/bureau-figures.ts";
import { writeReportDocx } from "../../reports/docx.ts";
import { loadLedgerRows, writeLedgerXlsx, writeSummaryXlsx } from "../../reports/ledger.ts";
import { PLACEHOLDERS, renderTemplate, TABLES, unknownPlaceholders } from "../../reports/template.ts";
import { buildSummary } from "../../stats/present.ts";
import { filterOf, periodOf } from "./period.ts";

const zCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface TemplateRow {
  code: string;
  name: string;
  body: string;
  updated_at: Date;
}

async function loadTemplate(q: Queryable, code: string): Promise<TemplateRow> {
  const { rows } = await q.query<TemplateRow>(
    "SELECT code, name, body, updated_at FROM report_templates WHERE code = $1",
    [code],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND");
  return rows[0];
}

const placeholderList = [
  ...Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name: `{{${name}}}`, description })),
  ...Object.entries(TABLES).map(([name, description]) => ({
    name: `{{table:${name}}}`,
    description: `表格：${description}`,
  })),
];

const presentTemplate = (t: TemplateRow) => ({
  code: t.code,
  name: t.name,
  body: t.body,
  updatedAt: t.updated_at.toISOString(),
  placeholders: placeholderList,
});

function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const reportRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/report.docx",
    {
      schema: {
        tags: ["stats"],
        summary: "信访工作报告（Word） The work report of a period as a .docx",
        querystring: ZStatsQuery.extend({ template: zCode.default("work_report") }),
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const now = app.deps.now();
      const { template, ...query } = req.query;
      const tpl = await loadTemplate(db, template);
      const summary = await buildSummary(db, {
        actor,
        filter: filterOf(query),
        period: periodOf(query, now),
        asOf: now,
      });
      const title = `${summary.scope.name}${summary.period.label}${tpl.name}`;
      // The bureau's own work in the same period and jurisdiction, when the template speaks of it.
      const bureau = usesBureauPlaceholders(tpl.body)
        ? await bureauReportValues(db, actor, now, summary.period)
        : {};
      const wages = usesWagePlaceholders(tpl.body) ? await wageReportValues(db, actor, summary.period) : {};
      const buf = await writeReportDocx(renderTemplate(tpl.body, summary, { ...bureau, ...wages }), title);
      return reply
        .header("content-type", DOCX)
        .header("content-disposition", attachment(`${title}.docx`))
        .send(buf);
    },
  );

  app.get(
    "/summary.xlsx",
    {
      schema: {
        tags: ["stats"],
        summary: "统计数据导出（Excel） The dashboard's figures as a workbook",
        querystring: ZStatsQuery,
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const now = app.deps.now();
      const summary = await buildSummary(db, {
        actor,
        filter: filterOf(req.query),
        period: periodOf(req.query, now),
        asOf: now,
      });
      const buf = await writeSummaryXlsx(summary);
      const name = `${summary.scope.name}${summary.period.label}信访统计.xlsx`;
      return reply.header("content-type", XLSX).header("content-disposition", attachment(name)).send(buf);
    },
  );

  app.get(
    "/ledger.xlsx",
    {
      schema: {
        tags: ["stats"],
        summary: "信访事项台账（Excel） The cases of any list filter as a ledger, personal data masked",
        querystring: ZCaseListQuery,
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const { page: _p, pageSize: _s, ...filter } = req.query;
      const rows = await loadLedgerRows(db, actor, filter, app.deps.now());
      const extra = await ledgerFieldColumns(
        db,
        actor,
        rows.map((r) => r.case_id),
      );
      const buf = await writeLedgerXlsx(rows, "信访事项台账", extra);
      // A ledger is personal data leaving the system, even masked: the export is on the record.
      await recordAudit(db, {
        actorId: actor.id,
        actorRole: actor.roles.join(","),
        ip: req.ip,
        action: "ledger_export",
        objectType: "cases",
        detail: { filter, rows: rows.length },
      });
      return reply
        .header("content-type", XLSX)
        .header("content-disposition", attachment("信访事项台账.xlsx"))
        .send(buf);
    },
  );

  app.get(
    "/report-templates/:code",
    {
      schema: {
        tags: ["stats"],
        summary: "报告模板 The narrative template of a report, with the placeholders it may use",
        params: z.object({ code: zCode }),
        response: { 200: ZReportTemplate, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...STATISTICS_ROLES);
      return presentTemplate(await loadTemplate(db, req.params.code));
    },
  );

  app.put(
    "/report-templates/:code",
    {
      schema: {
        tags: ["stats"],
        summary: "修改报告模板 Edit the narrative of a report (numbers stay placeholders)",
        params: z.object({ code: zCode }),
        body: ZReportTemplateUpdate,
        response: { 200: ZReportTemplate, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...REPORT_TEMPLATE_EDITORS);
      const unknown = unknownPlaceholders(req.body.body);
      if (unknown.length > 0) throw new AppError("REPORT_TEMPLATE_INVALID", { unknown });
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<TemplateRow>(
          `INSERT INTO report_templates (code, name, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, body = EXCLUDED.body,
             updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
           RETURNING code, name, body, updated_at`,
          [req.params.code, req.body.name, req.body.body, app.deps.now(), actor.id],
        );
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: actor.roles.join(","),
          ip: req.ip,
          action: "report_template_update",
          objectType: "report_template",
          objectId: req.params.code,
          detail: { name: req.body.name, length: req.body.body.length },
        });
        return presentTemplate(rows[0]!);
      });
    },
  );
};
