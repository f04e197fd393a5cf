import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  KNOWLEDGE_EDIT_ROLES,
  KNOWLEDGE_FIGURE_ROLES,
  KNOWLEDGE_READ_ROLES,
} from "../../../domain/auth/roles.ts";
import { toShanghaiDate } from "../../../domain/calendar/local-date.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import {
  ZKnowledgeEntry,
  ZKnowledgeEntryInput,
  ZKnowledgeEntryUpdate,
  ZKnowledgeHistory,
  ZKnowledgeList,
  ZKnowledgeListQuery,
  ZKnowledgeRestore,
  ZPortalFigure,
  ZPortalFigureQuery,
  ZSuggestionQuery,
  ZSuggestions,
  ZTemplateSave,
} from "../../../domain/schemas/knowledge.ts";
import type { Actor } from "../../auth/actor.ts";
import {
  contentOf,
  createEntry,
  type EditCtx,
  entryHistory,
  getEntry,
  listEntries,
  restoreEntry,
  updateEntry,
} from "../../knowledge/entries.ts";
import { portalFigure } from "../../knowledge/portal.ts";
import { mentionsPerson } from "../../knowledge/redact.ts";
import { caseTraces, loadSubjectCase, suggestFor } from "../../knowledge/suggestions.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";

const ZId = z.object({ id: zUuid });

/**
 * The knowledge base (知识库): policy answers, model replies and reply templates per category.
 * Every staff role that handles cases reads it and gets suggestions while drafting; the bureau
 * office edits it, each change a new version beside the earlier ones, each one audited.
 */
export const knowledgeRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const today = () => toShanghaiDate(app.deps.now());
  const ctx = (req: FastifyRequest, actor: Actor): EditCtx => ({
    actor,
    now: app.deps.now(),
    today: today(),
    ip: req.ip,
  });

  app.get(
    "/entries",
    {
      schema: {
        tags: ["knowledge"],
        summary: "知识库条目（检索） Knowledge-base entries, searched with jieba words",
        querystring: ZKnowledgeListQuery,
        response: { 200: ZKnowledgeList, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...KNOWLEDGE_READ_ROLES);
      const { items, total } = await listEntries(db, req.query, today());
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    "/entries/:id",
    {
      schema: {
        tags: ["knowledge"],
        summary: "知识库条目 One entry",
        params: ZId,
        response: { 200: ZKnowledgeEntry, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...KNOWLEDGE_READ_ROLES);
      return getEntry(db, req.params.id, today());
    },
  );

  app.get(
    "/entries/:id/history",
    {
      schema: {
        tags: ["knowledge"],
        summary: "条目历史版本 Every version of an entry, newest first",
        params: ZId,
        response: { 200: ZKnowledgeHistory, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...KNOWLEDGE_READ_ROLES);
      await getEntry(db, req.params.id, today());
      return { items: await entryHistory(db, req.params.id) };
    },
  );

  app.post(
    "/entries",
    {
      schema: {
        tags: ["knowledge"],
        summary: "新增知识库条目（信访局办公室） Add an entry",
        body: ZKnowledgeEntryInput,
        response: { 201: ZKnowledgeEntry, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...KNOWLEDGE_EDIT_ROLES);
      const c = ctx(req, actor);
      const id = await db.transaction((tx) =>
        createEntry(tx, contentOf(req.body), c, { action: "knowledge_entry_create" }),
      );
      reply.code(201);
      return getEntry(db, id, c.today);
    },
  );

  app.put(
    "/entries/:id",
    {
      schema: {
        tags: ["knowledge"],
        summary: "修改知识库条目（新版本） Change an entry (a new version)",
        params: ZId,
        body: ZKnowledgeEntryUpdate,
        response: { 200: ZKnowledgeEntry, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...KNOWLEDGE_EDIT_ROLES);
      const c = ctx(req, actor);
      await db.transaction((tx) => updateEntry(tx, req.params.id, req.body.version, contentOf(req.body), c));
      return getEntry(db, req.params.id, c.today);
    },
  );

  app.post(
    "/entries/:id/restore",
    {
      schema: {
        tags: ["knowledge"],
        summary: "恢复旧版本（成为最新版本） Restore an earlier version as the newest",
        params: ZId,
        body: ZKnowledgeRestore,
        response: { 200: ZKnowledgeEntry, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...KNOWLEDGE_EDIT_ROLES);
      const c = ctx(req, actor);
      await db.transaction((tx) =>
        restoreEntry(tx, req.params.id, req.body.version, req.body.fromVersion, c),
      );
      return getEntry(db, req.params.id, c.today);
    },
  );

  app.get(
    "/suggestions",
    {
      schema: {
        tags: ["knowledge"],
        summary: "拟办/答复时的参考：相似已答复案件与知识库条目 Suggestions while drafting",
        querystring: ZSuggestionQuery,
        response: { 200: ZSuggestions, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...KNOWLEDGE_READ_ROLES);
      return suggestFor(db, actor, req.query.caseId, today(), req.query.q ?? "");
    },
  );

  app.post(
    "/templates",
    {
      schema: {
        tags: ["knowledge"],
        summary: "将答复保存为本类别的模板（信访局办公室） Save a reply as a template of the case's category",
        body: ZTemplateSave,
        response: { 201: ZKnowledgeEntry, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...KNOWLEDGE_EDIT_ROLES);
      const c = ctx(req, actor);
      const id = await db.transaction(async (tx) => {
        const subject = await loadSubjectCase(tx, actor, req.body.caseId);
        if (!subject.category_id) throw new AppError("KNOWLEDGE_CASE_UNCATEGORISED");
        // A template is for the next petitioner: this one's name and address must be gone from it.
        const traces = await caseTraces(tx, subject.id);
        const texts = [req.body.title, req.body.body, req.body.legalBasis ?? ""];
        if (texts.some((t) => mentionsPerson(t, traces))) throw new AppError("KNOWLEDGE_PERSONAL_DATA");
        return createEntry(
          tx,
          contentOf({
            categoryId: subject.category_id,
            kind: "template",
            title: req.body.title,
            body: req.body.body,
            legalBasis: req.body.legalBasis,
            isPublic: false,
            ownerUnitId: actor.unitId,
          }),
          c,
          { action: "knowledge_template_save", caseId: subject.id },
        );
      });
      reply.code(201);
      return getEntry(db, id, c.today);
    },
  );

  app.get(
    "/portal-figure",
    {
      schema: {
        tags: ["knowledge"],
        summary: "查看常见问题后未提交的次数 Portal visits that read an answer and did not submit",
        querystring: ZPortalFigureQuery,
        response: { 200: ZPortalFigure, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...KNOWLEDGE_FIGURE_ROLES);
      const { from, to } = req.query;
      if (from && to && from > to) throw new AppError("DATE_RANGE_INVALID");
      return portalFigure(db, app.deps.now(), { from, to });
    },
  );
};
