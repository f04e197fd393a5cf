import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZSetupStatus } from "../../../domain/schemas/setup.ts";
import { isSetUp } from "../../setup/setup.ts";

/**
 * Whether `xinfang setup` has run, so the console shows "not set up yet" instead of a login nobody
 * can pass. It says that and nothing else: no names, counts or versions.
 */
export const publicSetupStatusRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  app.get(
    "/setup-status",
    {
      schema: {
        tags: ["public"],
        summary: "系统是否已初始化 Whether the system has been set up",
        response: { 200: ZSetupStatus },
      },
    },
    async () => ({ setUp: await isSetUp(db) }),
  );
};
