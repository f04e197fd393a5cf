import { CHANNEL_ZH } from "../../domain/metrics/labels.ts";
import { rate } from "../../domain/metrics/percent.ts";
import type { Channel } from "../../domain/workflow/statuses.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { shanghaiDay } from "../stats/filters.ts";
import { BUCKET_SQL } from "../stats/summary.ts";
import { type Published, renderPublished, suppressGroup } from "./suppress.ts";

/**
 * Open data (issue #19 §4): monthly aggregates of one year by category (top level), township and
 * channel, with the on-time completion and satisfaction rates, counted over `case_stats` with the
 * statistics page's own expressions (month in Asia/Shanghai, `BUCKET_SQL`), then suppressed
 * (./suppress.ts). Nothing personal is read: no petitioner table, no titles or contents.
 */

export const OPEN_DATA_DIMENSIONS = ["total", "category", "region", "channel"] as const;
export type OpenDataDimension = (typeof OPEN_DATA_DIMENSIONS)[number];

export interface OpenDataRow {
  month: string;
  dimension: OpenDataDimension;
  /** Category code, township region code or channel; "" for the month's total; "none" for an empty field. */
  key: string;
  label: string;
  items: number | string;
  onTimeBase: number | string;
  onTimeRate: number | null;
  satisfactionBase: number | string;
  satisfactionRate: number | null;
}

export interface OpenData {
  year: number;
  generatedAt: string;
  minCell: number;
  rows: OpenDataRow[];
}

interface RawRow {
  month: string;
  dim: OpenDataDimension;
  key: string;
  label: string;
  items: number;
  onTime: number;
  onTimeBase: number;
  satisfied: number;
  satisfactionBase: number;
}

const COUNTY_LEVEL = { key: "county", label: "县本级" };
const NO_CATEGORY = { key: "none", label: "未分类" };

/** The year's monthly groups, unsuppressed (read only by `openData`). */
async function rawMonthly(q: Queryable, year: number, asOf: Date): Promise<RawRow[]> {
  const county = await q.query<{ path: string }>(
    "SELECT path FROM org_units WHERE kind = 'county' AND is_active ORDER BY path LIMIT 1",
  );
  const root = county.rows[0]?.path;
  if (!root) return [];
  const p = new SqlParams();
  const b = BUCKET_SQL(`${p.add(shanghaiDay(asOf))}::date`);
  const onTime = b["completion.onTime"];
  const onTimeBase = ["completion.onTime", "completion.late", "completion.notReplied", "completion.overdue"]
    .map((k) => `(${b[k as keyof typeof b]})`)
    .join(" OR ");
  const satisfied = `(${b["bureauRating.satisfied"]}) OR (${b["bureauRating.basically_satisfied"]})`;
  const rated = `${satisfied} OR (${b["bureauRating.dissatisfied"]})`;
  const rootP = p.add(root);
  const from = p.add(`${year}-01-01`);
  const to = p.add(`${year + 1}-01-01`);
  const { rows } = await q.query<{
    g: number;
    month: string;
    category: string | null;
    township: string | null;
    channel: string | null;
    items: string;
    on_time: string;
    on_time_base: string;
    satisfied: string;
    rated: string;
  }>(
    `WITH x AS (
       SELECT to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
              c.category_top_id::text AS category, c.channel,
              CASE WHEN starts_with(c.region_path, ${rootP} || '.')
                   THEN ${rootP} || '.' || split_part(substr(c.region_path, length(${rootP}) + 2), '.', 1) END AS township,
              (${onTime}) AS is_on_time, (${onTimeBase}) AS in_on_time_base,
              (${satisfied}) AS is_satisfied, (${rated}) AS is_rated
         FROM case_stats c
        WHERE c.received_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND c.received_at < (${to}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND (c.region_path = ${rootP} OR starts_with(c.region_path, ${rootP} || '.')))
     SELECT GROUPING(category, township, channel) AS g, month, category, township, channel,
            count(*)::int8 AS items,
            count(*) FILTER (WHERE is_on_time)::int8 AS on_time,
            count(*) FILTER (WHERE in_on_time_base)::int8 AS on_time_base,
            count(*) FILTER (WHERE is_satisfied)::int8 AS satisfied,
            count(*) FILTER (WHERE is_rated)::int8 AS rated
       FROM x
      GROUP BY GROUPING SETS ((month), (month, category), (month, township), (month, channel))`,
    p.values,
  );
  const cats = await q.query<{ id: string; code: string; name_zh: string }>(
    "SELECT id::text AS id, code, name_zh FROM categories",
  );
  const catOf = new Map(cats.rows.map((c) => [c.id, { key: c.code, label: c.name_zh }]));
  const towns = await q.query<{ path: string; region_code: string | null; name: string }>(
    "SELECT path, region_code, name FROM org_units WHERE starts_with(path, $1 || '.') AND kind = 'township'",
    [root],
  );
  const townOf = new Map(towns.rows.map((t) => [t.path, { key: t.region_code ?? t.path, label: t.name }]));
  return rows.map((r) => {
    // GROUPING bits: category (4), township (2), channel (1); a bit is set when the column is NOT grouped.
    const g = Number(r.g);
    let dim: OpenDataDimension = "total";
    let kl = { key: "", label: "合计" };
    if ((g & 4) === 0) {
      dim = "category";
      kl = r.category ? (catOf.get(r.category) ?? NO_CATEGORY) : NO_CATEGORY;
    } else if ((g & 2) === 0) {
      dim = "region";
      kl = r.township ? (townOf.get(r.township) ?? COUNTY_LEVEL) : COUNTY_LEVEL;
    } else if ((g & 1) === 0) {
      dim = "channel";
      kl = { key: r.channel ?? "none", label: r.channel ? CHANNEL_ZH[r.channel as Channel] : "未填写" };
    }
    return {
      month: r.month,
      dim,
      key: kl.key,
      label: kl.label,
      items: Number(r.items),
      onTime: Number(r.on_time),
      onTimeBase: Number(r.on_time_base),
      satisfied: Number(r.satisfied),
      satisfactionBase: Number(r.rated),
    };
  });
}

