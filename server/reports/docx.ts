import {
  AlignmentType,
  BorderStyle,
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
import type { Block } from "./template.ts";

const FONT = "宋体";
const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

function cell(text: string, bold = false): TableCell {
  return new TableCell({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, font: FONT })] }),
    ],
    borders: { top: border, bottom: border, left: border, right: border },
  });
}

/** Lays the filled template out as a Word document (headings, first-line-indented paragraphs, tables). */
export async function writeReportDocx(blocks: Block[], title: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === "heading") {
      children.push(
        new Paragraph({
          heading: b.level === 1 ? HeadingLevel.TITLE : HeadingLevel.HEADING_1,
          alignment: b.level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: b.text, bold: true, font: "黑体", size: b.level === 1 ? 36 : 30 })],
        }),
      );
    } else if (b.kind === "paragraph") {
      children.push(
        new Paragraph({
          indent: { firstLine: 640 },
          spacing: { line: 560 },
          children: [new TextRun({ text: b.text, font: FONT, size: 32 })],
        }),
      );
    } else {
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.title, bold: true, font: FONT, size: 24 })],
        }),
      );
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
          ],
        }),
      );
      if (b.note) {
        children.push(new Paragraph({ children: [new TextRun({ text: b.note, font: FONT, size: 21 })] }));
      }
      children.push(new Paragraph({ children: [] }));
    }
  }
  const doc = new Document({
    title,
    creator: "Xinfang",
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
