import { placeholderTokens } from "../../domain/documents/templates.ts";
import { RATE_ZH, type RateName } from "../../domain/metrics/labels.ts";
import { formatPercent, roundingNote } from "../../domain/metrics/percent.ts";
import type { Change } from "../../domain/metrics/rates.ts";
import type { TBreakdownRow, TRate, TStatsSummary } from "../../domain/schemas/stats.ts";
import { WAGE_PLACEHOLDERS } from "../fields/report.ts";
import { BUREAU_PLACEHOLDERS } from "./bureau-figures.ts";

/**
 * The work report's narrative template: text an analyst edits, with placeholders for every number.
 * Lines starting with "# " / "## " are headings, a line "{{table:name}}" is a table, every other
 * line is a paragraph. Numbers come only from the statistics summary, so the words can change and
 * the figures cannot.
 */

export const PLACEHOLDERS: Record<string, string> = {
  "period.label": "统计期间，如“2025年”",
  "scope.name": "统计范围（本级单位名称）",
  "total.items": "信访事项总件次",
  "total.batches": "来访总批次",
  "total.personVisits": "来访总人次",
  "letter.items": "来信件次",
  "online.items": "网上信访件次",
  "visit.items": "来访件次",
  "visit.batches": "来访批次",
  "visit.personVisits": "来访人次",
  "phone.items": "来电件次",
  "referral.items": "上级交办转送件次",
  "individualVisits.items": "个体访件次",
  "individualVisits.personVisits": "个体访人次",
  "collectiveVisits.items": "集体访件次",
  "collectiveVisits.batches": "集体访批次",
  "collectiveVisits.personVisits": "集体访人次",
  "online.byNature": "网上信访按性质的件数和占比（一句话）",
  "visits.byDestination": "来访按去向层级的批次和人次（一句话）",
  "rates.timelyAcceptance": "及时受理率",
  "rates.onTimeCompletion": "按期办结率",
  "rates.evaluation": "参评率",
  "rates.bureauSatisfaction": "信访部门满意率",
  "rates.unitSatisfaction": "承办单位满意率",
  "rates.repeat": "重复信访率",
  "rates.onlineShare": "网信占比",
  "yoy.items": "件次同比变化，如“增长12.5%”",
  "mom.items": "件次环比变化",
  topCategories: "件次最多的问题类别及占比（一句话）",
  topUnits: "承办件次最多的单位（一句话）",
  // The bureau's own work (reception, ownership, disputes, supervision, …): server/reports/bureau-figures.ts.
  ...BUREAU_PLACEHOLDERS,
  // Wages recovered for migrant workers, from the payments ledger: server/fields/report.ts.
  ...WAGE_PLACEHOLDERS,
};

export const TABLES: Record<string, string> = {
  channels: "按信访渠道",
  onlineByNature: "网上信访按性质",
  visitsByDestination: "来访按去向层级",
  visitsByCollective: "来访按个体/集体",
  rates: "主要指标",
  categories: "按问题类别",
  units: "按承办单位",
  regions: "按问题属地",
  natures: "按信访性质",
  months: "按月份",
};

const TOKEN = /\{\{\s*([a-zA-Z.:]+)\s*\}\}/g;

/**
 * Placeholders and tables the body names that do not exist (an empty list means the body is
 * valid): whatever stands between double braces, however it is spelled, and stray braces.
 */
export function unknownPlaceholders(body: string): string[] {
  const bad = new Set<string>();
  for (const name of placeholderTokens(body)) {
    if (name.startsWith("table:")) {
      if (!Object.hasOwn(TABLES, name.slice(6))) bad.add(name);
    } else if (!Object.hasOwn(PLACEHOLDERS, name)) bad.add(name);
  }
  return [...bad];
}

export type Block =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; name: string; title: string; header: string[]; rows: string[][]; note?: string };

function changeText(c: Change): string {
  if (c.percent === null) return c.current === 0 ? "持平" : `增加${c.delta}件`;
  if (c.delta === 0) return "持平";
  return `${c.delta > 0 ? "增长" : "下降"}${Math.abs(c.percent).toFixed(1)}%`;
}

const pct = (r: TRate) => formatPercent(r.percent);
const pctShare = (share: number | null) => formatPercent(share);

function find(rows: TBreakdownRow[] | undefined, key: string): TBreakdownRow | undefined {
  return rows?.find((r) => r.key === key);
}

