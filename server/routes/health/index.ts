import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

export const healthRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/health",
    {
      schema: {
        tags: ["system"],
        summary: "健康检查 Health",
        response: { 200: z.object({ ok: z.literal(true), database: z.enum(["pglite", "pg"]) }) },
      },
    },
    async () => {
      // Touching the database makes a lost connection show here as 503, not as ok.
      await app.deps.db.query("SELECT 1");
      return { ok: true as const, database: app.deps.db.kind };
    },
  );
};
