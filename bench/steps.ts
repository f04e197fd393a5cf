/**
 * Step documents and the hearing pause (npm run bench:steps): the time to lay out one 信访事项报告单
 * as Word and as PDF (the part of a report up, a hearing or an agreement that costs), and the
 * hearing-pause arithmetic over a year of start and end days. Prints figures; asserts nothing.
 */

import { addCalendarDays } from "../domain/calendar/local-date.ts";
import { movedByPause } from "../domain/calendar/pause.ts";
import { createWorkCalendar } from "../domain/calendar/working-days.ts";
import { STEP_DOCUMENT_KINDS } from "../domain/documents/step-templates.ts";
import { fillTemplate } from "../domain/documents/templates.ts";
import { findPdfFont, renderDocx, renderPdf } from "../server/documents/render.ts";
import { machineInfo } from "./lib.ts";

const log = (s: string) => process.stdout.write(`${s}\n`);
const RUNS = Number(process.env.BENCH_STEPS_RUNS ?? 20);

const t = STEP_DOCUMENT_KINDS.report_up;
const letter = {
  title: t.title,
  caseNumber: "419001-2026-0000030",
  body: fillTemplate(t.body, {
    reportRecipients: "中共示范县委员会、示范县人民政府、上级信访工作机构",
    registeredTime: "2026年12月7日09时30分",
    petitionerName: "张某等12人",
    title: "反映拖欠农民工工资问题",
    caseNumber: "419001-2026-0000030",
    channelName: "来访",
    reportContent: "十余名工人聚集讨薪，情绪激动，已派员到场稳控。".repeat(8),
    reportTime: "2026年12月7日10时05分",
  }),
  issuer: "示范县信访局",
  issueDate: "2026年12月7日",
};

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  log(
    `  ${label.padEnd(40)} median ${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms (${RUNS} runs)`,
  );
}

log(`steps benchmark — ${JSON.stringify(machineInfo())}`);
await time("报告单 as Word (docx)", () => renderDocx(letter));
const font = findPdfFont(null);
if (font) await time("报告单 as PDF (pdfmake, CJK subset)", () => renderPdf(letter, font));
else log("  no CJK font installed: PDF not measured");

const calendar = createWorkCalendar();
const t0 = performance.now();
let n = 0;
for (let d = 0; d < 365; d++) {
  const from = addCalendarDays("2026-01-01", d);
  for (const days of [0, 3, 10, 30]) {
    movedByPause({ amount: 60, unit: "calendar" }, "2026-12-31", from, addCalendarDays(from, days), calendar);
    movedByPause({ amount: 10, unit: "working" }, "2026-12-31", from, addCalendarDays(from, days), calendar);
    n += 2;
  }
}
log(`  hearing pause moves                      ${n} in ${(performance.now() - t0).toFixed(1)} ms`);
