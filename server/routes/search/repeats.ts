import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { REGISTERING_ROLES } from "../../../domain/auth/roles.ts";
import { validateIdNumber, validatePhone } from "../../../domain/identity/id-card.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import {
  ZRepeatCheckRequest,
  ZRepeatCheckResponse,
  ZRepeatDecisionRequest,
  ZRepeatState,
} from "../../../domain/schemas/repeats.ts";
import type { CaseStatus } from "../../../domain/workflow/statuses.ts";
import type { Actor } from "../../auth/actor.ts";
import { blindIndex } from "../../crypto/field-crypto.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { isAccusation, visibleCasesCondition } from "../../policies/case-policy.ts";
import { findVisibleCase } from "../../queries/cases.ts";
import { findRepeatCandidates, type RepeatCandidate, type RepeatDraft } from "../../search/repeat-check.ts";
import { decideRepeat, REPEAT_KINDS, type RepeatDecision } from "../../search/repeat-decision.ts";

function presentCandidate(c: RepeatCandidate) {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    status: c.status,
    title: c.title,
    categoryName: c.categoryName,
    receivedAt: c.receivedAt.toISOString(),
    score: Math.round(c.score * 1000) / 1000,
    matterScore: Math.round(c.matterScore * 1000) / 1000,
    textSimilarity: Math.round(c.textSimilarity * 1000) / 1000,
    verdict: c.verdict as Exclude<RepeatCandidate["verdict"], "unrelated">,
    personReasons: c.personReasons,
    matterReasons: c.matterReasons,
    suggestedDecision: c.suggestedDecision,
  };
}

async function loadRepeatState(q: Queryable, actor: Actor, caseId: string) {
  const row = await findVisibleCase(q, actor, caseId);
  if (!row) throw new AppError("CASE_NOT_FOUND");
  const decisions = await q.query<{
    seq: number;
    decision: RepeatDecision;
    original_case_id: string | null;
    original_number: string | null;
    note: string | null;
    decided_by: string;
    decided_at: Date;
  }>(
    `SELECT d.seq, d.decision, d.original_case_id, o.case_number AS original_number, d.note, u.display_name AS decided_by,
            d.decided_at
       FROM case_repeat_decisions d JOIN users u ON u.id = d.decided_by LEFT JOIN cases o ON o.id = d.original_case_id
      WHERE d.case_id = $1 ORDER BY d.seq`,
    [row.id],
  );
  const p = new SqlParams();
  const id = p.add(row.id);
  const visible = visibleCasesCondition(actor, p);
  const links = await q.query<{
    case_id: string;
    case_number: string;
    kind: "related";
    direction: "to" | "from";
  }>(
    `SELECT c.id AS case_id, c.case_number, l.kind, l.direction FROM (
       SELECT linked_case_id AS other, kind, 'to' AS direction FROM case_links WHERE case_id = ${id}
       UNION ALL SELECT case_id, kind, 'from' FROM case_links WHERE linked_case_id = ${id}
     ) l JOIN cases c ON c.id = l.other WHERE ${visible} ORDER BY c.received_at, c.id`,
    p.values,
  );
  const last = decisions.rows[decisions.rows.length - 1];
  const isRepeat = last ? REPEAT_KINDS.includes(last.decision) : false;
  return {
    caseId: row.id,
    isRepeat,
    isFirstPetition: row.is_first_petition,
    status: row.status as CaseStatus,
    decisions: decisions.rows.map((d) => ({
      seq: d.seq,
      decision: d.decision,
      // An original the user may no longer read shows without its number.
      originalCaseId: d.original_case_id,
      originalCaseNumber: links.rows.some((l) => l.case_id === d.original_case_id) ? d.original_number : null,
      note: d.note,
      decidedBy: d.decided_by,
      decidedAt: d.decided_at.toISOString(),
    })),
    links: links.rows.map((l) => ({
      caseId: l.case_id,
      caseNumber: l.case_number,
      kind: l.kind,
      direction: l.direction,
    })),
  };
}

