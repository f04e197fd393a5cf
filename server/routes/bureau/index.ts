import type { FastifyPluginAsync } from "fastify";
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
};
