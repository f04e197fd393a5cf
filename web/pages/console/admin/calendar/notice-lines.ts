/**
 * The State Council's holiday notice as an administrator pastes it: one day per line,
 * `日期 放假|上班 [名称]` (or `holiday|workday`), e.g. `2027-10-09 上班 国庆节调休`. A range
 * `2027-10-04~2027-10-07 放假 国庆节` expands to its days.
 */
export interface NoticeDay {
  date: string;
  kind: "holiday" | "workday";
  name?: string;
}

export type NoticeParse = { days: NoticeDay[]; badLines: number[] };

const KIND: Record<string, NoticeDay["kind"]> = {
  放假: "holiday",
  休息: "holiday",
  holiday: "holiday",
  上班: "workday",
  补班: "workday",
  workday: "workday",
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function realDay(d: string): boolean {
  return DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
}

function daysBetween(from: string, to: string): string[] | null {
  if (!realDay(from) || !realDay(to) || to < from) return null;
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
    if (out.length > 31) return null;
  }
  return out;
}

export function parseNoticeLines(text: string): NoticeParse {
  const days: NoticeDay[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const [when = "", kindWord = "", ...rest] = line.split(/\s+/);
    const kind = KIND[kindWord.toLowerCase()];
    const [from = "", to = from] = when.split(/[~～至]/);
    const dates = daysBetween(from, to);
    if (!kind || !dates) {
      badLines.push(i + 1);
      return;
    }
    const name = rest.join(" ").slice(0, 50);
    for (const date of dates) days.push({ date, kind, ...(name ? { name } : {}) });
  });
  return { days, badLines };
}
