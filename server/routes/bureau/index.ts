import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZBureauFigures } from "../../../domain/schemas/bureau/figures.ts";
import { STANDARD_ERRORS, zIsoDate } from "../../../domain/schemas/common.ts";
import { allBureauFigures } from "../../bureau/figures.ts";
import { requireActor } from "../../plugins/auth.ts";
import { backlogRoutes } from "./backlog/index.ts";
import { conferenceRoutes } from "./conferences/index.ts";
import { disputeRoutes } from "./disputes/index.ts";
import { dutyRoutes } from "./duty/index.ts";
import { ownershipRoutes } from "./ownership/index.ts";
import { receptionRoutes } from "./reception/index.ts";
import { supervisionRoutes } from "./supervision/index.ts";

/** The bureau's work beyond single cases, one prefix per module under /api/bureau. */
export const bureauRoutes: FastifyPluginAsync = async (app) => {
  await app.register(receptionRoutes, { prefix: "/reception" });
  await app.register(ownershipRoutes, { prefix: "/ownership" });
  await app.register(disputeRoutes, { prefix: "/disputes" });
  await app.register(supervisionRoutes, { prefix: "/supervision" });
  await app.register(dutyRoutes, { prefix: "/duty" });
  await app.register(backlogRoutes, { prefix: "/backlog" });
  await app.register(conferenceRoutes, { prefix: "/conferences" });

  // All seven modules' figures for one period in one answer: the statistics page's "bureau work".
  app.withTypeProvider<ZodTypeProvider>().get(
    "/figures",
    {
      schema: {
        tags: ["bureau: figures"],
        summary: "工作台账统计（七个模块） The seven modules' figures for a period",
        querystring: z.object({ from: zIsoDate, to: zIsoDate }),
        response: { 200: ZBureauFigures, ...STANDARD_ERRORS },
      },
    },
    async (req) => allBureauFigures(app.deps.db, requireActor(req), app.deps.now(), req.query),
  );
};
