import type { TRulePack } from "../../domain/calendar/rule-pack.ts";
import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import {
  chineseDate,
  DOCUMENT_KINDS,
  type DocumentKind,
  fillTemplate,
  TEMPLATE_KINDS,
  type TemplateKind,
} from "../../domain/documents/templates.ts";
import { DECLINE_REASONS, type DeclineReason } from "../../domain/workflow/transitions.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import { newQueryCode } from "../cases/case-numbers.ts";
import { appendCaseEvent } from "../cases/events.ts";
import { blindIndex, type KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import type { CaseRow } from "../queries/cases.ts";
import { answeringBody, type Body, nextDocumentNumber, superiorOf } from "./answering-body.ts";
import { findPdfFont, type Letter, renderDocx, renderPdf } from "./render.ts";
import { isStepKind, stepValues } from "./step-values.ts";

/** Kinds that print the petitioner's query code: issuing one issues a fresh code. */
export const CODED_KINDS: readonly DocumentKind[] = ["acceptance", "receipt"];
/** What the stored copy prints instead of the code (the code is kept only as a blind index). */
export const MASKED_QUERY_CODE = "********（查询码仅在出具时打印）";

const CHANNEL_NAMES: Record<CaseRow["channel"], string> = {
  letter: "来信",
  visit: "来访",
  online: "网上信访",
  phone: "来电",
  referral: "上级交办、转送",
};
const REPLY_OPINIONS: Record<string, string> = {
  support: "支持",
  explain: "解释说明",
  not_support: "不支持",
};
const APPEAL_OPINIONS: Record<string, string> = { uphold: "维持原意见", revise: "撤销或者变更原意见" };

interface Extra {
  review_opinion: string | null;
  review_text: string | null;
  reexam_opinion: string | null;
  reexam_text: string | null;
  petitioners: number;
}

async function one<T>(q: Queryable, sql: string, params: unknown[]): Promise<T | undefined> {
  return (await q.query<T>(sql, params)).rows[0];
}

/** The county's petition bureau (its unit name): the issuer of the bureau's own notices. */
async function bureauName(q: Queryable, row: CaseRow): Promise<string> {
  const county = row.region_path.split(".")[0]!;
  const bureau = await one<{ name: string }>(
    q,
    `SELECT name FROM org_units WHERE kind = 'bureau' AND starts_with(path, $1 || '.') ORDER BY path LIMIT 1`,
    [county],
  );
  return bureau?.name ?? "信访工作机构";
}

const unavailable = (kind: DocumentKind, why: string) =>
  new AppError("DOCUMENT_NOT_AVAILABLE", { kind, why });

/**
 * The values of a kind's placeholders for this case, or 409 when the case has not reached the step
 * the document records (no reply letter before the reply).
 */
/**
 * Who issues a kind: the answer (处理意见书) and the extension notice come from the body that handled
 * the matter (the lead unit, or the bureau when it handled it itself); the review opinion from that
 * body's superior and the reexamination opinion from the reviewer's superior; the rest from the bureau.
 */
async function issuingBody(q: Queryable, row: CaseRow, kind: DocumentKind, pack: TRulePack): Promise<Body> {
  // A hearing or a mediation is held by the body handling the matter.
  if (kind === "hearing_notice" || kind === "hearing_record" || kind === "mediation")
    return answeringBody(q, row);
  if (kind === "reply" || kind === "extension" || kind === "review" || kind === "reexam") {
    const answering = await answeringBody(q, row);
    if (kind === "reply" || kind === "extension") return answering;
    const reviewer = await superiorOf(q, answering, pack.answers.outsideSuperior);
    return kind === "review" ? reviewer : superiorOf(q, reviewer, pack.answers.outsideSuperior);
  }
  return { unitId: null, kind: "bureau", name: await bureauName(q, row), prefix: null };
}

/** Placeholder values and who issues. */
interface Values {
  values: Record<string, string>;
  issuer: Body;
}

async function valuesFor(
  q: Queryable,
  row: CaseRow,
  kind: DocumentKind,
  now: Date,
  pack: TRulePack,
  ref: string | null = null,
): Promise<Values> {
  const issuer = await issuingBody(q, row, kind, pack);
  const values = await placeholderValues(q, row, kind, now, pack, issuer, ref);
  return { values, issuer };
}

async function placeholderValues(
  q: Queryable,
  row: CaseRow,
  kind: DocumentKind,
  now: Date,
  pack: TRulePack,
  issuer: Body,
  ref: string | null,
): Promise<Record<string, string>> {
  const extra = (await one<Extra>(
    q,
    `SELECT review_opinion, review_text, reexam_opinion, reexam_text,
            (SELECT count(*)::int FROM case_petitioners WHERE case_id = $1) AS petitioners FROM cases WHERE id = $1`,
    [row.id],
  ))!;
  const name = row.is_anonymous || !row.first_petitioner_name ? "信访人" : row.first_petitioner_name;
  const v: Record<string, string> = {
    caseNumber: row.case_number,
    petitionerName: extra.petitioners > 1 ? `${name}等${extra.petitioners}人` : name,
    title: row.title,
    receivedDate: chineseDate(toShanghaiDate(row.received_at)),
    channelName: CHANNEL_NAMES[row.channel],
    issuer: issuer.name,
    issueDate: chineseDate(toShanghaiDate(now)),
  };
  const event = (action: string) =>
    one<{ at: Date; note: string | null; detail: Record<string, unknown> }>(
      q,
      "SELECT at, note, detail FROM case_events WHERE case_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1",
      [row.id, action],
    );
  const clockDue = async (clock: string, step: string) =>
    (
      await one<{ due_on: string }>(
        q,
        "SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM case_clocks WHERE case_id = $1 AND clock = $2 AND step = $3",
        [row.id, clock, step],
      )
    )?.due_on;
  const leadUnit = async () => {
    const lead = await one<{ name: string }>(q, "SELECT name FROM org_units WHERE id = $1", [
      row.lead_unit_id,
    ]);
    if (!lead) throw unavailable(kind, "the case has no lead unit");
    return lead.name;
  };

  if (isStepKind(kind)) return { ...v, ...(await stepValues(q, row, kind, ref)) };
  switch (kind) {
    case "acceptance": {
      const accepted = await event("accept");
      const due = await clockDue("statutory", "handling");
      if (!accepted || !due) throw unavailable(kind, "the case was not accepted");
      return {
        ...v,
        acceptedDate: chineseDate(toShanghaiDate(accepted.at)),
        handlingDue: chineseDate(due),
        queryCode: MASKED_QUERY_CODE,
      };
    }
    case "receipt":
      // A registration receipt for those who came or wrote: the online petitioner has their code already.
      if (row.channel !== "visit" && row.channel !== "letter")
        throw unavailable(kind, "a receipt is for visits and letters");
      if (row.status === "pending_screening") throw unavailable(kind, "the item is not registered yet");
      return { ...v, queryCode: MASKED_QUERY_CODE };
    case "decline": {
      const reason = row.decline_reason as DeclineReason | null;
      if (!reason || !DECLINE_REASONS[reason]) throw unavailable(kind, "the case was not declined");
      return { ...v, declineReason: DECLINE_REASONS[reason].zh, declineRoute: DECLINE_REASONS[reason].route };
    }
    case "refuse_again":
      if (!(await event("refuse_again"))) throw unavailable(kind, "the case was not refused again");
      return v;
    case "forward":
      if (!row.forwarded_to) throw unavailable(kind, "the case was not forwarded");
      return { ...v, forwardedTo: row.forwarded_to };
    case "assignment": {
      if (!row.lead_unit_id) throw unavailable(kind, "the case is not assigned");
      const assignment = await one<{ instructions: string | null; assists: string | null }>(
        q,
        `SELECT a.instructions, (SELECT string_agg(u.name, '、' ORDER BY u.path) FROM case_assignments x
                  JOIN org_units u ON u.id = x.unit_id WHERE x.case_id = a.case_id AND x.role = 'assist'
                   AND x.status <> 'returned') AS assists
           FROM case_assignments a WHERE a.case_id = $1 AND a.role = 'lead' AND a.status <> 'returned'`,
        [row.id],
      );
      const signed = await q.query<{ signer_label: string; instruction: string | null }>(
        `SELECT signer_label, instruction FROM case_signoffs WHERE case_id = $1 AND decision = 'approved'
            AND round = (SELECT max(round) FROM case_signoffs WHERE case_id = $1) ORDER BY step`,
        [row.id],
      );
      const due = await clockDue("assigned", "assigned");
      return {
        ...v,
        leadUnit: await leadUnit(),
        assistUnits: assignment?.assists ?? "无",
        draftOpinion: row.draft_opinion ?? (row.simplified ? "简易办理" : "无"),
        signoffInstructions:
          signed.rows.map((s) => `${s.signer_label}：${s.instruction ?? "同意"}`).join("；") ||
          (row.simplified ? "简易办理，未经签批" : "无"),
        assignInstructions: assignment?.instructions ?? "",
        assignDue: due ? chineseDate(due) : "",
      };
    }
    case "extension": {
      const extended = await event("extend");
      if (!extended) throw unavailable(kind, "the handling limit was not extended");
      return {
        ...v,
        leadUnit: await leadUnit(),
        extensionReason: extended.note ?? "",
        extensionDays: String(extended.detail.days ?? ""),
        extendedDue: chineseDate(String(extended.detail.toDue)),
      };
    }
    case "reply": {
      if (!row.reply_opinion || !row.review_request_until) throw unavailable(kind, "there is no reply yet");
      const limit = pack.limits.reviewRequest;
      const vetted = pack.answers.replyVettedByBureau && issuer.kind !== "bureau";
      return {
        ...v,
        reviewBody: (await superiorOf(q, issuer, pack.answers.outsideSuperior)).name,
        reviewDays: limit.unit === "working" ? `${limit.amount}个工作` : String(limit.amount),
        vettedBy: vetted ? `本意见已经${await bureauName(q, row)}审核。` : "",
        replyText: row.reply_text ?? "",
        replyOpinion: REPLY_OPINIONS[row.reply_opinion] ?? row.reply_opinion,
        legalBasis: row.reply_legal_basis ?? "",
        reviewUntil: chineseDate(row.review_request_until),
      };
    }
    case "review":
      if (!extra.review_opinion || !row.reexam_request_until)
        throw unavailable(kind, "there is no review decision");
      return {
        ...v,
        reviewText: extra.review_text ?? "",
        reviewOpinion: APPEAL_OPINIONS[extra.review_opinion] ?? extra.review_opinion,
        reexamUntil: chineseDate(row.reexam_request_until),
        reexamBody: (await superiorOf(q, issuer, pack.answers.outsideSuperior)).name,
      };
    case "reexam":
      if (!extra.reexam_opinion) throw unavailable(kind, "there is no reexamination decision");
      return {
        ...v,
        reexamText: extra.reexam_text ?? "",
        reexamOpinion: APPEAL_OPINIONS[extra.reexam_opinion] ?? extra.reexam_opinion,
      };
  }
}

export interface TemplateRow {
  title: string;
  body: string;
  custom: boolean;
}

/** The bureau's edited template of a kind, or the default the code carries. */
export async function loadTemplate(q: Queryable, kind: TemplateKind): Promise<TemplateRow> {
  const row = await one<{ title: string; body: string }>(
    q,
    "SELECT title, body FROM document_templates WHERE kind = $1",
    [kind],
  );
  const d = TEMPLATE_KINDS[kind];
  return row ? { ...row, custom: true } : { title: d.title, body: d.body, custom: false };
}

/** The kinds this case can have a document of now (each checked the same way issuing checks it). */
export async function availableKinds(
  q: Queryable,
  row: CaseRow,
  now: Date,
  pack: TRulePack,
): Promise<DocumentKind[]> {
  const out: DocumentKind[] = [];
  for (const kind of Object.keys(DOCUMENT_KINDS) as DocumentKind[]) {
    try {
      await valuesFor(q, row, kind, now, pack);
      out.push(kind);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return out;
}

export interface IssuedDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  hasPdf: boolean;
  docNumber: string | null;
  issuer: string;
  /**
   * Kinds that print the query code: the coded copy, handed over once in the issuing response and
   * kept nowhere (the stored copy prints the code masked), with the new code itself.
   */
  coded: { queryCode: string; docx: Buffer; pdf: Buffer | null } | null;
}

/** A reprint of the same answer keeps its number; a new answer (after a reopening) gets a new one. */
async function numberFor(tx: Queryable, row: CaseRow, kind: DocumentKind, issuer: Body, now: Date) {
  if (kind !== "reply" || !issuer.unitId) return null;
  const earlier = (
    await tx.query<{ doc_number: string }>(
      `SELECT d.doc_number FROM case_documents d JOIN cases c ON c.id = d.case_id
        WHERE d.case_id = $1 AND d.kind = 'reply' AND d.doc_number IS NOT NULL AND d.issuer_unit_id = $2
          AND d.generated_at >= c.replied_at
        ORDER BY d.generated_at DESC LIMIT 1`,
      [row.id, issuer.unitId],
    )
  ).rows[0];
  if (earlier) return earlier.doc_number;
  return nextDocumentNumber(tx, issuer, Number(toShanghaiDate(now).slice(0, 4)));
}

/**
 * Replaces the case's query code with a fresh one (the old one stops working at once) and records
 * that it happened — an event and an audit row that never hold the code itself.
 */
export async function issueQueryCode(
  tx: Queryable,
  keyRing: KeyRing,
  actor: Actor,
  row: { id: string; case_number: string },
  env: { now: Date; ip: string | null; why: string; identityCheck?: string; note?: string | null },
): Promise<string> {
  const code = newQueryCode();
  await tx.query("UPDATE cases SET query_code_hash = $2, updated_at = $3 WHERE id = $1", [
    row.id,
    blindIndex(keyRing, "query_code", code),
    env.now,
  ]);
  const detail = { why: env.why, ...(env.identityCheck ? { identityCheck: env.identityCheck } : {}) };
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: actor.id,
    actorLabel: actor.displayName,
    action: "query_code_issued",
    fromStatus: null,
    toStatus: null,
    note: env.note ?? null,
    detail,
    at: env.now,
  });
  await recordAudit(tx, {
    actorId: actor.id,
    actorRole: actor.roles.join(","),
    ip: env.ip,
    action: "case_query_code_issue",
    objectType: "case",
    objectId: row.id,
    detail: { caseNumber: row.case_number, ...detail },
  });
  return code;
}

