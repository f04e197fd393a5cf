import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { toShanghaiDate } from "../../../domain/calendar/local-date.ts";
import { STANDARD_ERRORS } from "../../../domain/schemas/common.ts";
import {
  ZPublicAnswerOpened,
  ZPublicAnswerQuery,
  ZPublicAnswers,
  ZPublicCategories,
  ZPublicVisitToken,
} from "../../../domain/schemas/knowledge.ts";
import {
  publicAnswers,
  publicCategories,
  recordAnswerOpened,
  recordVisitSubmitted,
} from "../../knowledge/portal.ts";

/**
 * The portal's 常见问题: the public answers for the category a citizen picks before submitting,
 * and the anonymous count of visits that opened one (and whether they then submitted). Under
 * /api/public, so the public routes' shared per-address budget applies.
 */
export const publicKnowledgeRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const today = () => toShanghaiDate(app.deps.now());

  app.get(
    "/categories",
    {
      schema: {
        tags: ["public"],
        summary: "问题类别及常见问题数 Categories with their number of public answers",
        response: { 200: ZPublicCategories, ...STANDARD_ERRORS },
      },
    },
    async () => ({ items: await publicCategories(db, today()) }),
  );

  app.get(
    "/answers",
    {
      schema: {
        tags: ["public"],
        summary: "某类别的常见问题 Public answers for a category",
        querystring: ZPublicAnswerQuery,
        response: { 200: ZPublicAnswers, ...STANDARD_ERRORS },
      },
    },
    async (req) => ({ items: await publicAnswers(db, req.query.categoryId, today()) }),
  );

  app.post(
    "/opened",
    {
      config: { csrf: false },
      schema: {
        tags: ["public"],
        summary: "记录一次查看常见问题（匿名） An answer was opened during an anonymous visit",
        body: ZPublicAnswerOpened,
        response: { 204: z.null(), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const now = app.deps.now();
      await db.transaction((tx) =>
        recordAnswerOpened(tx, req.body.visitToken, req.body.entryId, now, toShanghaiDate(now)),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/submitted",
    {
      config: { csrf: false },
      schema: {
        tags: ["public"],
        summary: "本次访问已提交信访（匿名） The anonymous visit went on to submit",
        body: ZPublicVisitToken,
        response: { 204: z.null(), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      await db.transaction((tx) => recordVisitSubmitted(tx, req.body.visitToken, app.deps.now()));
      return reply.code(204).send(null);
    },
  );
};
