import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { AppError } from "../../plugins/errors.ts";
import { expectState, today } from "../context.ts";
import { loadConference } from "./conferences.ts";

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: "SimSun", size: 21 })] })],
  });

/**
 * The minutes of a held meeting (会议纪要) as a Word document: time, place, chair, attendees, the
 * agenda, the summary and the decisions with responsible unit, due date and how far each has got.
 * Written from what the reader may read: agenda items about cases it may not read are left out,
 * and a department sees the decisions its unit is responsible for.
 */
export async function minutesDocument(
  q: Queryable,
  actor: Actor,
  id: string,
  now: Date,
): Promise<{ fileName: string; data: Buffer }> {
  const m = await loadConference(q, actor, id, now);
  if (!m) throw new AppError("NOT_FOUND");
  expectState(m.status, ["held"]);
  const text = (t: string, opts: { bold?: boolean; size?: number } = {}) =>
    new TextRun({ text: t, bold: opts.bold ?? false, size: opts.size ?? 28, font: "FangSong" });
  const para = (t: string, align?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ children: [text(t)], ...(align ? { alignment: align } : {}) });
  const title = `${m.title}纪要`;
  const state = (d: (typeof m.decisions)[number]) =>
    d.status === "done"
      ? `已落实（${d.doneAt ? today(new Date(d.doneAt)) : ""}${d.isDoneLate ? "，超期" : ""}）`
      : d.isOverdue
        ? "逾期未落实"
        : "落实中";
  const doc = new Document({
    creator: "Xinfang",
    title,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [text(title, { bold: true, size: 36 })],
          }),
          para(`时间：${m.meetingOn}`),
          para(`地点：${m.place}`),
          para(`主持：${m.chairName}`),
          para(
            `参会：${m.attendees.map((a) => (a.unitName ? `${a.unitName}${a.name}` : a.name)).join("、")}`,
          ),
          para("一、会议议题"),
          ...m.agenda.map((a, i) => para(`${i + 1}. ${a.topic}${a.case ? `（${a.case.caseNumber}）` : ""}`)),
          para("二、会议纪要"),
          ...(m.summary ?? "").split(/\n+/).map((line) => para(line)),
          para("三、议定事项"),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: ["序号", "议定事项", "责任单位", "完成时限", "落实情况"].map((h) => cell(h, true)),
              }),
              ...m.decisions.map(
                (d, i) =>
                  new TableRow({
                    children: [String(i + 1), d.text, d.unitName, d.dueOn, state(d)].map((v) => cell(v)),
                  }),
              ),
            ],
          }),
          para(`${m.areaName}`, AlignmentType.RIGHT),
          para(m.heldAt ? today(new Date(m.heldAt)) : "", AlignmentType.RIGHT),
        ],
      },
    ],
  });
  return { fileName: `${title}.docx`, data: await Packer.toBuffer(doc) };
}