const DIM_ORDER: Record<OpenDataDimension, number> = { total: 0, category: 1, region: 2, channel: 3 };

/** The published table: every month × dimension group suppressed on its own (./suppress.ts). */
export function publish(raw: readonly RawRow[], min: number): OpenDataRow[] {
  const sorted = [...raw].sort(
    (a, b) =>
      a.month.localeCompare(b.month) || DIM_ORDER[a.dim] - DIM_ORDER[b.dim] || a.key.localeCompare(b.key),
  );
  const out: OpenDataRow[] = [];
  const months = [...new Set(sorted.map((r) => r.month))];
  for (const month of months) {
    const inMonth = sorted.filter((r) => r.month === month);
    const total = inMonth.find((r) => r.dim === "total");
    if (!total) continue;
    const totalItems = suppressGroup([total.items], min, false)[0]!;
    const totalBase = suppressGroup([total.onTimeBase], min, false)[0]!;
    const totalSat = suppressGroup([total.satisfactionBase], min, false)[0]!;
    out.push(row(total, totalItems, totalBase, totalSat, min));
    for (const dim of ["category", "region", "channel"] as const) {
      const cells = inMonth.filter((r) => r.dim === dim);
      const items = suppressGroup(
        cells.map((c) => c.items),
        min,
        typeof totalItems === "number",
      );
      const bases = suppressGroup(
        cells.map((c) => c.onTimeBase),
        min,
        typeof totalBase === "number",
      );
      const sats = suppressGroup(
        cells.map((c) => c.satisfactionBase),
        min,
        typeof totalSat === "number",
      );
      cells.forEach((c, i) => {
        out.push(row(c, items[i]!, bases[i]!, sats[i]!, min));
      });
    }
  }
  return out;
}

function row(r: RawRow, items: Published, base: Published, sat: Published, min: number): OpenDataRow {
  const shown = (v: Published) => (typeof v === "number" ? v : renderPublished(v, min));
  return {
    month: r.month,
    dimension: r.dim,
    key: r.key,
    label: r.label,
    items: shown(items),
    onTimeBase: shown(base),
    onTimeRate: typeof base === "number" && base > 0 ? rate(r.onTime, r.onTimeBase).percent : null,
    satisfactionBase: shown(sat),
    satisfactionRate:
      typeof sat === "number" && sat > 0 ? rate(r.satisfied, r.satisfactionBase).percent : null,
  };
}

interface CacheEntry {
  at: number;
  data: OpenData;
}
const cache = new Map<string, CacheEntry>();
/** Published figures are recomputed at most this often (and at every restart). */
export const OPEN_DATA_CACHE_MS = 10 * 60 * 1000;

/** The year's open data, from the cache when it is younger than OPEN_DATA_CACHE_MS. */
export async function openData(
  q: Queryable,
  year: number,
  min: number,
  now: Date,
  cacheScope = "default",
): Promise<OpenData> {
  const key = `${cacheScope}|${year}|${min}`;
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < OPEN_DATA_CACHE_MS && now.getTime() >= hit.at) return hit.data;
  const data: OpenData = {
    year,
    generatedAt: now.toISOString(),
    minCell: min,
    rows: publish(await rawMonthly(q, year, now), min),
  };
  cache.set(key, { at: now.getTime(), data });
  if (cache.size > 100) cache.delete(cache.keys().next().value as string);
  return data;
}

export const CSV_COLUMNS = [
  "month",
  "dimension",
  "key",
  "label",
  "items",
  "on_time_base",
  "on_time_rate",
  "satisfaction_base",
  "satisfaction_rate",
] as const;

/** A cell as CSV: quoted when needed; a leading = + - @ is neutralised so no spreadsheet runs it. */
function csvCell(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(d: OpenData): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of d.rows) {
    lines.push(
      [
        r.month,
        r.dimension,
        r.key,
        r.label,
        r.items,
        r.onTimeBase,
        r.onTimeRate,
        r.satisfactionBase,
        r.satisfactionRate,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  // A byte-order mark so Excel opens the UTF-8 Chinese labels correctly.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
