/**
 * The supervision order (督办单) of a supervision item: the unit supervised, the case, what is
 * required, by when, the supervising leader and the issuing bureau, under the order's own number
 * (督字〔2026〕N号, given when the order was issued). Laid out as the case letters are (Word, PDF),
 * from the bureau's editable template `supervision_order`; built on request from the stored item.
 */

import { toShanghaiDate } from "../../../domain/calendar/working-days.ts";
import { chineseDate, fillTemplate } from "../../../domain/documents/templates.ts";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { loadTemplate } from "../../documents/issue.ts";
import { findPdfFont, type Letter, renderDocx, renderPdf } from "../../documents/render.ts";
import { AppError } from "../../plugins/errors.ts";
import { loadItem } from "./items.ts";

export async function supervisionOrderDocument(
  q: Queryable,
  actor: Actor,
  id: string,
  format: "docx" | "pdf",
  env: { now: Date; pdfFont: string | null },
): Promise<{ fileName: string; data: Buffer }> {
  const item = await loadItem(q, actor, id, env.now);
  if (!item) throw new AppError("NOT_FOUND");
  if (item.kind !== "order" || !item.orderNumber || !item.replyDueOn)
    throw new AppError("SUPERVISION_NOT_ORDER");
  const bureau = (
    await q.query<{ name: string }>(
      `SELECT b.name FROM supervision_items s JOIN cases c ON c.id = s.case_id
         JOIN org_units b ON b.kind = 'bureau' AND starts_with(b.path, split_part(c.region_path, '.', 1) || '.')
        WHERE s.id = $1 ORDER BY b.path LIMIT 1`,
      [id],
    )
  ).rows[0];
  const issuer = bureau?.name ?? "信访工作机构";
  const issueDate = chineseDate(toShanghaiDate(new Date(item.createdAt)));
  const template = await loadTemplate(q, "supervision_order");
  const caseNumber = item.case?.caseNumber ?? "—";
  const letter: Letter = {
    title: template.title,
    caseNumber,
    docNumber: item.orderNumber,
    body: fillTemplate(template.body, {
      orderNumber: item.orderNumber,
      supervisedUnit: item.unitName,
      caseNumber,
      title: item.case?.title ?? "—",
      requirement: item.text,
      replyDue: chineseDate(item.replyDueOn),
      leaderName: item.leaderName ?? "—",
      issuer,
      issueDate,
    }),
    issuer,
    issueDate,
  };
  let data: Buffer;
  if (format === "docx") data = await renderDocx(letter);
  else {
    const font = findPdfFont(env.pdfFont);
    if (!font) throw new AppError("DOCUMENT_PDF_UNAVAILABLE");
    data = await renderPdf(letter, font);
  }
  return { fileName: `${item.orderNumber}-${template.title}.${format}`, data };
}
