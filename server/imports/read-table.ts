/**
 * Reads the first sheet with data of an .xlsx file, or a .csv file (UTF-8, with or without BOM, or
 * GBK / GB18030 as Excel saves it on Chinese Windows), as text cells, row by row: `openTable`
 * reads only the header, `rows()` streams the data rows (each call from the start again), so a
 * 100,000-row ledger is never held whole. Nothing is evaluated: a formula cell is reported, never
 * computed or imported. `readTable` collects every row, for the small network and users files.
 */
import { isUtf8 } from "node:buffer";
import { openXlsx, scanSheet, type XlsxBook, type XlsxSheet, xlsxRows } from "./xlsx-rows.ts";

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

/** A table read as a stream: the header now, the rows when asked. */
export interface TableSource {
  sheet: string;
  header: string[];
  /** About how many data rows there are (for a progress bar), by a pass that keeps nothing. */
  estimateRows(): Promise<number>;
  /** The data rows after the header, in order; throws TableError past MAX_ROWS. */
  rows(): AsyncGenerator<TableRow>;
  /**
   * The first n data rows, reading no further (the mapping step). Merged ranges are listed at
   * the end of a sheet, so here a merged cell other than a range's first is empty.
   */
  head(n: number): Promise<TableRow[]>;
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

/** More rows than this are refused. */
export const MAX_ROWS = 100_000;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const tooMany = () => new TableError(`行数超过上限 ${MAX_ROWS}`, `more than ${MAX_ROWS} rows`);
const noData = () => new TableError("文件中没有任何数据", "the file holds no data");
const damaged = () =>
  new TableError(
    "无法读取该 Excel 文件（已损坏或不是 .xlsx）",
    "cannot read the Excel file (damaged, or not .xlsx)",
  );

export async function openTable(data: Buffer, fileName: string): Promise<TableSource> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx") || data.subarray(0, 4).equals(XLSX_MAGIC)) return openXlsxTable(data);
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return openCsvTable(data);
  throw new TableError("只能导入 .xlsx 或 .csv 文件", "only .xlsx or .csv files can be imported");
}

export async function readTable(data: Buffer, fileName: string): Promise<Table> {
  const t = await openTable(data, fileName);
  const rows: TableRow[] = [];
  for await (const r of t.rows()) rows.push(r);
  return { sheet: t.sheet, header: t.header, rows };
}

/** Rows after the header, counted against MAX_ROWS. */
async function* dataRows(all: AsyncGenerator<TableRow>): AsyncGenerator<TableRow> {
  let n = 0;
  for await (const r of all) {
    if (r.row === 1) continue;
    if (++n > MAX_ROWS) throw tooMany();
    yield r;
  }
}

async function take(all: AsyncGenerator<TableRow>, n: number): Promise<TableRow[]> {
  const out: TableRow[] = [];
  try {
    for (let r = await all.next(); !r.done && out.length < n; r = await all.next())
      if (r.value.row !== 1) out.push(r.value);
  } finally {
    await all.return(undefined);
  }
  return out;
}

async function firstRow(rows: AsyncGenerator<TableRow>): Promise<TableRow | null> {
  try {
    const r = await rows.next();
    return r.done ? null : r.value;
  } finally {
    await rows.return(undefined);
  }
}

async function openXlsxTable(data: Buffer): Promise<TableSource> {
  let book: XlsxBook;
  let sheet: XlsxSheet | undefined;
  let first: TableRow | null = null;
  try {
    book = await openXlsx(data);
    // The first sheet with anything in it; a template's 说明 (notes) sheet comes after the data sheet.
    for (const s of book.sheets) {
      first = await firstRow(xlsxRows(book, s, []));
      if (first) {
        sheet = s;
        break;
      }
    }
  } catch (err) {
    if (err instanceof TableError) throw err;
    throw damaged();
  }
  if (!sheet || !first) throw noData();
  const chosen = sheet;
  const header = first.row === 1 ? first.cells.map((c) => c.text.trim()) : [];
  let scan: ReturnType<typeof scanSheet> | undefined;
  const scanned = () => {
    scan ??= scanSheet(book, chosen).catch(() => {
      throw damaged();
    });
    return scan;
  };
  return {
    sheet: chosen.name,
    header,
    estimateRows: async () => Math.max(0, (await scanned()).rows - 1),
    head: (n) =>
      take(xlsxRows(book, chosen, []), n).catch((err: unknown) => {
        throw err instanceof TableError ? err : damaged();
      }),
    async *rows() {
      const s = await scanned();
      if (s.rows > MAX_ROWS + 1) throw tooMany();
      try {
        yield* dataRows(xlsxRows(book, chosen, s.merges));
      } catch (err) {
        if (err instanceof TableError) throw err;
        throw damaged();
      }
    },
  };
}

