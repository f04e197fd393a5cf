/**
 * Reads the first sheet of an .xlsx file, or a .csv file (UTF-8, with or without BOM, or GBK /
 * GB18030 as Excel saves it on Chinese Windows), into text cells. Nothing is evaluated: a formula
 * cell is reported, never computed or imported.
 */
import ExcelJS from "exceljs";

export interface TableCell {
  text: string;
  /** The cell held a formula (xlsx): its value is not taken. */
  isFormula: boolean;
}

export interface TableRow {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: TableCell[];
}

export interface Table {
  sheet: string;
  header: string[];
  rows: TableRow[];
}

/** A file that cannot be read as a table at all (not a sheet-level or row-level problem). */
export class TableError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** More rows than this are refused before any is checked. */
export const MAX_ROWS = 100_000;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function readTable(data: Buffer, fileName: string): Promise<Table> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx") || data.subarray(0, 4).equals(XLSX_MAGIC)) return readXlsx(data);
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return readCsv(data);
  throw new TableError("只能导入 .xlsx 或 .csv 文件", "only .xlsx or .csv files can be imported");
}

function cellText(value: ExcelJS.CellValue): TableCell {
  if (value === null || value === undefined) return { text: "", isFormula: false };
  if (typeof value === "string") return { text: value, isFormula: false };
  if (typeof value === "number" || typeof value === "boolean")
    return { text: String(value), isFormula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), isFormula: false };
  if ("formula" in value || "sharedFormula" in value) return { text: "", isFormula: true };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join(""), isFormula: false };
  if ("text" in value && typeof value.text === "string") return { text: value.text, isFormula: false };
  if ("error" in value) return { text: String(value.error), isFormula: false };
  return { text: "", isFormula: false };
}

async function readXlsx(data: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new TableError(
      "无法读取该 Excel 文件（已损坏或不是 .xlsx）",
      "cannot read the Excel file (damaged, or not .xlsx)",
    );
  }
  // The first sheet with anything in it; a template's 说明 (notes) sheet comes after the data sheet.
  const ws = wb.worksheets.find((s) => s.actualRowCount > 0);
  if (!ws) throw new TableError("文件中没有任何数据", "the file holds no data");
  if (ws.rowCount > MAX_ROWS + 1)
    throw new TableError(`行数超过上限 ${MAX_ROWS}`, `more than ${MAX_ROWS} rows`);
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col - 1] = cellText(cell.value).text.trim();
  });
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells: TableCell[] = [];
    r.eachCell({ includeEmpty: true }, (cell, col) => {
      // A merged range repeats its first cell's value in the others: that is what a reader sees.
      cells[col - 1] = cellText(cell.isMerged && cell.master !== cell ? cell.master.value : cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= { text: "", isFormula: false };
    if (cells.some((c) => c.text.trim() !== "" || c.isFormula)) rows.push({ row: n, cells });
  });
  return { sheet: ws.name, header, rows };
}

function decode(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves CSV as GBK, which GB18030 contains.
    return new TextDecoder("gb18030").decode(data);
  }
}

/** RFC 4180: commas, double quotes around cells that hold commas, quotes ("") or line breaks. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

function readCsv(data: Buffer): Table {
  const lines = parseCsv(decode(data));
  if (lines.length === 0) throw new TableError("文件中没有任何数据", "the file holds no data");
  if (lines.length > MAX_ROWS + 1)
    throw new TableError(`行数超过上限 ${MAX_ROWS}`, `more than ${MAX_ROWS} rows`);
  const header = lines[0]!.map((h) => h.trim());
  const rows: TableRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.map((text) => ({ text, isFormula: false }));
    if (cells.some((c) => c.text.trim() !== "")) rows.push({ row: i + 1, cells });
  }
  return { sheet: "CSV", header, rows };
}
