import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { SENSITIVE_VIEW_ROLES } from "../../../domain/auth/roles.ts";
import { validateIdNumber, validatePhone } from "../../../domain/identity/id-card.ts";
import { STANDARD_ERRORS } from "../../../domain/schemas/common.ts";
import {
  PERSON_FILTERS,
  type TCaseSearch,
  ZCaseSearchQuery,
  ZCaseSearchRequest,
  ZCaseSearchResponse,
} from "../../../domain/schemas/search.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { type Actor, hasRole } from "../../auth/actor.ts";
import { blindIndex } from "../../crypto/field-crypto.ts";
import { requireActor, requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { presentCaseSummary } from "../../presenters/case.ts";
import { firstPetitionAsSeenBy } from "../../queries/first-petition.ts";
import { findRanges, snippet } from "../../search/highlight.ts";
import { type PersonFilter, searchCases } from "../../search/search-cases.ts";
import { loadSynonymGroups, SYNONYMS_SETTING, ZSynonyms } from "../../search/synonyms.ts";
import { writeSettings } from "../../settings/store.ts";
import { repeatRoutes } from "./repeats.ts";

export const searchRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, keyRing } = app.deps;
  await app.register(repeatRoutes);

  async function search(actor: Actor, input: TCaseSearch) {
    const { petitionerName, idNumber, phone, ...filters } = input;
    const person: PersonFilter = {};
    if (petitionerName || idNumber || phone) {
      // Identity is searchable only by those who may see it; the rest learn nothing, not even a count.
      if (!hasRole(actor, ...SENSITIVE_VIEW_ROLES)) throw new AppError("SEARCH_PERSON_FORBIDDEN");
      if (petitionerName) person.name = petitionerName;
      if (idNumber) {
        const v = validateIdNumber(idNumber);
        if (!v.ok) throw new AppError("ID_NUMBER_INVALID", { reason: v.reason });
        person.idNumberBidx = blindIndex(keyRing, "id_number", v.value);
      }
      if (phone) {
        const v = validatePhone(phone);
        if (!v.ok) throw new AppError("PHONE_INVALID", { reason: v.reason });
        person.phoneBidx = blindIndex(keyRing, "phone", v.value);
      }
    }
    const result = await searchCases(db, actor, filters, person);
    const shown = await firstPetitionAsSeenBy(db, actor, result.rows);
    return {
      items: shown.map((r) => ({
        ...presentCaseSummary(r, actor),
        rank: Number(r.rank),
        titleHighlight: { text: r.title, ranges: findRanges(r.title, result.terms) },
        snippet: snippet(r.content, result.terms),
      })),
      total: result.total,
      totalIsExact: result.totalIsExact,
      page: filters.page,
      pageSize: filters.pageSize,
      terms: result.terms,
    };
  }

  app.get(
    "/cases",
    {
      schema: {
        tags: ["search"],
        summary: "全文检索信访事项 Full-text case search (ranked, highlighted, with every list filter)",
        description:
          "Petitioner name, ID number and phone are refused here (SEARCH_PERSON_IN_URL): an address is logged and kept in browser history. Send them with POST /api/search/cases.",
        querystring: ZCaseSearchQuery,
        response: { 200: ZCaseSearchResponse, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const refused = PERSON_FILTERS.filter((k) => req.query[k] !== undefined);
      if (refused.length) throw new AppError("SEARCH_PERSON_IN_URL", { fields: refused });
      return search(actor, req.query);
    },
  );

  app.post(
    "/cases",
    {
      schema: {
        tags: ["search"],
        summary:
          "检索信访事项（条件在请求体中，可按信访人姓名、身份证号、电话） Case search with the filters in the body, by petitioner too",
        body: ZCaseSearchRequest,
        response: { 200: ZCaseSearchResponse, ...STANDARD_ERRORS },
      },
    },
    async (req) => search(requireActor(req), req.body),
  );

  app.get(
    "/synonyms",
    {
      schema: {
        tags: ["search"],
        summary: "检索同义词表 The synonym groups a keyword search expands (欠薪 = 拖欠工资 = 讨薪 …)",
        response: { 200: ZSynonyms, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireActor(req);
      return { groups: await loadSynonymGroups(db) };
    },
  );

  app.put(
    "/synonyms",
    {
      schema: {
        tags: ["search"],
        summary: "设置检索同义词表（系统管理员） Set the synonym groups",
        body: ZSynonyms,
        response: { 200: ZSynonyms, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      const groups = req.body.groups.map((g) => g.map((w) => w.trim()));
      await db.transaction(async (tx) => {
        const before = await loadSynonymGroups(tx);
        await writeSettings(tx, [[SYNONYMS_SETTING, { groups }]], app.deps.now());
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "settings_search_synonyms",
          objectType: "setting",
          objectId: SYNONYMS_SETTING,
          detail: { from: before, to: groups },
        });
      });
      return { groups };
    },
  );
};
