/**
 * One ledger row's cells as a historical case: dates in the forms ledgers use, the channel, the
 * rating, counts, and the key that makes a second import of the same row add nothing. Pure.
 */
import { createHash } from "node:crypto";

type Problem = { zh: string; en: string };

const pad = (n: number) => String(n).padStart(2, "0");

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date as ledgers write it: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, an Excel
 * serial number (45356) or a date cell (read as 2024-03-05). Null when it is none of these.
 */
export function parseLedgerDate(raw: string): string | null {
  const t = raw.normalize("NFKC").trim().replace(/\s+/g, "");
  if (t === "") return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T.*|\d{1,2}:\d{2}(?::\d{2})?)?$/u.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // Excel's serial day: day 1 is 1900-01-01 and its day 60 a 1900-02-29 that never was, so day n
  // (n > 60) is n days after 1899-12-30. A fraction is the time of day.
  if (/^\d{4,6}(\.\d+)?$/.test(t)) {
    const n = Math.floor(Number(t));
    if (n < 18264 /* 1950-01-01 */ || n > 73051 /* 2099-12-31 */) return null;
    const d = new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

export const LEDGER_CHANNELS: Record<string, "letter" | "visit" | "online" | "phone" | "referral"> = {
  来信: "letter",
  信件: "letter",
  书信: "letter",
  来访: "visit",
  走访: "visit",
  个访: "visit",
  集访: "visit",
  网上: "online",
  网信: "online",
  网上信访: "online",
  网络: "online",
  领导信箱: "online",
  电话: "phone",
  来电: "phone",
  热线: "phone",
  转交: "referral",
  转办: "referral",
  交办: "referral",
  上级交办: "referral",
};

export function parseChannel(raw: string): { channel: (typeof LEDGER_CHANNELS)[string] } | Problem {
  const t = raw.normalize("NFKC").trim().replace(/\s+/g, "");
  if (t === "") return { channel: "letter" };
  const channel = LEDGER_CHANNELS[t] ?? LEDGER_CHANNELS[t.replace(/信访$/u, "")];
  if (channel) return { channel };
  return {
    zh: `信访形式「${t}」无法识别，应为 来信、来访、网上（网信）、电话（来电）、领导信箱 或 转交`,
    en: `unknown channel "${t}": 来信, 来访, 网上 (网信), 电话 (来电), 领导信箱 or 转交`,
  };
}

export type Rating = "satisfied" | "basically_satisfied" | "dissatisfied";

export function parseSatisfaction(raw: string): { rating: Rating | null } | Problem {
  const t = raw.normalize("NFKC").trim().replace(/\s+/g, "");
  if (t === "" || t === "未评价" || t === "未参评" || t === "/" || t === "无") return { rating: null };
  if (["满意", "是", "非常满意"].includes(t)) return { rating: "satisfied" };
  if (t === "基本满意") return { rating: "basically_satisfied" };
  if (["不满意", "否"].includes(t)) return { rating: "dissatisfied" };
  return {
    zh: `满意度「${t}」无法识别，应为 满意、基本满意、不满意（或空）`,
    en: `unknown rating "${t}": 满意, 基本满意, 不满意 (or empty)`,
  };
}

/** A count cell (人数, 批次): empty is 1; else a whole number in range. */
export function parseCount(raw: string, max: number): { value: number } | Problem {
  const t = raw
    .normalize("NFKC")
    .trim()
    .replace(/[人批次件\s]/gu, "");
  if (t === "") return { value: 1 };
  if (!/^\d+(\.0+)?$/.test(t) || Number(t) < 1 || Number(t) > max)
    return { zh: `应为1到${max}之间的整数`, en: `must be a whole number from 1 to ${max}` };
  return { value: Number.parseInt(t, 10) };
}

/**
 * What makes a row the same row in a second import: the ledger's own number when it has one
 * (unique within the bureau's ledgers), else a hash of the row's normalised content.
 */
export function importKey(row: {
  ledgerNumber: string | null;
  receivedOn: string;
  name: string;
  idNumber: string;
  content: string;
}): string {
  if (row.ledgerNumber) return `n:${row.ledgerNumber.normalize("NFKC").replace(/\s+/g, "")}`;
  const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
  return `h:${createHash("sha256")
    .update(
      [row.receivedOn, norm(row.name), norm(row.idNumber).toUpperCase(), norm(row.content)].join("\u0001"),
    )
    .digest("hex")}`;
}

/** The case's title: the first sentence of the matter, at most 30 characters. */
export function titleOf(content: string): string {
  const first =
    content
      .trim()
      .split(/[。！？；\n]/u)[0]!
      .trim() || content.trim();
  const chars = [...first];
  return chars.length > 30 ? `${chars.slice(0, 30).join("")}…` : first;
}
