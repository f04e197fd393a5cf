import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type TPaged, zListQuery, zPaged } from "../../../domain/schemas/bureau/list.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import type { Actor } from "../../auth/actor.ts";
import type { BureauCtx } from "../../bureau/context.ts";
import type { PageOf, PageReq } from "../../bureau/page.ts";
import type { Db } from "../../db/index.ts";
import { requireActor } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { bureauCtx } from "./request-context.ts";

/** `/:id` of a bureau record. */
export const ZId = z.object({ id: zUuid });

/** A record the actor may read, or 404 (never 403: a record out of reach does not exist for them). */
export async function found<T>(load: Promise<T | null | undefined>): Promise<T> {
  const row = await load;
  if (row === null || row === undefined) throw new AppError("NOT_FOUND");
  return row;
}

type ZApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * What every bureau module's routes share: the app with zod schemas, its database, the module's
 * OpenAPI tag, the request's command context, and the two GET shapes every module has — a list
 * (its filters plus `page`/`pageSize`, answered as `{ items, total, page, pageSize }`) and its figures.
 */
export function bureauModule(base: Parameters<FastifyPluginAsync>[0], tag: string) {
  const app: ZApp = base.withTypeProvider<ZodTypeProvider>();
  const tags = [`bureau: ${tag}`];
  const db: Db = app.deps.db;
  return {
    app,
    db,
    tags,
    ctxOf: (req: FastifyRequest): BureauCtx => bureauCtx(app, req),
    /**
     * GET `path`: one page of the list under the filters, scoped to the actor; `load` reads only the
     * page's rows and the total the filters match.
     */
    list<F extends z.ZodRawShape, I extends z.ZodType>(
      path: string,
      summary: string,
      schemas: { filters: z.ZodObject<F>; item: I },
      load: (actor: Actor, filters: z.output<z.ZodObject<F>>, page: PageReq) => Promise<PageOf<z.output<I>>>,
    ) {
      app.route({
        method: "GET",
        url: path,
        schema: {
          tags,
          summary,
          querystring: zListQuery(schemas.filters),
          response: { 200: zPaged(schemas.item), ...STANDARD_ERRORS },
        },
        handler: async (req) => {
          const { page, pageSize, ...filters } = req.query as { page: number; pageSize: number };
          const rows = await load(requireActor(req), filters as z.output<z.ZodObject<F>>, {
            limit: pageSize,
            offset: (page - 1) * pageSize,
          });
          const paged: TPaged<z.output<I>> = { ...rows, page, pageSize };
          return paged;
        },
      });
    },
    /** GET `path` with `:id`: one record the actor may read (`load` answers null otherwise: 404). */
    detail<R extends z.ZodRawShape>(
      path: string,
      summary: string,
      item: z.ZodObject<R>,
      load: (ctx: BureauCtx, id: string) => Promise<z.output<z.ZodObject<R>> | null | undefined>,
    ) {
      // Untyped like `figures`: the schema still checks `:id` and shapes the answer.
      base.route({
        method: "GET",
        url: path,
        schema: { tags, summary, params: ZId, response: { 200: item, ...STANDARD_ERRORS } },
        handler: async (req) => found(load(bureauCtx(app, req), (req.params as z.output<typeof ZId>).id)),
      });
    },
    /** GET `/figures`: the module's figures under the query (a period or a year). */
    figures<Q extends z.ZodRawShape, R extends z.ZodRawShape>(
      summary: string,
      schemas: { query: z.ZodObject<Q>; figures: z.ZodObject<R> },
      load: (actor: Actor, query: z.output<z.ZodObject<Q>>) => Promise<z.output<z.ZodObject<R>>>,
    ) {
      // Registered untyped: a generic response schema leaves the type provider's reply type
      // unresolved; the schema still validates the query and shapes the answer.
      base.route({
        method: "GET",
        url: "/figures",
        schema: {
          tags,
          summary,
          querystring: schemas.query,
          response: { 200: schemas.figures, ...STANDARD_ERRORS },
        },
        handler: async (req) => load(requireActor(req), req.query as z.output<z.ZodObject<Q>>),
      });
    },
  };
}
