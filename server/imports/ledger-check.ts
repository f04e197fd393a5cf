/**
 * One ledger row checked against the confirmed mapping: its problems (by row and column, in
 * Chinese and English) or the parsed row. Pure: nothing of the database, nothing kept between rows.
 */
import { columnLetter, type ImportIssue, textProblem } from "./columns.ts";
import type { ParsedRow } from "./ledger.ts";
import type { LedgerField, LedgerMapping } from "./ledger-columns.ts";
import { importKey, parseChannel, parseCount, parseLedgerDate, parseSatisfaction } from "./ledger-rows.ts";
import type { TableCell, TableRow } from "./read-table.ts";

export type RowCheck =
  | { ok: true; row: ParsedRow }
  | {
      ok: false;
      issues: ImportIssue[];
      /** The first problem as one line, for the report. */
      note: string;
    };

const EMPTY: TableCell = { text: "", isFormula: false };

export function rowChecker(sheet: string, header: readonly string[], mapping: LedgerMapping) {
  const label = (f: LedgerField) => {
    const i = mapping[f]!;
    return `${header[i] || f}（${columnLetter(i)}）`;
  };
  const cell = (r: TableRow, f: LedgerField): TableCell => {
    const i = mapping[f];
    return i === null ? EMPTY : (r.cells[i] ?? EMPTY);
  };
  return (r: TableRow): RowCheck => {
    const issues: ImportIssue[] = [];
    let note = "";
    const fail = (f: LedgerField | null, p: { zh: string; en: string }) => {
      issues.push({ sheet, row: r.row, column: f ? label(f) : null, zh: p.zh, en: p.en });
      if (!note) note = `${f ? `${label(f)}：` : ""}${p.zh}（${p.en}）`;
    };
    const text = (f: LedgerField, max: number, required: boolean): string => {
      const c = cell(r, f);
      const p = textProblem(c, max, required);
      if (p) fail(f, p);
      return c.text.trim();
    };
    const dateCell = cell(r, "receivedOn");
    let receivedOn: string | null = null;
    if (dateCell.isFormula) fail("receivedOn", textProblem(dateCell, 40, true)!);
    else {
      receivedOn = parseLedgerDate(dateCell.text);
      if (!receivedOn)
        fail("receivedOn", {
          zh: `日期「${dateCell.text.trim()}」无法识别（如 2024-03-05、2024/3/5、2024.3.5、2024年3月5日）`,
          en: `cannot read the date "${dateCell.text.trim()}" (e.g. 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日)`,
        });
    }
    const closedCell = cell(r, "closedOn");
    let closedOn: string | null = null;
    if (closedCell.isFormula) fail("closedOn", textProblem(closedCell, 40, false)!);
    else if (closedCell.text.trim()) {
      closedOn = parseLedgerDate(closedCell.text);
      if (!closedOn)
        fail("closedOn", {
          zh: `日期「${closedCell.text.trim()}」无法识别`,
          en: `cannot read the date "${closedCell.text.trim()}"`,
        });
      else if (receivedOn && closedOn < receivedOn)
        fail("closedOn", { zh: "办结日期早于登记日期", en: "closed before it was received" });
    }
    const content = text("content", 20000, true);
    const name = text("name", 50, false);
    const idNumber = text("idNumber", 30, false);
    const phone = text("phone", 30, false);
    const address = text("address", 200, false);
    const category = text("category", 100, false);
    const region = text("region", 100, false);
    const unit = text("unit", 100, false);
    const outcome = text("outcome", 20000, false);
    const ledgerNumberText = text("ledgerNumber", 60, false);
    text("serial", 30, false);
    const ch = parseChannel(cell(r, "channel").text);
    if ("zh" in ch) fail("channel", ch);
    const sat = parseSatisfaction(cell(r, "satisfaction").text);
    if ("zh" in sat) fail("satisfaction", sat);
    const hc = parseCount(cell(r, "headcount").text, 100000);
    if ("zh" in hc) fail("headcount", hc);
    const bc = parseCount(cell(r, "batches").text, 10000);
    if ("zh" in bc) fail("batches", bc);
    if (issues.length || !receivedOn) return { ok: false, issues, note };
    const ledgerNumber = ledgerNumberText || null;
    return {
      ok: true,
      row: {
        row: r.row,
        receivedOn,
        closedOn,
        name,
        idNumber,
        phone,
        address,
        channel: "channel" in ch ? ch.channel : "letter",
        headcount: "value" in hc ? hc.value : 1,
        batches: "value" in bc ? bc.value : 1,
        content,
        category,
        region,
        unit,
        outcome,
        rating: "rating" in sat ? sat.rating : null,
        ledgerNumber,
        key: importKey({ ledgerNumber, receivedOn, name, idNumber, content }),
      },
    };
  };
}