/** The value of every placeholder for a summary. */
export function placeholderValues(s: TStatsSummary): Record<string, string> {
  const ch = (k: string) => find(s.breakdowns.channel, k);
  const n = (v: number | undefined) => String(v ?? 0);
  const indiv = find(s.splits.byCollective.visit, "false");
  const coll = find(s.splits.byCollective.visit, "true");
  const onlineNature = (s.splits.byNature.online ?? []).filter((r) => r.items > 0);
  const destinations = (s.splits.byDestinationLevel.visit ?? []).filter((r) => r.items > 0);
  const topCats = (s.breakdowns.category ?? []).filter((r) => r.items > 0 && r.key !== null).slice(0, 5);
  const topUnits = (s.breakdowns.handlingUnit ?? []).filter((r) => r.items > 0 && r.key !== null).slice(0, 5);
  return {
    "period.label": s.period.label,
    "scope.name": s.scope.name,
    "total.items": n(s.totals.items),
    "total.batches": n(s.totals.batches),
    "total.personVisits": n(s.totals.personVisits),
    "letter.items": n(ch("letter")?.items),
    "online.items": n(ch("online")?.items),
    "visit.items": n(ch("visit")?.items),
    "visit.batches": n(ch("visit")?.batches),
    "visit.personVisits": n(ch("visit")?.personVisits),
    "phone.items": n(ch("phone")?.items),
    "referral.items": n(ch("referral")?.items),
    "individualVisits.items": n(indiv?.items),
    "individualVisits.personVisits": n(indiv?.personVisits),
    "collectiveVisits.items": n(coll?.items),
    "collectiveVisits.batches": n(coll?.batches),
    "collectiveVisits.personVisits": n(coll?.personVisits),
    "online.byNature":
      onlineNature.map((r) => `${r.label}${r.items}件，占${pctShare(r.share)}`).join("；") || "无",
    "visits.byDestination":
      destinations
        .map((r) => {
          const reg = s.splits.visitsRegisteredAbove.find((x) => x.key === r.key);
          // 赴省67批198人次（其中登记48批69人次）: the upper level's registrations of the visits to it.
          const registered = reg ? `（其中登记${reg.batches}批${reg.personVisits}人次）` : "";
          return `${r.label}${r.batches}批${r.personVisits}人次${registered}`;
        })
        .join("，") || "无",
    "rates.timelyAcceptance": pct(s.rates.timelyAcceptance),
    "rates.onTimeCompletion": pct(s.rates.onTimeCompletion),
    "rates.evaluation": pct(s.rates.evaluation),
    "rates.bureauSatisfaction": pct(s.rates.bureauSatisfaction),
    "rates.unitSatisfaction": pct(s.rates.unitSatisfaction),
    "rates.repeat": pct(s.rates.repeat),
    "rates.onlineShare": pct(s.rates.onlineShare),
    "yoy.items": changeText(s.comparison.items.yoy),
    "mom.items": changeText(s.comparison.items.mom),
    topCategories:
      topCats
        .map((r) => `${r.label}${r.items}件（${r.personVisits}人次），占${pctShare(r.share)}`)
        .join("；") || "无",
    topUnits: topUnits.map((r) => `${r.label}${r.items}件`).join("、") || "无",
  };
}

interface TableBody {
  header: string[];
  rows: string[][];
  /** Under the table: why the shares do not add up to 100.0 (each is rounded on its own). */
  note?: string;
}

/**
 * A breakdown as a table. 批次 and 人次 are visits' measures: a table of visits has both, a table of
 * other cases (online petitions by nature) has neither, and a table over every channel names them
 * as the visits' (来访批次, 来访人次).
 */
function countTable(rows: TBreakdownRow[], holds: "visits" | "others" | "all" = "all"): TableBody {
  const header =
    holds === "visits"
      ? ["项目", "件次", "批次", "人次", "占比"]
      : holds === "others"
        ? ["项目", "件次", "占比"]
        : ["项目", "件次", "来访批次", "来访人次", "占比"];
  const cells = (label: string, items: number, batches: number, pv: number, share: string) =>
    holds === "others"
      ? [label, String(items), share]
      : [label, String(items), String(batches), String(pv), share];
  const body = rows.map((r) => cells(r.label, r.items, r.batches, r.personVisits, pctShare(r.share)));
  const total = rows.reduce(
    (a, r) => ({ items: a.items + r.items, batches: a.batches + r.batches, pv: a.pv + r.personVisits }),
    { items: 0, batches: 0, pv: 0 },
  );
  body.push(cells("合计", total.items, total.batches, total.pv, total.items ? "100%" : "—"));
  const note = roundingNote(rows.map((r) => r.share));
  return note ? { header, rows: body, note } : { header, rows: body };
}

function tableOf(name: string, s: TStatsSummary): TableBody {
  switch (name) {
    case "channels":
      return countTable(s.breakdowns.channel ?? []);
    case "onlineByNature":
      return countTable(s.splits.byNature.online ?? [], "others");
    case "visitsByDestination":
      return countTable(s.splits.byDestinationLevel.visit ?? [], "visits");
    case "visitsByCollective":
      return countTable(s.splits.byCollective.visit ?? [], "visits");
    case "categories":
      return countTable(s.breakdowns.category ?? []);
    case "units":
      return countTable(s.breakdowns.handlingUnit ?? []);
    case "regions":
      return countTable(s.breakdowns.problemRegion ?? []);
    case "natures":
      return countTable(s.breakdowns.nature ?? []);
    case "months":
      return countTable(s.breakdowns.month ?? []);
    case "rates": {
      const r = s.rates;
      const rows: [string, TRate][] = (Object.keys(RATE_ZH) as RateName[]).map((k) => [RATE_ZH[k], r[k]]);
      return {
        header: ["指标", "分子", "分母", "比率"],
        rows: rows.map(([label, x]) => [label, String(x.numerator), String(x.denominator), pct(x)]),
      };
    }
    default:
      throw new Error(`unknown table ${name}`);
  }
}

/** The template filled with the summary's figures, as blocks a writer (Word) lays out. */
export function renderTemplate(body: string, s: TStatsSummary, extra: Record<string, string> = {}): Block[] {
  const values = { ...placeholderValues(s), ...extra };
  const blocks: Block[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const table = /^\{\{\s*table:([a-zA-Z]+)\s*\}\}$/.exec(line);
    if (table) {
      const name = table[1]!;
      blocks.push({ kind: "table", name, title: TABLES[name] ?? name, ...tableOf(name, s) });
      continue;
    }
    const text = line.replace(TOKEN, (_m, key: string) => values[key] ?? "");
    if (text.startsWith("## ")) blocks.push({ kind: "heading", level: 2, text: text.slice(3) });
    else if (text.startsWith("# ")) blocks.push({ kind: "heading", level: 1, text: text.slice(2) });
    else blocks.push({ kind: "paragraph", text });
  }
  return blocks;
}