/** Repeat detection (同人+同事): candidates for a draft or a registered case, and the registrar's decision. */
export const repeatRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, keyRing } = app.deps;

  app.post(
    "/repeats/check",
    {
      schema: {
        tags: ["repeats"],
        summary: "登记前重复件查重 Earlier cases that may be the same person or matter, for a draft",
        body: ZRepeatCheckRequest,
        response: { 200: ZRepeatCheckResponse, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...REGISTERING_ROLES);
      const b = req.body;
      const draft: RepeatDraft = {
        idIndexes: [],
        phoneIndexes: [],
        nameAddresses: b.petitioners.map((p) => ({ name: p.name, address: p.address ?? null })),
        categoryId: b.categoryId ?? null,
        problemRegionCode: b.problemRegionCode,
        text: `${b.title ?? ""}\n${b.content}`,
        // The letter being registered came in on its date (a letter), else now; never later.
        receivedAt: new Date(
          Math.min(
            app.deps.now().getTime(),
            b.receivedAt ? Date.parse(b.receivedAt) : Number.POSITIVE_INFINITY,
          ),
        ),
      };
      b.petitioners.forEach((p, index) => {
        if (p.idNumber) {
          const v = validateIdNumber(p.idNumber);
          if (!v.ok) throw new AppError("ID_NUMBER_INVALID", { petitioner: index, reason: v.reason });
          draft.idIndexes.push(blindIndex(keyRing, "id_number", v.value));
        }
        if (p.phone) {
          const v = validatePhone(p.phone);
          if (!v.ok) throw new AppError("PHONE_INVALID", { petitioner: index, reason: v.reason });
          draft.phoneIndexes.push(blindIndex(keyRing, "phone", v.value));
        }
      });
      return { candidates: (await findRepeatCandidates(db, actor, draft)).map(presentCandidate) };
    },
  );

  app.get(
    "/repeats/cases/:id/candidates",
    {
      schema: {
        tags: ["repeats"],
        summary: "已登记事项的重复件候选 Repeat candidates for a registered case",
        params: z.object({ id: zUuid }),
        response: { 200: ZRepeatCheckResponse, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...REGISTERING_ROLES);
      const row = await findVisibleCase(db, actor, req.params.id);
      if (!row) throw new AppError("CASE_NOT_FOUND");
      const persons = await db.query<{
        id_number_bidx: string | null;
        phone_bidx: string | null;
        name: string;
        address: string | null;
      }>("SELECT id_number_bidx, phone_bidx, name, address FROM case_petitioners WHERE case_id = $1", [
        row.id,
      ]);
      const draft: RepeatDraft = {
        idIndexes: persons.rows.flatMap((p) => (p.id_number_bidx ? [p.id_number_bidx] : [])),
        phoneIndexes: persons.rows.flatMap((p) => (p.phone_bidx ? [p.phone_bidx] : [])),
        nameAddresses: persons.rows.map((p) => ({ name: p.name, address: p.address })),
        categoryId: row.category_id,
        problemRegionCode: row.problem_region_code,
        text: `${row.title}\n${row.content}`,
        excludeCaseId: row.id,
        receivedAt: row.received_at,
        isAccusation: isAccusation(row),
      };
      const candidates = await findRepeatCandidates(db, actor, draft);
      // Only earlier cases can be the original.
      return {
        candidates: candidates
          .filter((c) => c.receivedAt.getTime() <= row.received_at.getTime())
          .map(presentCandidate),
      };
    },
  );

  app.get(
    "/repeats/cases/:id",
    {
      schema: {
        tags: ["repeats"],
        summary: "重复件认定记录 Repeat decisions and links of a case",
        params: z.object({ id: zUuid }),
        response: { 200: ZRepeatState, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...REGISTERING_ROLES);
      return loadRepeatState(db, actor, req.params.id);
    },
  );

  app.post(
    "/repeats/cases/:id/decisions",
    {
      schema: {
        tags: ["repeats"],
        summary:
          "重复件认定：关联、重复件不再受理、作为新件、并入原件 Decide: link, repeat of a terminated matter, keep as new, merge",
        params: z.object({ id: zUuid }),
        body: ZRepeatDecisionRequest,
        response: { 200: ZRepeatState, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...REGISTERING_ROLES);
      return db.transaction(async (tx) => {
        await decideRepeat(tx, req.params.id, req.body, {
          actor,
          ip: req.ip,
          now: app.deps.now(),
          clocks: app.deps.clocks,
        });
        return loadRepeatState(tx, actor, req.params.id);
      });
    },
  );
};
