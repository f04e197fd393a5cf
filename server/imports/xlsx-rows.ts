/**
 * The rows of an .xlsx worksheet, one at a time, from the file's bytes: the shared strings and the
 * date styles are read first (they are small beside the sheet), then the sheet is inflated and
 * scanned as a stream. Merged ranges are listed at the end of a sheet's XML, so a cheap first scan
 * of the raw XML finds them (and counts the rows) before the rows are read. Nothing is evaluated:
 * a formula cell is reported as one.
 */
import type { TableCell, TableRow } from "./read-table.ts";
import { attrValue, decodeXml, XmlScanner } from "./xml-scan.ts";
import { entryChunks, entryText, type ZipEntry, zipEntries } from "./zip-entries.ts";

export interface XlsxSheet {
  name: string;
  entry: ZipEntry;
}

export interface XlsxBook {
  data: Buffer;
  sheets: XlsxSheet[];
  sharedStrings: string[];
  /** Cell style index → the style is a date format. */
  dateStyles: boolean[];
  date1904: boolean;
}

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface SheetScan {
  /** `<row>` elements in the sheet (header and empty rows included). */
  rows: number;
  merges: Merge[];
}

const EMPTY: TableCell = { text: "", isFormula: false };

function scanAll(text: string, open: (name: string, attrs: string) => void): void {
  new XmlScanner({ open, close: () => {}, text: () => {} }).feed(text);
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = `${base}${target}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** Column letters of a cell reference (`AB12`) → 0-based index; the row number too. */
export function cellRef(ref: string): { col: number; row: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return { col: col - 1, row: Number.parseInt(ref.slice(i), 10) };
}

const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

function isDateCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "");
  return /[ymdhs年月日]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Opens the workbook: its sheets in order, shared strings, date styles. Throws ZipError on a broken file. */
export async function openXlsx(data: Buffer): Promise<XlsxBook> {
  const entries = zipEntries(data);
  const book = entries.get("xl/workbook.xml");
  if (!book) throw new Error("not a workbook");
  const rels = new Map<string, { target: string; type: string }>();
  const relsEntry = entries.get("xl/_rels/workbook.xml.rels");
  if (relsEntry)
    scanAll(entryText(data, relsEntry), (name, attrs) => {
      if (name !== "Relationship") return;
      const id = attrValue(attrs, "Id");
      const target = attrValue(attrs, "Target");
      if (id && target)
        rels.set(id, { target: resolveTarget("xl/", target), type: attrValue(attrs, "Type") ?? "" });
    });
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  scanAll(entryText(data, book), (name, attrs) => {
    if (name === "workbookPr") {
      const v = attrValue(attrs, "date1904");
      date1904 = v === "1" || v === "true";
    }
    if (name !== "sheet") return;
    const rel = rels.get(attrValue(attrs, "r:id") ?? attrValue(attrs, "id") ?? "");
    const entry = rel && entries.get(rel.target);
    if (entry) sheets.push({ name: attrValue(attrs, "name") ?? "", entry });
  });
  const byType = (suffix: string, fallback: string) =>
    entries.get([...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? fallback);

  const dateStyles: boolean[] = [];
  const styles = byType("/styles", "xl/styles.xml");
  if (styles) {
    const custom = new Map<number, string>();
    let inXfs = false;
    new XmlScanner({
      open: (name, attrs) => {
        if (name === "numFmt")
          custom.set(Number(attrValue(attrs, "numFmtId")), attrValue(attrs, "formatCode") ?? "");
        else if (name === "cellXfs") inXfs = true;
        else if (name === "xf" && inXfs) {
          const id = Number(attrValue(attrs, "numFmtId") ?? 0);
          const code = custom.get(id);
          dateStyles.push(code === undefined ? BUILTIN_DATES.has(id) : isDateCode(code));
        }
      },
      close: (name) => {
        if (name === "cellXfs") inXfs = false;
      },
      text: () => {},
    }).feed(entryText(data, styles));
  }

  const sharedStrings: string[] = [];
  const shared = byType("/sharedStrings", "xl/sharedStrings.xml");
  if (shared) {
    let current = "";
    let inT = false;
    let inPhonetic = false;
    const scanner = new XmlScanner({
      open: (name, _a, selfClosing) => {
        if (name === "si") current = "";
        else if (name === "t" && !selfClosing && !inPhonetic) inT = true;
        else if (name === "rPh") inPhonetic = true;
      },
      close: (name) => {
        if (name === "t") inT = false;
        else if (name === "rPh") inPhonetic = false;
        else if (name === "si") sharedStrings.push(decodeXml(current));
      },
      text: (raw) => {
        if (inT) current += raw;
      },
    });
    for await (const chunk of entryChunks(data, shared)) scanner.feed(chunk);
  }
  return { data, sheets, sharedStrings, dateStyles, date1904 };
}

const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;
const MERGE_TAG = /<(?:\w+:)?mergeCell\s[^>]*?ref\s*=\s*["']([A-Za-z]+\d+)(?::([A-Za-z]+\d+))?["']/g;

/** One pass over the raw XML that keeps nothing but the row count and the merged ranges. */
export async function scanSheet(book: XlsxBook, sheet: XlsxSheet): Promise<SheetScan> {
  let rows = 0;
  const merges: Merge[] = [];
  let carry = "";
  for await (const chunk of entryChunks(book.data, sheet.entry)) {
    const s = carry + chunk;
    const cut = s.lastIndexOf("<");
    const part = cut < 0 ? s : s.slice(0, cut);
    carry = cut < 0 ? "" : s.slice(cut);
    ROW_TAG.lastIndex = 0;
    while (ROW_TAG.exec(part)) rows++;
    if (part.includes("mergeCell")) {
      MERGE_TAG.lastIndex = 0;
      for (let m = MERGE_TAG.exec(part); m; m = MERGE_TAG.exec(part)) {
        const a = cellRef(m[1]!);
        const b = cellRef(m[2] ?? m[1]!);
        merges.push({
          r1: Math.min(a.row, b.row),
          c1: Math.min(a.col, b.col),
          r2: Math.max(a.row, b.row),
          c2: Math.max(a.col, b.col),
        });
      }
    }
  }
  ROW_TAG.lastIndex = 0;
  while (ROW_TAG.exec(carry)) rows++;
  merges.sort((x, y) => x.r1 - y.r1);
  return { rows, merges };
}

function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/**
 * The sheet's rows in order, every cell as text (numbers as JavaScript prints them, date-styled
 * numbers as 2024-03-05, booleans as true/false), a merged range's value in each of its cells.
 * Rows with nothing in them are skipped. Stopping early (break) releases the inflater.
 */
export async function* xlsxRows(book: XlsxBook, sheet: XlsxSheet, merges: Merge[]): AsyncGenerator<TableRow> {
  const done: TableRow[] = [];
  let rowNumber = 0;
  let cells: TableCell[] | null = null;
  let nextCol = 0;
  let col = 0;
  let type = "";
  let style = -1;
  let isFormula = false;
  let value = "";
  let capturing = false;
  let captured = false;
  let inCell = false;
  const active: (Merge & { value?: TableCell })[] = [];
  let mergeAt = 0;
  const finishCell = () => {
    if (!cells) return;
    let cell: TableCell;
    if (isFormula) cell = { text: "", isFormula: true };
    else if (!captured) cell = EMPTY;
    else if (type === "s")
      cell = { text: book.sharedStrings[Number.parseInt(value, 10)] ?? "", isFormula: false };
    else if (type === "inlineStr" || type === "str") cell = { text: decodeXml(value), isFormula: false };
    else if (type === "b") cell = { text: value.trim() === "1" ? "true" : "false", isFormula: false };
    else if (type === "e") cell = { text: decodeXml(value), isFormula: false };
    else if (type === "d") cell = { text: decodeXml(value).slice(0, 10), isFormula: false };
    else {
      const n = Number(value);
      const date = style >= 0 && book.dateStyles[style] ? serialToIso(n, book.date1904) : null;
      cell = { text: date ?? (Number.isFinite(n) ? String(n) : decodeXml(value)), isFormula: false };
    }
    cells[col] = cell;
    nextCol = col + 1;
  };
  const finishRow = () => {
    if (!cells) return;
    for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY;
    while (mergeAt < merges.length && merges[mergeAt]!.r1 <= rowNumber) active.push(merges[mergeAt++]!);
    for (let k = active.length - 1; k >= 0; k--) {
      const m = active[k]!;
      if (m.r2 < rowNumber) {
        active.splice(k, 1);
        continue;
      }
      if (m.r1 === rowNumber) m.value = cells[m.c1] ?? EMPTY;
      for (let c = m.c1; c <= m.c2; c++) if (!(rowNumber === m.r1 && c === m.c1)) cells[c] = m.value ?? EMPTY;
      for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY;
    }
    if (cells.some((c) => c.isFormula || c.text.trim() !== "")) done.push({ row: rowNumber, cells });
    cells = null;
  };
  const scanner = new XmlScanner({
    open: (name, attrs, selfClosing) => {
      switch (name) {
        case "row": {
          const r = attrValue(attrs, "r");
          rowNumber = r ? Number.parseInt(r, 10) : rowNumber + 1;
          cells = [];
          nextCol = 0;
          break;
        }
        case "c": {
          if (!cells) break;
          const ref = attrValue(attrs, "r");
          col = ref ? cellRef(ref).col : nextCol;
          type = attrValue(attrs, "t") ?? "n";
          const s = attrValue(attrs, "s");
          style = s ? Number.parseInt(s, 10) : -1;
          isFormula = false;
          value = "";
          captured = false;
          inCell = true;
          if (selfClosing) inCell = false;
          break;
        }
        case "f":
          if (inCell) isFormula = true;
          break;
        case "v":
        case "t":
          if (inCell && !selfClosing) {
            capturing = true;
            captured = true;
          } else if (inCell) captured = true;
          break;
        case "rPh":
          if (inCell) capturing = false;
          break;
      }
    },
    close: (name) => {
      switch (name) {
        case "v":
        case "t":
          capturing = false;
          break;
        case "c":
          if (cells) finishCell();
          inCell = false;
          break;
        case "row":
          finishRow();
          break;
      }
    },
    text: (raw) => {
      if (capturing) value += raw;
    },
  });
  for await (const chunk of entryChunks(book.data, sheet.entry)) {
    scanner.feed(chunk);
    while (done.length) yield done.shift()!;
  }
}
