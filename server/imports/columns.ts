/**
 * What the network and users imports share: finding their columns by header, the problems they
 * report (sheet, row, column, in Chinese and English), and the checks of a text cell.
 */
import type { Table, TableCell, TableRow } from "./read-table.ts";

export interface ImportIssue {
  sheet: string;
  /** The spreadsheet's row number; null for a problem of the whole file. */
  row: number | null;
  /** The column as the file names it, with its letter: 「区划代码」(C). */
  column: string | null;
  zh: string;
  en: string;
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** The template's header first, then the other names bureaus use for it. */
  headers: readonly string[];
  required: boolean;
}

/** A → 0, …: the letter Excel shows above column `i` (0-based). */
export function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const normalise = (h: string) =>
  h
    .replace(/[\s（(].*$/u, "")
    .replace(/\*/g, "")
    .trim();

export interface Columns<K extends string> {
  index: Record<K, number>;
  label(key: K): string;
  cell(row: TableRow, key: K): TableCell;
}

/** Finds each column by its header (the part before any bracket or asterisk); missing required ones are issues. */
export function mapColumns<K extends string>(
  table: Table,
  specs: readonly ColumnSpec<K>[],
): { columns: Columns<K>; issues: ImportIssue[] } {
  const index = {} as Record<K, number>;
  const issues: ImportIssue[] = [];
  const headers = table.header.map((h) => normalise(h ?? ""));
  for (const spec of specs) {
    index[spec.key] = headers.findIndex((h) => spec.headers.includes(h));
    if (index[spec.key] < 0 && spec.required)
      issues.push({
        sheet: table.sheet,
        row: 1,
        column: spec.headers[0]!,
        zh: `缺少列「${spec.headers[0]}」（表头在第1行）`,
        en: `the column "${spec.headers[0]}" is missing (headers are in row 1)`,
      });
  }
  const empty: TableCell = { text: "", isFormula: false };
  return {
    issues,
    columns: {
      index,
      label: (key) => {
        const i = index[key];
        const spec = specs.find((s) => s.key === key)!;
        return i >= 0 ? `${table.header[i] || spec.headers[0]}（${columnLetter(i)}）` : spec.headers[0]!;
      },
      cell: (row, key) => (index[key] >= 0 ? (row.cells[index[key]] ?? empty) : empty),
    },
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Why a text cell cannot be taken: a formula, a value a spreadsheet would run as one when the
 * data is exported again (= + - @ at the start: formula injection), control characters, length.
 */
export function textProblem(
  cell: TableCell,
  max: number,
  required: boolean,
): { zh: string; en: string } | null {
  if (cell.isFormula)
    return {
      zh: "单元格是公式，不导入公式，请粘贴为数值",
      en: "the cell holds a formula: paste it as a value",
    };
  const text = cell.text.trim();
  if (text === "") return required ? { zh: "不能为空", en: "must not be empty" } : null;
  if (/^[=+\-@\t\r]/.test(text))
    return {
      zh: "不能以 = + - @ 开头（可能被电子表格当作公式执行）",
      en: "must not start with = + - @ (a spreadsheet could run it as a formula)",
    };
  if (CONTROL.test(text)) return { zh: "含有控制字符", en: "holds control characters" };
  if ([...text].length > max) return { zh: `超过${max}个字`, en: `longer than ${max} characters` };
  return null;
}

export function issueAt(
  table: Table,
  row: TableRow,
  column: string | null,
  p: { zh: string; en: string },
): ImportIssue {
  return { sheet: table.sheet, row: row.row, column, zh: p.zh, en: p.en };
}

/** The issue as one line of Chinese: 「单位」工作表第3行「区划代码」（C）列：… */
export function issueLine(i: ImportIssue): string {
  const where = [
    `「${i.sheet}」工作表`,
    i.row ? `第${i.row}行` : "",
    i.column ? `「${i.column}」列` : "",
  ].join("");
  return `${where}：${i.zh}（${i.en}）`;
}