/** Excel on Chinese Windows saves CSV as GBK, which GB18030 contains. */
function decoderFor(data: Buffer): { decoder: TextDecoder; start: number } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    return { decoder: new TextDecoder("utf-8"), start: 3 };
  return isUtf8(data)
    ? { decoder: new TextDecoder("utf-8"), start: 0 }
    : { decoder: new TextDecoder("gb18030"), start: 0 };
}

/** RFC 4180 as a stream: commas, double quotes around cells that hold commas, quotes ("") or line breaks. */
export class CsvParser {
  private row: string[] = [];
  private cell = "";
  private quoted = false;
  /** The last chunk ended inside a quoted cell on a '"' (it may be the first half of ""). */
  private quoteAtEnd = false;
  /** The last chunk ended on '\r' (a "\r\n" may be split). */
  private crAtEnd = false;
  readonly out: string[][] = [];

  feed(text: string): void {
    let i = 0;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (text[0] === "\n") i = 1;
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text[0] === '"') {
        this.cell += '"';
        i = 1;
      } else this.quoted = false;
    }
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (this.quoted) {
        if (ch === '"') {
          if (i + 1 === text.length) this.quoteAtEnd = true;
          else if (text[i + 1] === '"') {
            this.cell += '"';
            i++;
          } else this.quoted = false;
        } else this.cell += ch;
      } else if (ch === '"' && this.cell === "") this.quoted = true;
      else if (ch === ",") {
        this.row.push(this.cell);
        this.cell = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r") {
          if (i + 1 === text.length) this.crAtEnd = true;
          else if (text[i + 1] === "\n") i++;
        }
        this.row.push(this.cell);
        this.out.push(this.row);
        this.row = [];
        this.cell = "";
      } else this.cell += ch;
    }
  }

  end(): void {
    if (this.quoteAtEnd) this.quoted = false;
    if (this.cell !== "" || this.row.length) {
      this.row.push(this.cell);
      this.out.push(this.row);
    }
    this.row = [];
    this.cell = "";
  }
}

export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  p.feed(text);
  p.end();
  return p.out;
}

const CSV_CHUNK = 1 << 16;

/** Every line of the CSV with its number (1 = the header), chunk by chunk. */
async function* csvLines(data: Buffer): AsyncGenerator<{ n: number; cells: string[] }> {
  const { decoder, start } = decoderFor(data);
  const p = new CsvParser();
  let n = 0;
  for (let i = start; i < data.length; i += CSV_CHUNK) {
    p.feed(decoder.decode(data.subarray(i, Math.min(i + CSV_CHUNK, data.length)), { stream: true }));
    for (const cells of p.out.splice(0)) yield { n: ++n, cells };
  }
  p.feed(decoder.decode());
  p.end();
  for (const cells of p.out.splice(0)) yield { n: ++n, cells };
}

async function* csvRows(data: Buffer): AsyncGenerator<TableRow> {
  for await (const { n, cells } of csvLines(data)) {
    const row = cells.map((text) => ({ text, isFormula: false }));
    if (n === 1 || row.some((c) => c.text.trim() !== "")) yield { row: n, cells: row };
  }
}

async function openCsvTable(data: Buffer): Promise<TableSource> {
  const first = await firstRow(csvRows(data));
  if (!first) throw noData();
  const header = first.cells.map((c) => c.text.trim());
  let estimate: Promise<number> | undefined;
  // Every line after the header, empty ones included: counted without keeping any.
  const lines = () => {
    estimate ??= (async () => {
      let n = 0;
      for await (const _ of csvLines(data)) n++;
      return Math.max(0, n - 1);
    })();
    return estimate;
  };
  return {
    sheet: "CSV",
    header,
    estimateRows: lines,
    head: (n) => take(csvRows(data), n),
    async *rows() {
      // Refused before the first row is checked, so an import never writes a file it must refuse.
      if ((await lines()) > MAX_ROWS) throw tooMany();
      yield* dataRows(csvRows(data));
    },
  };
}