/**
 * Fills the kind's template for the case, lays it out as Word and PDF, and keeps both with the case
 * with an event and an audit row, in the caller's transaction (the case row is locked by the caller).
 * Without a CJK font on the machine the PDF is left out and the Word file is still issued.
 * A kind that prints the query code issues a fresh code: the stored copy prints it masked, and the
 * coded copy is returned to the caller only.
 */
export async function issueDocument(
  tx: Queryable,
  actor: Actor,
  row: CaseRow,
  kind: DocumentKind,
  env: {
    now: Date;
    ip: string | null;
    pdfFont: string | null;
    pack: TRulePack;
    /** Needed only for the kinds that print a fresh query code. */
    keyRing?: KeyRing;
    /** The step record (a report up, a hearing, an agreement) the document is of; else the latest. */
    ref?: string;
    /** Written within a workflow step whose own event says so: no `document_issued` event. */
    quiet?: boolean;
  },
): Promise<IssuedDocument> {
  const { values, issuer } = await valuesFor(tx, row, kind, env.now, env.pack, env.ref ?? null);
  const template = await loadTemplate(tx, kind);
  const docNumber = await numberFor(tx, row, kind, issuer, env.now);
  const letterOf = (v: Record<string, string>): Letter => ({
    title: template.title,
    caseNumber: row.case_number,
    docNumber,
    body: fillTemplate(template.body, v),
    issuer: issuer.name,
    issueDate: v.issueDate!,
  });
  const letter = letterOf(values);
  const font = findPdfFont(env.pdfFont);
  const render = async (l: Letter) => ({
    docx: await renderDocx(l),
    pdf: font ? await renderPdf(l, font) : null,
  });
  const stored = await render(letter);
  let coded: IssuedDocument["coded"] = null;
  if (CODED_KINDS.includes(kind)) {
    if (!env.keyRing) throw new Error(`issuing ${kind} needs the key ring`);
    const queryCode = await issueQueryCode(tx, env.keyRing, actor, row, {
      now: env.now,
      ip: env.ip,
      why: kind,
    });
    coded = { queryCode, ...(await render(letterOf({ ...values, queryCode }))) };
  }
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_documents (case_id, kind, title, docx, pdf, generated_at, generated_by, generated_by_label,
                                 doc_number, issuer_unit_id, issuer_name, step_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      row.id,
      kind,
      letter.title,
      stored.docx,
      stored.pdf,
      env.now,
      actor.id,
      actor.displayName,
      docNumber,
      issuer.unitId,
      issuer.name,
      env.ref ?? null,
    ],
  );
  const id = rows[0]!.id;
  if (!env.quiet)
    await appendCaseEvent(tx, {
      caseId: row.id,
      actorId: actor.id,
      actorLabel: actor.displayName,
      action: "document_issued",
      fromStatus: null,
      toStatus: null,
      note: letter.title,
      detail: {
        kind,
        documentId: id,
        ...(docNumber ? { docNumber } : {}),
        issuer: issuer.name,
        ...(env.ref ? { ref: env.ref } : {}),
      },
      at: env.now,
    });
  await recordAudit(tx, {
    actorId: actor.id,
    actorRole: actor.roles.join(","),
    ip: env.ip,
    action: "case_document_issue",
    objectType: "case",
    objectId: row.id,
    detail: { kind, documentId: id, caseNumber: row.case_number, pdf: stored.pdf !== null, docNumber },
  });
  return {
    id,
    kind,
    title: letter.title,
    hasPdf: stored.pdf !== null,
    docNumber,
    issuer: issuer.name,
    coded,
  };
}
