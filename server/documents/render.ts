import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from "docx";
import pdfmake from "pdfmake";

/** An official letter, ready to lay out: the template is already filled. */
export interface Letter {
  title: string;
  caseNumber: string;
  /** The issuing unit's own number (示人社信复〔2026〕3号), printed with the case number. */
  docNumber?: string | null;
  /** The filled body: the first line is the addressee, each further line a paragraph. */
  body: string;
  issuer: string;
  /** 2026年3月2日 */
  issueDate: string;
}

// GB/T 9704 (党政机关公文格式): A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
// title in 2号 (22 pt), body in 3号 (16 pt) with a first-line indent of two characters.
const MM_TWIPS = 56.7;
const MM_PT = 2.835;
const TITLE_PT = 22;
const BODY_PT = 16;

function lines(letter: Letter): { addressee: string; paragraphs: string[] } {
  const all = letter.body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return { addressee: all[0] ?? "", paragraphs: all.slice(1) };
}

/** 编号 line: the unit's document number first, when it has one, then the case number. */
function numberLine(letter: Letter): string {
  return letter.docNumber ? `${letter.docNumber}　编号：${letter.caseNumber}` : `编号：${letter.caseNumber}`;
}

const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋_GB2312" };
const TITLE_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "方正小标宋简体" };

/** The letter as a Word document (.docx). */
export async function renderDocx(letter: Letter): Promise<Buffer> {
  const { addressee, paragraphs } = lines(letter);
  const spacing = { line: 560, lineRule: LineRuleType.EXACT };
  const run = (text: string) => new TextRun({ text, font: BODY_FONT, size: BODY_PT * 2 });
  const doc = new Document({
    creator: letter.issuer,
    title: letter.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(37 * MM_TWIPS),
              bottom: Math.round(35 * MM_TWIPS),
              left: Math.round(28 * MM_TWIPS),
              right: Math.round(26 * MM_TWIPS),
            },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 300 },
            children: [new TextRun({ text: letter.title, font: TITLE_FONT, size: TITLE_PT * 2, bold: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing,
            children: [run(numberLine(letter))],
          }),
          new Paragraph({ spacing, children: [run(addressee)] }),
          ...paragraphs.map(
            (p) => new Paragraph({ spacing, indent: { firstLine: BODY_PT * 2 * 20 }, children: [run(p)] }),
          ),
          new Paragraph({
            spacing: { before: 600, ...spacing },
            alignment: AlignmentType.RIGHT,
            children: [run(letter.issuer)],
          }),
          new Paragraph({ spacing, alignment: AlignmentType.RIGHT, children: [run(letter.issueDate)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A CJK font for PDFs: a .ttc needs the face's PostScript name. */
export interface PdfFont {
  file: string;
  face?: string;
}

const CANDIDATES: PdfFont[] = [
  // The offline bundle (npm run bundle) carries the font in fonts/ beside server/.
  {
    file: fileURLToPath(new URL("../../fonts/NotoSerifCJK-Regular.ttc", import.meta.url)),
    face: "NotoSerifCJKsc-Regular",
  },
  { file: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", face: "NotoSerifCJKsc-Regular" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", face: "NotoSansCJKsc-Regular" },
  { file: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", face: "WenQuanYiMicroHei" },
];

/** The configured font, or the first CJK font installed (Debian: fonts-noto-cjk), or null. */
export function findPdfFont(configured: string | null): PdfFont | null {
  if (configured) {
    const [file, face] = configured.split("#");
    return file && fs.existsSync(file) ? { file, ...(face ? { face } : {}) } : null;
  }
  return CANDIDATES.find((c) => fs.existsSync(c.file)) ?? null;
}

/** The letter as a PDF in the same layout, with the CJK font embedded (subset). */
export async function renderPdf(letter: Letter, font: PdfFont): Promise<Buffer> {
  const { addressee, paragraphs } = lines(letter);
  const face = font.face ? [font.file, font.face] : font.file;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p: string) => p === font.file);
  // pdfmake takes [file, face] for a font collection; its type declarations do not say so.
  const fonts = { CJK: { normal: face, bold: face, italics: face, bolditalics: face } };
  pdfmake.setFonts(fonts as unknown as Parameters<typeof pdfmake.setFonts>[0]);
  const doc = pdfmake.createPdf({
    pageSize: "A4",
    pageMargins: [28 * MM_PT, 37 * MM_PT, 26 * MM_PT, 35 * MM_PT],
    info: { title: letter.title, creator: letter.issuer, producer: "Xinfang" },
    defaultStyle: { font: "CJK", fontSize: BODY_PT, lineHeight: 1.4 },
    content: [
      { text: letter.title, fontSize: TITLE_PT, alignment: "center", margin: [0, 0, 0, 18] },
      { text: numberLine(letter), alignment: "right" },
      { text: addressee },
      ...paragraphs.map((p) => ({ text: p, leadingIndent: BODY_PT * 2 })),
      { text: letter.issuer, alignment: "right", margin: [0, 36, 0, 0] },
      { text: letter.issueDate, alignment: "right" },
    ],
  });
  return doc.getBuffer();
}
